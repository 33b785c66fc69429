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

logdir="$top/$builddir/valgrind-logs"
rm -rf "$logdir"
mkdir -p "$logdir"

memcheck="valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
--error-exitcode=1 --num-callers=30 --suppressions=$top/build-aux/valgrind.supp"
wrapper="$memcheck --errors-for-leak-kinds=definite --log-file=$logdir/%p.log"
# libsecret 0.20.5's file backend leaks on every write, with stacks inside
# GIO that no suppression can name (see tests/secrets/meson.build): memory
# errors stay fatal for that test, its leaks are not counted.
file_backend_wrapper="$memcheck --errors-for-leak-kinds=none --log-file=$logdir/file-backend-%p.log"

export G_SLICE=always-malloc
export G_DEBUG=gc-friendly,fatal-criticals

run () {
  dbus-run-session -- "$top/build-aux/test-session.sh" \
    meson test -C "$builddir" --no-rebuild --print-errorlogs --timeout-multiplier 20 "$@"
}

set +e
rc=0
# Timeouts are for native speed; valgrind runs some 20-50 times slower.
if [ $# -gt 0 ] && [ "$1" = -- ]; then
  shift
  run --wrapper "$wrapper" "$@" || rc=1
else
  run --wrapper "$wrapper" --suite model --suite api --suite demo --suite cache --suite store --suite sync || rc=1
  run --wrapper "$wrapper" secrets-keyring || rc=1
  run --wrapper "$file_backend_wrapper" secrets-token-store || rc=1
fi
set -e

definite=0
for log in "$logdir"/*.log; do
  [ -f "$log" ] || continue
  case "$log" in */file-backend-*) continue ;; esac
  n=$(grep -E "definitely lost: [0-9,]+ bytes" "$log" | tail -1 | sed -E 's/.*definitely lost: ([0-9,]+) bytes.*/\1/; s/,//g')
  errors=$(grep -E "ERROR SUMMARY: [0-9]+" "$log" | tail -1 | sed -E 's/.*ERROR SUMMARY: ([0-9]+).*/\1/')
  if [ "${n:-0}" -gt 0 ] || [ "${errors:-0}" -gt 0 ]; then
    echo "valgrind: $log: ${n:-0} bytes definitely lost, ${errors:-0} errors"
  fi
  definite=$((definite + ${n:-0}))
done
echo "valgrind: $definite bytes definitely lost in total (logs in $logdir)"
[ "$rc" -eq 0 ] && [ "$definite" -eq 0 ]
