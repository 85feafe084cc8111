//! External merge sort for records that do not fit in memory.
//!
//! Takes `(key, payload)` pairs in any order; gives them back sorted by key
//! (then by payload bytes, so equal keys come out in an order that depends
//! only on the records themselves), as many times as asked. Records are
//! buffered up to a byte budget, sorted and written to a temporary run file;
//! reading merges the runs with a heap. Memory is the budget plus one
//! buffered record and a read buffer per run, the read buffers shrinking
//! as runs multiply ([`MERGE_READ_BYTES`]), whatever the number of records.
//!
//! On disk a record is length-prefixed ([`write_record`]): `u32` key length,
//! key, `u32` payload length, payload (little-endian). Payloads are opaque
//! bytes — the corpus stage stores its binary partials in them — so neither
//! keys nor payloads are restricted, and nothing is escaped or scanned for
//! a delimiter when reading back.

use crate::error::{Error, Result};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Collects records and spills them to sorted runs under `dir`.
pub struct Spill {
    dir: PathBuf,
    name: &'static str,
    budget: usize,
    buffered: usize,
    buffer: Vec<(String, Vec<u8>)>,
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

/// Writes one length-prefixed record: `u32` key length, key, `u32` payload
/// length, payload. Also the framing of `run --resume` entries.
pub fn write_record(out: &mut impl Write, key: &[u8], payload: &[u8]) -> std::io::Result<()> {
    let len = |n: usize| {
        u32::try_from(n)
            .map(u32::to_le_bytes)
            .map_err(|_| std::io::Error::other("spilled record over 4 GiB"))
    };
    out.write_all(&len(key.len())?)?;
    out.write_all(key)?;
    out.write_all(&len(payload.len())?)?;
    out.write_all(payload)
}

/// Reads one record written by [`write_record`]; `None` at a clean end of
/// input, an error for a record cut short.
pub fn read_record(input: &mut impl Read) -> std::io::Result<Option<(Vec<u8>, Vec<u8>)>> {
    let mut len = [0u8; 4];
    // A clean end is an end before the first byte of a record.
    let mut got = 0;
    while got < len.len() {
        match input.read(&mut len[got..])? {
            0 if got == 0 => return Ok(None),
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => got += n,
        }
    }
    let key = read_exact_vec(input, u32::from_le_bytes(len) as usize)?;
    input.read_exact(&mut len)?;
    let payload = read_exact_vec(input, u32::from_le_bytes(len) as usize)?;
    Ok(Some((key, payload)))
}

/// Room reserved up front for a record read back: records up to this size
/// (nearly all) are read into a buffer of their exact size, with no growth.
const READ_RESERVE: usize = 1 << 20;

fn read_exact_vec(input: &mut impl Read, n: usize) -> std::io::Result<Vec<u8>> {
    // `take` + `read_to_end` rather than `vec![0; n]`: a corrupt length then
    // costs an early EOF, not a huge allocation. The exact size is reserved
    // (up to a cap, for the same reason): grown from empty, a document's
    // payload cost a probe read and a string of reallocations and copies.
    let mut v = Vec::with_capacity(n.min(READ_RESERVE));
    input.take(n as u64).read_to_end(&mut v)?;
    if v.len() != n {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(v)
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

    /// Buffers one record. The key is taken by value: callers own it
    /// already (a document id, a reject key), so no copy is made.
    pub fn push(&mut self, key: String, payload: Vec<u8>) -> Result<()> {
        self.buffered += key.len() + payload.len() + 64;
        self.buffer.push((key, payload));
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
        for (key, payload) in self.buffer.drain(..) {
            write_record(&mut out, key.as_bytes(), &payload).map_err(|e| write_error(&path, e))?;
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

/// What the read buffers of one merge may take together: a run gets a
/// share of it, between 64 KiB (below that, reads get small enough to cost
/// system calls) and 1 MiB. Without the cap, a dump twice as large would
/// spill twice as many runs and buffer twice as much while merging them.
pub const MERGE_READ_BYTES: usize = 16 << 20;

impl Runs {
    /// The records of every run, merged in order.
    pub fn merged(&self) -> Result<Merged> {
        let buffer = (MERGE_READ_BYTES / self.runs.len().max(1)).clamp(64 << 10, 1 << 20);
        let mut readers = Vec::with_capacity(self.runs.len());
        let mut heap = BinaryHeap::new();
        for (i, path) in self.runs.iter().enumerate() {
            let file = std::fs::File::open(path).map_err(|e| Error::Read {
                path: path.clone(),
                source: e,
            })?;
            let mut reader = RunReader {
                path: path.clone(),
                input: BufReader::with_capacity(buffer, file),
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
    fn next_record(&mut self) -> Result<Option<(String, Vec<u8>)>> {
        let bad = |e: std::io::Error| Error::Read {
            path: self.path.clone(),
            source: e,
        };
        let Some((key, payload)) = read_record(&mut self.input).map_err(bad)? else {
            return Ok(None);
        };
        let key = String::from_utf8(key)
            .map_err(|e| bad(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
        Ok(Some((key, payload)))
    }
}

/// One record: sort key and payload.
type Record = (String, Vec<u8>);

/// Iterator over the merged runs: `(key, payload)` in order.
pub struct Merged {
    readers: Vec<RunReader>,
    /// The next record of each run that has one, with the run's index.
    heap: BinaryHeap<Reverse<(Record, usize)>>,
}

impl Iterator for Merged {
    type Item = Result<(String, Vec<u8>)>;

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
        let mut spill = Spill::new(dir.path(), "t", 150);
        let keys = ["m", "c", "x", "a", "c", "b", "z", "k", "a"];
        for (i, k) in keys.iter().enumerate() {
            spill
                .push(k.to_string(), format!("{{\"n\":{i}}}").into_bytes())
                .unwrap();
        }
        let runs = spill.finish().unwrap();
        assert!(runs.runs.len() > 2, "several runs: {}", runs.runs.len());
        for _ in 0..2 {
            let got: Vec<(String, Vec<u8>)> = runs.merged().unwrap().map(|r| r.unwrap()).collect();
            let mut want: Vec<(String, Vec<u8>)> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), format!("{{\"n\":{i}}}").into_bytes()))
                .collect();
            want.sort();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn any_bytes_survive_in_keys_and_payloads() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::new(dir.path(), "t", 1 << 20);
        spill
            .push("a\tb\nc".into(), b"x\ty\n\0\xff".to_vec())
            .unwrap();
        spill.push(String::new(), Vec::new()).unwrap();
        let runs = spill.finish().unwrap();
        let got: Vec<_> = runs.merged().unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(
            got,
            vec![
                (String::new(), Vec::new()),
                ("a\tb\nc".to_string(), b"x\ty\n\0\xff".to_vec())
            ]
        );
    }

    #[test]
    fn a_record_cut_short_is_an_error_not_an_end() {
        let mut bytes = Vec::new();
        write_record(&mut bytes, b"key", b"payload").unwrap();
        let mut whole = &bytes[..];
        assert!(read_record(&mut whole).unwrap().is_some());
        assert!(read_record(&mut whole).unwrap().is_none());
        for cut in 1..bytes.len() {
            let mut short = &bytes[..cut];
            assert!(read_record(&mut short).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn nothing_pushed_is_nothing_merged() {
        let dir = tempfile::tempdir().unwrap();
        let runs = Spill::new(dir.path(), "t", 10).finish().unwrap();
        assert_eq!(runs.merged().unwrap().count(), 0);
    }
}
