-- lua/samizdat/structure.lua
-- pandoc.structure (pandoc 3): make_sections, table_of_contents, slide_level.
-- See LICENSE.
local types = require 'samizdat.types'
local utils = require 'samizdat.utils'
local List = require 'samizdat.list'
local ipairs, type = ipairs, type
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
function M.table_of_contents(x, opts)
  opts = opts or {}
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
