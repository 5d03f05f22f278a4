-- input: small3
return {Str = function(el) return pandoc.Str(el.text:upper()) end}
