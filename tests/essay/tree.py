#!/usr/bin/env python3
"""tree.py [FILE.json]: a pandoc JSON document (stdin by default) as one
line per block, nested blocks indented: the block's kind and its text,
a LineBlock's lines one per row after "|".  Small enough to read and to
keep as an exact expected tree."""
import json
import sys


def text(xs):
    out = []
    for x in xs:
        t, c = x.get("t"), x.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append(" // ")
        elif t in ("Emph", "Strong", "SmallCaps", "Strikeout", "Underline"):
            out.append("_" + text(c) + "_")
        elif t in ("Span", "Link", "Image", "Quoted", "Cite"):
            out.append(text(c[1]))
        elif t == "Note":
            out.append("[^]")
    return "".join(out)


def blocks(bs, ind, out):
    for b in bs:
        t, c = b.get("t"), b.get("c")
        pad = "  " * ind
        if t == "Header":
            out.append("%sHeader %d: %s" % (pad, c[0], text(c[2])))
        elif t in ("Para", "Plain"):
            out.append("%s%s: %s" % (pad, t, text(c)))
        elif t == "LineBlock":
            out.append(pad + "LineBlock")
            for ln in c:
                out.append("%s  | %s" % (pad, text(ln).replace("\u00a0", " ")))
        elif t == "BlockQuote":
            out.append(pad + "BlockQuote")
            blocks(c, ind + 1, out)
        elif t == "Div":
            out.append("%sDiv %s" % (pad, " ".join(c[0][1])))
            blocks(c[1], ind + 1, out)
        elif t in ("BulletList", "OrderedList"):
            out.append(pad + t)
            for it in (c if t == "BulletList" else c[1]):
                out.append(pad + "  Item")
                blocks(it, ind + 2, out)
        else:
            out.append(pad + t)


doc = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
out = []
meta = doc.get("meta", {})
if "title" in meta:
    out.append("title: " + text(meta["title"]["c"]))
blocks(doc["blocks"], 0, out)
print("\n".join(out))
