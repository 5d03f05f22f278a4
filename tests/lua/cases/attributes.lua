-- input: rich
function Span(el)
  local out = {}
  for k, v in pairs(el.attributes) do out[#out+1] = k .. "=" .. v end
  el.attributes.key = nil
  el.attributes.new = "n"
  el.identifier = ""
  el.classes = {"x", "y"}
  return {el, pandoc.Str(table.concat(out, ";") .. "#" .. #el.attributes)}
end
function Header(el)
  return pandoc.Header(el.level, el.content, pandoc.Attr(el.identifier, el.classes, {{"lang", el.attributes.lang or "none"}, {"extra", "1"}}))
end
