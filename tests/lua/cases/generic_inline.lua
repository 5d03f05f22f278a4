-- input: rich
-- a specific function wins over the generic one
function Inline(el) if el.t == "Space" then return pandoc.Str("_") end end
function Str(el) return pandoc.Str(el.text .. "!") end
