-- lua/samizdat/format.lua
-- pandoc.format: the extensions each format knows (as pandoc 3 lists them),
-- and the parsing of format specs: "gfm+smart-raw_html", or a table
-- {format = 'gfm', extensions = {...}}.  Used by pandoc.read/write too.
-- See LICENSE.
local type, pairs, ipairs, error, tostring = type, pairs, ipairs, error, tostring
local string, table = string, table
local List = require 'samizdat.list'
local _ENV = nil

local M = {}

local function set(...)
  local r = {}
  for _, s in ipairs{...} do
    for w in string.gmatch(s, '[%w_]+') do r[w] = true end
  end
  return r
end

local pandoc_md = [[footnotes inline_notes pandoc_title_block yaml_metadata_block
  table_captions implicit_figures simple_tables multiline_tables grid_tables pipe_tables
  citations raw_tex raw_html tex_math_dollars latex_macros fenced_code_blocks
  fenced_code_attributes backtick_code_blocks inline_code_attributes raw_attribute
  markdown_in_html_blocks native_divs fenced_divs native_spans bracketed_spans
  escaped_line_breaks fancy_lists startnum definition_lists example_lists
  all_symbols_escapable intraword_underscores blank_before_blockquote blank_before_header
  space_in_atx_header strikeout superscript subscript task_lists auto_identifiers
  header_attributes table_attributes link_attributes implicit_header_references
  line_blocks shortcut_reference_links smart]]
local plain_ext = [[table_captions implicit_figures simple_tables multiline_tables
  grid_tables latex_macros fancy_lists startnum definition_lists example_lists
  intraword_underscores blank_before_blockquote blank_before_header strikeout]]
local auto_ids = 'auto_identifiers gfm_auto_identifiers ascii_identifiers'
local all_md = pandoc_md .. ' ' .. auto_ids .. [[ old_dashes angle_brackets_escapable
  lists_without_preceding_blankline four_space_rule spaced_reference_links
  hard_line_breaks ignore_line_breaks east_asian_line_breaks emoji
  tex_math_single_backslash tex_math_double_backslash markdown_attribute mmd_title_block
  abbreviations autolink_bare_uris mark mmd_link_attributes mmd_header_identifiers
  gutenberg smart literate_haskell short_subsuperscripts rebase_relative_paths
  wikilinks_title_after_pipe wikilinks_title_before_pipe alerts]]
local cm_all = [[gfm_auto_identifiers ascii_identifiers pipe_tables autolink_bare_uris
  strikeout task_lists emoji raw_html alerts implicit_figures hard_line_breaks smart
  tex_math_dollars tex_math_gfm superscript subscript definition_lists footnotes
  fancy_lists fenced_divs bracketed_spans raw_attribute implicit_header_references
  attributes sourcepos wikilinks_title_after_pipe wikilinks_title_before_pipe
  yaml_metadata_block rebase_relative_paths]]
local html_all = auto_ids .. [[ native_divs line_blocks native_spans empty_paragraphs
  raw_html raw_tex task_lists tex_math_dollars tex_math_single_backslash
  tex_math_double_backslash literate_haskell epub_html_exts smart]]

-- format -> {default extensions, all extensions}
local formats = {
  markdown = {pandoc_md, all_md},
  plain = {plain_ext, all_md},
  gfm = {[[pipe_tables raw_html auto_identifiers gfm_auto_identifiers autolink_bare_uris
    strikeout task_lists emoji yaml_metadata_block footnotes tex_math_dollars tex_math_gfm
    alerts]], cm_all},
  commonmark = {'raw_html', cm_all},
  commonmark_x = {[[pipe_tables raw_html gfm_auto_identifiers strikeout task_lists emoji
    smart tex_math_dollars superscript subscript definition_lists footnotes fancy_lists
    fenced_divs bracketed_spans raw_attribute implicit_header_references attributes alerts
    yaml_metadata_block]], cm_all},
  org = {'citations special_strings task_lists auto_identifiers',
    auto_ids .. ' citations smart smart_quotes special_strings fancy_lists task_lists'},
  html = {'auto_identifiers native_divs line_blocks native_spans', html_all},
  epub = {'raw_html native_divs native_spans epub_html_exts', html_all},
  latex = {'smart latex_macros auto_identifiers',
    auto_ids .. ' smart latex_macros raw_tex task_lists literate_haskell empty_paragraphs'},
  docx = {'auto_identifiers', auto_ids .. ' empty_paragraphs native_numbering styles citations'},
  odt = {'auto_identifiers', auto_ids .. ' empty_paragraphs native_numbering xrefs_name xrefs_number'},
  rst = {'auto_identifiers', auto_ids .. ' smart literate_haskell'},
  jats = {'auto_identifiers', 'auto_identifiers element_citations'},
  typst = {'citations smart', auto_ids .. ' citations smart'},
  man = {'auto_identifiers', auto_ids},
  asciidoc = {'auto_identifiers', auto_ids},
  mediawiki = {'auto_identifiers', auto_ids .. ' smart'},
  context = {'smart auto_identifiers', auto_ids .. ' smart raw_tex ntb tagging'},
  -- samizdat's own: the essay reader's typography is the smart extension
  essay = {'smart', 'smart'},
}
local alias = {html4 = 'html', html5 = 'html', epub2 = 'epub', epub3 = 'epub',
  beamer = 'latex', markdown_strict = 'markdown', markdown_phpextra = 'markdown',
  markdown_mmd = 'markdown', markdown_github = 'markdown', opml = 'markdown',
  opendocument = 'odt', jats_archiving = 'jats', jats_publishing = 'jats',
  jats_articleauthoring = 'jats', ipynb = 'markdown', text = 'plain'}

