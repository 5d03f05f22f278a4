-- lua/samizdat/structure.lua
-- pandoc.structure (pandoc 3): make_sections, table_of_contents, slide_level.
-- See LICENSE.
local types = require 'samizdat.types'
local utils = require 'samizdat.utils'
local List = require 'samizdat.list'
local ipairs, type, pairs, setmetatable, string, utf8, tostring, table = ipairs, type, pairs, setmetatable, string, utf8, tostring, table
local core = require 'samizdat.core'
local table_concat = table.concat
local _ENV = nil

local M = {}

-- The blocks of a Pandoc, or blocks as pandoc reads them.
local function blocks_of(x)
  if utils.type(x) == 'Pandoc' then return x.blocks end
  return types.to_blocks(x)
end

function M.make_sections(x, opts)
  opts = opts or {}
  return utils.make_sections(opts.number_sections or false, opts.base_level, blocks_of(x))
end

-- A heading's text as a contents entry shows it: without notes, links
-- reduced to their text.
local function entry_text(inlines)
  local out = List{}
  for _, x in ipairs(inlines) do
    if x.t == 'Link' then
      out:extend(entry_text(x.content))
    elseif x.t ~= 'Note' then
      out:insert(x:walk{Note = function() return {} end,
                        Link = function(l) return l.content end})
    end
  end
  return out
end

-- pandoc's toTableOfContents: a BulletList of links to the sections, to
-- toc_depth (3) levels; an unnumbered section of class "unlisted" is left
-- out with what it holds.
local ChunkedDoc = { __name = 'ChunkedDoc' }
ChunkedDoc.__index = ChunkedDoc

function M.table_of_contents(x, opts)
  opts = opts or {}
  if utils.type(x) == 'ChunkedDoc' then
    -- the toc of the whole document, each link to the chunk holding it
    local toc = M.table_of_contents(x._blocks, {toc_depth = opts.toc_depth,
      number_sections = opts.number_sections})
    local paths = x._paths
    return toc:walk{Link = function(l)
      local id = l.target:match('^#(.*)$')
      if id and paths[id] then
        l.target = paths[id] .. '#' .. id
        return l
      end
    end}
  end
  local numbered = opts.number_sections or false
  local depth = opts.toc_depth or 3
  local items
  local function entries(bs)
    local out = List{}
    for _, b in ipairs(bs) do
      local h = b.t == 'Div' and b.content[1]
      if h and h.t == 'Header' then
        local number = h.attributes.number
        if h.level <= depth and not (number == nil and h.classes:includes('unlisted')) then
          local text = entry_text(h.content)
          if number and numbered then
            text = List{types.Span({types.Str(number)}, types.Attr('', {'toc-section-number'})),
                        types.Space()}:extend(text)
          end
          local rest = List{}
          for k = 2, #b.content do rest:insert(b.content[k]) end
          if b.identifier ~= '' then     -- no id, nothing to link to
            text = {types.Link(text, '#' .. b.identifier, '', types.Attr('toc-' .. b.identifier))}
          end
          local item = List{types.Plain(text)}
          local sub = items(rest)
          if #sub > 0 then item:insert(types.BulletList(sub)) end
          out:insert(item)
        end
      elseif b.t == 'Div' and #b.content == 1 and b.content[1].t == 'Div' then
        out:extend(entries(b.content))
      end
    end
    return out
  end
  items = entries
  return types.BulletList(entries(utils.make_sections(numbered, nil, blocks_of(x))))
end

-- {=== identifiers ===

-- pandoc's identifier for a heading's text: its words lower-cased, joined
-- by hyphens, keeping letters, digits and _-. (gfm: _- and no dots), up
-- to the first letter; "section" when nothing is left.
local function make_id(text, gfm, ascii)
  local out = {}
  for _, c in utf8.codes(text) do
    local ch = utf8.char(c)
    local cat = core.category(c) or ''
    local letter = cat:sub(1, 1) == 'L' or cat:sub(1, 1) == 'N'
    if ascii and c > 127 then
      -- drop what does not decompose to ASCII
      ch = ''
      letter = false
    end
    if letter then out[#out + 1] = core.lower(ch)
    elseif ch == ' ' or ch == '\t' or ch == '\n' then out[#out + 1] = '-'
    elseif ch == '_' or ch == '-' or (ch == '.' and not gfm) then out[#out + 1] = ch
    elseif gfm and cat:sub(1, 1) == 'M' then out[#out + 1] = ch
    end
  end
  local id = table_concat(out)
  if not gfm then
    id = id:gsub('^[^%a\128-\255]+', '')
    if id == '' then id = 'section' end
  end
  return id
end

function M.unique_identifier(inlines, used, exts)
  used = used or {}
  local gfm, ascii = false, false
  for _, e in ipairs(exts or {}) do
    if e == 'gfm_auto_identifiers' then gfm = true end
    if e == 'ascii_identifiers' then ascii = true end
  end
  local base = make_id(utils.stringify(types.Inlines(inlines)), gfm, ascii)
  local id, n = base, 0
  while used[id] do
    n = n + 1
    id = base .. '-' .. n
  end
  return id
end

-- }===

-- split_into_chunks(doc, opts): the document cut at the headings of
-- chunk_level (1) and above, as pandoc's ChunkedDoc: chunks with their path
-- (path_template, "chunk-%n" by default; %n the number as three digits,
-- %i the heading's id, %s the section number), the toc, the meta.
function M.split_into_chunks(doc, opts)
  opts = opts or {}
  local level = opts.chunk_level or 1
  local templ = opts.path_template or 'chunk-%n'
  local blocks = doc.blocks
  local chunks, paths = List{}, {}
  local cur
  local n = 0
  local function path_of(num, id)
    return (templ:gsub('%%([nis%%])', function(c)
      if c == 'n' then return string.format('%03d', num)
      elseif c == 'i' then return id or ''
      elseif c == 's' then return tostring(num)
      else return '%' end
    end))
  end
  for _, b in ipairs(blocks) do
    if b.t == 'Header' and b.level <= level or not cur then
      n = n + 1
      local h = b.t == 'Header' and b or nil
      cur = {heading = h and h.content or types.Inlines{}, id = h and h.identifier or '',
        level = h and h.level or 0, number = n, path = path_of(n, h and h.identifier),
        unlisted = h and h.classes:includes('unlisted') or false, contents = types.Blocks{}}
      chunks:insert(cur)
    end
    if b.t == 'Header' and b.identifier ~= '' then paths[b.identifier] = cur.path end
    cur.contents:insert(b)
  end
  for i, c in ipairs(chunks) do
    c.prev = chunks[i - 1] and chunks[i - 1].path or nil
    c.next = chunks[i + 1] and chunks[i + 1].path or nil
  end
  local r = setmetatable({chunks = chunks, meta = doc.meta, _blocks = blocks, _paths = paths},
    ChunkedDoc)
  r.toc = M.table_of_contents(r)
  return r
end

-- The level of the highest heading followed by something other than a
-- heading or a rule (6 when there is none), as pandoc's getSlideLevel.
function M.slide_level(x)
  local bs = blocks_of(x)
  local least = 6
  local i = 1
  while i <= #bs do
    local b, nx = bs[i], bs[i + 1]
    if b.t == 'Header' and nx and b.level < least and nx.t ~= 'Header'
        and nx.t ~= 'HorizontalRule' then
      least = b.level
      i = i + 2
    else
      i = i + 1
    end
  end
  return least
end

return M
