#!/bin/sh
# tests/bench/epub.sh — the Gutenberg books (*.txt) to EPUB, against
# pandoc -f markdown -t epub3 in the same run.  pandoc is slow (well under
# 1 MB/s), so it converts a fixed subset (the first books by name until
# SUBSET_BYTES) and samizdat is timed on that subset too; the ratio compares
# throughputs.  Peak RSS is the maximum resident set size (wait4's rusage).
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
S=${SAMIZDAT:-$ROOT/build/samizdat}
C=${SZ_SHARED:-$ROOT/../shared}/corpus/gutenberg
SUBSET_BYTES=${SUBSET_BYTES:-2000000}

if [ ! -d "$C" ]; then echo "SKIP epub bench: $C not found"; exit 0; fi
[ -x "$S" ] || { echo "epub bench: build $S first (make)"; exit 1; }
[ -x /usr/bin/time ] || sh tests/deps.sh time || exit 1
command -v pandoc >/dev/null || sh tests/deps.sh pandoc || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000

(cd "$C" && ls -- *.txt) | sort >"$T/all"
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

now() { date +%s.%N; }

# run LIST CMD...: CMD FILE -o OUT.epub for every file of LIST; prints wall
# seconds, CPU seconds (user+sys, what the ratio uses: the machine is
# shared) and the peak RSS in KB of the hungriest process.
# CPU time and peak from tests/bench/cpu.py (CPU time in microseconds:
# /usr/bin/time's own 10 ms ticks counted the corpus's small books as 0).
run() {
    list=$1; shift
    t0=$(now)
    set -- $(python3 tests/bench/cpu.py 1 -- "$@" "$C/{}" -o "$T/out.epub" <"$list")
    t1=$(now)
    echo "$t0 $t1 $1 $2" | awk '{ printf "%.3f %.3f %d\n", $2 - $1, $3, $4 }'
}

report() {  # NAME BYTES WALL CPU RSS
    awk -v n="$1" -v b="$2" -v s="$3" -v c="$4" -v r="$5" \
        'BEGIN { printf "| %s | %.1f MB | %.2f s | %.2f s | %.2f MB/s | %.1f MB |\n", n, b/1e6, s, c, b/1e6/c, r/1024 }'
}

echo "corpus: $nall books, $total bytes; pandoc subset: $nsub books, $subset bytes"
echo "| run | input | wall | CPU | throughput (CPU) | peak RSS |"
echo "| --- | --- | --- | --- | --- | --- |"
set -- $(run "$T/all" "$S" -f essay -t epub -M lang=en); a_s=$2
report "samizdat -t epub, all books" "$total" "$1" "$2" "$3"
set -- $(run "$T/subset" "$S" -f essay -t epub -M lang=en); s_s=$2
report "samizdat -t epub, subset" "$subset" "$1" "$2" "$3"
set -- $(run "$T/subset" pandoc -f markdown -t epub3 -M lang=en -M title=Book); p_s=$2
report "pandoc -f markdown -t epub3, subset" "$subset" "$1" "$2" "$3"
awk -v as="$a_s" -v tb="$total" -v ps="$p_s" -v sb="$subset" -v ss="$s_s" 'BEGIN {
    printf "throughput ratio (samizdat, all books / pandoc, subset): %.0fx (target >= 30x)\n", (tb / as) / (sb / ps);
    printf "same-files ratio on the subset: %.0fx\n", ps / ss;
}'
