#!/usr/bin/env python3
"""titles.py [SAMIZDAT]: the plain-text reader's metadata title on the books of
../shared/corpus/gutenberg, with and without Project Gutenberg's header.

Truth: the title and author of each book's PG header (MANIFEST.tsv keeps them,
continuation lines joined with "; "; for the few books without a header they
were entered by hand).  Each book is read twice:
  header    the file as it is: the header's Title: line names the book, so
            this must come out right on nearly every book;
  stripped  the text from after the "*** START OF" line to before the
            footer ("*** END OF" or "End of the Project Gutenberg ..."),
            LF line endings, no BOM: the book as the paired books' .txt and
            most texts outside PG look, where only the text's own title page
            names it.
A title is right by pgscore.py's title_ok (the same text once case, spaces
and punctuation are dropped, or the main title before ":", ";" or ", or"
on either side).  Authors are compared loosely (one contains the other), and
also as the same person ("sh" in the table: the same surname, the other
words initials or words of the catalogue's name, "J. M. Barrie" for James M.
Barrie).

Books whose PG number is divisible by 3 are left out, as the paired books'
held-out part is: those are the books the reader is judged on unseen.  A book
whose number cannot be found is left out too.  alternates.txt names books
whose catalogue title the title page does not print (with the title it
does print and why); the share right is printed both ways.  SZ_TITLES_OUT=DIR keeps the
stripped texts; SZ_JOBS sets how many books are read at once (2)."""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD_LINES = 600


def number(name, data):
    m = re.match(r'(?:pg|fr_pg)?(\d+)', name)
    if m:
        return int(m.group(1))
    m = re.search(rb'\[E(?:Book|book|Text|text) #(\d+)\]', data[:20000])
    return int(m.group(1)) if m else None


def strip(data):
    """The text between PG's START line and its footer, LF, no BOM; None
    when there is no START line."""
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    lines = data.replace(b'\r\n', b'\n').split(b'\n')
    start = None
    for i, l in enumerate(lines[:HEAD_LINES]):
        if l.startswith(b'*') and re.search(rb'START OF', l, re.I) and b'GUTENBERG' in l.upper():
            start = i + 1
            # a marker broken over two lines
            if not l.rstrip().endswith(b'***') and start < len(lines) and \
                    lines[start].rstrip().endswith(b'***'):
                start += 1
            break
    if start is None:
        return None
    end = len(lines)
    for i in range(start, len(lines)):
        l = lines[i]
        if (l.startswith(b'*') and re.search(rb'END OF', l, re.I) and b'GUTENBERG' in l.upper()) \
                or re.match(rb'End of (the |The )?Project Gutenberg', l):
            end = i
            break
    body = lines[start:end]
    while body and not body[-1].strip():
        body.pop()
    return b'\n'.join(body) + b'\n'


def norm(s):
    import unicodedata
    s = unicodedata.normalize('NFKC', s or '').lower()
    return ''.join(ch for ch in s if ch.isalnum())


def title_ok(out, truth):
    """pgscore.py's rule, kept here so the check runs without it."""
    a, b = norm(out), norm(truth)
    if not a or not b:
        return 0
    if a == b:
        return 1

    def main(s):
        return norm(re.split(r'[:;]|,\s*or\b|\bor,', s, maxsplit=1)[0])
    return 1 if (main(out) == b or main(truth) == a or
                 (main(out) and main(out) == main(truth))) else 0


def author_ok(out, truth):
    a, b = norm(out), norm(truth)
    return 1 if a and b and (a in b or b in a) else 0


def name_words(s):
    import unicodedata
    s = unicodedata.normalize('NFKC', s or '').lower()
    return [w for w in re.split(r'[^\w]+', s) if w]


def same_person(out, truth):
    """The same name, short forms allowed: the same surname (last word),
    and each other word of the shorter an initial or a word of the longer,
    in order ("J. M. Barrie" for James M. Barrie, "Николай Васильевич
    Гоголь" for Николай Гоголь, "Л.Н.Толстой" for Лев Толстой)."""
    if author_ok(out, truth):
        return 1
    a, b = name_words(out), name_words(truth)
    if not a or not b or a[-1] != b[-1]:
        return 0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    j = 0
    for w in short[:-1]:
        while j < len(long_) - 1 and not (long_[j] == w or (len(w) == 1 and long_[j][0] == w) or
                                          (len(long_[j]) == 1 and w[0] == long_[j])):
            j += 1
        if j >= len(long_) - 1:
            return 0
        j += 1
    return 1


def text(v):
    if isinstance(v, list):
        return ''.join(text(i) for i in v)
    if isinstance(v, dict):
        t, c = v.get('t'), v.get('c')
        if t in ('Str', 'MetaString'):
            return c
        if t in ('Space', 'SoftBreak', 'LineBreak'):
            return ' '
        if t == 'Quoted':
            return '"' + text(c[1]) + '"'
        if t in ('Code', 'Math', 'RawInline'):
            return c[-1]
        if t in ('Link', 'Image', 'Span'):
            return text(c[1])
        if t == 'Note':
            return ''
        return text(c)
    return ''


