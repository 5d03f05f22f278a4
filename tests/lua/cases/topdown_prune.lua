-- input: rich
return {{
  traverse = "topdown",
  Emph = function(el) return pandoc.Span(el.content), false end,
  Str = function(el) return pandoc.Str(el.text:upper()) end,
  Note = function(el) return el, false end,
}}
