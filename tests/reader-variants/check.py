#!/usr/bin/env python3
"""Compares the reader's trees with the structures the variants were
rendered from.

usage: check.py VARIANTS OUTDIR THRESHOLD [-v]

VARIANTS holds NAME.txt and NAME.expect.json (gen.py), OUTDIR the reader's
NAME.json for each.  Prints how many variants of each group came back
exactly, the differences of the first failures, and one PASS or FAIL line:
PASS when at least THRESHOLD per cent of all variants came back exactly.
"""
import glob
import json
import os
import re
import sys
import unicodedata

CJK = r"[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]"


def norm(s):
    s = unicodedata.normalize("NFC", s)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2026", "..."), ("--", "\u2014"), ("\u00a0", " ")):
        s = s.replace(a, b)
    s = " ".join(s.split())
    return re.sub(r"(?<=%s) (?=%s)" % (CJK, CJK), "", s)


def text(xs):
    out = []
    for x in xs:
        t = x.get("t")
        c = x.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "SmallCaps", "Strikeout", "Underline", "Superscript",
                   "Subscript"):
            out.append(text(c))
        elif t in ("Span", "Link", "Image", "Quoted", "Cite"):
            inner = text(c[1])
            if t == "Quoted":
                q = '"' if c[0]["t"] == "DoubleQuote" else "'"
                inner = q + inner + q
            out.append(inner)
        elif t == "Code":
            out.append(c[1])
        elif t == "Note":
            out.append("[^" + " ".join(plain_blocks(c)) + "]")
        elif t == "Math":
            out.append(c[1])
    return "".join(out)


def plain_blocks(bs):
    out = []
    for b in bs:
        t, c = b["t"], b.get("c")
        if t in ("Para", "Plain"):
            out.append(norm(text(c)))
        elif t == "LineBlock":
            out.extend(norm(text(x)) for x in c)
        elif t in ("BlockQuote",):
            out.extend(plain_blocks(c))
        elif t == "Div":
            out.extend(plain_blocks(c[1]))
        elif t == "Header":
            out.append(norm(text(c[2])))
    return out


def skeleton(bs, out, front=""):
    for b in bs:
        t, c = b["t"], b.get("c")
        if t == "Header":
            out.append([front + "H", c[0], norm(text(c[2]))])
        elif t in ("Para", "Plain"):
            out.append([front + "P", norm(text(c))])
        elif t == "LineBlock":
            out.append([front + "V", [norm(text(x)) for x in c]])
        elif t == "BlockQuote":
            out.append([front + "Q", " ".join(plain_blocks(c))])
        elif t == "Div":
            cls = c[0][1]
            if "contents" in cls:
                out.append(["C"])
            elif "titlepage" in cls:
                skeleton(c[1], out, "titlepage:")
            else:
                skeleton(c[1], out, front)
        elif t == "HorizontalRule":
            out.append([front + "R"])
        else:
            out.append([front + t, " ".join(plain_blocks([b]))])
    return out


def meta_text(v):
    if v is None:
        return None
    if v["t"] == "MetaList":
        return "; ".join(meta_text(x) for x in v["c"])
    if v["t"] == "MetaInlines":
        return norm(text(v["c"]))
    if v["t"] == "MetaString":
        return norm(v["c"])
    if v["t"] == "MetaBlocks":
        return " ".join(plain_blocks(v["c"]))
    return str(v["c"])


def ranks(blocks):
    """Heading levels renumbered densely: only their order matters."""
    used = sorted({b[1] for b in blocks if b[0] == "H"})
    return [[b[0], used.index(b[1]) + 1, b[2]] if b[0] == "H" else b for b in blocks]


def got(path):
    t = json.load(open(path, encoding="utf-8"))
    meta = {k: meta_text(t["meta"].get(k)) for k in ("title", "subtitle", "author", "date")
            if k in t["meta"]}
    return {"meta": meta, "blocks": ranks(skeleton(t["blocks"], []))}


def letters(s):
    return "".join(ch for ch in unicodedata.normalize("NFKC", s or "").lower() if ch.isalnum())


def same_title(got, want):
    """The paired books' rule (pgscore.py): the same letters and digits, or
    the main title (before ":", ";" or ", or") of one is the other."""
    a, b = letters(got), letters(want)
    if not a or not b:
        return a == b

    def main(s):
        return letters(re.split(r"[:;]|,\s*or\b|\bor,", s, maxsplit=1)[0])
    return a == b or main(got) == b or main(want) == a or (main(got) and main(got) == main(want))


def diff_only(e, g):
    """Title-page variants: the title and author only."""
    out = []
    for k in e["only"]:
        w, x = e["meta"].get(k), g["meta"].get(k)
        ok = same_title(x, w) if k == "title" else letters(x) == letters(w)
        if not ok:
            out.append("meta %s: want %r got %r" % (k, w, x))
    return out


def want(path):
    e = json.load(open(path, encoding="utf-8"))
    meta = {k: norm(v) for k, v in e["meta"].items()}
    blocks = []
    for b in e["blocks"]:
        if b[0] == "V":
            blocks.append(["V", [norm(x) for x in b[1]]])
        elif b[0] == "H":
            blocks.append(["H", b[1], norm(b[2])])
        elif len(b) > 1:
            blocks.append([b[0], norm(b[1])])
        else:
            blocks.append(b)
    return {"meta": meta, "blocks": ranks(blocks)}


def short(b):
    s = json.dumps(b, ensure_ascii=False)
    return s if len(s) < 90 else s[:87] + "..."


def diff(w, g):
    out = []
    for k in sorted(set(w["meta"]) | set(g["meta"])):
        if w["meta"].get(k) != g["meta"].get(k):
            out.append("meta %s: want %r got %r" % (k, w["meta"].get(k), g["meta"].get(k)))
    a, b = w["blocks"], g["blocks"]
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    if i < len(a) or i < len(b):
        out.append("block %d: want %s got %s" % (i, short(a[i]) if i < len(a) else "end",
                                                 short(b[i]) if i < len(b) else "end"))
    return out


def main():
    vdir, odir, threshold = sys.argv[1], sys.argv[2], float(sys.argv[3])
    verbose = "-v" in sys.argv[4:]
    groups = {}
    shown = 0
    for e in sorted(glob.glob(os.path.join(vdir, "*.expect.json"))):
        name = os.path.basename(e)[:-len(".expect.json")]
        group = name.split("--")[0]
        out = os.path.join(odir, name + ".json")
        try:
            raw = json.load(open(e, encoding="utf-8"))
            d = diff_only(raw, got(out)) if "only" in raw else diff(want(e), got(out))
        except (OSError, ValueError, KeyError) as x:
            d = ["no output: %s" % x]
        groups.setdefault(group, []).append(not d)
        if d and (verbose or shown < 12):
            shown += 1
            print("  %s: %s" % (name, "; ".join(d)))
    total = sum(len(v) for v in groups.values())
    ok = sum(sum(v) for v in groups.values())
    for g in sorted(groups):
        v = groups[g]
        if verbose or not all(v):
            print("  %-28s %d/%d" % (g, sum(v), len(v)))
    pct = 100.0 * ok / total if total else 0.0
    verdict = "PASS" if total and pct >= threshold else "FAIL"
    print("%s reader-variants: %d/%d variants (%.1f%%) give the structure rendered "
          "(at least %g%% needed)" % (verdict, ok, total, pct, threshold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
