#!/usr/bin/env bash
# Point 8 of the Slurm connector: squeue calls for 50 upstream passes over 100 jobs, submit latency and
# one pass's latency, measured on the test bed through the HTTP API. Starts the bed if it is not up
# (and then stops it), runs the load test, prints its figures.
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
dotnet test tests/Dssr.Integration.Tests -c Release -nologo -v quiet \
  --filter "FullyQualifiedName~SlurmLoadTests" --logger "console;verbosity=detailed" 2>&1 |
  grep -E 'squeue calls|submit latency|one pass|Passed|Failed' | sed 's/^ *//'
