-- input: rich
local word = lpeg.C(lpeg.R("az")^1)
local pat = re.compile("{[A-Z][a-z]+}")
function Str(el)
  local w = word:match(el.text)
  local c = pat:match(el.text)
  if c then return pandoc.Str("<" .. c .. ">") end
  if w and #w > 6 then return pandoc.Emph(el.text) end
end
