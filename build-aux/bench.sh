#!/bin/bash
# Builds Market Chats in release mode and runs every program in bench/, each
# printing its figures as "figure NAME VALUE UNIT (target ...)".  UI
# benchmarks need a display, so all of them run under Xvfb.
#
#   build-aux/bench.sh            every benchmark
#   build-aux/bench.sh bench-ui   only the ones named
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
builddir=_build-release
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dbuildtype=release -Db_ndebug=if-release >/dev/null
fi
meson compile -C "$builddir" >/dev/null

echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores)"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

if [ $# -gt 0 ]; then
  programs=("$@")
else
  programs=()
  for p in "$builddir"/bench/bench-*; do
    [ -x "$p" ] && [ -f "$p" ] && programs+=("$(basename "$p")")
  done
fi

home=$(mktemp -d)
# A document portal started by the session may still have its FUSE mount
# inside the throw-away home; unmount it so the home can go.
cleanup () {
  fusermount -uz "$home/cache/doc" 2>/dev/null || true
  rm -rf "$home" 2>/dev/null || true
}
trap cleanup EXIT
status=0
for name in "${programs[@]}"; do
  echo "# $name"
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" \
  XDG_CONFIG_HOME="$home/config" GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data" NO_AT_BRIDGE=1 \
  MC_BENCH_BUILDDIR="$PWD/$builddir" \
    xvfb-run -a -s "-screen 0 1280x1024x24" "$builddir/bench/$name" || { echo "# $name failed"; status=1; }
done
exit $status
