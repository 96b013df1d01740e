#!/usr/bin/env bash
# SSH per-command latency against the test bed: transport over its master vs raw `ssh -S` (the floor)
# vs a new connection per command. Starts the test bed if it is not up, and stops it again if it did.
# Usage: bench/ssh-latency.sh [iterations]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
started=0
# shellcheck source=tests/testbed/bed-folder.sh
. tests/testbed/bed-folder.sh
if ! bed_is_up "$PWD"; then
  tests/testbed/up.sh
  started=1
fi
trap '[ $started = 1 ] && tests/testbed/down.sh' EXIT
set -a
# shellcheck source=/dev/null
. .testbed/env
set +a
dotnet build bench/Dssr.Bench.Ssh -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet bench/Dssr.Bench.Ssh/bin/Release/net10.0/Dssr.Bench.Ssh.dll "${1:-200}"
