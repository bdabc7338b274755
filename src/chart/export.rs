//! What each chart shows, as CSV (with the source line) and as a sentence for screen readers.

#[cfg(feature = "full")]
use super::open_interest::open_interest_view;
use super::ChartId;
use crate::model::bars::format_date;
use crate::model::range::Range;
use crate::model::story::Provenance;
use crate::model::text::{Text, Unit};
use crate::model::{Explainer, StoryView};

/// The source line of a chart, for exports: the providers of the data in use. With `labels`
/// (an image's footer: the ladder draws the reference line without its price), the ladder's
/// line also gives the reference price in that format (`Intl` in the page); without (the data
/// table, whose notes give it as a value), it does not.
#[cfg_attr(not(feature = "full"), allow(unused_variables))]
pub fn source_line(id: ChartId, e: &Explainer, v: &StoryView, labels: Option<&dyn super::labels::LabelFormat>) -> String {
    match id {
        ChartId::Price => format!("Source: {}", e.series.source_line),
        #[cfg(feature = "full")]
        ChartId::OpenInterest => {
            let article = format!("the article ({})", e.story.source_name("source_article", "unnamed"));
            let oi = e.open_interest_source.clone().unwrap_or_else(|| article.clone());
            let liq = e.liquidations_source.clone().unwrap_or_else(|| article.clone());
            format!(
                "Source: open interest: {oi}; Bitcoin liquidations: {liq}; all liquidations: {article}; coin figures computed with {} {}",
                v.provider,
                if e.one_reading_a_day { "daily readings" } else { "closes" }
            )
        }
        #[cfg(feature = "full")]
        ChartId::Ladder => {
            let line = format!("Source: the article's levels ({}) and this project's range scenario", e.story.source_name("source_article", "unnamed"));
            match labels {
                Some(f) => format!("{line}; reference {}", f.usd_full(v.reference_usd)),
                None => line,
            }
        }
    }
}

/// The data behind a chart as a table: notes (the source first) as text parts, column names
/// and rows of cells. Price: the bars of `window`; open interest: the columns of its view;
/// ladder: the scenarios from the current reference. The page shows it as the chart's
/// data-table alternative, its numbers and dates formatted by `Intl`; [`chart_csv`] writes it
/// as CSV, numbers in full for machines.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChartTable {
    pub notes: Vec<Text>,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// One cell of a [`ChartTable`]: text (dates as `YYYY-MM-DD`), a number in its column's unit,
/// or yes/no. Serialized as a plain string, number or boolean.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Number(v)
    }
}

#[cfg_attr(not(feature = "full"), allow(unused_mut))]
pub fn chart_table(id: ChartId, e: &Explainer, v: &StoryView, window: (usize, usize)) -> ChartTable {
    let mut notes = vec![Text::new().w(source_line(id, e, v, None).replacen("Source:", "source:", 1).replace('\n', " "))];
    let (columns, rows): (Vec<&'static str>, Vec<Vec<Cell>>) = match id {
        ChartId::Price => {
            let last = window.1.min(e.series.bars.len().saturating_sub(1));
            let rows = e
                .series
                .bars
                .get(window.0.min(last)..=last)
                .unwrap_or(&[])
                .iter()
                .map(|b| {
                    vec![
                        format_date(b.date).into(),
                        b.open_usd.into(),
                        b.high_usd.into(),
                        b.low_usd.into(),
                        b.close_usd.into(),
                        b.volume_btc.map_or(Cell::Text(String::new()), Cell::Number),
                        Cell::Bool(b.partial),
                    ]
                })
                .collect();
            (vec!["date", "open_usd", "high_usd", "low_usd", "close_usd", "volume_btc", "partial"], rows)
        }
        #[cfg(feature = "full")]
        ChartId::OpenInterest => {
            let view = open_interest_view(v);
            let rows = view
                .dollars
                .iter()
                .chain(&view.coins)
                .map(|c| {
                    vec![c.id.into(), c.label.clone().into(), c.value.low.into(), c.value.high.into(), unit_id(c.unit).into(), c.provenance.id().into(), c.source.clone().into()]
                })
                .collect();
            (vec!["figure", "label", "low", "high", "unit", "provenance", "source"], rows)
        }
        #[cfg(feature = "full")]
        ChartId::Ladder => {
            let note = Text::new().w("reference: ").v(v.reference_usd, Unit::Usd).w(" (");
            notes.push(match v.reference_date {
                Some(d) => note.w("the close of ").d(d).w(")"),
                None => note.w("the article's framing: crash low + 6%)"),
            });
            let rows = v
                .scenarios
                .iter()
                .map(|s| {
                    let m = s.move_from_reference.scale(100.0);
                    let d = s.drawdown_at_target.scale(100.0);
                    let origin = match s.origin {
                        crate::model::scenarios::ScenarioOrigin::Article => "article",
                        crate::model::scenarios::ScenarioOrigin::Project => "this project",
                    };
                    vec![
                        s.id.as_str().into(),
                        s.target_usd.low.into(),
                        s.target_usd.high.into(),
                        m.low.into(),
                        m.high.into(),
                        d.low.into(),
                        d.high.into(),
                        origin.into(),
                        s.provenance.id().into(),
                    ]
                })
                .collect();
            (vec!["scenario", "target_low_usd", "target_high_usd", "move_low_pct", "move_high_pct", "drawdown_low_pct", "drawdown_high_pct", "whose", "provenance"], rows)
        }
    };
    ChartTable { notes, columns, rows }
}

#[cfg(feature = "full")]
fn unit_id(u: Unit) -> &'static str {
    match u {
        Unit::Usd => "usd",
        Unit::Btc => "btc",
        Unit::Pct => "pct",
        _ => "other",
    }
}

