#!/bin/sh
# Renders data/screenshots/{wide,narrow}-{en,ru}.png (and wide-dark-en.png,
# to check that the custom styles follow the dark scheme) from the demo under
# Xvfb (tests/ui/ui-screenshot opens the oldest chat waiting for a reply).
#
#   build-aux/screenshots.sh [BUILDDIR]      default: _build
set -eu
cd "$(dirname "$0")/.."

builddir=${1:-_build}
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" >/dev/null
ninja -C "$builddir" tests/ui/ui-screenshot market-chats-gmo data/gschemas.compiled >/dev/null

# The .mo files are built as po/<lang>/LC_MESSAGES/market-chats.mo.
localedir="$PWD/$builddir/po"
home=$(mktemp -d)
mkdir -p "$home/locale"
trap 'rm -rf "$home"' EXIT
mkdir -p data/screenshots

# Dates and month names follow LC_TIME, so the Russian shots need a Russian
# locale; one is compiled privately when the system has none.
ru_locale=C.UTF-8
if locale -a | grep -qi '^ru_RU.utf-\?8$'; then
  ru_locale=ru_RU.UTF-8
elif command -v localedef >/dev/null && localedef -i ru_RU -f UTF-8 "$home/locale/ru_RU.UTF-8" 2>/dev/null; then
  ru_locale=ru_RU.UTF-8
  export LOCPATH="$home/locale"
fi

# No session bus: GLib would autolaunch one, with portals that mount their
# documents under the temporary home.
shoot () {
  name=$1 width=$2 height=$3 language=$4 locale=$5 scheme=${6:-}
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" \
  XDG_CONFIG_HOME="$home/config" GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data" NO_AT_BRIDGE=1 \
  MARKET_CHATS_LOCALEDIR="$localedir" LANGUAGE="$language" LC_ALL="$locale" \
  DBUS_SESSION_BUS_ADDRESS="unix:path=$home/no-bus" \
    xvfb-run -a -s "-screen 0 1400x900x24" \
    "$builddir/tests/ui/ui-screenshot" "data/screenshots/$name.png" "$width" "$height" $scheme
  echo "data/screenshots/$name.png"
}

shoot wide-en 1200 760 en C.UTF-8
shoot narrow-en 360 720 en C.UTF-8
shoot wide-ru 1200 760 ru "$ru_locale"
shoot narrow-ru 360 720 ru "$ru_locale"
shoot wide-dark-en 1200 760 en C.UTF-8 dark
