# Shared by Pristan's scripts: how they report what they do.
# shellcheck shell=bash
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\n\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 1; }
root_dir() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }
