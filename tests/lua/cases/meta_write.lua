-- input: small
function Meta(m)
  m.str = "a string"
  m.num = 5
  m.bool = false
  m.inl = pandoc.Inlines{pandoc.Emph("hi")}
  m.blk = pandoc.Blocks{pandoc.Para("para")}
  m.list = {"a", "b"}
  m.map = {k = "v", t = true}
  m.empty = {}
  m.el = pandoc.Str("single")
  m.plainlist = {pandoc.Str("x"), pandoc.Space(), pandoc.Str("y")}
  return m
end
