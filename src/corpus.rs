//! Corpus stage: per-document partial results → the graph directory.
//!
//! Takes [`Partial`] records — what `newsgraph map` prints and what `run`
//! spills — in any order; gives the output files. It is the one place where
//! the whole corpus is seen, and it never holds the documents in memory:
//!
//! 1. every partial is spilled, keyed by document id, to sorted runs
//!    ([`crate::output::spill`]);
//! 2. a first merged pass over the runs collects the corpus-level state —
//!    entity names, groups of identical event reports, near-duplicate
//!    signatures — which grows with distinct names, events and articles,
//!    not with copies or bytes. What is decided per document (the canonical document of a copy, the
//!    groups of identical event reports it belongs to) is spilled beside
//!    the documents, in their order, rather than kept: it grows with every
//!    document;
//! 3. names are resolved to ids, events merged;
//! 4. a second merged pass writes the documents, mentions and edges in id
//!    order, reading each document's decisions in step, then entities,
//!    events and rejects.
//!
//! Because everything is decided on id-sorted input, the output depends only
//! on the set of partials: the same for any thread count and any sharding
//! (`reduce(map(shard 1) … map(shard n))` equals `run`).
//!
//! Refuses partials written by another version or configuration (the
//! [`Header`] lines must agree), partials sketched by another near-duplicate
//! scheme than this program's (their signatures cannot be compared), and
//! lines that are not partials.
//!
//! ## Partial format
//! Two encodings of the same [`Partial`] values:
//! - `map` prints JSON, one object per line (line-oriented text, which
//!   Hadoop Streaming and Spark's `RDD.pipe` need), and `reduce` reads it:
//!   - `{"header": {"tool": "newsgraph", "version": "…", "config_hash": "…",
//!     "sketch": "…"}}` first in every `map` output (`sketch` names the
//!     signature scheme, [`duplicates::SCHEME`]; a header without it was
//!     written by [`duplicates::OLD_SCHEME`]);
//!   - `{"doc": {"doc": {…}, "sketch": {"content": u64, "minhash": hex}}}`:
//!     the document after cleaning and extraction (byte offsets, canonical
//!     names before corpus resolution);
//!   - `{"reject": {"source": …, "reason": …, "detail": …}}`.
//! - `run` never prints them, so its workers encode them with `postcard`
//!   (compact binary through the same serde derive; [`Partial::to_bytes`])
//!   for the spilled runs and the `--resume` entries: no escaping of the
//!   text on the way out, no scanning for escapes on the way back, which the
//!   two corpus passes would otherwise pay on every byte of every document.
//!   `reduce` re-encodes what it parses, so both paths spill the same bytes.
//!   The binary form differs in one field: a sketch's `minhash` is its
//!   rows as raw bytes rather than hex ([`Sketch`]'s serde impls ask the
//!   format which it is).
//!
//! The shape follows the library's types and may change between versions,
//! which is why the header carries the version (and the resume key the
//! spill format).

use crate::document::{Reject, RejectReason};
use crate::error::{Error, Result};
use crate::graph::duplicates::{self, DuplicateIndex, Prepared, Sketch};
use crate::graph::merge::{EventReports, GroupedReport, ReportKeys};
use crate::graph::{DocOutput, EntityNodes, NameStats};
use crate::output::spill::{Runs, Spill};
use crate::output::view::DocView;
use crate::output::{Counts, DocumentLinks, GraphWriter, RenderedDocument};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Identifies the program and configuration that wrote a stream of partials.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    pub tool: String,
    pub version: String,
    pub config_hash: String,
    /// The near-duplicate signature scheme of the documents' sketches
    /// ([`duplicates::SCHEME`]). Headers written before it was named have
    /// none and read as [`duplicates::OLD_SCHEME`]: the version alone did
    /// not tell the schemes apart.
    #[serde(default = "old_sketch_scheme")]
    pub sketch: String,
}

/// The scheme of a header that names none.
fn old_sketch_scheme() -> String {
    duplicates::OLD_SCHEME.into()
}

