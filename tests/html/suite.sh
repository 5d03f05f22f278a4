#!/bin/sh
# tests/html/suite.sh — the HTML reader: agreement with pandoc -f html on
# tests/html/inputs (expected/ made by oracle.sh), the exact trees of the
# Project Gutenberg and EPUB conventions (*.native), file extensions,
# pandoc.read from Lua, bad input (deep nesting, bad encodings), long pages
# read from their file as they come or whole, and the
# headings of ../shared's paired HTML editions against their truth files.
. "$(dirname "$0")/../lib.sh"
H=$SZ_ROOT/tests/html
T=$SZ_TMP

# --- pandoc agreement -------------------------------------------------------
mkdir -p "$T/act"
for f in "$H"/inputs/*; do
    b=$(basename "$f")
    "$SAMIZDAT" -q -f html -t json --pandoc-api 1.22 "$f" -o "$T/act/$b.json" ||
        fail "html: $b: exit $?"
done
python3 "$H/agree.py" "$H/expected" "$T/act" "$H/known-diffs.txt"

# --- the conventions, exactly -------------------------------------------------
for n in gutenberg.html epubnotes.xhtml; do
    "$SAMIZDAT" -f html -t native "$H/inputs/$n" >"$T/$n.native" 2>"$T/err"
    check_same "html: $n reads to the reviewed tree" "$H/$n.native" "$T/$n.native"
done
"$SAMIZDAT" -f html --keep-boilerplate -t native "$H/inputs/gutenberg.html" >"$T/kb.native"
check "html: --keep-boilerplate keeps PG's licence in a Div" sh -c \
    "grep -q 'boilerplate' '$T/kb.native' && grep -q 'Updated' '$T/kb.native'"

# --- command line -------------------------------------------------------------
cp "$H/inputs/blocks.html" "$T/x.htm"
cp "$H/inputs/blocks.html" "$T/x.xhtml"
"$SAMIZDAT" -f html -t json "$T/x.htm" >"$T/f.json"
"$SAMIZDAT" -t json "$T/x.htm" >"$T/htm.json"
"$SAMIZDAT" -t json "$T/x.xhtml" >"$T/xhtml.json"
check_same "html: a .htm file is read as HTML" "$T/f.json" "$T/htm.json"
check_same "html: a .xhtml file is read as HTML" "$T/f.json" "$T/xhtml.json"
"$SAMIZDAT" --list-input-formats >"$T/formats"
check "html: --list-input-formats names html" grep -qx html "$T/formats"
cat >"$T/read.lua" <<'LUA'
function Pandoc(doc)
  local d = pandoc.read('<h1>Hi</h1><p>a <em>b</em></p>', 'html')
  return pandoc.Pandoc(d.blocks, doc.meta)
end
LUA
printf 'x\n' | "$SAMIZDAT" -f essay -L "$T/read.lua" -t native >"$T/lua.native" 2>"$T/err"
check "html: pandoc.read(s, 'html') in a Lua filter" sh -c \
    "grep -q '^Header 1' '$T/lua.native' && grep -q '^  Emph' '$T/lua.native'"

# The spaces around an emphasis travel in the words' text runs (one node less
# each): JSON, native and Lua filters still see a Space element there, and a
# poem's line still starts and ends without one.
printf '<p>one two <em>three</em> four five <strong>six</strong> seven <i>eight</i></p>\n<div class="poem"><p>x <i>y</i> z<br/><i>w</i> v <i>u</i><br/></p></div>\n' >"$T/emph.html"
"$SAMIZDAT" -q -f html -t json "$T/emph.html" | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["blocks"]))' >"$T/emph.json"
cat >"$T/emph.want" <<'JSON'
[{"t": "Para", "c": [{"t": "Str", "c": "one"}, {"t": "Space"}, {"t": "Str", "c": "two"}, {"t": "Space"}, {"t": "Emph", "c": [{"t": "Str", "c": "three"}]}, {"t": "Space"}, {"t": "Str", "c": "four"}, {"t": "Space"}, {"t": "Str", "c": "five"}, {"t": "Space"}, {"t": "Strong", "c": [{"t": "Str", "c": "six"}]}, {"t": "Space"}, {"t": "Str", "c": "seven"}, {"t": "Space"}, {"t": "Emph", "c": [{"t": "Str", "c": "eight"}]}]}, {"t": "Div", "c": [["", ["poem"], []], [{"t": "LineBlock", "c": [[{"t": "Str", "c": "x"}, {"t": "Space"}, {"t": "Emph", "c": [{"t": "Str", "c": "y"}]}, {"t": "Space"}, {"t": "Str", "c": "z"}], [{"t": "Emph", "c": [{"t": "Str", "c": "w"}]}, {"t": "Space"}, {"t": "Str", "c": "v"}, {"t": "Space"}, {"t": "Emph", "c": [{"t": "Str", "c": "u"}]}]]}]]}]
JSON
check_same "html: Spaces around emphases, in JSON" "$T/emph.want" "$T/emph.json"
# A line's first word joined to its indent (class="i2"), or opening with a
# guillemet, is no indent alone: the Space after it stays.
printf '<div class="poem"><div class="stanza"><div class="i2">words admit <i>but</i> this</div><div>\302\253Oui\302\273 <i>dit</i>-il</div></div></div>\n' >"$T/indent.html"
"$SAMIZDAT" -q -f html -t plain "$T/indent.html" >"$T/indent.txt"
printf '\302\240\302\240words admit _but_ this\n\302\253Oui\302\273 _dit_-il\n' >"$T/indent.want"
check_same "html: a poem line's Space after an indented or guillemet first word" "$T/indent.want" "$T/indent.txt"
# Column widths from <col width> or <col style="width">, span times (pandoc reads them so)
printf '<table><colgroup><col style="width: 25%%"/><col width="75%%"/></colgroup><tr><td>a</td><td>b</td></tr></table><table><col span="2" width="50%%"><tr><td>a</td><td>b</td></tr></table><table><tr><td>x</td></tr></table>' >"$T/cw.html"
"$SAMIZDAT" -q -f html -t native "$T/cw.html" | grep ColSpec | tr -s ' ' | tr '\n' '|' >"$T/cw.got"
printf '%s' ' ColSpec AlignDefault 0.25| ColSpec AlignDefault 0.75| ColSpec AlignDefault 0.5| ColSpec AlignDefault 0.5| ColSpec AlignDefault ColWidthDefault|' >"$T/cw.want"
check_same "html: column widths from <col>" "$T/cw.want" "$T/cw.got"
# A note body whose back link names a superscript no link points from (a
# writer's reference inside a link, which cannot hold another) is a Note there.
printf '<p><a href="https://x.org/">a note<sup id="fnref5" class="footnote-ref">5</sup></a> text.</p>\n<aside id="fn5" class="footnote" epub:type="footnote"><p><a href="#fnref5" class="footnote-back">5.</a> In a link.</p></aside>\n' >"$T/nl.html"
"$SAMIZDAT" -q -f html -t plain "$T/nl.html" | tr '\n' '|' >"$T/nl.got"
printf '%s' 'a note[1] <https://x.org/> text.||[1] In a link.|' >"$T/nl.want"
check_same "html: a note body found by its back link to a superscript" "$T/nl.want" "$T/nl.got"
# A line of no-break spaces alone is a poem's empty line (how samizdat's
# and pandoc's writers keep the gap).
printf '<div class="line-block"><div class="line">a</div><div class="line">&nbsp;</div><div class="line">b</div></div>\n<div class="poem"><p>c<br/>\302\240\302\240<br/>d</p></div>\n' >"$T/gap.html"
"$SAMIZDAT" -q -f html -t json "$T/gap.html" | python3 -c 'import json, sys; print(json.dumps([b["c"] if b["t"] == "LineBlock" else b["c"][1][0]["c"] for b in json.load(sys.stdin)["blocks"]]))' >"$T/gap.json"
printf '%s\n' '[[[{"t": "Str", "c": "a"}], [], [{"t": "Str", "c": "b"}]], [[{"t": "Str", "c": "c"}], [], [{"t": "Str", "c": "d"}]]]' >"$T/gap.want"
check_same "html: a line of no-break spaces alone is an empty line of the LineBlock" "$T/gap.want" "$T/gap.json"
cat >"$T/spaces.lua" <<'LUA'
local n = 0
function Space() n = n + 1 end
function Pandoc() io.stderr:write(n, "\n") end
LUA
"$SAMIZDAT" -q -f html -L "$T/spaces.lua" -t plain "$T/emph.html" >/dev/null 2>"$T/spaces.out"
check "html: Spaces around emphases, to a Lua filter (11)" grep -qx 11 "$T/spaces.out"
"$SAMIZDAT" -q -f html -t native "$T/emph.html" >"$T/emph.native"
check "html: Spaces around emphases, in native" sh -c \
    "[ \$(grep -c '^  Space\$' '$T/emph.native') = 7 ] && [ \$(grep -c '^      Space\$' '$T/emph.native') = 4 ]"

# --- bad input ----------------------------------------------------------------
python3 -c "print('<html><body>' + '<div>' * 600 + 'deep' + '</div>' * 600)" >"$T/deep.html"
check_exit "html: nesting deeper than SZ_MAX_DEPTH is refused" 64 \
    "$SAMIZDAT" -f html -t native "$T/deep.html"
check "html: ... with file, line and byte offset" \
    grep -q "^$T/deep.html:1:.*nested deeper than 512.*(byte offset [0-9]*)" "$SZ_TMP/exit.err"
python3 -c "print('<b>' * 3000 + 'x')" >"$T/deepi.html"
check_exit "html: deep inline nesting is refused too" 64 "$SAMIZDAT" -f html -t json "$T/deepi.html"
printf '<p>caf\351 cr\350me</p>\n' >"$T/latin.html"
"$SAMIZDAT" -f html -t plain "$T/latin.html" >"$T/latin.txt" 2>"$T/latin.err"
check "html: invalid UTF-8 is read as Windows-1252, with a warning" sh -c \
    "grep -q 'café crème' '$T/latin.txt' && grep -q 'warning' '$T/latin.err'"
printf '<meta charset="iso-8859-1"><p>caf\351</p>\n' >"$T/decl.html"
"$SAMIZDAT" -f html -t plain "$T/decl.html" >"$T/decl.txt" 2>"$T/decl.err"
check "html: a declared ISO-8859-1 page is read quietly" sh -c \
    "grep -q 'café' '$T/decl.txt' && ! test -s '$T/decl.err'"
printf '<meta charset="iso-8859-1"><p>caf\303\251</p>\n' >"$T/lie.html"
"$SAMIZDAT" -f html -t plain "$T/lie.html" >"$T/lie.txt" 2>"$T/lie.err"
check "html: a page declaring ISO-8859-1 but in UTF-8 is read as UTF-8, with a warning" sh -c \
    "grep -q 'café' '$T/lie.txt' && grep -q 'declares charset' '$T/lie.err'"
printf '<meta charset="koi8-r"><p>\301\302</p>\n' >"$T/koi.html"
"$SAMIZDAT" -f html -t plain "$T/koi.html" >"$T/koi.txt" 2>&1
check "html: other declared charsets are converted (KOI8-R)" grep -q 'аб' "$T/koi.txt"
printf '<p>a\000b</p>' >"$T/nul.html"
check_exit "html: a NUL byte is a warning, not a failure" 0 "$SAMIZDAT" -f html -t plain "$T/nul.html"
printf '<?xml version="1.0"?><html><body><p>open <b>bold</p></body></html>' >"$T/bad.xhtml"
"$SAMIZDAT" -f html -t plain "$T/bad.xhtml" >"$T/bad.txt" 2>"$T/bad.err"
check "html: malformed XHTML is read as well as it can be, with a warning naming the line" sh -c \
    "grep -q 'open.*bold' '$T/bad.txt' && grep -q 'bad.xhtml:1:.*well-formed' '$T/bad.err'"

# No external entity, parameter entity or DTD is loaded: the file they name
# stays unread, and a DTD on an unreachable host costs nothing.
echo SECRETWORD >"$T/secret.txt"
printf '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM "file://%s/secret.txt"><!ENTITY %% p SYSTEM "file://%s/secret.txt"> %%p;]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>a &x; b</p></body></html>\n' "$T" "$T" >"$T/xxe.xhtml"
printf '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://127.0.0.1:9/xhtml11.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>caf&eacute;</p></body></html>\n' >"$T/dtd.xhtml"
"$SAMIZDAT" -f html -t plain "$T/xxe.xhtml" >"$T/xxe.txt" 2>&1
check "html: an external entity is not loaded (XHTML)" sh -c "grep -q 'a b' '$T/xxe.txt' && ! grep -q SECRETWORD '$T/xxe.txt'"
printf '<!DOCTYPE html [<!ENTITY x SYSTEM "file://%s/secret.txt">]><p>a &x; b</p>\n' "$T" >"$T/xxe.html"
"$SAMIZDAT" -f html -t plain "$T/xxe.html" >"$T/xxeh.txt" 2>&1
check "html: an external entity is not loaded (HTML)" sh -c "grep -q 'a' '$T/xxeh.txt' && ! grep -q SECRETWORD '$T/xxeh.txt'"
"$SAMIZDAT" -f html -t plain "$T/dtd.xhtml" >"$T/dtd.txt" 2>&1
check "html: an XHTML page naming a DTD is read without it (its entities are HTML's)" grep -qx 'café' "$T/dtd.txt"

# --- a page on disk read as it comes, or whole ------------------------------------
# A file whose bytes are read as they are goes to the parser a piece at a
# time; the others are read whole.  Either way the tree is the one its
# bytes make from standard input (read whole): long pages whose characters
# straddle the 64 KB pieces, and whose entity, charset or stray byte comes
# after the first piece.
python3 - "$T" <<'PY'
import sys
d = sys.argv[1]
para = "<p>%s</p>\n" % " ".join(["\u00e9t\u00e9", "\u20ac", "x\U0001d11e", "ab"] * 10)
body = para * 1500
pages = {
    "long.html": "<html><body>" + body + "<p>fin &eacute;t&eacute; &mdash;</p></body></html>",
    "long.xhtml": '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                  "<body>" + body + "<p>fin &eacute;t&eacute; &mdash;</p></body></html>",
    "clean.xhtml": '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                   "<body>" + body + "<p>the end</p></body></html>",
    "stray.html": "<html><body>" + body + "<p>a stray \udcff byte</p></body></html>",
}
for name, text in pages.items():
    open("%s/%s" % (d, name), "wb").write(text.encode("utf-8", "surrogateescape"))
latin = '<html><head><meta charset="iso-8859-1"></head><body>'
latin += body.replace("\U0001d11e", "").replace("\u20ac", "E") + "<p>caf\u00e9</p></body></html>"
open(d + "/latin1.html", "wb").write(latin.encode("latin-1"))
PY
for n in long.html long.xhtml clean.xhtml stray.html latin1.html; do
    "$SAMIZDAT" -q -f html -t json "$T/$n" -o "$T/$n.file.json" 2>/dev/null
    "$SAMIZDAT" -q -f html -t json - <"$T/$n" -o "$T/$n.stdin.json" 2>/dev/null
    check_same "html: $n (over 64 KB) reads from its file as from its bytes" \
        "$T/$n.stdin.json" "$T/$n.file.json"
done
"$SAMIZDAT" -f html -t plain "$T/clean.xhtml" -o "$T/clean.txt"
check "html: a long page read as it comes loses no character" \
    sh -c "grep -qx 'the end' '$T/clean.txt' && [ \$(grep -o '𝄞' '$T/clean.txt' | wc -l) -eq 15000 ]"
"$SAMIZDAT" -f html -t plain "$T/stray.html" -o "$T/stray.txt" 2>"$T/stray.err"
check "html: a stray byte past a long page's first 64 KB is warned of, naming its offset" \
    grep -q 'stray.html: warning: input is not valid UTF-8.*byte offset' "$T/stray.err"

# --- paired HTML editions: headings against the truth ---------------------------
if [ -n "$SZ_ASAN" ]; then
    skip "html: paired HTML editions (checked by the release build only)"
elif [ ! -d "$SZ_SHARED/corpus/paired" ]; then
    skip "html: paired HTML editions (no $SZ_SHARED/corpus/paired)"
else
    mkdir -p "$T/pg"
    : >"$T/scores"
    for d in "$SZ_SHARED"/corpus/paired/*/; do
        b=$(basename "$d")
        [ -f "$d/$b.htm" ] && [ -f "$d/$b.truth.json" ] || continue
        grep -q '"consistent": true' "$d/$b.truth.json" || continue
        "$SAMIZDAT" -q -f html -t json "$d/$b.htm" -o "$T/pg/$b.json" ||
            { fail "html: paired $b: exit $?"; continue; }
        # the truth with the corrections of paired-truth.txt applied
        python3 - "$d/$b.truth.json" "$H/paired-truth.txt" "$b" >"$T/pg/$b.truth.json" <<'PY'
