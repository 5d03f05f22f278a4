#!/usr/bin/env python3
"""verse.py: which verse blocks of a paired book agree with its truth.

The truth's verse_blocks is a count (pgscore's verse recall compares counts), so
a reader that sets letters or lists as verse can make up for verse it misses.
This module finds the truth's verse blocks themselves, by running
../shared/tools/pgtruth.py's extractor over the book's HTML and keeping the text
of each block it counts, and aligns them with the reader's LineBlocks by text:
a block aligns when the middle of its normalised text (up to 40 letters and
digits, as pgtruth's same-work check) occurs in a block of the other side, or
the middle of one of those occurs in it (a poem one side sets as one block and
the other as stanzas).

  precision(doc, units): share of the reader's LineBlocks (outside front-matter
      Divs, as pgscore counts them) that align with a truth verse block.
  found(doc, units): how many truth verse blocks align with a LineBlock (verse
      recall by text, where pgscore's compares counts).
  python3 verse.py SAMIZDAT N...: for dev book N, list the truth's verse blocks
      the reader misses and the reader's verse blocks the truth does not have.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHUNK = 40


def truth_units(htm, txt, pgtruth):
    """Normalised text of each block the truth counts as verse, in order."""
    units = []
    norm = pgtruth.norm

    class Units(pgtruth.Extractor):
        def count_stanzas(self, n):
            got = super().count_stanzas(n)
            kids = [k for k in n.children if isinstance(k, pgtruth.Node) and
                    k.tag in ("p", "div") and norm(pgtruth.text_of(k)) and not self.line_like(k)]
            if len(kids) >= 2:
                units.extend(norm(pgtruth.text_of(k, clean=True)) for k in kids)
            elif not any(isinstance(k, pgtruth.Node) and k.tag == "pre" for k in n.children):
                if got:
                    units.append(norm(pgtruth.text_of(n, clean=True)))
            return got

        def count_pre_stanzas(self, n):
            got = super().count_pre_stanzas(n)
            t = pgtruth.text_of(n)
            groups = [g for g in re.split(r"\n\s*\n", t) if g.strip()]
            units.extend(norm(g) for g in groups[:got] or [t])
            return got

        def br_verse(self, n):
            yes = super().br_verse(n)
            if yes:
                units.append(norm(pgtruth.text_of(n, clean=True)))
            return yes

    root, _ = pgtruth.parse_html(open(htm, 'rb').read())
    ex = Units(root, pgtruth.decode_txt(open(txt, 'rb').read()))
    ex.run()
    return units, ex.verse


def our_blocks(doc, pgscore):
    """Normalised text of each LineBlock pgscore counts (none in front matter)."""
    out = []

    def walk(blocks, front):
        for b in blocks or []:
            if not isinstance(b, dict):
                continue
            t, c = b.get('t'), b.get('c')
            if t == 'LineBlock':
                if not front:
                    out.append(pgscore.norm(' '.join(pgscore.stringify(x) for x in c)))
            elif t == 'BlockQuote':
                walk(c, front)
            elif t == 'Div':
                walk(c[1], front or bool(pgscore.FRONT & set(c[0][1])))
            elif t == 'BulletList':
                for it in c:
                    walk(it, front)
            elif t == 'OrderedList':
                for it in c[1]:
                    walk(it, front)
            elif t == 'DefinitionList':
                for _, defs in c:
                    for d in defs:
                        walk(d, front)
            elif t == 'Figure':
                walk(c[2], front)
    walk(doc.get('blocks', []), False)
    return out


def middle(k):
    if len(k) <= CHUNK:
        return k
    s = (len(k) - CHUNK) // 2
    return k[s:s + CHUNK]


def aligned(blocks, others):
    """For each block, does it overlap one of others: its middle occurs in one,
    or one's middle (of a dozen letters or more) occurs in it?  A poem on one
    side may be its stanzas on the other."""
    joined = '|'.join(others)
    mids = [m for m in (middle(k) for k in others) if len(m) >= 12]
    return [bool(k) and (middle(k) in joined or any(m in k for m in mids)) for k in blocks]


def precision(doc, units, pgscore):
    """(aligned, ours): how many of the reader's verse blocks the truth has."""
    ours = our_blocks(doc, pgscore)
    return sum(aligned(ours, units)), len(ours)


def found(doc, units, pgscore):
    """How many of the truth's verse blocks the reader's verse blocks hold."""
    return sum(aligned(units, our_blocks(doc, pgscore)))


def main():
    exe = sys.argv[1]
    shared = os.environ.get('SZ_SHARED', os.path.join(HERE, '..', '..', '..', 'shared'))
    corpus = os.path.join(shared, 'corpus', 'paired')
    sys.path.insert(0, os.path.join(shared, 'tools'))
    import pgscore
    import pgtruth
    for n in sys.argv[2:]:
        if int(n) % 3 == 0:
            print('%s: held out, not read' % n)
            continue
        base = os.path.join(corpus, n, n)
        units, count = truth_units(base + '.htm', base + '.txt', pgtruth)
        r = subprocess.run([exe, '-f', 'essay', '-t', 'json', base + '.txt'],
                           capture_output=True, check=True)
        ours = our_blocks(json.loads(r.stdout.decode('utf-8')), pgscore)
        got = aligned(units, ours)
        right = aligned(ours, units)
        print('== %s: truth %d verse blocks (%d texts), %d found; ours %d, %d in the truth'
              % (n, count, len(units), sum(got), len(ours), sum(right)))
        for k, ok in zip(units, got):
            if not ok:
                print('  missed: %s' % k[:100])
        for k, ok in zip(ours, right):
            if not ok:
                print('  extra:  %s' % k[:100])


if __name__ == '__main__':
    main()
