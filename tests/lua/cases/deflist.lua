-- input: rich
function DefinitionList(el)
  local out = {}
  for _, item in ipairs(el.content) do
    out[#out+1] = pandoc.Header(3, item[1])
    for _, def in ipairs(item[2]) do for _, b in ipairs(def) do out[#out+1] = b end end
  end
  return out
end
