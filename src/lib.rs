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
//! graph    corpus-wide entities, events merged across documents, edges,
//!          near-duplicate documents
//! corpus   partial results → spilled, sorted runs → the graph, streaming
//! output   JSON Lines, sorted, written atomically, with a manifest
//! ```
//!
//! [`pipeline`] drives the stages over a corpus; [`shard`] splits the same
//! work into `map` (per document) and `reduce` (corpus) for external
//! engines; [`annotate`] runs extract alone over one text.

pub mod annotate;
pub mod check;
pub mod clean;
pub mod config;
pub mod corpus;
pub mod document;
pub mod error;
pub mod extract;
pub mod graph;
pub mod hash;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod resume;
pub mod segment;
pub mod shard;
pub mod span;

pub use error::{Error, Result};

/// Lower-case hex of `bytes` (digests in ids, hashes and the manifest):
/// `format!("{b:02x}")` of each byte, two digits from a table rather than
/// the formatting machinery, which cost more than the digest of a short
/// string (a document's, an entity's, an event's id).
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

#[cfg(test)]
mod hex_tests {
    #[test]
    fn hex_is_formatted_hex() {
        let bytes: Vec<u8> = (0..=255).collect();
        let want: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(super::hex(&bytes), want);
        assert_eq!(super::hex(&[]), "");
    }
}

/// The built-in data files, for the config hash in the manifest.
pub const BUILTIN_DATA: &[&str] = &[
    include_str!("../data/clean/boilerplate.txt"),
    include_str!("../data/clean/trailers.txt"),
    include_str!("../data/clean/comment_marks.txt"),
    include_str!("../data/clean/stopwords.txt"),
    include_str!("../data/clean/stopwords_other.txt"),
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
    include_str!("../data/entities/everyday_given_names.txt"),
    include_str!("../data/entities/common_words.txt"),
    include_str!("../data/entities/sentence_openers.txt"),
    include_str!("../data/dates/lexicon.tsv"),
    include_str!("../data/dates/tense.tsv"),
    include_str!("../data/dates/lunisolar.tsv"),
    include_str!("../data/dates/ummalqura.tsv"),
    include_str!("../data/money/currencies.tsv"),
    include_str!("../data/money/symbols.tsv"),
    include_str!("../data/money/hand.tsv"),
    include_str!("../data/events/triggers.tsv"),
];

/// Entry points for the fuzz targets in `fuzz/` and their regression tests
/// (`tests/data/fuzz-regressions/`). Each runs one stage on arbitrary input
/// the way the pipeline does and panics only when an invariant breaks.
/// Not a stable API.
#[doc(hidden)]
pub mod fuzzing {
    use crate::config::Resources;
    use crate::document::{Dct, InputFormat, RawDocument};
    use crate::extract::Mention;
    use crate::ingest::{self, Limits, Unit};
    use std::sync::OnceLock;

