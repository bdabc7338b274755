//! Leverage metrics of the reset: open interest in dollars and in coins, liquidation shares.
//!
//! The article gives open interest (OI) as USD notional. For linear contracts
//! `OI_usd = OI_btc × P`, so `OI_btc,1 / OI_btc,0 = (OI_usd,1 / OI_usd,0) / (P1 / P0)`
//! (domain.md §1.2): a dollar drop that matches the price drop means no positions were closed.
//! The article names no window end, so the price ratio is taken over every candidate week and
//! all results are ranges.

use serde::Serialize;
use time::{Date, Duration};

use super::bars::{format_date, DailySeries};
use super::error::DataError;
use super::range::Range;

/// The leverage figures in use, in USD: the article's, unless a market series replaced them.
#[derive(Debug, Clone)]
pub struct LeverageInputs {
    /// Open interest at the start and the end of the week, as the article gives it (the same
    /// for every candidate week, because the article names no dates).
    pub open_interest_before_usd: Range,
    pub open_interest_after_usd: Range,
    /// Open interest read from a loaded series, per candidate week: `(week end, value at the
    /// start, value at the end)`. When present it replaces the article's pair for that week, so
    /// a week's start is never paired with another week's end.
    pub open_interest_by_week: Option<Vec<(Date, f64, f64)>>,
    pub liquidations_total_usd: Range,
    pub liquidations_btc_usd: Range,
}

/// One candidate week: the close of `start` to the close of `end`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PriceWindow {
    #[serde(serialize_with = "crate::model::ser_date")]
    pub start: Date,
    #[serde(serialize_with = "crate::model::ser_date")]
    pub end: Date,
    pub start_close_usd: f64,
    pub end_close_usd: f64,
}

/// The leverage figures of one candidate week, open interest and prices paired within it.
/// Fractions, not percent.
#[derive(Debug, Clone, Serialize)]
pub struct WeekLeverage {
    pub window: PriceWindow,
    pub open_interest_before_usd: Range,
    pub open_interest_after_usd: Range,
    /// `OI_usd / close` at each end (linear contracts: `OI_usd = OI_btc × P`).
    pub open_interest_before_btc: Range,
    pub open_interest_after_btc: Range,
    pub price_change: f64,
    pub open_interest_change: Range,
    /// `(OI₁/OI₀)/(P₁/P₀) − 1`.
    pub coin_open_interest_change: Range,
    /// Coins of open interest that went away, `OI_btc,0 − OI_btc,1` (negative: coin open
    /// interest grew).
    pub positions_closed_btc: Range,
    /// The closed coins valued at the week's prices (between the end and the start close);
    /// `None` when coin open interest did not fall over the whole range, so no positions can be
    /// said to have closed on net.
    pub positions_closed_usd: Option<Range>,
    /// Bitcoin liquidations over the positions closed (domain.md §1.9, metric 2); `None` where
    /// positions closed is undefined. Above 1 means more was liquidated than closed on net:
    /// new positions opened while others were forced out.
    pub liquidations_share_of_closed: Option<Range>,
    /// `ln(P1/P0) / ln(OI_usd,1/OI_usd,0)`: the share of the (log) dollar drop that the price
    /// markdown explains.
    pub price_markdown_share: Range,
    /// `%ΔOI_btc / %ΔP`.
    pub coin_elasticity: Range,
}

/// Everything derived from the leverage figures. Fractions, not percent. The ranges are hulls
/// over the weeks in `weeks` (the two crash-day weeks); `sensitivity` holds every week ending
/// 5–9 February that the data covers.
#[derive(Debug, Clone, Serialize)]
pub struct LeverageMetrics {
    pub windows: Vec<PriceWindow>,
    pub weeks: Vec<WeekLeverage>,
    pub sensitivity: Vec<WeekLeverage>,
    pub open_interest_before_usd: Range,
    pub open_interest_after_usd: Range,
    pub open_interest_change_usd: Range,
    pub open_interest_change: Range,
    pub price_change: Range,
    pub coin_open_interest_change: Range,
    pub open_interest_before_btc: Range,
    pub open_interest_after_btc: Range,
    pub coin_elasticity: Range,
    pub price_markdown_share: Range,
    /// Liquidations over positions closed, over the weeks where it is defined; `None` if it is
    /// defined in none.
    pub liquidations_share_of_closed: Option<Range>,
    /// How many of `weeks` have coin open interest rising (positions closed undefined).
    pub weeks_with_coin_open_interest_rising: usize,
    pub liquidations_total_share_of_open_interest: Range,
    pub liquidations_btc_share_of_open_interest: Range,
    pub btc_share_of_liquidations: Range,
}

/// The default candidate weeks: ending on the close of 5 or 6 February 2026, the two crash
/// days, each starting seven days earlier. An inference: the article says "one week prior"
/// without dates.
pub fn default_week_ends() -> Vec<Date> {
    vec![time::macros::date!(2026 - 02 - 05), time::macros::date!(2026 - 02 - 06)]
}

/// The weeks of the sensitivity table: ending on each close from 5 to 9 February 2026.
pub fn sensitivity_week_ends() -> Vec<Date> {
    (5..=9).filter_map(|d| Date::from_calendar_date(2026, time::Month::February, d).ok()).collect()
}

