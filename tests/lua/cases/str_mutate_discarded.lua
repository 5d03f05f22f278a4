-- input: rich
function Str(el) el.text = "CHANGED" end
function Header(el) el.level = 6 end
