//! The event study: this crash beside earlier ones, by the same definitions, from daily bars.
//!
//! Three inputs, all CSV with `#` comment lines before the header (see `www/data/`):
//! - the events file, one row per event:
//!   `id,name,short_name,worst_day,search_days,price_data,cycle_high_usd,cycle_high_date,cycle_high_provenance,notes`;
//! - the windows file, the daily bars of each event: `event_id,date,open,high,low,close,volume`
//!   (USD, volume in BTC), with one `# <event_id> source: …` line per event;
//! - the leverage file, figures per event:
//!   `event_id,figure,label,value,unit,provenance,source,url,as_of,note`, provenance `data`
//!   (read from a saved dataset), `reported` (stated by a named publication) or `not_found`.
//!
//! Definitions (issue 12; fractions, never percent):
//! - **worst day**: the given day, checked to be the largest close-to-close fall within
//!   `search_days` either side; its size `C_t / C_{t−1} − 1`;
//! - **prior high**: the highest daily high of the 30 days before the worst day (first day reached);
//! - **cycle high**: the highest high before the worst day in the long history, computed by
//!   `tools/make_event_windows.py` and carried in the events file with its provenance (the
//!   bundled windows reach only 100 days back); checked to be at least every bundled high before
//!   the worst day;
//! - **event low**: the lowest low of the worst day and the day after (first day reached);
//! - **falls**: `low / high − 1` from the prior and the cycle high; **days** from the prior high
//!   to the low;
//! - **rebounds**: `C_{low+k} / low − 1` for k = 7, 30, 90 days; **undercut**: the first day within
//!   90 days after the low whose low is below it;
//! - **volume multiple**: the worst day's volume over the median volume of the 30 days before;
//! - **RSI(14)**: Wilder on daily closes ([`super::price::rsi_wilder`], domain.md §4.3), seeded
//!   on the first bar of the event's window, read on the worst day;
//! - **index series**: `100 × C_t / C_{worst−1}` from day −30 to day +90;
//! - **open interest change** (where the leverage file has `open_interest_close_usd` on the
//!   worst day, the day before and 7 days before): in dollars, and in coins as dollars divided by
//!   that day's close in the window (domain.md §1.2).

use serde::Serialize;
use time::{Date, Duration};

use super::bars::{format_date, parse_date, DailyBar};
use super::error::DataError;
use super::price::{rsi_wilder, DatedPrice};
use super::story::Provenance;
use super::text::{Part, Text, Unit};

/// Days before the worst day every event needs (prior high, volume median, index series).
pub const PRIOR_DAYS: usize = 30;
/// Days after the event low the rebound and undercut look at.
pub const AFTER_LOW_DAYS: usize = 90;
/// The index series runs from this many days before the worst day …
pub const SERIES_BEFORE: i32 = 30;
/// … to this many days after.
pub const SERIES_AFTER: i32 = 90;

/// One event as the events file gives it.
#[derive(Debug, Clone, Serialize)]
pub struct EventDef {
    pub id: String,
    pub name: String,
    pub short_name: String,
    #[serde(serialize_with = "crate::model::ser_date")]
    pub worst_day: Date,
    pub search_days: u32,
    pub cycle_high: DatedPrice,
    pub cycle_high_provenance: String,
    pub notes: String,
    /// 1-based data row in the events file.
    #[serde(skip)]
    pub row: usize,
}

/// Where a leverage figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverageProvenance {
    /// Read from a saved dataset (named in `source`).
    Data,
    /// Stated by a named publication at the time (`source`, `url`, `as_of`).
    Reported,
    /// Searched for and not found; `note` says what was searched.
    NotFound,
}

impl LeverageProvenance {
    /// The page's provenance mark for this kind: a figure read from a saved dataset and one
    /// stated by a publication both name their source with a link and a date (`reported`); a
    /// figure looked for and not found is `not_found`. (Figures computed here from the bundled
    /// files, such as the open interest changes, are `computed`.)
    pub fn page(self) -> Provenance {
        match self {
            LeverageProvenance::Data | LeverageProvenance::Reported => Provenance::Reported,
            LeverageProvenance::NotFound => Provenance::NotFound,
        }
    }
}