impl Header {
    pub fn current(config_hash: String) -> Header {
        Header {
            tool: "newsgraph".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            config_hash,
            sketch: duplicates::SCHEME.into(),
        }
    }
}

/// A processed document as the corpus stage needs it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DocPartial {
    pub doc: DocOutput,
    pub sketch: Sketch,
}

/// One line of a partial-results stream.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Partial {
    Header(Header),
    Doc(Box<DocPartial>),
    Reject(Reject),
}

impl Partial {
    /// The partial of a processed document.
    pub fn document(doc: DocOutput) -> Partial {
        let sketch = Sketch::of(&doc.clean.text);
        Partial::Doc(Box::new(DocPartial { doc, sketch }))
    }

    /// The JSON line `map` prints.
    pub fn to_line(&self) -> Result<String> {
        Ok(serde_json::to_string(self)?)
    }

    /// The binary encoding `run` spills.
    ///
    /// A document's encoding goes into a buffer sized from its text and
    /// mentions up front: grown from empty, each document's bytes were
    /// reallocated and copied several times.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let estimate = match self {
            Partial::Doc(d) => d.doc.clean.text.len() + 64 * d.doc.mentions.len() + 1024,
            _ => 0,
        };
        encode(self, "a partial result", estimate)
    }

    /// Reads back [`Partial::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Partial> {
        decode(bytes, "a spilled partial result")
    }
}

/// The binary encoding of what the corpus stage spills; `what` names it in
/// errors, `capacity` is reserved up front (a guess at its size).
fn encode<T: serde::Serialize>(value: &T, what: &str, capacity: usize) -> Result<Vec<u8>> {
    postcard::to_extend(value, Vec::with_capacity(capacity)).map_err(|e| Error::Partial {
        line: 0,
        message: format!("cannot encode {what}: {e}"),
    })
}

/// Reads back [`encode`].
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T> {
    postcard::from_bytes(bytes).map_err(|e| Error::Partial {
        line: 0,
        message: format!("{what} does not decode: {e}"),
    })
}

/// Names the binary encoding of spilled partials, for the `--resume` keys:
/// entries written in another encoding are never read. It changes with
/// what the bytes mean too, not only with their layout: "postcard-3" holds
/// the same fields as "postcard-2" but signatures of
/// [`duplicates::SCHEME`], which must not meet "postcard-2"'s.
pub const SPILL_FORMAT: &str = "postcard-3";

/// A partial encoded ([`Partial::to_bytes`]) with its sort key, ready for
/// [`CorpusBuilder::add`]. Encoding happens in the worker that made the
/// partial, so the one spilling thread only buffers and writes bytes.
pub enum Encoded {
    Doc { id: String, bytes: Vec<u8> },
    Reject { key: String, bytes: Vec<u8> },
}

impl Encoded {
    pub fn document(doc: DocOutput) -> Result<Encoded> {
        let id = doc.id.clone();
        Ok(Encoded::Doc {
            id,
            bytes: Partial::document(doc).to_bytes()?,
        })
    }

    pub fn reject(r: Reject) -> Result<Encoded> {
        let key = reject_key(&r);
        Ok(Encoded::Reject {
            key,
            bytes: Partial::Reject(r).to_bytes()?,
        })
    }

    /// Encodes a partial read from elsewhere (`reduce`'s JSON, a resume
    /// entry); a header has no place in the spill and gives `None`.
    pub fn partial(partial: &Partial) -> Result<Option<Encoded>> {
        Ok(match partial {
            Partial::Header(_) => None,
            Partial::Doc(d) => Some(Encoded::Doc {
                id: d.doc.id.clone(),
                bytes: partial.to_bytes()?,
            }),
            Partial::Reject(r) => Some(Encoded::Reject {
                key: reject_key(r),
                bytes: partial.to_bytes()?,
            }),
        })
    }

    /// The encoded partial, as `run --resume` keeps it.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Encoded::Doc { bytes, .. } | Encoded::Reject { bytes, .. } => bytes,
        }
    }
}

fn reject_key(r: &Reject) -> String {
    format!("{}\u{1}{}", r.source, r.reason.code())
}

