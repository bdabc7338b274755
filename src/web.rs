//! The JavaScript-facing layer (wasm32 only): load once into a Rust-owned handle, then each
//! interaction passes a few values and gets a small result back. No arithmetic here beyond
//! CSS px ↔ device px.

use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::chart::export::{chart_csv, chart_summary, chart_table, source_line};
use crate::chart::style::ChartStyle;
use crate::chart::svg::{draw_chart, render_svg, FOOTER_CSS_PX};
use crate::chart::{chart_height_css, price, ChartId, PlotGeometry};
use crate::model::bars::{format_date, parse_date};
use crate::model::ingest::MarketSeries;
use crate::model::{Explainer, Reference, StoryView};

#[derive(serde::Serialize)]
struct LoadSummary {
    kind: &'static str,
    format: String,
    first: String,
    last: String,
    days: usize,
    warnings: Vec<String>,
}

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

fn chart_id(id: &str) -> Result<ChartId, JsError> {
    ChartId::parse(id).ok_or_else(|| JsError::new(&format!("'{id}' is not one of price, open-interest, ladder")))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs, once, a panic hook that keeps the panic's message and place in words for
/// [`last_panic`] (and logs it), so the page can say what failed instead of "unreachable".
/// The release build aborts on panic (`panic = "abort"`): the instance is dead after one, and
/// the page must make a new one; the message survives in this module's memory until then.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let what = info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_else(|| "a panic".into());
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            let message = crate::model::error::cap(&format!("internal error: {what}{place}"), 300);
            console_error(&message);
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
        }));
    });
}

/// The message of the last panic inside the wasm, in words, or `undefined` if none happened.
#[wasm_bindgen]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// The explainer for the page: validated data, the reader's choices and the current view.
#[wasm_bindgen]
pub struct App {
    explainer: Explainer,
    /// The story figures' text and name, kept to rebuild the explainer on new prices.
    figures: (String, String),
    /// Market series loaded so far, applied again when new prices arrive.
    markets: Vec<MarketSeries>,
    reference: Reference,
    scenario: String,
    view: StoryView,
    /// Visible bars of the price chart, inclusive.
    window: (usize, usize),
    dark: bool,
    price_geometry: Option<PlotGeometry>,
    px_ratio: f64,
}

#[wasm_bindgen]
impl App {
    /// Validates the price CSV and the story figures CSV. The error message names the file, row
    /// and field.
    #[wasm_bindgen(constructor)]
    pub fn new(prices_csv: &str, prices_name: &str, figures_csv: &str, figures_name: &str) -> Result<App, JsError> {
        install_panic_hook();
        let explainer = Explainer::new(prices_csv, prices_name, figures_csv, figures_name).map_err(js_err)?;
        let view = explainer.view(Reference::ArticleFraming, "recovery").map_err(js_err)?;
        let window = (0, explainer.series.bars.len() - 1);
        Ok(App { explainer, figures: (figures_csv.to_string(), figures_name.to_string()), markets: Vec::new(), reference: Reference::ArticleFraming, scenario: "recovery".into(), view, window, dark: false, price_geometry: None, px_ratio: 1.0 })
    }

