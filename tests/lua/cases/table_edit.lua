-- input: rich
function Table(t)
  for i, cs in ipairs(t.colspecs) do t.colspecs[i] = {pandoc.AlignCenter, cs[2]} end
  t.caption.long = {pandoc.Plain("New caption")}
  t.classes:insert("tbl")
  for _, body in ipairs(t.bodies) do
    for _, row in ipairs(body.body) do
      for _, cell in ipairs(row.cells) do cell.contents = {pandoc.Plain("X")} end
    end
  end
  return t
end
