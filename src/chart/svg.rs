//! SVG renders of every chart through plotters' SVG backend and the same chart code: native
//! (goldens, static fallbacks) and in the browser (downloads, print).

use plotters::prelude::*;

use super::measured::Measured;
use super::style::ChartStyle;
use super::svg_compact::compact_svg;
use super::{chart_height_css, err, font, ladder::draw_ladder, open_interest::draw_open_interest, price::draw_price, ChartId, PlotGeometry};
use crate::model::{Explainer, StoryView};

/// Draws chart `id` on any backend; with `footer`, a line of that text (the source) under it.
/// Returns the price chart's geometry.
pub fn draw_chart<DB: DrawingBackend>(
    id: ChartId,
    area: &DrawingArea<DB, plotters::coord::Shift>,
    e: &Explainer,
    v: &StoryView,
    style: &ChartStyle,
    window: (usize, usize),
    footer: Option<&str>,
) -> Result<Option<PlotGeometry>, String> {
    let area = match footer {
        Some(text) => {
            let (_, h) = area.dim_in_pixel();
            let (main, foot) = area.split_vertically(h.saturating_sub(style.px(FOOTER_CSS_PX as f64) as u32));
            foot.fill(&style.background()).map_err(err)?;
            foot.draw(&Text::new(text.to_string(), (style.px(6.0), style.px(4.0)), font(style, 10.0, &style.palette.muted_text))).map_err(err)?;
            main
        }
        None => area.clone(),
    };
    match id {
        ChartId::Price => draw_price(&area, e, v, style, window).map(Some),
        ChartId::OpenInterest => draw_open_interest(&area, v, style).map(|_| None),
        ChartId::Ladder => draw_ladder(&area, v, style).map(|_| None),
    }
}

/// Height of the source footer of exported charts, CSS px.
pub const FOOTER_CSS_PX: u32 = 20;

/// One chart as SVG text, `width_css` wide at its standard height (plus the footer), over the
/// bars `window` (price chart only).
pub fn render_svg(id: ChartId, e: &Explainer, v: &StoryView, width_css: u32, style: &ChartStyle, window: (usize, usize), footer: Option<&str>) -> Result<String, String> {
    render_svg_with_geometry(id, e, v, width_css, style, window, footer).map(|r| r.0)
}

/// As [`render_svg`], with where the price chart's plotting area landed (for hover checks).
pub fn render_svg_with_geometry(
    id: ChartId,
    e: &Explainer,
    v: &StoryView,
    width_css: u32,
    style: &ChartStyle,
    window: (usize, usize),
    footer: Option<&str>,
) -> Result<(String, Option<super::PlotGeometry>), String> {
    let mut buf = String::new();
    let geometry = render_svg_on(&mut buf, |svg| svg, id, e, v, width_css, style, window, footer)?;
    Ok((round_font_sizes(&compact_svg(&buf)), geometry))
}

/// As [`render_svg_with_geometry`], writing the SVG text into `buf` through the backend
/// `wrap` makes of the SVG backend (the page passes its one backend type, so the chart code is
/// compiled once, see [`super::either`]; natively it is the SVG backend itself). The text is
/// complete when this returns (native callers then apply [`compact_svg`]); returns the price
/// chart's geometry.
#[allow(clippy::too_many_arguments)]
pub fn render_svg_on<'a, B: DrawingBackend>(
    buf: &'a mut String,
    wrap: impl FnOnce(SVGBackend<'a>) -> B,
    id: ChartId,
    e: &Explainer,
    v: &StoryView,
    width_css: u32,
    style: &ChartStyle,
    window: (usize, usize),
    footer: Option<&str>,
) -> Result<Option<super::PlotGeometry>, String> {
    let height = chart_height_css(id, width_css) + if footer.is_some() { FOOTER_CSS_PX } else { 0 };
    let area = Measured::svg(wrap(SVGBackend::with_string(buf, (width_css, height)))).into_drawing_area();
    draw_chart(id, &area, e, v, style, window, footer)
}

/// The price chart without its scenario layer (candles, levels, volume, annotations, the
/// reference; see [`super::price::draw_price_base`]) as SVG text, `width_css` wide at its
/// standard height: the page's first frame before its core has run (`www/index.html`,
/// `#price-first`), the same whichever scenario the reader arrives with.
///
/// Its text is at the size the canvas draws, as in every SVG here ([`Measured::svg`]): the
/// page swaps one for the other.
pub fn render_price_base_svg(e: &Explainer, v: &StoryView, width_css: u32, style: &ChartStyle, window: (usize, usize)) -> Result<String, String> {
    let mut buf = String::new();
    {
        let height = chart_height_css(ChartId::Price, width_css);
        let area = Measured::svg(SVGBackend::with_string(&mut buf, (width_css, height))).into_drawing_area();
        super::price::draw_price_base(&area, e, v, style, window)?;
        area.present().map_err(err)?;
    }
    Ok(round_font_sizes(&compact_svg(&buf)))
}

