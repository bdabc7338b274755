//! Text as data: every sentence the page shows is built here, as parts.
//!
//! The core chooses every word that depends on a value (direction, count, duration, provider,
//! verdict); the numbers and dates themselves travel as values and are formatted by the page
//! with the browser's `Intl` in the reader's locale. So no number is formatted for readers in
//! the wasm. [`Text::plain`] (native builds only) renders the same parts in en-US for the
//! no-JavaScript page, the golden text files and the tests.

use serde::Serialize;
use time::Date;

use super::bars::format_date;
use super::provenance::Provenance;

/// The unit of a value, which decides how the page formats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// US dollars.
    Usd,
    /// Percent (52.54 means 52.54%).
    Pct,
    /// Bitcoin.
    Btc,
    /// A count of things (job cuts, rows).
    Count,
    /// A count of days.
    Days,
    /// An index without unit (RSI).
    Index,
    /// A plain ratio (elasticity, volume multiple).
    Ratio,
    /// Percent per funding interval (8 hours).
    PctPer8h,
    /// A date (`text` holds YYYY-MM-DD).
    Date,
    /// Words (`text` holds them).
    Text,
}

/// One part of a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Part {
    /// Words, as they are.
    Words(String),
    /// A figure of the view by its metric id, shown with its provenance mark. `abs`: show the
    /// magnitude, because the words already say the direction ("fell 14.0%").
    Figure { f: String, abs: bool },
    /// A number that is not a figure of the story (a threshold, a table cell). `d`: decimals.
    /// `p`: its provenance, shown as a mark after it like a figure's (a claim's reasons); `None`
    /// for a number that is no figure (a count of weeks, the frame of a check).
    Value {
        v: f64,
        u: Unit,
        abs: bool,
        d: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        p: Option<Provenance>,
    },
    /// A date, YYYY-MM-DD, with its provenance mark as for a value. `frame`: a date of the
    /// check's frame (the crash window, the article's moment), no figure: never marked.
    Date {
        date: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        p: Option<Provenance>,
        #[serde(skip)]
        frame: bool,
    },
}

/// A sentence or paragraph as parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Text(pub Vec<Part>);

impl Text {
    pub fn new() -> Text {
        Text(Vec::new())
    }

    /// Appends words.
    pub fn w(mut self, s: impl Into<String>) -> Text {
        let s = s.into();
        if let Some(Part::Words(last)) = self.0.last_mut() {
            last.push_str(&s);
        } else if !s.is_empty() {
            self.0.push(Part::Words(s));
        }
        self
    }

    /// Appends a figure by id.
    pub fn f(mut self, id: &str) -> Text {
        self.0.push(Part::Figure { f: id.to_string(), abs: false });
        self
    }

    /// Appends a figure's magnitude (the words carry the sign).
    pub fn fabs(mut self, id: &str) -> Text {
        self.0.push(Part::Figure { f: id.to_string(), abs: true });
        self
    }

    /// Appends a value.
    pub fn v(mut self, v: f64, u: Unit) -> Text {
        self.0.push(Part::Value { v, u, abs: false, d: None, p: None });
        self
    }

    /// Appends a value's magnitude.
    pub fn vabs(mut self, v: f64, u: Unit) -> Text {
        self.0.push(Part::Value { v, u, abs: true, d: None, p: None });
        self
    }

    /// Appends a value with a fixed number of decimals.
    pub fn vd(mut self, v: f64, u: Unit, decimals: u8) -> Text {
        self.0.push(Part::Value { v, u, abs: false, d: Some(decimals), p: None });
        self
    }

    /// Appends a date.
    pub fn d(mut self, date: Date) -> Text {
        self.0.push(Part::Date { date: format_date(date), p: None, frame: false });
        self
    }

    /// Appends a date of the frame of a check (the crash window, the article's moment): no
    /// figure, so [`Text::unmarked_as`] leaves it without a mark.
    pub fn d_frame(mut self, date: Date) -> Text {
        self.0.push(Part::Date { date: format_date(date), p: None, frame: true });
        self
    }

    /// Gives the last value or date its provenance (the page shows its mark after it).
    pub fn marked(mut self, provenance: Provenance) -> Text {
        if let Some(Part::Value { p, .. } | Part::Date { p, .. }) = self.0.iter_mut().rev().find(|q| matches!(q, Part::Value { .. } | Part::Date { .. })) {
            *p = Some(provenance);
        }
        self
    }

    /// Gives every value and date without a provenance `provenance`, except the frame's dates
    /// ([`Text::d_frame`]), which stay without a mark.
    pub fn unmarked_as(mut self, provenance: Provenance) -> Text {
        for q in &mut self.0 {
            if let Part::Value { p: p @ None, .. } | Part::Date { p: p @ None, frame: false, .. } = q {
                *p = Some(provenance);
            }
        }
        self
    }

    /// Appends another text.
    pub fn t(mut self, other: Text) -> Text {
        for p in other.0 {
            self = match p {
                Part::Words(s) => self.w(s),
                p => {
                    self.0.push(p);
                    self
                }
            };
        }
        self
    }

