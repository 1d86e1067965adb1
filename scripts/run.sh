#!/usr/bin/env bash
# Builds and runs the Pristan desktop app.
#   scripts/run.sh                       open the window (needs a display)
#   scripts/run.sh --screenshot FILE    run under Xvfb, save a screenshot to FILE, then quit
#   scripts/run.sh --vault DIR          use the vault in DIR instead of the default one
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(root_dir)
cd "$ROOT"

SCREENSHOT=""
APP_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot) SCREENSHOT="${2:?--screenshot needs a file name}"; shift 2 ;;
    --vault) APP_ARGS+=(--vault "${2:?--vault needs a folder}"); shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see scripts/run.sh --help)" ;;
  esac
done

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
APP="$ROOT/target/debug/pristan-app"

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
