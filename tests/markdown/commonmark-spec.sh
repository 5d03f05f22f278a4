#!/bin/sh
# tests/markdown/commonmark-spec.sh — the CommonMark spec's own runner
# (test/spec_tests.py) on `samizdat -f commonmark -t html`.
# SZ_COMMONMARK_SPEC names a checkout of commonmark-spec (0.31.2: spec.txt
# and test/; nothing of it is kept here).  Passes when at least
# SZ_COMMONMARK_MIN examples pass (default: the count last reached).
. "$(dirname "$0")/../lib.sh"
: "${SZ_COMMONMARK_MIN:=637}"
S=$SZ_COMMONMARK_SPEC
if [ -z "$S" ] || [ ! -f "$S/test/spec_tests.py" ] || [ ! -f "$S/spec.txt" ]; then
    skip "markdown: CommonMark spec runner (set SZ_COMMONMARK_SPEC to a commonmark-spec checkout)"
    exit 0
fi
(cd "$S" && python3 test/spec_tests.py --spec spec.txt \
    --program "$SAMIZDAT -f commonmark -t html") >"$SZ_TMP/cm-spec.out" 2>&1
line=$(tail -n 1 "$SZ_TMP/cm-spec.out")
got=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
if [ -n "$got" ] && [ "$got" -ge "$SZ_COMMONMARK_MIN" ]; then
    pass "markdown: CommonMark spec, -f commonmark -t html: $line"
else
    fail "markdown: CommonMark spec: ${line:-runner failed} (wanted at least $SZ_COMMONMARK_MIN)"
fi
