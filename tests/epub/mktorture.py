#!/usr/bin/env python3
# mktorture.py - builds torture.json: pandoc's JSON of torture.md plus the
# trees markdown cannot write (a link in a link, a note in a note, a table in
# a table caption, figures, cell spans, odd ids and characters).
# Usage: pandoc -f markdown -t json torture.md | python3 mktorture.py > torture.json
import json, sys

def S(t): return {"t": "Str", "c": t}
SP = {"t": "Space"}
def A(i="", c=(), kv=()): return [i, list(c), [list(p) for p in kv]]
def P(*xs): return {"t": "Para", "c": list(xs)}
def PL(*xs): return {"t": "Plain", "c": list(xs)}
def H(l, a, *xs): return {"t": "Header", "c": [l, a, list(xs)]}
def L(xs, url, a=None): return {"t": "Link", "c": [a or A(), xs, [url, ""]]}
def I(xs, url, a=None): return {"t": "Image", "c": [a or A(), xs, [url, ""]]}
def N(*bs): return {"t": "Note", "c": list(bs)}
def cell(bs, rs=1, cs=1, al="AlignDefault"): return [A(), {"t": al}, rs, cs, bs]
def row(*cells): return [A(), list(cells)]
def table(caption_blocks, ncols, head, bodies, foot, a=None):
    return {"t": "Table", "c": [a or A(), [None, caption_blocks],
            [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * ncols,
            [A(), head], bodies, [A(), foot]]}

doc = json.load(sys.stdin)
doc["pandoc-api-version"] = [1, 23, 1]
B = doc["blocks"]
inner = table([P(S("inner"))], 1, [], [[A(), 0, [], [row(cell([PL(S("x"))]))]]], [])
B += [
    H(1, A("odd id: with spaces"), S("Chapter"), SP, S("five:"), SP, S("what"), SP, S("HTML"), SP, S("forbids")),
    P(S("A"), SP, L([S("link"), SP, L([S("inside")], "https://example.org/b"), SP, S("a"), SP, S("link")],
                     "https://example.org/a"),
      S(","), SP, L([S("a"), SP, S("note"), N(P(S("In"), SP, S("a"), SP, S("link.")))], "https://example.org/c"),
      S(","), SP, S("a"), SP, S("note"), SP, S("in"), SP, S("a"), SP, S("note"),
      N(P(S("Outer"), SP, S("note"), N(P(S("Inner"), SP, S("note."))))),
      S(","), SP, S("an"), SP, S("image"), SP, S("with"), SP, S("a"), SP, S("note"), SP, S("in"), SP, S("its"), SP, S("alt"),
      SP, I([S("alt"), N(P(S("lost")))], "square.png"),
      S(","), SP, S("control\u0001chars\ufffe"), S(","), SP,
      {"t": "Span", "c": [A("", [], [("lang", "not a tag!"), ("dir", "rtl"), ("Weird Key", "v"), ("data-ok", "1"), ("style", "color:red")]), [S("attributes")]]},
      S(".")),
    H(2, A(), ),
    H(2, A("fn1"), S("Heading"), SP, S("whose"), SP, S("id"), SP, S("is"), SP, S("taken")),
    H(7, A(), S("Level"), SP, S("seven")),
    {"t": "Figure", "c": [A("fig-square"), [None, [PL(S("A"), SP, S("figure"), SP, S("caption"), N(P(S("Note"), SP, S("in"), SP, S("a"), SP, S("figure."))))]],
                          [PL(I([S("A"), SP, S("red"), SP, S("square")], "square.png"))]]},
    {"t": "Figure", "c": [A(), [None, []], [PL(I([], "square.png"))]]},
    P(S("Remote"), SP, I([S("remote")], "https://example.org/x.png"), SP, S("and"), SP,
      I([S("data")], "data:image/png;base64,AAAA"), S(".")),
    table([P(S("Spans"), SP, S("and"), SP, S("a"), SP, S("table"), SP, S("in"), SP, S("the"), SP, S("caption")), inner], 3,
          [row(cell([PL(S("H1"))], 1, 2), cell([PL(S("H3"))]))],
          [[A(), 1, [row(cell([PL(S("intermediate"))], 1, 3))],
            [row(cell([PL(S("row"), SP, S("head"))], 2, 1), cell([PL(S("b"))]), cell([PL(S("c"))], al="AlignRight")),
             row(cell([PL(S("e"))]), cell([P(S("f"))]))]]],
          [row(cell([PL(S("foot"))], 1, 3))]),
    table([], 1, [], [], []),
    {"t": "DefinitionList", "c": [[[S("A"), SP, S("term"), SP, S("without"), SP, S("definitions")], []]]},
    {"t": "OrderedList", "c": [[7, {"t": "Example"}, {"t": "TwoParens"}], [[PL(S("example"))]]]},
    {"t": "BulletList", "c": []},
    {"t": "LineBlock", "c": [[S("line")], [], [S("after"), SP, S("an"), SP, S("empty"), SP, S("line")]]},
    {"t": "RawBlock", "c": ["html", "<div><script>alert(1)</script><p onclick=\"x\">kept <a href=\"https://example.org\">text</a></p></div>"]},
    {"t": "RawBlock", "c": ["html", "<svg><circle/></svg>"]},
    {"t": "Div", "c": [A("", ["weird class"], [("lang", "de")]), [P({"t": "Quoted", "c": [{"t": "DoubleQuote"}, [S("outer"), SP, {"t": "Quoted", "c": [{"t": "SingleQuote"}, [S("inner")]]}]]})]]},
    P(L([S("link"), SP, S("to"), SP, S("the"), SP, S("odd"), SP, S("id")], "#odd id: with spaces"), SP,
      L([S("to"), SP, S("fn1")], "#fn1"), SP, L([S("mail")], "mailto:a@example.org"), SP,
      L([S("script")], "javascript:alert(1)")),
]
json.dump(doc, sys.stdout, ensure_ascii=False)
