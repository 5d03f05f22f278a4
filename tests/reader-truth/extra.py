#!/usr/bin/env python3
"""extra.py BOOK.txt FIRST_LINE [END_LINE]: an independent count of a book's
verse blocks and footnotes over the range count.py reads, used when its
truth file was written.  Prints "verse N notes M".

Verse: a blank-line-separated block of two or more lines most of which
end well short of the text width (a stanza; a poem of several stanzas
is several blocks), that is not a list (lines opening with a bullet or
number), not a table of contents (lines ending in page numbers), not
a row of short capitalised title lines, and not a single-line-per-paragraph
text (count.py's rule for that).  Notes: note texts that a marker in the
text refers to: a block opening with "[1]", "[A]" (up to three
characters) or "*" straight before a word, whose marker occurs in the
text before it."""
import re
import sys

from blocks import read_blocks, width

NOTE = re.compile(r'\s*(\[(\w{1,3})\]|\*)(?=\s*\S)')
LIST = re.compile(r'\s*([-*•]|\d+[.)]|\([a-z0-9]+\)|[ivx]+\.)\s')


def main():
    blocks, wrap = read_blocks(sys.argv)
    verse = notes = 0
    seen = ''
    for b in blocks:
        m = NOTE.match(b[0])
        if m and (m.group(1) == '*' and re.match(r'\s*\*\w', b[0]) or
                  m.group(2) and '[%s]' % m.group(2) in seen):
            notes += 1
            continue
        seen = (seen + ' '.join(b))[-20000:]
        if len(b) < 2:
            continue
        if sum(1 for l in b if width(l.strip()) > 100) * 4 >= len(b):
            continue      # one paragraph per line
        if sum(1 for l in b if LIST.match(l)) * 2 >= len(b):
            continue
        if sum(1 for l in b if re.search(r'\s\d+\s*$', l)) * 2 >= len(b):
            continue
        if all(l.strip().isupper() for l in b):
            continue
        shorts = sum(1 for l in b[:-1] if width(l) * 4 < wrap * 3)
        ws_b = sorted(width(l) for l in b)
        if len(b) >= 10 and ws_b[len(b) // 2] * 100 >= ws_b[len(b) * 9 // 10] * 85:
            shorts = 0    # ten lines or more of one width: prose wrapped narrower

        if shorts * 2 >= len(b) - 1:
            verse += 1
    print('verse %d notes %d' % (verse, notes))


main()
