//! Output: the graph as JSON Lines, sorted, written atomically.
//!
//! Takes the [`Graph`], the rejects and the manifest; gives a directory with
//! `documents.jsonl`, `entities.jsonl`, `events.jsonl`, `mentions.jsonl`,
//! `edges.jsonl`, `rejects.jsonl` and `manifest.json` (record shapes in
//! [`records`]). Every file is sorted (documents, entities and events by
//! `id`; mentions by doc, start, end, kind; edges by src, rel, dst, start;
//! rejects by source), so output is byte-identical for identical input.
//!
//! Atomicity: everything is written to a fresh sibling directory and synced,
//! then swapped with the target in one `renameat2(RENAME_EXCHANGE)`; a run
//! that dies at any point leaves the previous outputs whole. Refuses to
//! replace a non-empty directory that holds no `manifest.json`.

mod json;
pub mod manifest;
pub mod records;
pub mod spill;
pub mod stale;
pub mod view;
mod writeback;

use crate::document::Reject;
use crate::error::{Error, Result};
use crate::graph::{DocOutput, EntityNode, EventNode, Graph};
use crate::span::{CharIndex, Span};
use records::*;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The output files, in the order they are written.
pub const FILES: [&str; 7] = [
    "documents.jsonl",
    "entities.jsonl",
    "events.jsonl",
    "mentions.jsonl",
    "edges.jsonl",
    "rejects.jsonl",
    "manifest.json",
];

/// Line counts of what was written.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Counts {
    pub documents: usize,
    pub entities: usize,
    pub events: usize,
    pub mentions: usize,
    pub edges: usize,
    pub rejects: usize,
}

struct JsonlWriter {
    path: PathBuf,
    out: BufWriter<std::fs::File>,
    lines: usize,
    writeback: writeback::WriteBack,
}

impl JsonlWriter {
    fn create(dir: &Path, name: &str) -> Result<JsonlWriter> {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).map_err(|e| Error::Write {
            path: path.clone(),
            source: e,
        })?;
        let writeback = writeback::WriteBack::new(&file).map_err(|e| Error::Write {
            path: path.clone(),
            source: e,
        })?;
        Ok(JsonlWriter {
            path,
            out: BufWriter::with_capacity(1 << 20, file),
            lines: 0,
            writeback,
        })
    }

    fn write<T: serde::Serialize>(&mut self, record: &T) -> Result<()> {
        let err = |e: std::io::Error, p: &Path| Error::Write {
            path: p.to_path_buf(),
            source: e,
        };
        serde_json::to_writer(&mut self.out, record)
            .map_err(|e| err(std::io::Error::other(e), &self.path))?;
        self.out.write_all(b"\n").map_err(|e| err(e, &self.path))?;
        self.lines += 1;
        Ok(())
    }

    /// Appends `lines` already rendered (each ending in a newline).
    fn write_rendered(&mut self, bytes: &[u8], lines: usize) -> Result<()> {
        self.out.write_all(bytes).map_err(|e| Error::Write {
            path: self.path.clone(),
            source: e,
        })?;
        self.lines += lines;
        if self.writeback.wrote(bytes.len()) {
            self.out.flush().map_err(|e| Error::Write {
                path: self.path.clone(),
                source: e,
            })?;
            self.writeback.request();
        }
        Ok(())
    }

    fn finish(self) -> Result<usize> {
        let file = self.out.into_inner().map_err(|e| Error::Write {
            path: self.path.clone(),
            source: e.into_error(),
        })?;
        let err = |e| Error::Write {
            path: self.path.clone(),
            source: e,
        };
        self.writeback.finish().map_err(err)?;
        file.sync_all().map_err(err)?;
        Ok(self.lines)
    }
}

/// Writes the six JSONL files into `dir` (which must exist), streaming:
/// documents (with their mentions and edges) one at a time in id order,
/// then the corpus-level entities, events and rejects.
pub struct GraphWriter {
    counts: Counts,
    dir: PathBuf,
    docs: JsonlWriter,
    mentions: JsonlWriter,
    edges: JsonlWriter,
}

/// What the corpus stage decided about one document.
pub struct DocumentLinks<'a> {
    /// Entity id per canonical name of the document's entity mentions.
    pub entity_ids: &'a rustc_hash::FxHashMap<&'a str, std::borrow::Cow<'a, str>>,
    /// The document this one is a copy of.
    pub duplicate_of: Option<&'a str>,
    /// The events the document reports: event id and sentence span.
    pub reports: &'a [(String, Span)],
}

