//! The `newsgraph` command line: a thin shell over the library.
//!
//! Exit codes: 0 success; 1 `check` found differences; 2 usage or fatal
//! error; 3 `--strict` and some input was rejected.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use newsgraph::clean::sitewide::SitewideLines;
use newsgraph::config::{Config, Resources};
use newsgraph::document::{Dct, InputFormat, RawDocument};
use newsgraph::ingest::Limits;
use newsgraph::pipeline::{self, RunOptions, RunSummary};
use std::io::{BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc rather than the system allocator: the pipeline allocates and
/// frees many small strings and vectors per document (mentions, partials,
/// rendered lines) from several threads, and glibc's malloc and free were
/// about 8 % of the instructions of a run (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option (its number in mimalloc 3's
/// `mi_option_e`; libmimalloc-sys names only the older options).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to hand freed pages back to the OS. newsgraph is a
/// batch process whose working set is bounded by its channels and spill
/// buffers and reused document after document: by default mimalloc purged
/// idle pages after a second and the next documents faulted them in again,
/// zeroed by the kernel. On 300 MB of news that was 94,000 page faults and
/// 15 % of the CPU time at two threads (`perf stat`, docs/performance.md);
/// without purging it is about 600 faults, for 10-20 % more peak resident
/// memory. `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn keep_freed_pages() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set only stores an integer in mimalloc's option
        // table; it is safe to call at any time from any thread.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Raw news dumps in, a clean, normalized, deterministic event graph out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, global = true)]
    threads: Option<usize>,
    /// Progress bar on stderr: auto shows it when stderr is a terminal.
    #[arg(long, value_enum, default_value = "auto", global = true)]
    progress: Progress,
    /// TOML file with extra gazetteer entries, boilerplate patterns and event triggers.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Exit 3 when any input was rejected.
    #[arg(long, global = true)]
    strict: bool,
    /// Crawl date (YYYY-MM-DD) for inputs that give none: dates datelines like "2d ago".
    #[arg(long, global = true)]
    crawl_date: Option<String>,
    /// Megabytes of per-document results held in memory before a sorted run
    /// is spilled to disk (beside --out). Output does not depend on it.
    #[arg(long, global = true, default_value_t = 64)]
    spill_mb: usize,
    /// Largest document body in MiB (a text or HTML file, a JSONL body):
    /// larger ones are rejected as too_large. A JSONL line may be twice this.
    #[arg(long, global = true, default_value_t = 16)]
    max_doc_mb: u64,
    /// Largest text or HTML file in MiB after decompression (too_large past it).
    #[arg(long, global = true, default_value_t = 256)]
    max_file_mb: u64,
    /// Largest decompressed/compressed size ratio of a .gz/.zst file once it
    /// has produced 16 MiB: past it the file is a decompression bomb,
    /// rejected as too_large without being decompressed further.
    #[arg(long, global = true, default_value_t = 100)]
    max_ratio: u64,
    /// run/check: skip the first pass that finds lines repeated across many
    /// pages of one site (footers, standing pitches) and removes them.
    #[arg(long, global = true)]
    no_sitewide: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Progress {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum CleanFormat {
    Txt,
    Html,
}

#[derive(Subcommand)]
enum Command {
    /// The batch job: ingest every document under INPUT, write the graph to --out.
    Run {
        /// Files or directories (recursive).
        #[arg(default_value = "corpus")]
        inputs: Vec<PathBuf>,
        /// Output directory, replaced atomically.
        #[arg(long, default_value = "outputs")]
        out: PathBuf,
        /// Keep per-input results beside --out, and skip inputs an interrupted
        /// run already finished (same content, config and version).
        #[arg(long)]
        resume: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Regression run: run into a temporary directory and diff against --golden.
    Check {
        /// The golden output directory.
        #[arg(long)]
        golden: PathBuf,
        /// Files or directories (recursive).
        #[arg(default_value = "corpus")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Per-document half of the job for external engines: documents as JSONL
    /// on stdin, partial results as JSONL on stdout.
    Map {
        /// Each line is SOURCE<TAB>JSON: the document is named SOURCE (as `run`
        /// would name it, e.g. file.jsonl#7), whatever the sharding.
        #[arg(long)]
        tagged: bool,
        /// Name of untagged lines: <NAME>#<line number in this input>.
        #[arg(long, default_value = "stdin")]
        name: String,
        /// Site-wide line counts from `newsgraph sitewide` over the whole
        /// corpus (shards' tables concatenated): applied as `run` applies
        /// its first pass. Recorded in the header: `reduce` refuses a mix.
        #[arg(long)]
        sitewide: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// First pass for map/reduce: the same JSONL as `map` on stdin, the
    /// site-wide line counts on stdout (concatenate the shards' outputs to
    /// merge them), for `map --sitewide`.
    Sitewide {
        /// Each line is SOURCE<TAB>JSON, as for `map --tagged`.
        #[arg(long)]
        tagged: bool,
        /// Name of untagged lines: <NAME>#<line number in this input>.
        #[arg(long, default_value = "stdin")]
        name: String,
        #[command(flatten)]
        common: Common,
    },
    /// Corpus half: `map` outputs on stdin (any order, any number of shards),
    /// the graph directory in --out, byte-identical to `run`.
    Reduce {
        /// Output directory, replaced atomically.
        #[arg(long, default_value = "outputs")]
        out: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// One text in, its mentions out as JSON Lines (no cleaning).
    Annotate {
        /// Publication date the text's relative dates resolve against.
        #[arg(long)]
        dct: Option<String>,
        /// Batch form: each input line is {"id", "text", "dct"}; each output line {"id", "mentions"}.
        #[arg(long)]
        jsonl: bool,
        /// Input file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
        #[command(flatten)]
        common: Common,
    },
    /// One document in, its cleaned body text out.
    Clean {
        /// How to read the input.
        #[arg(long, value_enum, default_value = "txt")]
        format: CleanFormat,
        /// Input file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
        #[command(flatten)]
        common: Common,
    },
}

fn load_config(common: &Common) -> Result<Config> {
    match &common.config {
        Some(p) => Ok(Config::load(p)?),
        None => Ok(Config::default()),
    }
}

fn crawl_date(common: &Common) -> Result<Option<Dct>> {
    Ok(common.crawl_date.as_deref().map(Dct::parse).transpose()?)
}

fn run_options(inputs: Vec<PathBuf>, common: &Common) -> Result<RunOptions> {
    let progress = match common.progress {
        Progress::Always => true,
        Progress::Never => false,
        Progress::Auto => std::io::stderr().is_terminal(),
    };
    if common.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    Ok(RunOptions {
        inputs,
        threads: common.threads,
        progress,
        crawled: crawl_date(common)?,
        limits: limits(common)?,
        config: load_config(common)?,
        spill_bytes: spill_bytes(common)?,
        resume: false,
        sitewide: !common.no_sitewide,
    })
}

fn limits(common: &Common) -> Result<Limits> {
    for (flag, v) in [
        ("--max-doc-mb", common.max_doc_mb),
        ("--max-file-mb", common.max_file_mb),
        ("--max-ratio", common.max_ratio),
    ] {
        if v == 0 {
            bail!("{flag} must be at least 1");
        }
    }
    // A mebibyte limit past a tebibyte is no limit; refusing it keeps every
    // byte count (and twice it, for JSONL lines) far from overflowing.
    const MAX_MB: u64 = 1 << 20;
    for (flag, v) in [
        ("--max-doc-mb", common.max_doc_mb),
        ("--max-file-mb", common.max_file_mb),
    ] {
        if v > MAX_MB {
            bail!("{flag} must be at most {MAX_MB}");
        }
    }
    let max_doc_bytes = usize::try_from(common.max_doc_mb << 20)
        .context("--max-doc-mb does not fit this platform")?;
    Ok(Limits {
        max_doc_bytes,
        max_file_bytes: common.max_file_mb << 20,
        max_ratio: common.max_ratio,
        ..Limits::default()
    })
}

fn spill_bytes(common: &Common) -> Result<usize> {
    if common.spill_mb == 0 {
        bail!("--spill-mb must be at least 1");
    }
    Ok(common.spill_mb.saturating_mul(1 << 20))
}

fn cmd_map(
    tagged: bool,
    name: String,
    sitewide: Option<PathBuf>,
    common: &Common,
) -> Result<ExitCode> {
    if common.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    let config = load_config(common)?;
    let mut res = Resources::new(&config)?;
    if let Some(path) = &sitewide {
        let file = std::fs::File::open(path)
            .with_context(|| format!("opening the site-wide table {}", path.display()))?;
        res.sitewide = SitewideLines::read(std::io::BufReader::new(file))
            .with_context(|| format!("reading {}", path.display()))?
            .table();
    }
    let config_hash = newsgraph::clean::sitewide::config_hash(config.hash(), &res.sitewide);
    let opts = map_options(tagged, name, common)?;
    let out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let s = newsgraph::shard::map(&res, config_hash, &opts, std::io::stdin().lock(), out)
        .context("map")?;
    eprintln!(
        "newsgraph map: {} documents, {} rejected",
        s.documents, s.rejects
    );
    if common.strict && s.rejects > 0 {
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// What `map` and `sitewide` read their standard input with: they must
/// name and limit documents alike, or the table would count other ids.
fn map_options(
    tagged: bool,
    name: String,
    common: &Common,
) -> Result<newsgraph::shard::MapOptions> {
    Ok(newsgraph::shard::MapOptions {
        threads: common.threads,
        crawled: crawl_date(common)?,
        limits: limits(common)?,
        tagged,
        name,
    })
}

fn cmd_sitewide(tagged: bool, name: String, common: &Common) -> Result<ExitCode> {
    let opts = map_options(tagged, name, common)?;
    let input = std::io::BufReader::with_capacity(1 << 20, std::io::stdin().lock());
    let counts = newsgraph::shard::count_sitewide(&opts, input).context("sitewide")?;
    let out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    counts.write(out).context("writing the site-wide table")?;
    let table = counts.table();
    eprintln!(
        "newsgraph sitewide: {} distinct (site, line) pairs counted, {} sites with site-wide lines",
        counts.pairs(),
        table.sites()
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_reduce(out: &Path, common: &Common) -> Result<ExitCode> {
    let input = std::io::BufReader::with_capacity(1 << 20, std::io::stdin().lock());
    let summary = newsgraph::shard::reduce(input, out, spill_bytes(common)?, common.threads)
        .with_context(|| format!("reduce into {}", out.display()))?;
    eprintln!(
        "newsgraph reduce: {} → {}",
        summary_line(&summary),
        out.display()
    );
    Ok(strict_exit(common, &summary))
}

fn summary_line(s: &RunSummary) -> String {
    let secs = (s.wall_ms as f64 / 1000.0).max(1e-3);
    let mut line = format!(
        "{} documents, {} entities, {} events, {} mentions, {} edges; {} rejected",
        s.counts.documents,
        s.counts.entities,
        s.counts.events,
        s.counts.mentions,
        s.counts.edges,
        s.counts.rejects
    );
    if !s.rejects_by_reason.is_empty() {
        let why: Vec<String> = s
            .rejects_by_reason
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect();
        line.push_str(&format!(" ({})", why.join(", ")));
    }
    if s.resumed_inputs > 0 {
        line.push_str(&format!(
            "; {} inputs resumed from an interrupted run",
            s.resumed_inputs
        ));
    }
    if !s.removed_stale.is_empty() {
        line.push_str(&format!(
            "; removed {} temporary directories left by killed runs",
            s.removed_stale.len()
        ));
    }
    line.push_str(&format!(
        " in {secs:.2}s ({:.1} MB/s, {:.0} docs/s)",
        s.input_bytes as f64 / 1e6 / secs,
        s.counts.documents as f64 / secs
    ));
    line
}

fn strict_exit(common: &Common, s: &RunSummary) -> ExitCode {
    if common.strict && s.counts.rejects > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

fn cmd_run(inputs: Vec<PathBuf>, out: &Path, resume: bool, common: &Common) -> Result<ExitCode> {
    let mut opts = run_options(inputs, common)?;
    opts.resume = resume;
    let summary =
        pipeline::run(&opts, out).with_context(|| format!("run into {}", out.display()))?;
    eprintln!("newsgraph: {} → {}", summary_line(&summary), out.display());
    Ok(strict_exit(common, &summary))
}

fn cmd_check(golden: &Path, inputs: Vec<PathBuf>, common: &Common) -> Result<ExitCode> {
    if !golden.join("manifest.json").is_file() {
        bail!(
            "{} is not a newsgraph output directory (no manifest.json)",
            golden.display()
        );
    }
    let opts = run_options(inputs, common)?;
    let tmp = tempfile::tempdir().context("creating a temporary directory")?;
    let out = tmp.path().join("outputs");
    let summary = pipeline::run(&opts, &out)?;
    let report = newsgraph::check::compare(golden, &out)?;
    print!("{report}");
    if report.is_identical() {
        println!("identical to {}", golden.display());
        Ok(strict_exit(common, &summary))
    } else {
        println!("differs from {}: if the change is intended, re-bless with `newsgraph run ... --out {}`", golden.display(), golden.display());
        Ok(ExitCode::from(1))
    }
}

fn read_input(file: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if file == "-" {
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
    } else {
        buf = std::fs::read(file).with_context(|| format!("reading {file}"))?;
    }
    Ok(buf)
}

fn decode(bytes: &[u8]) -> Result<String> {
    newsgraph::ingest::decode::decode(bytes)
        .map_err(|(reason, detail)| anyhow::anyhow!("{}: {detail}", reason.code()))
}

#[derive(serde::Deserialize)]
struct AnnotateLine {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    text: String,
    #[serde(default)]
    dct: Option<String>,
}

fn cmd_annotate(dct: Option<String>, jsonl: bool, file: &str, common: &Common) -> Result<ExitCode> {
    let res = Resources::new(&load_config(common)?)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if !jsonl {
        let text = decode(&read_input(file)?)?;
        let dct = dct.map(|d| Dct::parse(&d)).transpose()?;
        let ms = newsgraph::annotate::mentions(&res, &text, dct.as_ref());
        let lines = newsgraph::annotate::to_json(None, &text, &ms)?;
        if !lines.is_empty() {
            writeln!(out, "{lines}")?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(file).with_context(|| format!("opening {file}"))?,
        ))
    };
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("line {}: not UTF-8", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let req: AnnotateLine = serde_json::from_str(&line).with_context(|| {
            format!(
                "line {}: not an annotate request {{\"id\", \"text\", \"dct\"}}",
                n + 1
            )
        })?;
        let dct = match req.dct.as_deref() {
            Some(d) => Some(Dct::parse(d).with_context(|| format!("line {}", n + 1))?),
            None => None,
        };
        let ms = newsgraph::annotate::mentions(&res, &req.text, dct.as_ref());
        writeln!(
            out,
            "{}",
            newsgraph::annotate::to_json(Some(&req.id), &req.text, &ms)?
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn cmd_clean(format: CleanFormat, file: &str, common: &Common) -> Result<ExitCode> {
    let res = Resources::new(&load_config(common)?)?;
    let raw = RawDocument {
        source: file.to_string(),
        format: match format {
            CleanFormat::Txt => InputFormat::Text,
            CleanFormat::Html => InputFormat::Html,
        },
        text: decode(&read_input(file)?)?,
        meta: Default::default(),
    };
    let doc = pipeline::process_document(&res, &raw, crawl_date(common)?.as_ref())
        .map_err(|r| anyhow::anyhow!("{}: {}", r.reason.code(), r.detail))?;
    let mut out = std::io::stdout().lock();
    out.write_all(doc.clean.text.as_bytes())?;
    if !doc.clean.text.is_empty() {
        out.write_all(b"\n")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    keep_freed_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run {
            inputs,
            out,
            resume,
            common,
        } => cmd_run(inputs, &out, resume, &common),
        Command::Check {
            golden,
            inputs,
            common,
        } => cmd_check(&golden, inputs, &common),
        Command::Map {
            tagged,
            name,
            sitewide,
            common,
        } => cmd_map(tagged, name, sitewide, &common),
        Command::Sitewide {
            tagged,
            name,
            common,
        } => cmd_sitewide(tagged, name, &common),
        Command::Reduce { out, common } => cmd_reduce(&out, &common),
        Command::Annotate {
            dct,
            jsonl,
            file,
            common,
        } => cmd_annotate(dct, jsonl, &file, &common),
        Command::Clean {
            format,
            file,
            common,
        } => cmd_clean(format, &file, &common),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
