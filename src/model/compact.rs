//! The bundled files in a compact binary form, so that the page's default module reads them
//! without a CSV reader or float parsing (issue 11: "bundled data in a compact form that needs
//! no float parsing"): the daily bars, the story figures and the long history of closes. Each
//! form is a transport encoding of the file once parsed and validated by its own reader:
//! `tools/build.sh` writes them from the bundled CSVs (the `compact-data` binary, through the
//! `encode_*` functions, which check that the bytes read back equal), and the `decode_*`
//! functions give back the same values, bit for bit (tests check it on the bundled files). The
//! CSVs stay the published files; the page fetches these first. Errors name the file, its
//! compact form and the byte where reading stopped.
//!
//! Prices (`LRP1`; all integers LEB128 varints, signed ones zigzag-encoded):
//! - the magic `LRP1`;
//! - the source line and each warning: a length in bytes, then UTF-8;
//! - the bar count, the first date's Julian day (signed);
//! - per bar: days since the bar before (0 for the first), flags (bit 0 partial, bit 1 has
//!   volume), then open, high, low and close in cents, each as the change from the previous
//!   close (signed; the first bar's from 0), then volume in hundred-millionths of a BTC.
//!
//! Prices are whole cents and volumes whole 1e-8 BTC in the bundled file; a value is decoded
//! as `integer / 100.0` (or `/ 1e8`), which is the correctly rounded double of the same decimal
//! the CSV parser reads, hence equal to it. [`encode_prices`] refuses a series it cannot give
//! back exactly.
//!
//! Figures (`LRF1`): the file's name as sentences use it, the figure count, then per figure its
//! text fields (id, label, unit, provenance, tier, citation, note, url, as_of, source_name) as
//! length and UTF-8, a byte for the value (0 none, 1 a range: low and high follow as the 8
//! little-endian bytes of each double), and a byte for the digits (255 none). They are checked
//! as the CSV reader checks them.
//!
//! History (`LRH1`): the source line, the close count, the first date's Julian day, then per
//! close the days since the one before and the change in cents from it (signed).

use time::Date;

use super::bars::{DailyBar, DailySeries};
use super::error::DataError;
use super::history::CloseHistory;
use super::range::Range;
use super::story::{FigureFields, StoryFigures};

const MAGIC: &[u8; 4] = b"LRP1";
const PARTIAL: u8 = 1;
const HAS_VOLUME: u8 = 2;

/// Reads the compact form. `source_name` names the file in errors, which say the byte offset
/// where reading stopped ("truncated", a bad magic, a date or price out of range). The result
/// is validated as a parsed CSV is: dates strictly increasing, prices positive and finite, low
/// and high bracketing open and close.
pub fn decode_prices(bytes: &[u8], source_name: &str) -> Result<DailySeries, DataError> {
    let mut r = Reader { bytes, at: 0, name: source_name };
    if bytes.get(..4) != Some(MAGIC.as_slice()) {
        return Err(DataError::file(source_name, "its compact form (.bin) is not one (its first bytes are not LRP1)"));
    }
    r.at = 4;
    let source_line = r.text("source line")?;
    let warnings = (0..r.count("warning count")?).map(|_| r.text("warning")).collect::<Result<Vec<_>, _>>()?;
    let n = r.count("bar count")?;
    let mut day = i32::try_from(r.signed("first date")?).map_err(|_| r.error("first date", "out of range"))?;
    let mut bars = Vec::with_capacity(n.min(bytes.len()));
    let mut close_cents = 0i64;
    for k in 0..n {
        let gap = r.unsigned("date")?;
        if k > 0 && gap == 0 {
            return Err(r.error("date", "not after the bar before"));
        }
        day = i32::try_from(gap).ok().and_then(|g| day.checked_add(g)).ok_or_else(|| r.error("date", "out of range"))?;
        let date = Date::from_julian_day(day).map_err(|_| r.error("date", "out of range"))?;
        let flags = r.byte("flags")?;
        let mut cents = |field: &'static str| -> Result<i64, DataError> {
            close_cents.checked_add(r.signed(field)?).filter(|c| *c > 0 && *c < 1 << 53).ok_or_else(|| r.error(field, "not a positive price"))
        };
        let (open, high, low, close) = (cents("open")?, cents("high")?, cents("low")?, cents("close")?);
        let usd = |c: i64| c as f64 / 100.0;
        let (open_usd, high_usd, low_usd, close_usd) = (usd(open), usd(high), usd(low), usd(close));
        if !(low_usd <= open_usd.min(close_usd) && high_usd >= open_usd.max(close_usd)) {
            return Err(r.error("low/high", "the low and high do not bracket the open and close"));
        }
        close_cents = close;
        let volume_btc = if flags & HAS_VOLUME != 0 {
            let v = r.unsigned("volume")?;
            if v >= 1 << 53 {
                return Err(r.error("volume", "out of range"));
            }
            Some(v as f64 / 1e8)
        } else {
            None
        };
        bars.push(DailyBar { date, open_usd, high_usd, low_usd, close_usd, volume_btc, partial: flags & PARTIAL != 0 });
    }
    r.end()?;
    if bars.is_empty() {
        return Err(DataError::file(source_name, "its compact form (.bin) holds no bars"));
    }
    Ok(DailySeries { bars, source_line, warnings, source_name: source_name.to_string() })
}

