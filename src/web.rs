//! The JavaScript-facing layer (wasm32 only): load once into a Rust-owned handle, then each
//! interaction passes a few values and gets a small result back. No arithmetic here beyond
//! CSS px ↔ device px.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::chart::style::ChartStyle;
use crate::chart::{ladder::draw_ladder, open_interest::draw_open_interest, price, PlotGeometry};
use crate::model::bars::parse_date;
use crate::model::{Explainer, Reference, StoryView};

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

/// The explainer for the page: validated data, the reader's choices and the current view.
#[wasm_bindgen]
pub struct App {
    explainer: Explainer,
    reference: Reference,
    scenario: String,
    view: StoryView,
    price_geometry: Option<PlotGeometry>,
    px_ratio: f64,
}

#[wasm_bindgen]
impl App {
    /// Validates the price CSV and the story figures CSV. The error message names the file, row
    /// and field.
    #[wasm_bindgen(constructor)]
    pub fn new(prices_csv: &str, prices_name: &str, figures_csv: &str, figures_name: &str) -> Result<App, JsError> {
        let explainer = Explainer::new(prices_csv, prices_name, figures_csv, figures_name).map_err(js_err)?;
        let view = explainer.view(Reference::ArticleFraming, "recovery").map_err(js_err)?;
        Ok(App { explainer, reference: Reference::ArticleFraming, scenario: "recovery".into(), view, price_geometry: None, px_ratio: 1.0 })
    }

    /// Selects a scenario by id and recomputes the view.
    pub fn set_scenario(&mut self, id: &str) -> Result<(), JsError> {
        self.view = self.explainer.view(self.reference, id).map_err(js_err)?;
        self.scenario = id.to_string();
        Ok(())
    }

    /// Sets the reference to the close of `iso_date` (`YYYY-MM-DD`), or to the article's framing
    /// when empty. On error the previous reference stays.
    pub fn set_reference_date(&mut self, iso_date: &str) -> Result<(), JsError> {
        let reference = if iso_date.trim().is_empty() {
            Reference::ArticleFraming
        } else {
            Reference::Close(parse_date(iso_date).ok_or_else(|| JsError::new(&format!("'{iso_date}' is not a date YYYY-MM-DD")))?)
        };
        self.view = self.explainer.view(reference, &self.scenario).map_err(js_err)?;
        self.reference = reference;
        Ok(())
    }

    /// The current view as a plain object (see `StoryView`).
    pub fn view(&self) -> Result<JsValue, JsError> {
        to_js(&self.view)
    }

    /// First and last dates of the data, `[first, last]`.
    pub fn date_span(&self) -> Vec<String> {
        use crate::model::bars::format_date;
        vec![format_date(self.explainer.series.first_date()), format_date(self.explainer.series.last_date())]
    }

    /// Number of daily bars.
    pub fn bar_count(&self) -> usize {
        self.explainer.series.bars.len()
    }

    /// Draws the price chart on a canvas whose backing store is already CSS size × `px_ratio`.
    pub fn draw_price(&mut self, canvas: HtmlCanvasElement, px_ratio: f64) -> Result<(), JsError> {
        let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("no 2D context on the price canvas"))?;
        let g = price::draw_price(&backend.into_drawing_area(), &self.explainer, &self.view, &ChartStyle::new(px_ratio)).map_err(js_err)?;
        self.price_geometry = Some(g);
        self.px_ratio = px_ratio;
        Ok(())
    }

    /// Draws the open-interest chart.
    pub fn draw_open_interest(&self, canvas: HtmlCanvasElement, px_ratio: f64) -> Result<(), JsError> {
        let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("no 2D context on the open-interest canvas"))?;
        draw_open_interest(&backend.into_drawing_area(), &self.view, &ChartStyle::new(px_ratio)).map_err(js_err)
    }

    /// Draws the scenario ladder.
    pub fn draw_ladder(&self, canvas: HtmlCanvasElement, px_ratio: f64) -> Result<(), JsError> {
        let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("no 2D context on the ladder canvas"))?;
        draw_ladder(&backend.into_drawing_area(), &self.view, &ChartStyle::new(px_ratio)).map_err(js_err)
    }

    /// The hover content at CSS-px `x_css` of the price chart, with positions in CSS px; `null`
    /// outside the plotting area or before the first draw.
    pub fn hover_price(&self, x_css: f64) -> Result<JsValue, JsError> {
        let Some(g) = self.price_geometry else { return Ok(JsValue::NULL) };
        match price::hover_info(&self.explainer, &g, x_css * self.px_ratio) {
            Some(mut h) => {
                h.x_px /= self.px_ratio;
                h.y_close_px /= self.px_ratio;
                to_js(&h)
            }
            None => Ok(JsValue::NULL),
        }
    }

    /// The price chart's plotting area in CSS px: `[left, top, right, bottom]`.
    pub fn price_plot_area_css(&self) -> Vec<f64> {
        self.price_geometry.map(|g| vec![g.left_px, g.top_px, g.right_px, g.bottom_px].into_iter().map(|v| v / self.px_ratio).collect()).unwrap_or_default()
    }
}
