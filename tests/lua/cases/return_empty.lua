-- input: small
function Str(el) return pandoc.Str("never") end
return {}
