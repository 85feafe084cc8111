#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's own inputs (the corpus
# directories are not committed).
set -euo pipefail
cd "$(dirname "$0")"
root=..
for t in clean_text dates money entities decode jsonl clean_html gunzip unzstd warc; do
  mkdir -p corpus/$t
done
i=0
for f in $root/corpus/*.txt $root/tests/data/*/*.txt; do
  [ -f "$f" ] || continue
  i=$((i+1))
  for t in clean_text dates money entities decode; do
    head -c 4000 "$f" > corpus/$t/seed-$i
  done
done
split -l 1 -d "$root/corpus/wire-dump.jsonl" corpus/jsonl/seed-
cp $root/corpus/wire-dump.jsonl corpus/jsonl/whole
cp $root/corpus/*.html corpus/clean_html/
cp $root/corpus/*.gz corpus/gunzip/
zcat $root/corpus/cc-news-sample.warc.gz > corpus/warc/sample.warc
for f in corpus/clean_text/seed-1 corpus/clean_text/seed-2; do
  zstd -q -c "$f" > corpus/unzstd/$(basename "$f").zst 2>/dev/null || true
  gzip -c "$f" > corpus/gunzip/$(basename "$f").gz
done
python3 - <<'PY'
for t, src in [("dates", "../tests/data/dates/cases.txt"), ("money", "../tests/data/money/cases.tsv")]:
    lines = [l for l in open(src, encoding="utf-8") if l.strip() and not l.startswith("#")]
    for i, l in enumerate(lines[:300]):
        open(f"corpus/{t}/case-{i}", "w").write(l.split("\t")[0])
PY
