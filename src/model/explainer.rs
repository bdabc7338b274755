//! The explainer's state: validated data in, every figure of the page out.
//!
//! [`Explainer::new`] validates the price bars and the story figures and computes what does not
//! depend on the reader's choices; [`Explainer::view`] adds what does (the reference price and
//! the selected scenario) and returns one [`StoryView`] for the page, the charts and the tests.

use serde::Serialize;
use time::{macros::date, Date};

use super::aftermath::{aftermath, Aftermath};
use super::bars::{format_date, DailySeries};
use super::error::DataError;
use super::format::{day, usd_full};
use super::ingest::{MarketSeries, SeriesKind};
use super::leverage::{default_week_ends, leverage_metrics, LeverageInputs, LeverageMetrics};
use super::levels::{classify, nearest_resistance, nearest_support, role_reversals, Level, LevelPosition, Role, RoleFlip, Tier};
use super::price::{bounce, drawdown, gain_to_regain, highest_high, largest_one_day_drop, lowest_low_between, retracement, rsi_wilder, DatedPrice};
use super::range::Range;
use super::regime::{classify_regime, RegimeInputs, RegimeReading, RegimeThresholds, Verdict};
use super::scenarios::{article_scenarios, measure, ScenarioOutcome, ScenarioSpec};
use super::story::{Figure, Provenance, StoryFigures};

/// The crash window: the week of the article, 29 January to 8 February 2026. The crash low is
/// the lowest low inside it (later lows, such as July 2026's, belong to "what happened next").
pub const CRASH_WINDOW: (Date, Date) = (date!(2026 - 01 - 29), date!(2026 - 02 - 08));
/// The day of the single-day horizon of the orderly-or-cascade question.
pub const CRASH_DAY: Date = date!(2026 - 02 - 05);

/// The reader's reference price ("now" for the scenarios).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reference {
    /// The article's framing: the crash low up by the article's bounce (derived).
    ArticleFraming,
    /// The close of a day in the data.
    Close(Date),
}

/// A figure as the page shows it. Percent values are in percent (52.54), USD in dollars.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub id: &'static str,
    /// `usd`, `pct`, `btc`, `date`, `text`, `index` or `count`.
    pub unit: &'static str,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub text: Option<String>,
    pub provenance: Provenance,
    /// The citation, or the formula of a derived figure.
    pub source: String,
}

impl Metric {
    fn number(id: &'static str, unit: &'static str, v: f64, provenance: Provenance, source: impl Into<String>) -> Metric {
        Metric { id, unit, value: Some(v), low: None, high: None, text: None, provenance, source: source.into() }
    }
    fn range(id: &'static str, unit: &'static str, r: Range, provenance: Provenance, source: impl Into<String>) -> Metric {
        if r.is_point() {
            return Metric::number(id, unit, r.low, provenance, source);
        }
        Metric { id, unit, value: None, low: Some(r.low), high: Some(r.high), text: None, provenance, source: source.into() }
    }
    fn text(id: &'static str, unit: &'static str, t: String, provenance: Provenance, source: impl Into<String>) -> Metric {
        Metric { id, unit, value: None, low: None, high: None, text: Some(t), provenance, source: source.into() }
    }
    fn none(id: &'static str, unit: &'static str, source: impl Into<String>) -> Metric {
        Metric { id, unit, value: None, low: None, high: None, text: None, provenance: Provenance::Derived, source: source.into() }
    }
}

/// How a claim of the article fares against the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimVerdict {
    Holds,
    DoesNotHoldAsStated,
    DependsOnReference,
    NotCheckable,
}

/// One numeric claim of the article, recomputed.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub id: &'static str,
    /// What the article says, in our words, with its figure.
    pub claim: String,
    pub verdict: ClaimVerdict,
    /// The recomputed value (percent for `pct`).
    pub computed: Metric,
    /// Why, in words.
    pub reason: String,
}

/// A level's role reversals over the whole series.
#[derive(Debug, Clone, Serialize)]
pub struct LevelHistory {
    pub id: String,
    pub label: String,
    pub flips: Vec<RoleFlip>,
}

