-- input: fig3
function Para(p)
  if #p.content == 3 and p.content[1].text == "Some" then
    return pandoc.Figure({pandoc.Plain(p.content)}, {pandoc.Plain("made")}, {id = "f3"})
  end
end
