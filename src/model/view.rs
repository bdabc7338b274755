//! One view of the story: every figure, claim, table and sentence for one reference price and
//! one scenario, assembled from the explainer's data by the catalogue, the claims and the
//! narrative.

use serde::Serialize;
use time::Date;

use super::aftermath::Aftermath;
use super::claims::Claim;
use super::error::DataError;
use super::explainer::{Explainer, LevelHistory, Reference};
use super::levels::{classify, LevelPosition};
use super::leverage::LeverageMetrics;
use super::metric::Metric;
use super::narrative::{Facts, Paragraph};
use super::regime::RegimeReading;
use super::scenarios::{measure, ScenarioId, ScenarioOutcome};
use super::story::Figure;

/// Everything the page shows for one reference price and one selected scenario. The default
/// module (built without the `full` feature) is the compact page's: it computes no claims and
/// hands over neither the tables' rows (levels, claims, regime, leverage, level history,
/// aftermath, figures) nor the full analysis's paragraphs ([`super::narrative::paragraphs`]);
/// the page loads the full module to show them.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    pub metrics: Vec<Metric>,
    /// The narrative, paragraph by paragraph, as parts.
    pub text: Vec<Paragraph>,
    pub reference_usd: f64,
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub reference_date: Option<Date>,
    pub selected_scenario: ScenarioId,
    pub scenarios: Vec<ScenarioOutcome>,
    #[cfg_attr(not(feature = "full"), serde(skip))]
    pub levels: Vec<LevelPosition>,
    #[cfg_attr(not(feature = "full"), serde(skip))]
    pub claims: Vec<Claim>,
    #[cfg_attr(not(feature = "full"), serde(skip))]
    pub regime: Vec<RegimeReading>,
    #[cfg_attr(not(feature = "full"), serde(skip))]
    pub leverage: LeverageMetrics,
    #[cfg_attr(not(feature = "full"), serde(skip))]
    pub level_history: Vec<LevelHistory>,
    #[cfg_attr(not(feature = "full"), serde(skip))]
    pub aftermath: Option<Aftermath>,
    #[cfg_attr(not(feature = "full"), serde(skip))]
    pub figures: Vec<Figure>,
    pub price_source: String,
    /// The short name of the price data's provider ("Bitstamp", or the file's name).
    pub provider: String,
    pub warnings: Vec<String>,
}

impl StoryView {
    /// The metric with this id.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
}

impl Explainer {
    /// All figures and sentences for a reference price and a scenario id (one of
    /// [`ScenarioId::ALL`]).
    pub fn view(&self, reference: Reference, scenario_id: &str) -> Result<StoryView, DataError> {
        let reference_usd = self.reference_price(reference)?;
        let spec = self.scenario(scenario_id)?;
        let scenarios: Vec<ScenarioOutcome> = self.scenarios.iter().map(|s| measure(s, &self.levels, reference_usd, self.ath.usd)).collect();
        let regime = self.regime();
        let claims = if cfg!(feature = "full") { super::claims::claims(self, reference, reference_usd, &regime) } else { Vec::new() };
        // What depends on the reference; the scenario's figures and text are added below.
        let mut view = StoryView {
            metrics: Vec::new(),
            text: Vec::new(),
            reference_usd,
            reference_date: match reference {
                Reference::Close(d) => Some(d),
                Reference::ArticleFraming => None,
            },
            selected_scenario: spec.id,
            scenarios,
            levels: classify(&self.levels, reference_usd),
            claims,
            regime,
            leverage: self.leverage.clone(),
            level_history: self.level_history.clone(),
            aftermath: self.aftermath.clone(),
            figures: self.story.figures.clone(),
            price_source: self.series.source_line.clone(),
            provider: self.provider(),
            warnings: self.series.warnings.clone(),
        };
        self.turn_to_scenario(&mut view, reference, scenario_id)?;
        Ok(view)
    }

    /// `view`, made by [`Explainer::view`] for `reference`, turned to another scenario: only what
    /// depends on the scenario is computed again (the figures, the selected scenario, the text);
    /// the levels, claims, regime and tables stay. The result equals
    /// `self.view(reference, scenario_id)` (tested for every pair of scenarios and two
    /// references). Errors (an unknown scenario) leave `view` as it was.
    pub fn turn_to_scenario(&self, view: &mut StoryView, reference: Reference, scenario_id: &str) -> Result<(), DataError> {
        let spec = self.scenario(scenario_id)?;
        let selected = view.scenarios.iter().find(|s| s.id == spec.id).cloned().ok_or_else(|| DataError::file("scenario", "not measured"))?;
        view.metrics = super::catalogue::metrics(self, reference, view.reference_usd, &selected, &view.regime);
        view.selected_scenario = spec.id;
        let facts = Facts {
            metrics: &view.metrics,
            regime: &view.regime,
            scenarios: &view.scenarios,
            reference_date: view.reference_date,
            one_reading_a_day: self.one_reading_a_day,
            high_may_be_earlier: self.high_may_be_earlier(),
        };
        view.text = super::narrative::paragraphs(self, &facts, &selected);
        Ok(())
    }
}
