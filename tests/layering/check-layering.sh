#!/bin/sh
# The layers of src/ include one another one way only, and the widgets
# reach the core through the session's door.  Each layer below may include
# its own headers and those of the layers listed for it:
#
#   model    model
#   api      api model
#   secrets  secrets
#   cache    cache model
#   store    store cache model
#   demo     demo model
#   sync     sync api store cache model, and of session/ only McCabinet
#            (mc-cabinet.h, mc-cabinet-private.h): the engine syncs cabinets
#   session  session sync api secrets cache store demo model
#   ui       ui session store model   (the door: nothing of api, cache,
#            sync, secrets or demo)
#   src/     everything (main.c and the application)
#
# Nobody includes another layer's *-private.h, except that sync may use
# McCabinet's (see above).  config.h is everyone's.

exceptions=""

set -eu
src=$1
status=0

allowed () {
  case $1 in
    model)   echo "model" ;;
    api)     echo "api model" ;;
    secrets) echo "secrets" ;;
    cache)   echo "cache model" ;;
    store)   echo "store cache model" ;;
    demo)    echo "demo model" ;;
    sync)    echo "sync api store cache model" ;;
    session) echo "session sync api secrets cache store demo model" ;;
    ui)      echo "ui session store model" ;;
  esac
}

# The layer whose folder holds header $1 (generated ones by name).
layer_of () {
  case $1 in
    config.h) echo config; return ;;
    mc-enum-types.h) echo model; return ;;
    mc-store-enum-types.h) echo store; return ;;
    mc-resources.h) echo ui; return ;;
  esac
  for dir in model api secrets cache store demo sync session ui; do
    if [ -f "$src/$dir/$1" ]; then
      echo $dir
      return
    fi
  done
  echo unknown
}

for dir in model api secrets cache store demo sync session ui; do
  for file in "$src/$dir"/*.c "$src/$dir"/*.h; do
    [ -f "$file" ] || continue
    rel=src/$dir/$(basename "$file")
    case " $exceptions " in *" $rel "*) continue ;; esac
    for header in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
      layer=$(layer_of "$header")
      [ "$layer" = config ] && continue
      if [ "$layer" = unknown ]; then
        echo "$rel includes $header, which no layer holds"
        status=1
        continue
      fi
      [ "$layer" = "$dir" ] && continue
      if [ "$dir" = sync ] && [ "$layer" = session ]; then
        case $header in
          mc-cabinet.h|mc-cabinet-private.h) continue ;;
        esac
        echo "$rel includes $header: sync/ may use only McCabinet of session/"
        status=1
        continue
      fi
      case $header in
        *-private.h)
          echo "$rel includes $header, private to $layer/"
          status=1
          continue ;;
      esac
      case " $(allowed "$dir") " in
        *" $layer "*) ;;
        *)
          echo "$rel includes $header of $layer/, which $dir/ may not use"
          status=1 ;;
      esac
    done
  done
done

# The door is also about calls: a widget that reaches the sync engine
# through the session, even as an opaque pointer, skips it.
for file in "$src"/ui/*.c "$src"/ui/*.h; do
  if grep -n 'mc_session_get_sync\b' "$file"; then
    echo "src/ui/$(basename "$file") reaches the sync engine past the session"
    status=1
  fi
done

if [ $status = 0 ]; then
  echo "every include follows the layers"
fi
exit $status
