//! How chart labels write prices, percents, numbers and dates. Every label drawn inside a chart
//! goes through a [`LabelFormat`] held by [`super::style::ChartStyle`]: natively (SVG goldens,
//! `www/static`, `check-data`) the en-US [`EnUs`], which is exactly the labels as they always
//! were; in the page one backed by the browser's `Intl` in the reader's locale (`src/web.rs`).
//! The words around the numbers stay English.

use time::{Date, Month};

/// Formats the numbers and dates of chart labels. Percents are given in percent (12.0 for 12%).
pub trait LabelFormat: std::fmt::Debug {
    /// A short price for axes and small labels: "$64k", "$19B".
    fn usd_short(&self, usd: f64) -> String;
    /// A whole-dollar price: "$89,070".
    fn usd_full(&self, usd: f64) -> String;
    /// A signed whole percent: "+12%", "-21%".
    fn pct_signed(&self, pct: f64) -> String;
    /// A signed whole-percent range: "-21…-13%".
    fn pct_signed_range(&self, low: f64, high: f64) -> String {
        format!("{}…{}", self.pct_signed(low), self.pct_signed(high))
    }
    /// A plain number with `digits` decimals: "19.7".
    fn number(&self, v: f64, digits: usize) -> String;
    /// A signed whole number of days: "+30", "-60".
    fn days_signed(&self, days: i32) -> String;
    /// A month alone, for a time axis: "Aug".
    fn month(&self, d: Date) -> String;
    /// A day and month: "10 Oct".
    fn day_month(&self, d: Date) -> String;
    /// A month and year: "Aug 2025".
    fn month_year(&self, d: Date) -> String;
    /// An authored level name that starts with its price ("$89,070 resistance",
    /// "$75–80k zone"), with that price written by this format.
    fn level_name(&self, authored: &str, low_usd: f64, high_usd: f64) -> String {
        match authored.split_once(' ') {
            Some((price, rest)) if price.starts_with('$') => {
                let price = if high_usd > low_usd { format!("{}–{}", self.usd_short(low_usd), self.usd_short(high_usd)) } else { self.usd_full(low_usd) };
                format!("{price} {rest}")
            }
            _ => authored.to_string(),
        }
    }
}

/// The en-US labels, as the charts have always written them (the native renders and the
/// fallback in the page).
#[derive(Debug, Clone, Copy, Default)]
pub struct EnUs;

impl LabelFormat for EnUs {
    fn usd_short(&self, usd: f64) -> String {
        super::usd_short(usd)
    }
    fn usd_full(&self, usd: f64) -> String {
        super::usd_full(usd)
    }
    fn pct_signed(&self, pct: f64) -> String {
        format!("{pct:+.0}%")
    }
    fn pct_signed_range(&self, low: f64, high: f64) -> String {
        format!("{low:+.0}…{high:+.0}%")
    }
    fn number(&self, v: f64, digits: usize) -> String {
        format!("{v:.digits$}")
    }
    fn days_signed(&self, days: i32) -> String {
        format!("{days:+}")
    }
    fn month(&self, d: Date) -> String {
        month_abbrev(d.month()).to_string()
    }
    fn day_month(&self, d: Date) -> String {
        format!("{} {}", d.day(), month_abbrev(d.month()))
    }
    fn month_year(&self, d: Date) -> String {
        format!("{} {}", month_abbrev(d.month()), d.year())
    }
    fn level_name(&self, authored: &str, _low_usd: f64, _high_usd: f64) -> String {
        authored.to_string()
    }
}

fn month_abbrev(m: Month) -> &'static str {
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m as usize - 1]
}

/// The extra width, in characters, of `local` over `en_us`: what a localized label needs beyond
/// the room laid out for its en-US form (0 natively, so the en-US layout never moves).
pub fn extra_chars(local: &str, en_us: &str) -> f64 {
    (local.chars().count() as f64 - en_us.chars().count() as f64).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn en_us_is_the_labels_as_they_were() {
        let f = EnUs;
        assert_eq!(f.pct_signed(-21.4), "-21%");
        assert_eq!(f.pct_signed(12.0), "+12%");
        assert_eq!(f.pct_signed_range(-21.4, -12.6), "-21…-13%");
        assert_eq!(f.number(19.66, 1), "19.7");
        assert_eq!(f.days_signed(30), "+30");
        assert_eq!(f.month(date!(2025 - 08 - 01)), "Aug");
        assert_eq!(f.day_month(date!(2025 - 10 - 10)), "10 Oct");
        assert_eq!(f.month_year(date!(2026 - 01 - 01)), "Jan 2026");
        assert_eq!(f.level_name("$89,070 resistance", 89_070.0, 89_070.0), "$89,070 resistance");
    }
}
