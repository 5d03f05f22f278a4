#!/bin/sh
# tests/cluster/slurm.sh — README's Slurm array job, run for real: installs
# Debian's slurm-wlm and munge if missing, writes a single-node slurm.conf
# in a temporary folder (its own ports, state and logs), starts munged,
# slurmctld and slurmd, submits examples/slurm/convert.sbatch as an array of
# 4 over corpus books (or generated texts) into one shared OUTDIR, waits,
# checks that the outputs equal a one-machine run byte for byte and that the
# manifest parts name every document once, and stops the daemons it started.
# `make check-full` (SZ_FULL=1) always runs it; `make check` only when Slurm
# is installed and started within a minute, else it skips saying why.
. "$(dirname "$0")/../lib.sh"
if [ "${SZ_ASAN:-0}" = 1 ]; then skip "slurm: run in the release pass only"; exit 0; fi
budget=60
t0=$(date +%s)
need=""
for c in slurmctld slurmd munged sbatch; do command -v $c >/dev/null 2>&1 || need=1; done
if [ -n "$need" ]; then
    if [ "$(id -u)" -ne 0 ]; then skip "slurm: slurm-wlm/munge not installed and not root"; exit 0; fi
    if [ "${SZ_FULL:-0}" = 1 ]; then
        sh "$SZ_ROOT/tests/deps.sh" slurm-wlm munge >/dev/null 2>&1
    else
        DEBIAN_FRONTEND=noninteractive timeout $budget \
            apt-get install -y -q --no-install-recommends slurm-wlm munge >/dev/null 2>&1
    fi
    for c in slurmctld slurmd munged sbatch; do
        command -v $c >/dev/null 2>&1 || { skip "slurm: cannot install slurm-wlm and munge (within ${budget}s)"; exit 0; }
    done
fi
D=$SZ_TMP/slurm
mkdir -p "$D/state" "$D/spool" "$D/work"
pids=""
stop() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    sleep 1
    for p in $pids; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$SZ_TMP"
}
trap stop EXIT
# free TCP ports for slurmctld and slurmd
set -- $(python3 -c "
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(('127.0.0.1', 0))
print(*[x.getsockname()[1] for x in s])")
cport=$1 dport=$2
host=$(hostname -s)
head -c 1024 /dev/urandom > "$D/munge.key"
chmod 400 "$D/munge.key"
munged --force --key-file "$D/munge.key" --socket "$D/munge.sock" --pid-file "$D/munged.pid" \
    --log-file "$D/munged.log" --seed-file "$D/munge.seed" >/dev/null 2>&1
sleep 0.5
[ -f "$D/munged.pid" ] && pids="$pids $(cat "$D/munged.pid")"
cpus=$(nproc)
cat > "$D/slurm.conf" <<CONF
ClusterName=sztest
SlurmctldHost=$host
SlurmctldPort=$cport
SlurmdPort=$dport
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge.sock
CredType=cred/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$D/slurm.conf
slurmctld -D -f "$SLURM_CONF" >"$D/slurmctld.out" 2>&1 &
pids="$pids $!"
slurmd -D -f "$SLURM_CONF" -N "$host" >"$D/slurmd.out" 2>&1 &
pids="$pids $!"
state=""
while [ $(($(date +%s) - t0)) -lt $budget ]; do
    state=$(sinfo -h -o %T 2>/dev/null | head -1)
    case $state in idle*|mixed*|allocated*) break ;; esac
    sleep 1
done
case $state in
idle*|mixed*|allocated*) ;;
*)
    if [ "${SZ_FULL:-0}" = 1 ]; then
        fail "slurm: the single-node cluster did not start within ${budget}s (state '$state'): $(tail -2 "$D/slurmctld.log" "$D/slurmd.log" 2>/dev/null | tr '\n' ' ' | head -c 300)"
    else
        skip "slurm: the single-node cluster did not start within ${budget}s (state '$state')"
    fi
    exit 0 ;;
esac
pass "slurm: munged, slurmctld and slurmd started ($(($(date +%s) - t0)) s)"

# The inputs: a few corpus books, or generated texts.
IN=$D/work/books
mkdir -p "$IN"
if have_shared; then
    ls "$SZ_SHARED/corpus/gutenberg"/*.txt | head -12 | while read -r f; do cp "$f" "$IN/"; done
else
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        printf 'Book %d\n\nA paragraph of book %d, with some words.\n\nAnother one.\n' $i $i > "$IN/book$i.txt"
    done
fi
FMTS=plain,json
export SAMIZDAT SOURCE_DATE_EPOCH=1700000000
OUT=$D/work/out
(cd "$D/work" && sbatch --wait --array=1-4 --cpus-per-task=1 "$SZ_ROOT/examples/slurm/convert.sbatch" \
    "$IN" "$OUT" "$FMTS" >"$D/sbatch.out" 2>&1)
rc=$?
if [ $rc -eq 0 ]; then pass "slurm: the array job of 4 shards ran (sbatch --wait)"; else
    fail "slurm: sbatch exit $rc: $(cat "$D/sbatch.out" "$D"/work/samizdat-*.log 2>/dev/null | head -c 300 | tr '\n' ' ')"; fi
"$SAMIZDAT" batch -q -t "$FMTS" "$IN" -o "$D/work/one"
(cd "$OUT" && find . -type f ! -name 'manifest*' ! -name '.samizdat*' -exec sha256sum {} + | sort) > "$D/shards.sum"
(cd "$D/work/one" && find . -type f ! -name 'manifest*' ! -name '.samizdat*' -exec sha256sum {} + | sort) > "$D/one.sum"
if [ -s "$D/one.sum" ] && cmp -s "$D/one.sum" "$D/shards.sum"; then
    pass "slurm: the shards' outputs equal a one-machine run byte for byte"
else
    fail "slurm: outputs differ: $(diff "$D/one.sum" "$D/shards.sum" | head -4 | tr '\n' ' ')"
fi
nparts=$(ls "$OUT"/manifest-*-of-4.jsonl 2>/dev/null | wc -l)
if python3 - "$OUT" "$D/work/one/manifest.jsonl" <<'PY'
import collections, glob, json, sys
out, one = sys.argv[1], sys.argv[2]
keys = collections.Counter()
for p in glob.glob(out + "/manifest-*-of-4.jsonl"):
    for l in open(p, encoding="utf-8"):
        r = json.loads(l); keys[(r["input"], r["member"])] += 1
want = {(json.loads(l)["input"], json.loads(l)["member"]) for l in open(one, encoding="utf-8")}
sys.exit(0 if set(keys) == want and all(v == 1 for v in keys.values()) else 1)
PY
then
    pass "slurm: $nparts manifest parts name every document once"
else
    fail "slurm: manifests: $nparts parts, documents missing or twice"
fi
"$SAMIZDAT" batch --status "$IN" -o "$OUT" > "$D/status.out"
grep -q ' 0 pending$' "$D/status.out" && pass "slurm: batch --status: nothing pending" ||
    fail "slurm: --status: $(tr '\n' ' ' < "$D/status.out")"
