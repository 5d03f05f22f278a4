#!/usr/bin/env python3
"""outline.py BOOK.txt [SAMIZDAT]: what the reader made of a book, in the
shape of a ground-truth file: title, author, lang, headings with levels,
paragraph, verse, quote, note and figure counts.  Used by score.py and to
start a truth file by hand (then correct it by reading the book)."""
import json
import os
import subprocess
import sys


def stringify(x):
    out = []

    def walk(n):
        if isinstance(n, dict):
            t = n.get('t')
            if t == 'Str':
                out.append(n['c'])
            elif t in ('Space', 'SoftBreak', 'LineBreak'):
                out.append(' ')
            elif t == 'Note':
                return
            elif 'c' in n:
                walk(n['c'])
        elif isinstance(n, list):
            for v in n:
                walk(v)
    walk(x)
    return ''.join(out).strip()


def meta_text(meta, key):
    v = meta.get(key)
    if v is None:
        return None
    if v['t'] == 'MetaString':
        return v['c']
    return stringify(v['c'])


def outline(path, exe):
    r = subprocess.run([exe, '-t', 'json', path], capture_output=True)
    doc = json.loads(r.stdout.decode('utf-8'))
    res = {'title': meta_text(doc['meta'], 'title'),
           'author': meta_text(doc['meta'], 'author'),
           'lang': meta_text(doc['meta'], 'lang'),
           'headings': [], 'paragraphs': 0, 'verse': 0, 'verse_lines': 0, 'quotes': 0, 'notes': 0,
           'figures': 0, 'rules': 0}

    def walk(blocks, top):
        for b in blocks:
            t = b['t']
            if t == 'Header':
                res['headings'].append([b['c'][0], stringify(b['c'][2])])
            elif t == 'Para' and top:
                res['paragraphs'] += 1
            elif t == 'LineBlock':
                # the truth counts stanzas of two lines or more (extra.py);
                # a line of verse quoted alone is counted apart
                res['verse' if len(b['c']) >= 2 else 'verse_lines'] += 1
            elif t == 'BlockQuote':
                res['quotes'] += 1
                walk(b['c'], False)
            elif t == 'Figure':
                res['figures'] += 1
            elif t == 'HorizontalRule':
                res['rules'] += 1
            elif t == 'Div':
                if set(b['c'][0][1]) & {'boilerplate', 'contents', 'titlepage'}:
                    continue
                walk(b['c'][1], top)
            # a marker may stand in a line of verse or of an inscription
            # (FORMERLY OF SALT LAKE CITY, [22]) as well as in a paragraph
            if t in ('Para', 'Header', 'LineBlock'):
                res['notes'] += json.dumps(b).count('"t": "Note"')
    walk(doc['blocks'], True)
    return res


if __name__ == '__main__':
    exe = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), '..', '..', 'build', 'samizdat')
    o = outline(sys.argv[1], exe)
    heads = o.pop('headings')
    print(json.dumps(o, ensure_ascii=False))
    for lv, t in heads:
        print('  ' * (lv - 1) + '%d %s' % (lv, t))
