//! The batch job: inputs → graph directory.
//!
//! What runs where:
//! - start-up: the taggers are built ([`Resources::new`]) beside the
//!   site-wide first pass ([`crate::clean::sitewide::prepass`]: its own
//!   reader thread cutting the inputs into chunks of lines, the parsing
//!   and counting in the pool);
//! - main pass: one reader thread walks the inputs in their stable order
//!   and sends each unit, numbered, through a bounded channel; the rayon
//!   pool cleans and extracts documents in parallel and encodes the
//!   results; one spilling thread sorts and writes them to runs;
//! - corpus passes ([`CorpusBuilder::write`]): the pool, with the ordered
//!   part of each batch (folding the corpus state, writing the files) on
//!   one of its threads while the others decode or render the next batch;
//!   what needs no order (the entity names' counts) is done where each
//!   document is decoded.
//!
//! A document that panics becomes a `panic` reject and costs nothing else.
//! The graph is built from the results sorted by id, so the thread count
//! never changes a byte of the output.

use crate::config::{Config, Resources};
use crate::corpus::{CorpusBuilder, CorpusSummary, Encoded};
use crate::document::{Dct, InputFormat, RawDocument, Reject, RejectReason};
use crate::error::{Error, Result};
use crate::graph::{self, DocOutput};
use crate::ingest::{self, Limits, Unit};
use crate::output::{self, manifest};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Options of one run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    /// Worker threads; `None` for all cores.
    pub threads: Option<usize>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Crawl date for documents whose input gives none.
    pub crawled: Option<Dct>,
    pub limits: Limits,
    pub config: Config,
    /// Bytes of results buffered before a sorted run is spilled to disk.
    pub spill_bytes: usize,
    /// Keep per-input results beside the output so that a re-run after an
    /// interruption skips inputs already done ([`crate::resume`]).
    pub resume: bool,
    /// Make a first pass for site-wide repeated lines ([`crate::clean::sitewide`]).
    pub sitewide: bool,
}

/// What a run did, for the summary line and the exit code.
#[derive(Clone, Debug)]
pub struct RunSummary {
    pub counts: output::Counts,
    pub rejects_by_reason: BTreeMap<&'static str, usize>,
    pub wall_ms: u64,
    pub input_bytes: u64,
    /// Inputs whose results came from an interrupted run (`--resume`).
    pub resumed_inputs: u64,
    /// Temporary directories of killed runs removed before this one
    /// ([`output::stale`]).
    pub removed_stale: Vec<std::path::PathBuf>,
}

#[derive(Default)]
pub(crate) struct StageClock {
    clean: AtomicU64,
    extract: AtomicU64,
    events: AtomicU64,
    /// Serializing results and spilling them to sorted runs.
    spill: AtomicU64,
}

fn ms(ns: u64) -> u64 {
    ns / 1_000_000
}

fn timed<T>(counter: &AtomicU64, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    counter.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    out
}

/// Cleans, segments and extracts one document.
pub fn process_document(
    res: &Resources,
    raw: &RawDocument,
    crawled: Option<&Dct>,
) -> std::result::Result<DocOutput, Reject> {
    process_timed(res, raw, crawled, &StageClock::default())
}

fn process_timed(
    res: &Resources,
    raw: &RawDocument,
    crawled: Option<&Dct>,
    clock: &StageClock,
) -> std::result::Result<DocOutput, Reject> {
    if raw.format == InputFormat::Html {
        let depth = crate::clean::html::nesting_depth(&raw.text);
        if depth > crate::clean::html::MAX_NESTING {
            return Err(Reject::new(
                raw.source.clone(),
                RejectReason::TooLarge,
                format!(
                    "HTML nested {depth} levels deep, limit {}",
                    crate::clean::html::MAX_NESTING
                ),
            ));
        }
    }
    let doc_crawl = raw.meta.crawled.as_deref().and_then(|c| Dct::parse(c).ok());
    let crawled = doc_crawl.as_ref().or(crawled);
    let (clean, url) = timed(&clock.clean, || match raw.format {
        InputFormat::Text => (
            res.cleaner
                .clean_in_corpus(raw, &res.dates, crawled, &res.sitewide),
            raw.meta.url.clone(),
        ),
        InputFormat::Html => res.cleaner.clean_html(raw, &res.dates),
    });
    // Relative dates resolve against the publication date, or failing that
    // the crawl date (an article is never younger than its crawl).
    let dct = clean
        .published
        .as_ref()
        .and_then(|p| Dct::parse(&p.timex).ok())
        .or(crawled.copied());
    let (sentences, mentions) = timed(&clock.extract, || {
        let sentences = crate::segment::sentences(&clean.text);
        let mentions = crate::extract::mentions(res, &clean.text, &sentences, dct.as_ref());
        (sentences, mentions)
    });
    let events = timed(&clock.events, || {
        res.events.detect(&clean.text, &sentences, &mentions)
    });
    Ok(DocOutput {
        id: graph::document_id(&raw.source),
        source: raw.source.clone(),
        url,
        clean,
        mentions,
        events,
    })
}

