-- filters/smallcaps-openers.lua
-- Sets the first words of each section in small capitals, a classic book
-- style: the first paragraph of the document and the first paragraph after
-- every heading open with SmallCaps.  Metadata:
--   smallcaps-openers-words: 3   how many words (default 3); a phrase ends
--                                earlier at a comma, colon or full stop.
-- See LICENSE.

local nwords = 3

local function open(para)
  local content = para.content
  local out, words, i = pandoc.List(), 0, 1
  local caps = pandoc.List()
  while i <= #content do
    local el = content[i]
    if el.t == 'Str' then
      caps:insert(el)
      words = words + 1
      i = i + 1
      if words >= nwords or el.text:match('[,;:%.!%?]$') then break end
    elseif (el.t == 'Space' or el.t == 'SoftBreak') and #caps > 0 then
      -- a space joins two words only if another word follows
      local nxt = content[i + 1]
      if not nxt or nxt.t ~= 'Str' then break end
      caps:insert(el)
      i = i + 1
    else
      break
    end
  end
  if #caps == 0 then return nil end
  out:insert(pandoc.SmallCaps(caps))
  for j = i, #content do out:insert(content[j]) end
  return pandoc.Para(out)
end

local function blocks(bs)
  local changed = false
  local want = false
  for i, b in ipairs(bs) do
    if b.t == 'Header' then
      want = true
    elseif b.t == 'Para' and want then
      local p = open(b)
      if p then bs[i] = p; changed = true end
      want = false
    elseif b.t ~= 'Div' and b.t ~= 'RawBlock' then
      want = false
    end
  end
  return changed and bs or nil
end

return {
  {Meta = function(m)
    local w = m['smallcaps-openers-words']
    if w then nwords = tonumber(pandoc.utils.stringify(w)) or nwords end
  end},
  {Pandoc = function(doc)
    -- the document's first paragraph opens too, when nothing comes before it
    -- but a title heading
    local first = doc.blocks[1]
    if first and first.t == 'Para' then doc.blocks[1] = open(first) or first end
    return doc:walk{Blocks = blocks}
  end},
}
