#!/usr/bin/env bash
# Profile-guided build of newsgraph: the same code, laid out and inlined by
# where a real run spends its time. Outputs are byte-identical to the plain
# `cargo build --release` (the script checks the golden corpus); one thread
# runs about a tenth faster (docs/performance.md, "Session 16").
#
#     bash scripts/pgo-build.sh [TRAINING INPUT ...]
#     target/pgo/use/release/newsgraph run corpus --out outputs
#
# Steps: an instrumented build, one `newsgraph run` over `corpus/` and any
# inputs given (e.g. ../shared/bench/news.jsonl.gz), the counts merged by
# the toolchain's own llvm-profdata (rustup's `llvm-tools`, added if
# missing), then the optimised build. About two release builds of time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${PGO_TARGET_DIR:-$ROOT/target/pgo}
cd "$ROOT"

HOST=$(rustc -vV | sed -n 's/^host: //p')
PROFDATA="$(rustc --print sysroot)/lib/rustlib/$HOST/bin/llvm-profdata"
if [ ! -x "$PROFDATA" ]; then
    rustup component add llvm-tools
fi
if [ ! -x "$PROFDATA" ]; then
    echo "pgo-build: no llvm-profdata at $PROFDATA (rustup component add llvm-tools)" >&2
    exit 1
fi

# Build scripts are instrumented too and write their counts to the
# -Cprofile-generate directory; the training run writes to its own, the
# only one merged.
BUILD_PROFILES="$OUT/build-profiles"
TRAIN_PROFILES="$OUT/train-profiles"
rm -rf "$BUILD_PROFILES" "$TRAIN_PROFILES"
RUSTFLAGS="-Cprofile-generate=$BUILD_PROFILES" \
    cargo build --release --locked --target-dir "$OUT/gen"

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
LLVM_PROFILE_FILE="$TRAIN_PROFILES/newsgraph-%p-%m.profraw" \
    "$OUT/gen/release/newsgraph" run corpus "$@" --out "$SCRATCH/train" --progress never
"$PROFDATA" merge -o "$OUT/newsgraph.profdata" "$TRAIN_PROFILES"

RUSTFLAGS="-Cprofile-use=$OUT/newsgraph.profdata" \
    cargo build --release --locked --target-dir "$OUT/use"

BIN="$OUT/use/release/newsgraph"
"$BIN" check --golden outputs corpus --progress never
echo "pgo-build: $BIN"
