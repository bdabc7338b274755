//! The article's event figures, loaded from `www/data/story_figures.csv`.
//!
//! Columns: `id,label,low,high,unit,provenance,tier,citation,note`. `low`/`high` are the bounds
//! the article gives (equal for a single figure, empty for a text-only figure); `unit` is `usd`,
//! `pct`, `count` or `text`; `provenance` is `article`, `reported`, `not_found` or `computed`
//! (see [`Provenance`]); `tier` is set for price levels only (`resistance`, `support`, `floor`,
//! `catastrophic_floor`). Optional columns: `url` (the source's address), `as_of` (the date the
//! source published it, YYYY-MM-DD) and `digits` (the decimals the source gives, so a rounded
//! "205%" is never shown as "205.0%").

use serde::Serialize;

use super::error::DataError;
use super::levels::{Level, Tier};
use super::range::Range;

pub use super::provenance::Provenance;

/// One figure of the story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub id: String,
    pub label: String,
    /// `None` for text-only figures.
    pub value: Option<Range>,
    pub unit: String,
    pub provenance: Provenance,
    #[serde(skip)]
    pub tier: Option<Tier>,
    pub citation: String,
    pub note: String,
    /// The source's address, when known.
    pub url: String,
    /// The date the source gave the figure (YYYY-MM-DD), when known.
    pub as_of: String,
    /// Decimals the source states the figure with (`None`: the page's default).
    pub digits: Option<u8>,
    /// The primary source's name as sentences name it ("CoinGlass", "AInvest").
    pub source_name: String,
}

/// Ids the explainer needs; a figures file without one of them is rejected.
pub const REQUIRED_FIGURES: [&str; 10] = [
    "liquidations_total_usd",
    "liquidations_btc_usd",
    "open_interest_week_before_usd",
    "open_interest_after_usd",
    "claim_open_interest_decline_pct",
    "claim_crash_price_usd",
    "claim_bounce_pct",
    "claim_drawdown_pct",
    "liquidations_24h_total_usd",
    "liquidations_24h_btc_usd",
];

/// A figure's fields as read, before [`StoryFigures::figure`] checks them.
pub(crate) struct FigureFields<'a> {
    pub id: String,
    pub label: String,
    pub value: Option<Range>,
    pub unit: String,
    pub provenance: &'a str,
    pub tier: &'a str,
    pub citation: String,
    pub note: String,
    pub url: String,
    pub as_of: String,
    pub digits: Option<u8>,
    pub source_name: String,
}

/// All figures of the story, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryFigures {
    pub figures: Vec<Figure>,
    pub source_name: String,
}

