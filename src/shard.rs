//! `map` and `reduce`: the pipeline split for external engines (Spark,
//! Hadoop Streaming, Ray, GNU parallel, Slurm arrays).
//!
//! `map` takes documents as JSON Lines on stdin — the contract's JSONL input
//! fields — and prints one partial result per line ([`crate::corpus`] has the
//! format), after a header line naming the version and config hash. It does
//! everything that needs one document at a time: decode, clean, extract,
//! detect events, sketch for near-duplicates.
//!
//! `reduce` takes any number of `map` outputs concatenated in any order and
//! writes the graph directory exactly as `run` does: the corpus stage sorts
//! by document id before it decides anything, so for any sharding
//! `reduce(map(shard 1) … map(shard n))` is byte-identical to `run` over the
//! same documents (the manifest differs only in `inputs`, which `reduce`
//! cannot see, and `timings`).
//!
//! Document ids derive from `source`. A plain input line is named
//! `<name>#<line>` with its line number in this shard (`--name`, default
//! `stdin`), which is only stable if the shards are. With `--tagged` each
//! line is `SOURCE<TAB>JSON`, so a driver can keep the names `run` would
//! give (`file.jsonl#7`) whatever the sharding, e.g.
//! `awk '{print FILENAME "#" FNR "\t" $0}' *.jsonl`.

use crate::clean::sitewide::SitewideLines;
use crate::config::Resources;
use crate::corpus::{CorpusBuilder, Header, Partial};
use crate::document::Dct;
use crate::error::{Error, Result};
use crate::ingest::{jsonl, read_bounded_line, Limits, Unit};
use crate::output::{self, manifest};
use crate::pipeline::{self, RunSummary, StageClock};
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

/// Options of `map`.
#[derive(Clone, Debug)]
pub struct MapOptions {
    pub threads: Option<usize>,
    pub crawled: Option<Dct>,
    pub limits: Limits,
    /// Lines are `SOURCE<TAB>JSON`.
    pub tagged: bool,
    /// Source prefix of untagged lines.
    pub name: String,
}

/// What `map` did.
#[derive(Clone, Copy, Debug, Default)]
pub struct MapSummary {
    pub documents: usize,
    pub rejects: usize,
}

/// Lines processed together: enough to keep the workers busy, few enough to
/// keep memory small.
const BATCH_LINES: usize = 512;
const BATCH_BYTES: usize = 32 << 20;

/// Runs `map` from `input` to `output`.
pub fn map(
    res: &Resources,
    config_hash: String,
    opts: &MapOptions,
    mut input: impl BufRead,
    mut output: impl Write,
) -> Result<MapSummary> {
    let pool = pipeline::thread_pool(opts.threads)?;
    let header = Partial::Header(Header::current(config_hash)).to_line()?;
    let write = |out: &mut dyn Write, line: &str| -> Result<()> {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    };
    write(&mut output, &header)?;
    let clock = StageClock::default();
    let max_line = jsonl::max_line_bytes(&opts.limits);
    let mut summary = MapSummary::default();
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        let mut batch: Vec<Unit> = Vec::new();
        let mut bytes = 0usize;
        let mut eof = false;
        while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
            line_no += 1;
            let read = read_bounded_line(&mut input, &mut buf, max_line)?;
            let Some(line) = read else {
                eof = true;
                break;
            };
            bytes += buf.len();
            if let Some(unit) = unit_of(line, &buf, line_no, opts) {
                batch.push(unit);
            }
        }
        // map's output is JSON text, one partial a line (see
        // `crate::corpus`), not the binary encoding `run` spills: streaming
        // engines pipe it as lines.
        let encoded: Vec<Result<(bool, String)>> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|unit| {
                    match pipeline::process_unit(res, unit, opts.crawled.as_ref(), &clock) {
                        pipeline::Outcome::Doc(d) => Ok((true, Partial::document(*d).to_line()?)),
                        pipeline::Outcome::Reject(r) => Ok((false, Partial::Reject(r).to_line()?)),
                    }
                })
                .collect()
        });
        for e in encoded {
            let (is_doc, line) = e?;
            match is_doc {
                true => summary.documents += 1,
                false => summary.rejects += 1,
            }
            write(&mut output, &line)?;
        }
        if eof {
            break;
        }
    }
    output.flush()?;
    Ok(summary)
}

