//! Chart (a): daily candles from August 2025 with the article's levels as labelled bands, the
//! high and the crash low annotated, the reference price and the selected scenario's target.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use time::Duration;

use super::geometry::{spread_labels, PlotGeometry};
use super::style::ChartStyle;
use super::{err, font, month_abbrev, usd_full, usd_short};
use crate::model::bars::format_date;
use crate::model::levels::{Role, Tier};
use crate::model::{Explainer, StoryView};

/// Draws the price chart and returns where its plotting area landed (for hover mapping).
pub fn draw_price<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, e: &Explainer, v: &StoryView, s: &ChartStyle) -> Result<PlotGeometry, String> {
    let p = s.palette;
    area.fill(&p.background).map_err(err)?;
    let bars = &e.series.bars;
    let n = bars.len();
    let selected = v.scenarios.iter().find(|x| x.id == v.selected_scenario);
    let mut y_lo = bars.iter().map(|b| b.low_usd).fold(f64::INFINITY, f64::min);
    let mut y_hi = bars.iter().map(|b| b.high_usd).fold(f64::NEG_INFINITY, f64::max);
    if let Some(t) = selected {
        y_lo = y_lo.min(t.target_usd.low);
        y_hi = y_hi.max(t.target_usd.high);
    }
    let pad = (y_hi - y_lo) * 0.04;
    let (y_min, y_max) = (y_lo - pad, y_hi + pad);
    let (width_px, _) = area.dim_in_pixel();
    let narrow = (width_px as f64) < s.px_ratio * 560.0;
    let right_label_css = if narrow { 8.0 } else { 150.0 };
    let x_min = -0.5;
    let x_max = n as f64 - 0.5;
    let mut chart = ChartBuilder::on(area)
        .margin_top(s.px(12.0))
        .margin_right(s.px(right_label_css))
        .margin_left(s.px(4.0))
        .x_label_area_size(s.px(26.0))
        .y_label_area_size(s.px(if narrow { 40.0 } else { 52.0 }))
        .build_cartesian_2d(x_min..x_max, y_min..y_max)
        .map_err(err)?;
    let first = e.series.first_date();
    let date_at = |x: f64| first + Duration::days(x.round() as i64);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(p.grid.stroke_width(s.stroke(1.0)))
        .axis_style(p.muted_text.stroke_width(s.stroke(1.0)))
        .y_labels(6)
        .x_labels(0)
        .y_label_formatter(&|y| usd_short(*y))
        .label_style(font(s, 12.0, &p.muted_text))
        .draw()
        .map_err(err)?;

    // Month ticks: plotters places x labels at round numbers, not at month starts.
    for x in month_starts(e, if narrow { 3 } else { 1 }) {
        let d = date_at(x);
        let text = if d.month() == time::Month::January || x < 1.0 || narrow { format!("{} {}", month_abbrev(d.month()), d.year()) } else { month_abbrev(d.month()).to_string() };
        let (px, py) = chart.backend_coord(&(x, y_min));
        area.draw(&PathElement::new(vec![(px, py), (px, py + s.px(4.0))], p.muted_text.stroke_width(s.stroke(1.0)))).map_err(err)?;
        area.draw(&Text::new(text, (px, py + s.px(6.0)), font(s, 12.0, &p.muted_text).pos(Pos::new(HPos::Center, VPos::Top)))).map_err(err)?;
    }

    // Level bands (zones) and lines (single prices). Support and resistance differ by line
    // style as well as colour: resistance dashed, support solid, floors dotted.
    let mut label_rows = Vec::new();
    for lv in &v.levels {
        if lv.high_usd < y_min || lv.low_usd > y_max {
            continue;
        }
        let color = match (lv.tier, lv.role) {
            (Tier::Floor | Tier::CatastrophicFloor, _) => p.floor,
            (_, Role::Resistance) => p.resistance,
            (_, Role::Support) => p.support,
            (_, Role::Inside) => p.reference,
        };
        if lv.high_usd > lv.low_usd {
            chart
                .draw_series(std::iter::once(Rectangle::new([(x_min, lv.low_usd), (x_max, lv.high_usd)], color.mix(p.band_alpha).filled())))
                .map_err(err)?;
        }
        for edge in [lv.low_usd, lv.high_usd] {
            let pts = vec![(x_min, edge), (x_max, edge)];
            let line = color.stroke_width(s.stroke(1.0));
            if lv.role == Role::Resistance {
                chart.draw_series(DashedLineSeries::new(pts, s.px(6.0), s.px(4.0), line)).map_err(err)?;
            } else {
                chart.draw_series(LineSeries::new(pts, line)).map_err(err)?;
            }
            if lv.high_usd == lv.low_usd {
                break;
            }
        }
        let role = match lv.role {
            Role::Support => "support",
            Role::Resistance => "resistance",
            Role::Inside => "inside",
        };
        let name = if lv.high_usd > lv.low_usd { format!("{}–{}", usd_short(lv.low_usd), usd_short(lv.high_usd)) } else { usd_full(lv.low_usd) };
        label_rows.push(((lv.low_usd + lv.high_usd) / 2.0, format!("{name} {role}"), color));
    }

    // Candles. Width follows the room per bar.
    let plot = chart.plotting_area().get_pixel_range();
    let px_per_bar = (plot.0.end - plot.0.start) as f64 / n as f64;
    let candle_w = ((px_per_bar * 0.7).floor() as u32).max(1);
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| {
            CandleStick::new(i as f64, b.open_usd, b.high_usd, b.low_usd, b.close_usd, p.up.filled(), p.down.filled(), candle_w)
        }))
        .map_err(err)?;

    // Reference price and the selected scenario's target.
    let ref_x = v.reference_date.and_then(|d| e.series.index_of(d)).or_else(|| e.series.index_of(e.crash_low.date)).unwrap_or(0) as f64;
    chart
        .draw_series(DashedLineSeries::new(vec![(ref_x, v.reference_usd), (x_max, v.reference_usd)], s.px(2.0), s.px(3.0), p.reference.stroke_width(s.stroke(1.5))))
        .map_err(err)?;
    chart.draw_series(std::iter::once(Circle::new((ref_x, v.reference_usd), s.px(4.0), p.reference.filled()))).map_err(err)?;
    if let Some(t) = selected {
        let t_color = p.target;
        if t.target_usd.is_point() {
            chart
                .draw_series(DashedLineSeries::new(vec![(ref_x, t.target_usd.low), (x_max, t.target_usd.low)], s.px(8.0), s.px(4.0), t_color.stroke_width(s.stroke(2.0))))
                .map_err(err)?;
        } else {
            chart
                .draw_series(std::iter::once(Rectangle::new([(ref_x, t.target_usd.low), (x_max, t.target_usd.high)], t_color.mix(0.10).filled())))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Rectangle::new([(ref_x, t.target_usd.low), (x_max, t.target_usd.high)], t_color.stroke_width(s.stroke(1.5)))))
                .map_err(err)?;
        }
        let mid = (t.target_usd.low + t.target_usd.high) / 2.0;
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(ref_x, v.reference_usd), (ref_x + (x_max - ref_x) * 0.25, mid)], t_color.stroke_width(s.stroke(2.0)))))
            .map_err(err)?;
        label_rows.push((mid, format!("target: {}", t.id), t_color));
    }

    // Annotations: the high and the crash low.
    let ath_x = e.series.index_of(e.ath.date).unwrap_or(0) as f64;
    let low_x = e.series.index_of(e.crash_low.date).unwrap_or(0) as f64;
    let ath_text = if narrow { format!("High {}", usd_short(e.ath.usd)) } else { format!("All-time high {} ({})", usd_full(e.ath.usd), format_date(e.ath.date)) };
    let low_text = if narrow { format!("Low {}", usd_short(e.crash_low.usd)) } else { format!("Crash low {} ({})", usd_full(e.crash_low.usd), format_date(e.crash_low.date)) };
    chart
        .draw_series([
            Text::new(ath_text, (ath_x + 3.0, e.ath.usd), font(s, 12.0, &p.text).pos(Pos::new(HPos::Left, VPos::Center))),
            Text::new(low_text, (low_x - 2.0, e.crash_low.usd - pad * 0.3), font(s, 12.0, &p.text).pos(Pos::new(HPos::Right, VPos::Top))),
        ])
        .map_err(err)?;

    let geometry = PlotGeometry {
        left_px: plot.0.start as f64,
        right_px: plot.0.end as f64,
        top_px: plot.1.start as f64,
        bottom_px: plot.1.end as f64,
        x_min,
        x_max,
        y_min,
        y_max,
        n_bars: n,
    };

    // Level labels at the right edge, spread so none overlap.
    if !narrow {
        let wanted: Vec<f64> = label_rows.iter().map(|r| geometry.y_of(r.0)).collect();
        let placed = spread_labels(&wanted, s.font(14.0), geometry.top_px, geometry.bottom_px);
        for ((_, text, color), y) in label_rows.iter().zip(placed) {
            area.draw(&Text::new(text.clone(), (geometry.right_px as i32 + s.px(6.0), y.round() as i32), font(s, 11.5, color).pos(Pos::new(HPos::Left, VPos::Center))))
                .map_err(err)?;
        }
    }
    area.present().map_err(err)?;
    Ok(geometry)
}

