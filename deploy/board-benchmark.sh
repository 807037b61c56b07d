#!/usr/bin/env bash
# The board's reference measurements: a day of 40 sessions at Rennes on Xvfb's software
# renderer at 1920×1080 — full redraw and steady frame times, memory, then a minute of idle CPU.
#   ./deploy/board-benchmark.sh [FRAMES] [IDLE_SECONDS]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
frames=${1:-300}
idle=${2:-60}

cmake --preset release >/dev/null
cmake --build --preset release -j 2 >/dev/null
bin=build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KIOSK_DB=$work/bench.db
day=2026-11-26
"$bin/apps/kioskctl/kioskctl" init >/dev/null
"$bin/apps/kioskctl/kioskctl" demo --date "$day" >/dev/null   # 20 sessions at Rennes that day
rooms=("Salle Bréhat" "Salle Ouessant" "Fab lab")
for i in $(seq 0 19); do
  hour=$((8 + i / 2))
  minute=$(((i % 2) * 30))
  "$bin/apps/kioskctl/kioskctl" session add --site rennes --kind atelier \
    --title "Atelier pratique numéro $i : outils en ligne pour les commerces" \
    --start "$(printf '%s %02d:%02d' "$day" "$hour" "$minute")" --end "$(printf '%02d:%02d' $((hour + 1)) "$minute")" \
    --room "${rooms[$((i % 3))]}" --capacity 12 --trainer "Formatrice $i" >/dev/null 2>&1
done

board=("$bin/apps/kiosk-display/kiosk-display" --db "$KIOSK_DB" --site rennes --at "$day 10:20")
xvfb-run -a -s "-screen 0 1920x1080x24" "${board[@]}" --size 1920x1080 --benchmark "$frames"
xvfb-run -a -s "-screen 0 1920x1080x24" "${board[@]}" --windowed --size 1920x1080 \
  --idle-seconds "$idle"
