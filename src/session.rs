//! The reader's session, natively testable: the data in use (prices, loaded market series, the
//! long history), the reader's choices (reference, scenario, visible window) and the current
//! view, with the policies that connect them (merging loaded data, keeping the reference when
//! the new data has it, clamping the window, the window presets). `web.rs` wraps one of these
//! and only translates between JavaScript and Rust.

use crate::model::bars::{format_date, parse_date};
use crate::model::history::CloseHistory;
use crate::model::ingest::MarketSeries;
use crate::model::metric::Metric;
use crate::model::narrative::Paragraph;
use crate::model::scenarios::ScenarioId;
use crate::model::text::Part;
use crate::model::{DataError, Explainer, Reference, StoryView};

/// What a load brought, for the page's status line.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LoadSummary {
    /// `prices`, `market` or `story`.
    pub kind: &'static str,
    pub format: String,
    pub first: String,
    pub last: String,
    pub days: usize,
    pub warnings: Vec<String>,
}

/// The session. Every method leaves the session unchanged when it returns an error.
#[derive(Debug, Clone)]
pub struct Session {
    pub explainer: Explainer,
    /// Market series loaded so far, applied again when new prices arrive.
    markets: Vec<MarketSeries>,
    pub reference: Reference,
    pub scenario: ScenarioId,
    pub view: StoryView,
    /// Visible bars of the price chart, inclusive.
    pub window: (usize, usize),
    /// Each paragraph as [`Session::text_changes`] last handed it out, with the figures it names.
    shown_text: Vec<(Paragraph, Vec<Metric>)>,
}

/// The paragraphs whose words or named figures changed, and the figures they name (see
/// [`Session::text_changes`]).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct TextChanges {
    pub metrics: Vec<Metric>,
    pub text: Vec<Paragraph>,
}

/// The fewest bars a window shows.
pub const MIN_WINDOW_BARS: usize = 5;

impl Session {
    /// Validates the prices (any format `model::ingest` reads) and the story figures. Errors
    /// name the file, line and field.
    pub fn new(prices: &str, prices_name: &str, figures_csv: &str, figures_name: &str) -> Result<Session, DataError> {
        Session::start(Explainer::new(prices, prices_name, figures_csv, figures_name)?)
    }

    /// As [`Session::new`], from the bundled prices and figures in their compact forms (see
    /// [`Explainer::from_compact`]).
    pub fn from_compact(prices: &[u8], prices_name: &str, figures: &[u8], figures_name: &str) -> Result<Session, DataError> {
        Session::start(Explainer::from_compact(prices, prices_name, figures, figures_name)?)
    }

    fn start(explainer: Explainer) -> Result<Session, DataError> {
        let view = explainer.view(Reference::ArticleFraming, ScenarioId::Recovery.as_str())?;
        let window = (0, explainer.series.bars.len().saturating_sub(1));
        Ok(Session { explainer, markets: Vec::new(), reference: Reference::ArticleFraming, scenario: ScenarioId::Recovery, view, window, shown_text: Vec::new() })
    }

    /// Adds the long history of closes (for "the largest fall since …").
    pub fn load_history(&mut self, text: &str, name: &str) -> Result<(), DataError> {
        self.set_history(CloseHistory::parse_csv(text, name)?)
    }

    /// As [`Session::load_history`], from its compact form ([`crate::model::compact`]).
    pub fn load_history_compact(&mut self, bytes: &[u8], name: &str) -> Result<(), DataError> {
        self.set_history(crate::model::compact::decode_history(bytes, name)?)
    }

    fn set_history(&mut self, history: CloseHistory) -> Result<(), DataError> {
        let mut e = self.explainer.clone();
        e.set_history(history);
        let view = e.view(self.reference, self.scenario.as_str())?;
        self.explainer = e;
        self.view = view;
        Ok(())
    }

    /// Loads fetched data of any format `model::ingest` reads: prices replace the bars (market
    /// series loaded before are applied again, the history is kept), a market series replaces
    /// the article's figure, a story brings both. Keeps the scenario; keeps the reference date
    /// when the new data has it, else returns to the article's framing; shows all the new bars.
    pub fn load_data(&mut self, text: &str, source_name: &str) -> Result<LoadSummary, DataError> {
        // The one door, shared with `check-data`.
        let loaded = crate::model::door::load(&self.explainer, &self.markets, text, source_name)?;
        let explainer = loaded.explainer;
        let reference = match self.reference {
            Reference::Close(d) if explainer.series.index_of(d).is_none() => Reference::ArticleFraming,
            r => r,
        };
        let view = explainer.view(reference, self.scenario.as_str())?;
        self.view = view;
        self.reference = reference;
        self.window = (0, explainer.series.bars.len().saturating_sub(1));
        self.explainer = explainer;
        self.markets.extend(loaded.new_markets);
        let s = &self.explainer.series;
        Ok(LoadSummary {
            kind: loaded.kind,
            format: loaded.format,
            first: format_date(s.first_date()),
            last: format_date(s.last_date()),
            days: s.bars.len(),
            warnings: s.warnings.clone(),
        })
    }

