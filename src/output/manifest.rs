//! `manifest.json`: what produced the outputs.
//!
//! `{"tool": "newsgraph", "version", "config_hash": "sha256:...",
//! "inputs": [{"path", "sha256", "bytes"}], "counts": {...},
//! "rejects_by_reason": {code: n}, "timings": {...}}`. Everything but
//! `timings` is deterministic; `check` ignores `timings`.

use super::Counts;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, Clone, Debug)]
pub struct InputRecord {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// Milliseconds spent per stage. Stage times are summed over worker
/// threads (CPU time), `wall_ms` is the run's elapsed time; `sitewide_ms`,
/// `graph_ms` and `write_ms` are elapsed times of passes.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Timings {
    pub wall_ms: u64,
    pub threads: usize,
    /// The first pass over JSON Lines inputs for site-wide lines (`run`
    /// only; 0 with `--no-sitewide`).
    pub sitewide_ms: u64,
    pub ingest_ms: u64,
    pub clean_ms: u64,
    pub extract_ms: u64,
    pub events_ms: u64,
    /// Serializing per-document results and spilling them to sorted runs.
    pub spill_ms: u64,
    /// The corpus passes: entities, duplicates, event merging.
    pub graph_ms: u64,
    pub write_ms: u64,
}

#[derive(Serialize, Clone, Debug)]
pub struct Manifest {
    pub tool: &'static str,
    pub version: &'static str,
    pub config_hash: String,
    pub inputs: Vec<InputRecord>,
    pub counts: Counts,
    pub rejects_by_reason: BTreeMap<&'static str, usize>,
    pub timings: Timings,
}
