//! Chart (b): open interest a week before and after, in dollars and in coins, with the
//! liquidation ranges. A range is drawn solid up to its low end and outlined up to its high end.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::ChartStyle;
use super::{err, font};
use crate::model::range::Range;
use crate::model::StoryView;

struct Column {
    label: &'static str,
    short_label: &'static str,
    value: Range,
    color: RGBColor,
}

fn panel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, unit: &str, columns: &[Column], s: &ChartStyle, decimals: usize, narrow: bool) -> Result<(), String> {
    let p = s.palette;
    let y_max = super::geometry::sane_range(0.0, columns.iter().map(|c| c.value.high).fold(0.0, f64::max) * 1.18, 0.0).1;
    let mut chart = ChartBuilder::on(area)
        .caption(title, font(s, 13.0, &p.text))
        .margin(s.px(8.0))
        .x_label_area_size(s.px(34.0))
        .y_label_area_size(s.px(44.0))
        .build_cartesian_2d(-0.5..columns.len() as f64 - 0.5, 0.0..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(columns.len())
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 { columns.get(i as usize).map(|c| if narrow { c.short_label } else { c.label }.to_string()).unwrap_or_default() } else { String::new() }
        })
        .y_labels(5)
        .y_label_formatter(&|y| format!("{y:.0}{unit}"))
        .light_line_style(TRANSPARENT)
        .bold_line_style(p.grid.stroke_width(s.stroke(1.0)))
        .axis_style(p.muted_text.stroke_width(s.stroke(1.0)))
        .label_style(font(s, 11.0, &p.muted_text))
        .draw()
        .map_err(err)?;
    for (i, c) in columns.iter().enumerate() {
        let x = i as f64;
        chart.draw_series(std::iter::once(Rectangle::new([(x - 0.3, 0.0), (x + 0.3, c.value.low)], c.color.filled()))).map_err(err)?;
        if !c.value.is_point() {
            chart.draw_series(std::iter::once(Rectangle::new([(x - 0.3, c.value.low), (x + 0.3, c.value.high)], c.color.mix(0.25).filled()))).map_err(err)?;
            chart.draw_series(std::iter::once(Rectangle::new([(x - 0.3, c.value.low), (x + 0.3, c.value.high)], c.color.stroke_width(s.stroke(1.5))))).map_err(err)?;
        }
        let text = if c.value.is_point() { format!("{:.*}{unit}", decimals, c.value.low) } else { format!("{:.*}–{:.*}{unit}", decimals, c.value.low, decimals, c.value.high) };
        chart
            .draw_series(std::iter::once(Text::new(text, (x, c.value.high + y_max * 0.02), font(s, 11.5, &p.text).pos(Pos::new(HPos::Center, VPos::Bottom)))))
            .map_err(err)?;
    }
    Ok(())
}

/// Draws the two panels: USD notional (billions) and coins (thousand BTC).
pub fn draw_open_interest<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, v: &StoryView, s: &ChartStyle) -> Result<(), String> {
    let p = s.palette;
    area.fill(&p.background).map_err(err)?;
    let (w, _) = area.dim_in_pixel();
    let narrow = (w as f64) < s.px_ratio * 560.0;
    let (left, right) = if narrow { area.split_vertically(area.dim_in_pixel().1 / 2) } else { area.split_horizontally(w * 3 / 5) };
    let lev = &v.leverage;
    let find = |id: &str| v.figures.iter().find(|f| f.id == id).and_then(|f| f.value).unwrap_or(Range::point(0.0));
    let bn = |r: Range| r.scale(1e-9);
    panel(
        &left,
        "Dollars (notional, $ billions)",
        "",
        &[
            Column { label: "OI week before", short_label: "OI before", value: bn(find("open_interest_week_before_usd")), color: p.support },
            Column { label: "OI after", short_label: "OI after", value: bn(find("open_interest_after_usd")), color: p.support },
            Column { label: "BTC liquidations", short_label: "BTC liq.", value: bn(find("liquidations_btc_usd")), color: p.down },
            Column { label: "All liquidations", short_label: "All liq.", value: bn(find("liquidations_total_usd")), color: p.resistance },
        ],
        s,
        1,
        narrow,
    )?;
    panel(
        &right,
        "Coins (thousand BTC, derived)",
        "k",
        &[
            Column { label: "OI week before", short_label: "OI before", value: lev.open_interest_before_btc.scale(1e-3), color: p.floor },
            Column { label: "OI after", short_label: "OI after", value: lev.open_interest_after_btc.scale(1e-3), color: p.floor },
        ],
        s,
        0,
        narrow,
    )?;
    area.present().map_err(err)
}
