-- lua/samizdat/list.lua
-- pandoc.List: the list type of every list the filter API hands out.
-- See LICENSE.
local setmetatable, getmetatable, rawget, rawequal = setmetatable, getmetatable, rawget, rawequal
local type, select, error, tostring = type, select, error, tostring
local tinsert, tremove, tsort, tunpack, tconcat = table.insert, table.remove, table.sort, table.unpack, table.concat
local _ENV = nil

local List = {}
List.__index = List
List.__name = 'List'
-- as pandoc 3 prints a List: List {1, a}
List.__tostring = function(l)
  local t = {}
  for i = 1, #l do t[i] = tostring(l[i]) end
  return 'List {' .. tconcat(t, ', ') .. '}'
end

-- pandoc.List(t) and pandoc.List:new(t) set the metatable in place.
function List:new(t)
  return setmetatable(t or {}, self)
end

local function same_type(self, t)
  return setmetatable(t, getmetatable(self) or List)
end

function List:clone()
  local r = {}
  for i = 1, #self do r[i] = self[i] end
  return same_type(self, r)
end

function List:extend(other)
  local n = #self
  for i = 1, #other do self[n + i] = other[i] end
  return self
end

function List:filter(pred)
  local r, n = {}, 0
  for i = 1, #self do
    if pred(self[i], i) then n = n + 1; r[n] = self[i] end
  end
  return same_type(self, r)
end

function List:find(needle, init)
  for i = init or 1, #self do
    if self[i] == needle then return self[i], i end
  end
  return nil
end

function List:find_if(pred, init)
  for i = init or 1, #self do
    if pred(self[i], i) then return self[i], i end
  end
  return nil
end

function List:includes(needle, init)
  for i = init or 1, #self do
    if self[i] == needle then return true end
  end
  return false
end

function List:insert(...)
  tinsert(self, ...)
  return self
end

function List:map(fn)
  local r = {}
  for i = 1, #self do r[i] = fn(self[i], i) end
  return setmetatable(r, List)
end

function List:remove(...)
  return tremove(self, ...)
end

function List:sort(cmp)
  tsort(self, cmp)
  return self
end

function List:at(i, default)
  local n = #self
  if i < 0 then i = n + i + 1 end
  local v = self[i]
  if v == nil then return default end
  return v
end

function List:iter(step)
  step = step or 1
  local i = step > 0 and 1 - step or #self - step + 1
  return function()
    i = i + step
    return self[i]
  end
end

function List.__concat(a, b)
  local r = {}
  for i = 1, #a do r[i] = a[i] end
  local n = #a
  for i = 1, #b do r[n + i] = b[i] end
  return setmetatable(r, getmetatable(a) or getmetatable(b) or List)
end

function List.__eq(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do
    if a[i] ~= b[i] then return false end
  end
  return true
end

setmetatable(List, {
  __call = function(cls, t) return setmetatable(t or {}, cls) end,
})

return List
