#!/usr/bin/env python3
"""words.py INPUT OUTPUT [--json]  |  words.py --corpus SAMIZDAT BOOK...

No text lost: the words of INPUT (a text file) equal, in order, the words of
the Str nodes of OUTPUT (samizdat -t native or -t json).  Typography the
reader adds (curly quotes, dashes, ellipses, emphasis marks) is undone on
both sides before comparing.  Exit 0 when equal, 1 with the first
difference otherwise."""
import json
import collections
import re
import subprocess
import sys

TYPO = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
                      '\u2014': '--', '\u2026': '...', '_': None, '*': None,
                      '\ufeff': None})


NOTES = [False]
LISTS = [False]
# Str nodes, and the text of code blocks (a table drawn in text is kept as drawn)
STR = re.compile(r'"t":"(?:Str|CodeBlock)","c":(?:\[\["",\[\],\[\]\],)?"((?:[^"\\]|\\.)*)"')
WORD = re.compile(r'\w+')
# a source run on into the text with no space ("ЖуковскийВ конце"): the
# reader sets the two apart, so both sides are compared split there
RUN_ON = re.compile(r'(?<=[^\W\d_]{4})(?=[A-ZА-ЯЁ])')


def norm(words):
    # dashes and ellipses may join or split words; compare runs of letters
    # and digits only
    return [p for w in WORD.findall(' '.join(words).translate(TYPO)) for p in RUN_ON.split(w)]


def native_strs(text):
    out = []
    meta = False
    for line in text.splitlines():
        s = line.strip()
        if line.startswith('Meta'):
            meta = True
        elif line[:1] not in (' ', ''):
            meta = False
        if s.startswith('CodeBlock ("",[],[]) "') and not meta:
            s = s[len('CodeBlock ("",[],[]) '):]
        if (s.startswith('Str "') or s.startswith('"')) and not meta:
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
        if node.get('t') == 'CodeBlock':
            out.append(node['c'][1])
            return
        for v in node.values():
            json_strs(v, out)
    elif isinstance(node, list):
        for v in node:
            json_strs(v, out)


def decode(raw):
    if raw.startswith(b'\xef\xbb\xbf'):
        raw = raw[3:]
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError:
        return raw.decode('cp1252', errors='replace')


# [1], [Footnote 1:, and {287} (a note labelled by its page, or a page number)
# and "[Footnote: text]" set inside the text, whose brackets make a Note
MARK = re.compile(r'\[(?:Footnote )?[\w*\u2020\u2021]{1,4}[\]:]|\{\d{1,5}\}|\[(?i:footnote):')
# superscript digits (paper.¹ / ¹ text): a note's marker and label, where
# the output has notes
SUPMARK = re.compile(r'[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]{1,3}')


def compare(text, strs, name):
    # [Illustration: caption] becomes a figure captioned "caption"; a
    # footnote's [1] marker and label become a Note, its text moves there;
    # so does a note's number alone on its line over its text (1 / text)
    # where a [1] marker answers it
    if NOTES[0]:
        text = re.sub(r'(?m)^[ \t]*(\d{1,3})[ \t]*$',
                      lambda m: ' ' if '[%s]' % m.group(1) in text else m.group(0), text)
    text = MARK.sub(' ', re.sub(r'\[Illustration:?', ' ', text))
    out = MARK.sub(' ', re.sub(r'\[Illustration:?', ' ', ' '.join(strs)))
    if NOTES[0]:
        text, out = SUPMARK.sub(' ', text), SUPMARK.sub(' ', out)
    a = norm(text.split())
    b = norm([out])
    if a == b:
        return None
    if NOTES[0] and collections.Counter(a) == collections.Counter(b):
        return None             # the same words; notes moved some
    lost = collections.Counter(a) - collections.Counter(b)
    extra = collections.Counter(b) - collections.Counter(a)
    if LISTS[0] and not extra and all(re.fullmatch(r'\d{1,3}|[a-zA-Z]|[ivxlc]{1,5}', w)
                                      for w in lost):
        return None             # the same words but ordered lists' numbers

    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return ('%s: word %d differs: input %r, output %r; context %r / %r'
                    % (name, i, x, y, a[max(0, i - 5):i + 5], b[max(0, i - 5):i + 5]))
    return '%s: lengths differ: input %d words, output %d' % (name, len(a), len(b))


def one_book(exe, f):
    r = subprocess.run([exe, '--keep-boilerplate', '-t', 'json', f], capture_output=True)
    return f, r


def corpus(exe, files):
    """Every book, boilerplate kept: all its words, in order."""
    import concurrent.futures
    bad = 0
    pool = concurrent.futures.ThreadPoolExecutor(2)
    for f, r in pool.map(lambda f: one_book(exe, f), files):
        if r.returncode != 0:
            print('%s: exit %d' % (f, r.returncode))
            bad += 1
            continue
        full = r.stdout.decode('utf-8')
        out = full[full.find('"blocks":'):]
        NOTES[0] = '"t":"Note"' in out
        LISTS[0] = '"t":"OrderedList"' in out
        strs = [json.loads('"%s"' % s) if '\\' in s else s for s in STR.findall(out)]
        text = decode(open(f, 'rb').read())
        err = compare(text, strs, f)
        if err:
            # a text's first lines may be its title block, now metadata
            meta = json.loads(full).get('meta', {})
            # all of it, or the title alone with the rest kept on the
            # title page in the text (the subtitle read from lines that
            # stay there)
            for keys in (('title', 'subtitle', 'author', 'date'), ('title', 'author', 'date'),
                         ('title',)):
                front = []
                for k in keys:
                    if k in meta:
                        json_strs(meta[k], front)
                if front and compare(text, front + strs, f) is None:
                    err = None
                    break
        if err:
            print(err)
            bad += 1
    print('%d books, %d with text lost' % (len(files), bad))
    return 1 if bad else 0


def main():
    if sys.argv[1] == '--corpus':
        return corpus(sys.argv[2], sys.argv[3:])
    src, dst = sys.argv[1], sys.argv[2]
    text = decode(open(src, 'rb').read())
    got = open(dst, encoding='utf-8').read()
    if '--json' in sys.argv:
        strs = []
        json_strs(json.loads(got).get('blocks'), strs)
    else:
        strs = native_strs(got)
    err = compare(text, strs, src)
    if err is None:
        print('%d words, all kept in order' % len(norm(text.split())))
        return 0
    print(err)
    return 1


sys.exit(main())
