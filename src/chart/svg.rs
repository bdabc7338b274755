//! SVG renders of every chart through plotters' SVG backend and the same chart code: native
//! (goldens, static fallbacks) and in the browser (downloads, print).

use plotters::prelude::*;

use super::measured::Measured;
use super::style::ChartStyle;
use super::svg_compact::compact_svg;
use super::{chart_height_css, err, font, price::draw_price, ChartId, PlotGeometry};
use crate::model::{Explainer, StoryView};

/// Draws chart `id` on any backend; with `footer`, that text (the source) under it, in as many
/// lines as the width needs ([`footer_lines`]; the area's height must include
/// [`footer_height_css`]).
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
        Some(text) => draw_footer(area, text, style)?,
        None => area.clone(),
    };
    match id {
        ChartId::Price => draw_price(&area, e, v, style, window).map(Some),
        #[cfg(feature = "full")]
        ChartId::OpenInterest => super::open_interest::draw_open_interest(&area, v, style).map(|_| None),
        #[cfg(feature = "full")]
        ChartId::Ladder => super::ladder::draw_ladder(&area, v, style).map(|_| None),
    }
}

/// Line height of the source footer of exported charts (10 px text), CSS px.
pub const FOOTER_LINE_CSS_PX: u32 = 13;
/// What one character of the footer's 10 px sans-serif text is taken to need, CSS px: more
/// than it does in the usual sans-serif fonts (about 5 px for this text in Liberation Sans,
/// measured on the page's PNG export; 6 in DejaVu Sans), so a line never runs off the image.
const FOOTER_CHAR_CSS_PX: f64 = 6.0;

/// The footer's text in lines that fit `width_css` less its 6 px margins, broken at spaces
/// (a word longer than a line is broken inside). Never empty: one empty line for no text.
pub fn footer_lines(text: &str, width_css: f64) -> Vec<String> {
    let per_line = (((width_css - 12.0) / FOOTER_CHAR_CSS_PX).floor() as usize).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        loop {
            let have = line.chars().count();
            let need = word.chars().count() + usize::from(have > 0);
            if have + need <= per_line {
                if have > 0 {
                    line.push(' ');
                }
                line.push_str(word);
                break;
            }
            if have > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a line: as much of it as fits, the rest on the next.
            let cut = word.char_indices().nth(per_line).map_or(word.len(), |(i, _)| i);
            lines.push(word[..cut].to_string());
            word = &word[cut..];
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Height in CSS px of the source footer for `text` at `width_css`: 7 px plus 13 per line
/// (20 for one line).
pub fn footer_height_css(text: &str, width_css: u32) -> u32 {
    footer_lines_height_css(footer_lines(text, width_css as f64).len())
}

/// Height in CSS px of a source footer of `lines` lines.
fn footer_lines_height_css(lines: usize) -> u32 {
    7 + FOOTER_LINE_CSS_PX * lines as u32
}

/// Draws the source footer (`text` in lines, [`footer_lines`]) at the bottom of `area`, on the
/// background; returns the area above it.
fn draw_footer<DB: DrawingBackend>(area: &DrawingArea<DB, plotters::coord::Shift>, text: &str, style: &ChartStyle) -> Result<DrawingArea<DB, plotters::coord::Shift>, String> {
    let (w, h) = area.dim_in_pixel();
    let lines = footer_lines(text, w as f64 / style.px_ratio);
    let foot_px = style.px(footer_lines_height_css(lines.len()) as f64) as u32;
    let (main, foot) = area.split_vertically(h.saturating_sub(foot_px));
    foot.fill(&style.background()).map_err(err)?;
    for (i, line) in lines.into_iter().enumerate() {
        let y = style.px(4.0 + (FOOTER_LINE_CSS_PX as usize * i) as f64);
        foot.draw(&Text::new(line, (style.px(6.0), y), font(style, 10.0, &style.palette.muted_text))).map_err(err)?;
    }
    Ok(main)
}

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
    let height = chart_height_css(id, width_css) + footer.map_or(0, |t| footer_height_css(t, width_css));
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

#[cfg(feature = "full")]
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
    let height = super::event_study::event_study_height_css(width_css) + footer.map_or(0, |t| footer_height_css(t, width_css));
    let area = Measured::svg(wrap(SVGBackend::with_string(buf, (width_css, height)))).into_drawing_area();
    let main = match footer {
        Some(text) => draw_footer(&area, text, style)?,
        None => area,
    };
    super::event_study::draw_event_study(&main, view, style)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_footer_breaks_at_spaces_into_lines_that_fit() {
        // 100 CSS px less 12 px of margins at 6 px a character: 14 characters a line.
        assert_eq!(super::footer_lines("Source: Bitstamp BTC/USD daily", 100.0), ["Source:", "Bitstamp", "BTC/USD daily"]);
        // A word longer than a line is cut at 14 characters.
        assert_eq!(super::footer_lines("via github.com/Polv89/data", 100.0), ["via", "github.com/Pol", "v89/data"]);
        // Wide enough: one line, 20 px high as before; three lines: 7 + 3 x 13.
        assert_eq!(super::footer_lines("Source: Bitstamp", 700.0), ["Source: Bitstamp"]);
        assert_eq!(super::footer_height_css("Source: Bitstamp", 700), 20);
        assert_eq!(super::footer_height_css("Source: Bitstamp BTC/USD daily", 100), 46);
        assert_eq!(super::footer_lines("", 100.0), [""]);
    }

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
