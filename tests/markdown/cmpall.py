#!/usr/bin/env python3
# cmpall.py
# Compares samizdat's JSON of every test input with pandoc's, structurally.
# See LICENSE.
#
# Usage: cmpall.py EXPECTED_DIR ACTUAL_DIR KNOWN_DIFFS
# Prints PASS/FAIL/SKIP per input and format, then the agreement per format.
# An input listed in KNOWN_DIFFS ("NAME FORMAT reason") that differs is a
# SKIP naming the reason; one that no longer differs is a FAIL, so the list
# stays true.
import json
import os
import sys



def strip_null(x):
    """pandoc-types 1.22's Null blocks are ignored (1.23 has none)."""
    if isinstance(x, list):
        return [strip_null(e) for e in x
                if not (isinstance(e, dict) and e.get("t") == "Null")]
    if isinstance(x, dict):
        return {k: strip_null(v) for k, v in x.items()}
    return x


def diff(a, b, path):
    """The first difference between a and b (key order ignored), or None."""
    if type(a) is not type(b):
        return "%s: %s vs %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s: key %r only in %s" % (path, k, "pandoc" if k in a else "samizdat")
            d = diff(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(a) != len(b):
            return "%s: %d vs %d elements" % (path, len(a), len(b))
        return None
    if a != b:
        return "%s: pandoc %r, samizdat %r" % (path, a, b)
    return None


exp_dir, act_dir, known_file = sys.argv[1:4]
known = {}
with open(known_file, encoding="utf-8") as fh:
    for line in fh:
        line = line.strip()
        if line and not line.startswith("#"):
            name, fmt, why = line.split(None, 2)
            known[(name, fmt)] = why
same = {}
total = {}
for f in sorted(os.listdir(exp_dir)):
    name, fmt, _ = f.rsplit(".", 2)
    total[fmt] = total.get(fmt, 0) + 1
    label = "markdown: %s -f %s" % (name, fmt)
    try:
        with open(os.path.join(exp_dir, f), encoding="utf-8") as fh:
            e = strip_null(json.load(fh))
        with open(os.path.join(act_dir, f), encoding="utf-8") as fh:
            a = strip_null(json.load(fh))
        e["pandoc-api-version"] = a.get("pandoc-api-version")
        d = diff(e, a, "$")
    except (OSError, ValueError) as err:
        d = "no JSON: %s" % err
    k = known.get((name, fmt))
    if not d:
        same[fmt] = same.get(fmt, 0) + 1
        if k:
            print("FAIL %s: listed in known-diffs.txt but now equals pandoc" % label)
        else:
            print("PASS %s equals pandoc 2.17" % label)
    elif k:
        print("SKIP %s: known difference (%s): %s" % (label, k, d[:150]))
    else:
        print("FAIL %s: %s" % (label, d[:300]))
for fmt in sorted(total):
    print("PASS markdown: agreement with pandoc -f %s: %d of %d inputs identical"
          % (fmt, same.get(fmt, 0), total[fmt]))
