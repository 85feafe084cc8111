//! The Spark example (`examples/spark/newsgraph_spark.py`) in local mode
//! gives the same files as `newsgraph run`. Runs only with
//! `NEWSGRAPH_SPARK=1` (it needs Java 17 and installs pyspark with pip).

use std::path::Path;
use std::process::Command;

mod common;
use common::{jsonl_corpus, FILES};

#[test]
fn spark_example_equals_run() {
    if std::env::var("NEWSGRAPH_SPARK").ok().as_deref() != Some("1") {
        eprintln!("skipped: set NEWSGRAPH_SPARK=1 to run the Spark example");
        return;
    }
    let has_pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_pyspark {
        let st = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "pyspark"])
            .status()
            .unwrap();
        assert!(st.success(), "pip install pyspark");
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    jsonl_corpus(&input);
    let bin = env!("CARGO_BIN_EXE_newsgraph");
    let single = tmp.path().join("run");
    let st = Command::new(bin)
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&single)
        .args(["--progress", "never"])
        .status()
        .unwrap();
    assert!(st.success());
    let spark = tmp.path().join("spark");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark/newsgraph_spark.py");
    let st = Command::new("python3")
        .arg(script)
        .args(["--bin", bin, "--master", "local[2]", "--partitions", "3"])
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&spark)
        .status()
        .unwrap();
    assert!(st.success(), "the Spark example failed");
    for f in FILES {
        let a = std::fs::read(single.join(f)).unwrap();
        let b = std::fs::read(spark.join(f)).unwrap();
        assert!(a == b, "{f} differs between run and the Spark example");
    }
}
