#!/bin/sh
# tests/json/suite.sh — pandoc JSON reader and writer: round trips, pandoc
# compatibility, and bad input.
. "$(dirname "$0")/../lib.sh"
D=$SZ_ROOT/tests/data
J=$SZ_ROOT/tests/json
T=$SZ_TMP
PY=python3
CMP="$PY $J/jsoncmp.py"
have_pandoc() { command -v pandoc >/dev/null 2>&1; }

# --- round trips -----------------------------------------------------------
"$SAMIZDAT" -f json -t json --pandoc-api 1.22 "$D/rich.json" >"$T/rich.22.json"
check_same "json: rich.json (1.22) round trip with --pandoc-api 1.22 is byte-exact" \
    "$D/rich.json" "$T/rich.22.json"
"$SAMIZDAT" -f json -t json "$D/rich.json" >"$T/rich.23.json"
check "json: rich.json (1.22) to 1.23 is equal but for the version" \
    $CMP --any-version "$D/rich.json" "$T/rich.23.json"
check "json: default output carries pandoc-api-version [1,23,1]" \
    grep -q '^{"pandoc-api-version":\[1,23,1\],"meta":{' "$T/rich.23.json"
"$SAMIZDAT" -f json -t json "$D/rich-1.23.json" >"$T/rich123.23.json"
check_same "json: rich-1.23.json round trip is byte-exact" "$D/rich-1.23.json" "$T/rich123.23.json"
"$SAMIZDAT" -f json -t json --pandoc-api 1.22 "$D/rich-1.23.json" >"$T/rich123.22.json"
check_same "json: rich-1.23.json to 1.22 gives pandoc 2.17's own JSON (Figure to fig: image)" \
    "$D/rich.json" "$T/rich123.22.json"
"$SAMIZDAT" -f json -t json "$T/rich.23.json" >"$T/rich.23.23.json"
check_same "json: our 1.23 output reads back to itself" "$T/rich.23.json" "$T/rich.23.23.json"

# extra.json: pandoc 2.17's JSON of extra.native (spans, multi-row heads,
# intermediate head rows, foot, short caption, empty everything, escapes,
# MetaString, Null blocks).
sed 's/{"t":"Null"},//; s/,{"t":"Null"}\]}$/]}/' "$J/extra.json" >"$T/extra.nonull.json"
"$SAMIZDAT" -f json -t json --pandoc-api 1.22 "$J/extra.json" >"$T/extra.22.json"
check_same "json: extra.json round trip (1.22, Null blocks dropped) is byte-exact" \
    "$T/extra.nonull.json" "$T/extra.22.json"
"$SAMIZDAT" -f json -t json "$J/extra.json" | "$SAMIZDAT" -f json -t json --pandoc-api 1.22 \
    >"$T/extra.23.22.json"
check_same "json: extra.json through 1.23 and back to 1.22" "$T/extra.nonull.json" "$T/extra.23.22.json"

# figures-1.23.json: every Figure shape; the 1.22 form is a reviewed golden file.
"$SAMIZDAT" -f json -t json "$J/figures-1.23.json" >"$T/fig.23.json"
check_same "json: figures-1.23.json round trip is byte-exact" "$J/figures-1.23.json" "$T/fig.23.json"
"$SAMIZDAT" -f json -t json --pandoc-api 1.22 "$J/figures-1.23.json" >"$T/fig.22.json"
check_same "json: Figure to pandoc 2.x form (fig: image or Div.figure)" \
    "$J/figures-1.22.json" "$T/fig.22.json"

# Several inputs: blocks appended in order, later metadata wins.
printf '%s\n' '{"pandoc-api-version":[1,23,1],"meta":{"a":{"t":"MetaString","c":"1"},"b":{"t":"MetaBool","c":true}},"blocks":[{"t":"Para","c":[{"t":"Str","c":"one"}]}]}' >"$T/in1.json"
printf '%s\n' '{"pandoc-api-version":[1,22,2,1],"meta":{"a":{"t":"MetaString","c":"2"}},"blocks":[{"t":"Null"},{"t":"Para","c":[{"t":"Str","c":"two"}]}]}' >"$T/in2.json"
printf '%s\n' '{"pandoc-api-version":[1,23,1],"meta":{"a":{"t":"MetaString","c":"2"},"b":{"t":"MetaBool","c":true}},"blocks":[{"t":"Para","c":[{"t":"Str","c":"one"}]},{"t":"Para","c":[{"t":"Str","c":"two"}]}]}' >"$T/in12.json"
"$SAMIZDAT" -f json -t json "$T/in1.json" "$T/in2.json" >"$T/in12.out.json"
check_same "json: two inputs append blocks and merge metadata" "$T/in12.json" "$T/in12.out.json"