impl GraphWriter {
    pub fn create(dir: &Path) -> Result<GraphWriter> {
        Ok(GraphWriter {
            counts: Counts::default(),
            dir: dir.to_path_buf(),
            docs: JsonlWriter::create(dir, "documents.jsonl")?,
            mentions: JsonlWriter::create(dir, "mentions.jsonl")?,
            edges: JsonlWriter::create(dir, "edges.jsonl")?,
        })
    }

    /// Writes one document, its mentions and its `mentions`/`reports`
    /// edges. Documents must come in id order: edges are sorted by source
    /// first, so each document's edges can be sorted on their own.
    pub fn document(&mut self, d: &DocOutput, links: &DocumentLinks<'_>) -> Result<()> {
        let rendered = RenderedDocument::new(&view::DocView::of(d), links)?;
        self.write_rendered(&rendered)
    }

    /// Writes a document rendered by [`RenderedDocument::new`] (which may
    /// run on another thread); same order rule as [`Self::document`].
    pub fn write_rendered(&mut self, r: &RenderedDocument) -> Result<()> {
        self.docs.write_rendered(&r.document, 1)?;
        self.mentions.write_rendered(&r.mentions, r.mention_lines)?;
        self.edges.write_rendered(&r.edges, r.edge_lines)
    }

    /// Writes the corpus-level files; `rejects` must come sorted by source
    /// and reason. Returns the line counts of everything written.
    ///
    /// `documents.jsonl` and `mentions.jsonl` are complete when this is
    /// called: their final syncs, which wait for most of the output's
    /// bytes to reach the disk, run on threads of their own while the
    /// corpus-level files are written, instead of one after another at the
    /// end. What is written does not change, only when it is waited for.
    ///
    /// `entities` makes the entity nodes (sorting them is work of its own):
    /// it and `entities.jsonl` run beside `events.jsonl`, the events' edges
    /// and `rejects.jsonl` through `rayon::join`, so in the caller's pool —
    /// one after the other with one thread. Each file is written by one
    /// side alone, so its bytes do not depend on that.
    pub fn finish<E>(
        self,
        entities: impl FnOnce() -> E + Send,
        events: &[EventNode],
        rejects: impl Iterator<Item = Result<Reject>> + Send,
    ) -> Result<Counts>
    where
        E: std::borrow::Borrow<[EntityNode]>,
    {
        let GraphWriter {
            counts,
            dir,
            docs,
            mentions,
            edges,
        } = self;
        std::thread::scope(|scope| {
            let docs = scope.spawn(move || docs.finish());
            let mentions = scope.spawn(move || mentions.finish());
            let (entities, written) = rayon::join(
                || write_entities(&dir, entities().borrow()),
                || write_corpus_files(counts, &dir, edges, events, rejects),
            );
            let joined = |t: std::thread::ScopedJoinHandle<'_, Result<usize>>| {
                t.join().unwrap_or_else(|_| {
                    Err(Error::Io(std::io::Error::other("sync thread panicked")))
                })
            };
            let (documents, mentions) = (joined(docs), joined(mentions));
            let mut counts = written?;
            counts.entities = entities?;
            counts.documents = documents?;
            counts.mentions = mentions?;
            Ok(counts)
        })
    }
}

/// Appends the `participant` edges of one event, sorted.
fn write_edges(out: &mut JsonlWriter, mut edges: Vec<EdgeRecord>) -> Result<()> {
    sort_edges(&mut edges);
    for e in &edges {
        out.write(e)?;
    }
    Ok(())
}

/// Writes `entities.jsonl`; returns its line count.
fn write_entities(dir: &Path, entities: &[EntityNode]) -> Result<usize> {
    let mut ew = JsonlWriter::create(dir, "entities.jsonl")?;
    for e in entities {
        ew.write(&EntityRecord {
            id: &e.id,
            ty: entity_type_name(e.ty),
            name: &e.name,
            aliases: &e.aliases,
            mentions: e.mentions,
            documents: e.documents,
        })?;
    }
    ew.finish()
}

