-- input: sections3
-- pandoc 3's make_sections: levels and numbers count from the highest
-- heading, a base level shifts every level alike, a Div that starts with a
-- header is its section (and gives it its attributes).
function Pandoc(d)
  local out = pandoc.List()
  for _, args in ipairs{{false, 2}, {true, 2}, {true, nil}, {true, 1}, {false, 3}} do
    out:insert(pandoc.Para(tostring(args[1]) .. ' ' .. tostring(args[2])))
    out:extend(pandoc.utils.make_sections(args[1], args[2], d.blocks))
  end
  return pandoc.Pandoc(out, d.meta)
end