/// Every `font-size="s"` of plotters' SVG rounded to 0.01 px: the size [`Measured::svg`] hands
/// it comes back from its `/ 1.24` with float noise (12 × 1.24 / 1.24 = 12.000000000000002).
pub fn round_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(k) = rest.find(KEY) {
        let (head, tail) = rest.split_at(k + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(size) => out.push_str(&format!("{}", (size * 100.0).round() / 100.0)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Every chart at `width_css`, light theme, ratio 1, whole series: `(file stem, svg)`.
pub fn render_all(e: &Explainer, v: &StoryView, width_css: u32) -> Result<Vec<(&'static str, String)>, String> {
    let s = ChartStyle::new(1.0);
    let all = (0, e.series.bars.len() - 1);
    [ChartId::Price, ChartId::OpenInterest, ChartId::Ladder].into_iter().map(|id| Ok((id.stem(), render_svg(id, e, v, width_css, &s, all, None)?))).collect()
}

/// The event-study chart as SVG text, `width_css` wide at its standard height (plus the
/// footer when given), drawn by the same code as the canvas.
pub fn render_event_study_svg(view: &super::event_study::EventStudyView, width_css: u32, style: &ChartStyle, footer: Option<&str>) -> Result<String, String> {
    let mut buf = String::new();
    render_event_study_svg_on(&mut buf, |svg| svg, view, width_css, style, footer)?;
    Ok(round_font_sizes(&compact_svg(&buf)))
}

/// As [`render_event_study_svg`], writing into `buf` through the backend `wrap` makes of the
/// SVG backend (see [`render_svg_on`]). The text is complete when this returns (native callers
/// then apply [`compact_svg`]).
pub fn render_event_study_svg_on<'a, B: DrawingBackend>(
    buf: &'a mut String,
    wrap: impl FnOnce(SVGBackend<'a>) -> B,
    view: &super::event_study::EventStudyView,
    width_css: u32,
    style: &ChartStyle,
    footer: Option<&str>,
) -> Result<(), String> {
    let height = super::event_study::event_study_height_css(width_css) + if footer.is_some() { FOOTER_CSS_PX } else { 0 };
    let area = Measured::svg(wrap(SVGBackend::with_string(buf, (width_css, height)))).into_drawing_area();
    let main = match footer {
        Some(text) => {
            let (main, foot) = area.split_vertically(height - FOOTER_CSS_PX);
            foot.fill(&style.background()).map_err(err)?;
            foot.draw(&Text::new(text.to_string(), (style.px(6.0), style.px(4.0)), font(style, 10.0, &style.palette.muted_text))).map_err(err)?;
            main
        }
        None => area,
    };
    super::event_study::draw_event_study(&main, view, style)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn font_sizes_are_rounded_to_hundredths() {
        let svg = "<text x=\"1\" font-size=\"12.000000000000002\" opacity=\"1\">\n$20k\n</text>\n<text font-size=\"9.999999999999998\"><text font-size=\"x\">";
        assert_eq!(super::round_font_sizes(svg), "<text x=\"1\" font-size=\"12\" opacity=\"1\">\n$20k\n</text>\n<text font-size=\"10\"><text font-size=\"x\">");
    }

    #[test]
    fn svg_text_is_written_at_the_size_the_canvas_draws() {
        // A 12 px label and a 10 px one (the style's sizes, which the canvas draws as they are):
        // the SVG says 12 and 10, not plotters' own 12 / 1.24 = 9.68 and 8.06.
        use plotters::prelude::*;
        let mut buf = String::new();
        {
            let area = super::Measured::svg(SVGBackend::with_string(&mut buf, (100, 40))).into_drawing_area();
            area.draw(&Text::new("a", (5, 5), ("sans-serif", 12.0))).unwrap();
            area.draw(&Text::new("b", (5, 25), ("sans-serif", 10.0))).unwrap();
            area.present().unwrap();
        }
        let sizes: Vec<String> = super::round_font_sizes(&buf).split("font-size=\"").skip(1).map(|t| t[..t.find('"').unwrap()].to_string()).collect();
        assert_eq!(sizes, ["12", "10"]);
    }
}
