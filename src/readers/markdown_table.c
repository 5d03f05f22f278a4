/*
** markdown_table.c
** pandoc Markdown's simple, multiline and grid tables and their captions,
** found in the text before md4c reads it (md4c knows pipe tables only).
** Columns are measured as pandoc measures them, in display width (an East
** Asian wide character counts 2); the cells are parsed by the caller.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"
#include "readers/markdown_table.h"

#define MAX_COLS 128
#define COLUMNS 72              /* pandoc's --columns, for relative widths */

struct line {
    const char *s;
    size_t n;                  /* without the line end */
    size_t next;               /* offset of the next line */
};

struct tbl {
    struct sz_doc *doc;
    const char *s;
    size_t n;
    sz_md_parse_fn parse;
    void *ud;
    struct sz_buf cell;
    size_t ncols;
    size_t idx[MAX_COLS + 1];  /* display column where each column starts */
    size_t dlen[MAX_COLS];     /* length of its dashes */
    struct sz_node *node;
    size_t *memo;              /* see next_footer */
};

static int
get_line(const struct tbl *t, size_t i, struct line *l)
{
    if (i >= t->n)
        return 0;
    const char *nl = memchr(t->s + i, '\n', t->n - i);
    size_t e = nl ? (size_t)(nl - t->s) : t->n;
    l->next = nl ? e + 1 : t->n;
    while (e > i && t->s[e - 1] == '\r')
        e--;
    l->s = t->s + i;
    l->n = e - i;
    return 1;
}

static int
is_blank(const struct line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    return 1;
}

/* Display width of one character at s (its length in *k). */
static size_t
char_width(const char *s, size_t n, size_t *k)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    if (r <= 0) {
        *k = 1;
        return 1;
    }
    *k = (size_t)r;
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : (size_t)w;
}

static size_t
text_width(const char *s, size_t n)
{
    size_t w = 0, k;
    for (size_t i = 0; i < n; i += k)
        w += char_width(s + i, n - i, &k);
    return w;
}

/* Byte offsets in l where display columns t->idx[1..ncols) start (pandoc's
** splitTextByIndices: a wide character across a border goes left). */
static void
cuts(const struct tbl *t, const struct line *l, size_t *cut)
{
    size_t w = 0, j = 0, k;
    cut[0] = 0;
    for (size_t p = 0; p < l->n && j < t->ncols + 1; p += k) {
        while (j <= t->ncols && w >= t->idx[j])
            cut[j++] = p;
        w += char_width(l->s + p, l->n - p, &k);
    }
    for (; j <= t->ncols; j++)
        cut[j] = l->n;
}

/* Piece c of line l (from column c's start to the next one's; the last to
** the line end). */
static void
piece(const struct tbl *t, const struct line *l, size_t c, const char **p, size_t *pn)
{
    size_t cut[MAX_COLS + 1];
    cuts(t, l, cut);
    size_t a = cut[c], b = c + 1 < t->ncols ? cut[c + 1] : l->n;
    *p = l->s + a;
    *pn = b > a ? b - a : 0;
}

static void
trim(const char **p, size_t *n)
{
    while (*n && (**p == ' ' || **p == '\t'))
        (*p)++, (*n)--;
    while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t'))
        (*n)--;
}

/* A dashed line: runs of ch, each with the spaces after it, after up to
** three spaces; sets the columns; 0 when it is not one. */
static int
dashes(struct tbl *t, const struct line *l, char ch)
{
    size_t i = 0, g = 0;
    while (i < l->n && l->s[i] == ' ')
        i++;
    if (i > 3 || i >= l->n)
        return 0;
    t->idx[0] = i;
    while (i < l->n) {
        size_t a = i;
        while (i < l->n && l->s[i] == ch)
            i++;
        if (i == a || g == MAX_COLS)
            return 0;
        t->dlen[g] = i - a;
        while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
            i++;
        t->idx[g + 1] = t->idx[g] + (i - a);
        g++;
    }
    t->ncols = g;
    return 1;
}

