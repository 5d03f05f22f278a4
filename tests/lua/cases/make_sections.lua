-- input: rich
function Pandoc(doc)
  doc.blocks = pandoc.utils.make_sections(true, nil, doc.blocks)
  return doc
end
