#!/bin/sh
# tests/markdown/suite.sh — the Markdown readers (commonmark, gfm, markdown):
# every input against pandoc 2.17's JSON, file extensions, pandoc.read from
# Lua, and bad input (invalid UTF-8, NUL bytes, deep nesting, huge files).
. "$(dirname "$0")/../lib.sh"
M=$SZ_ROOT/tests/markdown
T=$SZ_TMP

# --- pandoc agreement -------------------------------------------------------
# One batch run per format (a process per document costs seconds under ASan).
mkdir -p "$T/act"
for fmt in commonmark gfm markdown; do
    "$SAMIZDAT" batch -q -j 2 -f $fmt -t json --pandoc-api 1.22 "$M/inputs" -o "$T/$fmt" \
        >"$T/batch.err" 2>&1 || fail "markdown: batch -f $fmt: $(head -c 300 "$T/batch.err")"
    for f in "$T/$fmt"/*.json; do
        [ -f "$f" ] && mv "$f" "$T/act/$(basename "$f" .json).$fmt.json"
    done
done
python3 "$M/cmpall.py" "$M/expected" "$T/act" "$M/known-diffs.txt"

# --- pandoc's extensions, case by case (tests/markdown/cases) ---------------
python3 "$M/pandoc-commands.py" "$SAMIZDAT" "$M/cases" -v >"$T/cases.out" 2>&1
if tail -n 1 "$T/cases.out" | grep -q ': \([0-9]*\) of \1$'; then
    pass "markdown: extension cases, $(tail -n 1 "$T/cases.out" | sed 's/.*: //')"
else
    fail "markdown: extension cases: $(grep -v '^pandoc' "$T/cases.out" | head -c 600)"
fi

# A % title block: title, authors split at ';', date.
printf '%% A\n%% B; C\n%% D\n\nT\n' | "$SAMIZDAT" -f markdown -t json |
    python3 -c "import json,sys;print(json.dumps(json.load(sys.stdin)['meta'],sort_keys=True))" >"$T/tb.out"
echo '{"author": {"c": [{"c": [{"c": "B", "t": "Str"}], "t": "MetaInlines"}, {"c": [{"c": "C", "t": "Str"}], "t": "MetaInlines"}], "t": "MetaList"}, "date": {"c": [{"c": "D", "t": "Str"}], "t": "MetaInlines"}, "title": {"c": [{"c": "A", "t": "Str"}], "t": "MetaInlines"}}' >"$T/tb.want"
check_same "markdown: a % title block gives title, authors and date" "$T/tb.want" "$T/tb.out"

# --- command line -----------------------------------------------------------
S=$M/inputs/md-smart.md
cp "$S" "$T/x.markdown"
cp "$S" "$T/x.txt"
"$SAMIZDAT" -t json "$S" >"$T/ext.md.json"
"$SAMIZDAT" -f markdown -t json "$S" >"$T/f.md.json"
"$SAMIZDAT" -t json "$T/x.markdown" >"$T/ext.markdown.json"
"$SAMIZDAT" -t json "$T/x.txt" >"$T/ext.txt.json"
"$SAMIZDAT" -f essay -t json "$T/x.txt" >"$T/f.txt.json"
check_same "markdown: a .md file is read as markdown" "$T/f.md.json" "$T/ext.md.json"
check_same "markdown: a .markdown file is read as markdown" "$T/f.md.json" "$T/ext.markdown.json"
check_same "markdown: a .txt file is still an essay" "$T/f.txt.json" "$T/ext.txt.json"
"$SAMIZDAT" --list-input-formats >"$T/formats"
check "markdown: --list-input-formats names commonmark, gfm, markdown" sh -c \
    "grep -qx commonmark '$T/formats' && grep -qx gfm '$T/formats' && grep -qx markdown '$T/formats'"
printf '# Hi\n\ntext\n' | "$SAMIZDAT" -f md -t native >"$T/md.native"
check "markdown: -f md is markdown, from standard input" grep -q '^Header 1 ("hi"' "$T/md.native"
printf '# A\n\n"b"\n' | "$SAMIZDAT" -f markdown -t html >"$T/a.html"
check "markdown: to HTML" grep -q '<h1 id="a">A</h1>' "$T/a.html"
# HTML as pandoc and CommonMark write it: ids only where the reader gives
# them, code lines each ending, an empty link target kept, raw HTML as it is.
printf '# Title\n\n```\ncode\n```\n\n[empty]()\n\n<div class="x">\n\n*md*\n\n</div>\n\nA <b>bold</b> move.\n\n##\n\n##### deep\n' |
    "$SAMIZDAT" -f commonmark -t html >"$T/cm.html"
printf '<h1>Title</h1>\n<pre><code>code\n</code></pre>\n<p><a href="">empty</a></p>\n<div class="x">\n<p><em>md</em></p>\n</div>\n<p>A <b>bold</b> move.</p>\n<h2></h2>\n<h5>deep</h5>\n\n' >"$T/cm.want"
check_same "markdown: commonmark to HTML as pandoc writes it (no ids, raw HTML kept)" "$T/cm.want" "$T/cm.html"

# --- pandoc.read from Lua ---------------------------------------------------
"$SAMIZDAT" -f markdown -t json --pandoc-api 1.22 -L "$M/read.lua" "$M/inputs/snip-01.md" \
    >"$T/lua-read.json" 2>"$T/lua-read.err"
check "markdown: pandoc.read(s, 'commonmark'|'gfm'|'markdown') in a filter gives pandoc's blocks" \
    python3 "$SZ_ROOT/tests/json/jsoncmp.py" "$M/lua-read.json" "$T/lua-read.json"
cat >"$T/deep.lua" <<'LUA'
function Pandoc(doc)
  local ok, err = pcall(pandoc.read, string.rep('> ', 5000) .. 'x', 'markdown')
  assert(not ok and tostring(err):find('SZ_MAX_DEPTH'), 'deep input must fail: ' .. tostring(err))
  local d = pandoc.read('a\0b \255', 'gfm')
  assert(pandoc.utils.stringify(d) == 'a\u{FFFD}b \u{FFFD}', pandoc.utils.stringify(d))
  return pandoc.Pandoc({pandoc.Para('ok')})
end
LUA
check_exit "markdown: pandoc.read of too deep Markdown is a Lua error, not a crash" 0 \
    "$SAMIZDAT" -f markdown -t plain -L "$T/deep.lua" "$M/inputs/snip-01.md"

# --- bad and hostile input --------------------------------------------------
printf 'caf\351 ok\n\nnul\000byte\n' >"$T/bad.md"
for fmt in commonmark gfm markdown; do
    check_exit "markdown: -f $fmt: invalid UTF-8 and NUL bytes become U+FFFD" 0 \
        "$SAMIZDAT" -f $fmt -t json "$T/bad.md"
done
check "markdown: ... with a warning naming file, line and byte offset" \
    grep -q 'bad.md:1: warning: .*UTF-8.*byte offset 3' "$T/exit.err"
"$SAMIZDAT" -f markdown -t plain "$T/bad.md" 2>/dev/null >"$T/bad.txt"
check "markdown: ... and every word kept" sh -c "grep -q 'caf. ok' '$T/bad.txt' && grep -q 'byte' '$T/bad.txt'"

python3 - "$T" <<'PYEOF'
import sys
t = sys.argv[1]
N = 100000
cases = {
    "quotes": ">" * N + " x\n",
    "quotes-lines": "".join(">" * i + " x\n" for i in range(1, 2000)),
    "bullets": "- " * N + "x\n",
    "ordered": "1. " * N + "x\n",
    "indented-lists": "".join("  " * i + "- x\n" for i in range(1000)),
    "quote-lists": "> - " * (N // 2) + "x\n",
    "emphasis": "*" * N + "x" + "*" * N + "\n",
    "emphasis-words": "*a " * N + "x" + " b*" * N + "\n",
    "strong-under": "__a " * N + "x" + " b__" * N + "\n",
    "links": "[" * N + "x" + "](u)" * N + "\n",
    "images": "![" * N + "x" + "](u)" * N + "\n",
    "brackets": "[" * N + "\n",
    "backticks": "`" * N + "x\n",
    "html": "<a>" * N + "\n",
    "table": "|a|b|\n|-|-|\n" + "|x|y|\n" * N,
    # md4c's strikethrough is quadratic in the openers of one paragraph
    # (8 s for 100000): see README.
    "strike": "~~a " * (N // 10) + "x" + " b~~" * (N // 10) + "\n",
}
for k, v in cases.items():
    open("%s/deep-%s.md" % (t, k), "w").write(v)
open(t + "/huge.md", "w").write(
    ("Some *words* and \"quotes\" -- here [link](u) `code`.\n\n# Head\n\n- a\n- b\n\n") * 50000
    + "| a | b |\n|---|---|\n| 1 | 2 |\n\nLASTWORD\n")
PYEOF
for f in "$T"/deep-*.md; do
    name=$(basename "$f" .md)
    for fmt in commonmark gfm markdown; do
        timeout 10 "$SAMIZDAT" -f $fmt -t json "$f" >"$T/deep.json" 2>"$T/deep.err"
        rc=$?
        if { [ $rc -eq 0 ] || { [ $rc -eq 64 ] && grep -q 'SZ_MAX_DEPTH' "$T/deep.err"; }; } &&
            ! grep -q Sanitizer "$T/deep.err"; then
            pass "markdown: $name -f $fmt: read or refused with an error (exit $rc)"
        else
            fail "markdown: $name -f $fmt: exit $rc: $(head -c 300 "$T/deep.err")"
        fi
        [ $name = deep-quotes-lines ] && cp "$T/deep.err" "$T/deep-quotes-lines.err"
    done
done
check "markdown: too deep block quotes are refused naming file, line and byte offset" \
    grep -q 'deep-quotes-lines.md:510: error: Markdown nested deeper than 512 levels (SZ_MAX_DEPTH), at or after this point (byte offset 131834)' "$T/deep-quotes-lines.err"
for fmt in commonmark markdown; do
    timeout 20 "$SAMIZDAT" -f $fmt -t plain "$T/huge.md" >"$T/huge.txt" 2>"$T/huge.err"
    check "markdown: a 4 MB document -f $fmt converts, last word kept" sh -c \
        "[ \$(tail -n 1 '$T/huge.txt') = LASTWORD ] && [ \$(grep -c '^Head' '$T/huge.txt') -eq 50000 ]"
done
