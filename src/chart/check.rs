//! The whole pipeline the page runs on one explainer, natively: every scenario at several
//! references, the text of every figure, every chart as SVG at the given widths over several
//! windows, the hover at every visible bar, and every export. `check-data` and the fuzz tests
//! call it; it returns the first failure in words.

use plotters::prelude::*;

use super::export::{chart_csv, chart_summary, chart_table, source_line};
use super::measured::Measured;
use super::price::hover_info;
use super::style::ChartStyle;
use super::svg::draw_chart;
use super::{chart_height_css, ChartId};
use crate::model::format::metric_text;
use crate::model::scenarios::SCENARIO_IDS;
use crate::model::session::{describe_reference, sample_references};
use crate::model::Explainer;

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
    for scenario in SCENARIO_IDS {
        for (k, &reference) in references.iter().enumerate() {
            let v = e.view(reference, scenario).map_err(|err| format!("{scenario} at {}: {err}", describe_reference(reference)))?;
            done.views += 1;
            for m in &v.metrics {
                let text = metric_text(m);
                if text.chars().count() > 400 {
                    return Err(format!("{scenario}: the figure {} is {} characters long", m.id, text.chars().count()));
                }
            }
            if k > 0 && !full {
                continue;
            }
            for &window in &windows {
                for id in [ChartId::Price, ChartId::OpenInterest, ChartId::Ladder] {
                    let footer = source_line(id, e, &v);
                    for &w in widths {
                        let mut buf = String::new();
                        let height = chart_height_css(id, w) + super::svg::FOOTER_CSS_PX;
                        let geometry = {
                            let area = Measured::approximate(SVGBackend::with_string(&mut buf, (w, height))).into_drawing_area();
                            draw_chart(id, &area, e, &v, &style, window, Some(&footer)).map_err(|err| format!("{scenario}, {} chart at {w} px: {err}", id.stem()))?
                        };
                        done.svgs += 1;
                        if let Some(g) = geometry {
                            for i in window.0..=window.1 {
                                let h = hover_info(e, &g, g.x_of_bar(i)).ok_or_else(|| format!("{scenario}: no hover at bar {i} ({} px wide)", w))?;
                                if h.bar_idx != i && g.right_px - g.left_px >= (window.1 - window.0 + 1) as f64 {
                                    return Err(format!("{scenario}: the hover at bar {i} shows bar {} ({w} px wide)", h.bar_idx));
                                }
                                done.hovers += 1;
                            }
                        }
                    }
                    chart_csv(id, e, &v, window).map_err(|err| format!("{scenario}, {} CSV: {err}", id.stem()))?;
                    let _ = chart_summary(id, e, &v, window);
                    let _ = chart_table(id, e, &v, window);
                    done.exports += 3;
                }
            }
        }
    }
    Ok(done)
}
