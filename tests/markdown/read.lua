-- read.lua: pandoc.read of each Markdown flavour, as filters call it
-- (include-files, include-meta, shortcodes).  Its output is compared with
-- pandoc's own run of this filter (lua-read.json, made by oracle.sh).
local text = '# Title *x*\n\n"Hi" -- it\'s [a](b "t")\n\n- [ ] task\n- [x] done\n\n' ..
    '| a | b |\n|--:|---|\n| 1 | 2 |\n\n```lua\nprint(1)\n```\n'
function Pandoc(doc)
  local blocks = pandoc.List()
  for _, fmt in ipairs { 'commonmark', 'gfm', 'markdown', 'markdown+smart' } do
    blocks:insert(pandoc.Header(2, fmt))
    blocks:extend(pandoc.read(text, fmt).blocks)
  end
  -- The shortcodes filter reads one inline string and takes its inlines.
  blocks:insert(pandoc.Plain(pandoc.read('*arg* value', 'markdown').blocks[1].content))
  local meta = pandoc.read('---\ntitle: A title\n---\n\nbody', 'markdown').meta
  blocks:insert(pandoc.Para(pandoc.utils.stringify(meta.title)))
  return pandoc.Pandoc(blocks, doc.meta)
end
