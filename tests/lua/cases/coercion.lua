-- input: small
-- What constructors and content setters make of strings, numbers, inlines
-- and lists, and which values they refuse (the message's first line, as
-- pandoc gives it, without a position).
local out = pandoc.List()
local function try(name, f, nomsg)
  local ok, r = pcall(f)
  out:insert(pandoc.Para{pandoc.Str(name)})
  if ok then
    out:extend(r)
  else
    -- (pandoc 2 and 3 word some messages differently: nomsg)
    local msg = nomsg and '' or tostring(r):match('^[^\n]*'):gsub('^[^:]*:%d+: ', '')
    out:insert(pandoc.Para{pandoc.Str('error: ' .. msg)})
  end
end
function Pandoc(d)
  try('Div of two Str', function() return {pandoc.Div({pandoc.Str'a', pandoc.Str'b'})} end)
  try('Div of a string', function() return {pandoc.Div('a b')} end)
  try('Div of a number', function() return {pandoc.Div(5)} end)
  try('Para of a number', function() return {pandoc.Para(5)} end)
  try('Para of a list with a number', function() return {pandoc.Para{pandoc.Str'a', 5}} end, 1)
  try('Str of a number', function() return {pandoc.Plain{pandoc.Str(5)}} end)
  try('Blocks of two Str', function() return pandoc.Blocks({pandoc.Str'a', pandoc.Str'b'}) end)
  try('Inlines of a number', function() return {pandoc.Plain(pandoc.Inlines(5))} end)
  try('Div of inlines and a Para', function()
    return {pandoc.Div({{pandoc.Str'a', pandoc.Str'b'}, pandoc.Para'c'})} end)
  try('Div of a list of a string', function() return {pandoc.Div({'a b'})} end)
  try('BulletList items', function()
    return {pandoc.BulletList({'a b', {'c d'}, pandoc.Str'e', {pandoc.Str'f', pandoc.Str'g'}})} end)
  try('Header level 2.5', function() return {pandoc.Header(2.5, 'x')} end)
  try('Header level "2"', function() return {pandoc.Header('2', 'x')} end)
  try('Div content set to inlines', function()
    local x = pandoc.Div{} x.content = {pandoc.Str'a', 'b c'} return {x} end)
  try('Para content set to a string', function()
    local x = pandoc.Para{} x.content = 'q r' return {x} end)
  try('Para content set to a list', function()
    local x = pandoc.Para{} x.content = {'q r', pandoc.Str's'} return {x} end)
  try('Pandoc blocks set to inlines', function()
    local y = pandoc.Pandoc{} y.blocks = {pandoc.Str'a', 'b c'} return y.blocks end)
  try('Str text set to a number', function()
    local s = pandoc.Str'x' s.text = 7 return {pandoc.Plain{s}} end)
  d.blocks = out
  return d
end
