//! Price data in the formats people have: detected, parsed, checked and turned into daily bars.
//!
//! Accepted (detected from the text, the detected format is reported):
//! - the project's own daily CSV (`date,open,high,low,close`, optional `unix_time`, `volume`,
//!   `#` metadata lines), as bundled;
//! - plain CSV of daily or intraday bars: a date or timestamp column and open, high, low, close,
//!   optional volume, under common header names; comma, semicolon or tab;
//! - JSON responses of public APIs (`../shared/data/API_SHAPES.md`): Binance klines (spot and
//!   USDⓈ-M futures), Coinbase Exchange candles (`[time, low, high, open, close, volume]`),
//!   Kraken OHLC, Bitstamp OHLC, CoinGecko `market_chart` (prices only: each day's candle is
//!   drawn from that day's prices, and the format says so).
//!
//! Timestamps may be seconds, milliseconds or ISO 8601; all become UTC. Intraday bars become
//! UTC days (open first, high max, low min, close last, volume summed). Nothing is silently
//! fixed: every problem is an error naming the source, the row and the field, except a
//! byte-order mark, a timestamp without a zone (read as UTC) and missing days, which are kept as
//! warnings.

use serde_json::Value;
use time::{Date, Duration, OffsetDateTime};

use super::bars::{format_date, parse_date, DailyBar, DailySeries};
use super::error::DataError;

/// What the data was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    ProjectCsv,
    Csv { delimiter: char, intraday: bool },
    BinanceKlines { intraday: bool },
    CoinbaseCandles { intraday: bool },
    KrakenOhlc { intraday: bool },
    BitstampOhlc { intraday: bool },
    CoinGeckoMarketChart,
}

impl DataFormat {
    /// The format in words, as the page shows it.
    pub fn describe(&self) -> String {
        let bars = |intraday: bool| if intraday { "intraday bars, combined into UTC days" } else { "daily bars" };
        match *self {
            DataFormat::ProjectCsv => "the project's daily OHLC CSV".into(),
            DataFormat::Csv { delimiter, intraday } => {
                let d = match delimiter {
                    ',' => "comma",
                    ';' => "semicolon",
                    _ => "tab",
                };
                format!("CSV ({d}-separated), {}", bars(intraday))
            }
            DataFormat::BinanceKlines { intraday } => format!("Binance klines JSON, {}", bars(intraday)),
            DataFormat::CoinbaseCandles { intraday } => format!("Coinbase Exchange candles JSON, {}", bars(intraday)),
            DataFormat::KrakenOhlc { intraday } => format!("Kraken OHLC JSON, {}", bars(intraday)),
            DataFormat::BitstampOhlc { intraday } => format!("Bitstamp OHLC JSON, {}", bars(intraday)),
            DataFormat::CoinGeckoMarketChart => "CoinGecko market_chart JSON (prices only: each day's open, high, low and close are that day's first, highest, lowest and last price)".into(),
        }
    }
}

/// Parsed data and what it was.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub format: DataFormat,
    pub series: DailySeries,
}

/// One bar as the source gave it, before it becomes part of a UTC day.
#[derive(Debug, Clone, Copy)]
struct RawBar {
    row: usize,
    time: OffsetDateTime,
    open: f64,
    high: f64,
    low: f64,
    close: f64,
    volume: Option<f64>,
}

/// Largest body accepted, in bytes (the page enforces the same limit before calling).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Detects the format of `text` and returns validated daily bars.
pub fn ingest(text: &str, source_name: &str) -> Result<Ingested, DataError> {
    let mut warnings = Vec::new();
    if text.len() > MAX_BYTES {
        return Err(DataError::file(source_name, format!("the body is {} bytes, over the limit of {MAX_BYTES}", text.len())));
    }
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            warnings.push(format!("{source_name}: a byte-order mark at the start was ignored"));
            rest
        }
        None => text,
    };
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(DataError::file(source_name, "the body is empty"));
    }
    if trimmed.starts_with('<') {
        let start: String = trimmed.chars().take(40).collect();
        return Err(DataError::file(source_name, format!("this looks like an HTML page (it starts with \"{start}\"), not CSV or JSON")));
    }
    let (format, mut series) = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let value: Value = serde_json::from_str(trimmed).map_err(|e| {
            let msg = e.to_string();
            if msg.contains("recursion limit") {
                DataError::file(source_name, "the JSON is nested too deeply (over 128 levels)")
            } else {
                DataError::file(source_name, format!("not valid JSON: {msg}"))
            }
        })?;
        let (format, raw) = from_json(&value, source_name)?;
        let intraday = has_intraday(&raw);
        let format = with_intraday(format, intraday);
        (format, daily_from_raw(raw, source_name, &format)?)
    } else {
        from_csv(text, source_name, &mut warnings)?
    };
    series.warnings.splice(0..0, warnings);
    Ok(Ingested { format, series })
}

