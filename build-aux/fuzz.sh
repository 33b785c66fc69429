#!/bin/sh
# build-aux/fuzz.sh [SECONDS]: builds the libFuzzer targets of fuzz/ with
# clang, AddressSanitizer and UndefinedBehaviorSanitizer in _build-fuzz, and
# runs each for SECONDS (300 by default), seeded from fuzz/corpus/<name>/.
#
# What a run learns stays in _build-fuzz/fuzz/corpus/<name>/; a crashing
# input lands in _build-fuzz/fuzz/crashes/<name>/ and makes the script fail.
# Add it to tests/model/regressions/ once fixed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

seconds=${1:-300}
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir="$srcdir/_build-fuzz"

# The code under test needs libFuzzer's coverage instrumentation too, not
# only the fuzz executables (which link libFuzzer itself).
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" "$srcdir" \
    -Dfuzzing=true \
    -Dc_args=-fsanitize=fuzzer-no-link \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    -Dbuildtype=debugoptimized
fi

# Every executable meson defines under fuzz/, whoever added it.
targets=$(meson introspect "$builddir" --targets | python3 -c '
import json, os, sys
for target in json.load(sys.stdin):
    if target["type"] == "executable" and target["name"].startswith("fuzz-"):
        print(os.path.relpath(target["filename"][0], sys.argv[1]))
' "$builddir")

# shellcheck disable=SC2086
ninja -C "$builddir" $targets

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1

status=0
for target in $targets; do
  name=$(basename "$target")
  name=${name#fuzz-}
  corpus="$builddir/fuzz/corpus/$name"
  crashes="$builddir/fuzz/crashes/$name"
  mkdir -p "$corpus" "$crashes"

  # A target may bring its own dictionary; the parsers share the JSON one.
  dict="$srcdir/fuzz/$name.dict"
  [ -f "$dict" ] || dict="$srcdir/fuzz/json.dict"

  echo "== $name: $seconds s"
  if ! "$builddir/$target" -dict="$dict" \
        -max_total_time="$seconds" \
        -max_len=65536 \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 \
        -artifact_prefix="$crashes/" \
        "$corpus" $([ -d "$srcdir/fuzz/corpus/$name" ] && echo "$srcdir/fuzz/corpus/$name") \
        2>"$builddir/fuzz/$name.log"; then
    echo "!! $name failed; see $builddir/fuzz/$name.log and $crashes/"
    status=1
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$builddir/fuzz/$name.log" || true
done

exit $status