# Deep but allowed nesting (500 Emph) survives; 600 is refused cleanly.
$PY - "$T" <<'PYEOF'
import sys
t = sys.argv[1]
def nest(n):
    s = '{"t":"Str","c":"x"}'
    for _ in range(n):
        s = '{"t":"Emph","c":[' + s + ']}'
    return '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[{"t":"Para","c":[' + s + ']}]}\n'
open(t + "/deep500.json", "w").write(nest(500))
open(t + "/deep600.json", "w").write(nest(600))
q = '{"t":"Para","c":[{"t":"Str","c":"q"}]}'
for _ in range(600):
    q = '{"t":"BlockQuote","c":[' + q + ']}'
open(t + "/quote600.json", "w").write('{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[' + q + ']}')
open(t + "/bracket.json", "w").write("[" * 100000)
open(t + "/brace.json", "w").write('{"pandoc-api-version":[1,23,1],"meta":{},"blocks":' + "[" * 100000)
PYEOF
"$SAMIZDAT" -f json -t json "$T/deep500.json" >"$T/deep500.out.json" 2>"$T/deep500.err"
check_same "json: 500-deep nesting round trips" "$T/deep500.json" "$T/deep500.out.json"

# Every pandoc-made JSON document in tests/lua (pandoc 2.17's 1.22 and pandoc
# 3.10's 1.23, with Figures) round-trips byte for byte, but for the version
# array (3.10 writes [1,23,1,2], we write [1,23,1]).
n=0 bad=
for f in "$SZ_ROOT"/tests/lua/inputs/*.json "$SZ_ROOT"/tests/lua/expected/*.json; do
    [ -f "$f" ] || continue
    api=$(head -c 30 "$f" | sed -n 's/^{"pandoc-api-version":\[1,\(2[23]\).*/1.\1/p')
    [ -n "$api" ] || continue
    n=$((n + 1))
    "$SAMIZDAT" -f json -t json --pandoc-api "$api" "$f" 2>/dev/null |
        sed 's/^{"pandoc-api-version":\[[0-9,]*\]//' >"$T/lua.out"
    sed 's/^{"pandoc-api-version":\[[0-9,]*\]//' "$f" >"$T/lua.in"
    cmp -s "$T/lua.in" "$T/lua.out" || bad="$bad $(basename "$f")"
done
if [ "$n" -eq 0 ]; then
    skip "json: pandoc-made JSON of tests/lua (none found)"
elif [ -z "$bad" ]; then
    pass "json: $n pandoc-made JSON documents (2.17 and 3.10) round-trip byte for byte"
else
    fail "json: pandoc-made JSON that does not round-trip:$bad"
fi

