-- examples/layout-writer.lua
-- A custom writer built on pandoc.layout, in pandoc 3's Writer(doc, opts)
-- form: a plain-text rendering where headings are underlined, paragraphs
-- reflow to --columns, list items hang under their marker, block quotes
-- are indented and notes come at the end.
--     samizdat examples/essay.txt -t examples/layout-writer.lua --columns 60
-- See LICENSE.

local layout = pandoc.layout
local literal, cr, blankline, space = layout.literal, layout.cr, layout.blankline, layout.space
local concat, nest, hang = layout.concat, layout.nest, layout.hang

local notes

local inlines, blocks

-- Inlines as a Doc: spaces are the places where lines may break.
inlines = function(xs)
  local out = {}
  for _, el in ipairs(xs) do
    local t = el.t
    if t == 'Str' then out[#out + 1] = literal(el.text)
    elseif t == 'Space' or t == 'SoftBreak' then out[#out + 1] = space
    elseif t == 'LineBreak' then out[#out + 1] = cr
    elseif t == 'Code' or t == 'Math' then out[#out + 1] = literal(el.text)
    elseif t == 'Quoted' then
      local d = el.quotetype == 'DoubleQuote'
      out[#out + 1] = concat{d and '“' or '‘', inlines(el.content), d and '”' or '’'}
    elseif t == 'Emph' then out[#out + 1] = concat{'_', inlines(el.content), '_'}
    elseif t == 'Strong' then out[#out + 1] = concat{'*', inlines(el.content), '*'}
    elseif t == 'Link' then
      out[#out + 1] = concat{inlines(el.content), ' <', el.target, '>'}
    elseif t == 'Image' then
      out[#out + 1] = layout.brackets(inlines(el.caption))
    elseif t == 'Note' then
      notes[#notes + 1] = el.content
      out[#out + 1] = layout.brackets(literal(tostring(#notes)))
    elseif t == 'RawInline' then -- dropped
    elseif el.content then out[#out + 1] = inlines(el.content)
    end
  end
  return concat(out)
end

local function list_items(items, marker)
  local docs = {}
  for i, item in ipairs(items) do
    local m = marker(i)
    docs[i] = hang(blocks(item, cr), #m + 1, literal(m .. ' '))
  end
  return concat(docs, cr)
end

local function block(b)
  local t = b.t
  if t == 'Para' or t == 'Plain' then return inlines(b.content)
  elseif t == 'Header' then
    local text = inlines(b.content)
    local rule = b.level == 1 and '=' or '-'
    return concat{text, cr, string.rep(rule, layout.offset(text))}
  elseif t == 'BlockQuote' then return nest(blocks(b.content, blankline), 4)
  elseif t == 'CodeBlock' then return nest(literal(b.text), 4)
  elseif t == 'BulletList' then return list_items(b.content, function() return '-' end)
  elseif t == 'OrderedList' then
    local start = b.listAttributes.start
    return list_items(b.content, function(i) return (start + i - 1) .. '.' end)
  elseif t == 'HorizontalRule' then return literal(string.rep('* ', 3))
  elseif t == 'LineBlock' then
    local lines = {}
    for i, l in ipairs(b.content) do lines[i] = layout.nowrap(inlines(l)) end
    return concat(lines, cr)
  elseif t == 'Div' or t == 'Figure' then return blocks(b.content, blankline)
  elseif t == 'Table' then
    return literal('[table: ' .. pandoc.utils.stringify(b.caption.long) .. ']')
  end
  return layout.empty
end

blocks = function(bs, sep)
  local docs = {}
  for _, b in ipairs(bs) do
    local d = block(b)
    if not layout.is_empty(d) then docs[#docs + 1] = d end
  end
  return concat(docs, sep)
end

function Writer(doc, opts)
  notes = {}
  local body = blocks(doc.blocks, blankline)
  local parts = {}
  if doc.meta.title then
    parts[#parts + 1] = layout.cblock(inlines(doc.meta.title), opts.columns)
  end
  parts[#parts + 1] = body
  if #notes > 0 then
    local ns = {}
    for i, n in ipairs(notes) do ns[i] = hang(blocks(n, blankline), 4, literal(('[%d] '):format(i))) end
    parts[#parts + 1] = concat{literal('Notes'), cr, concat(ns, blankline)}
  end
  local width = opts.wrap_text ~= 'wrap-none' and opts.columns or nil
  return layout.render(concat(parts, blankline), width)
end
