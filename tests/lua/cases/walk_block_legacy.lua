-- input: rich
function Pandoc(doc)
  doc.blocks = pandoc.walk_block(pandoc.Div(doc.blocks), {Str = function(s) return pandoc.Str(s.text:lower()) end}).content
  return doc
end
