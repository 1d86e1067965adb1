#!/usr/bin/env bash
# Fuzzes every target in turn for SECONDS each (default 1800, the issue's 30 minutes), keeping
# what libFuzzer finds in a scratch corpus outside the repository (the checked-in corpus stays
# small: seeds, and `cargo fuzz cmin` output if someone adds it). A crash is written to
# fuzz/artifacts/TARGET/; copy it into fuzz/regressions/TARGET/ once fixed, so the stable replay
# test keeps it fixed. Needs nightly and cargo-fuzz (scripts/setup.sh --fuzz).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH="${1:-1800}"
SCRATCH="${FUZZ_SCRATCH:-/tmp/pristan-fuzz-corpus}"
for target in $(ls fuzz_targets | sed 's/\.rs$//'); do
    mkdir -p "$SCRATCH/$target"
    echo "== $target: ${SECONDS_EACH}s"
    cargo +nightly fuzz run -O "$target" "$SCRATCH/$target" "corpus/$target" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
        | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==|SUMMARY|Done|artifact_prefix|Test unit written)" || true
done