fn with_intraday(format: DataFormat, intraday: bool) -> DataFormat {
    match format {
        DataFormat::BinanceKlines { .. } => DataFormat::BinanceKlines { intraday },
        DataFormat::CoinbaseCandles { .. } => DataFormat::CoinbaseCandles { intraday },
        DataFormat::KrakenOhlc { .. } => DataFormat::KrakenOhlc { intraday },
        DataFormat::BitstampOhlc { .. } => DataFormat::BitstampOhlc { intraday },
        DataFormat::Csv { delimiter, .. } => DataFormat::Csv { delimiter, intraday },
        f => f,
    }
}

fn has_intraday(raw: &[RawBar]) -> bool {
    raw.windows(2).any(|w| w[0].time.date() == w[1].time.date())
}

// --- Timestamps -------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeUnit {
    Seconds,
    Millis,
    Iso,
}

/// Reads a timestamp: integer seconds, integer milliseconds (≥ 10¹¹), or ISO 8601
/// (`YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z` or `±HH:MM`). Returns the instant in
/// UTC, its unit, and whether it carried no zone.
fn parse_time(raw: &str) -> Option<(OffsetDateTime, TimeUnit, bool)> {
    let raw = raw.trim();
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = raw.parse().ok()?;
        return if n >= 100_000_000_000 {
            OffsetDateTime::from_unix_timestamp_nanos(n as i128 * 1_000_000).ok().map(|t| (t, TimeUnit::Millis, false))
        } else {
            OffsetDateTime::from_unix_timestamp(n).ok().map(|t| (t, TimeUnit::Seconds, false))
        };
    }
    // Numbers in JSON may come as floats ("1700000000.0").
    if let Ok(x) = raw.parse::<f64>() {
        if x.is_finite() && x >= 0.0 && x.fract() == 0.0 {
            return parse_time(&format!("{}", x as i64));
        }
    }
    let date = parse_date(raw.get(..10)?)?;
    let rest = &raw[10..];
    if rest.is_empty() {
        return Some((date.midnight().assume_utc(), TimeUnit::Iso, false));
    }
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let (clock, zone) = match rest.find(|c| c == 'Z' || c == '+' || c == '-') {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let mut parts = clock.split(':');
    let hour: u8 = parts.next()?.parse().ok()?;
    let minute: u8 = parts.next()?.parse().ok()?;
    let second: f64 = parts.next().map(|s| s.parse().ok()).unwrap_or(Some(0.0))?;
    if parts.next().is_some() || !(0.0..60.0).contains(&second) {
        return None;
    }
    let t = time::Time::from_hms(hour, minute, second as u8).ok()?;
    let offset_seconds = match zone {
        None | Some("Z") => 0,
        Some(z) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let hm = &z[1..];
            let (h, m) = hm.split_once(':').unwrap_or((hm.get(..2)?, hm.get(2..).unwrap_or("0")));
            let (h, m): (i64, i64) = (h.parse().ok()?, if m.is_empty() { 0 } else { m.parse().ok()? });
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let local = date.with_time(t).assume_utc();
    Some((local - Duration::seconds(offset_seconds), TimeUnit::Iso, zone.is_none()))
}

// --- JSON shapes ------------------------------------------------------------------------

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Builds raw bars from array rows using `(time, open, high, low, close, volume)` positions.
fn rows_from_arrays(rows: &[Value], source: &str, idx: [usize; 6], names: [&str; 6]) -> Result<Vec<RawBar>, DataError> {
    let mut out = Vec::with_capacity(rows.len());
    let mut unit = None;
    for (i, row) in rows.iter().enumerate() {
        let r = i + 1;
        let cells = row.as_array().ok_or_else(|| DataError::row(source, r, "is not an array"))?;
        let need = *idx.iter().max().unwrap_or(&0);
        if cells.len() <= need {
            return Err(DataError::row(source, r, format!("has {} values, expected at least {}", cells.len(), need + 1)));
        }
        let (time, u, _) = parse_time(&text_of(&cells[idx[0]])).ok_or_else(|| DataError::at(source, r, names[0], format!("'{}' is not a timestamp", text_of(&cells[idx[0]]))))?;
        check_unit(&mut unit, u, source, r, names[0])?;
        let field = |k: usize| -> Result<f64, DataError> {
            num(&cells[idx[k]]).ok_or_else(|| DataError::at(source, r, names[k], format!("'{}' is not a number", text_of(&cells[idx[k]]))))
        };
        out.push(RawBar { row: r, time, open: field(1)?, high: field(2)?, low: field(3)?, close: field(4)?, volume: Some(field(5)?) });
    }
    Ok(out)
}

fn check_unit(seen: &mut Option<TimeUnit>, u: TimeUnit, source: &str, row: usize, field: &str) -> Result<(), DataError> {
    match *seen {
        Some(prev) if prev != u => {
            let name = |u: TimeUnit| match u {
                TimeUnit::Seconds => "seconds",
                TimeUnit::Millis => "milliseconds",
                TimeUnit::Iso => "ISO 8601 dates",
            };
            Err(DataError::at(source, row, field, format!("{} after {} in earlier rows: mixed timestamp units", name(u), name(prev))))
        }
        _ => {
            *seen = Some(u);
            Ok(())
        }
    }
}

fn keys(v: &Value) -> String {
    match v {
        Value::Object(m) => m.keys().take(8).cloned().collect::<Vec<_>>().join(", "),
        _ => String::new(),
    }
}

fn from_json(v: &Value, source: &str) -> Result<(DataFormat, Vec<RawBar>), DataError> {
    // Arrays of arrays: Binance klines (ms, open, high, low, close, volume, …: 12 values) or
    // Coinbase candles (s, low, high, open, close, volume).
    if let Some(rows) = v.as_array() {
        let first = rows.first().ok_or_else(|| DataError::file(source, "the JSON array is empty"))?;
        let cells = first.as_array().ok_or_else(|| DataError::file(source, "a JSON array whose rows are not arrays: not a known price format"))?;
        let ms = cells.first().and_then(num).is_some_and(|t| t >= 1e11);
        if cells.len() >= 12 || (cells.len() >= 6 && ms) {
            let raw = rows_from_arrays(rows, source, [0, 1, 2, 3, 4, 5], ["open_time", "open", "high", "low", "close", "volume"])?;
            return Ok((DataFormat::BinanceKlines { intraday: false }, raw));
        }
        if cells.len() == 6 {
            let mut raw = rows_from_arrays(rows, source, [0, 3, 2, 1, 4, 5], ["time", "open", "high", "low", "close", "volume"])?;
            // Coinbase documents no order and commonly answers newest first.
            raw.sort_by_key(|b| b.time);
            return Ok((DataFormat::CoinbaseCandles { intraday: false }, raw));
        }
        return Err(DataError::file(source, format!("a JSON array of rows with {} values: not a known price format", cells.len())));
    }
    let obj = v.as_object().ok_or_else(|| DataError::file(source, "the JSON is neither an object nor an array"))?;
    // Kraken: {"error": [], "result": {"XXBTZUSD": [[time, open, high, low, close, vwap, volume, count]], "last": …}}
    if let (Some(errors), Some(result)) = (obj.get("error").and_then(Value::as_array), obj.get("result").and_then(Value::as_object)) {
        if !errors.is_empty() {
            return Err(DataError::file(source, format!("Kraken answered with an error: {}", errors.iter().map(text_of).collect::<Vec<_>>().join("; "))));
        }
        let (_, rows) = result.iter().find(|(k, v)| k.as_str() != "last" && v.is_array()).ok_or_else(|| DataError::file(source, "Kraken result has no OHLC array"))?;
        let rows = rows.as_array().map(Vec::as_slice).unwrap_or_default();
        let raw = rows_from_arrays(rows, source, [0, 1, 2, 3, 4, 6], ["time", "open", "high", "low", "close", "volume"])?;
        return Ok((DataFormat::KrakenOhlc { intraday: false }, raw));
    }
    // Bitstamp: {"data": {"pair": "BTC/USD", "ohlc": [{"timestamp", "open", "high", "low", "close", "volume"}]}}
    if let Some(ohlc) = obj.get("data").and_then(|d| d.get("ohlc")).and_then(Value::as_array) {
        let mut raw = Vec::with_capacity(ohlc.len());
        let mut unit = None;
        for (i, row) in ohlc.iter().enumerate() {
            let r = i + 1;
            let get = |k: &str| row.get(k).ok_or_else(|| DataError::at(source, r, k, "is missing"));
            let ts = text_of(get("timestamp")?);
            let (time, u, _) = parse_time(&ts).ok_or_else(|| DataError::at(source, r, "timestamp", format!("'{ts}' is not a timestamp")))?;
            check_unit(&mut unit, u, source, r, "timestamp")?;
            let f = |k: &str| -> Result<f64, DataError> {
                let v = get(k)?;
                num(v).ok_or_else(|| DataError::at(source, r, k, format!("'{}' is not a number", text_of(v))))
            };
            raw.push(RawBar { row: r, time, open: f("open")?, high: f("high")?, low: f("low")?, close: f("close")?, volume: row.get("volume").and_then(num) });
        }
        return Ok((DataFormat::BitstampOhlc { intraday: false }, raw));
    }
    // CoinGecko market_chart: {"prices": [[ms, price]], "market_caps": …, "total_volumes": …}
    if let Some(prices) = obj.get("prices").and_then(Value::as_array) {
        let mut raw = Vec::with_capacity(prices.len());
        let mut unit = None;
        for (i, row) in prices.iter().enumerate() {
            let r = i + 1;
            let cells = row.as_array().filter(|c| c.len() >= 2).ok_or_else(|| DataError::row(source, r, "is not a [time, price] pair"))?;
            let (time, u, _) = parse_time(&text_of(&cells[0])).ok_or_else(|| DataError::at(source, r, "time", format!("'{}' is not a timestamp", text_of(&cells[0]))))?;
            check_unit(&mut unit, u, source, r, "time")?;
            let p = num(&cells[1]).ok_or_else(|| DataError::at(source, r, "price", format!("'{}' is not a number", text_of(&cells[1]))))?;
            raw.push(RawBar { row: r, time, open: p, high: p, low: p, close: p, volume: None });
        }
        return Ok((DataFormat::CoinGeckoMarketChart, raw));
    }
    Err(DataError::file(source, format!("JSON of an unknown shape: an object with the keys {}", keys(v))))
}

// --- CSV ----------------------------------------------------------------------------------

const TIME_NAMES: [&str; 14] = ["date", "time", "timestamp", "datetime", "open_time", "opentime", "unix", "unix_time", "day", "t", "time_utc", "time_ms", "date_utc", "timestamp_ms"];
const OPEN_NAMES: [&str; 3] = ["open", "o", "open_usd"];
const HIGH_NAMES: [&str; 3] = ["high", "h", "high_usd"];
const LOW_NAMES: [&str; 3] = ["low", "l", "low_usd"];
const CLOSE_NAMES: [&str; 4] = ["close", "c", "close_usd", "price"];
const VOLUME_NAMES: [&str; 5] = ["volume", "vol", "v", "volume_btc", "base_volume"];

fn from_csv(text: &str, source: &str, warnings: &mut Vec<String>) -> Result<(DataFormat, DailySeries), DataError> {
    let header_line = text.lines().find(|l| !l.starts_with('#') && !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| header_line.matches(c).count();
    let delimiter = [',', ';', '\t'].into_iter().max_by_key(|&c| count(c)).filter(|&c| count(c) > 0).ok_or_else(|| {
        DataError::file(source, format!("the first line \"{}\" has no comma, semicolon or tab: not CSV, or a wrong delimiter", header_line.chars().take(60).collect::<String>()))
    })?;
    let headers: Vec<String> = header_line.split(delimiter).map(|h| h.trim().trim_matches('"').to_ascii_lowercase()).collect();
    let has = |n: &str| headers.iter().any(|h| h == n);
    if delimiter == ',' && ["date", "open", "high", "low", "close"].iter().all(|n| has(n)) {
        return Ok((DataFormat::ProjectCsv, DailySeries::parse_csv(text, source)?));
    }
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let missing = |what: &str, names: &[&str]| {
        DataError::file(source, format!("no {what} column: expected one of {} (the header has: {})", names.join(", "), headers.join(", ")))
    };
    let t = find(&TIME_NAMES).ok_or_else(|| missing("date or timestamp", &TIME_NAMES))?;
    let o = find(&OPEN_NAMES).ok_or_else(|| missing("open", &OPEN_NAMES))?;
    let h = find(&HIGH_NAMES).ok_or_else(|| missing("high", &HIGH_NAMES))?;
    let l = find(&LOW_NAMES).ok_or_else(|| missing("low", &LOW_NAMES))?;
    let c = find(&CLOSE_NAMES).ok_or_else(|| missing("close", &CLOSE_NAMES))?;
    let v = find(&VOLUME_NAMES);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter as u8).comment(Some(b'#')).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut raw = Vec::new();
    let mut unit = None;
    let mut zoneless = false;
    for (i, record) in reader.records().enumerate() {
        let r = i + 1;
        let record = record.map_err(|e| match e.kind() {
            csv::ErrorKind::UnequalLengths { len, .. } => DataError::row(source, r, format!("the row has {len} fields but the header has {}", headers.len())),
            _ => DataError::row(source, r, format!("cannot read the row: {e}")),
        })?;
        let cell = |k: usize| record.get(k).unwrap_or("");
        let (time, u, no_zone) = parse_time(cell(t)).ok_or_else(|| DataError::at(source, r, &headers[t], format!("'{}' is not a date or timestamp", cell(t))))?;
        check_unit(&mut unit, u, source, r, &headers[t])?;
        zoneless |= no_zone;
        let number = |k: usize| -> Result<f64, DataError> {
            // A decimal comma is only possible with another delimiter; it is read, not guessed.
            let s = cell(k);
            let s = if delimiter != ',' { s.replace(',', ".") } else { s.to_string() };
            s.parse::<f64>().map_err(|_| DataError::at(source, r, &headers[k], format!("'{}' is not a number", cell(k))))
        };
        let volume = match v {
            Some(k) if !cell(k).is_empty() => Some(number(k)?),
            _ => None,
        };
        raw.push(RawBar { row: r, time, open: number(o)?, high: number(h)?, low: number(l)?, close: number(c)?, volume });
    }
    if zoneless {
        warnings.push(format!("{source}: timestamps without a time zone were read as UTC"));
    }
    let intraday = has_intraday(&raw);
    let format = DataFormat::Csv { delimiter, intraday };
    Ok((format, daily_from_raw(raw, source, &format)?))
}

/// `2026-02-06T00:00:00Z`.
fn iso(t: OffsetDateTime) -> String {
    format!("{}T{:02}:{:02}:{:02}Z", format_date(t.date()), t.hour(), t.minute(), t.second())
}

// --- Validation and daily bars -------------------------------------------------------------

/// Checks every raw bar (finite positive prices, low ≤ open/close ≤ high, strictly increasing
/// times) and combines them into UTC days.
fn daily_from_raw(raw: Vec<RawBar>, source: &str, format: &DataFormat) -> Result<DailySeries, DataError> {
    if raw.is_empty() {
        return Err(DataError::file(source, "no rows of prices"));
    }
    let mut prev: Option<OffsetDateTime> = None;
    for b in &raw {
        for (name, value) in [("open", b.open), ("high", b.high), ("low", b.low), ("close", b.close)] {
            if !value.is_finite() || value <= 0.0 {
                return Err(DataError::at(source, b.row, name, format!("{value} is not a finite positive price")));
            }
        }
        if let Some(v) = b.volume {
            if !v.is_finite() || v < 0.0 {
                return Err(DataError::at(source, b.row, "volume", format!("{v} is not a finite non-negative number")));
            }
        }
        if b.low > b.open.min(b.close) {
            return Err(DataError::at(source, b.row, "low", format!("low {} is above the {}", b.low, if b.low > b.open { "open" } else { "close" })));
        }
        if b.high < b.open.max(b.close) {
            return Err(DataError::at(source, b.row, "high", format!("high {} is below the {}", b.high, if b.high < b.open { "open" } else { "close" })));
        }
        if let Some(p) = prev {
            if b.time == p {
                return Err(DataError::row(source, b.row, format!("the timestamp {} appears twice", iso(b.time))));
            }
            if b.time < p {
                return Err(DataError::row(source, b.row, format!("comes before the row above it ({} after {}): rows must be sorted by time", iso(b.time), iso(p))));
            }
        }
        prev = Some(b.time);
    }
    let mut bars: Vec<DailyBar> = Vec::new();
    for b in &raw {
        let date: Date = b.time.date();
        match bars.last_mut() {
            Some(day) if day.date == date => {
                day.high_usd = day.high_usd.max(b.high);
                day.low_usd = day.low_usd.min(b.low);
                day.close_usd = b.close;
                day.volume_btc = match (day.volume_btc, b.volume) {
                    (Some(a), Some(x)) => Some(a + x),
                    (a, x) => a.or(x),
                };
            }
            _ => bars.push(DailyBar { date, open_usd: b.open, high_usd: b.high, low_usd: b.low, close_usd: b.close, volume_btc: b.volume, partial: false }),
        }
    }
    let mut warnings = Vec::new();
    for pair in bars.windows(2) {
        let gap_days = (pair[1].date - pair[0].date).whole_days();
        if gap_days > 1 {
            warnings.push(format!("{source}: {} day(s) missing between {} and {}", gap_days - 1, format_date(pair[0].date), format_date(pair[1].date)));
        }
    }
    Ok(DailySeries { bars, source_line: format!("{source} ({})", format.describe()), warnings, source_name: source.to_string() })
}