const FIGURES_MAGIC: &[u8; 4] = b"LRF1";
const HISTORY_MAGIC: &[u8; 4] = b"LRH1";

fn start<'a>(bytes: &'a [u8], magic: &[u8; 4], name: &'a str) -> Result<Reader<'a>, DataError> {
    if bytes.get(..4) != Some(magic.as_slice()) {
        let m = String::from_utf8_lossy(magic);
        return Err(DataError::file(name, format!("its compact form (.bin) is not one (its first bytes are not {m})")));
    }
    Ok(Reader { bytes, at: 4, name })
}

/// Reads the story figures' compact form (see the module's doc); the figures are checked as
/// [`StoryFigures::parse_csv`] checks them.
pub fn decode_figures(bytes: &[u8], source_name: &str) -> Result<StoryFigures, DataError> {
    let mut r = start(bytes, FIGURES_MAGIC, source_name)?;
    let mut figures = Vec::new();
    for _ in 0..r.count("figure count")? {
        let [id, label, unit, provenance, tier, citation, note, url, as_of, name] =
            ["id", "label", "unit", "provenance", "tier", "citation", "note", "url", "as_of", "source_name"].map(|f| r.text(f));
        let value = match r.byte("value")? {
            0 => None,
            1 => Some(Range { low: r.double("low")?, high: r.double("high")? }),
            _ => return Err(r.error("value", "not 0 or 1")),
        };
        let digits = Some(r.byte("digits")?).filter(|d| *d != 255);
        let (provenance, tier) = (provenance?, tier?);
        figures.push(StoryFigures::figure(
            source_name,
            figures.len() + 1,
            FigureFields {
                id: id?,
                label: label?,
                value,
                unit: unit?,
                provenance: &provenance,
                tier: &tier,
                citation: citation?,
                note: note?,
                url: url?,
                as_of: as_of?,
                digits,
                source_name: name?,
            },
            &figures,
        )?);
    }
    r.end()?;
    StoryFigures::complete(figures, source_name)
}

/// Reads the history's compact form (see the module's doc); closes are checked as
/// [`CloseHistory::parse_csv`] checks them.
pub fn decode_history(bytes: &[u8], source_name: &str) -> Result<CloseHistory, DataError> {
    let mut r = start(bytes, HISTORY_MAGIC, source_name)?;
    let source_line = r.text("source line")?;
    let n = r.count("close count")?;
    let mut day = i32::try_from(r.signed("first date")?).map_err(|_| r.error("first date", "out of range"))?;
    let mut cents = 0i64;
    let mut closes = Vec::with_capacity(n);
    for k in 0..n {
        let gap = r.unsigned("date")?;
        if k > 0 && gap == 0 {
            return Err(r.error("date", "not after the close before"));
        }
        day = i32::try_from(gap).ok().and_then(|g| day.checked_add(g)).ok_or_else(|| r.error("date", "out of range"))?;
        let date = Date::from_julian_day(day).map_err(|_| r.error("date", "out of range"))?;
        cents = cents.checked_add(r.signed("close")?).filter(|c| *c > 0 && *c < 1 << 53).ok_or_else(|| r.error("close", "not a positive price"))?;
        closes.push((date, cents as f64 / 100.0));
    }
    r.end()?;
    if closes.len() < 2 {
        return Err(DataError::file(source_name, "fewer than two closes"));
    }
    Ok(CloseHistory { closes, source_line })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    name: &'a str,
}

