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
import os
import sys

# One structural comparison for every suite: tests/json/jsoncmp.py's
# (imported without leaving a __pycache__ in the tree).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "json"))
from jsoncmp import against_pandoc  # noqa: E402


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
    d = against_pandoc(os.path.join(exp_dir, f), os.path.join(act_dir, f))[2]
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
