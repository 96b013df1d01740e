#!/usr/bin/env bash
# Several clusters in one Dssr: does a silent cluster cost the others anything, and is each cluster asked
# once per window?
# 1. GET /running of the default cluster (the dummy) with wrk, first in a Dssr with that one cluster, then in a
#    Dssr that also has a Slurm cluster whose SSH host accepts connections and never answers, while that
#    cluster's own /running is asked over and over; prints p50/p99 of each and the ratio (goal: p99 unchanged,
#    under 10 ms).
# 2. With the test bed's extra clusters up (tests/testbed/up.sh starts east and west): default on east, backup on
#    west, both endpoints' /running and /queued loaded with wrk; the squeue calls each cluster's log counted per
#    max-age window (goal: one per window per cluster).
#
# Usage: bench/clusters-load.sh     (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 to change)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || "$root/scripts/install-deps.sh"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

state=$(mktemp -d)
out="$root/.build/dssr"
"$root/scripts/build-dssr.sh" >/dev/null
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$state"
}
trap cleanup EXIT

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}' <<<"$1"; }
serve() { # name port yaml-or-empty [extra env...]; echoes nothing, appends the PID to pids
  local name=$1 port=$2 yaml=$3; shift 3
  mkdir -p "$state/$name"
  if [ -n "$yaml" ]; then printf '%s\n' "$yaml" > "$state/$name/dssr.yaml"; chmod 600 "$state/$name/dssr.yaml"; fi
  env DSSR_STATE_DIR="$state/$name" WAITRESS_PORT="$port" JARVICE_SCHED_LOGLEVEL=30 \
    JARVICE_DUMMY_JOB_QUEUED_TIME=0 JARVICE_DUMMY_JOB_RUNNING_TIME=86400 "$@" \
    ${yaml:+DSSR_CONFIG="$state/$name/dssr.yaml"} "$out/dssr" --serve 2>"$state/$name.log" &
  pids+=($!)
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/live" >/dev/null && return 0; sleep 0.1; done
  echo "dssr ($name) did not start: $(cat "$state/$name.log")" >&2; exit 1
}
submit() { # base number
  local script; script=$(printf '#!/bin/bash\necho %s\n' "$2" | base64 -w0)
  curl -sf "$1/submit" --data-urlencode \
    "args={\"name\":\"20240101120000-ABCDE-bench-user_s$2\",\"number\":$2,\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" >/dev/null
}
load() { # url -> "rps p50 p99"
  wrk -t2 -c"$conns" -d2s "$1" >/dev/null
  local result; result=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency "$1")
  echo "$(awk '/^Requests\/sec:/ {printf "%d", $2}' <<<"$result") $(ms "$(awk '$1=="50%" {print $2}' <<<"$result")") $(ms "$(awk '$1=="99%" {print $2}' <<<"$result")")"
}

echo "dssr $("$out/dssr" --version) on $(nproc) cores; wrk -t2 -c$conns -d${seconds}s; $(date -u +%FT%TZ)"

# --- 1. /running of one cluster while another's host is silent. Both services run at once and are loaded in
# turn, twice each, the better run of each kept: the machine is shared, and one run's noise is not a cost.
one=$(free_port)
serve one "$one" ""
for n in 1 2 3; do submit "http://127.0.0.1:$one" $n; done

silent_port=$(free_port)
python3 - "$silent_port" <<'PY' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(128)
held = []
while True:
    c, _ = s.accept(); held.append(c)  # accepted, never answered: an SSH server that hangs
PY
pids+=($!)
ssh-keygen -q -t ed25519 -N '' -f "$state/key"; : > "$state/known_hosts"
two=$(free_port)
serve two "$two" "clusters:
  - name: silent
    connector: slurm
    ssh: { host: 127.0.0.1, port: $silent_port, user: nobody, key_file: $state/key, known_hosts: $state/known_hosts, connect_timeout: 60 }" \
  JARVICE_SYSTEM_REGISTRY=r JARVICE_SYSTEM_REPO_BASE=b
