-- lua/samizdat/types.lua
-- AST element types: per-type metatables, constructors and coercions,
-- emulating pandoc 3's userdata on plain Lua tables.
-- See LICENSE.
local setmetatable, getmetatable, rawget, rawset, rawequal, next = setmetatable, getmetatable, rawget, rawset, rawequal, next
local type, pairs, ipairs, error, tostring, tonumber, select = type, pairs, ipairs, error, tostring, tonumber, select
local string, table, math = string, table, math
local List = require 'samizdat.list'
local core = require 'samizdat.core'
local _ENV = nil

local M = {}
local mt = {}          -- type name -> metatable (read by the C bridge)
M._mt = mt

-- {=== Generic value helpers ===

local materialize = core.materialize

local function deepcopy(x)
  if type(x) ~= 'table' then return x end
  materialize(x)
  local r = {}
  for k, v in next, x do r[k] = deepcopy(v) end
  return setmetatable(r, getmetatable(x))
end
M.deepcopy = deepcopy

local function deq(a, b)
  if rawequal(a, b) then return true end
  if type(a) ~= 'table' or type(b) ~= 'table' then return false end
  if getmetatable(a) ~= getmetatable(b) then return false end
  materialize(a)
  materialize(b)
  for k, v in next, a do
    if not deq(v, rawget(b, k)) then return false end
  end
  for k in next, b do
    if rawget(a, k) == nil then return false end
  end
  return true
end
M.equals = deq

-- }===

-- {=== Lists: Inlines, Blocks ===

local function sublist(name, extra)
  local t = {}
  for k, v in next, List do t[k] = v end
  for k, v in next, extra or {} do t[k] = v end
  t.__index = t
  t.__name = name
  t.__eq = deq
  mt[name] = t
  return t
end

mt.List = List

local Inlines = sublist('Inlines')
local Blocks = sublist('Blocks')
Inlines.clone = deepcopy
Blocks.clone = deepcopy
function Inlines:walk(f) return core.walk(self, f) end
function Blocks:walk(f) return core.walk(self, f) end

local function is_elem(x, kind)
  local m = type(x) == 'table' and getmetatable(x)
  return m and m.__name == kind
end

local str_inlines   -- forward

-- pandoc's "fuzzy" Inlines: a string is split into words, one Inline is a
-- one-element list, a list may hold strings (each becomes a Str).
local function to_inlines(x)
  if x == nil then return setmetatable({}, Inlines) end
  local tx = type(x)
  if tx == 'string' then return str_inlines(x) end
  if tx ~= 'table' then
    error('Inline, list of Inlines, or string expected, got ' .. tx, 3)
  end
  local m = getmetatable(x)
  if m == Inlines then return x end
  if m and m.__name == 'Inline' then return setmetatable({x}, Inlines) end
  if m and m.__name == 'Block' then
    error('Inline, list of Inlines, or string expected, got Block', 3)
  end
  local r = {}
  for i = 1, #x do
    local v = x[i]
    if type(v) == 'string' then
      v = M.Str(v)
    elseif type(v) ~= 'table' then
      error('Inline-ish expected, got ' .. type(v), 3)
    end
    r[i] = v
  end
  return setmetatable(r, Inlines)
end
M.to_inlines = to_inlines

local function to_blocks(x)
  if x == nil then return setmetatable({}, Blocks) end
  local tx = type(x)
  if tx == 'string' then
    return setmetatable({M.Plain(str_inlines(x))}, Blocks)
  end
  if tx ~= 'table' then
    error('Block, list of Blocks, or compatible element expected, got ' .. tx, 3)
  end
  local m = getmetatable(x)
  if m == Blocks then return x end
  if m and m.__name == 'Block' then return setmetatable({x}, Blocks) end
  if m == Inlines or (m and m.__name == 'Inline') then
    return setmetatable({M.Plain(to_inlines(x))}, Blocks)
  end
  -- each item is a Block, or inlines that make a Plain of their own
  local r = {}
  for i = 1, #x do
    local v = x[i]
    if type(v) == 'string' or is_elem(v, 'Inline') or getmetatable(v) == Inlines
        or (type(v) == 'table' and getmetatable(v) == nil) then
      v = M.Plain(to_inlines(v))
    end
    r[i] = v
  end
  return setmetatable(r, Blocks)
end
M.to_blocks = to_blocks

-- }===

