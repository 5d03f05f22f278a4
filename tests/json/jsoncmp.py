#!/usr/bin/env python3
# jsoncmp.py
# Compares two pandoc JSON documents semantically; prints the first difference.
# See LICENSE.
#
# Usage: jsoncmp.py [--any-version] EXPECTED ACTUAL
# The api versions must be equal unless --any-version; pandoc-types 1.22's
# Null blocks are ignored on both sides (1.23 has none).
import json
import sys


def strip_null(x):
    if isinstance(x, list):
        return [strip_null(e) for e in x
                if not (isinstance(e, dict) and e.get("t") == "Null")]
    if isinstance(x, dict):
        return {k: strip_null(v) for k, v in x.items()}
    return x


def diff(a, b, path, names=("expected", "actual")):
    """The first difference between a and b (key order ignored), or None;
    names say which side is which in the message."""
    if type(a) is not type(b):
        return "%s: %s vs %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s: key %r only in %s" % (path, k, names[0] if k in a else names[1])
            d = diff(a[k], b[k], "%s.%s" % (path, k), names)
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, "%s[%d]" % (path, i), names)
            if d:
                return d
        if len(a) != len(b):
            return "%s: %d vs %d elements" % (path, len(a), len(b))
        return None
    if a != b:
        return "%s: %s %r, %s %r" % (path, names[0], a, names[1], b)
    return None


def against_pandoc(exp_path, act_path):
    """pandoc's JSON (exp_path) and samizdat's (act_path), Null blocks
    dropped, pandoc's api version taken as samizdat's, and the first
    difference between them: (expected, actual, difference or None), or
    (None, None, "no JSON: why") when a file cannot be read."""
    try:
        with open(exp_path, encoding="utf-8") as fh:
            e = strip_null(json.load(fh))
        with open(act_path, encoding="utf-8") as fh:
            a = strip_null(json.load(fh))
        e["pandoc-api-version"] = a.get("pandoc-api-version")
        return e, a, diff(e, a, "$", ("pandoc", "samizdat"))
    except (OSError, ValueError) as err:
        return None, None, "no JSON: %s" % err


def main():
    args = sys.argv[1:]
    anyver = args and args[0] == "--any-version"
    if anyver:
        args = args[1:]
    docs = []
    for f in args:
        with open(f, encoding="utf-8") as fh:
            d = strip_null(json.load(fh))
        if anyver:
            d["pandoc-api-version"] = d["pandoc-api-version"][:1]
        docs.append(d)
    d = diff(docs[0], docs[1], "$")
    if d:
        print(d)
        sys.exit(1)


if __name__ == "__main__":
    main()
