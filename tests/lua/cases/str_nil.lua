-- input: rich
function Str(el) return nil end
