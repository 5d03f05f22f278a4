#!/usr/bin/env python3
"""vonly.py [SAMIZDAT] [NAME...]: scores the reader's verse on corpus books
whose verse alone was written down by reading them (verse-only/NAME.json).

A verse-only truth file names the book (`file`, in ../shared/corpus/gutenberg)
and lists, in the book's order:
  stanzas    [first line, lines]: each verse block of two lines or more as the
             book sets it off (a stanza; a poem without blank lines is one);
  lines      [text, 1]: a verse line quoted alone (not counted either way);
  not_verse  [first line, lines, what]: set-off blocks that are not verse
             (letters, lists, tables, addresses, prose quotations, notes);
  range      optional [first line, end line]: the truth covers only the text
             from the first line up to (not including) the end line; the
             reader's LineBlocks elsewhere are left out.
The lines of each entry are found in the book from its first line on, so
the truth names text, not line numbers.  Scoring compares lines, loosely
(letters and digits only), so that a poem the reader sets as one block and
the truth as stanzas (or the other way) still agrees, and a verse line
too long for the measure, turned over onto the next line of the book,
agrees with the reader's one line:
Front matter (title page, contents, PG's header and licence) is left out
on the reader's side, as pgscore leaves it out:
  found      a stanza is found when half its lines or more are lines of the
             reader's LineBlocks;
  false      a LineBlock is false when fewer than half its lines are verse
             lines of the truth (`not-verse` says how many of those are
             blocks the truth lists as not verse).
Prints one line per book and a total; with SZ_VONLY_VERBOSE=1 the stanzas
missed and the false blocks.  Nothing here touches score.py's figures."""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import blocks  # noqa: E402
import outline  # noqa: E402

# letters a line of the reader's must open with a verse line's to be that
# line and its turnover joined
HEAD = 20
# front matter, as pgscore counts it: its LineBlocks count neither way
FRONT = {'titlepage', 'contents', 'boilerplate', 'frontmatter', 'toc'}


def key(s):
    return ''.join(ch for ch in s.lower() if ch.isalnum())


def book_lines(path):
    return blocks.read_text(path, 'latin-1').split('\n')


def find(lines, text, at, what, n=1):
    """The first line from `at` on that reads `text`; for an entry of two
    lines or more, one that a blank line follows is passed over for a later
    one that goes on (a song's first line quoted alone in the prose before
    the song is printed whole)."""
    first = key(text)
    hits = (i for i in range(at, len(lines)) if key(lines[i]) == first)
    i = next(hits, None)
    if i is None:
        raise SystemExit('%s: %r not found in the book' % (what, text))
    if n > 1 and not (i + 1 < len(lines) and lines[i + 1].strip()):
        i = next((j for j in hits if j + 1 < len(lines) and lines[j + 1].strip()), i)
    return i


def locate(lines, entries, what, at=0):
    """Lines of each entry, found in order from its first line."""
    out = []
    for e in entries:
        n = e[1]
        i = find(lines, e[0], at, what, n)
        body = [key(t) for t in lines[i:i + n] if t.strip()]
        out.append(body)
        at = i + 1
    return out


def reader_blocks(path, exe):
    r = subprocess.run([exe, '-t', 'json', path], capture_output=True, check=True)
    doc = json.loads(r.stdout.decode('utf-8'))
    out = []

    def walk(blocks):
        for b in blocks or []:
            if not isinstance(b, dict):
                continue
            t, c = b.get('t'), b.get('c')
            if t == 'LineBlock':
                out.append([key(outline.stringify(ln)) for ln in c])
            elif t == 'Div':
                if not FRONT & set(c[0][1]):
                    walk(c[1])
            elif t in ('BlockQuote',):
                walk(c)
            elif t == 'BulletList':
                for it in c:
                    walk(it)
            elif t == 'OrderedList':
                for it in c[1]:
                    walk(it)
    walk(doc.get('blocks', []))
    return [[k for k in b if k] for b in out]


def in_range(blocks, keys, lo, hi):
    """The blocks whose first line the book has between lo and hi, found in
    order (a block not found goes with the one before it)."""
    out, at, inside = [], 0, lo == 0
    for b in blocks:
        if b:
            i = next((j for j in range(at, len(keys)) if keys[j] == b[0]), None)
            if i is None:
                i = next((j for j in range(at, len(keys)) if keys[j].startswith(b[0][:30])),
                         None)
            if i is not None:
                at, inside = i + 1, lo <= i < hi
        if inside:
            out.append(b)
    return out


def main():
    args = sys.argv[1:]
    exe = args.pop(0) if args else os.path.join(HERE, '..', '..', 'build', 'samizdat')
    shared = os.environ.get('SZ_SHARED', os.path.join(HERE, '..', '..', '..', 'shared'))
    corpus = os.path.join(shared, 'corpus', 'gutenberg')
    if not os.path.isdir(corpus):
        print('SKIP: %s is absent' % corpus)
        return 0
    verbose = os.environ.get('SZ_VONLY_VERBOSE')
    tot_f = tot_t = tot_b = tot_x = 0
    print('%-26s %9s %11s %9s' % ('verse-only book', 'found', 'our blocks', 'false'))
    for path in sorted(glob.glob(os.path.join(HERE, 'verse-only', '*.json'))):
        name = os.path.basename(path)[:-5]
        if args and name not in args:
            continue
        truth = json.load(open(path, encoding='utf-8'))
        book = os.path.join(corpus, truth['file'])
        lines = book_lines(book)
        lo, hi = 0, len(lines)
        if truth.get('range'):
            lo = find(lines, truth['range'][0], 0, name)
            hi = find(lines, truth['range'][1], lo + 1, name)
        stanzas = locate(lines, truth['stanzas'], name, lo)
        singles = locate(lines, truth.get('lines', []), name, lo)
        nots = locate(lines, truth.get('not_verse', []), name, lo)
        verse = set(k for s in stanzas + singles for k in s)
        notv = set(k for s in nots for k in s) - verse
        ours = reader_blocks(book, exe)
        if truth.get('range'):
            ours = in_range(ours, [key(t) for t in lines], lo, hi)
        ourl = set(k for b in ours for k in b)
        joined = '|'.join(ourl)
        heads = set(k[:HEAD] for k in verse if len(k) >= HEAD)

        def ours_has(k):
            # a line of the book may be the turnover of a verse line the
            # reader joined to the line above
            return k in ourl or (len(k) >= 8 and k in joined)

        def is_verse(k):
            return k in verse or k[:HEAD] in heads

        found = [sum(ours_has(k) for k in s) * 2 >= len(s) for s in stanzas]
        false = [b for b in ours if b and sum(is_verse(k) for k in b) * 2 < len(b)]
        listed = sum(1 for b in false if sum(k in notv for k in b) * 2 >= len(b))
        tot_f += sum(found)
        tot_t += len(stanzas)
        tot_b += len(ours)
        tot_x += len(false)
        print('%-26s %4d/%-4d %11d %5d (%d not-verse)' % (
            name, sum(found), len(stanzas), len(ours), len(false), listed))
        if verbose:
            for e, ok in zip(truth['stanzas'], found):
                if not ok:
                    print('    missed: %s' % e[0][:70])
            for b in false:
                print('    false:  %s' % ' / '.join(b[:3])[:70])
    print('TOTAL verse-only: stanzas %d/%d found (%.1f%%); our verse blocks %d, %d false'
          % (tot_f, tot_t, 100.0 * tot_f / max(tot_t, 1), tot_b, tot_x))
    return 0


sys.exit(main())
