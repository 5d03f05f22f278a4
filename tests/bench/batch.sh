#!/bin/sh
# tests/bench/batch.sh — samizdat batch over the whole Gutenberg corpus to
# EPUB + TEI with -j1 and -j2 (documents/s, MB/s, speed-up, peak RSS of a
# worker), against pandoc converting a subset of the same books, two pandoc
# processes at a time, scaled by bytes.
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=${SAMIZDAT:-build/samizdat}
G=${SZ_SHARED:-../shared}/corpus/gutenberg
NP=${SZ_BENCH_PANDOC_BOOKS:-4}
[ -d "$G" ] || { echo "batch: SKIP: $G not present"; exit 0; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000

FMTS=epub,tei
printf 'Probe.\n' > "$TMP/p.txt"
for f in epub tei; do
    "$SAMIZDAT" -t $f -o "$TMP/p.$f" "$TMP/p.txt" 2>/dev/null || FMTS=plain,json
done
n=$(ls "$G"/*.txt | wc -l)
bytes=$(cat "$G"/*.txt "$G"/*.md "$G"/*.json 2>/dev/null | wc -c)
mb=$(echo "$bytes" | awk '{printf "%.1f", $1 / 1e6}')
echo "batch: corpus $n books, $mb MB, to $FMTS (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"

# sam J: one batch run with -j J; prints seconds and the peak worker RSS.
sam() {
    rm -rf "$TMP/out$1"
    t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$TMP/cpu$1" \
        "$SAMIZDAT" batch -j "$1" -t "$FMTS" "$G" -o "$TMP/out$1" 2>"$TMP/err$1"
    rc=$?
    t1=$(date +%s.%N)
    rss=$(sed -n 's/.*peak worker memory \([0-9.]*\) MB.*/\1/p' "$TMP/err$1")
    ok=$(sed -n 's/.*documents: \([0-9]*\) converted.*/\1/p' "$TMP/err$1")
    echo "$t0 $t1 $rss $ok $rc"
}
set -- $(sam 1); t1=$(echo "$2 - $1" | bc); rss1=$3; ok1=$4
set -- $(sam 2); t2=$(echo "$2 - $1" | bc); rss2=$3; ok2=$4
for j in 1 2; do
    eval "t=\$t$j ok=\$ok$j rss=\$rss$j"
    cpu=$(awk '{print $1 + $2}' "$TMP/cpu$j")
    echo "$t $ok $bytes $rss $j $cpu" | awk '{printf "batch: samizdat -j%d: %.2f s (CPU %.2f s), %d docs ok, %.1f docs/s, %.2f MB/s, peak worker RSS %s MB\n", $5, $1, $6, $2, $2 / $1, $3 / 1e6 / $1, $4}'
done
echo "$t1 $t2" | awk '{printf "batch: -j2 speed-up over -j1: %.2fx\n", $1 / $2}'

# Many small texts: what a document costs besides its text (fork, files).
python3 - "$TMP/small" <<'PY'
import os, sys
for i in range(2000):
    d = "%s/d%02d" % (sys.argv[1], i % 20)
    os.makedirs(d, exist_ok=True)
    with open("%s/t%04d.txt" % (d, i), "w") as f:
        f.write("Title %d\n\nA small text of a few words.\n" % i)
PY
t0=$(date +%s.%N)
"$SAMIZDAT" batch -q -j 2 -t "$FMTS" "$TMP/small" -o "$TMP/smallout"
t1=$(date +%s.%N)
echo "$t0 $t1" | awk '{printf "batch: 2000 small texts, -j2: %.2f s, %.0f docs/s\n", $2 - $1, 2000 / ($2 - $1)}'

# pandoc on NP books spread across the sizes, two processes at a time.
if command -v pandoc >/dev/null 2>&1; then
    ls -S "$G"/*.txt | awk -v n="$n" -v k="$NP" 'NR % int(n / k) == 1' | head -"$NP" > "$TMP/sub"
    pbytes=$(cat $(cat "$TMP/sub") | wc -c)
    t0=$(date +%s.%N)
    pfmts=$(echo "$FMTS" | sed 's/epub/epub3/; s/plain/plain/')
    for f in $(echo "$pfmts" | tr ',' ' '); do
        sed "s|\$| $f|" "$TMP/sub"
    done | /usr/bin/time -f '%U %S' -o "$TMP/cpup" xargs -P 2 -L 1 sh -c 'pandoc -f markdown -t "$1" "$0" -o "'"$TMP"'/pd.$$.$1" 2>/dev/null'
    t1p=$(date +%s.%N)
    tp=$(echo "$t1p - $t0" | bc)
    echo "$tp $pbytes $NP" | awk '{printf "batch: pandoc (2 at a time) on %d books, %.2f MB: %.2f s, %.3f MB/s\n", $3, $2 / 1e6, $1, $2 / 1e6 / $1}'
    cpup=$(awk '{print $1 + $2}' "$TMP/cpup")
    cpu2=$(awk '{print $1 + $2}' "$TMP/cpu2")
    echo "$cpup" | awk '{printf "batch: pandoc CPU %.2f s\n", $1}'
    echo "$tp $pbytes $t2 $bytes" | awk '{printf "batch: samizdat -j2 vs pandoc (2 at a time), MB/s of wall time: %.0fx\n", ($4 / $3) / ($2 / $1)}'
    echo "$cpup $pbytes $cpu2 $bytes" | awk '{printf "batch: samizdat vs pandoc, MB per CPU second: %.0fx\n", ($4 / $3) / ($2 / $1)}'
fi