/// Everything the page shows for one reference price and one selected scenario.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    pub metrics: Vec<Metric>,
    pub reference_usd: f64,
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub reference_date: Option<Date>,
    pub selected_scenario: &'static str,
    pub scenarios: Vec<ScenarioOutcome>,
    pub levels: Vec<LevelPosition>,
    pub claims: Vec<Claim>,
    pub regime: Vec<RegimeReading>,
    pub leverage: LeverageMetrics,
    pub level_history: Vec<LevelHistory>,
    pub aftermath: Option<Aftermath>,
    pub figures: Vec<Figure>,
    pub price_source: String,
    pub warnings: Vec<String>,
}

/// Validated data and what follows from it alone.
#[derive(Debug, Clone)]
pub struct Explainer {
    pub series: DailySeries,
    pub story: StoryFigures,
    /// The article's levels plus the all-time high, highest first.
    pub levels: Vec<Level>,
    pub scenarios: Vec<ScenarioSpec>,
    pub ath: DatedPrice,
    pub crash_low: DatedPrice,
    pub leverage: LeverageMetrics,
    pub rsi_14: Vec<Option<f64>>,
    pub thresholds: RegimeThresholds,
    /// The path after the crash low and every level's role reversals: they depend on the data
    /// alone, so they are computed once here rather than on every scenario switch.
    pub aftermath: Option<Aftermath>,
    pub level_history: Vec<LevelHistory>,
    /// The detected format of the price data, in words.
    pub data_format: String,
    /// The leverage inputs in use, and the source of each (the article's, unless a market
    /// series replaced them).
    pub leverage_inputs: LeverageInputs,
    pub open_interest_source: String,
    pub liquidations_source: String,
    /// Funding over the crash week (percent per interval, lowest to highest daily mean) and its
    /// source, when a funding series was given.
    pub funding_week: Option<(Range, String)>,
}

const DATA_FORMULA: &str = "computed from the Bitstamp daily bars";

fn pct(r: Range) -> Range {
    r.scale(100.0)
}

impl Explainer {
    /// Validates both files and computes the reference-independent figures.
    ///
    /// Errors: any [`DailySeries::parse_csv`] or [`StoryFigures::parse_csv`] error; a price file
    /// that does not cover the crash window, or lacks the days the open-interest week needs.
    pub fn new(prices_csv: &str, prices_name: &str, figures_csv: &str, figures_name: &str) -> Result<Explainer, DataError> {
        let ingested = super::ingest::ingest(prices_csv, prices_name)?;
        let mut e = Explainer::from_series(ingested.series, figures_csv, figures_name)?;
        e.data_format = ingested.format.describe();
        Ok(e)
    }

