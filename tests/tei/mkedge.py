#!/usr/bin/env python3
# tests/tei/mkedge.py — writes edge.json: trees no markdown produces (empty
# containers, blocks in odd places, hostile ids, classes and characters)
# for the TEI writer's validity tests.  Run from this folder.
import json
A = lambda i="", c=(), kv=(): [i, list(c), [list(p) for p in kv]]
S = lambda s: {"t": "Str", "c": s}
P = lambda *x: {"t": "Para", "c": list(x)}
Pl = lambda *x: {"t": "Plain", "c": list(x)}
H = lambda l, a, *x: {"t": "Header", "c": [l, a, list(x)]}
Div = lambda a, *b: {"t": "Div", "c": [a, list(b)]}
Note = lambda *b: {"t": "Note", "c": list(b)}
def cell(*b, rs=1, cs=1, al="AlignDefault"): return [A(), {"t": al}, rs, cs, list(b)]
def row(*cells): return [A(), list(cells)]
def table(caption, cols, head, bodies, foot, attr=None):
    return {"t": "Table", "c": [attr or A(), [None, caption],
            [[{"t": a}, {"t": "ColWidthDefault"}] for a in cols],
            [A(), head], bodies, [A(), foot]]}
def body(rhc, headrows, rows): return [A(), rhc, headrows, rows]
fig = lambda a, cap, *b: {"t": "Figure", "c": [a, [None, cap], list(b)]}
img = lambda src, alt, title="", a=None: {"t": "Image", "c": [a or A(), alt, [src, title]]}
link = lambda a, inl, url, title="": {"t": "Link", "c": [a, inl, [url, title]]}
blocks = [
    P(), Pl(),
    {"t": "BulletList", "c": []},
    {"t": "OrderedList", "c": [[3, {"t": "UpperRoman"}, {"t": "OneParen"}], []]},
    {"t": "DefinitionList", "c": []},
    {"t": "LineBlock", "c": []},
    {"t": "BlockQuote", "c": []},
    Div(A()),
    fig(A("f0"), []),
    fig(A(), [P(S("caption only"))], P(S("a figure without an image"))),
    table([], [], [], [], []),
    table([Pl(S("t"))], ["AlignLeft", "AlignRight", "AlignCenter"],
          [row(cell(Pl(S("h1")), cs=2), cell(Pl(S("h3"))))],
          [body(1, [row(cell(Pl(S("ih"))))],
                [row(cell(Pl(S("rowhead")), rs=2), cell(H(2, A("hid"), S("head in cell"))),
                     cell(P(S("x")), P(S("y")))),
                 row(cell(Div(A("", ["sect"]), H(1, A(), S("Header in div in cell")), P(S("z"))))),
                 row()])],
          [row(cell(Pl(S("foot"))))]),
    P(S("ctrl:\u0001\u0008\u000b\u000c\uffff\ufffe end"), {"t": "Space"}, S("tab\tand\rcr")),
    P({"t": "Cite", "c": [[{"citationId": "a b<c>", "citationPrefix": [], "citationSuffix": [],
                            "citationMode": {"t": "NormalCitation"}, "citationNoteNum": 0,
                            "citationHash": 0}], []]}),
    P(link(A("l1", ["x y", "\u200b"], [["lang", "xx-"], ["rend", "a  b"], ["n", "7"],
                                        ["style", "color:red"], ["type", "t y"]]), [], "")),
    P(link(A(), [S("pct")], "http://e.x/%zz%41[]{}|\\^`\"<> é", "title")),
    P(img("", [S("alt only")]), img("ok.png", [], a=A("", [], [["width", "12"], ["height", "bad"]]))),
    P({"t": "Span", "c": [A("", [], [["lang", "en_US"]]),
                          [Note(H(1, A(), S("h in note")),
                                Div(A("", ["d"]), H(3, A(), S("h in div in note"))),
                                table([], [], [], [], []))]]}),
    H(2, A("", [], [["type", "appendix"]]), S("typed header")),
    Div(A("d-sec", ["part"]), H(1, A("merged"), S("Merged heading")), P(S("in")),
        Div(A(), H(2, A(), S("deeper div heading")), P(S("deeper")))),
    {"t": "HorizontalRule"},
    P(S("after a rule, at the top of an implicit div")),
    Div(A("", ["x"]), Div(A(), Div(A(), H(6, A("deep"), S("deep header"))))),
    {"t": "RawBlock", "c": ["tei", "<p>raw</p>"]},
    H(1, A("1"), S("dup id")), H(1, A("1"), S("dup id again")), H(1, A("_1"), S("id clash")),
    H(1, A("ünïcödé"), S("unicode id")),
    H(1, A("a:b"), S("colon id")),
    P(link(A(), [S("to 1")], "#1"), link(A(), [S("to ü")], "#ünïcödé")),
    {"t": "BulletList", "c": [[H(1, A(), S("header directly in item")),
                               Div(A(), H(1, A(), S("header in div in item"))),
                               Pl(S("a")), Pl(S("b"))]]},
    {"t": "DefinitionList", "c": [[[S("t")], [[Pl(S("d1"))], [Pl(S("d2"))], []]]]},
    {"t": "CodeBlock", "c": [A("", ["", "c"]), "x < y && z"]},
    P({"t": "Math", "c": [{"t": "InlineMath"}, "a<b"]}, {"t": "Code", "c": [A("cid", ["c++"]), "p->x"]}),
]
meta = {
    "title": {"t": "MetaInlines", "c": [S("Edge"), {"t": "Space"}, S("cases"),
                                        {"t": "Note", "c": [P(S("note in title"))]}]},
    "date": {"t": "MetaString", "c": "2024-02-29"},
    "lang": {"t": "MetaString", "c": "de"},
    "gutenberg-ebook": {"t": "MetaString", "c": "1342"},
    "release-date": {"t": "MetaString", "c": "June, 1998"},
    "author": {"t": "MetaList", "c": [{"t": "MetaInlines", "c": [S("Jane"), {"t": "Space"}, S("Austen")]}]},
}
doc = {"pandoc-api-version": [1, 23, 1], "meta": meta, "blocks": blocks}
with open("edge.json", "w") as f:
    json.dump(doc, f, ensure_ascii=False)
    f.write("\n")
