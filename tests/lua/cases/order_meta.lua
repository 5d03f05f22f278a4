-- input: rich
-- metadata lists come first in every pass, keys in sorted order
local trace = {}
function Str(el) if #trace < 12 then trace[#trace+1] = el.text end end
function Blocks(bs) trace[#trace+1] = "B" .. #bs end
function Inlines(xs) if #trace < 30 then trace[#trace+1] = "I" .. #xs end end
function Pandoc(doc) doc.meta.trace = table.concat(trace, " "); return doc end
