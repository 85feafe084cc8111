//! Per-stage throughput on real news: `cargo bench --bench extract`.
//!
//! Reads the first N articles (default 5,000; `NEWSGRAPH_BENCH_DOCS`) of
//! `../shared/bench/news.jsonl.gz` (or `NEWSGRAPH_BENCH`), then times each
//! stage alone on one thread, best of three passes, and prints MB/s of body
//! text per core. `NEWSGRAPH_BENCH_ONLY=entities` (a comma-separated list of
//! stage names) runs only those stages, once each instead of three times, so
//! that `perf stat -e instructions:u` counts one stage (minus the loading,
//! which `NEWSGRAPH_BENCH_ONLY=none` counts alone). Research-use data: read
//! in place, never copied.
//!
//! The `clean` stage cleans each article as a flattened text scrape (no
//! corpus, so no site-wide lines); the others read the raw text.
//!
//! The `html` stage times main-content extraction from HTML pages — the
//! pages of the boilerplate dev set (`../shared/eval/dev/boiler/html/*.html.gz`,
//! or a directory of `*.html`/`*.html.gz` in `NEWSGRAPH_BENCH_HTML`) — and
//! prints pages/s per core; `html-document` adds extraction and events.

use newsgraph::config::Resources;
use newsgraph::document::{Dct, InputFormat, RawDocument};
use std::io::{BufRead, BufReader};
use std::time::Instant;

/// The allocator the `newsgraph` binary runs with (`src/main.rs`), so that
/// a stage's figure here is the figure it has in a run: with the system
/// allocator, malloc and free were about 6 % of the entity tagger's
/// instructions, and their cost differs between the two.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(path: &str, limit: usize) -> Vec<String> {
    let file =
        std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e} (set NEWSGRAPH_BENCH)"));
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(file));
    reader
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .take(limit)
        .collect()
}

fn best_of(passes: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..passes {
        let t = Instant::now();
        found = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, found)
}

fn main() {
    let path = std::env::var("NEWSGRAPH_BENCH").unwrap_or_else(|_| {
        format!(
            "{}/../shared/bench/news.jsonl.gz",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let limit = std::env::var("NEWSGRAPH_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let texts = load(&path, limit);
    let bytes: usize = texts.iter().map(String::len).sum();
    let res = Resources::builtin();
    let dct = Dct::parse("2005-06-01").ok();
    let only: Option<Vec<String>> = std::env::var("NEWSGRAPH_BENCH_ONLY")
        .ok()
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let wanted = |name: &str| only.as_ref().is_none_or(|o| o.iter().any(|s| s == name));
    let passes = if only.is_some() { 1 } else { 3 };
    println!(
        "{} articles, {:.1} MB of body text, one thread, best of {passes}",
        texts.len(),
        bytes as f64 / 1e6
    );
    let report = |name: &str, f: &mut dyn FnMut() -> usize| {
        if !wanted(name) {
            return;
        }
        let (secs, found) = best_of(passes, f);
        println!(
            "{name:<12} {:>8.1} MB/s  {:>9.0} docs/s  ({found} found)",
            bytes as f64 / 1e6 / secs,
            texts.len() as f64 / secs
        );
    };
    let raws: Vec<RawDocument> = texts
        .iter()
        .map(|t| RawDocument {
            source: String::new(),
            format: InputFormat::Text,
            text: t.clone(),
            meta: Default::default(),
        })
        .collect();
    report("clean", &mut || {
        raws.iter()
            .map(|r| res.cleaner.clean(r, &res.dates, dct.as_ref()).text.len())
            .sum()
    });
    report("dates", &mut || {
        let mut out = Vec::new();
        texts
            .iter()
            .map(|t| {
                out.clear();
                res.dates.tag(t, dct.as_ref(), &mut out);
                out.len()
            })
            .sum()
    });
    report("money", &mut || {
        let mut out = Vec::new();
        texts
            .iter()
            .map(|t| {
                out.clear();
                res.amounts.tag(t, &mut out);
                out.len()
            })
            .sum()
    });
    let sentences: Vec<_> = texts
        .iter()
        .map(|t| newsgraph::segment::sentences(t))
        .collect();
    report("segment", &mut || {
        texts
            .iter()
            .map(|t| newsgraph::segment::sentences(t).len())
            .sum()
    });
    report("entities", &mut || {
        let mut out = Vec::new();
        texts
            .iter()
            .zip(&sentences)
            .map(|(t, s)| {
                out.clear();
                res.entities.tag(t, s, &mut out);
                out.len()
            })
            .sum()
    });
    report("annotate", &mut || {
        texts
            .iter()
            .map(|t| newsgraph::annotate::mentions(&res, t, dct.as_ref()).len())
            .sum()
    });
    report("document", &mut || {
        texts
            .iter()
            .filter_map(|t| {
                let raw = RawDocument {
                    source: String::new(),
                    format: InputFormat::Text,
                    text: t.clone(),
                    meta: Default::default(),
                };
                newsgraph::pipeline::process_document(&res, &raw, None).ok()
            })
            .map(|d| d.mentions.len())
            .sum()
    });
    let pages = load_html();
    let html_bytes: usize = pages.iter().map(String::len).sum();
    let report_pages = |name: &str, f: &mut dyn FnMut() -> usize| {
        if !wanted(name) || pages.is_empty() {
            return;
        }
        let (secs, found) = best_of(passes, f);
        println!(
            "{name:<13} {:>7.1} MB/s  {:>9.0} pages/s  ({} pages, {:.1} MB of HTML; {found} found)",
            html_bytes as f64 / 1e6 / secs,
            pages.len() as f64 / secs,
            pages.len(),
            html_bytes as f64 / 1e6
        );
    };
    let raw_page = |html: &String| RawDocument {
        source: String::new(),
        format: InputFormat::Html,
        text: html.clone(),
        meta: Default::default(),
    };
    report_pages("html", &mut || {
        pages
            .iter()
            .map(|p| {
                res.cleaner
                    .clean_html(&raw_page(p), &res.dates)
                    .0
                    .text
                    .len()
            })
            .sum()
    });
    report_pages("html-document", &mut || {
        pages
            .iter()
            .filter_map(|p| newsgraph::pipeline::process_document(&res, &raw_page(p), None).ok())
            .map(|d| d.mentions.len())
            .sum()
    });
}

/// The HTML pages to time, sorted by name; none when the directory is absent.
fn load_html() -> Vec<String> {
    let dir = std::env::var("NEWSGRAPH_BENCH_HTML").unwrap_or_else(|_| {
        format!(
            "{}/../shared/eval/dev/boiler/html",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let name = p.to_string_lossy();
            let bytes = if name.ends_with(".gz") {
                let mut out = Vec::new();
                std::io::Read::read_to_end(
                    &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
                    &mut out,
                )
                .ok()?;
                out
            } else if name.ends_with(".html") {
                bytes
            } else {
                return None;
            };
            Some(String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}
