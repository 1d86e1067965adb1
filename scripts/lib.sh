# Shared by Pristan's scripts: how they report what they do.
# shellcheck shell=bash
# wasm-opt comes from the npm registry's binaryen, in a folder of its own (scripts/setup.sh); trunk
# finds it on the PATH and checks its version against ui/Trunk.toml.
BINARYEN_VERSION=132
BINARYEN_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/pristan-tools/binaryen-$BINARYEN_VERSION"
export PATH="$BINARYEN_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\n\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 1; }
root_dir() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }
