-- input: small
function Pandoc(doc)
  local b = pandoc.List{
    pandoc.Para("a b\nc"),
    pandoc.Plain{pandoc.Str("s"), "t"},
    pandoc.Div("text in div", pandoc.Attr("id", {"c1", "c2"}, {{"k", "v"}})),
    pandoc.Div({pandoc.Str("inl")}, {id = "x", class = "y z", key = "val"}),
    pandoc.BlockQuote(pandoc.Para("q")),
    pandoc.CodeBlock("code", {"cid", {"py"}, {}}),
    pandoc.Header(2, "H two"),
    pandoc.BulletList{{pandoc.Plain("a")}, pandoc.Para("b"), "c"},
    pandoc.LineBlock{{pandoc.Str("l1")}, "l 2"},
    pandoc.Para{pandoc.Link("lnk", "http://x", "ti"), pandoc.Image("im", "a.png"), pandoc.Code("c"),
      pandoc.Math(pandoc.DisplayMath, "y"), pandoc.Quoted(pandoc.SingleQuote, "q"),
      pandoc.Note{pandoc.Para("n")}, pandoc.Span("s", {class = "sc"}), pandoc.SmallCaps("sc"),
      pandoc.Underline("u"), pandoc.Strikeout("st"), pandoc.Superscript("2"), pandoc.Subscript("i"),
      pandoc.RawInline("tex", "\\x"), pandoc.LineBreak(), pandoc.SoftBreak()},
    pandoc.DefinitionList{{"term", {{pandoc.Plain("def")}}}},
    pandoc.OrderedList({"one", "two"}, {3, "Decimal", "Period"}),
    pandoc.RawBlock("html", "<br>"),
    pandoc.HorizontalRule(),
  }
  return pandoc.Pandoc(b, {title = pandoc.Inlines("New title")})
end
