-- A classic (global-function) custom writer exercising every callback.
local function attrs(a)
  local keys = {}
  for k in pairs(a) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do
    if a[k] ~= '' then out[#out + 1] = k .. '="' .. a[k] .. '"' end
  end
  return #out > 0 and ' ' .. table.concat(out, ' ') or ''
end
local notes = {}
function Blocksep() return '\n\n' end
function Doc(body, meta, vars)
  local t = {}
  t[#t + 1] = '<title>' .. (meta.title or '') .. '</title>'
  t[#t + 1] = 'authors: ' .. table.concat(meta.author or {}, '; ')
  t[#t + 1] = 'flag: ' .. tostring(meta.flag)
  t[#t + 1] = body
  if #notes > 0 then t[#t + 1] = '<notes>' .. table.concat(notes, '|') .. '</notes>' end
  return table.concat(t, '\n')
end
function Str(s) return s end
function Space() return ' ' end
function SoftBreak() return '~' end
function LineBreak() return '<br>' end
function Emph(s) return '<em>' .. s .. '</em>' end
function Strong(s) return '<strong>' .. s .. '</strong>' end
function Underline(s) return '<u>' .. s .. '</u>' end
function Strikeout(s) return '<del>' .. s .. '</del>' end
function Superscript(s) return '<sup>' .. s .. '</sup>' end
function Subscript(s) return '<sub>' .. s .. '</sub>' end
function SmallCaps(s) return '<sc>' .. s .. '</sc>' end
function SingleQuoted(s) return "'" .. s .. "'" end
function DoubleQuoted(s) return '"' .. s .. '"' end
function Link(s, tgt, tit, attr) return '<a href="' .. tgt .. '" title="' .. tit .. '"' .. attrs(attr) .. '>' .. s .. '</a>' end
function Image(s, src, tit, attr) return '<img src="' .. src .. '" alt="' .. s .. '" title="' .. tit .. '"' .. attrs(attr) .. '>' end
function Code(s, attr) return '<code' .. attrs(attr) .. '>' .. s .. '</code>' end
function InlineMath(s) return '\\(' .. s .. '\\)' end
function DisplayMath(s) return '\\[' .. s .. '\\]' end
function Note(s) notes[#notes + 1] = s; return '[' .. #notes .. ']' end
function Span(s, attr) return '<span' .. attrs(attr) .. '>' .. s .. '</span>' end
function RawInline(f, s) return '{' .. f .. ':' .. s .. '}' end
function Cite(s, cs)
  local ids = {}
  for _, c in ipairs(cs) do ids[#ids + 1] = c.citationId .. '/' .. c.citationMode end
  return '<cite ' .. table.concat(ids, ',') .. '>' .. s .. '</cite>'
end
function Plain(s) return s end
function Para(s) return '<p>' .. s .. '</p>' end
function Header(lev, s, attr) return '<h' .. lev .. attrs(attr) .. '>' .. s .. '</h' .. lev .. '>' end
function BlockQuote(s) return '<blockquote>' .. s .. '</blockquote>' end
function HorizontalRule() return '<hr>' end
function LineBlock(ls) return '<lines>' .. table.concat(ls, '|') .. '</lines>' end
function CodeBlock(s, attr) return '<pre' .. attrs(attr) .. '>' .. s .. '</pre>' end
function BulletList(items) return '<ul><li>' .. table.concat(items, '</li><li>') .. '</li></ul>' end
function OrderedList(items, num, sty, delim) return '<ol start="' .. tostring(num) .. '" ' .. tostring(sty) .. ' ' .. tostring(delim) .. '><li>' .. table.concat(items, '</li><li>') .. '</li></ol>' end
function DefinitionList(items)
  local out = {}
  for _, it in ipairs(items) do
    for k, v in pairs(it) do out[#out + 1] = '<dt>' .. k .. '</dt><dd>' .. table.concat(v, '/') .. '</dd>' end
  end
  return '<dl>' .. table.concat(out) .. '</dl>'
end
function CaptionedImage(src, tit, caption, attr) return '<figure src="' .. src .. '">' .. caption .. '</figure>' end
function Table(caption, aligns, widths, headers, rows)
  local out = {'<table caption="' .. caption .. '" aligns="' .. table.concat(aligns, ',') .. '">'}
  out[#out + 1] = '<th>' .. table.concat(headers, '|') .. '</th>'
  for _, r in ipairs(rows) do out[#out + 1] = '<tr>' .. table.concat(r, '|') .. '</tr>' end
  return table.concat(out) .. '</table>'
end
function RawBlock(f, s) return '{' .. f .. ':' .. s .. '}' end
function Div(s, attr) return '<div' .. attrs(attr) .. '>' .. s .. '</div>' end
