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

use super::bars::{format_date, parse_date, series_warnings, skip_null_row, DailyBar, DailySeries};
use super::error::{cap, clean_source_name, echo, DataError, TEXT_MAX_CHARS};
use super::numbers::{decide, num_text, ohlc_problem, price_problem, read, volume_problem, ColumnValues};

/// What the data was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    ProjectCsv,
    Csv {
        delimiter: char,
        intraday: bool,
    },
    BinanceKlines {
        intraday: bool,
    },
    CoinbaseCandles {
        intraday: bool,
    },
    KrakenOhlc {
        intraday: bool,
    },
    BitstampOhlc {
        intraday: bool,
    },
    CoinGeckoMarketChart,
    /// The project's own JSON story format, version 1.
    Story,
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
            DataFormat::CoinbaseCandles { intraday } => format!("Coinbase Exchange candles JSON (sorted oldest first), {}", bars(intraday)),
            DataFormat::KrakenOhlc { intraday } => format!("Kraken OHLC JSON, {}", bars(intraday)),
            DataFormat::BitstampOhlc { intraday } => format!("Bitstamp OHLC JSON, {}", bars(intraday)),
            DataFormat::Story => "the project's JSON story format, version 1".into(),
            DataFormat::CoinGeckoMarketChart => {
                "CoinGecko market_chart JSON (prices only: each day's open, high, low and close are that day's first, highest, lowest and last price)".into()
            }
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
    /// 1-based JSON entry, or file line when `by_line`.
    row: usize,
    by_line: bool,
    /// A candle the source says is still forming (Kraken's last).
    partial: bool,
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
    let source_name = &clean_source_name(source_name);
    let (body, warnings) = precheck(text, source_name)?;
    match body {
        #[cfg(feature = "full")]
        Body::Json(value) => prices_from_json(&value, source_name, warnings),
        // Never built without the full module (`json_body` refuses first); the arm keeps the JSON
        // readers out of the default module.
        #[cfg(not(feature = "full"))]
        Body::Json(_) => Err(DataError::file(source_name, NO_JSON)),
        Body::Text(text) => prices_from_csv(text, source_name, warnings),
    }
}

/// The body after the checks every format shares: size, byte-order mark, emptiness, HTML.
enum Body<'a> {
    Json(Value),
    Text(&'a str),
}

fn precheck<'a>(text: &'a str, source_name: &str) -> Result<(Body<'a>, Vec<String>), DataError> {
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
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Ok((Body::Json(json_body(trimmed, source_name)?), warnings));
    }
    Ok((Body::Text(text), warnings))
}

/// The JSON value of a body that starts like JSON. Errors: a repeated key, nesting over 128
/// levels, invalid JSON, each with the source's name.
#[cfg(feature = "full")]
fn json_body(trimmed: &str, source_name: &str) -> Result<Value, DataError> {
    if let Err(e) = serde_json::from_str::<UniqueKeys>(trimmed) {
        let msg = e.to_string();
        if msg.starts_with("the key ") {
            return Err(DataError::file(source_name, msg));
        }
    }
    serde_json::from_str(trimmed).map_err(|e| {
        let msg = e.to_string();
        if msg.contains("recursion limit") {
            DataError::file(source_name, "the JSON is nested too deeply (over 128 levels)")
        } else {
            DataError::file(source_name, format!("not valid JSON: {}", echo(&msg)))
        }
    })
}

/// Without the full module (the page's default build) JSON is not read: the page loads the
/// full module before it hands a reader's data to the core.
#[cfg(not(feature = "full"))]
fn json_body(_trimmed: &str, source_name: &str) -> Result<Value, DataError> {
    Err(DataError::file(source_name, NO_JSON))
}

#[cfg(not(feature = "full"))]
const NO_JSON: &str = "JSON is read by the full module, and this one reads CSV only";

/// A JSON walk that only checks that no object repeats a key (serde_json's `Value` keeps the
/// last silently).
#[cfg(feature = "full")]
struct UniqueKeys;

#[cfg(feature = "full")]
impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UniqueKeysVisitor)
    }
}

#[cfg(feature = "full")]
struct UniqueKeysVisitor;

#[cfg(feature = "full")]
impl<'de> serde::de::Visitor<'de> for UniqueKeysVisitor {
    type Value = UniqueKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeys, A::Error> {
        while seq.next_element::<UniqueKeys>()?.is_some() {}
        Ok(UniqueKeys)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!("the key \"{}\" appears twice in one object: JSON keys must be unique", echo(&key))));
            }
            map.next_value::<UniqueKeys>()?;
        }
        Ok(UniqueKeys)
    }
}

fn prices_from_json(value: &Value, source_name: &str, warnings: Vec<String>) -> Result<Ingested, DataError> {
    let (format, raw) = from_json(value, source_name)?;
    let format = with_intraday(format, has_intraday(&raw));
    let mut series = daily_from_raw(raw, source_name, &format)?;
    series.warnings.splice(0..0, warnings);
    Ok(Ingested { format, series })
}

