//! The event study for the page (wasm32 only): a handle of its own, so it loads with the full
//! analysis and not with the compact first view. No arithmetic here beyond CSS px ↔ device px.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::chart::event_study::{draw_event_study, event_study_csv, event_study_height_css, event_study_view, hover_day, EventPlot, EventStudyView};
use crate::chart::svg::render_event_study_svg_on;
use crate::model::events::{sentences, EventFigures, EventStudy};
use crate::model::text::Text;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

#[derive(serde::Serialize)]
struct PanelData<'a> {
    events: &'a [EventFigures],
    highlight: &'a str,
    sentences: Vec<Text>,
    source_note: String,
}

#[derive(serde::Serialize)]
struct Hover {
    day: i32,
    x_css: f64,
    lines: Vec<HoverLine>,
}

#[derive(serde::Serialize)]
struct HoverLine {
    id: String,
    label: String,
    date: String,
    value: f64,
    y_css: f64,
}

/// The event study: validated files, the visible events, where the chart was last drawn.
#[wasm_bindgen]
pub struct EventsPanel {
    study: EventStudy,
    highlight: String,
    visible: Option<Vec<String>>,
    plot: Option<EventPlot>,
    px_ratio: f64,
    transparent: bool,
}

#[wasm_bindgen]
impl EventsPanel {
    /// Validates the events, windows and leverage CSVs; the error names the file, row and field.
    /// `highlight` is the event drawn strongest and described by the sentences.
    #[wasm_bindgen(constructor)]
    pub fn new(
        events_csv: &str,
        events_name: &str,
        windows_csv: &str,
        windows_name: &str,
        leverage_csv: &str,
        leverage_name: &str,
        highlight: &str,
    ) -> Result<EventsPanel, JsError> {
        let study = EventStudy::new(events_csv, events_name, windows_csv, windows_name, leverage_csv, leverage_name).map_err(js_err)?;
        if study.find(highlight).is_none() {
            return Err(JsError::new(&format!("{events_name}: no event '{highlight}' to highlight")));
        }
        Ok(EventsPanel { study, highlight: highlight.to_string(), visible: None, plot: None, px_ratio: 1.0, transparent: false })
    }

    /// `{events, highlight, sentences, source_note}`: every figure of every event (fractions,
    /// USD, dates `YYYY-MM-DD`) with the leverage rows and their provenance; the sentences as
    /// text parts (see `model::text`), which the page formats with `Intl`.
    pub fn data(&self) -> Result<JsValue, JsError> {
        let view = self.view();
        to_js(&PanelData {
            events: &self.study.events,
            highlight: &self.highlight,
            sentences: sentences(&self.study, &self.highlight).unwrap_or_default(),
            source_note: view.source_note,
        })
    }

    /// Shows only these event ids (unknown ids are ignored).
    pub fn set_visible(&mut self, ids: Vec<String>) {
        self.visible = Some(ids);
    }

    /// The chart's height in CSS px for a CSS width.
    pub fn height(&self, width_css: u32) -> u32 {
        event_study_height_css(width_css)
    }

    /// On screen, draws no chart background when `transparent` (see `ChartStyle::transparent`).
    pub fn set_transparent(&mut self, transparent: bool) {
        self.transparent = transparent;
    }

    /// Draws the chart on a canvas whose backing store is already CSS size × `px_ratio`.
    pub fn draw(&mut self, canvas: HtmlCanvasElement, px_ratio: f64, dark: bool) -> Result<(), JsError> {
        let area = crate::web_canvas::canvas_area(canvas)?;
        let plot = draw_event_study(&area, &self.view(), &crate::web::page_style(px_ratio, dark).see_through(self.transparent)).map_err(js_err)?;
        self.plot = Some(plot);
        self.px_ratio = px_ratio;
        Ok(())
    }

    /// The visible lines' values at the day under CSS-px `x_css`, `{day, x_css, lines: [{id,
    /// label, date, value, y_css}]}`; `null` outside the plot or before the first draw.
    pub fn hover(&self, x_css: f64) -> Result<JsValue, JsError> {
        let Some(plot) = self.plot else { return Ok(JsValue::NULL) };
        match plot.day_at(x_css * self.px_ratio) {
            Some(day) => self.hover_day(day),
            None => Ok(JsValue::NULL),
        }
    }

    /// The same for a day offset (keyboard stepping), clamped to the axis.
    pub fn hover_day(&self, day: i32) -> Result<JsValue, JsError> {
        let Some(plot) = self.plot else { return Ok(JsValue::NULL) };
        let day = day.clamp(plot.x_min as i32, plot.x_max as i32);
        let lines =
            hover_day(&self.view(), &plot, day).into_iter().map(|h| HoverLine { id: h.id, label: h.label, date: h.date, value: h.value, y_css: h.y_px / self.px_ratio }).collect();
        to_js(&Hover { day, x_css: plot.x_of(day as f64) / self.px_ratio, lines })
    }

    /// The plot area in CSS px: `[left, top, right, bottom]`.
    pub fn plot_area_css(&self) -> Vec<f64> {
        self.plot.map(|p| [p.left_px, p.top_px, p.right_px, p.bottom_px].into_iter().map(|v| v / self.px_ratio).collect()).unwrap_or_default()
    }

    /// The chart as SVG text at `width_css` with its source line.
    pub fn svg(&self, width_css: u32, dark: bool) -> Result<String, JsError> {
        let view = self.view();
        let footer = format!("Source: {}", view.source_note);
        let mut buf = String::new();
        render_event_study_svg_on(&mut buf, crate::web_canvas::svg, &view, width_css, &crate::web::page_style(1.0, dark), Some(&footer)).map_err(js_err)?;
        Ok(crate::chart::svg::round_font_sizes(&buf))
    }

    /// The visible lines as CSV (`event_id,day,date,index`) with the source line.
    pub fn csv(&self) -> String {
        event_study_csv(&self.view())
    }
}

impl EventsPanel {
    fn view(&self) -> EventStudyView {
        let ids: Option<Vec<&str>> = self.visible.as_ref().map(|v| v.iter().map(String::as_str).collect());
        event_study_view(&self.study, ids.as_deref(), &self.highlight)
    }
}
