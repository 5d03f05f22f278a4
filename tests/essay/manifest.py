#!/usr/bin/env python3
"""manifest.py SAMIZDAT CORPUS_DIR: every corpus book whose text names its
title and author in a Project Gutenberg header ("Title:", "Author:") or
footer ("End of the Project Gutenberg EBook of T, by A") gets them in its
metadata, as MANIFEST.tsv lists them: the manifest writes a title's wrapped
subtitle lines after "; ", the reader keeps them as `subtitle`.  The reader
leaves out what the catalogue adds to the book's own title and name: the
edition note ", Complete" (the edition gathers the parts; the title page
never prints it in the title) and another name in brackets after the
author's ("Mark Twain (Samuel Clemens)", "(AKA Linda Brent)").  Books with no
header compare the title as far as the footer names it ("Faust" for "Faust:
Eine Tragödie").  Prints the misses and a last line "N books, M wrong"."""
import csv
import json
import os
import re
import subprocess
import sys


def text_of(v):
    if v is None:
        return ''
    if v['t'] == 'MetaString':
        return v['c']
    out = []

    def walk(n):
        if isinstance(n, dict):
            if n.get('t') == 'Str':
                out.append(n['c'])
            elif n.get('t') in ('Space', 'SoftBreak', 'LineBreak'):
                out.append(' ')
            elif 'c' in n:
                walk(n['c'])
        elif isinstance(n, list):
            for x in n:
                walk(x)
    walk(v['c'])
    return ''.join(out)


def loose(s):
    return re.sub(r'\W+', '', (s or '').lower())


def catalogue_less(title, author):
    """The manifest's title and author without the catalogue's additions."""
    title = re.sub(r',\s*Complete\s*$', '', title or '', flags=re.I)
    author = re.sub(r'\s+\([^()]*\)\s*$', '', author or '')
    return title, author


def main():
    exe, corpus = sys.argv[1], sys.argv[2]
    books = wrong = 0
    rows = csv.DictReader(open(os.path.join(corpus, 'MANIFEST.tsv'), encoding='utf-8'),
                          delimiter='\t')
    for row in rows:
        path = os.path.join(corpus, row['file'])
        raw = open(path, 'rb').read()
        head, foot = raw[:6000], raw[-6000:]
        header = re.search(rb'^\s*Title:', head, re.M) is not None
        footer = re.search(rb'End of (the )?Project Gutenberg', foot, re.I) is not None
        if not (header or footer) or not row['title']:
            continue
        books += 1
        r = subprocess.run([exe, '-t', 'json', path], capture_output=True)
        meta = json.loads(r.stdout.decode('utf-8'))['meta']
        title = text_of(meta.get('title'))
        full = title + ' ' + text_of(meta.get('subtitle'))
        author = text_of(meta.get('author'))
        own_title, own_author = catalogue_less(row['title'], row['author'])
        if header:
            t_ok = loose(full) in (loose(row['title']), loose(own_title))
        else:
            t_ok = bool(loose(title)) and loose(row['title']).startswith(loose(title))
        a_ok = not row['author'] or loose(author) in (loose(row['author']), loose(own_author))
        if not (t_ok and a_ok):
            wrong += 1
            print('%s: title %r author %r; manifest: %r, %r'
                  % (row['file'], full.strip(), author, row['title'], row['author']))
    print('%d books, %d wrong' % (books, wrong))
    return 1 if wrong or not books else 0


sys.exit(main())