fn prices_from_csv(text: &str, source_name: &str, mut warnings: Vec<String>) -> Result<Ingested, DataError> {
    let (format, mut series) = from_csv(text, source_name, &mut warnings)?;
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
    Micros,
    Nanos,
    Iso,
}

/// Why a text is not a timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeProblem {
    /// Not a timestamp in any form read here.
    Invalid,
    /// A number in scientific notation, as Excel shows long numbers (`1.76723E+12`).
    Scientific,
    /// A valid form, but outside the years −9999..9999 once converted to UTC.
    OutOfRange,
}

/// The message for a timestamp that could not be read; `what` is "a timestamp", "a date", ….
fn time_message(raw: &str, problem: TimeProblem, what: &str) -> String {
    let shown = echo(raw.trim());
    match problem {
        TimeProblem::Invalid => format!("'{shown}' is not {what}"),
        TimeProblem::Scientific => format!("'{shown}' is a timestamp in scientific notation, as a spreadsheet shows long numbers: it keeps only a few significant digits, so the time is lost; format the column as a whole number (or as text) and export again"),
        TimeProblem::OutOfRange => format!("'{shown}' is outside the years this reader handles (up to 9999, in UTC)"),
    }
}

/// Reads a timestamp: integer seconds (< 10¹¹), milliseconds (< 10¹⁴), microseconds (< 10¹⁷)
/// or nanoseconds, or ISO 8601 (`YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z` or
/// `±HH:MM`). Returns the instant in UTC, its unit, and whether it carried no zone. All date
/// arithmetic is checked: a time near the ends of the calendar is an error, not a panic.
fn parse_time(raw: &str) -> Result<(OffsetDateTime, TimeUnit, bool), TimeProblem> {
    use TimeProblem::*;
    let raw = raw.trim();
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        let n: i128 = raw.parse().map_err(|_| OutOfRange)?;
        let (nanos, unit) = if n < 100_000_000_000 {
            (n.checked_mul(1_000_000_000), TimeUnit::Seconds)
        } else if n < 100_000_000_000_000 {
            (n.checked_mul(1_000_000), TimeUnit::Millis)
        } else if n < 100_000_000_000_000_000 {
            (n.checked_mul(1_000), TimeUnit::Micros)
        } else {
            (Some(n), TimeUnit::Nanos)
        };
        let t = nanos.and_then(|x| OffsetDateTime::from_unix_timestamp_nanos(x).ok()).ok_or(OutOfRange)?;
        return Ok((t, unit, false));
    }
    if raw.contains(['e', 'E']) && raw.parse::<f64>().is_ok_and(|x| x.is_finite()) {
        return Err(Scientific);
    }
    // Numbers in JSON may come as floats ("1700000000.0").
    if let Some(int) = raw.strip_suffix(".0").or_else(|| raw.split_once('.').filter(|(_, f)| !f.is_empty() && f.bytes().all(|b| b == b'0')).map(|(i, _)| i)) {
        if !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) {
            return parse_time(int);
        }
    }
    let date = raw.get(..10).and_then(parse_date).ok_or(Invalid)?;
    let rest = &raw[10..];
    if rest.is_empty() {
        return Ok((date.midnight().assume_utc(), TimeUnit::Iso, false));
    }
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')).ok_or(Invalid)?;
    let (clock, zone) = match rest.find(['Z', '+', '-']) {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let mut parts = clock.split(':');
    let hour: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or(Invalid)?;
    let minute: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or(Invalid)?;
    let second: f64 = match parts.next() {
        Some(p) => p.parse().map_err(|_| Invalid)?,
        None => 0.0,
    };
    if parts.next().is_some() || !(0.0..60.0).contains(&second) {
        return Err(Invalid);
    }
    let t = time::Time::from_hms(hour, minute, second as u8).map_err(|_| Invalid)?;
    let offset_seconds = match zone {
        None | Some("Z") => 0,
        Some(z) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let hm = &z[1..];
            let (h, m) = match hm.split_once(':') {
                Some(parts) => parts,
                None => (hm.get(..2).ok_or(Invalid)?, hm.get(2..).unwrap_or("0")),
            };
            let h: i64 = h.parse().map_err(|_| Invalid)?;
            let m: i64 = if m.is_empty() { 0 } else { m.parse().map_err(|_| Invalid)? };
            if h > 23 || m > 59 {
                return Err(Invalid);
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let local = date.with_time(t).assume_utc();
    let utc = local.checked_sub(Duration::seconds(offset_seconds)).ok_or(OutOfRange)?;
    Ok((utc, TimeUnit::Iso, zone.is_none()))
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
        let (time, u, _) = parse_time(&text_of(&cells[idx[0]])).map_err(|p| DataError::at(source, r, names[0], time_message(&text_of(&cells[idx[0]]), p, "a timestamp")))?;
        check_unit(&mut unit, u, source, r, names[0])?;
        let field = |k: usize| -> Result<f64, DataError> {
            num(&cells[idx[k]]).ok_or_else(|| DataError::at(source, r, names[k], format!("'{}' is not a number", echo(&text_of(&cells[idx[k]])))))
        };
        out.push(RawBar { row: r, by_line: false, partial: false, time, open: field(1)?, high: field(2)?, low: field(3)?, close: field(4)?, volume: Some(field(5)?) });
    }
    Ok(out)
}

fn check_unit(seen: &mut Option<TimeUnit>, u: TimeUnit, source: &str, row: usize, field: &str) -> Result<(), DataError> {
    match *seen {
        Some(prev) if prev != u => {
            let name = |u: TimeUnit| match u {
                TimeUnit::Seconds => "seconds",
                TimeUnit::Millis => "milliseconds",
                TimeUnit::Micros => "microseconds",
                TimeUnit::Nanos => "nanoseconds",
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
            super::order::sort_by(&mut raw, |a, b| a.time.cmp(&b.time));
            return Ok((DataFormat::CoinbaseCandles { intraday: false }, raw));
        }
        return Err(DataError::file(source, format!("a JSON array of rows with {} values: not a known price format", cells.len())));
    }
    let obj = v.as_object().ok_or_else(|| DataError::file(source, "the JSON is neither an object nor an array"))?;
    // Kraken: {"error": [], "result": {"XXBTZUSD": [[time, open, high, low, close, vwap, volume, count]], "last": …}}
    if let (Some(errors), Some(result)) = (obj.get("error").and_then(Value::as_array), obj.get("result").and_then(Value::as_object)) {
        if !errors.is_empty() {
            return Err(DataError::file(source, format!("Kraken answered with an error: {}", echo(&errors.iter().map(text_of).collect::<Vec<_>>().join("; ")))));
        }
        let (_, rows) = result.iter().find(|(k, v)| k.as_str() != "last" && v.is_array()).ok_or_else(|| DataError::file(source, "Kraken result has no OHLC array"))?;
        let rows = rows.as_array().map(Vec::as_slice).unwrap_or_default();
        let mut raw = rows_from_arrays(rows, source, [0, 1, 2, 3, 4, 6], ["time", "open", "high", "low", "close", "volume"])?;
        // Kraken: "the last entry in the OHLC array is for the current, not-yet-committed
        // frame", and `last` is the time to poll from: the final candle, when at or after
        // `last`, is still forming and its day is partial.
        if let Some(last) = result.get("last").and_then(|l| parse_time(&text_of(l)).ok()).map(|t| t.0) {
            if let Some(b) = raw.last_mut().filter(|b| b.time >= last) {
                b.partial = true;
            }
        }
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
            let (time, u, _) = parse_time(&ts).map_err(|p| DataError::at(source, r, "timestamp", time_message(&ts, p, "a timestamp")))?;
            check_unit(&mut unit, u, source, r, "timestamp")?;
            let f = |k: &str| -> Result<f64, DataError> {
                let v = get(k)?;
                num(v).ok_or_else(|| DataError::at(source, r, k, format!("'{}' is not a number", echo(&text_of(v)))))
            };
            raw.push(json_bar(r, time, &f, row.get("volume").and_then(num))?);
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
            let (time, u, _) = parse_time(&text_of(&cells[0])).map_err(|p| DataError::at(source, r, "time", time_message(&text_of(&cells[0]), p, "a timestamp")))?;
            check_unit(&mut unit, u, source, r, "time")?;
            let p = num(&cells[1]).ok_or_else(|| DataError::at(source, r, "price", format!("'{}' is not a number", echo(&text_of(&cells[1])))))?;
            raw.push(RawBar { row: r, by_line: false, partial: false, time, open: p, high: p, low: p, close: p, volume: None });
        }
        return Ok((DataFormat::CoinGeckoMarketChart, raw));
    }
    Err(DataError::file(source, format!("JSON of an unknown shape: an object with the keys {}", echo(&keys(v)))))
}

// --- CSV ----------------------------------------------------------------------------------

const TIME_NAMES: [&str; 14] =
    ["date", "time", "timestamp", "datetime", "open_time", "opentime", "unix", "unix_time", "day", "t", "time_utc", "time_ms", "date_utc", "timestamp_ms"];
const OPEN_NAMES: [&str; 3] = ["open", "o", "open_usd"];
const HIGH_NAMES: [&str; 3] = ["high", "h", "high_usd"];
const LOW_NAMES: [&str; 3] = ["low", "l", "low_usd"];
const CLOSE_NAMES: [&str; 4] = ["close", "c", "close_usd", "price"];
const VOLUME_NAMES: [&str; 5] = ["volume", "vol", "v", "volume_btc", "base_volume"];

/// Excel's delimiter hint: a first line `sep=;`. Returns the rest of the text, the number of
/// lines removed (for line numbers) and the delimiter named.
fn strip_sep_line(text: &str) -> (&str, usize, Option<char>) {
    let first = text.lines().next().unwrap_or("");
    let hint = first.trim().strip_prefix("sep=").or_else(|| first.trim().strip_prefix("\"sep=").and_then(|r| r.strip_suffix('"')));
    match hint.and_then(|h| {
        let mut chars = h.chars();
        let c = chars.next()?;
        chars.next().is_none().then_some(c)
    }) {
        Some(c) => (text.split_once('\n').map_or("", |(_, rest)| rest), 1, Some(c)),
        None => (text, 0, None),
    }
}

fn from_csv(text: &str, source: &str, warnings: &mut Vec<String>) -> Result<(DataFormat, DailySeries), DataError> {
    let (text, skipped, sep) = strip_sep_line(text);
    if let Some(c) = sep {
        if ![',', ';', '\t'].contains(&c) {
            return Err(DataError::line(source, 1, format!("'sep={}' names a delimiter this reader does not know (comma, semicolon or tab)", echo(&c.to_string()))));
        }
    }
    if text.lines().next().is_some_and(|l| l.trim().is_empty()) {
        return Err(DataError::line(source, 1 + skipped, "the first line is empty: the header (a date or time column, open, high, low, close) must come first"));
    }
    let header_line = text.lines().find(|l| !l.starts_with('#') && !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| header_line.matches(c).count();
    let delimiter = match sep {
        Some(c) => c,
        None => [',', ';', '\t'].into_iter().max_by_key(|&c| count(c)).filter(|&c| count(c) > 0).ok_or_else(|| {
            DataError::file(
                source,
                format!("the first line \"{}\" has no comma, semicolon or tab: not CSV, or a wrong delimiter", header_line.chars().take(60).collect::<String>()),
            )
        })?,
    };
    let headers: Vec<String> = header_line.split(delimiter).map(|h| h.trim().trim_matches('"').to_ascii_lowercase()).collect();
    let has = |n: &str| headers.iter().any(|h| h == n);
    if delimiter == ',' && sep.is_none() && ["date", "open", "high", "low", "close"].iter().all(|n| has(n)) {
        return Ok((DataFormat::ProjectCsv, DailySeries::parse_csv(text, source)?));
    }
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let missing =
        |what: &str, names: &[&str]| DataError::file(source, format!("no {what} column: expected one of {} (the header has: {})", names.join(", "), echo(&headers.join(", "))));
    let t = find(&TIME_NAMES).ok_or_else(|| missing("date or timestamp", &TIME_NAMES))?;
    let o = find(&OPEN_NAMES).ok_or_else(|| missing("open", &OPEN_NAMES))?;
    let h = find(&HIGH_NAMES).ok_or_else(|| missing("high", &HIGH_NAMES))?;
    let l = find(&LOW_NAMES).ok_or_else(|| missing("low", &LOW_NAMES))?;
    let c = find(&CLOSE_NAMES).ok_or_else(|| missing("close", &CLOSE_NAMES))?;
    let v = find(&VOLUME_NAMES);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter as u8).comment(Some(b'#')).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize) + skipped;
            match e.kind() {
                csv::ErrorKind::UnequalLengths { len, .. } => DataError::line(source, line, format!("the row has {len} fields but the header has {}", headers.len())),
                _ => DataError::line(source, line, format!("cannot read the row: {}", echo(&e.to_string()))),
            }
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize) + skipped;
        if skip_null_row(&record, &[o, h, l, c]) {
            warnings.push(format!("{source}, line {line}: no prices (null), skipped like a missing day"));
            continue;
        }
        records.push((line, record));
    }
    let mut columns: Vec<ColumnValues> = [o, h, l, c].iter().map(|&k| ColumnValues { field: &headers[k], price: true, values: Vec::new() }).collect();
    if let Some(k) = v {
        columns.push(ColumnValues { field: &headers[k], price: false, values: Vec::new() });
    }
    for (line, r) in &records {
        for (j, &k) in [o, h, l, c].iter().chain(v.as_ref()).enumerate() {
            columns[j].values.push((*line, r.get(k).unwrap_or("")));
        }
    }
    let (convention, how) = decide(source, &columns)?;
    let mut raw = Vec::new();
    let mut unit = None;
    let mut zoneless = false;
    for (line, record) in &records {
        let line = *line;
        let cell = |k: usize| record.get(k).unwrap_or("");
        let (time, u, no_zone) = parse_time(cell(t)).map_err(|p| DataError::at_line(source, line, &headers[t], time_message(cell(t), p, "a date or timestamp")))?;
        check_unit(&mut unit, u, source, line, &headers[t]).map_err(|e| e.on_line(line))?;
        zoneless |= no_zone;
        let number = |k: usize| -> Result<f64, DataError> {
            read(cell(k), convention).ok_or_else(|| DataError::at_line(source, line, &headers[k], format!("'{}' is not a number", echo(cell(k)))))
        };
        let volume = match v {
            Some(k) if !cell(k).is_empty() => Some(number(k)?),
            _ => None,
        };
        raw.push(RawBar { row: line, by_line: true, partial: false, time, open: number(o)?, high: number(h)?, low: number(l)?, close: number(c)?, volume });
    }
    warnings.extend(how);
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
    let at = |b: &RawBar, field: &str, message: String| if b.by_line { DataError::at_line(source, b.row, field, message) } else { DataError::at(source, b.row, field, message) };
    let at_row = |b: &RawBar, message: String| if b.by_line { DataError::line(source, b.row, message) } else { DataError::row(source, b.row, message) };
    let mut prev: Option<OffsetDateTime> = None;
    for b in &raw {
        for (name, value) in [("open", b.open), ("high", b.high), ("low", b.low), ("close", b.close)] {
            if let Some(problem) = price_problem(value, &num_text(value)) {
                return Err(at(b, name, problem));
            }
        }
        if let Some(v) = b.volume {
            if let Some(problem) = volume_problem(v, &num_text(v)) {
                return Err(at(b, "volume", problem));
            }
        }
        if let Some((field, problem)) = ohlc_problem(b.open, b.high, b.low, b.close) {
            return Err(at(b, field, problem));
        }
        if let Some(p) = prev {
            if b.time == p {
                return Err(at_row(b, format!("the timestamp {} appears twice", iso(b.time))));
            }
            if b.time < p {
                return Err(at_row(b, format!("comes before the row above it ({} after {}): rows must be sorted by time", iso(b.time), iso(p))));
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
                day.partial |= b.partial;
            }
            _ => bars.push(DailyBar { date, open_usd: b.open, high_usd: b.high, low_usd: b.low, close_usd: b.close, volume_btc: b.volume, partial: b.partial }),
        }
    }
    let mut warnings = series_warnings(&bars, source);
    for b in bars.iter().filter(|b| b.partial) {
        warnings.push(format!("{source}: {} is still forming (the source marks its last candle as not final): shown as a partial day", format_date(b.date)));
    }
    Ok(DailySeries { bars, source_line: format!("{source} ({})", format.describe()), warnings, source_name: source.to_string() })
}

