#!/usr/bin/env bash
# Installs Tdm.ofx.bundle where OpenFX hosts look for plugins.
# Usage: packaging/install.sh [--prefix DIR] [BUNDLE]
#   DIR defaults to /usr/OFX/Plugins (scanned by DaVinci Resolve, Natron and most Linux hosts; needs root).
#   BUNDLE defaults to the one beside this script (release archive) or artifacts/bundle/Tdm.ofx.bundle (clone).
# For another DIR, add it to OFX_PLUGIN_PATH in the environment that starts the editor, e.g.
#   export OFX_PLUGIN_PATH="$HOME/.local/OFX/Plugins${OFX_PLUGIN_PATH:+:$OFX_PLUGIN_PATH}"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix=/usr/OFX/Plugins
bundle=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) bundle="$1" ;;
  esac
  shift
done
if [ -z "$bundle" ]; then
  for candidate in "$here/Tdm.ofx.bundle" "$here/../artifacts/bundle/Tdm.ofx.bundle"; do
    [ -d "$candidate" ] && { bundle="$candidate"; break; }
  done
fi
[ -n "$bundle" ] && [ -f "$bundle/Contents/Linux-x86-64/Tdm.ofx" ] || {
  echo "install: no Tdm.ofx.bundle found; build one with packaging/build-bundle.sh or pass its path" >&2; exit 1; }
mkdir -p "$prefix"
rm -rf "$prefix/Tdm.ofx.bundle"
cp -R "$bundle" "$prefix/Tdm.ofx.bundle"
echo "install: $prefix/Tdm.ofx.bundle"
case "$prefix" in
  /usr/OFX/Plugins|/usr/OFX/Plugins/) ;;
  *) case ":${OFX_PLUGIN_PATH:-}:" in
       *":$prefix:"*) ;;
       *) echo "install: hosts find it only if OFX_PLUGIN_PATH includes $prefix:"
          echo "  export OFX_PLUGIN_PATH=\"$prefix\${OFX_PLUGIN_PATH:+:\$OFX_PLUGIN_PATH}\"" ;;
     esac ;;
esac
echo "install: restart the editor; Resolve scans plugins only at start-up."
