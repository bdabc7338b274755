//! Chart (a): daily candles from August 2025 with the article's levels as labelled bands, the
//! story's events annotated in a lane above the plot, the reference price and the selected
//! scenario's target. Any window of days can be shown (zoom); levels and annotations follow.

use plotters::coord::Shift;
use plotters::element::{DashedPathElement, Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendCoord, DrawingErrorKind};

use super::geometry::{decimate_min_max, place_beside, place_in_rows, sane_range, spread_labels, time_ticks, PlotGeometry};
use super::labels::{extra_chars, EnUs, LabelFormat};
use super::style::ChartStyle;
use super::{err, font};
use crate::model::bars::format_date;
use crate::model::levels::{Role, Tier};
use crate::model::{Explainer, StoryView};

/// A labelled event on the price chart, drawn in a lane above the plot with a leader line down
/// to its bar, so labels never cover the candles.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Annotation {
    pub bar_idx: usize,
    /// Last bar of a span (the article's week), or `bar_idx` for a single day.
    pub last_idx: usize,
    pub label: String,
    pub short_label: String,
    /// The price the leader line points at (the highest high of the span).
    pub price_usd: f64,
}

/// The annotations of the story: the highest high before the crash, the 10 Oct 2025
/// liquidation day, the 5–6 Feb 2026 crash, the two weeks the open-interest figures are read
/// over, and the later breaks of the $75–80k zone read from daily closes. Labels in en-US.
pub fn annotations(e: &Explainer, v: &StoryView) -> Vec<Annotation> {
    annotations_with(e, v, &EnUs)
}

/// [`annotations`] with labels written by `f`.
pub fn annotations_with(e: &Explainer, v: &StoryView, f: &dyn LabelFormat) -> Vec<Annotation> {
    use time::macros::date;
    let mut out = Vec::new();
    let mut push = |d: time::Date, last: time::Date, label: String, short: String| {
        if let (Some(a), Some(b)) = (e.series.index_of(d), e.series.index_of(last)) {
            // The crash low may fall before 5 February: the span runs either way.
            let (i, j) = (a.min(b), a.max(b));
            let price_usd = e.series.bars[i..=j].iter().map(|b| b.high_usd).fold(f64::NEG_INFINITY, f64::max);
            out.push(Annotation { bar_idx: i, last_idx: j, label, short_label: short, price_usd });
        }
    };
    use crate::model::story::Provenance;
    // With one price a day the data hold readings, not a day's high and low.
    let (high, low) = if e.one_reading_a_day { ("Highest reading", "lowest reading") } else { ("High", "low") };
    push(e.ath.date, e.ath.date, super::tagged(&format!("{high} {}", f.usd_full(e.ath.usd)), Provenance::Computed), "High".into());
    let oct = e
        .story
        .find("liquidations_oct10_total_usd")
        .and_then(|fig| fig.value.map(|r| super::tagged(&format!(": {} liquidated", f.usd_short(r.low)), fig.provenance)))
        .unwrap_or_default();
    let oct10 = date!(2025 - 10 - 10);
    push(oct10, oct10, format!("{}{oct}", f.day_month(oct10)), f.day_month(oct10));
    push(date!(2026 - 02 - 05), e.crash_low.date, super::tagged(&format!("Crash: {low} {}", f.usd_full(e.crash_low.usd)), Provenance::Computed), "Crash".into());
    if let (Some(a), Some(b)) = (v.leverage.windows.first(), v.leverage.windows.last()) {
        push(a.start, b.end, "Open-interest weeks".to_string(), "OI weeks".into());
    }
    if let Some(a) = &v.aftermath {
        if let Some(zone) = a.levels.iter().find(|l| l.id == "level_resistance_zone") {
            for flip in &zone.flips {
                let (label, short) = match flip.became {
                    Role::Support => {
                        (format!("{} above {}", if e.one_reading_a_day { "Readings" } else { "Closes" }, f.usd_short(80_000.0)), format!("↑{}", f.usd_short(80_000.0)))
                    }
                    _ => (format!("Back below {}", f.usd_short(75_000.0)), format!("↓{}", f.usd_short(75_000.0))),
                };
                push(flip.date, flip.date, label, short);
            }
        }
    }
    out
}

