#!/usr/bin/env python3
# tests/pathological/gen.py OUTDIR SCALE — writes the pathological inputs.
# Each file NAME.{txt,json} gets NAME.expect: "ok WORDS" (every writer exits 0,
# output ends with the sentinel word; plain output has WORDS words, or -1 for
# do not count), "err" (exit 64 with a located error), "any" (0 or 64).
import json, os, random, sys

out, scale = sys.argv[1], float(sys.argv[2])
END = 'zzend'
VER = [1, 23, 1]


def n(x):
    return max(10, int(x * scale))


def put(name, ext, data, expect):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(os.path.join(out, name + '.' + ext), mode) as f:
        f.write(data)
    with open(os.path.join(out, name + '.expect'), 'w') as f:
        f.write(expect + '\n')


def doc(blocks):
    return json.dumps({'pandoc-api-version': VER, 'meta': {}, 'blocks': blocks})


def s(t):
    return {'t': 'Str', 'c': t}


def para(*inl):
    return {'t': 'Para', 'c': list(inl)}


def nest_inline(kind, depth, leaf):
    # built as text: json.dumps would recurse
    return ('{"t":"%s","c":[' % kind) * depth + leaf + ']}' * depth


def nest_block(kind, depth, leaf, wrap_item=False):
    if wrap_item:
        return ('{"t":"%s","c":[[' % kind) * depth + leaf + ']]}' * depth
    return ('{"t":"%s","c":[' % kind) * depth + leaf + ']}' * depth


def raw_doc(blocks_text):
    return '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[%s]}' % blocks_text


leaf_str = '{"t":"Str","c":"%s"}' % END
leaf_para = '{"t":"Para","c":[%s]}' % leaf_str
end_para = ',' + leaf_para

# JSON: nesting far beyond any limit, and just inside it.
for kind in ('Emph', 'Strong', 'Span'):
    leaf = leaf_str
    if kind == 'Span':
        put('json-span-100000', 'json',
            raw_doc('{"t":"Para","c":[' + '{"t":"Span","c":[["",[],[]],[' * 100000 + leaf
                    + ']]}' * 100000 + ']}'), 'err')
        continue
    put('json-%s-100000' % kind.lower(), 'json',
        raw_doc('{"t":"Para","c":[' + nest_inline(kind, 100000, leaf) + ']}'), 'err')
    put('json-%s-600' % kind.lower(), 'json',
        raw_doc('{"t":"Para","c":[' + nest_inline(kind, 600, leaf) + ']}'), 'err')
    put('json-%s-400' % kind.lower(), 'json',
        raw_doc('{"t":"Para","c":[' + nest_inline(kind, 400, leaf) + ']}'), 'ok 1')
put('json-blockquote-100000', 'json', raw_doc(nest_block('BlockQuote', 100000, leaf_para)), 'err')
put('json-blockquote-400', 'json', raw_doc(nest_block('BlockQuote', 400, leaf_para)), 'ok 1')
put('json-bulletlist-100000', 'json',
    raw_doc(nest_block('BulletList', 100000, leaf_para, True)), 'err')
put('json-bulletlist-200', 'json', raw_doc(nest_block('BulletList', 200, leaf_para, True)),
    'ok -1')
put('json-note-100000', 'json',
    raw_doc('{"t":"Para","c":[' + '{"t":"Note","c":[{"t":"Para","c":[' * 100000 + leaf_str
            + ']}]}' * 100000 + ']}'), 'err')
put('json-note-150', 'json',
    raw_doc('{"t":"Para","c":[' + '{"t":"Note","c":[{"t":"Para","c":[' * 150 + leaf_str
            + ']}]}' * 150 + ']}'), 'ok -1')
put('json-div-100000', 'json',
    raw_doc('{"t":"Div","c":[["",[],[]],[' * 100000 + leaf_para + ']]}' * 100000), 'err')
put('json-array-100000', 'json', '[' * 100000 + ']' * 100000, 'err')

# JSON: breadth.
k = n(100000)
items = [[para(s('w%d' % i))] for i in range(k)]
# plain writes a bullet ("-") before each item: two words an item
put('json-list-items', 'json', doc([{'t': 'BulletList', 'c': items}, para(s(END))]),
    'ok %d' % (2 * k + 1))