/// One row of the leverage file.
#[derive(Debug, Clone, Serialize)]
pub struct LeverageRow {
    pub event_id: String,
    pub figure: String,
    pub label: String,
    pub value: Option<f64>,
    pub unit: String,
    pub provenance: LeverageProvenance,
    /// The page's mark for it ([`LeverageProvenance::page`]).
    pub page_provenance: Provenance,
    pub source: String,
    pub url: String,
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub as_of: Option<Date>,
    pub note: String,
}

/// Open interest change over a span, in dollars and in coins (dollars / that day's close).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OiChange {
    #[serde(serialize_with = "crate::model::ser_date")]
    pub from: Date,
    #[serde(serialize_with = "crate::model::ser_date")]
    pub to: Date,
    pub usd: f64,
    pub usd_pct: f64,
    pub coins: f64,
    pub coins_pct: f64,
}

/// The leverage side of an event: computed changes where the data exists, and every row.
#[derive(Debug, Clone, Serialize)]
pub struct EventLeverage {
    /// Worst day's close vs. the day before's.
    pub oi_day: Option<OiChange>,
    /// Worst day's close vs. 7 days before.
    pub oi_week: Option<OiChange>,
    pub liquidations_long_usd: Option<f64>,
    pub liquidations_short_usd: Option<f64>,
    pub rows: Vec<LeverageRow>,
}

/// Whether the event low held for 90 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Undercut {
    /// No low below it in the 90 days after.
    Held,
    /// First undercut on this day.
    Undercut {
        #[serde(serialize_with = "crate::model::ser_date")]
        date: Date,
    },
    /// The data ends before 90 days had passed and the low had held so far.
    NotYetKnown,
}

/// One point of the event-study series: day offset from the worst day, its date, the index.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndexPoint {
    pub day: i32,
    #[serde(serialize_with = "crate::model::ser_date")]
    pub date: Date,
    pub value: f64,
}

/// Every figure of one event. Fractions (−0.1398), not percent.
#[derive(Debug, Clone, Serialize)]
pub struct EventFigures {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub notes: String,
    /// Attribution of the bars every computed figure comes from.
    pub price_source: String,
    #[serde(serialize_with = "crate::model::ser_date")]
    pub worst_day: Date,
    /// `C_worst / C_{worst−1} − 1` (negative).
    pub worst_day_change: f64,
    /// Highest daily high of the 30 days before the worst day, USD.
    pub prior_high: DatedPrice,
    /// Highest high before the worst day in the long history, USD (from the events file).
    pub cycle_high: DatedPrice,
    /// Where the cycle high comes from, in words.
    pub cycle_high_provenance: String,
    /// Lowest low of the worst day and the day after, USD.
    pub event_low: DatedPrice,
    /// `low / prior high − 1` (negative).
    pub fall_from_prior_high: f64,
    /// `low / cycle high − 1` (negative).
    pub fall_from_cycle_high: f64,
    /// Calendar days from the prior high to the event low.
    pub days_prior_high_to_low: i64,
    /// `C_{low+7} / low − 1`; `None` when the data ends sooner (likewise 30 and 90).
    pub rebound_7d: Option<f64>,
    pub rebound_30d: Option<f64>,
    pub rebound_90d: Option<f64>,
    pub undercut: Undercut,
    /// Worst day's volume / median volume of the 30 days before (BTC / BTC); `None` when a
    /// volume is missing or the median is 0.
    pub volume_multiple: Option<f64>,
    /// Wilder RSI(14) of the daily closes on the worst day, 0–100.
    pub rsi14: Option<f64>,
    /// The first close of the RSI (the window's first day).
    #[serde(serialize_with = "crate::model::ser_date")]
    pub rsi_seeded_on: Date,
    pub leverage: EventLeverage,
    /// Day −30 … +90 where the window has them.
    pub series: Vec<IndexPoint>,
}

/// All events, computed.
#[derive(Debug, Clone, Serialize)]
pub struct EventStudy {
    pub events: Vec<EventFigures>,
}

