#!/usr/bin/env python3
"""paired.py [SAMIZDAT]: the essay reader on ../shared/corpus/paired, books whose
truth is derived from Project Gutenberg's own HTML edition (scored by
../shared/tools/pgscore.py: heading F1, level agreement, paragraph ratio, verse
recall, title), and verse precision and recall by text (verse.py: the share of
the reader's verse blocks that align by text with a verse block of the truth,
found again in the book's HTML, and the share of the truth's that align with
one of the reader's; pgscore's recall compares counts only, so verse set where
there is none can make up for verse missed), and the title read from each
book without its footer (PG's "End of the Project Gutenberg EBook of ..."
line names half of them; only the title page does in texts from elsewhere).

The books whose number is divisible by 3 are held out: they are neither read nor
scored unless SZ_HELDOUT=1, so that rules are judged on books they were not
written against.  paired-exceptions.txt names books whose derived truth is
known to be wrong (a book may have a line for each figure); the means are printed
with and without them (a reason that
starts "title:", "verse:", "levels:" or "para:" sets aside that book's title,
verse recall, level agreement or paragraph ratio only).
SZ_PAIRED_OUT=DIR keeps each book's JSON output there; SZ_JOBS sets how many
books are read at once (2)."""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

import verse

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = [('heading_f1', 'F1'), ('heading_loose_f1', 'loose'), ('level_agreement', 'lvl'),
          ('para_ratio', 'para'), ('verse_recall', 'verse'), ('title_match', 'title')]


def exceptions():
    out = {}
    path = os.path.join(HERE, 'paired-exceptions.txt')
    if os.path.exists(path):
        for line in open(path, encoding='utf-8'):
            line = line.strip()
            if line and not line.startswith('#'):
                book, _, why = line.partition(' ')
                # a book may have several lines, one figure each
                out.setdefault(book, []).append(why.strip())
    return out


def books(corpus, held):
    res = []
    for name in os.listdir(corpus):
        if not name.isdigit() or (int(name) % 3 == 0) != held:
            continue
        truth = os.path.join(corpus, name, name + '.truth.json')
        txt = os.path.join(corpus, name, name + '.txt')
        if os.path.exists(truth) and os.path.exists(txt):
            res.append((int(name), txt, truth))
    return sorted(res)


def without_footer(data):
    """The book without the lines that give the catalogue's title: PG's
    START line and its footer ("End of the Project Gutenberg EBook of
    ..."), so that only the title page names it."""
    out = []
    for line in data.split(b'\n'):
        if re.match(rb'\s*(\*+\s*)?End of (the |The )?Project Gutenberg', line) or \
                (line.startswith(b'***') and b'END OF' in line.upper()):
            break
        if not (line.lstrip(b'\xef\xbb\xbf').startswith(b'***') and b'START OF' in line.upper()):
            out.append(line)
    return b'\n'.join(out)


def page_title(exe, pgscore, txt, truth):
    """1 when the title read from the book without its footer is right."""
    with open(txt, 'rb') as f:
        body = without_footer(f.read())
    with tempfile.NamedTemporaryFile(suffix='.txt') as f:
        f.write(body)
        f.flush()
        r = subprocess.run([exe, '-f', 'essay', '-t', 'json', f.name], capture_output=True,
                           timeout=120)
    try:
        got = pgscore.meta_title(json.loads(r.stdout.decode('utf-8')).get('meta', {}))
    except ValueError:
        return 0, ''
    return pgscore.title_ok(got, truth.get('title', '')), got


def run_one(exe, pgscore, pgtruth, item, keep):
    n, txt, truthf = item
    truth = json.load(open(truthf, encoding='utf-8'))
    if not truth.get('consistent'):
        return n, None
    htm = truthf[:-len('.truth.json')] + '.htm'
    units = verse.truth_units(htm, txt, pgtruth)[0] if os.path.exists(htm) else None
    r = subprocess.run([exe, '-f', 'essay', '-t', 'json', txt], capture_output=True,
                       timeout=120)
    if keep:
        with open(os.path.join(keep, '%d.json' % n), 'wb') as f:
            f.write(r.stdout)
    try:
        doc = json.loads(r.stdout.decode('utf-8'))
        res = pgscore.score(doc, truth)
        res['verse_aligned'], res['verse_ours'] = verse.precision(doc, units or [], pgscore)
        if units is None or res['verse_ours'] == 0:
            res['verse_precision'] = None
        else:
            res['verse_precision'] = res['verse_aligned'] / res['verse_ours']
        res['verse_found'] = verse.found(doc, units or [], pgscore)
        res['verse_units'] = len(units or [])
        res['verse_text_recall'] = res['verse_found'] / len(units) if units else None
        res['title_page'], res['title_page_out'] = page_title(exe, pgscore, txt, truth)
        return n, res
    except (ValueError, KeyError, TypeError, IndexError):
        return n, {'heading_f1': 0.0, 'heading_loose_f1': 0.0, 'level_agreement': None,
                   'para_ratio': 0.0, 'title_match': 0,
                   'verse_recall': 0.0 if truth.get('verse_blocks') else None,
                   'verse_precision': None, 'verse_text_recall': None,
                   'error': 'exit %d' % r.returncode}