/// The rest of [`GraphWriter::finish`]: events (and their edges, after the
/// documents' ones), rejects.
fn write_corpus_files(
    mut counts: Counts,
    dir: &Path,
    mut edges: JsonlWriter,
    events: &[EventNode],
    rejects: impl Iterator<Item = Result<Reject>>,
) -> Result<Counts> {
    // Event ids all sort after document ids ("evt:" > "doc:"), and events
    // come in id order, so their edges follow the documents' edges.
    let mut vw = JsonlWriter::create(dir, "events.jsonl")?;
    for ev in events {
        vw.write(&EventRecord {
            id: &ev.id,
            ty: &ev.event_type,
            trigger: &ev.trigger,
            date: EventDate {
                timex: ev.date.timex.as_deref(),
                ty: timex_type_name(ev.date.kind),
                range: ev.date.range.as_ref(),
            },
            amounts: ev
                .amounts
                .iter()
                .map(|(kind, a)| EventAmount {
                    kind,
                    value: Num(&a.value),
                    currency: a.currency.as_deref(),
                    qualifier: a.qualifier,
                    max: a.max.as_ref().map(Num),
                    points: a.points,
                })
                .collect(),
            sentence: &ev.sentence,
            sources: ev.sources,
        })?;
        let participant_edges = ev
            .participants
            .iter()
            .map(|(entity, role)| EdgeRecord {
                src: ev.id.clone(),
                dst: entity.clone(),
                rel: "participant",
                count: None,
                start: None,
                end: None,
                role: Some(*role),
            })
            .collect();
        write_edges(&mut edges, participant_edges)?;
    }
    counts.events = vw.finish()?;

    let mut rw = JsonlWriter::create(dir, "rejects.jsonl")?;
    for r in rejects {
        let r = r?;
        rw.write(&RejectRecord {
            source: &r.source,
            reason: r.reason,
            detail: &r.detail,
        })?;
    }
    counts.rejects = rw.finish()?;
    counts.edges = edges.finish()?;
    Ok(counts)
}

/// One document's lines of `documents.jsonl`, `mentions.jsonl` and
/// `edges.jsonl`, rendered ahead of writing so that documents can be
/// rendered in parallel and written in order.
pub struct RenderedDocument {
    document: Vec<u8>,
    mentions: Vec<u8>,
    mention_lines: usize,
    edges: Vec<u8>,
    edge_lines: usize,
}

impl RenderedDocument {
    /// Renders a document: viewed ([`view::DocView::of`]) when held in
    /// memory, or straight from its spilled bytes
    /// ([`view::DocView::from_spilled`]) in the corpus pass.
    pub fn new(d: &view::DocView<'_>, links: &DocumentLinks<'_>) -> Result<RenderedDocument> {
        let c = &d.clean;
        let mut document = Vec::with_capacity(c.text.len() + 256);
        DocumentRecord {
            id: d.id,
            source: d.source,
            title: c.title,
            published: c.published.as_ref().map(|p| p.timex),
            published_from: c.published.as_ref().map(|p| p.from),
            publisher: c.publisher,
            url: d.url,
            text: c.text,
            removed: c.removed,
            duplicate_of: links.duplicate_of,
        }
        .write_json(&mut document)?;
        document.push(b'\n');
        let chars = CharIndex::new(c.text);
        let mut recs: Vec<MentionRecord<'_>> = d
            .mentions
            .iter()
            .map(|m| {
                let id = match &m.value {
                    view::ValueView::Entity(e) => {
                        links.entity_ids.get(e.canonical).map(|id| id.as_ref())
                    }
                    _ => None,
                };
                MentionRecord::new(Some(d.id), c.text, &chars, m, id)
            })
            .collect();
        recs.sort_by(|a, b| (a.start, a.end, a.kind).cmp(&(b.start, b.end, b.kind)));
        // Sized for a typical record (about 130 bytes), so that the buffer
        // is not regrown from empty document after document.
        let mut mentions = Vec::with_capacity(recs.len() * (d.id.len() + 112));
        let prefix = json::mention_prefix(d.id);
        let mut per_entity: std::collections::BTreeMap<&str, usize> = Default::default();
        for r in &recs {
            r.write_json_after(&prefix, &mut mentions)?;
            mentions.push(b'\n');
            if let Some(e) = r.entity {
                *per_entity.entry(e).or_default() += 1;
            }
        }
        // Every edge here starts at this document: they borrow its id (and
        // the entity and event ids) rather than copy them.
        let mut edges: Vec<EdgeRecord<&str>> = per_entity
            .into_iter()
            .map(|(e, n)| EdgeRecord {
                src: d.id,
                dst: e,
                rel: "mentions",
                count: Some(n),
                start: None,
                end: None,
                role: None,
            })
            .collect();
        for (event, sentence) in links.reports {
            edges.push(EdgeRecord {
                src: d.id,
                dst: event.as_str(),
                rel: "reports",
                count: None,
                start: Some(chars.chars(sentence.start)),
                end: Some(chars.chars(sentence.end)),
                role: None,
            });
        }
        sort_edges(&mut edges);
        let mut edge_bytes = Vec::with_capacity(edges.len() * (2 * d.id.len() + 48));
        for e in &edges {
            e.write_json(&mut edge_bytes)?;
            edge_bytes.push(b'\n');
        }
        Ok(RenderedDocument {
            document,
            mentions,
            mention_lines: recs.len(),
            edges: edge_bytes,
            edge_lines: edges.len(),
        })
    }
}

