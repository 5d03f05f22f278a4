#!/bin/sh
# tests/bench/lua.sh — cost of Lua filters on a ~10 MB corpus document
# (Gutenberg books concatenated), essay reader -> plain writer: no filter, a
# Str filter returning nil, one upper-casing every Str, one with a Para
# function.  pandoc 2.17 runs the same filter files on a ~1 MB slice (as
# pandoc JSON made by samizdat, so pandoc only parses JSON, filters and
# writes); its times are scaled by the size ratio.  Each time is the least
# CPU time (user+sys) of SZ_BENCH_RUNS runs (5; pandoc: SZ_BENCH_PANDOC_RUNS, 2).
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=${SAMIZDAT:-build/samizdat}
SHARED=${SZ_SHARED:-../shared}
MB=${SZ_BENCH_LUA_MB:-10}
SLICE_KB=${SZ_BENCH_LUA_SLICE_KB:-1000}
if [ ! -d "$SHARED/corpus/gutenberg" ]; then
    echo "lua: SKIP (no corpus in $SHARED/corpus/gutenberg)"; exit 0
fi
if [ ! -x /usr/bin/time ]; then echo "lua: SKIP (needs /usr/bin/time)"; exit 0; fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
for f in "$SHARED"/corpus/gutenberg/*.txt; do
    cat "$f" >> "$TMP/big.txt"; printf '\n\n' >> "$TMP/big.txt"
    [ "$(wc -c < "$TMP/big.txt")" -ge $((MB * 1048576)) ] && break
done
head -c $((SLICE_KB * 1024)) "$TMP/big.txt" > "$TMP/slice.txt"
printf '%s\n' 'function Str(el) return nil end' > "$TMP/str_nil.lua"
printf '%s\n' 'function Str(el) return pandoc.Str(el.text:upper()) end' > "$TMP/str_upper.lua"
printf '%s\n' 'function Para(el) return el end' > "$TMP/para.lua"
# Also no-ops, but a Str function that may keep its element gets a new one
# per call (see src/bridge/lescape.c): its cost is shown beside.
printf '%s\n' 'function Str(el) return el end' > "$TMP/str_same.lua"
printf '%s\n' 'local last' 'function Str(el) last = el end' > "$TMP/str_keep.lua"
printf '%s\n' 'local s, p = 0, 0' 'function Str() s = s + 1 end' 'function Para() p = p + 1 end' \
    'function Pandoc() io.stderr:write(s, " ", p, "\n") end' > "$TMP/count.lua"
size=$(wc -c < "$TMP/big.txt")
ssize=$(wc -c < "$TMP/slice.txt")
"$SAMIZDAT" "$TMP/big.txt" -t plain -L "$TMP/count.lua" 2> "$TMP/counts" > /dev/null
read -r nstr npara < "$TMP/counts"
echo "lua: input $(awk -v s="$size" 'BEGIN{printf "%.1f", s/1048576}') MB: $nstr Str, $npara Para; pandoc slice $(awk -v s="$ssize" 'BEGIN{printf "%.2f", s/1048576}') MB"

RUNS=${SZ_BENCH_RUNS:-5}
once() {   # once CMD... : prints user+sys seconds of one run
    /usr/bin/time -f '%U %S' -o "$TMP/time" "$@" > /dev/null 2> "$TMP/err" || { echo FAIL; return; }
    awk '{ printf "%.3f\n", $1 + $2 }' "$TMP/time"
}
least() { sort -n "$1" | head -1; }
# samizdat's runs are interleaved (none, str_nil, str_upper, para, none,
# ...) so a machine getting busier or quieter shifts them all alike; each
# figure is the least of its RUNS runs.
: > "$TMP/t.none"; for f in str_nil str_upper para str_same str_keep; do : > "$TMP/t.$f"; done
r=0
while [ $r -lt "$RUNS" ]; do
    once "$SAMIZDAT" "$TMP/big.txt" -t plain >> "$TMP/t.none"
    for f in str_nil str_upper para str_same str_keep; do
        once "$SAMIZDAT" "$TMP/big.txt" -t plain -L "$TMP/$f.lua" >> "$TMP/t.$f"
    done
    r=$((r + 1))
done
t0=$(least "$TMP/t.none")
have_pandoc=0
if command -v pandoc >/dev/null 2>&1 && [ "${SZ_BENCH_PANDOC:-1}" != 0 ]; then
    have_pandoc=1
    "$SAMIZDAT" "$TMP/slice.txt" -t json --pandoc-api 1.22 > "$TMP/slice.json"
fi
printf 'lua: %-22s samizdat %6.2f s (least of %d runs)\n' "no filter" "$t0" "$RUNS"
for f in str_nil str_upper para str_same str_keep; do
    t=$(least "$TMP/t.$f")
    n=$nstr; [ $f = para ] && n=$npara
    line=$(awk -v t="$t" -v t0="$t0" -v n="$n" 'BEGIN { printf "samizdat %6.2f s (+%3.0f%%, %.2f us per callback)", t, (t - t0) * 100 / t0, (t - t0) * 1e6 / n }')
    if [ $have_pandoc = 1 ] && [ $f != str_same ] && [ $f != str_keep ]; then
        : > "$TMP/p"
        for r in $(seq "${SZ_BENCH_PANDOC_RUNS:-2}"); do
            once pandoc -f json -t plain -L "$TMP/$f.lua" "$TMP/slice.json" >> "$TMP/p"
        done
        p=$(least "$TMP/p")
        line="$line $(awk -v p="$p" -v t="$t" -v s="$size" -v ss="$ssize" 'BEGIN { sc = p * s / ss; printf "  pandoc %6.2f s on slice, %7.1f s scaled: %.0fx", p, sc, sc / t }')"
    fi
    printf 'lua: %-22s %s\n' "$f" "$line"
done
