-- input: rich
function Cite(el)
  for _, c in ipairs(el.citations) do c.id = c.id .. "-x"; c.mode = "NormalCitation" end
  return el
end