/// What the price chart shows, as plain data: the visible bars' range, the y range (every
/// scenario's target included, so the axis does not move on a switch, plus a volume strip),
/// the level bands in view with their role and tagged label, the shaded open-interest weeks, the
/// annotations, the reference and the target. The renderer draws only this (and the bars).
#[derive(Debug, Clone, serde::Serialize)]
pub struct PriceView {
    pub first: usize,
    pub last: usize,
    pub y_min: f64,
    pub y_max: f64,
    /// The height of the price span in USD and of the volume strip below it.
    pub span_usd: f64,
    pub volume_room_usd: f64,
    pub has_volume: bool,
    /// Levels that reach into the y range, with their label ("$89,070 resistance (N)") and
    /// the short label phones show inside the plot ("$89k (N)").
    pub levels: Vec<(crate::model::levels::LevelPosition, String, String)>,
    /// First and last bar of the weeks the open-interest figures are read over.
    pub shaded: Option<(usize, usize)>,
    pub annotations: Vec<Annotation>,
    /// The reference price and the bar it is drawn from (the crash low's for the article's
    /// framing).
    pub reference_usd: f64,
    pub reference_idx: usize,
    /// The selected target and its label.
    pub target: Option<(crate::model::range::Range, String)>,
}

/// The price chart's view for bars `window.0..=window.1`, labels in en-US.
pub fn price_view(e: &Explainer, v: &StoryView, window: (usize, usize)) -> PriceView {
    price_view_with(e, v, window, &EnUs)
}

/// [`price_view`] with labels written by `f`.
pub fn price_view_with(e: &Explainer, v: &StoryView, window: (usize, usize), f: &dyn LabelFormat) -> PriceView {
    let bars = &e.series.bars;
    let n = bars.len().max(1);
    let last = window.1.min(n - 1);
    let first = window.0.min(last);
    let visible = bars.get(first..=last).unwrap_or(&[]);
    let mut y_lo = visible.iter().map(|b| b.low_usd).fold(v.reference_usd, f64::min);
    let mut y_hi = visible.iter().map(|b| b.high_usd).fold(v.reference_usd, f64::max);
    for t in &v.scenarios {
        y_lo = y_lo.min(t.target_usd.low);
        y_hi = y_hi.max(t.target_usd.high);
    }
    // A finite, non-empty range whatever the data (see `sane_range`), with room for volume.
    let (lo, hi) = sane_range(y_lo, y_hi, 0.04);
    let span = hi - lo;
    let has_volume = visible.iter().any(|b| b.volume_btc.is_some());
    let volume_room = if has_volume { span * VOLUME_SHARE / (1.0 - VOLUME_SHARE) } else { 0.0 };
    let (y_min, y_max) = if (lo - volume_room).is_finite() { (lo - volume_room, hi) } else { (lo, hi) };
    let levels = v
        .levels
        .iter()
        .filter(|lv| !(lv.high_usd < y_min || lv.low_usd > y_max))
        .map(|lv| {
            // The article's floors keep their name (it calls them floors, as the tables do).
            let role = match (lv.tier, lv.role) {
                (Tier::Floor | Tier::CatastrophicFloor, _) => "floor",
                (_, Role::Support) => "support",
                (_, Role::Resistance) => "resistance",
                (_, Role::Inside) => "inside",
            };
            let name = if lv.high_usd > lv.low_usd { format!("{}–{}", f.usd_short(lv.low_usd), f.usd_short(lv.high_usd)) } else { f.usd_full(lv.low_usd) };
            let short = if lv.high_usd > lv.low_usd { name.clone() } else { f.usd_short(lv.low_usd) };
            (lv.clone(), super::tagged(&format!("{name} {role}"), lv.provenance), super::tagged(&short, lv.provenance))
        })
        .collect();
    let annotations = annotations_with(e, v, f);
    let shaded = annotations.iter().find(|a| a.last_idx > a.bar_idx + 1).map(|a| (a.bar_idx, a.last_idx));
    let reference_idx = v.reference_date.and_then(|d| e.series.index_of(d)).or_else(|| e.series.index_of(e.crash_low.date)).unwrap_or(0);
    let target = selected_target(v);
    PriceView {
        first,
        last,
        y_min,
        y_max,
        span_usd: span,
        volume_room_usd: volume_room,
        has_volume,
        levels,
        shaded,
        annotations,
        reference_usd: v.reference_usd,
        reference_idx,
        target,
    }
}

/// Draws the price chart over bars `window.0..=window.1` (the base, then the scenario layer
/// over it, as the page stacks its two canvases) and returns where its plotting area landed
/// (for hover mapping). The y range follows the visible bars, the reference and every target.
pub fn draw_price<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, e: &Explainer, v: &StoryView, s: &ChartStyle, window: (usize, usize)) -> Result<PlotGeometry, String> {
    let layout = draw_price_base(area, e, v, s, window)?;
    draw_price_scenario(area, v, s, &layout)?;
    area.present().map_err(err)?;
    Ok(layout.geometry)
}

/// Where the base of the price chart put things, for the scenario layer drawn over it: the
/// plotting area, whether the labels sit inside the plot (phones) or in the right margin, and
/// every level label as drawn (device-px y, text, colour).
#[derive(Debug, Clone, PartialEq)]
pub struct PriceLayout {
    pub geometry: PlotGeometry,
    pub narrow: bool,
    pub labels: Vec<(f64, String, RGBColor)>,
    /// The drawing area's height, device px.
    pub height_px: u32,
}

