-- input: small3
-- Elements, Attr, Cell, Citation and ListAttributes take their own fields
-- only: setting another key is an error, attr[1] is nil and #attr an error
-- (pandoc 2.x silently ignored attr[n] = v); pandoc/lua-filters' older
-- minted.lua, which reads elem.attr[3], fails on pandoc 3 and here alike.
function Pandoc(doc)
  local out = {}
  for _, case in ipairs{
    {'attr.foo = 1', function() local a = pandoc.Attr('i'); a.foo = 1 end},
    {'attr[1] = x', function() local a = pandoc.Attr('i'); a[1] = 'x' end},
    {'#attr', function() return #pandoc.Attr('i') end},
    {'attr[1]', function() return pandoc.Attr('i', {'c'})[1] end},
    {'attr[3]', function() return pandoc.Code('x', {'i', {'c'}, {{'k', 'v'}}}).attr[3] end},
    {'attr.classes = {x}', function() local a = pandoc.Attr('i'); a.classes = {'x'}; return a.classes[1] end},
    {'str.foo = 1', function() pandoc.Str('x').foo = 1 end},
    {'str.text = y', function() local s = pandoc.Str('x'); s.text = 'y'; return s.text end},
    {'para.foo = 1', function() pandoc.Para('x').foo = 1 end},
    {'div.identifier = d', function() local d = pandoc.Div({}); d.identifier = 'd'; return d.attr.identifier end},
    {'cell.foo = 1', function() pandoc.Cell({}).foo = 1 end},
    {'cell.col_span = 2', function() local c = pandoc.Cell({}); c.col_span = 2; return c.col_span end},
    {'citation.foo = 1', function() pandoc.Citation('x', 'NormalCitation').foo = 1 end},
    {'citation.id = y', function() local c = pandoc.Citation('x', 'NormalCitation'); c.id = 'y'; return c.id end},
    {'listattributes.foo = 1', function() pandoc.ListAttributes().foo = 1 end},
    {'listattributes.start = 3', function() local l = pandoc.ListAttributes(); l.start = 3; return l.start end},
  } do
    local ok, r = pcall(case[2])
    out[#out + 1] = pandoc.Para(case[1] .. ': ' .. (ok and ('ok ' .. tostring(r)) or 'error'))
  end
  return pandoc.Pandoc(out, doc.meta)
end
