#!/usr/bin/env python3
"""The Python baseline on the same text as scripts/bench.py: spaCy.

    python3 scripts/bench_spacy.py [--mb 5] [--model en_core_web_sm]

Reads the first --mb megabytes of article text from
../shared/bench/news.jsonl.gz and runs spaCy over it on one core
(nlp.pipe, batch 64), printing MB/s and docs/s. With --model it loads that
pipeline (the small English model, tagger+parser+NER); when the model
cannot be loaded (its wheel is published on GitHub and Hugging Face, which
this machine cannot reach) it falls back to spacy.blank("en") with the
rule-based sentencizer: tokenization and sentence splitting only, a strict
upper bound on what any spaCy pipeline does per second on that text.
"""
import argparse, gzip, json, os, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--src", default=os.path.join(ROOT, "..", "shared", "bench", "news.jsonl.gz"))
    a = ap.parse_args()
    import spacy

    texts, size = [], 0
    for line in gzip.open(a.src, "rt", encoding="utf-8"):
        if not line.strip():
            continue
        t = json.loads(line).get("text") or ""
        texts.append(t)
        size += len(t.encode("utf-8"))
        if size >= a.mb * 1e6:
            break
    try:
        nlp = spacy.load(a.model)
        what = f"{a.model} {nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})"
    except OSError:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        what = f"spacy.blank('en') + sentencizer ({a.model} not installable here): upper bound"
    t0 = time.time()
    ents = 0
    for doc in nlp.pipe(texts, batch_size=64):
        ents += len(doc.ents)
    wall = time.time() - t0
    print(f"spaCy {spacy.__version__}, {what}")
    print(f"{size / 1e6:.1f} MB, {len(texts)} docs, 1 core: {wall:.2f} s, "
          f"{size / 1e6 / wall:.2f} MB/s, {len(texts) / wall:.0f} docs/s, {ents} entities")


if __name__ == "__main__":
    sys.exit(main())
