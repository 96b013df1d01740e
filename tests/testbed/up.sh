#!/usr/bin/env bash
# Starts the test bed on 127.0.0.1: a private sshd and a single-node Slurm (munge, slurmctld,
# slurmd), and writes <checkout>/.testbed/env for the integration tests.
# Everything the daemons must reach (munge socket and key, slurm.conf, state, spool, logs, sshd
# config and keys, authorized keys) lives in a folder of its own, outside the checkout: munged and
# slurmctld refuse paths whose parents are not searchable by everyone (a clone under a 0700 home)
# and slurm.conf cannot name a path with a space. The folder is ${DSSR_TESTBED_DIR:-/tmp/dssr-
# testbed-<hash of the checkout path>}, so two checkouts get two beds. Ports are taken free unless
# given in the environment; a port given and busy is refused, never taken over.
# Leftovers of an earlier run of this checkout are stopped first, by their pid files only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/testbed/bed-folder.sh
. "$here/bed-folder.sh"
bed=$(bed_folder "$root")
user=${DSSR_TESTBED_USER:-dssrtest}
# A second account for the user-mapping tests: its own key, its own home.
user2=${DSSR_TESTBED_USER2:-dssrtest2}
# Slurm forgets a finished job this long after its end (slurmctld purges about once a minute),
# short so a test can read a final state after Slurm forgot the job.
min_job_age=${DSSR_TESTBED_MIN_JOB_AGE:-5}

