-- input: small3
-- What a walk returns stays readable after the collector runs, however
-- little of it the filter keeps (a lazy element keeps its copy alive).
local kept = {}
function Para(p)
  local q = p:walk{Str = function(s) return pandoc.Str(s.text .. '!') end}
  local first = q.content[1]          -- read from the walk's box
  local emph = pandoc.Para{pandoc.Emph{pandoc.Strong{'x y'}}}:walk{Space = function() return pandoc.Str'_' end}
  kept[#kept + 1] = {first, emph.content[1]}   -- an Emph whose content is still lazy
  q = nil; emph = nil
  collectgarbage(); collectgarbage()
  return nil
end
function Pandoc(d)
  collectgarbage(); collectgarbage()
  local out = pandoc.List()
  for _, k in ipairs(kept) do
    out:insert(pandoc.Para{k[1], pandoc.Space(), k[2]})
    out:insert(pandoc.Para(pandoc.utils.stringify(k[2].content)))
  end
  local d2 = d:walk{}
  local b1 = d2.blocks[1]
  d2 = nil
  collectgarbage(); collectgarbage()
  out:insert(b1)
  return pandoc.Pandoc(out, d.meta)
end
