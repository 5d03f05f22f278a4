"""blocks.py: what count.py and extra.py both read of a book: the
blank-line-separated blocks of lines FIRST_LINE..END_LINE (1-based) of
BOOK.txt, decoded as UTF-8 or else Windows-1252, and the text width (the
90th percentile of line widths)."""


def width(s):
    return len(s.rstrip())


def read_text(path, fallback='cp1252'):
    """The text of path, decoded as UTF-8 (a BOM dropped) or else as fallback,
    with its line ends made LF (count.py, extra.py, vonly.py, essays.py)."""
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        text = raw.decode(fallback)
    return text.replace('\r\n', '\n').replace('\r', '\n')


def read_blocks(argv):
    """argv: [script, BOOK.txt, FIRST_LINE, END_LINE?] -> (blocks, wrap)."""
    path, first = argv[1], int(argv[2])
    lines = read_text(path).split('\n')
    end = int(argv[3]) if len(argv) > 3 else len(lines)
    lines = lines[first - 1:end]
    blocks, cur = [], []
    for ln in lines + ['']:
        if ln.strip() == '':
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(ln.replace('\u3000', '  '))
    ws = sorted(width(l) for b in blocks for l in b)
    wrap = ws[int(len(ws) * 0.9)] if ws else 72
    return blocks, wrap