# --- pandoc accepts what we write ------------------------------------------
if have_pandoc; then
    # pandoc 2.17 reads pandoc-types 1.22 only ("Incompatible API versions"
    # for 1.23), so its acceptance is tested on our --pandoc-api 1.22 output.
    for f in rich.22 rich123.22 extra.22 fig.22 extra.23.22; do
        check "json: pandoc -f json accepts our $f output" \
            pandoc -f json -t native -o "$T/$f.pandoc.native" "$T/$f.json"
    done
    # pandoc 3.10's JSON (1.23, Figures) converted by us to 1.22 is exactly
    # what pandoc 2.17 makes of the same Markdown.
    for b in fig3 small3; do
        L=$SZ_ROOT/tests/lua/inputs
        if [ -f "$L/$b.md" ] && [ -f "$L/$b.json" ]; then
            pandoc -f markdown -t json "$L/$b.md" >"$T/$b.217.json"
            "$SAMIZDAT" -f json -t json --pandoc-api 1.22 "$L/$b.json" >"$T/$b.22.json"
            check_same "json: pandoc 3.10's $b.json to 1.22 equals pandoc 2.17's JSON of $b.md" \
                "$T/$b.217.json" "$T/$b.22.json"
        fi
    done
    pandoc -f json -t native "$D/rich.json" >"$T/rich.pandoc.native"
    check_same "json: pandoc reads our 1.22 JSON of rich.md as its own" \
        "$T/rich.pandoc.native" "$T/rich123.22.pandoc.native"
    if pandoc -f json -t native "$T/rich.23.json" >/dev/null 2>&1; then
        pass "json: pandoc accepts 1.23 output"
    else
        skip "json: pandoc $(pandoc --version | head -1 | cut -d' ' -f2) reads only api 1.22 (1.23 acceptance untested)"
    fi
    # pandoc's JSON of the sample essay, through our reader.
    pandoc -f markdown -t json "$SZ_ROOT/examples/essay.txt" >"$T/essay.pandoc.json"
    "$SAMIZDAT" -f json -t json --pandoc-api 1.22 "$T/essay.pandoc.json" >"$T/essay.22.json"
    check_same "json: pandoc's JSON of the essay round trips byte-exact" \
        "$T/essay.pandoc.json" "$T/essay.22.json"
    "$SAMIZDAT" -f json -t native "$T/essay.pandoc.json" >"$T/essay.native"
    want=$(grep -o '"t":"Str"' "$T/essay.pandoc.json" | wc -l)
    got=$(grep -c '^ *Str ' "$T/essay.native")
    if [ "$want" -eq "$got" ] && [ "$got" -gt 500 ]; then
        pass "json: essay to native keeps all $got words"
    else
        fail "json: essay to native has $got Str, pandoc has $want"
    fi
else
    skip "json: pandoc not installed (pandoc compatibility untested)"
fi

# Trees from our own essay reader survive JSON (and pandoc reads the 1.22 form).
"$SAMIZDAT" -f essay -t native "$SZ_ROOT/examples/essay.txt" >"$T/essay.direct.native"
"$SAMIZDAT" -f essay -t json "$SZ_ROOT/examples/essay.txt" >"$T/essay.sz.json"
"$SAMIZDAT" -f json -t native "$T/essay.sz.json" >"$T/essay.viajson.native"
check_same "json: essay tree unchanged through JSON" "$T/essay.direct.native" "$T/essay.viajson.native"
if have_pandoc; then
    "$SAMIZDAT" -f essay -t json --pandoc-api 1.22 "$SZ_ROOT/examples/essay.txt" >"$T/essay.sz22.json"
    check "json: pandoc -f json accepts our 1.22 JSON of the essay" \
        pandoc -f json -t native -o "$T/essay.sz22.native" "$T/essay.sz22.json"
fi

# Our reader on pandoc's JSON of rich.md, as native (reviewed golden file).
"$SAMIZDAT" -f json -t native "$D/rich.json" >"$T/rich.native"
check_same "json: rich.json to native" "$J/rich.native" "$T/rich.native"

