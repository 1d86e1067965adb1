#!/usr/bin/env bash
# Measures the desktop app's floor (issue 15, docs/benchmarks.md "Baselines"): Pristan's cold start
# to an interactive unlock screen and its memory with the standard vault unlocked, against the
# empty Tauri + Yew app in benches/empty-app, both built in release the same way and measured the
# same way in one run (tests/e2e/desktop_baseline.rs, under Xvfb through tauri-driver). Writes
# target/bench-desktop.json, which `pristan bench --all` shows beside its other rows.
#
#   scripts/bench-desktop.sh VAULT_DIR [RUNS]
#
# VAULT_DIR is a standard demo vault (`pristan demo --cases 1000 --notes 50000 --fast-kdf`); it is
# copied first and the copy is opened, never the folder given. RUNS defaults to 5.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(root_dir)
cd "$ROOT"

VAULT=${1:?usage: scripts/bench-desktop.sh VAULT_DIR [RUNS]}
RUNS=${2:-5}
[ -d "$VAULT" ] || die "$VAULT is not a folder"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

step "Pristan's interface and app, release"
(cd ui && trunk build --release) || die "the interface did not build"
cargo build --release --bin pristan-app || die "the app did not build"

step "The empty app (benches/empty-app), release, into the same target folder"
(cd benches/empty-app/ui && CARGO_TARGET_DIR="$TARGET" trunk build --release) \
  || die "the empty app's page did not build"
(cd benches/empty-app && cargo build --release --target-dir "$TARGET") \
  || die "the empty app did not build"

step "A copy of the vault"
SCRATCH=$(mktemp -d "$TARGET/bench-desktop.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
cp -r "$VAULT" "$SCRATCH/vault"
note "$SCRATCH/vault"

step "Measuring under Xvfb ($RUNS runs of each, alternating)"
PRISTAN_BENCH_DESKTOP=1 \
PRISTAN_BENCH_RUNS="$RUNS" \
PRISTAN_BENCH_APP="$TARGET/release/pristan-app" \
PRISTAN_BENCH_EMPTY_APP="$TARGET/release/empty-app" \
PRISTAN_BENCH_VAULT="$SCRATCH/vault" \
PRISTAN_BENCH_OUT="$TARGET/bench-desktop.json" \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --test e2e -- --ignored --exact --nocapture \
  desktop_baseline::desktop_cold_start_and_memory_against_an_empty_app
note "written to $TARGET/bench-desktop.json"