local function lists(fmt)
  local f = formats[alias[fmt] or fmt]
  local dflt = f and set(f[1]) or set('auto_identifiers')
  local all = f and set(f[2], 'east_asian_line_breaks') or set('east_asian_line_breaks')
  if fmt == 'plain' or fmt == 'org' or fmt == 'html' then all.east_asian_line_breaks = true end
  return dflt, all
end

local function sorted(s)
  local r = List{}
  for k in pairs(s) do r:insert(k) end
  table.sort(r)
  return r
end

function M.default_extensions(fmt)
  local d = lists(fmt)
  return sorted(d)
end

function M.all_extensions(fmt)
  local _, a = lists(fmt)
  return sorted(a)
end

function M.extensions(fmt)
  local d, a = lists(fmt)
  local r = {}
  for k in pairs(a) do r[k] = d[k] or false end
  return r
end

local by_ext = {md = 'markdown', markdown = 'markdown', txt = 'essay', text = 'essay',
  json = 'json', native = 'native', html = 'html', htm = 'html', xhtml = 'html',
  epub = 'epub', xml = 'tei', tei = 'tei', docx = 'docx', odt = 'odt', tex = 'latex',
  latex = 'latex', rst = 'rst', org = 'org', typ = 'typst', adoc = 'asciidoc',
  ['1'] = 'man', wiki = 'mediawiki', ipynb = 'ipynb', rtf = 'rtf', pdf = 'pdf',
  fb2 = 'fb2', opml = 'opml', textile = 'textile', dj = 'djot', csv = 'csv', tsv = 'tsv'}
function M.from_path(path)
  local e = type(path) == 'string' and path:match('%.([%w]+)$')
  return e and by_ext[e:lower()] or nil
end

-- parse(spec): the format's name and the set of extensions on, checked
-- against the ones the format knows (pandoc's error otherwise).
function M.parse(spec)
  local name, on_, off_
  if type(spec) == 'table' then
    name = spec.format
    if type(name) ~= 'string' then error('format spec needs a format name', 3) end
    local d = lists(name)
    on_, off_ = {}, {}
    local ex = spec.extensions or {}
    if ex[1] ~= nil then
      -- a list: exactly these
      for k in pairs(d) do off_[k] = true end
      for _, e in ipairs(ex) do on_[e] = true; off_[e] = nil end
    elseif ex.enable or ex.disable then
      for _, e in ipairs(ex.enable or {}) do on_[e] = true end
      for _, e in ipairs(ex.disable or {}) do off_[e] = true end
    else
      for e, v in pairs(ex) do if v then on_[e] = true else off_[e] = true end end
    end
  else
    if type(spec) ~= 'string' then error('format spec expected, got ' .. type(spec), 3) end
    name = spec:match('^[^+-]*')
    on_, off_ = {}, {}
    for sign, e in spec:sub(#name + 1):gmatch('([+-])([^+-]*)') do
      if sign == '+' then on_[e] = true; off_[e] = nil else off_[e] = true; on_[e] = nil end
    end
  end
  local d, all = lists(name)
  local base = name:match('^(.*)%.lua$') and 'lua' or name
  for _, s in ipairs{on_, off_} do
    for e in pairs(s) do
      if not all[e] and base ~= 'lua' then
        error("The extension '" .. tostring(e) .. "' is not supported for " .. name, 3)
      end
    end
  end
  local exts = {}
  for k in pairs(d) do exts[k] = true end
  for k in pairs(on_) do exts[k] = true end
  for k in pairs(off_) do exts[k] = nil end
  return name, exts, on_, off_
end

return M
