//! leverage-reset: an explainer of Bitcoin's February 2026 leverage reset.
//!
//! - [`model`]: the pure core (metrics, levels, scenarios, claims); no web or drawing types.
//! - [`chart`]: backend-generic drawing with plotters (canvas in the browser, SVG natively).
//! - `web` (wasm32 only): the thin JavaScript-facing layer.

pub mod chart;
pub mod model;
pub mod session;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod web_canvas;
#[cfg(target_arch = "wasm32")]
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
    model::format::fill_metrics(&html, |id| view.metric(id).map(|m| model::format::metric_text(m, false)))
}