-- {=== Attr ===

local Attr = { __name = 'Attr', __eq = deq }
mt.Attr = Attr
local AttributeList = { __name = 'AttributeList', __eq = deq }
mt.AttributeList = AttributeList

AttributeList.__index = function(t, k)
  if type(k) == 'string' then
    for i = 1, #t do
      local p = rawget(t, i)
      if p[1] == k then return p[2] end
    end
  end
  return nil
end

AttributeList.__newindex = function(t, k, v)
  if type(k) ~= 'string' then return rawset(t, k, v) end
  for i = 1, #t do
    local p = rawget(t, i)
    if p[1] == k then
      if v == nil then table.remove(t, i) else rawset(t, i, {k, v}) end
      return
    end
  end
  if v ~= nil then rawset(t, #t + 1, {k, tostring(v)}) end
end

AttributeList.__pairs = function(t)
  local i = 0
  return function()
    i = i + 1
    local p = rawget(t, i)
    if p then return p[1], p[2] end
  end, t, nil
end

local function to_attrlist(x)
  if x == nil then return setmetatable({}, AttributeList) end
  if getmetatable(x) == AttributeList then return x end
  local r = {}
  if #x > 0 then
    for i = 1, #x do r[i] = {x[i][1], x[i][2]} end
  else
    local keys = {}
    for k in next, x do keys[#keys + 1] = k end
    table.sort(keys)
    for i, k in ipairs(keys) do r[i] = {k, tostring(x[k])} end
  end
  return setmetatable(r, AttributeList)
end

-- As in pandoc, an Attr has named fields only: attr[1] is nil, #attr and
-- setting any other key are errors.
local function unknown_property() error('Cannot set unknown property.', 3) end
M.unknown_property = unknown_property
Attr.__index = { clone = deepcopy }
Attr.__newindex = function(t, k, v)
  if k == 'classes' then rawset(t, 'classes', List(v or {}))
  elseif k == 'attributes' then rawset(t, 'attributes', to_attrlist(v))
  elseif k == 'identifier' then rawset(t, 'identifier', v or '')
  else unknown_property() end
end
Attr.__len = function() error('attempt to get length of a Attr value', 2) end

local function split_classes(s)
  local r = {}
  for w in string.gmatch(s, '%S+') do r[#r + 1] = w end
  return r
end

function M.Attr(id, classes, attrs)
  if type(id) == 'table' and getmetatable(id) == nil and classes == nil then
    return M.to_attr(id)
  end
  -- pandoc reads no further when the identifier is nil: Attr(nil, {'x'})
  -- is an empty Attr (pandoc/lua-filters' pandoc-ling relies on it)
  if id == nil then classes, attrs = nil, nil end
  local cl = classes
  if type(cl) == 'string' then cl = split_classes(cl) end
  local c = {}
  for i = 1, #(cl or {}) do c[i] = cl[i] end
  return setmetatable({
    identifier = id or '',
    classes = List(c),
    attributes = to_attrlist(attrs),
  }, Attr)
end

-- Anything pandoc accepts where an Attr is expected.
function M.to_attr(x)
  if x == nil then return M.Attr() end
  local tx = type(x)
  if tx == 'string' then return M.Attr(x) end
  if getmetatable(x) == Attr then return x end
  if tx ~= 'table' then error('Attr expected, got ' .. tx, 3) end
  if x[1] ~= nil or (next(x) == nil) then return M.Attr(x[1], x[2], x[3]) end
  local id, classes, kv = '', {}, {}
  for k, v in next, x do
    if k == 'id' or k == 'identifier' then id = v
    elseif k == 'class' or k == 'classes' then
      classes = type(v) == 'string' and split_classes(v) or v
    else kv[k] = v end
  end
  return M.Attr(id, classes, kv)
end
local to_attr = M.to_attr

M.AttributeList = function(x) return to_attrlist(x) end

-- }===

-- {=== Elements ===

local methods = {}    -- tag -> method table
local content_tags = {}

local function walk_el(self, f) return core.walk(self, f) end

local function show(self)
  return (M._show or function(x) return x.t end)(self)
end

-- Field aliases served by __index/__newindex: pandoc's shortcuts.
local function make_mt(tag, kind, fields)
  local m = { t = tag, tag = tag, clone = deepcopy, show = show }
  if kind ~= 'Pandoc' then m.walk = walk_el end
  methods[tag] = m
  local has = {}
  for _, f in ipairs(fields) do has[f] = true end
  local getters = {}
  -- content lists the C side marshals lazily arrive on first access
  if has.content then
    getters.c = function(el) materialize(el); return rawget(el, 'content') end
    getters.content = getters.c
  end
  if tag == 'Image' then
    getters.caption = function(el) materialize(el); return rawget(el, 'caption') end
  end
  if has.attr then
    getters.identifier = function(el) return rawget(el, 'attr').identifier end
    getters.classes = function(el) return rawget(el, 'attr').classes end
    getters.attributes = function(el) return rawget(el, 'attr').attributes end
  end
  if tag == 'OrderedList' then
    getters.start = function(el) return rawget(el, 'listAttributes').start end
    getters.style = function(el) return rawget(el, 'listAttributes').style end
    getters.delimiter = function(el) return rawget(el, 'listAttributes').delimiter end
  end
  local setters = {}
  if has.content then
    setters.c = function(el, v) rawset(el, 'content', v) end
  end
  if has.attr then
    setters.identifier = function(el, v) rawget(el, 'attr').identifier = v end
    setters.classes = function(el, v) rawget(el, 'attr').classes = v end
    setters.attributes = function(el, v) rawget(el, 'attr').attributes = v end
    setters.attr = function(el, v) rawset(el, 'attr', to_attr(v)) end
  end
  if tag == 'OrderedList' then
    setters.start = function(el, v) rawget(el, 'listAttributes').start = v end
    setters.style = function(el, v) rawget(el, 'listAttributes').style = v end
    setters.delimiter = function(el, v) rawget(el, 'listAttributes').delimiter = v end
  end
  local t = {
    __name = kind,
    __eq = deq,
    __tostring = show,
    __pairs = function(el) materialize(el); return next, el, nil end,
    __index = function(el, k)
      local v = m[k]
      if v ~= nil then return v end
      local g = getters[k]
      if g then return g(el) end
      return nil
    end,
    __newindex = function(el, k, v)
      local s = setters[k]
      if s then s(el, v)
      elseif has[k] then rawset(el, k, v)
      else unknown_property() end
    end,
  }
  mt[tag] = t
  return t
end

local inline_fields = {
  Str = {'text'}, Space = {}, SoftBreak = {}, LineBreak = {},
  Emph = {'content'}, Underline = {'content'}, Strong = {'content'}, Strikeout = {'content'},
  Superscript = {'content'}, Subscript = {'content'}, SmallCaps = {'content'},
  Quoted = {'quotetype', 'content'}, Cite = {'content', 'citations'},
  Code = {'text', 'attr'}, Math = {'mathtype', 'text'}, RawInline = {'format', 'text'},
  Link = {'content', 'target', 'title', 'attr'}, Image = {'caption', 'src', 'title', 'attr'},
  Note = {'content'}, Span = {'content', 'attr'},
}
local block_fields = {
  Plain = {'content'}, Para = {'content'}, LineBlock = {'content'},
  CodeBlock = {'text', 'attr'}, RawBlock = {'format', 'text'}, BlockQuote = {'content'},
  OrderedList = {'content', 'listAttributes'}, BulletList = {'content'},
  DefinitionList = {'content'}, Header = {'level', 'content', 'attr'}, HorizontalRule = {},
  Table = {'attr', 'caption', 'colspecs', 'head', 'bodies', 'foot'},
  Figure = {'content', 'caption', 'attr'}, Div = {'content', 'attr'},
}
local MT = {}
for tag, f in next, inline_fields do MT[tag] = make_mt(tag, 'Inline', f) end
for tag, f in next, block_fields do MT[tag] = make_mt(tag, 'Block', f) end
M.inline_tags, M.block_tags = inline_fields, block_fields

local function mk(tag, t) return setmetatable(t, MT[tag]) end

-- Splits a string as pandoc's string-to-Inlines coercion does.
str_inlines = function(s)
  local r, n = {}, 0
  local i, len = 1, #s
  while i <= len do
    local ws, we = string.find(s, '^[ \t\r\n]+', i)
    if ws then
      n = n + 1
      r[n] = string.find(s:sub(ws, we), '\n', 1, true) and mk('SoftBreak', {}) or mk('Space', {})
      i = we + 1
    else
      local _, e = string.find(s, '^[^ \t\r\n]+', i)
      n = n + 1
      r[n] = mk('Str', {text = s:sub(i, e)})
      i = e + 1
    end
  end
  return setmetatable(r, Inlines)
end

local function enum(name, values)
  return function(v, dflt)
    if v == nil then return dflt end
    if type(v) == 'table' and v.t then v = v.t end
    for _, x in ipairs(values) do if x == v then return v end end
    error('unknown ' .. name .. ': ' .. tostring(v), 3)
  end
end
local quote_type = enum('QuoteType', {'SingleQuote', 'DoubleQuote'})
local math_type = enum('MathType', {'InlineMath', 'DisplayMath'})
local alignment = enum('Alignment', {'AlignLeft', 'AlignRight', 'AlignCenter', 'AlignDefault'})
local list_style = enum('ListNumberStyle', {'DefaultStyle', 'Example', 'Decimal', 'LowerRoman',
  'UpperRoman', 'LowerAlpha', 'UpperAlpha'})
local list_delim = enum('ListNumberDelim', {'DefaultDelim', 'Period', 'OneParen', 'TwoParens'})
local cite_mode = enum('CitationMode', {'AuthorInText', 'SuppressAuthor', 'NormalCitation'})
for _, group in ipairs{{'SingleQuote', 'DoubleQuote'}, {'InlineMath', 'DisplayMath'},
    {'AlignLeft', 'AlignRight', 'AlignCenter', 'AlignDefault'},
    {'DefaultStyle', 'Example', 'Decimal', 'LowerRoman', 'UpperRoman', 'LowerAlpha', 'UpperAlpha'},
    {'DefaultDelim', 'Period', 'OneParen', 'TwoParens'},
    {'AuthorInText', 'SuppressAuthor', 'NormalCitation'}} do
  for _, v in ipairs(group) do M[v] = v end
end

-- Inlines
local StrMT = MT.Str
function M.Str(text)   -- the constructor filters call most: kept short
  if type(text) ~= 'string' then text = tostring(text) end
  return setmetatable({text = text}, StrMT)
end
function M.Space() return mk('Space', {}) end
function M.SoftBreak() return mk('SoftBreak', {}) end
function M.LineBreak() return mk('LineBreak', {}) end
for _, tag in ipairs{'Emph', 'Underline', 'Strong', 'Strikeout', 'Superscript', 'Subscript',
    'SmallCaps'} do
  M[tag] = function(content) return mk(tag, {content = to_inlines(content)}) end
end
function M.Quoted(qt, content)
  return mk('Quoted', {quotetype = quote_type(qt), content = to_inlines(content)})
end
function M.Cite(content, citations)
  return mk('Cite', {content = to_inlines(content), citations = List(citations or {})})
end
function M.Code(text, attr) return mk('Code', {text = tostring(text), attr = to_attr(attr)}) end
function M.Math(mtype, text) return mk('Math', {mathtype = math_type(mtype), text = tostring(text)}) end
function M.RawInline(fmt, text) return mk('RawInline', {format = fmt, text = text}) end
function M.Link(content, target, title, attr)
  return mk('Link', {content = to_inlines(content), target = target or '', title = title or '',
    attr = to_attr(attr)})
end
function M.Image(caption, src, title, attr)
  return mk('Image', {caption = to_inlines(caption), src = src or '', title = title or '',
    attr = to_attr(attr)})
end
function M.Note(content) return mk('Note', {content = to_blocks(content)}) end
function M.Span(content, attr) return mk('Span', {content = to_inlines(content), attr = to_attr(attr)}) end

-- Blocks
-- A paragraph without content is refused, as pandoc refuses it: an empty
-- one in the place of the old would lose its text without a word.
local function required(x)
  if x == nil then error('Inline, list of Inlines, or string expected, got no value', 3) end
  return x
end
function M.Plain(content) return mk('Plain', {content = to_inlines(required(content))}) end
function M.Para(content) return mk('Para', {content = to_inlines(required(content))}) end
function M.LineBlock(lines)
  local r = {}
  for i, l in ipairs(lines or {}) do r[i] = to_inlines(l) end
  return mk('LineBlock', {content = List(r)})
end
function M.CodeBlock(text, attr) return mk('CodeBlock', {text = tostring(text), attr = to_attr(attr)}) end
function M.RawBlock(fmt, text) return mk('RawBlock', {format = fmt, text = text}) end
function M.BlockQuote(content) return mk('BlockQuote', {content = to_blocks(content)}) end

local function items(xs)
  local r = {}
  for i, x in ipairs(xs or {}) do r[i] = to_blocks(x) end
  return List(r)
end

local ListAttributes = { __name = 'ListAttributes', __eq = deq }
ListAttributes.__index = { clone = deepcopy }
ListAttributes.__newindex = function() unknown_property() end
mt.ListAttributes = ListAttributes
-- An integer argument, as pandoc reads it: a number without a fraction, or
-- a string of one.
local function integral(x)
  local i = math.tointeger(type(x) == 'string' and tonumber(x) or x)
  if not i then error('Integral expected, got ' .. type(x), 3) end
  return i
end

function M.ListAttributes(start, style, delim)
  return setmetatable({start = start and integral(start) or 1, style = list_style(style, 'DefaultStyle'),
    delimiter = list_delim(delim, 'DefaultDelim')}, ListAttributes)
end
local function to_listattr(x)
  if x == nil then return M.ListAttributes() end
  if getmetatable(x) == ListAttributes then return x end
  if x[1] ~= nil then return M.ListAttributes(x[1], x[2], x[3]) end
  return M.ListAttributes(x.start, x.style, x.delimiter)
end
function M.OrderedList(its, la)
  return mk('OrderedList', {content = items(its), listAttributes = to_listattr(la)})
end
function M.BulletList(its) return mk('BulletList', {content = items(its)}) end
function M.DefinitionList(its)
  local r = {}
  for i, it in ipairs(its or {}) do
    local defs = {}
    local d2 = it[2]
    local m2 = type(d2) == 'table' and getmetatable(d2)
    -- one definition given as a Block, Blocks or string, or a list of them
    if type(d2) == 'string' or (m2 and (m2.__name == 'Block' or m2 == Blocks
        or m2.__name == 'Inline' or m2 == Inlines)) then
      defs[1] = to_blocks(d2)
    else
      for j, d in ipairs(d2 or {}) do defs[j] = to_blocks(d) end
    end
    r[i] = List{to_inlines(it[1]), List(defs)}
  end
  return mk('DefinitionList', {content = List(r)})
end
function M.Header(level, content, attr)
  return mk('Header', {level = integral(level), content = to_inlines(content),
                       attr = to_attr(attr)})
end
function M.HorizontalRule() return mk('HorizontalRule', {}) end
function M.Div(content, attr) return mk('Div', {content = to_blocks(content), attr = to_attr(attr)}) end

-- Captions, tables, figures
local Caption = { __name = 'Caption', __eq = deq }
Caption.__index = { clone = deepcopy }
mt.Caption = Caption
function M.Caption(long, short)
  -- pandoc 3 also accepts Caption{long = ..., short = ...}
  if type(long) == 'table' and getmetatable(long) == nil and (long.long or long.short) then
    long, short = long.long, long.short
  end
  local c = {long = to_blocks(long)}
  if short ~= nil then c.short = to_inlines(short) end
  return setmetatable(c, Caption)
end
local function to_caption(x)
  if x == nil then return M.Caption() end
  if getmetatable(x) == Caption then return x end
  if type(x) == 'table' and getmetatable(x) == nil and (x.long or x.short) then
    return M.Caption(x.long, x.short)
  end
  return M.Caption(x)
end
M.to_caption = to_caption
function M.Figure(content, caption, attr)
  return mk('Figure', {content = to_blocks(content), caption = to_caption(caption),
    attr = to_attr(attr)})
end

-- The fields pandoc lets a filter set (TableBody is a plain table in 2.x).
local component_fields = {
  Cell = {alignment = true, contents = true, col_span = true, row_span = true},
  Row = {cells = true}, TableHead = {rows = true}, TableFoot = {rows = true},
}
local function component(name, fields)
  local t = { __name = name, __eq = deq }
  t.__index = function(el, k)
    if k == 'clone' then return deepcopy end
    if k == 'identifier' or k == 'classes' or k == 'attributes' then
      return rawget(el, 'attr')[k]
    end
    return nil
  end
  local known = component_fields[name]
  t.__newindex = function(el, k, v)
    if k == 'identifier' or k == 'classes' or k == 'attributes' then
      rawget(el, 'attr')[k] = v
    elseif k == 'attr' then rawset(el, 'attr', to_attr(v))
    elseif not known or known[k] then rawset(el, k, v)
    else unknown_property() end
  end
  mt[name] = t
  return t
end
local Cell = component('Cell')
local Row = component('Row')
local TableHead = component('TableHead')
local TableFoot = component('TableFoot')
local TableBody = component('TableBody')
function M.Cell(contents, align, rowspan, colspan, attr)
  return setmetatable({contents = to_blocks(contents), alignment = alignment(align, 'AlignDefault'),
    row_span = rowspan or 1, col_span = colspan or 1, attr = to_attr(attr)}, Cell)
end
function M.Row(cells, attr) return setmetatable({cells = List(cells or {}), attr = to_attr(attr)}, Row) end
function M.TableHead(rows, attr) return setmetatable({rows = List(rows or {}), attr = to_attr(attr)}, TableHead) end
function M.TableFoot(rows, attr) return setmetatable({rows = List(rows or {}), attr = to_attr(attr)}, TableFoot) end
function M.TableBody(body, head, rhc, attr)
  return setmetatable({body = List(body or {}), head = List(head or {}), row_head_columns = rhc or 0,
    attr = to_attr(attr)}, TableBody)
end
-- pandoc (2.17 and 3.x alike) insists on a caption, lists of colspecs and
-- bodies, and real TableHead/TableFoot objects (rows and cells may be plain
-- tables); pandoc 2.11-era filters passing {attr, rows} pairs fail there.
local function table_arg(v, want, name)
  if want and getmetatable(v) ~= want or not want and type(v) ~= 'table' then
    error(name .. ' expected, got ' .. (getmetatable(v) and getmetatable(v).__name
      or type(v)), 3)
  end
  return v
end
function M.Table(caption, colspecs, head, bodies, foot, attr)
  table_arg(caption, nil, 'table')
  return mk('Table', {caption = to_caption(caption), colspecs = List(table_arg(colspecs, nil, 'table')),
    head = table_arg(head, TableHead, 'TableHead'), bodies = List(table_arg(bodies, nil, 'table')),
    foot = table_arg(foot, TableFoot, 'TableFoot'), attr = to_attr(attr)})
end

local Citation = { __name = 'Citation', __eq = deq }
Citation.__index = { clone = deepcopy }
Citation.__newindex = function() unknown_property() end
mt.Citation = Citation
function M.Citation(id, mode, prefix, suffix, note_num, hash)
  return setmetatable({id = id, mode = cite_mode(mode, 'NormalCitation'),
    prefix = to_inlines(prefix), suffix = to_inlines(suffix), note_num = note_num or 0,
    hash = hash or 0}, Citation)
end

local SimpleTable = { __name = 'SimpleTable', __eq = deq }
SimpleTable.__index = { clone = deepcopy, t = 'SimpleTable', tag = 'SimpleTable' }
mt.SimpleTable = SimpleTable
function M.SimpleTable(caption, aligns, widths, headers, rows)
  return setmetatable({caption = to_inlines(caption), aligns = List(aligns or {}),
    widths = List(widths or {}), headers = List(headers or {}), rows = List(rows or {})},
    SimpleTable)
end

-- }===

-- {=== Meta and Pandoc ===

local Meta = { __name = 'Meta', __eq = deq }
Meta.__index = { clone = deepcopy }
mt.Meta = Meta
-- A metadata value as pandoc's Meta and Pandoc constructors give it back:
-- numbers become strings, an element Inlines or Blocks, a list of Inline
-- (Block) elements Inlines (Blocks), another list a List, a map a table.
local function meta_value(v)
  local tv = type(v)
  if tv == 'number' then return tostring(v) end
  if tv ~= 'table' then return v end
  local m = getmetatable(v)
  if m then
    if m.__name == 'Inline' then return setmetatable({v}, Inlines) end
    if m.__name == 'Block' then return setmetatable({v}, Blocks) end
    if m.__name == 'List' then
      local r = List{}
      for i = 1, #v do r[i] = meta_value(v[i]) end
      return r
    end
    return v
  end
  if #v == 0 then
    local r = {}
    for k, x in pairs(v) do r[k] = meta_value(x) end
    return r
  end
  if is_elem(v[1], 'Inline') then return to_inlines(v) end
  if is_elem(v[1], 'Block') then return to_blocks(v) end
  local r = List{}
  for i = 1, #v do r[i] = meta_value(v[i]) end
  return r
end

function M.Meta(t)
  local r = {}
  for k, v in pairs(t or {}) do r[k] = meta_value(v) end
  return setmetatable(r, Meta)
end
function M.MetaInlines(x) return to_inlines(x) end
function M.MetaBlocks(x) return to_blocks(x) end
function M.MetaList(x)
  if type(x) ~= 'table' or getmetatable(x) ~= nil and getmetatable(x).__name ~= 'List' then
    return List{x}
  end
  return List(x)
end
function M.MetaMap(x) return x or {} end
function M.MetaString(s) return s end
function M.MetaBool(b) return b end

local Pandoc = { __name = 'Pandoc', __eq = deq }
local pandoc_methods = { t = 'Pandoc', tag = 'Pandoc', clone = deepcopy,
  walk = function(self, f) return core.walk(self, f) end }
Pandoc.__index = pandoc_methods
mt.Pandoc = Pandoc
M.pandoc_methods = pandoc_methods
function M.Pandoc(blocks, meta)
  return setmetatable({blocks = to_blocks(blocks), meta = M.Meta(meta or {})}, Pandoc)
end

function M.Inlines(x)
  local r = to_inlines(x)
  if r == x then r = setmetatable({table.unpack(x)}, Inlines) end
  return r
end
function M.Blocks(x)
  local r = to_blocks(x)
  if r == x then r = setmetatable({table.unpack(x)}, Blocks) end
  return r
end
M.List = List

-- }===

return M
