//! Loaded market series (open interest, Bitcoin liquidations, funding) replacing the article's
//! leverage figures, each credited to its own source.

use time::{Date, Duration};

use super::bars::format_date;
use super::error::DataError;
use super::explainer::{Explainer, CRASH_WINDOW};
use super::ingest::{MarketSeries, SeriesKind};
use super::leverage::{default_week_ends, leverage_metrics};
use super::range::Range;

impl Explainer {
    /// Replaces the article's leverage figures with a market series: open interest at the start
    /// and end of each candidate week (paired within the week), Bitcoin liquidations summed over
    /// each week, or funding over the crash week. Errors (naming the series) when it does not
    /// cover the days needed; on error nothing changes.
    pub fn apply_market(&mut self, m: &MarketSeries) -> Result<(), DataError> {
        let weeks: Vec<(Date, Date)> = default_week_ends().into_iter().filter_map(|end| end.checked_sub(Duration::days(7)).map(|s| (s, end))).collect();
        let need = |d: Date| {
            m.value_on(d).ok_or_else(|| {
                let span = match (m.points.first(), m.points.last()) {
                    (Some(a), Some(b)) => format!("it runs from {} to {}", format_date(a.0), format_date(b.0)),
                    _ => "it is empty".into(),
                };
                DataError::file(&m.source_line, format!("no value for {}, needed for the crash week; {span}", format_date(d)))
            })
        };
        let mut inputs = self.leverage_inputs.clone();
        match m.kind {
            SeriesKind::OpenInterestUsd => {
                // Every week the series covers, the sensitivity weeks included; the crash-day
                // weeks are required.
                for w in &weeks {
                    need(w.0)?;
                    need(w.1)?;
                }
                let by_week = super::leverage::sensitivity_week_ends()
                    .into_iter()
                    .filter_map(|end| {
                        let start = end.checked_sub(Duration::days(7))?;
                        Some((end, m.value_on(start)?, m.value_on(end)?))
                    })
                    .collect();
                inputs.open_interest_by_week = Some(by_week);
            }
            SeriesKind::LiquidationsUsd => {
                let mut sums = Vec::new();
                let mut days = 0;
                for w in &weeks {
                    let in_week: Vec<f64> = m.points.iter().filter(|p| p.0 > w.0 && p.0 <= w.1).map(|p| p.1).collect();
                    days = days.max(in_week.len());
                    sums.push(in_week.iter().sum::<f64>());
                }
                if days == 0 {
                    return Err(DataError::file(&m.source_line, "no liquidations inside the crash week (30 Jan–6 Feb 2026)"));
                }
                inputs.liquidations_btc_usd = Range::hull(&sums);
            }
            SeriesKind::FundingPct => {
                let first = weeks.iter().map(|w| w.0).min().unwrap_or(CRASH_WINDOW.0);
                let last = weeks.iter().map(|w| w.1).max().unwrap_or(CRASH_WINDOW.1);
                let values: Vec<f64> = m.points.iter().filter(|p| p.0 >= first && p.0 <= last).map(|p| p.1).collect();
                if values.is_empty() {
                    return Err(DataError::file(&m.source_line, "no funding values inside the crash week (29 Jan–6 Feb 2026)"));
                }
                self.funding_week = Some((Range::hull(&values), m.source_line.clone()));
                return Ok(());
            }
        }
        let leverage = leverage_metrics(&inputs, &self.series, &default_week_ends())?;
        match m.kind {
            SeriesKind::OpenInterestUsd => self.open_interest_source = Some(m.source_line.clone()),
            _ => {
                let days = weeks.iter().map(|w| m.points.iter().filter(|p| p.0 > w.0 && p.0 <= w.1).count()).max().unwrap_or(0);
                self.liquidations_source = Some(match days {
                    1 => format!("{}; taken from the only day of each week the series has", m.source_line),
                    n => format!("{}; summed over the {n} days of each week the series has", m.source_line),
                });
                self.liquidations_days_in_week = days;
            }
        }
        self.leverage_inputs = inputs;
        self.leverage = leverage;
        Ok(())
    }
}
