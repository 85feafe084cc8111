#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 150) each, one at a time, one
# job: `fuzz/run.sh [SECONDS] [TARGET...]`. Needs cargo-fuzz and a nightly
# toolchain (`cargo +nightly`), or RUSTC_BOOTSTRAP=1 on stable.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-150}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cargo +nightly fuzz list))
[ -d corpus ] || ./seed.sh
for t in "${targets[@]}"; do
  echo "== $t (${secs}s)"
  cargo +nightly fuzz run -O "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=65536 2>&1 | tail -n 5
done
