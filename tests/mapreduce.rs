//! `map` / `reduce` as an external engine runs them: any sharding, any
//! order of shards and of lines, gives the same files as one `run`; and
//! the corpus-level decisions made in `reduce` (near-duplicates, entity
//! ids, merged events) are those of `run`.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::{jsonl_corpus, site_page, FILES, FOOTER};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(input: &Path, out: &Path) {
    let st = bin()
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(["--progress", "never", "--threads", "2"])
        .status()
        .unwrap();
    assert!(st.success());
}

/// `FILE#LINE<TAB>JSON` for every line of every file, as `awk` would tag them.
fn tagged_lines(input: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(input)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut lines = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, l) in text.lines().enumerate() {
            lines.push(format!("{name}#{}\t{l}", i + 1));
        }
    }
    lines
}

fn map(lines: &[String]) -> Vec<u8> {
    map_with(lines, None)
}

/// `map --tagged`, with `--sitewide TABLE` when given.
fn map_with(lines: &[String], table: Option<&Path>) -> Vec<u8> {
    let mut cmd = bin();
    cmd.args(["map", "--tagged", "--threads", "1"]);
    if let Some(t) = table {
        cmd.arg("--sitewide").arg(t);
    }
    piped(cmd, lines)
}

/// Runs `cmd` with `lines` on stdin; its stdout (it must succeed).
fn piped(mut cmd: Command, lines: &[String]) -> Vec<u8> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = lines.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    out.stdout
}

/// `sitewide --tagged`: the site-wide line counts of `lines`.
fn sitewide(lines: &[String]) -> Vec<u8> {
    let mut cmd = bin();
    cmd.args(["sitewide", "--tagged"]);
    piped(cmd, lines)
}

/// A site of six pages that all end with the same prose-like footer, so
/// that the first pass has something to find.
fn site_pages(dir: &Path) {
    let mut out = String::new();
    for i in 0..6 {
        out.push_str(&site_page("daily.example", i, &[FOOTER]));
        out.push('\n');
    }
    std::fs::write(dir.join("site.jsonl"), out).unwrap();
}