/// The bundled files, for native renders and tests (the page fetches the same files).
pub mod bundled {
    pub const EVENTS_CSV: &str = include_str!("../../www/data/events.csv");
    pub const EVENTS_NAME: &str = "events.csv";
    pub const WINDOWS_CSV: &str = include_str!("../../www/data/event_windows.csv");
    pub const WINDOWS_NAME: &str = "event_windows.csv";
    pub const LEVERAGE_CSV: &str = include_str!("../../www/data/event_leverage.csv");
    pub const LEVERAGE_NAME: &str = "event_leverage.csv";
}

/// A CSV table read with named columns; rows keep their 1-based data row number.
struct Table {
    name: String,
    headers: Vec<String>,
    rows: Vec<(usize, csv::StringRecord)>,
    comments: Vec<String>,
}

impl Table {
    fn read(text: &str, name: &str, required: &[&str]) -> Result<Table, DataError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(DataError::file(name, "the file is empty"));
        }
        let comments = text.lines().take_while(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().to_string()).collect();
        let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().map_err(|e| DataError::file(name, format!("cannot read the header row: {e}")))?.iter().map(str::to_string).collect();
        for col in required {
            if !headers.iter().any(|h| h == col) {
                return Err(DataError::file(name, format!("missing column '{col}' (the header has: {})", headers.join(", "))));
            }
        }
        let mut rows = Vec::new();
        for (i, rec) in reader.records().enumerate() {
            let rec = rec.map_err(|e| match e.kind() {
                csv::ErrorKind::UnequalLengths { len, .. } => DataError::row(name, i + 1, format!("the row has {len} fields but the header has {}", headers.len())),
                _ => DataError::row(name, i + 1, format!("cannot read the row: {e}")),
            })?;
            rows.push((i + 1, rec));
        }
        if rows.is_empty() {
            return Err(DataError::file(name, "the file has a header but no data rows"));
        }
        Ok(Table { name: name.to_string(), headers, rows, comments })
    }

    fn get<'a>(&self, rec: &'a csv::StringRecord, col: &str) -> &'a str {
        self.headers.iter().position(|h| h == col).and_then(|i| rec.get(i)).unwrap_or("")
    }

    fn date(&self, row: usize, rec: &csv::StringRecord, col: &str) -> Result<Date, DataError> {
        let raw = self.get(rec, col);
        parse_date(raw).ok_or_else(|| DataError::at(&self.name, row, col, format!("'{raw}' is not a date YYYY-MM-DD")))
    }

    fn positive(&self, row: usize, rec: &csv::StringRecord, col: &str) -> Result<f64, DataError> {
        let raw = self.get(rec, col);
        match raw.parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
            _ => Err(DataError::at(&self.name, row, col, format!("'{raw}' is not a finite positive number"))),
        }
    }

    fn text(&self, row: usize, rec: &csv::StringRecord, col: &str) -> Result<String, DataError> {
        let raw = self.get(rec, col);
        if raw.is_empty() {
            return Err(DataError::at(&self.name, row, col, "is empty"));
        }
        Ok(raw.to_string())
    }
}

/// Parses the events file. Errors (file, row, field): a missing column, an empty or repeated
/// id, a date that is not `YYYY-MM-DD`, `search_days` not a whole number 0–30, a cycle high
/// that is not a positive number or dated on or after the worst day, an empty provenance.
pub fn parse_events(text: &str, name: &str) -> Result<Vec<EventDef>, DataError> {
    let cols = ["id", "name", "short_name", "worst_day", "search_days", "cycle_high_usd", "cycle_high_date", "cycle_high_provenance", "notes"];
    let t = Table::read(text, name, &cols)?;
    let mut out: Vec<EventDef> = Vec::new();
    for (row, rec) in &t.rows {
        let row = *row;
        let id = t.text(row, rec, "id")?;
        if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(DataError::at(name, row, "id", format!("'{id}' may hold only letters, digits, '_' and '-'")));
        }
        if let Some(first) = out.iter().find(|e| e.id == id) {
            return Err(DataError::at(name, row, "id", format!("'{id}' is already the id of row {}", first.row)));
        }
        let worst_day = t.date(row, rec, "worst_day")?;
        let raw = t.get(rec, "search_days");
        let search_days =
            raw.parse::<u32>().ok().filter(|d| *d <= 30).ok_or_else(|| DataError::at(name, row, "search_days", format!("'{raw}' is not a whole number of days from 0 to 30")))?;
        let cycle_high = DatedPrice { date: t.date(row, rec, "cycle_high_date")?, usd: t.positive(row, rec, "cycle_high_usd")? };
        if cycle_high.date >= worst_day {
            return Err(DataError::at(name, row, "cycle_high_date", format!("{} is not before the worst day {}", format_date(cycle_high.date), format_date(worst_day))));
        }
        out.push(EventDef {
            name: t.text(row, rec, "name")?,
            short_name: t.text(row, rec, "short_name")?,
            worst_day,
            search_days,
            cycle_high,
            cycle_high_provenance: t.text(row, rec, "cycle_high_provenance")?,
            notes: t.get(rec, "notes").to_string(),
            row,
            id,
        });
    }
    Ok(out)
}

