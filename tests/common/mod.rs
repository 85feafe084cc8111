//! Inputs shared by the integration tests that compare ways of running.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The six JSONL output files (the manifest differs by design between a
/// `run` and a `reduce`: inputs and timings).
pub const FILES: [&str; 6] = [
    "documents.jsonl",
    "entities.jsonl",
    "events.jsonl",
    "mentions.jsonl",
    "edges.jsonl",
    "rejects.jsonl",
];

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A JSONL corpus: the wire dump (with its broken line), each seed article
/// as a JSON line, and a syndicated copy of one of them with its own byline.
pub fn jsonl_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(corpus().join("wire-dump.jsonl"), dir.join("wire.jsonl")).unwrap();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 3, "the seed articles are in corpus/");
    let mut out = String::new();
    for p in &seeds {
        let text = std::fs::read_to_string(p).unwrap();
        out.push_str(&serde_json::json!({"text": text, "crawled": "2026-05-20"}).to_string());
        out.push('\n');
    }
    out.push('\n'); // a blank line is not a unit, but counts as a line
    let copy = std::fs::read_to_string(&seeds[0]).unwrap();
    let copy = format!("{copy}\nThis story was syndicated by Example Wire Service.\n");
    out.push_str(&serde_json::json!({"text": copy, "crawled": "2026-05-21"}).to_string());
    out.push('\n');
    std::fs::write(dir.join("seeds.jsonl"), out).unwrap();
}

/// A prose-like footer that every page of daily.example carries.
pub const FOOTER: &str = "The Daily Example is an independent newspaper that is funded by its readers, and every story that we publish is free for all to read.";

/// Four paragraphs of prose of their own for page `i` of `site` (they
/// differ in words: the line identity reads every digit as 0).
fn story(site: &str, i: usize) -> Vec<String> {
    let towns = [
        "Aldbury",
        "Brentwick",
        "Cawston",
        "Dunmere",
        "Elsworth",
        "Fenby",
    ];
    let town = towns[i % towns.len()];
    ["roads", "schools", "bridges", "parks"]
        .iter()
        .map(|work| {
            format!(
                "The council of {town} said on Monday that it would spend more money on the {work} of the town, which {site} reported had been waiting for the work for many years."
            )
        })
        .collect()
}

/// Page `i` of `site` as a JSON line: a title, its own story and the
/// `extra` lines (footers, quotes) at the end.
pub fn site_page(site: &str, i: usize, extra: &[&str]) -> String {
    let mut lines = vec![format!("Council of {site} plans roads, story {i}")];
    lines.extend(story(site, i));
    lines.extend(extra.iter().map(|s| s.to_string()));
    let text = lines.join("\n");
    serde_json::json!({
        "url": format!("https://www.{site}/news/{i}"),
        "text": text,
        "crawled": "2026-05-20",
    })
    .to_string()
}
