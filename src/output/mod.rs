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

    /// Appends `parts`, lines already rendered (`lines` of them), straight
    /// from the buffers that hold them: copied through the writer's
    /// buffer, every byte of the output was copied twice on the ordered
    /// side of the write pass, once by us and once by the kernel.
    fn write_rendered_parts(&mut self, parts: &[&[u8]], lines: usize) -> Result<()> {
        let path = &self.path;
        let err = |e: std::io::Error| Error::Write {
            path: path.clone(),
            source: e,
        };
        // What went through the buffer comes first.
        self.out.flush().map_err(err)?;
        let mut slices: Vec<std::io::IoSlice<'_>> = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| std::io::IoSlice::new(p))
            .collect();
        let mut left = &mut slices[..];
        let file = self.out.get_mut();
        while !left.is_empty() {
            match file.write_vectored(left) {
                Ok(0) => return Err(err(std::io::ErrorKind::WriteZero.into())),
                Ok(n) => std::io::IoSlice::advance_slices(&mut left, n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(err(e)),
            }
        }
        self.lines += lines;
        if self.writeback.wrote(parts.iter().map(|p| p.len()).sum()) {
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
        self.write_all_rendered(std::slice::from_ref(&rendered))
    }

    /// Writes documents rendered by [`RenderedDocument::new`] (which may
    /// run on other threads), in order — same order rule as
    /// [`Self::document`] — with one system call per file rather than a
    /// copy of every document into a buffer.
    pub fn write_all_rendered(&mut self, docs: &[RenderedDocument]) -> Result<()> {
        let parts =
            |part: fn(&RenderedDocument) -> &[u8]| docs.iter().map(part).collect::<Vec<_>>();
        let lines = |count: fn(&RenderedDocument) -> usize| docs.iter().map(count).sum();
        self.docs
            .write_rendered_parts(&parts(|r| &r.document), docs.len())?;
        self.mentions
            .write_rendered_parts(&parts(|r| &r.mentions), lines(|r| r.mention_lines))?;
        self.edges
            .write_rendered_parts(&parts(|r| &r.edges), lines(|r| r.edge_lines))
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
        // Mostly in this order already (the extractors' order differs only
        // where two mentions start together): checking is cheaper than
        // sorting, which also allocates.
        let order = |a: &MentionRecord<'_>| (a.start, a.end, a.kind);
        if !recs.is_sorted_by(|a, b| order(a) <= order(b)) {
            recs.sort_by(|a, b| order(a).cmp(&order(b)));
        }
        // Sized for a typical record (about 130 bytes), so that the buffer
        // is not regrown from empty document after document.
        let mut mentions = Vec::with_capacity(recs.len() * (d.id.len() + 112));
        let prefix = json::mention_prefix(d.id);
        for r in &recs {
            r.write_json_after(&prefix, &mut mentions)?;
            mentions.push(b'\n');
        }
        let edges = document_edges(
            d.id,
            mention_counts(recs.iter().filter_map(|r| r.entity)),
            links.reports.iter().map(|(event, sentence)| {
                (
                    event.as_str(),
                    chars.chars(sentence.start),
                    chars.chars(sentence.end),
                )
            }),
        );
        let mut edge_bytes = Vec::with_capacity(edges.len() * (2 * d.id.len() + 48));
        let prefix = json::edge_prefix(d.id);
        for e in &edges {
            e.write_json_after(&prefix, &mut edge_bytes)?;
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

/// How many times each entity id occurs in `ids`, in id order.
///
/// The ids of one document's mentions are the entity map's values, so the
/// mentions of one name share one string: counted first by address (a
/// hash of two words, where a map keyed by the text compared the texts
/// several times per mention), then sorted by text, which also merges the
/// counts of different names with one id.
fn mention_counts<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    // Both sized once, for every id distinct: growing them was a rehash
    // and a few reallocations per document.
    let most = ids.size_hint().1.unwrap_or(0);
    let mut slot: rustc_hash::FxHashMap<(usize, usize), usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(most, Default::default());
    let mut counts: Vec<(&str, usize)> = Vec::with_capacity(most);
    for id in ids {
        let next = counts.len();
        let i = *slot.entry((id.as_ptr() as usize, id.len())).or_insert(next);
        match counts.get_mut(i) {
            Some(c) => c.1 += 1,
            None => counts.push((id, 1)),
        }
    }
    // Compared by their first eight bytes first (zero-padded, which
    // orders as the whole texts do wherever those bytes differ): most ids
    // differ there, and comparing the texts was a call to `memcmp`.
    counts.sort_unstable_by(|a, b| {
        let (x, y) = (head(a.0), head(b.0));
        x.cmp(&y).then_with(|| a.0.cmp(b.0))
    });
    counts.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 += later.1;
        }
        same
    });
    counts
}

