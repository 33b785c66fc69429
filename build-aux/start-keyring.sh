#!/bin/bash
# Starts gnome-keyring's Secret Service in the current D-Bus session, for a
# throw-away HOME, and waits until the daemon owns org.freedesktop.secrets:
# --unlock returns before it does.  The password must not be empty: with an
# empty one gnome-keyring 42 creates no "login" collection and leaves the
# "default" alias unset, so storing would ask for a new keyring through a
# prompt, which fails without a display and, under Xvfb, waits for a click
# nobody makes.
set -euo pipefail

has_owner () {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true
}

printf 'market-chats-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null

for _ in $(seq 100); do
  has_owner && exit 0
  sleep 0.1
done
echo "gnome-keyring-daemon never owned org.freedesktop.secrets" >&2
exit 1
