-- lua/samizdat/scaffolding.lua
-- pandoc.scaffolding.Writer: a custom writer from render functions per
-- element (Writer.Block.Para, Writer.Inline.Str, ...), each returning a
-- string, a pandoc.layout Doc or a list of them (or a constant).  The
-- Writer itself is the writer function: it renders the blocks, reflowed to
-- the columns unless --wrap=none/preserve.  See LICENSE.
local type, error, setmetatable, getmetatable, ipairs, tostring, rawset = type, error, setmetatable, getmetatable, ipairs, tostring, rawset
local layout = require 'samizdat.layout'
local _ENV = nil

local M = {}

local function to_doc(x)
  if type(x) == 'table' and getmetatable(x) ~= layout.Doc then
    local parts = {}
    for i, v in ipairs(x) do parts[i] = to_doc(v) end
    return layout.concat(parts)
  end
  return layout._to_doc(x)
end

local function new_writer()
  local W = {}
  local current_opts
  local function renderer(kind)
    return setmetatable({}, {__call = function(t, el, opts)
      local f = t[el.tag]
      if f == nil then
        error('No render function for ' .. kind .. ' value "' .. tostring(el.tag) .. '";'
          .. '\ndefine a function `Writer.' .. kind .. '.' .. tostring(el.tag) .. '`', 2)
      end
      if type(f) == 'function' then f = f(el, opts or current_opts) end
      return to_doc(f)
    end})
  end
  W.Block = renderer('Block')
  W.Inline = renderer('Inline')
  function W.Blocks(blocks, sep)
    local parts = {}
    for i, b in ipairs(blocks) do parts[i] = W.Block(b) end
    return layout.concat(parts, sep or layout.blankline)
  end
  function W.Inlines(inlines)
    local parts = {}
    for i, x in ipairs(inlines) do parts[i] = W.Inline(x) end
    return layout.concat(parts)
  end
  function W.Pandoc(doc) return W.Blocks(doc.blocks) end
  return setmetatable(W, {__call = function(self, doc, opts)
    current_opts = opts
    local d = to_doc(self.Pandoc(doc, opts))
    local width = opts and opts.wrap_text == 'wrap-auto' and opts.columns or nil
    return layout.render(d, width)
  end})
end

return setmetatable(M, {__index = function(t, k)
  -- each script that asks gets a Writer of its own
  if k == 'Writer' then
    local w = new_writer()
    rawset(t, k, w)
    return w
  end
end})
