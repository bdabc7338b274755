//! Native SVG renders of every chart, through plotters' SVG backend and the same chart code.

use plotters::prelude::*;

use super::style::ChartStyle;
use super::{ladder::draw_ladder, open_interest::draw_open_interest, price::draw_price};
use crate::model::{Explainer, StoryView};

/// The charts by id, with their SVG text, at `width_css` × `height_css` px (ratio 1).
pub fn render_all(e: &Explainer, v: &StoryView, width_css: u32) -> Result<Vec<(&'static str, String)>, String> {
    let s = ChartStyle::new(1.0);
    let narrow = width_css < 560;
    let mut out = Vec::new();
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (width_css, if narrow { 300 } else { 420 })).into_drawing_area();
        draw_price(&area, e, v, &s)?;
    }
    out.push(("price", std::mem::take(&mut buf)));
    {
        let area = SVGBackend::with_string(&mut buf, (width_css, if narrow { 440 } else { 280 })).into_drawing_area();
        draw_open_interest(&area, v, &s)?;
    }
    out.push(("open-interest", std::mem::take(&mut buf)));
    {
        let area = SVGBackend::with_string(&mut buf, (width_css, if narrow { 320 } else { 360 })).into_drawing_area();
        draw_ladder(&area, v, &s)?;
    }
    out.push(("ladder", buf));
    Ok(out)
}