notes = []
for i in range(n(20000)):
    notes += [s('n%d' % i), {'t': 'Note', 'c': [para(s('note%d' % i))]}, {'t': 'Space'}]
put('json-many-notes', 'json', doc([para(*notes), para(s(END))]), 'ok -1')
put('json-huge-str', 'json', doc([para(s('x' * n(4000000))), para(s(END))]), 'ok 2')
put('json-nul', 'json', doc([para(s('a\0b')), para(s('\0')), para(s(END))]), 'ok -1')
put('json-many-paras', 'json', doc([para(s('p%d' % i)) for i in range(n(100000))]
                                   + [para(s(END))]), 'ok %d' % (n(100000) + 1))

# Essay (plain text).
words = ['w%d' % i for i in range(n(300000))]
put('essay-huge-line', 'txt', ' '.join(words) + ' ' + END, 'ok %d' % (len(words) + 1))
put('essay-huge-line-nospace', 'txt', 'x' * n(2000000) + ' ' + END, 'ok 2')
k = n(100000)
put('essay-list-items', 'txt',
    'Intro line.\n\n' + ''.join('* item%d\n' % i for i in range(k)) + '\n' + END + '\n',
    'ok -1')
put('essay-numbered-items', 'txt',
    'Intro line.\n\n' + ''.join('%d. item%d\n' % (i + 1, i) for i in range(k)) + '\n' + END
    + '\n', 'ok -1')
k = n(10000)
put('essay-many-notes', 'txt',
    'Start.\n\n' + ''.join('Text%d [%d] more.\n\n' % (i, i + 1) for i in range(k))
    + ''.join('[%d] Note %d.\n\n' % (i + 1, i) for i in range(k)) + END + '\n', 'ok -1')
# Endnotes: 800 markers, their note texts all at the end, most of them
# far more than a few hundred blocks after their marker.
k = 800
put('essay-endnotes', 'txt',
    'Start.\n\n' + ''.join('Text%d [%d] more.\n\n' % (i, i + 1) for i in range(k))
    + ''.join('[%d] Note %d.\n\n' % (i + 1, i) for i in range(k)) + END + '\n', 'ok -1')
k = n(100000)
put('essay-many-paras', 'txt', ''.join('para%d here\n\n' % i for i in range(k)) + END + '\n',
    'ok %d' % (2 * k + 1))
put('essay-nuls', 'txt', b'hello\0world foo\n\nbar\0\0\0baz\n\n\0\n\n' + b'\0' * n(100000)
    + b'\n\n' + END.encode() + b'\n', 'ok -1')
put('essay-cr-only', 'txt', '\r'.join('line%d' % i for i in range(n(50000))) + '\r\r' + END,
    'ok %d' % (n(50000) + 1))
put('essay-indent-staircase', 'txt',
    ''.join(' ' * (i % 500) + 'step%d\n' % i for i in range(n(20000))) + '\n' + END + '\n',
    'ok %d' % (n(20000) + 1))
put('essay-underscores', 'txt', '_a ' * n(100000) + END, 'ok -1')
put('essay-stars', 'txt', '*' * n(200000) + '\n\n' + END, 'ok -1')
put('essay-quotes', 'txt', '"\'' * n(100000) + ' ' + END, 'ok -1')
put('essay-brackets', 'txt', '[' * n(100000) + ' ' + END, 'ok -1')
put('essay-dashes-dots', 'txt', '-.' * n(200000) + ' ' + END, 'ok -1')
put('essay-blank-lines', 'txt', '\n' * n(1000000) + END, 'ok 1')
put('essay-caps-lines', 'txt', ''.join('CHAPTER %d\n\n' % i for i in range(n(20000))) + END,
    'ok -1')
random.seed(7)
put('essay-random-bytes', 'txt', bytes(random.getrandbits(8) for _ in range(n(200000)))
    + b'\n\n' + END.encode() + b'\n', 'any')
