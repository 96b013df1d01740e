#!/usr/bin/env bash
# A full upstream submit (HTTP in to answer, through sbatch on the test bed's Slurm) over each SSH
# transport, before (OpenSSH over its master) and after (SSH.NET), in alternating rounds of the Slurm
# load test. Prints each round's submit median and the after/before ratio of the medians' means.
# Usage: bench/submit-transports.sh [rounds]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
started=0
# shellcheck source=tests/testbed/bed-folder.sh
. tests/testbed/bed-folder.sh
if ! bed_is_up "$PWD"; then
  tests/testbed/up.sh && started=1
fi
trap '[ $started = 1 ] && tests/testbed/down.sh' EXIT
set -a; . .testbed/env; set +a
dotnet build tests/Dssr.Integration.Tests -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
declare -A sum
for round in $(seq "$rounds"); do
  for transport in openssh sshnet; do
    line=$(DSSR_TESTBED_SSH_TRANSPORT=$transport dotnet test tests/Dssr.Integration.Tests -c Release --no-build -nologo -v quiet \
      --filter "FullyQualifiedName~SlurmLoadTests" --logger "console;verbosity=detailed" 2>&1 | grep -E 'submit latency' | sed 's/^ *//')
    median=$(sed -E 's/.*median ([0-9]+) ms.*/\1/' <<<"$line")
    sum[$transport]=$(( ${sum[$transport]:-0} + median ))
    printf 'round %d  %-8s %s\n' "$round" "$transport" "$line"
  done
done
awk -v a="${sum[sshnet]}" -v b="${sum[openssh]}" \
  'BEGIN{printf "submit median, SSH.NET / OpenSSH transport: %.2f\n", a/b}'
