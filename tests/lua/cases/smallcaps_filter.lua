-- input: rich
function SmallCaps(el) return pandoc.Str(pandoc.utils.stringify(el):upper()) end
function Span(el) if el.classes:includes("smallcaps") then return pandoc.SmallCaps(el.content) end end
