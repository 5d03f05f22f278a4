-- run.lua — runs one of pandoc's Lua module test files inside samizdat, as
-- a filter: `samizdat -f json -t json -L run.lua` with SZ_TASTY_FILE naming
-- the test file and SZ_TASTY_OUT the file that gets one line per test:
-- "PASS path" or "FAIL path: message" (newlines in messages become spaces).
local here = debug.getinfo(1, 'S').source:match('^@(.*)/[^/]*$') or '.'
package.path = here .. '/?.lua;' .. package.path
local file = assert(os.getenv('SZ_TASTY_FILE'), 'SZ_TASTY_FILE not set')
local out = assert(io.open(assert(os.getenv('SZ_TASTY_OUT')), 'w'))

local function report(tree, prefix)
  for _, t in ipairs(tree) do
    local path = prefix == '' and t.name or (prefix .. ' / ' .. t.name)
    if type(t.result) == 'table' then
      report(t.result, path)
    elseif t.result == true then
      out:write('PASS ', path, '\n')
    else
      out:write('FAIL ', path, ': ', (tostring(t.result):gsub('%s+', ' ')), '\n')
    end
  end
end

local chunk, err = loadfile(file)
if not chunk then
  out:write('FAIL ', file, ': does not load: ', (err:gsub('%s+', ' ')), '\n')
else
  local ok, tree = xpcall(chunk, debug.traceback)
  if not ok then
    out:write('FAIL ', file, ': ', (tostring(tree):gsub('%s+', ' ')), '\n')
  else
    report(tree, '')
  end
end
out:close()
return {}
