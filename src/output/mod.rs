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

pub mod manifest;
pub mod records;

use crate::document::Reject;
use crate::error::{Error, Result};
use crate::extract::MentionValue;
use crate::graph::Graph;
use crate::span::CharIndex;
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
}

impl JsonlWriter {
    fn create(dir: &Path, name: &str) -> Result<JsonlWriter> {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).map_err(|e| Error::Write {
            path: path.clone(),
            source: e,
        })?;
        Ok(JsonlWriter {
            path,
            out: BufWriter::with_capacity(1 << 20, file),
            lines: 0,
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

    fn finish(self) -> Result<usize> {
        let file = self.out.into_inner().map_err(|e| Error::Write {
            path: self.path.clone(),
            source: e.into_error(),
        })?;
        file.sync_all().map_err(|e| Error::Write {
            path: self.path.clone(),
            source: e,
        })?;
        Ok(self.lines)
    }
}

/// Writes the six JSONL files into `dir` (which must exist); returns counts.
pub fn write_jsonl(dir: &Path, graph: &Graph, rejects: &[Reject]) -> Result<Counts> {
    let mut counts = Counts::default();
    let mut docs = JsonlWriter::create(dir, "documents.jsonl")?;
    let mut mentions = JsonlWriter::create(dir, "mentions.jsonl")?;
    let mut edges: Vec<EdgeRecord> = Vec::new();
    for (d, ids) in graph.documents.iter().zip(&graph.entity_ids) {
        let c = &d.clean;
        docs.write(&DocumentRecord {
            id: &d.id,
            source: &d.source,
            title: c.title.as_deref(),
            published: c.published.as_ref().map(|p| p.timex.as_str()),
            published_from: c.published.as_ref().map(|p| p.from),
            publisher: c.publisher.as_deref(),
            url: d.url.as_deref(),
            text: &c.text,
            removed: c.removed,
            duplicate_of: None,
        })?;
        let chars = CharIndex::new(&c.text);
        let mut recs: Vec<MentionRecord<'_>> = d
            .mentions
            .iter()
            .map(|m| {
                let id = match &m.value {
                    MentionValue::Entity(e) => ids.get(&e.canonical).map(String::as_str),
                    _ => None,
                };
                MentionRecord::new(Some(&d.id), &c.text, &chars, m, id)
            })
            .collect();
        recs.sort_by(|a, b| (a.start, a.end, a.kind).cmp(&(b.start, b.end, b.kind)));
        let mut per_entity: std::collections::BTreeMap<&str, usize> = Default::default();
        for r in &recs {
            mentions.write(r)?;
            if let Some(e) = r.entity {
                *per_entity.entry(e).or_default() += 1;
            }
        }
        for (e, n) in per_entity {
            edges.push(EdgeRecord {
                src: d.id.clone(),
                dst: e.to_string(),
                rel: "mentions",
                count: Some(n),
                start: None,
                end: None,
                role: None,
            });
        }
    }
    counts.documents = docs.finish()?;
    counts.mentions = mentions.finish()?;

    let mut entities = JsonlWriter::create(dir, "entities.jsonl")?;
    for e in &graph.entities {
        entities.write(&EntityRecord {
            id: &e.id,
            ty: entity_type_name(e.ty),
            name: &e.name,
            aliases: &e.aliases,
            mentions: e.mentions,
            documents: e.documents,
        })?;
    }
    counts.entities = entities.finish()?;

    let doc_text: std::collections::HashMap<&str, &str> = graph
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.clean.text.as_str()))
        .collect();
    let mut events = JsonlWriter::create(dir, "events.jsonl")?;
    for ev in &graph.events {
        events.write(&EventRecord {
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
        for r in &ev.reports {
            let text = doc_text.get(r.doc.as_str()).copied().unwrap_or("");
            let chars = CharIndex::new(text);
            edges.push(EdgeRecord {
                src: r.doc.clone(),
                dst: ev.id.clone(),
                rel: "reports",
                count: None,
                start: Some(chars.chars(r.sentence.start)),
                end: Some(chars.chars(r.sentence.end)),
                role: None,
            });
        }
        for (entity, role) in &ev.participants {
            edges.push(EdgeRecord {
                src: ev.id.clone(),
                dst: entity.clone(),
                rel: "participant",
                count: None,
                start: None,
                end: None,
                role: Some(*role),
            });
        }
    }
    counts.events = events.finish()?;

    edges.sort_by(|a, b| (&a.src, a.rel, &a.dst, a.start).cmp(&(&b.src, b.rel, &b.dst, b.start)));
    edges.dedup();
    let mut ew = JsonlWriter::create(dir, "edges.jsonl")?;
    for e in &edges {
        ew.write(e)?;
    }
    counts.edges = ew.finish()?;

    let mut sorted: Vec<&Reject> = rejects.iter().collect();
    sorted.sort_by(|a, b| (&a.source, a.reason).cmp(&(&b.source, b.reason)));
    let mut rw = JsonlWriter::create(dir, "rejects.jsonl")?;
    for r in sorted {
        rw.write(&RejectRecord {
            source: &r.source,
            reason: r.reason,
            detail: &r.detail,
        })?;
    }
    counts.rejects = rw.finish()?;
    Ok(counts)
}

/// A fresh staging directory beside `out`, for [`commit_dir`].
pub fn staging_dir(out: &Path) -> Result<tempfile::TempDir> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::Write {
        path: parent.clone(),
        source: e,
    })?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "outputs".into());
    tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempdir_in(&parent)
        .map_err(|e| Error::Write {
            path: parent,
            source: e,
        })
}

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
    let staged = staged.keep();
    let werr = |e: std::io::Error| Error::Write {
        path: out.to_path_buf(),
        source: e,
    };
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
