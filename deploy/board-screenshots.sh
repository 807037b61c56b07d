#!/usr/bin/env bash
# The board of the demo day at Rennes, drawn at twelve instants (six landscape, six portrait)
# and, in portrait at 10:20, on its second page: the reference pictures a change that must
# not alter the board is compared against, byte for byte.
#   ./deploy/board-screenshots.sh OUT_DIR [BUILD_DIR]    (BUILD_DIR: default build/release)
# Then: cmp each file of two such folders, e.g.
#   for f in before/*.png; do cmp "$f" "after/${f##*/}" || echo "differs: ${f##*/}"; done
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: $0 OUT_DIR [BUILD_DIR]}
build=${2:-$root/build/release}
mkdir -p "$out"
out=$(cd "$out" && pwd)

program() {
  local found
  found=$(find "$build" -path "$build/.ccache" -prune -o -type f -name "$1" -perm -u+x -print | head -n 1)
  [ -n "$found" ] || { echo "no $1 under $build: build first" >&2; exit 2; }
  printf '%s\n' "$found"
}
kioskctl=$(program kioskctl)
display=$(program kiosk-display)
# A sanitized build (the ci preset) draws with Mesa's software renderer loaded after ASan's
# runtime, as the display tests do.
if ldd "$display" | grep -q libasan; then
  preload="$(g++ -print-file-name=libasan.so) $(find /usr/lib -name swrast_dri.so | head -n 1)"
  export LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KIOSK_DB=$work/demo.db
day=2026-11-26
env -u LD_PRELOAD "$kioskctl" init >/dev/null
# Visitors are seeded up to 13:40; the same seed every time, so the same seats and arrivals.
env -u LD_PRELOAD "$kioskctl" --at "$day 13:40" demo --date "$day" >/dev/null
mkdir -p "$work/run" # no camera heartbeat: the staff corner says so, the same every time

shoot() { # NAME SIZE TIME [PAGE]
  xvfb-run -a -s "-screen 0 1920x1920x24" "$display" --db "$KIOSK_DB" --site rennes \
    --runtime-dir "$work/run" --at "$day $3" --size "$2" --page "${4:-1}" \
    --screenshot "$out/$1.png" >/dev/null 2>&1
}

for time in 08:50 09:40 10:20 11:45 14:10 17:30; do
  shoot "paysage-${time/:/h}" 1920x1080 "$time"
  shoot "portrait-${time/:/h}" 1080x1920 "$time"
done
shoot "portrait-10h20-page2" 1080x1920 10:20 2
ls "$out"/*.png
