//! The page's one drawing backend: plotters-canvas for the canvas, and in the full module
//! plotters' SVG backend for downloads and print, behind `Either` so the chart code is compiled
//! once in the wasm (the default module has no SVG writer: its charts draw on the canvas alone), with text
//! measured by the canvas's own `measureText` (see `chart::measured` for why not plotters'
//! default) or the SVG estimate.

use plotters::coord::Shift;
#[cfg(feature = "full")]
use plotters::prelude::SVGBackend;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

use crate::chart::batch::{BatchKind, PathBatch};
#[cfg(feature = "full")]
use crate::chart::either::Either;
use crate::chart::measured::Measured;
use crate::chart::price::Rows;

/// The backend every chart of the page draws on: a canvas or an SVG text (the SVG downloads and
/// print are the full module's).
#[cfg(feature = "full")]
pub type PageBackend<'a> = Either<BatchedCanvas, SVGBackend<'a>>;
/// The backend every chart of the default module draws on: a canvas.
#[cfg(not(feature = "full"))]
pub type PageBackend<'a> = BatchedCanvas;

type CanvasError = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

/// plotters-canvas with consecutive lines (or filled rectangles) of one colour and width drawn
/// as one `Path2D` (see `chart::batch`); every other call flushes the batch and goes to
/// plotters-canvas unchanged, so the order of what is drawn is kept.
pub struct BatchedCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    pending: Option<PathBatch>,
    /// The size the chart code draws at when the canvas holds only some of its rows (see
    /// [`canvas_rows_area`]); `None`: the canvas's own.
    size: Option<(u32, u32)>,
}

impl BatchedCanvas {
    fn flush(&mut self) {
        let Some(b) = self.pending.take() else { return };
        let Ok(path) = Path2d::new_with_path_string(&b.path) else { return };
        match b.kind {
            BatchKind::Stroke { width_px } => {
                self.context.set_stroke_style_str(&b.css_color());
                // As plotters-canvas: a width of 0 is ignored by the canvas (the last one stays).
                self.context.set_line_width(width_px as f64);
                self.context.stroke_with_path(&path);
            }
            BatchKind::Fill => {
                self.context.set_fill_style_str(&b.css_color());
                self.context.fill_with_path_2d(&path);
            }
        }
    }

    /// The batch a primitive of `kind` and `color` joins (a new one when it differs).
    fn batch(&mut self, kind: BatchKind, color: BackendColor) -> &mut PathBatch {
        let c = (color.rgb, color.alpha);
        if !self.pending.as_ref().is_some_and(|b| b.accepts(kind, c)) {
            self.flush();
            self.pending = Some(PathBatch::new(kind, c));
        }
        self.pending.as_mut().expect("set above")
    }
}

impl Drop for BatchedCanvas {
    fn drop(&mut self) {
        self.flush();
    }
}

impl DrawingBackend for BatchedCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size.unwrap_or_else(|| self.inner.get_size())
    }
    fn ensure_prepared(&mut self) -> Result<(), CanvasError> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), CanvasError> {
        self.flush();
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), CanvasError> {
        self.flush();
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), CanvasError> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.batch(BatchKind::Stroke { width_px: style.stroke_width() }, style.color()).line(from, to);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), CanvasError> {
        if !fill {
            self.flush();
            return self.inner.draw_rect(upper_left, bottom_right, style, fill);
        }
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.batch(BatchKind::Fill, style.color()).rect(upper_left, bottom_right);
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), CanvasError> {
        self.flush();
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), CanvasError> {
        self.flush();
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), CanvasError> {
        self.flush();
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), CanvasError> {
        self.flush();
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), CanvasError> {
        self.inner.estimate_text_size(text, style)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), CanvasError> {
        self.flush();
        self.inner.blit_bitmap(pos, size, src)
    }
}

