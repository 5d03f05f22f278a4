-- input: small
function Meta(m)
  local a = pandoc.List:new{1, 2}
  local b = pandoc.List({3})
  local c = a .. b
  m.r = table.concat(c, ",") .. " " .. pandoc.utils.type(c) .. " " .. tostring(#pandoc.List())
  m.inl = pandoc.Inlines("a b"):map(function(x) return x.t end)
  m.blk = tostring(#pandoc.Blocks{pandoc.Para("x"), pandoc.Para("y")})
  return m
end
