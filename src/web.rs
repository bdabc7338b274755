//! The JavaScript-facing layer (wasm32 only): load once into a Rust-owned handle, then each
//! interaction passes a few values and gets a small result back. No arithmetic here beyond
//! CSS px ↔ device px.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use std::rc::Rc;

#[cfg(feature = "full")]
use crate::chart::export::chart_csv;
use crate::chart::export::{chart_summary, chart_table, source_line};
use crate::chart::labels::{EnUs, LabelFormat};
use crate::chart::style::ChartStyle;
#[cfg(feature = "full")]
use crate::chart::svg::render_svg_on;
use crate::chart::svg::{draw_chart, footer_height_css};
use crate::chart::{chart_height_css, price, ChartId, PlotGeometry};
use crate::model::bars::format_date;
use crate::session::Session;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

fn chart_id(id: &str) -> Result<ChartId, JsError> {
    ChartId::parse(id).ok_or_else(|| match id {
        // The default module's page is the compact one: the other two charts are the full analysis's.
        "open-interest" | "ladder" => JsError::new(&format!("the {id} chart is in the full module (useFullModule)")),
        _ => JsError::new(&format!("'{}' is not one of price, open-interest, ladder", id.chars().take(20).collect::<String>())),
    })
}

/// Chart labels written by the page's function `f(kind, value, digits)` (see
/// [`App::set_label_format`]): `kind` names the [`LabelFormat`] method (`usd_short` "$64k",
/// `usd_full` "$89,070", `pct_signed` "+12%", `number` with `digits` decimals, `days_signed`
/// "+30", `month` "Aug", `day_month` "10 Oct", `month_year` "Aug 2025"); `value` is a number
/// (percents as fractions) or a date `YYYY-MM-DD`. A call that throws or returns no string
/// (the page returns `null` for en-US) keeps the en-US label.
struct JsLabels(js_sys::Function);

// By hand: the derived Debug would print the function through wasm-bindgen's debug glue.
impl std::fmt::Debug for JsLabels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JsLabels")
    }
}

impl JsLabels {
    fn call(&self, kind: &str, value: JsValue, digits: usize, en_us: impl FnOnce() -> String) -> String {
        self.0.call3(&JsValue::NULL, &JsValue::from_str(kind), &value, &JsValue::from(digits as u32)).ok().and_then(|s| s.as_string()).unwrap_or_else(en_us)
    }
}

impl LabelFormat for JsLabels {
    fn usd_short(&self, usd: f64) -> String {
        self.call("usd_short", usd.into(), 0, || EnUs.usd_short(usd))
    }
    fn usd_full(&self, usd: f64) -> String {
        self.call("usd_full", usd.into(), 0, || EnUs.usd_full(usd))
    }
    fn pct_signed(&self, pct: f64) -> String {
        self.call("pct_signed", (pct / 100.0).into(), 0, || EnUs.pct_signed(pct))
    }
    fn number(&self, v: f64, digits: usize) -> String {
        self.call("number", v.into(), digits, || EnUs.number(v, digits))
    }
    fn days_signed(&self, days: i32) -> String {
        self.call("days_signed", days.into(), 0, || EnUs.days_signed(days))
    }
    fn month(&self, d: time::Date) -> String {
        self.call("month", format_date(d).into(), 0, || EnUs.month(d))
    }
    fn day_month(&self, d: time::Date) -> String {
        self.call("day_month", format_date(d).into(), 0, || EnUs.day_month(d))
    }
    fn month_year(&self, d: time::Date) -> String {
        self.call("month_year", format_date(d).into(), 0, || EnUs.month_year(d))
    }
}

thread_local! {
    static LABELS: std::cell::RefCell<Option<Rc<dyn LabelFormat>>> = const { std::cell::RefCell::new(None) };
}

/// The charts' style for a render in the page: the theme, the ratio, the page's label format
/// (en-US until the page sets one).
pub(crate) fn page_style(px_ratio: f64, dark: bool) -> ChartStyle {
    let style = ChartStyle::new(px_ratio).themed(dark);
    match LABELS.with(|l| l.borrow().clone()) {
        Some(labels) => style.with_labels(labels),
        None => style,
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs, once, a panic hook that keeps the panic's message in words for [`take_panic`]
/// (and logs it with its place in the code), so the page can say what failed instead of
/// "unreachable". The release build aborts on panic (`panic = "abort"`): the object that was
/// called stays borrowed, so the page builds a new [`App`] from its last good inputs
/// (`www/main.js`, `guarded`). What the dead call had allocated is not freed.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let what =
                info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_else(|| "a panic".into());
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            console_error(&crate::model::error::cap(&format!("leverage-reset: internal error: {what}{place}"), 300));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(crate::model::error::cap(&what, 200)));
        }));
    });
}

