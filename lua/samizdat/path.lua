-- lua/samizdat/path.lua
-- pandoc.path: POSIX file path manipulation.
-- See LICENSE.
local core = require 'samizdat.core'
local string, table, select, type, ipairs = string, table, select, type, ipairs
local List = require 'samizdat.list'
local _ENV = nil

local M = { separator = '/', search_path_separator = ':' }

function M.is_absolute(p) return p:sub(1, 1) == '/' end
function M.is_relative(p) return p:sub(1, 1) ~= '/' end

function M.split(p)
  local r = List{}
  if p:sub(1, 1) == '/' then r:insert('/') end
  for part in p:gmatch('[^/]+') do r:insert(part) end
  return r
end

function M.join(parts)
  local out = ''
  for _, p in ipairs(parts) do
    if p:sub(1, 1) == '/' then out = p
    elseif out == '' or out:sub(-1) == '/' then out = out .. p
    else out = out .. '/' .. p end
  end
  return out
end

function M.directory(p)
  local d = p:match('^(.*)/[^/]*$')
  if d == nil then return '.' end
  if d == '' then return '/' end
  return d
end

function M.filename(p)
  return p:match('([^/]*)$')
end

function M.split_extension(p)
  local base, ext = p:match('^(.*[^/%.])(%.[^/%.]*)$')
  if base then return base, ext end
  return p, ''
end

function M.normalize(p)
  if p == '' then return '.' end
  local abs = p:sub(1, 1) == '/'
  local parts = {}
  for part in p:gmatch('[^/]+') do
    if part ~= '.' then parts[#parts + 1] = part end
  end
  local r = table.concat(parts, '/')
  if abs then r = '/' .. r end
  if p:sub(-1) == '/' and r ~= '/' and r ~= '' then r = r .. '/' end
  if r == '' then r = '.' end
  return r
end

function M.make_relative(path, root, unsafe)
  local a, b = M.split(M.normalize(path)), M.split(M.normalize(root))
  local i = 1
  while a[i] and b[i] and a[i] == b[i] do i = i + 1 end
  if i <= #b then
    if not unsafe then return path end
    local up = {}
    for _ = i, #b do up[#up + 1] = '..' end
    for k = i, #a do up[#up + 1] = a[k] end
    return table.concat(up, '/')
  end
  local rest = {}
  for k = i, #a do rest[#rest + 1] = a[k] end
  if #rest == 0 then return '.' end
  return table.concat(rest, '/')
end

function M.split_search_path(s)
  local r = List{}
  for part in (s .. ':'):gmatch('([^:]*):') do r:insert(part) end
  return r
end

function M.exists(p, kind)
  return core.exists(p, kind)
end

function M.treat_strings_as_paths() end

return M
