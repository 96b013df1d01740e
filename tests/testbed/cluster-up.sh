#!/usr/bin/env bash
# Starts one more Slurm cluster beside the running bed (up.sh): its own slurmctld and slurmd (own ports,
# state, spool, ClusterName), behind its own sshd (own port and host key, the bed's users and keys), in
# <bed>/clusters/NAME. munged is the bed's: clusters of one site often share a munge key, and each
# daemon still talks only to its own controller through its own ports. Appends its variables to the
# bed's env (DSSR_TESTBED_CLUSTER_<NAME>_*). Usage: cluster-up.sh NAME
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${1:-}
die() { echo "testbed: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it starts sshd and slurmd)"
case "$name" in ''|*[!a-z0-9]*) die "usage: cluster-up.sh NAME (lower-case letters and digits)" ;; esac
[ -s "$root/.testbed/env" ] || die "the bed is not up: run tests/testbed/up.sh first"
bed=$(sed -n 's/^DSSR_TESTBED_DIR=//p' "$root/.testbed/env")
user=$(sed -n 's/^DSSR_TESTBED_USER=//p' "$root/.testbed/env")
user2=$(sed -n 's/^DSSR_TESTBED_USER2=//p' "$root/.testbed/env")
min_job_age=$(sed -n 's/^DSSR_TESTBED_MIN_JOB_AGE=//p' "$root/.testbed/env")
dir=$bed/clusters/$name
[ -e "$dir" ] && "$here/cluster-down.sh" "$name"
upper=$(echo "$name" | tr "[:lower:]" "[:upper:]")

port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
taken=" $(grep -ho '_PORT=[0-9]*' "$root/.testbed/env" | cut -d= -f2 | tr '\n' ' ') "
take_port() {
  local p
  for _ in $(seq 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))
    case "$taken" in *" $p "*) continue ;; esac
    port_busy "$p" || break
  done
  port_busy "$p" && die "found no free port between 20000 and 32000"
  taken="$taken$p "
  printf -v "$1" %s "$p"
}
ssh_port=; ctld_port=; slurmd_port=
take_port ssh_port; take_port ctld_port; take_port slurmd_port

mkdir -p "$dir"/{ssh,slurm/etc,slurm/state,slurm/spool/localhost,slurm/log,run,shim}
chmod 0755 "$bed/clusters" "$dir" "$dir/slurm" "$dir/slurm/etc"
chmod 0700 "$dir/ssh"
ssh-keygen -q -t ed25519 -N '' -C "dssr-testbed-$name-host" -f "$dir/ssh/host_ed25519"
echo "[127.0.0.1]:$ssh_port $(cut -d' ' -f1,2 "$dir/ssh/host_ed25519.pub")" > "$dir/known_hosts"

