#!/usr/bin/env bash
# Builds the bundle and packs a release archive holding Tdm.ofx.bundle and install.sh:
#   artifacts/release/tdm-ofx-VERSION-linux-x86_64[-cuda].tar.xz
# Usage: packaging/make-release.sh [--gpu]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gpu_arg=()
suffix=""
if [ "${1:-}" = "--gpu" ]; then gpu_arg=(--gpu); suffix="-cuda"; fi
stage="$root/artifacts/obj/release-stage"
rm -rf "$stage"
"$root/packaging/build-bundle.sh" "${gpu_arg[@]}" --out "$stage"
cp "$root/packaging/install.sh" "$stage/"
version="$(sed -n 's:.*<key>CFBundleShortVersionString</key><string>\(.*\)</string>.*:\1:p' "$stage/Tdm.ofx.bundle/Contents/Info.plist")"
name="tdm-ofx-$version-linux-x86_64$suffix"
mkdir -p "$root/artifacts/release"
archive="$root/artifacts/release/$name.tar.xz"
tar -C "$stage" --transform "s,^\.,$name," -cJf "$archive" .
echo "make-release: $archive ($(du -h "$archive" | cut -f1))"