/// The message of a panic inside the wasm since the last call, in words (without its place in
/// the code), or `undefined` if none happened. Reading it clears it.
#[wasm_bindgen]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

/// This instance's linear memory in bytes (it grows and is never given back; see [`crate::memory`]).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    crate::memory::linear_memory_bytes()
}

/// See [`crate::memory::should_renew`]: whether the page should rebuild its cores in a new instance.
#[wasm_bindgen]
pub fn should_renew(memory_bytes: f64, empty_bytes: f64, input_bytes: f64) -> bool {
    crate::memory::should_renew(memory_bytes, empty_bytes, input_bytes)
}

/// The explainer for the page: a [`Session`] plus what only the browser has (the theme, the
/// price chart's geometry for hover mapping, the device-pixel ratio).
#[wasm_bindgen]
pub struct App {
    session: Session,
    dark: bool,
    price_geometry: Option<PlotGeometry>,
    /// The price chart's base as last drawn, for its scenario layer.
    price_layout: Option<price::PriceLayout>,
    /// The rows the scenario layer last drew on (`Some(None)`: none); `None` after the base is
    /// drawn, when every row is composed again (see `price::repaint_rows`).
    scenario_rows: Option<Option<price::Rows>>,
    /// The scenario layers drawn since the base, each on a canvas of its rows alone, by its
    /// target, label and rows: a switch back copies one (a canvas never drawn on again copies
    /// fastest).
    strips: Vec<(String, price::Rows, HtmlCanvasElement)>,
    px_ratio: f64,
    transparent: bool,
    colors: Vec<(String, plotters::style::RGBColor)>,
}

#[wasm_bindgen]
impl App {
    /// Panics on purpose: the page's tests call it to check that a failure inside the core
    /// leaves the page working (see `guarded` in `www/main.js`).
    pub fn panic_for_test(&self) {
        panic!("a failure on purpose, for the recovery test");
    }

    /// The bundled prices and story figures in their compact forms (the bytes of
    /// `data/btcusd_bitstamp_daily.bin` and `data/story_figures.bin`; see
    /// [`Session::from_compact`]). The error message names the file and the byte, or the
    /// figure's row and field.
    pub fn from_compact(prices: &[u8], prices_name: &str, figures: &[u8], figures_name: &str) -> Result<App, JsError> {
        install_panic_hook();
        Ok(App::with(Session::from_compact(prices, prices_name, figures, figures_name).map_err(js_err)?))
    }

    /// See [`Session::set_scenario`].
    pub fn set_scenario(&mut self, id: &str) -> Result<(), JsError> {
        self.session.set_scenario(id).map_err(js_err)
    }

    /// See [`Session::set_reference_date`].
    pub fn set_reference_date(&mut self, iso_date: &str) -> Result<(), JsError> {
        self.session.set_reference_date(iso_date).map_err(js_err)
    }

    /// See [`Session::set_window`].
    pub fn set_window(&mut self, first: usize, last: usize) {
        self.session.set_window(first, last)
    }

    /// See [`Session::set_window_preset`].
    pub fn set_window_preset(&mut self, preset: &str) -> Result<(), JsError> {
        self.session.set_window_preset(preset).map_err(js_err)
    }

    /// The visible window as `[first_date, last_date]`.
    pub fn window_dates(&self) -> Vec<String> {
        let (a, b) = self.session.window_dates();
        vec![a, b]
    }

