//! The graph as its consumers see it: every record matches its JSON Schema
//! (`schema/`), and DuckDB loads the five JSONL files and joins them with no
//! dangling ids and offsets that slice.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fresh_run() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let root = env!("CARGO_MANIFEST_DIR");
    let status = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(root)
        .args(["run", "corpus", "--progress", "never", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    (dir, out)
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(format!("{name}.schema.json"));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn outputs_match_their_schemas() {
    let (_dir, out) = fresh_run();
    for name in [
        "documents",
        "entities",
        "events",
        "mentions",
        "edges",
        "rejects",
    ] {
        let validator = schema(name);
        let text = std::fs::read_to_string(out.join(format!("{name}.jsonl"))).unwrap();
        for (n, line) in text.lines().enumerate() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&record)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{name}.jsonl line {}: {errors:?}\n{line}",
                n + 1
            );
        }
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let errors: Vec<String> = schema("manifest")
        .iter_errors(&manifest)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "manifest.json: {errors:?}");
}

#[test]
fn schemas_reject_what_the_contract_forbids() {
    let v = schema("mentions");
    let good = serde_json::json!({"doc": "doc:0123456789abcdef", "kind": "money", "text": "$5", "start": 0, "end": 2, "value": 5, "currency": "USD"});
    assert!(v.is_valid(&good));
    let string_value = serde_json::json!({"doc": "doc:0123456789abcdef", "kind": "money", "text": "$5", "start": 0, "end": 2, "value": "5", "currency": "USD"});
    assert!(!v.is_valid(&string_value), "value must stay a number");
    let date_without_timex = serde_json::json!({"doc": "doc:0123456789abcdef", "kind": "date", "text": "May", "start": 0, "end": 3, "type": "DATE"});
    assert!(
        !v.is_valid(&date_without_timex),
        "a date mention always carries timex (string or null)"
    );
}

#[test]
fn duckdb_loads_and_joins_the_graph() {
    let has_duckdb = Command::new("python3")
        .args(["-c", "import duckdb"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !has_duckdb {
        // .ci/run installs duckdb; on a developer machine without it, say so rather than pass silently.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have duckdb (pip install duckdb)"
        );
        eprintln!(
            "SKIPPED duckdb_loads_and_joins_the_graph: python3 -m pip install duckdb to run it"
        );
        return;
    }
    let (_dir, out) = fresh_run();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/duckdb_queries.py");
    let result = Command::new("python3")
        .arg(script)
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    eprintln!("{stdout}");
}
