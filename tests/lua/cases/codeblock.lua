-- input: rich
function CodeBlock(el)
  el.text = el.text .. "\n# added"
  el.classes[1] = "lua"
  return el
end
function Code(el) return pandoc.Code(el.text:upper(), {id = "c1", class = "a b"}) end
