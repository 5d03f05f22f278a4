# tests/lua/filters.sh — sourced by suite.sh: bundled filters (by bare name,
# as users call them) against pandoc running the same files, the classic
# writer protocol, the example writer and filter.
: > "$PAIRS"
while read -r filter input; do
    name=filter-$filter-$input
    "$SAMIZDAT" -f json -t json --pandoc-api 1.22 -L "$filter" < "inputs/$input.json" \
        > "$SZ_TMP/$name.json" 2> "$SZ_TMP/$name.err"
    rc=$?
    if [ "$rc" != "$(cat "expected/$name.rc")" ]; then
        fail "lua/$name: exit $rc: $(head -c 300 "$SZ_TMP/$name.err" | tr '\n' ' ')"
        continue
    fi
    if [ -f "expected/$name.err" ] && ! cmp -s "expected/$name.err" "$SZ_TMP/$name.err"; then
        fail "lua/$name: stderr $(cat "$SZ_TMP/$name.err"), pandoc: $(cat "expected/$name.err")"
        continue
    fi
    echo "lua/$name expected/$name.json $SZ_TMP/$name.json" >> "$PAIRS"
done < filters.txt
python3 - "$PAIRS" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    name, a, b = line.split()
    x, y = json.load(open(a)), json.load(open(b))
    for d in (x, y):
        d.pop("pandoc-api-version", None)
    print(("PASS %s" if x == y else "FAIL %s: differs from pandoc") % name)
PY
"$SAMIZDAT" -f json -t writers/classic.lua < inputs/rich.json > "$SZ_TMP/classic.txt" 2>&1
check_same lua/writer-classic expected/writer-classic.txt "$SZ_TMP/classic.txt"
"$SAMIZDAT" -f json -t ../../examples/gemtext.lua < inputs/rich.json > "$SZ_TMP/gem.txt" 2>&1
check_same lua/writer-gemtext expected/writer-gemtext.gmi "$SZ_TMP/gem.txt"
# The pandoc.layout and pandoc.scaffolding.Writer examples at 50 columns
# (expected: pandoc 3.10 running the same writers).
for w in layout scaffold; do
    "$SAMIZDAT" -f json -t ../../examples/$w-writer.lua --columns 50 < inputs/essay3.json \
        > "$SZ_TMP/$w.txt" 2>&1
    check_same lua/writer-$w expected/writer-$w.txt "$SZ_TMP/$w.txt"
done
# examples/essay-figures.lua on the sample essay (pandoc 3 made the expected
# JSON: Figure needs pandoc 3).
"$SAMIZDAT" -f json -t json -L ../../examples/essay-figures.lua < inputs/essay3.json > "$SZ_TMP/ef.json" 2>&1
python3 - expected/example-essay-figures.json "$SZ_TMP/ef.json" <<'PY'
import json, sys
x, y = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for d in (x, y):
    d.pop("pandoc-api-version", None)
n = sum(1 for b in y["blocks"] if b["t"] == "Figure")
print(("PASS %s" if x == y and n == 2 else "FAIL %s: differs from pandoc 3 or not 2 figures") % "lua/example-essay-figures")
PY
# -L with a name that is neither a file nor a bundled filter
check_exit lua/filter-not-found 83 "$SAMIZDAT" -f json -t json -L no-such-filter inputs/small.json
# a failing filter leaves no output file
rm -f "$SZ_TMP/none.json"
"$SAMIZDAT" -f json -t json -L cases/error_runtime.lua -o "$SZ_TMP/none.json" inputs/small.json 2> "$SZ_TMP/e.err"
if [ ! -e "$SZ_TMP/none.json" ] && grep -q 'error_runtime.lua:2: attempt to index' "$SZ_TMP/e.err" \
    && grep -q 'stack traceback' "$SZ_TMP/e.err"; then pass lua/error-no-output; else
    fail "lua/error-no-output: $(head -c 200 "$SZ_TMP/e.err")"; fi
# Hostile filters: the wrong kind returned, absurd nesting, a filter that is no table.
printf '%s\n' 'function Str(el) return pandoc.Para("x") end' > "$SZ_TMP/wrong.lua"
check_exit lua/wrong-kind 83 "$SAMIZDAT" -f json -t json -L "$SZ_TMP/wrong.lua" inputs/small.json
printf '%s\n' 'function Str(el) local x = el; for i = 1, 2000 do x = pandoc.Emph{x} end; return x end' > "$SZ_TMP/deep.lua"
check_exit lua/too-deep 83 "$SAMIZDAT" -f json -t json -L "$SZ_TMP/deep.lua" inputs/small.json
printf '%s\n' 'return {42}' > "$SZ_TMP/notable.lua"
check_exit lua/filter-not-a-table 83 "$SAMIZDAT" -f json -t json -L "$SZ_TMP/notable.lua" inputs/small.json
printf '%s\n' 'this is not lua' > "$SZ_TMP/syntax.lua"
check_exit lua/syntax-error 83 "$SAMIZDAT" -f json -t json -L "$SZ_TMP/syntax.lua" inputs/small.json
printf '%s\n' 'function Writer(doc) return pandoc.write(doc, "native") end' > "$SZ_TMP/w.lua"
check lua/writer-pandoc-write "$SAMIZDAT" -f json -t "$SZ_TMP/w.lua" inputs/small.json
printf '%s\n' 'function Pandoc(doc) local d = pandoc.read(pandoc.write(doc, "json"), "json"); d.meta.rt = "1"; return d end' > "$SZ_TMP/rt.lua"
check lua/read-write-roundtrip "$SAMIZDAT" -f json -t json -L "$SZ_TMP/rt.lua" inputs/rich.json
# Out of memory in Lua at many points (SZ_TEST_FAIL_AT=N fails the Nth
# allocation of the filter's state): exit 83 or success, never a crash or leak.
oom_bad=""
for f in str_upper walk_pandoc lazy_capture; do
    for n in 5 500 2000 4000 8000 12000; do
        SZ_TEST_FAIL_AT=$n "$SAMIZDAT" -f json -t json -L "cases/$f.lua" inputs/rich.json \
            > /dev/null 2> "$SZ_TMP/oom.err"
        rc=$?
        if { [ $rc != 0 ] && [ $rc != 83 ]; } || grep -q Sanitizer "$SZ_TMP/oom.err"; then
            oom_bad="$oom_bad $f@$n:$rc"
        fi
    done
done
if [ -z "$oom_bad" ]; then pass lua/out-of-memory; else fail "lua/out-of-memory:$oom_bad"; fi
# pandoc.mediabag: an image a filter puts in the bag is packaged into the EPUB.
if command -v unzip >/dev/null 2>&1; then
    "$SAMIZDAT" -q -f json inputs/small.json -L writers/mediabag.lua -o "$SZ_TMP/mb.epub" 2> "$SZ_TMP/mb.err"
    if unzip -l "$SZ_TMP/mb.epub" 2>/dev/null | grep -q ' 69 .*EPUB/media/img[0-9]*\.png'; then
        pass lua/mediabag-epub; else fail "lua/mediabag-epub: $(head -c 200 "$SZ_TMP/mb.err")"; fi
else
    skip "lua/mediabag-epub: no unzip"
fi
