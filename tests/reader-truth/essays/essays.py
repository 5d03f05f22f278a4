#!/usr/bin/env python3
"""Scores the plain-text reader on the hand-written short essays.

usage: essays.py SAMIZDAT [--all | --aside | NN ...] [-v] [--min N] [--dump NN]

Each essay is NN-name.txt beside NN-name.truth, its structure written by
hand (the format is in README.md).  The truth is compiled into the skeleton
tests/reader-variants/check.py compares ({"meta": ..., "blocks": [...]}),
with two additions: ["UL", [items]] and ["OL", [items]] for lists, and a
quotation holding only verse is ["V", lines]; the label the reader keeps
over notes that went to their markers (a Div of class notes) goes with them.  For each essay it prints the
checks that fail: meta (title, subtitle, author, date), headings (texts and
levels, in order) and blocks (the whole sequence), then one line of totals.
The essays listed in ASIDE are left out unless --aside or --all is given.
With --min N the exit status is 1 when fewer than N essays come out exact.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "reader-variants"))
import check  # noqa: E402
sys.path.insert(0, os.path.join(HERE, ".."))
import blocks  # noqa: E402

# Set aside: written and scored before any rule was written for them (26-30;
# 21-25 were the third five set aside, 16-20 the second,
# 03 06 09 12 15 the first; each became working essays later).
ASIDE = {"26", "27", "28", "29", "30"}

MARK = re.compile(r"^\s*(?:[-*\u2022\u2013]|\(?\d+[.)]|\(?[a-z][.)])\s+")


def decode(path):
    return blocks.read_text(path, "latin-1")


class Source:
    """The essay's text, searched in order: each block's text is found
    after the previous one's, so a truth line cannot point backwards."""

    def __init__(self, text):
        self.text = text
        self.pos = 0

    def span(self, spec, name):
        if " \u2026 " in spec:
            a, z = spec.split(" \u2026 ", 1)
        else:
            a, z = spec, None
        i = self.text.find(a, self.pos)
        if i < 0:
            raise ValueError("%s: %r not found after offset %d" % (name, a, self.pos))
        if z is None:
            j = i + len(a)
        else:
            j = self.text.find(z, i + len(a))
            if j < 0:
                raise ValueError("%s: end %r not found" % (name, z))
            j += len(z)
        self.pos = j
        return self.text[i:j]


def joined(s):
    return " ".join(x.strip() for x in s.split("\n"))


def items(s):
    out = []
    for line in s.split("\n"):
        if MARK.match(line) or not out:
            out.append(MARK.sub("", line).strip())
        else:
            out[-1] += " " + line.strip()
    return out


def compile_truth(path):
    name = os.path.basename(path)
    src = Source(decode(path[:-len(".truth")] + ".txt"))
    meta, blocks, notes = {}, [], []
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"(title|subtitle|author|date):\s*(.*)$", line)
        if m:
            meta[m.group(1)] = check.norm(m.group(2))
            continue
        kind, _, spec = line.partition(" ")
        if kind == "note":
            marker, _, body = spec.partition(" = ")
            notes.append((marker, joined(src.span(body, name))))
            continue
        s = src.span(spec, name)
        if re.match(r"H\d$", kind):
            blocks.append(["H", int(kind[1:]), check.norm(joined(s))])
        elif kind == "P":
            blocks.append([kind, joined(s)])
        elif kind == "Q":      # an e-mail style "> " marker is not the quotation's text
            blocks.append([kind, joined(re.sub(r"(?m)^[ \t]*>[ \t]?", "", s))])
        elif kind == "V":
            blocks.append(["V", [check.norm(x.strip()) for x in s.split("\n") if x.strip()]])
        elif kind in ("UL", "OL"):
            blocks.append([kind, [check.norm(x) for x in items(s)]])
        else:
            raise ValueError("%s: unknown block kind %r" % (name, kind))
    for marker, body in notes:
        for b in blocks:
            if b[0] in ("P", "Q") and marker in b[1]:
                b[1] = b[1].replace(marker, "[^%s]" % body, 1)
                break
        else:
            raise ValueError("%s: note marker %r in no paragraph" % (name, marker))
    for b in blocks:
        if b[0] in ("P", "Q"):
            b[1] = check.norm(b[1])
    return {"meta": meta, "blocks": check.ranks(blocks)}


