//! Reading numbers as a file writes them: the decimal and thousands convention of a CSV, decided
//! from all its values, and the plausible range of a BTC/USD price.

use super::error::{echo, DataError};

/// Lowest price accepted, USD. Bitcoin's first exchange trades (2010) were at about $0.05; a
/// lower figure is a unit or format mistake (satoshis, a misread separator).
pub const PRICE_MIN_USD: f64 = 0.01;
/// Highest price accepted, USD: about 800 times the 2025 high of $126,272. It keeps every figure
/// derived from prices (sums, open interest in coins, padded chart ranges) far from the limits
/// of f64 and i64.
pub const PRICE_MAX_USD: f64 = 100_000_000.0;

/// Whether `v` is a plausible BTC/USD price.
pub fn plausible_price(v: f64) -> bool {
    v.is_finite() && (PRICE_MIN_USD..=PRICE_MAX_USD).contains(&v)
}

/// Why a price is refused, or `None` when it is fine. `raw` is the text as the file has it.
pub fn price_problem(v: f64, raw: &str) -> Option<String> {
    if !v.is_finite() || v <= 0.0 {
        Some(format!("{} is not a finite positive price", echo(raw)))
    } else if !plausible_price(v) {
        Some(format!("{} is outside the plausible range of a BTC/USD price ($0.01 to $100,000,000)", echo(raw)))
    } else {
        None
    }
}

/// Highest daily volume accepted, in the file's unit (BTC, or USD where a file gives the quote
/// volume): 10^15, above any day's turnover in either (fewer than 21 million BTC will ever
/// exist). A larger figure is a unit or format mistake; it would also print as a number of
/// hundreds of digits in the volume comparisons.
pub const VOLUME_MAX: f64 = 1e15;

/// Why a daily volume is refused, or `None` when it is fine. `raw` is the text as the file has it.
pub fn volume_problem(v: f64, raw: &str) -> Option<String> {
    if !v.is_finite() || v < 0.0 {
        Some(format!("{} is not a finite non-negative number", echo(raw)))
    } else if v > VOLUME_MAX {
        Some(format!("{} is above the largest plausible daily volume (10^15)", echo(raw)))
    } else {
        None
    }
}

/// A jump from one close to the next larger than this factor (either way) is flagged.
pub const JUMP_FACTOR: f64 = 10.0;

/// Which character marks the decimals (the other one groups thousands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// `62,795.5`
    DecimalPoint,
    /// `62.795,5`
    DecimalComma,
}

impl Convention {
    fn marks(self) -> (char, char) {
        match self {
            Convention::DecimalPoint => ('.', ','),
            Convention::DecimalComma => (',', '.'),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Convention::DecimalPoint => "a decimal point (and ',' grouping thousands, if any)",
            Convention::DecimalComma => "a decimal comma (and '.' grouping thousands, if any)",
        }
    }
}

/// Reads `text` under a convention: optional sign, an integer part either plain or grouped in
/// threes by the thousands mark (`62.795.000`, first group 1–3 digits not starting with 0), an
/// optional decimal mark and digits. Anything else Rust's `f64` parser reads (`1e5`, `NaN`) is
/// read as it is when it holds neither mark. `None` when the text does not fit.
pub fn read(text: &str, c: Convention) -> Option<f64> {
    let t = text.trim();
    if !t.contains(['.', ',']) {
        return t.parse().ok();
    }
    // The common case, a plain decimal point (`62795.5`, `-0.25`, `1.5e3`): Rust's parser reads
    // it as the general path below would (a digit before the point, none of the other marks).
    if c == Convention::DecimalPoint && !t.contains(',') {
        let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
        if unsigned.bytes().next().is_some_and(|b| b.is_ascii_digit()) && unsigned.bytes().filter(|&b| b == b'.').count() == 1 {
            let frac_ok = unsigned
                .split_once('.')
                .is_some_and(|(i, f)| i.bytes().all(|b| b.is_ascii_digit()) && f.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'+' | b'-')));
            return if frac_ok { t.parse().ok() } else { None };
        }
    }
    read_general(t, c)
}

/// [`read`] without its fast path (kept to test that the two agree).
fn read_general(t: &str, c: Convention) -> Option<f64> {
    let (dec, thou) = c.marks();
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = match body.split_once(dec) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if let Some(f) = frac {
        if f.contains([dec, thou]) || !f.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'+' | b'-')) {
            return None;
        }
    }
    let int: String = if int.contains(thou) {
        let groups: Vec<&str> = int.split(thou).collect();
        let first = groups[0];
        let ok = (1..=3).contains(&first.len())
            && !first.starts_with('0')
            && first.bytes().all(|b| b.is_ascii_digit())
            && groups[1..].iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return None;
        }
        groups.concat()
    } else {
        int.to_string()
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let s = match frac {
        Some(f) if !f.is_empty() => format!("{sign}{int}.{f}"),
        _ => format!("{sign}{int}"),
    };
    s.parse().ok()
}

/// The values of one column, with their 1-based file lines.
pub struct ColumnValues<'a> {
    pub field: &'a str,
    /// Prices are also held to [`plausible_price`] when deciding.
    pub price: bool,
    pub values: Vec<(usize, &'a str)>,
}

