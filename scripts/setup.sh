#!/usr/bin/env bash
# Installs what the project needs from Debian (ffmpeg, a C compiler, clang and lld for NativeAOT) when missing,
# then restores and builds the solution. Idempotent: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v cc >/dev/null || need+=(gcc libc6-dev)
command -v make >/dev/null || need+=(make)
command -v clang >/dev/null || need+=(clang)
command -v ld.lld >/dev/null || need+=(lld)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
# OpenCvSharp's official Linux runtime (optical flow for tdm eval) links OpenCV's highgui, which needs GTK 3.
[ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (https://dot.net)"; exit 1; }
make -s -C native
dotnet build TDM.sln -c Release -nologo -v quiet