/// The first eight bytes of `s` (zeros after a shorter one), as a number
/// that orders as the bytes do.
fn head(s: &str) -> u64 {
    match s.as_bytes().first_chunk::<8>() {
        Some(b) => u64::from_be_bytes(*b),
        // Byte by byte: a copy of a length known only at run time would be
        // a call to `memcpy`, and ids are rarely this short.
        None => s
            .bytes()
            .zip((0..8).rev())
            .fold(0, |w, (b, i)| w | (b as u64) << (8 * i)),
    }
}

/// The edges of document `doc`, sorted and without repeats as
/// [`sort_edges`] leaves them: a `mentions` edge per entity of `mentions`
/// (sorted by id, each once, as [`mention_counts`] gives them), then a
/// `reports` edge per event and sentence of `reports`. Every edge starts
/// at `doc` and `mentions` sorts before `reports`, so only the reports
/// are left to sort — by event, then start (stably, as [`sort_edges`]
/// does), with nothing but the source to tell apart — and the source is
/// compared nowhere.
fn document_edges<'a>(
    doc: &'a str,
    mentions: Vec<(&'a str, usize)>,
    reports: impl Iterator<Item = (&'a str, usize, usize)>,
) -> Vec<EdgeRecord<&'a str>> {
    let mut reports: Vec<(&str, usize, usize)> = reports.collect();
    reports.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    reports.dedup();
    let mentions = mentions
        .into_iter()
        .map(|(entity, n)| mentions_edge(doc, entity, n));
    let reports = reports
        .into_iter()
        .map(|(event, start, end)| reports_edge(doc, event, start, end));
    mentions.chain(reports).collect()
}

/// The edge from document `doc` to an entity it mentions `count` times.
fn mentions_edge<'a>(doc: &'a str, entity: &'a str, count: usize) -> EdgeRecord<&'a str> {
    EdgeRecord {
        src: doc,
        dst: entity,
        rel: "mentions",
        count: Some(count),
        start: None,
        end: None,
        role: None,
    }
}

/// The edge from document `doc` to an event it reports in the sentence
/// `start..end`.
fn reports_edge<'a>(doc: &'a str, event: &'a str, start: usize, end: usize) -> EdgeRecord<&'a str> {
    EdgeRecord {
        src: doc,
        dst: event,
        rel: "reports",
        count: None,
        start: Some(start),
        end: Some(end),
        role: None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A document's edges as [`RenderedDocument::new`] first made them: the
    /// mentions counted in a map keyed by id, every edge sorted and
    /// deduplicated whole by [`sort_edges`].
    fn edges_by_sorting<'a>(
        doc: &'a str,
        ids: &[&'a str],
        reports: &[(&'a str, usize, usize)],
    ) -> Vec<EdgeRecord<&'a str>> {
        let mut per_entity: std::collections::BTreeMap<&str, usize> = Default::default();
        for id in ids {
            *per_entity.entry(id).or_default() += 1;
        }
        let mut edges: Vec<EdgeRecord<&str>> = per_entity
            .into_iter()
            .map(|(e, n)| mentions_edge(doc, e, n))
            .collect();
        for &(event, start, end) in reports {
            edges.push(reports_edge(doc, event, start, end));
        }
        sort_edges(&mut edges);
        edges
    }

    proptest! {
        /// Ids equal in text may be one string or copies (names with one
        /// id), and short or sharing their first eight bytes.
        #[test]
        fn document_edges_are_the_sorted_edges(
            pool in proptest::collection::vec("(org:|per:|x)?[a-cé]{0,10}", 1..8),
            picks in proptest::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 0..30),
            reports in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4, 0usize..4), 0..6),
        ) {
            let copies: Vec<String> = pool.clone();
            let ids: Vec<&str> = picks
                .iter()
                .map(|(i, copy)| {
                    let i = i.index(pool.len());
                    if *copy { copies[i].as_str() } else { pool[i].as_str() }
                })
                .collect();
            let events = ["evt:b", "evt:a", "evt:ab"];
            let reports: Vec<(&str, usize, usize)> = reports
                .iter()
                .map(|(e, start, end)| (events[e.index(events.len())], *start, *end))
                .collect();
            let doc = "doc:1";
            prop_assert_eq!(
                document_edges(doc, mention_counts(ids.iter().copied()), reports.iter().copied()),
                edges_by_sorting(doc, &ids, &reports)
            );
        }
    }
}
