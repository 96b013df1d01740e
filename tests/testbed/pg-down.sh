#!/usr/bin/env bash
# Stops what pg-up.sh started for this checkout, and only that: the PID in the data folder's
# postmaster.pid (SIGINT: fast shutdown), waited for until it is gone; then removes the folder
# and the checkout's .testbed/pg-env.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
envout=${DSSR_TESTBED_PG_ENV:-$root/.testbed/pg-env}
if [ -z "${DSSR_TESTBED_PG_DIR:-}" ] && [ -s "$envout" ]; then
  DSSR_TESTBED_PG_DIR=$(sed -n 's/^DSSR_TESTBED_PG_DIR=//p' "$envout")
fi
# shellcheck source=tests/testbed/bed-folder.sh
. "$here/bed-folder.sh"
pgdir=${DSSR_TESTBED_PG_DIR:-$(bed_folder "$root")-pg}
quiet=0; [ "${1:-}" = --quiet ] && quiet=1
say() { [ $quiet = 1 ] || echo "testbed-pg: $*" >&2; }
alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  local state; state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}
pidfile="$pgdir/run/data/postmaster.pid"
if [ -s "$pidfile" ]; then
  pid=$(head -n 1 "$pidfile" | tr -dc 0-9)
  if alive "$pid"; then
    kill -INT "$pid" 2>/dev/null
    for _ in $(seq 300); do alive "$pid" || break; sleep 0.05; done
    alive "$pid" && { say "postgres ($pid) ignored INT; sending QUIT"; kill -QUIT "$pid" 2>/dev/null; sleep 0.5; }
    say "stopped postgres ($pid)"
  fi
fi
rm -f "$envout"
[ -z "${DSSR_TESTBED_PG_ENV:-}" ] && { rmdir "$root/.testbed" 2>/dev/null || true; }
[ -e "$pgdir/checkout" ] && rm -rf "$pgdir"
exit 0
