//! The explainer's state: validated data in, every figure and sentence of the page out.
//!
//! [`Explainer::new`] validates the price bars and the story figures and computes what does not
//! depend on the reader's choices; [`Explainer::view`] adds what does (the reference price and
//! the selected scenario) and returns one [`StoryView`] for the page, the charts and the tests.
//! The view is assembled in [`super::view`] from the figure catalogue ([`super::catalogue`]),
//! the claims ([`super::claims`]) and the sentences ([`super::narrative`]); loaded market series
//! are [`super::market`]. This module imports none of them.

use serde::Serialize;
use time::{macros::date, Date};

use super::aftermath::{aftermath, Aftermath};
use super::bars::{format_date, DailySeries};
use super::error::DataError;
use super::history::{larger_fall_before, CloseHistory, LargerFallBefore};
use super::ingest::DataFormat;
use super::levels::{role_reversals, Level, RoleFlip, Tier};
use super::leverage::{default_week_ends, leverage_metrics, LeverageInputs, LeverageMetrics};
use super::price::{highest_high, lowest_low_between, rsi_wilder, DatedPrice};
use super::range::Range;
use super::regime::{classify_regime, RegimeInputs, RegimeReading, RegimeThresholds};
use super::scenarios::{article_scenarios, ScenarioId, ScenarioSpec};
use super::story::{Provenance, StoryFigures};

/// The crash window: the week of the article, 29 January to 8 February 2026. The crash low is
/// the lowest low inside it (later lows, such as July 2026's, belong to "what happened next").
pub const CRASH_WINDOW: (Date, Date) = (date!(2026 - 01 - 29), date!(2026 - 02 - 08));
/// The day of the single-day horizon of the orderly-or-cascade question.
pub const CRASH_DAY: Date = date!(2026 - 02 - 05);
/// The article's moment: it was written in the days after the crash ("last week's crash"); its
/// claims are judged on the data up to the end of the crash window.
pub const ARTICLE_HORIZON: Date = CRASH_WINDOW.1;

/// The reader's reference price ("now" for the scenarios).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reference {
    /// The article's framing: the crash low up by the article's bounce.
    ArticleFraming,
    /// The close of a day in the data.
    Close(Date),
}

/// A level's role reversals over the whole series.
#[derive(Debug, Clone, Serialize)]
pub struct LevelHistory {
    pub id: String,
    pub label: String,
    pub flips: Vec<RoleFlip>,
}

/// A day's volume against the median of the 30 days before it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct VolumeMultiple {
    #[serde(serialize_with = "crate::model::ser_date")]
    pub date: Date,
    pub volume_btc: f64,
    pub median_30d_btc: f64,
    pub multiple: f64,
    /// 1 for the busiest day of the data, 2 for the next…
    pub rank_in_data: usize,
}

/// Validated data and what follows from it alone.
#[derive(Debug, Clone)]
pub struct Explainer {
    pub series: DailySeries,
    pub story: StoryFigures,
    /// The article's levels plus the highest high, highest first.
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
    /// True when the data hold one price a day ([`DailySeries::one_reading_a_day`]), computed
    /// once here: the text, the claims and the price chart's marks read it at every view.
    pub one_reading_a_day: bool,
    /// The detected format of the price data.
    pub format: Option<DataFormat>,
    /// The detected format of the price data, in words.
    pub data_format: String,
    /// The leverage inputs in use, and the source of each (the article's, unless a market
    /// series replaced them).
    pub leverage_inputs: LeverageInputs,
    /// `None` while the article's figures are in use; the loaded series' source line otherwise.
    pub open_interest_source: Option<String>,
    pub liquidations_source: Option<String>,
    /// Days of a crash week (of 7) the loaded liquidations series has, the larger of the two
    /// crash weeks; 0 while the article's figures are in use.
    pub liquidations_days_in_week: usize,
    /// Funding over the crash week (percent per 8 hours, lowest to highest daily mean) and its
    /// source, when a funding series was given.
    pub funding_week: Option<(Range, String)>,
    /// The long history of closes, when loaded, and what it says about the crash day.
    pub history: Option<CloseHistory>,
    pub larger_fall: Option<LargerFallBefore>,
    /// Volume of 5 Feb and of the crash low's day against the 30 days before, and the lowest
    /// RSI(14) after 5 February: they depend on the data alone, so they are computed once here.
    pub volume_crash_day: Option<VolumeMultiple>,
    pub volume_low_day: Option<VolumeMultiple>,
    pub lowest_rsi_after_crash_day: Option<(Date, f64)>,
    /// See [`Explainer::high_may_be_earlier`].
    peak_may_be_earlier: bool,
}

