//! The binary as users run it: run, check, annotate, clean; rejects,
//! determinism across thread counts, atomic outputs, exit codes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn run_into(out: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("run")
        .arg(corpus())
        .arg("--out")
        .arg(out)
        .args(["--progress", "never"])
        .args(extra)
        .output()
        .unwrap()
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn golden_outputs_match() {
    let out = bin()
        .args([
            "check",
            "--golden",
            "outputs",
            "corpus",
            "--progress",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "golden outputs differ; review and re-bless:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn every_contract_file_is_written_and_offsets_slice() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    ok(run_into(&out, &[]));
    // Exactly the contract's files: nothing of the run's own bookkeeping
    // (such as the staging directory's owner file) may end up in the output.
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "documents.jsonl",
            "edges.jsonl",
            "entities.jsonl",
            "events.jsonl",
            "manifest.json",
            "mentions.jsonl",
            "rejects.jsonl",
        ]
    );
    let docs: std::collections::HashMap<String, Vec<char>> = lines(&out.join("documents.jsonl"))
        .into_iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().chars().collect(),
            )
        })
        .collect();
    let mentions = lines(&out.join("mentions.jsonl"));
    assert!(mentions.len() > 100);
    for m in &mentions {
        let text = &docs[m["doc"].as_str().unwrap()];
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let slice: String = text[s..e].iter().collect();
        assert_eq!(slice, m["text"].as_str().unwrap(), "{m}");
    }
    // Report edges point at sentences that slice too, and ids resolve.
    let entities: std::collections::HashSet<String> = lines(&out.join("entities.jsonl"))
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let events: std::collections::HashSet<String> = lines(&out.join("events.jsonl"))
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    for e in lines(&out.join("edges.jsonl")) {
        let (src, dst) = (e["src"].as_str().unwrap(), e["dst"].as_str().unwrap());
        match e["rel"].as_str().unwrap() {
            "mentions" => assert!(docs.contains_key(src) && entities.contains(dst), "{e}"),
            "reports" => {
                assert!(docs.contains_key(src) && events.contains(dst), "{e}");
                assert!(e["end"].as_u64().unwrap() as usize <= docs[src].len());
            }
            "participant" => assert!(events.contains(src) && entities.contains(dst), "{e}"),
            other => panic!("unknown rel {other}"),
        }
    }
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(run_into(&a, &["--threads", "1"]));
    ok(run_into(&b, &["--threads", "2"]));
    for f in [
        "documents.jsonl",
        "entities.jsonl",
        "events.jsonl",
        "mentions.jsonl",
        "edges.jsonl",
        "rejects.jsonl",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f} differs between 1 and 2 threads"
        );
    }
    let strip = |p: &Path| {
        let mut v: Value =
            serde_json::from_slice(&std::fs::read(p.join("manifest.json")).unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("timings");
        v
    };
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn bad_inputs_become_rejects_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("blank.txt"), "  \n\n ").unwrap();
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(input.join("binary.txt"), noise).unwrap();
    std::fs::write(input.join("sub/dump.jsonl"), "{\"text\": \"Acme Corp. said on Friday that it bought Globex for $5 billion in 2024.\"}\n{\"text\": broken\n").unwrap();
    std::fs::write(input.join("notes.docx"), "x").unwrap();
    // cp1252 text is decoded, not rejected.
    std::fs::write(input.join("latin.txt"), b"Soci\xe9t\xe9 G\xe9n\xe9rale said on Monday that profit rose to \x805 million in 2024, the bank's best year.").unwrap();
    let out = dir.path().join("out");
    let res = bin()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--progress", "never"])
        .output()
        .unwrap();
    assert_eq!(
        res.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(stderr.contains("5 rejected"), "{stderr}");
    let rejects: Vec<(String, String)> = lines(&out.join("rejects.jsonl"))
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().into(),
                r["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("binary.txt", "binary"),
        ("blank.txt", "empty"),
        ("empty.txt", "empty"),
        ("notes.docx", "unsupported_format"),
        ("sub/dump.jsonl#2", "parse_error"),
    ]
    .iter()
    .map(|(s, r)| (s.to_string(), r.to_string()))
    .collect();
    assert_eq!(rejects, want);
    let docs = lines(&out.join("documents.jsonl"));
    let sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert!(
        sources.contains(&"latin.txt") && sources.contains(&"sub/dump.jsonl#1"),
        "{sources:?}"
    );
    let latin = docs.iter().find(|d| d["source"] == "latin.txt").unwrap();
    assert!(
        latin["text"].as_str().unwrap().contains("Société Générale"),
        "{latin}"
    );
    // --strict turns rejects into exit 3.
    let strict = bin()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--progress", "never", "--strict"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(3));
}