def mean(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return (sum(vals) / len(vals), len(vals)) if vals else (None, 0)


def report(label, results, exc):
    f = lambda v: '   -' if v is None else '%.2f' % v
    print('%-7s %5s %5s %5s %5s %5s %5s  %-11s %-11s %-9s %5s %-9s' % (
        'book', 'F1', 'loose', 'lvl', 'para', 'verse', 'title', 'headings', 'paragraphs',
        'verse', 'vprec', 'aligned'))
    for n, r in results:
        print('%-7s %5s %5s %5s %5s %5s %5s  %4d/%-4d %5d/%-5d %4d/%-4d %5s %4d/%-4d%s%s' % (
            n, f(r['heading_f1']), f(r['heading_loose_f1']), f(r['level_agreement']),
            f(r['para_ratio']), f(r['verse_recall']), r['title_match'],
            r.get('headings_out', 0), r.get('headings_truth', 0), r.get('paras_out', 0),
            r.get('paras_truth', 0), r.get('lineblocks_out', 0), r.get('verse_truth', 0),
            f(r.get('verse_precision')), r.get('verse_aligned', 0), r.get('verse_ours', 0),
            '  (exception)' if str(n) in exc else '', '  ' + r['error'] if 'error' in r else ''))
    def without(n, r):
        if str(n) not in exc:
            return r
        keep = dict(r)
        for why in exc[str(n)]:
            for keys, short in ((('title_match',), 'title'),
                                (('verse_recall', 'verse_precision', 'verse_text_recall'),
                                 'verse'),
                                (('level_agreement',), 'levels'), (('para_ratio',), 'para')):
                if why.startswith(short + ':'):
                    for key in keys:
                        keep[key] = None
                    break
            else:
                return None
        return keep
    kept = [w for w in (without(n, r) for n, r in results) if w is not None]
    for what, rows in (('all', [r for _, r in results]), ('without exceptions', kept)):
        if what != 'all' and not any(str(n) in exc for n, _ in results):
            continue
        parts = []
        for key, short in FIELDS:
            m, k = mean(rows, key)
            parts.append('%s %s' % (short, '-' if m is None else '%.3f' % m))
        # verse precision, the mean over books with verse blocks of ours, and
        # over all our verse blocks at once (a book of many counts for more)
        m, k = mean(rows, 'verse_precision')
        pool = [r for r in rows if r.get('verse_precision') is not None]
        hit, ours = sum(r['verse_aligned'] for r in pool), sum(r['verse_ours'] for r in pool)
        parts.append('vprec %s (%d/%d blocks)' % ('-' if m is None else '%.3f' % m, hit, ours))
        # verse recall by text: the truth's verse blocks that a verse block of
        # ours holds (pgscore's verse recall compares counts only)
        m, k = mean(rows, 'verse_text_recall')
        pool = [r for r in rows if r.get('verse_text_recall') is not None]
        hit, units = sum(r['verse_found'] for r in pool), sum(r['verse_units'] for r in pool)
        parts.append('vfound %s (%d/%d blocks)' % ('-' if m is None else '%.3f' % m, hit, units))
        print('PAIRED %s, %s (%d books): %s' % (label, what, len(rows), ', '.join(parts)))
    # the title from the title page alone: half the books' titles come from
    # the footer's catalogue line, which texts from elsewhere do not have
    for what, rows in (('all', [r for _, r in results]), ('without exceptions', kept)):
        rows = [r for r in rows if r.get('title_match') is not None and 'title_page' in r]
        print('PAIRED %s, %s: title from the title page alone (footer and START line '
              'removed) %d/%d' % (label, what, sum(r['title_page'] for r in rows), len(rows)))
    for n, r in results:
        if 'title_page' in r and not r['title_page']:
            print('  page title %s: %s' % (n, r['title_page_out'][:70] or '(none)'))


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', 'build',
                                                             'samizdat')
    shared = os.environ.get('SZ_SHARED', os.path.join(HERE, '..', '..', '..', 'shared'))
    corpus = os.path.join(shared, 'corpus', 'paired')
    tools = os.path.join(shared, 'tools')
    if not os.path.isdir(corpus) or not os.path.exists(os.path.join(tools, 'pgscore.py')):
        print('SKIP paired books: %s or %s/pgscore.py is absent' % (corpus, tools))
        return 0
    sys.path.insert(0, tools)
    import pgscore
    import pgtruth
    keep = os.environ.get('SZ_PAIRED_OUT')
    if keep:
        os.makedirs(keep, exist_ok=True)
    exc = exceptions()
    parts = [('dev', False)]
    if os.environ.get('SZ_HELDOUT') == '1':
        parts.append(('held-out', True))
    else:
        print('(books whose number is divisible by 3 are held out; SZ_HELDOUT=1 scores them)')
    jobs = int(os.environ.get('SZ_JOBS', '2'))
    for label, held in parts:
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            got = list(pool.map(lambda it: run_one(exe, pgscore, pgtruth, it, keep), books(corpus, held)))
        results = [(n, r) for n, r in got if r is not None]
        print('-- paired books, %s part --' % label)
        report(label, results, exc)
    return 0


sys.exit(main())
