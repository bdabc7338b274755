//! Backend-generic charts drawn with plotters: a canvas in the browser, SVG natively.
//!
//! Architecture invariant: chart functions take any `DrawingBackend`; only [`svg`] names one.
//! Colours and sizes come from [`style::ChartStyle`]; nothing here computes a metric, it draws
//! what [`crate::model`] computed.

pub mod geometry;
pub mod ladder;
pub mod open_interest;
pub mod price;
pub mod style;
#[cfg(not(target_arch = "wasm32"))]
pub mod svg;

use plotters::prelude::*;
use time::Month;

pub use geometry::PlotGeometry;

/// A drawing error, in words.
pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

/// "$63.5k" style axis label for USD.
pub fn usd_short(v: f64) -> String {
    if v.abs() >= 1e9 {
        format!("${:.0}B", v / 1e9)
    } else if v.abs() >= 1e3 {
        format!("${:.0}k", v / 1e3)
    } else {
        format!("${v:.0}")
    }
}

pub use crate::model::format::usd_full;

pub(crate) fn month_abbrev(m: Month) -> &'static str {
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m as usize - 1]
}

pub(crate) fn font<'a>(style: &style::ChartStyle, css_px: f64, color: &'a RGBColor) -> TextStyle<'a> {
    ("sans-serif", style.font(css_px)).into_font().color(color)
}

#[cfg(test)]
mod tests {
    #[test]
    fn usd_formats() {
        assert_eq!(super::usd_full(89_070.0), "$89,070");
        assert_eq!(super::usd_full(126_272.0), "$126,272");
        assert_eq!(super::usd_full(950.0), "$950");
        assert_eq!(super::usd_short(63_525.8), "$64k");
        assert_eq!(super::usd_short(61e9), "$61B");
    }
}