/// The bars of one event, with the attribution line of its `# <id> source:` comment.
#[derive(Debug, Clone)]
pub struct EventBars {
    pub id: String,
    pub source_line: String,
    pub bars: Vec<DailyBar>,
}

/// Parses the windows file against the events. Errors (file, row, field): an event id not in
/// the events file, a bad date or price, low above open/close or high below them, a negative
/// volume, dates out of order, repeated or with a day missing within an event; an event of the
/// events file without rows or without a `# <id> source:` line.
pub fn parse_windows(text: &str, name: &str, events: &[EventDef], events_name: &str) -> Result<Vec<EventBars>, DataError> {
    let t = Table::read(text, name, &["event_id", "date", "open", "high", "low", "close", "volume"])?;
    let mut out: Vec<EventBars> = events.iter().map(|e| EventBars { id: e.id.clone(), source_line: String::new(), bars: Vec::new() }).collect();
    for c in &t.comments {
        if let Some((id, rest)) = c.split_once(" source:") {
            if let Some(eb) = out.iter_mut().find(|eb| eb.id == id.trim()) {
                eb.source_line = rest.trim().to_string();
            }
        }
    }
    for (row, rec) in &t.rows {
        let row = *row;
        let id = t.get(rec, "event_id");
        let Some(eb) = out.iter_mut().find(|eb| eb.id == id) else {
            return Err(DataError::at(name, row, "event_id", format!("'{id}' is not an event of {events_name}")));
        };
        let date = t.date(row, rec, "date")?;
        let (open, high, low, close) = (t.positive(row, rec, "open")?, t.positive(row, rec, "high")?, t.positive(row, rec, "low")?, t.positive(row, rec, "close")?);
        if low > open.min(close) {
            return Err(DataError::at(name, row, "low", format!("low {low} is above the {}", if low > open { "open" } else { "close" })));
        }
        if high < open.max(close) {
            return Err(DataError::at(name, row, "high", format!("high {high} is below the {}", if high < open { "open" } else { "close" })));
        }
        let raw = t.get(rec, "volume");
        let volume_btc = if raw.is_empty() {
            None
        } else {
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
                _ => return Err(DataError::at(name, row, "volume", format!("'{raw}' is not a finite non-negative number"))),
            }
        };
        if let Some(prev) = eb.bars.last() {
            let gap = (date - prev.date).whole_days();
            if gap <= 0 {
                return Err(DataError::at(
                    name,
                    row,
                    "date",
                    format!("{} comes after {} for {id}: rows must be sorted by date, once each", format_date(date), format_date(prev.date)),
                ));
            }
            if gap > 1 {
                return Err(DataError::at(name, row, "date", format!("{} day(s) missing for {id} between {} and {}", gap - 1, format_date(prev.date), format_date(date))));
            }
        }
        eb.bars.push(DailyBar { date, open_usd: open, high_usd: high, low_usd: low, close_usd: close, volume_btc, partial: false });
    }
    for (eb, e) in out.iter().zip(events) {
        if eb.bars.is_empty() {
            return Err(DataError::at(events_name, e.row, "id", format!("{} has no rows in {name}: regenerate it with tools/make_event_windows.py", e.id)));
        }
        if eb.source_line.is_empty() {
            return Err(DataError::file(name, format!("no '# {} source:' line", e.id)));
        }
    }
    Ok(out)
}