/// Bar indices of the first day of every `every`-th month, for the x-axis ticks.
fn month_starts(e: &Explainer, every: usize) -> Vec<f64> {
    e.series.bars.iter().enumerate().filter(|(_, b)| b.date.day() == 1).map(|(i, _)| i as f64).step_by(every.max(1)).collect()
}

/// What the crosshair shows for a bar: the day, its OHLC, the change from the previous close,
/// and where its close sits among the levels.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HoverInfo {
    pub bar_idx: usize,
    pub date: String,
    pub open_usd: f64,
    pub high_usd: f64,
    pub low_usd: f64,
    pub close_usd: f64,
    /// Close-to-close change in percent; `None` on the first bar.
    pub change_pct: Option<f64>,
    pub partial: bool,
    /// Device-pixel x of the bar's centre and y of its close.
    pub x_px: f64,
    pub y_close_px: f64,
    /// The level the close is inside, if any, else `None`.
    pub inside: Option<String>,
    pub support_usd: Option<f64>,
    pub support_label: Option<String>,
    pub resistance_usd: Option<f64>,
    pub resistance_label: Option<String>,
}

/// The hover content for device-pixel `x_px` on a chart drawn with `geometry`.
pub fn hover_info(e: &Explainer, geometry: &PlotGeometry, x_px: f64) -> Option<HoverInfo> {
    use crate::model::levels::{nearest_resistance, nearest_support, role_for};
    use crate::model::range::Range;
    let i = geometry.bar_at(x_px)?;
    let b = e.series.bars.get(i)?;
    let at = Range::point(b.close_usd);
    let support = nearest_support(&e.levels, at);
    let resistance = nearest_resistance(&e.levels, at);
    Some(HoverInfo {
        bar_idx: i,
        date: format_date(b.date),
        open_usd: b.open_usd,
        high_usd: b.high_usd,
        low_usd: b.low_usd,
        close_usd: b.close_usd,
        change_pct: i.checked_sub(1).map(|j| (b.close_usd / e.series.bars[j].close_usd - 1.0) * 100.0),
        partial: b.partial,
        x_px: geometry.x_of_bar(i),
        y_close_px: geometry.y_of(b.close_usd),
        inside: e.levels.iter().find(|l| role_for(l, at) == Role::Inside).map(|l| l.label.clone()),
        support_usd: support.map(|l| l.span.high),
        support_label: support.map(|l| l.label.clone()),
        resistance_usd: resistance.map(|l| l.span.low),
        resistance_label: resistance.map(|l| l.label.clone()),
    })
}
