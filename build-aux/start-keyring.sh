#!/bin/bash
# Starts gnome-keyring's Secret Service in the current D-Bus session with an
# empty password, so the "login" collection exists unlocked, and waits until
# the daemon owns org.freedesktop.secrets: --unlock returns before it does.
set -euo pipefail

has_owner () {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true
}

printf '' | gnome-keyring-daemon --unlock --components=secrets >/dev/null

for _ in $(seq 100); do
  has_owner && exit 0
  sleep 0.1
done
echo "gnome-keyring-daemon never owned org.freedesktop.secrets" >&2
exit 1
