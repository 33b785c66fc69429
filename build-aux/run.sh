#!/bin/sh
# Installs what is missing, builds Market Chats and starts it from the build
# tree.  Arguments go to the app: build-aux/run.sh --demo
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build -Dprofile=development
meson compile -C _build
exec meson devenv -C _build -w "$PWD" "$PWD/_build/src/market-chats" "$@"
