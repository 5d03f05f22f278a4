-- filters/wordcount.lua
-- Counts words, characters and paragraphs and reports them on stderr; the
-- document passes through unchanged.   samizdat essay.txt -L wordcount -o x.epub
-- Words are runs of non-space text (as pandoc's wordcount filter counts
-- them); characters are counted with and without spaces; paragraphs are
-- Para blocks.  Metadata and notes are included, code is not.
-- See LICENSE.

local words, chars, spaces, paras = 0, 0, 0, 0

local function count_text(s)
  for w in s:gmatch('%S+') do
    if w:find('[%w\128-\255]') then words = words + 1 end
  end
  chars = chars + utf8.len((s:gsub('%s', '')))
end

return {{
  Str = function(el) count_text(el.text) end,
  Space = function() spaces = spaces + 1 end,
  SoftBreak = function() spaces = spaces + 1 end,
  Para = function() paras = paras + 1 end,
  Pandoc = function()
    io.stderr:write(string.format(
      'wordcount: %d words, %d characters (%d with spaces), %d paragraphs\n',
      words, chars, chars + spaces, paras))
  end,
}}
