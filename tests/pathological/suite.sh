#!/bin/sh
# tests/pathological/suite.sh — hostile inputs (nesting far past the limit,
# huge lines, 1e5 list items and paragraphs, many notes, NULs, random bytes)
# through every writer under `timeout`.  Each must exit 0 with complete
# output (the last word of the input is there; plain text keeps every word)
# or, where the input is refused, exit 64 with an error naming the file and
# a line, byte offset or JSON path — never a crash, a hang or a signal.
# Inputs come from gen.py; the sanitizer build gets smaller ones.
. "$(dirname "$0")/../lib.sh"
command -v python3 >/dev/null || { skip "pathological: python3 missing"; exit 0; }
scale=1 limit=20
[ "${SZ_ASAN:-0}" = 1 ] && scale=0.1 limit=60
in=$SZ_TMP/in
mkdir -p "$in"
python3 "$SZ_ROOT/tests/pathological/gen.py" "$in" "$scale" || { fail "pathological: gen.py"; exit 1; }
writers="plain json native html epub tei"
# The Lua bridge too: every element to Lua and back, then JSON out.
cat > "$SZ_TMP/identity.lua" <<'LUA'
return {{ Inline = function(e) return e end, Block = function(e) return e end }}
LUA

# text_of WRITER FILE: the output as text (EPUB: its XHTML files).
text_of() {
    if [ "$1" = epub ]; then unzip -p "$2" '*.xhtml' 2>/dev/null; else cat "$2"; fi
}

for f in "$in"/*.txt "$in"/*.json; do
    [ -f "$f" ] || continue
    name=${f##*/}
    base=${name%.*}
    case $name in *.json) reader=json ;; *) reader=essay ;; esac
    set -- $(cat "$in/$base.expect")
    want=$1 words=${2:--1}
    bad=""
    for w in $writers; do
        out=$SZ_TMP/out.$w
        rm -f "$out"
        timeout $limit "$SAMIZDAT" -q -f $reader -t $w -o "$out" "$f" 2>"$SZ_TMP/err"
        rc=$?
        if grep -q 'Sanitizer\|runtime error' "$SZ_TMP/err"; then
            bad="$w: $(grep -m1 'ERROR\|runtime error' "$SZ_TMP/err")"
        elif [ $rc -eq 124 ]; then
            bad="$w: no result within ${limit}s"
        elif [ $rc -eq 64 ] && [ "$want" != ok ]; then
            grep -q "^$f:[0-9].*error\|^$f: error: .*(byte offset [0-9]*)\|^$f: error: .* at \\$" \
                "$SZ_TMP/err" || bad="$w: error does not say where: $(head -c 200 "$SZ_TMP/err")"
            [ "$(head -1 "$SZ_TMP/err" | wc -c)" -le 400 ] ||
                bad="$w: error message of $(head -1 "$SZ_TMP/err" | wc -c) bytes"
        elif [ $rc -ne 0 ]; then
            bad="$w: exit $rc: $(head -c 200 "$SZ_TMP/err")"
        elif [ "$want" = err ]; then
            bad="$w: accepted, wanted an error"
        elif [ "$want" = ok ] && ! text_of $w "$out" | grep -q zzend; then
            bad="$w: output incomplete (the last word is missing)"
        elif [ $w = plain ] && [ "$words" -ge 0 ] && [ "$(wc -w < "$out")" -ne "$words" ]; then
            bad="plain: $(wc -w < "$out") words, wanted $words"
        fi
        [ -n "$bad" ] && break
    done
    if [ -z "$bad" ] && [ "$want" = ok ]; then
        timeout $limit "$SAMIZDAT" -q -f $reader -L "$SZ_TMP/identity.lua" -t json \
            -o "$SZ_TMP/out.lua" "$f" 2>"$SZ_TMP/err"
        rc=$?
        if [ $rc -ne 0 ] || grep -q 'Sanitizer\|runtime error' "$SZ_TMP/err"; then
            bad="Lua filter: exit $rc: $(head -c 200 "$SZ_TMP/err")"
        elif ! grep -q zzend "$SZ_TMP/out.lua"; then
            bad="Lua filter: output incomplete (the last word is missing)"
        fi
    fi
    if [ -n "$bad" ]; then fail "pathological $base: $bad"; else pass "pathological $base"; fi
done

# Endnotes far from their markers are still linked: no [N] left as text.
timeout $limit "$SAMIZDAT" -q -t native "$in/essay-endnotes.txt" >"$SZ_TMP/endnotes.native" 2>&1
if [ "$(grep -c '^ *Note' "$SZ_TMP/endnotes.native")" -eq 800 ] &&
   ! grep -q 'Str "\[' "$SZ_TMP/endnotes.native"; then
    pass "pathological essay-endnotes: 800 notes at the end, all linked"
else
    fail "pathological essay-endnotes: $(grep -c '^ *Note' "$SZ_TMP/endnotes.native") of 800 notes linked"
fi

# YAML metadata: 100000 keys in well under the limit; aliases that expand
# to 9^9 values refused with an error, not gigabytes of memory.
echo 'A short text.' > "$SZ_TMP/short.txt"
timeout $limit "$SAMIZDAT" -q "$SZ_TMP/short.txt" --metadata-file "$in/keys.yaml" -s -t json \
    -o "$SZ_TMP/keys.json" 2>"$SZ_TMP/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -o '"k[0-9]*":' "$SZ_TMP/keys.json" | wc -l)" -eq "$(wc -l < "$in/keys.yaml")" ]; then
    pass "pathological yaml-many-keys"
else
    fail "pathological yaml-many-keys: exit $rc: $(head -c 200 "$SZ_TMP/err")"
fi
timeout $limit "$SAMIZDAT" -q "$SZ_TMP/short.txt" --metadata-file "$in/laughs.yaml" -t json \
    -o "$SZ_TMP/laughs.json" 2>"$SZ_TMP/err"
rc=$?
if [ $rc -eq 64 ] && grep -q "^$in/laughs.yaml:[0-9:]* error: .*aliases" "$SZ_TMP/err"; then
    pass "pathological yaml-billion-laughs"
else
    fail "pathological yaml-billion-laughs: exit $rc: $(head -c 200 "$SZ_TMP/err")"
fi

# Batch and output files.
. "$SZ_ROOT/tests/pathological/batch.sh"

# Code points a line breaker may stumble on.
. "$SZ_ROOT/tests/pathological/codepoints.sh"

# Markdown.
. "$SZ_ROOT/tests/pathological/markdown.sh"

# UTF-16 with and without a BOM, every text reader.
. "$SZ_ROOT/tests/pathological/encodings.sh"

# Limits: deep YAML, input size, memory.
. "$SZ_ROOT/tests/pathological/limits.sh"

# Every allocation made to fail in turn (sampled).
. "$SZ_ROOT/tests/pathological/failalloc.sh"

# Lua filters returning bad elements.
. "$SZ_ROOT/tests/pathological/luaerrors.sh"

# Output: disk full, an empty document, a FIFO.
. "$SZ_ROOT/tests/pathological/output.sh"

# libyaml, md4c and libzip out of memory (LD_PRELOAD failure injection).
. "$SZ_ROOT/tests/pathological/liballoc.sh"
