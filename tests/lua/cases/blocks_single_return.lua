-- input: rich
function Blocks(bs) if #bs > 3 then return pandoc.Para("collapsed") end end
