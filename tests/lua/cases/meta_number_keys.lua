-- input: rich
-- A Meta function returning a list: pandoc reads its number keys as strings
-- (the map {"1": ..., "2": ...}); the document's old fields are dropped
-- (pandoc/lua-filters' pandocVlna.lua does this).
function Meta(meta)
  return {'a', 'b', pandoc.Emph{pandoc.Str 'c'}, named = true}
end
