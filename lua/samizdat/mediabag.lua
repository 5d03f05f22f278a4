-- lua/samizdat/mediabag.lua
-- pandoc.mediabag: resources a filter collects (kept per Lua state; see
-- README "Differences from pandoc").
-- See LICENSE.
local List = require 'samizdat.list'
local io, next, table, error, string, ipairs = io, next, table, error, string, ipairs
local _ENV = nil

local M = {}
local bag, order = {}, {}

local mimes = { png = 'image/png', jpg = 'image/jpeg', jpeg = 'image/jpeg', gif = 'image/gif',
  svg = 'image/svg+xml', webp = 'image/webp', pdf = 'application/pdf', css = 'text/css' }
local function guess(p)
  local ext = p:match('%.([%w]+)$')
  return ext and mimes[ext:lower()] or nil
end

function M.insert(path, mime, contents)
  if not bag[path] then order[#order + 1] = path end
  bag[path] = { mime = mime or guess(path), contents = contents }
end

function M.lookup(path)
  local e = bag[path]
  if e then return e.mime, e.contents end
  return nil
end

function M.delete(path)
  if bag[path] then
    bag[path] = nil
    for i, p in ipairs(order) do if p == path then table.remove(order, i) break end end
  end
end

function M.empty() bag, order = {}, {} end

function M.list()
  local r = List{}
  for _, p in ipairs(order) do
    r:insert({ path = p, type = bag[p].mime, length = #bag[p].contents })
  end
  return r
end

function M.items()
  local i = 0
  return function()
    i = i + 1
    local p = order[i]
    if p then return p, bag[p].mime, bag[p].contents end
  end
end

-- Local files only: samizdat does no network access.
function M.fetch(src)
  local f = io.open(src, 'rb')
  if not f then error('could not fetch ' .. src, 2) end
  local s = f:read('a')
  f:close()
  return guess(src), s
end

function M.fill(doc) return doc end

function M.write(dir, fp)
  for _, p in ipairs(order) do
    if not fp or fp == p then
      local f = io.open(dir .. '/' .. p, 'wb')
      if f then f:write(bag[p].contents); f:close() end
    end
  end
end

function M.make_data_uri(mime, raw)
  local b = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  local out = {}
  for i = 1, #raw, 3 do
    local a, c, d = raw:byte(i, i + 2)
    local n = a * 65536 + (c or 0) * 256 + (d or 0)
    local s = ''
    for k = 3, 0, -1 do
      local idx = (n >> (6 * k)) & 63
      s = s .. b:sub(idx + 1, idx + 1)
    end
    if not c then s = s:sub(1, 2) .. '==' elseif not d then s = s:sub(1, 3) .. '=' end
    out[#out + 1] = s
  end
  return 'data:' .. mime .. ';base64,' .. table.concat(out)
end

return M