/// Collects partials (from workers or from `reduce`'s input) into spilled
/// runs, then writes the graph with [`CorpusBuilder::write`].
pub struct CorpusBuilder {
    docs: Spill,
    rejects: Spill,
    header: Option<Header>,
    budget: usize,
    dir: tempfile::TempDir,
}

/// Spill budget per kind of record: what the corpus stage may buffer.
pub const DEFAULT_SPILL_BYTES: usize = 64 << 20;

impl CorpusBuilder {
    /// Spills into a fresh temporary directory inside `tmp_parent` (the
    /// output's parent, so that the spill lands on the output's disk).
    pub fn new(tmp_parent: &Path, budget: usize) -> Result<CorpusBuilder> {
        std::fs::create_dir_all(tmp_parent).map_err(|e| Error::Write {
            path: tmp_parent.to_path_buf(),
            source: e,
        })?;
        let dir = tempfile::Builder::new()
            .prefix(crate::output::SPILL_PREFIX)
            .tempdir_in(tmp_parent)
            .map_err(|e| Error::Write {
                path: tmp_parent.to_path_buf(),
                source: e,
            })?;
        crate::output::stale::claim(dir.path());
        Ok(CorpusBuilder {
            docs: Spill::new(dir.path(), "documents", budget),
            rejects: Spill::new(dir.path(), "rejects", budget / 8),
            header: None,
            budget,
            dir,
        })
    }

    /// Adds a partial encoded by [`Encoded`] (in a worker thread).
    pub fn add(&mut self, encoded: Encoded) -> Result<()> {
        match encoded {
            Encoded::Doc { id, bytes } => self.docs.push(id, bytes),
            Encoded::Reject { key, bytes } => self.rejects.push(key, bytes),
        }
    }

    /// Adds a partial kept by `run --resume` ([`Encoded::bytes`]).
    pub fn add_bytes(&mut self, bytes: Vec<u8>) -> Result<()> {
        let encoded = match Partial::from_bytes(&bytes)? {
            Partial::Doc(d) => Encoded::Doc {
                id: d.doc.id,
                bytes,
            },
            Partial::Reject(r) => Encoded::Reject {
                key: reject_key(&r),
                bytes,
            },
            Partial::Header(_) => return Ok(()),
        };
        self.add(encoded)
    }

    /// Adds one line of a partial stream (`reduce`); `line_no` names it in errors.
    pub fn add_line(&mut self, line: &str, line_no: usize) -> Result<()> {
        let bad = |message: String| Error::Partial {
            line: line_no,
            message,
        };
        let partial: Partial = serde_json::from_str(line)
            .map_err(|e| bad(format!("not a newsgraph partial result: {e}")))?;
        match partial {
            Partial::Header(h) if h.sketch != duplicates::SCHEME => {
                return Err(bad(format!(
                    "partials sketched by near-duplicate scheme {:?}, this newsgraph's is {:?}: \
                     their signatures cannot be compared (map the shards again with this version)",
                    h.sketch,
                    duplicates::SCHEME
                )))
            }
            Partial::Header(h) => match &self.header {
                Some(seen) if *seen != h => {
                    return Err(bad(format!(
                        "partials from different runs: {seen:?} and {h:?} (same version and --config needed)"
                    )))
                }
                Some(_) => {}
                None => self.header = Some(h),
            },
            partial => {
                if let Some(encoded) = Encoded::partial(&partial)? {
                    self.add(encoded)?;
                }
            }
        }
        Ok(())
    }