impl StoryFigures {
    /// Parses the figures file. Errors name the file, the 1-based data row and the field.
    pub fn parse_csv(text: &str, source_name: &str) -> Result<StoryFigures, DataError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(DataError::file(source_name, "the file is empty"));
        }
        let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| DataError::file(source_name, format!("cannot read the header row: {e}")))?.clone();
        let names = ["id", "label", "low", "high", "unit", "provenance", "tier", "citation", "note"];
        let mut idx = [0usize; 9];
        for (i, name) in names.iter().enumerate() {
            idx[i] = headers.iter().position(|h| h.trim() == *name).ok_or_else(|| DataError::file(source_name, format!("missing column '{name}'")))?;
        }
        let mut figures: Vec<Figure> = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 1;
            let record = record.map_err(|e| DataError::row(source_name, row, format!("cannot read the row: {e}")))?;
            let get = |k: usize| record.get(idx[k]).unwrap_or("").trim().to_string();
            let number = |k: usize| -> Result<Option<f64>, DataError> {
                let raw = get(k);
                if raw.is_empty() {
                    return Ok(None);
                }
                match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(Some(v)),
                    _ => Err(DataError::at(source_name, row, names[k], format!("'{raw}' is not a finite number"))),
                }
            };
            let value = match (number(2)?, number(3)?) {
                (Some(low), Some(high)) => Some(Range { low, high }),
                (None, None) => None,
                _ => return Err(DataError::at(source_name, row, "low", "a figure needs both low and high (equal for a single value)")),
            };
            let optional = |name: &str| headers.iter().position(|h| h.trim() == name).and_then(|k| record.get(k)).unwrap_or("").trim().to_string();
            let digits_text = optional("digits");
            let digits = if digits_text.is_empty() {
                None
            } else {
                Some(
                    digits_text
                        .parse::<u8>()
                        .ok()
                        .filter(|d| *d <= 6)
                        .ok_or_else(|| DataError::at(source_name, row, "digits", format!("'{digits_text}' is not a number of decimals from 0 to 6")))?,
                )
            };
            let fields = FigureFields {
                id: get(0),
                label: get(1),
                value,
                unit: get(4),
                provenance: &get(5),
                tier: &get(6),
                citation: get(7),
                note: get(8),
                url: optional("url"),
                as_of: optional("as_of"),
                digits,
                source_name: optional("source_name"),
            };
            figures.push(StoryFigures::figure(source_name, row, fields, &figures)?);
        }
        StoryFigures::complete(figures, source_name)
    }

    /// One figure from its fields, checked: a unique id, a known unit, a value for every unit
    /// but `text` (low ≤ high), a known provenance and tier (a level needs a positive usd
    /// value), a citation for a figure from a source, an http(s) address, a date, a reported
    /// figure's address and date, at most 6 digits. Errors name `source_name`, the 1-based
    /// `row` and the field. Used by the CSV reader and the compact form (`model::compact`).
    pub(crate) fn figure(source_name: &str, row: usize, f: FigureFields, before: &[Figure]) -> Result<Figure, DataError> {
        let FigureFields { id, label, value, unit, provenance, tier, citation, note, url, as_of, digits, source_name: name } = f;
        if id.is_empty() {
            return Err(DataError::at(source_name, row, "id", "the id is empty"));
        }
        if before.iter().any(|f| f.id == id) {
            return Err(DataError::at(source_name, row, "id", format!("'{id}' appears twice")));
        }
        if !matches!(unit.as_str(), "usd" | "pct" | "count" | "text") {
            return Err(DataError::at(source_name, row, "unit", format!("'{unit}' is not one of usd, pct, count, text")));
        }
        match value {
            Some(r) if !(r.low.is_finite() && r.high.is_finite()) => return Err(DataError::at(source_name, row, "low", "not a finite number")),
            Some(r) if r.low > r.high => return Err(DataError::at(source_name, row, "high", format!("high {} is below low {}", r.high, r.low))),
            None if unit != "text" => return Err(DataError::at(source_name, row, "low", "a figure needs both low and high (equal for a single value)")),
            _ => {}
        }
        let provenance = Provenance::parse(provenance)
            .ok_or_else(|| DataError::at(source_name, row, "provenance", format!("'{provenance}' is not one of article, reported, not_found, computed")))?;
        let tier = if tier.is_empty() {
            None
        } else {
            Some(Tier::parse(tier).ok_or_else(|| DataError::at(source_name, row, "tier", format!("'{tier}' is not one of resistance, support, floor, catastrophic_floor")))?)
        };
        if tier.is_some() && (unit != "usd" || value.is_none_or(|v| v.low <= 0.0)) {
            return Err(DataError::at(source_name, row, "tier", "a price level needs a positive usd value"));
        }
        if provenance != Provenance::Computed && citation.is_empty() {
            return Err(DataError::at(source_name, row, "citation", "a figure from a source needs its citation"));
        }
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            return Err(DataError::at(source_name, row, "url", "an address must start with https:// or http://"));
        }
        if !as_of.is_empty() && super::bars::parse_date(&as_of).is_none() {
            return Err(DataError::at(source_name, row, "as_of", format!("'{as_of}' is not a date (YYYY-MM-DD)")));
        }
        if provenance == Provenance::Reported && (url.is_empty() || as_of.is_empty()) {
            return Err(DataError::at(source_name, row, "url", "a reported figure needs its source's address (url) and date (as_of)"));
        }
        if digits.is_some_and(|d| d > 6) {
            return Err(DataError::at(source_name, row, "digits", "not a number of decimals from 0 to 6"));
        }
        let name: String = name.chars().take(80).collect();
        Ok(Figure { id, label, value, unit, provenance, tier, citation, note, url, as_of, digits, source_name: name })
    }

    /// The whole file's checks: every required figure, and at least one price level.
    pub(crate) fn complete(figures: Vec<Figure>, source_name: &str) -> Result<StoryFigures, DataError> {
        for id in REQUIRED_FIGURES {
            if !figures.iter().any(|f| f.id == id) {
                return Err(DataError::file(source_name, format!("missing the figure '{id}'")));
            }
        }
        if !figures.iter().any(|f| f.tier.is_some()) {
            return Err(DataError::file(source_name, "no price levels (rows with a tier)"));
        }
        Ok(StoryFigures { figures, source_name: source_name.to_string() })
    }

    /// The figure with this id. Panics never: required ids are checked at parse time, and any
    /// other id is looked up through [`StoryFigures::find`].
    pub fn find(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// The primary source's name of a figure, or `fallback` when the file gives none.
    pub fn source_name(&self, id: &str, fallback: &str) -> String {
        self.find(id).map(|f| f.source_name.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| fallback.to_string())
    }

    /// The numeric value of a required figure.
    pub fn range(&self, id: &str) -> Range {
        self.find(id).and_then(|f| f.value).unwrap_or(Range::point(f64::NAN))
    }

    /// The price levels of the article, sorted from the highest down.
    pub fn levels(&self) -> Vec<Level> {
        let mut levels: Vec<Level> =
            self.figures.iter().filter_map(|f| Some(Level { id: f.id.clone(), label: f.label.clone(), span: f.value?, tier: f.tier?, provenance: f.provenance })).collect();
        super::order::sort_by(&mut levels, |a, b| b.span.high.total_cmp(&a.span.high));
        levels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,label,low,high,unit,provenance,tier,citation,note\n";

    #[test]
    fn bundled_figures_parse_with_ranges_and_levels() {
        let text = include_str!("../../www/data/story_figures.csv");
        let story = StoryFigures::parse_csv(text, "story_figures.csv").unwrap();
        assert_eq!(story.range("liquidations_total_usd"), Range { low: 3e9, high: 4e9 });
        let levels = story.levels();
        let spans: Vec<(f64, f64)> = levels.iter().map(|l| (l.span.low, l.span.high)).collect();
        assert_eq!(spans, vec![(89070.0, 89070.0), (75000.0, 80000.0), (50000.0, 55000.0), (43000.0, 43000.0), (32851.0, 32851.0)]);
        assert_eq!(story.find("level_floor_32851").unwrap().provenance, Provenance::NotFound);
        assert_eq!(story.find("level_resistance_89070").unwrap().provenance, Provenance::NotFound);
        assert_eq!(story.find("open_interest_week_before_usd").unwrap().provenance, Provenance::Article);
        let layoffs = story.find("layoffs_january").unwrap();
        assert_eq!((layoffs.provenance, layoffs.as_of.as_str()), (Provenance::Reported, "2026-02-05"));
        assert_eq!(story.find("layoffs_jump_pct").unwrap().digits, Some(0));
    }

    #[test]
    fn bad_figures_name_row_and_field() {
        let cases = [
            (format!("{HEADER}x,X,1,2,usd,guessed,,c,\n"), "f.csv, row 1, field 'provenance': 'guessed' is not one of article, reported, not_found, computed"),
            (format!("{HEADER}x,X,2,1,usd,article,,c,\n"), "f.csv, row 1, field 'high': high 1 is below low 2"),
            (format!("{HEADER}x,X,1,NaN,usd,article,,c,\n"), "f.csv, row 1, field 'high': 'NaN' is not a finite number"),
            (format!("{HEADER}x,X,1,1,usd,article,,,\n"), "f.csv, row 1, field 'citation': a figure from a source needs its citation"),
            (format!("{HEADER}x,X,1,1,usd,reported,,c,\n"), "f.csv, row 1, field 'url': a reported figure needs its source's address (url) and date (as_of)"),
            (format!("{HEADER}x,X,1,1,eur,article,,c,\n"), "f.csv, row 1, field 'unit': 'eur' is not one of usd, pct, count, text"),
            (format!("{HEADER}x,X,1,1,usd,article,,c,\nx,X,1,1,usd,article,,c,\n"), "f.csv, row 2, field 'id': 'x' appears twice"),
            (format!("{HEADER}x,X,1,1,usd,article,,c,\n"), "f.csv: missing the figure 'liquidations_total_usd'"),
            ("id,label\n".to_string(), "f.csv: missing column 'low'"),
        ];
        for (input, expected) in cases {
            assert_eq!(StoryFigures::parse_csv(&input, "f.csv").unwrap_err().to_string(), expected);
        }
    }
}
