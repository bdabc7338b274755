//! The page's one drawing backend: plotters-canvas for the canvas, plotters' SVG backend for
//! downloads, behind [`Either`] so the chart code is compiled once in the wasm, with text
//! measured by the canvas's own `measureText` (see `chart::measured` for why not plotters'
//! default) or the SVG estimate.

use plotters::prelude::SVGBackend;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::chart::either::Either;
use crate::chart::measured::Measured;

/// The backend every chart of the page draws on: a canvas or an SVG text.
pub type PageBackend<'a> = Either<CanvasBackend, SVGBackend<'a>>;

/// `None` when the canvas has no 2D context. The canvas is cleared first: a chart drawn
/// without a background (`ChartStyle::transparent`) would otherwise keep the last frame.
pub fn measured_canvas(canvas: HtmlCanvasElement) -> Option<Measured<PageBackend<'static>>> {
    let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    context.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    let inner = CanvasBackend::with_canvas_object(canvas)?;
    Some(Measured::new(
        Either::A(inner),
        Box::new(move |text, size, family, style| {
            context.set_font(&format!("{style} {size}px {family}"));
            let width = context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
            (width.ceil() as u32, size.ceil() as u32)
        }),
    ))
}

/// The page's SVG backend around plotters' SVG backend (for [`crate::chart::svg::render_svg_on`]).
pub fn svg(inner: SVGBackend<'_>) -> PageBackend<'_> {
    Either::B(inner)
}
