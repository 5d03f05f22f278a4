#!/bin/sh
# tests/html/agree-corpus.sh — the structural agreement of -f html with
# pandoc -f html on ../shared's paired HTML editions (tests/html/agree.py
# --score per book, then the mean).  Slow (pandoc takes seconds a book), so
# it is run by hand, not by make check; README quotes what it prints.
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=${SAMIZDAT:-build/samizdat}
SHARED=${SZ_SHARED:-../shared}
[ -d "$SHARED/corpus/paired" ] || { echo "agree-corpus: SKIP (no $SHARED/corpus/paired)"; exit 0; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-agree.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
: > "$TMP/scores"
for d in "$SHARED"/corpus/paired/*/; do
    b=$(basename "$d")
    [ -f "$d/$b.htm" ] || continue
    pandoc -f html -t json "$d/$b.htm" -o "$TMP/p.json" 2>/dev/null || continue
    "$SAMIZDAT" -q -f html -t json --pandoc-api 1.22 "$d/$b.htm" -o "$TMP/s.json" || continue
    if ! grep -q '"blocks":\[{' "$TMP/p.json"; then
        echo "$b: pandoc reads no blocks, left out"; continue
    fi
    s=$(python3 tests/html/agree.py --score "$TMP/p.json" "$TMP/s.json")
    echo "$b $s" | tee -a "$TMP/scores"
done
grep -v 'left out' "$TMP/scores" | awk '{ s += $2; n++ } END { printf "agree-corpus: %d books, mean structural agreement with pandoc -f html %.3f\n", n, s / n }'
