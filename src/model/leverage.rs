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

/// The article's leverage figures, in USD.
#[derive(Debug, Clone, Copy)]
pub struct LeverageInputs {
    pub open_interest_before_usd: Range,
    pub open_interest_after_usd: Range,
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

/// Everything derived from the leverage figures. Fractions, not percent.
#[derive(Debug, Clone, Serialize)]
pub struct LeverageMetrics {
    pub windows: Vec<PriceWindow>,
    pub open_interest_change_usd: Range,
    pub open_interest_change: Range,
    pub price_change: Range,
    /// `(OI₁/OI₀)/(P₁/P₀) − 1`, taken per window.
    pub coin_open_interest_change: Range,
    pub open_interest_before_btc: Range,
    pub open_interest_after_btc: Range,
    /// Coin-OI elasticity `ε = %ΔOI_btc / %ΔP` (domain.md §1.9, metric 3).
    pub coin_elasticity: Range,
    /// Share of the (log) dollar drop explained by the price marking positions down:
    /// `ln(P1/P0) / ln(OI_usd,1/OI_usd,0)`; the rest is positions closed.
    pub price_markdown_share: Range,
    pub liquidations_total_share_of_open_interest: Range,
    pub liquidations_btc_share_of_open_interest: Range,
    /// BTC liquidations over the absolute dollar OI drop (domain.md §1.9, metric 2).
    pub forced_share: Range,
    pub btc_share_of_liquidations: Range,
}

/// The default candidate weeks: ending on the close of 5 or 6 February 2026, the two crash
/// days, each starting seven days earlier. An inference: the article says "one week prior"
/// without dates.
pub fn default_week_ends() -> Vec<Date> {
    vec![time::macros::date!(2026 - 02 - 05), time::macros::date!(2026 - 02 - 06)]
}

/// Computes the leverage metrics. Errors when a window's days are not in the series.
pub fn leverage_metrics(inputs: &LeverageInputs, series: &DailySeries, week_ends: &[Date]) -> Result<LeverageMetrics, DataError> {
    let mut windows = Vec::new();
    for &end in week_ends {
        let start = end - Duration::days(7);
        let close = |d: Date| {
            series.index_of(d).map(|i| series.bars[i].close_usd).ok_or_else(|| {
                DataError::file(&series.source_name, format!("no bar for {}, needed for the open-interest week", format_date(d)))
            })
        };
        windows.push(PriceWindow { start, end, start_close_usd: close(start)?, end_close_usd: close(end)? });
    }
    let oi0 = inputs.open_interest_before_usd;
    let oi1 = inputs.open_interest_after_usd;
    let oi_ratio = oi1.divided_by(oi0);
    let per_window = |f: &dyn Fn(&PriceWindow) -> Range| -> Range {
        let parts: Vec<Range> = windows.iter().map(f).collect();
        Range::hull(&parts.iter().flat_map(|r| [r.low, r.high]).collect::<Vec<_>>())
    };
    let price_ratio = |w: &PriceWindow| w.end_close_usd / w.start_close_usd;
    let oi_change = oi_ratio.map(|r| r - 1.0);
    // Absolute size of the dollar drop, for the forced share.
    let drop_usd = Range::new(oi0.low - oi1.high, oi0.high - oi1.low);
    Ok(LeverageMetrics {
        open_interest_change_usd: Range::new(oi1.low - oi0.high, oi1.high - oi0.low),
        open_interest_change: oi_change,
        price_change: per_window(&|w| Range::point(price_ratio(w) - 1.0)),
        coin_open_interest_change: per_window(&|w| oi_ratio.map(|r| r / price_ratio(w) - 1.0)),
        open_interest_before_btc: per_window(&|w| oi0.map(|v| v / w.start_close_usd)),
        open_interest_after_btc: per_window(&|w| oi1.map(|v| v / w.end_close_usd)),
        coin_elasticity: per_window(&|w| oi_ratio.map(|r| (r / price_ratio(w) - 1.0) / (price_ratio(w) - 1.0))),
        price_markdown_share: per_window(&|w| oi_ratio.map(|r| price_ratio(w).ln() / r.ln())),
        liquidations_total_share_of_open_interest: inputs.liquidations_total_usd.divided_by(oi0),
        liquidations_btc_share_of_open_interest: inputs.liquidations_btc_usd.divided_by(oi0),
        forced_share: inputs.liquidations_btc_usd.divided_by(drop_usd),
        btc_share_of_liquidations: inputs.liquidations_btc_usd.divided_by(inputs.liquidations_total_usd),
        windows,
    })
}

