-- examples/scaffold-writer.lua
-- A custom writer on pandoc.scaffolding.Writer: render functions per
-- element, here for a small subset of AsciiDoc (headings, paragraphs,
-- emphasis, links, lists, quotes, code).  The scaffold walks the document,
-- joins blocks with blank lines and reflows text to --columns.
--     samizdat examples/essay.txt -t examples/scaffold-writer.lua
-- See LICENSE.

local layout = pandoc.layout
local cr, blankline, space, literal = layout.cr, layout.blankline, layout.space, layout.literal

Writer = pandoc.scaffolding.Writer
local Inlines, Blocks = Writer.Inlines, Writer.Blocks

Writer.Inline.Str = function(s) return s.text end
Writer.Inline.Space = space
Writer.Inline.SoftBreak = function(_, opts)
  return opts.wrap_text == 'wrap-preserve' and cr or space
end
Writer.Inline.LineBreak = {' +', cr}
Writer.Inline.Emph = function(e) return {'_', Inlines(e.content), '_'} end
Writer.Inline.Strong = function(e) return {'*', Inlines(e.content), '*'} end
Writer.Inline.Code = function(c) return {'`', c.text, '`'} end
Writer.Inline.Math = function(m) return m.text end
Writer.Inline.Quoted = function(q)
  if q.quotetype == 'DoubleQuote' then return {'"`', Inlines(q.content), '`"'} end
  return {"'`", Inlines(q.content), "`'"}
end
Writer.Inline.Link = function(l) return {l.target, '[', Inlines(l.content), ']'} end
Writer.Inline.Image = function(i) return {'image:', i.src, '[', Inlines(i.caption), ']'} end
Writer.Inline.Note = function(n)
  return {'footnote:[', pandoc.utils.stringify(n.content), ']'}
end
Writer.Inline.Span = function(s) return Inlines(s.content) end
for _, tag in ipairs{'Underline', 'Strikeout', 'Superscript', 'Subscript', 'SmallCaps', 'Cite'} do
  Writer.Inline[tag] = function(e) return Inlines(e.content) end
end
Writer.Inline.RawInline = ''

Writer.Block.Para = function(p) return Inlines(p.content) end
Writer.Block.Plain = function(p) return Inlines(p.content) end
Writer.Block.Header = function(h)
  return {string.rep('=', h.level + 1), ' ', layout.nowrap(Inlines(h.content))}
end
Writer.Block.BlockQuote = function(q) return {'____', cr, Blocks(q.content), cr, '____'} end
Writer.Block.CodeBlock = function(c) return {'----', cr, c.text, cr, '----'} end
local function items(list, mark)
  local out = {}
  for i, item in ipairs(list) do
    out[i] = layout.hang(Blocks(item, cr), #mark + 1, literal(mark .. ' '))
  end
  return layout.concat(out, cr)
end
Writer.Block.BulletList = function(l) return items(l.content, '*') end
Writer.Block.OrderedList = function(l) return items(l.content, '.') end
Writer.Block.DefinitionList = function(dl)
  local out = {}
  for i, item in ipairs(dl.content) do
    local defs = {}
    for j, d in ipairs(item[2]) do defs[j] = Blocks(d, cr) end
    out[i] = layout.concat{layout.nowrap(Inlines(item[1])), '::', cr, layout.nest(layout.concat(defs, cr), 2)}
  end
  return layout.concat(out, cr)
end
Writer.Block.HorizontalRule = "'''"
Writer.Block.Div = function(d) return Blocks(d.content) end
Writer.Block.Figure = function(f) return Blocks(f.content) end
Writer.Block.LineBlock = function(lb)
  local lines = {}
  for i, l in ipairs(lb.content) do lines[i] = Inlines(l) end
  return {'[verse]', cr, '____', cr, layout.concat(lines, cr), cr, '____'}
end
Writer.Block.RawBlock = ''
Writer.Block.Table = function(t) return {'// table: ', pandoc.utils.stringify(t.caption.long)} end

-- The document's title as the AsciiDoc document title.
Writer.Pandoc = function(doc)
  local title = doc.meta.title
  local body = Blocks(doc.blocks)
  if title then return {'= ', pandoc.utils.stringify(title), blankline, body} end
  return body
end
