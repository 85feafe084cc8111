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
pub mod check;
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

/// The built-in data files, for the config hash in the manifest.
pub const BUILTIN_DATA: &[&str] = &[
    include_str!("../data/clean/boilerplate.txt"),
    include_str!("../data/clean/trailers.txt"),
    include_str!("../data/clean/stopwords.txt"),
    include_str!("../data/segment/abbreviations.txt"),
    include_str!("../data/entities/gazetteer.tsv"),
    include_str!("../data/entities/org_suffixes.txt"),
    include_str!("../data/entities/person_cues.txt"),
    include_str!("../data/entities/first_names.txt"),
    include_str!("../data/entities/places.tsv"),
    include_str!("../data/entities/countries.txt"),
    include_str!("../data/entities/common_acronyms.txt"),
    include_str!("../data/entities/nationalities.txt"),
    include_str!("../data/entities/given_names.txt"),
    include_str!("../data/entities/family_names.txt"),
    include_str!("../data/entities/common_words.txt"),
    include_str!("../data/dates/lexicon.tsv"),
    include_str!("../data/dates/tense.tsv"),
    include_str!("../data/money/currencies.tsv"),
    include_str!("../data/money/symbols.tsv"),
    include_str!("../data/money/hand.tsv"),
    include_str!("../data/events/triggers.tsv"),
];
