-- lua/samizdat/external.lua
-- Formats samizdat does not read or write itself go through an installed
-- pandoc: `pandoc -f FORMAT -t json` reads, `pandoc -f json -t FORMAT`
-- writes.  The program is $SZ_PANDOC or `pandoc` on PATH; arguments go to
-- it as a list (no shell).  See LICENSE.
local os, string, error, tostring, type, ipairs, pairs, pcall = os, string, error, tostring, type, ipairs, pairs, pcall
local io, require, next = io, require, next
local core = require 'samizdat.core'
local _ENV = nil

local M = {}

-- The formats pandoc knows (pandoc 3's lists), so an unknown name gets
-- pandoc's own error without running it.
local known_in = {}
for w in string.gmatch([[asciidoc bibtex biblatex bits commonmark commonmark_x creole csljson
    csv djot docbook docx dokuwiki endnotexml epub fb2 gfm haddock html ipynb jats jira
    json latex man markdown markdown_github markdown_mmd markdown_phpextra
    markdown_strict mdoc mediawiki muse native odt opml org pod pptx ris rst rtf t2t
    textile tikiwiki tsv twiki typst vimwiki xlsx xml]], '%S+') do known_in[w] = true end
local known_out = {}
for w in string.gmatch([[ansi asciidoc asciidoc_legacy asciidoctor beamer bibtex biblatex
    chunkedhtml commonmark commonmark_x context csljson djot docbook docbook4 docbook5
    docx dokuwiki dzslides epub epub2 epub3 fb2 gfm haddock html html4 html5 icml ipynb
    jats jats_archiving jats_articleauthoring jats_publishing jira json latex man
    markdown markdown_github markdown_mmd markdown_phpextra markdown_strict markua
    mediawiki ms muse native odt opendocument opml org pdf plain pptx revealjs rst rtf
    s5 slideous slidy tei texinfo textile typst vimwiki xml xwiki zimwiki]], '%S+') do
  known_out[w] = true
end
M.known_in, M.known_out = known_in, known_out

function M.program()
  local p = os.getenv('SZ_PANDOC')
  if p and p ~= '' then return p end
  return 'pandoc'
end

-- Is the program there?  A name without a slash is looked up on PATH.
local function found(prog)
  if prog:find('/', 1, true) then return core.exists(prog) end
  for dir in string.gmatch(os.getenv('PATH') or '', '[^:]+') do
    if core.exists(dir .. '/' .. prog) then return true end
  end
  return false
end

local function need(fmt, what)
  local prog = M.program()
  if not found(prog) then
    error(string.format("%s format '%s' needs pandoc, which is not installed: "
      .. "install it (apt install pandoc) or name it with SZ_PANDOC=/path/to/pandoc",
      what, fmt), 0)
  end
  return prog
end

local api_cache
-- The JSON api pandoc reads: 22 for pandoc 2.x, 23 for 3.x.
function M.api_minor()
  if api_cache then return api_cache end
  local out = core.pipe(need('json', 'the'), {'--version'}, '')
  api_cache = out:match('^%S+%s+2%.') and 22 or 23
  return api_cache
end

local function run(prog, args, input, fmt, cwd)
  local out, status = core.pipe(prog, args, input, cwd)
  if status ~= 0 then
    error(string.format("pandoc failed (exit %d) on format '%s'", status, fmt), 0)
  end
  return out
end

local function tmpdir()
  local base = os.getenv('TMPDIR')
  if not base or base == '' then base = '/tmp' end
  return core.mkdtemp(base .. '/samizdat-pandoc-XXXXXX')
end

-- put(dir, name, contents): a file of the sandbox; a name reaching
-- outside it (absolute, or with ..) is left out.
local function put(base, name, contents)
  if name:find('^/') or ('/' .. name .. '/'):find('/%.%./') then return end
  local path = base .. '/' .. name
  local dir = path:match('^(.*)/[^/]*$')
  if dir then core.mkdir(dir, true) end
  local f = io.open(path, 'wb')
  if not f then return end
  f:write(contents)
  f:close()
end

-- The files under dir, relative to it.
local function files_under(dir, rel, out)
  for _, n in ipairs(core.listdir(dir .. (rel ~= '' and '/' .. rel or ''))) do
    local p = rel == '' and n or rel .. '/' .. n
    local f = io.open(dir .. '/' .. p, 'rb')
    local ok = f and f:read(0)
    if f then f:close() end
    if ok ~= nil then out[#out + 1] = p else files_under(dir, p, out) end
  end
  return out
end

-- read(markup, spec, name[, sandbox]): a Pandoc, pandoc reading spec
-- ("org", "latex+raw_tex").  The media pandoc extracts go to the media bag
-- under the names the document gives them.  With a sandbox (pandoc's
-- read_env: a list of files to allow and/or name = contents pairs), pandoc
-- runs with --sandbox in a folder holding just those files.
function M.read(markup, spec, name, sandbox)
  local prog = need(name, 'Input')
  local dir = tmpdir()
  local ok, res = pcall(function()
    local media = dir .. '/media'
    local args = {'-f', spec, '-t', 'json', '--extract-media=' .. media}
    local cwd
    if type(sandbox) == 'table' then
      cwd = dir .. '/sandbox'
      core.mkdir(cwd, true)
      for _, p in ipairs(sandbox) do
        local f = io.open(p, 'rb')
        if f then put(cwd, p, f:read('a')); f:close() end
      end
      for k, v in pairs(sandbox) do
        if type(k) == 'string' then put(cwd, k, v) end
      end
      -- pandoc's --sandbox reads no file but its inputs: with files to
      -- allow, pandoc runs in the folder that holds just them instead
      if next(sandbox) == nil then args[#args + 1] = '--sandbox' end
    end
    local json = run(prog, args, markup, name, cwd)
    local doc = core.read(json, 'json')
    if core.exists(media) then
      local mb = require 'samizdat.mediabag'
      for _, p in ipairs(files_under(media, '', {})) do
        local f = io.open(media .. '/' .. p, 'rb')
        mb.insert(p, nil, f:read('a'))
        f:close()
      end
      local prefix = media .. '/'
      doc = doc:walk{Image = function(img)
        if img.src:sub(1, #prefix) == prefix then
          img.src = img.src:sub(#prefix + 1)
          return img
        end
      end}
    end
    return doc
  end)
  core.rmtree(dir)
  if not ok then error(res, 0) end
  return res
end

-- write(doc, spec): pandoc's output as a string.
function M.write(doc, spec, name)
  local prog = need(name, 'Output')
  local json = core.write(doc, 'json', {pandoc_api = M.api_minor()})
  return run(prog, {'-f', 'json', '-t', spec}, json, name)
end

-- default_template(format): `pandoc -D FORMAT`.
function M.default_template(fmt)
  local prog = need(fmt, 'The template for')
  return run(prog, {'-D', fmt}, '', fmt)
end

-- data_file(name): `pandoc --print-default-data-file NAME`, or nil.
function M.data_file(name)
  local prog = M.program()
  if not found(prog) then return nil end
  local out, status = core.pipe(prog, {'--print-default-data-file', name}, '')
  if status ~= 0 then return nil end
  return out
end

return M
