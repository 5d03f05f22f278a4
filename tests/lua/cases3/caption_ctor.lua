-- input: fig3
function Figure(f)
  f.caption = pandoc.Caption({pandoc.Plain("long")}, {pandoc.Str("short")})
  return f
end
