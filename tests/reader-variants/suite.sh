#!/bin/sh
# tests/reader-variants/suite.sh — the plain-text reader on texts written in
# many conventions: gen.py renders structured documents (title lines, By
# lines, headings underlined, numbered or in capitals, paragraphs per line
# or wrapped, encodings, scripts, epigraphs, contents, verse, footnotes),
# one batch run reads them all, check.py compares each tree with the
# structure it was rendered from.  Passes when enough come back exactly.
. "$(dirname "$0")/../lib.sh"
D=$SZ_ROOT/tests/reader-variants
# Per cent of the variants that must come back exactly.
THRESHOLD=96
# One rule each: cases/NAME.txt read with -s gives cases/NAME.native exactly.
for t in "$D"/cases/*.txt; do
    n=$(basename "$t" .txt)
    "$SAMIZDAT" -s -f essay -t native "$t" >"$SZ_TMP/$n.native" 2>"$SZ_TMP/$n.err"
    check_same "reader-variants: $n" "${t%.txt}.native" "$SZ_TMP/$n.native"
done
command -v python3 >/dev/null || { skip "reader-variants: python3 missing"; exit 0; }
# The hand-written short essays (tests/reader-truth/essays): at least this
# many of the twenty-five working ones come out exact (title, author, date,
# headings, every block).
ESSAYS_EXACT=25
check "reader-variants: at least $ESSAYS_EXACT of 25 hand-written essays exact" \
    python3 "$SZ_ROOT/tests/reader-truth/essays/essays.py" "$SAMIZDAT" --min "$ESSAYS_EXACT"
python3 "$D/gen.py" "$SZ_TMP/in" >/dev/null || { fail "reader-variants: gen.py"; exit 1; }
"$SAMIZDAT" batch -q -f essay -t json -j 2 -o "$SZ_TMP/out" "$SZ_TMP/in" 2>"$SZ_TMP/err"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
    fail "reader-variants: batch exited $rc: $(head -c 300 "$SZ_TMP/err")"
    exit 0
fi
if grep -q 'Sanitizer\|runtime error' "$SZ_TMP/err"; then
    fail "reader-variants: $(grep -m1 'ERROR\|runtime error' "$SZ_TMP/err")"
    exit 0
fi
python3 "$D/check.py" "$SZ_TMP/in" "$SZ_TMP/out" "$THRESHOLD"
