-- input: rich
function Para(el)
  local n = #el.c
  return pandoc.Para(pandoc.List{pandoc.Str(tostring(n))} .. el.c)
end
function Str(el) if el.c ~= nil then return pandoc.Str("HASC") end end
