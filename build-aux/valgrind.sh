#!/bin/bash
# Runs the core tests (no UI) under valgrind's memcheck and fails on any
# memory error or definite leak of ours.  Suppressions in
# build-aux/valgrind.supp cover libraries only, each with its reason.
#
#   build-aux/valgrind.sh                  suites model api demo cache store sync secrets
#   build-aux/valgrind.sh -- --suite api   other arguments for `meson test`
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

build-aux/install-deps.sh --extra
builddir=_build-valgrind
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dbuildtype=debug >/dev/null
fi
meson compile -C "$builddir" >/dev/null

suites=(--suite model --suite api --suite demo --suite cache --suite store --suite sync --suite secrets)
if [ "${1:-}" = -- ]; then
  shift
  suites=("$@")
fi

logdir="$top/$builddir/valgrind-logs"
rm -rf "$logdir"
mkdir -p "$logdir"

wrapper="valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --error-exitcode=1 --num-callers=30 \
--suppressions=$top/build-aux/valgrind.supp --log-file=$logdir/%p.log"

export G_SLICE=always-malloc
export G_DEBUG=gc-friendly,fatal-criticals

set +e
# Timeouts are for native speed; valgrind runs some 20-50 times slower.
dbus-run-session -- "$top/build-aux/test-session.sh" \
  meson test -C "$builddir" --no-rebuild --print-errorlogs --timeout-multiplier 20 \
  --wrapper "$wrapper" "${suites[@]}"
rc=$?
set -e

definite=0
for log in "$logdir"/*.log; do
  [ -f "$log" ] || continue
  n=$(grep -E "definitely lost: [0-9,]+ bytes" "$log" | tail -1 | sed -E 's/.*definitely lost: ([0-9,]+) bytes.*/\1/; s/,//g')
  errors=$(grep -E "ERROR SUMMARY: [0-9]+" "$log" | tail -1 | sed -E 's/.*ERROR SUMMARY: ([0-9]+).*/\1/')
  if [ "${n:-0}" -gt 0 ] || [ "${errors:-0}" -gt 0 ]; then
    echo "valgrind: $log: ${n:-0} bytes definitely lost, ${errors:-0} errors"
  fi
  definite=$((definite + ${n:-0}))
done
echo "valgrind: $definite bytes definitely lost in total (logs in $logdir)"
[ "$rc" -eq 0 ] && [ "$definite" -eq 0 ]
