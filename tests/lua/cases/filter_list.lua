-- input: small
return {
  {Str = function(el) return pandoc.Str(el.text .. "1") end},
  {Str = function(el) return pandoc.Str(el.text .. "2") end, Para = function(p) return pandoc.Div(p) end},
}
