//! A drawing backend with its own text measure.
//!
//! plotters measures text through its font module: on the web that appends a
//! `<span style="…">` to the document body and reads its size, which forces a layout and is
//! blocked by a strict Content-Security-Policy (`style-src 'self'` forbids style attributes).
//! [`Measured`] wraps any backend and answers `estimate_text_size` with a function instead:
//! the canvas's `measureText` in the browser, a width estimate for SVG. Every drawing call goes
//! straight to the wrapped backend.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// Text size in px for `(text, font size px, family, style)`.
pub type TextMeasure = Box<dyn Fn(&str, f64, &str, &str) -> (u32, u32)>;

pub struct Measured<B: DrawingBackend> {
    pub inner: B,
    measure: TextMeasure,
    /// Factor on the font size handed to the wrapped backend's `draw_text` (1 but for SVG).
    text_scale: f64,
}

/// plotters' SVG backend writes `font-size` as the style's size / 1.24 (plotters-svg 0.3,
/// `draw_text`), where the canvas backend draws the size itself: [`Measured::svg`] hands it the
/// size × 1.24, so SVG text is the size the canvas draws.
pub const SVG_TEXT_SCALE: f64 = 1.24;

impl<B: DrawingBackend> Measured<B> {
    pub fn new(inner: B, measure: TextMeasure) -> Self {
        Measured { inner, measure, text_scale: 1.0 }
    }

    /// With the estimate used for SVG: 0.6 em per character, 1 em high. Conservative, so
    /// labels placed with it never overlap whatever font renders them.
    pub fn approximate(inner: B) -> Self {
        Measured::new(inner, Box::new(|text, size, _, _| ((text.chars().count() as f64 * size * 0.6).ceil() as u32, size.ceil() as u32)))
    }

    /// For plotters' SVG backend: the estimate of [`Measured::approximate`], and text written at
    /// the size the canvas draws it (see [`SVG_TEXT_SCALE`]).
    pub fn svg(inner: B) -> Self {
        Measured { text_scale: SVG_TEXT_SCALE, ..Measured::approximate(inner) }
    }
}

/// A text style whose size is another's times `scale`; everything else is the other's.
struct ScaledText<'a, S> {
    inner: &'a S,
    scale: f64,
}

impl<S: BackendTextStyle> BackendTextStyle for ScaledText<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.inner.color()
    }
    fn size(&self) -> f64 {
        self.inner.size() * self.scale
    }
    fn transform(&self) -> plotters_backend::FontTransform {
        self.inner.transform()
    }
    fn style(&self) -> plotters_backend::FontStyle {
        self.inner.style()
    }
    fn anchor(&self) -> plotters_backend::text_anchor::Pos {
        self.inner.anchor()
    }
    fn family(&self) -> plotters_backend::FontFamily<'_> {
        self.inner.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.inner.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(&self, text: &str, pos: BackendCoord, draw: F) -> Result<Result<(), E>, Self::FontError> {
        self.inner.draw(text, pos, draw)
    }
}

type Error<B> = DrawingErrorKind<<B as DrawingBackend>::ErrorType>;

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Error<B>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Error<B>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error<B>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Error<B>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), Error<B>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), Error<B>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), Error<B>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), Error<B>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Error<B>> {
        if self.text_scale == 1.0 {
            self.inner.draw_text(text, style, pos)
        } else {
            self.inner.draw_text(text, &ScaledText { inner: style, scale: self.text_scale }, pos)
        }
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Error<B>> {
        Ok((self.measure)(text, style.size(), style.family().as_str(), style.style().as_str()))
    }
}
