#!/usr/bin/env bash
# Stops one extra cluster (cluster-up.sh NAME), and only it: jobs cancelled, then sshd, slurmd and
# slurmctld by their pid files, each waited for; its folder removed. Usage: cluster-down.sh NAME [--quiet]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${1:-}
bed=${DSSR_TESTBED_DIR:-$(sed -n 's/^DSSR_TESTBED_DIR=//p' "$root/.testbed/env" 2>/dev/null)}
dir=$bed/clusters/$name
[ -n "$name" ] && [ -n "$bed" ] && [ -d "$dir" ] || exit 0
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]; }
pid_of() { [ -s "$1" ] && tr -dc 0-9 < "$1"; }
stop_pid_file() {
  local file="$dir/run/$1.pid" pid
  pid=$(pid_of "$file") || return 0
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 200); do alive "$pid" || break; sleep 0.05; done
    alive "$pid" && { kill -KILL "$pid" 2>/dev/null; sleep 0.2; }
  fi
  rm -f "$file"
}
conf=$dir/slurm/etc/slurm.conf
if [ -f "$conf" ] && alive "$(pid_of "$dir/run/slurmctld.pid" || true)"; then
  export SLURM_CONF=$conf
  mapfile -t jobs < <(squeue -h -o %A 2>/dev/null)
  [ ${#jobs[@]} -gt 0 ] && { scancel --full --quiet "${jobs[@]}" 2>/dev/null || true; }
  for _ in $(seq 100); do [ -z "$(squeue -h -t R,CG,S -o %A 2>/dev/null)" ] && break; sleep 0.1; done
fi
DSSR_TESTBED_DIR=$bed "$here/cluster-sshd.sh" "$name" stop 2>/dev/null || true
stop_pid_file slurmd
stop_pid_file slurmctld
rm -rf "$dir"
exit 0
