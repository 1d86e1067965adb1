#!/usr/bin/env bash
# Builds and runs the Pristan desktop app.
#   scripts/run.sh                       open the window (needs a display)
#   scripts/run.sh --screenshot FILE    run under Xvfb, save a screenshot to FILE, then quit
#   scripts/run.sh --vault DIR          use the vault in DIR instead of the default one
#   scripts/run.sh --demo               open a vault of ~40 invented cases (made once, then reused)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(root_dir)
cd "$ROOT"

SCREENSHOT=""
DEMO=""
APP_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot) SCREENSHOT="${2:?--screenshot needs a file name}"; shift 2 ;;
    --vault) APP_ARGS+=(--vault "${2:?--vault needs a folder}"); shift 2 ;;
    --demo) DEMO=1; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see scripts/run.sh --help)" ;;
  esac
done

if [ -n "$DEMO" ] && [ ${#APP_ARGS[@]} -gt 0 ]; then
  die "--demo opens its own vault: leave out --vault"
fi

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
APP="$ROOT/target/debug/pristan-app"

if [ -n "$DEMO" ]; then
  # Invented data only, beside (never inside) the real vault. Its dates are relative to the day it
  # was made: delete the folder to make a fresh one.
  DEMO_VAULT="${XDG_DATA_HOME:-$HOME/.local/share}/org.pristan.casebook/demo-vault"
  if [ -f "$DEMO_VAULT/keyslots" ]; then
    step "Using the demo vault in $DEMO_VAULT"
  else
    step "Creating a demo vault of invented cases in $DEMO_VAULT"
    "$ROOT/target/debug/pristan" --vault "$DEMO_VAULT" demo --cases 40 --notes 400 >/dev/null \
      || die "the demo vault could not be made (see above)"
  fi
  note "passphrase: demo vault only — not for real cases"
  APP_ARGS+=(--vault "$DEMO_VAULT")
fi

if [ -n "$SCREENSHOT" ]; then
  step "Running under Xvfb and saving a screenshot to $SCREENSHOT"
  SCREENSHOT=$(realpath -m "$SCREENSHOT")
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$0" "${@:2}" & app=$!
    sleep 12
    import -window root "$1"
    kill "$app"; wait "$app" 2>/dev/null || true
  ' "$APP" "$SCREENSHOT" "${APP_ARGS[@]}"
  note "saved $SCREENSHOT"
  exit 0
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  die "there is no display here. To run Pristan under a virtual display and save a screenshot:
    scripts/run.sh --screenshot pristan.png"
fi
step "Starting Pristan"
exec "$APP" "${APP_ARGS[@]}"
