-- lua/samizdat/version.lua
-- Version objects (PANDOC_VERSION, pandoc.types.Version): compare with
-- strings, tables and other Versions.
-- See LICENSE.
local setmetatable, getmetatable, type, tostring, tonumber, error = setmetatable, getmetatable, type, tostring, tonumber, error
local string, table, math = string, table, math
local core = require 'samizdat.core'
local box, unbox = core.box, core.unbox
local _ENV = nil

local Version = { __name = 'Version' }
local methods = {}

-- A Version is a userdata, as in pandoc, holding the list of its numbers.
local function parts(v)
  local t = unbox(v)
  if t then return t end
  if type(v) == 'table' then
    local r = {}
    for i = 1, #v do r[i] = tonumber(v[i]) end
    return r
  end
  if type(v) == 'number' then v = tostring(v) end
  if type(v) ~= 'string' then error('Version expected, got ' .. type(v), 3) end
  if not string.match(v, '^%d+[%d.]*$') then error('could not parse version ' .. v, 3) end
  local r = {}
  for n in string.gmatch(v, '%d+') do r[#r + 1] = tonumber(n) end
  if #r == 0 then error('could not parse version ' .. v, 3) end
  return r
end

local function new(v)
  local p = parts(v)
  local r = {}
  for i = 1, #p do r[i] = p[i] end
  return box(r, Version)
end

local function cmp(a, b)
  a, b = parts(a), parts(b)
  for i = 1, math.max(#a, #b) do
    local x, y = a[i] or 0, b[i] or 0
    if x ~= y then return x < y and -1 or 1 end
  end
  return 0
end

Version.__eq = function(a, b) return cmp(a, b) == 0 end
Version.__lt = function(a, b) return cmp(a, b) < 0 end
Version.__le = function(a, b) return cmp(a, b) <= 0 end
Version.__tostring = function(v) return table.concat(unbox(v), '.') end
Version.__concat = function(a, b) return tostring(a) .. tostring(b) end
Version.__len = function(v) return #unbox(v) end
Version.__index = function(v, k)
  if type(k) == 'number' then return unbox(v)[k] end
  return methods[k]
end

function methods.must_be_at_least(self, v, msg)
  if cmp(self, v) < 0 then
    msg = msg or 'expected version %s or newer, got %s'
    error(string.format(msg, tostring(new(v)), tostring(self)), 2)
  end
end

return setmetatable({ new = new, mt = Version }, { __call = function(_, v) return new(v) end })
