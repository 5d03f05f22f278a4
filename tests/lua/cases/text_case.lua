-- input: small
-- pandoc.text maps case as pandoc does (full mappings: ß → SS, ﬁ → FI,
-- İ → i̇), and counts characters, not bytes.
local text = require 'text'
function Pandoc(d)
  local out = pandoc.List()
  for _, s in ipairs{'straße', 'ﬁne ﬀ', 'İstanbul', 'ǅemal', 'ὒ ᾈ ᾳ', 'ŉ ǰ', 'ΣΑΣ σας', 'Ärger Øl'} do
    out:insert(pandoc.Para{pandoc.Str(text.upper(s)), pandoc.Space(), pandoc.Str(text.lower(s)),
                           pandoc.Space(), pandoc.Str(tostring(text.len(s)))})
  end
  d.blocks = out
  return d
end
