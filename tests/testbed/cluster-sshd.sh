#!/usr/bin/env bash
# Stops or starts the sshd of one extra cluster (cluster-up.sh NAME), by its pid file only: `stop` ends
# the listener and then its per-connection children (found by their parent PID), so the cluster is
# unreachable over SSH while its Slurm runs on; `start` starts it again on the same port and host key.
# Usage: cluster-sshd.sh NAME stop|start
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${1:-}; action=${2:-}
die() { echo "testbed: $*" >&2; exit 1; }
bed=${DSSR_TESTBED_DIR:-$(sed -n 's/^DSSR_TESTBED_DIR=//p' "$root/.testbed/env" 2>/dev/null || true)}
dir=$bed/clusters/$name
if [ -z "$bed" ] || [ ! -f "$dir/ssh/sshd_config" ]; then die "no cluster $name in this bed"; fi
port=$(sed -n 's/^ListenAddress 127.0.0.1://p' "$dir/ssh/sshd_config")
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]; }
children() { grep -l "^PPid:[[:space:]]*$1\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3 || true; }
case "$action" in
  stop)
    pid=
    if [ -s "$dir/run/sshd.pid" ]; then pid=$(tr -dc 0-9 < "$dir/run/sshd.pid"); fi
    [ -n "$pid" ] || exit 0
    kids=$(children "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for k in $kids; do kill -TERM "$k" 2>/dev/null || true; done
    for _ in $(seq 100); do alive "$pid" || break; sleep 0.05; done
    for k in $kids; do for _ in $(seq 40); do alive "$k" || break; sleep 0.05; done; if alive "$k"; then kill -KILL "$k" 2>/dev/null || true; fi; done
    rm -f "$dir/run/sshd.pid"
    ;;
  start)
    mkdir -p /run/sshd; chmod 0755 /run/sshd
    port_busy "$port" && die "port $port of cluster $name is busy"
    /usr/sbin/sshd -t -f "$dir/ssh/sshd_config" || die "sshd_config of $name rejected"
    /usr/sbin/sshd -f "$dir/ssh/sshd_config" -E "$dir/ssh/sshd.log" || die "sshd of $name did not start (see $dir/ssh/sshd.log)"
    for _ in $(seq 100); do [ -s "$dir/run/sshd.pid" ] && port_busy "$port" && break; sleep 0.05; done
    port_busy "$port" || die "sshd of $name is not listening on $port (see $dir/ssh/sshd.log)"
    ;;
  *) die "usage: cluster-sshd.sh NAME stop|start" ;;
esac
