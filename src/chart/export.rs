//! What each chart shows, as CSV (with the source line) and as a sentence for screen readers.

use super::{usd_full, ChartId};
use crate::model::bars::format_date;
use crate::model::{Explainer, StoryView};

fn pct(v: f64) -> String {
    format!("{v:+.1}%")
}

/// The source line of a chart, for exports.
pub fn source_line(id: ChartId, e: &Explainer, v: &StoryView) -> String {
    match id {
        ChartId::Price => format!("Source: {}", e.series.source_line),
        ChartId::OpenInterest => "Source: AInvest (open interest, liquidations); coin figures derived with Bitstamp closes".to_string(),
        ChartId::Ladder => format!("Source: the article's levels (AInvest); reference {}", usd_full(v.reference_usd)),
    }
}

/// The data behind a chart as a table: `#` notes (the source first), column names and rows of
/// text. Price: the bars of `window`; open interest: the article's figures and the derived coin
/// figures; ladder: the scenarios from the current reference. The page shows it as the chart's
/// data-table alternative; [`chart_csv`] writes it as CSV.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChartTable {
    pub notes: Vec<String>,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

pub fn chart_table(id: ChartId, e: &Explainer, v: &StoryView, window: (usize, usize)) -> ChartTable {
    let mut notes = vec![source_line(id, e, v).replacen("Source:", "source:", 1).replace('\n', " ")];
    let (columns, rows): (Vec<&'static str>, Vec<Vec<String>>) = match id {
        ChartId::Price => {
            let last = window.1.min(e.series.bars.len() - 1);
            let rows = e.series.bars[window.0.min(last)..=last]
                .iter()
                .map(|b| vec![format_date(b.date), b.open_usd.to_string(), b.high_usd.to_string(), b.low_usd.to_string(), b.close_usd.to_string(), b.volume_btc.map(|x| x.to_string()).unwrap_or_default(), b.partial.to_string()])
                .collect();
            (vec!["date", "open_usd", "high_usd", "low_usd", "close_usd", "volume_btc", "partial"], rows)
        }
        ChartId::OpenInterest => {
            let mut rows: Vec<Vec<String>> = ["open_interest_week_before_usd", "open_interest_after_usd", "liquidations_btc_usd", "liquidations_total_usd"]
                .iter()
                .filter_map(|id| v.figures.iter().find(|f| f.id == *id))
                .map(|f| {
                    let r = f.value.unwrap_or(crate::model::range::Range::point(f64::NAN));
                    vec![f.id.clone(), r.low.to_string(), r.high.to_string(), "usd".into(), "sourced".into(), f.citation.clone()]
                })
                .collect();
            let lev = &v.leverage;
            for (id, r) in [("open_interest_before_btc", lev.open_interest_before_btc), ("open_interest_after_btc", lev.open_interest_after_btc)] {
                rows.push(vec![id.into(), r.low.to_string(), r.high.to_string(), "btc".into(), "derived".into(), "USD open interest / Bitstamp close at each end of the week".into()]);
            }
            (vec!["figure", "low", "high", "unit", "provenance", "source"], rows)
        }
        ChartId::Ladder => {
            notes.push(format!("reference: {} ({})", v.reference_usd, v.reference_date.map(format_date).unwrap_or_else(|| "article framing, derived".into())));
            let rows = v
                .scenarios
                .iter()
                .map(|s| {
                    let m = s.move_from_reference.scale(100.0);
                    let d = s.drawdown_at_target.scale(100.0);
                    vec![s.id.into(), s.target_usd.low.to_string(), s.target_usd.high.to_string(), m.low.to_string(), m.high.to_string(), d.low.to_string(), d.high.to_string(), format!("{:?}", s.provenance).to_lowercase()]
                })
                .collect();
            (vec!["scenario", "target_low_usd", "target_high_usd", "move_low_pct", "move_high_pct", "drawdown_low_pct", "drawdown_high_pct", "provenance"], rows)
        }
    };
    ChartTable { notes, columns, rows }
}

/// [`chart_table`] as CSV text: the notes as unquoted `#` lines (as in the bundled data files),
/// then the header and the rows through the csv writer.
pub fn chart_csv(id: ChartId, e: &Explainer, v: &StoryView, window: (usize, usize)) -> Result<String, String> {
    let table = chart_table(id, e, v, window);
    let mut out: String = table.notes.iter().map(|n| format!("# {n}\n")).collect();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(&table.columns).map_err(|e| e.to_string())?;
    for row in &table.rows {
        w.write_record(row).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    out.push_str(&String::from_utf8(bytes).map_err(|e| e.to_string())?);
    Ok(out)
}

/// A generated one-paragraph summary of what a chart shows, for Enter on a focused chart and
/// for the chart's description.
pub fn chart_summary(id: ChartId, e: &Explainer, v: &StoryView, window: (usize, usize)) -> String {
    match id {
        ChartId::Price => {
            let last = window.1.min(e.series.bars.len() - 1);
            let bars = &e.series.bars[window.0.min(last)..=last];
            let hi = bars.iter().max_by(|a, b| a.high_usd.total_cmp(&b.high_usd)).unwrap_or(&bars[0]);
            let lo = bars.iter().min_by(|a, b| a.low_usd.total_cmp(&b.low_usd)).unwrap_or(&bars[0]);
            let end = bars[bars.len() - 1];
            format!(
                "Bitstamp daily prices from {} to {}: highest {} on {}, lowest {} on {}, last close {}. Reference price {}; selected scenario {}.",
                format_date(bars[0].date), format_date(end.date), usd_full(hi.high_usd), format_date(hi.date), usd_full(lo.low_usd), format_date(lo.date), usd_full(end.close_usd), usd_full(v.reference_usd), v.selected_scenario
            )
        }
        ChartId::OpenInterest => {
            let l = &v.leverage;
            format!(
                "Open interest fell from $61B to $49B a week later ({:.1}%). Counted in coins it went from {:.0}k–{:.0}k BTC to {:.0}k–{:.0}k BTC, a change of {} to {}. Bitcoin liquidations were $2–2.5B, all liquidations $3–4B.",
                l.open_interest_change.low * 100.0, l.open_interest_before_btc.low / 1e3, l.open_interest_before_btc.high / 1e3, l.open_interest_after_btc.low / 1e3, l.open_interest_after_btc.high / 1e3, pct(l.coin_open_interest_change.low * 100.0), pct(l.coin_open_interest_change.high * 100.0)
            )
        }
        ChartId::Ladder => {
            let parts: Vec<String> = v
                .scenarios
                .iter()
                .map(|s| {
                    let m = s.move_from_reference.scale(100.0);
                    let target = if s.target_usd.is_point() { usd_full(s.target_usd.low) } else { format!("{}–{}", usd_full(s.target_usd.low), usd_full(s.target_usd.high)) };
                    let mv = if m.is_point() { pct(m.low) } else { format!("{} to {}", pct(m.low), pct(m.high)) };
                    format!("{} {} ({})", s.label, target, mv)
                })
                .collect();
            format!("From the reference price {}: {}.", usd_full(v.reference_usd), parts.join("; "))
        }
    }
}
