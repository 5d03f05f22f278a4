-- input: rich
function Block(el) if el.t == "Para" then return pandoc.Div({el}, {class = "p"}) end end
