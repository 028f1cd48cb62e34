#!/usr/bin/env bash
# Checks a built bundle: Tdm.ofx exports the OpenFX entry points and no runtime internals, and if it needs ONNX
# Runtime it finds it beside itself (RUNPATH $ORIGIN, libonnxruntime.so.1 present).
# Usage: packaging/check-bundle.sh PATH/Tdm.ofx.bundle
set -euo pipefail
bin="$1/Contents/Linux-x86-64"
lib="$bin/Tdm.ofx"
[ -f "$lib" ] || { echo "check-bundle: $lib is missing" >&2; exit 1; }
exports="$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {sub(/@.*/, "", $3); print $3}' | sort)"
for symbol in OfxGetNumberOfPlugins OfxGetPlugin OfxSetHost; do
  grep -qx "$symbol" <<<"$exports" || { echo "check-bundle: $lib does not export $symbol" >&2; exit 1; }
done
# NativeAOT also exports its debugger header (DotNetRuntimeDebugHeader, read by debuggers, harmless to hosts).
unexpected="$(grep -vxE 'OfxGetNumberOfPlugins|OfxGetPlugin|OfxSetHost|DotNetRuntimeDebugHeader' <<<"$exports" || true)"
if [ -n "$unexpected" ]; then
  echo "check-bundle: $lib exports more than the OpenFX entry points:" >&2
  echo "$unexpected" >&2
  exit 1
fi
if readelf -d "$lib" | grep -q 'NEEDED.*libonnxruntime'; then
  readelf -d "$lib" | grep -q 'RUNPATH.*\$ORIGIN' || { echo "check-bundle: $lib needs ONNX Runtime but has no RUNPATH \$ORIGIN" >&2; exit 1; }
  [ -f "$bin/libonnxruntime.so.1" ] || { echo "check-bundle: libonnxruntime.so.1 is not beside $lib" >&2; exit 1; }
fi
echo "check-bundle: $lib exports $(tr '\n' ' ' <<<"$exports")"
