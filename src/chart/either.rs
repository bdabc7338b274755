//! One drawing backend that is either of two, chosen at run time.
//!
//! plotters' drawing code is generic over the backend, so every chart drawn on two backend
//! types is compiled twice. The page draws on a canvas and writes SVG downloads: drawing both
//! through [`Either`] compiles the chart code (and plotters' own) once, for this one type; each
//! call is passed to the backend it holds, unchanged, so the output is the wrapped backend's.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// A backend that is `A` or `B`; every drawing call goes to the one it holds.
pub enum Either<A, B> {
    A(A),
    B(B),
}

/// The error of whichever backend failed; `Debug` and `Display` are that backend's error's.
pub enum EitherError<A, B> {
    A(A),
    B(B),
}

impl<A: std::fmt::Debug, B: std::fmt::Debug> std::fmt::Debug for EitherError<A, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EitherError::A(e) => e.fmt(f),
            EitherError::B(e) => e.fmt(f),
        }
    }
}

impl<A: std::fmt::Display, B: std::fmt::Display> std::fmt::Display for EitherError<A, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EitherError::A(e) => e.fmt(f),
            EitherError::B(e) => e.fmt(f),
        }
    }
}

impl<A: std::error::Error, B: std::error::Error> std::error::Error for EitherError<A, B> {}

type Error<A, B> = DrawingErrorKind<EitherError<<A as DrawingBackend>::ErrorType, <B as DrawingBackend>::ErrorType>>;

fn from_a<A: DrawingBackend, B: DrawingBackend>(e: DrawingErrorKind<A::ErrorType>) -> Error<A, B> {
    match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(EitherError::A(e)),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

fn from_b<A: DrawingBackend, B: DrawingBackend>(e: DrawingErrorKind<B::ErrorType>) -> Error<A, B> {
    match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(EitherError::B(e)),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls `$call` on the backend held, converting its error.
macro_rules! dispatch {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Either::A($b) => $call.map_err(from_a::<A, B>),
            Either::B($b) => $call.map_err(from_b::<A, B>),
        }
    };
}

impl<A: DrawingBackend, B: DrawingBackend> DrawingBackend for Either<A, B> {
    type ErrorType = EitherError<A::ErrorType, B::ErrorType>;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Either::A(b) => b.get_size(),
            Either::B(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.draw_text(text, style, pos))
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Error<A, B>> {
        dispatch!(self, b => b.estimate_text_size(text, style))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), Error<A, B>> {
        dispatch!(self, b => b.blit_bitmap(pos, size, src))
    }
}

#[cfg(test)]
mod tests {
    use super::Either;
    use crate::bundled::*;
    use crate::chart::measured::Measured;
    use crate::chart::style::ChartStyle;
    use crate::chart::svg::{render_svg, render_svg_on};
    use crate::chart::ChartId;
    use crate::model::{Explainer, Reference};
    use plotters::prelude::*;

    #[test]
    fn svg_through_either_is_byte_identical() {
        let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
        let v = e.view(Reference::ArticleFraming, "retest").unwrap();
        let s = ChartStyle::new(1.0).themed(true);
        let window = (10, e.series.bars.len() - 5);
        for id in [ChartId::Price, ChartId::OpenInterest, ChartId::Ladder] {
            let direct = render_svg(id, &e, &v, 760, &s, window, Some("Source: a test")).unwrap();
            let mut buf = String::new();
            // `Measured<SVGBackend>` stands in for the other backend: only the `B` side draws.
            render_svg_on(&mut buf, Either::<Measured<SVGBackend<'static>>, _>::B, id, &e, &v, 760, &s, window, Some("Source: a test")).unwrap();
            assert_eq!(crate::chart::svg::round_font_sizes(&crate::chart::svg_compact::compact_svg(&buf)), direct, "{}", id.stem());
        }
    }
}
