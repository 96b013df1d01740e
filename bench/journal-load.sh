#!/usr/bin/env bash
# The journal under upstream load, on the dummy cluster, in one run: one replica on SQLite, one
# replica on PostgreSQL, and two replicas sharing PostgreSQL (and the dummy cluster's folder).
# For each: POST /submit (a new job per request), POST /runstatus (answered from the in-memory queue
# snapshot) and a mixed upstream load (8 /runstatus : 1 /running : 1 /submit), with wrk; requests per
# second and p99. Two replicas are loaded by two wrk processes at once (half the connections each);
# their rates add up and their p99 is the worse one. Prints the ratios the goals are stated in:
# PostgreSQL within 2x SQLite on /runstatus, two replicas >= 1.6x one on the mixed load.
# PostgreSQL is a private server of this run (tests/testbed/pg-up.sh in a temp folder), stopped at the end.
#
# On a machine where the replicas, PostgreSQL and wrk share a few cores, two replicas cannot do more
# than the cores do: BENCH_REPLICA_CPU=0.5 starts each replica in a CPU cgroup of its own held to that
# many cores (as a pod's CPU limit holds it), so the ratio shows how the replicas scale, not the machine.
# Needs root and the cgroup cpu controller (v1 or v2).
#
# Usage: bench/journal-load.sh     (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_REPLICA_CPU=0.5 to change)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
cpu_limit=${BENCH_REPLICA_CPU:-}
if ! command -v wrk >/dev/null || [ ! -d /usr/lib/postgresql ]; then "$root/scripts/install-deps.sh"; fi
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# A CPU cgroup per replica when asked: v1's cpu controller (cfs quota) or v2's cpu.max.
cgroups=()
if [ -n "$cpu_limit" ]; then
  quota=$(awk -v c="$cpu_limit" 'BEGIN{q=int(c*100000); if (q < 1000) exit 1; print q}') ||
    { echo "journal-load: BENCH_REPLICA_CPU=$cpu_limit: give a number of cores, at least 0.01 (for example 0.5)" >&2; exit 2; }
  if [ -w /sys/fs/cgroup/cpu/cgroup.procs ] && [ -e /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then cgroup_root=/sys/fs/cgroup/cpu; cgroup_v=1
  elif grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null && [ -w /sys/fs/cgroup/cgroup.procs ]; then cgroup_root=/sys/fs/cgroup; cgroup_v=2
  else echo "journal-load: BENCH_REPLICA_CPU needs root and the cgroup cpu controller; neither v1 nor v2 is writable here" >&2; exit 2
  fi
fi
new_cgroup() { # prints the cgroup folder made for one replica, held to the limit
  local dir; dir="$cgroup_root/dssr-bench-$$-${#cgroups[@]}"
  mkdir "$dir"
  if [ "$cgroup_v" = 1 ]; then echo 100000 > "$dir/cpu.cfs_period_us"; echo "$quota" > "$dir/cpu.cfs_quota_us"
  else grep -qw cpu "$cgroup_root/cgroup.subtree_control" || echo +cpu > "$cgroup_root/cgroup.subtree_control"; echo "$quota 100000" > "$dir/cpu.max"
  fi
  echo "$dir"
}

work=$(mktemp -d)
chmod 0755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  for g in "${cgroups[@]}"; do rmdir "$g" 2>/dev/null || true; done
  DSSR_TESTBED_PG_DIR="$work/pg" DSSR_TESTBED_PG_ENV="$work/pg-env" "$root/tests/testbed/pg-down.sh" --quiet
  rm -rf "$work"
}
trap cleanup EXIT

out="$root/.build/dssr"
"$root/scripts/build-dssr.sh" >/dev/null
DSSR_TESTBED_PG_DIR="$work/pg" DSSR_TESTBED_PG_ENV="$work/pg-env" "$root/tests/testbed/pg-up.sh" 2>/dev/null
# shellcheck disable=SC1091
. "$work/pg-env"
for db in one two; do
  PGPASSWORD=$(cat "$DSSR_TESTBED_PG_PASSWORD_FILE") psql -q -h "$DSSR_TESTBED_PG_HOST" -p "$DSSR_TESTBED_PG_PORT" \
    -U "$DSSR_TESTBED_PG_USER" -d postgres -c "CREATE DATABASE $db" >/dev/null
done
journal() { echo "Host=$DSSR_TESTBED_PG_HOST;Port=$DSSR_TESTBED_PG_PORT;Username=$DSSR_TESTBED_PG_USER;Database=$1"; }

serve() { # variable state-dir journal: starts a replica, sets the variable to its base URL
  local port; port=$(free_port)
  mkdir -p "$2"
  local procs=/dev/null
  if [ -n "$cpu_limit" ]; then local g; g=$(new_cgroup); cgroups+=("$g"); procs="$g/cgroup.procs"; fi
  # The shell joins the cgroup before it execs dssr, so the runtime sees its limit from the start.
  DSSR_STATE_DIR="$2" DSSR_JOURNAL="$3" DSSR_JOURNAL_PASSWORD_FILE="$DSSR_TESTBED_PG_PASSWORD_FILE" \
    WAITRESS_PORT="$port" JARVICE_SCHED_LOGLEVEL=30 JARVICE_DUMMY_JOB_QUEUED_TIME=0 JARVICE_DUMMY_JOB_RUNNING_TIME=86400 \
    sh -c 'echo $$ > "$1"; shift; exec "$@"' sh "$procs" "$out/dssr" --serve >>"$2/log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { echo "replica on $port never ready: $(tail -3 "$2/log")" >&2; exit 1; }
  printf -v "$1" %s "http://127.0.0.1:$port"
}

