-- input: rich
function Para(el) return pandoc.Plain(el.content) end
