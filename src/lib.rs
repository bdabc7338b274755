//! leverage-reset: an explainer of Bitcoin's February 2026 leverage reset.
//!
//! - [`model`]: the pure core (metrics, levels, scenarios, claims); no web or drawing types.
//! - [`chart`]: backend-generic drawing with plotters (canvas in the browser, SVG natively).
//! - `web` (wasm32 only): the thin JavaScript-facing layer.

pub mod chart;
pub mod model;

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
}

/// The page's HTML with the figures of `view` written into its `data-metric` elements (see
/// [`model::format::fill_metrics`]).
pub fn prerender(html: &str, view: &model::StoryView) -> String {
    model::format::fill_metrics(html, |id| view.metrics.iter().find(|m| m.id == id).map(model::format::metric_text))
}
