//! Per-stage throughput on real news: `cargo bench --bench extract`.
//!
//! Reads the first N articles (default 5,000; `NEWSGRAPH_BENCH_DOCS`) of
//! `../shared/bench/news.jsonl.gz` (or `NEWSGRAPH_BENCH`), then times each
//! stage alone on one thread, best of three passes, and prints MB/s of body
//! text per core. Research-use data: read in place, never copied.

use newsgraph::config::Resources;
use newsgraph::document::{Dct, InputFormat, RawDocument};
use std::io::{BufRead, BufReader};
use std::time::Instant;

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

fn best_of_three(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..3 {
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
    println!(
        "{} articles, {:.1} MB of body text, one thread, best of 3",
        texts.len(),
        bytes as f64 / 1e6
    );
    let report = |name: &str, (secs, found): (f64, usize)| {
        println!(
            "{name:<12} {:>8.1} MB/s  {:>9.0} docs/s  ({found} found)",
            bytes as f64 / 1e6 / secs,
            texts.len() as f64 / secs
        );
    };
    report(
        "dates",
        best_of_three(|| {
            let mut out = Vec::new();
            texts
                .iter()
                .map(|t| {
                    out.clear();
                    res.dates.tag(t, dct.as_ref(), &mut out);
                    out.len()
                })
                .sum()
        }),
    );
    report(
        "money",
        best_of_three(|| {
            let mut out = Vec::new();
            texts
                .iter()
                .map(|t| {
                    out.clear();
                    res.amounts.tag(t, &mut out);
                    out.len()
                })
                .sum()
        }),
    );
    let sentences: Vec<_> = texts
        .iter()
        .map(|t| newsgraph::segment::sentences(t))
        .collect();
    report(
        "segment",
        best_of_three(|| {
            texts
                .iter()
                .map(|t| newsgraph::segment::sentences(t).len())
                .sum()
        }),
    );
    report(
        "entities",
        best_of_three(|| {
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
        }),
    );
    report(
        "annotate",
        best_of_three(|| {
            texts
                .iter()
                .map(|t| newsgraph::annotate::mentions(&res, t, dct.as_ref()).len())
                .sum()
        }),
    );
    report(
        "document",
        best_of_three(|| {
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
        }),
    );
}
