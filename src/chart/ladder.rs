//! Chart (c): the scenario ladder. Levels run across as bands; each scenario is a column with
//! an arrow from the reference price to its target. The selected one is drawn strong.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::labels::LabelFormat;
use super::style::ChartStyle;
use super::{err, font};
use crate::model::levels::Tier;
use crate::model::StoryView;

/// Draws the ladder.
pub fn draw_ladder<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, v: &StoryView, s: &ChartStyle) -> Result<(), String> {
    let p = s.palette;
    area.fill(&s.background()).map_err(err)?;
    let n = v.scenarios.len();
    let y_lo = v.levels.iter().map(|l| l.low_usd).fold(v.reference_usd, f64::min) * 0.8;
    let y_hi = v.levels.iter().map(|l| l.high_usd).fold(v.reference_usd, f64::max) * 1.04;
    let sane = super::geometry::sane_range(y_lo, y_hi, 0.0);
    let (w, _) = area.dim_in_pixel();
    let narrow = (w as f64) < s.px_ratio * 560.0;
    // The level names sit left of the y labels (48 px, then a 4 px gap); the margin fits the
    // longest, so none is cut at the edge.
    let names: Vec<String> =
        v.levels.iter().map(|lv| super::tagged(&s.fmt().level_name(lv.label.split(" (").next().unwrap_or(&lv.label), lv.low_usd, lv.high_usd), lv.provenance)).collect();
    let longest_px = names.iter().map(|n| super::price::label_width_px(n, s)).fold(0.0, f64::max);
    let margin_left_px = if narrow { s.px(4.0) } else { (longest_px + s.px(8.0) as f64).ceil() as i32 };
    // Localized y labels longer than their en-US form get the room they need.
    let y_extra_css = (0..=6)
        .map(|k| {
            let y = ((sane.0 + (sane.1 - sane.0) * k as f64 / 6.0) / 1e3).round() * 1e3;
            super::labels::extra_chars(&s.fmt().usd_short(y), &super::labels::EnUs.usd_short(y))
        })
        .fold(0.0, f64::max)
        * 11.0
        * 0.6;
    let mut chart = ChartBuilder::on(area)
        .margin(s.px(8.0))
        .margin_left(margin_left_px)
        .x_label_area_size(s.px(28.0))
        .y_label_area_size(s.px(48.0 + y_extra_css))
        .build_cartesian_2d(-0.5..n as f64 - 0.5, sane.0..sane.1)
        .map_err(err)?;
    let labels: Vec<&str> = v.scenarios.iter().map(|x| if narrow { x.short_label } else { x.label }).collect();
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).map(|l| l.to_string()).unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(6)
        .y_label_formatter(&|y| s.fmt().usd_short(*y))
        .axis_style(p.muted_text.stroke_width(s.stroke(1.0)))
        .label_style(font(s, 11.0, &p.muted_text))
        .draw()
        .map_err(err)?;
    let (x0, x1) = (-0.5, n as f64 - 0.5);
    for (k, lv) in v.levels.iter().enumerate() {
        let color = match lv.tier {
            Tier::Floor | Tier::CatastrophicFloor => p.floor,
            _ if lv.low_usd > v.reference_usd => p.resistance,
            _ => p.support,
        };
        if lv.high_usd > lv.low_usd {
            chart.draw_series(std::iter::once(Rectangle::new([(x0, lv.low_usd), (x1, lv.high_usd)], color.mix(p.band_alpha).filled()))).map_err(err)?;
        } else {
            chart.draw_series(LineSeries::new(vec![(x0, lv.low_usd), (x1, lv.low_usd)], color.stroke_width(s.stroke(1.0)))).map_err(err)?;
        }
        if !narrow {
            let (lx, _) = chart.backend_coord(&(x0, lv.low_usd));
            let y_px = chart.backend_coord(&(x0, (lv.low_usd + lv.high_usd) / 2.0)).1;
            let name = names[k].clone();
            area.draw(&Text::new(name, (lx - s.px(52.0 + y_extra_css), y_px), font(s, 11.0, &color).pos(Pos::new(HPos::Right, VPos::Center)))).map_err(err)?;
        }
    }
    chart.draw_series(DashedLineSeries::new(vec![(x0, v.reference_usd), (x1, v.reference_usd)], s.px(3.0), s.px(3.0), p.reference.stroke_width(s.stroke(1.5)))).map_err(err)?;
    for (i, sc) in v.scenarios.iter().enumerate() {
        let x = i as f64;
        let strong = sc.id == v.selected_scenario;
        let color = if strong { p.target } else { p.muted_text };
        let width = if strong { 3.0 } else { 1.5 };
        let near = if sc.target_usd.low > v.reference_usd {
            sc.target_usd.low
        } else if sc.target_usd.high < v.reference_usd {
            sc.target_usd.high
        } else {
            v.reference_usd
        };
        chart.draw_series(std::iter::once(PathElement::new(vec![(x, v.reference_usd), (x, near)], color.stroke_width(s.stroke(width))))).map_err(err)?;
        let half = if strong { 0.28 } else { 0.2 };
        if sc.target_usd.is_point() {
            chart
                .draw_series(std::iter::once(PathElement::new(vec![(x - half, sc.target_usd.low), (x + half, sc.target_usd.low)], color.stroke_width(s.stroke(width)))))
                .map_err(err)?;
        } else {
            chart
                .draw_series(std::iter::once(Rectangle::new([(x - half, sc.target_usd.low), (x + half, sc.target_usd.high)], color.mix(if strong { 0.3 } else { 0.12 }).filled())))
                .map_err(err)?;
            chart.draw_series(std::iter::once(Rectangle::new([(x - half, sc.target_usd.low), (x + half, sc.target_usd.high)], color.stroke_width(s.stroke(1.0))))).map_err(err)?;
        }
        let mv = sc.move_from_reference.scale(100.0);
        // A band that contains the reference needs no move.
        let text = if sc.contains_reference {
            "holds here".to_string()
        } else if mv.is_point() {
            s.fmt().pct_signed(mv.low)
        } else {
            s.fmt().pct_signed_range(mv.low, mv.high)
        };
        let below = sc.target_usd.high < v.reference_usd;
        let (anchor_y, vpos) = if below { (sc.target_usd.low, VPos::Top) } else { (sc.target_usd.high, VPos::Bottom) };
        let shift = if below { -(y_hi - y_lo) * 0.01 } else { (y_hi - y_lo) * 0.01 };
        chart
            .draw_series(std::iter::once(Text::new(text, (x, anchor_y + shift), font(s, if strong { 13.0 } else { 11.0 }, &color).pos(Pos::new(HPos::Center, vpos)))))
            .map_err(err)?;
    }
    // The reference's label at the right end, just above its line, on a backing of the page
    // colour: the targets' boxes and move labels sit on the columns, so it never runs into them.
    let text = format!("reference {}", s.fmt().usd_short(v.reference_usd));
    let (right, y) = chart.backend_coord(&(x1, v.reference_usd));
    let (w, h) = ((super::price::label_width_px(&text, s) * 0.9).round() as i32, s.font(13.0).round() as i32);
    let bottom = y - s.px(3.0);
    area.draw(&Rectangle::new([(right - w - s.px(4.0), bottom - h), (right, bottom)], p.background.mix(0.85).filled())).map_err(err)?;
    area.draw(&Text::new(text, (right - s.px(2.0), bottom - h / 2), font(s, 11.0, &p.reference).pos(Pos::new(HPos::Right, VPos::Center)))).map_err(err)?;
    area.present().map_err(err)
}
