-- examples/essay-figures.lua
-- Turns caption lines into figures.  Essays pasted from the web often keep
-- the captions of their pictures as lines of their own while the pictures
-- are lost; this filter makes each such line a Figure with that caption
-- (and no image), so EPUB, HTML and TEI show it as a caption.
--   samizdat examples/essay.txt -L examples/essay-figures.lua -o essay.epub
-- A paragraph is taken for a caption when it is a single sentence of at
-- most `max_words` words that speaks of a picture (one of `picture_words`),
-- e.g. "A symbolic representation of ..." or "... a powerful image of ...".
-- Metadata can tune it:
--   figure-caption-words: [sketch, woodcut]   more picture words
--   figure-captions: ["Leaders from both"]    openings always taken
-- See LICENSE.

local max_words = 40
local picture_words = {
  'image', 'images', 'picture', 'pictures', 'photo', 'photograph', 'photographs',
  'illustration', 'representation', 'portrait', 'painting', 'drawing', 'poster',
  'depiction', 'map', 'figure', 'diagram', 'caricature', 'engraving', 'sketch',
}
local openers = {}

local stringify = pandoc.utils.stringify

local function is_picture_word(w)
  w = pandoc.text.lower(w):gsub('[%p]+$', '')
  for _, p in ipairs(picture_words) do
    if w == p then return true end
  end
  return false
end

local function is_caption(para)
  local text = stringify(para)
  for _, o in ipairs(openers) do
    if text:sub(1, #o) == o then return true end
  end
  local words, pictured = 0, false
  for i, el in ipairs(para.content) do
    if el.t == 'Str' then
      words = words + 1
      if is_picture_word(el.text) then pictured = true end
      -- one sentence: a full stop, question or exclamation mark only at the end
      if i < #para.content and el.text:match('[%.!%?]$') and not el.text:match('%u%.$') then
        return false
      end
    elseif el.t ~= 'Space' and el.t ~= 'SoftBreak' and el.t ~= 'Quoted' and el.t ~= 'Emph' then
      return false
    end
  end
  return pictured and words <= max_words and text:match('[%.!%?]$') ~= nil
end

return {
  {Meta = function(m)
    for _, w in ipairs(m['figure-caption-words'] or {}) do
      picture_words[#picture_words + 1] = stringify(w)
    end
    for _, o in ipairs(m['figure-captions'] or {}) do openers[#openers + 1] = stringify(o) end
  end},
  {Para = function(p)
    if is_caption(p) then
      return pandoc.Figure({}, {pandoc.Plain(p.content)})
    end
  end},
}
