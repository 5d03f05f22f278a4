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
M.types = { Version = Version }
M.utils = require 'samizdat.utils'
M.text = require 'samizdat.text'
M.path = require 'samizdat.path'
M.system = require 'samizdat.system'
M.mediabag = require 'samizdat.mediabag'
M.json = require 'samizdat.json'
M.log = require 'samizdat.log'
M.structure = require 'samizdat.structure'
M.sha1 = M.utils.sha1

function M.walk_block(el, f) return core.walk(el, f) end
function M.walk_inline(el, f) return core.walk(el, f) end

function M.read(markup, format, opts)
  if type(markup) == 'table' then markup = table.concat(markup) end
  return core.read(markup, format or 'markdown', opts)
end

function M.write(doc, format, opts)
  return core.write(doc, format or 'html', opts)
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

function M.ReaderOptions(t)
  local r = {abbreviations = List{}, columns = 80, default_image_extension = '',
    extensions = List{}, indented_code_classes = List{}, standalone = false,
    strip_comments = false, tab_stop = 4, track_changes = 'accept-changes'}
  for k, v in pairs(t or {}) do r[k] = v end
  return r
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
  PANDOC_STATE = setmetatable({}, {
    __index = {input_files = inputs, output_file = info.output, log = List{},
      request_headers = List{}, resource_path = List{'.'}, source_url = nil,
      user_data_dir = nil, trace = false,
      verbosity = info.verbosity == 0 and 'ERROR' or info.verbosity == 2 and 'INFO' or 'WARNING'},
    __newindex = function() error('PANDOC_STATE is read-only', 2) end,
  })
  -- pandoc's --columns sets the reader's columns too (72 by default)
  PANDOC_READER_OPTIONS = M.ReaderOptions{columns = info.columns}
  PANDOC_WRITER_OPTIONS = M.WriterOptions{columns = info.columns, toc_depth = info.toc_depth,
    split_level = info.split_level, epub_chapter_level = info.split_level,
    standalone = info.standalone, wrap_text = info.wrap}
  pandoc = M
  samizdat = M
  lpeg = require 'lpeg'
  re = require 're'
  local preload = package.preload
  preload.pandoc = function() return M end
  for _, sub in ipairs{'utils', 'text', 'path', 'system', 'mediabag', 'json', 'log', 'List', 'structure'} do
    preload['pandoc.' .. sub] = function() return M[sub] end
    package.loaded['pandoc.' .. sub] = M[sub]
  end
  preload['pandoc.types'] = function() return M.types end
  preload.text = function() return M.text end
  package.loaded.pandoc = M
end

-- Runs a custom writer script's Writer (pandoc 3) or the classic globals.
function M._run_writer(doc)
  local opts = PANDOC_WRITER_OPTIONS
  if type(Writer) == 'function' then
    return Writer(doc, opts)
  elseif type(ByteStringWriter) == 'function' then
    return ByteStringWriter(doc, opts)
  end
  return require('samizdat.classic')(doc, opts)
end

return M
