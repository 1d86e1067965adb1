#!/usr/bin/env bash
# Builds the interface (trunk, into ui/dist) and then the desktop app that embeds it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(root_dir)

step "Building the interface (Yew → wasm, trunk)"
(cd "$ROOT/ui" && trunk build --release) || die "the interface did not build (see above)"

step "Building the desktop app and the pristan CLI"
(cd "$ROOT" && cargo build --bins) || die "the app did not build (see above)"