def skeleton(bs, out):
    for b in bs:
        t, c = b["t"], b.get("c")
        if t in ("BulletList", "OrderedList"):
            its = c if t == "BulletList" else c[1]
            out.append(["UL" if t == "BulletList" else "OL",
                        [" ".join(check.plain_blocks(i)) for i in its]])
        elif t == "BlockQuote" and c and all(x["t"] == "LineBlock" for x in c):
            out.append(["V", check.plain_blocks(c)])
        elif t == "Div" and "notes" in c[0][1]:
            continue       # the label over notes that went to their markers
        elif t == "Div" and "contents" not in c[0][1] and "titlepage" not in c[0][1]:
            skeleton(c[1], out)
        else:
            check.skeleton([b], out)
    return out


def read(samizdat, txt):
    r = subprocess.run([samizdat, "-f", "essay", "-t", "json", txt], capture_output=True)
    if r.returncode != 0:
        raise ValueError("exit %d: %s" % (r.returncode, r.stderr.decode()[:200]))
    t = json.loads(r.stdout.decode("utf-8"))
    meta = {k: check.meta_text(t["meta"].get(k)) for k in ("title", "subtitle", "author", "date")
            if k in t["meta"]}
    return {"meta": meta, "blocks": check.ranks(skeleton(t["blocks"], []))}


def heads(bs):
    return [b for b in bs if b[0] == "H"]


def main():
    args = sys.argv[1:]
    samizdat = args.pop(0)
    verbose = "-v" in args
    want_min = None
    if "--min" in args:
        want_min = int(args[args.index("--min") + 1])
    if "--dump" in args:
        n = args[args.index("--dump") + 1]
        for p in glob.glob(os.path.join(HERE, n + "-*.truth")):
            print(json.dumps(compile_truth(p), ensure_ascii=False, indent=1))
        return 0
    picked = [a for k, a in enumerate(args)
              if re.match(r"\d\d$", a) and not (k and args[k - 1] in ("--min", "--dump"))]
    rows = []
    for p in sorted(glob.glob(os.path.join(HERE, "*.truth"))):
        n = os.path.basename(p)[:2]
        if picked:
            if n not in picked:
                continue
        elif "--all" in args:
            pass
        elif "--aside" in args:
            if n not in ASIDE:
                continue
        elif n in ASIDE:
            continue
        name = os.path.basename(p)[:-len(".truth")]
        w = compile_truth(p)
        try:
            g = read(samizdat, p[:-len(".truth")] + ".txt")
        except (ValueError, OSError) as x:
            rows.append((name, False, False, False, False, ["no output: %s" % x]))
            continue
        fails = []
        mk = {}
        for k in ("title", "subtitle", "author", "date"):
            mk[k] = w["meta"].get(k) == g["meta"].get(k)
            if not mk[k]:
                fails.append("meta %s: want %r got %r" % (k, w["meta"].get(k), g["meta"].get(k)))
        hok = heads(w["blocks"]) == heads(g["blocks"])
        if not hok:
            a, b = heads(w["blocks"]), heads(g["blocks"])
            fails.append("headings: want %d got %d; missing %s; extra %s" % (
                len(a), len(b), [x for x in a if x not in b][:3], [x for x in b if x not in a][:3]))
        bok = w["blocks"] == g["blocks"]
        if not bok:
            fails.extend(d for d in check.diff({"meta": {}, "blocks": w["blocks"]},
                                               {"meta": {}, "blocks": g["blocks"]}))
        rows.append((name, mk["title"] and mk["subtitle"], mk["author"] and mk["date"], hok, bok,
                     fails))
    for name, t, a, h, b, fails in rows:
        ok = t and a and h and b
        if verbose or not ok:
            print("  %-24s %s" % (name, "exact" if ok else "; ".join(fails)))
    n = len(rows)
    exact = sum(1 for r in rows if r[1] and r[2] and r[3] and r[4])
    print("essays: %d/%d exact; title+subtitle %d/%d, author+date %d/%d, headings %d/%d, "
          "blocks %d/%d" % (exact, n, sum(r[1] for r in rows), n, sum(r[2] for r in rows), n,
                            sum(r[3] for r in rows), n, sum(r[4] for r in rows), n))
    if want_min is not None and exact < want_min:
        print("FAIL essays: %d exact, at least %d needed" % (exact, want_min))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
