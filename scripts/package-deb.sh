#!/usr/bin/env bash
# Builds the installable Debian package of the Pristan app with tauri-cli:
# target/release/bundle/deb/Pristan_<version>_amd64.deb
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(root_dir)
cd "$ROOT"

"$ROOT/scripts/setup.sh"

step "tauri-cli 2.x"
if cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
  note "present"
else
  note "installing with cargo (about 8 minutes on 2 cores)"
  cargo install --locked tauri-cli --version '^2' || die "could not install tauri-cli"
fi

step "Building the release app and the .deb (runs trunk build --release first)"
cargo tauri build --bundles deb || die "the package did not build (see above)"
ls -l target/release/bundle/deb/*.deb
