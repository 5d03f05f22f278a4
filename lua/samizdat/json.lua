-- lua/samizdat/json.lua
-- pandoc.json: encode and decode plain Lua values (not AST values).
-- See LICENSE.
local type, pairs, tostring, tonumber, error, string, table, math, next, utf8 = type, pairs, tostring, tonumber, error, string, table, math, next, utf8
local setmetatable, getmetatable = setmetatable, getmetatable
local _ENV = nil

local M = { null = setmetatable({}, { __name = 'null', __tostring = function() return 'null' end }) }

local esc = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n',
  ['\r'] = '\\r', ['\t'] = '\\t' }

local function enc(v, out)
  local t = type(v)
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

function M.decode(s)
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
