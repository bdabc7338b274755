//! Daily OHLCV bars: parsing and validation.
//!
//! Input is CSV with a header row naming at least `date`, `open`, `high`, `low`, `close`
//! (`volume` and `unix_time` optional), as in the Bitstamp file from Polv89's repository
//! (`../shared/data/SOURCES.md`, file 1). Lines starting with `#` before the header are
//! metadata: `# source: …` is the attribution shown with every chart, `# partial: YYYY-MM-DD`
//! marks a day whose bar was cut off when the file was captured.

use serde::Serialize;
use time::{Date, Month};

use super::error::{cap, clean_source_name, echo, DataError, TEXT_MAX_CHARS};
use super::numbers::{decide, num_text, ohlc_problem, price_problem, read, volume_problem, ColumnValues, JUMP_FACTOR};

/// One UTC day of trading. Prices in USD, volume in BTC.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DailyBar {
    #[serde(serialize_with = "crate::model::ser_date")]
    pub date: Date,
    pub open_usd: f64,
    pub high_usd: f64,
    pub low_usd: f64,
    pub close_usd: f64,
    pub volume_btc: Option<f64>,
    /// True for a day that was still trading when the file was captured.
    pub partial: bool,
}

/// A validated, sorted series of daily bars with its attribution.
#[derive(Debug, Clone)]
pub struct DailySeries {
    pub bars: Vec<DailyBar>,
    /// Attribution line from the file's `# source:` comment, or the file name.
    pub source_line: String,
    /// Non-fatal findings (missing days), in words.
    pub warnings: Vec<String>,
    /// The file name or URL the bars came from, for error messages.
    pub source_name: String,
}

/// Parses `YYYY-MM-DD` (exactly: four, two and two digits). The calendar check (month 1–12,
/// the day within its month, leap years) is `time`'s. The split is done here because `time`'s
/// general format-description parser adds about 20 KB to the wasm for this one shape.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> { b[r.clone()].iter().all(u8::is_ascii_digit).then(|| text[r].parse().ok()).flatten() };
    let month = Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    Date::from_calendar_date(digits(0..4)? as i32, month, u8::try_from(digits(8..10)?).ok()?).ok()
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month() as u8, date.day())
}

/// True for a row whose price cells are all `null` or empty (Yahoo Finance writes such rows for
/// days without trading): it is skipped with a warning, like a missing day.
pub(crate) fn skip_null_row(record: &csv::StringRecord, price_cols: &[usize]) -> bool {
    price_cols.iter().all(|&k| record.get(k).is_some_and(|c| c.is_empty() || c.eq_ignore_ascii_case("null")))
        && price_cols.iter().any(|&k| record.get(k).is_some_and(|c| c.eq_ignore_ascii_case("null")))
}

/// The findings that do not stop a series: missing days, and a close more than
/// [`JUMP_FACTOR`] times (or less than 1/[`JUMP_FACTOR`] of) the previous close.
pub(crate) fn series_warnings(bars: &[DailyBar], source: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    for pair in bars.windows(2) {
        let gap_days = (pair[1].date - pair[0].date).whole_days();
        if gap_days > 1 {
            warnings.push(format!("{source}: {} day(s) missing between {} and {}", gap_days - 1, format_date(pair[0].date), format_date(pair[1].date)));
        }
        let ratio = pair[1].close_usd / pair[0].close_usd;
        if !(1.0 / JUMP_FACTOR..=JUMP_FACTOR).contains(&ratio) {
            warnings.push(format!(
                "{source}: the close of {} ({}) is {} the close of {} ({}): an implausible jump for one day, check the data",
                format_date(pair[1].date),
                num_text(pair[1].close_usd),
                if ratio > 1.0 { format!("{ratio:.1} times") } else { format!("1/{:.1} of", 1.0 / ratio) },
                format_date(pair[0].date),
                num_text(pair[0].close_usd)
            ));
        }
    }
    warnings
}

impl DailySeries {
    /// True when every day holds a single price (open = high = low = close on every bar, at
    /// least two bars): a price read once a day, such as CoinGecko's daily `market_chart`, not
    /// a candle. A day's true high and low are then not in the data, and neither is the crash
    /// low.
    pub fn one_reading_a_day(&self) -> bool {
        self.bars.len() >= 2 && self.bars.iter().all(|b| b.open_usd == b.high_usd && b.high_usd == b.low_usd && b.low_usd == b.close_usd)
    }