    /// Loads fetched data of any format `model::ingest` reads: prices replace the bars (market
    /// series loaded before are applied again), a market series (open interest, liquidations,
    /// funding) replaces the article's figure, a story brings both. On any error (naming the
    /// source, row and field) nothing changes. Keeps the scenario; keeps the reference date when
    /// the new data has it. Returns `{kind, format, first, last, days, warnings}`.
    pub fn load_data(&mut self, text: &str, source_name: &str) -> Result<JsValue, JsError> {
        // The one door, shared with `check-data`.
        let loaded = crate::model::session::load(&self.explainer, (&self.figures.0, &self.figures.1), &self.markets, text, source_name).map_err(js_err)?;
        let (explainer, markets, kind, format) = (loaded.explainer, loaded.new_markets, loaded.kind, loaded.format);
        let reference = match self.reference {
            Reference::Close(d) if explainer.series.index_of(d).is_none() => Reference::ArticleFraming,
            r => r,
        };
        self.view = explainer.view(reference, &self.scenario).map_err(js_err)?;
        self.reference = reference;
        self.window = (0, explainer.series.bars.len() - 1);
        self.explainer = explainer;
        self.markets.extend(markets);
        let s = &self.explainer.series;
        let summary = LoadSummary { kind, format, first: format_date(s.first_date()), last: format_date(s.last_date()), days: s.bars.len(), warnings: s.warnings.clone() };
        to_js(&summary)
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

    /// Shows bars `first..=last` on the price chart (clamped to the data, at least 5 bars).
    pub fn set_window(&mut self, first: usize, last: usize) {
        let n = self.explainer.series.bars.len();
        let last = last.min(n - 1);
        let first = first.min(last.saturating_sub(4));
        self.window = (first, last.max(first + 4).min(n - 1));
    }

    /// A named time range: `1m`, `3m`, `6m` (the last 30, 91, 182 days), `since_high`, `all`.
    pub fn set_window_preset(&mut self, preset: &str) -> Result<(), JsError> {
        let n = self.explainer.series.bars.len();
        let days = match preset {
            "1m" => 30,
            "3m" => 91,
            "6m" => 182,
            "since_high" => n - self.explainer.series.index_of(self.explainer.ath.date).unwrap_or(0),
            "all" => n,
            _ => return Err(JsError::new(&format!("'{preset}' is not one of 1m, 3m, 6m, since_high, all"))),
        };
        self.set_window(n.saturating_sub(days), n - 1);
        Ok(())
    }

    /// The visible window as `[first_date, last_date]`.
    pub fn window_dates(&self) -> Vec<String> {
        let b = &self.explainer.series.bars;
        vec![format_date(b[self.window.0].date), format_date(b[self.window.1].date)]
    }

    /// Bar index under CSS-px `x_css` of the price chart (for drag-to-zoom), or `undefined`.
    pub fn price_bar_at(&self, x_css: f64) -> Option<usize> {
        self.price_geometry?.bar_at(x_css * self.px_ratio)
    }

    /// Switches the charts' palette.
    pub fn set_dark(&mut self, dark: bool) {
        self.dark = dark;
    }

    /// The palette as CSS custom properties, `[[name, value], …]`.
    pub fn palette_css_vars(&self) -> Result<JsValue, JsError> {
        to_js(&ChartStyle::new(1.0).themed(self.dark).palette.css_vars())
    }

    /// The current view as a plain object (see `StoryView`).
    pub fn view(&self) -> Result<JsValue, JsError> {
        to_js(&self.view)
    }

    /// First and last dates of the data, `[first, last]`.
    pub fn date_span(&self) -> Vec<String> {
        vec![format_date(self.explainer.series.first_date()), format_date(self.explainer.series.last_date())]
    }

    /// Number of daily bars.
    pub fn bar_count(&self) -> usize {
        self.explainer.series.bars.len()
    }

    /// A chart's height in CSS px for a CSS width (`price`, `open-interest`, `ladder`).
    pub fn chart_height(&self, id: &str, width_css: u32) -> Result<u32, JsError> {
        Ok(chart_height_css(chart_id(id)?, width_css))
    }

    /// Draws a chart on a canvas whose backing store is already CSS size × `px_ratio`.
    pub fn draw(&mut self, id: &str, canvas: HtmlCanvasElement, px_ratio: f64) -> Result<(), JsError> {
        let id = chart_id(id)?;
        if let Some(g) = self.draw_on(id, canvas, px_ratio, false)? {
            self.price_geometry = Some(g);
            self.px_ratio = px_ratio;
        }
        Ok(())
    }

    /// Draws a chart for export on a canvas sized CSS size × `px_ratio` plus the source
    /// footer (`export_height`), leaving the on-screen hover mapping alone.
    pub fn draw_export(&self, id: &str, canvas: HtmlCanvasElement, px_ratio: f64) -> Result<(), JsError> {
        self.draw_on(chart_id(id)?, canvas, px_ratio, true).map(|_| ())
    }

    /// Height in CSS px of an exported chart at a CSS width (chart plus source footer).
    pub fn export_height(&self, id: &str, width_css: u32) -> Result<u32, JsError> {
        Ok(chart_height_css(chart_id(id)?, width_css) + FOOTER_CSS_PX)
    }

    /// A chart as SVG text at `width_css`, as currently shown (theme, window, scenario), with
    /// its source line.
    pub fn chart_svg(&self, id: &str, width_css: u32) -> Result<String, JsError> {
        let id = chart_id(id)?;
        let footer = source_line(id, &self.explainer, &self.view);
        render_svg(id, &self.explainer, &self.view, width_css, &ChartStyle::new(1.0).themed(self.dark), self.window, Some(&footer)).map_err(js_err)
    }

    /// The data behind a chart as CSV with its source line.
    pub fn chart_csv(&self, id: &str) -> Result<String, JsError> {
        chart_csv(chart_id(id)?, &self.explainer, &self.view, self.window).map_err(js_err)
    }

    /// The data behind a chart as `{notes, columns, rows}` (the chart's table alternative).
    pub fn chart_table(&self, id: &str) -> Result<JsValue, JsError> {
        to_js(&chart_table(chart_id(id)?, &self.explainer, &self.view, self.window))
    }

    /// A sentence summarising what a chart shows.
    pub fn chart_summary(&self, id: &str) -> Result<String, JsError> {
        Ok(chart_summary(chart_id(id)?, &self.explainer, &self.view, self.window))
    }

    /// The hover content at CSS-px `x_css` of the price chart, with positions in CSS px; `null`
    /// outside the plotting area or before the first draw.
    pub fn hover_price(&self, x_css: f64) -> Result<JsValue, JsError> {
        let Some(g) = self.price_geometry else { return Ok(JsValue::NULL) };
        self.hover_result(price::hover_info(&self.explainer, &g, x_css * self.px_ratio))
    }

    /// The hover content for bar `idx` (keyboard stepping), clamped to the visible window.
    pub fn hover_bar(&self, idx: usize) -> Result<JsValue, JsError> {
        let Some(g) = self.price_geometry else { return Ok(JsValue::NULL) };
        let idx = idx.clamp(self.window.0, self.window.1);
        self.hover_result(price::hover_info(&self.explainer, &g, g.x_of_bar(idx)))
    }

    /// The visible window as bar indices `[first, last]`.
    pub fn window(&self) -> Vec<usize> {
        vec![self.window.0, self.window.1]
    }

    /// The price chart's plotting area in CSS px: `[left, top, right, bottom]`.
    pub fn price_plot_area_css(&self) -> Vec<f64> {
        self.price_geometry.map(|g| vec![g.left_px, g.top_px, g.right_px, g.bottom_px].into_iter().map(|v| v / self.px_ratio).collect()).unwrap_or_default()
    }
}

impl App {
    fn draw_on(&self, id: ChartId, canvas: HtmlCanvasElement, px_ratio: f64, with_footer: bool) -> Result<Option<PlotGeometry>, JsError> {
        let backend = crate::web_canvas::measured_canvas(canvas).ok_or_else(|| JsError::new("no 2D context on the canvas"))?;
        let area = backend.into_drawing_area();
        let style = ChartStyle::new(px_ratio).themed(self.dark);
        let footer = with_footer.then(|| source_line(id, &self.explainer, &self.view));
        draw_chart(id, &area, &self.explainer, &self.view, &style, self.window, footer.as_deref()).map_err(js_err)
    }

    fn hover_result(&self, h: Option<price::HoverInfo>) -> Result<JsValue, JsError> {
        match h {
            Some(mut h) => {
                h.x_px /= self.px_ratio;
                h.y_close_px /= self.px_ratio;
                to_js(&h)
            }
            None => Ok(JsValue::NULL),
        }
    }
}
