//! `run --resume`: inputs finished by an interrupted run are not redone.
//!
//! Takes, per input file, the partial results of its units as the workers
//! produce them; gives, on the next run, those results back instead of
//! reprocessing the file. The cache lives beside the output
//! (`.<out>.resume/`), one file per finished input, named by a hash of the
//! input's content (SHA-256), the configuration hash, the crawl date, the
//! limits and the version: an input whose bytes or processing changed is
//! redone. An entry is written under a temporary name and renamed when the
//! last unit of its input is in, so its presence is the completion marker;
//! a run killed mid-file leaves only temporary files, which are ignored.
//! A successful run removes the cache. An entry holds the input's partials
//! in the binary encoding `run` spills ([`crate::corpus::Partial::to_bytes`]),
//! each framed by [`crate::output::spill::write_record`].
//!
//! Refuses nothing: a cache that cannot be written only costs the resume.

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// The cache directory of output directory `out`.
pub fn cache_dir(out: &Path) -> PathBuf {
    let name = crate::output::output_name(out);
    crate::output::parent_of(out).join(format!(".{name}.resume"))
}

/// The cache key of one input: everything its partials depend on.
pub fn entry_key(input_sha256: &str, run_fingerprint: &str) -> String {
    crate::graph::hash16(&format!("{input_sha256}|{run_fingerprint}"))
}

/// The partials of a finished entry ([`finished`]), in the order written.
pub fn read_entry(path: &Path) -> Result<Vec<Vec<u8>>> {
    let err = |e| Error::Read {
        path: path.to_path_buf(),
        source: e,
    };
    let file = std::fs::File::open(path).map_err(err)?;
    let mut input = std::io::BufReader::new(file);
    let mut partials = Vec::new();
    while let Some((_, partial)) = crate::output::spill::read_record(&mut input).map_err(err)? {
        partials.push(partial);
    }
    Ok(partials)
}

/// Entries being written, one per input file in flight.
pub struct ResumeWriter {
    dir: PathBuf,
    open: HashMap<usize, Entry>,
}

struct Entry {
    key: String,
    out: Option<BufWriter<std::fs::File>>,
    seen: u64,
    expected: Option<u64>,
}

fn tmp_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.partial.tmp"))
}

/// The finished entry for `key`, if an earlier run completed that input.
pub fn finished(dir: &Path, key: &str) -> Option<PathBuf> {
    let p = dir.join(format!("{key}.partial"));
    p.is_file().then_some(p)
}

impl ResumeWriter {
    pub fn new(dir: PathBuf) -> Result<ResumeWriter> {
        std::fs::create_dir_all(&dir).map_err(|e| Error::Write {
            path: dir.clone(),
            source: e,
        })?;
        Ok(ResumeWriter {
            dir,
            open: HashMap::new(),
        })
    }

    /// Input `file` (by index) has the cache key `key`.
    pub fn start(&mut self, file: usize, key: String) {
        self.open.insert(
            file,
            Entry {
                key,
                out: None,
                seen: 0,
                expected: None,
            },
        );
    }

    /// One encoded partial ([`crate::corpus::Encoded::bytes`]) of input `file`.
    pub fn record(&mut self, file: usize, partial: &[u8]) -> Result<()> {
        let Some(entry) = self.open.get_mut(&file) else {
            return Ok(());
        };
        if entry.out.is_none() {
            let path = tmp_path(&self.dir, &entry.key);
            let f = std::fs::File::create(&path).map_err(|e| Error::Write { path, source: e })?;
            entry.out = Some(BufWriter::new(f));
        }
        if let Some(out) = entry.out.as_mut() {
            // Framed like the spilled runs; the key is recomputed on reading.
            crate::output::spill::write_record(out, &[], partial)?;
        }
        entry.seen += 1;
        self.finish_if_complete(file)
    }

    /// Input `file` had `units` units in all.
    pub fn done(&mut self, file: usize, units: u64) -> Result<()> {
        if let Some(entry) = self.open.get_mut(&file) {
            entry.expected = Some(units);
        }
        self.finish_if_complete(file)
    }

    fn finish_if_complete(&mut self, file: usize) -> Result<()> {
        let complete = self
            .open
            .get(&file)
            .is_some_and(|e| e.expected == Some(e.seen));
        if !complete {
            return Ok(());
        }
        let Some(entry) = self.open.remove(&file) else {
            return Ok(());
        };
        let tmp = tmp_path(&self.dir, &entry.key);
        match entry.out {
            Some(out) => {
                let f = out.into_inner().map_err(|e| Error::Write {
                    path: tmp.clone(),
                    source: e.into_error(),
                })?;
                f.sync_all().map_err(|e| Error::Write {
                    path: tmp.clone(),
                    source: e,
                })?;
            }
            None => {
                std::fs::File::create(&tmp).map_err(|e| Error::Write {
                    path: tmp.clone(),
                    source: e,
                })?;
            }
        }
        let done = self.dir.join(format!("{}.partial", entry.key));
        std::fs::rename(&tmp, &done).map_err(|e| Error::Write {
            path: done,
            source: e,
        })
    }
}
