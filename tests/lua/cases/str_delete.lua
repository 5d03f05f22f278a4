-- input: rich
function Str(el) if el.text == "and" then return {} end end
