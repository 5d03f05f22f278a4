-- input: toc3
-- pandoc.structure on built blocks: a heading without id is not linked,
-- a link in a heading leaves its text; slide levels.
local structure = require 'pandoc.structure'
function Pandoc(d)
  local out = pandoc.List()
  local bs = {pandoc.Header(1, 'No id'), pandoc.Para('x'), pandoc.Header(2, {pandoc.Emph{pandoc.Link('in', '#y')}}, {id = 'z'}),
              pandoc.HorizontalRule(), pandoc.Header(1, 'Last', {'last', {'unlisted'}})}
  out:insert(structure.table_of_contents(bs, {number_sections = true}))
  out:insert(pandoc.Para(tostring(structure.slide_level(bs))))
  out:insert(pandoc.Para(tostring(structure.slide_level({pandoc.Header(2, 'a'), pandoc.Header(3, 'b'), pandoc.Para('c')}))))
  out:insert(pandoc.Para(tostring(structure.slide_level({pandoc.Para('c')}))))
  out:extend(structure.make_sections(bs))
  return pandoc.Pandoc(out, d.meta)
end
