#!/bin/sh
# tests/bench/tei.sh — corpus to TEI: samizdat -t tei over every book of the
# Gutenberg corpus, against pandoc -f markdown -t tei -s in the same run.
# pandoc is slow on these books (well under 1 MB/s, gigabytes of memory),
# so it reads a subset (the first files by name until SUBSET_BYTES, 2 MB by
# default) and samizdat is timed on that subset too; the ratio compares
# samizdat's whole-corpus MB/s with pandoc's subset MB/s.  -t native is a
# baseline: the difference is what the TEI writer costs.  Peak RSS is
# the maximum resident set size (wait4's rusage) of the hungriest process.
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
S=${SAMIZDAT:-$ROOT/build/samizdat}
C=${SZ_SHARED:-$ROOT/../shared}/corpus/gutenberg
SUBSET_BYTES=${SUBSET_BYTES:-2000000}

if [ ! -d "$C" ]; then echo "SKIP tei bench: $C not found"; exit 0; fi
[ -x "$S" ] || { echo "tei bench: build $S first (make)"; exit 1; }
[ -x /usr/bin/time ] || sh tests/deps.sh time || exit 1
command -v pandoc >/dev/null || sh tests/deps.sh pandoc || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

ls "$C" | sort >"$T/all"
total=0 subset=0
: >"$T/subset"
while read -r f; do
    sz=$(wc -c <"$C/$f")
    total=$((total + sz))
    if [ $subset -lt "$SUBSET_BYTES" ]; then
        echo "$f" >>"$T/subset"
        subset=$((subset + sz))
    fi
done <"$T/all"
nall=$(wc -l <"$T/all")
nsub=$(wc -l <"$T/subset")

# run LIST CMD...: CMD FILE for every file of LIST; prints CPU seconds
# (user+sys, steadier than wall time on a shared machine) and the peak RSS
# in KB of the hungriest process, both from tests/bench/cpu.py (CPU time in
# microseconds: /usr/bin/time's own 10 ms ticks counted most books of the
# corpus as 0).
run() {
    list=$1; shift
    set -- $(python3 tests/bench/cpu.py 1 -- "$@" "$C/{}" <"$list")
    echo "$1 $2"
}

report() {  # NAME BYTES SECONDS RSS
    awk -v n="$1" -v b="$2" -v s="$3" -v r="$4" \
        'BEGIN { printf "| %s | %.1f MB | %.2f s | %.2f MB/s | %.1f MB |\n", n, b/1e6, s, b/1e6/s, r/1024 }'
}

echo "corpus: $nall files, $total bytes; pandoc subset: $nsub files, $subset bytes"
echo "| run | input | CPU time | throughput | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
set -- $(run "$T/all" "$S" -f essay -t tei); a_s=$1
report "samizdat -t tei, whole corpus" "$total" "$1" "$2"
set -- $(run "$T/all" "$S" -f essay -t native)
report "samizdat -t native, whole corpus (baseline)" "$total" "$1" "$2"
set -- $(run "$T/subset" "$S" -f essay -t tei); s_s=$1
report "samizdat -t tei, subset" "$subset" "$1" "$2"
set -- $(run "$T/subset" pandoc -f markdown -t tei -s); p_s=$1
report "pandoc -f markdown -t tei -s, subset" "$subset" "$1" "$2"
awk -v as="$a_s" -v tb="$total" -v ps="$p_s" -v sb="$subset" -v ss="$s_s" 'BEGIN {
    printf "throughput ratio (samizdat whole corpus / pandoc subset): %.0fx (target >= 100x)\n", (tb / as) / (sb / ps);
    printf "same-files ratio on the subset: %.0fx\n", ps / ss;
}'
