-- input: rich
function OrderedList(el)
  el.start = 10
  el.style = "UpperRoman"
  el.delimiter = "OneParen"
  return el
end
function BulletList(el)
  return pandoc.OrderedList(el.content, pandoc.ListAttributes(5, "LowerAlpha", "TwoParens"))
end
