# shellcheck shell=bash
# Sourced by up.sh and down.sh: the folder of the bed that belongs to the checkout at $1.
# DSSR_TESTBED_DIR when set; else /tmp/dssr-testbed-<8 hex digits of the checkout's path>, so two
# checkouts on one machine never share a bed, and the path has no spaces whatever the checkout's.
bed_folder() {
  if [ -n "${DSSR_TESTBED_DIR:-}" ]; then
    printf '%s\n' "$DSSR_TESTBED_DIR"
  else
    printf '/tmp/dssr-testbed-%s\n' "$(printf %s "$1" | sha256sum | cut -c1-8)"
  fi
}

# True when the checkout at $1 has a running bed: its env file, and sshd and slurmctld alive.
bed_is_up() {
  local env="$1/.testbed/env" dir f
  [ -s "$env" ] || return 1
  dir=$(sed -n 's/^DSSR_TESTBED_DIR=//p' "$env")
  for f in sshd slurmctld; do
    [ -s "$dir/run/$f.pid" ] && kill -0 "$(tr -dc 0-9 < "$dir/run/$f.pid")" 2>/dev/null || return 1
  done
}
