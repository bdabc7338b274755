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
        let price = if t.is_point() { segment_usd(t.low) } else { format!("{}–{}", segment_usd(t.low), segment_usd(t.high)) };
        let to = format!("<span class=\"to\">{} {}</span>", if s.contains_reference { "stays" } else { "to" }, escape_html(&price));
        segments.push_str(&format!(
            "<label title=\"{}\"><input type=\"radio\" name=\"scenario\" value=\"{id}\" data-scenario=\"{id}\"{checked}>{name}{whose}{to}</label>",
            escape_html(&text_plain(&s.summary, view))
        ));
    }
    format!("{}{}{}", &html[..body], segments, &html[end..])
}

/// A segment's price as the page writes it in en-US (`Intl.NumberFormat('en-US', {style:
/// 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 2})`: "$89K",
/// "$130K"), so the written control has the height the script's has. Thousands only; other
/// magnitudes as [`chart::usd_short`].
#[cfg(not(target_arch = "wasm32"))]
fn segment_usd(v: f64) -> String {
    if !(1e3..1e6).contains(&v) {
        return chart::usd_short(v);
    }
    let step = if v >= 1e5 {
        1e4
    } else if v >= 1e4 {
        1e3
    } else {
        1e2
    };
    let thousands = (v / step).round() * step / 1e3;
    if thousands >= 1e3 {
        return chart::usd_short(v);
    }
    format!("${thousands}K")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn segment_prices_read_as_intl_writes_them() {
        // Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD', notation: 'compact',
        // maximumSignificantDigits: 2}) in Chromium 156.
        assert_eq!(super::segment_usd(89_070.0), "$89K");
        assert_eq!(super::segment_usd(32_851.0), "$33K");
        assert_eq!(super::segment_usd(126_272.0), "$130K");
        assert_eq!(super::segment_usd(7_450.0), "$7.5K");
        assert_eq!(super::segment_usd(55_000.0), "$55K");
    }
}