    /// As [`Explainer::new`], from bars already parsed.
    pub fn from_series(series: DailySeries, figures_csv: &str, figures_name: &str) -> Result<Explainer, DataError> {
        let prices_name = series.source_name.clone();
        let prices_name = prices_name.as_str();
        let story = StoryFigures::parse_csv(figures_csv, figures_name)?;
        let crash_low = lowest_low_between(&series.bars, CRASH_WINDOW.0, CRASH_WINDOW.1).ok_or_else(|| {
            DataError::file(prices_name, format!("no bars between {} and {}: the crash window is not covered", format_date(CRASH_WINDOW.0), format_date(CRASH_WINDOW.1)))
        })?;
        let before_crash: Vec<_> = series.bars.iter().copied().filter(|b| b.date <= crash_low.date).collect();
        let ath = highest_high(&before_crash).ok_or_else(|| DataError::file(prices_name, "no bars before the crash low"))?;
        let mut levels = story.levels();
        levels.insert(
            0,
            Level {
                id: "level_all_time_high".into(),
                label: format!("All-time high, {}", format_date(ath.date)),
                span: Range::point(ath.usd),
                tier: Tier::AllTimeHigh,
                provenance: Provenance::Derived,
            },
        );
        let scenarios = article_scenarios(&levels).ok_or_else(|| DataError::file(figures_name, "the levels the scenarios need are missing"))?;
        let inputs = LeverageInputs {
            open_interest_before_usd: story.range("open_interest_week_before_usd"),
            open_interest_after_usd: story.range("open_interest_after_usd"),
            liquidations_total_usd: story.range("liquidations_total_usd"),
            liquidations_btc_usd: story.range("liquidations_btc_usd"),
        };
        let leverage = leverage_metrics(&inputs, &series, &default_week_ends())?;
        let article = article_source(&story);
        let closes: Vec<f64> = series.bars.iter().map(|b| b.close_usd).collect();
        let rsi_14 = rsi_wilder(&closes, 14);
        let gate = levels.iter().find(|l| l.id == "level_resistance_zone").map(|l| l.span).unwrap_or(Range::point(f64::INFINITY));
        let aftermath = aftermath(&series.bars, crash_low.date, &levels, &scenarios, gate);
        let level_history = levels.iter().map(|l| LevelHistory { id: l.id.clone(), label: l.label.clone(), flips: role_reversals(l.span, &series.bars) }).collect();
        Ok(Explainer { series, story, levels, scenarios, ath, crash_low, leverage, rsi_14, thresholds: RegimeThresholds::default(), aftermath, level_history, data_format: String::new(), leverage_inputs: inputs, open_interest_source: article.clone(), liquidations_source: article, funding_week: None })
    }

    /// Replaces the article's leverage figures with a market series: open interest at the start
    /// and end of the candidate weeks, Bitcoin liquidations summed over each week, or funding
    /// over the crash week. Errors (naming the series) when it does not cover the days needed.
    pub fn apply_market(&mut self, m: &MarketSeries) -> Result<(), DataError> {
        let weeks: Vec<(Date, Date)> = default_week_ends().into_iter().map(|end| (end - time::Duration::days(7), end)).collect();
        let need = |d: Date| {
            m.value_on(d).ok_or_else(|| {
                let span = match (m.points.first(), m.points.last()) {
                    (Some(a), Some(b)) => format!("it runs from {} to {}", format_date(a.0), format_date(b.0)),
                    _ => "it is empty".into(),
                };
                DataError::file(&m.source_line, format!("no value for {}, needed for the crash week; {span}", format_date(d)))
            })
        };
        match m.kind {
            SeriesKind::OpenInterestUsd => {
                let before: Vec<f64> = weeks.iter().map(|w| need(w.0)).collect::<Result<_, _>>()?;
                let after: Vec<f64> = weeks.iter().map(|w| need(w.1)).collect::<Result<_, _>>()?;
                self.leverage_inputs.open_interest_before_usd = Range::hull(&before);
                self.leverage_inputs.open_interest_after_usd = Range::hull(&after);
                self.open_interest_source = m.source_line.clone();
            }
            SeriesKind::LiquidationsUsd => {
                let mut sums = Vec::new();
                let mut days = 0;
                for w in &weeks {
                    let in_week: Vec<f64> = m.points.iter().filter(|p| p.0 > w.0 && p.0 <= w.1).map(|p| p.1).collect();
                    days = days.max(in_week.len());
                    sums.push(in_week.iter().sum::<f64>());
                }
                if days == 0 {
                    return Err(DataError::file(&m.source_line, "no liquidations inside the crash week (30 Jan–6 Feb 2026)"));
                }
                self.leverage_inputs.liquidations_btc_usd = Range::hull(&sums);
                self.liquidations_source = format!("{}; summed over the {days} day(s) of the week the series has", m.source_line);
            }
            SeriesKind::FundingPct => {
                let first = weeks.iter().map(|w| w.0).min().unwrap_or(CRASH_WINDOW.0);
                let last = weeks.iter().map(|w| w.1).max().unwrap_or(CRASH_WINDOW.1);
                let values: Vec<f64> = m.points.iter().filter(|p| p.0 >= first && p.0 <= last).map(|p| p.1).collect();
                if values.is_empty() {
                    return Err(DataError::file(&m.source_line, "no funding values inside the crash week (29 Jan–6 Feb 2026)"));
                }
                self.funding_week = Some((Range::hull(&values), m.source_line.clone()));
                return Ok(());
            }
        }
        self.leverage = leverage_metrics(&self.leverage_inputs, &self.series, &default_week_ends())?;
        Ok(())
    }

