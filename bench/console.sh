#!/usr/bin/env bash
# Console benchmark, this checkout's console side by side with a base commit's (default: main), in
# the same run: start to first full frame (goal under 1 s, ReadyToRun), idle CPU with 1,000 jobs
# after settling (goal under 2 % of one core), keypress to screen in tmux with 1,000 and 10,000 jobs (goal p99
# under 50 ms), RSS; then key to drawn frame in-process with 1,000 and 10,000 jobs. Each console runs
# in tmux on a private socket, its API on a free loopback port. The load average is printed with
# each figure: on a shared machine it moves them.
#
# Usage: bench/console.sh   (BENCH_BASE=<commit>, BENCH_SETTLE_SECONDS=45, BENCH_IDLE_SECONDS=20, BENCH_PRESSES=30)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
base=${BENCH_BASE:-main}
settle=${BENCH_SETTLE_SECONDS:-45}
idle=${BENCH_IDLE_SECONDS:-20}
presses=${BENCH_PRESSES:-30}
command -v tmux >/dev/null || "$root/scripts/install-deps.sh"
work=$(mktemp -d)
sock="dssr-bench-$$"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
load() { cut -d' ' -f1 /proc/loadavg; }

new=$("$root/scripts/build-dssr.sh")
# The base commit's console is built once per commit, outside the checkout's sources.
basedir="$root/.build/bench-base-$(git -C "$root" rev-parse --short "$base")"
if [ ! -x "$basedir/.build/dssr/dssr" ]; then
  rm -rf "$basedir"; mkdir -p "$basedir"
  git -C "$root" archive "$base" | tar -x -C "$basedir"
  "$basedir/scripts/build-dssr.sh" >/dev/null
fi
old="$basedir/.build/dssr/dssr"
echo "console benchmark on $(nproc) cores, $(date -u +%FT%TZ); this checkout ($(git -C "$root" rev-parse --short HEAD)) against $base ($(git -C "$root" rev-parse --short "$base"))"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# start LABEL EXE STATE PORT: the console in a 120x40 tmux pane; waits for its first frame
starts=0
running=""
gone() { [ ! -e "/proc/$1/stat" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }
start() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  # The previous console ends once its terminal is gone; the next one needs its port.
  if [ -n "$running" ]; then for _ in $(seq 200); do gone "$running" && break; sleep 0.05; done; fi
  starts=$((starts + 1)); sock="dssr-bench-$$-$starts" # a fresh server: a new one on a dying socket can fail
  rm -f "$3/dssr.log"
  # As its checkout's ./dssr launcher runs the console: with the runtime settings the launcher gives it.
  local launcher; launcher="$(dirname "$(dirname "$(dirname "$2")")")/dssr"
  local runtime=""; grep -q "DOTNET_TieredPGO" "$launcher" 2>/dev/null && runtime="DOTNET_TieredPGO=0"
  tmux -L "$sock" new-session -d -x 120 -y 40 \
    "exec env $runtime DSSR_STATE_DIR=$3 WAITRESS_PORT=$4 JARVICE_DUMMY_JOB_QUEUED_TIME=0 JARVICE_DUMMY_JOB_RUNNING_TIME=86400 JARVICE_DUMMY_JOB_FAILING_PERCENT=0 $2"
  running=$(tmux -L "$sock" list-panes -F '#{pane_pid}')
  for _ in $(seq 600); do grep -aq "First full frame" "$3/dssr.log" 2>/dev/null && return; sleep 0.05; done
  echo "$1: the console did not draw a frame" >&2; exit 1
}
pid_of() { tmux -L "$sock" list-panes -F '#{pane_pid}'; }

# presses JOBS: keypress to screen: j (down), then poll the queue rows (with attributes) until they change
presses_in_tmux() {
  python3 - "$sock" "$presses" "$label" "$(load)" "$1" <<'PY'
import subprocess, sys, time
sock, presses, label, load, jobs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
def rows():
    out = subprocess.run(["tmux", "-L", sock, "capture-pane", "-e", "-p"], capture_output=True, text=True).stdout.split("\n")
    return "\n".join(out[6:30])
# The selection follows its job, the first one submitted, to the end of the queue: start at the top.
subprocess.run(["tmux", "-L", sock, "send-keys", "g"])
time.sleep(1)
times = []
for i in range(presses):
    before = rows()
    t0 = time.monotonic()
    subprocess.run(["tmux", "-L", sock, "send-keys", "j"])
    while rows() == before and time.monotonic() - t0 < 2:
        pass
    times.append((time.monotonic() - t0) * 1000)
    time.sleep(0.2)
times.sort()
p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"{label}: keypress (j) to screen in tmux with {jobs} jobs, {presses} presses: p50 {p(0.5):.0f} ms, p99 {p(0.99):.0f} ms, max {times[-1]:.0f} ms (capture-pane included; load {load})")
PY
}

