-- input: rich
function Note(el)
  return pandoc.Span(pandoc.utils.blocks_to_inlines(el.content, {pandoc.Str("|")}), {class = "note"})
end
