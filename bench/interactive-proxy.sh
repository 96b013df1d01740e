#!/usr/bin/env bash
# An interactive job's web service on the test bed's Slurm, reached three ways in one run, variants alternated:
#   direct  straight to the service on the node (NodeAddr:port);
#   proxy   through Dssr's job proxy (path-based /job<n>/ on its listener) and its tunnel over SSH;
#   socat   a socat relay that runs `ssh -S master ... socat STDIO TCP:node:port` per connection (the
#           proprietary Jarvice Slurm scheduler's design, its proxy pod replaced by a local socat).
# Prints p50 latency on a kept-alive connection, req/s with kept-alive connections and with a new connection
# per request, then 100 WebSockets held through the proxy with Dssr's memory before, during and after.
# Starts the test bed if it is not up, and stops it again if it did.
# Usage: bench/interactive-proxy.sh     (BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=8 BENCH_TRANSPORT=sshnet|openssh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
conns=${BENCH_CONNECTIONS:-8}
if ! command -v wrk >/dev/null || ! command -v socat >/dev/null; then "$root/scripts/install-deps.sh"; fi
command -v socat >/dev/null || { echo "socat is needed for the relay variant (apt-get install socat)" >&2; exit 2; }
started=0
# shellcheck source=tests/testbed/bed-folder.sh
. tests/testbed/bed-folder.sh
if ! bed_is_up "$PWD"; then
  tests/testbed/up.sh
  started=1
fi
set -a
# shellcheck source=/dev/null
. .testbed/env
set +a
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

state=$(mktemp -d)
"$root/scripts/build-dssr.sh" >/dev/null
port=$(free_port)
pids=()
cleanup() {
  [ -n "${job:-}" ] && curl -s "http://127.0.0.1:$port/terminate" --data-urlencode \
    "args={\"name\":\"$name\",\"number\":$number,\"jobid\":\"$job\"}" >/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -S "$state/cm" ] && ssh -S "$state/cm" -O exit x 2>/dev/null || true
  rm -rf "$state"
  [ $started = 1 ] && tests/testbed/down.sh
  return 0
}
trap cleanup EXIT

DSSR_STATE_DIR="$state/dssr" WAITRESS_PORT="$port" JARVICE_SCHED_LOGLEVEL=30 \
  JARVICE_BAREMETAL_CONNECTOR=slurm JARVICE_SLURM_CLUSTER_ADDR="$DSSR_TESTBED_SSH_HOST" \
  JARVICE_SLURM_CLUSTER_PORT="$DSSR_TESTBED_SSH_PORT" JARVICE_SLURM_SSH_USER="$DSSR_TESTBED_USER" \
  JARVICE_SLURM_SSH_PKEY="$DSSR_TESTBED_KEY" JARVICE_SLURM_SSH_KNOWN_HOSTS="$DSSR_TESTBED_KNOWN_HOSTS" \
  JARVICE_SYSTEM_REGISTRY=us-docker.pkg.dev JARVICE_SYSTEM_REPO_BASE=jarvice-system/images \
  JARVICE_SLURM_SSH_TRANSPORT="${BENCH_TRANSPORT:-sshnet}" DSSR_QUEUE_MAX_AGE_MS=300 "$root/.build/dssr/dssr" --serve 2>"$state/dssr.log" &
dssr_pid=$!
pids+=("$dssr_pid")
base="http://127.0.0.1:$port"
for _ in $(seq 200); do curl -sf "$base/ready" >/dev/null && break; sleep 0.1; done