/* Is the line a dashed line (of '-') without changing the columns? */
static int
dash_line(const struct line *l)
{
    size_t i = 0;
    while (i < l->n && l->s[i] == ' ')
        i++;
    if (i > 3 || i >= l->n || l->s[i] != '-')
        return 0;
    for (; i < l->n; i++)
        if (l->s[i] != '-' && l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    return 1;
}

/* pandoc's tableFooter: a dashed line, then a blank line or the end. */
static int
footer_at(const struct tbl *t, size_t i)
{
    struct line l, b;
    return get_line(t, i, &l) && dash_line(&l) && (!get_line(t, l.next, &b) || is_blank(&b));
}

/* The first footer line at or after line from (t->n when none).  memo[0]
** - 1 is where the last search started and memo[1] what it found: the
** tables are looked for in the text's order, so no line is searched twice. */
static size_t
next_footer(struct tbl *t, size_t from)
{
    if (t->memo[0] && from >= t->memo[0] - 1 && from <= t->memo[1])
        return t->memo[1];
    struct line l;
    size_t q = from;
    while (get_line(t, q, &l) && !footer_at(t, q))
        q = l.next;
    t->memo[0] = from + 1;
    t->memo[1] = q;
    return q;
}

/* pandoc's alignType over the pieces of a column's header lines. */
static int
align_of(const char *const *p, const size_t *pn, size_t k, size_t len)
{
    const char *best = NULL;
    size_t bn = 0, bchars = 0;
    for (size_t i = 0; i < k; i++) {
        size_t n = pn[i];
        while (n && (p[i][n - 1] == ' ' || p[i][n - 1] == '\t'))
            n--;
        if (!n)
            continue;
        size_t chars = 0;
        for (size_t q = 0; q < n; q++)
            chars += ((unsigned char)p[i][q] & 0xC0) != 0x80;
        if (!best || chars < bchars)
            best = p[i], bn = n, bchars = chars;
    }
    if (!best)
        return SZ_ALIGN_DEFAULT;
    int left = best[0] == ' ' || best[0] == '\t', right = text_width(best, bn) < len;
    return left && right ? SZ_ALIGN_CENTER : left ? SZ_ALIGN_RIGHT
                                         : right ? SZ_ALIGN_LEFT : SZ_ALIGN_DEFAULT;
}

/* A cell of text s[0..n) (at: its offset in the text); a lone paragraph
** is Plain, as in pandoc. */
static int
add_cell(struct tbl *t, struct sz_node *row, const char *s, size_t n, size_t at)
{
    struct sz_node *c = sz_node_new(t->doc, SZ_CELL);
    sz_node_append(row, c);
    if (!n)
        return 0;
    if (t->parse(t->ud, s, n, at, c) < 0)
        return -1;
    if (c->first && !c->first->next && c->first->kind == SZ_PARA)
        c->first->kind = SZ_PLAIN;
    return 0;
}

/* The table's frame: caption, column specs, head, one body, foot. */
static void
frame(struct tbl *t, const int *align, const double *width)
{
    struct sz_node *tb = sz_node_new(t->doc, SZ_TABLE);
    sz_node_append(tb, sz_node_new(t->doc, SZ_CAPTION));
    for (size_t c = 0; c < t->ncols; c++) {
        struct sz_node *cs = sz_node_new(t->doc, SZ_COLSPEC);
        cs->sub = align[c];
        cs->width = width ? width[c] : 0;
        sz_node_append(tb, cs);
    }
    sz_node_append(tb, sz_node_new(t->doc, SZ_THEAD));
    struct sz_node *body = sz_node_new(t->doc, SZ_TBODY);
    sz_node_append(body, sz_node_new(t->doc, SZ_TBODY_HEAD));
    sz_node_append(tb, body);
    sz_node_append(tb, sz_node_new(t->doc, SZ_TFOOT));
    t->node = tb;
}

static struct sz_node *
thead(struct tbl *t)
{
    struct sz_node *c = t->node->first;
    while (c->kind != SZ_THEAD)
        c = c->next;
    return c;
}

/* pandoc's NormalizeHeader: a head row of empty cells is no head. */
static void
normalize_head(struct tbl *t)
{
    struct sz_node *h = thead(t), *row = h->first;
    if (!row || row != sz_node_last(h))
        return;
    for (struct sz_node *c = row->first; c; c = c->next)
        if (c->first)
            return;
    sz_node_unlink(row);
}

/* Simple table: a header line (none when headless), the dashed line, one
** line per row up to a blank line or a dashed one. */
static long
simple_table(struct tbl *t, size_t at, int headless)
{
    struct line h, d, l;
    size_t i = at;
    if (!headless) {
        if (!get_line(t, i, &h) || is_blank(&h))
            return 0;
        i = h.next;
    }
    if (!get_line(t, i, &d) || !dashes(t, &d, '-'))
        return 0;
    if (!headless && t->ncols == 1 && t->idx[0] == 0)
        return 0;               /* a setext heading */
    size_t rows = d.next, e = rows;
    size_t nrows = 0;
    while (get_line(t, e, &l) && !is_blank(&l) && !footer_at(t, e)) {
        nrows++;
        e = l.next;
    }
    if (!nrows)
        return 0;
    int footer = footer_at(t, e);
    if (headless && !footer)
        return 0;
    /* alignments from the header, or from the first row */
    struct line al;
    get_line(t, headless ? rows : at, &al);
    int align[MAX_COLS] = { 0 };
    for (size_t c = 0; c < t->ncols; c++) {
        const char *p;
        size_t pn;
        piece(t, &al, c, &p, &pn);
        align[c] = align_of(&p, &pn, 1, t->dlen[c]);
    }
    frame(t, align, NULL);
    if (!headless) {
        struct sz_node *row = sz_node_new(t->doc, SZ_ROW);
        sz_node_append(thead(t), row);
        for (size_t c = 0; c < t->ncols; c++) {
            const char *p;
            size_t pn;
            piece(t, &h, c, &p, &pn);
            trim(&p, &pn);
            if (add_cell(t, row, p, pn, (size_t)(p - t->s)) < 0)
                return -1;
        }
        normalize_head(t);
    }
    struct sz_node *body = thead(t)->next;
    for (size_t q = rows; q < e; q = l.next) {
        get_line(t, q, &l);
        struct sz_node *row = sz_node_new(t->doc, SZ_ROW);
        sz_node_append(body, row);
        for (size_t c = 0; c < t->ncols; c++) {
            const char *p;
            size_t pn;
            piece(t, &l, c, &p, &pn);
            trim(&p, &pn);
            if (add_cell(t, row, p, pn, (size_t)(p - t->s)) < 0)
                return -1;
        }
    }
    if (footer) {
        get_line(t, e, &l);
        e = l.next;
    }
    return (long)e;
}

/* pandoc's widthsFromIndices, for a multiline table. */
static void
widths_from(const struct tbl *t, const size_t *idx, double *w)
{
    size_t len[MAX_COLS + 1], k = t->ncols + 1, total = 0;
    for (size_t i = 0; i < k; i++)
        len[i] = idx[i] - (i ? idx[i - 1] : 0);
    if (k >= 2 && len[k - 1] < len[k - 2] && len[k - 2] - len[k - 1] <= 2)
        len[k - 1] = len[k - 2];
    for (size_t i = 0; i < k; i++)
        total += len[i];
    if (total < COLUMNS)
        total = COLUMNS;
    if (idx[k - 1] > total)
        total = idx[k - 1];
    for (size_t i = 1; i < k; i++)
        w[i - 1] = (double)len[i] / (double)total;
}

/* The cell text of column c over lines [a, e) of a multiline table: the
** trimmed pieces, one a line. */
static void
column_text(struct tbl *t, size_t a, size_t e, size_t c)
{
    struct line l;
    sz_buf_clear(&t->cell);
    for (size_t q = a; q < e && get_line(t, q, &l); q = l.next) {
        const char *p;
        size_t pn;
        piece(t, &l, c, &p, &pn);
        trim(&p, &pn);
        sz_buf_put(&t->cell, p, pn);
        sz_buf_putc(&t->cell, '\n');
    }
    size_t n = t->cell.len;
    while (n && (t->cell.data[n - 1] == '\n' || t->cell.data[n - 1] == ' '))
        n--;
    t->cell.len = n;
}

/* Multiline table: a dashed line (none when headless), header lines, the
** dashed line of the columns, rows of lines separated by blank lines, a
** dashed line and a blank one. */
static long
multiline_table(struct tbl *t, size_t at, int headless)
{
    struct line l, d;
    size_t i = at, head = at, head_end = at;
    if (!headless) {
        struct line b;
        if (!get_line(t, i, &l) || !dash_line(&l) || !get_line(t, l.next, &b) || is_blank(&b))
            return 0;
        head = i = l.next;
        while (get_line(t, i, &l) && !dash_line(&l) && !is_blank(&l))
            i = l.next;
        if (i == head)
            return 0;
        head_end = i;
    }
    if (!get_line(t, i, &d) || !dashes(t, &d, '-'))
        return 0;
    t->idx[t->ncols]++;         /* pandoc: the last column has its space too */
    /* rows: lines separated by blank lines, up to the footer */
    size_t rows = d.next, e = next_footer(t, rows);
    if (e >= t->n || !get_line(t, rows, &l) || is_blank(&l) || rows >= e)
        return 0;
    int align[MAX_COLS] = { 0 };
    double width[MAX_COLS];
    for (size_t c = 0; c < t->ncols; c++) {
        const char *p[64];
        size_t pn[64], k = 0;
        size_t from = headless ? rows : head, to = headless ? rows + 1 : head_end;
        for (size_t q = from; q < to && k < 64 && get_line(t, q, &l); q = l.next, k++) {
            piece(t, &l, c, &p[k], &pn[k]);
            if (headless)
                to = l.next;
        }
        align[c] = align_of(p, pn, k, t->dlen[c]);
    }
    widths_from(t, t->idx, width);
    frame(t, align, width);
    if (!headless) {
        struct sz_node *row = sz_node_new(t->doc, SZ_ROW);
        sz_node_append(thead(t), row);
        for (size_t c = 0; c < t->ncols; c++) {
            column_text(t, head, head_end, c);
            if (add_cell(t, row, t->cell.data, t->cell.len, head) < 0)
                return -1;
        }
        normalize_head(t);
    }
    struct sz_node *body = thead(t)->next;
    for (size_t q = rows; q < e;) {
        while (q < e && get_line(t, q, &l) && is_blank(&l))
            q = l.next;
        if (q >= e)
            break;
        size_t a = q;
        while (q < e && get_line(t, q, &l) && !is_blank(&l))
            q = l.next;
        struct sz_node *row = sz_node_new(t->doc, SZ_ROW);
        sz_node_append(body, row);
        for (size_t c = 0; c < t->ncols; c++) {
            column_text(t, a, q, c);
            if (add_cell(t, row, t->cell.data, t->cell.len, a) < 0)
                return -1;
        }
    }
    get_line(t, e, &l);
    return (long)l.next;
}

/* A grid table's border line "+---+:==:+": its '+' columns in t->idx,
** alignments from its colons; 0 when it is not one. */
static int
grid_border(struct tbl *t, const struct line *l, int *align, int *eq)
{
    if (l->n < 3 || l->s[0] != '+' || l->s[l->n - 1] != '+')
        return 0;
    size_t g = 0;
    *eq = 0;
    for (size_t i = 1; i < l->n; i++) {
        char c = l->s[i];
        if (c == '+') {
            if (g == MAX_COLS)
                return 0;
            t->idx[++g] = i;
            continue;
        }
        if (c == '=')
            *eq = 1;
        else if (c != '-' && c != ':')
            return 0;
    }
    t->idx[0] = 0;
    for (size_t c = 0; c < g; c++) {
        if (t->idx[c + 1] == t->idx[c] + 1)
            return 0;
        if (align) {
            int left = l->s[t->idx[c] + 1] == ':', right = l->s[t->idx[c + 1] - 1] == ':';
            align[c] = left && right ? SZ_ALIGN_CENTER : left ? SZ_ALIGN_LEFT
                                                      : right ? SZ_ALIGN_RIGHT
                                                              : SZ_ALIGN_DEFAULT;
        }
    }
    t->ncols = g;
    return 1;
}

/* The cell of column c over the content lines [a, e) of a grid row: lines
** with their ends trimmed, one leading space off when all have it. */
static void
grid_text(struct tbl *t, size_t a, size_t e, size_t c, const size_t *idx)
{
    struct line l;
    int all_space = 1;
    sz_buf_clear(&t->cell);
    for (int pass = 0; pass < 2; pass++)
        for (size_t q = a; q < e && get_line(t, q, &l); q = l.next) {
            size_t cut[MAX_COLS + 1];
            struct tbl u = *t;
            memcpy(u.idx, idx, sizeof u.idx);
            cuts(&u, &l, cut);
            size_t x = cut[c] + 1, y = cut[c + 1];
            const char *p = l.s + (x < y ? x : y);
            size_t pn = y > x ? y - x : 0;
            while (pn && (p[pn - 1] == ' ' || p[pn - 1] == '\t'))
                pn--;
            if (pass == 0) {
                if (pn && p[0] != ' ')
                    all_space = 0;
                continue;
            }
            if (all_space && pn)
                p++, pn--;
            sz_buf_put(&t->cell, p, pn);
            sz_buf_putc(&t->cell, '\n');
        }
}

/* Grid table without spanning cells: border lines of '+' and '-' (the one
** under the head of '='), rows of lines with a '|' at each border. */
static long
grid_table(struct tbl *t, size_t at)
{
    struct line l;
    int align[MAX_COLS], a2[MAX_COLS], eq;
    if (!get_line(t, at, &l) || !grid_border(t, &l, align, &eq) || eq)
        return 0;
    size_t idx[MAX_COLS + 1], ncols = t->ncols;
    memcpy(idx, t->idx, sizeof idx);
    /* the rows: where each starts, and the border line under the head */
    size_t *starts = NULL, nrows = 0, head_rows = 0, i = l.next, row_at = i;
    int has_head = 0;
    long rc = 0;
    for (;;) {
        if (!get_line(t, i, &l) || l.n == 0)
            goto out;
        if (l.s[0] == '+') {
            if (!grid_border(t, &l, a2, &eq) || t->ncols != ncols ||
                memcmp(t->idx, idx, (ncols + 1) * sizeof *idx) != 0 || i == row_at)
                goto out;       /* a spanning cell, or another shape */
            if ((nrows & (nrows - 1)) == 0)
                starts = sz_xrealloc(starts, (nrows ? 2 * nrows : 1) * sizeof *starts);
            starts[nrows++] = row_at;
            if (eq && !has_head) {
                has_head = 1;
                head_rows = nrows;
                memcpy(align, a2, sizeof align);
            }
            i = row_at = l.next;
            struct line nx;
            if (!get_line(t, i, &nx) || nx.n == 0 || (nx.s[0] != '|' && nx.s[0] != '+'))
                break;
            continue;
        }
        if (l.s[0] != '|')
            goto out;
        size_t cut[MAX_COLS + 1];
        memcpy(t->idx, idx, sizeof idx);
        t->ncols = ncols;
        cuts(t, &l, cut);
        for (size_t c = 0; c <= ncols; c++)
            if (cut[c] >= l.n || (l.s[cut[c]] != '|' && l.s[cut[c]] != '+'))
                goto out;
        if (cut[ncols] + 1 != l.n)
            goto out;
        i = l.next;
    }
    size_t end = i;
    t->ncols = ncols;
    memcpy(t->idx, idx, sizeof idx);
    double width[MAX_COLS];
    long total = 0;             /* pandoc: widths with a border each */
    for (size_t c = 0; c < ncols; c++)
        total += (long)(idx[c + 1] - idx[c]);
    total += (long)ncols - 2;
    if (total < COLUMNS)
        total = COLUMNS;
    for (size_t c = 0; c < ncols; c++)
        width[c] = (double)(idx[c + 1] - idx[c]) / (double)total;
    frame(t, align, width);
    struct sz_node *head = thead(t), *body = head->next;
    for (size_t r = 0; r < nrows; r++) {
        size_t a = starts[r], e = r + 1 < nrows ? starts[r + 1] : end;
        /* the row's content lines stop at its border line */
        struct line b;
        size_t q = a, last = a;
        while (q < e && get_line(t, q, &b) && b.s[0] == '|')
            q = last = b.next;
        struct sz_node *row = sz_node_new(t->doc, SZ_ROW);
        sz_node_append(r < head_rows ? head : body, row);
        for (size_t c = 0; c < ncols; c++) {
            grid_text(t, a, last, c, idx);
            size_t n = t->cell.len;
            while (n && (t->cell.data[n - 1] == '\n' || t->cell.data[n - 1] == ' '))
                n--;
            if (add_cell(t, row, t->cell.data, n ? t->cell.len : 0, a) < 0) {
                rc = -1;
                goto out;
            }
        }
    }
    if (has_head)
        normalize_head(t);
    rc = (long)end;
out:
    free(starts);
    return rc;
}

/* pandoc's table caption: "Table: text" or ": text", to a blank line;
** returns where it ends (after the blank lines), 0 when there is none. */
static size_t
caption_at(struct tbl *t, size_t at, struct sz_node **inl)
{
    struct line l;
    if (!get_line(t, at, &l))
        return 0;
    size_t i = 0;
    while (i < l.n && i < 3 && l.s[i] == ' ')
        i++;
    size_t k;
    if (l.n >= i + 6 && (l.s[i] == 'T' || l.s[i] == 't') && memcmp(l.s + i + 1, "able:", 5) == 0)
        k = i + 6;
    else if (i < l.n && l.s[i] == ':' && !(i + 1 < l.n && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", l.s[i + 1])))
        k = i + 1;
    else
        return 0;
    size_t a = (size_t)(l.s + k - t->s), e = l.next;
    while (get_line(t, e, &l) && !is_blank(&l))
        e = l.next;
    size_t text_end = e;
    while (get_line(t, e, &l) && is_blank(&l))
        e = l.next;
    struct sz_node *tmp = sz_node_new(t->doc, SZ_DIV);
    if (t->parse(t->ud, t->s + a, text_end - a, a, tmp) < 0)
        return (size_t)-1;
    *inl = tmp->first;
    return e;
}

static void
set_caption(struct tbl *t, struct sz_node *blk)
{
    if (!blk)
        return;
    struct sz_node *plain = sz_node_new(t->doc, SZ_PLAIN);
    sz_node_append_children(plain, blk);
    sz_node_append(t->node->first, plain);
}

long
sz_md_table(struct sz_doc *doc, const char *s, size_t n, size_t at, sz_md_parse_fn parse,
            void *ud, size_t memo[2], struct sz_node **out)
{
    struct tbl t;               /* (its column arrays are set before use) */
    t.cell = (struct sz_buf)SZ_BUF_INIT;
    t.ncols = 0;
    t.node = NULL;
    t.memo = memo;
    t.doc = doc;
    t.s = s;
    t.n = n;
    t.parse = parse;
    t.ud = ud;
    struct sz_node *cap = NULL;
    size_t start = at;
    long e = 0;
    /* a caption first, then the table after blank lines */
    struct line l;
    if (get_line(&t, at, &l) && l.n && (l.s[0] == ':' || l.s[0] == 'T' || l.s[0] == 't')) {
        size_t c = caption_at(&t, at, &cap);
        if (c == (size_t)-1)
            return -1;
        if (c)
            start = c;
    }
    if (!get_line(&t, start, &l) || is_blank(&l))
        return 0;
    char c0 = l.s[0];
    if (c0 == '+')
        e = grid_table(&t, start);
    else {
        if (c0 == '-' || c0 == ' ')
            e = multiline_table(&t, start, 0);
        if (!e)
            e = simple_table(&t, start, 1);
        if (!e)
            e = simple_table(&t, start, 0);
        if (!e && (c0 == '-' || c0 == ' '))
            e = multiline_table(&t, start, 1);
    }
    if (e <= 0) {
        sz_buf_free(&t.cell);
        return e;           /* (a caption without a table is a paragraph) */
    }
    if (!cap) {
        size_t q = (size_t)e;
        while (get_line(&t, q, &l) && is_blank(&l))
            q = l.next;
        size_t c = caption_at(&t, q, &cap);
        if (c == (size_t)-1) {
            sz_buf_free(&t.cell);
            return -1;
        }
        if (c)
            e = (long)c;
    }
    set_caption(&t, cap);
    sz_buf_free(&t.cell);
    *out = t.node;
    return e;
}