impl Explainer {
    /// Validates both files and computes the reference-independent figures.
    ///
    /// Errors: any ingest or [`StoryFigures::parse_csv`] error; a price file that does not
    /// cover the crash window, or lacks the days the open-interest week needs.
    pub fn new(prices_csv: &str, prices_name: &str, figures_csv: &str, figures_name: &str) -> Result<Explainer, DataError> {
        let ingested = super::ingest::ingest(prices_csv, prices_name)?;
        let mut e = Explainer::from_series(ingested.series, figures_csv, figures_name)?;
        e.format = Some(ingested.format);
        e.data_format = ingested.format.describe();
        Ok(e)
    }

    /// As [`Explainer::new`], from the bundled prices and figures in their compact forms
    /// ([`super::compact`], written from the project's CSVs by `tools/build.sh`). Errors name
    /// the file and the byte where reading stopped, or the figure's row and field.
    pub fn from_compact(prices: &[u8], prices_name: &str, figures: &[u8], figures_name: &str) -> Result<Explainer, DataError> {
        let series = super::compact::decode_prices(prices, prices_name)?;
        let mut e = Explainer::with_story(series, super::compact::decode_figures(figures, figures_name)?)?;
        let format = super::ingest::DataFormat::ProjectCsv;
        e.format = Some(format);
        e.data_format = format.describe();
        Ok(e)
    }

    /// As [`Explainer::new`], from bars already parsed.
    pub fn from_series(series: DailySeries, figures_csv: &str, figures_name: &str) -> Result<Explainer, DataError> {
        Explainer::with_story(series, StoryFigures::parse_csv(figures_csv, figures_name)?)
    }