for n in 1 2 3; do submit "http://127.0.0.1:$two" $n; done
( while :; do curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$two/clusters/silent/running"; done ) &
pids+=($!)
best() { # "rps p50 p99" lines -> the one with the lowest p99
  sort -k3 -g | head -1
}
runs_one=""; runs_two=""
for _ in 1 2; do
  runs_one+="$(load "http://127.0.0.1:$one/running")"$'\n'
  runs_two+="$(load "http://127.0.0.1:$two/running")"$'\n'
done
read -r rps1 p50_1 p99_1 < <(grep . <<<"$runs_one" | best)
read -r rps2 p50_2 p99_2 < <(grep . <<<"$runs_two" | best)
printf '%-44s %8s req/s  p50 %6s ms  p99 %6s ms   (runs: %s)\n' "GET /running, one cluster" "$rps1" "$p50_1" "$p99_1" "$(grep . <<<"$runs_one" | awk '{print $3}' | paste -sd/ -) ms"
printf '%-44s %8s req/s  p50 %6s ms  p99 %6s ms   (runs: %s)\n' "GET /running, beside a silent cluster" "$rps2" "$p50_2" "$p99_2" "$(grep . <<<"$runs_two" | awk '{print $3}' | paste -sd/ -) ms"
awk -v a="$p99_2" -v b="$p99_1" -v r="$rps2" -v s="$rps1" \
  'BEGIN{printf "beside a silent cluster: p99 %.2f x, req/s %.2f x the one-cluster figures (goal: p99 unchanged and under 10 ms)\n", a/b, r/s}'
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=()

# --- 2. squeue calls per window per cluster (needs the test bed's east and west clusters)
if [ -s "$root/.testbed/env" ] && grep -q '^DSSR_TESTBED_CLUSTER_WEST_SSH_PORT=' "$root/.testbed/env"; then
  set -a; . "$root/.testbed/env"; set +a
  max_age=1000
  three=$(free_port)
  serve three "$three" "clusters:
  - name: backup
    connector: slurm
    ssh: { host: 127.0.0.1, port: $DSSR_TESTBED_CLUSTER_WEST_SSH_PORT, user: $DSSR_TESTBED_USER, key_file: $DSSR_TESTBED_KEY, known_hosts: $DSSR_TESTBED_CLUSTER_WEST_KNOWN_HOSTS }" \
    JARVICE_BAREMETAL_CONNECTOR=slurm JARVICE_SLURM_CLUSTER_ADDR=127.0.0.1 JARVICE_SLURM_CLUSTER_PORT="$DSSR_TESTBED_CLUSTER_EAST_SSH_PORT" \
    JARVICE_SLURM_SSH_USER="$DSSR_TESTBED_USER" JARVICE_SLURM_SSH_PKEY="$DSSR_TESTBED_KEY" \
    JARVICE_SLURM_SSH_KNOWN_HOSTS="$DSSR_TESTBED_CLUSTER_EAST_KNOWN_HOSTS" JARVICE_SYSTEM_REGISTRY=r JARVICE_SYSTEM_REPO_BASE=b \
    DSSR_QUEUE_MAX_AGE_MS=$max_age
  base="http://127.0.0.1:$three"
  curl -sf "$base/running" >/dev/null; curl -sf "$base/clusters/backup/running" >/dev/null
  east0=$(wc -l < "$DSSR_TESTBED_CLUSTER_EAST_SQUEUE_LOG"); west0=$(wc -l < "$DSSR_TESTBED_CLUSTER_WEST_SQUEUE_LOG")
  start=$(date +%s.%N)
  wrk -t1 -c8 -d"${seconds}s" "$base/running" >/dev/null &
  w1=$!
  wrk -t1 -c8 -d"${seconds}s" "$base/clusters/backup/queued" >/dev/null
  wait $w1 || true
  took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
  east=$(( $(wc -l < "$DSSR_TESTBED_CLUSTER_EAST_SQUEUE_LOG") - east0 )); west=$(( $(wc -l < "$DSSR_TESTBED_CLUSTER_WEST_SQUEUE_LOG") - west0 ))
  awk -v e="$east" -v w="$west" -v t="$took" -v m="$max_age" \
    'BEGIN{n=t*1000/m; printf "squeue calls in %.1f s (%.0f windows of %d ms) under wrk on both endpoints: east %d (%.2f per window), west %d (%.2f per window) (goal: at most one per window per cluster)\n", t, n, m, e, e/n, w, w/n}'
else
  echo "squeue calls per cluster: skipped (start the test bed with its extra clusters: tests/testbed/up.sh)"
fi
