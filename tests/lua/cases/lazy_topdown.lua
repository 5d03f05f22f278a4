-- input: rich
traverse = "topdown"
local seen = {}
function Para(el) seen[#seen+1] = el; return nil end
function Str(el) return pandoc.Str(el.text:upper()) end
function Pandoc(doc) return nil end
function Meta(m) return nil end
return {{traverse = "topdown", Para = Para, Str = Str}, {Pandoc = function(doc) for _, p in ipairs(seen) do doc.blocks:insert(p) end; return doc end}}
