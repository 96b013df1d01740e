#!/usr/bin/env bash
# Starts a private PostgreSQL (Debian's, 15) on 127.0.0.1 for the journal tests: initdb into a folder
# of its own, pg_ctl start on a free port, no system service. Writes <checkout>/.testbed/pg-env.
# The folder is ${DSSR_TESTBED_PG_DIR:-<the bed folder of this checkout>-pg} (outside the checkout,
# searchable by the server's account). The server runs as the 'postgres' account when started by
# root (root cannot run it), else as the caller. Password authentication (scram) over TCP only; the
# password is in a 0600 file the env names, never in the env itself.
# DSSR_TESTBED_PG_ENV writes the env elsewhere (bench/journal-load.sh runs its own server).
# Leftovers of an earlier run of this checkout are stopped first, by their pid file only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/testbed/bed-folder.sh
. "$here/bed-folder.sh"
pgdir=${DSSR_TESTBED_PG_DIR:-$(bed_folder "$root")-pg}
die() { echo "testbed-pg: $*" >&2; exit 1; }

"$here/pg-down.sh" --quiet || true

# --- checks, each failure one line with its fix
case "$pgdir" in
  /*) ;;
  *) die "DSSR_TESTBED_PG_DIR=$pgdir is not an absolute path; give an absolute path" ;;
esac
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] || die "PostgreSQL is not installed; run scripts/install-deps.sh"
if [ "$(id -u)" = 0 ]; then
  account=${DSSR_TESTBED_PG_ACCOUNT:-postgres}
  id "$account" >/dev/null 2>&1 || die "the account '$account' does not exist; install the postgresql package or set DSSR_TESTBED_PG_ACCOUNT"
  as_server() { runuser -u "$account" -- "$@"; }
else
  account=$(id -un)
  as_server() { "$@"; }
fi
if [ -e "$pgdir" ] && [ ! -e "$pgdir/checkout" ] && [ -n "$(ls -A "$pgdir" 2>/dev/null)" ]; then
  die "$pgdir exists and is not a test bed (no 'checkout' file in it); set DSSR_TESTBED_PG_DIR to a new or empty folder"
fi

port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
if [ -n "${DSSR_TESTBED_PG_PORT:-}" ]; then
  port=$DSSR_TESTBED_PG_PORT
  port_busy "$port" && die "port $port (DSSR_TESTBED_PG_PORT) is busy; choose another or unset it to take a free one"
else
  for _ in $(seq 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))  # below the ephemeral range (32768+)
    port_busy "$port" || break
  done
  port_busy "$port" && die "found no free port between 20000 and 32000"
fi

rm -rf "$pgdir"
mkdir -p "$pgdir/run"
echo "$root" > "$pgdir/checkout"
chmod 0755 "$pgdir"
user=dssr
head -c 24 /dev/urandom | base64 | tr -dc A-Za-z0-9 > "$pgdir/password"
chmod 0600 "$pgdir/password"
install -m 0600 -o "$account" "$pgdir/password" "$pgdir/run/initdb-password"
chown "$account" "$pgdir/run"
as_server test -x "$pgdir/run" || die "the account '$account' cannot reach $pgdir; run 'chmod o+x' on its parents or set DSSR_TESTBED_PG_DIR under /tmp"

as_server "$bin/initdb" -D "$pgdir/run/data" -U "$user" --pwfile="$pgdir/run/initdb-password" \
  -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 || die "initdb failed (see $pgdir/initdb.log)"
rm -f "$pgdir/run/initdb-password"
cat >> "$pgdir/run/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pgdir/run'
max_connections = 300
# A throw-away database: durability is not what the tests check.
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
logging_collector = off
CONF
as_server "$bin/pg_ctl" -D "$pgdir/run/data" -l "$pgdir/run/server.log" -w -t 60 start >/dev/null \
  || die "PostgreSQL did not start (see $pgdir/run/server.log)"
pid=$(head -n 1 "$pgdir/run/data/postmaster.pid")
port_busy "$port" || die "PostgreSQL is not listening on $port (see $pgdir/run/server.log)"

# Start and stop the same server again, as the tests do when they take the database away.
cat > "$pgdir/ctl" <<CTL
#!/bin/sh
# $pgdir/ctl start|stop: this bed's PostgreSQL, as its own account.
case "\$1" in
  start) set -- start -w -t 60 -l "$pgdir/run/server.log" ;;
  stop) set -- stop -w -t 60 -m fast ;;
  *) echo "usage: \$0 start|stop" >&2; exit 2 ;;
esac
if [ "\$(id -u)" = 0 ]; then exec runuser -u "$account" -- "$bin/pg_ctl" -D "$pgdir/run/data" "\$@"; fi
exec "$bin/pg_ctl" -D "$pgdir/run/data" "\$@"
CTL
chmod 0755 "$pgdir/ctl"

cat > "$pgdir/env" <<ENV
DSSR_TESTBED_PG=1
DSSR_TESTBED_PG_DIR=$pgdir
DSSR_TESTBED_PG_HOST=127.0.0.1
DSSR_TESTBED_PG_PORT=$port
DSSR_TESTBED_PG_USER=$user
DSSR_TESTBED_PG_PASSWORD_FILE=$pgdir/password
DSSR_TESTBED_PG_CTL=$pgdir/ctl
DSSR_TESTBED_PG_PID=$pid
ENV
envout=${DSSR_TESTBED_PG_ENV:-$root/.testbed/pg-env}
mkdir -p "$(dirname "$envout")"
cp "$pgdir/env" "$envout"
echo "testbed-pg: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (user $user, pid $pid); folder $pgdir, env in $envout" >&2
