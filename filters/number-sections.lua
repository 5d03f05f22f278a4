-- filters/number-sections.lua
-- Numbers the headings (1, 1.1, 1.2, 2, ...) the way pandoc's
-- --number-sections shows them: a Span of class header-section-number
-- before the heading text, and a `number` attribute.  Headings of class
-- `unnumbered` (or `-`) are skipped.  Metadata:
--   number-sections-depth: 3    deepest level numbered (default 6)
--   number-sections-start: 1    level counted as the top (default: the
--                               shallowest heading level in the document)
-- See LICENSE.

local depth, top = 6, nil

local function first_pass(doc)
  local m = doc.meta
  if m['number-sections-depth'] then
    depth = tonumber(pandoc.utils.stringify(m['number-sections-depth'])) or depth
  end
  if m['number-sections-start'] then
    top = tonumber(pandoc.utils.stringify(m['number-sections-start']))
  end
  if not top then
    for _, b in ipairs(doc.blocks) do
      if b.t == 'Header' and (not top or b.level < top) then top = b.level end
    end
  end
  return nil
end

local counts = {}

local function header(h)
  if h.classes:includes('unnumbered') or h.classes:includes('-') then return nil end
  local rel = h.level - (top or 1) + 1
  if rel < 1 or rel > depth then return nil end
  for i = 1, rel - 1 do counts[i] = counts[i] or 0 end
  counts[rel] = (counts[rel] or 0) + 1
  for i = rel + 1, #counts do counts[i] = nil end
  local parts = {}
  for i = 1, rel do parts[i] = tostring(counts[i]) end
  local number = table.concat(parts, '.')
  h.attributes.number = number
  local span = pandoc.Span({pandoc.Str(number)}, pandoc.Attr('', {'header-section-number'}))
  h.content = pandoc.List{span, pandoc.Space()} .. h.content
  return h
end

return {
  {Pandoc = first_pass},
  {traverse = 'topdown', Header = header},
}