/// The selected scenario's target and its label ("target: Recovery"), or `None`.
fn selected_target(v: &StoryView) -> Option<(crate::model::range::Range, String)> {
    v.scenarios.iter().find(|x| x.id == v.selected_scenario).map(|t| (t.target_usd, format!("target: {}", t.label)))
}

/// The price chart's scenario layer: the selected target (a dashed line at a price, a band
/// over a range) across the plot, and its label in the label column, placed beside the level
/// labels (never over them, see [`place_beside`]). It depends on the scenario alone, so the page
/// draws it on its own canvas over the base and a switch redraws only this. Positions come
/// from `layout` (the base's draw); nothing is cleared here.
pub fn draw_price_scenario<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, v: &StoryView, s: &ChartStyle, layout: &PriceLayout) -> Result<(), String> {
    let Some((target, label)) = selected_target(v) else { return Ok(()) };
    let g = &layout.geometry;
    // A drawn plot (a NaN width fails the comparison too) and a finite target, or nothing.
    let drawable = g.right_px > g.left_px && target.low.is_finite() && target.high.is_finite();
    if !drawable {
        return Ok(());
    }
    let p = s.palette;
    let t_color = p.target;
    let (left, right) = (g.left_px.round() as i32, g.right_px.round() as i32);
    let clamp_y = |usd: f64| g.y_of(usd).clamp(g.top_px, g.bottom_px).round() as i32;
    if target.is_point() {
        let y = clamp_y(target.low);
        area.draw(&DashedPathElement::new(vec![(left, y), (right, y)], s.px(8.0), s.px(4.0), t_color.stroke_width(s.stroke(2.0)))).map_err(err)?;
    } else {
        let corners = [(left, clamp_y(target.high)), (right, clamp_y(target.low))];
        area.draw(&Rectangle::new(corners, t_color.mix(0.10).filled())).map_err(err)?;
        area.draw(&Rectangle::new(corners, t_color.stroke_width(s.stroke(1.5)))).map_err(err)?;
    }
    // On phones the level labels sit inside the plot: those the target crosses are drawn again
    // over it, on their backing, as they were before the layers were split.
    if layout.narrow {
        let half = s.font(12.0) / 2.0;
        let (a, b) = (g.y_of(target.high).min(g.y_of(target.low)) - s.px(2.0) as f64, g.y_of(target.high).max(g.y_of(target.low)) + s.px(2.0) as f64);
        for (y, text, color) in layout.labels.iter().filter(|(y, _, _)| y + half >= a && y - half <= b) {
            draw_level_label(area, s, layout, text, color, *y as i32)?;
        }
    }
    let y = target_label_y(target, s, layout);
    if layout.narrow {
        // On phones the right-hand column is the levels' (and too short to make room): the
        // target's label goes at the plot's left edge, at its own price, on a backing.
        let left = g.left_px as i32 + s.px(2.0);
        let w = (label_width_px("target", s) * 0.82).round() as i32;
        let h = s.font(12.0).round() as i32;
        area.draw(&Rectangle::new([(left, y - h / 2), (left + w + s.px(4.0), y + h / 2)], p.background.mix(0.85).filled())).map_err(err)?;
        return area.draw(&Text::new("target", (left + s.px(2.0), y), font(s, 10.5, &t_color).pos(Pos::new(HPos::Left, VPos::Center)))).map_err(err);
    }
    draw_level_label(area, s, layout, &label, &t_color, y)
}

/// What the scenario layer of `v` shows, as a key: the selected target's range and label
/// (drawn on the same base, the same key draws the same layer).
pub fn scenario_key(v: &StoryView) -> String {
    selected_target(v).map(|(t, label)| format!("{}|{}|{label}", t.low.to_bits(), t.high.to_bits())).unwrap_or_default()
}

/// The device-px row of the target's label: at the target's middle, clamped to the plot; on
/// desktops moved beside the level labels ([`place_beside`]).
fn target_label_y(target: crate::model::range::Range, s: &ChartStyle, layout: &PriceLayout) -> i32 {
    let g = &layout.geometry;
    let wanted = g.y_of((target.low + target.high) / 2.0).clamp(g.top_px, g.bottom_px);
    if layout.narrow {
        return wanted.round() as i32;
    }
    let fixed: Vec<f64> = layout.labels.iter().map(|l| l.0).collect();
    place_beside(&fixed, wanted, s.font(14.0), g.top_px, g.bottom_px).round() as i32
}

/// Rows of the chart, device px `[top, bottom)`.
pub type Rows = (u32, u32);

