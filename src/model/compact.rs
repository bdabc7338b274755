//! The bundled daily bars in a compact binary form, so that the page's default module reads
//! them without a CSV reader or float parsing (issue 11: "bundled data in a compact form that
//! needs no float parsing"). The form is a transport encoding of one validated
//! [`DailySeries`]: `tools/build.sh` writes it from the bundled CSV (the `compact-data` binary,
//! through [`encode_prices`]), and [`decode_prices`] gives back the same series, bit for bit
//! (a test checks it on the bundled file). The CSV stays the published file; this is what the
//! page fetches first.
//!
//! Layout (all integers LEB128 varints; signed ones zigzag-encoded):
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

use time::Date;

use super::bars::{DailyBar, DailySeries};
use super::error::DataError;

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
        let mut price = |field: &'static str| -> Result<f64, DataError> {
            let cents = close_cents.checked_add(r.signed(field)?).filter(|c| *c > 0 && *c < 1 << 53).ok_or_else(|| r.error(field, "not a positive price"))?;
            Ok(cents as f64 / 100.0)
        };
        let (open_usd, high_usd, low_usd, close_usd) = (price("open")?, price("high")?, price("low")?, price("close")?);
        if !(low_usd <= open_usd.min(close_usd) && high_usd >= open_usd.max(close_usd)) {
            return Err(r.error("low/high", "the low and high do not bracket the open and close"));
        }
        close_cents = (close_usd * 100.0).round() as i64;
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
    if r.at != bytes.len() {
        return Err(r.error("end", "bytes after the last bar"));
    }
    if bars.is_empty() {
        return Err(DataError::file(source_name, "its compact form (.bin) holds no bars"));
    }
    Ok(DailySeries { bars, source_line, warnings, source_name: source_name.to_string() })
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

    fn text(&mut self, field: &str) -> Result<String, DataError> {
        let len = self.count(field)?;
        let end = self.at.checked_add(len).filter(|e| *e <= self.bytes.len()).ok_or_else(|| self.error(field, "the file ends inside it (truncated)"))?;
        let s = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|_| self.error(field, "not UTF-8"))?;
        self.at = end;
        Ok(s.to_string())
    }
}

/// Writes `series` in the compact form. Errors when a price is not a whole number of cents, a
/// volume not a whole number of 1e-8 BTC, or the result would not read back equal.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_prices(series: &DailySeries) -> Result<Vec<u8>, String> {
    fn unsigned(out: &mut Vec<u8>, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }
    fn signed(out: &mut Vec<u8>, v: i64) {
        unsigned(out, ((v << 1) ^ (v >> 63)) as u64);
    }
    fn text(out: &mut Vec<u8>, s: &str) {
        unsigned(out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    let whole = |v: f64, scale: f64, what: &str, date: Date| -> Result<i64, String> {
        let n = (v * scale).round();
        if n / scale != v || n.abs() >= (1u64 << 53) as f64 {
            return Err(format!("{}: the {what} {v} is not a whole number of 1/{scale}", super::bars::format_date(date)));
        }
        Ok(n as i64)
    };
    let mut out = MAGIC.to_vec();
    text(&mut out, &series.source_line);
    unsigned(&mut out, series.warnings.len() as u64);
    for w in &series.warnings {
        text(&mut out, w);
    }
    unsigned(&mut out, series.bars.len() as u64);
    let first = series.bars.first().ok_or("no bars")?;
    signed(&mut out, i64::from(first.date.to_julian_day()));
    let (mut day, mut close) = (first.date.to_julian_day(), 0i64);
    for b in &series.bars {
        unsigned(&mut out, u64::try_from(b.date.to_julian_day() - day).map_err(|_| "dates out of order")?);
        day = b.date.to_julian_day();
        out.push(if b.partial { PARTIAL } else { 0 } | if b.volume_btc.is_some() { HAS_VOLUME } else { 0 });
        for (v, what) in [(b.open_usd, "open"), (b.high_usd, "high"), (b.low_usd, "low"), (b.close_usd, "close")] {
            signed(&mut out, whole(v, 100.0, what, b.date)? - close);
        }
        close = whole(b.close_usd, 100.0, "close", b.date)?;
        if let Some(v) = b.volume_btc {
            unsigned(&mut out, u64::try_from(whole(v, 1e8, "volume", b.date)?).map_err(|_| "a negative volume")?);
        }
    }
    let back = decode_prices(&out, &series.source_name).map_err(|e| e.to_string())?;
    if back.bars != series.bars || back.source_line != series.source_line || back.warnings != series.warnings {
        return Err("the compact form does not read back equal".into());
    }
    Ok(out)
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
        assert!(decode_prices(&extra, "p.bin").unwrap_err().to_string().contains("bytes after the last bar"));
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
    fn a_price_in_fractions_of_a_cent_is_refused() {
        let mut s = ingest(PRICES_CSV, PRICES_NAME).unwrap().series;
        s.bars[3].close_usd += 0.001;
        s.bars[3].high_usd += 0.001;
        let e = encode_prices(&s).unwrap_err();
        assert!(e.starts_with("2025-08-04: the high"), "{e}");
    }
}