impl Reader<'_> {
    fn error(&self, field: &str, what: &str) -> DataError {
        DataError::file(self.name, format!("its compact form (.bin), byte {}, {field}: {what}", self.at))
    }

    fn byte(&mut self, field: &str) -> Result<u8, DataError> {
        let b = *self.bytes.get(self.at).ok_or_else(|| self.error(field, "the file ends here (truncated)"))?;
        self.at += 1;
        Ok(b)
    }

    fn unsigned(&mut self, field: &str) -> Result<u64, DataError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte(field)?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.error(field, "a number longer than 64 bits"))
    }

    fn signed(&mut self, field: &str) -> Result<i64, DataError> {
        let z = self.unsigned(field)?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    /// A count or length, at most the bytes left (each item takes at least one).
    fn count(&mut self, field: &str) -> Result<usize, DataError> {
        let v = self.unsigned(field)?;
        usize::try_from(v).ok().filter(|v| *v <= self.bytes.len()).ok_or_else(|| self.error(field, "larger than the file"))
    }

    fn double(&mut self, field: &str) -> Result<f64, DataError> {
        let end = self.at.checked_add(8).filter(|e| *e <= self.bytes.len()).ok_or_else(|| self.error(field, "the file ends inside it (truncated)"))?;
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.bytes[self.at..end]);
        self.at = end;
        Ok(f64::from_le_bytes(b))
    }

    fn end(&self) -> Result<(), DataError> {
        if self.at != self.bytes.len() {
            return Err(self.error("end", "bytes after the last entry"));
        }
        Ok(())
    }

    fn text(&mut self, field: &str) -> Result<String, DataError> {
        let len = self.count(field)?;
        let end = self.at.checked_add(len).filter(|e| *e <= self.bytes.len()).ok_or_else(|| self.error(field, "the file ends inside it (truncated)"))?;
        let s = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|_| self.error(field, "not UTF-8"))?;
        self.at = end;
        Ok(s.to_string())
    }
}

/// Bytes of the compact forms, written by `encode_*`.
#[cfg(not(target_arch = "wasm32"))]
struct Writer(Vec<u8>);

#[cfg(not(target_arch = "wasm32"))]
impl Writer {
    fn unsigned(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }

    fn signed(&mut self, v: i64) {
        self.unsigned(((v << 1) ^ (v >> 63)) as u64);
    }

