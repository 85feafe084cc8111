#!/usr/bin/env python3
"""newsgraph on Apache Spark: `newsgraph map` per partition, one `reduce`.

    python3 examples/spark/newsgraph_spark.py --bin target/release/newsgraph \
        --input DIR_OF_JSONL --out DIR [--master local[2]] [--partitions N]

Every line of every `.jsonl`/`.ndjson` file under --input (optionally
`.gz`) is tagged with the name `newsgraph run` would give it
(`<path relative to --input>#<line number>`), the tagged lines are spread
over partitions and piped through `newsgraph map --tagged` (RDD.pipe), the
partial results are saved one file per partition, and the driver streams
them into one `newsgraph reduce`. The
result is byte-identical to `newsgraph run DIR_OF_JSONL --out DIR` (only
the manifest's `inputs` and `timings` differ), whatever the partitioning.

The binary must exist at the same path on every executor (true in local
mode; on a cluster ship it with `--files` / `SparkFiles` or a shared mount).
Lines that are not valid UTF-8 are decoded with replacement characters here,
whereas `run` detects their encoding: keep dumps in UTF-8 for exact equality.
"""
import argparse
import glob
import gzip
import os
import shutil
import subprocess
import sys
import tempfile


def jsonl_files(root):
    """(relative path, absolute path) of the JSONL files under root, sorted as `run` walks them."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            base = name[:-3] if name.endswith(".gz") else name
            if base.endswith((".jsonl", ".ndjson")):
                path = os.path.join(dirpath, name)
                found.append((os.path.relpath(path, root).replace(os.sep, "/"), path))
    return sorted(found)


def tagged_lines(item):
    """Yields `REL#LINE<TAB>JSON` for every line of one file (lines counted as `run` counts them)."""
    rel, path = item
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        for n, raw in enumerate(f, start=1):
            line = raw.rstrip(b"\n").rstrip(b"\r")
            yield f"{rel}#{n}\t{line.decode('utf-8', errors='replace')}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="path to the newsgraph binary")
    ap.add_argument("--input", required=True, help="directory of JSONL dumps")
    ap.add_argument("--out", required=True, help="output directory (replaced atomically)")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=0, help="default: 2 per core of --master")
    ap.add_argument("--config", help="newsgraph --config file (must be readable on every executor)")
    a = ap.parse_args()

    from pyspark import SparkConf, SparkContext

    binary = os.path.abspath(a.bin)
    files = jsonl_files(a.input)
    if not files:
        sys.exit(f"no .jsonl/.ndjson files under {a.input}")
    conf = SparkConf().setAppName("newsgraph").setMaster(a.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        partitions = a.partitions or 2 * sc.defaultParallelism
        map_cmd = [binary, "map", "--tagged", "--threads", "1"]
        if a.config:
            map_cmd += ["--config", os.path.abspath(a.config)]
        partials = (
            sc.parallelize(files, len(files))
            .flatMap(tagged_lines)
            .repartition(partitions)
            .pipe(" ".join(map_cmd))
        )
        # Materialize the partials in parallel (one file per partition), on
        # the output's disk, then stream them all into one reduce.
        spool = tempfile.mkdtemp(prefix=".newsgraph-spark-", dir=os.path.dirname(os.path.abspath(a.out)))
        try:
            partials.saveAsTextFile(os.path.join(spool, "partials"))
            parts = sorted(glob.glob(os.path.join(spool, "partials", "part-*")))
            reduce_cmd = [binary, "reduce", "--out", a.out]
            with subprocess.Popen(reduce_cmd, stdin=subprocess.PIPE) as reducer:
                for part in parts:
                    with open(part, "rb") as f:
                        shutil.copyfileobj(f, reducer.stdin, 1 << 20)
                reducer.stdin.close()
                code = reducer.wait()
            if code != 0:
                sys.exit(f"newsgraph reduce exited {code}")
        finally:
            shutil.rmtree(spool, ignore_errors=True)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
