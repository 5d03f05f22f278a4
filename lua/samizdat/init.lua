-- lua/samizdat/init.lua
-- The `pandoc` module (also `samizdat`): types, constructors, submodules,
-- and the setup of a filter's or writer's globals.
-- See LICENSE.
local types = require 'samizdat.types'
local core = require 'samizdat.core'
local List = require 'samizdat.list'
local Version = require 'samizdat.version'

-- tostring of elements and lists: pandoc 3's Haskell `show`
local show = require 'samizdat.show'
types._show = show
for _, name in ipairs{'Inlines', 'Blocks', 'Attr', 'Citation', 'Caption', 'Cell', 'Row', 'Pandoc'} do
  types._mt[name].__tostring = show
end

local M = {}
for k, v in pairs(types) do
  if k ~= 'to_attr' and k ~= 'deepcopy' and k ~= 'equals' and k ~= 'to_inlines'
      and k ~= 'to_blocks' and k ~= 'to_caption' and k ~= 'inline_tags' and k ~= 'block_tags'
      and k ~= 'pandoc_methods' then
    M[k] = v
  end
end

M.List = List

-- pandoc.types.Sources: the inputs a reader gets, each {name, text}; a text
-- ends in a newline.
local Source = { __name = 'Source' }
local function source(name, text)
  text = tostring(text)
  if text ~= '' and text:sub(-1) ~= '\n' then text = text .. '\n' end
  return setmetatable({name = name or '', text = text}, Source)
end
local function Sources(x)
  local r = List{}
  if type(x) == 'string' then r:insert(source('', x)) return r end
  for _, s in ipairs(x or {}) do
    if type(s) == 'string' then r:insert(source('', s))
    elseif s.text ~= nil then r:insert(source(s.name, s.text))
    else r:insert(source(s[1], s[2])) end
  end
  return r
end
M.types = { Version = Version, Sources = Sources }

