-- input: rich
function Div(el)
  -- the Div itself is not passed to the walk filter, its content is
  return el:walk{Div = function() return {} end, Str = function(s) return pandoc.Str("<" .. s.text .. ">") end}
end