    /// The scenarios in the page's order: `[{id, label, short_label, origin, summary}]`.
    pub fn scenario_list(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.view.scenarios.iter().map(|s| (s.id, s.label, s.short_label, s.origin, &s.summary)).collect::<Vec<_>>())
    }

    /// Bar index under CSS-px `x_css` of the price chart (for drag-to-zoom), or `undefined`.
    pub fn price_bar_at(&self, x_css: f64) -> Option<usize> {
        self.price_geometry?.bar_at(x_css * self.px_ratio)
    }

    /// The charts' label format `f(kind, value, digits)` for every chart of the page; see `JsLabels` in src/web.rs.
    pub fn set_label_format(&self, f: Option<js_sys::Function>) {
        LABELS.with(|l| *l.borrow_mut() = f.map(|f| Rc::new(JsLabels(f)) as Rc<dyn LabelFormat>));
    }

    /// Switches the charts' palette.
    pub fn set_dark(&mut self, dark: bool) {
        self.dark = dark;
    }

    /// On screen, draws no chart background when `transparent` (the host's shows through; see
    /// [`ChartStyle::transparent`]).
    pub fn set_transparent(&mut self, transparent: bool) {
        self.transparent = transparent;
    }

    /// Replaces one palette colour by the host's (see [`crate::chart::style::Palette::with_color`]
    /// for the names). Kept across theme switches until [`App::clear_colors`].
    pub fn set_color(&mut self, name: &str, r: u8, g: u8, b: u8) -> Result<(), JsError> {
        let c = plotters::style::RGBColor(r, g, b);
        crate::chart::style::LIGHT.with_color(name, c).map_err(js_err)?;
        self.colors.retain(|(n, _)| n != name);
        self.colors.push((name.to_string(), c));
        Ok(())
    }

    /// Back to the theme's own colours.
    pub fn clear_colors(&mut self) {
        self.colors.clear();
    }

    /// The palette as CSS custom properties, `[[name, value], …]`.
    pub fn palette_css_vars(&self) -> Result<JsValue, JsError> {
        to_js(&self.style(1.0, false).palette.css_vars())
    }

    /// The paragraphs whose words or figures changed since the last call, `{metrics, text}`
    /// (`Session::text_changes`): all a scenario switch rebuilds.
    pub fn text_changes(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.session.text_changes())
    }

    /// The current view as a plain object (see `StoryView`).
    pub fn view(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.view)
    }

    /// First and last dates of the data, `[first, last]`.
    pub fn date_span(&self) -> Vec<String> {
        vec![format_date(self.session.explainer.series.first_date()), format_date(self.session.explainer.series.last_date())]
    }

    /// Number of daily bars.
    pub fn bar_count(&self) -> usize {
        self.session.explainer.series.bars.len()
    }

    /// A chart's height in CSS px for a CSS width (`price`, `open-interest`, `ladder`).
    pub fn chart_height(&self, id: &str, width_css: u32) -> Result<u32, JsError> {
        Ok(chart_height_css(chart_id(id)?, width_css))
    }

    /// Draws a chart on a canvas whose backing store is already CSS size × `px_ratio`. For
    /// `price`, the base only: its scenario layer goes on its own canvas
    /// (`draw_price_scenario`), so a switch redraws only that.
    pub fn draw(&mut self, id: &str, canvas: HtmlCanvasElement, px_ratio: f64) -> Result<(), JsError> {
        let id = chart_id(id)?;
        if id == ChartId::Price {
            let area = crate::web_canvas::canvas_area(canvas)?;
            let s = &self.session;
            let layout = price::draw_price_base(&area, &s.explainer, &s.view, &self.style(px_ratio, true), s.window).map_err(js_err)?;
            area.present().map_err(js_err)?;
            self.price_geometry = Some(layout.geometry);
            self.price_layout = Some(layout);
            self.scenario_rows = None;
            self.strips.clear();
            self.px_ratio = px_ratio;
            return Ok(());
        }
        self.draw_on(id, canvas, px_ratio, false).map(|_| ())
    }

    /// Composes the price chart on screen: copies onto `canvas` the rows of `base` (the chart
    /// without its target, drawn by [`App::draw`]; a canvas off the document of `canvas`'
    /// device-px size) that the last target and the new one cover (`price::repaint_rows`; after
    /// the base is drawn, every row), then the scenario layer (the selected target and its
    /// label), drawn once per target on a canvas off the document holding its rows alone: text
    /// drawn there needs no style of the page (on a canvas in the document, setting the font
    /// recalculates the page's pending style). A switch calls only this. Before the price
    /// chart's first draw it only clears and copies.
    pub fn draw_price_scenario(&mut self, canvas: HtmlCanvasElement, base: HtmlCanvasElement) -> Result<(), JsError> {
        let style = self.style(self.px_ratio, true);
        let (width, height) = (canvas.width(), canvas.height());
        let now = self.price_layout.as_ref().and_then(|layout| price::scenario_rows(&self.session.view, &style, layout));
        let rows = price::repaint_rows(self.scenario_rows.take(), now, height);
        let strip = match (now, &self.price_layout) {
            (Some(r), Some(layout)) => {
                let key = price::scenario_key(&self.session.view);
                match self.strips.iter().find(|(k, kr, _)| *k == key && *kr == r) {
                    Some((_, _, c)) => Some((c.clone(), r.0)),
                    None => {
                        let c = crate::web_canvas::new_canvas(width, r.1 - r.0);
                        let area = crate::web_canvas::canvas_rows_area(c.clone(), (width, layout.height_px), r.0)?;
                        price::draw_price_scenario(&area, &self.session.view, &style, layout).map_err(js_err)?;
                        area.present().map_err(js_err)?;
                        self.strips.push((key, r, c.clone()));
                        Some((c, r.0))
                    }
                }
            }
            _ => None,
        };
        crate::web_canvas::compose(&canvas, &base, &rows, strip.as_ref().map(|(c, top)| (c, *top))).map_err(js_err)?;
        // Known only once drawn and copied: a failure above leaves it unknown (every row next).
        self.scenario_rows = self.price_layout.as_ref().map(|_| now);
        Ok(())
    }

    /// Draws a chart for export on a canvas sized CSS size × `px_ratio` plus the source
    /// footer (`export_height`), leaving the on-screen hover mapping alone.
    pub fn draw_export(&self, id: &str, canvas: HtmlCanvasElement, px_ratio: f64) -> Result<(), JsError> {
        self.draw_on(chart_id(id)?, canvas, px_ratio, true).map(|_| ())
    }

    /// Height in CSS px of an exported chart at a CSS width (chart plus source footer).
    pub fn export_height(&self, id: &str, width_css: u32) -> Result<u32, JsError> {
        let id = chart_id(id)?;
        let footer = source_line(id, &self.session.explainer, &self.session.view, Some(&*self.style(1.0, false).labels));
        Ok(chart_height_css(id, width_css) + footer_height_css(&footer, width_css))
    }

    /// The data behind a chart as `{notes, columns, rows}` (the chart's table alternative).
    pub fn chart_table(&self, id: &str) -> Result<JsValue, JsError> {
        to_js(&chart_table(chart_id(id)?, &self.session.explainer, &self.session.view, self.session.window))
    }

    /// A sentence summarising what a chart shows, as text parts (see `model::text`).
    pub fn chart_summary(&self, id: &str) -> Result<JsValue, JsError> {
        to_js(&chart_summary(chart_id(id)?, &self.session.explainer, &self.session.view, self.session.window))
    }

    /// The hover content at CSS-px `x_css` of the price chart, with positions in CSS px; `null`
    /// outside the plotting area or before the first draw.
    pub fn hover_price(&self, x_css: f64) -> Result<JsValue, JsError> {
        let Some(g) = self.price_geometry else { return Ok(JsValue::NULL) };
        self.hover_result(price::hover_info(&self.session.explainer, &g, x_css * self.px_ratio))
    }

    /// The hover content for bar `idx` (keyboard stepping), clamped to the visible window.
    pub fn hover_bar(&self, idx: usize) -> Result<JsValue, JsError> {
        let Some(g) = self.price_geometry else { return Ok(JsValue::NULL) };
        let idx = idx.clamp(self.session.window.0, self.session.window.1);
        self.hover_result(price::hover_info(&self.session.explainer, &g, g.x_of_bar(idx)))
    }

    /// The visible window as bar indices `[first, last]`.
    pub fn window(&self) -> Vec<usize> {
        vec![self.session.window.0, self.session.window.1]
    }

    /// The price chart's plotting area in CSS px: `[left, top, right, bottom]`.
    pub fn price_plot_area_css(&self) -> Vec<f64> {
        self.price_geometry.map(|g| vec![g.left_px, g.top_px, g.right_px, g.bottom_px].into_iter().map(|v| v / self.px_ratio).collect()).unwrap_or_default()
    }
}