#[test]
fn check_reports_differences_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let golden = dir.path().join("golden");
    ok(run_into(&golden, &[]));
    let docs = golden.join("documents.jsonl");
    let text = std::fs::read_to_string(&docs).unwrap();
    let mut changed: Vec<String> = text.lines().map(String::from).collect();
    changed[0] = changed[0].replacen("\"title\":", "\"title\":\"Edited\",\"old_title\":", 1);
    changed.remove(1);
    std::fs::write(&docs, changed.join("\n") + "\n").unwrap();
    let out = bin()
        .arg("check")
        .arg("--golden")
        .arg(&golden)
        .arg(corpus())
        .args(["--progress", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("documents.jsonl  1 added, 0 removed, 1 changed"),
        "{report}"
    );
    assert!(report.contains("entities.jsonl   identical"), "{report}");
}

#[test]
fn failed_run_leaves_previous_outputs_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    ok(run_into(&out, &[]));
    let before = std::fs::read(out.join("mentions.jsonl")).unwrap();
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "[clean]\nboilerplate = [\"(unclosed\"]\n").unwrap();
    let res = run_into(&out, &["--config", config.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(std::fs::read(out.join("mentions.jsonl")).unwrap(), before);
    // No staging directory is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    // A directory that is not ours is never replaced.
    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.tex"), "x").unwrap();
    let res = run_into(&foreign, &[]);
    assert_eq!(res.status.code(), Some(2));
    assert!(foreign.join("thesis.tex").is_file());
}

#[test]
fn config_adds_entities() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(
        &input,
        "Globex Ventures and Initech met on Monday. Initech said talks with GBX went well.\n",
    )
    .unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        "[[entity]]\ntype = \"ORG\"\nname = \"Initech\"\naliases = [\"GBX\"]\n",
    )
    .unwrap();
    let out = ok(bin()
        .arg("annotate")
        .arg(&input)
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap());
    let ms: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let gbx = ms
        .iter()
        .find(|m| m["text"] == "GBX")
        .expect("alias from config found");
    assert_eq!(gbx["entity"], "org:initech");
}

#[test]
fn annotate_jsonl_keeps_ids_and_order() {
    use std::io::Write;
    let mut child = bin()
        .args(["annotate", "--jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": 7, \"text\": \"Microsoft invested $1 billion in 2019.\", \"dct\": \"2026-05-01\"}\n{\"id\": \"b\", \"text\": \"Nothing here.\", \"dct\": null}\n")
        .unwrap();
    let out = ok(child.wait_with_output().unwrap());
    let got: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["id"], 7);
    assert_eq!(got[1]["id"], "b");
    assert_eq!(got[1]["mentions"], Value::Array(vec![]));
    let kinds: Vec<&str> = got[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["entity", "money", "date"]);
    let money = &got[0]["mentions"][1];
    assert_eq!(
        (money["value"].as_u64(), money["currency"].as_str()),
        (Some(1_000_000_000), Some("USD"))
    );
}

#[test]
fn clean_prints_the_body() {
    let out = ok(bin()
        .args(["clean", "corpus/003_ba2b36938b662add.txt"])
        .output()
        .unwrap());
    let body = String::from_utf8_lossy(&out.stdout);
    assert!(body.starts_with("OpenAI and Microsoft have officially renegotiated"));
    assert!(!body.contains(", , ,") && !body.contains("AI Disclosure"));
}

#[test]
fn usage_errors_exit_2() {
    let out = bin()
        .args(["run", "no/such/dir", "--out", "/tmp/never-written"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("input not found"));
    let out = bin()
        .args(["annotate", "--dct", "tomorrow", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn html_pages_and_jsonl_html_fields_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let page = r#"<html><head><title>Acme buys Globex - Widget News</title><meta property="og:site_name" content="Widget News"><meta property="article:published_time" content="2026-05-01T10:00:00Z"></head><body><nav><a href="/">Home</a><a href="/m">Markets</a></nav><article><p>Acme Corp. said on Friday that it had agreed to buy Globex for $5 billion, the largest deal in its history.</p><p>The deal, which regulators must still approve, is expected to close in the third quarter of the year.</p></article><footer><p>Copyright Widget News, all rights reserved, every single one of them.</p></footer></body></html>"#;
    std::fs::write(input.join("page.html"), page).unwrap();
    let line = serde_json::json!({"id": "p1", "html": page, "url": "https://widget.example/acme"});
    std::fs::write(input.join("pages.jsonl"), format!("{line}\n")).unwrap();
    let out = dir.path().join("out");
    ok(bin()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--progress", "never", "--strict"])
        .output()
        .unwrap());
    let docs = lines(&out.join("documents.jsonl"));
    assert_eq!(docs.len(), 2);
    for d in &docs {
        let text = d["text"].as_str().unwrap();
        assert!(text.starts_with("Acme Corp. said on Friday"), "{d}");
        assert!(!text.contains("Home") && !text.contains("Copyright"), "{d}");
        assert_eq!(d["published"], "2026-05-01");
        assert_eq!(d["publisher"], "Widget News");
    }
    let from_jsonl = docs
        .iter()
        .find(|d| d["source"] == "pages.jsonl#1")
        .unwrap();
    assert_eq!(from_jsonl["url"], "https://widget.example/acme");
    let money = lines(&out.join("mentions.jsonl"))
        .into_iter()
        .filter(|m| m["kind"] == "money")
        .count();
    assert_eq!(money, 2);
}
