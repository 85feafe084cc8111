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
# Kinds of zstd frames the decoder has to walk: levels (block types and
# entropy tables differ), no checksum, long window, several frames in a row,
# a skippable frame, an empty frame, a highly compressible body (the ratio
# guard), raw (uncompressible) blocks.
if command -v zstd >/dev/null; then
  s=corpus/clean_text/seed-1
  for lvl in 1 5 12 19; do zstd -q -$lvl -c "$s" > corpus/unzstd/level-$lvl.zst; done
  zstd -q --no-check -c "$s" > corpus/unzstd/no-check.zst
  zstd -q --long=24 -c "$s" > corpus/unzstd/long.zst
  cat corpus/unzstd/level-1.zst corpus/unzstd/level-19.zst > corpus/unzstd/two-frames.zst
  { printf '\x50\x2a\x4d\x18\x04\x00\x00\x00skip'; cat corpus/unzstd/level-1.zst; } > corpus/unzstd/skippable.zst
  printf '' | zstd -q -c > corpus/unzstd/empty.zst
  head -c 300000 /dev/zero | zstd -q -c > corpus/unzstd/zeros.zst
  head -c 3000 /dev/urandom | zstd -q -c > corpus/unzstd/random.zst
fi
python3 - <<'PY'
for t, src in [("dates", "../tests/data/dates/cases.txt"), ("money", "../tests/data/money/cases.tsv")]:
    lines = [l for l in open(src, encoding="utf-8") if l.strip() and not l.startswith("#")]
    for i, l in enumerate(lines[:300]):
        open(f"corpus/{t}/case-{i}", "w").write(l.split("\t")[0])
PY
