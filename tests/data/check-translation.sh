#!/bin/sh
# Every .po file must compile cleanly and leave nothing untranslated or fuzzy,
# and must cover every string of the current sources.
set -eu
podir=$1
status=0
for po in "$podir"/*.po; do
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || { echo "$po: $stats"; exit 1; }
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) status=1 ;;
  esac
done

# Strings in the sources that ru.po does not have yet.
if command -v xgettext >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  top=$(dirname "$podir")
  (cd "$top" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
     --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
     -f po/POTFILES.in -o "$tmp/all.pot" 2>"$tmp/xgettext.log") || { cat "$tmp/xgettext.log"; exit 1; }
  for po in "$podir"/*.po; do
    missing=$(msgcmp --use-untranslated "$po" "$tmp/all.pot" 2>&1) || {
      echo "$po lacks strings of the sources:"
      echo "$missing" | head -20
      status=1
    }
  done
fi
exit $status