for label in new old; do
  exe=$([ $label = new ] && echo "$new" || echo "$old")
  state="$work/state-$label"; mkdir -p "$state"
  port=$(free_port)
  frames=()
  for _ in 1 2 3; do
    start $label "$exe" "$state" "$port"
    frames+=("$(grep -ao "First full frame [0-9]*" "$state/dssr.log" | tail -1 | grep -o "[0-9]*$")")
  done
  echo "$label: start to first full frame (empty journal, 3 starts): ${frames[*]} ms (load $(load))"

  # 1,000 jobs through the API, in this running console (the dummy keeps them running); the API
  # starts after the first frame
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/live" >/dev/null && break; sleep 0.1; done
  script=$(printf '#!/bin/bash\necho bench\n' | base64 -w0)
  for n in $(seq 1 1000); do
    curl -sf "http://127.0.0.1:$port/submit" --data-urlencode \
      "args={\"name\":\"20240101120000-ABCDE-bench-user_s$n\",\"number\":$n,\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" >/dev/null
  done
  pid=$(pid_of)
  sleep "$settle"
  ticks=$(getconf CLK_TCK)
  cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
  # per thread (utime+stime after the comm field; names with spaces joined by _), to say where idle time goes
  threads() { for t in /proc/"$pid"/task/*; do
    echo "$(basename "$t") $(sed 's/^.*) //' "$t/stat" | awk '{print $12 + $13}') $(tr ' ' '_' < "$t/comm")"; done 2>/dev/null; }
  threads > "$work/threads-before"
  before=$(cpu); sleep "$idle"; after=$(cpu)
  threads > "$work/threads-after"
  by_thread=$(LC_ALL=C join <(LC_ALL=C sort "$work/threads-before") <(LC_ALL=C sort "$work/threads-after") |
    awk '{d[$5] += $4 - $2} END {for (n in d) if (d[n] > 0) printf "%s %d\n", n, d[n]}' | sort -k2 -nr | head -5 | awk '{printf "%s%s %d", (NR>1?", ":""), $1, $2}')
  shown=$(tmux -L "$sock" capture-pane -p | grep -o "[0-9]* of [0-9]* jobs" | head -1)
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  awk -v a="$after" -v b="$before" -v t="$ticks" -v s="$idle" -v shown="$shown" -v l="$label" -v rss="$rss" -v load="$(load)" \
    'BEGIN{printf "%s: idle CPU with 1000 jobs (%s shown) over %d s after %s s: %.2f %% of one core; RSS %.0f MB (load %s)\n", l, shown, s, '"$settle"', (a-b)/t/s*100, rss/1024, load}'
  echo "$label: idle CPU ticks by thread over $idle s (1 tick = 10 ms): $by_thread"

  presses_in_tmux 1000
  # 9,000 more (four at a time), then the same presses with 10,000 jobs in the queue
  seq 1001 10000 | xargs -P4 -I{} curl -sf "http://127.0.0.1:$port/submit" --data-urlencode \
    "args={\"name\":\"20240101120000-ABCDE-bench-user_s{}\",\"number\":{},\"nodes\":1,\"hpc_script\":{\"singularity\":\"$script\"},\"bearer\":\"\"}" -o /dev/null
  sleep 10
  presses_in_tmux 10000
  tmux -L "$sock" kill-server
done

echo "new: $(dotnet run -c Release --project "$here/Dssr.Bench.Console" -- 1000 300 120 40 2>/dev/null | tail -1) (load $(load))"
echo "new: $(dotnet run -c Release --project "$here/Dssr.Bench.Console" -- 10000 300 120 40 2>/dev/null | tail -1) (load $(load))"
echo "old: frame build (its own bench): $(dotnet run -c Release --project "$basedir/bench/Dssr.Bench.Console" -- 1000 300 120 40 2>/dev/null | tail -1) (load $(load))"
echo "old: frame build (its own bench): $(dotnet run -c Release --project "$basedir/bench/Dssr.Bench.Console" -- 10000 300 120 40 2>/dev/null | tail -1) (load $(load))"