// --- Market series: open interest, liquidations, funding ------------------------------------

/// What a market series measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// Open interest, USD notional; a day's value is its last.
    OpenInterestUsd,
    /// Bitcoin futures liquidations, USD (long + short); a day's value is the sum.
    LiquidationsUsd,
    /// Funding rate in percent per interval; a day's value is the mean.
    FundingPct,
}

/// A daily market series, with where it came from.
#[derive(Debug, Clone)]
pub struct MarketSeries {
    pub kind: SeriesKind,
    pub points: Vec<(Date, f64)>,
    /// "<source> (<format>)".
    pub source_line: String,
    pub format: String,
}

impl MarketSeries {
    pub fn value_on(&self, d: Date) -> Option<f64> {
        self.points.binary_search_by(|p| p.0.cmp(&d)).ok().map(|i| self.points[i].1)
    }
}

/// Anything a data URL can hold.
#[derive(Debug, Clone)]
pub enum AnyData {
    Prices(Ingested),
    Market(MarketSeries),
    /// The project's own JSON story format: prices and any market series.
    Story {
        prices: Ingested,
        markets: Vec<MarketSeries>,
    },
}

/// Detects market series and the story format first, then prices ([`ingest`]). The
/// CoinGlass v4 OHLC shape (`{"data": [{"time", "open", "high", "low", "close"}]}`) is shared by
/// prices, open interest and funding: the source name decides (`open-interest`/`open_interest`,
/// `funding`; otherwise prices). So does a CSV of `open,high,low,close` named like `funding`.
pub fn ingest_any(text: &str, source_name: &str) -> Result<AnyData, DataError> {
    let source_name = &clean_source_name(source_name);
    let lower = source_name.to_ascii_lowercase();
    let hint = if lower.contains("funding") {
        Some(SeriesKind::FundingPct)
    } else if lower.contains("open-interest") || lower.contains("open_interest") || lower.contains("openinterest") {
        Some(SeriesKind::OpenInterestUsd)
    } else {
        None
    };
    let (body, warnings) = precheck(text, source_name)?;
    match body {
        Body::Json(value) => {
            if value.get("format").and_then(Value::as_str) == Some(STORY_FORMAT) {
                return story_from_json(&value, source_name);
            }
            if let Some(m) = market_from_json(&value, source_name, hint)? {
                return Ok(AnyData::Market(m));
            }
            prices_from_json(&value, source_name, warnings).map(AnyData::Prices)
        }
        Body::Text(text) => {
            if let Some(m) = market_from_csv(text, source_name, hint)? {
                return Ok(AnyData::Market(m));
            }
            prices_from_csv(text, source_name, warnings).map(AnyData::Prices)
        }
    }
}

