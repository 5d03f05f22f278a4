-- input: rich
local text = require "text"
function Str(el)
  if text.len(el.text) ~= #el.text then
    return pandoc.Str(text.upper(el.text) .. "|" .. text.lower(el.text) .. "|" .. text.len(el.text) .. "|" .. text.sub(el.text, 2, 3) .. "|" .. text.reverse(el.text))
  end
end
