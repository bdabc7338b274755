//! Chart (d): the event study. Each event's close indexed to 100 on the day before its worst
//! day, from day −30 to day +90, on one axis in days; the highlighted event (February 2026)
//! drawn strongest; end labels at the right, spread so none overlap.
//!
//! [`event_study_view`] turns the model's [`EventStudy`] into a plain-data [`EventStudyView`];
//! [`draw_event_study`] draws only that view, on any plotters backend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use super::geometry::spread_labels;
use super::style::{ChartStyle, Palette};
use super::{err, font, NARROW_CSS_PX};
use crate::model::bars::format_date;
use crate::model::events::{EventStudy, SERIES_AFTER, SERIES_BEFORE};

/// One event's line: points `(day offset, index)` with the date of each point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventLine {
    pub id: String,
    pub label: String,
    pub points: Vec<(f64, f64)>,
    pub dates: Vec<String>,
    pub visible: bool,
    pub highlighted: bool,
    /// Position among the non-highlighted lines (for the colour), 0-based.
    pub color_slot: usize,
}

/// Everything the event-study chart draws, as plain data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventStudyView {
    pub lines: Vec<EventLine>,
    /// Day offsets shown: −30.0 … 90.0.
    pub x_range: (f64, f64),
    /// Index range shown, padded from the visible lines (always includes 100).
    pub y_range: (f64, f64),
    pub y_label: String,
    pub x_label: String,
    pub source_note: String,
}

/// The view of `study` with the events in `visible_ids` shown (all when `None`) and
/// `highlight` drawn strongest. Unknown ids are ignored.
pub fn event_study_view(study: &EventStudy, visible_ids: Option<&[&str]>, highlight: &str) -> EventStudyView {
    let mut slot = 0;
    let lines: Vec<EventLine> = study
        .events
        .iter()
        .map(|e| {
            let highlighted = e.id == highlight;
            let color_slot = if highlighted { 0 } else { slot };
            if !highlighted {
                slot += 1;
            }
            EventLine {
                id: e.id.clone(),
                label: e.short_name.clone(),
                points: e.series.iter().map(|p| (p.day as f64, p.value)).collect(),
                dates: e.series.iter().map(|p| format_date(p.date)).collect(),
                visible: visible_ids.is_none_or(|ids| ids.contains(&e.id.as_str())),
                highlighted,
                color_slot,
            }
        })
        .collect();
    let (mut lo, mut hi) = (100.0f64, 100.0f64);
    for l in lines.iter().filter(|l| l.visible) {
        for &(_, v) in &l.points {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let pad = (hi - lo) * 0.05;
    // "Coinbase (github.com/mathaszip/BTCprice)": the venue (first word of each source line)
    // and the repository it names, once each.
    let mut venues: Vec<String> = Vec::new();
    for e in &study.events {
        let venue = e.price_source.split_whitespace().next().unwrap_or("");
        let repo = e.price_source.split_whitespace().find(|w| w.starts_with("github.com/")).map(|w| format!(" ({})", w.trim_end_matches([',', ';', ')'])));
        let v = format!("{venue}{}", repo.unwrap_or_default());
        if !venue.is_empty() && !venues.contains(&v) {
            venues.push(v);
        }
    }
    EventStudyView {
        lines,
        x_range: (-(SERIES_BEFORE as f64), SERIES_AFTER as f64),
        y_range: (lo - pad, hi + pad),
        y_label: "Close, day before the worst day = 100".to_string(),
        x_label: "Days from the worst day".to_string(),
        source_note: format!("daily closes of {}", venues.join(" and ")),
    }
}

/// The colour of a line: the highlighted one in the palette's `down`, the others from a
/// fixed cycle of the palette's level colours.
pub fn line_color(p: &Palette, line: &EventLine) -> RGBColor {
    if line.highlighted {
        return p.down;
    }
    [p.support, p.resistance, p.floor, p.up, p.reference][line.color_slot % 5]
}

/// Where the plotting area landed, in device pixels, and the ranges it shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EventPlot {
    pub left_px: f64,
    pub right_px: f64,
    pub top_px: f64,
    pub bottom_px: f64,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl EventPlot {
    pub fn x_of(&self, day: f64) -> f64 {
        self.left_px + (day - self.x_min) / (self.x_max - self.x_min) * (self.right_px - self.left_px)
    }
    pub fn y_of(&self, v: f64) -> f64 {
        self.bottom_px - (v - self.y_min) / (self.y_max - self.y_min) * (self.bottom_px - self.top_px)
    }
    /// The whole day offset under device-pixel `x_px`, or `None` outside the plot.
    pub fn day_at(&self, x_px: f64) -> Option<i32> {
        if x_px < self.left_px || x_px > self.right_px || self.right_px <= self.left_px {
            return None;
        }
        Some((self.x_min + (x_px - self.left_px) / (self.right_px - self.left_px) * (self.x_max - self.x_min)).round() as i32)
    }
}

/// Height of the chart in CSS px for a width.
pub fn event_study_height_css(width_css: u32) -> u32 {
    if width_css < NARROW_CSS_PX {
        340
    } else {
        380
    }
}

/// Right margin for end labels, CSS px.
fn label_margin_css(narrow: bool) -> f64 {
    if narrow {
        70.0
    } else {
        84.0
    }
}

/// An end label placed at the right of the plot, in device px.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndLabel {
    pub id: String,
    pub text: String,
    pub x_px: f64,
    /// Centre of the text.
    pub y_px: f64,
    /// Where the line ends (the label's leader points there).
    pub line_end_y_px: f64,
    pub height_px: f64,
}

/// Places one label per visible line at its last point, spread vertically by
/// [`spread_labels`] so that no two are closer than a line of text (`12 px × 1.25`), kept
/// within the plot's top and bottom when there is room.
pub fn end_labels(view: &EventStudyView, plot: &EventPlot, s: &ChartStyle) -> Vec<EndLabel> {
    let shown: Vec<_> = view.lines.iter().filter(|l| l.visible && !l.points.is_empty()).collect();
    let ends: Vec<f64> = shown.iter().map(|l| plot.y_of(l.points[l.points.len() - 1].1)).collect();
    let h = s.font(LABEL_CSS * 1.25);
    let ys = spread_labels(&ends, h, plot.top_px + h / 2.0, plot.bottom_px - h / 2.0);
    shown
        .iter()
        .zip(ends.iter().zip(ys))
        .map(|(l, (&end, y))| EndLabel { id: l.id.clone(), text: l.label.clone(), x_px: plot.right_px + s.font(LABEL_GAP_CSS), y_px: y, line_end_y_px: end, height_px: h })
        .collect()
}

const LABEL_CSS: f64 = 12.0;
/// Gap between the plot's right edge and the end labels, CSS px.
const LABEL_GAP_CSS: f64 = 8.0;

/// One visible line's value at a day, for the hover read-out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventHover {
    pub id: String,
    pub label: String,
    pub day: i32,
    pub date: String,
    pub value: f64,
    pub x_px: f64,
    pub y_px: f64,
}

