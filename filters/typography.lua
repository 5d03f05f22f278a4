-- filters/typography.lua
-- Typographic touches for prose typed on a keyboard: "..." becomes an
-- ellipsis (…), "---" an em dash (—), "--" an en dash (–), and a space
-- next to a dash or before a closing mark is made non-breaking where line
-- breaks look wrong: "word —" keeps its dash, French "mot :" its colon
-- (for documents whose `lang` is fr, thin no-break spaces before ; : ! ?
-- and inside « »).  Code, math and raw text are left alone.
-- See LICENSE.

local french = false
local NBSP, NNBSP = '\u{00A0}', '\u{202F}'

local function fix(s)
  s = s:gsub('%.%.%.', '…'):gsub('%-%-%-', '—'):gsub('%-%-', '–')
  return s
end

local function inlines(xs)
  local out = pandoc.List()
  local i = 1
  while i <= #xs do
    local el = xs[i]
    local nxt = xs[i + 1]
    if el.t == 'Str' then
      out:insert(pandoc.Str(fix(el.text)))
    elseif el.t == 'Space' and nxt and nxt.t == 'Str' then
      local t = fix(nxt.text)
      if t == '—' or t == '–' then
        -- "word — word": the dash stays with the word before it
        out[#out] = pandoc.Str(out[#out] and out[#out].t == 'Str' and out[#out].text .. NBSP .. t or t)
        i = i + 1
        if out[#out].t == 'Str' and out[#out].text == t then out[#out] = pandoc.Str(t) end
      elseif french and t:match('^[;:!%?»]') and out[#out] and out[#out].t == 'Str' then
        out[#out] = pandoc.Str(out[#out].text .. NNBSP .. t)
        i = i + 1
      else
        out:insert(el)
      end
    elseif el.t == 'Space' and french and out[#out] and out[#out].t == 'Str'
        and out[#out].text:match('«$') and nxt and nxt.t == 'Str' then
      out[#out] = pandoc.Str(out[#out].text .. NNBSP .. nxt.text)
      i = i + 1
    else
      out:insert(el)
    end
    i = i + 1
  end
  return out
end

return {
  {Meta = function(m)
    french = m.lang ~= nil and pandoc.utils.stringify(m.lang):match('^fr') ~= nil
  end},
  {Inlines = inlines},
}