    /// The ids of the figures this text names.
    pub fn figure_ids(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter_map(|p| match p {
                Part::Figure { f, .. } => Some(f.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The words only, figures and values left out (for tests on the wording).
    pub fn words(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Part::Words(s) => s.as_str(),
                _ => "#",
            })
            .collect()
    }
}

/// `"1 day"`, `"3 days"`.
pub fn days_phrase(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// A span of time in words, from whole days: "the next day", "4 days", "3 weeks",
/// "4 months". Months are counted as 30.44 days, rounded to the nearest whole month.
pub fn duration_words(days: i64) -> String {
    let d = days.abs();
    match d {
        0 => "the same day".into(),
        1..=13 => days_phrase(d),
        14..=55 => {
            let w = (d as f64 / 7.0).round() as i64;
            format!("{w} weeks")
        }
        _ => {
            let m = (d as f64 / 30.44).round() as i64;
            if m < 18 {
                format!("{m} months")
            } else {
                let y = (d as f64 / 365.25 * 2.0).round() / 2.0;
                if y.fract() == 0.0 {
                    format!("{} years", y as i64)
                } else {
                    format!("{} years and a half", y.floor() as i64)
                }
            }
        }
    }
}

/// Native rendering in en-US, for the no-JavaScript page, goldens and tests. The page itself
/// formats with `Intl` (see `www/main.js`), which gives the same text in en-US.
#[cfg(not(target_arch = "wasm32"))]
pub mod plain {
    use super::*;

    fn group(int_digits: &str) -> String {
        let mut out = String::new();
        for (i, ch) in int_digits.chars().enumerate() {
            if i > 0 && (int_digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        out
    }

    /// `v` with `decimals` decimals and thousands separators; "−" never shown for a value that
    /// rounds to zero.
    pub fn number(v: f64, decimals: usize) -> String {
        if !v.is_finite() {
            return "n/a".into();
        }
        let text = format!("{:.*}", decimals, v.abs());
        let (int, frac) = text.split_once('.').map(|(a, b)| (a.to_string(), Some(b.to_string()))).unwrap_or((text.clone(), None));
        let zero = text.chars().all(|c| c == '0' || c == '.');
        let sign = if v < 0.0 && !zero { "-" } else { "" };
        match frac {
            Some(f) => format!("{sign}{}.{f}", group(&int)),
            None => format!("{sign}{}", group(&int)),
        }
    }

    /// "$61B", "$2.5B", "$89,070" (compact at ten million and above, as `Intl` compact).
    pub fn usd(v: f64) -> String {
        let a = v.abs();
        let sign = if v < 0.0 { "-" } else { "" };
        if a >= 1e9 {
            let x = number(a / 1e9, 2);
            format!("{sign}${}B", x.trim_end_matches('0').trim_end_matches('.'))
        } else if a >= 1e7 {
            let x = number(a / 1e6, 2);
            format!("{sign}${}M", x.trim_end_matches('0').trim_end_matches('.'))
        } else {
            format!("{sign}${}", number(a, 0))
        }
    }

    /// Both ends of a dollar range as [`usd`] writes them; when both show decimals, at the same
    /// number (the larger): "$652.10M" and "$801.14M", not "$652.1M" and "$801.14M" (a whole
    /// end stays whole: "$2B" and "$2.5B", as the article writes it). As `www/main.js`
    /// (`fmtPair`) does with `Intl`.
    pub fn usd_pair(a: f64, b: f64) -> (String, String) {
        let (x, y) = (usd(a), usd(b));
        let decimals = |s: &str| s.split_once('.').map_or(0, |(_, f)| f.chars().filter(|c| c.is_ascii_digit()).count());
        let compact = |s: &str| s.ends_with('B') || s.ends_with('M');
        if !(compact(&x) && compact(&y)) || decimals(&x) == 0 || decimals(&y) == 0 {
            return (x, y);
        }
        let want = decimals(&x).max(decimals(&y));
        let pad = |s: String| {
            let have = decimals(&s);
            let (body, suffix) = s.split_at(s.len() - 1);
            format!("{body}{}{suffix}", "0".repeat(want - have))
        };
        (pad(x), pad(y))
    }

    /// "Feb 6, 2026" (as `Intl.DateTimeFormat('en-US', {day: 'numeric', month: 'short',
    /// year: 'numeric'})`).
    pub fn date(iso: &str) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        match crate::model::bars::parse_date(iso) {
            Some(d) => format!("{} {}, {}", MONTHS[d.month() as usize - 1], d.day(), d.year()),
            None => iso.to_string(),
        }
    }

    /// One value in its unit.
    pub fn value(v: f64, u: Unit, decimals: Option<u8>) -> String {
        let d = |default: usize| decimals.map(usize::from).unwrap_or(default);
        match u {
            Unit::Usd => usd(v),
            Unit::Pct => format!("{}%", number(v, d(1))),
            Unit::PctPer8h => format!("{}% per 8 hours", number(v, d(4))),
            Unit::Btc => format!("{} BTC", number(v, d(0))),
            Unit::Count | Unit::Days => number(v, d(0)),
            Unit::Index => number(v, d(1)),
            Unit::Ratio => number(v, d(2)),
            Unit::Date | Unit::Text => number(v, d(0)),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::plain::usd_pair;

    #[test]
    fn both_ends_of_a_compact_dollar_range_have_the_same_decimals() {
        // $652,100,000 is $652.1M (one decimal once trimmed); $801,140,000 is $801.14M.
        assert_eq!(usd_pair(652_100_000.0, 801_140_000.0), ("$652.10M".to_string(), "$801.14M".to_string()));
        // $1.2B and $3.45B: "$1.20B".
        assert_eq!(usd_pair(1.2e9, 3.45e9), ("$1.20B".to_string(), "$3.45B".to_string()));
        // A whole end stays whole ("$2B to $2.5B", as the article writes it); same decimals, or
        // whole dollars: unchanged.
        assert_eq!(usd_pair(2e9, 2.5e9), ("$2B".to_string(), "$2.5B".to_string()));
        assert_eq!(usd_pair(61e9, 49e9), ("$61B".to_string(), "$49B".to_string()));
        assert_eq!(usd_pair(50_000.0, 55_000.0), ("$50,000".to_string(), "$55,000".to_string()));
    }
}
