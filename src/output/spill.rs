//! External merge sort for records that do not fit in memory.
//!
//! Takes `(key, line)` pairs in any order; gives them back sorted by key
//! (then by line, so equal keys come out in an order that depends only on
//! the records themselves), as many times as asked. Records are buffered up
//! to a byte budget, sorted and written to a temporary run file; reading
//! merges the runs with a heap. Memory is the budget plus one buffered line
//! per run, whatever the number of records.
//!
//! On disk a record is one line, `key \t line`: keys must not contain tabs
//! or newlines (they are replaced by spaces, which only affects order), and
//! lines must not contain newlines (JSON lines never do).

use crate::error::{Error, Result};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Collects records and spills them to sorted runs under `dir`.
pub struct Spill {
    dir: PathBuf,
    name: &'static str,
    budget: usize,
    buffered: usize,
    buffer: Vec<(String, String)>,
    runs: Vec<PathBuf>,
}

/// Sorted runs, ready to be merged (any number of times).
pub struct Runs {
    runs: Vec<PathBuf>,
}

fn write_error(path: &Path, e: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: e,
    }
}

impl Spill {
    /// Spills to files `<name>-<n>.run` in `dir` once `budget` bytes are buffered.
    pub fn new(dir: &Path, name: &'static str, budget: usize) -> Spill {
        Spill {
            dir: dir.to_path_buf(),
            name,
            budget: budget.max(1),
            buffered: 0,
            buffer: Vec::new(),
            runs: Vec::new(),
        }
    }

    pub fn push(&mut self, key: &str, line: String) -> Result<()> {
        let key: String = key
            .chars()
            .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
            .collect();
        self.buffered += key.len() + line.len() + 64;
        self.buffer.push((key, line));
        if self.buffered >= self.budget {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.buffer.sort_unstable();
        let path = self
            .dir
            .join(format!("{}-{}.run", self.name, self.runs.len()));
        let file = std::fs::File::create(&path).map_err(|e| write_error(&path, e))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        for (key, line) in self.buffer.drain(..) {
            out.write_all(key.as_bytes())
                .and_then(|_| out.write_all(b"\t"))
                .and_then(|_| out.write_all(line.as_bytes()))
                .and_then(|_| out.write_all(b"\n"))
                .map_err(|e| write_error(&path, e))?;
        }
        out.flush().map_err(|e| write_error(&path, e))?;
        self.buffered = 0;
        self.runs.push(path);
        Ok(())
    }

    /// Writes what is still buffered and returns the runs.
    pub fn finish(mut self) -> Result<Runs> {
        self.flush()?;
        Ok(Runs {
            runs: std::mem::take(&mut self.runs),
        })
    }
}

impl Runs {
    /// The records of every run, merged in order.
    pub fn merged(&self) -> Result<Merged> {
        let mut readers = Vec::with_capacity(self.runs.len());
        let mut heap = BinaryHeap::new();
        for (i, path) in self.runs.iter().enumerate() {
            let file = std::fs::File::open(path).map_err(|e| Error::Read {
                path: path.clone(),
                source: e,
            })?;
            let mut reader = RunReader {
                path: path.clone(),
                input: BufReader::with_capacity(1 << 20, file),
            };
            if let Some(rec) = reader.next_record()? {
                heap.push(Reverse((rec, i)));
            }
            readers.push(reader);
        }
        Ok(Merged { readers, heap })
    }
}

struct RunReader {
    path: PathBuf,
    input: BufReader<std::fs::File>,
}

impl RunReader {
    fn next_record(&mut self) -> Result<Option<(String, String)>> {
        let mut raw = String::new();
        let n = self.input.read_line(&mut raw).map_err(|e| Error::Read {
            path: self.path.clone(),
            source: e,
        })?;
        if n == 0 {
            return Ok(None);
        }
        if raw.ends_with('\n') {
            raw.pop();
        }
        let tab = raw.find('\t').unwrap_or(raw.len());
        let line = raw.get(tab + 1..).unwrap_or("").to_string();
        raw.truncate(tab);
        Ok(Some((raw, line)))
    }
}

/// Iterator over the merged runs: `(key, line)` in order.
pub struct Merged {
    readers: Vec<RunReader>,
    heap: BinaryHeap<Reverse<((String, String), usize)>>,
}

impl Iterator for Merged {
    type Item = Result<(String, String)>;

    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((rec, i)) = self.heap.pop()?;
        match self.readers[i].next_record() {
            Ok(Some(next)) => self.heap.push(Reverse((next, i))),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(rec))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_sorted_across_runs() {
        let dir = tempfile::tempdir().unwrap();
        // A tiny budget forces one run per couple of records.
        let mut spill = Spill::new(dir.path(), "t", 100);
        let keys = ["m", "c", "x", "a", "c", "b", "z", "k", "a"];
        for (i, k) in keys.iter().enumerate() {
            spill.push(k, format!("{{\"n\":{i}}}")).unwrap();
        }
        let runs = spill.finish().unwrap();
        assert!(runs.runs.len() > 2, "several runs: {}", runs.runs.len());
        for _ in 0..2 {
            let got: Vec<(String, String)> = runs.merged().unwrap().map(|r| r.unwrap()).collect();
            let mut want: Vec<(String, String)> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), format!("{{\"n\":{i}}}")))
                .collect();
            want.sort();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn keys_with_tabs_do_not_break_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::new(dir.path(), "t", 1 << 20);
        spill.push("a\tb\nc", "x\ty".to_string()).unwrap();
        let runs = spill.finish().unwrap();
        let got: Vec<_> = runs.merged().unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(got, vec![("a b c".to_string(), "x\ty".to_string())]);
    }

    #[test]
    fn nothing_pushed_is_nothing_merged() {
        let dir = tempfile::tempdir().unwrap();
        let runs = Spill::new(dir.path(), "t", 10).finish().unwrap();
        assert_eq!(runs.merged().unwrap().count(), 0);
    }
}