-- Pandoc:normalize(): adjacent Str merged, runs of spaces made one (a
-- SoftBreak or LineBreak wins over a Space), empty Str dropped.
local function norm_inlines(xs)
  local r = M.Inlines{}
  local spc = {Space = 1, SoftBreak = 2, LineBreak = 3}
  for _, x in ipairs(xs) do
    local last = r[#r]
    if x.t == 'Str' and x.text == '' then
    elseif x.t == 'Str' and last and last.t == 'Str' then
      r[#r] = M.Str(last.text .. x.text)
    elseif spc[x.t] and last and spc[last.t] then
      if spc[x.t] > spc[last.t] then r[#r] = x end
    else
      r:insert(x)
    end
  end
  return r
end
types.pandoc_methods.normalize = function(doc)
  return doc:clone():walk{Inlines = norm_inlines}
end

-- The Inline and Block type objects: their constructors by tag.
local function type_object(name, tags)
  local ctors = {}
  for tag in pairs(tags) do ctors[tag] = types[tag] end
  return setmetatable({name = name, constructor = ctors}, {__name = 'type',
    __call = function(_, ...) error(name .. ' is a type, not a constructor', 2) end})
end
M.Inline = type_object('Inline', types.inline_tags)
M.Block = type_object('Block', types.block_tags)
M.utils = require 'samizdat.utils'
M.text = require 'samizdat.text'
M.path = require 'samizdat.path'
M.system = require 'samizdat.system'
M.mediabag = require 'samizdat.mediabag'
M.json = require 'samizdat.json'
M.log = require 'samizdat.log'
M.structure = require 'samizdat.structure'
M.sha1 = M.utils.sha1

-- Submodules loaded when first used (most filters never touch them).
local lazy = {image = 'samizdat.image', layout = 'samizdat.layout',
  template = 'samizdat.template', scaffolding = 'samizdat.scaffolding'}
setmetatable(M, {__index = function(t, k)
  local mod = lazy[k]
  if mod then
    local v = require(mod)
    rawset(t, k, v)
    return v
  end
end})

function M.walk_block(el, f) return core.walk(el, f) end
function M.walk_inline(el, f) return core.walk(el, f) end

local format = require 'samizdat.format'
local external = require 'samizdat.external'
M.format = format

-- A format spec as pandoc's command line takes it.
local function spec_string(name, on, off)
  local r = {name}
  for e in pairs(on) do r[#r + 1] = '+' .. e end
  for e in pairs(off) do r[#r + 1] = '-' .. e end
  return table.concat(r)
end

local function native(name, writer)
  for _, n in ipairs(core.formats(writer)) do if n == name then return true end end
  return writer and (name == 'html5' or name == 'epub3')
end

-- pandoc's CodeBlock classes for indented code: given to the classless code
-- blocks of a text without fenced ones (fences carry their own classes).
local function indented_classes(doc, markup, classes)
  if not classes or #classes == 0 or markup:find('\n%s*[`~][`~][`~]') or
      markup:find('^%s*[`~][`~][`~]') then
    return doc
  end
  return doc:walk{CodeBlock = function(cb)
    if #cb.classes == 0 then
      for _, c in ipairs(classes) do cb.classes:insert(c) end
      return cb
    end
  end}
end

function M.read(markup, spec, opts, env)
  if type(markup) == 'table' then
    local parts = {}
    for i, x in ipairs(markup) do parts[i] = type(x) == 'table' and x.text or tostring(x) end
    markup = table.concat(parts)
  end
  local name, exts, on, off = format.parse(spec or 'markdown')
  opts = core.unbox(opts) or opts or {}
  local doc
  if native(name, false) then
    doc = core.read(markup, name .. (off.smart and '-smart' or ''), opts)
  elseif external.known_in[name] then
    doc = external.read(markup, spec_string(name, on, off), name, env)
  else
    error("Unknown input format '" .. tostring(name) .. "'", 2)
  end
  return indented_classes(doc, markup, opts.indented_code_classes)
end

-- plain+smart: quotes and dashes as ASCII, as pandoc's writers "unsmart".
local function unsmart(doc)
  return doc:walk{
    Quoted = function(q)
      local mark = q.quotetype == 'DoubleQuote' and '"' or "'"
      local r = M.Inlines{M.Str(mark)}
      r:extend(q.content)
      r:insert(M.Str(mark))
      return r
    end,
    Str = function(s)
      local t = s.text:gsub('\u{2014}', '---'):gsub('\u{2013}', '--'):gsub('\u{2026}', '...')
        :gsub('[\u{2018}\u{2019}]', "'"):gsub('[\u{201C}\u{201D}]', '"')
      if t ~= s.text then return M.Str(t) end
    end,
  }
end

function M.write(doc, spec, opts)
  local name, exts, on, off = format.parse(spec or 'html')
  if native(name, true) then
    if on.smart and (name == 'plain') then doc = unsmart(doc) end
    return core.write(doc, name, opts)
  elseif external.known_out[name] then
    return external.write(doc, spec_string(name, on, off), name)
  end
  error("Unknown output format '" .. tostring(name) .. "'", 2)
end

function M.pipe(cmd, args, input)
  local out, status = core.pipe(cmd, args or {}, input or '')
  if status ~= 0 then
    error(setmetatable({command = cmd, error_code = status, output = out}, {
      __tostring = function(e)
        return string.format("Error running %s: exit code %d", e.command, e.error_code)
      end}), 2)
  end
  return out
end

-- with_state(options, fn): runs fn with some fields of PANDOC_STATE set.
local settable_state = {request_headers = true, resource_path = true, user_data_dir = true}
function M.with_state(opts, fn)
  local state = M.log._state
  local saved = {}
  for k, v in pairs(opts) do
    if not settable_state[k] then
      error('Unknown or unsupported state property: ' .. tostring(k), 2)
    end
    saved[k] = state[k]
    state[k] = type(v) == 'table' and List(v) or v
  end
  local res = table.pack(pcall(fn))
  for k in pairs(opts) do state[k] = saved[k] end
  if not res[1] then error(res[2], 0) end
  return table.unpack(res, 2, res.n)
end

-- ReaderOptions are a userdata in pandoc: a box around the table of fields.
local ReaderOptions = {
  __name = 'ReaderOptions',
  __index = function(o, k) return core.unbox(o)[k] end,
  __newindex = function(o, k, v) core.unbox(o)[k] = v end,
  __pairs = function(o) return next, core.unbox(o), nil end,
}
function M.ReaderOptions(t)
  local r = {abbreviations = List{}, columns = 80, default_image_extension = '',
    extensions = List{}, indented_code_classes = List{}, standalone = false,
    strip_comments = false, tab_stop = 4, track_changes = 'accept-changes'}
  for k, v in pairs(core.unbox(t) or t or {}) do r[k] = v end
  return core.box(r, ReaderOptions)
end

function M.WriterOptions(t)
  -- pandoc 3's fields, with its defaults
  local r = {chunk_template = '%s-%i.html', cite_method = 'citeproc', columns = 72, dpi = 96,
    email_obfuscation = 'none', epub_chapter_level = 1, epub_fonts = List{},
    epub_metadata = nil, epub_subdirectory = 'EPUB', epub_title_page = true,
    extensions = List{}, figure_caption_position = 'below', highlight_method = 'default',
    html_math_method = 'plain', html_q_tags = false, identifier_prefix = '',
    incremental = false, link_images = false, list_of_figures = false, list_of_tables = false,
    number_offset = List{0, 0, 0, 0, 0, 0}, number_sections = false, prefer_ascii = false,
    reference_doc = nil, reference_links = false, reference_location = 'end-of-document',
    section_divs = false, setext_headers = false, slide_level = nil, split_level = 1,
    standalone = false, tab_stop = 4, table_caption_position = 'above',
    table_of_contents = false, template = nil, toc_depth = 3,
    top_level_division = 'top-level-default', variables = {}, wrap_text = 'wrap-auto'}
  for k, v in pairs(t or {}) do r[k] = v end
  return r
end

-- The globals of a filter or writer (called by the C bridge once per state).
function M._setup(info)
  local readers, writers = {}, {}
  for _, n in ipairs(core.formats(false)) do readers[n] = true end
  for _, n in ipairs(core.formats(true)) do writers[n] = true end
  M.readers, M.writers = readers, writers
  FORMAT = info.format
  PANDOC_VERSION = Version(info.pandoc_version)
  PANDOC_API_VERSION = Version(info.api_minor == 22 and '1.22.2.1' or '1.23.1')
  PANDOC_SCRIPT_FILE = info.script
  local inputs = List(info.inputs or {})
  local state = M.log._state
  state.input_files, state.output_file = inputs, info.output
  state.log, state.request_headers, state.resource_path = List{}, List{}, List{'.'}
  state.source_url, state.user_data_dir, state.trace = nil, nil, false
  state.verbosity = info.verbosity == 0 and 'ERROR' or info.verbosity == 2 and 'INFO' or 'WARNING'
  PANDOC_STATE = setmetatable({}, {
    __index = state,
    __newindex = function() error('PANDOC_STATE is read-only', 2) end,
    __name = 'CommonState',
  })
  -- pandoc's --columns sets the reader's columns too (72 by default)
  PANDOC_READER_OPTIONS = M.ReaderOptions{columns = info.columns}
  PANDOC_WRITER_OPTIONS = M.WriterOptions{columns = info.columns, toc_depth = info.toc_depth,
    split_level = info.split_level, epub_chapter_level = info.split_level,
    standalone = info.standalone, wrap_text = info.wrap}
  M._variables = info.variables or {}
  pandoc = M
  samizdat = M
  lpeg = require 'lpeg'
  re = require 're'
  local preload = package.preload
  preload.pandoc = function() return M end
  for _, sub in ipairs{'utils', 'text', 'path', 'system', 'mediabag', 'json', 'log', 'List', 'structure',
      'format', 'image', 'layout', 'template', 'scaffolding'} do
    preload['pandoc.' .. sub] = function() return M[sub] end
    if not lazy[sub] then package.loaded['pandoc.' .. sub] = M[sub] end
  end
  preload['pandoc.types'] = function() return M.types end
  preload.text = function() return M.text end
  package.loaded.pandoc = M
end

-- --template FILE: the writer's output (body) in the template, with the
-- metadata rendered by the same writer (stringified for Lua writers) and
-- the -V variables; pandoc's pagetitle, title-prefix and sourcefile too.
function M._apply_template(doc, body, path)
  local f, err = io.open(path, 'rb')
  if not f then error('cannot read the template: ' .. tostring(err), 0) end
  local src = f:read('a')
  f:close()
  local tmpl = M.template.compile(src, path)
  local fmt = FORMAT
  local native = fmt ~= 'plain' and fmt ~= 'json' and fmt ~= 'native' and not fmt:match('%.lua$')
    and native(fmt, true)
  local function inl(ils)
    if native then
      return (M.write(M.Pandoc({M.Plain(ils)}), fmt):gsub('%s+$', ''))
    end
    return M.utils.stringify(ils)
  end
  local function blk(bs)
    if native then return (M.write(M.Pandoc(bs), fmt):gsub('%s+$', '')) end
    return M.utils.stringify(bs)
  end
  local ctx = M.template.meta_to_context(doc.meta, blk, inl)
  for _, kv in ipairs(M._variables) do
    local k, v = kv:match('^([^=:]+)[=:](.*)$')
    k, v = k or kv, v or 'true'
    if ctx[k] == nil then ctx[k] = v
    elseif type(ctx[k]) == 'table' and ctx[k][1] ~= nil then table.insert(ctx[k], v)
    else ctx[k] = {ctx[k], v} end
  end
  -- pandoc's plain body ends in a newline of its own; the others do not
  ctx.body = (body:gsub('\n+$', '')) .. (fmt == 'plain' and '\n' or '')
  if ctx.pagetitle == nil and doc.meta.title then ctx.pagetitle = M.utils.stringify(doc.meta.title) end
  local inputs = PANDOC_STATE.input_files
  if ctx.sourcefile == nil and inputs[1] then ctx.sourcefile = inputs[1] end
  if ctx.outputfile == nil and PANDOC_STATE.output_file then ctx.outputfile = PANDOC_STATE.output_file end
  local wrap = PANDOC_WRITER_OPTIONS.wrap_text
  local out = M.template.apply(tmpl, ctx):render(wrap == 'wrap-auto' and PANDOC_WRITER_OPTIONS.columns or nil)
  return out
end

-- Runs a custom writer script's Writer (pandoc 3) or the classic globals.
local function callable(f)
  if type(f) == 'function' then return true end
  local m = type(f) == 'table' and getmetatable(f)
  return m and m.__call ~= nil or false
end

function M._run_writer(doc)
  local opts = PANDOC_WRITER_OPTIONS
  local out
  if callable(Writer) then
    out = Writer(doc, opts)
  elseif callable(ByteStringWriter) then
    return ByteStringWriter(doc, opts)
  else
    return require('samizdat.classic')(doc, opts)
  end
  -- -s: the writer's own default template (its global Template), if any
  if opts.standalone and callable(Template) then
    local src = Template()
    local ctx = M.template.meta_to_context(doc.meta,
      function(bs) return M.utils.stringify(bs) end,
      function(ils) return M.utils.stringify(ils) end)
    ctx.body = out
    if type(src) == 'string' then src = M.template.compile(src) end
    out = M.template.apply(src, ctx):render()
  end
  return out
end

return M