# --- bad input ---------------------------------------------------------------
# check_err NAME CODE PATTERN FILE: exit CODE, message matches PATTERN.
check_err() {
    name=$1 code=$2 pat=$3 file=$4
    "$SAMIZDAT" -f json -t json "$file" >"$T/err.out" 2>"$T/err.txt"
    got=$?
    if [ "$got" -ne "$code" ]; then
        fail "$name: exit $got, wanted $code: $(head -c 300 "$T/err.txt" | tr '\n' ' ')"
    elif grep -q Sanitizer "$T/err.txt"; then
        fail "$name: sanitizer report"
    elif ! grep -Eq "$pat" "$T/err.txt"; then
        fail "$name: message lacks /$pat/: $(head -c 300 "$T/err.txt" | tr '\n' ' ')"
    elif [ -s "$T/err.out" ]; then
        fail "$name: wrote output despite the error"
    else
        pass "$name"
    fi
}
v='"pandoc-api-version":[1,23,1]'
printf '{%s,"meta":{},"blocks":[{"t":"Para","c":[}]}' "$v" >"$T/malformed.json"
check_err "json: malformed JSON names the byte offset, exit 64" 64 'malformed JSON: .*byte offset 68' "$T/malformed.json"
printf '\357\273\277' | cat - "$T/malformed.json" >"$T/malformed-bom.json"
check_err "json: byte offsets count a BOM" 64 'malformed JSON: .*byte offset 71' "$T/malformed-bom.json"
printf '\357\273\277' | cat - "$D/rich-1.23.json" >"$T/bom.json"
"$SAMIZDAT" -f json -t json "$T/bom.json" >"$T/bom.out.json"
check_same "json: a UTF-8 byte order mark is skipped, as pandoc does" "$D/rich-1.23.json" "$T/bom.out.json"
printf '{"pandoc-api-version":[1,21,1],"meta":{},"blocks":[]}' >"$T/v121.json"
check_err "json: api 1.21 is refused, exit 64" 64 'unsupported pandoc-api-version 1\.21' "$T/v121.json"
printf '{"pandoc-api-version":[2,0],"meta":{},"blocks":[]}' >"$T/v2.json"
check_err "json: api 2.0 is refused, exit 64" 64 'unsupported pandoc-api-version 2\.0' "$T/v2.json"
printf '[{"unMeta":{}},[]]' >"$T/old.json"
check_err "json: pre-1.18 JSON (an array) is refused" 64 'must be an object' "$T/old.json"
printf '{"meta":{},"blocks":[]}' >"$T/nover.json"
check_err "json: missing api version" 64 'no "pandoc-api-version"' "$T/nover.json"
check_err "json: 100000 nested [ gives a clean error" 64 'depth' "$T/bracket.json"
check_err "json: 100000 nested [ inside blocks" 64 'depth' "$T/brace.json"
check_err "json: 600 nested Emph exceed SZ_MAX_DEPTH" 64 'nesting deeper than' "$T/deep600.json"
check_err "json: 600 nested BlockQuote exceed SZ_MAX_DEPTH" 64 'nesting deeper than' "$T/quote600.json"
: >"$T/empty.json"
check_err "json: empty file" 64 'malformed JSON: .*byte offset 0' "$T/empty.json"
head -c 4096 /dev/urandom >"$T/garbage.json" 2>/dev/null || printf '\x00\xff\xfe garbage' >"$T/garbage.json"
check_err "json: binary garbage" 64 'malformed JSON' "$T/garbage.json"
printf '{%s,"meta":{},"blocks":[{"t":"Para","c":[{"t":"Str","c":"\xff"}]}]}' "$v" >"$T/badutf8.json"
check_err "json: invalid UTF-8 in a string" 64 'malformed JSON' "$T/badutf8.json"
printf '{%s,"meta":{},"blocks":[{"t":"Para","c":[]},{"t":"Paragraph","c":[]}]}' "$v" >"$T/badtag.json"
check_err "json: unknown Block tag names its path" 64 'unknown Block "Paragraph" at \$\.blocks\[1\]' "$T/badtag.json"
printf '{%s,"meta":{},"blocks":[{"t":"Header","c":[1,["",[],[]]]}]}' "$v" >"$T/arity.json"
check_err "json: wrong arity names its path" 64 'Header must have 3 elements, not 2 at \$\.blocks\[0\]\.c' "$T/arity.json"
printf '{%s,"meta":{},"blocks":[{"t":"Para","c":[{"t":"Emph","c":[{"t":"Str","c":7}]}]}]}' "$v" >"$T/type.json"
check_err "json: wrong type names its path" 64 'Str must be a string, not a number at \$\.blocks\[0\]\.c\[0\]\.c\[0\]\.c' "$T/type.json"
printf '{%s,"meta":{"x":{"t":"MetaMap","c":{"y":{"t":"MetaFoo","c":1}}}},"blocks":[]}' "$v" >"$T/badmeta.json"
check_err "json: bad meta value names its path" 64 'unknown MetaValue "MetaFoo" at \$\.meta\.x\.c\.y' "$T/badmeta.json"
printf '{%s,"meta":{},"blocks":[{"t":"Para","c":[{"t":"Str","c":"x"}]}]} trailing' "$v" >"$T/trailing.json"
check_err "json: trailing garbage after the document" 64 'malformed JSON' "$T/trailing.json"
printf '{%s,"meta":{},"blocks":[{"t":"Header","c":[1e300,["",[],[]],[]]}]}' "$v" >"$T/bigint.json"
check_err "json: a non-integer level" 64 'Header level must be an integer' "$T/bigint.json"
printf '{%s,"meta":{},"blocks":[{"t":"Para","c":[{"t":"Space","c":[]},{"t":"Str"}]}]}' "$v" >"$T/noc.json"
check_err "json: missing \"c\"" 64 'Str has no "c" at \$\.blocks\[0\]\.c\[1\]' "$T/noc.json"
check_exit "json: missing file, exit 1" 1 "$SAMIZDAT" -f json -t json "$T/does-not-exist.json"
