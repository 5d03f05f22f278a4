#!/usr/bin/env python3
# pandoc-commands.py — runs pandoc's own test/command cases for its Markdown
# reader (`% pandoc -t native` and `% pandoc -f markdown -t native`) through
# samizdat and compares the trees as pandoc JSON.
# See LICENSE.
#
# Usage: pandoc-commands.py SAMIZDAT PANDOC_SRC|CASES_DIR [-v]
# The expected output is pandoc 3's native text; it is read here (a small
# reader of Haskell's `show` syntax) rather than by an installed pandoc, which
# may be too old to know `Figure`.
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "json"))
from jsoncmp import diff  # noqa: E402

COMMANDS = ("% pandoc -t native", "% pandoc -f markdown -t native")


def cases(path):
    """(line, input, expected) for every case of one of COMMANDS in path."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(`{3,})\s*$", lines[i])
        if m and i + 1 < len(lines) and lines[i + 1].strip() in COMMANDS:
            fence, start = m.group(1), i + 1
            j = i + 2
            inp = []
            while j < len(lines) and lines[j] != "^D":
                inp.append(lines[j])
                j += 1
            j += 1
            out = []
            while j < len(lines) and lines[j] != fence:
                if not lines[j].startswith("2> "):  # pandoc's warnings
                    out.append(lines[j])
                j += 1
            yield start, "\n".join(inp) + "\n", "\n".join(out)
            i = j + 1
        else:
            i += 1


# --- Haskell show syntax to pandoc JSON ---------------------------------------
TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:e-?\d+)?)|([A-Za-z_][A-Za-z0-9_\']*)|(.))', re.S)
ESC = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "r": "\r", "a": "\a",
       "b": "\b", "f": "\f", "v": "\v", "&": ""}
ASCII = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF",
         "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
         "SUB", "ESC", "FS", "GS", "RS", "US", "SP", "DEL"]


def hstring(s):
    out, i = [], 1
    while i < len(s) - 1:
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        i += 1
        m = re.match(r"\d+", s[i:])
        if m:
            out.append(chr(int(m.group())))
            i += len(m.group())
            continue
        for name in sorted(ASCII, key=len, reverse=True):
            if s.startswith(name, i):
                out.append(chr(127 if name == "DEL" else 32 if name == "SP" else ASCII.index(name)))
                i += len(name)
                break
        else:
            if s[i] in " \n\t":  # a string gap \   \
                i = s.index("\\", i) + 1
                continue
            out.append(ESC.get(s[i], s[i]))
            i += 1
    return "".join(out)


# Newtypes and records pandoc's JSON writes as bare values or arrays.
BARE = {"Format", "RowSpan", "ColSpan", "RowHeadColumns", "Just"}
ARRAY = {"Caption", "TableHead", "TableBody", "TableFoot", "Row", "Cell", "Pandoc", "Meta"}


class Native:
    def __init__(self, text):
        self.toks = []
        for m in TOKEN.finditer(text):
            if m.group(0).strip():
                self.toks.append(m.groups())
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None, None, None)

    def take(self, ch=None):
        t = self.peek()
        if ch is not None and t[3] != ch:
            raise ValueError("expected %r at token %d, got %r" % (ch, self.i, t))
        self.i += 1
        return t

    def atom(self):
        """A value that can be a constructor argument."""
        s, n, ident, p = self.peek()
        if s is not None:
            self.i += 1
            return hstring(s)
        if n is not None:
            self.i += 1
            return float(n) if re.search(r"[.e]", n) else int(n)
        if ident is not None:
            self.i += 1
            if ident == "Nothing":
                return None
            if ident in ("True", "False"):
                return ident == "True"
            if self.peek()[3] == "{":
                return self.record()
            return {"t": ident}
        if p == "[":
            self.i += 1
            out = []
            while self.peek()[3] != "]":
                out.append(self.value())
                if self.peek()[3] == ",":
                    self.i += 1
            self.i += 1
            return out
        if p == "(":
            self.i += 1
            out = []
            while self.peek()[3] != ")":
                out.append(self.value())
                if self.peek()[3] == ",":
                    self.i += 1
            self.i += 1
            return out[0] if len(out) == 1 else out
        raise ValueError("unexpected token %r" % (self.peek(),))

    def record(self):
        self.take("{")
        out = {}
        while self.peek()[3] != "}":
            key = self.take()[2]
            self.take("=")
            out[key] = self.value()
            if self.peek()[3] == ",":
                self.i += 1
        self.take("}")
        return out

    def value(self):
        s, n, ident, p = self.peek()
        if ident is not None and ident not in ("Nothing", "True", "False"):
            if self.i + 1 < len(self.toks) and self.toks[self.i + 1][3] == "{":
                self.i += 1
                return self.record()
            self.i += 1
            args = []
            while True:
                q = self.peek()
                if q[3] in (",", "]", ")", "}", None) and q[0] is None and q[1] is None and q[2] is None:
                    break
                args.append(self.atom())
            if ident in BARE:
                return args[0]
            if ident in ARRAY:
                return args
            if not args:
                return {"t": ident}
            return {"t": ident, "c": args[0] if len(args) == 1 else args}
        return self.atom()


def native_blocks(text):
    p = Native(text)
    v = p.value()
    if p.i != len(p.toks):
        raise ValueError("trailing tokens at %d" % p.i)
    return v


def main():
    samizdat, src = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    total = ok = 0
    folder = os.path.join(src, "test", "command")
    if not os.path.isdir(folder):
        folder = src  # a folder of cases in the same form (tests/markdown/cases)
    for path in sorted(glob.glob(os.path.join(folder, "*.md"))):
        for line, inp, out in cases(path):
            total += 1
            name = "%s:%d" % (os.path.basename(path), line)
            try:
                want = native_blocks(out)
            except (ValueError, IndexError) as e:
                print("FAIL %s: expected output unreadable: %s" % (name, e))
                continue
            r = subprocess.run([samizdat, "-f", "markdown", "-t", "json"], input=inp.encode(),
                               capture_output=True)
            if r.returncode != 0:
                print("FAIL %s: exit %d: %s" % (name, r.returncode, r.stderr.decode()[:200]))
                continue
            got = json.loads(r.stdout)["blocks"]
            d = diff(want, got, "$")
            if d:
                if verbose:
                    print("FAIL %s: %s\n    %s" % (name, d[:300], inp[:300].replace("\n", "\n    ")))
                else:
                    print("FAIL %s" % name)
            else:
                ok += 1
    print("pandoc test/command, -f markdown -t native: %d of %d" % (ok, total))
    return ok, total


if __name__ == "__main__":
    main()