/// Only in the full module (`--features full`, see Cargo.toml): the default module reads the
/// bundled CSV alone, and the page loads the full one before it calls these.
impl App {
    fn with(session: Session) -> App {
        App { session, dark: false, price_geometry: None, price_layout: None, scenario_rows: None, strips: Vec::new(), px_ratio: 1.0, transparent: false, colors: Vec::new() }
    }
}

/// The full module's: reading prices in any format (the default one reads the compact form), the
/// SVG and CSV writers, and the full analysis's charts (the open-interest view) and history.
#[cfg(feature = "full")]
#[wasm_bindgen]
impl App {
    /// The open-interest chart's view: `{dollars, coins}` columns with label, value, unit,
    /// provenance and source (the keyboard reading).
    pub fn open_interest_view(&self) -> Result<JsValue, JsError> {
        to_js(&crate::chart::open_interest::open_interest_view(&self.session.view))
    }

    /// See [`Session::load_history_compact`] (the history is the full analysis's).
    pub fn load_history_compact(&mut self, bytes: &[u8], source_name: &str) -> Result<(), JsError> {
        self.session.load_history_compact(bytes, source_name).map_err(js_err)
    }

    /// A chart as SVG text at `width_css`, as currently shown (theme, window, scenario), with
    /// its source line.
    pub fn chart_svg(&self, id: &str, width_css: u32) -> Result<String, JsError> {
        let id = chart_id(id)?;
        let style = self.style(1.0, false);
        let footer = source_line(id, &self.session.explainer, &self.session.view, Some(&*style.labels));
        let mut buf = String::new();
        render_svg_on(&mut buf, crate::web_canvas::svg, id, &self.session.explainer, &self.session.view, width_css, &style, self.session.window, Some(&footer)).map_err(js_err)?;
        Ok(crate::chart::svg::round_font_sizes(&buf))
    }

