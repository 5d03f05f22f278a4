-- input: rich
local n = 0
return {{
  traverse = 'topdown',
  Inline = function(el) n = n + 1; if el.t == 'Emph' then return pandoc.Strong(el.content) end end,
  Block = function(el) if el.t == 'BlockQuote' then return el.content end end,
  Pandoc = function(doc) end,
}, {
  Pandoc = function(doc) doc.meta.n = tostring(n); return doc end,
}}