    /// The reference price in USD, or an error for a date outside the data.
    pub fn reference_price(&self, reference: Reference) -> Result<f64, DataError> {
        match reference {
            Reference::ArticleFraming => Ok(self.crash_low.usd * (1.0 + self.story.range("claim_bounce_pct").low / 100.0)),
            Reference::Close(d) => self.series.index_of(d).map(|i| self.series.bars[i].close_usd).ok_or_else(|| {
                DataError::file("reference date", format!("no close for {}: pick a day from {} to {}", format_date(d), format_date(self.series.first_date()), format_date(self.series.last_date())))
            }),
        }
    }

    /// The weekly and single-day readings of the orderly-or-cascade question.
    pub fn regime(&self) -> Vec<RegimeReading> {
        let lev = &self.leverage;
        let week = RegimeInputs { forced_share: Some(lev.forced_share), coin_elasticity: Some(lev.coin_elasticity), ..Default::default() };
        let day_change = self.series.index_of(CRASH_DAY).filter(|&i| i > 0).map(|i| self.series.bars[i].close_usd / self.series.bars[i - 1].close_usd - 1.0);
        let day = RegimeInputs { day_change, ..Default::default() };
        vec![classify_regime("week", &week, &self.thresholds), classify_regime("day", &day, &self.thresholds)]
    }

    /// RSI(14) on the close of `d`.
    pub fn rsi_on(&self, d: Date) -> Option<f64> {
        self.series.index_of(d).and_then(|i| self.rsi_14[i])
    }

