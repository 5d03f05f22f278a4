-- input: rich
function Math(el) return pandoc.Str("[" .. el.text .. "]") end
function Quoted(el) return pandoc.Span(el.content, {class = el.quotetype}) end