/// Runs `reduce` on `partials` into `out`; its exit status and stderr.
fn reduce_output(partials: &[u8], out: &Path) -> std::process::Output {
    let mut child = bin()
        .arg("reduce")
        .arg("--out")
        .arg(out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = partials.to_vec();
    // Written from another thread: reduce may refuse (and stop reading) early.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn reduce(partials: &[u8], out: &Path) {
    let out = reduce_output(partials, out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn reduce_of_any_sharding_equals_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    jsonl_corpus(&input);
    site_pages(&input);
    let single = tmp.path().join("run");
    run(&input, &single);
    let documents = std::fs::read_to_string(single.join("documents.jsonl")).unwrap();
    assert!(
        !documents.contains(FOOTER),
        "run removes the site-wide footer"
    );
    let lines = tagged_lines(&input);

    for shards in [1usize, 3, 7] {
        // Deal the lines out like a hash partitioner would, then hand the
        // shards' outputs to reduce last shard first.
        let mut parts: Vec<Vec<String>> = vec![Vec::new(); shards];
        for (i, l) in lines.iter().enumerate() {
            parts[(i * 7 + 3) % shards].push(l.clone());
        }
        // The first pass per shard; the shards' tables concatenated are
        // the corpus's.
        let table = tmp.path().join(format!("sitewide-{shards}"));
        let counts: Vec<u8> = parts.iter().flat_map(|p| sitewide(p)).collect();
        std::fs::write(&table, counts).unwrap();
        let mut partials = Vec::new();
        for p in parts.iter().rev() {
            partials.extend(map_with(p, Some(&table)));
        }
        let out = tmp.path().join(format!("reduce-{shards}"));
        reduce(&partials, &out);
        for f in FILES {
            let a = std::fs::read(single.join(f)).unwrap();
            let b = std::fs::read(out.join(f)).unwrap();
            assert!(
                a == b,
                "{f} differs between run and {shards}-shard map/reduce"
            );
        }
        let (ma, mb) = (manifest(&single), manifest(&out));
        for k in ["counts", "rejects_by_reason", "config_hash", "version"] {
            assert_eq!(ma[k], mb[k], "manifest {k}");
        }
    }
}

#[test]
fn syndicated_copy_points_at_its_original_and_counts_once() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    jsonl_corpus(&input);
    let out = tmp.path().join("out");
    run(&input, &out);
    let docs: Vec<Value> = std::fs::read_to_string(out.join("documents.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_source = |s: &str| {
        docs.iter()
            .find(|d| d["source"] == s)
            .unwrap_or_else(|| panic!("{s} is a document"))
    };
    let original = by_source("seeds.jsonl#1");
    let copy = by_source("seeds.jsonl#7");
    let (canonical, duplicate) = if original["id"].as_str() < copy["id"].as_str() {
        (original, copy)
    } else {
        (copy, original)
    };
    assert_eq!(duplicate["duplicate_of"], canonical["id"]);
    assert_eq!(canonical["duplicate_of"], Value::Null);
    let copies = docs.iter().filter(|d| !d["duplicate_of"].is_null()).count();
    assert_eq!(copies, 1, "only the syndicated copy is a duplicate");

    // An event reported by the original and its copy (and nobody else)
    // counts one source, though both documents report it.
    let edges: Vec<Value> = std::fs::read_to_string(out.join("edges.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let events: Vec<Value> = std::fs::read_to_string(out.join("events.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let reporters = |ev: &Value| -> Vec<&Value> {
        edges
            .iter()
            .filter(|e| e["rel"] == "reports" && e["dst"] == ev["id"])
            .map(|e| &e["src"])
            .collect()
    };
    let both_only: Vec<&Value> = events
        .iter()
        .filter(|ev| {
            let r = reporters(ev);
            r.len() == 2 && r.contains(&&original["id"]) && r.contains(&&copy["id"])
        })
        .collect();
    assert!(
        !both_only.is_empty(),
        "the copy repeats the original's events"
    );
    for ev in both_only {
        assert_eq!(ev["sources"], 1, "{ev}");
    }
}

#[test]
fn reduce_refuses_partials_of_another_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let good = map(&[
        "x.jsonl#1\t{\"text\":\"Acme Corp. said on Monday it would hire staff.\"}".to_string(),
    ]);
    let other = String::from_utf8(good.clone()).unwrap().replacen(
        "\"config_hash\":\"",
        "\"config_hash\":\"other-",
        1,
    );
    let mut both = good;
    both.extend(other.as_bytes());
    let st = reduce_output(&both, &tmp.path().join("out")).status;
    assert_eq!(st.code(), Some(2));
    assert!(!tmp.path().join("out").exists(), "nothing written");

    // Shards mapped with and without the site-wide table do not mix.
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    site_pages(&input);
    let lines = tagged_lines(&input);
    let table = tmp.path().join("sitewide");
    std::fs::write(&table, sitewide(&lines)).unwrap();
    let mut mixed = map_with(&lines[..3], Some(&table));
    mixed.extend(map(&lines[3..]));
    let st = reduce_output(&mixed, &tmp.path().join("out")).status;
    assert_eq!(st.code(), Some(2), "a table mixed with none is refused");

    let st = reduce_output(b"{\"not\": \"a partial\"}\n", &tmp.path().join("out")).status;
    assert_eq!(st.code(), Some(2));
}

/// Signatures of different sketch schemes must never be compared: partials
/// whose header names another scheme, or none (written before the header
/// named it, by the old 64-permutation MinHash), are refused, not reduced
/// into silently different near-duplicate decisions.
#[test]
fn reduce_refuses_partials_of_another_sketch_scheme() {
    let tmp = tempfile::tempdir().unwrap();
    let good = String::from_utf8(map(&[
        "x.jsonl#1\t{\"text\":\"Acme Corp. said on Monday it would hire staff.\"}".to_string(),
    ]))
    .unwrap();
    let header: Value = serde_json::from_str(good.lines().next().unwrap()).unwrap();
    let scheme = header["header"]["sketch"].as_str().unwrap().to_string();
    let field = format!(",\"sketch\":\"{scheme}\"");
    assert!(good.contains(&field), "{good}");
    let out = tmp.path().join("out");
    assert!(reduce_output(good.as_bytes(), &out).status.success());
    std::fs::remove_dir_all(&out).unwrap();
    for other in [
        good.replacen(&field, "", 1),
        good.replacen(&field, ",\"sketch\":\"minhash64-5w\"", 1),
    ] {
        let refused = reduce_output(other.as_bytes(), &out);
        assert_eq!(refused.status.code(), Some(2), "{other}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains("minhash64-5w") && stderr.contains(&scheme),
            "{stderr}"
        );
        assert!(!out.exists(), "nothing written");
    }
}
