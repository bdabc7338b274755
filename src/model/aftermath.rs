//! What happened next: the bundled prices run past the article, so the levels and scenarios can
//! be checked against the path the price actually took.

use serde::Serialize;
use time::Date;

use super::bars::DailyBar;
use super::levels::{role_reversals, Level, RoleFlip};
use super::price::DatedPrice;
use super::range::Range;
use super::scenarios::{ScenarioId, ScenarioSpec};

/// A level after the crash: the first day the price touched it and the first close through it.
#[derive(Debug, Clone, Serialize)]
pub struct LevelAftermath {
    pub id: String,
    pub label: String,
    /// First day whose high (for a level above the starting close) or low (below) reached it.
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub first_touched: Option<Date>,
    /// First close beyond the far edge (above the high for a level above, below the low for a
    /// level below).
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub first_close_through: Option<Date>,
    /// Role reversals after the start.
    pub flips: Vec<RoleFlip>,
}

/// A scenario after the crash: the first day the daily range reached its target.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioAftermath {
    pub id: ScenarioId,
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub first_reached: Option<Date>,
    /// Closes above the target's high and below its low after the start (for a band: the
    /// days the price was outside it), with the first of each.
    pub closes_above: usize,
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub first_close_above: Option<Date>,
    pub closes_below: usize,
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub first_close_below: Option<Date>,
}

/// The path after `start` (exclusive).
#[derive(Debug, Clone, Serialize)]
pub struct Aftermath {
    #[serde(serialize_with = "crate::model::ser_date")]
    pub start: Date,
    #[serde(serialize_with = "crate::model::ser_date")]
    pub end: Date,
    pub highest: DatedPrice,
    pub lowest: DatedPrice,
    pub last_close: DatedPrice,
    pub levels: Vec<LevelAftermath>,
    pub scenarios: Vec<ScenarioAftermath>,
    /// The longest run of consecutive closes above the top of the recovery gate (the $75–80k
    /// zone), with its first day.
    pub longest_run_above_gate_days: usize,
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub longest_run_above_gate_start: Option<Date>,
    /// The low of the start day (the crash low) and the first later day whose low went under
    /// it, with that low; the first close under it.
    pub start_low_usd: f64,
    pub first_undercut: Option<DatedPrice>,
    pub first_close_under: Option<DatedPrice>,
    /// The number of days after the start.
    pub days: usize,
}

/// Reads the path after `start`. `None` when no bar follows `start`.
pub fn aftermath(bars: &[DailyBar], start: Date, levels: &[Level], scenarios: &[ScenarioSpec], gate: Range) -> Option<Aftermath> {
    let start_idx = bars.iter().position(|b| b.date == start)?;
    let after = &bars[start_idx + 1..];
    let first = after.first()?;
    let start_close = bars[start_idx].close_usd;
    let highest = after.iter().fold(DatedPrice { date: first.date, usd: first.high_usd }, |p, b| if b.high_usd > p.usd { DatedPrice { date: b.date, usd: b.high_usd } } else { p });
    let lowest = after.iter().fold(DatedPrice { date: first.date, usd: first.low_usd }, |p, b| if b.low_usd < p.usd { DatedPrice { date: b.date, usd: b.low_usd } } else { p });
    let last = after[after.len() - 1];
    let level_rows = levels
        .iter()
        .map(|l| {
            let above = l.span.low > start_close;
            let first_touched = after.iter().find(|b| if above { b.high_usd >= l.span.low } else { b.low_usd <= l.span.high }).map(|b| b.date);
            let first_close_through = after.iter().find(|b| if above { b.close_usd > l.span.high } else { b.close_usd < l.span.low }).map(|b| b.date);
            // Flips are read over the whole history so the starting role is known, then kept
            // only after the start.
            let flips = role_reversals(l.span, bars).into_iter().filter(|f| f.date > start).collect();
            LevelAftermath { id: l.id.clone(), label: l.label.clone(), first_touched, first_close_through, flips }
        })
        .collect();
    let scenario_rows: Vec<ScenarioAftermath> = scenarios
        .iter()
        .map(|s| ScenarioAftermath {
            id: s.id,
            first_reached: after.iter().find(|b| b.low_usd <= s.target.high && b.high_usd >= s.target.low).map(|b| b.date),
            closes_above: after.iter().filter(|b| b.close_usd > s.target.high).count(),
            first_close_above: after.iter().find(|b| b.close_usd > s.target.high).map(|b| b.date),
            closes_below: after.iter().filter(|b| b.close_usd < s.target.low).count(),
            first_close_below: after.iter().find(|b| b.close_usd < s.target.low).map(|b| b.date),
        })
        .collect();
    let start_low = bars[start_idx].low_usd;
    let first_undercut = after.iter().find(|b| b.low_usd < start_low).map(|b| DatedPrice { date: b.date, usd: b.low_usd });
    let first_close_under = after.iter().find(|b| b.close_usd < start_low).map(|b| DatedPrice { date: b.date, usd: b.close_usd });
    let (mut best, mut best_start, mut run, mut run_start) = (0usize, None, 0usize, None);
    for b in after {
        if b.close_usd > gate.high {
            if run == 0 {
                run_start = Some(b.date);
            }
            run += 1;
            if run > best {
                best = run;
                best_start = run_start;
            }
        } else {
            run = 0;
        }
    }
    Some(Aftermath {
        start,
        end: last.date,
        highest,
        lowest,
        last_close: DatedPrice { date: last.date, usd: last.close_usd },
        levels: level_rows,
        scenarios: scenario_rows,
        longest_run_above_gate_days: best,
        longest_run_above_gate_start: best_start,
        start_low_usd: start_low,
        first_undercut,
        first_close_under,
        days: after.len(),
    })
}