/// Decides the convention of a file from every value of its number columns. A value decides
/// when only one reading fits it (or, for a price, only one reading is plausible); values that
/// read the same either way decide nothing. Errors: values deciding both ways; values that
/// read differently and nothing deciding (the message says what would). Returns the
/// convention and, when it was inferred from the values, a warning saying which and why.
pub fn decide(source: &str, columns: &[ColumnValues]) -> Result<(Convention, Option<String>), DataError> {
    let mut point: Option<(&str, usize, &str)> = None;
    let mut comma: Option<(&str, usize, &str)> = None;
    let mut open: Option<(&str, usize, &str, f64, f64)> = None;
    let mut grouped = false;
    for col in columns {
        for &(line, text) in &col.values {
            if !text.contains(['.', ',']) {
                continue;
            }
            let fits = |v: &f64| !col.price || plausible_price(*v);
            let p = read(text, Convention::DecimalPoint).filter(fits);
            let c = read(text, Convention::DecimalComma).filter(fits);
            match (p, c) {
                (Some(_), None) => {
                    grouped |= text.contains(',');
                    point.get_or_insert((col.field, line, text));
                }
                (None, Some(_)) => {
                    comma.get_or_insert((col.field, line, text));
                }
                (Some(a), Some(b)) if a != b => {
                    open.get_or_insert((col.field, line, text, a, b));
                }
                _ => {}
            }
        }
    }
    match (point, comma) {
        (Some(p), Some(c)) => Err(DataError::at_line(
            source,
            c.1,
            c.0,
            format!("'{}' needs a decimal comma, but '{}' on line {} (field '{}') needs a decimal point: a file must use one convention", echo(c.2), echo(p.2), p.1, p.0),
        )),
        (None, Some(c)) => Ok((Convention::DecimalComma, Some(format!("{source}: numbers were read with {} (as '{}' on line {}, field '{}', shows)", Convention::DecimalComma.describe(), echo(c.2), c.1, c.0)))),
        (Some(p), None) => {
            let warn = (open.is_some() || grouped).then(|| format!("{source}: numbers were read with {} (as '{}' on line {}, field '{}', shows)", Convention::DecimalPoint.describe(), echo(p.2), p.1, p.0));
            Ok((Convention::DecimalPoint, warn))
        }
        (None, None) => match open {
            Some((field, line, text, a, b)) => Err(DataError::at_line(
                source,
                line,
                field,
                format!(
                    "'{}' reads as {a} with a decimal point or as {b} with '.' or ',' grouping thousands, and no value in the file decides which: write numbers without thousands separators and with their decimals (e.g. 62795.00 or 62795,00), or make one value show the convention (e.g. 62.795,00)",
                    echo(text)
                ),
            )),
            None => Ok((Convention::DecimalPoint, None)),
        },
    }
}

/// A number as messages show it: plain up to 10¹⁵, in exponent form beyond (so 1e308 is not
/// written with 309 digits).
pub fn num_text(v: f64) -> String {
    if v.is_finite() && v != 0.0 && (v.abs() >= 1e15 || v.abs() < 1e-6) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// The first problem with a bar's open, high, low and close (each already a plausible price):
/// the field it belongs to and the message.
pub fn ohlc_problem(open: f64, high: f64, low: f64, close: f64) -> Option<(&'static str, String)> {
    if high < low {
        return Some(("high", format!("high {} is below low {}", num_text(high), num_text(low))));
    }
    if low > open.min(close) {
        return Some(("low", format!("low {} is above the {}", num_text(low), if low > open { "open" } else { "close" })));
    }
    if high < open.max(close) {
        return Some(("high", format!("high {} is below the {}", num_text(high), if high < open { "open" } else { "close" })));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Convention::*;

    #[test]
    fn the_fast_path_reads_as_the_general_one() {
        // Every string of up to 5 characters from the marks, digits, signs and exponents.
        let alphabet = ['1', '0', '.', ',', '-', '+', 'e', ' '];
        let mut count = 0;
        for len in 1..=5u32 {
            for mut k in 0..alphabet.len().pow(len) {
                let mut s = String::new();
                for _ in 0..len {
                    s.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                let t = s.trim();
                if !t.contains(['.', ',']) {
                    continue;
                }
                let (fast, general) = (read(&s, Convention::DecimalPoint), read_general(t, Convention::DecimalPoint));
                assert_eq!(fast.map(f64::to_bits), general.map(f64::to_bits), "{s:?}");
                count += 1;
            }
        }
        assert!(count > 20_000, "{count}");
    }

    #[test]
    fn readings_follow_the_convention() {
        assert_eq!(read("62.795", DecimalPoint), Some(62.795));
        assert_eq!(read("62.795", DecimalComma), Some(62_795.0));
        assert_eq!(read("62.795,5", DecimalComma), Some(62_795.5));
        assert_eq!(read("62.795,5", DecimalPoint), None);
        assert_eq!(read("1,234,567.25", DecimalPoint), Some(1_234_567.25));
        assert_eq!(read("62795,0", DecimalComma), Some(62_795.0));
        assert_eq!(read("62795,0", DecimalPoint), None);
        assert_eq!(read("62795.12", DecimalComma), None);
        assert_eq!(read("0.123", DecimalComma), None);
        assert_eq!(read("-1.5", DecimalPoint), Some(-1.5));
        assert_eq!(read("1e5", DecimalComma), Some(100_000.0));
    }
}