/// The rows, device px `[top, bottom)` within the chart's height, that hold everything
/// [`draw_price_scenario`] draws for `v` (the target's band or line with its stroke, its label,
/// on phones the level labels drawn again over it), with 2 CSS px to spare; `None` when it
/// draws nothing. A switch repaints only these rows and those of the last target
/// ([`repaint_rows`]).
pub fn scenario_rows(v: &StoryView, s: &ChartStyle, layout: &PriceLayout) -> Option<Rows> {
    let (target, _) = selected_target(v)?;
    let g = &layout.geometry;
    if !(g.right_px > g.left_px && target.low.is_finite() && target.high.is_finite()) {
        return None;
    }
    let clamp_y = |usd: f64| g.y_of(usd).clamp(g.top_px, g.bottom_px).round();
    let (band_top, band_bottom) = (clamp_y(target.high).min(clamp_y(target.low)), clamp_y(target.high).max(clamp_y(target.low)));
    let stroke = s.stroke(2.0) as f64;
    // Text: `VPos::Center` at the label row, at most one line of the largest font used (12 CSS
    // px on phones' backings, 11.5 on desktops).
    let half_text = s.font(14.0) / 2.0;
    let label = target_label_y(target, s, layout) as f64;
    let mut top = (band_top - stroke).min(label - half_text);
    let mut bottom = (band_bottom + stroke).max(label + half_text);
    if layout.narrow {
        // The level labels drawn again are those within half a label of the band.
        let (a, b) = (band_top - s.px(2.0) as f64, band_bottom + s.px(2.0) as f64);
        let half = s.font(12.0) / 2.0;
        for (y, _, _) in layout.labels.iter().filter(|(y, _, _)| y + half >= a && y - half <= b) {
            top = top.min(y - half_text);
            bottom = bottom.max(y + half_text);
        }
    }
    let spare = s.px(2.0) as f64;
    let top = (top - spare).floor().max(0.0) as u32;
    let bottom = ((bottom + spare).ceil().max(0.0) as u32).min(layout.height_px);
    (bottom > top).then_some((top, bottom))
}

/// The rows a switch repaints on a chart `height_px` tall: those the last scenario layer drew
/// on (`last`: `None` when unknown, as after the base is drawn, which repaints every row;
/// `Some(None)` when it drew nothing) and those the new one draws on (`now`), as at most two
/// disjoint spans, top first (overlapping or touching spans merged).
pub fn repaint_rows(last: Option<Option<Rows>>, now: Option<Rows>, height_px: u32) -> Vec<Rows> {
    let Some(last) = last else { return vec![(0, height_px)] };
    let cut = |r: Option<Rows>| r.map(|(a, b)| (a.min(height_px), b.min(height_px))).filter(|(a, b)| b > a);
    match (cut(last), cut(now)) {
        (Some(a), Some(b)) => {
            let (a, b) = if b < a { (b, a) } else { (a, b) };
            if b.0 <= a.1 {
                vec![(a.0, a.1.max(b.1))]
            } else {
                vec![a, b]
            }
        }
        (one, other) => one.or(other).into_iter().collect(),
    }
}

/// One label of the label column at device-px `y`: in the right margin, or on phones inside the
/// plot's right edge on a backing of the page colour (the candles stay readable beside it).
fn draw_level_label<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &ChartStyle, layout: &PriceLayout, text: &str, color: &RGBColor, y: i32) -> Result<(), String> {
    let (g, p) = (&layout.geometry, s.palette);
    if layout.narrow {
        let right = g.right_px as i32 - s.px(2.0);
        // label_width_px is conservative (0.6 em at 11 px); these labels are 10.5 px.
        let w = (label_width_px(text, s) * 0.82).round() as i32;
        let h = s.font(12.0).round() as i32;
        area.draw(&Rectangle::new([(right - w - s.px(4.0), y - h / 2), (right, y + h / 2)], p.background.mix(0.85).filled())).map_err(err)?;
        area.draw(&Text::new(text.to_string(), (right - s.px(2.0), y), font(s, 10.5, color).pos(Pos::new(HPos::Right, VPos::Center)))).map_err(err)?;
    } else {
        area.draw(&Text::new(text.to_string(), (g.right_px as i32 + s.px(6.0), y), font(s, 11.5, color).pos(Pos::new(HPos::Left, VPos::Center)))).map_err(err)?;
    }
    Ok(())
}

