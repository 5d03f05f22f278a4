-- input: small
-- pandoc.Table wants real TableHead/TableFoot objects and a caption, colspecs
-- and bodies; rows and cells may be plain tables (pandoc/lua-filters'
-- list-table passes {attr, rows} pairs, which pandoc refuses).  A filter
-- building tables the refused ways fails as on pandoc (pcall here).
local cap = {long = {pandoc.Plain{pandoc.Str 'cap'}}, short = {}}
local specs = {{pandoc.AlignRight, 0.5}}
local cell = {attr = {}, alignment = pandoc.AlignDefault, contents = {pandoc.Plain{pandoc.Str 'c'}},
  col_span = 1, row_span = 1}
local tries = {
  {'plain rows and cells', function() return pandoc.Table(cap, specs,
    pandoc.TableHead{{{}, {cell}}},
    {{attr = {}, body = {pandoc.Row{cell}}, head = {}, row_head_columns = 0}},
    pandoc.TableFoot()) end},
  {'head as a pair', function() return pandoc.Table(cap, specs, {{}, {}}, {}, pandoc.TableFoot()) end},
  {'foot as a pair', function() return pandoc.Table(cap, specs, pandoc.TableHead(), {}, {{}, {}}) end},
  {'no head', function() return pandoc.Table(cap, specs, nil, {}, pandoc.TableFoot()) end},
  {'no caption', function() return pandoc.Table(nil, specs, pandoc.TableHead(), {}, pandoc.TableFoot()) end},
  {'no bodies', function() return pandoc.Table(cap, specs, pandoc.TableHead(), nil, pandoc.TableFoot()) end},
}
function Pandoc(doc)
  local blocks = {}
  for _, t in ipairs(tries) do
    local ok, r = pcall(t[2])
    blocks[#blocks + 1] = pandoc.Para(t[1] .. (ok and ': built' or ': refused'))
    if ok then blocks[#blocks + 1] = r end
  end
  return pandoc.Pandoc(blocks, doc.meta)
end
