-- input: rich
function Pandoc(doc)
  local s = pandoc.utils.stringify
  doc.meta.s_title = s(doc.meta.title)
  doc.meta.s_author = s(doc.meta.author)
  doc.meta.s_first = s(doc.blocks[1])
  doc.meta.s_second = s(doc.blocks[2])
  doc.meta.s_para = s(doc.blocks[2].content)
  doc.meta.s_flag = s(doc.meta.flag)
  return doc
end
