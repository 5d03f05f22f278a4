-- input: rich
function Str(el) return pandoc.Str(pandoc.text.upper(el.text)) end
