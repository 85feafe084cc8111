//! `check`: a regression diff between two output directories.
//!
//! Takes a golden directory and a fresh run's; gives, per file, the records
//! added, removed and changed, matched by key (`id`; mentions by doc, start,
//! end and kind; edges by src, rel, dst and start; rejects by source and
//! reason) with the first few examples. `manifest.json` is compared without
//! its `timings`, which no two runs share.

use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// How many examples of each kind of difference to show per file.
const EXAMPLES: usize = 3;

#[derive(Debug, Default)]
pub struct FileDiff {
    pub file: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<(String, String, String)>,
    /// A file present in one directory only, or unreadable.
    pub note: Option<String>,
}

impl FileDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.note.is_none()
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileDiff>,
}

impl Report {
    pub fn is_identical(&self) -> bool {
        self.files.iter().all(FileDiff::is_empty)
    }
}

fn key_of(file: &str, v: &Value) -> String {
    let f = |k: &str| v.get(k).map(|x| x.to_string()).unwrap_or_default();
    match file {
        "mentions.jsonl" => format!("{} {}..{} {}", f("doc"), f("start"), f("end"), f("kind")),
        "edges.jsonl" => format!("{} -{}-> {} {}", f("src"), f("rel"), f("dst"), f("start")),
        "rejects.jsonl" => format!("{} {}", f("source"), f("reason")),
        _ => f("id"),
    }
}

fn read_records(path: &Path, file: &str) -> Result<BTreeMap<String, Value>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut out = BTreeMap::new();
    if file.ends_with(".json") {
        let mut v: Value = serde_json::from_str(&text)?;
        if let Some(obj) = v.as_object_mut() {
            obj.remove("timings");
            for (k, x) in obj {
                out.insert(k.clone(), x.clone());
            }
        }
        return Ok(out);
    }
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)?;
        let mut key = key_of(file, &v);
        // Keys should be unique; if not, keep every record distinct.
        while out.contains_key(&key) {
            key.push('+');
        }
        out.insert(key, v);
    }
    Ok(out)
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 240 {
        format!("{}…", s.chars().take(240).collect::<String>())
    } else {
        s
    }
}

/// Compares every output file of `golden` with `actual`.
pub fn compare(golden: &Path, actual: &Path) -> Result<Report> {
    let mut report = Report::default();
    for file in crate::output::FILES {
        let (g, a) = (golden.join(file), actual.join(file));
        let mut d = FileDiff {
            file: file.to_string(),
            ..Default::default()
        };
        match (g.is_file(), a.is_file()) {
            (false, false) => continue,
            (false, true) => d.note = Some("missing from the golden directory".into()),
            (true, false) => d.note = Some("missing from this run".into()),
            (true, true) => {
                let (gr, ar) = (read_records(&g, file)?, read_records(&a, file)?);
                for (k, v) in &ar {
                    match gr.get(k) {
                        None => d.added.push(format!("{k}: {}", short(v))),
                        Some(old) if old != v => d.changed.push((k.clone(), short(old), short(v))),
                        Some(_) => {}
                    }
                }
                for (k, v) in &gr {
                    if !ar.contains_key(k) {
                        d.removed.push(format!("{k}: {}", short(v)));
                    }
                }
            }
        }
        report.files.push(d);
    }
    Ok(report)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.files {
            if d.is_empty() {
                writeln!(f, "{:<16} identical", d.file)?;
                continue;
            }
            if let Some(note) = &d.note {
                writeln!(f, "{:<16} {note}", d.file)?;
                continue;
            }
            writeln!(
                f,
                "{:<16} {} added, {} removed, {} changed",
                d.file,
                d.added.len(),
                d.removed.len(),
                d.changed.len()
            )?;
            for a in d.added.iter().take(EXAMPLES) {
                writeln!(f, "  + {a}")?;
            }
            for r in d.removed.iter().take(EXAMPLES) {
                writeln!(f, "  - {r}")?;
            }
            for (k, old, new) in d.changed.iter().take(EXAMPLES) {
                writeln!(f, "  ~ {k}\n      was: {old}\n      now: {new}")?;
            }
        }
        Ok(())
    }
}