    /// Parses and validates daily bars from CSV text.
    ///
    /// Errors name `source_name`, the 1-based data row and the column: an empty file, a missing
    /// column, a date that is not `YYYY-MM-DD`, a `unix_time` that is not that date's 00:00 UTC,
    /// a price that is not a finite positive number, a low above the open or close, a high below
    /// them, dates out of order or repeated. Missing days are kept as warnings.
    pub fn parse_csv(text: &str, source_name: &str) -> Result<DailySeries, DataError> {
        let source_name = &clean_source_name(source_name);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(DataError::file(source_name, "the file is empty"));
        }
        let mut source_line = None;
        let mut partial_dates = Vec::new();
        let mut warnings = Vec::new();
        for line in text.lines().take_while(|l| l.starts_with('#')) {
            let meta = line.trim_start_matches('#').trim();
            if let Some(rest) = meta.strip_prefix("source:") {
                let rest = rest.trim();
                if rest.chars().count() > TEXT_MAX_CHARS {
                    warnings.push(format!("{source_name}: the '# source:' line is over {TEXT_MAX_CHARS} characters and was cut"));
                }
                source_line = Some(cap(rest, TEXT_MAX_CHARS));
            } else if let Some(rest) = meta.strip_prefix("partial:") {
                let date =
                    parse_date(rest).ok_or_else(|| DataError::file(source_name, format!("the '# partial:' comment holds '{}', not a date YYYY-MM-DD", echo(rest.trim()))))?;
                partial_dates.push(date);
            }
        }
        if text.lines().next().is_some_and(|l| l.trim().is_empty()) {
            return Err(DataError::file(source_name, "the first line is empty: the header (date, open, high, low, close) must come first"));
        }
        let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| DataError::file(source_name, format!("cannot read the header row: {e}")))?.clone();
        let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let required = ["date", "open", "high", "low", "close"];
        let mut idx = [0usize; 5];
        for (i, name) in required.iter().enumerate() {
            idx[i] = column(name)
                .ok_or_else(|| DataError::file(source_name, format!("missing column '{name}' (the header has: {})", echo(&headers.iter().collect::<Vec<_>>().join(", ")))))?;
        }
        let volume_idx = column("volume");
        let unix_idx = column("unix_time");

        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                match e.kind() {
                    csv::ErrorKind::UnequalLengths { len, .. } => DataError::line(source_name, line, format!("the row has {len} fields but the header has {}", headers.len())),
                    _ => DataError::line(source_name, line, format!("cannot read the row: {}", echo(&e.to_string()))),
                }
            })?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            if skip_null_row(&record, &idx[1..]) {
                warnings.push(format!("{source_name}, line {line}: no prices (null), skipped like a missing day"));
                continue;
            }
            records.push((line, record));
        }
        let cell = |r: &csv::StringRecord, k: usize| r.get(k).unwrap_or("").to_string();
        let mut columns: Vec<ColumnValues> = (1..5).map(|k| ColumnValues { field: required[k], price: true, values: Vec::new() }).collect();
        columns.push(ColumnValues { field: "volume", price: false, values: Vec::new() });
        for (line, r) in &records {
            for k in 1..5 {
                columns[k - 1].values.push((*line, r.get(idx[k]).unwrap_or("")));
            }
            if let Some(v) = volume_idx.and_then(|k| r.get(k)) {
                columns[4].values.push((*line, v));
            }
        }
        let (convention, how) = decide(source_name, &columns)?;
        warnings.extend(how);

        let mut bars: Vec<DailyBar> = Vec::new();
        for (row, record) in &records {
            let row = *row;
            let date_text = cell(record, idx[0]);
            let date = parse_date(&date_text).ok_or_else(|| DataError::at_line(source_name, row, "date", format!("'{}' is not a date YYYY-MM-DD", echo(&date_text))))?;
            let price = |k: usize| -> Result<f64, DataError> {
                let name = required[k];
                let raw = cell(record, idx[k]);
                let value = read(&raw, convention).ok_or_else(|| DataError::at_line(source_name, row, name, format!("'{}' is not a number", echo(&raw))))?;
                match price_problem(value, &raw) {
                    Some(problem) => Err(DataError::at_line(source_name, row, name, problem)),
                    None => Ok(value),
                }
            };
            let (open_usd, high_usd, low_usd, close_usd) = (price(1)?, price(2)?, price(3)?, price(4)?);
            if let Some((field, problem)) = ohlc_problem(open_usd, high_usd, low_usd, close_usd) {
                return Err(DataError::at_line(source_name, row, field, problem));
            }
            let volume_btc = match volume_idx.and_then(|k| record.get(k)).filter(|s| !s.is_empty()) {
                None => None,
                Some(raw) => match read(raw, convention) {
                    Some(v) => match volume_problem(v, raw) {
                        None => Some(v),
                        Some(problem) => return Err(DataError::at_line(source_name, row, "volume", problem)),
                    },
                    None => return Err(DataError::at_line(source_name, row, "volume", format!("'{}' is not a finite non-negative number", echo(raw)))),
                },
            };
            if let Some(raw) = unix_idx.and_then(|k| record.get(k)).filter(|s| !s.is_empty()) {
                let expected = date.midnight().assume_utc().unix_timestamp();
                if raw.parse::<i64>().ok() != Some(expected) {
                    return Err(DataError::at_line(source_name, row, "unix_time", format!("'{}' is not 00:00 UTC of {date_text} ({expected})", echo(raw))));
                }
            }
            if let Some(prev) = bars.last() {
                if date == prev.date {
                    return Err(DataError::at_line(source_name, row, "date", format!("{date_text} appears twice")));
                }
                if date < prev.date {
                    return Err(DataError::at_line(source_name, row, "date", format!("{date_text} comes after {}: rows must be sorted by date", format_date(prev.date))));
                }
            }
            let partial = partial_dates.contains(&date);
            bars.push(DailyBar { date, open_usd, high_usd, low_usd, close_usd, volume_btc, partial });
        }
        if bars.is_empty() {
            return Err(DataError::file(source_name, "the file has a header but no data rows"));
        }
        warnings.extend(series_warnings(&bars, source_name));
        Ok(DailySeries { bars, source_line: source_line.unwrap_or_else(|| source_name.to_string()), warnings, source_name: source_name.to_string() })
    }

    /// Index of the bar on `date`, if the series has that day.
    pub fn index_of(&self, date: Date) -> Option<usize> {
        self.bars.binary_search_by(|b| b.date.cmp(&date)).ok()
    }

    pub fn first_date(&self) -> Date {
        self.bars[0].date
    }

    pub fn last_date(&self) -> Date {
        self.bars[self.bars.len() - 1].date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# source: test\n# partial: 2026-02-02\ndate,open,high,low,close\n2026-02-01,10,12,9,11\n2026-02-02,11,13,10,12\n";

    fn err(text: &str) -> String {
        DailySeries::parse_csv(text, "prices.csv").unwrap_err().to_string()
    }

    #[test]
    fn parses_metadata_and_rows() {
        let s = DailySeries::parse_csv(GOOD, "prices.csv").unwrap();
        assert_eq!(s.bars.len(), 2);
        assert_eq!(s.source_line, "test");
        assert!(!s.bars[0].partial);
        assert!(s.bars[1].partial);
    }

    #[test]
    fn bad_inputs_name_file_row_and_field() {
        let cases = [
            ("", "prices.csv: the file is empty"),
            ("date,open,high,low\n2026-02-01,1,1,1\n", "prices.csv: missing column 'close' (the header has: date, open, high, low)"),
            ("date,open,high,low,close\n", "prices.csv: the file has a header but no data rows"),
            ("date,open,high,low,close\n2026-02-01,10,12,9,11\n2026-02-02,11,13,12.5,12\n", "prices.csv, line 3, field 'low': low 12.5 is above the open"),
            ("date,open,high,low,close\n2026-02-01,10,10.5,9,11\n", "prices.csv, line 2, field 'high': high 10.5 is below the close"),
            ("date,open,high,low,close\n2026-02-01,10,12,9,NaN\n", "prices.csv, line 2, field 'close': NaN is not a finite positive price"),
            ("date,open,high,low,close\n2026-02-01,10,12,9,inf\n", "prices.csv, line 2, field 'close': inf is not a finite positive price"),
            ("date,open,high,low,close\n2026-02-01,-10,12,9,11\n", "prices.csv, line 2, field 'open': -10 is not a finite positive price"),
            ("date,open,high,low,close\n2026-02-01,abc,12,9,11\n", "prices.csv, line 2, field 'open': 'abc' is not a number"),
            ("date,open,high,low,close\n2026-02-30,10,12,9,11\n", "prices.csv, line 2, field 'date': '2026-02-30' is not a date YYYY-MM-DD"),
            ("date,open,high,low,close\n2026-02-02,10,12,9,11\n2026-02-01,10,12,9,11\n", "prices.csv, line 3, field 'date': 2026-02-01 comes after 2026-02-02: rows must be sorted by date"),
            ("date,open,high,low,close\n2026-02-01,10,12,9,11\n2026-02-01,10,12,9,11\n", "prices.csv, line 3, field 'date': 2026-02-01 appears twice"),
            ("date,unix_time,open,high,low,close\n2026-02-01,1769904001,10,12,9,11\n", "prices.csv, line 2, field 'unix_time': '1769904001' is not 00:00 UTC of 2026-02-01 (1769904000)"),
            ("date,open,high,low,close\n2026-02-01,10,12,9\n", "prices.csv, line 2: the row has 4 fields but the header has 5"),
            // Lines count the comments and the header, as an editor does.
            ("# source: x\n\n# more\ndate,open,high,low,close\n2026-02-01,10,12,9,11\n2026-02-02,10,12,9,x\n", "prices.csv, line 6, field 'close': 'x' is not a number"),
            // High and low swapped.
            ("date,open,high,low,close\n2026-02-01,10,9,12,11\n", "prices.csv, line 2, field 'high': high 9 is below low 12"),
            ("date,open,high,low,close\n2026-02-01,10,1.7976931348623157e308,9,11\n", "prices.csv, line 2, field 'high': 1.7976931348623157e308 is outside the plausible range of a BTC/USD price ($0.01 to $100,000,000)"),
            ("date,open,high,low,close\n2026-02-01,10,12,0.001,11\n", "prices.csv, line 2, field 'low': 0.001 is outside the plausible range of a BTC/USD price ($0.01 to $100,000,000)"),
            ("\ndate,open,high,low,close\n2026-02-01,10,12,9,11\n", "prices.csv: the first line is empty: the header (date, open, high, low, close) must come first"),
            ("date,open,high,low,close\n2026-02-01,\"62.795\",\"62.795\",\"62.795\",\"62.795\"\n", "prices.csv, line 2, field 'open': '62.795' reads as 62.795 with a decimal point or as 62795 with '.' or ',' grouping thousands, and no value in the file decides which: write numbers without thousands separators and with their decimals (e.g. 62795.00 or 62795,00), or make one value show the convention (e.g. 62.795,00)"),
        ];
        for (input, expected) in cases {
            assert_eq!(err(input), expected, "input: {input:?}");
        }
    }

    #[test]
    fn null_rows_are_skipped_and_jumps_flagged() {
        // Yahoo's export: a null row is a missing day.
        let s = DailySeries::parse_csv(
            "Date,Open,High,Low,Close,Adj Close,Volume\n2026-01-31,10,12,9,11,11,5\n2026-02-01,null,null,null,null,null,null\n2026-02-02,11,13,10,12,12,5\n",
            "y.csv",
        )
        .unwrap();
        assert_eq!(s.bars.len(), 2);
        assert_eq!(
            s.warnings,
            vec!["y.csv, line 3: no prices (null), skipped like a missing day".to_string(), "y.csv: 1 day(s) missing between 2026-01-31 and 2026-02-02".to_string()]
        );
        // 11 → 121 is 11 times; 121 → 12 is 1/10.1 of it.
        let s = DailySeries::parse_csv("date,open,high,low,close\n2026-02-01,10,12,9,11\n2026-02-02,11,130,10,121\n2026-02-03,121,121,10,12\n", "j.csv").unwrap();
        assert_eq!(
            s.warnings,
            vec![
                "j.csv: the close of 2026-02-02 (121) is 11.0 times the close of 2026-02-01 (11): an implausible jump for one day, check the data".to_string(),
                "j.csv: the close of 2026-02-03 (12) is 1/10.1 of the close of 2026-02-02 (121): an implausible jump for one day, check the data".to_string(),
            ]
        );
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date("2024-02-29").map(format_date), Some("2024-02-29".to_string()));
        for bad in ["2025-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-0x", "+026-01-01"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn byte_order_mark_is_accepted_and_gaps_are_warnings() {
        let s = DailySeries::parse_csv("\u{feff}date,open,high,low,close\n2026-02-01,10,12,9,11\n2026-02-04,10,12,9,11\n", "p.csv").unwrap();
        assert_eq!(s.warnings, vec!["p.csv: 2 day(s) missing between 2026-02-01 and 2026-02-04".to_string()]);
    }
}
