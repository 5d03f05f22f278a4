-- input: fig3
function Pandoc(doc)
  return pandoc.Pandoc({pandoc.Para(pandoc.utils.blocks_to_inlines({doc.blocks[1], doc.blocks[3]}))})
end
