//! A run killed with SIGKILL at any moment leaves the previous outputs
//! byte-identical (or, if it had finished, the complete new ones — never a
//! mix), and a re-run completes.

mod common;

use common::corpus;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// The six JSONL files and the manifest without its timings.
fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for f in common::FILES {
        files.push((f.to_string(), std::fs::read(out.join(f)).unwrap()));
    }
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    m.as_object_mut().unwrap().remove("timings");
    files.push(("manifest.json".into(), m.to_string().into_bytes()));
    files
}

fn run(inputs: &[&Path], out: &Path) -> std::process::Child {
    bin()
        .arg("run")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(["--progress", "never", "--threads", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn sigkill_at_any_moment_leaves_outputs_whole() {
    let tmp = tempfile::tempdir().unwrap();
    // Extra input, big enough that a run takes a while.
    let extra = tmp.path().join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    let mut dump = String::new();
    for i in 0..1500 {
        let text = format!(
            "Acme Corp. said on Monday it would invest ${i} million in Globex Inc. by 2030. \
             Chief executive Jane Doe told reporters in Boston that the deal, agreed on March {d}, \
             2026, would double the company's capacity. Shares of Acme rose {p} percent.",
            d = i % 28 + 1,
            p = i % 9 + 1
        );
        dump.push_str(&serde_json::json!({"text": text, "published": "2026-04-01"}).to_string());
        dump.push('\n');
    }
    std::fs::write(extra.join("dump.jsonl"), dump).unwrap();

    let out = tmp.path().join("outputs");
    let corpus = corpus();
    assert!(run(&[&corpus], &out).wait().unwrap().success());
    let old = snapshot(&out);

    let mut finished = None;
    for delay_ms in [5u64, 40, 120, 300, 700, 1500, 3000] {
        let mut child = run(&[&corpus, &extra], &out);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        let now = snapshot(&out);
        if status.success() {
            // It finished before the kill: the new outputs, complete.
            finished.get_or_insert_with(|| now.clone());
            assert_eq!(Some(&now), finished.as_ref());
        } else if now != old {
            // Killed after the swap: must be exactly the complete new outputs.
            let reference = tmp.path().join("reference");
            assert!(run(&[&corpus, &extra], &reference)
                .wait()
                .unwrap()
                .success());
            assert_eq!(
                now,
                snapshot(&reference),
                "killed after {delay_ms} ms: a mix"
            );
            return;
        }
    }
    // A re-run after all the kills completes.
    assert!(run(&[&corpus, &extra], &out).wait().unwrap().success());
    assert_ne!(snapshot(&out), old);
    // And removes what the killed runs left beside the outputs (where
    // processes can be looked up). A run killed between making a directory
    // and claiming it leaves one nobody can prove stale: that one stays.
    if Path::new("/proc/self").exists() {
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name.starts_with(".newsgraph-spill-") || name.starts_with(".outputs.tmp-"))
                    && p.join("newsgraph-owner").exists()
            })
            .collect();
        assert!(left.is_empty(), "left by killed runs: {left:?}");
    }
}

#[test]
fn resume_skips_inputs_an_interrupted_run_finished() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in 0..6 {
        let mut dump = String::new();
        for i in 0..250 {
            let text = format!(
                "Globex Inc. said on Tuesday it had hired {i} engineers in file {f}, and that \
                 chief executive John Roe expected revenue to grow {p} percent in 2027.",
                p = i % 7 + 2
            );
            dump.push_str(
                &serde_json::json!({"text": text, "published": "2026-05-01"}).to_string(),
            );
            dump.push('\n');
        }
        std::fs::write(input.join(format!("part-{f}.jsonl")), dump).unwrap();
    }
    let reference = tmp.path().join("reference");
    assert!(run(&[&input], &reference).wait().unwrap().success());

    let out = tmp.path().join("outputs");
    let cache = tmp.path().join(".outputs.resume");
    let mut child = bin()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--progress", "never", "--threads", "2", "--resume"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as one input is finished.
    let finished_one = || {
        std::fs::read_dir(&cache).is_ok_and(|d| {
            d.filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        })
    };
    let t = std::time::Instant::now();
    while !finished_one() && t.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    let killed = !child.wait().unwrap().success();

    let rerun = bin()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--progress", "never", "--threads", "2", "--resume"])
        .output()
        .unwrap();
    assert!(rerun.status.success());
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    if killed {
        assert!(stderr.contains("inputs resumed"), "{stderr}");
    }
    assert_eq!(snapshot(&out), snapshot(&reference));
    assert!(!cache.exists(), "a finished run removes its resume cache");
}
