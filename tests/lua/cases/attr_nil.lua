-- input: small
-- pandoc.Attr with a nil identifier is an empty Attr: pandoc reads no further
-- (pandoc/lua-filters' pandoc-ling sets cell classes with Attr(nil, {...})).
function Pandoc(doc)
  local out = {}
  local function say(s) out[#out+1] = pandoc.Para(s) end
  local function show(a) return '[' .. tostring(a.identifier) .. '|' .. table.concat(a.classes, ',') .. '|' .. (function() local r = {} for k, v in pairs(a.attributes) do r[#r+1] = k .. '=' .. v end return table.concat(r, ',') end)() .. ']' end
  for _, case in ipairs{
    {'nil,{x}', function() return pandoc.Attr(nil, {'x'}) end},
    {'nil,{x},{w=1}', function() return pandoc.Attr(nil, {'x'}, {w = '1'}) end},
    {'"",{x}', function() return pandoc.Attr('', {'x'}) end},
    {'nil', function() return pandoc.Attr(nil) end},
    {'()', function() return pandoc.Attr() end},
    {'{"i",{c}}', function() return pandoc.Attr({'i', {'c'}, {}}) end},
    {'"i",nil,{k=v}', function() return pandoc.Attr('i', nil, {k = 'v'}) end},
    {'map', function() return pandoc.Attr{id = 'q'} end},
  } do
    local ok, r = pcall(case[2])
    say(case[1] .. ' => ' .. (ok and show(r) or ('ERR ' .. tostring(r):gsub('\n.*', ''))))
  end
  return pandoc.Pandoc(out, doc.meta)
end
