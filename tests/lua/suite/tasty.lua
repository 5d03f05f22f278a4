-- tasty.lua — a small stand-in for the `tasty` Lua module that pandoc's
-- own Lua tests are written for (test_case, test_group, assert.*).  A test
-- runs as soon as it is defined; its result is `true` or the error message.
local M = {}

local function fail(fmt, ...)
  local ok, msg = pcall(string.format, fmt, ...)
  error('\n' .. (ok and msg or 'assertion failed'), 3)
end

-- Deep comparison on the keys pairs() yields, remembering the pairs of
-- tables already compared so cycles end.
local function same(a, b, seen)
  if type(a) ~= type(b) then return false end
  if type(a) ~= 'table' then return a == b end
  if seen[a] == b then return true end
  for k in pairs(a) do if b[k] == nil then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  seen[a] = b
  for k, v in pairs(a) do
    if not same(v, b[k], seen) then return false end
  end
  return true
end

local assert = setmetatable({}, { __call = function (_, ...) return _G.assert(...) end })

function assert.is_truthy(x)
  if x == nil or x == false then fail('expected a truthy value, got %s', tostring(x)) end
end
function assert.is_falsy(x)
  if x then fail('expected a falsy value, got %s', tostring(x)) end
end
function assert.is_nil(x)
  if x ~= nil then fail('expected nil, got %s', tostring(x)) end
end
function assert.is_function(x)
  if type(x) ~= 'function' then fail('expected a function, got %s', type(x)) end
end
function assert.is_table(x)
  if type(x) ~= 'table' then fail('expected a table, got %s', type(x)) end
end
function assert.are_equal(x, y)
  if x ~= y then
    fail("expected values to be equal, got '%s' and '%s'", tostring(x), tostring(y))
  end
end
function assert.are_same(x, y)
  if not same(x, y, {}) then
    fail('expected same values, got %s and %s', tostring(x), tostring(y))
  end
end
function assert.error_matches(fn, pattern)
  local ok, msg = pcall(fn)
  if ok then fail('no error was raised (wanted one matching %q)', pattern) end
  if not tostring(msg):match(pattern) then
    fail('error %q does not match %q', tostring(msg), pattern)
  end
end
assert.is = setmetatable({}, { __index = function (_, k) return assert['is_' .. k] end })
assert.are = setmetatable({}, { __index = function (_, k) return assert['are_' .. k] end })
M.assert = assert

M.ok = true

function M.test_case(name, fn)
  local ok, err = pcall(fn)
  return { name = name, result = ok and true or tostring(err) }
end

function M.test_group(name, tests)
  if tests == nil then
    return function (t)
      if t == nil then error('no tests in group ' .. name) end
      return M.test_group(name, t)
    end
  end
  return { name = name, result = tests }
end

return M
