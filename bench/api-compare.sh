#!/usr/bin/env bash
# Before/after for the legacy API: this checkout's dssr and a baseline commit's, served side by side on
# the dummy cluster and measured with wrk in alternating rounds, so both see the same machine load.
# Prints req/s per route and round, then each route's after/before ratio (goal: no route below 0.95).
#
# Usage: bench/api-compare.sh <baseline commit>   (BENCH_SECONDS=6 BENCH_ROUNDS=4 BENCH_CONNECTIONS=32;
#        BENCH_LARGE_ONLY=1 measures only GET /running with 1,000 jobs, the route whose rounds spread most)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base_ref=${1:?usage: bench/api-compare.sh <baseline commit>}
seconds=${BENCH_SECONDS:-6}
rounds=${BENCH_ROUNDS:-4}
conns=${BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || "$root/scripts/install-deps.sh"

work=$(mktemp -d)
declare -A pid url
cleanup() {
  for who in "${!pid[@]}"; do kill "${pid[$who]}" 2>/dev/null || true; wait "${pid[$who]}" 2>/dev/null || true; done
  git -C "$root" worktree remove --force "$work/baseline" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building $(git -C "$root" rev-parse --short HEAD) (after) and $(git -C "$root" rev-parse --short "$base_ref") (before)..." >&2
git -C "$root" worktree add --detach -q "$work/baseline" "$base_ref"
declare -A exe
exe[after]=$("$root/scripts/build-dssr.sh")
exe[before]=$("$work/baseline/scripts/build-dssr.sh")

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
submit() { # base number
  local script; script=$(printf '#!/bin/bash\necho %s\n' "$2" | base64 -w0)
  curl -sf "$1/submit" --data-urlencode \
    "args={\"name\":\"20240101120000-ABCDE-bench-user_s$2\",\"number\":$2,\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" >/dev/null
}
for who in before after; do
  mkdir -p "$work/$who"; port=$(free_port)
  DSSR_STATE_DIR="$work/$who" WAITRESS_PORT="$port" JARVICE_SCHED_LOGLEVEL=30 \
    JARVICE_DUMMY_JOB_QUEUED_TIME=0 JARVICE_DUMMY_JOB_RUNNING_TIME=86400 \
    "${exe[$who]}" --serve 2>"$work/$who.log" &
  pid[$who]=$!
  url[$who]="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "${url[$who]}/live" >/dev/null && break; sleep 0.1; done
  for n in 1 2 3; do submit "${url[$who]}" "$n"; done
done

cat > "$work/runstatus.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "args=%7B%22name%22%3A%2220240101120000-ABCDE-bench-user_s1%22%2C%22number%22%3A1%2C%22jobid%22%3A%22dummy_1%22%7D"
LUA

declare -A total
measure() { # label path [script]
  local label=$1 path=$2 script=${3:-} args r
  args=(-t2 -c"$conns")
  [ -n "$script" ] && args+=(-s "$script")
  for who in before after; do wrk "${args[@]}" -d4s "${url[$who]}$path" >/dev/null; done # warm-up
  for round in $(seq "$rounds"); do
    # Who goes first alternates: the one measured right after the other's round (or right after its own
    # 997 submits) is not always the same.
    order="before after"; [ $((round % 2)) = 0 ] && order="after before"
    for who in $order; do
      r=$(wrk "${args[@]}" -d"${seconds}s" "${url[$who]}$path" | awk '/^Requests\/sec:/ {printf "%d", $2}')
      total["$label/$who"]=$(( ${total["$label/$who"]:-0} + r ))
      printf '%-24s round %d  %-6s %8d req/s\n' "$label" "$round" "$who" "$r"
    done
  done
}
labels=("GET /running (1000 jobs)")
if [ -z "${BENCH_LARGE_ONLY:-}" ]; then
  measure "GET /live" /live
  measure "GET /running (3 jobs)" /running
  measure "POST /runstatus" /runstatus "$work/runstatus.lua"
  labels=("GET /live" "GET /running (3 jobs)" "POST /runstatus" "${labels[@]}")
fi
for who in before after; do for n in $(seq 4 1000); do submit "${url[$who]}" "$n"; done; done
measure "GET /running (1000 jobs)" /running

echo
echo "after/before, sum over $rounds alternating rounds of ${seconds}s (goal: every route at least 0.95):"
for label in "${labels[@]}"; do
  awk -v l="$label" -v a="${total["$label/after"]}" -v b="${total["$label/before"]}" \
    'BEGIN{r=a/b; printf "  %-24s %.2f  %s\n", l, r, (r>=0.95 ? "met" : "NOT met")}'
done