    /// Selects a scenario by id.
    pub fn set_scenario(&mut self, id: &str) -> Result<(), DataError> {
        let scenario = ScenarioId::parse(id).ok_or_else(|| DataError::file("scenario", format!("'{id}' is not one of {}", ScenarioId::ALL.map(|s| s.as_str()).join(", "))))?;
        self.explainer.turn_to_scenario(&mut self.view, self.reference, scenario.as_str())?;
        self.scenario = scenario;
        Ok(())
    }

    /// Sets the reference to the close of `iso_date` (YYYY-MM-DD), or to the article's framing
    /// when empty.
    pub fn set_reference_date(&mut self, iso_date: &str) -> Result<(), DataError> {
        let reference = if iso_date.trim().is_empty() {
            Reference::ArticleFraming
        } else {
            let shown: String = iso_date.chars().take(40).collect();
            Reference::Close(parse_date(iso_date).ok_or_else(|| DataError::file("reference date", format!("'{shown}' is not a date YYYY-MM-DD")))?)
        };
        let view = self.explainer.view(reference, self.scenario.as_str())?;
        (self.reference, self.view) = (reference, view);
        Ok(())
    }

    /// Shows bars `first..=last` on the price chart, clamped to the data and widened to at
    /// least [`MIN_WINDOW_BARS`] bars (fewer only when the data has fewer).
    pub fn set_window(&mut self, first: usize, last: usize) {
        let n = self.explainer.series.bars.len();
        if n == 0 {
            return;
        }
        let last = last.min(n - 1);
        let first = first.min(last);
        let want = MIN_WINDOW_BARS.min(n);
        let (first, last) = if last - first + 1 >= want {
            (first, last)
        } else {
            let last = (first + want - 1).min(n - 1);
            (last + 1 - want, last)
        };
        self.window = (first, last);
    }

    /// A named time range: `1m`, `3m`, `6m` (the last 30, 91, 182 calendar days of the data),
    /// `since_high` (from the highest high before the crash), `all`.
    pub fn set_window_preset(&mut self, preset: &str) -> Result<(), DataError> {
        let bars = &self.explainer.series.bars;
        let n = bars.len();
        let last_date = self.explainer.series.last_date();
        let from_days = |days: i64| bars.iter().position(|b| (last_date - b.date).whole_days() < days).unwrap_or(0);
        let first = match preset {
            "1m" => from_days(30),
            "3m" => from_days(91),
            "6m" => from_days(182),
            "since_high" => self.explainer.series.index_of(self.explainer.ath.date).unwrap_or(0),
            "all" => 0,
            _ => return Err(DataError::file("time range", format!("'{}' is not one of 1m, 3m, 6m, since_high, all", preset.chars().take(20).collect::<String>()))),
        };
        self.set_window(first, n.saturating_sub(1));
        Ok(())
    }

    /// The paragraphs of the current view whose words, or the figures they name, differ from
    /// what the last call returned (all of them on the first call), with those figures: what a
    /// scenario switch must rebuild on the page (a few paragraphs, not the forty). Each call
    /// remembers what it returned.
    pub fn text_changes(&mut self) -> TextChanges {
        let metrics = &self.view.metrics;
        let named = |p: &Paragraph| -> Vec<Metric> {
            p.text.0.iter().filter_map(|part| if let Part::Figure { f, .. } = part { metrics.iter().find(|m| m.id == f) } else { None }).cloned().collect()
        };
        let mut out = TextChanges::default();
        let mut shown = Vec::with_capacity(self.view.text.len());
        for p in &self.view.text {
            let figures = named(p);
            if !self.shown_text.iter().any(|(q, m)| q == p && *m == figures) {
                for m in &figures {
                    if !out.metrics.iter().any(|x| x.id == m.id) {
                        out.metrics.push(m.clone());
                    }
                }
                out.text.push(p.clone());
            }
            shown.push((p.clone(), figures));
        }
        self.shown_text = shown;
        out
    }