/// `None` when the canvas has no 2D context. The canvas is cleared first: a chart drawn
/// without a background (`ChartStyle::transparent`) would otherwise keep the last frame.
pub fn measured_canvas(canvas: HtmlCanvasElement) -> Option<Measured<PageBackend<'static>>> {
    measured_rows(canvas, None)
}

/// As [`measured_canvas`]; with `rows = Some((size, top))` the canvas holds the rows from `top`
/// (device px) of a chart of `size`: the chart code draws at `size` and the context is moved up
/// by `top`, so what falls outside the canvas is not drawn.
fn measured_rows(canvas: HtmlCanvasElement, rows: Option<((u32, u32), u32)>) -> Option<Measured<PageBackend<'static>>> {
    let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    context.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok()?;
    context.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    if let Some((_, top)) = rows {
        context.translate(0.0, -(top as f64)).ok()?;
    }
    let inner = BatchedCanvas { inner: CanvasBackend::with_canvas_object(canvas)?, context: context.clone(), pending: None, size: rows.map(|r| r.0) };
    Some(Measured::new(
        #[cfg(feature = "full")]
        Either::A(inner),
        #[cfg(not(feature = "full"))]
        inner,
        Box::new(move |text, size, family, style| {
            context.set_font(&format!("{style} {size}px {family}"));
            let width = context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
            (width.ceil() as u32, size.ceil() as u32)
        }),
    ))
}

/// A canvas as a drawing area on the page's backend, or an error when it has no 2D context.
pub fn canvas_area(canvas: HtmlCanvasElement) -> Result<DrawingArea<Measured<PageBackend<'static>>, Shift>, wasm_bindgen::JsError> {
    measured_canvas(canvas).map(|b| b.into_drawing_area()).ok_or_else(|| wasm_bindgen::JsError::new("no 2D context on the canvas"))
}

/// A canvas holding the rows from `top` (device px) of a chart of `size` as a drawing area of
/// that chart's size (see [`measured_rows`]), or an error when it has no 2D context.
pub fn canvas_rows_area(canvas: HtmlCanvasElement, size: (u32, u32), top: u32) -> Result<DrawingArea<Measured<PageBackend<'static>>, Shift>, wasm_bindgen::JsError> {
    measured_rows(canvas, Some((size, top))).map(|b| b.into_drawing_area()).ok_or_else(|| wasm_bindgen::JsError::new("no 2D context on the canvas"))
}

/// A new canvas, off the document, `width` × `height` device px.
pub fn new_canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let canvas = create_canvas("canvas");
    canvas.set_width(width);
    canvas.set_height(height);
    canvas
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = document, js_name = createElement)]
    fn create_canvas(tag: &str) -> HtmlCanvasElement;
}

/// Copies onto `canvas` the rows `rows` of `base` (device px `[top, bottom)`, full width; a
/// canvas of its size), then `strip` at row `strip_top`, when given. Errors when it has no 2D
/// context or a copy fails.
pub fn compose(canvas: &HtmlCanvasElement, base: &HtmlCanvasElement, rows: &[Rows], strip: Option<(&HtmlCanvasElement, u32)>) -> Result<(), String> {
    let context = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok()).ok_or("no 2D context on the canvas")?;
    let w = canvas.width() as f64;
    let copy_failed = |_| "a chart's layer could not be copied to the canvas";
    for &(top, bottom) in rows {
        let (y, h) = (top as f64, (bottom - top) as f64);
        context.clear_rect(0.0, y, w, h);
        context.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(base, 0.0, y, w, h, 0.0, y, w, h).map_err(copy_failed)?;
    }
    if let Some((strip, top)) = strip {
        context.draw_image_with_html_canvas_element(strip, 0.0, top as f64).map_err(copy_failed)?;
    }
    Ok(())
}

/// The page's SVG backend around plotters' SVG backend (for [`crate::chart::svg::render_svg_on`]).
#[cfg(feature = "full")]
pub fn svg(inner: SVGBackend<'_>) -> PageBackend<'_> {
    Either::B(inner)
}
