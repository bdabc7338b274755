//! Price metrics from daily bars: high, low, drawdown, recovery, RSI, largest one-day drop.
//!
//! All fractions are returned as fractions (0.5254), never percent; the view converts.
//! Formulas: domain.md §4 (drawdown, bounce, gain to regain the peak, retracement, Wilder RSI).

use serde::Serialize;
use time::Date;

use super::bars::DailyBar;

/// A price on a day, in USD.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DatedPrice {
    #[serde(serialize_with = "crate::model::ser_date")]
    pub date: Date,
    pub usd: f64,
}

/// The highest daily high of the bars (the first day it was reached). `None` for no bars.
pub fn highest_high(bars: &[DailyBar]) -> Option<DatedPrice> {
    bars.iter().fold(None, |best: Option<DatedPrice>, b| match best {
        Some(p) if p.usd >= b.high_usd => Some(p),
        _ => Some(DatedPrice { date: b.date, usd: b.high_usd }),
    })
}

/// The lowest daily low between `from` and `to` inclusive. `None` when no bar falls in the window.
pub fn lowest_low_between(bars: &[DailyBar], from: Date, to: Date) -> Option<DatedPrice> {
    bars.iter().filter(|b| b.date >= from && b.date <= to).fold(None, |best: Option<DatedPrice>, b| match best {
        Some(p) if p.usd <= b.low_usd => Some(p),
        _ => Some(DatedPrice { date: b.date, usd: b.low_usd }),
    })
}

/// Drawdown from `peak` at `price`: `(peak − price) / peak` (positive below the peak).
pub fn drawdown(peak_usd: f64, price_usd: f64) -> f64 {
    (peak_usd - price_usd) / peak_usd
}

/// Gain needed from `price` to regain `peak`: `peak / price − 1` (= DD / (1 − DD)).
pub fn gain_to_regain(peak_usd: f64, price_usd: f64) -> f64 {
    peak_usd / price_usd - 1.0
}

/// Bounce from the trough: `(price − trough) / trough`.
pub fn bounce(trough_usd: f64, price_usd: f64) -> f64 {
    (price_usd - trough_usd) / trough_usd
}

/// Share of the decline from peak to trough that the price has won back:
/// `(price − trough) / (peak − trough)`.
pub fn retracement(peak_usd: f64, trough_usd: f64, price_usd: f64) -> f64 {
    (price_usd - trough_usd) / (peak_usd - trough_usd)
}

/// Wilder's RSI over `period` closes, one value per close: `None` for the first `period`
/// closes, then `100 − 100 / (1 + AvgGain / AvgLoss)` with the first averages the simple mean
/// of the first `period` changes and each later one `(prev × (period − 1) + x) / period`.
/// RSI is 100 when AvgLoss is 0 and 0 when AvgGain is 0 (domain.md §4.3).
pub fn rsi_wilder(closes: &[f64], period: usize) -> Vec<Option<f64>> {
    let mut out = vec![None; closes.len()];
    if period == 0 || closes.len() <= period {
        return out;
    }
    let n = period as f64;
    let (mut avg_gain, mut avg_loss) = (0.0, 0.0);
    for i in 1..=period {
        let change = closes[i] - closes[i - 1];
        avg_gain += change.max(0.0) / n;
        avg_loss += (-change).max(0.0) / n;
    }
    let rsi = |g: f64, l: f64| if l == 0.0 { 100.0 } else { 100.0 - 100.0 / (1.0 + g / l) };
    out[period] = Some(rsi(avg_gain, avg_loss));
    for i in period + 1..closes.len() {
        let change = closes[i] - closes[i - 1];
        avg_gain = (avg_gain * (n - 1.0) + change.max(0.0)) / n;
        avg_loss = (avg_loss * (n - 1.0) + (-change).max(0.0)) / n;
        out[i] = Some(rsi(avg_gain, avg_loss));
    }
    out
}

/// The day with the largest close-to-close fall, and that fall as a negative fraction.
/// `None` with fewer than two bars.
pub fn largest_one_day_drop(bars: &[DailyBar]) -> Option<(Date, f64)> {
    bars.windows(2).map(|w| (w[1].date, w[1].close_usd / w[0].close_usd - 1.0)).min_by(|a, b| a.1.total_cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawdown_recovery_by_hand() {
        // 1 − 59,930 / 126,272 = 0.525390...
        assert!((drawdown(126_272.0, 59_930.0) - 0.525_390).abs() < 1e-6);
        assert!((gain_to_regain(126_272.0, 59_930.0) - 1.106_991).abs() < 1e-6);
        assert!((bounce(59_930.0, 70_531.0) - 0.176_890).abs() < 1e-6);
        assert!((retracement(126_272.0, 59_930.0, 70_531.0) - 0.159_793).abs() < 1e-6);
    }

    #[test]
    fn rsi_matches_a_hand_computation() {
        // Period 2 on closes 1,2,1,3: changes +1,−1,+2. First averages: gain 0.5, loss 0.5 → 50.
        // Next: gain (0.5·1+2)/2 = 1.25, loss (0.5·1+0)/2 = 0.25 → RS 5 → 83.333.
        let rsi = rsi_wilder(&[1.0, 2.0, 1.0, 3.0], 2);
        assert_eq!(rsi[0..2], [None, None]);
        assert_eq!(rsi[2], Some(50.0));
        assert!((rsi[3].unwrap() - 83.333_333).abs() < 1e-6);
        assert_eq!(rsi_wilder(&[1.0, 2.0, 3.0], 2)[2], Some(100.0));
        assert_eq!(rsi_wilder(&[3.0, 2.0, 1.0], 2)[2], Some(0.0));
        assert!(rsi_wilder(&[1.0, 2.0], 2).iter().all(Option::is_none));
    }
}