/// The value of every visible line at `day` (lines without that day are left out).
pub fn hover_day(view: &EventStudyView, plot: &EventPlot, day: i32) -> Vec<EventHover> {
    view.lines
        .iter()
        .filter(|l| l.visible)
        .filter_map(|l| {
            let k = l.points.iter().position(|p| p.0 == day as f64)?;
            let v = l.points[k].1;
            Some(EventHover { id: l.id.clone(), label: l.label.clone(), day, date: l.dates[k].clone(), value: v, x_px: plot.x_of(day as f64), y_px: plot.y_of(v) })
        })
        .collect()
}

/// Draws the view and returns where the plot landed (for hover mapping).
pub fn draw_event_study<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, view: &EventStudyView, s: &ChartStyle) -> Result<EventPlot, String> {
    let p = s.palette;
    area.fill(&s.background()).map_err(err)?;
    let (w, _) = area.dim_in_pixel();
    let narrow = (w as f64) < s.px_ratio * NARROW_CSS_PX as f64;
    let (x_min, x_max) = view.x_range;
    let (y_min, y_max) = view.y_range;
    let mut chart = ChartBuilder::on(area)
        .margin_top(s.px(24.0))
        .margin_right(s.px(label_margin_css(narrow)))
        .margin_left(s.px(4.0))
        .x_label_area_size(s.px(36.0))
        .y_label_area_size(s.px(if narrow { 34.0 } else { 40.0 }))
        .build_cartesian_2d(x_min..x_max, y_min..y_max)
        .map_err(err)?;
    super::y_grid(&mut chart, s, &|y| s.fmt().number(*y, 0), 11.0)?;
    let range = chart.plotting_area().get_pixel_range();
    let plot = EventPlot { left_px: range.0.start as f64, right_px: range.0.end as f64, top_px: range.1.start as f64, bottom_px: range.1.end as f64, x_min, x_max, y_min, y_max };

    // Day ticks every 30 days; the worst day and 100 marked.
    let mut day = x_min.ceil() as i32;
    while day as f64 <= x_max {
        if day % 30 == 0 {
            let (px, py) = chart.backend_coord(&(day as f64, y_min));
            area.draw(&PathElement::new(vec![(px, py), (px, py + s.px(4.0))], p.muted_text.stroke_width(s.stroke(1.0)))).map_err(err)?;
            let text = if day == 0 { "worst day".to_string() } else { s.fmt().days_signed(day) };
            area.draw(&Text::new(text, (px, py + s.px(6.0)), font(s, 11.0, &p.muted_text).pos(Pos::new(HPos::Center, VPos::Top)))).map_err(err)?;
        }
        day += 1;
    }
    let bottom = plot.bottom_px.round() as i32 + s.px(20.0);
    area.draw(&Text::new(
        view.x_label.clone(),
        (((plot.left_px + plot.right_px) / 2.0).round() as i32, bottom),
        font(s, 11.0, &p.muted_text).pos(Pos::new(HPos::Center, VPos::Top)),
    ))
    .map_err(err)?;
    area.draw(&Text::new(view.y_label.clone(), (plot.left_px.round() as i32, s.px(6.0)), font(s, 11.0, &p.muted_text).pos(Pos::new(HPos::Left, VPos::Top)))).map_err(err)?;
    chart.draw_series(LineSeries::new(vec![(0.0, y_min), (0.0, y_max)], p.grid.stroke_width(s.stroke(1.0)))).map_err(err)?;
    chart.draw_series(DashedLineSeries::new(vec![(x_min, 100.0), (x_max, 100.0)], s.px(3.0), s.px(3.0), p.muted_text.stroke_width(s.stroke(1.0)))).map_err(err)?;

    // Others first, the highlighted line last and thickest.
    let mut order: Vec<&EventLine> = view.lines.iter().filter(|l| l.visible).collect();
    crate::model::order::sort_by(&mut order, |a, b| a.highlighted.cmp(&b.highlighted));
    for l in &order {
        let c = line_color(&p, l);
        let style = if l.highlighted { c.stroke_width(s.stroke(3.0)) } else { c.mix(0.85).stroke_width(s.stroke(1.5)) };
        chart.draw_series(LineSeries::new(l.points.iter().copied(), style)).map_err(err)?;
    }

    // End labels with a short leader from the line's end.
    for lab in end_labels(view, &plot, s) {
        let Some(line) = view.lines.iter().find(|l| l.id == lab.id) else { continue };
        let c = line_color(&p, line);
        let x0 = plot.right_px.round() as i32;
        area.draw(&PathElement::new(
            vec![(x0 + s.px(2.0), lab.line_end_y_px.round() as i32), (lab.x_px.round() as i32 - s.px(3.0), lab.y_px.round() as i32)],
            c.stroke_width(s.stroke(1.0)),
        ))
        .map_err(err)?;
        let f = if line.highlighted { (FontFamily::SansSerif, s.font(LABEL_CSS)).into_font().style(FontStyle::Bold).color(&c) } else { font(s, LABEL_CSS, &c) };
        area.draw(&Text::new(lab.text.clone(), (lab.x_px.round() as i32, lab.y_px.round() as i32), f.pos(Pos::new(HPos::Left, VPos::Center)))).map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(plot)
}

/// What the chart shows as a table: one row per visible event and day.
pub fn event_study_csv(view: &EventStudyView) -> String {
    let mut out = format!("# source: {}\nevent_id,day,date,index\n", view.source_note);
    for l in view.lines.iter().filter(|l| l.visible) {
        for (k, &(d, v)) in l.points.iter().enumerate() {
            out.push_str(&format!("{},{},{},{:.4}\n", l.id, d, l.dates[k], v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> EventStudyView {
        event_study_view(&EventStudy::bundled().unwrap(), None, "feb2026")
    }

    #[test]
    fn view_has_every_event_and_highlights_one() {
        let v = view();
        assert_eq!(v.source_note, "daily closes of Coinbase (github.com/mathaszip/BTCprice) and Bitstamp (github.com/Polv89/bitstamp-btceur-minute-data)");
        assert_eq!(v.lines.len(), 6);
        assert_eq!(v.lines.iter().filter(|l| l.highlighted).map(|l| l.id.as_str()).collect::<Vec<_>>(), vec!["feb2026"]);
        assert!(v.lines.iter().all(|l| l.visible && l.points.len() == 121));
        // check_events.py: the lowest index is COVID's day 0 (61.1876), the highest May 2021's
        // day −11 (137.5688); the y range is that, padded 5% of the span each side.
        let span = 137.5688 - 61.1876;
        assert!((v.y_range.0 - (61.1876 - span * 0.05)).abs() < 1e-3 && (v.y_range.1 - (137.5688 + span * 0.05)).abs() < 1e-3, "{:?}", v.y_range);
        let only = event_study_view(&EventStudy::bundled().unwrap(), Some(&["feb2026", "oct10_2025"]), "feb2026");
        assert_eq!(only.lines.iter().filter(|l| l.visible).count(), 2);
        // The y range follows the visible lines: Oct 2025 day +43 (69.5830) to Feb 2026 day −22
        // (132.7973), as tools/check_events.py prints them.
        let span = 132.7973 - 69.5830;
        assert!((only.y_range.0 - (69.5830 - span * 0.05)).abs() < 1e-3 && (only.y_range.1 - (132.7973 + span * 0.05)).abs() < 1e-3, "{:?}", only.y_range);
    }

    #[test]
    fn end_labels_never_overlap_at_phone_and_desktop_widths() {
        for (width, ratio) in [(360u32, 1.0), (360, 2.0), (760, 1.0), (1200, 0.8)] {
            let s = ChartStyle::new(ratio);
            let v = view();
            let w_px = (width as f64 * ratio) as u32;
            let h_px = (event_study_height_css(width) as f64 * ratio) as u32;
            let mut buf = String::new();
            let plot = {
                let area = crate::chart::measured::Measured::approximate(plotters::backend::SVGBackend::with_string(&mut buf, (w_px, h_px))).into_drawing_area();
                draw_event_study(&area, &v, &s).unwrap()
            };
            let labels = end_labels(&v, &plot, &s);
            assert_eq!(labels.len(), 6);
            for a in &labels {
                // Inside the canvas, left of its right edge (0.6 em per character).
                let width_px = a.text.chars().count() as f64 * s.font(LABEL_CSS) * 0.6;
                assert!(a.x_px + width_px <= w_px as f64, "{} leaves the canvas at {width}px", a.text);
                assert!(a.y_px - a.height_px / 2.0 >= plot.top_px - 1e-9 && a.y_px + a.height_px / 2.0 <= plot.bottom_px + 1e-9, "{} leaves the plot", a.text);
                for b in &labels {
                    if a.id != b.id {
                        assert!((a.y_px - b.y_px).abs() >= a.height_px - 1e-9, "{} and {} overlap at {width}px", a.text, b.text);
                    }
                }
            }
        }
    }

    #[test]
    fn hover_reads_each_visible_line() {
        let v = view();
        let plot = EventPlot { left_px: 40.0, right_px: 640.0, top_px: 20.0, bottom_px: 320.0, x_min: -30.0, x_max: 90.0, y_min: 50.0, y_max: 150.0 };
        // 600 px over 120 days = 5 px a day: day 0 at 190 px, day 1 at 195.
        assert_eq!(plot.day_at(190.0), Some(0));
        assert_eq!(plot.day_at(196.0), Some(1));
        assert_eq!(plot.day_at(30.0), None);
        let h = hover_day(&v, &plot, 1);
        assert_eq!(h.len(), 6);
        let feb = h.iter().find(|x| x.id == "feb2026").unwrap();
        // 6 Feb 2026: close 70,531 / 73,000 × 100 = 96.6178 (check_events.py, d+1).
        assert_eq!(feb.date, "2026-02-06");
        assert!((feb.value - 96.6178).abs() < 1e-4);
        assert!((feb.x_px - 195.0).abs() < 1e-9);
    }
}
