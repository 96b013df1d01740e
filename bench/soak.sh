#!/usr/bin/env bash
# The soak: upstream traffic against `dssr --serve` on the real test bed for 30 minutes, with sshd restarted
# every 5 minutes. Prints per minute the requests, errors by kind, p50/p99 per route, the service's RSS and
# descriptors and squeue calls per window; at the end the jobs lost and duplicated (goal: none).
# The suite runs a one-minute version of the same test.
# Usage: bench/soak.sh [minutes] [restart every N seconds] [upstreams]   (defaults: 30 300 8)
set -euo pipefail
cd "$(dirname "$0")/.."
started=0
# shellcheck source=tests/testbed/bed-folder.sh
. tests/testbed/bed-folder.sh
if ! bed_is_up "$PWD"; then
  tests/testbed/up.sh && started=1
fi
trap '[ $started = 1 ] && tests/testbed/down.sh' EXIT
set -a; . .testbed/env; set +a
dotnet build tests/Dssr.Integration.Tests -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
DSSR_SOAK_SECONDS=$(( ${1:-30} * 60 )) DSSR_SOAK_RESTART_SECONDS=${2:-300} DSSR_SOAK_UPSTREAMS=${3:-8} \
  dotnet test tests/Dssr.Integration.Tests -c Release --no-build -nologo -v quiet \
  --filter "FullyQualifiedName~Reliability.SoakTests" --logger "console;verbosity=detailed" 2>&1 |
  grep -aE '^ *(minute|[0-9]+ s,|squeue|jobs)|Passed|Failed|Error Message|Assert' | sed 's/^ *//'