/// [`chart_table`] as CSV text: the notes as unquoted `#` lines (as in the bundled data files),
/// then the header and the rows through the csv writer.
pub fn chart_csv(id: ChartId, e: &Explainer, v: &StoryView, window: (usize, usize)) -> Result<String, String> {
    let table = chart_table(id, e, v, window);
    let mut out: String = table.notes.iter().map(|n| format!("# {}\n", machine_text(n))).collect();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(&table.columns).map_err(|e| e.to_string())?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => s.clone(),
            Cell::Number(v) => v.to_string(),
            Cell::Bool(b) => b.to_string(),
        }))
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    out.push_str(&String::from_utf8(bytes).map_err(|e| e.to_string())?);
    Ok(out)
}

/// A note's parts as one line for machines: words as they are, values in full (`to_string`),
/// dates `YYYY-MM-DD`, figures by id.
fn machine_text(t: &Text) -> String {
    use crate::model::text::Part;
    t.0.iter()
        .map(|p| match p {
            Part::Words(s) => s.clone(),
            Part::Value { v, abs, .. } => (if *abs { v.abs() } else { *v }).to_string(),
            Part::Date { date, .. } => date.clone(),
            Part::Figure { f, .. } => f.clone(),
        })
        .collect()
}

/// A generated one-paragraph summary of what a chart shows, for Enter on a focused chart and
/// for the chart's description: words chosen here, numbers and dates as values for the page
/// to format.
pub fn chart_summary(id: ChartId, e: &Explainer, v: &StoryView, window: (usize, usize)) -> Text {
    let usd = |x: f64| Text::new().v(x, Unit::Usd);
    let range_usd = |r: Range| if r.is_point() { usd(r.low) } else { usd(r.low).w(" to ").v(r.high, Unit::Usd) };
    match id {
        ChartId::Price => {
            let last = window.1.min(e.series.bars.len().saturating_sub(1));
            let Some(bars) = e.series.bars.get(window.0.min(last)..=last).filter(|b| !b.is_empty()) else { return Text::new().w("No bars.") };
            let hi = bars.iter().max_by(|a, b| a.high_usd.total_cmp(&b.high_usd)).unwrap_or(&bars[0]);
            let lo = bars.iter().min_by(|a, b| a.low_usd.total_cmp(&b.low_usd)).unwrap_or(&bars[0]);
            let end = bars[bars.len() - 1];
            // One price a day is a reading, not a close (CoinGecko's market_chart).
            let one_reading = e.one_reading_a_day;
            let selected = v.scenarios.iter().find(|s| s.id == v.selected_scenario);
            let mut t = Text::new()
                .w(format!("{} daily prices from ", v.provider))
                .d(bars[0].date)
                .w(" to ")
                .d(end.date)
                .w(if one_reading { ": highest reading " } else { ": highest " })
                .t(usd(hi.high_usd))
                .w(" on ")
                .d(hi.date)
                .w(if one_reading { ", lowest reading " } else { ", lowest " })
                .t(usd(lo.low_usd))
                .w(" on ")
                .d(lo.date)
                // A partial day has a last price so far, not a close.
                .w(match (one_reading, end.partial) {
                    (true, _) => ", last reading ",
                    (false, true) => ", last price ",
                    (false, false) => ", last close ",
                })
                .t(usd(end.close_usd));
            t = if end.partial { t.w(" (a partial day).") } else { t.w(".") };
            t = t.w(" Reference price ").t(usd(v.reference_usd)).w(".");
            if let Some(s) = selected {
                t = t.w(format!(" Selected scenario: {}, target ", s.label)).t(range_usd(s.target_usd)).w(".");
            }
            t
        }
        #[cfg(feature = "full")]
        ChartId::OpenInterest => {
            let view = open_interest_view(v);
            let mut t = Text::new();
            for (k, c) in view.dollars.iter().enumerate() {
                t = t.w(if k == 0 { "" } else { "; " }).w(format!("{}: ", c.label)).t(range_usd(c.value)).w(format!(" ({})", provenance_words(c.provenance)));
            }
            t = t.w(". In coins: ");
            for (k, c) in view.coins.iter().enumerate() {
                t = t.w(if k == 0 { "" } else { ", " }).w(format!("{} ", c.label));
                t = if c.value.is_point() { t.v(c.value.low, Unit::Btc) } else { t.v(c.value.low, Unit::Btc).w(" to ").v(c.value.high, Unit::Btc) };
            }
            t.w(".")
        }
        #[cfg(feature = "full")]
        ChartId::Ladder => {
            let mut t = Text::new().w("From the reference price ").t(usd(v.reference_usd)).w(": ");
            for (k, s) in v.scenarios.iter().enumerate() {
                t = t.w(if k == 0 { "" } else { "; " }).w(format!("{} ", s.label)).t(range_usd(s.target_usd));
                let m = s.move_from_reference.scale(100.0);
                t = if s.contains_reference {
                    t.w(" (contains the reference)")
                } else if m.is_point() {
                    t.w(" (").v(m.low, Unit::Pct).w(")")
                } else {
                    t.w(" (").v(m.low, Unit::Pct).w(" to ").v(m.high, Unit::Pct).w(")")
                };
            }
            t.w(".")
        }
    }
}

/// The provenance in words, for summaries.
pub fn provenance_words(p: Provenance) -> &'static str {
    match p {
        Provenance::Computed => "computed here",
        Provenance::Article => "stated by the article",
        Provenance::Reported => "reported by a named source",
        Provenance::NotFound => "stated by the article, origin not found",
    }
}
