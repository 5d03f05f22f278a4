#!/bin/sh
# tests/markdown/pandoc-commands.sh — pandoc's own test/command cases for its
# Markdown reader (`pandoc -t native`, `pandoc -f markdown -t native`), read
# by samizdat and compared with pandoc's expected tree as JSON.
# SZ_PANDOC_SRC names a pandoc source checkout (its test/command folder is
# enough; nothing of it is kept here). -v prints each difference.
# Passes when at least SZ_PANDOC_MIN cases (default: the count last reached)
# give pandoc's tree.
. "$(dirname "$0")/../lib.sh"
: "${SZ_PANDOC_MIN:=85}"
if [ -z "$SZ_PANDOC_SRC" ] || [ ! -d "$SZ_PANDOC_SRC/test/command" ]; then
    skip "markdown: pandoc test/command cases (set SZ_PANDOC_SRC to a pandoc checkout)"
    exit 0
fi
python3 "$SZ_ROOT/tests/markdown/pandoc-commands.py" "$SAMIZDAT" "$SZ_PANDOC_SRC" "$@" \
    >"$SZ_TMP/pc.out" 2>&1
grep -v '^pandoc test/command' "$SZ_TMP/pc.out"
got=$(sed -n 's/^pandoc test\/command.*: \([0-9]*\) of .*/\1/p' "$SZ_TMP/pc.out")
line=$(grep '^pandoc test/command' "$SZ_TMP/pc.out")
if [ -n "$got" ] && [ "$got" -ge "$SZ_PANDOC_MIN" ]; then
    pass "markdown: $line"
else
    fail "markdown: ${line:-pandoc-commands.py failed} (wanted at least $SZ_PANDOC_MIN)"
fi