/// Largest open interest or day of liquidations accepted, USD: a thousand times the whole
/// crypto market's open interest at its 2025 peak, far from f64 and i64 limits.
pub const MARKET_MAX_USD: f64 = 1e15;
/// Largest funding rate accepted, percent per interval (exchanges cap it far below).
pub const FUNDING_MAX_PCT: f64 = 100.0;

fn reduce_daily(kind: SeriesKind, mut rows: Vec<(usize, OffsetDateTime, f64)>, source: &str, format: &str, field: &str) -> Result<MarketSeries, DataError> {
    if rows.is_empty() {
        return Err(DataError::file(source, "no rows of values"));
    }
    for w in rows.windows(2) {
        if w[1].1 == w[0].1 {
            return Err(DataError::row(source, w[1].0, format!("the timestamp {} appears twice", iso(w[1].1))));
        }
        if w[1].1 < w[0].1 {
            return Err(DataError::row(source, w[1].0, format!("comes before the row above it ({} after {}): rows must be sorted by time", iso(w[1].1), iso(w[0].1))));
        }
    }
    for &(row, _, v) in &rows {
        let (ok, range) = match kind {
            SeriesKind::OpenInterestUsd => (v > 0.0 && v <= MARKET_MAX_USD, "above $0 and at most $1,000,000,000,000,000"),
            SeriesKind::LiquidationsUsd => ((0.0..=MARKET_MAX_USD).contains(&v), "from $0 to $1,000,000,000,000,000"),
            SeriesKind::FundingPct => ((-FUNDING_MAX_PCT..=FUNDING_MAX_PCT).contains(&v), "from −100% to 100% per interval"),
        };
        if !ok {
            return Err(DataError::at(source, row, field, format!("{} is not a plausible value here ({range})", num_text(v))));
        }
    }
    let mut points: Vec<(Date, f64, usize)> = Vec::new();
    for (_, t, v) in rows.drain(..) {
        let d = t.date();
        match points.last_mut() {
            Some(p) if p.0 == d => {
                match kind {
                    SeriesKind::OpenInterestUsd => p.1 = v,
                    SeriesKind::LiquidationsUsd => p.1 += v,
                    SeriesKind::FundingPct => p.1 += v,
                }
                p.2 += 1;
            }
            _ => points.push((d, v, 1)),
        }
    }
    let points = points.into_iter().map(|(d, v, n)| (d, if kind == SeriesKind::FundingPct { v / n as f64 } else { v })).collect();
    Ok(MarketSeries { kind, points, source_line: format!("{source} ({format})"), format: format.to_string() })
}

