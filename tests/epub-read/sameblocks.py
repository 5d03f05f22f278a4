#!/usr/bin/env python3
# sameblocks.py ORIGINAL.json READBACK.json
# Another program's EPUB of a document, read back: the same headings (level
# and text) and the same paragraphs (text), in order.  ORIGINAL may also be
# a reviewed tree in samizdat's native form (tests/essay/essay.native).  Attributes, ids,
# classes and metadata are the producer's business and are not compared.
# Prints "N headings, M paragraphs" and exits 0 when they agree.
# See LICENSE.
import json
import sys


def text(x):
    if isinstance(x, list):
        return "".join(text(i) for i in x)
    if isinstance(x, dict):
        t, c = x.get("t"), x.get("c")
        if t == "Str":
            return c
        if t in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if t == "Note":
            return ""
        if t in ("Code", "Math", "RawInline"):
            return c[1]
        if t in ("Link", "Image", "Span", "Cite"):
            return text(c[1])
        if t == "Quoted":
            return "\u201c" + text(c[1]) + "\u201d"
        return text(c) if c is not None else ""
    return ""


def blocks(bl, acc):
    for b in bl:
        t, c = b.get("t"), b.get("c")
        if t == "Header":
            acc.append(("Header %d" % c[0], " ".join(text(c[2]).split())))
        elif t == "Para":
            acc.append(("Para", " ".join(text(c).split())))
        elif t == "Div":
            if "titlepage" not in c[0][1]:
                blocks(c[1], acc)
        elif t in ("BlockQuote",):
            blocks(c, acc)
    return acc


def native_blocks(path):
    """Top-level Header and Para blocks of a native tree whose inlines are
    Str and Space (a plain essay's)."""
    acc, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.startswith(" "):
            cur = None
            if line.startswith("Header "):
                cur = ["Header " + line.split()[1], []]
            elif line == "Para":
                cur = ["Para", []]
            if cur:
                acc.append(cur)
        elif cur is not None and line.startswith("  ") and not line.startswith("   "):
            t = line.strip()
            if t.startswith("Str "):
                cur[1].append(json.loads(t[4:]))
            elif t in ("Space", "SoftBreak", "LineBreak"):
                cur[1].append(" ")
            else:
                sys.exit("%s: %s: only Str and Space are read" % (path, t))
    return [(k, " ".join("".join(v).split())) for k, v in acc]


if sys.argv[1].endswith(".native"):
    a = native_blocks(sys.argv[1])
else:
    a = blocks(json.load(open(sys.argv[1]))["blocks"], [])
b = blocks(json.load(open(sys.argv[2]))["blocks"], [])
if a != b:
    for i, (x, y) in enumerate(zip(a + [None] * len(b), b + [None] * len(a))):
        if x != y:
            print("block %d: %r, read back %r" % (i + 1, x, y))
            break
    sys.exit(1)
print("%d headings, %d paragraphs" % (sum(1 for k, _ in a if k != "Para"),
                                      sum(1 for k, _ in a if k == "Para")))
