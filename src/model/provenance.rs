//! Provenance: what we know about where a figure comes from.

use serde::Serialize;

/// What we know about where a figure comes from. The page shows it as a mark next to every
/// figure (readable without hover) and names the source in the sources list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Computed here, in the reader's browser, from the data in use (the formula is given).
    Computed,
    /// Stated by the article; its origin was not traced.
    Article,
    /// Traced to a named primary source, with a link and a date (the citation).
    Reported,
    /// Stated by the article; an origin was looked for and not found (the note says where).
    NotFound,
}

impl Provenance {
    /// From the figures file's `provenance` column: `computed`, `article`, `reported`,
    /// `not_found`.
    pub fn parse(s: &str) -> Option<Provenance> {
        match s {
            "computed" => Some(Provenance::Computed),
            "article" => Some(Provenance::Article),
            "reported" => Some(Provenance::Reported),
            "not_found" => Some(Provenance::NotFound),
            _ => None,
        }
    }

    /// The id the page and the files use.
    pub fn id(self) -> &'static str {
        match self {
            Provenance::Computed => "computed",
            Provenance::Article => "article",
            Provenance::Reported => "reported",
            Provenance::NotFound => "not_found",
        }
    }
}