/// Parses the leverage file against the events. Errors (file, row, field): an event id not in
/// the events file, an unknown provenance, a `value` that is not a number, `data` or `reported`
/// without a value, unit, source or `as_of`, `reported` without a `url`, `not_found` without a
/// `note` saying what was searched. Every event needs at least one row.
pub fn parse_leverage(text: &str, name: &str, events: &[EventDef], events_name: &str) -> Result<Vec<LeverageRow>, DataError> {
    let cols = ["event_id", "figure", "label", "value", "unit", "provenance", "source", "url", "as_of", "note"];
    let t = Table::read(text, name, &cols)?;
    let mut out = Vec::new();
    for (row, rec) in &t.rows {
        let row = *row;
        let event_id = t.get(rec, "event_id");
        if !events.iter().any(|e| e.id == event_id) {
            return Err(DataError::at(name, row, "event_id", format!("'{event_id}' is not an event of {events_name}")));
        }
        let p = t.get(rec, "provenance");
        let provenance = match p {
            "data" => LeverageProvenance::Data,
            "reported" => LeverageProvenance::Reported,
            "not_found" => LeverageProvenance::NotFound,
            _ => return Err(DataError::at(name, row, "provenance", format!("'{p}' is not one of data, reported, not_found"))),
        };
        let raw = t.get(rec, "value");
        let value = if raw.is_empty() {
            None
        } else {
            Some(raw.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| DataError::at(name, row, "value", format!("'{raw}' is not a number")))?)
        };
        let as_of_raw = t.get(rec, "as_of");
        let as_of = if as_of_raw.is_empty() { None } else { Some(t.date(row, rec, "as_of")?) };
        if provenance == LeverageProvenance::NotFound {
            t.text(row, rec, "note").map_err(|_| DataError::at(name, row, "note", "a not_found row must say what was searched"))?;
        } else {
            if value.is_none() {
                return Err(DataError::at(name, row, "value", format!("a {p} row needs a value")));
            }
            for col in ["unit", "source", "as_of"] {
                t.text(row, rec, col).map_err(|_| DataError::at(name, row, col, format!("a {p} row needs its {col}")))?;
            }
            if provenance == LeverageProvenance::Reported {
                t.text(row, rec, "url").map_err(|_| DataError::at(name, row, "url", "a reported row needs the link to its source"))?;
            }
        }
        out.push(LeverageRow {
            event_id: event_id.to_string(),
            figure: t.text(row, rec, "figure")?,
            label: t.text(row, rec, "label")?,
            value,
            unit: t.get(rec, "unit").to_string(),
            provenance,
            page_provenance: provenance.page(),
            source: t.get(rec, "source").to_string(),
            url: t.get(rec, "url").to_string(),
            as_of,
            note: t.get(rec, "note").to_string(),
        });
    }
    for e in events {
        if !out.iter().any(|r| r.event_id == e.id) {
            return Err(DataError::at(events_name, e.row, "id", format!("{} has no row in {name}; add one (not_found, with what was searched, if nothing was found)", e.id)));
        }
    }
    Ok(out)
}

