#!/usr/bin/env bash
# What observing Dssr costs: GET /running throughput on the dummy cluster (100 running jobs) plain, while /metrics
# is scraped every BENCH_SCRAPE_EVERY seconds, and with the upstream conversation recorded (--record). The figures
# are ratios to the plain runs of the same invocation (measured before and after, averaged). Goal: each cost under 5 %.
#
# Usage: bench/metrics-cost.sh   (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_SCRAPE_EVERY=0.5 to change)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
every=${BENCH_SCRAPE_EVERY:-0.5}
command -v wrk >/dev/null || "$root/scripts/install-deps.sh"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

out="$root/.build/dssr"
"$root/scripts/build-dssr.sh" >/dev/null
state=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$state"; }
trap cleanup EXIT

start() { # name port [extra args...]
  local name=$1 port=$2; shift 2
  mkdir -p "$state/$name"
  DSSR_STATE_DIR="$state/$name" WAITRESS_PORT="$port" JARVICE_SCHED_LOGLEVEL=30 \
    JARVICE_DUMMY_JOB_QUEUED_TIME=0 JARVICE_DUMMY_JOB_RUNNING_TIME=86400 \
    "$out/dssr" --serve "$@" 2>"$state/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/live" >/dev/null && break; sleep 0.1; done
  for n in $(seq 1 100); do
    local script; script=$(printf '#!/bin/bash\necho %s\n' "$n" | base64 -w0)
    curl -sf "http://127.0.0.1:$port/submit" --data-urlencode \
      "args={\"name\":\"20240101120000-ABCDE-bench-user_s$n\",\"number\":$n,\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" >/dev/null
  done
}

rps() { # port
  wrk -t2 -c"$conns" -d2s "http://127.0.0.1:$1/running" >/dev/null # warm-up, discarded
  wrk -t2 -c"$conns" -d"${seconds}s" "http://127.0.0.1:$1/running" | awk '/^Requests\/sec:/ {printf "%d", $2}'
}

plain_port=$(free_port)
record_port=$(free_port)
start plain "$plain_port"
start recorded "$record_port" --record "$state/conversation.jsonl"
sleep 0.5

echo "dssr $("$out/dssr" --version) on $(nproc) cores; wrk -t2 -c$conns -d${seconds}s GET /running (100 jobs); scrape every ${every}s; $(date -u +%FT%TZ)"
before=$(rps "$plain_port")
( while true; do curl -sf "http://127.0.0.1:$plain_port/metrics" >/dev/null; sleep "$every"; done ) &
scraper=$!
scraped=$(rps "$plain_port")
kill "$scraper"; wait "$scraper" 2>/dev/null || true
recorded=$(rps "$record_port")
after=$(rps "$plain_port")
lines=$(wc -l <"$state/conversation.jsonl")
[ "$lines" -gt 0 ] || { echo "the recording is empty" >&2; exit 1; }

base=$(( (before + after) / 2 ))
printf '%-34s %8s req/s\n' "plain (before, after)" "$before, $after"
printf '%-34s %8s req/s  %s of plain\n' "/metrics scraped every ${every}s" "$scraped" "$(awk -v a="$scraped" -v b="$base" 'BEGIN{printf "%.3f", a/b}')"
printf '%-34s %8s req/s  %s of plain (%s lines recorded)\n' "recording (--record)" "$recorded" "$(awk -v a="$recorded" -v b="$base" 'BEGIN{printf "%.3f", a/b}')" "$lines"
awk -v s="$scraped" -v r="$recorded" -v b="$base" 'BEGIN{
  printf "cost of /metrics: %.1f %%, of recording: %.1f %% (goal: under 5 %% each)\n", (1-s/b)*100, (1-r/b)*100 }'
