-- input: small
function Meta(m)
  local u = pandoc.utils
  m.sha = u.sha1("hello world")
  m.roman = u.to_roman_numeral(1994) .. " " .. u.to_roman_numeral(4)
  m.d1 = u.normalize_date("2024-03-05") or "nil"
  m.d2 = u.normalize_date("03/05/2024") or "nil"
  m.d3 = u.normalize_date("5 March 2024") or "nil"
  m.d4 = u.normalize_date("nonsense") or "nil"
  m.ty = u.type(pandoc.Str("x")) .. u.type(pandoc.Para{}) .. u.type(pandoc.List{}) .. u.type("s") .. u.type(pandoc.Attr())
  return m
end