    /// The header the partials carried, if any.
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// Runs the corpus passes and writes the six JSONL files into `dir`.
    pub fn write(self, dir: &Path, pool: &rayon::ThreadPool) -> Result<CorpusSummary> {
        let started = std::time::Instant::now();
        let docs = self.docs.finish()?;

        // Pass 1: corpus-level state. Of several partials with one id the
        // first in sort order is the document; the others are rejects.
        // Batches are decoded in parallel and observed in order; observing
        // batch k (and reading batch k + 2 from the runs) overlaps with
        // decoding batch k + 1, so the serial part does not idle the pool.
        // What observing needs from a document alone (duplicate band keys,
        // event report keys) is made with the decoding, and so are the
        // entity names' counts, which do not depend on order (below); the
        // duplicates and events still see every document in id order, so
        // nothing depends on the thread count.
        let mut duplicates = DuplicateIndex::default();
        let mut reports = EventReports::default();
        // The entity names are counted where each document is decoded, into
        // one `NameStats` per pool thread, merged after the pass: what they
        // collect (type votes, sets of surfaces) adds up the same in any
        // order and grouping. Observed on the ordered side, every mention of
        // every document crossed from the decoding core to the observing one.
        let name_shards: Vec<std::sync::Mutex<NameStats>> = (0..pool.current_num_threads())
            .map(|_| std::sync::Mutex::new(NameStats::default()))
            .collect();
        // One record per document, in the documents' order: decided in
        // pass 1, written in pass 2. Spilled, not kept, because there is
        // one per document.
        let mut decisions = Spill::new(self.dir.path(), "decisions", self.budget / 8);
        let mut rejects = self.rejects;
        let mut lines = each_document(&docs)?;
        let mut current = next_batch(&mut lines)?;
        let mut decoded: Vec<Result<Observed>> = Vec::new();
        let mut observed: Vec<Box<DocPartial>> = Vec::new();
        // One install for the whole loop: installing each batch from this
        // thread woke a pool thread and parked this one twice a batch.
        pool.install(|| -> Result<()> {
            while !(current.is_empty() && decoded.is_empty()) {
                let batch = std::mem::take(&mut current);
                // Freed beside the decoding rather than by the serial part.
                let done = std::mem::take(&mut observed);
                let mut keys = Vec::with_capacity(decoded.len());
                for rec in std::mem::take(&mut decoded) {
                    match rec? {
                        Observed::Document(partial, k) => {
                            keys.push(k);
                            observed.push(partial);
                        }
                        Observed::Repeat(partial) => {
                            let doc = &partial.doc;
                            let r = Reject::new(
                                doc.source.clone(),
                                RejectReason::DuplicateId,
                                format!("{} is already the id of another input", doc.id),
                            );
                            let key = reject_key(&r);
                            rejects.push(key, Partial::Reject(r).to_bytes()?)?;
                        }
                    }
                }
                let observe = &observed;
                let name_shards = &name_shards;
                let (serial, parallel) = rayon::join(
                    || -> Result<Vec<(bool, Vec<u8>)>> {
                        for (partial, keys) in observe.iter().zip(keys) {
                            let doc = &partial.doc;
                            let duplicate_of = duplicates.add_prepared(&doc.id, keys.duplicates);
                            let reports =
                                reports.add_keyed(doc, keys.reports, duplicate_of.as_deref());
                            let decided = Decisions {
                                duplicate_of,
                                reports,
                            };
                            decisions.push(doc.id.clone(), decided.to_bytes()?)?;
                        }
                        next_batch(&mut lines)
                    },
                    || -> Vec<Result<Observed>> {
                        done.into_par_iter().for_each(drop);
                        batch
                            .into_par_iter()
                            .map(|(first, bytes)| {
                                let mut partial = decode_document(&bytes)?;
                                if !first {
                                    return Ok(Observed::Repeat(partial));
                                }
                                let keys = Keys {
                                    duplicates: Prepared::of(&partial.sketch),
                                    reports: ReportKeys::of(&partial.doc),
                                };
                                let shard = rayon::current_thread_index().unwrap_or(0)
                                    % name_shards.len().max(1);
                                if let Some(names) = name_shards.get(shard) {
                                    names
                                        .lock()
                                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                                        .observe(&partial.doc);
                                }
                                // The ordered side needs no mentions: freed
                                // here, on the thread that made them.
                                drop(std::mem::take(&mut partial.doc.mentions));
                                Ok(Observed::Document(partial, keys))
                            })
                            .collect()
                    },
                );
                current = serial?;
                decoded = parallel;
            }
            Ok(())
        })?;
        let mut names = NameStats::default();
        for shard in name_shards {
            names.merge(
                shard
                    .into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            );
        }
        drop(observed);
        drop(duplicates);
        let decisions = decisions.finish()?;
        let resolver = pool.install(|| names.resolve());
        let events = reports.merge(&resolver);
        let graph_ms = started.elapsed().as_millis() as u64;
        let started = std::time::Instant::now();

        // Pass 2: documents in id order (rendered in parallel, written in
        // order, the writing of batch k overlapping the rendering of batch
        // k + 1 as in pass 1), then the corpus-level files. The decisions
        // come in the same order as the documents that are not rejects.
        let mut writer = GraphWriter::create(dir)?;
        let mut nodes = EntityNodes::default();
        let mut lines = each_document(&docs)?;
        let mut decided = decisions.merged()?;
        let mut current = next_decided_batch(&mut lines, &mut decided)?;
        // The entity nodes a document mentions are looked up with its
        // rendering, and the document freed there, in parallel: the serial
        // part only adds them up.
        let mut rendered: Vec<Result<(Vec<u32>, RenderedDocument)>> = Vec::new();
        pool.install(|| -> Result<()> {
            while !(current.is_empty() && rendered.is_empty()) {
                let batch = std::mem::take(&mut current);
                let write = std::mem::take(&mut rendered);
                let (serial, parallel) = rayon::join(
                    || -> Result<Vec<DecidedDocument>> {
                        let mut written = Vec::with_capacity(write.len());
                        for rec in write {
                            let (mentioned, r) = rec?;
                            nodes.add_nodes(&mentioned, &resolver);
                            written.push(r);
                        }
                        writer.write_all_rendered(&written)?;
                        next_decided_batch(&mut lines, &mut decided)
                    },
                    || -> Vec<Result<(Vec<u32>, RenderedDocument)>> {
                        batch
                            .into_par_iter()
                            .map(|d| {
                                let DecidedDocument {
                                    partial: bytes,
                                    decided_for,
                                    decisions: decided,
                                } = d;
                                // Rendered from the spilled bytes in place:
                                // pass 1 decoded the document already, and
                                // owning it again cost a copy of every
                                // string in it, freed right after.
                                let doc = DocView::from_spilled(&bytes)?;
                                if decided_for != doc.id {
                                    return Err(Error::Partial {
                                        line: 0,
                                        message: format!(
                                            "spilled decisions out of step: {decided_for} for {}",
                                            doc.id
                                        ),
                                    });
                                }
                                let decided = Decisions::from_bytes(&decided)?;
                                let entities =
                                    resolver.links_of(doc.mentions.len(), doc.entities());
                                let reports = events.reports(&decided.reports);
                                let links = DocumentLinks {
                                    entity_ids: &entities.ids,
                                    duplicate_of: decided.duplicate_of.as_deref(),
                                    reports: &reports,
                                };
                                let r = RenderedDocument::new(&doc, &links)?;
                                Ok((entities.nodes, r))
                            })
                            .collect()
                    },
                );
                current = serial?;
                rendered = parallel;
            }
            Ok(())
        })?;
        if decided.next().is_some() {
            return Err(Error::Partial {
                line: 0,
                message: "spilled decisions outlast the documents".into(),
            });
        }
        let rejects = rejects.finish()?;
        let mut rejects_by_reason = BTreeMap::new();
        let reject_records = rejects.merged()?.map(|rec| {
            let (_, bytes) = rec?;
            match Partial::from_bytes(&bytes)? {
                Partial::Reject(r) => {
                    *rejects_by_reason.entry(r.reason.code()).or_default() += 1;
                    Ok(r)
                }
                _ => Err(Error::Partial {
                    line: 0,
                    message: "a spilled reject is not a reject".into(),
                }),
            }
        });
        // In the pool: the entity nodes and the other corpus-level files
        // are made side by side when it has two threads.
        let counts = pool.install(|| {
            writer.finish(
                move || nodes.finish(resolver),
                &events.events,
                reject_records,
            )
        })?;
        Ok(CorpusSummary {
            counts,
            rejects_by_reason,
            graph_ms,
            write_ms: started.elapsed().as_millis() as u64,
        })
    }
}

