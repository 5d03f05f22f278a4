-- input: rich
-- metadata inlines are filtered too (meta first)
local first
function Str(el) if not first then first = el.text end end
function Pandoc(doc) doc.meta.first = first; return doc end
