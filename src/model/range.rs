//! Closed intervals of real numbers, for figures the article gives as ranges.
//!
//! The article says "$3 to $4 billion", "$2 to $2.5 billion", "$50,000–$55,000". Collapsing
//! those to midpoints would invent precision, so every derived figure carries its low and high
//! bound. Operations are interval arithmetic: the result contains every value the operation
//! can take for inputs inside the operands.

use serde::Serialize;

/// A closed interval `[low, high]` with `low <= high`. A point value has `low == high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl Range {
    /// The interval spanning `a` and `b`, in either order.
    pub fn new(a: f64, b: f64) -> Range {
        Range { low: a.min(b), high: a.max(b) }
    }

    /// A single value.
    pub fn point(v: f64) -> Range {
        Range { low: v, high: v }
    }

    pub fn is_point(&self) -> bool {
        self.low == self.high
    }

    /// Applies a monotonic function to both ends and re-orders them. Only valid for a function
    /// that is monotonic over the interval (every use below is: ratios of positive numbers).
    pub fn map(self, f: impl Fn(f64) -> f64) -> Range {
        Range::new(f(self.low), f(self.high))
    }

    /// `self / other` for intervals of positive numbers (or a positive divisor).
    pub fn divided_by(self, other: Range) -> Range {
        let c = [self.low / other.low, self.low / other.high, self.high / other.low, self.high / other.high];
        Range::hull(&c)
    }

    /// Smallest interval containing all the values.
    pub fn hull(values: &[f64]) -> Range {
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Range { low, high }
    }

    /// Scales both ends, e.g. a fraction to percent.
    pub fn scale(self, k: f64) -> Range {
        Range::new(self.low * k, self.high * k)
    }
}

/// Relative change `(to − from) / from` as a fraction (domain.md §7: one helper everywhere).
pub fn pct_change(from: f64, to: f64) -> f64 {
    (to - from) / from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_of_ranges_takes_extremes() {
        // $2–2.5B of $3–4B: 2/4 = 0.5 up to 2.5/3 = 0.8333.
        let share = Range::new(2.0, 2.5).divided_by(Range::new(3.0, 4.0));
        assert_eq!(share.low, 0.5);
        assert!((share.high - 0.833_333).abs() < 1e-6);
    }

    #[test]
    fn pct_change_of_the_articles_open_interest() {
        assert!((pct_change(61.0, 49.0) + 0.196_721).abs() < 1e-6);
    }
}
