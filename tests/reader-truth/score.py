#!/usr/bin/env python3
"""score.py [SAMIZDAT]: compares the essay reader's view of each book named
in tests/reader-truth/*.json with the truth written by reading the book.

Per book: headings exactly right (same text, same relative level, in
order) out of max(truth, found); paragraph count within 2%; verse blocks
and notes found / truth (totals: the smaller of the two out of the larger);
title, author and language right.  Prints one line per book and the totals."""
import difflib
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import outline  # noqa: E402

TYPO = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
                      '\u2014': '--', '\u2026': '...', '_': None, '\u00a0': ' '})


def norm(s):
    # a note marker in a heading becomes a Note, which headings' text omits;
    s = re.sub(r'\[\w{1,3}\]', '', s or '')
    # one in parentheses, (*) or (+), as some editions mark notes, is left
    # out on both sides too: the reader keeps it as text
    s = re.sub(r'\([^\w\s]{1,2}\)', '', s)
    return ' '.join(s.translate(TYPO).split())


def loose(s):
    return re.sub(r'\W+', '', (s or '').lower())


def rel_levels(heads):
    """Levels renumbered 1.. in the order of the distinct levels used."""
    used = sorted(set(lv for lv, _ in heads))
    return [(used.index(lv) + 1, norm(t)) for lv, t in heads]


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', 'build',
                                                             'samizdat')
    corpus = os.environ.get('SZ_SHARED', os.path.join(HERE, '..', '..', '..', 'shared'))
    corpus = os.path.join(corpus, 'corpus', 'gutenberg')
    if not os.path.isdir(corpus):
        print('SKIP: %s is absent' % corpus)
        return 0
    tot_h = tot_hmax = 0
    paras_ok = meta_ok = books = 0
    tot_v = tot_vt = tot_n = tot_nt = 0
    print('%-26s %9s %7s %11s %9s %9s %6s %6s %5s' % (
        'book', 'headings', '%', 'paragraphs', 'verse', 'notes', 'title', 'author', 'lang'))
    for path in sorted(glob.glob(os.path.join(HERE, '*.json'))):
        truth = json.load(open(path, encoding='utf-8'))
        got = outline.outline(os.path.join(corpus, truth['file']), exe)
        t = rel_levels(truth['headings'])
        g = rel_levels(got['headings'])
        sm = difflib.SequenceMatcher(None, t, g, autojunk=False)
        right = sum(b.size for b in sm.get_matching_blocks())
        # a book with no headings, found with none, is right (1/1), not 0/1
        hmax = max(len(t), len(g)) or 1
        if not t and not g:
            right = 1
        tp, gp = truth['paragraphs'], got['paragraphs']
        p_ok = abs(gp - tp) <= 0.02 * tp
        ti = loose(truth['title']) == loose(got['title'])
        au = loose(truth['author']) == loose(got['author'])
        la = truth.get('lang') == got.get('lang')
        # verse blocks and notes: found out of truth, right as far as the
        # smaller count goes
        tv, tn = truth.get('verse', 0), truth.get('notes', 0)
        tot_v += min(tv, got['verse'])
        tot_vt += max(tv, got['verse'])
        tot_n += min(tn, got['notes'])
        tot_nt += max(tn, got['notes'])
        books += 1
        tot_h += right
        tot_hmax += hmax
        paras_ok += p_ok
        meta_ok += ti and au
        print('%-26s %4d/%-4d %6.1f%% %5d/%-5d%s %4d/%-4d %4d/%-4d %6s %6s %5s' % (
            os.path.basename(path)[:-5], right, hmax, 100.0 * right / hmax, gp, tp,
            '' if p_ok else '!', got['verse'], tv, got['notes'], tn,
            'ok' if ti else 'WRONG', 'ok' if au else 'WRONG',
            'ok' if la else got.get('lang')))
        if os.environ.get('SZ_SCORE_VERBOSE'):
            for op, a1, a2, b1, b2 in sm.get_opcodes():
                if op != 'equal':
                    print('    truth %s  /  found %s' % (t[a1:a2][:4], g[b1:b2][:4]))
    print('TOTAL: headings %d/%d right (%.1f%%); paragraph counts within 2%%: %d/%d books; '
          'verse blocks %d/%d (%.1f%%); notes %d/%d (%.1f%%); title and author right: %d/%d books'
          % (tot_h, tot_hmax, 100.0 * tot_h / max(tot_hmax, 1), paras_ok, books,
             tot_v, tot_vt, 100.0 * tot_v / max(tot_vt, 1), tot_n, tot_nt,
             100.0 * tot_n / max(tot_nt, 1), meta_ok, books))
    return 0


sys.exit(main())
