-- input: small3
function Meta(m)
  local l = pandoc.List{"a", "b", "c"}
  local out = {l:at(1), l:at(-1), l:at(5, "d")}
  for x in l:iter() do out[#out+1] = x end
  m.r = table.concat(out, ",")
  return m
end
