//! The pure core: data types and validation, reset metrics, levels, scenarios, claims.
//!
//! Architecture invariant: nothing here depends on wasm-bindgen, web-sys, js-sys or plotters,
//! and nothing does I/O or reads a clock. It builds and tests natively.

pub mod aftermath;
pub mod bars;
pub mod error;
pub mod explainer;
pub mod format;
pub mod ingest;
pub mod leverage;
pub mod levels;
pub mod numbers;
pub mod price;
pub mod range;
pub mod regime;
pub mod scenarios;
pub mod session;
pub mod story;

pub use error::DataError;
pub use explainer::{Explainer, Reference, StoryView};

pub(crate) fn ser_date<S: serde::Serializer>(d: &time::Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&bars::format_date(*d))
}

pub(crate) fn ser_opt_date<S: serde::Serializer>(d: &Option<time::Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&bars::format_date(*d)),
        None => s.serialize_none(),
    }
}
