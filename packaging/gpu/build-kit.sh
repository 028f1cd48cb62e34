#!/usr/bin/env bash
# Builds the GPU check kit: what packaging/gpu/check.sh needs on a GPU machine that has no .NET and no internet.
#   .gpu-kit/tdm.xz   the tdm command, NativeAOT for linux-x64, stripped, xz -9e. It does not carry ONNX Runtime:
#                     it opens libonnxruntime.so by name at run time, from the library path that the bundle's
#                     unpack.sh sets (here: the NuGet package's copy, see check.sh's CPU dry run).
#   .gpu-bundle/      ONNX Runtime with its CUDA provider cut to sm_90 (../shared/tools/hopper-cuda-pack; it needs the
#                     NuGet package microsoft.ml.onnxruntime.gpu.linux 1.31.0, present after any restore).
# Then checks that the kit, the bundle and the rest of the working tree fit the device tool's 64 MiB per call.
# Usage: flock /tmp/tdm-build.lock packaging/gpu/build-kit.sh      (the publish takes minutes on 2 cores)
# Opt-in only: no normal build or test publishes this. Needs the .NET 10 SDK, clang, lld, xz, python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
for tool in dotnet clang xz strip readelf python3; do
  command -v "$tool" >/dev/null || { echo "build-kit: $tool is missing (scripts/setup.sh installs the build tools)" >&2; exit 1; }
done

publish="$root/artifacts/gpu-kit/publish"
rm -rf "$publish"
# PublishAot turns the framework-dependent CLI into one native executable. ONNX Runtime stays a run-time
# dependency: no DirectPInvoke, so the binary has no DT_NEEDED on it and finds it through LD_LIBRARY_PATH.
# ImageSharp 2.1 (the PNGs of `tdm compare`) is not trim-safe: its two per-assembly warnings are let through here
# only, since no command the GPU check runs writes a PNG.
dotnet publish src/Tdm.Cli/Tdm.Cli.csproj -c Release -nologo -v quiet \
  -p:PublishAot=true -p:SelfContained=true -p:TdmCudaProvider=false -p:NoWarn=IL2104%3BIL3053 \
  -p:DebugType=none -p:StripSymbols=true -o "$publish"

mkdir -p .gpu-kit
cp "$publish/tdm" artifacts/gpu-kit/tdm
strip --strip-all artifacts/gpu-kit/tdm
if readelf -d artifacts/gpu-kit/tdm | grep -q 'NEEDED.*onnxruntime'; then
  echo "build-kit: tdm links ONNX Runtime at build time; it must load it at run time instead" >&2; exit 1
fi
xz -9e -T1 -c artifacts/gpu-kit/tdm > .gpu-kit/tdm.xz.tmp && mv .gpu-kit/tdm.xz.tmp .gpu-kit/tdm.xz

# Cheap when the bundle is newer than the NuGet package's libraries (it keeps it); minutes when it must prune and pack.
python3 "$root/../shared/tools/hopper-cuda-pack"

# What one device call carries: the tracked and untracked-not-ignored files, plus the two carried folders.
limit=$((64 * 1024 * 1024))
tree=$(git ls-files -z --cached --others --exclude-standard | xargs -0 -r stat -c %s 2>/dev/null | awk '{s+=$1} END {print s+0}')
kit=$(du -sb .gpu-kit | cut -f1)
bundle=$(du -sb .gpu-bundle | cut -f1)
total=$((tree + kit + bundle))
mib() { awk -v b="$1" 'BEGIN {printf "%.2f MiB", b / 1048576}'; }
echo "build-kit: tdm $(mib "$(stat -c %s artifacts/gpu-kit/tdm)") stripped, .gpu-kit/tdm.xz $(mib "$(stat -c %s .gpu-kit/tdm.xz)")"
echo "build-kit: check.sh $(stat -c %s packaging/gpu/check.sh) bytes; .gpu-bundle $(mib "$bundle"); working tree $(mib "$tree")"
echo "build-kit: one call carries $(mib "$total") of 64 MiB ($(mib $((limit - total))) to spare)"
if [ "$total" -gt "$limit" ]; then
  echo "build-kit: over the device tool's 64 MiB: remove untracked files from the working tree or shrink the kit" >&2; exit 1
fi
