//! The article's what-if scenarios, measured from a reference price.

use serde::Serialize;

use super::levels::{levels_crossed, nearest_resistance, nearest_support, Level};
use super::price::{drawdown, gain_to_regain};
use super::range::Range;
use super::story::Provenance;

/// The ids of the scenarios, in the order the page shows them.
pub const SCENARIO_IDS: [&str; 5] = ["recovery", "range", "retest", "breakdown", "catastrophic"];

/// A scenario's definition: a name and the level (or the gap between two levels) it aims at.
#[derive(Debug, Clone)]
pub struct ScenarioSpec {
    pub id: &'static str,
    pub label: &'static str,
    pub summary: &'static str,
    pub target: Range,
    pub provenance: Provenance,
    /// Where the target comes from, in words.
    pub target_source: String,
}

/// The five scenarios of the article, built from its levels. `None` if a level is missing.
pub fn article_scenarios(levels: &[Level]) -> Option<Vec<ScenarioSpec>> {
    let find = |id: &str| levels.iter().find(|l| l.id == id);
    let r89 = find("level_resistance_89070")?;
    let zone_hi = find("level_resistance_zone")?;
    let zone_lo = find("level_support_zone")?;
    let f43 = find("level_floor_43000")?;
    let f32 = find("level_floor_32851")?;
    let from = |l: &Level| format!("the article's level: {}", l.label);
    Some(vec![
        ScenarioSpec {
            id: "recovery",
            label: "Recovery",
            summary: "A sustained break above $80k opens the way to the $89,070 resistance.",
            target: r89.span,
            provenance: r89.provenance,
            target_source: from(r89),
        },
        ScenarioSpec {
            id: "range",
            label: "Fragile range",
            summary: "The bounce holds but stalls: price stays between the $50–55k support and the $75–80k resistance.",
            target: Range::new(zone_lo.span.high, zone_hi.span.low),
            provenance: Provenance::Derived,
            target_source: format!("derived: from the top of the {} to the bottom of the {}", zone_lo.label, zone_hi.label),
        },
        ScenarioSpec {
            id: "retest",
            label: "Retest",
            summary: "The rally fails and price falls back to the $50–55k support range.",
            target: zone_lo.span,
            provenance: zone_lo.provenance,
            target_source: from(zone_lo),
        },
        ScenarioSpec {
            id: "breakdown",
            label: "Breakdown",
            summary: "The $50–55k range gives way and price reaches the $43,000 critical floor.",
            target: f43.span,
            provenance: f43.provenance,
            target_source: from(f43),
        },
        ScenarioSpec {
            id: "catastrophic",
            label: "Catastrophic",
            summary: "Wider financial stress takes price to the $32,851 floor.",
            target: f32.span,
            provenance: f32.provenance,
            target_source: from(f32),
        },
    ])
}

/// A scenario measured from a reference price. Fractions, not percent.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioOutcome {
    pub id: &'static str,
    pub label: &'static str,
    pub summary: &'static str,
    pub target_usd: Range,
    pub provenance: Provenance,
    pub target_source: String,
    /// `target / reference − 1` over the target range.
    pub move_from_reference: Range,
    /// Drawdown from the all-time high at the target.
    pub drawdown_at_target: Range,
    /// Gain then needed to regain the all-time high.
    pub gain_to_regain_high: Range,
    /// Labels of the levels passed on the way, highest first.
    pub levels_crossed: Vec<String>,
    pub support_at_target_usd: Option<f64>,
    pub resistance_at_target_usd: Option<f64>,
}

/// Measures a scenario from `reference_usd`, against `levels` (which include the all-time high)
/// and the all-time high `ath_usd`.
pub fn measure(spec: &ScenarioSpec, levels: &[Level], reference_usd: f64, ath_usd: f64) -> ScenarioOutcome {
    let t = spec.target;
    ScenarioOutcome {
        id: spec.id,
        label: spec.label,
        summary: spec.summary,
        target_usd: t,
        provenance: spec.provenance,
        target_source: spec.target_source.clone(),
        move_from_reference: t.map(|p| p / reference_usd - 1.0),
        drawdown_at_target: t.map(|p| drawdown(ath_usd, p)),
        gain_to_regain_high: t.map(|p| gain_to_regain(ath_usd, p)),
        levels_crossed: levels_crossed(levels, reference_usd, t).iter().map(|l| l.label.clone()).collect(),
        support_at_target_usd: nearest_support(levels, t).map(|l| l.span.high),
        resistance_at_target_usd: nearest_resistance(levels, t).map(|l| l.span.low),
    }
}
