#!/usr/bin/env python3
# tests/tei/randtree.py SEED COUNT OUTDIR — writes COUNT random pandoc JSON
# documents (api 1.23) nesting every block and inline kind in every place
# pandoc allows, with hostile ids, classes and attributes: the TEI writer
# must make valid TEI of each.  Deterministic for a seed.
import json, random, sys

seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
R = random.Random(seed)
WORDS = ["alpha", "βeta", "гамма", "中文", "a&b", "<x>", "q\"uote", "tab\there", "\u0007bell", "é"]
IDS = ["", "", "", "x", "x", "1st", "a b", "a:b", "ü", "-", "_y"]
CLASSES = ["", "note", "chapter", "titlepage", "boilerplate", "a b", "\u200b", "x-y"]
LANGS = ["fr", "de", "en_US", "bad lang", "", "zh-Hant"]

def attr():
    cls = [c for c in R.sample(CLASSES, R.randint(0, 2)) if c]
    kv = []
    if R.random() < 0.2:
        kv.append(["lang", R.choice(LANGS)])
    if R.random() < 0.1:
        kv.append(["type", R.choice(["t", "a b", ""])])
    if R.random() < 0.1:
        kv.append(["rend", "r1 r2"])
    return [R.choice(IDS), cls, kv]

def inlines(d, n=None):
    return [inline(d) for _ in range(R.randint(0, 4) if n is None else n)]

def inline(d):
    kinds = ["Str", "Space", "SoftBreak", "LineBreak", "Code", "Math", "RawInline"]
    if d < 5:
        kinds += ["Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                  "SmallCaps", "Quoted", "Cite", "Link", "Image", "Note", "Span"] * 2
    k = R.choice(kinds)
    if k == "Str": return {"t": k, "c": R.choice(WORDS)}
    if k in ("Space", "SoftBreak", "LineBreak"): return {"t": k}
    if k == "Code": return {"t": k, "c": [attr(), R.choice(WORDS)]}
    if k == "Math": return {"t": k, "c": [{"t": R.choice(["InlineMath", "DisplayMath"])}, "x<y"]}
    if k == "RawInline": return {"t": k, "c": [R.choice(["tei", "html"]), "<b>raw</b>"]}
    if k == "Quoted": return {"t": k, "c": [{"t": R.choice(["SingleQuote", "DoubleQuote"])}, inlines(d + 1)]}
    if k == "Cite":
        cits = [{"citationId": R.choice(["k1", "a b", "ü"]), "citationPrefix": inlines(d + 1, 1),
                 "citationSuffix": [], "citationMode": {"t": "NormalCitation"},
                 "citationNoteNum": 1, "citationHash": 0} for _ in range(R.randint(1, 2))]
        return {"t": k, "c": [cits, inlines(d + 1)]}
    if k in ("Link", "Image"):
        return {"t": k, "c": [attr(), inlines(d + 1), [R.choice(["", "#x", "#1st", "a b.png", "http://e/%zz"]),
                                                     R.choice(["", "fig:"])]]}
    if k == "Note": return {"t": k, "c": blocks(d + 2)}
    if k == "Span": return {"t": k, "c": [attr(), inlines(d + 1)]}
    return {"t": k, "c": inlines(d + 1)}

def blocks(d, n=None):
    return [block(d) for _ in range(R.randint(0, 3) if n is None else n)]

def cell(d):
    return [attr(), {"t": R.choice(["AlignDefault", "AlignLeft", "AlignCenter"])},
            R.randint(1, 2), R.randint(1, 2), blocks(d + 1)]

def rows(d):
    return [[attr(), [cell(d) for _ in range(R.randint(0, 3))]] for _ in range(R.randint(0, 2))]

def block(d):
    kinds = ["Para", "Plain", "CodeBlock", "RawBlock", "HorizontalRule", "Header", "Header"]
    if d < 6:
        kinds += ["LineBlock", "BlockQuote", "OrderedList", "BulletList", "DefinitionList",
                  "Table", "Figure", "Div", "Div", "Div"]
    k = R.choice(kinds)
    if k in ("Para", "Plain"): return {"t": k, "c": inlines(d)}
    if k == "CodeBlock": return {"t": k, "c": [attr(), "code <&>"]}
    if k == "RawBlock": return {"t": k, "c": ["tei", "<p>raw</p>"]}
    if k == "HorizontalRule": return {"t": k}
    if k == "Header": return {"t": k, "c": [R.randint(1, 6), attr(), inlines(d)]}
    if k == "LineBlock": return {"t": k, "c": [inlines(d + 1) for _ in range(R.randint(0, 3))]}
    if k == "BlockQuote": return {"t": k, "c": blocks(d + 1)}
    if k == "OrderedList":
        return {"t": k, "c": [[R.randint(-2, 30), {"t": R.choice(["Decimal", "LowerRoman", "UpperAlpha", "DefaultStyle"])},
                               {"t": "Period"}], [blocks(d + 1) for _ in range(R.randint(0, 3))]]}
    if k == "BulletList": return {"t": k, "c": [blocks(d + 1) for _ in range(R.randint(0, 3))]}
    if k == "DefinitionList":
        return {"t": k, "c": [[inlines(d + 1), [blocks(d + 1) for _ in range(R.randint(0, 2))]]
                              for _ in range(R.randint(0, 2))]}
    if k == "Table":
        ncols = R.randint(0, 3)
        return {"t": k, "c": [attr(), [None, blocks(d + 1)],
                              [[{"t": "AlignRight"}, {"t": "ColWidthDefault"}] for _ in range(ncols)],
                              [attr(), rows(d)],
                              [[attr(), R.randint(0, 2), rows(d), rows(d)] for _ in range(R.randint(0, 2))],
                              [attr(), rows(d)]]}
    if k == "Figure": return {"t": k, "c": [attr(), [None, blocks(d + 1)], blocks(d + 1)]}
    return {"t": "Div", "c": [attr(), blocks(d + 1)]}

for i in range(count):
    meta = {}
    if R.random() < 0.5:
        meta["title"] = {"t": "MetaInlines", "c": inlines(3, 2)}
    if R.random() < 0.3:
        meta["lang"] = {"t": "MetaString", "c": R.choice(LANGS)}
    doc = {"pandoc-api-version": [1, 23, 1], "meta": meta, "blocks": blocks(0, R.randint(0, 12))}
    with open("%s/rand-%03d.json" % (out, i), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
