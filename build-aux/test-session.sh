#!/bin/bash
# Runs inside the private D-Bus session of build-aux/test.sh: a throw-away
# HOME, a real gnome-keyring, unlocked, then the
# command given.
set -euo pipefail

home=$(mktemp -d)
# A document portal started in the session may still have its FUSE mount
# inside the throw-away home; unmount it so the home can go.
cleanup () {
  fusermount -uz "$XDG_RUNTIME_DIR/doc" 2>/dev/null || true
  rm -rf "$home" 2>/dev/null || true
}
trap cleanup EXIT
export HOME="$home"
export XDG_DATA_HOME="$home/.local/share"
export XDG_CONFIG_HOME="$home/.config"
export XDG_CACHE_HOME="$home/.cache"
export XDG_RUNTIME_DIR="$home/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=memory

"$(dirname "$0")/start-keyring.sh" || echo "gnome-keyring did not start; keyring tests will fail" >&2

"$@"