/// What the corpus stage wrote.
pub struct CorpusSummary {
    pub counts: Counts,
    pub rejects_by_reason: BTreeMap<&'static str, usize>,
    /// Reading the spilled documents, resolving entities, duplicates, events.
    pub graph_ms: u64,
    /// Writing the files.
    pub write_ms: u64,
}

/// Documents parsed and rendered together: enough to keep the threads
/// busy, small enough that a batch is a few megabytes.
const BATCH: usize = 256;

/// Iterates the spilled documents in id order: each encoded partial with
/// whether it is the first with its id.
fn each_document(runs: &Runs) -> Result<impl Iterator<Item = Result<(bool, Vec<u8>)>> + '_> {
    let mut previous: Option<String> = None;
    Ok(runs.merged()?.map(move |rec| {
        let (key, bytes) = rec?;
        let first = previous.as_deref() != Some(key.as_str());
        previous = Some(key);
        Ok((first, bytes))
    }))
}

fn next_batch(
    lines: &mut impl Iterator<Item = Result<(bool, Vec<u8>)>>,
) -> Result<Vec<(bool, Vec<u8>)>> {
    let mut batch = Vec::with_capacity(BATCH);
    for rec in lines.by_ref().take(BATCH) {
        batch.push(rec?);
    }
    Ok(batch)
}

