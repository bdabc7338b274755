//! The article's what-if scenarios, measured from a reference price.

use serde::Serialize;

use super::levels::{levels_crossed, nearest_resistance, nearest_support, Level};
use super::price::{drawdown, gain_to_regain};
use super::range::Range;
use super::story::Provenance;
use super::text::{Text, Unit};

/// The scenarios, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioId {
    Recovery,
    Range,
    Retest,
    Breakdown,
    Catastrophic,
}

impl ScenarioId {
    pub const ALL: [ScenarioId; 5] = [ScenarioId::Recovery, ScenarioId::Range, ScenarioId::Retest, ScenarioId::Breakdown, ScenarioId::Catastrophic];

    /// From the page's id.
    pub fn parse(s: &str) -> Option<ScenarioId> {
        ScenarioId::ALL.into_iter().find(|id| id.as_str() == s)
    }

    /// The page's id: `recovery`, `range`, `retest`, `breakdown`, `catastrophic`.
    pub fn as_str(self) -> &'static str {
        match self {
            ScenarioId::Recovery => "recovery",
            ScenarioId::Range => "range",
            ScenarioId::Retest => "retest",
            ScenarioId::Breakdown => "breakdown",
            ScenarioId::Catastrophic => "catastrophic",
        }
    }
}

/// Whose scenario it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioOrigin {
    /// Described by the article.
    Article,
    /// This project's: the article names the levels but not this path.
    Project,
}

/// A scenario's definition: a name and the level (or the gap between two levels) it aims at.
#[derive(Debug, Clone)]
pub struct ScenarioSpec {
    pub id: ScenarioId,
    pub label: &'static str,
    /// A short label for narrow controls.
    pub short_label: &'static str,
    /// What the scenario means, in one line, with its levels as values.
    pub summary: Text,
    pub origin: ScenarioOrigin,
    pub target: Range,
    pub provenance: Provenance,
    /// Where the target comes from, in words.
    pub target_source: String,
}

/// A level's price or band, with the level's provenance mark after it.
fn usd_text(l: &Level) -> Text {
    let r = l.span;
    let t = if r.is_point() { Text::new().v(r.low, Unit::Usd) } else { Text::new().v(r.low, Unit::Usd).w("–").v(r.high, Unit::Usd) };
    t.marked(l.provenance)
}

/// The five scenarios, built from the article's levels. `None` if a level is missing.
pub fn article_scenarios(levels: &[Level]) -> Option<Vec<ScenarioSpec>> {
    let find = |id: &str| levels.iter().find(|l| l.id == id);
    let r89 = find("level_resistance_89070")?;
    let zone_hi = find("level_resistance_zone")?;
    let zone_lo = find("level_support_zone")?;
    let f43 = find("level_floor_43000")?;
    let f32 = find("level_floor_32851")?;
    let from = |l: &Level| format!("the article's level: {}", l.label);
    let band = Range::new(zone_lo.span.high, zone_hi.span.low);
    Some(vec![
        ScenarioSpec {
            id: ScenarioId::Recovery,
            label: "Recovery",
            short_label: "Recovery",
            summary: Text::new()
                .w("The article's upside: a sustained break above ")
                .v(zone_hi.span.high, Unit::Usd)
                .marked(zone_hi.provenance)
                .w(" opens the way to the ")
                .t(usd_text(r89))
                .w(" resistance."),
            origin: ScenarioOrigin::Article,
            target: r89.span,
            provenance: r89.provenance,
            target_source: from(r89),
        },
        ScenarioSpec {
            id: ScenarioId::Range,
            label: "Fragile range",
            short_label: "Range",
            summary: Text::new()
                .w("This project's middle case, not the article's: the bounce stalls and the price stays between the top of the ")
                .t(usd_text(zone_lo))
                .w(" support and the bottom of the ")
                .t(usd_text(zone_hi))
                .w(" zone."),
            origin: ScenarioOrigin::Project,
            target: band,
            // The band is this project's; its two prices are the article's levels'.
            provenance: if zone_lo.provenance == zone_hi.provenance { zone_lo.provenance } else { Provenance::Article },
            target_source: format!("this project's band, from the top of the {} to the bottom of the {}", zone_lo.label, zone_hi.label),
        },
        ScenarioSpec {
            id: ScenarioId::Retest,
            label: "Retest",
            short_label: "Retest",
            summary: Text::new().w("The article's first downside: the rally fails and the price falls back to the ").t(usd_text(zone_lo)).w(" support range."),
            origin: ScenarioOrigin::Article,
            target: zone_lo.span,
            provenance: zone_lo.provenance,
            target_source: from(zone_lo),
        },
        ScenarioSpec {
            id: ScenarioId::Breakdown,
            label: "Breakdown",
            short_label: "Breakdown",
            summary: Text::new().w("The article's second downside: the support range gives way and the price reaches the ").t(usd_text(f43)).w(" critical floor."),
            origin: ScenarioOrigin::Article,
            target: f43.span,
            provenance: f43.provenance,
            target_source: from(f43),
        },
        ScenarioSpec {
            id: ScenarioId::Catastrophic,
            label: "Catastrophic",
            short_label: "Worst",
            summary: Text::new().w("The article's worst case, tied to wider financial stress: the price reaches the ").t(usd_text(f32)).w(" floor."),
            origin: ScenarioOrigin::Article,
            target: f32.span,
            provenance: f32.provenance,
            target_source: from(f32),
        },
    ])
}

/// A scenario measured from a reference price. Fractions, not percent.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioOutcome {
    pub id: ScenarioId,
    pub label: &'static str,
    pub short_label: &'static str,
    pub summary: Text,
    pub origin: ScenarioOrigin,
    /// True when the target is a band that contains the reference: no move is needed.
    pub contains_reference: bool,
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
        short_label: spec.short_label,
        summary: spec.summary.clone(),
        origin: spec.origin,
        contains_reference: !t.is_point() && t.low <= reference_usd && reference_usd <= t.high,
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
