#!/bin/bash
# Installs what is missing, builds Market Chats and runs every test inside a
# private D-Bus session with a real gnome-keyring, under Xvfb, with a
# throw-away HOME and in-memory GSettings.
#
#   build-aux/test.sh              the whole suite
#   build-aux/test.sh --sanitize   the same, built with AddressSanitizer and UBSan
#   build-aux/test.sh -- ARGS      extra arguments for `meson test` (e.g. --suite api)
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

builddir=_build
setup_args=()
meson_test_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize)
      builddir=_build-sanitize
      setup_args+=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug)
      ;;
    --) shift; meson_test_args+=("$@"); break ;;
    *) meson_test_args+=("$1") ;;
  esac
  shift
done

if [ "$builddir" = _build-sanitize ]; then
  build-aux/install-deps.sh --extra
else
  build-aux/install-deps.sh
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "${setup_args[@]}"
fi
meson compile -C "$builddir"

if [ "$builddir" = _build-sanitize ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_odr_violation=0
  export LSAN_OPTIONS="suppressions=$top/build-aux/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

export MC_TEST_TOP="$top"
export MC_TEST_BUILDDIR="$top/$builddir"
set +e
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- "$top/build-aux/test-session.sh" \
  meson test -C "$builddir" --print-errorlogs "${meson_test_args[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

count () {
  local n
  n=$(grep -E "^$1:" "$log" | tail -1 | sed -E 's/^[^:]*: *([0-9]+).*/\1/')
  echo "${n:-0}"
}
ok=$(count Ok)
xfail=$(count 'Expected Fail')
fail=$(count Fail)
xpass=$(count 'Unexpected Pass')
timeout=$(count Timeout)
passed=$((ok + xfail))
failed=$((fail + xpass + timeout))
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
