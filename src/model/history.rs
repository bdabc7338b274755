//! The long history of daily closes, for questions the story's own file is too short to answer
//! ("the sharpest fall since when?").
//!
//! Input: CSV `date,close` with `#` comment lines (`# source: …` names the provider), one row
//! per UTC day, sorted. The bundled file holds Coinbase closes from 2020-01-01 to 2025-07-31
//! (`www/data/btcusd_daily_closes_2020_2025.csv`); the story's price file continues it.

use time::Date;

use super::bars::{format_date, parse_date, DailyBar};
use super::error::DataError;

/// Daily closes in USD, oldest first, with their attribution.
#[derive(Debug, Clone)]
pub struct CloseHistory {
    pub closes: Vec<(Date, f64)>,
    pub source_line: String,
}

impl CloseHistory {
    /// Parses the history CSV. Errors name the source, the line (1-based, comments included)
    /// and the field.
    pub fn parse_csv(text: &str, source_name: &str) -> Result<CloseHistory, DataError> {
        let mut closes: Vec<(Date, f64)> = Vec::new();
        let mut source_line = source_name.to_string();
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix('#') {
                if let Some(src) = rest.trim().strip_prefix("source:") {
                    source_line = src.trim().chars().take(300).collect();
                }
                continue;
            }
            if !header {
                if line != "date,close" {
                    return Err(DataError::file(source_name, format!("line {n}: the header must be 'date,close'")));
                }
                header = true;
                continue;
            }
            let (d, c) = line.split_once(',').ok_or_else(|| DataError::file(source_name, format!("line {n}: expected 'date,close'")))?;
            let date = parse_date(d).ok_or_else(|| DataError::file(source_name, format!("line {n}, field 'date': not a date (YYYY-MM-DD)")))?;
            let close: f64 = c
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v > 0.0)
                .ok_or_else(|| DataError::file(source_name, format!("line {n}, field 'close': not a positive number")))?;
            if closes.last().is_some_and(|l| l.0 >= date) {
                return Err(DataError::file(source_name, format!("line {n}, field 'date': {} is not after the line before", format_date(date))));
            }
            closes.push((date, close));
        }
        if closes.len() < 2 {
            return Err(DataError::file(source_name, "fewer than two closes"));
        }
        Ok(CloseHistory { closes, source_line })
    }
}

/// The largest earlier fall that was larger than a given one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LargerFallBefore {
    /// The day of the crash being compared, and its close-to-close change (negative).
    pub day: Date,
    pub change: f64,
    /// The last earlier day with a larger fall, and that fall; `None` if no earlier fall in
    /// the data was larger ("the largest since the data begin").
    pub previous: Option<(Date, f64)>,
    /// How many earlier days fell more, over the whole history.
    pub larger_falls_before: usize,
    /// The first day of the combined data.
    pub history_start: Date,
    /// The longest run of days missing from the closes between the previous larger fall (or
    /// the first day, when there is none) and `day`, first and last missing day: a larger fall
    /// could hide there. `None` when no day is missing.
    pub longest_gap: Option<(Date, Date)>,
}

/// Compares the close-to-close change of `day` with every earlier day, over the history and
/// the story's bars joined (the bars take over from their first day; a missing day breaks
/// the chain so no change spans a gap). `None` if `day` has no close-to-close change.
pub fn larger_fall_before(history: &CloseHistory, bars: &[DailyBar], day: Date) -> Option<LargerFallBefore> {
    let first_bar = bars.first()?.date;
    let mut closes: Vec<(Date, f64)> = history.closes.iter().copied().filter(|c| c.0 < first_bar).collect();
    closes.extend(bars.iter().map(|b| (b.date, b.close_usd)));
    let changes: Vec<(Date, f64)> = closes.windows(2).filter(|w| w[1].0.to_julian_day() - w[0].0.to_julian_day() == 1).map(|w| (w[1].0, w[1].1 / w[0].1 - 1.0)).collect();
    let change = changes.iter().find(|c| c.0 == day)?.1;
    let larger: Vec<&(Date, f64)> = changes.iter().filter(|c| c.0 < day && c.1 < change).collect();
    let previous = larger.last().map(|c| **c);
    let since = previous.map_or(closes[0].0, |p| p.0);
    let longest_gap = closes
        .windows(2)
        .filter(|w| w[0].0 >= since && w[1].0 <= day && w[1].0.to_julian_day() - w[0].0.to_julian_day() > 1)
        .max_by_key(|w| w[1].0.to_julian_day() - w[0].0.to_julian_day())
        .and_then(|w| Some((w[0].0.next_day()?, w[1].0.previous_day()?)));
    Some(LargerFallBefore { day, change, previous, larger_falls_before: larger.len(), history_start: closes[0].0, longest_gap })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_crash_day_is_the_largest_fall_since_ftx() {
        // Checked with a short script over the Coinbase closes 2020–2025 and the Bitstamp
        // file: 5 Feb 2026 fell 13.98% (73,000 → 62,795); the last larger fall was 9 Nov 2022,
        // −14.33% (18,546.47 → 15,888.8); four earlier days since 2020 fell more (12 Mar 2020,
        // 19 May 2021, 13 Jun 2022, 9 Nov 2022).
        let history = CloseHistory::parse_csv(include_str!("../../www/data/btcusd_daily_closes_2020_2025.csv"), "h.csv").unwrap();
        let series = crate::model::bars::DailySeries::parse_csv(crate::bundled::PRICES_CSV, "p.csv").unwrap();
        let r = larger_fall_before(&history, &series.bars, date!(2026 - 02 - 05)).unwrap();
        assert!((r.change - (62_795.0 / 73_000.0 - 1.0)).abs() < 1e-12);
        let (d, c) = r.previous.unwrap();
        assert_eq!(d, date!(2022 - 11 - 09));
        assert!((c * 100.0 + 14.33).abs() < 0.005, "{c}");
        assert_eq!(r.larger_falls_before, 4);
        assert_eq!(r.history_start, date!(2020 - 01 - 01));
        // The Coinbase closes end on 31 Jul 2025 and the Bitstamp file begins on 1 Aug 2025.
        assert_eq!(r.longest_gap, None);
    }

    #[test]
    fn days_missing_between_history_and_bars_are_named() {
        // The history ends on 31 Jul 2025; bars from 20 Jan 2026 leave 1 Aug 2025 to 19 Jan
        // 2026 uncovered, and the crash day's comparison runs across it.
        let history = CloseHistory::parse_csv(include_str!("../../www/data/btcusd_daily_closes_2020_2025.csv"), "h.csv").unwrap();
        let series = crate::model::bars::DailySeries::parse_csv(crate::bundled::PRICES_CSV, "p.csv").unwrap();
        let later: Vec<_> = series.bars.iter().copied().filter(|b| b.date >= date!(2026 - 01 - 20)).collect();
        let r = larger_fall_before(&history, &later, date!(2026 - 02 - 05)).unwrap();
        assert_eq!(r.longest_gap, Some((date!(2025 - 08 - 01), date!(2026 - 01 - 19))));
    }

    #[test]
    fn bad_history_lines_are_named() {
        let e = CloseHistory::parse_csv("date,close\n2020-01-01,5\n2020-01-01,6\n", "h.csv").unwrap_err().to_string();
        assert_eq!(e, "h.csv: line 3, field 'date': 2020-01-01 is not after the line before");
        let e = CloseHistory::parse_csv("# x\ndate,close\n2020-01-01,-5\n", "h.csv").unwrap_err().to_string();
        assert_eq!(e, "h.csv: line 3, field 'close': not a positive number");
    }
}