# UTF-16 without a byte order mark: its NULs say what it is.
k = n(20000)
u16 = ''.join('word%d here\n\n' % i for i in range(k)) + END + '\n'
put('essay-utf16le-nobom', 'txt', u16.encode('utf-16-le'), 'ok %d' % (2 * k + 1))
put('essay-utf16be-nobom', 'txt', u16.encode('utf-16-be'), 'ok %d' % (2 * k + 1))
put('essay-bad-utf8', 'txt', b'caf\xe9 \xc3 \xed\xa0\x80 \xf4\x90\x80\x80 \xff\xfe ok\n\n'
    + END.encode() + b'\n', 'ok -1')

# Images that are not files: a FIFO (opening it would block), /dev/zero
# (endless), a folder.  The EPUB writer must not hang or fill memory.
fifo = os.path.join(os.path.abspath(out), 'image.fifo')
if not os.path.exists(fifo):
    os.mkfifo(fifo)
for name, url in (('fifo', fifo), ('dev-zero', '/dev/zero'), ('folder', '/')):
    img = {'t': 'Image', 'c': [['', [], []], [s('alt')], [url, '']]}
    put('json-image-' + name, 'json', doc([para(img), para(s(END))]), 'ok -1')

# Raw HTML nested 100000 deep and an unterminated attribute.
put('json-raw-html-deep', 'json',
    doc([{'t': 'RawBlock', 'c': ['html', '<div>' * n(100000) + 'x' + '</div>' * n(100000)]},
         para({'t': 'RawInline', 'c': ['html', '<b>' * n(100000) + '<a href="' + 'x' * 1000]}),
         para(s(END))]), 'ok -1')

# Metadata with 100000 keys (was quadratic: a minute for 3 MB).
put('json-meta-100000-keys', 'json',
    json.dumps({'pandoc-api-version': VER,
                'meta': {'k%d' % i: {'t': 'MetaString', 'c': 'v'} for i in range(n(100000))},
                'blocks': [para(s(END))]}), 'ok 1')
with open(os.path.join(out, 'keys.yaml'), 'w') as f:
    f.write(''.join('k%d: v\n' % i for i in range(n(100000))))
# Billion laughs: nine levels of nine aliases.
with open(os.path.join(out, 'laughs.yaml'), 'w') as f:
    f.write('a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n')
    for p, c in zip('abcdefgh', 'bcdefghi'):
        f.write('%s: &%s [%s]\n' % (c, c, ', '.join(['*' + p] * 9)))

# 20000 headings with the same text (their ids were quadratic to number)
# and 5000 Gutenberg end markers.
put('essay-same-headings', 'txt',
    ''.join('Text [%d]\n\n[%d] note\n\n' % (i, i) for i in range(n(20000))) + END + '\n', 'ok -1')
put('essay-gutenberg-ends', 'txt',
    'word\n\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\n\n' * n(5000) + END + '\n', 'any')

# 20000 spans with the same identifier (TEI made their xml:ids quadratically).
put('json-same-ids', 'json',
    doc([para(*[{'t': 'Span', 'c': [['dup', [], []], [s('s')]]} for _ in range(n(20000))]),
         para(s(END))]), 'ok -1')

# 60000 runs of notes numbered alone on their lines ("1 / text / 2 / text")
# and of numbered notes under a Notes label, none answering a [N] marker,
# after lines full of brackets: each run once read the whole text before it.
put('essay-numbered-note-runs', 'txt',
    '[a [b [c [d [e [f [g [h.\n\n1\n\nA note text here.\n\n2\n\nAnother note text.\n\n' * n(60000)
    + END + '\n', 'ok -1')
put('essay-notes-label-runs', 'txt',
    '[a [b [c [d [e [f [g [h.\n\nNotes\n\n1.  first note here.\n\n2.  second note here.\n\n'
    * n(60000) + END + '\n', 'ok -1')

# 60000 prefaces in a text with no numbered divisions: each one looked over
# the rest of the text for the next heading of a shape.
put('essay-prefaces', 'txt',
    'A BOOK\n\n\n' + 'PREFACE\n\nSome words of a preface run on here and end.\n\n' * n(60000)
    + END + '\n', 'ok -1')
