#!/usr/bin/env python3
# tests/plain/width.py N FILE... : checks plain output.  Fails when a line is
# wider than N display columns (East Asian wide/fullwidth 2, combining marks
# and format characters 0) unless, after its indent, it is one unbreakable
# piece (no space in it).  Computed independently of utf8proc.
import sys
import unicodedata


def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ('Mn', 'Me', 'Cf', 'Cc'):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1
    return w


def main():
    n = int(sys.argv[1])
    bad = 0
    for path in sys.argv[2:]:
        with open(path, encoding='utf-8') as f:
            for no, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if width(line) > n and ' ' in line.strip():
                    bad += 1
                    if bad <= 5:
                        print('%s:%d: %d columns: %s' % (path, no, width(line), line))
    if bad:
        print('%d lines wider than %d' % (bad, n))
    sys.exit(1 if bad else 0)


main()
