#!/usr/bin/env python3
"""Error cases of the cleaner on the boilerplate eval: per page, the gold
lines it lost and the junk lines it kept, worst pages first.

Usage: scripts/boiler_errors.py BIN {flat|html} [--data DIR] [--top N] [--page ID]

Runs `BIN run` over DATA/boiler/<sub>, scores each page with the benchmark's
4-gram shingle metric (as ../shared/eval/score_boiler.py does) and prints,
for the N pages with the lowest F1, the lines of the gold body that share no
shingle with the prediction (LOST) and the predicted lines that share none
with the gold (JUNK), with their length in tokens. Lines partly matched are
not shown: they are rarely the cleaner's doing.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    t = TOKEN.findall(text or "")
    return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)) if t[i:i + n])


def prf(gold, pred):
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    prec = 1.0 if fp == fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
    rec = 1.0 if fp == fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def unmatched(lines, other):
    """Lines with at least 4 tokens that share no shingle with `other`."""
    o = shingles(other)
    for line in lines:
        s = shingles(line)
        if len(TOKEN.findall(line)) >= 4 and not (s & o):
            yield line


def main():
    a = argparse.ArgumentParser()
    a.add_argument("bin")
    a.add_argument("sub", choices=["flat", "html"])
    a.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../shared/eval/dev"))
    a.add_argument("--top", type=int, default=15)
    a.add_argument("--page")
    a.add_argument("--lines", type=int, default=8, help="lines shown per kind and page")
    args = a.parse_args()
    src = os.path.join(args.data, "boiler", args.sub)
    gold_dir = os.path.join(args.data, "boiler", "gold")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([args.bin, "run", src, "--out", out, "--progress", "never"], check=True,
                       stderr=subprocess.DEVNULL)
        pred = {}
        with open(os.path.join(out, "documents.jsonl"), encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                pid = os.path.basename(d["source"].split("#")[0]).split(".")[0]
                pred[pid] = d.get("text", "")
    rows = []
    for name in sorted(os.listdir(gold_dir)):
        pid = name.split(".")[0]
        if args.page and not pid.startswith(args.page):
            continue
        with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
            gold = f.read()
        p = pred.get(pid, "")
        rows.append((prf(gold, p), pid, gold, p))
    rows.sort(key=lambda r: r[0][2])
    mp = sum(r[0][0] for r in rows) / max(1, len(rows))
    mr = sum(r[0][1] for r in rows) / max(1, len(rows))
    print(f"{len(rows)} pages: mean P {mp:.3f} R {mr:.3f} F1(means) {2 * mp * mr / max(mp + mr, 1e-9):.3f}")
    for (prec, rec, f1), pid, gold, p in rows[: args.top]:
        print(f"\n=== {pid[:16]}  P {prec:.2f} R {rec:.2f} F1 {f1:.2f}")
        for tag, lines in (("LOST", unmatched([l for l in gold.splitlines() if l.strip()], p)),
                           ("JUNK", unmatched([l for l in p.splitlines() if l.strip()], gold))):
            lines = list(lines)
            for line in lines[: args.lines]:
                print(f"  {tag} ({len(TOKEN.findall(line))}): {line[:160]}")
            if len(lines) > args.lines:
                print(f"  {tag} ... {len(lines) - args.lines} more lines, "
                      f"{sum(len(TOKEN.findall(l)) for l in lines[args.lines:])} tokens")


if __name__ == "__main__":
    sys.exit(main())
