#!/bin/sh
# tests/bench/markdown.sh — the Markdown reader against pandoc's: three
# Gutenberg books of ../shared/corpus as pandoc Markdown (made by pandoc from
# samizdat's JSON of them), read to pandoc JSON by `samizdat -f markdown` and
# by `pandoc -f markdown`; CPU time (user+sys, the least of SZ_BENCH_RUNS
# runs, 3) and peak memory.
LEAST_FMT=%.2f
. "$(dirname "$0")/lib.sh"
bench_start markdown gutenberg
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
