#!/usr/bin/env bash
# Installs everything Pristan needs to build, run and test on Debian 12, skipping what is there:
# system packages (apt; tmux drives rage through a terminal in the family-card tests, gdb's gcore
# dumps memory in the memory-after-lock test, poppler-utils and LibreOffice Calc read the dossier
# and CSV exports back), the wasm32 target, trunk, wasm-bindgen-cli (the version Cargo.lock pins),
# tauri-driver, and a Python venv with an independent SQLCipher 4 reader for the interop tests and
# moto's S3 server for the relay's tests. With --fuzz, also cargo-fuzz (the fuzz targets need
# nightly; the normal build and CI do not).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(root_dir)
cd "$ROOT"

APT_PACKAGES=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver imagemagick xdotool
  sqlite3 python3 python3-venv python3-pip tmux gdb
  # The dossier and CSV tests read exports back: pdftotext/pdffonts/pdftoppm, and LibreOffice
  # without a GUI for `soffice --headless --convert-to`.
  poppler-utils libreoffice-calc-nogui)
TRUNK_VERSION=0.21.14

# Installs Debian packages (as root, or through sudo). An install stopped half-way (the machine
# shut down during apt) leaves dpkg refusing every later install until its unpacked packages are
# configured: that is finished first.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -n "$(dpkg --audit 2>/dev/null)" ] || [ -n "$(ls -A /var/lib/dpkg/updates 2>/dev/null)" ]; then
    note "an earlier install was interrupted: finishing it (dpkg --configure -a)"
    DEBIAN_FRONTEND=noninteractive $sudo dpkg --configure -a \
      || die "dpkg --configure -a failed: run it by hand, then run this again"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -f -y -qq \
      || die "apt-get install -f failed: run it by hand, then run this again"
  fi
  $sudo apt-get update -qq || die "apt-get update failed: check the network and your apt sources"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" \
    || die "apt-get could not install: $*"
}

command -v cargo >/dev/null || die "cargo is not installed. Install Rust with rustup (https://rustup.rs), then run this again."

step "System packages"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  note "all present"
else
  note "installing: ${missing[*]}"
  apt_install "${missing[@]}"
fi

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  note "present"
else
  rustup target add wasm32-unknown-unknown || die "rustup could not add the wasm32 target"
fi

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  note "present"
else
  note "installing with cargo (about 6 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION" || die "could not install trunk"
fi

step "wasm-bindgen-cli (the version Cargo.lock pins)"
[ -f Cargo.lock ] || cargo generate-lockfile
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WBG_VERSION" ] || die "could not find the wasm-bindgen version in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WBG_VERSION" ]; then
  note "$WBG_VERSION present"
else
  note "installing $WBG_VERSION with cargo (about 2 minutes)"
  # Not --locked: its own lock file fails to resolve on this toolchain (see TOOLCHAIN notes).
  cargo install wasm-bindgen-cli --version "=$WBG_VERSION" || die "could not install wasm-bindgen-cli $WBG_VERSION"
fi

step "wasm-opt $BINARYEN_VERSION (binaryen from the npm registry: shrinks the interface's wasm)"
# Debian's binaryen (wasm-opt 108) cannot read this rustc's wasm; the npm registry's binaryen runs
# on Node.js. It goes into its own folder, which scripts/lib.sh puts on the PATH for trunk.
if [ "$("$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null)" = "wasm-opt version $BINARYEN_VERSION (version_$BINARYEN_VERSION)" ]; then
  note "present"
else
  if ! command -v npm >/dev/null 2>&1; then
    note "installing Node.js and npm (Debian's packages)"
    apt_install nodejs npm
  fi
  mkdir -p "$BINARYEN_DIR"
  npm install --prefix "$BINARYEN_DIR" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION" \
    || die "npm could not install binaryen $BINARYEN_VERSION"
fi

step "tauri-driver 2.x (WebDriver for the end-to-end tests)"
if tauri-driver --help >/dev/null 2>&1; then
  note "present"
else
  cargo install --locked tauri-driver --version '^2' || die "could not install tauri-driver"
fi

step "rage (the age command line, for the bundle interop tests)"
if rage --version >/dev/null 2>&1; then
  note "present"
else
  note "installing rage with cargo (about 1-2 minutes)"
  cargo install --locked rage || die "could not install rage"
fi

step "Python venv with sqlcipher3-binary (an independent SQLCipher 4 reader)"
if .venv/bin/python -c 'import sqlcipher3' 2>/dev/null; then
  note "present"
else
  python3 -m venv .venv || die "could not create .venv: is python3-venv installed?"
  .venv/bin/pip install --quiet sqlcipher3-binary || die "pip could not install sqlcipher3-binary"
fi

step "moto's S3 server in the venv (the relay's S3 store is tested against it on 127.0.0.1)"
if [ -x .venv/bin/moto_server ] && .venv/bin/python -c 'import moto, flask, flask_cors' 2>/dev/null; then
  note "present"
else
  # No [server] extra: it pulls in docker and more; flask and flask-cors are all the server needs.
  .venv/bin/pip install --quiet 'moto==5.2.5' flask flask-cors || die "pip could not install moto"
fi

if [ "${1:-}" = "--fuzz" ]; then
  step "cargo-fuzz (optional: fuzz/run-all.sh; needs the nightly toolchain)"
  if cargo fuzz --version >/dev/null 2>&1; then
    note "present"
  else
    rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal \
      || die "could not install the nightly toolchain"
    cargo install --locked cargo-fuzz || die "could not install cargo-fuzz"
  fi
fi

if [ "${1:-}" = "--perf" ]; then
  step "perf (optional: profiling for docs/benchmarks.md; Debian's linux-perf)"
  if command -v perf >/dev/null 2>&1; then
    note "present"
  else
    apt_install linux-perf
  fi
fi

step "Set-up complete"
