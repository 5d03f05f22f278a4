#!/usr/bin/env python3
"""count.py BOOK.txt FIRST_LINE [END_LINE]: an independent count of the prose
paragraphs of a book, used when its truth file was written.  From line
FIRST_LINE (1-based, the first chapter heading, found by reading the book) to
END_LINE (the line before the Project Gutenberg footer), every
blank-line-separated block is counted as a paragraph unless it is a chapter
heading line (CHAPTER 1. Loomings.), a single short line that does not end
like a sentence (a heading, a signature), a scene break, verse (most of its lines
well short of the text width) or an indented block (a quotation).  Paragraphs
that run on without blank lines (one per line, or first-line indentation) are
counted one per such start.  The result was then checked against the book by
eye on samples; see README.md here."""
import re
import sys

from blocks import read_blocks, width

HEADING = re.compile(r'(CHAPTER|CHAPITRE|STAVE|BOOK|PART|KAPITEL|ГЛАВА|Chapter|Kapitel|Глава)'
                     r' +([0-9]+|[IVXLC]+)\b')


def main():
    blocks, wrap = read_blocks(sys.argv)
    inds = sorted(len(l) - len(l.lstrip()) for b in blocks for l in b)
    base = max(set(inds), key=inds.count) if inds else 0
    n = 0
    for b in blocks:
        long_lines = sum(1 for l in b if width(l.strip()) > 100)
        if long_lines * 4 >= len(b) and len(b) > 1:
            n += len(b)       # one paragraph per line
            continue
        if len(b) == 1 and HEADING.match(b[0].strip()):
            continue          # "CHAPTER 1. Loomings." ends like a sentence
        if len(b) == 1 and width(b[0]) < 60 and not b[0].rstrip().endswith(('.', '”', '"', '!', '?', '’', "'", '«', '»', '…', '—', ',', ';', ':')):
            continue          # heading or caption-like line
        if all(set(l.strip()) <= set('*-_=~#. ') for l in b):
            continue          # scene break
        ind = min(len(l) - len(l.lstrip()) for l in b)
        shorts = sum(1 for l in b[:-1] if width(l) * 4 < wrap * 3)
        ws_b = sorted(width(l) for l in b)
        if len(b) >= 10 and ws_b[len(b) // 2] * 100 >= ws_b[len(b) * 9 // 10] * 85:
            shorts = 0    # ten lines or more of one width: prose wrapped narrower

        if len(b) >= 2 and shorts * 2 >= len(b) - 1:
            continue          # verse, lists, addresses
        if ind >= base + 2:
            continue          # quotation
        # first-line indentation inside a block starts a new paragraph
        starts = 1 + sum(1 for i in range(1, len(b))
                         if (len(b[i]) - len(b[i].lstrip())) > ind + 1
                         and (len(b[i - 1]) - len(b[i - 1].lstrip())) == ind)
        n += starts
    print(n)


main()