    fn text(&mut self, s: &str) {
        self.unsigned(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// `v` in whole units of 1/`scale` (cents for 100), or an error naming the day and the field.
#[cfg(not(target_arch = "wasm32"))]
fn whole(v: f64, scale: f64, what: &str, date: Date) -> Result<i64, String> {
    let n = (v * scale).round();
    if n / scale != v || n.abs() >= (1u64 << 53) as f64 {
        return Err(format!("{}: the {what} {v} is not a whole number of 1/{scale}", super::bars::format_date(date)));
    }
    Ok(n as i64)
}

/// Writes `series` in the compact form. Errors when a price is not a whole number of cents, a
/// volume not a whole number of 1e-8 BTC, or the result would not read back equal.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_prices(series: &DailySeries) -> Result<Vec<u8>, String> {
    let mut w = Writer(MAGIC.to_vec());
    w.text(&series.source_line);
    w.unsigned(series.warnings.len() as u64);
    for warning in &series.warnings {
        w.text(warning);
    }
    w.unsigned(series.bars.len() as u64);
    let first = series.bars.first().ok_or("no bars")?;
    w.signed(i64::from(first.date.to_julian_day()));
    let (mut day, mut close) = (first.date.to_julian_day(), 0i64);
    for b in &series.bars {
        w.unsigned(u64::try_from(b.date.to_julian_day() - day).map_err(|_| "dates out of order")?);
        day = b.date.to_julian_day();
        w.0.push(if b.partial { PARTIAL } else { 0 } | if b.volume_btc.is_some() { HAS_VOLUME } else { 0 });
        for (v, what) in [(b.open_usd, "open"), (b.high_usd, "high"), (b.low_usd, "low"), (b.close_usd, "close")] {
            let cents = whole(v, 100.0, what, b.date)?;
            w.signed(cents - close);
            if what == "close" {
                close = cents;
            }
        }
        if let Some(v) = b.volume_btc {
            w.unsigned(u64::try_from(whole(v, 1e8, "volume", b.date)?).map_err(|_| "a negative volume")?);
        }
    }
    let back = decode_prices(&w.0, &series.source_name).map_err(|e| e.to_string())?;
    if back.bars != series.bars || back.source_line != series.source_line || back.warnings != series.warnings {
        return Err("the compact form does not read back equal".into());
    }
    Ok(w.0)
}

/// Writes the story figures in the compact form; errors when they would not read back equal.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_figures(story: &StoryFigures) -> Result<Vec<u8>, String> {
    let bytes = figures_bytes(story);
    let back = decode_figures(&bytes, &story.source_name).map_err(|e| e.to_string())?;
    if back != *story {
        return Err("the compact form does not read back equal".into());
    }
    Ok(bytes)
}

#[cfg(not(target_arch = "wasm32"))]
fn figures_bytes(story: &StoryFigures) -> Vec<u8> {
    let mut w = Writer(FIGURES_MAGIC.to_vec());
    w.unsigned(story.figures.len() as u64);
    for f in &story.figures {
        let tier = f.tier.map_or("", |t| t.id());
        for t in [&f.id, &f.label, &f.unit, f.provenance.id(), tier, &f.citation, &f.note, &f.url, &f.as_of, &f.source_name] {
            w.text(t);
        }
        match f.value {
            None => w.0.push(0),
            Some(r) => {
                w.0.push(1);
                w.0.extend_from_slice(&r.low.to_le_bytes());
                w.0.extend_from_slice(&r.high.to_le_bytes());
            }
        }
        w.0.push(f.digits.unwrap_or(255));
    }
    w.0
}

/// Writes the history of closes in the compact form. Errors when a close is not a whole number
/// of cents or the result would not read back equal.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_history(history: &CloseHistory) -> Result<Vec<u8>, String> {
    let mut w = Writer(HISTORY_MAGIC.to_vec());
    w.text(&history.source_line);
    w.unsigned(history.closes.len() as u64);
    let first = history.closes.first().ok_or("no closes")?;
    w.signed(i64::from(first.0.to_julian_day()));
    let (mut day, mut cents) = (first.0.to_julian_day(), 0i64);
    for (date, close) in &history.closes {
        w.unsigned(u64::try_from(date.to_julian_day() - day).map_err(|_| "dates out of order")?);
        day = date.to_julian_day();
        let c = whole(*close, 100.0, "close", *date)?;
        w.signed(c - cents);
        cents = c;
    }
    let back = decode_history(&w.0, "history").map_err(|e| e.to_string())?;
    if back.closes != history.closes || back.source_line != history.source_line {
        return Err("the compact form does not read back equal".into());
    }
    Ok(w.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled::{PRICES_CSV, PRICES_NAME};
    use crate::model::ingest::{ingest, DataFormat};

    #[test]
    fn the_bundled_file_reads_back_bit_for_bit() {
        let parsed = ingest(PRICES_CSV, PRICES_NAME).unwrap();
        assert_eq!(parsed.format, DataFormat::ProjectCsv);
        let bytes = encode_prices(&parsed.series).unwrap();
        let back = decode_prices(&bytes, PRICES_NAME).unwrap();
        assert_eq!(back.bars.len(), 349);
        for (a, b) in back.bars.iter().zip(&parsed.series.bars) {
            assert_eq!(a, b);
            assert_eq!(a.close_usd.to_bits(), b.close_usd.to_bits());
            assert_eq!(a.volume_btc.map(f64::to_bits), b.volume_btc.map(f64::to_bits));
        }
        assert_eq!(back.source_line, parsed.series.source_line);
        assert_eq!(back.warnings, parsed.series.warnings);
        // 2026-07-14 in the file: 62256.8, 65063.99, 62203.26, 64975.72, 1066.83456731 BTC;
        // the last day, 2026-07-15, is partial.
        let b = back.bars[back.bars.len() - 2];
        assert_eq!((b.open_usd, b.high_usd, b.low_usd, b.close_usd, b.volume_btc), (62256.8, 65063.99, 62203.26, 64975.72, Some(1066.83456731)));
        assert!(back.bars.last().unwrap().partial && !b.partial);
        // Smaller than the CSV it comes from (24,484 bytes).
        assert!(bytes.len() < PRICES_CSV.len() / 3, "{}", bytes.len());
    }

    #[test]
    fn damaged_bytes_are_refused_in_words() {
        let parsed = ingest(PRICES_CSV, PRICES_NAME).unwrap();
        let bytes = encode_prices(&parsed.series).unwrap();
        let e = decode_prices(&bytes[..bytes.len() - 3], "p.csv").unwrap_err().to_string();
        assert!(e.starts_with("p.csv: its compact form (.bin), byte ") && e.contains("(truncated)"), "{e}");
        let e = decode_prices(b"PK\x03\x04", "p.csv").unwrap_err().to_string();
        assert_eq!(e, "p.csv: its compact form (.bin) is not one (its first bytes are not LRP1)");
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode_prices(&extra, "p.bin").unwrap_err().to_string().contains("bytes after the last entry"));
        // Every prefix and every single-byte change is an error or a series, never a panic.
        for cut in 0..bytes.len() {
            let _ = decode_prices(&bytes[..cut], "p.bin");
        }
        for k in (4..bytes.len()).step_by(7) {
            let mut b = bytes.clone();
            b[k] ^= 0x5a;
            let _ = decode_prices(&b, "p.bin");
        }
    }

