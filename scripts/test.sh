#!/usr/bin/env bash
# Runs every test: formatting, clippy (warnings denied), unit and integration tests, and the
# end-to-end tests that drive the real desktop binary through WebDriver under Xvfb.
# Screenshots from the end-to-end tests are kept in artifacts/e2e/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(root_dir)
cd "$ROOT"

"$ROOT/scripts/setup.sh"

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check || die "code is not formatted: run cargo fmt --all"

"$ROOT/scripts/build.sh"

step "Clippy, warnings denied (native crates, then the UI and IPC crates for wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy -p pristan-ui -p pristan-ipc --target wasm32-unknown-unknown -- -D warnings

step "Unit and integration tests"
cargo test

step "End-to-end tests through the real WebView (tauri-driver, Xvfb)"
mkdir -p artifacts/e2e
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --test e2e -- --ignored --test-threads=1
note "screenshots: artifacts/e2e/"