    /// All figures for a reference price and a scenario id (one of [`super::scenarios::SCENARIO_IDS`]).
    pub fn view(&self, reference: Reference, scenario_id: &str) -> Result<StoryView, DataError> {
        use Provenance::*;
        let reference_usd = self.reference_price(reference)?;
        let spec = self.scenarios.iter().find(|s| s.id == scenario_id).ok_or_else(|| {
            DataError::file("scenario", format!("'{scenario_id}' is not one of recovery, range, retest, breakdown, catastrophic"))
        })?;
        let scenarios: Vec<ScenarioOutcome> = self.scenarios.iter().map(|s| measure(s, &self.levels, reference_usd, self.ath.usd)).collect();
        let selected = scenarios.iter().find(|s| s.id == spec.id).cloned().expect("spec comes from the same list");
        let (ath, low, lev) = (self.ath, self.crash_low, &self.leverage);
        let at_ref = Range::point(reference_usd);
        let reference_source = match reference {
            Reference::ArticleFraming => format!("derived: crash low {:.0} × (1 + the article's 6% bounce)", low.usd),
            Reference::Close(d) => format!("Bitstamp close of {}", format_date(d)),
        };
        let regime = self.regime();
        let (drop_date, drop) = largest_one_day_drop(&self.series.bars).unwrap_or((low.date, f64::NAN));
        let a = article_source(&self.story);
        let mut m = vec![
            Metric::number("ath_usd", "usd", ath.usd, Derived, "highest daily high in the Bitstamp bars before the crash low"),
            Metric::text("ath_date", "date", format_date(ath.date), Derived, DATA_FORMULA),
            Metric::number("crash_low_usd", "usd", low.usd, Derived, "lowest daily low, 29 Jan–8 Feb 2026, Bitstamp"),
            Metric::text("crash_low_date", "date", format_date(low.date), Derived, DATA_FORMULA),
            Metric::number("drawdown_at_low_pct", "pct", drawdown(ath.usd, low.usd) * 100.0, Derived, "(high − low) / high"),
            Metric::number("gain_to_ath_from_low_pct", "pct", gain_to_regain(ath.usd, low.usd) * 100.0, Derived, "high / low − 1"),
            Metric::number("reference_usd", "usd", reference_usd, if reference == Reference::ArticleFraming { Derived } else { Sourced }, reference_source),
            Metric::number("drawdown_at_reference_pct", "pct", drawdown(ath.usd, reference_usd) * 100.0, Derived, "(high − reference) / high"),
            Metric::number("bounce_pct", "pct", bounce(low.usd, reference_usd) * 100.0, Derived, "(reference − low) / low"),
            Metric::number("gain_to_ath_pct", "pct", gain_to_regain(ath.usd, reference_usd) * 100.0, Derived, "high / reference − 1"),
            Metric::number("retracement_pct", "pct", retracement(ath.usd, low.usd, reference_usd) * 100.0, Derived, "(reference − low) / (high − low)"),
            Metric::number("largest_drop_pct", "pct", drop * 100.0, Derived, "largest close-to-close fall in the bars"),
            Metric::text("largest_drop_date", "date", format_date(drop_date), Derived, DATA_FORMULA),
        ];
        match self.rsi_on(CRASH_DAY) {
            Some(v) => m.push(Metric::number("rsi_crash_day", "index", v, Derived, "RSI(14), Wilder smoothing, on Bitstamp daily closes, 5 Feb 2026")),
            None => m.push(Metric::none("rsi_crash_day", "index", "not enough closes before 5 Feb 2026 for RSI(14)")),
        }
        let oi = |id| self.story.range(id);
        let li = &self.leverage_inputs;
        m.extend([
            Metric::range("open_interest_before_usd", "usd", li.open_interest_before_usd, Sourced, self.open_interest_source.clone()),
            Metric::range("open_interest_after_usd", "usd", li.open_interest_after_usd, Sourced, self.open_interest_source.clone()),
            Metric::range("liquidations_total_usd", "usd", li.liquidations_total_usd, Sourced, a.clone()),
            Metric::range("liquidations_btc_usd", "usd", li.liquidations_btc_usd, Sourced, self.liquidations_source.clone()),
            Metric::range("liquidations_24h_total_usd", "usd", oi("liquidations_24h_total_usd"), Sourced, self.story.find("liquidations_24h_total_usd").map(|f| f.citation.clone()).unwrap_or_default()),
            Metric::range("liquidations_24h_btc_usd", "usd", oi("liquidations_24h_btc_usd"), Sourced, self.story.find("liquidations_24h_btc_usd").map(|f| f.citation.clone()).unwrap_or_default()),
            Metric::range("oi_change_usd", "usd", lev.open_interest_change_usd, Derived, "after − before"),
            Metric::range("oi_change_pct", "pct", pct(lev.open_interest_change), Derived, "(after − before) / before"),
            Metric::range("price_change_week_pct", "pct", pct(lev.price_change), Derived, "Bitstamp close to close over 29 Jan→5 Feb and 30 Jan→6 Feb"),
            Metric::range("coin_oi_change_pct", "pct", pct(lev.coin_open_interest_change), Derived, "(OI₁/OI₀)/(P₁/P₀) − 1 over both candidate weeks"),
            Metric::range("open_interest_before_btc", "btc", lev.open_interest_before_btc, Derived, "OI in USD / Bitstamp close at the start of the week"),
            Metric::range("open_interest_after_btc", "btc", lev.open_interest_after_btc, Derived, "OI in USD / Bitstamp close at the end of the week"),
            Metric::range("price_markdown_share_pct", "pct", pct(lev.price_markdown_share), Derived, "ln(P₁/P₀) / ln(OI₁/OI₀)"),
            Metric::range("forced_share_pct", "pct", pct(lev.forced_share), Derived, "BTC liquidations / |ΔOI in USD|"),
            Metric::range("liquidations_share_of_oi_pct", "pct", pct(lev.liquidations_total_share_of_open_interest), Derived, "all liquidations / OI a week before"),
            Metric::range("btc_liquidations_share_of_oi_pct", "pct", pct(lev.liquidations_btc_share_of_open_interest), Derived, "BTC liquidations / OI a week before"),
            Metric::range("btc_share_of_liquidations_pct", "pct", pct(lev.btc_share_of_liquidations), Derived, "BTC liquidations / all liquidations"),
            Metric::text("regime", "text", verdict_id(regime[0].verdict).into(), Derived, "rule of domain.md §1.9 on the week's figures"),
            Metric::text("regime_day", "text", verdict_id(regime[1].verdict).into(), Derived, "rule of domain.md §1.9 on 5 Feb 2026"),
        ]);
        match &self.funding_week {
            Some((r, src)) => m.push(Metric::range("funding_week_pct", "pct", *r, Sourced, src.clone())),
            None => m.push(Metric::none("funding_week_pct", "pct", "no funding series was given")),
        }
        let support = nearest_support(&self.levels, at_ref);
        let resistance = nearest_resistance(&self.levels, at_ref);
        let opt_usd = |id, v: Option<f64>, src: &str| match v {
            Some(v) => Metric::number(id, "usd", v, Derived, src),
            None => Metric::none(id, "usd", src),
        };
        m.push(opt_usd("nearest_support_usd", support.map(|l| l.span.high), "highest level below the reference"));
        m.push(opt_usd("nearest_resistance_usd", resistance.map(|l| l.span.low), "lowest level above the reference"));
        m.push(Metric::text("scenario_label", "text", selected.label.to_string(), Derived, selected.summary));
        m.push(Metric::range("target_usd", "usd", selected.target_usd, selected.provenance, selected.target_source.clone()));
        m.push(Metric::range("move_pct", "pct", pct(selected.move_from_reference), Derived, "target / reference − 1"));
        m.push(Metric::range("drawdown_at_target_pct", "pct", pct(selected.drawdown_at_target), Derived, "(high − target) / high"));
        m.push(Metric::range("gain_to_ath_at_target_pct", "pct", pct(selected.gain_to_regain_high), Derived, "high / target − 1"));
        m.push(opt_usd("target_support_usd", selected.support_at_target_usd, "highest level below the target"));
        m.push(opt_usd("target_resistance_usd", selected.resistance_at_target_usd, "lowest level above the target"));
        let crossed = if selected.levels_crossed.is_empty() { "none".to_string() } else { selected.levels_crossed.join("; ") };
        m.push(Metric::text("levels_crossed", "text", crossed, Derived, "levels between the reference and the target"));

        if let Some(a) = &self.aftermath {
            m.push(Metric::text("followed_scenario", "text", a.followed.to_string(), Derived, "deepest downside target reached after the low, else recovery if reached, else range"));
            m.push(Metric::number("after_high_usd", "usd", a.highest.usd, Derived, format!("highest high after the low, to {}", format_date(a.end))));
            m.push(Metric::text("after_high_date", "date", format_date(a.highest.date), Derived, DATA_FORMULA));
            m.push(Metric::number("after_low_usd", "usd", a.lowest.usd, Derived, format!("lowest low after the crash low, to {}", format_date(a.end))));
            m.push(Metric::text("after_low_date", "date", format_date(a.lowest.date), Derived, DATA_FORMULA));
            m.push(Metric::number("after_run_above_80k_days", "count", a.longest_run_above_gate_days as f64, Derived, "longest run of daily closes above $80,000 after the low"));
        }

        let claims = self.claims(reference_usd, &regime);
        Ok(StoryView {
            metrics: m,
            reference_usd,
            reference_date: match reference {
                Reference::Close(d) => Some(d),
                Reference::ArticleFraming => None,
            },
            selected_scenario: spec.id,
            scenarios,
            levels: classify(&self.levels, reference_usd),
            claims,
            regime,
            leverage: lev.clone(),
            level_history: self.level_history.clone(),
            aftermath: self.aftermath.clone(),
            figures: self.story.figures.clone(),
            price_source: self.series.source_line.clone(),
            warnings: self.series.warnings.clone(),
        })
    }

