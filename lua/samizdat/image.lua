-- lua/samizdat/image.lua
-- pandoc.image: an image's format and size (pixels and dots per inch) from
-- its bytes: PNG, JPEG, GIF, SVG, EPS, PDF, WebP.  See LICENSE.
local string, error, tonumber, type, math = string, error, tonumber, type, math
local _ENV = nil

local M = {}

function M.format(s)
  if type(s) ~= 'string' then return nil end
  if s:sub(1, 8) == '\137PNG\r\n\26\n' then return 'png'
  elseif s:sub(1, 3) == '\255\216\255' then return 'jpeg'
  elseif s:sub(1, 4) == 'GIF8' then return 'gif'
  elseif s:sub(1, 4) == '%PDF' then return 'pdf'
  elseif s:sub(1, 4) == '%!PS' then return 'eps'
  elseif s:sub(1, 4) == 'RIFF' and s:sub(9, 12) == 'WEBP' then return 'webp'
  elseif s:find('^%s*<%?xml') and s:find('<svg', 1, true) or s:find('^%s*<svg') then return 'svg'
  end
  return nil
end

local function be16(s, i) return s:byte(i) * 256 + s:byte(i + 1) end
local function be32(s, i) return ((s:byte(i) * 256 + s:byte(i + 1)) * 256 + s:byte(i + 2)) * 256 + s:byte(i + 3) end
local function le16(s, i) return s:byte(i) + s:byte(i + 1) * 256 end

-- An SVG length in pixels (units as CSS has them at 96 dpi).
local function svg_len(v, dpi)
  if not v then return nil end
  local n, unit = v:match('^%s*([%d.]+)%s*(%a*)')
  n = tonumber(n)
  if not n then return nil end
  local per_inch = {['in'] = 1, cm = 2.54, mm = 25.4, pt = 72, pc = 6}
  if per_inch[unit] then return math.floor(n / per_inch[unit] * dpi + 0.5) end
  return math.floor(n + 0.5)
end

function M.size(s, opts)
  local dpi = opts and opts.dpi or 96
  local f = M.format(s)
  local w, h, dx, dy
  if f == 'png' then
    w, h = be32(s, 17), be32(s, 21)
    local p = s:find('pHYs', 1, true)
    if p and s:byte(p + 12) == 1 then
      dx = math.floor(be32(s, p + 4) * 0.0254 + 0.5)
      dy = math.floor(be32(s, p + 8) * 0.0254 + 0.5)
    end
  elseif f == 'gif' then
    w, h = le16(s, 7), le16(s, 9)
  elseif f == 'jpeg' then
    local i = 3
    while i + 8 <= #s do
      if s:byte(i) ~= 0xFF then break end
      local m = s:byte(i + 1)
      local len = be16(s, i + 2)
      if m == 0xE0 and s:sub(i + 4, i + 8) == 'JFIF\0' and s:byte(i + 11) == 1 then
        dx, dy = be16(s, i + 12), be16(s, i + 14)
      elseif m >= 0xC0 and m <= 0xCF and m ~= 0xC4 and m ~= 0xC8 and m ~= 0xCC then
        h, w = be16(s, i + 5), be16(s, i + 7)
        break
      end
      i = i + 2 + len
    end
  elseif f == 'svg' then
    local tag = s:match('<svg[^>]*>') or ''
    w = svg_len(tag:match('%swidth%s*=%s*["\']([^"\']*)'), dpi)
    h = svg_len(tag:match('%sheight%s*=%s*["\']([^"\']*)'), dpi)
    if not (w and h) then
      local vw, vh = tag:match('viewBox%s*=%s*["\']%s*[-%d.]+[%s,]+[-%d.]+[%s,]+([%d.]+)[%s,]+([%d.]+)')
      w, h = w or svg_len(vw, dpi), h or svg_len(vh, dpi)
    end
  elseif f == 'eps' then
    local x1, y1, x2, y2 = s:match('%%%%BoundingBox:%s*(%-?%d+)%s+(%-?%d+)%s+(%-?%d+)%s+(%-?%d+)')
    if not x1 then error('could not determine EPS size', 2) end
    w, h, dx, dy = tonumber(x2) - tonumber(x1), tonumber(y2) - tonumber(y1), 72, 72
  elseif f == 'pdf' then
    local x1, y1, x2, y2 = s:match('/MediaBox%s*%[%s*([-%d.]+)%s+([-%d.]+)%s+([-%d.]+)%s+([-%d.]+)')
    if not x1 then error('could not determine PDF size', 2) end
    w = math.floor(tonumber(x2) - tonumber(x1) + 0.5)
    h = math.floor(tonumber(y2) - tonumber(y1) + 0.5)
    dx, dy = 72, 72
  elseif f == 'webp' then
    if s:sub(13, 16) == 'VP8X' then
      w = s:byte(25) + s:byte(26) * 256 + s:byte(27) * 65536 + 1
      h = s:byte(28) + s:byte(29) * 256 + s:byte(30) * 65536 + 1
    elseif s:sub(13, 16) == 'VP8 ' then
      w, h = le16(s, 27) & 0x3FFF, le16(s, 29) & 0x3FFF
    end
  else
    error('could not determine image type', 2)
  end
  if not (w and h) then error('could not determine ' .. f .. ' size', 2) end
  if not dx or dx == 0 then dx, dy = dpi, dpi end
  return {width = w, height = h, dpi_horz = dx, dpi_vert = dy}
end

return M