fn market_from_json(v: &Value, source: &str, hint: Option<SeriesKind>) -> Result<Option<MarketSeries>, DataError> {
    // Arrays of objects: Binance openInterestHist and fundingRate.
    let objects = |rows: &[Value], time: &str, value: &str| -> Result<Vec<(usize, OffsetDateTime, f64)>, DataError> {
        let mut out = Vec::new();
        let mut unit = None;
        for (i, row) in rows.iter().enumerate() {
            let r = i + 1;
            let t = row.get(time).ok_or_else(|| DataError::at(source, r, time, "is missing"))?;
            let (time_at, u, _) = parse_time(&text_of(t)).map_err(|p| DataError::at(source, r, time, time_message(&text_of(t), p, "a timestamp")))?;
            check_unit(&mut unit, u, source, r, time)?;
            let x = row.get(value).ok_or_else(|| DataError::at(source, r, value, "is missing"))?;
            let n = num(x).ok_or_else(|| DataError::at(source, r, value, format!("'{}' is not a number", echo(&text_of(x)))))?;
            out.push((r, time_at, n));
        }
        Ok(out)
    };
    if let Some(rows) = v.as_array() {
        let first = rows.first();
        if first.is_some_and(|f| f.get("sumOpenInterestValue").is_some()) {
            let rows = objects(rows, "timestamp", "sumOpenInterestValue")?;
            return reduce_daily(SeriesKind::OpenInterestUsd, rows, source, "Binance openInterestHist JSON, open interest in USD (sumOpenInterestValue)", "sumOpenInterestValue")
                .map(Some);
        }
        if first.is_some_and(|f| f.get("fundingRate").is_some() && f.get("fundingTime").is_some()) {
            let rows = objects(rows, "fundingTime", "fundingRate")?.into_iter().map(|(r, t, x)| (r, t, x * 100.0)).collect();
            return reduce_daily(SeriesKind::FundingPct, rows, source, "Binance fundingRate JSON, fraction per interval shown in percent", "fundingRate").map(Some);
        }
        return Ok(None);
    }
    // CoinGlass v4: {"code": "0", "msg": "success", "data": [...]}
    let Some(data) = v.get("data").and_then(Value::as_array) else { return Ok(None) };
    if v.get("code").is_none() {
        return Ok(None);
    }
    if let Some(code) = v.get("code").map(text_of).filter(|c| c != "0") {
        return Err(DataError::file(source, format!("CoinGlass answered with code {}: {}", echo(&code), echo(&v.get("msg").map(text_of).unwrap_or_default()))));
    }
    let first = data.first().ok_or_else(|| DataError::file(source, "the CoinGlass data array is empty"))?;
    let sum_of = |long: &str, short: &str| -> Result<Vec<(usize, OffsetDateTime, f64)>, DataError> {
        let longs = objects(data, "time", long)?;
        let shorts = objects(data, "time", short)?;
        Ok(longs.into_iter().zip(shorts).map(|(l, s)| (l.0, l.1, l.2 + s.2)).collect())
    };
    if first.get("aggregated_long_liquidation_usd").is_some() {
        let rows = sum_of("aggregated_long_liquidation_usd", "aggregated_short_liquidation_usd")?;
        return reduce_daily(SeriesKind::LiquidationsUsd, rows, source, "CoinGlass v4 aggregated liquidation history JSON, long + short, USD", "aggregated_long_liquidation_usd")
            .map(Some);
    }
    if first.get("long_liquidation_usd").is_some() {
        let rows = sum_of("long_liquidation_usd", "short_liquidation_usd")?;
        return reduce_daily(SeriesKind::LiquidationsUsd, rows, source, "CoinGlass v4 liquidation history JSON, long + short, USD", "long_liquidation_usd").map(Some);
    }
    if first.get("close").is_some() {
        return match hint {
            Some(kind @ SeriesKind::OpenInterestUsd) => {
                reduce_daily(kind, objects(data, "time", "close")?, source, "CoinGlass v4 open-interest OHLC JSON, close in USD", "close").map(Some)
            }
            Some(kind @ SeriesKind::FundingPct) => {
                reduce_daily(kind, objects(data, "time", "close")?, source, "CoinGlass v4 funding-rate OHLC JSON, close in percent", "close").map(Some)
            }
            _ => Ok(None),
        };
    }
    Ok(None)
}