def read(exe, path):
    r = subprocess.run([exe, '-f', 'essay', '-t', 'json', path], capture_output=True,
                       timeout=120)
    try:
        meta = json.loads(r.stdout.decode('utf-8')).get('meta', {})
    except ValueError:
        return None, None
    return (text(meta.get('title', {})).strip(), text(meta.get('author', {})).strip())


def alternates():
    out = {}
    path = os.path.join(HERE, 'alternates.txt')
    if os.path.exists(path):
        for line in open(path, encoding='utf-8'):
            if line.strip() and not line.startswith('#'):
                name, alt, _why = (line.rstrip('\n').split('\t') + ['', ''])[:3]
                out[name] = alt
    return out


def run_one(exe, corpus, keep, row):
    name, title, author = row
    path = os.path.join(corpus, name)
    data = open(path, 'rb').read()
    got = {'name': name, 'title': title, 'author': author}
    t, a = read(exe, path)
    got['header'] = (t, a)
    body = strip(data)
    if body is None:
        got['stripped'] = got['header']     # no header to strip: the text as it is
        got['kept'] = True
        return got
    got['kept'] = False
    if keep:
        p = os.path.join(keep, name)
        with open(p, 'wb') as f:
            f.write(body)
        got['stripped'] = read(exe, p)
        return got
    with tempfile.NamedTemporaryFile(suffix='.txt') as f:
        f.write(body)
        f.flush()
        got['stripped'] = read(exe, f.name)
    return got


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', 'build',
                                                             'samizdat')
    shared = os.environ.get('SZ_SHARED', os.path.join(HERE, '..', '..', '..', 'shared'))
    corpus = os.path.join(shared, 'corpus', 'gutenberg')
    manifest = os.path.join(corpus, 'MANIFEST.tsv')
    if not os.path.exists(manifest):
        print('SKIP corpus titles: %s is absent' % manifest)
        return 0
    rows, held, unknown = [], 0, 0
    with open(manifest, encoding='utf-8') as f:
        cols = f.readline().rstrip('\n').split('\t')
        for line in f:
            v = dict(zip(cols, line.rstrip('\n').split('\t')))
            head = open(os.path.join(corpus, v['file']), 'rb').read(20000)
            n = number(v['file'], head)
            if v.get('source_repo', '').startswith('d0rj/'):
                n = n if n is not None else -1     # not from PG: no number to hold out
            if n is None:
                unknown += 1
                continue
            if n > 0 and n % 3 == 0:
                held += 1
                continue
            rows.append((v['file'], v['title'], v['author']))
    keep = os.environ.get('SZ_TITLES_OUT')
    if keep:
        os.makedirs(keep, exist_ok=True)
    jobs = int(os.environ.get('SZ_JOBS', '2'))
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        got = list(pool.map(lambda r: run_one(exe, corpus, keep, r), sorted(rows)))
    print('-- corpus titles: the reader\'s title against the PG header\'s, '
          'with the header and without --')
    print('%-42s %-3s %-3s %-3s  %s' % ('book', 'hdr', 'txt', 'au', 'title without the '
                                        'header (truth)'))
    tot = {'header': 0, 'stripped': 0, 'author': 0, 'alt': 0, 'person': 0}
    alt = alternates()
    for g in got:
        h = title_ok(g['header'][0], g['title'])
        s = title_ok(g['stripped'][0], g['title'])
        tot['alt'] += s or (g['name'] in alt and title_ok(g['stripped'][0], alt[g['name']]))
        au = author_ok(g['stripped'][1], g['author'])
        tot['person'] += same_person(g['stripped'][1], g['author'])
        tot['header'] += h
        tot['stripped'] += s
        tot['author'] += au
        a = not s and g['name'] in alt and title_ok(g['stripped'][0], alt[g['name']])
        print('%-42s %-3s %-3s %-3s  %s%s' % (
            g['name'][:42], 'ok' if h else '-', 'ok' if s else 'alt' if a else '-',
            'ok' if au else 'sh' if same_person(g['stripped'][1], g['author']) else '-',
            (g['stripped'][0] or '(none)')[:60],
            '' if s else '  (%s)' % g['title'][:50]))
    n = len(got)
    pc = lambda k: 100.0 * tot[k] / n if n else 0.0
    print('TITLES corpus (%d books; %d held out, number divisible by 3; %d without a '
          'number): with the header %d/%d (%.1f%%); without it %d/%d (%.1f%%), with the '
          'titles the pages print (alternates.txt) %d/%d (%.1f%%); author without it %d/%d '
          '(%.1f%%), short forms of the name accepted %d/%d (%.1f%%)' % (
              n, held, unknown, tot['header'], n, pc('header'), tot['stripped'], n,
              pc('stripped'), tot['alt'], n, pc('alt'), tot['author'], n, pc('author'),
              tot['person'], n, pc('person')))
    return 0


sys.exit(main())