die() { echo "testbed: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it starts sshd and slurmd and creates the test user)"

"$here/down.sh" --quiet || true

# --- what the daemons need, checked before any starts, each failure one line with its fix
case "$bed" in
  /*) ;;
  *) die "DSSR_TESTBED_DIR=$bed is not an absolute path; give an absolute path" ;;
esac
case "$bed" in
  *[[:space:]]*) die "the bed folder '$bed' has a space in its path, which slurm.conf cannot hold; set DSSR_TESTBED_DIR to a path without spaces" ;;
esac
parent=$(dirname "$bed")
mkdir -p "$parent" 2>/dev/null || die "cannot create $parent; set DSSR_TESTBED_DIR to a folder under a writable parent"
p=$parent
while :; do
  perms=$(stat -c %A "$p")
  [ "${perms:9:1}" = x ] || [ "${perms:9:1}" = t ] || die "$p is mode $perms: munged and the test users need execute permission for others on every parent of the bed ($bed); run 'chmod o+x $p' or set DSSR_TESTBED_DIR under /tmp"
  [ "$p" = / ] && break
  p=$(dirname "$p")
done
for tool in munged mungekey slurmctld slurmd scontrol sinfo squeue; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed; run scripts/install-deps.sh"
done
[ -x /usr/sbin/sshd ] || die "/usr/sbin/sshd is not installed; run scripts/install-deps.sh"

# --- ports: from the environment when given (refused if busy), else free ones, different per bed
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
taken=" "
take_port() { # variable to set, the port given in the environment or empty
  local p
  if [ -n "$2" ]; then
    port_busy "$2" && die "port $2 ($1) is busy; choose another or unset $1 to take a free one"
    p=$2
  else
    for _ in $(seq 200); do
      p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))  # below the ephemeral range (32768+)
      case "$taken" in *" $p "*) continue ;; esac
      port_busy "$p" || break
    done
    port_busy "$p" && die "found no free port between 20000 and 32000"
  fi
  taken="$taken$p "
  printf -v "$1" %s "$p"
}
ssh_port=; ctld_port=; slurmd_port=
take_port ssh_port "${DSSR_TESTBED_SSH_PORT:-}"
take_port ctld_port "${DSSR_TESTBED_SLURMCTLD_PORT:-}"
take_port slurmd_port "${DSSR_TESTBED_SLURMD_PORT:-}"
if [ "$ssh_port" = "$ctld_port" ] || [ "$ssh_port" = "$slurmd_port" ] || [ "$ctld_port" = "$slurmd_port" ]; then
  die "the three ports must differ ($ssh_port, $ctld_port, $slurmd_port)"
fi

if [ -e "$bed" ] && [ ! -e "$bed/checkout" ] && [ -n "$(ls -A "$bed" 2>/dev/null)" ]; then
  die "$bed exists and is not a test bed (no 'checkout' file in it); set DSSR_TESTBED_DIR to a new or empty folder"
fi
rm -rf "$bed"
mkdir -p "$bed" "$root/.testbed"
echo "$root" > "$bed/checkout"
mkdir -p "$bed"/{ssh,keys,authorized,munge,slurm/etc,slurm/state,slurm/spool/localhost,slurm/log,run,shim}
chmod 0755 "$bed" "$bed/slurm" "$bed/slurm/etc"
chmod 0700 "$bed/keys" "$bed/ssh" "$bed/munge"

# --- the test users: plain accounts whose locked password is cleared so key logins work with UsePAM no
for u in "$user" "$user2"; do
  if ! id "$u" >/dev/null 2>&1; then
    useradd -m -s /bin/bash "$u" 2>/dev/null || id "$u" >/dev/null 2>&1 || die "cannot create user $u"
  fi
  usermod -p '*' "$u"
done
home=$(getent passwd "$user" | cut -d: -f6)
home2=$(getent passwd "$user2" | cut -d: -f6)

# --- keys: the host key, the user's key (ed25519), a second key nobody authorized
ssh-keygen -q -t ed25519 -N '' -C dssr-testbed-host -f "$bed/ssh/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C dssr-testbed-user -f "$bed/keys/user_ed25519"
ssh-keygen -q -t ed25519 -N '' -C dssr-testbed-user2 -f "$bed/keys/user2_ed25519"
ssh-keygen -q -t ed25519 -N '' -C dssr-testbed-stranger -f "$bed/keys/stranger_ed25519"
# Authorized keys live in the bed, not in the user's home, so several beds can share the user.
install -m 0644 "$bed/keys/user_ed25519.pub" "$bed/authorized/$user"
install -m 0644 "$bed/keys/user2_ed25519.pub" "$bed/authorized/$user2"
echo "[127.0.0.1]:$ssh_port $(cut -d' ' -f1,2 "$bed/ssh/host_ed25519.pub")" > "$bed/known_hosts"
host_fp=$(ssh-keygen -l -E sha256 -f "$bed/ssh/host_ed25519.pub" | awk '{print $2}')

# --- munge
mungekey --create --keyfile="$bed/munge/munge.key" >/dev/null 2>&1 || die "mungekey failed"
chmod 0600 "$bed/munge/munge.key"
munged --key-file="$bed/munge/munge.key" --socket="$bed/run/munge.socket" \
  --pid-file="$bed/run/munged.pid" --log-file="$bed/munge/munged.log" --seed-file="$bed/munge/munge.seed" \
  || die "munged did not start (see $bed/munge/munged.log)"
munge -S "$bed/run/munge.socket" -n | unmunge -S "$bed/run/munge.socket" >/dev/null || die "munge self-test failed"

# --- Slurm
conf="$bed/slurm/etc/slurm.conf"
cpus=$(nproc); mem=$(awk '/MemTotal/ {print int($2/1024/2)}' /proc/meminfo)
# Test jobs mostly wait (gates, sleeps); more slots than cores keeps parallel test classes from queueing behind each other.
[ "$cpus" -lt 8 ] && cpus=8
cat > "$conf" <<CONF
ClusterName=dssrtestbed
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$bed/run/munge.socket
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
SlurmdParameters=config_overrides
StateSaveLocation=$bed/slurm/state
SlurmdSpoolDir=$bed/slurm/spool/%n
SlurmctldPidFile=$bed/run/slurmctld.pid
SlurmdPidFile=$bed/run/slurmd.pid
SlurmctldLogFile=$bed/slurm/log/slurmctld.log
SlurmdLogFile=$bed/slurm/log/slurmd.log
SchedulerType=sched/backfill
# Jobs that become eligible later (begin times, releases) start within seconds, not at the 60 s default pass.
SchedulerParameters=sched_interval=2,bf_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$bed/slurm/log/jobcomp.txt
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MinJobAge=$min_job_age
KillWait=5
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus RealMemory=$mem
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
chmod 0644 "$conf"
export SLURM_CONF="$conf"
slurmctld -i || die "slurmctld did not start (see $bed/slurm/log/slurmctld.log)"
for _ in $(seq 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.1; done
scontrol ping 2>/dev/null | grep -q UP || die "slurmctld is not answering (see $bed/slurm/log/slurmctld.log)"
slurmd -N localhost || die "slurmd did not start (see $bed/slurm/log/slurmd.log)"
for _ in $(seq 150); do [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] && break; sleep 0.1; done
[ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] || die "the node did not become idle (see $bed/slurm/log/slurmd.log)"
# slurmctld resets the jobcomp file to 0644 at start; plain users need it for `sacct --completion`.
touch "$bed/slurm/log/jobcomp.txt"; chmod 0666 "$bed/slurm/log/jobcomp.txt"

# --- squeue as ssh sessions see it: a wrapper that logs each call (for load measurements) and fails
# while the file squeue-down exists (for "squeue is down" tests); otherwise the real squeue.
real_squeue=$(command -v squeue)
cat > "$bed/shim/squeue" <<SHIM
#!/bin/sh
echo "\$(date +%s.%N) \$(id -un)" >> "$bed/run/squeue-calls.log"
if [ -e "$bed/run/squeue-down" ]; then
  echo "squeue: error: slurm_load_jobs error: Unable to contact slurm controller (test bed: squeue-down)" >&2
  exit 1
fi
exec "$real_squeue" "\$@"
SHIM
chmod 0755 "$bed/shim" "$bed/shim/squeue"
touch "$bed/run/squeue-calls.log"; chmod 0666 "$bed/run/squeue-calls.log"
chmod 0755 "$bed/run"

# --- sshd
mkdir -p /run/sshd; chmod 0755 /run/sshd
cat > "$bed/ssh/sshd_config" <<CONF
ListenAddress 127.0.0.1:$ssh_port
HostKey $bed/ssh/host_ed25519
PidFile $bed/run/sshd.pid
AuthorizedKeysFile $bed/authorized/%u
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
AllowUsers $user $user2
MaxStartups 100:30:200
MaxSessions 100
SetEnv SLURM_CONF=$conf PATH=$bed/shim:/usr/local/bin:/usr/bin:/bin
CONF
/usr/sbin/sshd -t -f "$bed/ssh/sshd_config" || die "sshd_config rejected"
/usr/sbin/sshd -f "$bed/ssh/sshd_config" -E "$bed/ssh/sshd.log" || die "sshd did not start (see $bed/ssh/sshd.log)"
for _ in $(seq 50); do [ -s "$bed/run/sshd.pid" ] && port_busy "$ssh_port" && break; sleep 0.05; done
port_busy "$ssh_port" || die "sshd is not listening on $ssh_port (see $bed/ssh/sshd.log)"

cat > "$bed/env" <<ENV
DSSR_TESTBED=1
DSSR_TESTBED_DIR=$bed
DSSR_TESTBED_SSH_HOST=127.0.0.1
DSSR_TESTBED_SSH_PORT=$ssh_port
DSSR_TESTBED_USER=$user
DSSR_TESTBED_HOME=$home
DSSR_TESTBED_KEY=$bed/keys/user_ed25519
DSSR_TESTBED_WRONG_KEY=$bed/keys/stranger_ed25519
DSSR_TESTBED_USER2=$user2
DSSR_TESTBED_HOME2=$home2
DSSR_TESTBED_KEY2=$bed/keys/user2_ed25519
DSSR_TESTBED_SQUEUE_LOG=$bed/run/squeue-calls.log
DSSR_TESTBED_SQUEUE_DOWN=$bed/run/squeue-down
DSSR_TESTBED_MIN_JOB_AGE=$min_job_age
DSSR_TESTBED_KNOWN_HOSTS=$bed/known_hosts
DSSR_TESTBED_HOST_KEY=$host_fp
DSSR_TESTBED_SSHD_PID_FILE=$bed/run/sshd.pid
DSSR_TESTBED_SLURMCTLD_PORT=$ctld_port
DSSR_TESTBED_SLURMD_PORT=$slurmd_port
SLURM_CONF=$conf
ENV
cp "$bed/env" "$root/.testbed/env"

# --- more clusters beside this one (several clusters in one Dssr): DSSR_TESTBED_CLUSTERS names them
# (east and west unless set, by spaces or commas; empty for none), each with its own Slurm and sshd (cluster-up.sh).
for extra in $(echo "${DSSR_TESTBED_CLUSTERS-east west}" | tr ',' ' '); do
  "$here/cluster-up.sh" "$extra" || die "cluster $extra did not start"
done
echo "testbed: sshd on 127.0.0.1:$ssh_port (user $user), Slurm on $ctld_port/$slurmd_port; bed in $bed, env in $root/.testbed/env" >&2
