//! The pure core: data types and validation, reset metrics, levels, scenarios, claims.
//!
//! Architecture invariant: nothing here depends on wasm-bindgen, web-sys, js-sys or plotters,
//! and nothing does I/O or reads a clock. It builds and tests natively.

pub mod aftermath;
pub mod bars;
pub mod catalogue;
pub mod claims;
pub mod compact;
pub mod door;
pub mod error;
pub mod events;
pub mod explainer;
pub mod format;
pub mod history;
pub mod ingest;
pub mod levels;
pub mod leverage;
pub mod market;
pub mod metric;
pub mod narrative;
pub mod numbers;
pub mod order;
pub mod price;
pub mod provenance;
pub mod range;
pub mod regime;
pub mod scenarios;
pub mod story;
pub mod text;
pub mod view;

pub use error::DataError;
pub use explainer::{Explainer, Reference};
pub use view::StoryView;

pub(crate) fn ser_date<S: serde::Serializer>(d: &time::Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&bars::format_date(*d))
}

pub(crate) fn ser_opt_date<S: serde::Serializer>(d: &Option<time::Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&bars::format_date(*d)),
        None => s.serialize_none(),
    }
}