    fn claims(&self, reference_usd: f64, regime: &[RegimeReading]) -> Vec<Claim> {
        use ClaimVerdict::*;
        use Provenance::Derived;
        let (ath, low, lev) = (self.ath, self.crash_low, &self.leverage);
        let claimed = |id: &str| self.story.range(id).low;
        let mut out = Vec::new();

        // The claim is about the article's own two figures, whatever series the reader loaded.
        let oi_change = self.story.range("open_interest_after_usd").divided_by(self.story.range("open_interest_week_before_usd")).map(|r| (r - 1.0) * 100.0);
        let decline_claim = claimed("claim_open_interest_decline_pct");
        out.push(Claim {
            id: "oi_decline",
            claim: format!("Open interest fell by more than {decline_claim:.0}% in seven days, from about $61B to about $49B."),
            verdict: if -oi_change.high > decline_claim { Holds } else { DoesNotHoldAsStated },
            computed: Metric::range("claim_oi_decline_pct", "pct", oi_change, Derived, "(49 − 61) / 61"),
            reason: "$61B to $49B is a fall of 19.7%: nearly 20%, not more. More than 20% needs a start above $61.25B or an end below $48.8B.".into(),
        });

        let dd_low = drawdown(ath.usd, low.usd) * 100.0;
        let dd_ref = drawdown(ath.usd, reference_usd) * 100.0;
        let dd_claim = claimed("claim_drawdown_pct");
        // "Nearly 50%" read as 45% up to 50% (an inference: "nearly" means just under).
        let nearly = |v: f64| v <= dd_claim && v >= dd_claim - 5.0;
        out.push(Claim {
            id: "drawdown_nearly_50",
            claim: format!("Bitcoin trades nearly {dd_claim:.0}% below its high."),
            verdict: match (nearly(dd_low), nearly(dd_ref)) {
                (true, true) => Holds,
                (false, false) => DoesNotHoldAsStated,
                _ => DependsOnReference,
            },
            computed: Metric::range("claim_drawdown_pct", "pct", Range::new(dd_low, dd_ref), Derived, "(high − price) / high, at the low and at the reference"),
            reason: format!("At the low of {} the price was {dd_low:.1}% below the high, more than half; at the reference price it is {dd_ref:.1}%. Exactly 50% below the high is {}.", day(low.date), usd_full(ath.usd / 2.0)),
        });

        let low_day_close = self.series.index_of(low.date).map(|i| self.series.bars[i].close_usd).unwrap_or(f64::NAN);
        let bounce_claim = claimed("claim_bounce_pct");
        out.push(Claim {
            id: "bounce_6",
            claim: format!("The price is up {bounce_claim:.0}% from the crash low."),
            verdict: DependsOnReference,
            computed: Metric::number("claim_bounce_pct", "pct", bounce(low.usd, low_day_close) * 100.0, Derived, "(close on the day of the low − low) / low"),
            reason: format!("A {bounce_claim:.0}% bounce is a snapshot: Bitstamp closed the day of the low {:.1}% above it, and the bounce changes every day after.", bounce(low.usd, low_day_close) * 100.0),
        });

        let crash_claim = claimed("claim_crash_price_usd");
        let off = (low.usd / crash_claim - 1.0) * 100.0;
        out.push(Claim {
            id: "crash_to_60000",
            claim: format!("Bitcoin crashed to {}.", usd_full(crash_claim)),
            verdict: if off.abs() <= 1.0 { Holds } else { DoesNotHoldAsStated },
            computed: Metric::number("claim_crash_low_usd", "usd", low.usd, Derived, "lowest Bitstamp daily low, 29 Jan–8 Feb 2026"),
            reason: format!("The Bitstamp low was {} on {}, {:.2}% from {}.", usd_full(low.usd), day(low.date), off, usd_full(crash_claim)),
        });

        let coin = lev.coin_open_interest_change.scale(100.0);
        out.push(Claim {
            id: "orderly_unwind",
            claim: "Leverage and price fell together: an orderly unwinding rather than a cascade.".into(),
            verdict: if regime[0].verdict == Verdict::Orderly { Holds } else { DoesNotHoldAsStated },
            computed: Metric::range("claim_coin_oi_change_pct", "pct", coin, Derived, "(OI₁/OI₀)/(P₁/P₀) − 1"),
            reason: format!("Counted in coins, open interest changed by {:.1}% to {:.1}% over the week: about flat. The dollar drop is mostly the price marking positions down, not positions closed, so the figures do not show leverage unwinding, orderly or not; and 5 February alone fell {:.1}%.", coin.low, coin.high, self.regime_day_change(regime) * 100.0),
        });

        let share = lev.btc_share_of_liquidations.scale(100.0);
        out.push(Claim {
            id: "btc_bulk_of_liquidations",
            claim: "The bulk of the $3–4B of liquidations was in Bitcoin futures ($2–2.5B).".into(),
            verdict: if share.low > 50.0 { Holds } else if share.high <= 50.0 { DoesNotHoldAsStated } else { DependsOnReference },
            computed: Metric::range("claim_btc_share_pct", "pct", share, Derived, "BTC liquidations / all liquidations"),
            reason: format!("$2–2.5B of $3–4B is {:.0}% to {:.0}%: a majority unless both ranges sit at their worst ends ($2B of $4B is exactly half).", share.low, share.high),
        });

        if let Some(zone) = self.levels.iter().find(|l| l.id == "level_resistance_zone") {
            let flip = role_reversals(zone.span, &self.series.bars).into_iter().find(|f| f.became == Role::Resistance && f.date >= CRASH_WINDOW.0 && f.date <= CRASH_WINDOW.1);
            out.push(Claim {
                id: "zone_flipped",
                claim: "The $75–80k zone flipped from support to resistance during the collapse.".into(),
                verdict: if flip.is_some() { Holds } else { DoesNotHoldAsStated },
                computed: match flip {
                    Some(f) => Metric::text("claim_zone_flip_date", "date", format_date(f.date), Derived, "first daily close below $75,000 in the crash window"),
                    None => Metric::none("claim_zone_flip_date", "date", "no daily close below the zone in the crash window"),
                },
                reason: match flip {
                    Some(f) => format!("The first daily close below $75,000 came on {} at {}; until then closes held above the zone.", day(f.date), usd_full(f.close_usd)),
                    None => "No daily close went below the zone in the crash window.".into(),
                },
            });
        }

        if let Some(rsi) = self.rsi_on(CRASH_DAY) {
            out.push(Claim {
                id: "extreme_oversold",
                claim: "The bounce came after extreme oversold conditions.".into(),
                verdict: if rsi < 30.0 { Holds } else { DoesNotHoldAsStated },
                computed: Metric::number("claim_rsi_crash_day", "index", rsi, Derived, "RSI(14), Wilder, Bitstamp daily closes, 5 Feb 2026"),
                reason: format!("Daily RSI(14) closed 5 February at {rsi:.1}, under 30 (oversold) {} 20; CoinDesk reported 17.6 on its own index.", if rsi < 20.0 { "and under" } else { "but not under" }),
            });
        }

        out.push(Claim {
            id: "layoffs",
            claim: "Announced US layoffs were 108,435 in January, a 205% jump.".into(),
            verdict: NotCheckable,
            computed: Metric::none("claim_layoffs", "count", "no labour data in the bundle"),
            reason: "The bundled data has no labour figures; the article does not name the report.".into(),
        });
        out
    }

    fn regime_day_change(&self, regime: &[RegimeReading]) -> f64 {
        regime.get(1).and_then(|r| r.checks.iter().find(|c| c.side == "signal")).and_then(|c| c.value).map(|v| v.low).unwrap_or(f64::NAN)
    }
}

fn article_source(story: &StoryFigures) -> String {
    story.find("open_interest_week_before_usd").map(|f| f.citation.clone()).unwrap_or_default()
}

/// The text id of a verdict, as the page's `data-value`.
pub fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Orderly => "orderly",
        Verdict::CascadeLike => "cascade_like",
        Verdict::NotEnoughData => "not_enough_data",
    }
}
