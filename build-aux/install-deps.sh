#!/bin/sh
# Installs the Debian 12 packages Market Chats needs to build, run and test,
# skipping what is already there.  Uses sudo when not run as root.
set -eu

packages="
  build-essential pkg-config meson ninja-build gettext itstool
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libepoxy-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libsqlite3-dev
  libportal-dev libportal-gtk4-dev
  desktop-file-utils appstream flatpak-builder
  xvfb xauth x11-xkb-utils xdotool dbus dbus-x11 gnome-keyring libsecret-tools
  at-spi2-core python3-dbusmock python3-gi
  librsvg2-common adwaita-icon-theme fonts-cantarell
"
if [ "${1:-}" = "--extra" ]; then
  # Sanitizer, fuzzing and screenshot tools.
  packages="$packages clang libclang-rt-14-dev valgrind imagemagick"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "These packages are missing and neither root nor sudo is available:$missing" >&2
  exit 1
fi

echo "Installing:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
