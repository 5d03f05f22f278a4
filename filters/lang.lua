-- filters/lang.lua
-- Marks runs of text in another script with the language they are written
-- in, as Spans with a lang attribute, so that EPUB, HTML and TEI carry it
-- (for fonts, hyphenation and screen readers):  [中文]{lang=zh}
-- Scripts and their default language: Han zh, Hiragana/Katakana ja, Hangul
-- ko, Cyrillic ru, Greek el, Arabic ar, Hebrew he, Devanagari hi, Thai th,
-- Armenian hy, Georgian ka.  Change one in the metadata, e.g.
--   lang-scripts: {cyrillic: uk, han: zh-Hant}
-- A script whose language is the document's own (metadata `lang`) is left
-- alone, as is text already inside a Span with a lang attribute.
-- See LICENSE.

local scripts = {   -- {first, last, script}
  {0x0370, 0x03FF, 'greek'}, {0x1F00, 0x1FFF, 'greek'},
  {0x0400, 0x052F, 'cyrillic'}, {0x2DE0, 0x2DFF, 'cyrillic'}, {0xA640, 0xA69F, 'cyrillic'},
  {0x0530, 0x058F, 'armenian'}, {0x0590, 0x05FF, 'hebrew'},
  {0x0600, 0x06FF, 'arabic'}, {0x0750, 0x077F, 'arabic'}, {0x08A0, 0x08FF, 'arabic'},
  {0x0900, 0x097F, 'devanagari'}, {0x0E00, 0x0E7F, 'thai'}, {0x10A0, 0x10FF, 'georgian'},
  {0x1100, 0x11FF, 'hangul'}, {0xAC00, 0xD7AF, 'hangul'},
  {0x3040, 0x30FF, 'kana'},
  {0x3400, 0x4DBF, 'han'}, {0x4E00, 0x9FFF, 'han'}, {0xF900, 0xFAFF, 'han'},
  {0x20000, 0x2FA1F, 'han'},
}
local langs = {
  greek = 'el', cyrillic = 'ru', armenian = 'hy', hebrew = 'he', arabic = 'ar',
  devanagari = 'hi', thai = 'th', georgian = 'ka', hangul = 'ko', kana = 'ja', han = 'zh',
}
local doc_lang = nil

local function script_of(cp)
  if cp < 0x0370 then return nil end
  for _, r in ipairs(scripts) do
    if cp >= r[1] and cp <= r[2] then return r[3] end
  end
  return nil
end

-- The script of a word: the one of its letters, or nil for Latin, digits,
-- punctuation only, or a mix of scripts.  Kana in a word makes it Japanese.
local function word_script(s)
  local found = nil
  for _, cp in utf8.codes(s) do
    local sc = script_of(cp)
    if sc == 'kana' and (found == 'han' or found == nil) then
      found = 'kana'
    elseif sc == 'han' and found == 'kana' then -- Japanese kanji
    elseif sc then
      if found and found ~= sc then return nil end
      found = sc
    elseif cp < 0x80 and s.char(cp):match('%a') then
      return nil
    end
  end
  return found
end

local function lang_of(script)
  local l = script and langs[script]
  if not l or l == doc_lang or (doc_lang and doc_lang:match('^' .. l .. '%-')) then return nil end
  return l
end

local function wrap(inlines)
  local out, run, run_lang, pending = pandoc.List(), nil, nil, pandoc.List()
  local function flush()
    if run then out:insert(pandoc.Span(run, pandoc.Attr('', {}, {{'lang', run_lang}}))) end
    out:extend(pending)
    run, run_lang, pending = nil, nil, pandoc.List()
  end
  for _, el in ipairs(inlines) do
    if el.t == 'Str' then
      local l = lang_of(word_script(el.text))
      if l and l == run_lang then
        run:extend(pending)
        run:insert(el)
        pending = pandoc.List()
      else
        flush()
        if l then run, run_lang = pandoc.List{el}, l else out:insert(el) end
      end
    elseif (el.t == 'Space' or el.t == 'SoftBreak') and run then
      pending:insert(el)
    else
      flush()
      out:insert(el)
    end
  end
  flush()
  return out
end

local function has_lang(el) return el.attributes.lang ~= nil end

return {
  {Meta = function(meta)
    if meta.lang then doc_lang = pandoc.utils.stringify(meta.lang) end
    local custom = meta['lang-scripts']
    if type(custom) == 'table' then
      for k, v in pairs(custom) do langs[k] = pandoc.utils.stringify(v) end
    end
  end},
  {
    traverse = 'topdown',
    Span = function(el) if has_lang(el) then return el, false end end,
    Div = function(el) if has_lang(el) then return el, false end end,
    Inlines = function(inlines) return wrap(inlines) end,
  },
}
