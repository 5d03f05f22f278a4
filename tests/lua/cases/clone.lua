-- input: small
function Para(p)
  local c = p:clone()
  c.content:insert(pandoc.Str("(copy)"))
  return {p, c}
end
