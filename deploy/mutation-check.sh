#!/usr/bin/env bash
# Does the test suite catch the bugs that matter? Plants each bug of the list below, one at a
# time, in a scratch copy of this working tree, rebuilds only the test targets that guard that
# rule, runs their tests and prints which ones failed. Every planted bug must be caught. Not part
# of the test run: run it by hand before resolving an issue that touches the core rules, and put
# its table in the closing note.
#   ./deploy/mutation-check.sh [--quick] [--scratch DIR] [--keep] [BUG...]
#     BUG        names from the table below; default: all of them
#     --quick    stop each run at its first failing test (the table then lists the first catches)
#     --scratch  keep the copy in DIR and reuse it next time: only changed files are copied, so
#                only they are rebuilt (a fresh temporary copy, removed at the end, otherwise)
#     --keep     keep the temporary copy and its logs
# Uses the ci preset and ccache like the normal build (CCACHE_DIR is honoured when set); the
# shared test data beside the clone (../shared) is seen by the copy too.
# Exit status: 0 when every bug was caught, 1 when one was not, 2 on an error (a bug that no
# longer applies, a build that fails, tests that fail before any bug is planted).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
keep=0
quick=()
tmp=
wanted=()
while [ $# -gt 0 ]; do
  case $1 in
    --keep) keep=1 ;;
    --quick) quick=(--stop-on-failure) ;;
    --scratch) tmp=${2:?--scratch needs a folder}; keep=1; shift ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) wanted+=("$1") ;;
  esac
  shift
done

# name | file | Perl substitution (run with -0, so it may span lines) | targets | ctest selection
# Each substitution must change the file, or the bug is reported as an error: the code it aimed
# at has moved, and the line must be brought up to date.
bugs=(
  "ticket-signature-skipped|kiosk/src/tickets/ticket.cpp|s/if \(!verify_signature\(key->public_key, signed_message\(bytes\), signature\)\)/if (false \&\& !verify_signature(key->public_key, signed_message(bytes), signature))/|kiosk_tests|-L core -R (ticket|check|scan|billet|keys)"
  "bundle-signature-skipped|kiosk/src/sync/sync_bundle.cpp|s/if \(!verify_signature\(key, bytes\.first\(signed_size\), signature\)\)/if (false \&\& !verify_signature(key, bytes.first(signed_size), signature))/|kiosk_tests|-L core -R (sync|bundle)"
  "refused-import-committed|kiosk/src/schedule/import/ical_reader.cpp|s/(if \(auto done = read_series\(uid, series\[uid\]\); !done\)\n\s*)return done;/\$1break;/|kiosk_tests|-L core -R (calendar|import|RFC|recurrence)"
  "import-write-failure-committed|kiosk/src/schedule/schedule_import.cpp|s/(\s)(reconcile\(store, \*schedule, options, now, Writes::Apply, report\);)/\$1try { \$2 } catch (const std::exception\&) {}/|kiosk_tests|-L core -R (calendar|import)"
  "revoked-ticket-admitted|kiosk/src/checkin/checkin_rules.cpp|s/issued && issued->revoked_at\)/issued \&\& false \&\& issued->revoked_at)/|kiosk_tests|-L core -R (revoked|check|scan|ticket)"
  "already-checked-in-rule-dropped|kiosk/src/checkin/checkin_rules.cpp|s/if \(const auto first = active_checkin_time\(store, ticket\.ticket, ticket\.session\)\)/if (const auto first = active_checkin_time(store, ticket.ticket, ticket.session); false \&\& first)/|kiosk_tests|-L core -R (check|scan|sync|admit)"
  "shared-test-data-missing|../shared|(moved away)|kiosk_tests|-L core -R (calendar|RFC|recurrence)"
  "csrf-check-dropped|console/src/console.cpp|s/if \(is_change && !kiosk::same_secret\(posted_csrf\(http\), signed_in->csrf\)\)/if (false \&\& is_change \&\& !kiosk::same_secret(posted_csrf(http), signed_in->csrf))/|console_tests|-L console -LE browser -E (slow|Fifty)"
)

