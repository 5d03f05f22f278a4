#!/usr/bin/env python3
# to123.py
# Convert pandoc JSON from api 1.22 form to 1.23 form, as pandoc 3 would write it.
# See LICENSE.
#
# Changes: the version becomes [1,23,1]; a Para holding only an Image whose title
# starts "fig:" becomes a Figure (id moves to the figure, title loses "fig:",
# caption = the alt inlines); Null blocks are dropped.
import json
import sys


def conv_blocks(blocks):
    out = []
    for b in blocks:
        if b.get("t") == "Null":
            continue
        out.append(conv(b))
    return out


def conv(x):
    if isinstance(x, list):
        if x and all(isinstance(e, dict) and "t" in e and e["t"] in BLOCKS for e in x):
            return conv_blocks(x)
        return [conv(e) for e in x]
    if isinstance(x, dict):
        if x.get("t") == "Para" and len(x["c"]) == 1 and x["c"][0]["t"] == "Image":
            (ident, cls, kvs), alt, (src, title) = x["c"][0]["c"]
            if title.startswith("fig:"):
                alt = conv(alt)
                img = {"t": "Image", "c": [["", cls, kvs], alt, [src, title[4:]]]}
                return {"t": "Figure", "c": [[ident, [], []],
                                             [None, [{"t": "Plain", "c": alt}]],
                                             [{"t": "Plain", "c": [img]}]]}
        return {k: conv(v) for k, v in x.items()}
    return x


BLOCKS = {"Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote",
          "OrderedList", "BulletList", "DefinitionList", "Header", "HorizontalRule",
          "Table", "Figure", "Div", "Null"}

doc = json.load(sys.stdin)
doc["pandoc-api-version"] = [1, 23, 1]
doc["meta"] = conv(doc["meta"])
doc["blocks"] = conv_blocks(doc["blocks"])
sys.stdout.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
sys.stdout.write("\n")
