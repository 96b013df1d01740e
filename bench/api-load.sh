#!/usr/bin/env bash
# Load benchmark of the legacy API on the dummy cluster, with wrk on loopback.
# Prints requests per second and p50/p99 latency for GET /live, GET /running (3 jobs, then 1,000)
# and POST /runstatus, and the ratio to the original DSSR measured on a machine of this kind
# (2 cores shared with the load tool; wrk -t2 -c32 -d10s): /live 3,700 req/s, /running 2,260 req/s,
# /runstatus 1,250 req/s.
#
# Usage: bench/api-load.sh            (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_PORT=<free> to change)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
port=${BENCH_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || echo 5791)}
command -v wrk >/dev/null || "$root/scripts/install-deps.sh"

state=$(mktemp -d)
out="$root/.build/dssr"
"$root/scripts/build-dssr.sh" >/dev/null
DSSR_STATE_DIR="$state" WAITRESS_PORT="$port" JARVICE_SCHED_LOGLEVEL=30 \
  JARVICE_DUMMY_JOB_QUEUED_TIME=0 JARVICE_DUMMY_JOB_RUNNING_TIME=86400 \
  "$out/dssr" --serve 2>"$state/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$state"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/live" >/dev/null && break; sleep 0.1; done

submit() { # number
  local script; script=$(printf '#!/bin/bash\necho %s\n' "$1" | base64 -w0)
  curl -sf "$base/submit" --data-urlencode \
    "args={\"name\":\"20240101120000-ABCDE-bench-user_s$1\",\"number\":$1,\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" >/dev/null
}

cat > "$state/runstatus.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "args=%7B%22name%22%3A%2220240101120000-ABCDE-bench-user_s1%22%2C%22number%22%3A1%2C%22jobid%22%3A%22dummy_1%22%7D"
LUA

# wrk's --latency table gives 50% and 99%; convert to milliseconds.
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}' <<<"$1"; }
declare -A rps
run() { # label reference path [script]
  local label=$1 ref=$2 path=$3 script=${4:-} result
  # A short run first, discarded: the JIT and the connection pool warm up before the measured run.
  if [ -n "$script" ]; then
    wrk -t2 -c"$conns" -d2s -s "$script" "$base$path" >/dev/null
    result=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$script" "$base$path")
  else
    wrk -t2 -c"$conns" -d2s "$base$path" >/dev/null
    result=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency "$base$path")
  fi
  local r p50 p99 errors
  r=$(awk '/^Requests\/sec:/ {printf "%d", $2}' <<<"$result")
  p50=$(ms "$(awk '$1=="50%" {print $2}' <<<"$result")")
  p99=$(ms "$(awk '$1=="99%" {print $2}' <<<"$result")")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$result")
  rps[$label]=$r
  printf '%-26s %10s req/s  p50 %7s ms  p99 %7s ms  %6s x the original (%s req/s) %s\n' \
    "$label" "$r" "$p50" "$p99" "$(awk -v a="$r" -v b="$ref" 'BEGIN{printf "%.1f", a/b}')" "$ref" "$errors"
}

echo "dssr $("$out/dssr" --version) on $(nproc) cores; wrk -t2 -c$conns -d${seconds}s; $(date -u +%FT%TZ)"
for n in 1 2 3; do submit $n; done
sleep 0.5
run "GET /live" 3700 /live
run "GET /running (3 jobs)" 2260 /running
run "POST /runstatus" 1250 /runstatus "$state/runstatus.lua"
for n in $(seq 4 1000); do submit $n; done
jobs=$(curl -sf "$base/running" | grep -o dummy_ | wc -l)
[ "$jobs" -eq 1000 ] || { echo "expected 1000 running jobs, saw $jobs" >&2; exit 1; }
run "GET /running (1000 jobs)" 2260 /running
awk -v a="${rps[GET /running (1000 jobs)]}" -v b="${rps[GET /running (3 jobs)]}" \
  'BEGIN{printf "/running with 1000 jobs runs at %.2f of its speed with 3 (goal: at least 0.50)\n", a/b}'
