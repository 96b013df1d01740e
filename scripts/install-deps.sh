#!/usr/bin/env bash
# Installs the Debian packages Dssr's tests and test bed use, only those missing.
# Needs root (or sudo) when something is missing; prints what it installs.
set -euo pipefail
needed=(openssh-server openssh-client slurmctld slurmd slurm-client munge tmux wrk socat shellcheck sqlite3 procps postgresql)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
