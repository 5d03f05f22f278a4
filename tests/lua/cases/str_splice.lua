-- input: rich
function Str(el) if el.text == "Hello" then return {pandoc.Str("Hi"), pandoc.Space(), pandoc.Str("there")} end end