fn hull(parts: impl Iterator<Item = Range>) -> Range {
    let v: Vec<f64> = parts.flat_map(|r| [r.low, r.high]).collect();
    Range::hull(&v)
}

/// The figures of one week, or `None` when the series lacks one of its closes (or a loaded
/// open-interest series lacks the week).
pub fn week_leverage(inputs: &LeverageInputs, series: &DailySeries, end: Date) -> Option<WeekLeverage> {
    let start = end.checked_sub(Duration::days(7))?;
    let close = |d: Date| series.index_of(d).map(|i| series.bars[i].close_usd);
    let window = PriceWindow { start, end, start_close_usd: close(start)?, end_close_usd: close(end)? };
    let (oi0, oi1) = match &inputs.open_interest_by_week {
        Some(by_week) => by_week.iter().find(|w| w.0 == end).map(|w| (Range::point(w.1), Range::point(w.2)))?,
        None => (inputs.open_interest_before_usd, inputs.open_interest_after_usd),
    };
    let (p0, p1) = (window.start_close_usd, window.end_close_usd);
    let price_ratio = p1 / p0;
    let oi_ratio = oi1.divided_by(oi0);
    let before_btc = oi0.map(|v| v / p0);
    let after_btc = oi1.map(|v| v / p1);
    let closed_btc = Range::new(before_btc.low - after_btc.high, before_btc.high - after_btc.low);
    let positions_closed_usd = (closed_btc.low > 0.0).then(|| Range::new(closed_btc.low * p0.min(p1), closed_btc.high * p0.max(p1)));
    Some(WeekLeverage {
        window,
        open_interest_before_usd: oi0,
        open_interest_after_usd: oi1,
        open_interest_before_btc: before_btc,
        open_interest_after_btc: after_btc,
        price_change: price_ratio - 1.0,
        open_interest_change: oi_ratio.map(|r| r - 1.0),
        coin_open_interest_change: oi_ratio.map(|r| r / price_ratio - 1.0),
        positions_closed_btc: closed_btc,
        positions_closed_usd,
        liquidations_share_of_closed: positions_closed_usd.map(|c| inputs.liquidations_btc_usd.divided_by(c)),
        price_markdown_share: oi_ratio.map(|r| price_ratio.ln() / r.ln()),
        coin_elasticity: oi_ratio.map(|r| (r / price_ratio - 1.0) / (price_ratio - 1.0)),
    })
}

/// Computes the leverage metrics over the weeks ending on `week_ends`. Errors when a week's
/// days are not in the series (or, for a loaded open-interest series, not in that series).
pub fn leverage_metrics(inputs: &LeverageInputs, series: &DailySeries, week_ends: &[Date]) -> Result<LeverageMetrics, DataError> {
    let mut weeks = Vec::new();
    for &end in week_ends {
        let w = week_leverage(inputs, series, end).ok_or_else(|| {
            let start = end.checked_sub(Duration::days(7)).unwrap_or(end);
            let missing = [start, end].into_iter().find(|d| series.index_of(*d).is_none());
            match missing {
                Some(d) => DataError::file(&series.source_name, format!("no bar for {}, needed for the open-interest week", format_date(d))),
                None => DataError::file(&series.source_name, format!("the loaded open-interest series lacks the week ending {}", format_date(end))),
            }
        })?;
        weeks.push(w);
    }
    let sensitivity = sensitivity_week_ends().into_iter().filter_map(|end| week_leverage(inputs, series, end)).collect();
    let oi0 = hull(weeks.iter().map(|w| w.open_interest_before_usd));
    let oi1 = hull(weeks.iter().map(|w| w.open_interest_after_usd));
    let change_usd =
        hull(weeks.iter().map(|w| Range::new(w.open_interest_after_usd.low - w.open_interest_before_usd.high, w.open_interest_after_usd.high - w.open_interest_before_usd.low)));
    let shares: Vec<Range> = weeks.iter().filter_map(|w| w.liquidations_share_of_closed).collect();
    Ok(LeverageMetrics {
        windows: weeks.iter().map(|w| w.window).collect(),
        open_interest_before_usd: oi0,
        open_interest_after_usd: oi1,
        open_interest_change_usd: change_usd,
        open_interest_change: hull(weeks.iter().map(|w| w.open_interest_change)),
        price_change: hull(weeks.iter().map(|w| Range::point(w.price_change))),
        coin_open_interest_change: hull(weeks.iter().map(|w| w.coin_open_interest_change)),
        open_interest_before_btc: hull(weeks.iter().map(|w| w.open_interest_before_btc)),
        open_interest_after_btc: hull(weeks.iter().map(|w| w.open_interest_after_btc)),
        coin_elasticity: hull(weeks.iter().map(|w| w.coin_elasticity)),
        price_markdown_share: hull(weeks.iter().map(|w| w.price_markdown_share)),
        liquidations_share_of_closed: (!shares.is_empty()).then(|| hull(shares.into_iter())),
        weeks_with_coin_open_interest_rising: weeks.iter().filter(|w| w.positions_closed_usd.is_none()).count(),
        liquidations_total_share_of_open_interest: inputs.liquidations_total_usd.divided_by(oi0),
        liquidations_btc_share_of_open_interest: inputs.liquidations_btc_usd.divided_by(oi0),
        btc_share_of_liquidations: inputs.liquidations_btc_usd.divided_by(inputs.liquidations_total_usd),
        weeks,
        sensitivity,
    })
}
