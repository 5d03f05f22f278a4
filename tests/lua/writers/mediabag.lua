-- Puts an image into the media bag and refers to it: the EPUB writer must
-- package it although no such file exists on disk.
local f = io.open(PANDOC_SCRIPT_FILE:gsub('writers/mediabag.lua$', 'inputs/dot.png'), 'rb')
local png = f:read('a')
f:close()
function Pandoc(doc)
  pandoc.mediabag.insert('generated/dot.png', 'image/png', png)
  local mime, contents = pandoc.mediabag.lookup('generated/dot.png')
  assert(mime == 'image/png' and contents == png)
  assert(#pandoc.mediabag.list() == 1)
  doc.blocks:insert(pandoc.Para{pandoc.Image('a dot', 'generated/dot.png')})
  return doc
end