/// A spilled document of pass 1, decoded.
enum Observed {
    /// The first partial with its id, and what observing it needs made
    /// from it alone.
    Document(Box<DocPartial>, Keys),
    /// A later partial with an id already taken: a reject.
    Repeat(Box<DocPartial>),
}

/// The keys pass 1 looks up for a document in the corpus-level state.
struct Keys {
    duplicates: Prepared,
    reports: ReportKeys,
}

/// A spilled document of pass 2 with what pass 1 decided about it, both
/// still encoded.
struct DecidedDocument {
    partial: Vec<u8>,
    /// The id the decisions were recorded for: the document's, unless the
    /// two spills are out of step.
    decided_for: String,
    decisions: Vec<u8>,
}

/// The next batch of pass 2: the documents that are not rejects, each
/// with its decisions.
fn next_decided_batch(
    lines: &mut impl Iterator<Item = Result<(bool, Vec<u8>)>>,
    decided: &mut impl Iterator<Item = Result<(String, Vec<u8>)>>,
) -> Result<Vec<DecidedDocument>> {
    let mut batch = Vec::with_capacity(BATCH);
    for (first, bytes) in next_batch(lines)? {
        if !first {
            continue;
        }
        let (id, decisions) = decided.next().ok_or_else(|| Error::Partial {
            line: 0,
            message: "spilled decisions end before the documents".into(),
        })??;
        batch.push(DecidedDocument {
            partial: bytes,
            decided_for: id,
            decisions,
        });
    }
    Ok(batch)
}

/// What pass 1 decides about a document and pass 2 writes with it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Decisions {
    /// The canonical document, when this one is a copy.
    duplicate_of: Option<String>,
    /// Its event reports, by group until the groups are merged.
    reports: Vec<GroupedReport>,
}

impl Decisions {
    fn to_bytes(&self) -> Result<Vec<u8>> {
        encode(self, "a document's decisions", 0)
    }

    fn from_bytes(bytes: &[u8]) -> Result<Decisions> {
        decode(bytes, "a document's spilled decisions")
    }
}