/// Median of a non-empty slice (mean of the middle two for an even count).
fn median(values: &mut [f64]) -> f64 {
    super::order::sort_by(values, f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Computes one event's figures from its bars. Errors (events file, the event's row): the worst
/// day outside the window, fewer than 30 days before it or no day after it, another day within
/// `search_days` with a larger fall, a bundled high before the worst day above the cycle high.
pub fn compute_event(e: &EventDef, eb: &EventBars, leverage: &[LeverageRow], events_name: &str) -> Result<EventFigures, DataError> {
    let bars = &eb.bars;
    let at = |field: &str, msg: String| DataError::at(events_name, e.row, field, msg);
    let (first, last) = (bars[0].date, bars[bars.len() - 1].date);
    let w = bars
        .iter()
        .position(|b| b.date == e.worst_day)
        .ok_or_else(|| at("worst_day", format!("{} is outside the data of {} ({} to {})", format_date(e.worst_day), e.id, format_date(first), format_date(last))))?;
    if w < PRIOR_DAYS {
        return Err(at("worst_day", format!("{} has {w} day(s) of data before it; it needs {PRIOR_DAYS}", format_date(e.worst_day))));
    }
    if w + 1 >= bars.len() {
        return Err(at("worst_day", format!("{} is the last day of the data; the event low needs the day after", format_date(e.worst_day))));
    }
    let change = |i: usize| bars[i].close_usd / bars[i - 1].close_usd - 1.0;
    let worst_day_change = change(w);
    let s = e.search_days as usize;
    let search = w.saturating_sub(s).max(1)..=(w + s).min(bars.len() - 1);
    if let Some(i) = search.into_iter().find(|&i| change(i) < worst_day_change) {
        return Err(at(
            "worst_day",
            format!(
                "{} fell {:.2}% close to close, more than {} ({:.2}%), within {s} days",
                format_date(bars[i].date),
                change(i) * 100.0,
                format_date(e.worst_day),
                worst_day_change * 100.0
            ),
        ));
    }
    if let Some(b) = bars[..w].iter().find(|b| b.high_usd > e.cycle_high.usd) {
        return Err(at("cycle_high_usd", format!("{} is below the high of {} ({}) in the data", e.cycle_high.usd, format_date(b.date), b.high_usd)));
    }
    let prior = &bars[w - PRIOR_DAYS..w];
    let prior_high =
        prior
            .iter()
            .fold(DatedPrice { date: prior[0].date, usd: prior[0].high_usd }, |best, b| if b.high_usd > best.usd { DatedPrice { date: b.date, usd: b.high_usd } } else { best });
    let li = if bars[w + 1].low_usd < bars[w].low_usd { w + 1 } else { w };
    let event_low = DatedPrice { date: bars[li].date, usd: bars[li].low_usd };
    let rebound = |k: usize| bars.get(li + k).map(|b| b.close_usd / event_low.usd - 1.0);
    let after = &bars[li + 1..(li + 1 + AFTER_LOW_DAYS).min(bars.len())];
    let undercut = match after.iter().find(|b| b.low_usd < event_low.usd) {
        Some(b) => Undercut::Undercut { date: b.date },
        None if after.len() == AFTER_LOW_DAYS => Undercut::Held,
        None => Undercut::NotYetKnown,
    };
    let volume_multiple = match (bars[w].volume_btc, prior.iter().map(|b| b.volume_btc).collect::<Option<Vec<f64>>>()) {
        (Some(v), Some(mut vs)) => {
            let m = median(&mut vs);
            (m > 0.0).then(|| v / m)
        }
        _ => None,
    };
    let closes: Vec<f64> = bars[..=w].iter().map(|b| b.close_usd).collect();
    let rsi14 = rsi_wilder(&closes, 14)[w];
    let base = bars[w - 1].close_usd;
    let series = (-SERIES_BEFORE..=SERIES_AFTER)
        .filter_map(|d| {
            let i = w as i64 + d as i64;
            (i >= 0).then(|| bars.get(i as usize)).flatten().map(|b| IndexPoint { day: d, date: b.date, value: 100.0 * b.close_usd / base })
        })
        .collect();
    let rows: Vec<LeverageRow> = leverage.iter().filter(|r| r.event_id == e.id).cloned().collect();
    let oi_on = |d: Date| rows.iter().find(|r| r.figure == "open_interest_close_usd" && r.as_of == Some(d) && r.unit == "usd").and_then(|r| r.value);
    let close_on = |d: Date| bars.iter().find(|b| b.date == d).map(|b| b.close_usd);
    let oi_change = |from: Date| -> Option<OiChange> {
        let (a, b) = (oi_on(from)?, oi_on(e.worst_day)?);
        let (ca, cb) = (a / close_on(from)?, b / close_on(e.worst_day)?);
        Some(OiChange { from, to: e.worst_day, usd: b - a, usd_pct: b / a - 1.0, coins: cb - ca, coins_pct: cb / ca - 1.0 })
    };
    let liq = |fig: &str| rows.iter().find(|r| r.figure == fig && r.as_of == Some(e.worst_day)).and_then(|r| r.value);
    let leverage = EventLeverage {
        oi_day: oi_change(e.worst_day - Duration::days(1)),
        oi_week: oi_change(e.worst_day - Duration::days(7)),
        liquidations_long_usd: liq("liquidations_long_usd"),
        liquidations_short_usd: liq("liquidations_short_usd"),
        rows,
    };
    Ok(EventFigures {
        id: e.id.clone(),
        name: e.name.clone(),
        short_name: e.short_name.clone(),
        notes: e.notes.clone(),
        price_source: eb.source_line.clone(),
        worst_day: e.worst_day,
        worst_day_change,
        prior_high,
        cycle_high: e.cycle_high,
        cycle_high_provenance: e.cycle_high_provenance.clone(),
        event_low,
        fall_from_prior_high: event_low.usd / prior_high.usd - 1.0,
        fall_from_cycle_high: event_low.usd / e.cycle_high.usd - 1.0,
        days_prior_high_to_low: (event_low.date - prior_high.date).whole_days(),
        rebound_7d: rebound(7),
        rebound_30d: rebound(30),
        rebound_90d: rebound(90),
        undercut,
        volume_multiple,
        rsi14,
        rsi_seeded_on: first,
        leverage,
        series,
    })
}

impl EventStudy {
    /// Parses and validates the three files and computes every event, in the events file's
    /// order. Errors name the file, row and field (see [`parse_events`], [`parse_windows`],
    /// [`parse_leverage`], [`compute_event`]).
    pub fn new(events_csv: &str, events_name: &str, windows_csv: &str, windows_name: &str, leverage_csv: &str, leverage_name: &str) -> Result<EventStudy, DataError> {
        let defs = parse_events(events_csv, events_name)?;
        let windows = parse_windows(windows_csv, windows_name, &defs, events_name)?;
        let leverage = parse_leverage(leverage_csv, leverage_name, &defs, events_name)?;
        let events = defs.iter().zip(&windows).map(|(e, eb)| compute_event(e, eb, &leverage, events_name)).collect::<Result<Vec<_>, _>>()?;
        Ok(EventStudy { events })
    }

    /// The bundled files.
    pub fn bundled() -> Result<EventStudy, DataError> {
        use bundled::*;
        EventStudy::new(EVENTS_CSV, EVENTS_NAME, WINDOWS_CSV, WINDOWS_NAME, LEVERAGE_CSV, LEVERAGE_NAME)
    }

    pub fn find(&self, id: &str) -> Option<&EventFigures> {
        self.events.iter().find(|e| e.id == id)
    }
}

/// 1-based rank of `events[focus]` by `key`, where rank 1 is the smallest key (so pass a
/// negated key for "largest first"); ties share the better rank. `None` when the focus has no
/// key. Returns `(rank, how many events have a key)`.
pub fn rank_by(events: &[EventFigures], focus: usize, key: impl Fn(&EventFigures) -> Option<f64>) -> Option<(usize, usize)> {
    let k = key(&events[focus])?;
    let keys: Vec<f64> = events.iter().filter_map(&key).collect();
    Some((1 + keys.iter().filter(|x| **x < k).count(), keys.len()))
}

/// "the largest", "the second-largest", … "the smallest" for rank `r` of `n` with the
/// adjective pair (`"largest"`, `"smallest"`). Ranks past the tenth read "number 11".
pub fn ranked_words(r: usize, n: usize, most: &str, least: &str) -> String {
    const ORD: [&str; 9] = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    if r == 1 {
        format!("the {most}")
    } else if r == n {
        format!("the {least}")
    } else if r <= 10 {
        format!("the {}-{most}", ORD[r - 2])
    } else {
        format!("number {r} (by {most} first)")
    }
}

fn count_word(n: usize) -> String {
    const W: [&str; 11] = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    W.get(n).map(|w| w.to_string()).unwrap_or_else(|| n.to_string())
}

/// "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A percent value from a fraction, with one decimal; `abs`: the magnitude (the words carry the
/// direction).
fn pct(mut t: Text, fraction: f64, abs: bool) -> Text {
    t.0.push(Part::Value { v: fraction * 100.0, u: Unit::Pct, abs, d: Some(1), p: None });
    t
}

/// Two or three sentences about event `focus_id` among all: where its worst day, its fall from
/// the 30-day high and its volume multiple rank; which lows held for 90 days and which were
/// undercut; and the caveats (exchanges differ; daily bars miss intraday cascades). `None` if
/// `focus_id` is not an event. The words that depend on values are chosen here; the numbers and
/// dates travel as parts, formatted by the page.
pub fn sentences(study: &EventStudy, focus_id: &str) -> Option<Vec<Text>> {
    let events = &study.events;
    let f = events.iter().position(|e| e.id == focus_id)?;
    let e = &events[f];
    let n = events.len();
    let (r_day, n_day) = rank_by(events, f, |x| Some(x.worst_day_change))?;
    let (r_prior, n_prior) = rank_by(events, f, |x| Some(x.fall_from_prior_high))?;
    let mut first = pct(Text::new().w(format!("{}'s worst day, a ", e.short_name)), e.worst_day_change, true);
    first = first.w(" fall from close to close on ").d(e.worst_day);
    first = first.w(format!(", was {} of the {} crashes here; measured from the 30-day high to the low (", ranked_words(r_day, n_day, "largest", "smallest"), count_word(n)));
    first = pct(first, e.fall_from_prior_high, false).w(format!("), it was {}", ranked_words(r_prior, n_prior, "largest", "smallest")));
    let first = match (e.volume_multiple, rank_by(events, f, |x| x.volume_multiple.map(|v| -v))) {
        (Some(v), Some((r, m))) => first.w(", and its volume, ").vd(v, Unit::Ratio, 1).w(format!(" times the 30-day median, {}.", ranked_words(r, m, "highest", "lowest"))),
        _ => first.w("."),
    };
    let others = |want: fn(&Undercut) -> bool| -> Vec<String> { events.iter().filter(|x| x.id != e.id && want(&x.undercut)).map(|x| x.short_name.clone()).collect() };
    let held = others(|u| matches!(u, Undercut::Held));
    let undercut = others(|u| matches!(u, Undercut::Undercut { .. }));
    let held_part = |lead: &str| if held.is_empty() { String::new() } else { format!("{lead} {} of {} held", if held.len() == 1 { "low" } else { "lows" }, join_and(&held)) };
    let undercut_part = |lead: &str| {
        if undercut.is_empty() {
            String::new()
        } else {
            format!("{lead} {} of {} {} undercut", if undercut.len() == 1 { "that" } else { "those" }, join_and(&undercut), if undercut.len() == 1 { "was" } else { "were" })
        }
    };
    let second = match e.undercut {
        Undercut::Held => {
            let also = if held.is_empty() { String::new() } else { format!(", as did {} of {}", if held.len() == 1 { "that" } else { "those" }, join_and(&held)) };
            Text::new().w(format!("{}'s low held for the 90 days after it{also}{}.", e.short_name, undercut_part(";")))
        }
        Undercut::Undercut { date } => {
            let also = if undercut.is_empty() { String::new() } else { format!(", as {} of {}", if undercut.len() == 1 { "was that" } else { "were those" }, join_and(&undercut)) };
            Text::new().w(format!("{}'s low was undercut on ", e.short_name)).d(date).w(format!("{also}{}.", held_part("; the")))
        }
        Undercut::NotYetKnown => {
            Text::new().w(format!("{}'s low has held so far, but 90 days have not yet passed in the data{}{}.", e.short_name, held_part("; the"), undercut_part(";")))
        }
    };
    let mut venues: Vec<&str> = Vec::new();
    for x in events {
        let v = x.price_source.split_whitespace().next().unwrap_or("");
        if !v.is_empty() && !venues.contains(&v) {
            venues.push(v);
        }
    }
    let third = if venues.len() > 1 {
        format!(
            "The prices come from {} exchanges ({}), so lows and volumes differ a little by venue, and daily bars cannot see the intraday cascades inside a day.",
            count_word(venues.len()),
            join_and(&venues.iter().map(|v| v.to_string()).collect::<Vec<_>>())
        )
    } else {
        "Daily bars cannot see the intraday cascades inside a day, so the lows and falls here are those of whole days.".to_string()
    };
    Some(vec![first, second, Text::new().w(third)])
}
