#!/usr/bin/env bash
# Stops what up.sh started for this checkout, and only that: the PIDs in <bed>/run/*.pid. Jobs are
# cancelled first (their processes outlive a stopped slurmd); each PID is waited for until it is
# gone; then the bed's folder and the checkout's .testbed/env are removed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# The bed this checkout started is the one its env names; else where up.sh would put it.
if [ -z "${DSSR_TESTBED_DIR:-}" ] && [ -s "$root/.testbed/env" ]; then
  DSSR_TESTBED_DIR=$(sed -n 's/^DSSR_TESTBED_DIR=//p' "$root/.testbed/env")
fi
# shellcheck source=tests/testbed/bed-folder.sh
. "$here/bed-folder.sh"
bed=$(bed_folder "$root")
quiet=0; [ "${1:-}" = --quiet ] && quiet=1
say() { [ $quiet = 1 ] || echo "testbed: $*" >&2; }
remove_bed() {
  rm -f "$root/.testbed/env"
  rmdir "$root/.testbed" 2>/dev/null || true
  # Only a folder up.sh made (it holds the 'checkout' marker) is removed.
  [ -e "$bed/checkout" ] && rm -rf "$bed"
  return 0
}
[ -d "$bed/run" ] || { remove_bed; exit 0; }

# A zombie has stopped; only its parent (init here, since the daemons forked away) has yet to reap it.
alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  local state; state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}
pid_of() { [ -s "$1" ] && tr -dc 0-9 < "$1"; }

stop_pid_file() {
  local name=$1 file="$bed/run/$1.pid" pid
  pid=$(pid_of "$file") || return 0
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 200); do alive "$pid" || break; sleep 0.05; done
    alive "$pid" && { say "$name ($pid) ignored TERM; killing it"; kill -KILL "$pid" 2>/dev/null; sleep 0.2; }
    say "stopped $name ($pid)"
  fi
  rm -f "$file"
}

# The extra clusters first (cluster-up.sh): they use this bed's munged.
for extra in "$bed"/clusters/*/; do
  [ -d "$extra" ] && DSSR_TESTBED_DIR=$bed "$here/cluster-down.sh" "$(basename "$extra")"
done

conf="$bed/slurm/etc/slurm.conf"
ctld=$(pid_of "$bed/run/slurmctld.pid" || true)
if [ -f "$conf" ] && alive "$ctld"; then
  export SLURM_CONF="$conf"
  mapfile -t jobs < <(squeue -h -o %A 2>/dev/null)
  [ ${#jobs[@]} -gt 0 ] && { scancel --full --quiet "${jobs[@]}" 2>/dev/null || true; }
  for _ in $(seq 100); do [ -z "$(squeue -h -t R,CG,S -o %A 2>/dev/null)" ] && break; sleep 0.1; done
fi
# sshd's per-connection children end when their listener's connections close; the listener first.
stop_pid_file sshd
stop_pid_file slurmd
stop_pid_file slurmctld
stop_pid_file munged
remove_bed
exit 0
