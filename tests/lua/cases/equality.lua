-- input: small
function Meta(m)
  local r = {}
  r[#r+1] = tostring(pandoc.Str("x") == pandoc.Str("x"))
  r[#r+1] = tostring(pandoc.Str("x") == pandoc.Str("y"))
  r[#r+1] = tostring(pandoc.Para{pandoc.Str("a")} == pandoc.Para("a"))
  r[#r+1] = tostring(pandoc.Attr("i", {"c"}) == pandoc.Attr("i", {"c"}))
  r[#r+1] = tostring(pandoc.utils.equals(pandoc.Emph("a"), pandoc.Emph("a")))
  m.eq = table.concat(r, " ")
  return m
end
