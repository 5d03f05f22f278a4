-- lua/samizdat/template.lua
-- pandoc.template: pandoc's template language (doctemplates): $var$ and
-- ${var}, $if(v)$ $elseif(v)$ $else$ $endif$, $for(v)$ $sep$ $endfor$, it,
-- partials name() and var:name()[sep], pipes (/uppercase, /left 10 "| "...),
-- $^$ nesting, $~$ breakable spaces, $-- comments.  A compiled Template is
-- applied to a context (a table) and gives a pandoc.layout Doc.
-- See LICENSE.
local type, pairs, ipairs, error, tostring, tonumber, setmetatable, getmetatable, pcall, require = type, pairs, ipairs, error, tostring, tonumber, setmetatable, getmetatable, pcall, require
local string, table, math, io, os = string, table, math, io, os
local layout = require 'samizdat.layout'
local _ENV = nil

local M = {}
local Template = { __name = 'Template' }
Template.__index = Template

local keywords = {it = true, ['if'] = true, ['else'] = true, ['endif'] = true, ['for'] = true,
  sep = true, endfor = true, elseif_ = true}

-- {=== parsing ===

local function read_file(path)
  local f = io.open(path, 'rb')
  if not f then return nil end
  local s = f:read('a')
  f:close()
  return s
end

-- pipes after a name: /name args...
local function parse_pipes(s)
  local pipes = {}
  for p in s:gmatch('/([^/]+)') do
    local name, rest = p:match('^%s*([%a_]+)%s*(.-)%s*$')
    if not name then return nil end
    local args = {}
    local i = 1
    while i <= #rest do
      local c = rest:sub(i, i)
      if c:match('%s') then i = i + 1
      elseif c == '"' then
        local buf = {}
        i = i + 1
        while i <= #rest and rest:sub(i, i) ~= '"' do
          local ch = rest:sub(i, i)
          if ch == '\\' then i = i + 1; ch = rest:sub(i, i) end
          buf[#buf + 1] = ch
          i = i + 1
        end
        args[#args + 1] = table.concat(buf)
        i = i + 1
      else
        local w = rest:match('^%S+', i)
        args[#args + 1] = tonumber(w) or w
        i = i + #w
      end
    end
    pipes[#pipes + 1] = {name = name, args = args}
  end
  return pipes
end

-- A variable or partial directive: var, var/pipes, var:part()/pipes[sep],
-- part()/pipes.
local function parse_var(s)
  local sep
  local body, bracket = s:match('^(.-)%[(.*)%]$')
  if body then s, sep = body, bracket end
  local name, partial, rest
  name, partial, rest = s:match('^([%a][%w_.%-]*):([%w_.%-]+)%(%)(.*)$')
  if not name then
    partial, rest = s:match('^([%a][%w_.%-]*)%(%)(.*)$')
    if not partial then
      name, rest = s:match('^([%a][%w_.%-]*)(.*)$')
      if not name then return nil end
    end
  end
  if name and keywords[name] and name ~= 'it' then return nil end
  local pipes = parse_pipes(rest or '')
  if not pipes then return nil end
  if (rest or ''):find('[^%s]') and #pipes == 0 then return nil end
  local path = {}
  if name then for part in name:gmatch('[^.]+') do path[#path + 1] = part end end
  return {t = 'var', name = name, path = path, partial = partial, pipes = pipes, sep = sep}
end

local compile

-- Finds a partial: next to the template (with its extension when the name
-- has none), in the user's templates folder, or among pandoc's own.
local function load_partial(name, tpath, seen)
  local dir = tpath and tpath:match('^(.*)/[^/]*$') or (tpath and '.' or nil)
  local ext = tpath and tpath:match('(%.[^./]+)$') or ''
  local file = name:find('%.[^.]+$') and name or name .. ext
  local tried = {}
  local cands = {}
  if dir then cands[#cands + 1] = dir .. '/' .. file end
  local home = os.getenv('HOME')
  if home then cands[#cands + 1] = home .. '/.local/share/pandoc/templates/' .. file end
  for _, c in ipairs(cands) do
    tried[#tried + 1] = c
    local s = read_file(c)
    if s then return s, c end
  end
  local ok, external = pcall(require, 'samizdat.external')
  local s = ok and external.data_file('templates/' .. file)
  if s then return s, 'templates/' .. file end
  error('Could not find data file templates/' .. file, 0)
end

local function parse(src, tpath, depth)
  depth = depth or 0
  if depth > 50 then error('partials nested too deeply in ' .. tostring(tpath), 0) end
  local pos = 1
  local n = #src
  -- The newline right after a directive goes with it: always after an
  -- opening one (if, elseif, for), after a closing one (else, endif,
  -- endfor) when it starts its line, never after sep.
  local function alone(s, e, opening)
    if src:sub(e + 1, e + 1) ~= '\n' then return nil end
    if not opening then
      local ls = s
      while ls > 1 and src:sub(ls - 1, ls - 1):match('[ \t]') do ls = ls - 1 end
      if ls > 1 and src:sub(ls - 1, ls - 1) ~= '\n' then return nil end
    end
    return s, e + 1
  end
  -- the column where the text at position p starts, on its line
  local function column(p)
    local ls = p
    while ls > 1 and src:sub(ls - 1, ls - 1) ~= '\n' do ls = ls - 1 end
    return layout.real_length(src:sub(ls, p - 1)), src:sub(ls, p - 1):match('^[ \t]*$') ~= nil
  end

  local function parse_seq(stops)
    local items = {}
    local buf = {}
    local function flush_buf()
      if #buf > 0 then items[#items + 1] = {t = 'lit', s = table.concat(buf)} buf = {} end
    end
    while pos <= n do
      local d = src:find('$', pos, true)
      if not d then buf[#buf + 1] = src:sub(pos) pos = n + 1 break end
      buf[#buf + 1] = src:sub(pos, d - 1)
      local nx = src:sub(d + 1, d + 1)
      if nx == '$' then
        buf[#buf + 1] = '$'
        pos = d + 2
      elseif src:sub(d + 1, d + 2) == '--' then
        local e = src:find('\n', d, true)
        -- a comment line goes with its newline
        pos = e and e + 1 or n + 1
      else
        local close, inner_s, inner_e, e
        if nx == '{' then
          e = src:find('}', d + 2, true)
          inner_s, inner_e = d + 2, e and e - 1
        else
          e = src:find('$', d + 1, true)
          inner_s, inner_e = d + 1, e and e - 1
        end
        local inner = e and src:sub(inner_s, inner_e):match('^[ \t]*(.-)[ \t]*$')
        local kw, arg
        if inner then
          kw, arg = inner:match('^(%a+)%(([%a][%w_.%-]*[^)]*)%)$')
          if not kw then kw = inner end
        end
        if not inner or inner:find('\n') then
          buf[#buf + 1] = '$'
          pos = d + 1
        elseif (kw == 'if' or kw == 'for' or kw == 'elseif') and arg then
          local _, te = alone(d, e, true)
          flush_buf()
          pos = (te or e) + 1
          if kw == 'elseif' then
            if not stops.elseif_ then error('$elseif$ outside $if$', 0) end
            return items, 'elseif', arg
          end
          local var = parse_var(arg)
          if not var then error('bad variable in template: ' .. arg, 0) end
          if kw == 'if' then
            local node = {t = 'if', branches = {}, els = nil}
            local cond = var
            while true do
              local body, stop, a2 = parse_seq({['else'] = true, endif = true, elseif_ = true})
              node.branches[#node.branches + 1] = {cond = cond, body = body}
              if stop == 'elseif' then
                cond = parse_var(a2)
              elseif stop == 'else' then
                local body2 = parse_seq({endif = true})
                node.els = body2
                break
              else
                break
              end
            end
            items[#items + 1] = node
          else
            local body, stop = parse_seq({sep = true, endfor = true})
            local sepb
            if stop == 'sep' then sepb = parse_seq({endfor = true}) end
            items[#items + 1] = {t = 'for', var = var, body = body, sep = sepb}
          end
        elseif kw == 'else' or kw == 'endif' or kw == 'sep' or kw == 'endfor' then
          local _, te
          if kw ~= 'sep' then _, te = alone(d, e, false) end
          flush_buf()
          pos = (te or e) + 1
          if not stops[kw] then error('unexpected $' .. kw .. '$ in template', 0) end
          return items, kw
        elseif inner == '^' then
          flush_buf()
          pos = e + 1
          local col = column(d)
          local rest, stop, a2 = parse_seq(stops)
          items[#items + 1] = {t = 'nest', col = col, body = rest}
          return items, stop, a2
        elseif inner == '~' then
          flush_buf()
          items[#items + 1] = {t = 'breakable'}
          pos = e + 1
        else
          local var = parse_var(inner)
          if not var then
            buf[#buf + 1] = '$'
            pos = d + 1
          else
            flush_buf()
            pos = e + 1
            local col, only_space = column(d)
            -- alone on its line after spaces: multi-line values nest there
            local after = src:sub(pos):match('^[ \t]*\n') or pos > n
            if only_space and col > 0 and after then var.nest = col end
            if var.partial then
              local ptext, ppath = load_partial(var.partial, tpath)
              ptext = ptext:gsub('\n$', '')
              var.tmpl = parse(ptext, ppath, depth + 1)
            end
            items[#items + 1] = var
          end
        end
      end
    end
    flush_buf()
    return items, nil
  end
  local items, stop = parse_seq({})
  if stop then error('unexpected $' .. stop .. '$ in template', 0) end
  return items
end

compile = function(src, tpath)
  return setmetatable({items = parse(src, tpath), path = tpath}, Template)
end

-- }===

-- {=== values and rendering ===

local function typename(x)
  local m = (type(x) == 'table' or type(x) == 'userdata') and getmetatable(x)
  return m and type(m.__name) == 'string' and m.__name or type(x)
end

local function next_(t) for k in pairs(t) do return k end return nil end

local function is_list(v)
  if type(v) ~= 'table' then return false end
  local tn = typename(v)
  if tn == 'List' or tn == 'Inlines' or tn == 'Blocks' then return true end
  if tn ~= 'table' then return false end
  return v[1] ~= nil or next_(v) == nil
end

local function is_map(v)
  return type(v) == 'table' and typename(v) ~= 'Doc' and not is_list(v)
    and typename(v) ~= 'Inlines' and typename(v) ~= 'Blocks'
end

local truthy
truthy = function(v)
  if v == nil or v == false then return false end
  local tv = type(v)
  if tv == 'string' then return v ~= '' end
  if tv == 'number' or v == true then return true end
  if typename(v) == 'Doc' then return not layout.is_empty(v) end
  if typename(v) == 'Inlines' or typename(v) == 'Blocks' then return #v > 0 end
  if is_list(v) then
    for _, x in ipairs(v) do if truthy(x) then return true end end
    return false
  end
  return tv == 'table' or tv == 'userdata'
end

local stringify_
local function stringify(x)
  stringify_ = stringify_ or require('samizdat.utils').stringify
  return stringify_(x)
end

local function to_doc(v)
  if v == nil or v == false then return layout.empty end
  if v == true then return layout.literal('true') end
  local tv = type(v)
  if tv == 'string' then return layout.literal(v) end
  if tv == 'number' then return layout.literal(math.type(v) == 'integer' and tostring(v)
    or (v == math.floor(v) and string.format('%d', v) or tostring(v))) end
  local tn = typename(v)
  if tn == 'Doc' then return v end
  if tn == 'Inlines' or tn == 'Blocks' or tn == 'Inline' or tn == 'Block' then
    return layout.literal(stringify(v))
  end
  if is_list(v) then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = to_doc(x) end
    return layout.concat(parts)
  end
  return layout.literal('true')
end

local function as_string(v) return layout.render(to_doc(v)) end

local function to_roman(n)
  local r = {}
  for _, p in ipairs{{1000, 'm'}, {900, 'cm'}, {500, 'd'}, {400, 'cd'}, {100, 'c'}, {90, 'xc'},
      {50, 'l'}, {40, 'xl'}, {10, 'x'}, {9, 'ix'}, {5, 'v'}, {4, 'iv'}, {1, 'i'}} do
    while n >= p[1] do r[#r + 1] = p[2]; n = n - p[1] end
  end
  return table.concat(r)
end

local text_ -- samizdat.text, for case mapping
local function text() text_ = text_ or require 'samizdat.text' return text_ end

local pipes = {}
function pipes.pairs(v)
  local r = {}
  if is_list(v) then
    for i, x in ipairs(v) do r[i] = {key = tostring(i), value = x} end
  elseif is_map(v) then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for i, k in ipairs(keys) do r[i] = {key = k, value = v[k]} end
  end
  return r
end
function pipes.uppercase(v) return text().upper(as_string(v)) end
function pipes.lowercase(v) return text().lower(as_string(v)) end
function pipes.length(v)
  if is_list(v) then return #v end
  if is_map(v) then local n = 0 for _ in pairs(v) do n = n + 1 end return n end
  return text().len(as_string(v))
end
function pipes.reverse(v)
  if is_list(v) then
    local r = {}
    for i = #v, 1, -1 do r[#r + 1] = v[i] end
    return r
  end
  if type(v) == 'string' then return text().reverse(v) end
  return v
end
function pipes.first(v) if is_list(v) and #v > 0 then return v[1] end return v end
function pipes.last(v) if is_list(v) and #v > 0 then return v[#v] end return v end
function pipes.rest(v)
  if is_list(v) and #v > 0 then return {table.unpack(v, 2)} end
  return v
end
function pipes.allbutlast(v)
  if is_list(v) and #v > 0 then return {table.unpack(v, 1, #v - 1)} end
  return v
end
function pipes.chomp(v) return layout.chomp(to_doc(v)) end
function pipes.nowrap(v) return layout.nowrap(to_doc(v)) end
function pipes.alpha(v)
  local n = tonumber(as_string(v))
  if not n then return v end
  return string.char(string.byte('a') + (math.tointeger(n) - 1) % 26)
end
function pipes.roman(v)
  local n = math.tointeger(tonumber(as_string(v)))
  if not n or n <= 0 then return v end
  return to_roman(n)
end
local function aligned(fn)
  return function(v, w, l, r)
    if is_list(v) or is_map(v) then return v end
    local d = fn(to_doc(v), math.tointeger(w) or 0)
    return layout.concat{layout.vfill(l or ''), d, layout.vfill(r or '')}
  end
end
pipes.left = aligned(layout.lblock)
pipes.right = aligned(layout.rblock)
pipes.center = aligned(layout.cblock)

-- Looks a variable up: the loop variables (innermost first, the longest
-- matching name), then the context.
local function lookup(scopes, var)
  local path = var.path
  for s = #scopes, 1, -1 do
    local sc = scopes[s]
    if sc.name then
      local full = table.concat(path, '.')
      local v, rest
      if path[1] == 'it' then v, rest = sc.value, 2
      elseif full == sc.name or full:sub(1, #sc.name + 1) == sc.name .. '.' then
        local _, dots = sc.name:gsub('%.', '')
        v, rest = sc.value, dots + 2
      end
      if rest then
        for i = rest, #path do
          if type(v) ~= 'table' then return nil end
          v = v[path[i]]
        end
        return v
      end
    else
      local v = sc.value
      for _, p in ipairs(path) do
        if type(v) ~= 'table' and type(v) ~= 'userdata' then return nil end
        v = v[p]
        if v == nil then break end
      end
      if v ~= nil then return v end
    end
  end
  return nil
end

local render_items

local function apply_pipes(v, ps)
  for _, p in ipairs(ps) do
    local f = pipes[p.name]
    if not f then error('unknown template pipe ' .. p.name, 0) end
    v = f(v, table.unpack(p.args))
  end
  return v
end

local function render_var(var, scopes, parts)
  local v
  if var.partial then
    if var.name then
      v = lookup(scopes, var)
      local function one(x)
        local sc = {table.unpack(scopes)}
        sc[#sc + 1] = {name = 'it', value = x}
        return render_items(var.tmpl, sc)
      end
      if is_list(v) then
        local docs = {}
        for i, x in ipairs(v) do docs[i] = one(x) end
        v = layout.concat(docs, var.sep and layout.literal(var.sep) or nil)
      elseif v ~= nil and v ~= false then
        v = one(v)
      else
        v = nil
      end
    else
      v = render_items(var.tmpl, scopes)
    end
    v = apply_pipes(v, var.pipes)
  else
    v = apply_pipes(lookup(scopes, var), var.pipes)
    if var.sep and is_list(v) then
      local docs = {}
      for i, x in ipairs(v) do docs[i] = to_doc(x) end
      v = layout.concat(docs, layout.literal(var.sep))
    end
  end
  local d = to_doc(v)
  if var.nest and not layout.is_empty(d) then d = layout.nest(d, var.nest) end
  parts[#parts + 1] = d
end

render_items = function(items, scopes, state)
  state = state or {breakable = false}
  local parts = {}
  for _, it in ipairs(items) do
    local t = it.t
    if t == 'lit' then
      if state.breakable then
        -- spaces in the template text become breaking ones
        local s = it.s
        local i = 1
        while i <= #s do
          local a, b = s:find('[ ]+', i)
          if not a then parts[#parts + 1] = layout.literal(s:sub(i)) break end
          if a > i then parts[#parts + 1] = layout.literal(s:sub(i, a - 1)) end
          parts[#parts + 1] = layout.space
          i = b + 1
        end
      else
        parts[#parts + 1] = layout.literal(it.s)
      end
    elseif t == 'breakable' then
      state.breakable = not state.breakable
    elseif t == 'var' then
      render_var(it, scopes, parts)
    elseif t == 'if' then
      local done = false
      for _, br in ipairs(it.branches) do
        if truthy(lookup(scopes, br.cond)) then
          parts[#parts + 1] = render_items(br.body, scopes, state)
          done = true
          break
        end
      end
      if not done and it.els then parts[#parts + 1] = render_items(it.els, scopes, state) end
    elseif t == 'for' then
      local v = apply_pipes(lookup(scopes, it.var), it.var.pipes)
      local vals
      if is_list(v) then vals = v
      elseif v ~= nil and v ~= false and v ~= '' then vals = {v}
      else vals = {} end
      local name = table.concat(it.var.path, '.')
      for i, x in ipairs(vals) do
        if i > 1 and it.sep then parts[#parts + 1] = render_items(it.sep, scopes, state) end
        local sc = {table.unpack(scopes)}
        sc[#sc + 1] = {name = name, value = x}
        parts[#parts + 1] = render_items(it.body, sc, state)
      end
    elseif t == 'nest' then
      parts[#parts + 1] = layout.nest(render_items(it.body, scopes, state), it.col)
    end
  end
  return layout.concat(parts)
end

-- }===

function M.compile(src, tpath)
  if type(src) ~= 'string' then error('template text expected, got ' .. type(src), 2) end
  return compile(src, tpath)
end

function M.apply(tmpl, context)
  if type(tmpl) == 'string' then tmpl = compile(tmpl) end
  return render_items(tmpl.items, {{value = context or {}}})
end

-- The templates samizdat's own writers use when none is given.
local own = {
  plain = '$if(titleblock)$\n$titleblock$\n\n$endif$$body$\n',
  json = '$body$\n',
  native = '$body$\n',
}

function M.default(fmt)
  fmt = fmt or 'plain'
  if own[fmt] then return own[fmt] end
  if fmt == 'html5' then fmt = 'html' end
  local ok, external = pcall(require, 'samizdat.external')
  return external.default_template(fmt)
end

function M.get(name)
  local s = read_file(name)
  if s then return s end
  local home = os.getenv('HOME')
  s = home and read_file(home .. '/.local/share/pandoc/templates/' .. name)
  if s then return s end
  local fmt = name:match('^default%.(.+)$')
  if fmt then return M.default(fmt) end
  local external = require 'samizdat.external'
  s = external.data_file('templates/' .. name)
  if s then return s end
  error('Could not find data file templates/' .. name, 2)
end

-- meta_to_context(meta, blocks_writer, inlines_writer): metadata as a
-- template context; Inlines and Blocks through the writer functions.
function M.meta_to_context(meta, blocks_writer, inlines_writer)
  local function conv(v)
    local tn = typename(v)
    if tn == 'Inlines' then return inlines_writer(v) end
    if tn == 'Blocks' then return blocks_writer(v) end
    if tn == 'List' or (tn == 'table' and v[1] ~= nil) then
      local r = {}
      for i, x in ipairs(v) do r[i] = conv(x) end
      return r
    end
    if tn == 'table' or tn == 'Meta' then
      local r = {}
      for k, x in pairs(v) do r[k] = conv(x) end
      return r
    end
    if type(v) == 'boolean' then return v end
    return v
  end
  return conv(meta)
end

M.Template = Template
return M