fn market_from_csv(text: &str, source: &str, hint: Option<SeriesKind>) -> Result<Option<MarketSeries>, DataError> {
    let (text, skipped, _) = strip_sep_line(text);
    let header_line = text.lines().find(|l| !l.starts_with('#') && !l.trim().is_empty()).unwrap_or("");
    if !header_line.contains(',') {
        return Ok(None);
    }
    let headers: Vec<String> = header_line.split(',').map(|h| h.trim().to_ascii_lowercase()).collect();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let (kind, value_cols, format): (SeriesKind, Vec<usize>, &str) = if let Some(c) = col("oi_close_usd") {
        (SeriesKind::OpenInterestUsd, vec![c], "CoinGlass open-interest CSV, oi_close_usd")
    } else if let (Some(l), Some(s)) = (col("long_liq_usd"), col("short_liq_usd")) {
        (SeriesKind::LiquidationsUsd, vec![l, s], "CoinGlass liquidations CSV, long_liq_usd + short_liq_usd")
    } else if let (Some(SeriesKind::FundingPct), Some(c)) = (hint, col("close")) {
        (SeriesKind::FundingPct, vec![c], "CoinGlass funding-rate CSV, close in percent")
    } else {
        return Ok(None);
    };
    let t = headers
        .iter()
        .position(|h| TIME_NAMES.contains(&h.as_str()))
        .ok_or_else(|| DataError::file(source, format!("no date or timestamp column (the header has: {})", headers.join(", "))))?;
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut unit = None;
    for record in reader.records() {
        let record =
            record.map_err(|e| DataError::line(source, e.position().map_or(0, |p| p.line() as usize) + skipped, format!("cannot read the row: {}", echo(&e.to_string()))))?;
        let line = record.position().map_or(0, |p| p.line() as usize) + skipped;
        let cell = |k: usize| record.get(k).unwrap_or("");
        let (time_at, u, _) = parse_time(cell(t)).map_err(|p| DataError::at_line(source, line, &headers[t], time_message(cell(t), p, "a date or timestamp")))?;
        check_unit(&mut unit, u, source, line, &headers[t]).map_err(|e| e.on_line(line))?;
        let mut total = 0.0;
        for &c in &value_cols {
            total += cell(c).parse::<f64>().map_err(|_| DataError::at_line(source, line, &headers[c], format!("'{}' is not a number", echo(cell(c)))))?;
        }
        rows.push((line, time_at, total));
    }
    reduce_daily(kind, rows, source, format, &headers[value_cols[0]])
        .map_err(|mut e| {
            // Rows of a CSV are its lines.
            if let Some(r) = e.row.take() {
                e.line = Some(r);
            }
            e
        })
        .map(Some)
}

