//! newsgraph: raw news dumps in, a clean, normalized, deterministic event
//! graph out.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! ingest   files, dumps, compressed or not, any encoding → RawDocument | Reject
//! clean    boilerplate, repeated lines, title/publisher/date → CleanDocument
//! segment  body → sentence spans
//! extract  dates (TIMEX3), money and percentages, entity names → Mention
//! graph    corpus-wide entities, events merged across documents, edges
//! output   JSON Lines, sorted, written atomically, with a manifest
//! ```
//!
//! [`pipeline`] drives the stages over a corpus; [`annotate`] runs extract
//! alone over one text.

pub mod annotate;
pub mod clean;
pub mod config;
pub mod document;
pub mod error;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod segment;
pub mod span;

pub use error::{Error, Result};