fn decode_document(bytes: &[u8]) -> Result<Box<DocPartial>> {
    match Partial::from_bytes(bytes)? {
        Partial::Doc(d) => Ok(d),
        _ => Err(Error::Partial {
            line: 0,
            message: "a spilled document is not a document".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Resources;
    use crate::document::{Dct, InputFormat, RawDocument};

    /// The binary spill must carry everything the JSON of `map` does, so
    /// that `run` (binary) and `reduce` (JSON, re-encoded) agree: amounts
    /// with their exact decimals, dates, entities, events, the sketch.
    #[test]
    fn binary_partials_round_trip_to_the_same_json() {
        let res = Resources::builtin();
        let raw = RawDocument {
            source: "t.txt".into(),
            format: InputFormat::Text,
            text: "Microsoft said on Tuesday it would invest $10.50 billion in OpenAI \
                   through 2030, up 3.0% from the $1 billion it invested in June 2019, \
                   chief executive Satya Nadella said in Redmond."
                .into(),
            meta: Default::default(),
        };
        let dct = Dct::parse("2026-05-01").ok();
        let doc = crate::pipeline::process_document(&res, &raw, dct.as_ref()).unwrap();
        assert!(!doc.mentions.is_empty() && !doc.events.is_empty());
        for partial in [
            Partial::document(doc),
            Partial::Reject(Reject::new("x#1", RejectReason::ParseError, "bad\tline\n")),
            Partial::Header(Header::current("abc".into())),
        ] {
            let bytes = partial.to_bytes().unwrap();
            let back = Partial::from_bytes(&bytes).unwrap();
            assert_eq!(back.to_line().unwrap(), partial.to_line().unwrap());
            // And JSON → binary gives the same bytes as binary directly.
            let json: Partial = serde_json::from_str(&partial.to_line().unwrap()).unwrap();
            assert_eq!(json.to_bytes().unwrap(), bytes);
        }
        assert!(Partial::from_bytes(b"\x07garbage").is_err());
    }

    /// Pass 2 reads what pass 1 decided per document from a spill of its
    /// own: however many runs the spills are cut into, and however many
    /// threads the passes have, every document must get its own duplicate
    /// link and event reports.
    #[test]
    fn spilling_in_small_runs_writes_the_same_graph() {
        let res = Resources::builtin();
        let dct = Dct::parse("2026-05-01").ok();
        let story =
            "Acme invested $1 billion in Globex in June 2019, the companies said on Tuesday. \
                     The deal was the largest in the history of the industry, analysts said.";
        let texts = [
            story.to_string(),
            format!("{story} Shares rose."),
            "Globex signed a license with Initech in 2024, Initech said in a statement.".into(),
            story.to_string(),
            "Nothing here reports an event at all, said nobody in particular.".into(),
        ];
        let partials: Vec<Partial> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let raw = RawDocument {
                    // Two inputs share an id: the second is a reject.
                    source: format!("d{}.txt", i.min(3)),
                    format: InputFormat::Text,
                    text: t.clone(),
                    meta: Default::default(),
                };
                Partial::document(
                    crate::pipeline::process_document(&res, &raw, dct.as_ref()).unwrap(),
                )
            })
            .collect();
        let pools = [1, 2].map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
        });
        let write = |budget: usize, pool: &rayon::ThreadPool| {
            let tmp = tempfile::tempdir().unwrap();
            let mut corpus = CorpusBuilder::new(tmp.path(), budget).unwrap();
            for p in partials.iter().rev() {
                corpus.add(Encoded::partial(p).unwrap().unwrap()).unwrap();
            }
            let out = tmp.path().join("out");
            std::fs::create_dir_all(&out).unwrap();
            corpus.write(&out, pool).unwrap();
            [
                "documents",
                "edges",
                "events",
                "rejects",
                "entities",
                "mentions",
            ]
            .map(|f| std::fs::read_to_string(out.join(format!("{f}.jsonl"))).unwrap())
        };
        let whole = write(64 << 20, &pools[1]);
        assert!(whole[0].contains("duplicate_of"), "{}", whole[0]);
        assert!(whole[1].contains(r#""rel":"reports""#), "{}", whole[1]);
        assert_eq!(whole[3].lines().count(), 1, "{}", whole[3]);
        assert_eq!(write(16, &pools[1]), whole);
        // The corpus passes split their serial work between threads: one
        // thread must write the same bytes.
        assert_eq!(write(64 << 20, &pools[0]), whole);
        assert_eq!(write(16, &pools[0]), whole);
    }
}
