#!/bin/sh
# tests/bench/core.sh — the core pipeline (essay reader + plain and json
# writers) over the whole Gutenberg corpus, against pandoc -f markdown -t
# plain in the same run.  pandoc manages well under 1 MB/s, so it reads a
# fixed subset of about 5 MB (every k-th file by name) and both programs are
# also timed on that subset; its MB/s is what the ratio uses.
# Peak RSS is the maximum resident set size (wait4's rusage), per process.
# Throughput is input bytes over CPU time (user + system, summed over the
# processes), which a busy machine disturbs less than wall time; the wall
# time is shown too.
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
S=${SAMIZDAT:-$ROOT/build/samizdat}
C=${SZ_SHARED:-$ROOT/../shared}/corpus/gutenberg
SUBSET_BYTES=${SUBSET_BYTES:-5000000}

if [ ! -d "$C" ]; then echo "SKIP core bench: $C not found"; exit 0; fi
[ -x "$S" ] || { echo "core bench: build $S first (make)"; exit 1; }
[ -x /usr/bin/time ] || sh tests/deps.sh time || exit 1
command -v pandoc >/dev/null || sh tests/deps.sh pandoc || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

ls "$C" | sort >"$T/all"
total=$(cd "$C" && cat $(cat "$T/all") | wc -c)
# The subset: every k-th file by name (k = total / subset size), so it has
# books of every kind, until it holds SUBSET_BYTES.
k=$((total / SUBSET_BYTES / 2)); [ $k -ge 1 ] || k=1
subset=0 i=0
: >"$T/subset"
while read -r f; do
    i=$((i + 1))
    if [ $((i % k)) -eq 0 ] && [ $subset -lt "$SUBSET_BYTES" ]; then
        echo "$f" >>"$T/subset"
        subset=$((subset + $(wc -c <"$C/$f")))
    fi
done <"$T/all"
largest=$(cd "$C" && wc -c $(cat "$T/all") | sort -n | tail -2 | head -1 | awk '{print $1}')
nall=$(wc -l <"$T/all")
nsub=$(wc -l <"$T/subset")

now() { date +%s.%N; }

# run LIST CMD...: runs CMD FILE for every file of LIST; prints CPU seconds,
# wall seconds and the peak RSS in KB of the hungriest process.
# Both from tests/bench/cpu.py: CPU time in microseconds (/usr/bin/time's own
# 10 ms ticks counted most books of the corpus as 0), the process's own peak.
run() {
    list=$1; shift
    t0=$(now)
    set -- $(python3 tests/bench/cpu.py 1 -- "$@" "$C/{}" <"$list")
    t1=$(now)
    echo "$1 $t0 $t1 $2" | awk '{ printf "%.3f %.3f %d\n", $1, $3 - $2, $4 }'
}

report() {  # NAME BYTES CPU WALL RSS
    awk -v n="$1" -v b="$2" -v s="$3" -v w="$4" -v r="$5" \
        'BEGIN { if (s < 0.01) s = 0.01;
                 printf "| %s | %.1f MB | %.2f s | %.2f s | %.2f MB/s | %.1f MB |\n", n, b/1e6, s, w, b/1e6/s, r/1024 }'
}

echo "corpus: $nall files, $total bytes (largest $largest); subset: $nsub files, $subset bytes"
echo "| run | input | CPU time | wall time | throughput (CPU) | peak RSS |"
echo "| --- | --- | --- | --- | --- | --- |"
set -- $(run "$T/all" "$S" -f essay -t plain); p_s=$1 p_r=$3
report "samizdat -t plain, whole corpus" "$total" "$1" "$2" "$3"
set -- $(run "$T/all" "$S" -f essay -t json); j_s=$1 j_r=$3
report "samizdat -t json, whole corpus" "$total" "$1" "$2" "$3"
set -- $(run "$T/subset" "$S" -f essay -t plain); sp_s=$1
report "samizdat -t plain, subset" "$subset" "$1" "$2" "$3"
set -- $(run "$T/subset" pandoc -f markdown -t plain); pd_s=$1 pd_r=$3
report "pandoc -f markdown -t plain, subset" "$subset" "$1" "$2" "$3"

awk -v ps="$p_s" -v tb="$total" -v pd="$pd_s" -v sb="$subset" -v sps="$sp_s" \
    -v pr="$p_r" -v jr="$j_r" -v big="$largest" 'BEGIN {
    ours = tb / ps; theirs = sb / pd;
    printf "throughput ratio by CPU time (samizdat plain, whole corpus / pandoc, subset): %.0fx (target >= 100x)\n", ours / theirs;
    printf "same-files ratio on the subset: %.0fx\n", pd / sps;
    limit = 3 * big / 1024 + 10240; worst = pr > jr ? pr : jr;
    printf "peak RSS %.1f MB; limit 3 x largest input + 10 MB = %.1f MB: %s\n",
        worst / 1024, limit / 1024, worst <= limit ? "met" : "NOT met";
}'