    /// The data behind a chart as CSV with its source line.
    pub fn chart_csv(&self, id: &str) -> Result<String, JsError> {
        chart_csv(chart_id(id)?, &self.session.explainer, &self.session.view, self.session.window).map_err(js_err)
    }

    /// Validates the price data (any format `model::ingest` reads) and the story figures CSV.
    /// The error message names the file, line and field.
    #[wasm_bindgen(constructor)]
    pub fn new(prices_csv: &str, prices_name: &str, figures_csv: &str, figures_name: &str) -> Result<App, JsError> {
        install_panic_hook();
        Ok(App::with(Session::new(prices_csv, prices_name, figures_csv, figures_name).map_err(js_err)?))
    }

    /// See [`Session::load_history`] (the CSV; the default module reads the compact form).
    pub fn load_history(&mut self, text: &str, source_name: &str) -> Result<(), JsError> {
        self.session.load_history(text, source_name).map_err(js_err)
    }

    /// See [`Session::load_data`]. Returns `{kind, format, first, last, days, warnings}`.
    pub fn load_data(&mut self, text: &str, source_name: &str) -> Result<JsValue, JsError> {
        let summary = self.session.load_data(text, source_name).map_err(js_err)?;
        to_js(&summary)
    }
}

impl App {
    /// The style of a render: the theme, the host's colours, and (on screen only) no background.
    fn style(&self, px_ratio: f64, on_screen: bool) -> ChartStyle {
        let mut style = page_style(px_ratio, self.dark).see_through(on_screen && self.transparent);
        for (name, c) in &self.colors {
            style.palette = style.palette.with_color(name, *c).unwrap_or(style.palette);
        }
        style
    }

    fn draw_on(&self, id: ChartId, canvas: HtmlCanvasElement, px_ratio: f64, with_footer: bool) -> Result<Option<PlotGeometry>, JsError> {
        let area = crate::web_canvas::canvas_area(canvas)?;
        // Downloads (with their footer) keep a background whatever the host.
        let style = self.style(px_ratio, !with_footer);
        let footer = with_footer.then(|| source_line(id, &self.session.explainer, &self.session.view, Some(&*style.labels)));
        draw_chart(id, &area, &self.session.explainer, &self.session.view, &style, self.session.window, footer.as_deref()).map_err(js_err)
    }

    fn hover_result(&self, h: Option<price::HoverInfo>) -> Result<JsValue, JsError> {
        match h {
            Some(mut h) => {
                h.x_px /= self.px_ratio;
                to_js(&h)
            }
            None => Ok(JsValue::NULL),
        }
    }
}