fn sha256_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut n = 0u64;
    loop {
        let k = f.read(&mut buf)?;
        if k == 0 {
            break;
        }
        n += k as u64;
        h.update(&buf[..k]);
    }
    Ok((crate::hex(&h.finalize()), n))
}

/// The manifest's record of input `f`, whose digest and size are `hashed`
/// (empty when it could not be read: the reject says why).
fn input_record(
    f: &ingest::InputFile,
    hashed: std::io::Result<(String, u64)>,
) -> manifest::InputRecord {
    let (sha256, bytes) = hashed.unwrap_or_default();
    manifest::InputRecord {
        path: f.rel.clone(),
        sha256,
        bytes,
    }
}

/// Units travel from the reader to the workers, and results from the
/// workers to the spiller, in batches ([`ingest::Batcher`]). Batches
/// waiting for a worker: about 256 units, as many as the channel held when
/// it carried single units, so memory in flight is unchanged.
const QUEUED_BATCHES: usize = 4;

/// A batch of numbered units: `(input file index, unit)`.
type UnitBatch = Vec<(usize, Unit)>;

/// What the spilling thread is told.
enum ToSpill {
    /// Partial results of a batch of units: `(input file index, result)`.
    Results(Vec<(usize, Encoded)>),
    /// Input `file` is being read; its resume entry is `key`.
    Started { file: usize, key: String },
    /// Input `file` had `units` units.
    FileDone { file: usize, units: u64 },
    /// A finished input's partials from an interrupted earlier run.
    Resumed { path: PathBuf },
}

pub(crate) enum Outcome {
    Doc(Box<DocOutput>),
    Reject(Reject),
}

/// Processes one input unit; a panic costs only this unit (a `panic` reject).
pub(crate) fn process_unit(
    res: &Resources,
    unit: Unit,
    crawled: Option<&Dct>,
    clock: &StageClock,
) -> Outcome {
    match unit {
        Unit::Reject(r) => Outcome::Reject(r),
        Unit::Doc(raw) => {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                process_timed(res, &raw, crawled, clock)
            }));
            match result {
                Ok(Ok(doc)) => Outcome::Doc(Box::new(doc)),
                Ok(Err(reject)) => Outcome::Reject(reject),
                Err(panic) => {
                    let msg = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Outcome::Reject(Reject::new(
                        raw.source.clone(),
                        RejectReason::Panic,
                        format!("internal error while processing: {msg}"),
                    ))
                }
            }
        }
    }
}

