-- input: small3
-- pandoc.Meta and pandoc.Pandoc give metadata values back as pandoc does:
-- lists as List, inline and block elements as Inlines and Blocks, numbers
-- as strings; a SimpleTable has its own type.
local T = pandoc.utils.type
function Pandoc(d)
  local m = pandoc.Meta({c = {'l1', 'l2'}, i = {pandoc.Str'a', pandoc.Space()}, b = {pandoc.Para'x'},
                         n = {k = {'a'}, j = 5}, e = {}, s = pandoc.Str'q', num = 3})
  local d2 = pandoc.Pandoc({}, {c = {'l1', 'l2'}, t = true})
  local st = pandoc.SimpleTable('cap', {'AlignDefault'}, {0}, {{pandoc.Plain'h'}}, {{{pandoc.Plain'c'}}})
  local words = {T(m.c), T(m.c[1]), T(m.i), T(m.b), T(m.n), T(m.n.k), m.n.j, T(m.n.j), T(m.e),
                 T(m.s), T(m.num), m.num, T(d2.meta.c), T(d2.meta.t), T(st), tostring(#m.c:map(string.upper))}
  d.blocks:insert(pandoc.Para(table.concat(words, ' ')))
  d.meta = m
  return d
end
