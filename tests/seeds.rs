//! The seed articles, line by line: every body line kept, every furniture
//! line gone. Labels are in tests/data/seed-labels/<seed>.tsv, one per
//! non-empty line of the seed (`keep` or `drop`, a tab, the line).

use newsgraph::config::Resources;
use newsgraph::document::{InputFormat, RawDocument};
use std::path::Path;

fn check_seed(name: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("corpus").join(format!("{name}.txt"))).unwrap();
    let labels = std::fs::read_to_string(
        root.join("tests/data/seed-labels")
            .join(format!("{name}.tsv")),
    )
    .unwrap();
    let raw = RawDocument {
        source: name.into(),
        format: InputFormat::Text,
        text: text.clone(),
        meta: Default::default(),
    };
    let res = Resources::builtin();
    let doc = newsgraph::pipeline::process_document(&res, &raw, None).unwrap();
    let paragraphs: Vec<&str> = doc.clean.text.split("\n\n").collect();
    let mut keep = Vec::new();
    let mut labelled = 0;
    for line in labels.lines().filter(|l| !l.starts_with('#')) {
        let (label, content) = line.split_once('\t').unwrap();
        labelled += 1;
        match label {
            "keep" => {
                assert!(
                    paragraphs.contains(&content),
                    "{name}: body line lost: {content:?}"
                );
                keep.push(content);
            }
            // Short furniture ("0", "US") may occur inside prose; longer lines may not.
            "drop" => assert!(
                !paragraphs.iter().any(
                    |p| *p == content || (content.chars().count() >= 20 && p.contains(content))
                ),
                "{name}: furniture kept: {content:?}"
            ),
            other => panic!("bad label {other:?}"),
        }
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(
        labelled, lines,
        "{name}: every non-empty line of the seed has a label"
    );
    for p in &paragraphs {
        assert!(
            keep.contains(p),
            "{name}: body holds a line not labelled keep: {p:?}"
        );
    }
}

#[test]
fn seed_000_campus_technology() {
    check_seed("000_577c381eb5467d1b");
}

#[test]
fn seed_001_news_aggregator_with_related_list() {
    check_seed("001_c1926739c4814cee");
}

#[test]
fn seed_002_cx_today_with_byline() {
    check_seed("002_8555660568bdbba8");
}

#[test]
fn seed_003_faq_and_takeaways() {
    check_seed("003_ba2b36938b662add");
}

#[test]
fn seed_004_counters_and_sources() {
    check_seed("004_acdaee790a228121");
}
