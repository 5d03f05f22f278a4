-- input: rich
traverse = "topdown"
local trace = {}
local function log(name) return function(el) trace[#trace+1] = name .. (el.text and ("(" .. el.text .. ")") or "") end end
Str = log("Str"); Emph = log("Emph"); Note = log("Note"); Div = log("Div"); BulletList = log("BulletList")
Inlines = function(xs) trace[#trace+1] = "Inlines" end
Para = log("Para"); Plain = log("Plain")
Blocks = function(bs) trace[#trace+1] = "Blocks" end
Meta = function(m) trace[#trace+1] = "Meta" end
function Pandoc(doc) trace[#trace+1] = "Pandoc" end
return {
  {traverse = "topdown", Str = Str, Emph = Emph, Note = Note, Div = Div, BulletList = BulletList,
   Inlines = Inlines, Para = Para, Plain = Plain, Blocks = Blocks, Meta = Meta, Pandoc = Pandoc},
  {Pandoc = function(doc) doc.meta.trace = table.concat(trace, " "); return doc end},
}
