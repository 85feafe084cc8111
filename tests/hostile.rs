//! Hostile dumps (issue 9): inputs built at test time (no bomb is committed)
//! and run through the binary. Whatever the input, the run exits 0, every
//! unit is a document or a reject with a sensible reason (and the manifest
//! counts agree), decodable text is kept, and the run stays inside a memory
//! and a time bound.

#[path = "hostile/inputs.rs"]
mod hostile;

use hostile::{expect_all, generate, run_bounded};
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

/// Peak resident memory a run over the hostile directory may reach.
const MAX_RSS_KB: u64 = 1 << 20; // 1 GiB
/// Wall time a run may take (a debug build on a shared, loaded machine).
const MAX_WALL: Duration = Duration::from_secs(120);

#[test]
fn hostile_inputs_never_crash_hang_lose_a_unit_or_blow_memory() {
    let mut tmp = tempfile::tempdir().unwrap();
    // For a look at the inputs and outputs afterwards: HOSTILE_KEEP=1.
    if std::env::var_os("HOSTILE_KEEP").is_some() {
        eprintln!("keeping {}", tmp.path().display());
        tmp.disable_cleanup(true);
    }
    let tmp = tmp.path();
    let input = tmp.join("in");
    let expected = generate(&input);
    let out = tmp.join("out");
    let run = run_bounded(
        &[
            "run".as_ref(),
            input.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--progress".as_ref(),
            "never".as_ref(),
            "--threads".as_ref(),
            "2".as_ref(),
        ],
        MAX_WALL,
    );
    eprintln!(
        "hostile run: {:.1}s, peak RSS {} KiB\n{}",
        run.wall.as_secs_f64(),
        run.peak_rss_kb.map_or("unknown".into(), |k| k.to_string()),
        run.stderr
    );
    assert_eq!(run.code, Some(0), "exit status; stderr:\n{}", run.stderr);
    if let Some(kb) = run.peak_rss_kb {
        assert!(kb < MAX_RSS_KB, "peak RSS {kb} KiB");
    }
    assert!(
        run.stderr.contains("rejected ("),
        "summary lists rejects by reason: {}",
        run.stderr
    );
    expect_all(&out, &expected);
}

/// The limit flags move the limits, and bad values are usage errors.
#[test]
fn limit_flags_change_the_limits() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let body = hostile::article("Flagstaff");
    // A text file of 2 MiB: over --max-file-mb 1.
    let mut big = String::new();
    while big.len() < 2 << 20 {
        big.push_str(&body);
        big.push('\n');
    }
    std::fs::write(input.join("big.txt"), &big).unwrap();
    // A JSONL body of 1.5 MiB: over --max-doc-mb 1, under the line limit of 2 MiB.
    let line = serde_json::json!({ "text": &big[..(3 << 19)] }).to_string();
    std::fs::write(
        input.join("dump.jsonl"),
        format!(
            "{}\n{line}\n",
            serde_json::json!({ "text": hostile::article("Tallinn") })
        ),
    )
    .unwrap();
    // 24 MiB of one repeated line, gzip-compressed: a ratio near 1000.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let line = format!("{}\n", body.lines().next().unwrap());
    let mut n = 0;
    while n < 24 << 20 {
        std::io::Write::write_all(&mut gz, line.as_bytes()).unwrap();
        n += line.len();
    }
    std::fs::write(input.join("repeat.txt.gz"), gz.finish().unwrap()).unwrap();

    let run = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "run".as_ref(),
            input.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--progress".as_ref(),
            "never".as_ref(),
        ];
        args.extend(extra.iter().map(OsStr::new));
        let r = run_bounded(&args, MAX_WALL);
        assert_eq!(r.code, Some(0), "{extra:?}: {}", r.stderr);
        hostile::rejects(&out)
    };
    let detail = |rejects: &[(String, String, String)], source: &str| {
        rejects
            .iter()
            .find(|(s, _, _)| s == source)
            .map(|(_, reason, detail)| format!("{reason}: {detail}"))
    };

    let defaults = run("defaults", &[]);
    assert_eq!(detail(&defaults, "big.txt"), None, "{defaults:?}");
    assert_eq!(detail(&defaults, "dump.jsonl#2"), None, "{defaults:?}");
    let bomb = detail(&defaults, "repeat.txt.gz").unwrap();
    assert!(bomb.starts_with("too_large: decompression bomb"), "{bomb}");

    let small = run(
        "small",
        &[
            "--max-file-mb",
            "1",
            "--max-doc-mb",
            "1",
            "--max-ratio",
            "100000",
        ],
    );
    let big = detail(&small, "big.txt").unwrap();
    assert!(
        big.starts_with("too_large: more than 1048576 bytes"),
        "{big}"
    );
    let line = detail(&small, "dump.jsonl#2").unwrap();
    assert!(
        line.starts_with("too_large:") && line.contains("limit 1048576"),
        "{line}"
    );
    assert_eq!(detail(&small, "dump.jsonl#1"), None);
    // Past the ratio, the 24 MiB file is over --max-file-mb 1 instead.
    let repeat = detail(&small, "repeat.txt.gz").unwrap();
    assert!(
        repeat.starts_with("too_large: more than 1048576"),
        "{repeat}"
    );

    for bad in [
        &["--max-ratio", "0"][..],
        &["--max-doc-mb", "0"],
        &["--max-file-mb", "0"],
        &["--max-doc-mb", "99999999999"],
    ] {
        let out = tmp.path().join("bad");
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "run".as_ref(),
            input.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        args.extend(bad.iter().map(OsStr::new));
        let r = run_bounded(&args, MAX_WALL);
        assert_eq!(r.code, Some(2), "{bad:?}: {}", r.stderr);
        assert!(!Path::new(&out).exists());
    }
}

/// Fuzzing finds kept as regression inputs: each file under
/// tests/data/fuzz-regressions/<target>/ goes through that target's entry
/// point, which panics if the bug is back.
#[test]
fn fuzz_regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let Ok(targets) = std::fs::read_dir(&root) else {
        return;
    };
    let mut n = 0;
    for target in targets {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        for case in std::fs::read_dir(&target).unwrap() {
            let case = case.unwrap().path();
            let data = std::fs::read(&case).unwrap();
            let text = String::from_utf8_lossy(&data);
            use newsgraph::fuzzing as f;
            match name.as_str() {
                "clean_text" => f::clean_text(&text),
                "clean_html" => f::clean_html(&text),
                "dates" => f::dates(&text),
                "money" => f::money(&text),
                "entities" => f::entities(&text),
                "jsonl" => drop(f::jsonl(&data)),
                "decode" => f::decode(&data),
                "gunzip" => f::decompress(&data, false),
                "unzstd" => f::decompress(&data, true),
                other => panic!("no fuzz target {other} for {}", case.display()),
            }
            n += 1;
        }
    }
    eprintln!("{n} fuzz regression inputs");
}