conf=$dir/slurm/etc/slurm.conf
cpus=$(nproc); mem=$(awk '/MemTotal/ {print int($2/1024/4)}' /proc/meminfo)
[ "$cpus" -lt 4 ] && cpus=4
cat > "$conf" <<CONF
ClusterName=$name
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
StateSaveLocation=$dir/slurm/state
SlurmdSpoolDir=$dir/slurm/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/slurm/log/slurmctld.log
SlurmdLogFile=$dir/slurm/log/slurmd.log
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/slurm/log/jobcomp.txt
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MinJobAge=$min_job_age
KillWait=5
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus RealMemory=$mem
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
chmod 0644 "$conf"
export SLURM_CONF=$conf
slurmctld -i || die "slurmctld of $name did not start (see $dir/slurm/log/slurmctld.log)"
for _ in $(seq 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.1; done
scontrol ping 2>/dev/null | grep -q UP || die "slurmctld of $name is not answering (see $dir/slurm/log/slurmctld.log)"
slurmd -N localhost || die "slurmd of $name did not start (see $dir/slurm/log/slurmd.log)"
for _ in $(seq 150); do [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] && break; sleep 0.1; done
[ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] || die "the node of $name did not become idle (see $dir/slurm/log/slurmd.log)"
touch "$dir/slurm/log/jobcomp.txt"; chmod 0666 "$dir/slurm/log/jobcomp.txt"

# squeue as this cluster's ssh sessions see it: each call logged (squeue calls per cluster), then the real one.
real_squeue=$(command -v squeue)
cat > "$dir/shim/squeue" <<SHIM
#!/bin/sh
echo "\$(date +%s.%N) \$(id -un)" >> "$dir/run/squeue-calls.log"
exec "$real_squeue" "\$@"
SHIM
# sbatch likewise: the real one, unless a test holds it by writing `before` or `after` into run/sbatch/hold.
# The call then says where it waits (run/sbatch/held, a line per call) and waits until the file is gone:
# `before` sbatch runs, or `after` sbatch made the job and before its answer is printed. A test kills sshd there:
# exactly mid-sbatch. A call held `before` ends without running sbatch when the file says `drop` instead.
real_sbatch=$(command -v sbatch)
cat > "$dir/shim/sbatch" <<SHIM
#!/bin/sh
hold="$dir/run/sbatch/hold"
[ -e "\$hold" ] || exec "$real_sbatch" "\$@"
at=\$(cat "\$hold")
echo "\$at \$\$" >> "$dir/run/sbatch/held"
if [ "\$at" = before ]; then
  while [ -e "\$hold" ] && [ "\$(cat "\$hold" 2>/dev/null)" != drop ]; do sleep 0.05; done
  [ -e "\$hold" ] && exit 255
  exec "$real_sbatch" "\$@"
fi
out=\$(mktemp); err=\$(mktemp)
"$real_sbatch" "\$@" >"\$out" 2>"\$err"; rc=\$?
echo "made \$\$" >> "$dir/run/sbatch/held"
while [ -e "\$hold" ]; do sleep 0.05; done
cat "\$out"; cat "\$err" >&2; rm -f "\$out" "\$err"
exit \$rc
SHIM
chmod 0755 "$dir/shim" "$dir/shim/squeue" "$dir/shim/sbatch"
touch "$dir/run/squeue-calls.log"; chmod 0666 "$dir/run/squeue-calls.log"
mkdir -p "$dir/run/sbatch"; chmod 1777 "$dir/run/sbatch"
chmod 0755 "$dir/run"

cat > "$dir/ssh/sshd_config" <<CONF
ListenAddress 127.0.0.1:$ssh_port
HostKey $dir/ssh/host_ed25519
PidFile $dir/run/sshd.pid
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
SetEnv SLURM_CONF=$conf PATH=$dir/shim:/usr/local/bin:/usr/bin:/bin
CONF
"$here/cluster-sshd.sh" "$name" start

{
  echo "DSSR_TESTBED_CLUSTER_${upper}_DIR=$dir"
  echo "DSSR_TESTBED_CLUSTER_${upper}_SSH_PORT=$ssh_port"
  echo "DSSR_TESTBED_CLUSTER_${upper}_KNOWN_HOSTS=$dir/known_hosts"
  echo "DSSR_TESTBED_CLUSTER_${upper}_SSHD_PID_FILE=$dir/run/sshd.pid"
  echo "DSSR_TESTBED_CLUSTER_${upper}_SLURM_CONF=$conf"
  echo "DSSR_TESTBED_CLUSTER_${upper}_SQUEUE_LOG=$dir/run/squeue-calls.log"
  echo "DSSR_TESTBED_CLUSTER_${upper}_SLURMCTLD_PORT=$ctld_port"
} > "$dir/env"
listed=$(sed -n 's/^DSSR_TESTBED_CLUSTERS=//p' "$root/.testbed/env")
sed -i "/^DSSR_TESTBED_CLUSTER_${upper}_/d; /^DSSR_TESTBED_CLUSTERS=/d" "$root/.testbed/env"
cat "$dir/env" >> "$root/.testbed/env"
echo "DSSR_TESTBED_CLUSTERS=$(echo "$listed,$name" | tr ',' '\n' | grep . | sort -u | paste -sd, -)" >> "$root/.testbed/env"
echo "testbed: cluster $name: sshd on 127.0.0.1:$ssh_port, Slurm on $ctld_port/$slurmd_port, in $dir" >&2