submit_one() { # base
  local script; script=$(printf '#!/bin/bash\necho hi\n' | base64 -w0)
  curl -sf "$1/submit" --data-urlencode \
    "args={\"name\":\"20240101120000-ABCDE-bench-user_s1\",\"number\":1,\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" >/dev/null
}

# wrk scripts: each thread numbers its submits apart (thread id * 10^8 + n), so every submit is a new job.
cat > "$work/common.lua" <<'LUA'
local counter = 0
local threads = 0
local form = "application/x-www-form-urlencoded"
local script = "IyEvYmluL2Jhc2gKZWNobyBoaQo%3D"
function setup(thread) threads = threads + 1; thread:set("id", threads + (tonumber(os.getenv("WRK_OFFSET") or "0"))) end
function init(args) counter = id * 100000000 end
function submit()
  counter = counter + 1
  local body = "args=%7B%22name%22%3A%2220240101120000-ABCDE-bench-user_s1%22%2C%22number%22%3A" .. counter ..
    "%2C%22nodes%22%3A1%2C%22hpc_script%22%3A%7B%22singularity%22%3A%22" .. script .. "%22%7D%2C%22bearer%22%3A%22%22%7D"
  return wrk.format("POST", "/submit", {["Content-Type"] = form}, body)
end
local status_body = "args=%7B%22name%22%3A%2220240101120000-ABCDE-bench-user_s1%22%2C%22number%22%3A1%2C%22jobid%22%3A%22dummy_1%22%7D"
function runstatus() return wrk.format("POST", "/runstatus", {["Content-Type"] = form}, status_body) end
function running() return wrk.format("GET", "/running") end
LUA
printf 'dofile("%s")\nrequest = submit\n' "$work/common.lua" > "$work/submit.lua"
printf 'dofile("%s")\nrequest = runstatus\n' "$work/common.lua" > "$work/runstatus.lua"
printf 'dofile("%s")\nlocal n = 0\nrequest = function() n = n + 1; local k = n %% 10; if k == 0 then return submit() elseif k == 1 then return running() else return runstatus() end end\n' \
  "$work/common.lua" > "$work/mixed.lua"

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}' <<<"$1"; }
declare -A rps
load() { # label script base [base2]
  local label=$1 script=$2 r=0 p=0 i=0 base
  shift 2
  local n=$#
  local c=$((conns / n)) t=$((2 / n)); [ "$t" -lt 1 ] && t=1
  local loaders=()
  # A short run first, discarded: the JIT and the connection pools warm up before the measured run.
  for base in "$@"; do WRK_OFFSET=$((i * 10)) wrk -t"$t" -c"$c" -d2s -s "$script" "$base" >/dev/null & loaders+=($!); i=$((i + 1)); done
  wait "${loaders[@]}"
  i=0; loaders=()
  for base in "$@"; do WRK_OFFSET=$((i * 10 + 50)) wrk -t"$t" -c"$c" -d"${seconds}s" --latency -s "$script" "$base" >"$work/wrk.$i" & loaders+=($!); i=$((i + 1)); done
  wait "${loaders[@]}"
  for i in $(seq 0 $((n - 1))); do
    r=$(awk -v r="$r" '/^Requests\/sec:/ {printf "%d", r + $2}' "$work/wrk.$i")
    p=$(awk -v p="$p" -v v="$(ms "$(awk '$1=="99%" {print $2}' "$work/wrk.$i")")" 'BEGIN{printf "%.2f", (v > p ? v : p)}')
    grep -q "Non-2xx" "$work/wrk.$i" && echo "  $label: $(grep Non-2xx "$work/wrk.$i")" >&2
  done
  rps[$label]=$r
  printf '%-34s %9s req/s   p99 %8s ms\n' "$label" "$r" "$p"
}

echo "dssr $("$out/dssr" --version) on $(nproc) cores, wrk ${conns} connections, ${seconds}s per run; $(date -u +%FT%TZ)"
[ -n "$cpu_limit" ] && echo "each replica held to $cpu_limit of a core (its own CPU cgroup, v$cgroup_v); PostgreSQL and wrk not held"
sqlite=; pg=; a=; b=
serve sqlite "$work/sqlite" sqlite
serve pg "$work/pg-one" "$(journal one)"
serve a "$work/pg-two" "$(journal two)"
serve b "$work/pg-two" "$(journal two)"
for base in "$sqlite" "$pg" "$a"; do submit_one "$base"; done
sleep 0.5
for mode in sqlite pg two; do
  case $mode in
    sqlite) label="1 replica, SQLite"; set -- "$sqlite" ;;
    pg) label="1 replica, PostgreSQL"; set -- "$pg" ;;
    two) label="2 replicas, PostgreSQL"; set -- "$a" "$b" ;;
  esac
  load "$label: /runstatus" "$work/runstatus.lua" "$@"
  load "$label: /submit" "$work/submit.lua" "$@"
  load "$label: mixed" "$work/mixed.lua" "$@"
done
ratio() { awk -v a="${rps[$1]}" -v b="${rps[$2]}" 'BEGIN{printf "%.2f", a/b}'; }
echo "PostgreSQL / SQLite on /runstatus: $(ratio "1 replica, PostgreSQL: /runstatus" "1 replica, SQLite: /runstatus") (goal: at least 0.50)"
echo "PostgreSQL / SQLite on /submit: $(ratio "1 replica, PostgreSQL: /submit" "1 replica, SQLite: /submit")"
echo "2 replicas / 1 replica on PostgreSQL, mixed load: $(ratio "2 replicas, PostgreSQL: mixed" "1 replica, PostgreSQL: mixed") (goal: at least 1.60)"