    /// As [`Explainer::new`], from bars and figures already read.
    pub fn with_story(series: DailySeries, story: StoryFigures) -> Result<Explainer, DataError> {
        let one_reading_a_day = series.one_reading_a_day();
        let prices_name = series.source_name.clone();
        let prices_name = prices_name.as_str();
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
                label: "High before the crash".into(),
                span: Range::point(ath.usd),
                tier: Tier::AllTimeHigh,
                provenance: Provenance::Computed,
            },
        );
        let scenarios = article_scenarios(&levels).ok_or_else(|| DataError::file(&story.source_name, "the levels the scenarios need are missing"))?;
        let inputs = LeverageInputs {
            open_interest_before_usd: story.range("open_interest_week_before_usd"),
            open_interest_after_usd: story.range("open_interest_after_usd"),
            open_interest_by_week: None,
            liquidations_total_usd: story.range("liquidations_total_usd"),
            liquidations_btc_usd: story.range("liquidations_btc_usd"),
        };
        let leverage = leverage_metrics(&inputs, &series, &default_week_ends())?;
        let closes: Vec<f64> = series.bars.iter().map(|b| b.close_usd).collect();
        let rsi_14 = rsi_wilder(&closes, 14);
        let gate = levels.iter().find(|l| l.id == "level_resistance_zone").map(|l| l.span).unwrap_or(Range::point(f64::INFINITY));
        let aftermath = aftermath(&series.bars, crash_low.date, &levels, &scenarios, gate);
        let level_history = levels.iter().map(|l| LevelHistory { id: l.id.clone(), label: l.label.clone(), flips: role_reversals(l.span, &series.bars) }).collect();
        let mut e = Explainer {
            series,
            story,
            levels,
            scenarios,
            ath,
            crash_low,
            leverage,
            rsi_14,
            thresholds: RegimeThresholds::default(),
            aftermath,
            level_history,
            one_reading_a_day,
            format: None,
            data_format: String::new(),
            leverage_inputs: inputs,
            open_interest_source: None,
            liquidations_source: None,
            liquidations_days_in_week: 0,
            funding_week: None,
            history: None,
            larger_fall: None,
            volume_crash_day: None,
            volume_low_day: None,
            lowest_rsi_after_crash_day: None,
            peak_may_be_earlier: false,
        };
        e.volume_crash_day = e.volume_multiple(CRASH_DAY);
        e.volume_low_day = e.volume_multiple(e.crash_low.date);
        // After 5 February, the day the page's RSI is read on: with one price a day the crash's
        // lowest reading can come a day later, with an RSI lower still (CoinGecko's 6 Feb 2026).
        e.lowest_rsi_after_crash_day = e.lowest_rsi_after(CRASH_DAY);
        e.label_the_high();
        Ok(e)
    }

    /// Adds the long history of closes (see [`super::history`]).
    pub fn set_history(&mut self, history: CloseHistory) {
        self.larger_fall = larger_fall_before(&history, &self.series.bars, CRASH_DAY);
        self.history = Some(history);
        self.label_the_high();
    }

    /// Reads whether a higher peak may lie before these data ([`Explainer::high_may_be_earlier`])
    /// and labels the high's level by it: "High before the crash", or "High in these data before
    /// the crash", on the charts and in both levels tables.
    fn label_the_high(&mut self) {
        let first = self.series.first_date();
        let higher_before = self.history.as_ref().is_some_and(|h| h.closes.iter().any(|c| c.0 < first && c.1 > self.ath.usd));
        self.peak_may_be_earlier = higher_before || (self.ath.date == first && !self.history.as_ref().is_some_and(|h| h.closes.iter().all(|c| c.1 < self.ath.usd)));
        let label = if self.peak_may_be_earlier { "High in these data before the crash" } else { "High before the crash" };
        if let Some(l) = self.levels.iter_mut().find(|l| l.id == "level_all_time_high") {
            l.label = label.into();
        }
        // The table of what came next carries the levels' labels too.
        if let Some(l) = self.aftermath.as_mut().and_then(|a| a.levels.iter_mut().find(|l| l.id == "level_all_time_high")) {
            l.label = label.into();
        }
    }

    /// The short name of the price data's provider: the exchange of an API format, the first
    /// word of a `# source:` line that names a market ("Bitstamp BTC/USD …"), the story's
    /// `source`, or else the file's name.
    pub fn provider(&self) -> String {
        provider_name(&self.series, self.format)
    }

    /// The reference price in USD, or an error for a date outside the data.
    pub fn reference_price(&self, reference: Reference) -> Result<f64, DataError> {
        match reference {
            Reference::ArticleFraming => Ok(self.crash_low.usd * (1.0 + self.story.range("claim_bounce_pct").low / 100.0)),
            Reference::Close(d) => self.series.index_of(d).map(|i| self.series.bars[i].close_usd).ok_or_else(|| {
                DataError::file(
                    "reference date",
                    format!("no close for {}: pick a day from {} to {}", format_date(d), format_date(self.series.first_date()), format_date(self.series.last_date())),
                )
            }),
        }
    }

    /// The close-to-close change of `d` (a fraction), when `d` and the day before are in the
    /// data.
    pub fn day_change(&self, d: Date) -> Option<f64> {
        let i = self.series.index_of(d)?;
        let prev = self.series.bars.get(i.checked_sub(1)?)?;
        (d.to_julian_day() - prev.date.to_julian_day() == 1).then(|| self.series.bars[i].close_usd / prev.close_usd - 1.0)
    }

    /// The weekly and single-day readings of the orderly-or-cascade question. The forced-share
    /// test gets a figure only when positions closed is defined in every candidate week, so the
    /// reading never rests on one week alone.
    pub fn regime(&self) -> Vec<RegimeReading> {
        let lev = &self.leverage;
        let all_defined = lev.weeks_with_coin_open_interest_rising == 0;
        let week = RegimeInputs { forced_share: lev.liquidations_share_of_closed.filter(|_| all_defined), coin_elasticity: Some(lev.coin_elasticity), ..Default::default() };
        let day = RegimeInputs { day_change: self.day_change(CRASH_DAY), ..Default::default() };
        vec![classify_regime("week", &week, &self.thresholds), classify_regime("day", &day, &self.thresholds)]
    }

    /// RSI(14) on the close of `d`.
    pub fn rsi_on(&self, d: Date) -> Option<f64> {
        self.series.index_of(d).and_then(|i| self.rsi_14[i])
    }

    /// True when a peak higher than [`Explainer::ath`] may lie before these data: the long
    /// history has a higher close before they begin, or the high is their first day and no
    /// loaded history shows every earlier close below it. The words then say "the high in these
    /// data", not the high before the crash. Read once, at load and when the history arrives
    /// (a switch asks for it).
    pub fn high_may_be_earlier(&self) -> bool {
        self.peak_may_be_earlier
    }

    /// The lowest RSI(14) after `d`, and its day.
    pub fn lowest_rsi_after(&self, d: Date) -> Option<(Date, f64)> {
        self.series.bars.iter().zip(&self.rsi_14).filter(|(b, _)| b.date > d).filter_map(|(b, r)| r.map(|r| (b.date, r))).min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The volume of `d` against the median of the 30 days before it; `None` without volumes
    /// or without 30 days before.
    pub fn volume_multiple(&self, d: Date) -> Option<VolumeMultiple> {
        let i = self.series.index_of(d)?;
        let volume = self.series.bars[i].volume_btc?;
        let mut before: Vec<f64> = self.series.bars[i.checked_sub(30)?..i].iter().map(|b| b.volume_btc).collect::<Option<Vec<f64>>>()?;
        super::order::sort_by(&mut before, f64::total_cmp);
        let median = (before[14] + before[15]) / 2.0;
        if median <= 0.0 || !median.is_finite() {
            return None;
        }
        let rank_in_data = 1 + self.series.bars.iter().filter(|b| b.volume_btc.is_some_and(|v| v > volume)).count();
        Some(VolumeMultiple { date: d, volume_btc: volume, median_30d_btc: median, multiple: volume / median, rank_in_data })
    }

    /// The selected scenario's spec, or an error naming the known ids.
    pub fn scenario(&self, id: &str) -> Result<&ScenarioSpec, DataError> {
        let wanted = ScenarioId::parse(id).ok_or_else(|| DataError::file("scenario", format!("'{id}' is not one of {}", ScenarioId::ALL.map(|s| s.as_str()).join(", "))))?;
        self.scenarios.iter().find(|s| s.id == wanted).ok_or_else(|| DataError::file("scenario", format!("'{id}' is missing from the story")))
    }
}

