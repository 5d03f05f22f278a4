#!/bin/sh
# tests/runs/suite.sh — text runs are invisible.  The essay reader packs a
# stretch of words into one node (SZ_STR_RUN); every filter and writer must
# give exactly what it gives for the same document read back from pandoc
# JSON, where every word is its own Str node.
. "$(dirname "$0")/../lib.sh"
S=$SAMIZDAT
T=$SZ_TMP

# A hard-wrapped text with soft breaks, emphasis, quotes, a note and verse.
cat >"$T/book.txt" <<'TXT'
CHAPTER I.

It was the _best_ of times, it was the "worst" of times, it was the
age of wisdom, it was the age of foolishness[1], it was the epoch of
belief -- it was the epoch of incredulity...

    The sun was shining on the sea,
      Shining with all his might:
    He did his very best to make
      The billows smooth and bright.

CHAPTER II.

Short paragraph.

[1] A note with several words in it.
TXT
cp "$SZ_ROOT/examples/essay.txt" "$T/essay.txt"

cat >"$T/upper.lua" <<'LUA'
function Str(s) return pandoc.Str(s.text:upper()) end
LUA
cat >"$T/space.lua" <<'LUA'
function Space() return pandoc.SoftBreak() end
function SoftBreak() return pandoc.Str('/') end
LUA
cat >"$T/inlines.lua" <<'LUA'
function Inlines(l) local r = pandoc.List() for i = #l, 1, -1 do r:insert(l[i]) end return r end
LUA
cat >"$T/generic.lua" <<'LUA'
function Inline(el) if el.t == 'Str' and #el.text > 4 then return {el, pandoc.Str('!')} end end
LUA
cat >"$T/topdown.lua" <<'LUA'
traverse = 'topdown'
function Str(s) if s.text == 'the' then return {} end end
function Emph(e) return e, false end
LUA
cat >"$T/para.lua" <<'LUA'
function Para(p) p.content:insert(pandoc.Str('.')) return p end
LUA
cat >"$T/count.lua" <<'LUA'
local n = 0
function Str() n = n + 1 end
function Pandoc(d) d.meta.words = pandoc.MetaString(tostring(n)) return d end
LUA
cat >"$T/noop.lua" <<'LUA'
function Str() end
LUA
# Str-only filters see a run's words one by one and split it only around
# the words they replace: every third word, the last word of a sentence,
# every word, an earlier element given back, topdown into what replaced.
cat >"$T/third.lua" <<'LUA'
local i = 0
function Str(s)
  i = i + 1
  if i % 3 == 0 then return {pandoc.Emph{s}, pandoc.Space(), pandoc.Str('x')} end
end
LUA
cat >"$T/ends.lua" <<'LUA'
function Str(s) if s.text:match('[.,]$') then s.text = s.text .. '#'; return s end end
LUA
cat >"$T/none.lua" <<'LUA'
function Str(s) return {} end
LUA
cat >"$T/kept.lua" <<'LUA'
local kept = {}
function Str(s)
  kept[#kept + 1] = s
  if #kept % 4 == 0 then return kept[#kept - 2] end
end
LUA
cat >"$T/tdemph.lua" <<'LUA'
traverse = 'topdown'
function Str(s)
  if s.text == 'was' or s.text == 'the' then return pandoc.Emph{pandoc.Str(s.text:upper())} end
  if s.text == 'WAS' then return pandoc.Str('w'), false end
  if s.text == 'THE' then return pandoc.Strong{pandoc.Str('t')} end
end
LUA
cat >"$T/same.lua" <<'LUA'
function Str(s) if #s.text > 3 then return s end end
LUA
cat >"$T/pwalk.lua" <<'LUA'
local up = {Str = function(s) if #s.text > 4 then return pandoc.Str(s.text:upper()) end end}
function Para(p)
  local q = p:walk{Str = function(s) if s.text == 'the' then return pandoc.Emph{s} end end}
  if #q.content % 2 == 0 then q.content:insert(pandoc.Str('!')) end
  return q:walk(up)
end
function Header(h) return h:walk{Space = function() return pandoc.Str('_') end} end
function BlockQuote(b) return pandoc.walk_block(b, up) end
LUA
cat >"$T/dwalk.lua" <<'LUA'
function Pandoc(doc)
  local d2 = doc:walk{Str = function(s) if s.text == 'the' then return pandoc.Emph{s} end end,
                      Para = function(p) return p:walk{Space = function() return pandoc.Str('~') end} end}
  d2.blocks:insert(pandoc.Para('end'))
  d2.meta.walked = true
  return d2:walk{Emph = function(e) return e.content end}
end
LUA
cat >"$T/mixed.lua" <<'LUA'
function Str(s)
  local n = #s.text
  if s.text == 'of' then return pandoc.Str('of') end
  if n == 2 then return pandoc.Str('<' .. s.text .. '>') end
  if n == 3 then return pandoc.Str(s.text .. ' x') end
  if n == 4 then return pandoc.Str('') end
  if n == 5 then return {pandoc.Str('['), pandoc.Str(s.text)} end
  if n == 6 then return pandoc.Str('a\nb') end
end
LUA
cat >"$T/writer.lua" <<'LUA'
function Writer(doc, opts)
  local out = {}
  doc:walk{ Str = function(s) out[#out + 1] = s.text end,
            Space = function() out[#out + 1] = '_' end,
            SoftBreak = function() out[#out + 1] = '~' end }
  return table.concat(out, '|') .. '\n'
end
LUA

for doc in book essay; do
    "$S" "$T/$doc.txt" -t json -o "$T/$doc.json" 2>/dev/null
    for f in upper space inlines generic topdown para count noop third ends none kept tdemph mixed same pwalk dwalk; do
        "$S" "$T/$doc.txt" -L "$T/$f.lua" -t json >"$T/a.json" 2>"$T/a.err"
        "$S" -f json "$T/$doc.json" -L "$T/$f.lua" -t json >"$T/b.json" 2>"$T/b.err"
        check_same "runs: $doc with $f.lua equals the same filter on its JSON" "$T/b.json" "$T/a.json"
    done
    for f in wordcount lang number-sections smallcaps-openers typography; do
        "$S" "$T/$doc.txt" -L "$f" -t json >"$T/a.json" 2>"$T/a.err"
        "$S" -f json "$T/$doc.json" -L "$f" -t json >"$T/b.json" 2>"$T/b.err"
        check_same "runs: $doc with bundled $f equals the same filter on its JSON" "$T/b.json" "$T/a.json"
    done
    "$S" "$T/$doc.txt" -t "$T/writer.lua" >"$T/a.txt" 2>/dev/null
    "$S" -f json "$T/$doc.json" -t "$T/writer.lua" >"$T/b.txt" 2>/dev/null
    check_same "runs: $doc through a Lua writer equals its JSON" "$T/b.txt" "$T/a.txt"
    for w in plain html tei native; do
        # (TEI names its source file: the same name for both)
        "$S" "$T/$doc.txt" -t $w 2>/dev/null | sed 's/\.txt</.src</' >"$T/a.out"
        "$S" -f json "$T/$doc.json" -t $w 2>/dev/null | sed 's/\.json</.src</' >"$T/b.out"
        check_same "runs: $doc to $w equals its JSON to $w" "$T/b.out" "$T/a.out"
    done
done
check "runs: the book's JSON has no run left (words are Str nodes)" \
    sh -c "! grep -q '\"Str\",\"c\":\"[^\"]* ' '$T/book.json'"
