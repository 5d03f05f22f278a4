-- input: small
function Str(el) local x = nil; return x.field end
