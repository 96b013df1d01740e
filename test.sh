#!/usr/bin/env bash
# Runs every test from a fresh clone: installs what is missing (apt), starts the test bed
# (a real sshd and a real single-node Slurm on 127.0.0.1, when tests/testbed/up.sh exists),
# runs `dotnet test`, stops only what it started, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

testbed_started=0
if [ -x tests/testbed/up.sh ]; then
  if tests/testbed/up.sh; then
    testbed_started=1
    # The test bed writes the addresses, ports, keys and users the integration tests need.
    set -a; . "$root/.testbed/env"; set +a
  else
    echo "test.sh: the test bed did not start; integration tests will fail" >&2
  fi
fi
# PostgreSQL (the shared journal) only when the run can select its tests: no filter, or a filter
# that names them (Postgres, Journal, Replica).
pg_started=0
wants_pg=1
for arg in "$@"; do
  case "$arg" in --filter|--filter=*) wants_pg=0 ;; esac
done
case "$*" in *Postgres*|*Journal*|*Replica*) wants_pg=1 ;; esac
if [ $wants_pg = 1 ] && [ -x tests/testbed/pg-up.sh ]; then
  if tests/testbed/pg-up.sh; then
    pg_started=1
    set -a; . "$root/.testbed/pg-env"; set +a
  else
    echo "test.sh: PostgreSQL did not start; the PostgreSQL tests will fail" >&2
  fi
fi
stop_testbed() {
  [ "$testbed_started" = 1 ] && tests/testbed/down.sh; testbed_started=0
  [ "$pg_started" = 1 ] && tests/testbed/pg-down.sh; pg_started=0
}
trap stop_testbed EXIT

dotnet build Dssr.sln -c Release -nologo -v quiet -clp:ErrorsOnly
build_rc=$?

test_rc=0
if [ $build_rc -eq 0 ]; then
  dotnet test Dssr.sln -c Release --no-build -nologo -v quiet \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || test_rc=$?
  if [ "$testbed_started" = 1 ] && [ $# -eq 0 ]; then
    # The Slurm and several-clusters integration tests once more over the OpenSSH transport (the pass above used the default, SSH.NET);
    # not the slurmctld outage, which is about the controller, not the transport, and takes minutes.
    DSSR_TESTBED_SSH_TRANSPORT=openssh dotnet test tests/Dssr.Integration.Tests/Dssr.Integration.Tests.csproj -c Release --no-build -nologo -v quiet \
      --filter "(FullyQualifiedName~Dssr.Integration.Tests.Slurm|FullyQualifiedName~Dssr.Integration.Tests.Clusters)&FullyQualifiedName!~SlurmctldOutage" \
      --logger "trx;LogFileName=slurm-over-openssh.trx" --logger "console;verbosity=normal" --results-directory "$results" || test_rc=$?
  fi
fi

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ $build_rc -ne 0 ] && failed=$((failed + 1))
stop_testbed
echo "$passed passed, $failed failed"
[ $build_rc -eq 0 ] && [ $test_rc -eq 0 ] && [ $failed -eq 0 ] && [ $passed -gt 0 ]