if [ -z "$tmp" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-mutation.XXXXXX")
fi
mkdir -p "$tmp"
tmp=$(cd "$tmp" && pwd)
cleanup() { if [ "$keep" = 1 ]; then echo "scratch copy kept in $tmp" >&2; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
scratch=$tmp/$(basename "$repo")
mkdir -p "$scratch"
# The working tree as it is (tracked files and new ones not ignored), without the build; a file
# already in the copy with the same content is left alone, so its object is not rebuilt.
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' file; do
    [ -f "$repo/$file" ] || continue
    if ! cmp -s "$repo/$file" "$scratch/$file"; then
      mkdir -p "$scratch/$(dirname "$file")"
      cp -p "$repo/$file" "$scratch/$file"
      touch "$scratch/$file"
    fi
  done
if [ -d "$repo/../shared" ] && [ ! -e "$tmp/shared" ]; then
  ln -s "$(cd "$repo/../shared" && pwd)" "$tmp/shared"
fi
export CCACHE_BASEDIR=$scratch CCACHE_NOHASHDIR=1

log=$tmp/logs
mkdir -p "$log"
cd "$scratch"
echo "configuring the scratch copy in $scratch" >&2
cmake --preset ci >"$log/configure.txt" 2>&1 || { cat "$log/configure.txt" >&2; exit 2; }

field() { # LINE INDEX
  local IFS='|'
  local -a parts
  read -r -a parts <<<"$1"
  printf '%s' "${parts[$2]}"
}
# The ctest selection is everything after the fourth '|' (it may itself hold '|').
selection_of() { printf '%s' "$1" | cut -d'|' -f5-; }

chosen=()
for bug in "${bugs[@]}"; do
  name=$(field "$bug" 0)
  if [ ${#wanted[@]} -eq 0 ] || printf '%s\n' "${wanted[@]}" | grep -qx -- "$name"; then
    chosen+=("$bug")
  fi
done
[ ${#chosen[@]} -gt 0 ] || { echo "no such bug: ${wanted[*]}" >&2; exit 2; }

run_tests() { # SELECTION OUTPUT: the ctest run; the names of the failed tests in OUTPUT.failed
  local selection=$1 output=$2 status=0
  read -r -a arguments <<<"$selection"
  # xvfb-run: some selected tests may draw; the ci test preset sets the sanitizers' options.
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    ctest --preset ci "${arguments[@]}" "${quick[@]}" -j2 --timeout 600 >"$output" 2>&1 || status=$?
  sed -n '/The following tests FAILED:/,$p' "$output" |
    sed -n 's/^[[:space:]]*[0-9]* - \(.*\) (\(Failed\|Timeout\|SEGFAULT\|Subprocess aborted\|Child aborted\|Exception\|Not Run\)).*/\1/p' \
      >"$output.failed.all"
  # A program the copy did not build shows as a placeholder test that cannot run: no catch.
  grep -v '_NOT_BUILT' "$output.failed.all" >"$output.failed" || true
  grep -q "No tests were found" "$output" && return 3
  return $status
}

# Before planting anything: the targets build and their tests pass, or a failure would be
# counted as a catch.
targets=$(for bug in "${chosen[@]}"; do field "$bug" 3; echo; done | tr ' ' '\n' | sort -u | tr '\n' ' ')
echo "building $targets(the first build of the copy takes a while)" >&2
# shellcheck disable=SC2086
cmake --build --preset ci --target $targets >"$log/build.txt" 2>&1 ||
  { tail -n 40 "$log/build.txt" >&2; exit 2; }
# Each selection once with no bug planted: a failure there would be counted as a catch.
for selection in $(for bug in "${chosen[@]}"; do selection_of "$bug" | tr ' ' '\037'; echo; done | sort -u); do
  selection=$(tr '\037' ' ' <<<"$selection")
  echo "baseline, no bug planted: $selection" >&2
  if ! run_tests "$selection" "$log/baseline.txt"; then
    echo "tests fail with no bug planted (see below): fix that first" >&2
    tail -n 30 "$log/baseline.txt" >&2
    exit 2
  fi
done

rows=()
worst=0
for bug in "${chosen[@]}"; do
  name=$(field "$bug" 0)
  file=$(field "$bug" 1)
  edit=$(field "$bug" 2)
  target=$(field "$bug" 3)
  selection=$(selection_of "$bug")
  echo "planting $name in $file" >&2
  if [ "$file" = ../shared ]; then
    # Not a bug in the code: the conformance data gone must fail the tests that need it.
    if [ ! -e "$tmp/shared" ]; then
      rows+=("$name|-|ERROR: there is no ../shared beside the clone to move away")
      worst=2
      continue
    fi
    mv "$tmp/shared" "$tmp/shared.away"
    status=0
    run_tests "$selection" "$log/run-$name.txt" || status=$?
    mv "$tmp/shared.away" "$tmp/shared"
    if [ "$status" != 0 ] && [ -s "$log/run-$name.txt.failed" ]; then
      count=$(wc -l <"$log/run-$name.txt.failed")
      rows+=("$name|$count: $(head -n 3 "$log/run-$name.txt.failed" | paste -sd ';' - | sed 's/;/; /g')|caught")
    else
      rows+=("$name|(none)|NOT caught")
      [ "$worst" = 2 ] || worst=1
    fi
    continue
  fi
  cp -p "$file" "$log/original"
  before=$(sha256sum <"$file")
  perl -0pi -e "$edit" "$file"
  if [ "$(sha256sum <"$file")" = "$before" ]; then
    rows+=("$name|-|ERROR: the bug no longer applies to $file")
    worst=2
    continue
  fi
  # shellcheck disable=SC2086
  if ! cmake --build --preset ci --target $target >"$log/build-$name.txt" 2>&1; then
    rows+=("$name|-|ERROR: does not build (see $log/build-$name.txt with --keep)")
    worst=2
  else
    status=0
    run_tests "$selection" "$log/run-$name.txt" || status=$?
    if [ "$status" = 3 ]; then
      rows+=("$name|-|ERROR: the selection matches no test")
      worst=2
    elif [ "$status" = 0 ] || [ ! -s "$log/run-$name.txt.failed" ]; then
      rows+=("$name|(none)|NOT caught")
      [ "$worst" = 2 ] || worst=1
    else
      count=$(wc -l <"$log/run-$name.txt.failed")
      caught=$(head -n 3 "$log/run-$name.txt.failed" | paste -sd ';' - | sed 's/;/; /g')
      [ "$count" -gt 3 ] && caught="$caught; and $((count - 3)) more"
      rows+=("$name|$count: $caught|caught")
    fi
  fi
  cp -p "$log/original" "$file"
  touch "$file" # older than the mutated object: make sure the next build sees it
done

printf '\n| bug | tests that caught it | result |\n|---|---|---|\n'
for row in "${rows[@]}"; do
  IFS='|' read -r name tests result <<<"$row"
  printf '| %s | %s | %s |\n' "$name" "$tests" "$result"
done
exit "$worst"
