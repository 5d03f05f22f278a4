-- lua/samizdat/show.lua
-- tostring of elements as pandoc 3 gives it: Haskell's `show` of the AST
-- (`Str "x"`, `Para [Str "a",Space]`), for filters that print what they see.
-- See LICENSE.
local types = require 'samizdat.types'
local utf8, string, table, math = utf8, string, table, math
local type, ipairs, pairs, getmetatable, tostring, tonumber = type, ipairs, pairs, getmetatable, tostring, tonumber
local _ENV = nil

-- Haskell's names for the control characters show writes by name.
local ctl = {'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'a', 'b', 't', 'n', 'v', 'f', 'r', 'SO',
  'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS',
  'GS', 'RS', 'US'}
ctl[0] = 'NUL'

-- show of a Text: quotes, backslash escapes, non-ASCII in decimal, and
-- "\&" where a decimal escape (or \SO) would run into what follows.
local function codes(s)
  if utf8.len(s) then return utf8.codes(s) end
  local i = 0                      -- not UTF-8: byte by byte
  return function()
    i = i + 1
    if i <= #s then return i, s:byte(i) end
  end
end

local function str(s)
  local out, prev = {'"'}, nil
  for _, c in codes(s) do
    local piece
    if c == 34 then piece = '\\"'
    elseif c == 92 then piece = '\\\\'
    elseif c < 32 then piece = '\\' .. ctl[c]
    elseif c == 127 then piece = '\\DEL'
    elseif c > 127 then piece = '\\' .. c
    else piece = utf8.char(c) end
    if (prev == 'num' and c >= 48 and c <= 57) or (prev == 'SO' and c == 72) then
      out[#out + 1] = '\\&'
    end
    out[#out + 1] = piece
    prev = c > 127 and 'num' or (c == 14 and 'SO') or nil
  end
  out[#out + 1] = '"'
  return table.concat(out)
end

-- show of a Double.
local function dbl(x)
  if x ~= x then return 'NaN' end
  if x == math.huge then return 'Infinity' end
  if x == -math.huge then return '-Infinity' end
  local s
  for p = 1, 17 do
    s = string.format('%.' .. p .. 'g', x)
    if tonumber(s) == x then break end
  end
  local ax = math.abs(x)
  if ax ~= 0 and (ax < 0.1 or ax >= 1e7) then
    local m, e = string.format('%.17e', x):match('^(.-)e(.*)$')
    local digits = s:gsub('e.*', ''):gsub('[-.]', ''):gsub('^0+', '')
    m = digits:sub(1, 1) .. '.' .. (#digits > 1 and digits:sub(2) or '0')
    return (x < 0 and '-' or '') .. m .. 'e' .. tonumber(e)
  end
  if not s:find('[.e]') then s = s .. '.0' end
  return s
end

local show
local function list(xs, f)
  local t = {}
  for i, x in ipairs(xs or {}) do t[i] = (f or show)(x) end
  return '[' .. table.concat(t, ',') .. ']'
end
local function attr(a)
  if getmetatable(a) ~= types._mt.Attr then a = types.to_attr(a) end   -- {} in a TableBody
  local kvs = {}
  for i, kv in ipairs(a.attributes) do kvs[i] = '(' .. str(kv[1]) .. ',' .. str(kv[2]) .. ')' end
  return '(' .. str(a.identifier) .. ',' .. list(a.classes, str) .. ',[' .. table.concat(kvs, ',') .. '])'
end
local function paren(s) return '(' .. s .. ')' end
local function citation(c)
  return 'Citation {citationId = ' .. str(c.id) .. ', citationPrefix = ' .. list(c.prefix)
    .. ', citationSuffix = ' .. list(c.suffix) .. ', citationMode = ' .. c.mode
    .. ', citationNoteNum = ' .. c.note_num .. ', citationHash = ' .. c.hash .. '}'
end
local function caption(c)
  local short = c.short and paren('Just ' .. list(c.short)) or 'Nothing'
  return 'Caption ' .. short .. ' ' .. list(c.long)
end
local function cell(c)
  return 'Cell ' .. attr(c.attr) .. ' ' .. c.alignment .. ' (RowSpan ' .. c.row_span
    .. ') (ColSpan ' .. c.col_span .. ') ' .. list(c.contents)
end
local function row(r) return 'Row ' .. attr(r.attr) .. ' ' .. list(r.cells, cell) end
local function colspec(cs)
  local w = cs[2]
  w = (type(w) == 'number' and w > 0) and 'ColWidth ' .. dbl(w) or 'ColWidthDefault'
  return '(' .. cs[1] .. ',' .. w .. ')'
end
local function body(b)
  return 'TableBody ' .. attr(b.attr) .. ' (RowHeadColumns ' .. (b.row_head_columns or 0)
    .. ') ' .. list(b.head, row) .. ' ' .. list(b.body, row)
end

local meta_value
local function meta_map(m)
  local keys = {}
  for k in pairs(m) do if type(k) == 'string' then keys[#keys + 1] = k end end
  table.sort(keys)
  local t = {}
  for i, k in ipairs(keys) do t[i] = '(' .. str(k) .. ',' .. meta_value(m[k]) .. ')' end
  return 'fromList [' .. table.concat(t, ',') .. ']'
end
meta_value = function(v)
  local tv = type(v)
  if tv == 'string' then return 'MetaString ' .. str(v) end
  if tv == 'boolean' then return 'MetaBool ' .. (v and 'True' or 'False') end
  if tv == 'number' then return 'MetaString ' .. str(tostring(v)) end
  local m = getmetatable(v)
  local name = m and m.__name
  if name == 'Inlines' or name == 'Inline' then
    return 'MetaInlines ' .. (name == 'Inline' and list({v}) or list(v))
  end
  if name == 'Blocks' or name == 'Block' then
    return 'MetaBlocks ' .. (name == 'Block' and list({v}) or list(v))
  end
  if tv == 'table' and #v > 0 then return 'MetaList ' .. list(v, meta_value) end
  if tv == 'table' then return 'MetaMap ' .. paren(meta_map(v)) end
  return 'MetaString ' .. str(tostring(v))
end

local fmt = {
  Str = function(e) return str(e.text) end,
  Emph = function(e) return list(e.content) end,
  Underline = function(e) return list(e.content) end,
  Strong = function(e) return list(e.content) end,
  Strikeout = function(e) return list(e.content) end,
  Superscript = function(e) return list(e.content) end,
  Subscript = function(e) return list(e.content) end,
  SmallCaps = function(e) return list(e.content) end,
  Quoted = function(e) return e.quotetype .. ' ' .. list(e.content) end,
  Cite = function(e) return list(e.citations, citation) .. ' ' .. list(e.content) end,
  Code = function(e) return attr(e.attr) .. ' ' .. str(e.text) end,
  Math = function(e) return e.mathtype .. ' ' .. str(e.text) end,
  RawInline = function(e) return '(Format ' .. str(e.format) .. ') ' .. str(e.text) end,
  Link = function(e)
    return attr(e.attr) .. ' ' .. list(e.content) .. ' (' .. str(e.target) .. ',' .. str(e.title) .. ')'
  end,
  Image = function(e)
    return attr(e.attr) .. ' ' .. list(e.caption) .. ' (' .. str(e.src) .. ',' .. str(e.title) .. ')'
  end,
  Note = function(e) return list(e.content) end,
  Span = function(e) return attr(e.attr) .. ' ' .. list(e.content) end,
  Plain = function(e) return list(e.content) end,
  Para = function(e) return list(e.content) end,
  LineBlock = function(e) return list(e.content, list) end,
  CodeBlock = function(e) return attr(e.attr) .. ' ' .. str(e.text) end,
  RawBlock = function(e) return '(Format ' .. str(e.format) .. ') ' .. str(e.text) end,
  BlockQuote = function(e) return list(e.content) end,
  OrderedList = function(e)
    local la = e.listAttributes
    return '(' .. la.start .. ',' .. la.style .. ',' .. la.delimiter .. ') ' .. list(e.content, list)
  end,
  BulletList = function(e) return list(e.content, list) end,
  DefinitionList = function(e)
    return list(e.content, function(it)
      return '(' .. list(it[1]) .. ',' .. list(it[2], list) .. ')'
    end)
  end,
  Header = function(e) return e.level .. ' ' .. attr(e.attr) .. ' ' .. list(e.content) end,
  Div = function(e) return attr(e.attr) .. ' ' .. list(e.content) end,
  Figure = function(e) return attr(e.attr) .. ' ' .. paren(caption(e.caption)) .. ' ' .. list(e.content) end,
  Table = function(e)
    return attr(e.attr) .. ' ' .. paren(caption(e.caption)) .. ' ' .. list(e.colspecs, colspec)
      .. ' (TableHead ' .. attr(e.head.attr) .. ' ' .. list(e.head.rows, row) .. ') '
      .. list(e.bodies, body) .. ' (TableFoot ' .. attr(e.foot.attr) .. ' ' .. list(e.foot.rows, row) .. ')'
  end,
}

show = function(x)
  local m = getmetatable(x)
  local name = m and m.__name
  if name == 'Inline' or name == 'Block' then
    local f = fmt[x.t]
    return f and (x.t .. ' ' .. f(x)) or x.t
  end
  if name == 'Inlines' or name == 'Blocks' then return list(x) end
  if name == 'Attr' then return attr(x) end
  if name == 'Citation' then return citation(x) end
  if name == 'Caption' then return caption(x) end
  if name == 'Cell' then return cell(x) end
  if name == 'Row' then return row(x) end
  if name == 'Pandoc' then
    return 'Pandoc (Meta {unMeta = ' .. meta_map(x.meta) .. '}) ' .. list(x.blocks)
  end
  return tostring(x)
end

return show
