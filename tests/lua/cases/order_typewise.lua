-- input: small
local trace = {}
local function log(name) return function(el) trace[#trace+1] = name .. (el.text and ("(" .. el.text .. ")") or "") end end
Str = log("Str"); Emph = log("Emph"); Link = log("Link")
Inlines = function(xs) trace[#trace+1] = "Inlines" .. #xs end
Para = log("Para"); Header = log("Header")
Blocks = function(bs) trace[#trace+1] = "Blocks" .. #bs end
Meta = function(m) trace[#trace+1] = "Meta" end
function Pandoc(doc)
  doc.meta.trace = table.concat(trace, " ")
  return doc
end
