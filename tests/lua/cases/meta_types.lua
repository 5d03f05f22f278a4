-- input: rich
function Meta(m)
  local out = {}
  for _, k in ipairs{"title", "author", "date", "flag", "abstract", "custom"} do
    out[#out+1] = k .. "=" .. pandoc.utils.type(m[k])
  end
  m.types = table.concat(out, ",")
  m.tag = tostring(m.title.t)
  m.n = pandoc.utils.stringify(m.custom.n)
  return m
end
