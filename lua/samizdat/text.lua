-- lua/samizdat/text.lua
-- pandoc.text (also `require 'text'`): UTF-8 aware string functions.
-- See LICENSE.
local core = require 'samizdat.core'
local utf8, string, table, tostring = utf8, string, table, tostring
local _ENV = nil

local M = {}
M.upper = core.upper
M.lower = core.lower

function M.len(s)
  return utf8.len(s) or #s
end

function M.sub(s, i, j)
  local n = utf8.len(s) or #s
  i = i or 1
  j = j or -1
  if i < 0 then i = n + i + 1 end
  if j < 0 then j = n + j + 1 end
  if i < 1 then i = 1 end
  if j > n then j = n end
  if i > j then return '' end
  local a = utf8.offset(s, i)
  local b = utf8.offset(s, j + 1)
  return string.sub(s, a, (b or #s + 1) - 1)
end

function M.reverse(s)
  local r = {}
  for _, c in utf8.codes(s) do table.insert(r, 1, utf8.char(c)) end
  return table.concat(r)
end

function M.toencoding(s) return s end
function M.fromencoding(s) return s end

local sup = {['0']='⁰',['1']='¹',['2']='²',['3']='³',['4']='⁴',['5']='⁵',['6']='⁶',['7']='⁷',
  ['8']='⁸',['9']='⁹',['+']='⁺',['-']='⁻',['=']='⁼',['(']='⁽',[')']='⁾',i='ⁱ',n='ⁿ'}
local sub = {['0']='₀',['1']='₁',['2']='₂',['3']='₃',['4']='₄',['5']='₅',['6']='₆',['7']='₇',
  ['8']='₈',['9']='₉',['+']='₊',['-']='₋',['=']='₌',['(']='₍',[')']='₎'}
local function map(t)
  return function(s)
    local r = {}
    for _, c in utf8.codes(s) do
      local ch = utf8.char(c)
      if not t[ch] then return nil end
      r[#r + 1] = t[ch]
    end
    return table.concat(r)
  end
end
M.superscript = map(sup)
M.subscript = map(sub)

return M
