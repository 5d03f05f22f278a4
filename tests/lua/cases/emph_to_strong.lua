-- input: rich
function Emph(el) return pandoc.Strong(el.content) end
