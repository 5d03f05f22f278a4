-- lua/samizdat/layout.lua
-- pandoc.layout: plain-text documents that reflow (pandoc's doclayout):
-- literal text, breaking spaces, line breaks that collapse (cr,
-- blankline), prefixes and indents (nest, hang, prefixed), blocks side by
-- side (lblock, cblock, rblock, vfill), rendered to a width.
-- See LICENSE.
local setmetatable, getmetatable, type, tostring, error, ipairs, select = setmetatable, getmetatable, type, tostring, error, ipairs, select
local string, table, math, utf8 = string, table, math, utf8
local core = require 'samizdat.core'
local _ENV = nil

local M = {}
local Doc = { __name = 'Doc' }
Doc.__index = Doc

local function mk(t) return setmetatable(t, Doc) end

-- {=== widths ===

-- A character's width in a monospace font: 0 for combining marks and
-- controls, 2 for East Asian wide ones, 1 otherwise.
local function char_width(c)
  if c < 0x20 or (c >= 0x7F and c < 0xA0) or c == 0xAD then return 0 end
  if c < 0x300 then return 1 end
  local cat = core.category(c)
  if cat == 'Mn' or cat == 'Me' or cat == 'Cf' then return 0 end
  if (c >= 0x1100 and c <= 0x115F) or (c >= 0x2E80 and c <= 0xA4CF and c ~= 0x303F)
      or (c >= 0xAC00 and c <= 0xD7A3) or (c >= 0xF900 and c <= 0xFAFF)
      or (c >= 0xFE30 and c <= 0xFE4F) or (c >= 0xFF00 and c <= 0xFF60)
      or (c >= 0xFFE0 and c <= 0xFFE6) or (c >= 0x1F300 and c <= 0x1F64F)
      or (c >= 0x1F900 and c <= 0x1F9FF) or (c >= 0x20000 and c <= 0x3FFFD) then
    return 2
  end
  return 1
end

local function real_length(s)
  if not s:find('[\128-\255]') then return #s end
  local n = 0
  local ok = utf8.len(s)
  if not ok then return #s end
  for _, c in utf8.codes(s) do n = n + char_width(c) end
  return n
end
M.real_length = real_length

-- }===

-- {=== constructors ===

local EMPTY = mk{k = 'empty'}
M.empty = EMPTY
M.space = mk{k = 'space'}
M.cr = mk{k = 'cr'}
M.blankline = mk{k = 'blank', n = 1}

local function text1(s)
  if s == '' then return EMPTY end
  return mk{k = 'text', s = s, w = real_length(s)}
end

-- A string as a Doc: its lines joined by newlines.
local function literal(s)
  s = tostring(s)
  if not s:find('\n', 1, true) then return text1(s) end
  local parts = {}
  local first = true
  for line in (s .. '\n'):gmatch('(.-)\r?\n') do
    if not first then parts[#parts + 1] = mk{k = 'newline'} end
    first = false
    if line ~= '' then parts[#parts + 1] = text1(line) end
  end
  return mk{k = 'concat', parts}
end
M.literal = literal

local function to_doc(x)
  if getmetatable(x) == Doc then return x end
  if x == nil then return EMPTY end
  local tx = type(x)
  if tx == 'string' or tx == 'number' then return literal(x) end
  error('Doc expected, got ' .. tx, 3)
end
M._to_doc = to_doc

local function is_empty(d)
  d = to_doc(d)
  if d.k == 'empty' then return true end
  if d.k == 'concat' then
    for _, p in ipairs(d[1]) do if not is_empty(p) then return false end end
    return true
  end
  if d.k == 'prefixed' or d.k == 'flush' or d.k == 'styled' then return is_empty(d.d) end
  return false
end
M.is_empty = is_empty

local function concat2(a, b)
  a, b = to_doc(a), to_doc(b)
  if a.k == 'empty' then return b end
  if b.k == 'empty' then return a end
  return mk{k = 'concat', {a, b}}
end

function M.concat(docs, sep)
  local parts = {}
  sep = sep ~= nil and to_doc(sep) or nil
  for i, d in ipairs(docs) do
    if sep and i > 1 then parts[#parts + 1] = sep end
    parts[#parts + 1] = to_doc(d)
  end
  return mk{k = 'concat', parts}
end

function M.blanklines(n) return mk{k = 'blank', n = math.tointeger(n) or 1} end
function M.after_break(s) return mk{k = 'afterbreak', s = tostring(s)} end
function M.before_non_blank(d) return mk{k = 'beforenonblank', d = to_doc(d)} end
function M.prefixed(d, pref)
  d = to_doc(d)
  if is_empty(d) then return EMPTY end
  return mk{k = 'prefixed', p = tostring(pref), d = d}
end
function M.nest(d, ind) return M.prefixed(d, string.rep(' ', ind or 0)) end
function M.hang(d, ind, start) return concat2(to_doc(start), M.nest(d, ind)) end
function M.flush(d)
  d = to_doc(d)
  if is_empty(d) then return EMPTY end
  return mk{k = 'flush', d = d}
end
function M.inside(contents, start, stop) return concat2(concat2(start, contents), stop) end
function M.braces(d) return M.inside(d, '{', '}') end
function M.brackets(d) return M.inside(d, '[', ']') end
function M.parens(d) return M.inside(d, '(', ')') end
function M.quotes(d) return M.inside(d, "'", "'") end
function M.double_quotes(d) return M.inside(d, '"', '"') end
function M.vfill(s) s = tostring(s) return mk{k = 'vfill', s = s, w = real_length(s)} end
local function styled(d, style)
  d = to_doc(d)
  if d.k == 'empty' then return d end
  return mk{k = 'styled', style = style, d = d}
end
function M.bold(d) return styled(d, 'bold') end
function M.italic(d) return styled(d, 'italic') end
function M.underlined(d) return styled(d, 'underline') end
function M.strikeout(d) return styled(d, 'strikeout') end
function M.fg(d, color) return styled(d, 'fg:' .. tostring(color)) end
function M.bg(d, color) return styled(d, 'bg:' .. tostring(color)) end

-- The flat list of a Doc's pieces: concatenations opened, empties gone.
local function unfold(d, out)
  local k = d.k
  if k == 'concat' then
    for _, p in ipairs(d[1]) do unfold(to_doc(p), out) end
  elseif k ~= 'empty' then
    out[#out + 1] = d
  end
  return out
end

function M.nowrap(d)
  local parts = unfold(to_doc(d), {})
  for i, p in ipairs(parts) do
    if p.k == 'space' then parts[i] = text1(' ') end
  end
  return mk{k = 'concat', parts}
end

-- chomp: the trailing line breaks and spaces gone.
function M.chomp(d)
  local parts = unfold(to_doc(d), {})
  local function blank(p)
    return p.k == 'space' or p.k == 'cr' or p.k == 'newline' or p.k == 'blank'
  end
  local function strip(ps)
    while #ps > 0 do
      local p = ps[#ps]
      if blank(p) then ps[#ps] = nil
      elseif p.k == 'prefixed' or p.k == 'flush' or p.k == 'styled' then
        local inner = strip(unfold(p.d, {}))
        ps[#ps] = mk{k = p.k, p = p.p, style = p.style, d = mk{k = 'concat', inner}}
        break
      else break end
    end
    return ps
  end
  return mk{k = 'concat', strip(parts)}
end

-- nestle: the leading blank lines gone.
function M.nestle(d)
  local parts = unfold(to_doc(d), {})
  local i = 1
  while parts[i] and (parts[i].k == 'blank' or parts[i].k == 'cr' or parts[i].k == 'newline') do
    i = i + 1
  end
  return mk{k = 'concat', {table.unpack(parts, i)}}
end

-- }===

-- {=== rendering ===

local normalize

local function starts_blank(d)
  local k = d.k
  if k == 'text' then return d.s:find('^%s') ~= nil end
  if k == 'cooked' then return d.s:find('^%s') ~= nil end
  if k == 'block' then
    if d.w <= 0 then return false end
    for _, l in ipairs(d.lines) do if not l:find('^%s') then return false end end
    return true
  end
  if k == 'vfill' then return d.w > 0 and d.s:find('^%s') ~= nil end
  if k == 'beforenonblank' or k == 'prefixed' or k == 'flush' or k == 'styled' then
    return starts_blank(d.d)
  end
  if k == 'afterbreak' then return d.s:find('^%s') ~= nil end
  if k == 'concat' then
    local ps = unfold(d, {})
    return ps[1] == nil or starts_blank(ps[1])
  end
  return true   -- space, cr, newline, blank, empty
end

local function breakable(d)
  local k = d.k
  return k == 'space' or k == 'cr' or k == 'newline' or k == 'blank'
end

local function offset_of(d)
  local k = d.k
  if k == 'text' or k == 'block' or k == 'vfill' or k == 'cooked' then return d.w end
  if k == 'space' then return 1 end
  return 0
end

local render_doc

local function newline(st)
  local pref = st.prefix
  if st.column == 0 and st.use_prefix and pref ~= '' then
    local p = pref:gsub('%s+$', '')
    st.out[#st.out + 1] = p
    st.column = st.column + real_length(p)
  end
  st.out[#st.out + 1] = '\n'
  st.column = 0
  st.newlines = st.newlines + 1
end

local function outp(st, w, s)
  if st.column == 0 and st.use_prefix and st.prefix ~= '' then
    st.out[#st.out + 1] = st.prefix
    st.column = real_length(st.prefix)
  end
  st.out[#st.out + 1] = s
  st.column = st.column + w
  st.newlines = 0
end

local function pad(s, w)
  local n = w - real_length(s)
  return n > 0 and s .. string.rep(' ', n) or s
end

local render_list

render_list = function(st, xs, i)
  local n = #xs
  while i <= n do
    local x = xs[i]
    local k = x.k
    if k == 'text' or k == 'cooked' then
      outp(st, x.w, x.s)
      i = i + 1
    elseif k == 'styled' then
      render_doc(st, x.d)
      i = i + 1
    elseif k == 'prefixed' then
      local old = st.prefix
      st.prefix = old .. x.p
      render_doc(st, x.d)
      st.prefix = old
      i = i + 1
    elseif k == 'flush' then
      local old = st.use_prefix
      st.use_prefix = false
      render_doc(st, x.d)
      st.use_prefix = old
      i = i + 1
    elseif k == 'beforenonblank' then
      local nx = xs[i + 1]
      if nx and not starts_blank(nx) then render_doc(st, x.d) end
      i = i + 1
    elseif k == 'blank' then
      if st.newlines <= x.n then
        for _ = 1, 1 + x.n - st.newlines do newline(st) end
      end
      i = i + 1
    elseif k == 'cr' then
      if st.newlines == 0 then newline(st) end
      i = i + 1
    elseif k == 'newline' then
      newline(st)
      i = i + 1
    elseif k == 'space' then
      local j = i + 1
      while xs[j] and xs[j].k == 'space' do j = j + 1 end
      local off = 0
      local m = j
      while xs[m] and not breakable(xs[m]) do
        off = off + offset_of(xs[m])
        m = m + 1
      end
      if st.width and st.column + 1 + off > st.width then
        newline(st)
      elseif st.column > 0 then
        outp(st, 1, ' ')
      end
      i = j
    elseif k == 'afterbreak' then
      if st.newlines > 0 and x.s ~= '' then
        outp(st, real_length(x.s), x.s)
      end
      i = i + 1
    elseif k == 'block' or k == 'vfill' then
      -- this block and the ones right after it, side by side
      local j = i
      local hmax = 0
      while xs[j] and (xs[j].k == 'block' or xs[j].k == 'vfill') do
        if xs[j].k == 'block' and #xs[j].lines > hmax then hmax = #xs[j].lines end
        if xs[j].k == 'vfill' and hmax < 1 then hmax = 1 end
        j = j + 1
      end
      local lines = {}
      for r = 1, hmax do lines[r] = '' end
      local width = 0
      for b = i, j - 1 do
        local blk = xs[b]
        for r = 1, hmax do
          local l
          if blk.k == 'block' then l = blk.lines[r] or '' else l = blk.s end
          if b > i then lines[r] = pad(lines[r], width) end
          lines[r] = lines[r] .. l
        end
        width = width + blk.w
      end
      local old = st.prefix
      local extra = st.column - real_length(old)
      if extra > 0 then st.prefix = old .. string.rep(' ', extra) end
      local items = {}
      for r, l in ipairs(lines) do
        if r > 1 then items[#items + 1] = M.cr end
        if l ~= '' then items[#items + 1] = mk{k = 'cooked', s = l, w = real_length(l)} end
      end
      render_list(st, normalize(items), 1)
      st.prefix = old
      i = j
    else
      error('cannot render a ' .. tostring(k), 2)
    end
  end
end

-- Collapses runs of breaks as doclayout does: the larger blank wins, a
-- space next to a break goes, a break at the very end is a cr.
normalize = function(xs)
  local r = {}
  for _, x in ipairs(xs) do
    local k = x.k
    local last = r[#r]
    local lk = last and last.k
    if k == 'blank' then
      if lk == 'blank' then
        if x.n > last.n then r[#r] = x end
      elseif lk == 'cr' or lk == 'newline' or lk == 'space' then
        -- a cr, newline or space before a blank line goes
        while r[#r] and (r[#r].k == 'cr' or r[#r].k == 'space' or r[#r].k == 'newline') do
          r[#r] = nil
        end
        if r[#r] and r[#r].k == 'blank' then
          if x.n > r[#r].n then r[#r] = x end
        else
          r[#r + 1] = x
        end
      else
        r[#r + 1] = x
      end
    elseif k == 'cr' then
      if lk == 'blank' or lk == 'cr' or lk == 'newline' then
      elseif lk == 'space' then r[#r] = x
      else r[#r + 1] = x end
    elseif k == 'newline' then
      if lk == 'blank' then
      elseif lk == 'space' then r[#r] = x
      else r[#r + 1] = x end
    elseif k == 'space' then
      if lk == 'blank' or lk == 'cr' or lk == 'newline' or lk == 'space' then
      else r[#r + 1] = x end
    else
      r[#r + 1] = x
    end
  end
  local last = r[#r]
  if last then
    if last.k == 'space' then r[#r] = nil
    elseif last.k == 'newline' or last.k == 'blank' then r[#r] = M.cr end
  end
  return r
end

render_doc = function(st, d)
  render_list(st, normalize(unfold(d, {})), 1)
end

local function prerender(d, width)
  local st = {out = {}, prefix = '', use_prefix = true, width = width, column = 0, newlines = 2}
  render_doc(st, d)
  return table.concat(st.out)
end

function M.render(d, width, style)
  d = to_doc(d)
  width = width and math.tointeger(width) or nil
  return prerender(d, width)
end

-- A block: the Doc rendered at the width, cut into lines of at most width.
local function block(fill, width, d)
  d = to_doc(d)
  width = math.tointeger(width) or 0
  if width < 1 and not is_empty(d) then width = 1 end
  local s = prerender(d, width)
  local lines = {}
  for line in (s .. '\n'):gmatch('(.-)\n') do
    -- a line wider than the block is cut at the width
    while real_length(line) > width and width > 0 do
      local cut, w = 0, 0
      for p, c in utf8.codes(line) do
        local cw = char_width(c)
        if w + cw > width then cut = p break end
        w = w + cw
      end
      if cut == 0 then break end
      lines[#lines + 1] = line:sub(1, cut - 1)
      line = line:sub(cut)
    end
    lines[#lines + 1] = line
  end
  if lines[#lines] == '' then lines[#lines] = nil end
  for i, l in ipairs(lines) do lines[i] = fill(l, width) end
  return mk{k = 'block', w = width, lines = lines}
end
function M.lblock(d, w) return block(function(l) return l end, w, d) end
function M.rblock(d, w)
  return block(function(l, wd) return string.rep(' ', wd - real_length(l)) .. l end, w, d)
end
function M.cblock(d, w)
  return block(function(l, wd) return string.rep(' ', (wd - real_length(l)) // 2) .. l end, w, d)
end

-- Sizes: the width, the width when reflowed at every space, the height.
local function get_offset(d, break_when, l, c)
  for _, x in ipairs(unfold(to_doc(d), {})) do
    local k = x.k
    if k == 'text' or k == 'block' or k == 'vfill' or k == 'cooked' then c = c + x.w
    elseif k == 'styled' or k == 'flush' then l, c = get_offset(x.d, break_when, l, c)
    elseif k == 'cr' or k == 'newline' or k == 'blank' then l, c = math.max(l, c), 0
    elseif k == 'prefixed' then
      local l2, c2 = get_offset(x.d, break_when, 0, 0)
      local pl = real_length(x.p)
      l, c = math.max(l, l2 + pl), c2 + pl
    elseif k == 'space' then
      if break_when(c) then l, c = math.max(l, c), 0 else c = c + 1 end
    elseif k == 'afterbreak' then
      if c == 0 then c = c + real_length(x.s) end
    end
  end
  return l, c
end
function M.offset(d)
  local l, c = get_offset(d, function() return false end, 0, 0)
  return math.max(l, c)
end
function M.min_offset(d)
  local l, c = get_offset(d, function(c) return c > 0 end, 0, 0)
  return math.max(l, c)
end
function M.update_column(d, i)
  local _, c = get_offset(d, function() return false end, 0, i or 0)
  return c
end
function M.height(d)
  local s = M.render(d)
  local n = 0
  for _ in (s .. '\n'):gmatch('(.-)\n') do n = n + 1 end
  if s:sub(-1) == '\n' then n = n - 1 end
  return math.max(n, s == '' and 0 or 1)
end

-- }===

-- Doc methods and operators
for _, name in ipairs{'after_break', 'before_non_blank', 'braces', 'brackets', 'cblock',
    'chomp', 'concat', 'double_quotes', 'flush', 'hang', 'inside', 'lblock', 'nest', 'nestle',
    'nowrap', 'parens', 'prefixed', 'quotes', 'rblock', 'render', 'is_empty', 'height',
    'min_offset', 'offset', 'update_column', 'bold', 'italic', 'underlined', 'strikeout',
    'fg', 'bg'} do
  Doc[name] = M[name]
end
Doc.__concat = concat2
Doc.__add = function(a, b)
  a, b = to_doc(a), to_doc(b)
  if is_empty(a) then return b end
  if is_empty(b) then return a end
  return mk{k = 'concat', {a, M.space, b}}
end
Doc.__div = function(a, b)
  a, b = to_doc(a), to_doc(b)
  if is_empty(a) then return b end
  if is_empty(b) then return a end
  return mk{k = 'concat', {a, M.cr, b}}
end
Doc.__idiv = function(a, b)
  a, b = to_doc(a), to_doc(b)
  if is_empty(a) then return b end
  if is_empty(b) then return a end
  return mk{k = 'concat', {a, M.blankline, b}}
end
Doc.__eq = function(a, b) return M.render(a) == M.render(b) end
Doc.__tostring = function(d) return M.render(d) end
M.Doc = Doc

return M
