-- input: rich
function LineBlock(el)
  local items = {}
  for _, line in ipairs(el.content) do items[#items+1] = {pandoc.Plain(line)} end
  return pandoc.BulletList(items)
end