/// `newsgraph sitewide`: the first pass of `run` over the JSON Lines `map`
/// reads (same options, so documents get the same sources and sites), as
/// counts to write with [`SitewideLines::write`].
pub fn count_sitewide(opts: &MapOptions, mut input: impl BufRead) -> Result<SitewideLines> {
    let max_line = jsonl::max_line_bytes(&opts.limits);
    let mut counts = SitewideLines::default();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        line_no += 1;
        let Some(line) = read_bounded_line(&mut input, &mut buf, max_line)? else {
            break;
        };
        if let Some(Unit::Doc(raw)) = unit_of(line, &buf, line_no, opts) {
            counts.add_raw(&raw);
        }
    }
    Ok(counts)
}

/// The unit of one input line (`None` for a blank line).
fn unit_of(
    line: std::result::Result<(), usize>,
    buf: &[u8],
    line_no: usize,
    opts: &MapOptions,
) -> Option<Unit> {
    if let Err(len) = line {
        // The line was not kept, so neither was a tag: name it by position.
        return Some(jsonl::oversized_line(
            jsonl::line_source(&opts.name, line_no),
            len,
            &opts.limits,
        ));
    }
    let (source, json) = if opts.tagged {
        let content = buf.strip_suffix(b"\n").unwrap_or(buf);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.iter().all(|b| b.is_ascii_whitespace()) {
            return None;
        }
        match content.iter().position(|&b| b == b'\t') {
            Some(tab) => (
                String::from_utf8_lossy(&content[..tab]).into_owned(),
                &content[tab + 1..],
            ),
            None => {
                let source = jsonl::line_source(&opts.name, line_no);
                return Some(Unit::Reject(crate::document::Reject::new(
                    source,
                    crate::document::RejectReason::ParseError,
                    "--tagged line without SOURCE<TAB> prefix",
                )));
            }
        }
    } else {
        (jsonl::line_source(&opts.name, line_no), buf)
    };
    jsonl::line_unit(source, json, &opts.limits)
}

/// Runs `reduce`: partial results from `input` to the graph directory `out`.
pub fn reduce(
    mut input: impl BufRead,
    out: &Path,
    spill_bytes: usize,
    threads: Option<usize>,
) -> Result<RunSummary> {
    let started = Instant::now();
    output::check_replaceable(out)?;
    let removed_stale = output::stale::remove_stale(out);
    let mut corpus = CorpusBuilder::new(output::parent_of(out), spill_bytes)?;
    let mut line = String::new();
    let mut line_no = 0usize;
    loop {
        line.clear();
        line_no += 1;
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed.trim().is_empty() {
            continue;
        }
        corpus.add_line(trimmed, line_no)?;
    }
    let config_hash = match corpus.header() {
        Some(h) if h.version != env!("CARGO_PKG_VERSION") => {
            return Err(Error::Partial {
                line: 0,
                message: format!(
                    "written by newsgraph {}, this is {}",
                    h.version,
                    env!("CARGO_PKG_VERSION")
                ),
            })
        }
        Some(h) => h.config_hash.clone(),
        None => crate::config::Config::default().hash(),
    };
    let staged = output::staging_dir(out)?;
    let pool = pipeline::thread_pool(threads)?;
    let summary = corpus.write(staged.path(), &pool)?;
    let timings = manifest::Timings {
        threads: pool.current_num_threads(),
        ..Default::default()
    };
    let wall_ms = pipeline::commit(
        staged,
        out,
        config_hash,
        Vec::new(),
        &summary,
        timings,
        started,
    )?;
    Ok(RunSummary {
        counts: summary.counts,
        rejects_by_reason: summary.rejects_by_reason,
        wall_ms,
        input_bytes: 0,
        resumed_inputs: 0,
        removed_stale,
    })
}