// --- The project's own JSON story format ----------------------------------------------------

/// The `format` value of the story format; the schema is `www/schema/story.v1.json`.
pub const STORY_FORMAT: &str = "leverage-reset-story";

fn story_from_json(v: &Value, source: &str) -> Result<AnyData, DataError> {
    let version_error = |m: String| DataError::at(source, 0, "version", m).without_row();
    match v.get("version") {
        None => return Err(version_error("is missing: the story needs \"version\": 1".into())),
        Some(Value::Number(n)) if n.as_f64() == Some(1.0) => {}
        Some(Value::String(t)) if t.trim() == "1" => return Err(version_error(format!("is the text \"{}\": write it as the number 1", echo(t)))),
        Some(other) => return Err(version_error(format!("version {} is not supported (this reader knows version 1)", echo(&text_of(other))))),
    }
    let label = v
        .get("source")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| DataError::file(source, "the story needs a \"source\": where its prices come from"))?;
    let mut text_warnings = Vec::new();
    let mut capped = |field: &str, text: &str| -> String {
        if text.chars().count() > TEXT_MAX_CHARS {
            text_warnings.push(format!("{source}: \"{field}\" is over {TEXT_MAX_CHARS} characters and was cut"));
        }
        cap(text, TEXT_MAX_CHARS)
    };
    let label = capped("source", label);
    let prices = v.get("prices").and_then(Value::as_array).ok_or_else(|| DataError::file(source, "the story needs a \"prices\" array"))?;
    let mut raw = Vec::with_capacity(prices.len());
    let mut unit = None;
    for (i, row) in prices.iter().enumerate() {
        let r = i + 1;
        let get = |k: &str| row.get(k).ok_or_else(|| DataError::at(source, r, &format!("prices.{k}"), "is missing"));
        let d = text_of(get("date")?);
        let (time, u, _) = parse_time(&d).map_err(|p| DataError::at(source, r, "prices.date", time_message(&d, p, "a date")))?;
        check_unit(&mut unit, u, source, r, "prices.date")?;
        let f = |k: &str| -> Result<f64, DataError> {
            let x = get(k)?;
            num(x).ok_or_else(|| DataError::at(source, r, &format!("prices.{k}"), format!("'{}' is not a number", echo(&text_of(x)))))
        };
        raw.push(json_bar(r, time, &f, row.get("volume").and_then(num))?);
    }
    let format = DataFormat::Story;
    let mut series = daily_from_raw(raw, source, &format)?;
    series.source_line = format!("{label} (via {source}, {})", format.describe());
    let key_names = ["open_interest_usd", "liquidations_btc_usd", "funding_pct"];
    let notes: Vec<Option<String>> = key_names.iter().map(|k| p_source(v, k).map(|n| capped(&format!("sources.{k}"), &n))).collect();
    let mut markets = Vec::new();
    for (key, kind, what) in [
        ("open_interest_usd", SeriesKind::OpenInterestUsd, "open interest in USD"),
        ("liquidations_btc_usd", SeriesKind::LiquidationsUsd, "Bitcoin liquidations in USD"),
        ("funding_pct", SeriesKind::FundingPct, "funding rate in percent"),
    ] {
        let Some(points) = v.get(key) else { continue };
        let points = points.as_array().ok_or_else(|| DataError::file(source, format!("\"{key}\" must be an array")))?;
        let mut rows = Vec::new();
        for (i, p) in points.iter().enumerate() {
            let r = i + 1;
            let d = p.get("date").map(text_of).unwrap_or_default();
            let (time, _, _) = parse_time(&d).map_err(|p| DataError::at(source, r, &format!("{key}.date"), time_message(&d, p, "a date")))?;
            let x = p.get("value").ok_or_else(|| DataError::at(source, r, &format!("{key}.value"), "is missing"))?;
            rows.push((r, time, num(x).ok_or_else(|| DataError::at(source, r, &format!("{key}.value"), format!("'{}' is not a number", echo(&text_of(x)))))?));
        }
        let note = key_names.iter().position(|k| *k == key).and_then(|i| notes[i].clone()).unwrap_or_else(|| label.clone());
        let mut m = reduce_daily(kind, rows, source, &format!("story {what}"), &format!("{key}.value"))?;
        m.source_line = format!("{note} (via {source}, story {what})");
        markets.push(m);
    }
    series.warnings.extend(text_warnings);
    Ok(AnyData::Story { prices: Ingested { format, series }, markets })
}

/// A per-series source note: `"sources": {"open_interest_usd": "…"}`.
fn p_source(v: &Value, key: &str) -> Option<String> {
    v.get("sources").and_then(|s| s.get(key)).and_then(Value::as_str).map(String::from)
}

/// A bar from a JSON object row: `field` reads (and names in its error) each price by key.
fn json_bar(row: usize, time: OffsetDateTime, field: &dyn Fn(&str) -> Result<f64, DataError>, volume: Option<f64>) -> Result<RawBar, DataError> {
    Ok(RawBar { row, by_line: false, partial: false, time, open: field("open")?, high: field("high")?, low: field("low")?, close: field("close")?, volume })
}
