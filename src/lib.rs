//! leverage-reset: an explainer of Bitcoin's February 2026 leverage reset.
//!
//! - [`model`]: the pure core (metrics, levels, scenarios, claims); no web or drawing types.
//! - [`chart`]: backend-generic drawing with plotters (canvas in the browser, SVG natively).
//! - `web` (wasm32 only): the thin JavaScript-facing layer.

pub mod chart;
pub mod memory;
pub mod model;
pub mod session;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod web_canvas;
#[cfg(all(target_arch = "wasm32", feature = "full"))]
mod web_events;

/// The bundled story data, for native renders and tests (the page fetches the same files).
pub mod bundled {
    pub const PRICES_CSV: &str = include_str!("../www/data/btcusd_bitstamp_daily.csv");
    pub const PRICES_NAME: &str = "btcusd_bitstamp_daily.csv";
    pub const FIGURES_CSV: &str = include_str!("../www/data/story_figures.csv");
    pub const FIGURES_NAME: &str = "story_figures.csv";
    pub const HISTORY_CSV: &str = include_str!("../www/data/btcusd_daily_closes_2020_2025.csv");
    pub const HISTORY_NAME: &str = "btcusd_daily_closes_2020_2025.csv";
}

/// The page's HTML with the paragraphs of `view` written into its `data-text` elements and
/// the remaining figures into its `data-metric` elements (see [`model::format::fill_texts`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn prerender(html: &str, view: &model::StoryView) -> String {
    let html = model::format::fill_texts(html, view);
    let html = model::format::fill_metrics(&html, |id| view.metric(id).map(|m| model::format::metric_text(m, false)));
    #[cfg(not(target_arch = "wasm32"))]
    let html = fill_scenario_segments(&html, view);
    html
}

/// The scenario control's segments, as `www/main.js` builds them (`wireControls`), written into
/// `<div class="scenario-options">`: the control has its height before the script runs, so
/// nothing below it moves when the script replaces them. Native only (the page's text is in
/// the reader's locale; this is the en-US HTML for readers before the script and without it).
#[cfg(not(target_arch = "wasm32"))]
fn fill_scenario_segments(html: &str, view: &model::StoryView) -> String {
    use model::format::{escape_html, text_plain};
    const OPEN: &str = "<div class=\"scenario-options\">";
    let Some(start) = html.find(OPEN) else { return html.to_string() };
    let body = start + OPEN.len();
    let Some(end) = html[body..].find("</div>").map(|k| body + k) else { return html.to_string() };
    let mut segments = String::new();
    for s in &view.scenarios {
        let id = s.id.as_str();
        let checked = if s.id == view.selected_scenario { " checked" } else { "" };
        let name = if s.short_label != s.label {
            format!("<span class=\"name\" data-short=\"{}\" aria-label=\"{}\">{}</span>", escape_html(s.short_label), escape_html(s.label), escape_html(s.label))
        } else {
            format!("<span class=\"name\">{}</span>", escape_html(s.label))
        };
        let whose = if s.origin == model::scenarios::ScenarioOrigin::Project {
            "<span class=\"whose\">ours</span>".to_string()
        } else {
            "<span class=\"whose\" data-short=\"article\">the article's</span>".to_string()
        };
        let t = s.target_usd;
        let price =
            if t.is_point() { model::format::usd_two_digits(t.low) } else { format!("{}–{}", model::format::usd_two_digits(t.low), model::format::usd_two_digits(t.high)) };
        let to = format!("<span class=\"to\">{} {}</span>", if s.contains_reference { "stays" } else { "to" }, escape_html(&price));
        segments.push_str(&format!(
            "<label title=\"{}\"><input type=\"radio\" name=\"scenario\" value=\"{id}\" data-scenario=\"{id}\"{checked}>{name}{whose}{to}</label>",
            escape_html(&text_plain(&s.summary, view))
        ));
    }
    format!("{}{}{}", &html[..body], segments, &html[end..])
}
