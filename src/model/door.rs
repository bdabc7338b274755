//! The one door for data: what the page's `App::load_data` and `check-data` both call, so a file
//! is accepted or refused the same way everywhere.

use super::bars::format_date;
use super::error::DataError;
use super::explainer::{Explainer, Reference};
use super::ingest::{ingest_any, AnyData, MarketSeries};

/// What one data file did to the story.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The explainer with the file applied.
    pub explainer: Explainer,
    /// The market series the file brought (to apply again when new prices arrive).
    pub new_markets: Vec<MarketSeries>,
    /// "prices", "market" or "story".
    pub kind: &'static str,
    /// The format detected, in words.
    pub format: String,
}

/// Reads `text` in any format [`ingest_any`] knows and applies it to `current`: prices replace
/// the bars (with the story's figures and the market series loaded before, `markets`, applied again), a
/// market series replaces the article's figure, a story brings both. On error nothing changes.
pub fn load(current: &Explainer, markets: &[MarketSeries], text: &str, source_name: &str) -> Result<Loaded, DataError> {
    let (prices, new_markets) = match ingest_any(text, source_name)? {
        AnyData::Prices(p) => (Some(p), Vec::new()),
        AnyData::Market(m) => (None, vec![m]),
        AnyData::Story { prices, markets } => (Some(prices), markets),
    };
    let mut explainer = match &prices {
        Some(p) => {
            let mut e = Explainer::with_story(p.series.clone(), current.story.clone())?;
            e.format = Some(p.format);
            e.data_format = p.format.describe();
            if let Some(h) = &current.history {
                e.set_history(h.clone());
            }
            for m in markets {
                e.apply_market(m)?;
            }
            e
        }
        None => current.clone(),
    };
    for m in &new_markets {
        explainer.apply_market(m)?;
    }
    let kind = match (&prices, new_markets.first()) {
        (Some(_), Some(_)) => "story",
        (Some(_), None) => "prices",
        _ => "market",
    };
    let format = match (&prices, new_markets.first()) {
        (Some(p), _) => p.format.describe(),
        (None, Some(m)) => m.format.clone(),
        _ => String::new(),
    };
    Ok(Loaded { explainer, new_markets, kind, format })
}

/// The references a whole check tries: the article's framing, the crash low's close, the
/// first and last days, and a day a week after the low when the data has it.
pub fn sample_references(e: &Explainer) -> Vec<Reference> {
    let mut out = vec![Reference::ArticleFraming, Reference::Close(e.crash_low.date), Reference::Close(e.series.first_date()), Reference::Close(e.series.last_date())];
    if let Some(d) = e.crash_low.date.checked_add(time::Duration::days(7)).filter(|d| e.series.index_of(*d).is_some()) {
        out.push(Reference::Close(d));
    }
    out
}

/// The reference in words, for messages.
pub fn describe_reference(r: Reference) -> String {
    match r {
        Reference::ArticleFraming => "the article's framing".into(),
        Reference::Close(d) => format!("the close of {}", format_date(d)),
    }
}
