-- lua/samizdat/classic.lua
-- The classic custom-writer protocol: global functions per element, called
-- bottom-up with already rendered strings, and Doc(body, meta, vars).
-- See LICENSE.
local types = require 'samizdat.types'
local utils = require 'samizdat.utils'
local ipairs, pairs, type, tostring, error, table, string = ipairs, pairs, type, tostring, error, table, string
local G = _G
local _ENV = nil

local function fn(name)
  local f = G[name]
  if type(f) ~= 'function' then
    error("the writer has no function '" .. name .. "'", 0)
  end
  return f
end

-- Attributes as the classic writers see them: id, class, key = value.
local function attrs(a)
  local r = { id = a.identifier, class = table.concat(a.classes, ' ') }
  for _, kv in ipairs(a.attributes) do r[kv[1]] = kv[2] end
  return r
end

local inlines, blocks

local function inline(el)
  local t = el.t
  if t == 'Str' then return fn('Str')(el.text)
  elseif t == 'Space' then return fn('Space')()
  elseif t == 'SoftBreak' then return fn('SoftBreak')()
  elseif t == 'LineBreak' then return fn('LineBreak')()
  elseif t == 'Emph' or t == 'Strong' or t == 'Underline' or t == 'Strikeout'
      or t == 'Superscript' or t == 'Subscript' or t == 'SmallCaps' then
    return fn(t)(inlines(el.content))
  elseif t == 'Quoted' then
    return fn(el.quotetype == 'DoubleQuote' and 'DoubleQuoted' or 'SingleQuoted')(inlines(el.content))
  elseif t == 'Cite' then
    local cs = {}
    for i, c in ipairs(el.citations) do
      cs[i] = { citationId = c.id, citationPrefix = inlines(c.prefix),
        citationSuffix = inlines(c.suffix), citationMode = c.mode,
        citationNoteNum = c.note_num, citationHash = c.hash }
    end
    return fn('Cite')(inlines(el.content), cs)
  elseif t == 'Code' then return fn('Code')(el.text, attrs(el.attr))
  elseif t == 'Math' then return fn(el.mathtype)(el.text)
  elseif t == 'RawInline' then return fn('RawInline')(el.format, el.text)
  elseif t == 'Link' then return fn('Link')(inlines(el.content), el.target, el.title, attrs(el.attr))
  elseif t == 'Image' then return fn('Image')(inlines(el.caption), el.src, el.title, attrs(el.attr))
  elseif t == 'Note' then return fn('Note')(blocks(el.content))
  elseif t == 'Span' then return fn('Span')(inlines(el.content), attrs(el.attr))
  end
  error('unknown inline ' .. tostring(t), 0)
end

inlines = function(xs)
  local out = {}
  for i = 1, #xs do out[i] = inline(xs[i]) end
  return table.concat(out)
end

local function items(list)
  local r = {}
  for i, it in ipairs(list) do r[i] = blocks(it) end
  return r
end

local function block(b)
  local t = b.t
  if t == 'Plain' or t == 'Para' then
    if t == 'Para' and #b.content == 1 and b.content[1].t == 'Image'
        and b.content[1].title:sub(1, 4) == 'fig:' and G.CaptionedImage then
      local img = b.content[1]
      return G.CaptionedImage(img.src, img.title:sub(5), inlines(img.caption), attrs(img.attr))
    end
    return fn(t)(inlines(b.content))
  elseif t == 'Header' then return fn('Header')(b.level, inlines(b.content), attrs(b.attr))
  elseif t == 'BlockQuote' then return fn('BlockQuote')(blocks(b.content))
  elseif t == 'HorizontalRule' then return fn('HorizontalRule')()
  elseif t == 'LineBlock' then
    local ls = {}
    for i, l in ipairs(b.content) do ls[i] = inlines(l) end
    return fn('LineBlock')(ls)
  elseif t == 'CodeBlock' then return fn('CodeBlock')(b.text, attrs(b.attr))
  elseif t == 'BulletList' then return fn('BulletList')(items(b.content))
  elseif t == 'OrderedList' then
    return fn('OrderedList')(items(b.content), b.listAttributes.start, b.listAttributes.style,
      b.listAttributes.delimiter)
  elseif t == 'DefinitionList' then
    local r = {}
    for i, it in ipairs(b.content) do r[i] = { [inlines(it[1])] = items(it[2]) } end
    return fn('DefinitionList')(r)
  elseif t == 'RawBlock' then return fn('RawBlock')(b.format, b.text)
  elseif t == 'Div' then return fn('Div')(blocks(b.content), attrs(b.attr))
  elseif t == 'Figure' then
    if G.Figure then return G.Figure(blocks(b.caption.long), blocks(b.content), attrs(b.attr)) end
    local c = b.content
    if #c == 1 and (c[1].t == 'Plain' or c[1].t == 'Para') and #c[1].content == 1
        and c[1].content[1].t == 'Image' and G.CaptionedImage then
      local img = c[1].content[1]
      return G.CaptionedImage(img.src, img.title, blocks(b.caption.long), attrs(img.attr))
    end
    return fn('Div')(blocks(b.content), attrs(b.attr))
  elseif t == 'Table' then
    local st = utils.to_simple_table(b)
    local headers, rows = {}, {}
    for i, h in ipairs(st.headers) do headers[i] = blocks(h) end
    for i, r in ipairs(st.rows) do
      rows[i] = {}
      for j, c in ipairs(r) do rows[i][j] = blocks(c) end
    end
    return fn('Table')(inlines(st.caption), st.aligns, st.widths, headers, rows)
  end
  error('unknown block ' .. tostring(t), 0)
end

blocks = function(bs, sep)
  local out = {}
  for i = 1, #bs do out[i] = block(bs[i]) end
  return table.concat(out, sep or fn('Blocksep')())
end

local function meta_value(v)
  local tn = utils.type(v)
  if tn == 'Inlines' then return inlines(v)
  elseif tn == 'Blocks' then return blocks(v)
  elseif tn == 'List' then
    local r = {}
    for i, x in ipairs(v) do r[i] = meta_value(x) end
    return r
  elseif tn == 'table' or tn == 'Meta' then
    local r = {}
    for k, x in pairs(v) do r[k] = meta_value(x) end
    return r
  end
  return v
end

return function(doc, opts)
  G.PANDOC_DOCUMENT = doc
  local body = blocks(doc.blocks)
  local meta = meta_value(doc.meta)
  local vars = {}
  local out = fn('Doc')(body, meta, vars)
  return out
end
