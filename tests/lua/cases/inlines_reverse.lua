-- input: rich
function Inlines(xs)
  local r = pandoc.List()
  for i = #xs, 1, -1 do r:insert(xs[i]) end
  return r
end
