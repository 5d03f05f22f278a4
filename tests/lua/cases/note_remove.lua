-- input: rich
function Note(el) return {} end