    #[test]
    fn the_bundled_figures_and_history_read_back_equal() {
        use crate::bundled::{FIGURES_CSV, FIGURES_NAME, HISTORY_CSV, HISTORY_NAME};
        let story = StoryFigures::parse_csv(FIGURES_CSV, FIGURES_NAME).unwrap();
        let bytes = encode_figures(&story).unwrap();
        let back = decode_figures(&bytes, FIGURES_NAME).unwrap();
        assert_eq!(back, story);
        // From the file: liquidations_btc_usd is 2000000000 to 2500000000, an article figure.
        let f = back.find("liquidations_btc_usd").unwrap();
        assert_eq!(f.value, Some(Range { low: 2e9, high: 2.5e9 }));
        assert_eq!(f.provenance.id(), "article");
        assert!(back.figures.iter().any(|f| f.tier.is_some()));

        let history = CloseHistory::parse_csv(HISTORY_CSV, HISTORY_NAME).unwrap();
        let bytes = encode_history(&history).unwrap();
        let back = decode_history(&bytes, HISTORY_NAME).unwrap();
        assert_eq!(back.closes, history.closes);
        assert_eq!(back.source_line, history.source_line);
        assert_eq!(back.closes.len(), HISTORY_CSV.lines().filter(|l| l.starts_with("20")).count());
        assert!(bytes.len() < HISTORY_CSV.len() / 3, "{}", bytes.len());

        // A figures form missing a required figure is refused as the CSV would be.
        let mut short = story.clone();
        short.figures.retain(|f| f.id != "claim_bounce_pct");
        let e = decode_figures(&figures_bytes(&short), FIGURES_NAME).unwrap_err().to_string();
        assert_eq!(e, format!("{FIGURES_NAME}: missing the figure 'claim_bounce_pct'"));
        let e = decode_history(&bytes[..bytes.len() - 1], "h.csv").unwrap_err().to_string();
        assert!(e.starts_with("h.csv: its compact form (.bin), byte ") && e.ends_with("(truncated)"), "{e}");
    }

    #[test]
    fn a_price_in_fractions_of_a_cent_is_refused() {
        let mut s = ingest(PRICES_CSV, PRICES_NAME).unwrap().series;
        s.bars[3].close_usd += 0.001;
        s.bars[3].high_usd += 0.001;
        let e = encode_prices(&s).unwrap_err();
        assert!(e.starts_with("2025-08-04: the high"), "{e}");
    }
}
