-- input: rich
function Header(el)
  el.level = el.level + 1
  el.identifier = "h-" .. el.identifier
  el.classes:insert("shifted")
  el.attributes["data-x"] = "1"
  return el
end
