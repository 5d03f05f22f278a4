-- examples/gemtext.lua
-- A custom writer for Gemini's text format (gemtext), in pandoc 3's
-- Writer(doc, opts) form:  samizdat essay.txt -t examples/gemtext.lua
-- Gemtext has headings (# ## ###), one link per line (=> URL text), list
-- items (* ), quotes (> ) and preformatted blocks (```), and no inline
-- markup: emphasis becomes plain text, links are listed after their block,
-- and notes are gathered at the end.
-- See LICENSE.

local stringify = pandoc.utils.stringify

local notes, links

-- Inlines as one line of plain text; links and notes are collected.
local function inlines(xs)
  local out = {}
  for _, el in ipairs(xs) do
    local t = el.t
    if t == 'Str' or t == 'Code' or t == 'Math' then out[#out + 1] = el.text
    elseif t == 'Space' or t == 'SoftBreak' then out[#out + 1] = ' '
    elseif t == 'LineBreak' then out[#out + 1] = '\n'
    elseif t == 'Quoted' then
      local d = el.quotetype == 'DoubleQuote'
      out[#out + 1] = (d and '“' or '‘') .. inlines(el.content) .. (d and '”' or '’')
    elseif t == 'Link' then
      local text = inlines(el.content)
      out[#out + 1] = text
      links[#links + 1] = '=> ' .. el.target .. (text ~= el.target and ' ' .. text or '')
    elseif t == 'Image' then
      local alt = inlines(el.caption)
      out[#out + 1] = alt
      links[#links + 1] = '=> ' .. el.src .. (alt ~= '' and ' ' .. alt or '')
    elseif t == 'Note' then
      notes[#notes + 1] = el.content
      out[#out + 1] = '[' .. #notes .. ']'
    elseif t == 'RawInline' then -- dropped: no raw markup in gemtext
    elseif el.content then out[#out + 1] = inlines(el.content)
    end
  end
  return table.concat(out)
end

local blocks

-- The links found in a block follow it, each on its own line.
local function with_links(text)
  if #links == 0 then return text end
  local r = text .. '\n' .. table.concat(links, '\n')
  links = {}
  return r
end

local function block(b)
  local t = b.t
  if t == 'Para' or t == 'Plain' then return with_links(inlines(b.content))
  elseif t == 'Header' then
    return with_links(string.rep('#', math.min(b.level, 3)) .. ' ' .. inlines(b.content))
  elseif t == 'BlockQuote' then
    local inner = blocks(b.content)
    return (inner:gsub('[^\n]+', '> %0'))
  elseif t == 'BulletList' or t == 'OrderedList' then
    local out = {}
    for i, item in ipairs(b.content) do
      local mark = t == 'OrderedList' and ('* ' .. (b.listAttributes.start + i - 1) .. '. ') or '* '
      -- nested lists keep their own "* " lines; paragraphs join up
      out[#out + 1] = mark .. blocks(item):gsub('\n\n', '\n')
    end
    return with_links(table.concat(out, '\n'))
  elseif t == 'DefinitionList' then
    local out = {}
    for _, item in ipairs(b.content) do
      out[#out + 1] = '* ' .. inlines(item[1])
      for _, def in ipairs(item[2]) do out[#out + 1] = blocks(def) end
    end
    return with_links(table.concat(out, '\n'))
  elseif t == 'CodeBlock' then
    return '```' .. (b.classes[1] or '') .. '\n' .. b.text .. '\n```'
  elseif t == 'LineBlock' then
    local out = {}
    for _, l in ipairs(b.content) do out[#out + 1] = inlines(l) end
    return with_links(table.concat(out, '\n'))
  elseif t == 'HorizontalRule' then return '───'
  elseif t == 'Div' then return blocks(b.content)
  elseif t == 'Figure' then
    local body = blocks(b.content)
    local cap = stringify(b.caption.long)
    if body == '' then return cap end
    return body .. (cap ~= '' and '\n' .. cap or '')
  elseif t == 'Table' then
    -- tables as preformatted text, cells separated by " | "
    local rows = {}
    local function add(r)
      local cells = {}
      for _, c in ipairs(r.cells) do cells[#cells + 1] = stringify(c.contents) end
      rows[#rows + 1] = table.concat(cells, ' | ')
    end
    for _, r in ipairs(b.head.rows) do add(r) end
    for _, body in ipairs(b.bodies) do for _, r in ipairs(body.body) do add(r) end end
    local cap = stringify(b.caption.long)
    return (cap ~= '' and cap .. '\n' or '') .. '```\n' .. table.concat(rows, '\n') .. '\n```'
  end
  return ''
end

blocks = function(bs)
  local out = {}
  for _, b in ipairs(bs) do
    local s = block(b)
    if s ~= '' then out[#out + 1] = s end
  end
  return table.concat(out, '\n\n')
end

function Writer(doc, opts)
  notes, links = {}, {}
  local parts = {}
  local title = doc.meta.title and stringify(doc.meta.title) or ''
  if title ~= '' then parts[#parts + 1] = '# ' .. title end
  if doc.meta.author then
    local a = doc.meta.author
    parts[#parts + 1] = pandoc.utils.type(a) == 'List'
      and table.concat(a:map(stringify), ', ') or stringify(a)
  end
  parts[#parts + 1] = blocks(doc.blocks)
  if #notes > 0 then
    local ns = {'## Notes'}
    for i, n in ipairs(notes) do ns[#ns + 1] = '[' .. i .. '] ' .. blocks(n) end
    parts[#parts + 1] = table.concat(ns, '\n\n')
  end
  return table.concat(parts, '\n\n') .. '\n'
end