    fn res() -> &'static Resources {
        static RES: OnceLock<Resources> = OnceLock::new();
        RES.get_or_init(Resources::builtin)
    }

    fn dct() -> Dct {
        Dct::parse("2026-05-01T10:30").expect("a valid DCT")
    }

    fn raw(text: &str, format: InputFormat) -> RawDocument {
        RawDocument {
            source: "fuzz".into(),
            format,
            text: text.to_string(),
            meta: Default::default(),
        }
    }

    /// Every mention's span lies inside `text`, on character boundaries.
    fn check_spans(text: &str, mentions: &[Mention]) {
        for m in mentions {
            let (s, e) = (m.span.start, m.span.end);
            assert!(
                s <= e && e <= text.len(),
                "span {s}..{e} outside a text of {}",
                text.len()
            );
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "span {s}..{e} not on character boundaries"
            );
        }
    }

    /// The text cleaner, without and with a crawl date.
    pub fn clean_text(text: &str) {
        let r = res();
        let doc = raw(text, InputFormat::Text);
        r.cleaner.clean(&doc, &r.dates, None);
        r.cleaner.clean(&doc, &r.dates, Some(&dct()));
    }

    /// The HTML extractor and cleaner, behind the pipeline's nesting check.
    pub fn clean_html(html: &str) {
        if crate::clean::html::nesting_depth(html) > crate::clean::html::MAX_NESTING {
            return;
        }
        let r = res();
        r.cleaner
            .clean_html(&raw(html, InputFormat::Html), &r.dates);
    }

    /// The date tagger, without and with a DCT.
    pub fn dates(text: &str) {
        let r = res();
        for d in [None, Some(dct())] {
            let mut out = Vec::new();
            r.dates.tag(text, d.as_ref(), &mut out);
            check_spans(text, &out);
        }
    }

    /// The money and percentage tagger.
    pub fn money(text: &str) {
        let mut out = Vec::new();
        res().amounts.tag(text, &mut out);
        check_spans(text, &out);
    }

    /// Sentence splitting and the entity tagger.
    pub fn entities(text: &str) {
        let sentences = crate::segment::sentences(text);
        for s in &sentences {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "sentence outside the text"
            );
        }
        let mut out = Vec::new();
        res().entities.tag(text, &sentences, &mut out);
        check_spans(text, &out);
    }

    /// Small limits, so that the too-large paths are reached by small inputs.
    pub fn small_limits() -> Limits {
        Limits {
            max_doc_bytes: 256,
            max_file_bytes: 1 << 20,
            max_record_bytes: 1 << 20,
            max_ratio: 50,
            ratio_floor_bytes: 64 << 10,
        }
    }

    /// The JSONL reader over `data` as a whole dump, with the default and
    /// with small limits; every non-blank line is one unit.
    pub fn jsonl(data: &[u8]) -> Vec<Unit> {
        let mut units = Vec::new();
        for limits in [Limits::default(), small_limits()] {
            units.clear();
            ingest::jsonl::read(
                "fuzz.jsonl",
                std::io::Cursor::new(data),
                &limits,
                &mut |u| units.push(u),
            );
            let lines = data
                .split_inclusive(|&b| b == b'\n')
                .filter(|l| !l.iter().all(|b| b.is_ascii_whitespace()))
                .count();
            assert_eq!(units.len(), lines, "one unit per non-blank line");
        }
        units
    }

    /// The WARC reader over `data` as a whole file, with the default and
    /// with small limits: it ends (no hang) and every unit is named after
    /// its record.
    pub fn warc(data: &[u8]) -> Vec<Unit> {
        let mut units = Vec::new();
        for limits in [Limits::default(), small_limits()] {
            units.clear();
            ingest::warc::read("fuzz.warc", std::io::Cursor::new(data), &limits, &mut |u| {
                units.push(u)
            });
            for u in &units {
                let source = match u {
                    Unit::Doc(d) => &d.source,
                    Unit::Reject(r) => &r.source,
                };
                assert!(source.starts_with("fuzz.warc#"), "{source}");
            }
        }
        units
    }

    /// The decoder: text out has no NUL, and is never empty for a non-blank
    /// UTF-8 input without NULs and control bytes.
    pub fn decode(data: &[u8]) {
        let _ = ingest::decode::sniff_name(data);
        if let Ok(text) = ingest::decode::decode(data) {
            assert!(!text.contains('\0'), "NUL in decoded text");
        }
    }

    /// The guarded decompressors (`zstd == false`: gzip) with small limits:
    /// output never passes the file limit.
    pub fn decompress(data: &[u8], zstd: bool) {
        let limits = small_limits();
        if let Ok(bytes) = ingest::decompress_bounded(data, zstd, &limits) {
            assert!(bytes.len() as u64 <= limits.max_file_bytes);
        }
    }
}

#[cfg(test)]
mod builtin_data_tests {
    /// A data file left out of [`crate::BUILTIN_DATA`] would change what a
    /// run finds without changing the manifest's config hash.
    #[test]
    fn every_data_file_is_in_the_config_hash() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut dirs = vec![root];
        let mut seen = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("data/ is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.file_name().is_some_and(|n| n != "README.md") {
                    let text = std::fs::read_to_string(&path).expect("data files are UTF-8");
                    assert!(
                        super::BUILTIN_DATA.contains(&text.as_str()),
                        "{} is not in BUILTIN_DATA",
                        path.display()
                    );
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, super::BUILTIN_DATA.len());
    }
}
