#!/usr/bin/env bash
# Builds the OpenFX bundle from a clean clone:
#   OUT/Tdm.ofx.bundle/Contents/Info.plist
#   OUT/Tdm.ofx.bundle/Contents/Linux-x86-64/Tdm.ofx               (NativeAOT shared library)
#   OUT/Tdm.ofx.bundle/Contents/Linux-x86-64/libonnxruntime.so.1   (found through RUNPATH $ORIGIN)
#   ... libonnxruntime_providers_shared.so, and with --gpu libonnxruntime_providers_cuda.so
# Usage: packaging/build-bundle.sh [--gpu] [--out DIR]     (default DIR: artifacts/bundle)
# Needs the .NET 10 SDK, clang and lld (scripts/setup.sh installs them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/bundle"
gpu=false
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) gpu=true ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "build-bundle: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in dotnet clang readelf nm; do
  command -v "$tool" >/dev/null || { echo "build-bundle: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

publish="$root/artifacts/obj/ofx-publish-$([ "$gpu" = true ] && echo gpu || echo cpu)"
dotnet publish "$root/src/Tdm.OfxPlugin/Tdm.OfxPlugin.csproj" -c Release -nologo -v quiet \
  -p:TdmCudaProvider="$gpu" -o "$publish"

bundle="$out/Tdm.ofx.bundle"
bin="$bundle/Contents/Linux-x86-64"
rm -rf "$bundle"
mkdir -p "$bin"
cp "$publish/Tdm.so" "$bin/Tdm.ofx"
# Tdm.ofx asks for ONNX Runtime by its soname.
cp "$publish/libonnxruntime.so" "$bin/libonnxruntime.so.1"
cp "$publish"/libonnxruntime_providers_shared.so "$bin/"
if [ "$gpu" = true ]; then
  cp "$publish"/libonnxruntime_providers_cuda.so "$bin/"
fi
version="$(sed -n 's/.*VersionMajor = \([0-9]*\).*/\1/p' "$root/src/Tdm.OfxPlugin/EffectDescriptor.cs").$(sed -n 's/.*VersionMinor = \([0-9]*\).*/\1/p' "$root/src/Tdm.OfxPlugin/EffectDescriptor.cs")"
cat > "$bundle/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleDevelopmentRegion</key><string>English</string>
  <key>CFBundleExecutable</key><string>Tdm.ofx</string>
  <key>CFBundleIdentifier</key><string>org.tdm.restore</string>
  <key>CFBundleInfoDictionaryVersion</key><string>6.0</string>
  <key>CFBundleName</key><string>TDM Restore</string>
  <key>CFBundlePackageType</key><string>BNDL</string>
  <key>CFBundleShortVersionString</key><string>$version</string>
  <key>CFBundleVersion</key><string>$version</string>
</dict>
</plist>
PLIST

# The bundle is only right if hosts can load it: the OpenFX entry points are exported, nothing of the runtime is,
# and ONNX Runtime (when linked) is found beside the plugin.
"$root/packaging/check-bundle.sh" "$bundle"
echo "build-bundle: $bundle ($([ "$gpu" = true ] && echo 'CPU and CUDA' || echo 'CPU only'))"