/// A pool of `threads` workers (all cores when `None`).
pub(crate) fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    let threads = threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// Runs the whole job and writes `out` atomically.
pub fn run(opts: &RunOptions, out: &Path) -> Result<RunSummary> {
    let started = Instant::now();
    output::check_replaceable(out)?;
    let removed_stale = output::stale::remove_stale(out);
    let files = ingest::discover(&opts.inputs);
    let pool = thread_pool(opts.threads)?;
    // First pass: lines repeated across a site's pages, applied in the main
    // one. It needs only the inputs, so with two threads it runs while the
    // other builds the taggers (a serial quarter of a second); with one,
    // after it, as before.
    let (res, sitewide) = pool.install(|| {
        rayon::join(
            || Resources::new(&opts.config),
            || {
                let prepass_started = Instant::now();
                let table = match (&files, opts.sitewide) {
                    (Ok(files), true) => {
                        Some(crate::clean::sitewide::prepass(files, &opts.limits, &pool).table())
                    }
                    _ => None,
                };
                (table, prepass_started.elapsed().as_millis() as u64)
            },
        )
    });
    // Errors in the order they were met when the two ran one after the other.
    let mut res = res?;
    let files = files?;
    let (table, sitewide_ms) = sitewide;
    if let Some(table) = table {
        res.sitewide = table;
    }
    let config_hash = crate::clean::sitewide::config_hash(opts.config.hash(), &res.sitewide);
    let threads = pool.current_num_threads();
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    let bar = progress_bar(opts.progress, total_bytes);
    let clock = StageClock::default();
    let ingest_ns = AtomicU64::new(0);
    let done_docs = AtomicU64::new(0);

    let mut corpus = CorpusBuilder::new(output::parent_of(out), opts.spill_bytes)?;
    let resume_dir = crate::resume::cache_dir(out);
    let mut resume = match opts.resume {
        true => Some(crate::resume::ResumeWriter::new(resume_dir.clone())?),
        false => None,
    };
    let run_fingerprint = format!(
        "{}|{}|{}|{:?}|{:?}",
        env!("CARGO_PKG_VERSION"),
        crate::corpus::SPILL_FORMAT,
        config_hash,
        opts.crawled,
        opts.limits
    );
    let resumed_inputs = AtomicU64::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<UnitBatch>(QUEUED_BATCHES);
    // Results go to one spilling thread, so a worker never waits while a
    // run is sorted and written.
    let (results_tx, results_rx) = std::sync::mpsc::sync_channel::<ToSpill>(16);
    let mut inputs = Vec::new();
    let worker_result: Result<()> = std::thread::scope(|scope| {
        let corpus = &mut corpus;
        let clock_ref = &clock;
        let resume = &mut resume;
        let spiller = scope.spawn(move || -> Result<()> {
            for message in results_rx {
                timed(&clock_ref.spill, || -> Result<()> {
                    match message {
                        ToSpill::Results(batch) => {
                            for (file, encoded) in batch {
                                if let Some(r) = resume.as_mut() {
                                    r.record(file, encoded.bytes())?;
                                }
                                corpus.add(encoded)?;
                            }
                            Ok(())
                        }
                        ToSpill::Started { file, key } => {
                            if let Some(r) = resume.as_mut() {
                                r.start(file, key);
                            }
                            Ok(())
                        }
                        ToSpill::FileDone { file, units } => match resume.as_mut() {
                            Some(r) => r.done(file, units),
                            None => Ok(()),
                        },
                        ToSpill::Resumed { path } => {
                            for partial in crate::resume::read_entry(&path)? {
                                corpus.add_bytes(partial)?;
                            }
                            Ok(())
                        }
                    }
                })?;
            }
            Ok(())
        });
        let limits = opts.limits;
        let files = &files;
        let bar = &bar;
        let ingest_ns = &ingest_ns;
        let resumed_inputs = &resumed_inputs;
        let to_spill = results_tx.clone();
        let resume_dir = &resume_dir;
        let run_fingerprint = &run_fingerprint;
        let resuming = opts.resume;
        let reader = scope.spawn(move || {
            let mut records = Vec::new();
            for (i, f) in files.iter().enumerate() {
                let t = Instant::now();
                let mut hashing = None;
                if resuming {
                    // The resume key is the digest: needed before reading.
                    let record = input_record(f, sha256_file(&f.path));
                    // The name is part of the key: the same bytes under two
                    // names are two inputs with different sources.
                    let key = crate::resume::entry_key(
                        &format!("{}|{}", record.sha256, f.rel),
                        run_fingerprint,
                    );
                    records.push(record);
                    if let Some(path) = crate::resume::finished(resume_dir, &key) {
                        resumed_inputs.fetch_add(1, Ordering::Relaxed);
                        let _ = to_spill.send(ToSpill::Resumed { path });
                        if let Ok(m) = std::fs::metadata(&f.path) {
                            bar.inc(m.len());
                        }
                        continue;
                    }
                    let _ = to_spill.send(ToSpill::Started { file: i, key });
                } else {
                    // Only the manifest needs the digest: compute it beside
                    // the reading instead of before it, so that workers get
                    // the first documents of a large input at once. (The
                    // readers in `ingest` see decompressed bytes and the
                    // digest is of the file as stored, hence a second read,
                    // from the page cache.)
                    hashing = Some(scope.spawn(move || sha256_file(&f.path)));
                }
                let mut waiting = std::time::Duration::ZERO;
                let mut units = 0u64;
                let mut batcher = ingest::Batcher::default();
                let mut send = |batch: UnitBatch| {
                    let w = Instant::now();
                    // A closed channel means the workers are gone; stop quietly.
                    let _ = tx.send(batch);
                    waiting += w.elapsed();
                };
                ingest::read_file(f, &limits, &mut |u: Unit| {
                    units += 1;
                    let bytes = ingest::unit_bytes(&u);
                    if let Some(batch) = batcher.push((i, u), bytes) {
                        send(batch);
                    }
                });
                if let Some(batch) = batcher.finish() {
                    send(batch);
                }
                if resuming {
                    let _ = to_spill.send(ToSpill::FileDone { file: i, units });
                }
                if let Some(hashing) = hashing {
                    let hashed = hashing
                        .join()
                        .unwrap_or_else(|_| Err(std::io::Error::other("hashing panicked")));
                    records.push(input_record(f, hashed));
                }
                let busy = t.elapsed().saturating_sub(waiting);
                ingest_ns.fetch_add(busy.as_nanos() as u64, Ordering::Relaxed);
                if let Ok(m) = std::fs::metadata(&f.path) {
                    bar.inc(m.len());
                }
            }
            drop(tx);
            records
        });
        let result = pool.install(|| {
            rx.into_iter().par_bridge().try_for_each_with(
                results_tx,
                |results_tx, batch: UnitBatch| {
                    let mut results = Vec::with_capacity(batch.len());
                    for (file, unit) in batch {
                        let outcome = process_unit(&res, unit, opts.crawled.as_ref(), &clock);
                        let encoded = timed(&clock.spill, || match outcome {
                            Outcome::Doc(doc) => Encoded::document(*doc),
                            Outcome::Reject(r) => Encoded::reject(r),
                        })?;
                        results.push((file, encoded));
                    }
                    let before = done_docs.fetch_add(results.len() as u64, Ordering::Relaxed);
                    let n = before + results.len() as u64;
                    if n / 256 != before / 256 {
                        let rate = n as f64 / started.elapsed().as_secs_f64().max(1e-3);
                        bar.set_message(format!("{n} docs, {rate:.0} docs/s"));
                    }
                    results_tx.send(ToSpill::Results(results)).map_err(|_| {
                        Error::Io(std::io::Error::other("the spilling thread stopped"))
                    })
                },
            )
        });
        inputs = reader.join().unwrap_or_default();
        // The workers' senders are gone once `result` is; the spiller then ends.
        let spilled = spiller
            .join()
            .unwrap_or_else(|_| Err(Error::Io(std::io::Error::other("spilling thread panicked"))));
        result.and(spilled)
    });
    worker_result?;
    bar.finish_and_clear();

    let staged = output::staging_dir(out)?;
    let summary = corpus.write(staged.path(), &pool)?;
    let input_bytes = inputs.iter().map(|i| i.bytes).sum();
    let timings = manifest::Timings {
        threads,
        ingest_ms: ms(ingest_ns.load(Ordering::Relaxed)),
        clean_ms: ms(clock.clean.load(Ordering::Relaxed)),
        extract_ms: ms(clock.extract.load(Ordering::Relaxed)),
        events_ms: ms(clock.events.load(Ordering::Relaxed)),
        spill_ms: ms(clock.spill.load(Ordering::Relaxed)),
        sitewide_ms,
        ..Default::default()
    };
    let wall_ms = commit(staged, out, config_hash, inputs, &summary, timings, started)?;
    if opts.resume {
        // Done: nothing left to resume. A failure here costs only disk space.
        let _ = std::fs::remove_dir_all(&resume_dir);
    }
    Ok(RunSummary {
        counts: summary.counts,
        rejects_by_reason: summary.rejects_by_reason,
        wall_ms,
        input_bytes,
        resumed_inputs: resumed_inputs.load(Ordering::Relaxed),
        removed_stale,
    })
}

