#!/bin/sh
# tests/bench/markdown.sh — the Markdown reader against pandoc's: three
# Gutenberg books of ../shared/corpus as pandoc Markdown (made by pandoc from
# samizdat's JSON of them), read to pandoc JSON by `samizdat -f markdown` and
# by `pandoc -f markdown`; CPU time (user+sys, the least of SZ_BENCH_RUNS
# runs, 3) and peak memory.
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=${SAMIZDAT:-build/samizdat}
SHARED=${SZ_SHARED:-../shared}
RUNS=${SZ_BENCH_RUNS:-3}
if [ ! -d "$SHARED/corpus/gutenberg" ]; then
    echo "markdown: SKIP (no corpus in $SHARED/corpus/gutenberg)"; exit 0
fi
if ! command -v pandoc >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
    echo "markdown: SKIP (needs pandoc and /usr/bin/time)"; exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
least() {   # least OUT CMD... : "cpu-seconds peak-kB" of the fastest run
    out=$1; shift
    : > "$TMP/runs"
    i=0
    while [ $i -lt "$RUNS" ]; do
        /usr/bin/time -f '%U %S %M' -o "$TMP/time" "$@" > /dev/null 2> "$TMP/err" ||
            { echo "FAIL: $(head -c 200 "$TMP/err")"; return 1; }
        awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$TMP/time" >> "$TMP/runs"
        i=$((i + 1))
    done
    sort -n "$TMP/runs" | head -1 > "$out"
}
for book in 11-0 pg174 2600-0; do
    src=$SHARED/corpus/gutenberg/$book.txt
    [ -f "$src" ] || continue
    "$SAMIZDAT" "$src" -t json --pandoc-api 1.22 2>/dev/null |
        pandoc -f json -t markdown -o "$TMP/$book.md" || continue
    size=$(wc -c < "$TMP/$book.md")
    least "$TMP/s" "$SAMIZDAT" -f markdown -t json "$TMP/$book.md" || continue
    least "$TMP/p" pandoc -f markdown -t json "$TMP/$book.md" || continue
    read -r st sm < "$TMP/s"
    read -r pt pm < "$TMP/p"
    awk -v b="$book" -v z="$size" -v st="$st" -v sm="$sm" -v pt="$pt" -v pm="$pm" 'BEGIN {
        printf "markdown: %s.md (%.2f MB): samizdat %.2f s %d MB, pandoc %.2f s %d MB: %.0fx\n",
               b, z / 1048576, st, sm / 1024, pt, pm / 1024, (st > 0 ? pt / st : 0) }'
done
