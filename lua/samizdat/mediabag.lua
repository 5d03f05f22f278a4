-- lua/samizdat/mediabag.lua
-- pandoc.mediabag: resources a filter adds for the writers (kept in C, one
-- bag per conversion; the EPUB writer packages its images from it).
-- See LICENSE.
local core = require 'samizdat.core'
local List = require 'samizdat.list'
local io, table, error, ipairs, require = io, table, error, ipairs, require
local _ENV = nil

local M = {}

local mimes = { png = 'image/png', jpg = 'image/jpeg', jpeg = 'image/jpeg', gif = 'image/gif',
  svg = 'image/svg+xml', webp = 'image/webp', pdf = 'application/pdf', css = 'text/css' }
local function guess(p)
  local ext = p:match('%.([%w]+)$')
  return ext and mimes[ext:lower()] or nil
end

function M.insert(path, mime, contents)
  core.mb_insert(path, mime or guess(path) or '', contents)
end

function M.lookup(path)
  local mime, contents = core.mb_lookup(path)
  if mime == '' then mime = guess(path) end
  return mime, contents
end

function M.delete(path) core.mb_delete(path) end
function M.empty() core.mb_clear() end

function M.list()
  local r = List{}
  for _, p in ipairs(core.mb_paths()) do
    local mime, contents = M.lookup(p)
    r:insert({ path = p, type = mime, length = #contents })
  end
  return r
end

function M.items()
  local paths, i = core.mb_paths(), 0
  return function()
    i = i + 1
    local p = paths[i]
    if p then
      local mime, contents = M.lookup(p)
      return p, mime, contents
    end
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

-- fill(doc): the media bag gets every local image the document names and
-- does not hold yet (samizdat fetches nothing from the network); an image
-- that cannot be read is left out, with a warning, as pandoc does.
function M.fill(doc)
  doc:walk{Image = function(img)
    local src = img.src
    if src ~= '' and not src:match('^%a[%w+.-]*:') and not core.mb_lookup(src) then
      local f = io.open(src, 'rb')
      if f then
        core.mb_insert(src, guess(src) or '', f:read('a'))
        f:close()
      else
        require('samizdat.log').warn('Could not fetch resource ' .. src)
      end
    end
  end}
  return doc
end

function M.write(dir, fp)
  for _, p in ipairs(core.mb_paths()) do
    if not fp or fp == p then
      local _, contents = M.lookup(p)
      local f = io.open(dir .. '/' .. p, 'wb')
      if f then f:write(contents); f:close() end
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
