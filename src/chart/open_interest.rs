//! Chart (b): open interest a week before and after, in dollars and in coins, with the
//! liquidation ranges. A range is drawn solid up to its low end and outlined up to its high end.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::labels::{EnUs, LabelFormat};
use super::style::ChartStyle;
use super::{err, font};
use crate::model::range::Range;
use crate::model::story::Provenance;
use crate::model::text::Unit;
use crate::model::StoryView;

/// One column of the open-interest chart: a figure of the view.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OiColumn {
    /// The metric id it shows.
    pub id: &'static str,
    pub label: String,
    pub short_label: String,
    pub value: Range,
    pub unit: Unit,
    pub provenance: Provenance,
    pub source: String,
}

/// What the open-interest chart shows, as plain data: read by the renderer, the CSV, the data
/// table, the summary and the keyboard reading alike. Built from the figures in use (the
/// article's, or a loaded series').
#[derive(Debug, Clone, serde::Serialize)]
pub struct OpenInterestView {
    /// Open interest before and after, Bitcoin and all liquidations, USD.
    pub dollars: Vec<OiColumn>,
    /// Open interest in coins, before and after, paired per week.
    pub coins: Vec<OiColumn>,
}

/// The view from the figures of `v`, labels in en-US.
pub fn open_interest_view(v: &StoryView) -> OpenInterestView {
    open_interest_view_with(v, &EnUs)
}

/// [`open_interest_view`] with labels written by `f`.
pub fn open_interest_view_with(v: &StoryView, f: &dyn LabelFormat) -> OpenInterestView {
    let col = |id: &'static str, label: &str, short: &str| {
        v.metric(id).and_then(|m| {
            m.range().map(|r| OiColumn { id, label: label.into(), short_label: short.into(), value: r, unit: m.unit, provenance: m.provenance, source: m.source.clone() })
        })
    };
    let dollars = [
        col("open_interest_before_usd", "OI week before", "OI before"),
        col("open_interest_after_usd", "OI after", "OI after"),
        col("liquidations_btc_usd", "BTC liquidations", "BTC liq."),
        col("liquidations_total_usd", "All liquidations", "All liq."),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut coins = Vec::new();
    for (k, w) in v.leverage.weeks.iter().enumerate().take(2) {
        let ids = crate::model::catalogue::WEEK_IDS[k];
        let (a, b) = (f.day_month(w.window.start), f.day_month(w.window.end));
        coins.extend(col(ids[2], &format!("{a} (week to {b})"), &a));
        coins.extend(col(ids[3], &format!("{b} (week to {b})"), &b));
    }
    OpenInterestView { dollars, coins }
}

struct Column {
    label: String,
    value: Range,
    color: RGBColor,
    provenance: Provenance,
}

fn panel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, unit: &str, columns: &[Column], s: &ChartStyle, decimals: usize, _narrow: bool) -> Result<(), String> {
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
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                columns.get(i as usize).map(|c| c.label.clone()).unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(5)
        .y_label_formatter(&|y| format!("{}{unit}", s.fmt().number(*y, 0)))
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
        let n = |x: f64| s.fmt().number(x, decimals);
        let text = if c.value.is_point() { format!("{}{unit}", n(c.value.low)) } else { format!("{}–{}{unit}", n(c.value.low), n(c.value.high)) };
        let text = super::tagged(&text, c.provenance);
        chart.draw_series(std::iter::once(Text::new(text, (x, c.value.high + y_max * 0.02), font(s, 11.5, &p.text).pos(Pos::new(HPos::Center, VPos::Bottom))))).map_err(err)?;
    }
    Ok(())
}

/// Draws the two panels: USD notional (billions) and coins (thousands of BTC, paired per week).
pub fn draw_open_interest<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, v: &StoryView, s: &ChartStyle) -> Result<(), String> {
    let p = s.palette;
    area.fill(&s.background()).map_err(err)?;
    let (w, _) = area.dim_in_pixel();
    let narrow = (w as f64) < s.px_ratio * 560.0;
    let (left, right) = if narrow { area.split_vertically(area.dim_in_pixel().1 / 2) } else { area.split_horizontally(w * 3 / 5) };
    let view = open_interest_view_with(v, s.fmt());
    let colors = [p.support, p.support, p.down, p.resistance];
    let dollars: Vec<Column> = view
        .dollars
        .iter()
        .zip(colors)
        .map(|(c, color)| Column { label: if narrow { c.short_label.clone() } else { c.label.clone() }, value: c.value.scale(1e-9), color, provenance: c.provenance })
        .collect();
    panel(&left, "Dollars (notional, $ billions)", "", &dollars, s, 1, narrow)?;
    let coins: Vec<Column> = view
        .coins
        .iter()
        .enumerate()
        .map(|(k, c)| Column { label: c.short_label.clone(), value: c.value.scale(1e-3), color: if k < 2 { p.floor } else { p.reference }, provenance: c.provenance })
        .collect();
    let weeks: Vec<String> = v.leverage.weeks.iter().take(2).map(|w| format!("week to {}", s.fmt().day_month(w.window.end))).collect();
    panel(&right, &format!("Coins (BTC): {}", weeks.join(" | ")), "k", &coins, s, 0, narrow)?;
    area.present().map_err(err)
}
