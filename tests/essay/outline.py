#!/usr/bin/env python3
"""outline.py FILE.json: a document tree (pandoc JSON) as one line per block,
for golden files small enough to review by eye: the metadata title and
author, then each block as KIND: TEXT (Header with its level), Divs and
line blocks with their contents indented."""
import json
import sys


def text(x):
    if isinstance(x, list):
        return ''.join(text(i) for i in x)
    if isinstance(x, dict):
        t, c = x.get('t'), x.get('c')
        if t == 'Str':
            return c
        if t in ('Space', 'SoftBreak'):
            return ' '
        if t == 'LineBreak':
            return ' / '
        if t in ('Emph', 'Strong', 'SmallCaps', 'Strikeout'):
            return text(c)
        if t == 'Quoted':
            return '“' + text(c[1]) + '”'
        if t in ('MetaInlines', 'MetaString'):
            return text(c)
        if t == 'Note':
            return '[^]'
        return text(c) if isinstance(c, list) else ''
    return ''


def blocks(bl, ind, out):
    for b in bl:
        t, c = b['t'], b.get('c')
        pre = '  ' * ind
        if t == 'Header':
            out.append('%sHeader %d: %s' % (pre, c[0], text(c[2])))
        elif t in ('Para', 'Plain'):
            out.append('%s%s: %s' % (pre, t, text(c)))
        elif t == 'LineBlock':
            out.append('%sLineBlock:' % pre)
            for line in c:
                out.append('%s  | %s' % (pre, text(line)))
        elif t == 'Div':
            out.append('%sDiv %s:' % (pre, ' '.join(c[0][1])))
            blocks(c[1], ind + 1, out)
        elif t == 'BlockQuote':
            out.append('%sBlockQuote:' % pre)
            blocks(c, ind + 1, out)
        else:
            out.append('%s%s' % (pre, t))


doc = json.load(open(sys.argv[1], encoding='utf-8'))
out = []
for key in ('title', 'subtitle', 'author', 'date'):
    v = doc['meta'].get(key)
    if v:
        out.append('%s: %s' % (key, text(v)))
blocks(doc['blocks'], 0, out)
print('\n'.join(out))
