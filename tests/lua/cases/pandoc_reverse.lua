-- input: rich
function Pandoc(doc)
  local r = pandoc.List()
  for i = #doc.blocks, 1, -1 do r:insert(doc.blocks[i]) end
  return pandoc.Pandoc(r, doc.meta)
end
