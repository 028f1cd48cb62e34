#!/usr/bin/env bash
# Builds everything and runs every test suite on the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
make -s -C native test
dotnet test TDM.sln -c Release --no-build -nologo "$@"
