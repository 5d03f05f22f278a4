-- lua/samizdat/json.lua
-- pandoc.json: encode and decode Lua values; AST elements as pandoc's JSON
-- (the C JSON reader and writer do those), a __tojson metamethod wins.
-- See LICENSE.
local type, pairs, tostring, tonumber, error, string, table, math, next, utf8 = type, pairs, tostring, tonumber, error, string, table, math, next, utf8
local setmetatable, getmetatable, require, pcall = setmetatable, getmetatable, require, pcall
local core = require 'samizdat.core'
local _ENV = nil

local M = { null = core.json_null }

local esc = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n',
  ['\r'] = '\\r', ['\t'] = '\\t' }

local types_ -- samizdat.types, loaded on first use (it loads this module's users)
local function types()
  types_ = types_ or require 'samizdat.types'
  return types_
end

-- An element's JSON, cut out of the JSON of a document holding it: after
-- the prefix up to the element, before the closing brackets.
local DOC_HEAD = '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":['
local function elem_json(v, kind)
  local T = types()
  if kind == 'Pandoc' then return core.write(v, 'json') end
  -- skip: characters after '"blocks":[' before the element (-1: the '[');
  -- tail: characters after it
  local doc, skip, tail
  if kind == 'Block' then doc, skip, tail = T.Pandoc({v}), 0, 2
  elseif kind == 'Blocks' then doc, skip, tail = T.Pandoc(v), -1, 1
  elseif kind == 'Inline' then doc, skip, tail = T.Pandoc({T.Plain({v})}), 18, 4
  elseif kind == 'Inlines' then doc, skip, tail = T.Pandoc({T.Plain(v)}), 17, 3
  else return nil end
  local s = core.write(doc, 'json'):gsub('%s*$', '')
  local _, e = s:find('"meta":{},"blocks":[', 1, true)
  if not e then return nil end
  return s:sub(e + 1 + skip, #s - tail)
end

local function enc(v, out)
  local t = type(v)
  local m = (t == 'table' or t == 'userdata') and getmetatable(v)
  if m and m.__tojson then out[#out + 1] = m.__tojson(v) return end
  if m and type(m.__name) == 'string' then
    local j = elem_json(v, m.__name)
    if j then out[#out + 1] = j return end
  end
  if v == nil or v == M.null then out[#out + 1] = 'null'
  elseif t == 'boolean' then out[#out + 1] = v and 'true' or 'false'
  elseif t == 'number' then
    out[#out + 1] = (math.type(v) == 'integer' or v ~= math.floor(v)) and tostring(v)
      or string.format('%d', v)
  elseif t == 'string' then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', function(c)
      return esc[c] or string.format('\\u%04x', c:byte())
    end) .. '"'
  elseif t == 'table' then
    if #v > 0 or next(v) == nil and getmetatable(v) and getmetatable(v).__name == 'List' then
      out[#out + 1] = '['
      for i = 1, #v do
        if i > 1 then out[#out + 1] = ',' end
        enc(v[i], out)
      end
      out[#out + 1] = ']'
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = tostring(k) end
      table.sort(keys)
      out[#out + 1] = '{'
      for i, k in pairs(keys) do
        if i > 1 then out[#out + 1] = ',' end
        enc(k, out)
        out[#out + 1] = ':'
        enc(v[k], out)
      end
      out[#out + 1] = '}'
    end
  else
    error('cannot encode a ' .. t .. ' as JSON', 3)
  end
end

function M.encode(v)
  local out = {}
  enc(v, out)
  return table.concat(out)
end

local decode_plain

-- pandoc's decode: an AST element (or list of them) when the JSON is one,
-- unless the second argument is false.
function M.decode(s, ast)
  local v = decode_plain(s)
  if ast == false or type(v) ~= 'table' then return v end
  local T = types()
  local function read(js)
    local ok, doc = pcall(core.read, js, 'json')
    return ok and doc or nil
  end
  if v['pandoc-api-version'] and v.blocks then return read(s) or v end
  local first = v[1] or v
  local tag = type(first) == 'table' and first.t
  if type(tag) ~= 'string' then
    return #v > 0 and T.List(v) or v
  end
  local list = v[1] ~= nil
  if T.block_tags[tag] then
    local doc = read(DOC_HEAD .. (list and s:match('^%s*%[(.*)%]%s*$') or s) .. ']}')
    if doc then return list and doc.blocks or doc.blocks[1] end
  elseif T.inline_tags[tag] then
    local doc = read(DOC_HEAD .. '{"t":"Plain","c":' .. (list and s or '[' .. s .. ']') .. '}]}')
    if doc then return list and doc.blocks[1].content or doc.blocks[1].content[1] end
  end
  return v
end

decode_plain = function(s)
  local i = 1
  local function ws() i = s:find('[^ \t\r\n]', i) or #s + 1 end
  local val
  local function str()
    local out = {}
    i = i + 1
    while true do
      local c = s:sub(i, i)
      if c == '"' then i = i + 1 break
      elseif c == '\\' then
        local n = s:sub(i + 1, i + 1)
        if n == 'u' then
          local cp = tonumber(s:sub(i + 2, i + 5), 16)
          if cp >= 0xD800 and cp < 0xDC00 and s:sub(i + 6, i + 7) == '\\u' then
            local lo = tonumber(s:sub(i + 8, i + 11), 16)
            cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
            i = i + 6
          end
          out[#out + 1] = utf8.char(cp)
          i = i + 6
        else
          local map = { b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }
          out[#out + 1] = map[n] or n
          i = i + 2
        end
      elseif c == '' then error('unterminated JSON string', 3)
      else
        local j = s:find('["\\]', i) or #s + 1
        out[#out + 1] = s:sub(i, j - 1)
        i = j
      end
    end
    return table.concat(out)
  end
  val = function()
    ws()
    local c = s:sub(i, i)
    if c == '{' then
      local r = {}
      i = i + 1
      ws()
      if s:sub(i, i) == '}' then i = i + 1 return r end
      while true do
        ws()
        local k = str()
        ws()
        i = i + 1 -- ':'
        r[k] = val()
        ws()
        local d = s:sub(i, i)
        i = i + 1
        if d == '}' then return r end
      end
    elseif c == '[' then
      local r = {}
      i = i + 1
      ws()
      if s:sub(i, i) == ']' then i = i + 1 return r end
      while true do
        r[#r + 1] = val()
        ws()
        local d = s:sub(i, i)
        i = i + 1
        if d == ']' then return r end
      end
    elseif c == '"' then return str()
    elseif s:sub(i, i + 3) == 'true' then i = i + 4 return true
    elseif s:sub(i, i + 4) == 'false' then i = i + 5 return false
    elseif s:sub(i, i + 3) == 'null' then i = i + 4 return M.null
    else
      local num = s:match('^-?%d+%.?%d*[eE]?[-+]?%d*', i)
      if not num or num == '' then error('invalid JSON at byte ' .. i, 3) end
      i = i + #num
      return tonumber(num)
    end
  end
  return val()
end

return M