/// Writes the manifest into the staged directory and swaps it into place;
/// returns the wall time recorded.
pub(crate) fn commit(
    staged: tempfile::TempDir,
    out: &Path,
    config_hash: String,
    inputs: Vec<manifest::InputRecord>,
    summary: &CorpusSummary,
    mut timings: manifest::Timings,
    started: Instant,
) -> Result<u64> {
    timings.graph_ms = summary.graph_ms;
    timings.write_ms = summary.write_ms;
    timings.wall_ms = started.elapsed().as_millis() as u64;
    let m = manifest::Manifest {
        tool: "newsgraph",
        version: env!("CARGO_PKG_VERSION"),
        config_hash,
        inputs,
        counts: summary.counts,
        rejects_by_reason: summary.rejects_by_reason.clone(),
        timings,
    };
    let manifest_path = staged.path().join("manifest.json");
    let mut json = serde_json::to_vec_pretty(&m)?;
    json.push(b'\n');
    std::fs::write(&manifest_path, json).map_err(|e| Error::Write {
        path: manifest_path.clone(),
        source: e,
    })?;
    output::commit_dir(staged, out)?;
    Ok(m.timings.wall_ms)
}

fn progress_bar(wanted: bool, total: u64) -> indicatif::ProgressBar {
    if !wanted {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg} ETA {eta}") {
        bar.set_style(style);
    }
    bar
}
