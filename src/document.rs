//! The typed records that flow between stages.
//!
//! ingest → [`RawDocument`] | [`Reject`] → clean → [`CleanDocument`] →
//! segment + extract → [`crate::extract::Mention`]s → graph.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// How the body of a raw document is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// A flattened text scrape: one block per line, boilerplate included.
    Text,
    /// An HTML page.
    Html,
}

/// What the input said about a document besides its body (JSONL fields).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The input's own identifier (JSONL `id`), if any.
    pub id: Option<String>,
    pub title: Option<String>,
    /// JSONL `date` / `published`, as given.
    pub published: Option<String>,
    /// JSONL `crawled`: the crawl date, which resolves datelines like "2d ago".
    pub crawled: Option<String>,
    pub url: Option<String>,
}

/// One input unit as decoded text, before any cleaning.
#[derive(Clone, Debug)]
pub struct RawDocument {
    /// Path relative to the input root, with `#<line>` or `#<record>` for
    /// units inside a dump file.
    pub source: String,
    pub format: InputFormat,
    pub text: String,
    pub meta: Metadata,
}

/// Why an input unit did not become a document (`rejects.jsonl` `reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    NotUtf8Undecodable,
    Empty,
    TooLarge,
    Binary,
    Unreadable,
    ParseError,
    Panic,
    /// Two input units claim the same document id (same JSONL `id`).
    DuplicateId,
    /// A file whose extension names no format newsgraph reads.
    UnsupportedFormat,
    /// A symbolic link to a directory: not followed (that is how dumps loop).
    SkippedSymlink,
}

impl RejectReason {
    pub fn code(self) -> &'static str {
        match self {
            RejectReason::NotUtf8Undecodable => "not_utf8_undecodable",
            RejectReason::Empty => "empty",
            RejectReason::TooLarge => "too_large",
            RejectReason::Binary => "binary",
            RejectReason::Unreadable => "unreadable",
            RejectReason::ParseError => "parse_error",
            RejectReason::Panic => "panic",
            RejectReason::DuplicateId => "duplicate_id",
            RejectReason::UnsupportedFormat => "unsupported_format",
            RejectReason::SkippedSymlink => "skipped_symlink",
        }
    }
}

/// An input unit that could not be processed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reject {
    pub source: String,
    pub reason: RejectReason,
    pub detail: String,
}

impl Reject {
    pub fn new(
        source: impl Into<String>,
        reason: RejectReason,
        detail: impl Into<String>,
    ) -> Reject {
        Reject {
            source: source.into(),
            reason,
            detail: detail.into(),
        }
    }
}

/// Where a document's publication date came from (`published_from`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    Metadata,
    Text,
    Inferred,
}

/// A publication date: a TIMEX3 date value, possibly underspecified
/// (`XXXX-04-28`), and whether it is concrete enough to resolve against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub timex: String,
    pub from: PublishedFrom,
}

/// A document creation time: the reference point relative expressions
/// ("yesterday", "2d ago") are resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dct {
    pub date: jiff::civil::Date,
    pub time: Option<jiff::civil::Time>,
}

impl Dct {
    /// Parses `YYYY-MM-DD`, optionally followed by `THH:MM[:SS]` (or a space)
    /// and anything after (a zone or fraction is ignored: DCTs are local).
    pub fn parse(s: &str) -> Result<Dct> {
        let s = s.trim();
        let bad = || Error::BadDate(s.to_string());
        let date_part = s.get(..10).ok_or_else(bad)?;
        let date: jiff::civil::Date = date_part.parse().map_err(|_| bad())?;
        let rest = &s[10..];
        let time = if rest.len() >= 6 && (rest.starts_with('T') || rest.starts_with(' ')) {
            let t = &rest[1..];
            let end = t
                .find(|c: char| !(c.is_ascii_digit() || c == ':'))
                .unwrap_or(t.len());
            let t = &t[..end];
            let t = if t.len() == 5 {
                format!("{t}:00")
            } else {
                t.to_string()
            };
            Some(t.parse::<jiff::civil::Time>().map_err(|_| bad())?)
        } else {
            None
        };
        Ok(Dct { date, time })
    }

    /// The DCT as a TIMEX3 value (`2026-05-01` or `2026-05-01T10:30`).
    pub fn timex(&self) -> String {
        match self.time {
            None => self.date.to_string(),
            Some(t) => format!("{}T{:02}:{:02}", self.date, t.hour(), t.minute()),
        }
    }
}

/// Lines removed by the cleaner (`documents.jsonl` `removed`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub boilerplate: usize,
    pub duplicate: usize,
}

/// A document after cleaning: the body every offset will point into.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CleanDocument {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<Published>,
    pub text: String,
    pub removed: Removed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dct_parses_dates_and_times() {
        assert_eq!(Dct::parse("2026-05-01").unwrap().timex(), "2026-05-01");
        assert_eq!(
            Dct::parse("2013-02-12T15:30").unwrap().timex(),
            "2013-02-12T15:30"
        );
        assert_eq!(
            Dct::parse("2013-02-12T15:30:59Z").unwrap().timex(),
            "2013-02-12T15:30"
        );
        assert!(Dct::parse("2013-13-12").is_err());
        assert!(Dct::parse("yesterday").is_err());
        assert!(Dct::parse("").is_err());
    }
}
