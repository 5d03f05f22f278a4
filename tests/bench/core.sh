#!/bin/sh
# tests/bench/core.sh — the core pipeline (essay reader + plain and json
# writers) over the whole Gutenberg corpus, against pandoc -f markdown -t
# plain in the same run.  pandoc manages about 1 MB/s, so it reads a fixed
# subset of about 5 MB (the first files by name until 5 MB) and both
# programs are also timed on that subset; its MB/s is what the ratio uses.
# Peak RSS is /usr/bin/time's maximum resident set size, per process.
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
largest=$(cd "$C" && wc -c $(cat "$T/all") | sort -n | tail -2 | head -1 | awk '{print $1}')
nall=$(wc -l <"$T/all")
nsub=$(wc -l <"$T/subset")

now() { date +%s.%N; }

# run LIST CMD...: runs CMD FILE for every file of LIST; prints seconds and
# the peak RSS in KB of the hungriest process.
run() {
    list=$1; shift
    : >"$T/rss"
    t0=$(now)
    while read -r f; do
        /usr/bin/time -f '%M' -o "$T/one" "$@" "$C/$f" >/dev/null 2>"$T/err" ||
            echo "  failed: $* $f: $(head -c 200 "$T/err")" >&2
        cat "$T/one" >>"$T/rss"
    done <"$list"
    t1=$(now)
    echo "$t0 $t1 $(sort -n "$T/rss" | tail -1)" | awk '{printf "%.3f %d\n", $2 - $1, $3}'
}

report() {  # NAME BYTES SECONDS RSS
    awk -v n="$1" -v b="$2" -v s="$3" -v r="$4" \
        'BEGIN { printf "| %s | %.1f MB | %.2f s | %.1f MB/s | %.1f MB |\n", n, b/1e6, s, b/1e6/s, r/1024 }'
}

echo "corpus: $nall files, $total bytes (largest $largest); subset: $nsub files, $subset bytes"
echo "| run | input | time | throughput | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
set -- $(run "$T/all" "$S" -f essay -t plain); p_s=$1 p_r=$2
report "samizdat -t plain, whole corpus" "$total" "$p_s" "$p_r"
set -- $(run "$T/all" "$S" -f essay -t json); j_s=$1 j_r=$2
report "samizdat -t json, whole corpus" "$total" "$j_s" "$j_r"
set -- $(run "$T/subset" "$S" -f essay -t plain); sp_s=$1
report "samizdat -t plain, subset" "$subset" "$sp_s" "$2"
set -- $(run "$T/subset" pandoc -f markdown -t plain); pd_s=$1 pd_r=$2
report "pandoc -f markdown -t plain, subset" "$subset" "$pd_s" "$pd_r"

awk -v ps="$p_s" -v tb="$total" -v pd="$pd_s" -v sb="$subset" -v sps="$sp_s" \
    -v pr="$p_r" -v jr="$j_r" -v big="$largest" 'BEGIN {
    ours = tb / ps; theirs = sb / pd;
    printf "throughput ratio (samizdat plain, whole corpus / pandoc, subset): %.0fx (target >= 100x)\n", ours / theirs;
    printf "same-files ratio on the subset: %.0fx\n", pd / sps;
    limit = 3 * big / 1024 + 10240; worst = pr > jr ? pr : jr;
    printf "peak RSS %.1f MB; limit 3 x largest input + 10 MB = %.1f MB: %s\n",
        worst / 1024, limit / 1024, worst <= limit ? "met" : "NOT met";
}'
