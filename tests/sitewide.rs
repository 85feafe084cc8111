//! Site-wide repeated lines in `run`: a line on many pages of one site goes,
//! a line shared across sites stays, and the thread count changes nothing.

mod common;

use common::{site_page as page, FOOTER};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A line that two pages of each of two sites quote: no site repeats it
/// on three pages.
const SHARED: &str = "The minister said that the plan would be put to a vote in the assembly before the end of the summer, and that she expected it to pass.";

fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut out = String::new();
    for i in 0..6 {
        let mut extra = vec![FOOTER];
        if i < 2 {
            extra.insert(0, SHARED);
        }
        out.push_str(&page("daily.example", i, &extra));
        out.push('\n');
    }
    for i in 0..6 {
        let extra: &[&str] = if i < 2 { &[SHARED] } else { &[] };
        out.push_str(&page("other.example", i, extra));
        out.push('\n');
    }
    std::fs::write(dir.join("dump.jsonl"), out).unwrap();
}

fn run(input: &Path, out: &Path, args: &[&str]) -> Vec<Value> {
    let st = bin()
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(["--progress", "never"])
        .args(args)
        .status()
        .unwrap();
    assert!(st.success());
    std::fs::read_to_string(out.join("documents.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn texts_with(docs: &[Value], line: &str) -> usize {
    docs.iter()
        .filter(|d| d["text"].as_str().unwrap().contains(line))
        .count()
}

#[test]
fn a_sites_footer_goes_and_a_line_shared_across_sites_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    corpus(&input);
    let docs = run(&input, &tmp.path().join("out"), &["--threads", "2"]);
    assert_eq!(docs.len(), 12);
    assert_eq!(texts_with(&docs, FOOTER), 0, "the footer is site-wide");
    assert_eq!(texts_with(&docs, SHARED), 4, "no site repeats the quote");
    // The stories themselves are untouched.
    assert_eq!(texts_with(&docs, "waiting for the work"), 12);
    let without = run(
        &input,
        &tmp.path().join("plain"),
        &["--threads", "2", "--no-sitewide"],
    );
    assert_eq!(
        texts_with(&without, FOOTER),
        6,
        "kept by the line classifier"
    );
}

#[test]
fn the_thread_count_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    corpus(&input);
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    run(&input, &one, &["--threads", "1"]);
    run(&input, &two, &["--threads", "2"]);
    for f in ["documents.jsonl", "mentions.jsonl", "events.jsonl"] {
        assert_eq!(
            std::fs::read(one.join(f)).unwrap(),
            std::fs::read(two.join(f)).unwrap(),
            "{f}"
        );
    }
    let manifest = |d: &Path| -> Value {
        serde_json::from_str(&std::fs::read_to_string(d.join("manifest.json")).unwrap()).unwrap()
    };
    assert_eq!(manifest(&one)["config_hash"], manifest(&two)["config_hash"]);
}