/// The price chart without its scenario layer: axes, level bands and labels, volume, the
/// shaded weeks, candles, the reference and the annotations. Does not `present`.
pub fn draw_price_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, e: &Explainer, v: &StoryView, s: &ChartStyle, window: (usize, usize)) -> Result<PriceLayout, String> {
    let p = s.palette;
    area.fill(&s.background()).map_err(err)?;
    let bars = &e.series.bars;
    let n = bars.len();
    let last = window.1.min(n - 1);
    let first = window.0.min(last);
    let view = price_view_with(e, v, window, s.fmt());
    let visible = &bars[first..=last];
    let (y_min, y_max, span, volume_room, has_volume) = (view.y_min, view.y_max, view.span_usd, view.volume_room_usd, view.has_volume);
    let (width_px, _) = area.dim_in_pixel();
    let narrow = (width_px as f64) < s.px_ratio * 560.0;
    // Localized labels longer than their en-US form widen the room laid out for them (the
    // en-US layout does not move): the y labels, and on desktops the level labels on the right.
    let char_css = |font_css: f64| font_css * 0.6;
    let y_extra_css = (0..=8)
        .map(|k| {
            let y = ((view.y_min + (view.y_max - view.y_min) * k as f64 / 8.0) / 1e3).round() * 1e3;
            extra_chars(&s.fmt().usd_short(y), &EnUs.usd_short(y))
        })
        .fold(0.0, f64::max)
        * char_css(12.0);
    let right_extra_css = if narrow {
        0.0
    } else {
        let en = price_view(e, v, window);
        view.levels.iter().zip(&en.levels).map(|(a, b)| extra_chars(&a.1, &b.1)).fold(0.0, f64::max) * char_css(11.5)
    };
    let right_label_css = if narrow { 8.0 } else { 150.0 + right_extra_css };
    let x_min = first as f64 - 0.5;
    let x_max = last as f64 + 0.5;
    let mut chart = ChartBuilder::on(area)
        .margin_top(s.px(8.0 + LANE_ROW_CSS * LANE_ROWS as f64))
        .margin_right(s.px(right_label_css))
        .margin_left(s.px(4.0))
        .x_label_area_size(s.px(26.0))
        .y_label_area_size(s.px(if narrow { 40.0 } else { 52.0 } + y_extra_css))
        .build_cartesian_2d(x_min..x_max, y_min..y_max)
        .map_err(err)?;
    super::y_grid(&mut chart, s, &|y| s.fmt().usd_short(*y), 12.0)?;
    let plot = chart.plotting_area().get_pixel_range();
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

    // Time ticks: plotters places x labels at round numbers, not at calendar days. Ticks are
    // 70 CSS px apart at least, more when localized labels are longer than en-US ones.
    let dates: Vec<time::Date> = bars.iter().map(|b| b.date).collect();
    let max_ticks = |tick_css: f64| ((geometry.right_px - geometry.left_px) / s.font(tick_css)).floor().max(2.0) as usize;
    let mut ticks = time_ticks(&dates, first, last, max_ticks(70.0));
    let mut texts = tick_labels(&ticks, s.fmt());
    let extra = texts.iter().zip(tick_labels(&ticks, &EnUs)).map(|(a, b)| extra_chars(a, &b)).fold(0.0, f64::max);
    if extra > 0.0 {
        ticks = time_ticks(&dates, first, last, max_ticks(70.0 + extra * char_css(12.0)));
        texts = tick_labels(&ticks, s.fmt());
    }
    for (&(x, _, _), text) in ticks.iter().zip(texts) {
        let (px, py) = chart.backend_coord(&(x, y_min));
        area.draw(&PathElement::new(vec![(px, py), (px, py + s.px(4.0))], p.muted_text.stroke_width(s.stroke(1.0)))).map_err(err)?;
        area.draw(&Text::new(text, (px, py + s.px(6.0)), font(s, 12.0, &p.muted_text).pos(Pos::new(HPos::Center, VPos::Top)))).map_err(err)?;
    }

    // Level bands (zones) and lines (single prices). Support and resistance differ by line
    // style as well as colour: resistance dashed, support solid.
    let mut label_rows = Vec::new();
    for (lv, label, short) in &view.levels {
        let color = match (lv.tier, lv.role) {
            (Tier::Floor | Tier::CatastrophicFloor, _) => p.floor,
            (_, Role::Resistance) => p.resistance,
            (_, Role::Support) => p.support,
            (_, Role::Inside) => p.reference,
        };
        if lv.high_usd > lv.low_usd {
            chart.draw_series(std::iter::once(Rectangle::new([(x_min, lv.low_usd.max(y_min)), (x_max, lv.high_usd.min(y_max))], color.mix(p.band_alpha).filled()))).map_err(err)?;
        }
        for edge in [lv.low_usd, lv.high_usd] {
            if edge >= y_min && edge <= y_max {
                let pts = vec![(x_min, edge), (x_max, edge)];
                let line = color.stroke_width(s.stroke(1.0));
                if lv.role == Role::Resistance {
                    chart.draw_series(DashedLineSeries::new(pts, s.px(6.0), s.px(4.0), line)).map_err(err)?;
                } else {
                    chart.draw_series(LineSeries::new(pts, line)).map_err(err)?;
                }
            }
            if lv.high_usd == lv.low_usd {
                break;
            }
        }
        label_rows.push(((lv.low_usd.max(y_min) + lv.high_usd.min(y_max)) / 2.0, if narrow { short.clone() } else { label.clone() }, color));
    }

    // Volume: bars in the bottom strip, scaled to the visible maximum.
    if has_volume {
        let v_max = visible.iter().filter_map(|b| b.volume_btc).fold(0.0, f64::max);
        if v_max > 0.0 && v_max.is_finite() {
            let strip = volume_room.max(span * 0.1);
            chart
                .draw_series(visible.iter().enumerate().filter_map(|(k, b)| {
                    let h = b.volume_btc? / v_max * strip * 0.9;
                    let x = (first + k) as f64;
                    Some(Rectangle::new([(x - 0.35, y_min), (x + 0.35, y_min + h)], p.muted_text.mix(0.35).filled()))
                }))
                .map_err(err)?;
        }
    }

    // The two weeks the open-interest figures are read over, shaded.
    let marks = &view.annotations;
    if let Some((first_week_bar, last_week_bar)) = view.shaded {
        let (a, b) = (first_week_bar as f64 - 0.5, last_week_bar as f64 + 0.5);
        if b > x_min && a < x_max {
            chart.draw_series(std::iter::once(Rectangle::new([(a.max(x_min), y_min), (b.min(x_max), y_max)], p.muted_text.mix(0.08).filled()))).map_err(err)?;
        }
    }

    // Candles, or min/max columns when bars outnumber pixel columns more than 4 to 1.
    let columns = (geometry.right_px - geometry.left_px).max(1.0) as usize;
    let lows: Vec<f64> = visible.iter().map(|b| b.low_usd).collect();
    let highs: Vec<f64> = visible.iter().map(|b| b.high_usd).collect();
    match decimate_min_max(first, &lows, &highs, columns, 4.0) {
        Some(cols) => {
            chart.draw_series(cols.iter().map(|c| PathElement::new(vec![(c.x, c.low), (c.x, c.high)], p.text.stroke_width(s.stroke(1.0))))).map_err(err)?;
        }
        None => {
            let px_per_bar = (geometry.right_px - geometry.left_px) / visible.len() as f64;
            let candle_w = ((px_per_bar * 0.7).floor() as u32).max(1);
            let candles = Candles {
                points: visible
                    .iter()
                    .enumerate()
                    .flat_map(|(k, b)| {
                        let x = (first + k) as f64;
                        [(x, b.open_usd), (x, b.high_usd), (x, b.low_usd), (x, b.close_usd)]
                    })
                    .collect(),
                up: p.up.filled(),
                down: p.down.filled(),
                width_px: candle_w,
            };
            chart.draw_series(std::iter::once(candles)).map_err(err)?;
        }
    }

    // Reference price and the selected scenario's target.
    let ref_idx = view.reference_idx;
    let ref_x = (ref_idx as f64).clamp(x_min, x_max);
    chart
        .draw_series(DashedLineSeries::new(vec![(ref_x, view.reference_usd), (x_max, view.reference_usd)], s.px(2.0), s.px(3.0), p.reference.stroke_width(s.stroke(1.5))))
        .map_err(err)?;
    if (first..=last).contains(&ref_idx) {
        chart.draw_series(std::iter::once(Circle::new((ref_x, view.reference_usd), s.px(4.0), p.reference.filled()))).map_err(err)?;
    }
    // The target (a level, without a path or a date: the scenarios have no timetable) is the
    // scenario layer's (draw_price_scenario).

    // Annotation lane above the plot: labels in rows so none overlap each other or the candles,
    // each with a leader line down to its bar's high.
    for placed in annotation_layout(marks, &geometry, (first, last), s, narrow, width_px as f64) {
        let label_bottom = (placed.top_px + s.font(LANE_ROW_CSS)).round() as i32;
        area.draw(&Text::new(
            placed.text.clone(),
            (placed.left_px.round() as i32, (placed.top_px + s.font(LANE_ROW_CSS / 2.0)).round() as i32),
            font(s, 11.0, &p.text).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
        let x = placed.anchor_x_px.round() as i32;
        let y_point = geometry.y_of(placed.price_usd.min(y_max)).round() as i32;
        let join_x = x.clamp(placed.left_px.round() as i32, (placed.left_px + placed.width_px).round() as i32);
        area.draw(&PathElement::new(vec![(join_x, label_bottom - s.px(2.0)), (x, label_bottom), (x, y_point - s.px(3.0))], p.muted_text.mix(0.55).stroke_width(s.stroke(1.0))))
            .map_err(err)?;
    }

    // Level labels, spread so none overlap: in the right margin; on phones, short labels inside
    // the plot's right edge (draw_level_label). The target's joins them in the scenario layer.
    let wanted: Vec<f64> = label_rows.iter().map(|r| geometry.y_of(r.0)).collect();
    let placed = spread_labels(&wanted, s.font(if narrow { 13.0 } else { 14.0 }), geometry.top_px, geometry.bottom_px);
    let layout = PriceLayout {
        geometry,
        narrow,
        height_px: area.dim_in_pixel().1,
        labels: label_rows.into_iter().zip(placed).map(|((_, text, color), y)| (y.round(), text, color)).collect(),
    };
    for (y, text, color) in &layout.labels {
        draw_level_label(area, s, &layout, text, color, *y as i32)?;
    }
    Ok(layout)
}

/// Daily candles as one element, drawn as plotters' `CandleStick` draws each (wicks from the
/// body to the high and low, a body `width_px` wide, rising in `up`, falling in `down`), but
/// grouped: every rising wick, every falling wick, then the bodies the same way, so a canvas
/// backend draws each group as one path. Where candles are under 2 px apart, neighbours share
/// pixels and the group order decides their colour: 0.04 % of the pixels of the 760 px chart
/// and 0.2 % at 360 px differ from candle-by-candle drawing (measured on the golden files).
struct Candles {
    /// Open, high, low and close of each candle, in that order, at its bar's x.
    points: Vec<(f64, f64)>,
    up: ShapeStyle,
    down: ShapeStyle,
    width_px: u32,
}

impl<'a> PointCollection<'a, (f64, f64)> for &'a Candles {
    type Point = &'a (f64, f64);
    type IntoIter = &'a [(f64, f64)];
    fn point_iter(self) -> &'a [(f64, f64)] {
        &self.points
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Candles {
    fn draw<I: Iterator<Item = BackendCoord>>(&self, points: I, backend: &mut DB, _: (u32, u32)) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let pts: Vec<BackendCoord> = points.collect();
        // (rising as CandleStick: open < close; high, low; the body's top and bottom in px).
        // A flat candle (open = close, as every day of data with one price a day) takes the
        // colour of its change from the day before: rising when its close is at or above it.
        let candles: Vec<(bool, [BackendCoord; 4])> = pts
            .chunks_exact(4)
            .zip(self.points.chunks_exact(4))
            .enumerate()
            .map(|(k, (c, v))| {
                let (top, bottom) = if c[0].1 > c[3].1 { (c[3], c[0]) } else { (c[0], c[3]) };
                let previous_close = k.checked_sub(1).map(|j| self.points[4 * j + 3].1);
                let rising = if v[0].1 == v[3].1 { previous_close.is_some_and(|p| v[3].1 >= p) } else { v[0].1 < v[3].1 };
                (rising, [c[1], c[2], top, bottom])
            })
            .collect();
        let (l, r) = (self.width_px as i32 / 2, self.width_px as i32 - self.width_px as i32 / 2);
        for wicks in [true, false] {
            for rising in [true, false] {
                let style = if rising { &self.up } else { &self.down };
                for (_, [high, low, top, bottom]) in candles.iter().filter(|(up, _)| *up == rising) {
                    if wicks {
                        backend.draw_line(*top, *high, style)?;
                        backend.draw_line(*low, *bottom, style)?;
                    } else {
                        // A flat body (open = close: a doji, or data with one price a day) is drawn
                        // as thick as a line, not as a rectangle of no height that shows nothing.
                        let bottom_y = bottom.1.max(top.1 + style.stroke_width.max(1) as i32);
                        backend.draw_rect((top.0 - l, top.1), (bottom.0 + r, bottom_y), style, style.filled)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The time axis' labels: "10 Oct" within a month, "Aug 2025" at a year's first tick, "Sep".
fn tick_labels(ticks: &[(f64, time::Date, bool)], f: &dyn LabelFormat) -> Vec<String> {
    let mut prev_year = None;
    ticks
        .iter()
        .map(|&(_, d, month_start)| {
            let new_year = prev_year != Some(d.year());
            prev_year = Some(d.year());
            if !month_start {
                f.day_month(d)
            } else if new_year {
                f.month_year(d)
            } else {
                f.month(d)
            }
        })
        .collect()
}

/// The share of the plot's height given to the volume strip.
pub const VOLUME_SHARE: f64 = 0.18;

/// Height of one row of the annotation lane, CSS px, and the number of rows.
pub const LANE_ROW_CSS: f64 = 16.0;
pub const LANE_ROWS: usize = 2;

/// An annotation label placed in the lane, in device px.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedAnnotation {
    pub text: String,
    pub row: usize,
    pub top_px: f64,
    pub left_px: f64,
    pub width_px: f64,
    /// The x of the bar (or the middle of the span) the label points at.
    pub anchor_x_px: f64,
    pub price_usd: f64,
}

/// Lays out the annotations visible in `window`: short labels on phones, rows from
/// [`place_in_rows`], within the canvas width.
pub fn annotation_layout(marks: &[Annotation], geometry: &PlotGeometry, window: (usize, usize), s: &ChartStyle, narrow: bool, width_px: f64) -> Vec<PlacedAnnotation> {
    let (first, last) = window;
    let shown: Vec<&Annotation> = marks.iter().filter(|a| a.bar_idx <= last && a.last_idx >= first).collect();
    let mut texts: Vec<&str> = shown.iter().map(|a| if narrow { a.short_label.as_str() } else { a.label.as_str() }).collect();
    let anchor_x: Vec<f64> = shown.iter().map(|a| geometry.x_of_bar(((a.bar_idx + a.last_idx) / 2).clamp(first, last))).collect();
    let gap = s.font(8.0);
    // Long labels (localized ones can be) that do not fit in the lane by its rules give way to
    // their short form, the longest first.
    let (widths, placed) = loop {
        let widths: Vec<f64> = texts.iter().map(|t| label_width_px(t, s)).collect();
        let placed = place_in_rows(&anchor_x, &widths, LANE_ROWS, gap, 0.0, width_px);
        let longest = (0..texts.len()).filter(|&k| texts[k] != shown[k].short_label).max_by(|&a, &b| widths[a].total_cmp(&widths[b]));
        match longest {
            Some(k) if !rows_hold(&placed, &widths, &anchor_x, gap) => texts[k] = shown[k].short_label.as_str(),
            _ => break (widths, placed),
        }
    };
    shown
        .iter()
        .enumerate()
        .map(|(k, a)| PlacedAnnotation {
            text: texts[k].to_string(),
            row: placed[k].0,
            top_px: s.font(4.0 + LANE_ROW_CSS * placed[k].0 as f64),
            left_px: placed[k].1,
            width_px: widths[k],
            anchor_x_px: anchor_x[k],
            price_usd: a.price_usd,
        })
        .collect()
}

/// Whether labels placed by [`place_in_rows`] keep its rules: none overlaps another in its row
/// (with `gap`), none sits across the leader line of a label in a row above.
fn rows_hold(placed: &[(usize, f64)], widths: &[f64], anchor_x: &[f64], gap: f64) -> bool {
    let n = placed.len();
    (0..n).all(|a| {
        (0..n).all(|b| {
            let ((ra, la), (rb, lb)) = (placed[a], placed[b]);
            a == b
                || (ra == rb && (la + widths[a] + gap <= lb + 1e-9 || lb + widths[b] + gap <= la + 1e-9))
                || (ra != rb && (rb <= ra || anchor_x[a] < lb - 1.0 || anchor_x[a] > lb + widths[b] + 1.0))
        })
    })
}

/// A label's width in device px at 11 px sans-serif: a conservative 0.6 em per character, so
/// placement leaves room whatever font the browser picks.
pub fn label_width_px(text: &str, s: &ChartStyle) -> f64 {
    text.chars().count() as f64 * s.font(6.6)
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
    pub volume_btc: Option<f64>,
    /// Device-pixel x of the bar's centre.
    pub x_px: f64,
    /// The level the close is inside, if any, else `None`.
    pub inside: Option<String>,
    /// The top of the nearest support below the close and the bottom of the nearest
    /// resistance above it, in USD.
    pub support_usd: Option<f64>,
    pub resistance_usd: Option<f64>,
    /// The data hold one price a day ([`crate::model::bars::DailySeries::one_reading_a_day`]):
    /// the bar's four prices are that one reading, shown once.
    pub one_reading: bool,
}

/// The hover content for device-pixel `x_px` on a chart drawn with `geometry`.
pub fn hover_info(e: &Explainer, geometry: &PlotGeometry, x_px: f64) -> Option<HoverInfo> {
    use crate::model::levels::{nearest_resistance, nearest_support, role_for};
    use crate::model::range::Range;
    let i = geometry.bar_at(x_px)?;
    let b = e.series.bars.get(i)?;
    let at = Range::point(b.close_usd);
    // The high before the crash is a level only from its day on: before it, it had not been made.
    // (A move over those days copies the levels without it; any other move reads them as they are.)
    let before_high: Vec<_>;
    let levels = if b.date < e.ath.date {
        before_high = e.levels.iter().filter(|l| l.id != "level_all_time_high").cloned().collect();
        &before_high
    } else {
        &e.levels
    };
    let support = nearest_support(levels, at);
    let resistance = nearest_resistance(levels, at);
    Some(HoverInfo {
        bar_idx: i,
        date: format_date(b.date),
        open_usd: b.open_usd,
        high_usd: b.high_usd,
        low_usd: b.low_usd,
        close_usd: b.close_usd,
        change_pct: i.checked_sub(1).map(|j| (b.close_usd / e.series.bars[j].close_usd - 1.0) * 100.0),
        partial: b.partial,
        volume_btc: b.volume_btc,
        x_px: geometry.x_of_bar(i),
        inside: levels.iter().find(|l| role_for(l, at) == Role::Inside).map(|l| l.label.clone()),
        support_usd: support.map(|l| l.span.high),
        resistance_usd: resistance.map(|l| l.span.low),
        one_reading: e.one_reading_a_day,
    })
}
