#!/usr/bin/env bash
# A single-node Slurm on localhost, started and stopped by this test: munged, slurmctld and slurmd with their
# own configuration, sockets, state and logs under WORK (nothing in /etc is used or changed). Submits a 4-task
# array of part runs plus the merge job (tools/slurm/submit), waits, and checks that the merged file equals a
# single run. Exits 77 (skipped, with the reason printed) only when the daemons cannot start.
# Usage: slurm_test.sh WERKSTROOM_BINARY SOURCE_DIR WORK
set -uo pipefail
bin=$(realpath "$1") source=$(realpath "$2") work=$3
rm -rf "$work" && mkdir -p "$work"/{etc,spool,state,log,run,out} && work=$(realpath "$work")
skip() { echo "SKIPPED: the Slurm test did not run: $*"; exit 77; }
fail() { echo "FAILED: $*"; for f in "$work"/log/*; do echo "--- $f"; tail -20 "$f"; done; exit 1; }
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (tools/setup installs slurmctld slurmd slurm-client munge)"
done

started=()
stop() {
  for pidfile in "${started[@]}"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  sleep 1
  for pidfile in "${started[@]}"; do
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
  done
}
trap stop EXIT

# munge: a fresh key; the socket in WORK.
dd if=/dev/urandom of="$work/etc/munge.key" bs=1024 count=1 status=none && chmod 400 "$work/etc/munge.key"
chmod 700 "$work/run" "$work/etc"
socket="$work/run/munge.socket"
munged --force --key-file="$work/etc/munge.key" --socket="$socket" --pid-file="$work/run/munged.pid" \
  --log-file="$work/log/munged.log" --seed-file="$work/run/munged.seed" ||
  skip "munged does not start (see $work/log/munged.log)"
started+=("$work/run/munged.pid")

user=$(id -un)
port=$((20000 + $$ % 20000))
cpus=$(nproc)
memory=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
export SLURM_CONF="$work/etc/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=werkstroomtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -f "$SLURM_CONF" -i || skip "slurmctld does not start (see $work/log/slurmctld.log)"
started+=("$work/run/slurmctld.pid")
slurmd -f "$SLURM_CONF" -N localhost || skip "slurmd does not start (see $work/log/slurmd.log)"
started+=("$work/run/slurmd.pid")
ready=""
for _ in $(seq 60); do
  state=$(sinfo -h -N -o %t 2>/dev/null | head -1)
  case "$state" in idle* | mix* | alloc*) ready=yes; break ;; esac
  sleep 1
done
[ -n "$ready" ] || skip "the node did not come up (state '${state:-none}'; logs in $work/log)"
echo "single-node Slurm up: $(sinfo -h -o '%P %D %t %C')"

out="$work/out/merged.nc"
ids=$("$source/tools/slurm/submit" --replications 10 --tasks 4 --out "$out" --time 00:10:00 --cpus 1 --mem 500M \
  --bin "$bin" "$source/scenarios/baseline.toml") || fail "submit failed"
echo "submitted: $ids"
for _ in $(seq 600); do
  [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h -o %i)" ] || fail "jobs still queued after 10 minutes: $(squeue)"
[ -f "$out" ] || fail "no merged file; job output: $(cat "$out".slurm-parts/*.out 2>/dev/null)"
echo "parts:" "$out".slurm-parts/part-*.nc
"$bin" run "$source/scenarios/baseline.toml" --replications 10 --out "$work/out/single.nc" --quiet >/dev/null ||
  fail "single run failed"
/usr/bin/python3 "$source/tools/same_content.py" "$work/out/single.nc" "$out" --ignore history ||
  fail "the merged file differs from a single run"
echo "passed: a 4-task Slurm array plus merge equals a single run of 10 replications"
