#!/usr/bin/env python3
# agree.py
# The HTML reader against pandoc -f html: for each document, exact JSON
# equality (tests/json/jsoncmp.py's diff) and a structural agreement figure.
# See LICENSE.
#
# Usage: agree.py EXPECTED_DIR ACTUAL_DIR KNOWN_DIFFS     (the test suite)
#        agree.py --score PANDOC.json SAMIZDAT.json       (one document)
# Structural agreement: both block trees flattened to (depth, block kind,
# normalised text) rows, compared with difflib's ratio; 1.0 means the same
# blocks with the same words.  An input listed in KNOWN_DIFFS ("NAME reason")
# that differs is a SKIP naming the reason; one that no longer differs is a
# FAIL, so the list stays true.
import difflib
import json
import os
import sys
import unicodedata

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "json"))
from jsoncmp import against_pandoc  # noqa: E402

CONTAINERS = {"Div", "BlockQuote", "BulletList", "OrderedList", "DefinitionList", "Table",
              "Figure", "LineBlock"}


def text(x):
    if isinstance(x, list):
        return " ".join(text(i) for i in x)
    if isinstance(x, dict):
        if x.get("t") == "Str":
            return x["c"]
        if x.get("t") == "Note":
            return ""
        return text(x.get("c"))
    return ""


def norm(s):
    s = unicodedata.normalize("NFKC", s).lower()
    return "".join(ch for ch in s if ch.isalnum())


def rows(blocks, depth, out):
    for b in blocks:
        if not isinstance(b, dict):
            continue
        t = b.get("t")
        c = b.get("c")
        if t == "Div":
            rows(c[1], depth + 1, out)
        elif t == "BlockQuote":
            out.append((depth, t, ""))
            rows(c, depth + 1, out)
        elif t in ("BulletList", "OrderedList", "DefinitionList", "Table", "Figure"):
            out.append((depth, t, ""))
            out.append((depth + 1, "text", norm(text(c))))
        elif t == "LineBlock":
            out.append((depth, t, norm(text(c))))
        elif t == "Header":
            out.append((depth, t + str(c[0]), norm(text(c[2]))))
        elif t in ("Para", "Plain"):
            out.append((depth, "Para", norm(text(c))))
        else:
            out.append((depth, t, norm(text(c))))
    return out


def score(p, s):
    a = rows(p.get("blocks", []), 0, [])
    b = rows(s.get("blocks", []), 0, [])
    # depth is left out: unwrapped Divs change it and nothing else
    a = [(k, t) for _, k, t in a]
    b = [(k, t) for _, k, t in b]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def main():
    if sys.argv[1] == "--score":
        with open(sys.argv[2], encoding="utf-8") as f:
            p = json.load(f)
        with open(sys.argv[3], encoding="utf-8") as f:
            s = json.load(f)
        print("%.4f" % score(p, s))
        return 0
    exp_dir, act_dir, known_file = sys.argv[1:4]
    known = {}
    with open(known_file, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                name, why = line.split(None, 1)
                known[name] = why
    same = total = 0
    ratios = []
    for f in sorted(os.listdir(exp_dir)):
        name = f[:-5]
        label = "html: %s agrees with pandoc -f html" % name
        total += 1
        e, a, d = against_pandoc(os.path.join(exp_dir, f), os.path.join(act_dir, f))
        if e is not None:
            ratios.append(score(e, a))
        k = known.get(name)
        if not d:
            same += 1
            print(("FAIL %s: listed in known-diffs.txt but now equals pandoc" % label) if k
                  else "PASS %s" % label)
        elif k:
            print("SKIP %s: known difference: %s" % (label, k))
        else:
            print("FAIL %s: %s" % (label, d))
    print("PASS html: %d of %d inputs equal to pandoc's JSON; structural agreement %.3f"
          % (same, total, sum(ratios) / max(1, len(ratios))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
