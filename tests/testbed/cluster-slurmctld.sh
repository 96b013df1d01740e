#!/usr/bin/env bash
# Stops or starts the slurmctld of one extra cluster (cluster-up.sh NAME), by its pid file only: `stop`
# ends the controller (its slurmd and jobs run on, as when a site's controller dies), `start` starts it
# again on its own state, so the jobs it knew come back and the ones that ended meanwhile are reported.
# Usage: cluster-slurmctld.sh NAME stop|start
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${1:-}; action=${2:-}
die() { echo "testbed: $*" >&2; exit 1; }
bed=${DSSR_TESTBED_DIR:-$(sed -n 's/^DSSR_TESTBED_DIR=//p' "$root/.testbed/env" 2>/dev/null || true)}
dir=$bed/clusters/$name
conf=$dir/slurm/etc/slurm.conf
if [ -z "$bed" ] || [ ! -f "$conf" ]; then die "no cluster $name in this bed"; fi
export SLURM_CONF=$conf
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]; }
case "$action" in
  stop)
    pid=
    if [ -s "$dir/run/slurmctld.pid" ]; then pid=$(tr -dc 0-9 < "$dir/run/slurmctld.pid"); fi
    [ -n "$pid" ] || exit 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 200); do alive "$pid" || break; sleep 0.05; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
    rm -f "$dir/run/slurmctld.pid"
    ;;
  start)
    slurmctld || die "slurmctld of $name did not start (see $dir/slurm/log/slurmctld.log)"
    for _ in $(seq 150); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.1; done
    scontrol ping 2>/dev/null | grep -q UP || die "slurmctld of $name is not answering (see $dir/slurm/log/slurmctld.log)"
    ;;
  *) die "usage: cluster-slurmctld.sh NAME stop|start" ;;
esac