import json, sys, unicodedata
def norm(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s).lower() if c.isalnum())
truth = json.load(open(sys.argv[1]))
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if line.startswith("#") or len(f) < 4 or f[0] != sys.argv[3]:
        continue
    if f[1] == "-":
        k = [i for i, (_, t) in enumerate(truth["headings"]) if norm(t) == norm(f[2])]
        if not k:
            sys.exit("paired-truth.txt: %s: no heading %r in the truth" % (f[0], f[2]))
        del truth["headings"][k[0]]
    else:
        truth["headings"].append([2, f[2]])
json.dump(truth, sys.stdout)
PY
        python3 "$SZ_SHARED/tools/pgscore.py" "$T/pg/$b.json" "$T/pg/$b.truth.json" >"$T/pg/$b.score" ||
            { fail "html: paired $b: no score"; continue; }
        printf '%s ' "$b" >>"$T/scores"
        cat "$T/pg/$b.score" >>"$T/scores"
    done
    python3 - "$T/scores" <<'PY'
import json, sys
m = t = o = 0; f1 = []
low = []
for line in open(sys.argv[1]):
    book, _, line = line.partition(" ")
    d = json.loads(line)
    if d["heading_f1"] < 0.97:
        low.append("%s %.3f" % (book, d["heading_f1"]))
    m += d["headings_matched"]; t += d["headings_truth"]; o += d["headings_out"]
    f1.append(d["heading_f1"])
p = m / o if o else 1.0
r = m / t if t else 1.0
f = 2 * p * r / (p + r) if p + r else 0.0
mean = sum(f1) / len(f1)
verdict = "PASS" if f >= 0.97 and mean >= 0.97 else "FAIL"
print("%s html: paired HTML editions: heading F1 %.4f over %d books (P %.4f, R %.4f; mean of "
      "per-book F1 %.4f), wanted >= 0.97 both; below 0.97: %s"
      % (verdict, f, len(f1), p, r, mean, ", ".join(low) or "none"))
PY
fi
