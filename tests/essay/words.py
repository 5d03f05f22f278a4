#!/usr/bin/env python3
"""words.py INPUT OUTPUT [--native|--json] [--gutenberg]

No text lost: the words of INPUT (a text file) equal, in order, the words of
the Str nodes of OUTPUT (samizdat -t native or -t json).  Typography the
reader adds (curly quotes, dashes, ellipses, emphasis marks) is undone on
both sides before comparing.  Exit 0 when equal, 1 with the first
difference otherwise."""
import json
import re
import sys

TYPO = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
                      '\u2014': '--', '\u2026': '...', '_': None, '*': None,
                      '\ufeff': None})


def norm(words):
    out = []
    for w in words:
        w = w.translate(TYPO).replace('----', '--').replace('---', '--')
        # dashes and ellipses may join or split words; compare runs of
        # letters and digits only
        out.extend(t for t in re.split(r'[^\w]+', w) if t)
    return out


def native_strs(text):
    out = []
    for line in text.splitlines():
        s = line.strip()
        if s.startswith('Str "') or s.startswith('MetaString "'):
            body = s[s.index('"') + 1:-1]
            body = re.sub(r'\\x([0-9a-f]{2})', lambda m: chr(int(m.group(1), 16)), body)
            body = body.replace('\\n', '\n').replace('\\t', '\t')
            body = body.replace('\\"', '"').replace('\\\\', '\\')
            out.append(body)
    return out


def json_strs(node, out):
    if isinstance(node, dict):
        if node.get('t') == 'Str':
            out.append(node['c'])
            return
        for v in node.values():
            json_strs(v, out)
    elif isinstance(node, list):
        for v in node:
            json_strs(v, out)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    raw = open(src, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        text = raw.decode('cp1252', errors='replace')
    got = open(dst, encoding='utf-8').read()
    if '--json' in sys.argv:
        strs = []
        json_strs(json.loads(got).get('blocks'), strs)
    else:
        strs = native_strs(got)
    a = norm(text.split())
    b = norm(strs)
    if a == b:
        print('%d words, all kept in order' % len(a))
        return 0
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            print('word %d differs: input %r, output %r; context %r / %r'
                  % (i, x, y, a[max(0, i - 5):i + 5], b[max(0, i - 5):i + 5]))
            return 1
    print('lengths differ: input %d words, output %d' % (len(a), len(b)))
    return 1


sys.exit(main())
