//! The reader's session, natively testable: the data in use (prices, loaded market series, the
//! long history), the reader's choices (reference, scenario, visible window) and the current
//! view, with the policies that connect them (merging loaded data, keeping the reference when
//! the new data has it, clamping the window, the window presets). `web.rs` wraps one of these
//! and only translates between JavaScript and Rust.

use crate::model::bars::{format_date, parse_date};
use crate::model::history::CloseHistory;
use crate::model::ingest::MarketSeries;
use crate::model::scenarios::ScenarioId;
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
    /// The story figures' text and name, kept to rebuild the explainer on new prices.
    figures: (String, String),
    /// Market series loaded so far, applied again when new prices arrive.
    markets: Vec<MarketSeries>,
    pub reference: Reference,
    pub scenario: ScenarioId,
    pub view: StoryView,
    /// Visible bars of the price chart, inclusive.
    pub window: (usize, usize),
}

/// The fewest bars a window shows.
pub const MIN_WINDOW_BARS: usize = 5;

impl Session {
    /// Validates the prices (any format `model::ingest` reads) and the story figures. Errors
    /// name the file, line and field.
    pub fn new(prices: &str, prices_name: &str, figures_csv: &str, figures_name: &str) -> Result<Session, DataError> {
        let explainer = Explainer::new(prices, prices_name, figures_csv, figures_name)?;
        let view = explainer.view(Reference::ArticleFraming, ScenarioId::Recovery.as_str())?;
        let window = (0, explainer.series.bars.len().saturating_sub(1));
        Ok(Session {
            explainer,
            figures: (figures_csv.to_string(), figures_name.to_string()),
            markets: Vec::new(),
            reference: Reference::ArticleFraming,
            scenario: ScenarioId::Recovery,
            view,
            window,
        })
    }

    /// Adds the long history of closes (for "the largest fall since …").
    pub fn load_history(&mut self, text: &str, name: &str) -> Result<(), DataError> {
        let history = CloseHistory::parse_csv(text, name)?;
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
        let loaded = crate::model::door::load(&self.explainer, (&self.figures.0, &self.figures.1), &self.markets, text, source_name)?;
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
        let view = self.explainer.view(self.reference, scenario.as_str())?;
        (self.scenario, self.view) = (scenario, view);
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