fn sort_edges<S: Ord>(edges: &mut Vec<EdgeRecord<S>>) {
    edges.sort_by(|a, b| (&a.src, a.rel, &a.dst, a.start).cmp(&(&b.src, b.rel, &b.dst, b.start)));
    edges.dedup();
}

/// Writes a graph built in memory (see [`crate::graph::build`]) into `dir`.
pub fn write_graph(dir: &Path, graph: &Graph, rejects: &[Reject]) -> Result<Counts> {
    let mut w = GraphWriter::create(dir)?;
    for (((d, ids), dup), reports) in graph
        .documents
        .iter()
        .zip(&graph.entity_ids)
        .zip(&graph.duplicate_of)
        .zip(&graph.reports)
    {
        let ids = ids
            .iter()
            .map(|(name, id)| (name.as_str(), std::borrow::Cow::Borrowed(id.as_str())))
            .collect();
        let links = DocumentLinks {
            entity_ids: &ids,
            duplicate_of: dup.as_deref(),
            reports,
        };
        w.document(d, &links)?;
    }
    let mut sorted: Vec<Reject> = rejects.to_vec();
    sorted.sort_by(|a, b| (&a.source, a.reason).cmp(&(&b.source, b.reason)));
    w.finish(
        || graph.entities.as_slice(),
        &graph.events,
        sorted.into_iter().map(Ok),
    )
}

/// A fresh staging directory beside `out`, for [`commit_dir`].
pub fn staging_dir(out: &Path) -> Result<tempfile::TempDir> {
    let parent = parent_of(out);
    std::fs::create_dir_all(parent).map_err(|e| Error::Write {
        path: parent.to_path_buf(),
        source: e,
    })?;
    let dir = tempfile::Builder::new()
        .prefix(&staging_prefix(out))
        .tempdir_in(parent)
        .map_err(|e| Error::Write {
            path: parent.to_path_buf(),
            source: e,
        })?;
    stale::claim(dir.path());
    Ok(dir)
}

/// Where the directories that serve output directory `out` go — staging,
/// spill, resume cache: beside it, on its disk (`.` for a bare name).
pub fn parent_of(out: &Path) -> &Path {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The name of `out` that the directories beside it are named after.
pub(crate) fn output_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "outputs".into())
}

/// How the staging directories of `out` begin.
pub(crate) fn staging_prefix(out: &Path) -> String {
    format!(".{}.tmp-", output_name(out))
}

/// How the corpus stage's spill directories begin.
pub(crate) const SPILL_PREFIX: &str = ".newsgraph-spill-";

/// Checks that `out` may be replaced: absent, empty, or a previous output.
pub fn check_replaceable(out: &Path) -> Result<()> {
    match std::fs::read_dir(out) {
        Err(_) => Ok(()),
        Ok(mut entries) => {
            if entries.next().is_none() || out.join("manifest.json").is_file() {
                Ok(())
            } else {
                Err(Error::ForeignOutputDir(out.to_path_buf()))
            }
        }
    }
}

/// Puts the finished `staged` directory in the place of `out` atomically.
pub fn commit_dir(staged: tempfile::TempDir, out: &Path) -> Result<()> {
    check_replaceable(out)?;
    let werr = |e: std::io::Error| Error::Write {
        path: out.to_path_buf(),
        source: e,
    };
    stale::release(staged.path()).map_err(werr)?;
    let staged = staged.keep();
    if let Ok(dir) = std::fs::File::open(&staged) {
        let _ = dir.sync_all();
    }
    if !out.exists() {
        std::fs::rename(&staged, out).map_err(werr)?;
    } else {
        match rustix::fs::renameat_with(
            rustix::fs::CWD,
            &staged,
            rustix::fs::CWD,
            out,
            rustix::fs::RenameFlags::EXCHANGE,
        ) {
            Ok(()) => {}
            Err(_) => {
                // No atomic exchange on this file system: two renames, the
                // old outputs kept aside until the new ones are in place.
                let aside = staged.with_extension("old");
                std::fs::rename(out, &aside).map_err(werr)?;
                std::fs::rename(&staged, out).map_err(werr)?;
                let _ = std::fs::remove_dir_all(&aside);
                return Ok(());
            }
        }
        // `staged` now holds the previous outputs.
        std::fs::remove_dir_all(&staged).map_err(werr)?;
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}
