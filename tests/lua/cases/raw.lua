-- input: rich
function RawInline(el) if el.format == "html" then return {} end end
function HorizontalRule() return pandoc.RawBlock("html", "<hr class=\"x\">") end
