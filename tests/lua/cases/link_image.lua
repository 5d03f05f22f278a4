-- input: rich
function Link(el) el.target = el.target .. "/x"; el.title = "T"; return el end
function Image(el) el.src = "new.png"; el.caption = {pandoc.Str("alt")}; return el end