    /// The visible window's first and last dates.
    pub fn window_dates(&self) -> (String, String) {
        let b = &self.explainer.series.bars;
        (format_date(b[self.window.0].date), format_date(b[self.window.1].date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled::*;

    fn session() -> Session {
        Session::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap()
    }

    /// Turning a view to another scenario gives what computing it whole gives, for every pair
    /// of scenarios, at the article's framing and at a reader's date, with the long history.
    #[test]
    fn a_view_turned_to_a_scenario_equals_the_view_computed_whole() {
        let mut s = session();
        s.load_history(HISTORY_CSV, HISTORY_NAME).unwrap();
        for reference in ["", "2026-03-16"] {
            s.set_reference_date(reference).unwrap();
            for from in ScenarioId::ALL {
                for to in ScenarioId::ALL {
                    let mut turned = s.explainer.view(s.reference, from.as_str()).unwrap();
                    s.explainer.turn_to_scenario(&mut turned, s.reference, to.as_str()).unwrap();
                    let whole = s.explainer.view(s.reference, to.as_str()).unwrap();
                    assert_eq!(serde_json::to_string(&turned).unwrap(), serde_json::to_string(&whole).unwrap(), "{} -> {} at '{reference}'", from.as_str(), to.as_str());
                    assert_eq!(format!("{turned:?}"), format!("{whole:?}"), "{} -> {} at '{reference}' (every field)", from.as_str(), to.as_str());
                }
            }
        }
        // An unknown scenario leaves the view as it was.
        let before = format!("{:?}", s.view);
        let mut view = s.view.clone();
        assert!(s.explainer.turn_to_scenario(&mut view, s.reference, "moon").is_err());
        assert_eq!(format!("{view:?}"), before);
    }

    #[test]
    fn presets_count_calendar_days_and_clamp() {
        let mut s = session();
        // 349 bars, 2025-08-01 to 2026-07-15, no gaps: the last 30 days start on 2026-06-16.
        s.set_window_preset("1m").unwrap();
        assert_eq!(s.window_dates(), ("2026-06-16".to_string(), "2026-07-15".to_string()));
        s.set_window_preset("since_high").unwrap();
        assert_eq!(s.window_dates().0, "2025-10-06");
        s.set_window(100, 101);
        assert_eq!(s.window, (100, 104));
        s.set_window(340, 900);
        assert_eq!(s.window, (340, 348));
        s.set_window(346, 900);
        assert_eq!(s.window, (344, 348));
        s.set_window(348, 348);
        assert_eq!(s.window, (344, 348));
        assert_eq!(s.set_window_preset("2y").unwrap_err().to_string(), "time range: '2y' is not one of 1m, 3m, 6m, since_high, all");
    }

    #[test]
    fn a_failed_change_leaves_the_session_as_it_was() {
        let mut s = session();
        s.set_scenario("breakdown").unwrap();
        s.set_reference_date("2026-03-16").unwrap();
        assert!(s.set_scenario("moon").is_err());
        assert!(s.set_reference_date("2030-01-01").is_err());
        assert!(s.load_data("not,a,price,file\n1,2,3,4\n", "bad.csv").is_err());
        assert_eq!(s.scenario, ScenarioId::Breakdown);
        assert_eq!(s.reference, Reference::Close(time::macros::date!(2026 - 03 - 16)));
        // 16 Mar 2026 closed at 74,876 on Bitstamp (the bundled file's row).
        assert_eq!(s.view.reference_usd, 74_876.0);
    }

    #[test]
    fn a_switch_hands_out_only_the_paragraphs_it_changed() {
        let mut s = session();
        let all = s.text_changes();
        assert_eq!(all.text.len(), s.view.text.len());
        // Nothing changed: nothing to rebuild.
        assert_eq!(s.text_changes(), TextChanges::default());
        // Recovery → breakdown: the target ($89,070 → $43,000) and the move change; the
        // finding, the dek and the open-interest paragraphs do not.
        s.set_scenario("breakdown").unwrap();
        let c = s.text_changes();
        let ids: Vec<&str> = c.text.iter().map(|p| p.id).collect();
        assert!(ids.contains(&"scenario_summary"), "{ids:?}");
        assert!(!ids.contains(&"dek") && !ids.contains(&"finding"), "{ids:?}");
        assert!(c.text.len() < all.text.len() / 2, "{ids:?}");
        let target = c.metrics.iter().find(|m| m.id == "target_usd").unwrap();
        assert_eq!(target.value, Some(43_000.0));
        // Every figure a changed paragraph names is handed out with it.
        for p in &c.text {
            for part in &p.text.0 {
                if let Part::Figure { f, .. } = part {
                    assert!(c.metrics.iter().any(|m| m.id == f), "{} names {f}", p.id);
                }
            }
        }
        // And back: the same paragraphs again.
        s.set_scenario("recovery").unwrap();
        assert_eq!(s.text_changes().text.iter().map(|p| p.id).collect::<Vec<_>>(), ids);
    }

    #[test]
    fn new_prices_keep_the_reference_only_when_they_have_it() {
        let mut s = session();
        s.set_reference_date("2025-08-05").unwrap();
        // A file from 2025-12-01 to 2026-03-01 (the bundled rows): the reference goes back to the
        // article's framing, the window shows every new bar.
        let text: String = PRICES_CSV
            .lines()
            .filter(|l| l.starts_with("date") || (l.as_bytes().first().is_some_and(u8::is_ascii_digit) && l[..10] >= *"2025-12-01" && l[..10] <= *"2026-03-01"))
            .map(|l| format!("{l}\n"))
            .collect();
        let summary = s.load_data(&text, "short.csv").unwrap();
        assert_eq!((summary.first.as_str(), summary.last.as_str(), summary.days), ("2025-12-01", "2026-03-01", 91));
        assert_eq!(s.reference, Reference::ArticleFraming);
        assert_eq!(s.window, (0, 90));
    }
}
