#!/usr/bin/env python3
"""End-to-end throughput benchmark of `newsgraph run` on real news.

    python3 scripts/bench.py [--mb 100] [--threads 1,2] [--bin target/release/newsgraph]
    python3 scripts/bench.py --mb 2000 --keep /tmp/news2g.jsonl   # then: --input /tmp/news2g.jsonl

Replicates ../shared/bench/news.jsonl.gz (21,268 Reuters-21578 and BBC News
articles; research use, never copied into the repo) with fresh ids until the
input reaches --mb megabytes, writes it to a temporary directory, runs
`newsgraph run` once per thread count and prints MB/s, docs/s, peak RSS and
the per-stage times recorded in manifest.json. Build in release mode first.
"""
import argparse, gzip, json, os, resource, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def make_input(src, dst, target_bytes):
    articles = [json.loads(l) for l in gzip.open(src, "rt", encoding="utf-8") if l.strip()]
    written = docs = 0
    rep = 0
    with open(dst, "w", encoding="utf-8") as f:
        while written < target_bytes:
            for a in articles:
                a = dict(a, id=f"{a.get('id', docs)}-r{rep}")
                line = json.dumps(a, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                docs += 1
                if written >= target_bytes:
                    break
            rep += 1
    return written, docs


def run(binary, inp, out, threads):
    t0 = time.time()
    p = subprocess.Popen([binary, "run", inp, "--out", out, "--threads", str(threads), "--progress", "never"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would report the
    # largest of every run so far).
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.time() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"newsgraph failed: {err.decode()[-500:]}")
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    return wall, ru.ru_maxrss / 1024, manifest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/newsgraph"))
    ap.add_argument("--src", default=os.path.join(ROOT, "..", "shared", "bench", "news.jsonl.gz"))
    ap.add_argument("--input", help="an input made earlier (e.g. by --keep): skips the replication")
    ap.add_argument("--keep", help="also keep the replicated input at this path, for later --input runs")
    ap.add_argument("--tmp", help="directory for the input copy, outputs and spill runs (default: the system's)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-", dir=a.tmp) as tmp:
        if a.input:
            inp = a.input
            size = os.path.getsize(inp)
            with open(inp, "rb") as f:
                docs = sum(1 for line in f if line.strip())
        else:
            inp = a.keep or os.path.join(tmp, "news.jsonl")
            size, docs = make_input(a.src, inp, int(a.mb * 1e6))
        print(f"input: {size / 1e6:.1f} MB, {docs} documents ({os.uname().machine}, {os.cpu_count()} cores)")
        print(f"{'threads':>7} {'wall s':>8} {'MB/s':>8} {'docs/s':>9} {'peak RSS MB':>12}  stages (ms: sitewide pass / CPU ingest/clean/extract/events/spill / graph/write passes)")
        base = None
        for t in [int(x) for x in a.threads.split(",")]:
            # getrusage(RUSAGE_CHILDREN) keeps the max over all children: run each count in its own process.
            code = (f"import sys; sys.path.insert(0, {HERE!r}); import bench; "
                    f"w, r, m = bench.run({a.bin!r}, {inp!r}, {os.path.join(tmp, 'out' + str(t))!r}, {t}); "
                    f"import json; print(json.dumps([w, r, m['timings']]))")
            w, rss, tm = json.loads(subprocess.check_output([sys.executable, "-c", code]))
            base = base or w
            stages = "/".join(str(tm.get(k, 0)) for k in ("sitewide_ms", "ingest_ms", "clean_ms", "extract_ms", "events_ms", "spill_ms", "graph_ms", "write_ms"))
            print(f"{t:>7} {w:>8.2f} {size / 1e6 / w:>8.1f} {docs / w:>9.0f} {rss:>12.0f}  {stages}  speed-up {base / w:.2f}x")


if __name__ == "__main__":
    main()
