-- input: small
-- A list returned for a Block: each Inline or string becomes a Plain of its
-- own, a list of inlines one Plain.
function Para(el)
  return {pandoc.Str'a', 'b c', {pandoc.Str'd', pandoc.Str'e'}, pandoc.Emph'x', pandoc.Para'f'}
end
