//! The whole pipeline the page runs on one explainer, natively: every scenario at several
//! references, the text of every figure, every chart as SVG at the given widths over several
//! windows, the hover at every visible bar, and every export. `check-data` and the fuzz tests
//! call it; it returns the first failure in words.

use super::export::{chart_csv, chart_summary, chart_table, source_line};
use super::price::hover_info;
use super::style::ChartStyle;
use super::svg::render_svg_with_geometry;
use super::ChartId;
use crate::model::door::{describe_reference, sample_references};
use crate::model::format::{metric_text, text_plain};
use crate::model::scenarios::ScenarioId;
use crate::model::{Explainer, StoryView};

/// What [`exercise`] went through.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Exercised {
    pub views: usize,
    pub svgs: usize,
    pub hovers: usize,
    pub exports: usize,
}

/// The windows the page offers: all, the last 30 days, since the high.
pub fn sample_windows(e: &Explainer) -> Vec<(usize, usize)> {
    let n = e.series.bars.len();
    let last = n.saturating_sub(1);
    let high = e.series.index_of(e.ath.date).unwrap_or(0);
    vec![(0, last), (n.saturating_sub(30), last), (high.min(last), last)]
}

/// Runs everything for `e` (see the module docs). `widths` in CSS px; `full` also renders
/// every chart for every reference (otherwise the charts are drawn for the article's framing).
pub fn exercise(e: &Explainer, widths: &[u32], full: bool) -> Result<Exercised, String> {
    let mut done = Exercised::default();
    let references = sample_references(e);
    let windows = sample_windows(e);
    let style = ChartStyle::new(1.0);
    for scenario in ScenarioId::ALL.map(ScenarioId::as_str) {
        for (k, &reference) in references.iter().enumerate() {
            let v = e.view(reference, scenario).map_err(|err| format!("{scenario} at {}: {err}", describe_reference(reference)))?;
            done.views += 1;
            check_view(&v, scenario)?;
            if k > 0 && !full {
                continue;
            }
            for &window in &windows {
                for id in [ChartId::Price, ChartId::OpenInterest, ChartId::Ladder] {
                    for &w in widths {
                        check_chart_svg(e, &v, id, w, window, &style, &mut done).map_err(|err| format!("{scenario}, {err}"))?;
                    }
                    check_chart_exports(e, &v, id, window, &mut done).map_err(|err| format!("{scenario}, {err}"))?;
                }
            }
        }
    }
    Ok(done)
}

/// The text of one view: every figure a sentence names has a value, no sentence reads "NaN",
/// "n/a" or "fell -", no figure is longer than 400 characters.
pub fn check_view(v: &StoryView, scenario: &str) -> Result<(), String> {
    for p in &v.text {
        // Every figure a sentence names has a value (a "none" reads as nonsense in a sentence).
        for id in p.text.figure_ids() {
            match v.metric(id) {
                Some(m) if m.text.as_deref() != Some("none") => {}
                _ => return Err(format!("{scenario}: the paragraph {} names the figure {id}, which has no value", p.id)),
            }
        }
        let text = text_plain(&p.text, v);
        for bad in ["NaN", "n/a", "(missing", "fell -", "rose -"] {
            if text.contains(bad) {
                return Err(format!("{scenario}: the paragraph {} reads '{bad}': {text}", p.id));
            }
        }
    }
    for m in &v.metrics {
        let text = metric_text(m, false);
        if text.chars().count() > 400 {
            return Err(format!("{scenario}: the figure {} is {} characters long", m.id, text.chars().count()));
        }
    }
    Ok(())
}

/// One chart as SVG, `width_css` wide over the bars `window` (inclusive), with its source line,
/// and, for the price chart, the hover at every bar of the window.
pub fn check_chart_svg(e: &Explainer, v: &StoryView, id: ChartId, width_css: u32, window: (usize, usize), style: &ChartStyle, done: &mut Exercised) -> Result<(), String> {
    let footer = source_line(id, e, v, Some(&*style.labels));
    let w = width_css;
    let (_, geometry) = render_svg_with_geometry(id, e, v, w, style, window, Some(&footer)).map_err(|err| format!("{} chart at {w} px: {err}", id.stem()))?;
    done.svgs += 1;
    if let Some(g) = geometry {
        for i in window.0..=window.1 {
            let h = hover_info(e, &g, g.x_of_bar(i)).ok_or_else(|| format!("no hover at bar {i} ({w} px wide)"))?;
            if h.bar_idx != i && g.right_px - g.left_px >= (window.1 - window.0 + 1) as f64 {
                return Err(format!("the hover at bar {i} shows bar {} ({w} px wide)", h.bar_idx));
            }
            done.hovers += 1;
        }
    }
    Ok(())
}

/// One chart's CSV, summary and table over `window`.
pub fn check_chart_exports(e: &Explainer, v: &StoryView, id: ChartId, window: (usize, usize), done: &mut Exercised) -> Result<(), String> {
    chart_csv(id, e, v, window).map_err(|err| format!("{} CSV: {err}", id.stem()))?;
    let _ = chart_summary(id, e, v, window);
    let _ = chart_table(id, e, v, window);
    done.exports += 3;
    Ok(())
}
