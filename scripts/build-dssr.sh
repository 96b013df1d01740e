#!/usr/bin/env bash
# Builds the dssr executable into .build/dssr (ReadyToRun, so the console starts without waiting
# for the JIT). Used by ./dssr and the benchmarks. Prints the path of the executable.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build/dssr"
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
dotnet publish "$root/Dssr.Tui/Dssr.Tui.csproj" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$out" -nologo -v quiet -clp:ErrorsOnly >&2
touch "$out/dssr"
echo "$out/dssr"
