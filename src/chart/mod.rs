//! Backend-generic charts drawn with plotters: a canvas in the browser, SVG natively.
//!
//! Architecture invariant: chart functions take any `DrawingBackend`; only [`svg`] names one.
//! Colours and sizes come from [`style::ChartStyle`]; nothing here computes a metric, it draws
//! what [`crate::model`] computed.

pub mod batch;
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
pub mod either;
pub mod event_study;
pub mod export;
pub mod geometry;
pub mod labels;
#[cfg(feature = "full")]
pub mod ladder;
pub mod measured;
#[cfg(feature = "full")]
pub mod open_interest;
pub mod price;
pub mod style;
pub mod svg;
pub mod svg_compact;

use plotters::prelude::*;

pub use geometry::PlotGeometry;

/// The three charts of the page. The default module (without the `full` feature) has the
/// compact page's one, the price chart; the other two are the full analysis's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartId {
    Price,
    #[cfg(feature = "full")]
    OpenInterest,
    #[cfg(feature = "full")]
    Ladder,
}

impl ChartId {
    /// From the page's ids: `price`, `open-interest`, `ladder`.
    pub fn parse(id: &str) -> Option<ChartId> {
        match id {
            "price" => Some(ChartId::Price),
            #[cfg(feature = "full")]
            "open-interest" => Some(ChartId::OpenInterest),
            #[cfg(feature = "full")]
            "ladder" => Some(ChartId::Ladder),
            _ => None,
        }
    }

    /// The id as a file stem.
    pub fn stem(self) -> &'static str {
        match self {
            ChartId::Price => "price",
            #[cfg(feature = "full")]
            ChartId::OpenInterest => "open-interest",
            #[cfg(feature = "full")]
            ChartId::Ladder => "ladder",
        }
    }
}

/// Below this CSS width a chart uses its phone layout.
pub const NARROW_CSS_PX: u32 = 560;

/// A chart's height in CSS px for a width: taller on phones where panels stack.
pub fn chart_height_css(id: ChartId, width_css: u32) -> u32 {
    let narrow = width_css < NARROW_CSS_PX;
    match id {
        ChartId::Price => {
            if narrow {
                320
            } else {
                400
            }
        }
        #[cfg(feature = "full")]
        ChartId::OpenInterest => {
            if narrow {
                460
            } else {
                300
            }
        }
        #[cfg(feature = "full")]
        ChartId::Ladder => {
            if narrow {
                340
            } else {
                380
            }
        }
    }
}

/// A drawing error, in words.
pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

/// "$63.5k" style axis label for USD.
pub fn usd_short(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1e15 {
        usd_full(v)
    } else if v.abs() >= 1e9 {
        format!("${:.0}B", v / 1e9)
    } else if v.abs() >= 1e3 {
        format!("${:.0}k", v / 1e3)
    } else {
        format!("${v:.0}")
    }
}

pub use crate::model::format::usd_full;

/// A chart label with its provenance mark, as the page's legend defines the letters:
/// "$89,070 resistance (N)".
pub fn tagged(text: &str, provenance: crate::model::story::Provenance) -> String {
    format!("{text} ({})", crate::model::format::mark_letter(provenance))
}

/// The y grid of the time charts (price, event study): grid lines at six y labels formatted by
/// `label`, no x mesh (their time ticks are drawn by date), the palette's axis colours.
pub(crate) fn y_grid<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>,
    s: &style::ChartStyle,
    label: &dyn Fn(&f64) -> String,
    font_css: f64,
) -> Result<(), String> {
    let p = s.palette;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(p.grid.stroke_width(s.stroke(1.0)))
        .axis_style(p.muted_text.stroke_width(s.stroke(1.0)))
        .y_labels(6)
        .x_labels(0)
        .y_label_formatter(label)
        .label_style(font(s, font_css, &p.muted_text))
        .draw()
        .map_err(err)
}

pub(crate) fn font<'a>(style: &style::ChartStyle, css_px: f64, color: &'a RGBColor) -> TextStyle<'a> {
    (FontFamily::SansSerif, style.font(css_px)).into_font().color(color)
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
        // Never a saturated integer: 2^63 would have printed $9,223,372,036,854,775,807.
        assert_eq!(super::usd_full(1e19), "$1.000e19");
        assert_eq!(super::usd_full(-2.5e300), "−$2.500e300");
        assert_eq!(super::usd_full(f64::NAN), "n/a");
        assert_eq!(super::usd_short(1e308), "$1.000e308");
    }
}
