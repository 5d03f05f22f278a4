-- lua/samizdat/utils.lua
-- pandoc.utils: stringify, type, equals, make_sections, blocks_to_inlines,
-- sha1, normalize_date, to_roman_numeral, Version and friends.
-- See LICENSE.
local types = require 'samizdat.types'
local core = require 'samizdat.core'
local List = require 'samizdat.list'
local Version = require 'samizdat.version'
local getmetatable, setmetatable, type, ipairs, pairs, tostring, tonumber, error = getmetatable, setmetatable, type, ipairs, pairs, tostring, tonumber, error
local string, table, math, os, next = string, table, math, os, next
local rawget = rawget
local _G_, loadfile_ = _G, loadfile
local _ENV = nil

local M = {}

local function typename(x)
  local t = type(x)
  if t == 'table' or t == 'userdata' then
    local m = getmetatable(x)
    if m and type(m.__name) == 'string' then return m.__name end
  end
  return t
end
M.type = typename

M.equals = types.equals
M.sha1 = core.sha1
M.Version = Version

-- {=== stringify ===

local function st_inlines(xs, out)
  for i = 1, #xs do
    local el = xs[i]
    local t = el.t
    if t == 'Str' then out[#out + 1] = el.text
    elseif t == 'Space' or t == 'SoftBreak' or t == 'LineBreak' then out[#out + 1] = ' '
    elseif t == 'Code' or t == 'Math' then out[#out + 1] = el.text
    elseif t == 'Quoted' then
      local d = el.quotetype == 'DoubleQuote'
      out[#out + 1] = d and '\u{201C}' or '\u{2018}'
      st_inlines(el.content, out)
      out[#out + 1] = d and '\u{201D}' or '\u{2019}'
    elseif t == 'Note' or t == 'RawInline' then -- dropped
    elseif t == 'Image' then st_inlines(el.caption, out)
    elseif t == 'Cite' then st_inlines(el.content, out)
    else
      local c = el.content
      if c then st_inlines(c, out) end
    end
  end
end

local st_blocks

local function st_block(b, out)
  local t = b.t
  if t == 'Plain' or t == 'Para' or t == 'Header' then st_inlines(b.content, out)
  elseif t == 'LineBlock' then
    for _, l in ipairs(b.content) do st_inlines(l, out) end
  elseif t == 'BlockQuote' or t == 'Div' then st_blocks(b.content, out)
  elseif t == 'Figure' then
    st_blocks(b.caption.long, out); st_blocks(b.content, out)
  elseif t == 'BulletList' or t == 'OrderedList' then
    for _, it in ipairs(b.content) do st_blocks(it, out) end
  elseif t == 'DefinitionList' then
    for _, it in ipairs(b.content) do
      st_inlines(it[1], out)
      for _, d in ipairs(it[2]) do st_blocks(d, out) end
    end
  elseif t == 'Table' then
    st_blocks(b.caption.long, out)
    local function rows(rs)
      for _, r in ipairs(rs) do for _, c in ipairs(r.cells) do st_blocks(c.contents, out) end end
    end
    rows(b.head.rows)
    for _, body in ipairs(b.bodies) do rows(body.head); rows(body.body) end
    rows(b.foot.rows)
  end
end

st_blocks = function(bs, out)
  for i = 1, #bs do st_block(bs[i], out) end
end

local function st_meta(v, out)
  local t = typename(v)
  if t == 'string' then out[#out + 1] = v
  elseif t == 'boolean' then out[#out + 1] = v and 'true' or 'false'
  elseif t == 'Inlines' then st_inlines(v, out)
  elseif t == 'Blocks' then st_blocks(v, out)
  elseif t == 'List' then for _, x in ipairs(v) do st_meta(x, out) end
  elseif t == 'table' and #v > 0 then
    for _, x in ipairs(v) do out[#out + 1] = M.stringify(x) end
  elseif t == 'table' or t == 'Meta' then
    local keys = {}
    for k in next, v do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do st_meta(v[k], out) end
  end
end

function M.stringify(x)
  local out = {}
  local t = typename(x)
  if t == 'string' then return x
  elseif t == 'number' then return tostring(x)
  elseif t == 'Inline' then st_inlines({x}, out)
  elseif t == 'Block' then st_block(x, out)
  elseif t == 'Inlines' then st_inlines(x, out)
  elseif t == 'Blocks' then st_blocks(x, out)
  elseif t == 'Pandoc' then st_blocks(x.blocks, out)
  elseif t == 'Caption' then st_blocks(x.long, out)
  elseif t == 'Cell' then st_blocks(x.contents, out)
  elseif t == 'Citation' then out[1] = x.id
  elseif t == 'Attr' or t == 'AttributeList' then return ''
  elseif t == 'TableHead' or t == 'TableFoot' then
    for _, r in ipairs(x.rows) do
      for _, c in ipairs(r.cells) do st_blocks(c.contents, out) end
    end
  elseif t == 'Row' then
    for _, c in ipairs(x.cells) do st_blocks(c.contents, out) end
  elseif t == 'List' then
    -- each item stringified on its own: a list may mix elements and lists
    for _, v in ipairs(x) do out[#out + 1] = M.stringify(v) end
  else st_meta(x, out) end
  return table.concat(out)
end

-- }===

-- pandoc 3: blocks joined by a LineBreak unless a separator is given.
function M.blocks_to_inlines(blocks, sep)
  sep = sep and types.to_inlines(sep) or types.to_inlines({types.LineBreak()})
  local out = {}
  local function add(xs) for i = 1, #xs do out[#out + 1] = xs[i] end end
  local first = true
  local function go(bs)
    for _, b in ipairs(bs) do
      local t = b.t
      local function piece(xs)
        if not first then add(types.deepcopy(sep)) end
        first = false
        add(xs)
      end
      if t == 'Plain' or t == 'Para' or t == 'Header' then piece(b.content)
      elseif t == 'LineBlock' then
        local xs = {}
        for i, l in ipairs(b.content) do
          if i > 1 then xs[#xs + 1] = types.LineBreak() end
          for _, x in ipairs(l) do xs[#xs + 1] = x end
        end
        piece(xs)
      elseif t == 'CodeBlock' then piece({types.Code(b.text, b.attr)})
      elseif t == 'RawBlock' then piece({types.RawInline(b.format, b.text)})
      elseif t == 'BlockQuote' or t == 'Div' then go(b.content)
      elseif t == 'Figure' then go(b.content)
      elseif t == 'BulletList' or t == 'OrderedList' then
        for _, it in ipairs(b.content) do go(it) end
      elseif t == 'DefinitionList' then
        for _, it in ipairs(b.content) do
          piece(it[1])
          for _, d in ipairs(it[2]) do go(d) end
        end
      end
    end
  end
  go(blocks)
  -- pandoc builds the result with Builder's <>, which joins adjacent Strs
  local norm = {}
  for _, x in ipairs(out) do
    local last = norm[#norm]
    if last and last.t == 'Str' and x.t == 'Str' then
      norm[#norm] = types.Str(last.text .. x.text)
    elseif last and last.t == 'Space' and x.t == 'Space' then -- keep one
    else
      norm[#norm + 1] = x
    end
  end
  return types.to_inlines(norm)
end

-- pandoc 3's makeSections: Divs of class "section" around each header and
-- what follows it, with "number" attributes when asked.  Levels count from
-- the document's highest heading: its sections are numbered 1, 2, ..., and
-- with a base level they get that level, the others shifted alike.
function M.make_sections(number_sections, baselevel, blocks)
  local lastnum = {}
  local function level_of(b)
    if b.t == 'Header' then return b.level end
    if b.t == 'Div' and b.content[1] then return level_of(b.content[1]) end
    return nil
  end
  local function min_level(bs, m)
    for _, b in ipairs(bs) do
      if b.t == 'Header' then m = math.min(m, b.level)
      elseif b.t == 'Div' then m = min_level(b.content, m) end
    end
    return m
  end
  local minlevel = min_level(blocks, math.huge)
  -- A Div that starts with a header, holds no header as high, and is no
  -- column, is that header's section.
  local function heads_section(d)
    local h = d.content[1]
    if not h or h.t ~= 'Header' or d.classes:includes('column')
        or d.classes:includes('columns') then
      return false
    end
    for k = 2, #d.content do
      local x = d.content[k]
      if x.t == 'Header' and x.level <= h.level then return false end
    end
    return true
  end
  -- pandoc's combineAttr: the first id, both classes, keys of the first
  -- kept (a key's later duplicate wins, at its place).
  local function combine_attr(a, b)
    local classes = List{}
    for _, c in ipairs(a.classes) do if not classes:includes(c) then classes:insert(c) end end
    for _, c in ipairs(b.classes) do if not classes:includes(c) then classes:insert(c) end end
    local all = {}
    for _, kv in ipairs(a.attributes) do all[#all + 1] = {kv[1], kv[2]} end
    for _, kv in ipairs(b.attributes) do all[#all + 1] = {kv[1], kv[2]} end
    local kvs, seen = {}, {}
    for k = #all, 1, -1 do
      if not seen[all[k][1]] then
        seen[all[k][1]] = true
        table.insert(kvs, 1, all[k])
      end
    end
    return types.Attr(a.identifier ~= '' and a.identifier or b.identifier, classes, kvs)
  end
  local go
  go = function(bs, i, stop)
    local out = List{}
    while i <= #bs do
      local b = bs[i]
      if stop and (level_of(b) or math.huge) <= stop then break end
      if b.t == 'Header' then
        local level = b.level
        local nl = level - minlevel + 1
        local lvl = baselevel and level - minlevel + baselevel or level
        local cut = {}
        for k = 1, math.min(nl, #lastnum) do cut[k] = lastnum[k] end
        local newnum
        if b.classes:includes('unnumbered') then newnum = {}
        elseif #cut >= nl then
          newnum = {}
          for k = 1, #cut - 1 do newnum[k] = cut[k] end
          newnum[#cut] = cut[#cut] + 1
        else
          newnum = {}
          for k = 1, #lastnum do newnum[k] = lastnum[k] end
          for _ = #lastnum + 1, nl - 1 do newnum[#newnum + 1] = 0 end
          newnum[#newnum + 1] = 1
        end
        if #newnum > 0 then lastnum = newnum end
        local inner, j = go(bs, i + 1, level)
        local kvs = types.deepcopy(b.attr.attributes)
        if kvs.number == nil and number_sections and #newnum > 0 then
          local s = {}
          for k, n in ipairs(newnum) do s[k] = tostring(n) end
          table.insert(kvs, 1, {'number', table.concat(s, '.')})
        end
        local classes = types.deepcopy(b.attr.classes)
        local dclasses = List{'section'}:extend(classes)
        local h = types.Header(lvl, b.content, types.Attr('', classes, kvs))
        local d = types.Div(List{h}:extend(inner), types.Attr(b.attr.identifier, dclasses, types.deepcopy(kvs)))
        out:insert(d)
        i = j
      elseif b.t == 'Div' then
        local inner = go(b.content, 1, nil)
        local d = types.deepcopy(b)
        local sec = inner[1]
        if #inner == 1 and sec.t == 'Div' and heads_section(b) and
            (b.identifier == '' or sec.identifier == '' or b.identifier == sec.identifier) then
          -- a Div holding one section: the section takes its attributes
          d = sec
          d.attr = combine_attr(sec.attr, b.attr)
        else
          d.content = types.to_blocks(inner)
        end
        out:insert(d)
        i = i + 1
      else
        out:insert(b)
        i = i + 1
      end
    end
    return out, i
  end
  return types.to_blocks((go(blocks, 1, nil)))
end

function M.to_roman_numeral(n)
  n = tonumber(n)
  local t = {{1000, 'M'}, {900, 'CM'}, {500, 'D'}, {400, 'CD'}, {100, 'C'}, {90, 'XC'},
    {50, 'L'}, {40, 'XL'}, {10, 'X'}, {9, 'IX'}, {5, 'V'}, {4, 'IV'}, {1, 'I'}}
  local out = {}
  for _, p in ipairs(t) do
    while n >= p[1] do out[#out + 1] = p[2]; n = n - p[1] end
  end
  return table.concat(out)
end

local months = {january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7,
  august = 8, september = 9, october = 10, november = 11, december = 12}
local function month(s)
  s = string.lower(s):gsub('%.$', '')
  for name, n in next, months do
    if name == s or (#s >= 3 and name:sub(1, #s) == s) then return n end
  end
  return nil
end

-- pandoc.utils.normalize_date: an ISO 8601 date (YYYY-MM-DD) or nil.
function M.normalize_date(s)
  if type(s) ~= 'string' then return nil end
  s = s:gsub('^%s+', ''):gsub('%s+$', '')
  local function ok(y, m, d)
    y, m, d = tonumber(y), tonumber(m), tonumber(d)
    if not y or y < 1583 or y > 9999 then return nil end
    if m and (m < 1 or m > 12) then return nil end
    if d and (d < 1 or d > 31) then return nil end
    if d then return string.format('%04d-%02d-%02d', y, m, d) end
    if m then return string.format('%04d-%02d-01', y, m) end
    return string.format('%04d-01-01', y)
  end
  local y, m, d = s:match('^(%d%d%d%d)%-(%d%d?)%-(%d%d?)$')
  if y then return ok(y, m, d) end
  m, d, y = s:match('^(%d%d?)/(%d%d?)/(%d%d%d%d)$')
  if y then return ok(y, m, d) end
  y, m, d = s:match('^(%d%d%d%d)(%d%d)(%d%d)$')
  if y then return ok(y, m, d) end
  y, m = s:match('^(%d%d%d%d)%-(%d%d)$')
  if y then return ok(y, m) end
  y = s:match('^(%d%d%d%d)$')
  if y then return ok(y) end
  local dd, mn, yy = s:match('^(%d%d?)%s+(%a+%.?)%s+(%d%d%d%d)$')
  if dd and month(mn) then return ok(yy, month(mn), dd) end
  mn, dd, yy = s:match('^(%a+%.?)%s+(%d%d?),?%s+(%d%d%d%d)$')
  if mn and month(mn) then return ok(yy, month(mn), dd) end
  return nil
end

-- The references of a document's metadata as plain values (as pandoc's
-- citeproc gives them back): inlines stay Inlines, date parts are numbers.
local function ref_value(v, key)
  local t = typename(v)
  if t == 'Inlines' or t == 'string' or t == 'boolean' then
    if key == 'date-parts' then return v end
    return v
  elseif t == 'Blocks' then return M.blocks_to_inlines(v)
  elseif t == 'List' or (t == 'table' and #v > 0) then
    local r = List{}
    for i, x in ipairs(v) do
      if key == 'date-parts' and typename(x) ~= 'List' and typename(x) ~= 'table' then
        r[i] = tonumber(M.stringify(x)) or x
      else
        r[i] = ref_value(x, key)
      end
    end
    return r
  elseif t == 'table' or t == 'Meta' then
    local r = {}
    for k, x in next, v do r[k] = ref_value(x, k) end
    return r
  end
  return v
end

function M.references(doc)
  local refs = doc.meta.references
  local r = List{}
  if refs == nil then return r end
  if typename(refs) ~= 'List' then refs = {refs} end
  for _, ref in ipairs(refs) do
    local x = ref_value(ref)
    if x.id ~= nil then x.id = M.stringify(x.id) end
    if type(x.type) ~= 'string' and x.type ~= nil then x.type = M.stringify(x.type) end
    r:insert(x)
  end
  return r
end

-- run_lua_filter(doc, file[, env]): runs the filter file on doc, in env (a
-- fresh environment that sees the globals, by default).
function M.run_lua_filter(doc, file, env)
  env = env or setmetatable({}, {__index = _G_})
  local chunk, err = loadfile_(file, 't', env)
  if not chunk then error(err, 2) end
  local ret = chunk()
  local filters
  if type(ret) == 'table' then
    filters = (#ret > 0) and ret or {ret}
  else
    -- the functions the file defined
    local f = {}
    for k, v in pairs(env) do
      if type(v) == 'function' then f[k] = v end
    end
    filters = {f}
  end
  for _, f in ipairs(filters) do
    doc = doc:walk(f)
    if f.Pandoc then doc = f.Pandoc(doc) or doc end
  end
  return doc
end

function M.run_json_filter(doc, cmd, args)
  local json = core.write(doc, 'json')
  local out, status = core.pipe(cmd, args or {FORMAT}, json)
  if status ~= 0 then error('Error running filter ' .. cmd, 2) end
  return core.read(out, 'json')
end

function M.to_simple_table(tbl)
  local function cells(row)
    local r = List{}
    for _, c in ipairs(row.cells) do r:insert(types.Blocks(c.contents)) end
    return r
  end
  local aligns, widths = List{}, List{}
  for _, cs in ipairs(tbl.colspecs) do aligns:insert(cs[1]); widths:insert(cs[2] or 0) end
  local headers = tbl.head.rows[1] and cells(tbl.head.rows[1]) or List{}
  local rows = List{}
  for _, b in ipairs(tbl.bodies) do for _, r in ipairs(b.body) do rows:insert(cells(r)) end end
  return types.SimpleTable(M.blocks_to_inlines(tbl.caption.long), aligns, widths, headers, rows)
end

function M.from_simple_table(st)
  local function row(cs)
    local r = List{}
    for _, c in ipairs(cs) do r:insert(types.Cell(c)) end
    return types.Row(r)
  end
  local colspecs = List{}
  for i, a in ipairs(st.aligns) do
    local w = st.widths[i]
    colspecs:insert({a, (w and w ~= 0) and w or nil})
  end
  local head = types.TableHead(#st.headers > 0 and {row(st.headers)} or {})
  local body = List{}
  for _, r in ipairs(st.rows) do body:insert(row(r)) end
  local cap = #st.caption > 0 and {types.Plain(st.caption)} or {}
  local bodies = #body > 0 and {types.TableBody(body)} or {}
  return types.Table(types.Caption(cap), colspecs, head, bodies, types.TableFoot())
end

return M
