//! A figure as the page shows it: a value (or range, date, words) with its unit, provenance
//! and source.

use serde::Serialize;

use super::range::Range;
use super::story::{Figure, Provenance};
use super::text::Unit;

/// A figure of the view. Percent values are in percent (52.54), USD in dollars.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub id: &'static str,
    pub unit: Unit,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// A date (YYYY-MM-DD) for [`Unit::Date`], an id for [`Unit::Text`].
    pub text: Option<String>,
    pub provenance: Provenance,
    /// For a computed figure the formula and the data it was computed from; otherwise the
    /// citation.
    pub source: String,
    /// The source's address, when there is one.
    pub url: Option<String>,
    /// The decimals the source states it with, when fixed (a rounded "205%").
    pub digits: Option<u8>,
}

impl Metric {
    /// A computed point value; a value that is not finite (0/0 on flat prices, say) becomes
    /// "none" rather than a number.
    pub fn computed(id: &'static str, unit: Unit, v: f64, formula: impl Into<String>) -> Metric {
        let (value, text) = if v.is_finite() { (Some(v), None) } else { (None, Some("none".to_string())) };
        Metric { id, unit, value, low: None, high: None, text, provenance: Provenance::Computed, source: formula.into(), url: None, digits: None }
    }

    /// A computed range (a point when both ends are equal).
    pub fn computed_range(id: &'static str, unit: Unit, r: Range, formula: impl Into<String>) -> Metric {
        Metric::computed(id, unit, 0.0, formula).with_range(r)
    }

    /// A computed date.
    pub fn date(id: &'static str, d: time::Date, formula: impl Into<String>) -> Metric {
        Metric { value: None, text: Some(super::bars::format_date(d)), ..Metric::computed(id, Unit::Date, 0.0, formula) }
    }

    /// Words chosen by the core (an id such as `not_enough_data`), computed.
    pub fn words(id: &'static str, t: impl Into<String>, formula: impl Into<String>) -> Metric {
        Metric { value: None, text: Some(t.into()), ..Metric::computed(id, Unit::Text, 0.0, formula) }
    }

    /// A figure of the story file, with its provenance, citation, address and decimals.
    pub fn from_figure(id: &'static str, f: &Figure) -> Metric {
        let unit = match f.unit.as_str() {
            "usd" => Unit::Usd,
            "pct" => Unit::Pct,
            "count" => Unit::Count,
            _ => Unit::Text,
        };
        let base = Metric {
            id,
            unit,
            value: None,
            low: None,
            high: None,
            text: None,
            provenance: f.provenance,
            source: if f.note.is_empty() { f.citation.clone() } else { format!("{}. {}", f.citation, f.note) },
            url: (!f.url.is_empty()).then(|| f.url.clone()),
            digits: f.digits,
        };
        match f.value {
            Some(r) => base.with_range(r),
            None => Metric { text: Some(f.label.clone()), ..base },
        }
    }

    /// Replaces the value by a range (a point when both ends are equal; "none" when an end is
    /// not finite).
    pub fn with_range(mut self, r: Range) -> Metric {
        if !(r.low.is_finite() && r.high.is_finite()) {
            (self.value, self.low, self.high, self.text) = (None, None, None, Some("none".to_string()));
        } else if r.is_point() {
            (self.value, self.low, self.high, self.text) = (Some(r.low), None, None, None);
        } else {
            (self.value, self.low, self.high, self.text) = (None, Some(r.low), Some(r.high), None);
        }
        self
    }

    /// Same figure, other provenance and source (a value read from a loaded series).
    pub fn sourced(mut self, provenance: Provenance, source: impl Into<String>) -> Metric {
        self.provenance = provenance;
        self.source = source.into();
        self
    }

    /// Fixed decimals.
    pub fn digits(mut self, d: u8) -> Metric {
        self.digits = Some(d);
        self
    }

    /// The value as a range (a point for a single value); `None` for dates and words.
    pub fn range(&self) -> Option<Range> {
        match (self.value, self.low, self.high) {
            (Some(v), _, _) => Some(Range::point(v)),
            (None, Some(l), Some(h)) => Some(Range { low: l, high: h }),
            _ => None,
        }
    }
}
