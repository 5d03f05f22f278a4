-- input: rich
function Blocks(bs)
  bs:insert(pandoc.HorizontalRule())
  return bs
end
