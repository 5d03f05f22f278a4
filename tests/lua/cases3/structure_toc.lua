-- input: toc3
-- pandoc.structure: contents lists with and without numbers and depths, slide
-- level, sections with a base level.
function Pandoc(d)
  local out = pandoc.List()
  out:insert(pandoc.structure.table_of_contents(d.blocks))
  out:insert(pandoc.structure.table_of_contents(d, {number_sections = true, toc_depth = 2}))
  out:insert(pandoc.structure.table_of_contents(pandoc.structure.make_sections(d.blocks, {number_sections = true})))
  out:insert(pandoc.structure.table_of_contents(pandoc.structure.make_sections(d.blocks), {toc_depth = 1, number_sections = true}))
  out:insert(pandoc.Para(tostring(pandoc.structure.slide_level(d.blocks))))
  out:insert(pandoc.Para(tostring(pandoc.structure.slide_level(d))))
  out:extend(pandoc.structure.make_sections(d, {number_sections = true, base_level = 2}))
  return pandoc.Pandoc(out, d.meta)
end
