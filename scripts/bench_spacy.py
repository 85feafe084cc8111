#!/usr/bin/env python3
"""The Python baseline on the same text as scripts/bench.py: spaCy.

    python3 scripts/bench_spacy.py [--mb 5] [--model en_core_web_sm] [--fallback architecture|blank]

Reads the first --mb megabytes of article text from
../shared/bench/news.jsonl.gz and runs spaCy over it on one core
(nlp.pipe, batch 64), printing MB/s and docs/s. With --model it loads that
pipeline (the small English model: tok2vec, tagger, parser, NER). When the
model cannot be loaded (its wheel is published on GitHub and Hugging Face,
which this machine cannot reach):

- `--fallback architecture` (the default) builds the same pipeline from
  spaCy's own "efficiency" recipe, the one the small models are trained
  with (hash embeddings of NORM/PREFIX/SUFFIX/SHAPE, a width-96 depth-4
  maxout CNN, tagger, transition-based parser and NER), initialised with
  random weights. Its speed is the small model's — the work per token does
  not depend on the weights' values — but its tags and entities are noise:
  a speed baseline, never a quality one.
- `--fallback blank` runs spacy.blank("en") with the rule-based
  sentencizer: tokenization and sentence splitting only, a strict upper
  bound on what any spaCy pipeline does per second on that text.
"""
import argparse, gzip, json, os, sys, time

# One core: no BLAS or OpenMP threads beside the interpreter's.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def small_model_architecture(spacy):
    """tok2vec + tagger + parser + ner as spaCy's sm models are configured,
    initialised from one made-up sentence (random weights)."""
    from spacy.cli.init_config import init_config
    from spacy.training import Example

    cfg = init_config(lang="en", pipeline=["tagger", "parser", "ner"],
                      optimize="efficiency", gpu=False)
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    doc = nlp.make_doc("Acme bought Globex in Paris on Monday .")
    gold = {
        "tags": ["NNP", "VBD", "NNP", "IN", "NNP", "IN", "NNP", "."],
        "heads": [1, 1, 1, 1, 3, 1, 5, 1],
        "deps": ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
        "entities": ["U-ORG", "O", "U-ORG", "O", "U-GPE", "O", "U-DATE", "O"],
    }
    nlp.initialize(lambda: [Example.from_dict(doc, gold)])
    return nlp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--fallback", choices=["architecture", "blank"], default="architecture")
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
        if a.fallback == "blank":
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            what = f"spacy.blank('en') + sentencizer ({a.model} not installable here): upper bound"
        else:
            nlp = small_model_architecture(spacy)
            what = (f"efficiency recipe ({', '.join(nlp.pipe_names)}), random weights "
                    f"({a.model} not installable here): its speed, not its quality")
    t0 = time.time()
    ents = tokens = 0
    for doc in nlp.pipe(texts, batch_size=64):
        ents += len(doc.ents)
        tokens += len(doc)
    wall = time.time() - t0
    print(f"spaCy {spacy.__version__}, {what}")
    print(f"{size / 1e6:.1f} MB, {len(texts)} docs, 1 core: {wall:.2f} s, "
          f"{size / 1e6 / wall:.3f} MB/s, {len(texts) / wall:.1f} docs/s, "
          f"{tokens / wall:.0f} tokens/s, {ents} entities")


if __name__ == "__main__":
    sys.exit(main())