# The job: the bench's service on the port the wrapper gives it, until it is terminated.
name="20260101120000-BENCH-app-desktop-bench_s1"
number=$((RANDOM + 1000))
upstream=$(printf '#!/bin/bash\nJOBOBJ_INTERACTIVE=True\nJOBOBJ_APPDEFVERSION=2\nJOBOBJ_REPO=us-docker.pkg.dev/a/b:1\nJOBOBJ_DEVICES=[]\nJARVICE_CPU_CORES=1\nJARVICE_CMD=true\n{DOWNSTREAM_PARAMETERS}\npython3 - "$SINGULARITYENV_JARVICE_SERVICE_PORT" <<'"'"'PY_END'"'"'\n%s\nPY_END\n/bin/echo JARVICE_CMD_SUCCESS\n' "$(cat bench/interactive/service.py)")
script=$(printf '%s' "$upstream" | base64 -w0)
job=$(curl -sf "$base/submit" --data-urlencode \
  "args={\"name\":\"$name\",\"number\":$number,\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
info=""
for _ in $(seq 600); do
  info=$(curl -s -w '\n%{http_code}' "$base/request/$name/$number/$job/info" --data-urlencode 'args={"qs":{}}')
  [ "$(tail -n1 <<<"$info")" = 200 ] && break
  sleep 0.2
done
[ "$(tail -n1 <<<"$info")" = 200 ] || { echo "the job's service never answered: $info" >&2; exit 1; }
proxy_url=$(head -n1 <<<"$info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
read -r node svc_port < "$DSSR_TESTBED_HOME/.jarvice/$name.svc"
node_addr=$(scontrol show node "$node" | grep -o 'NodeAddr=[^ ]*' | cut -d= -f2)
direct_url="http://$node_addr:$svc_port/"

ssh -F /dev/null -M -S "$state/cm" -o ControlPersist=600 -o BatchMode=yes -o StrictHostKeyChecking=yes \
  -o UserKnownHostsFile="$DSSR_TESTBED_KNOWN_HOSTS" -i "$DSSR_TESTBED_KEY" -p "$DSSR_TESTBED_SSH_PORT" -fN \
  "$DSSR_TESTBED_USER@$DSSR_TESTBED_SSH_HOST"
relay_port=$(free_port)
socat "TCP-LISTEN:$relay_port,bind=127.0.0.1,fork,reuseaddr" \
  "EXEC:ssh -S $state/cm -p $DSSR_TESTBED_SSH_PORT $DSSR_TESTBED_USER@$DSSR_TESTBED_SSH_HOST socat STDIO TCP\:$node_addr\:$svc_port" &
pids+=($!)
relay_url="http://127.0.0.1:$relay_port/"
for _ in $(seq 100); do curl -sf "$relay_url" >/dev/null && break; sleep 0.1; done

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.3f", v}' <<<"$1"; }
declare -A p50 rps rps_new
measure() { # label url
  local out
  out=$(wrk -t1 -c1 -d"${seconds}s" --latency "$2")
  p50[$1]="${p50[$1]:-} $(ms "$(awk '$1=="50%" {print $2}' <<<"$out")")"
  out=$(wrk -t2 -c"$conns" -d"${seconds}s" "$2")
  rps[$1]="${rps[$1]:-} $(awk '/^Requests\/sec:/ {printf "%d", $2}' <<<"$out")"
  out=$(wrk -t2 -c"$conns" -d"${seconds}s" -H 'Connection: close' "$2")
  rps_new[$1]="${rps_new[$1]:-} $(awk '/^Requests\/sec:/ {printf "%d", $2}' <<<"$out")"
}
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "dssr $("$root/.build/dssr/dssr" --version) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
echo "service $direct_url (node $node); proxy $proxy_url; relay $relay_url"
echo "wrk ${seconds}s per figure: p50 on 1 kept-alive connection; req/s on $conns connections kept alive, and new per request"
wrk -t1 -c1 -d1s "$proxy_url" >/dev/null # warm the proxy's JIT and tunnel
for r in $(seq "$rounds"); do
  case $((r % 3)) in
    1) order="direct proxy socat" ;; 2) order="proxy socat direct" ;; 0) order="socat direct proxy" ;;
  esac
  for v in $order; do
    case $v in direct) measure direct "$direct_url" ;; proxy) measure proxy "$proxy_url" ;; socat) measure socat "$relay_url" ;; esac
  done
done
for v in direct proxy socat; do
  printf '%-7s p50 %8s ms   %7s req/s kept alive   %7s req/s new connections   (rounds: p50%s; req/s%s;%s)\n' \
    "$v" "$(median "${p50[$v]}")" "$(median "${rps[$v]}")" "$(median "${rps_new[$v]}")" "${p50[$v]}" "${rps[$v]}" "${rps_new[$v]}"
done
awk -v p="$(median "${p50[proxy]}")" -v d="$(median "${p50[direct]}")" \
  'BEGIN{printf "proxy adds %.3f ms p50 over the direct path (goal: under 1 ms)\n", p-d}'
awk -v p="$(median "${rps_new[proxy]}")" -v s="$(median "${rps_new[socat]}")" -v pk="$(median "${rps[proxy]}")" -v sk="$(median "${rps[socat]}")" \
  'BEGIN{printf "proxy / socat relay: %.1fx req/s with new connections (goal: at least 10x), %.1fx kept alive\n", p/s, pk/sk}'

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$dssr_pid/status"; }
ws_url="ws://${proxy_url#http://}ws"
echo "100 WebSockets held through the proxy, 20 s each, one echo per 0.2 s per socket, twice:"
before=$(rss)
for hold in 1 2; do
  python3 bench/interactive/ws-hold.py "$ws_url" 100 20 >"$state/ws$hold" &
  ws=$!
  peak=0
  while kill -0 "$ws" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 1; done
  wait "$ws" || true
  read -r echoes failures <"$state/ws$hold"
  printf 'hold %d: %d echoes, %d failed sockets; Dssr RSS before %d MiB, peak %d MiB, after %d MiB\n' \
    "$hold" "$echoes" "$failures" $((before / 1024)) $((peak / 1024)) $(($(rss) / 1024))
done
