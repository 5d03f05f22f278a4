-- input: fig3
function Figure(f)
  f.caption.long = {pandoc.Plain("Fig: " .. pandoc.utils.stringify(f.caption.long))}
  f.classes:insert("wide")
  return f
end
