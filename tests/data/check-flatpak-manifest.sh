#!/bin/sh
# The manifest cannot be built offline, but flatpak-builder can still read it:
# --show-manifest must print it without a warning, and --download-only with
# --allow-missing-runtimes must accept it (a `dir` source needs no download).
set -eu
manifest=$1
if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "1..0 # SKIP flatpak-builder is not installed"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
out=$(flatpak-builder --show-manifest "$manifest" 2>&1 >/dev/null) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then
  echo "flatpak-builder --show-manifest warned:"
  echo "$out"
  exit 1
fi
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$manifest"
flatpak-builder --download-only --allow-missing-runtimes --disable-rofiles-fuse \
  --state-dir="$tmp/state" "$tmp/build" "$manifest" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
echo "manifest ok"