/// See [`Explainer::provider`].
pub fn provider_name(series: &DailySeries, format: Option<DataFormat>) -> String {
    let cap = |s: &str| s.chars().take(60).collect::<String>();
    match format {
        Some(DataFormat::BinanceKlines { .. }) => return "Binance".into(),
        Some(DataFormat::CoinbaseCandles { .. }) => return "Coinbase".into(),
        Some(DataFormat::KrakenOhlc { .. }) => return "Kraken".into(),
        Some(DataFormat::BitstampOhlc { .. }) => return "Bitstamp".into(),
        Some(DataFormat::CoinGeckoMarketChart) => return "CoinGecko".into(),
        _ => {}
    }
    // A story's label is its `source`, before " (via …)".
    let line = match format {
        Some(DataFormat::Story) => series.source_line.split(" (via ").next().unwrap_or("").trim(),
        _ => series.source_line.trim(),
    };
    let mut words = line.split_whitespace();
    if let (Some(first), Some(second)) = (words.next(), words.next()) {
        let market = second.to_ascii_uppercase();
        if line != series.source_name
            && first.chars().next().is_some_and(char::is_uppercase)
            && (market.starts_with("BTC") || market.starts_with("XBT") || market.starts_with("BITCOIN"))
        {
            return cap(first.trim_end_matches([',', ':']));
        }
    }
    if format == Some(DataFormat::Story) && !line.is_empty() {
        return cap(line);
    }
    let name = series.source_name.rsplit('/').next().unwrap_or(&series.source_name);
    format!("the file {}", cap(name))
}
