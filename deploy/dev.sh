#!/usr/bin/env bash
# Developer entry point on Debian bookworm:
#   ./deploy/dev.sh run    install what is missing, build, seed a demo database, show the board
#   ./deploy/dev.sh test   install what is missing, build, run the whole test suite
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# shellcheck source=deploy/packages.sh
. "$root/deploy/packages.sh"
packages=("${build_packages[@]}" "${test_packages[@]}")

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installed, or provided by an installed package: NodeSource's nodejs carries npm and conflicts
# with Debian's, which apt would install by removing that nodejs.
# awk reads all of dpkg's list: with pipefail, a grep -q that stops early fails the pipe.
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' ||
    dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null |
      awk -F'|' -v wanted="$1" '$1 == "install ok installed" {
        count = split($2, provided, /, */)
        for (i = 1; i <= count; i++) { split(provided[i], name, " "); if (name[1] == wanted) found = 1 }
      } END { exit !found }'
}

install_packages() {
  local missing=()
  for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  # Refresh the package lists only when they are missing or older than a day.
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
    as_root apt-get update -qq
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  local preset=$1
  # ccache's own cache (~/.cache/ccache, or CCACHE_DIR when set) is shared by every clone of
  # the project on the machine, so a fresh clone builds from it instead of compiling the whole
  # sanitized tree again (20 minutes on two cores). Objects differ only by the folder named in
  # their debug information: let clones in other folders use each other's objects.
  export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1} CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
  log "configuring ($preset)"
  cmake --preset "$preset" >/dev/null
  log "building ($preset)"
  cmake --build --preset "$preset" -j "$(nproc)"
}

run() {
  build release
  local bin=build/release
  local demo=build/demo
  mkdir -p "$demo"
  export KIOSK_DB=$root/$demo/kiosk.db
  "$bin/apps/kioskctl/kioskctl" init
  "$bin/apps/kioskctl/kioskctl" demo
  log "today at Rennes, from $KIOSK_DB"
  "$bin/apps/kioskctl/kioskctl" --config deploy/sites/rennes.toml session list
  log "attendance so far today, the four sites (chart: $root/$demo/presence.png)"
  # The per-site summary and what follows it; the session-by-session table is long.
  "$bin/apps/kioskctl/kioskctl" attendance --all-sites --chart "$demo/presence.png" |
    sed -n '/^Sur la période/,$p'
  local board=("$bin/apps/kiosk-display/kiosk-display" --db "$KIOSK_DB" --config deploy/sites/rennes.toml)
  if [ -n "${DISPLAY:-}" ]; then
    log "the board for Rennes (close the window to stop)"
    "${board[@]}" --windowed
  else
    log "no display: the board for Rennes as screenshots"
    local at
    at="$(TZ=Europe/Paris date +%Y-%m-%d) 10:20"
    xvfb-run -a -s "-screen 0 1920x1080x24" "${board[@]}" --at "$at" --size 1920x1080 \
      --screenshot "$demo/board-landscape.png"
    xvfb-run -a -s "-screen 0 1920x1080x24" "${board[@]}" --at "$at" --size 1080x1920 \
      --screenshot "$demo/board-portrait.png"
    printf '%s\n' "$root/$demo/board-landscape.png" "$root/$demo/board-portrait.png"
  fi
}

test_suite() {
  build ci
  log "running the tests (display tests under Xvfb)"
  # One X server for the whole run; tests that need a display carry the 'display' label.
  local status=0
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    ctest --preset ci -j "$(nproc)" "$@" || status=$?
  if [ -d build/ci/browser-screenshots ]; then
    log "console screenshots (headless Chromium, desktop and phone): $root/build/ci/browser-screenshots"
  fi
  return "$status"
}

case "${1:-}" in
  run) install_packages; run ;;
  test) shift; install_packages; test_suite "$@" ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
