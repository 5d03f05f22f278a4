/*
** essay_text.c
** Running text: paragraphs, indented paragraphs, verse, block quotes,
** figures, and the layout (wrap width, indentation) they are judged by.
** See LICENSE.
*/
#include <string.h>

#include "readers/essay_units.h"

/* Inlines of lines [a, b) joined by soft breaks. */
void
sz_essay_add_inlines(struct sz_ectx *c, struct sz_node *parent, struct sz_eline *l, size_t a,
                     size_t b, struct sz_buf *scratch)
{
    if (b == a + 1) {
        sz_essay_inlines(c, parent, l[a].s, l[a].len);
        return;
    }
    sz_buf_clear(scratch);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sz_buf_addc(scratch, '\n');
        sz_buf_add(scratch, l[i].s, l[i].len);
    }
    sz_essay_inlines(c, parent, scratch->data, scratch->len);
}

void
sz_essay_set_line(struct sz_ectx *c, const struct sz_node *n, uint32_t line)
{
    if (c->lines)
        sz_map_put(c->lines, n, (void *)(uintptr_t)line);
}

uint32_t
sz_essay_line(const struct sz_ectx *c, const struct sz_node *n)
{
    return c->lines ? (uint32_t)(uintptr_t)sz_map_get(c->lines, n) : 0;
}

struct sz_node *
sz_essay_block(struct sz_ectx *c, enum sz_kind k, uint32_t line)
{
    struct sz_node *n = sz_node_new(c->doc, k);
    sz_essay_set_line(c, n, line);
    sz_node_append(c->parent, n);
    return n;
}

/* NORA.  /  HELMER:  a speaker's name on its own line, opening a speech. */
int
sz_essay_speaker_line(const struct sz_eline *l)
{
    if (l->width < 3 || l->width > 30 || sz_essay_count_words(l->s, l->len) > 4)
        return 0;
    uint32_t end = sz_essay_last_cp(l->s, l->len);
    return (end == '.' || end == ':') && sz_essay_all_caps(l->s, l->len - 1);
}

void
sz_essay_measure(const struct sz_eline *l, size_t a, size_t b, struct layout *lay)
{
    lay->speakers = 0;
    lay->set_in = 0;
    lay->verse_book = 0;
    lay->verse_turn = 0;
    lay->para_in = 0;
    lay->from = a;
    lay->to = b;
    size_t w[201] = { 0 }, ind[41] = { 0 }, total = 0;
    for (size_t i = a; i < b; i++) {
        if (l[i].blank)
            continue;
        w[l[i].width + l[i].indent > 200 ? 200 : l[i].width + l[i].indent]++;
        ind[l[i].indent > 40 ? 40 : l[i].indent]++;
        total++;
    }
    size_t acc = 0;
    lay->wrap = total ? 0 : 72;
    lay->wide = 72;
    lay->med = 0;
    lay->lines = total;
    for (uint32_t k = 0; k <= 200 && total; k++) {
        acc += w[k];
        if (!lay->med && acc * 2 >= total)
            lay->med = k;
        if (!lay->wrap && acc * 10 >= total * 9)
            lay->wrap = k;
        if (acc * 50 >= total * 49) {
            lay->wide = k;
            break;
        }
    }
    size_t best = 0;
    lay->indent = 0;
    for (uint32_t k = 0; k <= 40; k++)
        if (ind[k] > best) {
            best = ind[k];
            lay->indent = k;
        }
}

/* The layout of the section starting at unit k (up to the next heading):
** a book may wrap its chapters at different widths (紅樓夢: 26 or 35
** characters), and a chapter wrapped narrower than the book is prose, not
** verse.  Its own width is taken only when it is much narrower and
** prose-shaped: long enough, and most lines near that width (verse has a
** median well below). */
void
sz_essay_section_layout(const struct units *u, const struct sz_eline *l, size_t k, size_t n,
               const struct layout *book, struct layout *sec)
{
    size_t e = k + 1;
    while (e < u->n && u->v[e].kind != U_HEAD)
        e++;
    *sec = *book;
    struct layout own;
    sz_essay_measure(l, u->v[k].a, e < u->n ? u->v[e].a : n, &own);
    if (own.lines >= SZ_ESSAY_SECTION_LINES && own.wrap * 10 < book->wrap * 8 &&
        own.med * 100 >= own.wrap * 85)
        sec->wrap = own.wrap;
    /* A section whose every line is set in past the book's margin (the
    ** publisher's advertisements at the end, a letter that is a whole
    ** chapter) is not quoting: its indentation is its own margin.  A
    ** section of extracts, most in quotation marks, quotes all the same. */
    if (own.indent >= book->indent + 2) {
        size_t in = 0, out = 0, blocks = 0, quoted = 0;
        for (size_t j = k; j < e; j++) {
            if (u->v[j].kind != U_PARA)
                continue;
            const struct sz_eline *f = &l[u->v[j].a];
            size_t i0 = 0;
            uint32_t q = sz_essay_cp_at(f->s, f->len, &i0);
            blocks++;
            quoted += q == '"' || q == 0x201C || q == 0x2018 || q == 0xAB || q == 0x201E;
            for (size_t i = u->v[j].a; i < u->v[j].b; i++) {
                in++;
                out += l[i].indent < own.indent;
            }
        }
        if (in >= SZ_ESSAY_SET_IN_LINES && out * 20 < in && quoted * 4 < blocks) {
            sec->indent = own.indent;
            sec->set_in = 1;
        }
    }
}

/* Leading spaces of a verse line, as pandoc's line blocks keep them:
** no-break spaces. */
#define NBSP8 "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"
static void
verse_line(struct sz_ectx *c, struct sz_node *lb, const struct sz_eline *l, uint32_t base)
{
    struct sz_node *ln = sz_node_new(c->doc, SZ_LINE);
    if (l->indent > base) {
        /* no-break spaces from a constant row of them for the common
        ** depths: a book of long verse lines sets a turnover in every few
        ** lines */
        static const char row[] = NBSP8 NBSP8 NBSP8 NBSP8 NBSP8;
        size_t n = (size_t)(l->indent - base) * 2;
        const char *sp = row;
        if (n >= sizeof row) {
            char *own = sz_arena_alloc(c->doc->arena, n);
            for (size_t k = 0; k < n; k += 2)
                own[k] = (char)0xC2, own[k + 1] = (char)0xA0;
            sp = own;
        }
        sz_node_append(ln, sz_node_new_text(c->doc, SZ_STR, sp, n));
    }
    size_t before = sz_node_count(ln);
    sz_essay_inlines(c, ln, l->s, l->len);
    /* "  word": the spaces and the first word are one Str in pandoc */
    if (before == 1 && ln->first->next && ln->first->next->kind == SZ_STR) {
        struct sz_node *a = ln->first, *b = a->next;
        char *s = sz_arena_alloc(c->doc->arena, a->len + b->len + 1);
        memcpy(s, a->text, a->len);
        memcpy(s + a->len, b->text, b->len);
        b->text = s;
        b->len += a->len;
        sz_node_unlink(a);
    }
    sz_node_append(lb, ln);
}

/* Lines [a, b) as one LineBlock, a line each. */
void
sz_essay_verse_lines(struct sz_ectx *c, const struct sz_eline *l, size_t a, size_t b, uint32_t base)
{
    struct sz_node *lb = sz_essay_block(c, SZ_LINEBLOCK, l[a].lineno);
    for (size_t i = a; i < b; i++)
        verse_line(c, lb, &l[i], base);
}

/* A row of a table drawn in text: cells between bars ("Colonel. | Zebulon
** Butler"), a rule of the table's frame ("------+------"), or three cells
** or more set apart by runs of spaces ("Noon.      {12}    Read").  Every
** block of running text is asked this, so the common answer (a line of
** prose) is reached with memchr and long strides rather than a look at
** each byte. */
static int
frame_only(const struct sz_eline *f)
{
    for (size_t i = 0; i < f->len; i++) {
        unsigned char ch = (unsigned char)f->s[i];
        if (ch == 0xE2 && i + 2 < f->len && (unsigned char)f->s[i + 1] == 0x80 &&
            (unsigned char)f->s[i + 2] == 0x94)
            i += 2;    /* an em dash drawn as a rule */
        else if (ch != '|' && ch != '+' && ch != '-' && ch != '=' && ch != ' ' && ch != '\t')
            return 0;
    }
    return 1;
}

static int
table_row(const struct sz_eline *f)
{
    /* a bar between cells: the first bar, or one after a bar that opens
    ** the line, before the last byte */
    const char *bar = memchr(f->s, '|', f->len);
    if (bar && f->len > 3 &&
        (bar != f->s ? bar < f->s + f->len - 1 : memchr(f->s + 1, '|', f->len - 2) != NULL))
        return 1;
    if ((bar || memchr(f->s, '+', f->len)) && frame_only(f))
        return 1;
    /* Two gaps: runs of three spaces or more, or tabs. */
    size_t gaps = 0;
    const char *p = f->s, *end = f->s + f->len;
    for (const char *t = p; (t = memchr(t, '\t', (size_t)(end - t))) != NULL; t++)
        if (++gaps >= 2)
            return 1;
    /* A byte that is no space starts no run of three, nor do the two
    ** before it: prose is crossed three bytes at a time. */
    while (p + 3 <= end) {
        if (p[2] != ' ') {
            p += 3;
        } else if (p[1] != ' ') {
            p += 2;
        } else if (p[0] != ' ') {
            p++;
        } else {
            if (++gaps >= 2)
                return 1;
            p += 3;
            while (p < end && *p == ' ')
                p++;
        }
    }
    return 0;
}

/* Where the second column of a line starts: past a run of two spaces or
** more after the first cell's text; 0 when the line has no such gap. */
static uint32_t
second_column(const struct sz_eline *f)
{
    const char *p = memchr(f->s, ' ', f->len), *end = f->s + f->len;
    while (p && p + 2 < end) {
        if (p[1] == ' ') {
            const char *q = p;
            while (q < end && *q == ' ')
                q++;
            if (q == end)
                return 0;
            uint32_t col = f->indent;
            for (const char *t = f->s; t < q; t++)
                col += ((unsigned char)*t & 0xC0) != 0x80;
            return col;
        }
        p = memchr(p + 1, ' ', (size_t)(end - p - 1));
    }
    return 0;
}

/* Every line of the block (three or more) holds two cells, the second
** starting at one column in all of them ("KING ARTHUR.        EMPEROR
** LUCIUS." over "KING LOT OF LOTHIAN. KING LOGRIS."): two columns of a
** table.  Verse that sets a gap inside its lines (a caesura) does not
** align what follows it from line to line. */
static int
two_columns(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a < 3)
        return 0;
    uint32_t col = second_column(&l[a]);
    if (col == 0)
        return 0;
    for (size_t i = a + 1; i < b; i++)
        if (second_column(&l[i]) != col)
            return 0;
    return 1;
}

/* A row of a price list or a table of figures: its text, a leader of dots
** and a figure at the end ("2 pounds salt . . . . . .   200"). */
static int
leader_row(const struct sz_eline *f)
{
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    if (end < '0' || end > '9')
        return 0;
    size_t dots = 0;
    for (size_t i = 0; i < f->len; i++) {
        if (f->s[i] == '.')
            dots++;
        else if (f->s[i] != ' ')
            dots = dots >= 3 ? dots : 0;
        if (dots >= 3 && i + 1 < f->len && f->s[i + 1] != '.' && f->s[i + 1] != ' ')
            return 1;
    }
    return 0;
}

/* Most lines of the block (three or more, two in three) are rows of a
** table drawn in text: kept as it is drawn, line by line and column by
** column.  A block stops being asked at its first line too many that is
** no row. */
static int
text_table(const struct sz_eline *l, size_t a, size_t b)
{
    size_t n = b - a, others = 0;
    if (n < 3)
        return 0;
    for (size_t i = a; i < b; i++)
        if (!table_row(&l[i]) && !leader_row(&l[i]) && ++others * 3 > n)
            return 0;
    return 1;
}

/* Words the last cell of a row of figures has at most ("30 cents",
** "$1 60", "1887"). */
#define FIGURE_CELL_WORDS 3

/* Does line f end in a cell of figures: past its text, a gap of two
** spaces or more, then a few words opening with a figure (or a currency
** sign before one) that end the line ("Elements of Arithmetic  30
** cents"), or a figure alone ("$ 23.44")?  Verse sets no figure at its
** lines' ends but a line number now and then, and prose no gap before one. */
static int
figure_row(const struct sz_eline *f)
{
    /* From the line's end back over its last words, up to a gap: only
    ** the end of a line is read, as prose lines have none of it. */
    const char *s = f->s, *end = f->s + f->len, *p = end;
    for (int words = 0; words < FIGURE_CELL_WORDS; words++) {
        while (p > s && p[-1] != ' ')
            p--;
        const char *w = p; /* this word's first byte */
        size_t gap = 0;
        while (p > s && p[-1] == ' ')
            p--, gap++;
        if (w < end && (*w == '$' || *w == '#'))
            w++;
        while (w < end && *w == ' ')
            w++;
        int figure = w < end && *w >= '0' && *w <= '9';
        if (p == s) {
            /* a figure alone on its line, no word with it: a sum under a
            ** column ("$ 23.44"), not an item numbered "2. The Son," */
            for (const char *t = s; figure && t < end; t++)
                figure = (unsigned char)*t < 'A';
            return figure;
        }
        if (gap >= 2) {
            if (!figure)
                return 0;
            for (const char *t = s; t < p; t++)
                if ((unsigned char)*t >= 'A')
                    return 1;
            return 0;
        }
    }
    return 0;
}

/* Two lines or more of the block, and half of them, end in a cell of
** figures set apart by spaces: a price list or a table of figures, with
** perhaps a title line or a note between its rows. */
static int
figure_list(const struct sz_eline *l, size_t a, size_t b)
{
    size_t n = b - a, rows = 0, others = 0;
    for (size_t i = a; i < b; i++) {
        if (figure_row(&l[i]))
            rows++;
        else if (++others * 2 > n)
            return 0;
    }
    return rows >= 2;
}

/* Lines [a, b) kept as they are drawn, set back to the least indented. */
static void
drawn(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch)
{
    uint32_t in = l[a].indent;
    for (size_t i = a; i < b; i++)
        if (l[i].indent < in)
            in = l[i].indent;
    sz_buf_clear(scratch);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sz_buf_putc(scratch, '\n');
        for (uint32_t k = in; k < l[i].indent; k++)
            sz_buf_putc(scratch, ' ');
        sz_buf_put(scratch, l[i].s, l[i].len);
    }
    struct sz_node *cb = sz_node_new_text(c->doc, SZ_CODEBLOCK, scratch->data, scratch->len);
    sz_essay_set_line(c, cb, l[a].lineno);
    sz_node_append(c->parent, cb);
}

/* Words a turned-over end of a verse line has at most. */
#define TURNOVER_WORDS 4

/* Is t the end of line f turned over: a few words set far to the right,
** starting about where f ends and ending past it, not opening with a
** capital, as print sets the end of
** a verse line too long for the measure ("Shall I be car-ri-ed toe the
** skies, on flow'ry beds / of ease,")? */
static int
turnover(const struct sz_eline *f, const struct sz_eline *t, const struct layout *lay)
{
    uint32_t fend = f->indent + f->width;
    /* the words run on from the line above: not a name under a letter's
    ** closing ("Deine gehorsame Tochter / Antonie.") */
    size_t i = 0;
    uint32_t cp = 0;
    while (i < t->len && !sz_essay_is_letter(cp = sz_essay_cp_at(t->s, t->len, &i)))
        cp = 0;
    if (sz_essay_is_upper(cp))
        return 0;
    return t->indent * 2 >= lay->wrap && t->indent + 8 >= fend && t->indent <= fend + 2 &&
           t->indent + t->width >= fend && t->indent > f->indent + 8 &&
           sz_essay_count_words(t->s, t->len) <= TURNOVER_WORDS;
}

/* Lines [a, b) as prose: a paragraph, or one inside a block quote where
** they are indented past the running text; returns the block. */
static struct sz_node *
prose(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, int quoted,
      struct sz_buf *scratch)
{
    struct sz_node *p = sz_essay_block(c, quoted ? SZ_BLOCKQUOTE : SZ_PARA, l[a].lineno);
    struct sz_node *in = p;
    if (quoted) {
        in = sz_node_new(c->doc, SZ_PARA);
        sz_essay_set_line(c, in, l[a].lineno);
        sz_node_append(p, in);
    }
    sz_essay_add_inlines(c, in, l, a, b, scratch);
    return p;
}

/* Does line f open, past any marks, with a small letter: the words of a
** sentence carried on (a long verse line's turnover, an entry's second
** line set in), never the first line of a paragraph? */
static int
opens_lower(const struct sz_eline *f)
{
    size_t i = 0;
    while (i < f->len) {
        uint32_t cp = sz_essay_cp_at(f->s, f->len, &i);
        if (sz_essay_is_letter(cp) || (cp >= '0' && cp <= '9'))
            return !sz_essay_first_upper(f);
    }
    return 0;
}

/* Do two lines in a row of l[a..b) fill the wrap width and each carry on
** in lower case on the next line, at the same indentation ("in short, the
** period was so far like the present period, that some of / its noisiest
** authorities ... for good or for / evil, in the superlative degree")?
** Wrapped prose; a long line of verse turns over set in. */
static int
runs_on(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay)
{
    int run = 0;
    for (size_t i = a; i + 1 < b; i++) {
        int on = (l[i].width + l[i].indent) * 10 >= lay->wrap * 9 &&
                 l[i + 1].indent == l[i].indent && opens_lower(&l[i + 1]);
        run = on ? run + 1 : 0;
        if (run >= 2)
            return 1;
    }
    return 0;
}

/* In a text written one paragraph per line, is [a, b) set in past the
** paragraphs on either side of it (full lines at a lesser indentation): a
** quotation?  Lines set in among headings or short lines are the text's
** own indentation (a paragraph opening with ideographic spaces). */
static int
per_line_quote(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay,
               uint32_t base)
{
    size_t p = a, q = b;
    while (p > lay->from && l[p - 1].blank)
        p--;
    while (q < lay->to && l[q].blank)
        q++;
    return p > lay->from && q < lay->to && l[p - 1].indent < base && l[q].indent < base &&
           l[p - 1].cols > 60 && l[q].cols > 60;
}

const char sz_essay_para_in_why[] =
    "a line alone, indented as the text's paragraphs open (their first lines are set in, "
    "the rest at the margin): a paragraph, not a quotation";

/* The indentation a text opens its paragraphs at, where that is how it
** marks them (The Art of War: "     1.  Sun Tzu said: ..." over lines at
** the margin, paragraph after paragraph without blank lines): most blocks
** of several lines open set in by one depth, every other line at the
** margin or at that depth, a few paragraphs to a block.  A line alone at that depth is then a
** paragraph too, not a quotation.  0 where the text does not. */
uint32_t
sz_essay_para_indent(const struct units *u, const struct sz_eline *l, const struct layout *lay)
{
    size_t at[13] = { 0 }, blocks = 0;
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_PARA || x->b - x->a < 2)
            continue;
        blocks++;
        uint32_t d = l[x->a].indent;
        if (d < lay->indent + 2 || d > lay->indent + 12)
            continue;
        size_t i = x->a + 1;
        while (i < x->b && (l[i].indent == lay->indent || l[i].indent == d))
            i++;
        /* a few paragraphs to a block, as the text sets them apart in
        ** groups: where a chapter is one block of hundreds of lines, a line
        ** set apart from it is something else (a couplet, a motto) */
        at[d - lay->indent] += i == x->b && l[x->a + 1].indent == lay->indent &&
                               x->b - x->a <= SZ_ESSAY_PARA_IN_LINES;
    }
    size_t best = 0;
    for (size_t d = 2; d <= 12; d++)
        if (at[d] > at[best])
            best = d;
    return best && at[best] >= SZ_ESSAY_PARA_IN_BLOCKS && at[best] * 2 >= blocks
               ? lay->indent + (uint32_t)best : 0;
}

/* Lines kept as print breaks them in one paragraph, not verse: a
** letter's dateline or signature. */
static void
lines_para(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch);

const char sz_essay_cast_why[] =
    "lines between the heading over a play's persons and its first act: a list (the persons, "
    "the scenes, the first cast), kept as its lines in one paragraph, not verse";

void
sz_essay_lines_para(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                    struct sz_buf *scratch)
{
    lines_para(c, l, a, b, scratch);
}

static void
lines_para(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch)
{
    struct sz_node *p = sz_essay_block(c, SZ_PARA, l[a].lineno);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sz_node_append(p, sz_node_new(c->doc, SZ_LINEBREAK));
        sz_essay_add_inlines(c, p, l, i, i + 1, scratch);
    }
}

/* Lines kept as print breaks them, not verse (a list, an imprint), set in
** past the running text: one paragraph inside a block quote. */
static void
kept_lines(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch)
{
    struct sz_node *q = sz_essay_block(c, SZ_BLOCKQUOTE, l[a].lineno);
    struct sz_node *p = sz_node_new(c->doc, SZ_PARA);
    sz_essay_set_line(c, p, l[a].lineno);
    sz_node_append(q, p);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sz_node_append(p, sz_node_new(c->doc, SZ_LINEBREAK));
        sz_essay_add_inlines(c, p, l, i, i + 1, scratch);
    }
}

/* One blank-line separated block of running text.  Lines that cannot be
** wrapped prose (several short ones) are verse; an indented block is a
** quotation; an indented line after a full one starts a new paragraph. */
const char *
sz_essay_text_unit(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                   const struct layout *lay, struct sz_buf *scratch)
{
    size_t nl = b - a, shorts = 0;
    uint32_t base = l[a].indent;
    int list = sz_essay_list_unit(c, l, a, b, scratch);
    if (list == 3)
        return "lines opening with en dashes under a line ending with a colon, parallel, "
               "none a speech (no question, no dash before the speaker's words): a list";
    if (list)
        return "lines with list markers";
    if (!c->per_line && text_table(l, a, b)) {
        drawn(c, l, a, b, scratch);
        return "most lines are rows of a table drawn in text (cells between bars, a frame "
               "of rules, columns set apart by spaces, leaders to a figure): kept as drawn";
    }
    struct shape sh;
    for (size_t i = a; i < b; i++)
        if (l[i].indent < base)
            base = l[i].indent;
    int quoted = !c->per_line ? base >= lay->indent + 2 && base < 40
                              : base >= lay->indent + 4 && base < 40 &&
                                    per_line_quote(l, a, b, lay, base);
    if (quoted && nl == 1 && lay->para_in && base == lay->para_in) {
        prose(c, l, a, b, 0, scratch);
        return sz_essay_para_in_why;
    }
    /* ... your friend, / (set in) --R.W. Emerson: a dash and a name alone
    ** under running text sign a letter; under a quotation set in they say
    ** whom it quotes */
    if (quoted && nl == 1 && sz_essay_dash_signature(&l[a])) {
        size_t p = a;
        while (p > 0 && a - p < 4 && l[p - 1].blank)
            p--;
        if (p > 0 && !l[p - 1].blank && l[p - 1].indent <= lay->indent) {
            prose(c, l, a, b, 0, scratch);
            return "a dash and a name alone, set in under running text: the signature of a "
                   "letter, not a quotation";
        }
    }
    /* a quotation's last line set well to the right of the others, in a
    ** few words: who said it ("PAINE.") */
    int signed_off = nl >= 3 && l[b - 1].indent >= l[b - 2].indent + 4 &&
                     sz_essay_count_words(l[b - 1].s, l[b - 1].len) <= 5;
    if (lay->speakers && nl >= 2 && !c->per_line && sz_essay_speaker_line(&l[a])) {
        /* The speech after the name is one block, prose or verse by its
        ** own lines: a verse play's lines may set the measure, so they
        ** are judged by their starts and ends as well as their length. */
        for (size_t i = a + 1; i + 1 < b; i++)
            shorts += (l[i].width + l[i].indent) * 4 < lay->wrap * 3;
        sz_essay_block_shape(l, a + 1, b, lay->wide, &sh);
        if (nl >= 3 && (shorts * 2 >= nl - 2 || sz_essay_verse_by_starts(&sh) ||
                        sz_essay_verse_speech(&sh))) {
            sz_essay_verse_lines(c, l, a, b, base);
            return "a speech in verse under its speaker's name (the text is a play): "
                   "its lines open with capitals, end short, with room or at a stop";
        }
        struct sz_node *p = sz_essay_block(c, SZ_PARA, l[a].lineno);
        sz_essay_inlines(c, p, l[a].s, l[a].len);
        sz_node_append(p, sz_node_new(c->doc, SZ_LINEBREAK));
        sz_essay_add_inlines(c, p, l, a + 1, b, scratch);
        return "a speech in prose under its speaker's name (the text is a play)";
    }
    if (c->per_line && nl >= 2 && sz_essay_stanza_end(l, a, lay->from, lay->to) == b) {
        sz_essay_verse_lines(c, l, a, b, base);
        return "short lines set apart by blank lines (or under a title, over the first "
               "paragraph) in a text written one paragraph per line: a stanza";
    }
    int deeper = 0;    /* a line set in past the block's margin: a turnover? */
    for (size_t i = a; i + 1 < b; i++) {
        shorts += (l[i].width + l[i].indent) * 4 < lay->wrap * 3;
        deeper |= l[i + 1].indent >= base + 2;
    }
    sz_essay_block_shape(l, a, b, lay->wide, &sh);
    /* Asked only of blocks that would not be running text (short lines,
    ** lines opening with capitals, or set in): prose is most of a book. */
    if (!c->per_line && nl >= 2 &&
        (quoted || shorts * 2 >= nl - 1 || sz_essay_verse_by_starts(&sh)) &&
        figure_list(l, a, b)) {
        drawn(c, l, a, b, scratch);
        return "half the lines or more end in figures set apart by spaces (\"Elements of "
               "Arithmetic  30 cents\"): a price list or table of figures, kept as drawn";
    }
    if (nl == 2 && !c->per_line && turnover(&l[a], &l[a + 1], lay)) {
        struct sz_node *lb = sz_essay_block(c, SZ_LINEBLOCK, l[a].lineno);
        struct sz_node *ln = sz_node_new(c->doc, SZ_LINE);
        sz_buf_clear(scratch);
        sz_buf_put(scratch, l[a].s, l[a].len);
        sz_buf_putc(scratch, ' ');
        sz_buf_put(scratch, l[a + 1].s, l[a + 1].len);
        sz_essay_inlines(c, ln, scratch->data, scratch->len);
        sz_node_append(lb, ln);
        return "a line too long for the measure, its last words turned over to the right "
               "under its end: one line of verse";
    }
    /* Breaks where wrapped prose breaks (one in three, or one opening a
    ** paragraph as the text sets them in): the short lines are the ends of
    ** paragraphs, and an indented first line among them starts one. */
    size_t opens = 0;
    size_t wrapped = nl >= 2 && !c->per_line && !lay->verse_book && shorts >= 1 &&
                             shorts * 2 >= nl - 1
                         ? sz_essay_wrapped_breaks(l, a, b, lay, &opens)
                         : 0;
    int paras = wrapped && (wrapped * 3 >= nl - 1 || opens);
    if (nl >= 2 && !c->per_line) {
        if (shorts * 2 >= nl - 1 && shorts >= 1 && !paras) {
            int own = sz_essay_own_measure_prose(l, a, b);
            if (own < 0) {
                sz_essay_verse_lines(c, l, a, b, base);
                return "lines filling a measure of their own, a word broken at a line's end: a "
                       "page copied line for line, kept as its lines";
            }
            if (own > 0) {
                prose(c, l, a, b, quoted, scratch);
                return quoted ? "lines short of the wrap width but filling a measure of their own, "
                                "carrying on in lower case, indented past the running text: a "
                                "quotation in prose"
                              : "lines short of the wrap width but filling a measure of their own, "
                                "carrying on in lower case: prose wrapped narrower";
            }
            if (nl == 2 && sz_essay_wrapped_pair(l, a, lay)) {
                prose(c, l, a, b, quoted, scratch);
                return quoted ? "two lines, the first short only because the second's first word "
                                "would not fit after it, indented past the running text: a "
                                "quotation in prose"
                              : "two lines, the first short only because the second's first word "
                                "would not fit after it: prose wrapped";
            }
            if (two_columns(l, a, b)) {
                drawn(c, l, a, b, scratch);
                return "short lines, each of two cells, the second starting at one column in "
                       "all: two columns of a table, kept as drawn";
            }
            if (runs_on(l, a, b, lay)) {
                prose(c, l, a, b, quoted, scratch);
                return "short lines, then lines filled to the wrap width that carry on in lower "
                       "case: one paragraph whose opening is set a clause to a line";
            }
            /* (a sign-off closing the text or its section, Name / Place,
            ** date, is kept as its lines, as the essays set it) */
            size_t after = b;
            while (after < lay->to && l[after].blank)
                after++;
            const char *letter = after < lay->to ? sz_essay_letter_lines(l, a, b) : NULL;
            if (letter) {
                lines_para(c, l, a, b, scratch);
                return letter;
            }
            /* (set in as a list or an address is; a book of poems may leave
            ** its stops out, its verse being the rule; a sign-off closing
            ** the text is kept as verse, as above) */
            if (quoted && !lay->verse_book && after < lay->to &&
                sz_essay_unstopped_lines(l, a, b, lay)) {
                kept_lines(c, l, a, b, scratch);
                return "short lines set in, none ending at a stop or any other mark, as the "
                       "entries of a list or an index, an imprint or an address end: a "
                       "quotation kept as its lines, not verse";
            }
            int as_drawn = 0;
            const char *grid = sz_essay_grid_lines(l, a, b, &as_drawn);
            if (grid && as_drawn) {
                drawn(c, l, a, b, scratch);
                return grid;
            }
            const char *inventory = grid ? grid : sz_essay_same_figure_lines(l, a, b);
            if (!inventory)
                inventory = sz_essay_field_lines(l, a, b);
            if (inventory) {
                if (quoted)
                    kept_lines(c, l, a, b, scratch);
                else
                    lines_para(c, l, a, b, scratch);
                return inventory;
            }
            const char *dialogue = sz_essay_dialogue_pair(l, a, b);
            if (dialogue) {
                prose(c, l, a, b, quoted, scratch);
                return dialogue;
            }
            sz_essay_verse_lines(c, l, a, b, base);
            return "most lines end well short of the wrap width: verse";
        }
        if (sz_essay_verse_by_starts(&sh)) {
            sz_essay_verse_lines(c, l, a, b, base);
            return "lines as long as prose, but each opens with a capital and most end "
                   "with room for the next word or at a stop: verse";
        }
        if (sz_essay_couplet_among_verse(l, a, b, lay)) {
            sz_essay_verse_lines(c, l, a, b, base);
            return "two lines opening with capitals, the first ending with room or at a "
                   "stop, next to stanzas: a couplet of the poem";
        }
        struct shape tsh;
        size_t turned = sh.lows && deeper ? sz_essay_turned_shape(l, a, b, lay->wrap, lay->wide, &tsh) : 0;
        if (turned >= 2 && (sz_essay_verse_by_starts(&tsh) ||
                            (lay->verse_book && tsh.caps == tsh.breaks &&
                             tsh.numbered * 2 <= tsh.breaks))) {
            sz_essay_verse_lines(c, l, a, b, base);
            return "lines each opening with a capital and ending with room or at a stop, "
                   "those too long for the measure turned over onto a line set deeper that "
                   "carries on in lower case: verse";
        }
        /* (the text's own way of turning its verse over, every line
        ** opening with a capital: two lines are enough) */
        if (turned >= 2 && lay->verse_turn && tsh.turn == lay->verse_turn &&
            tsh.caps == tsh.breaks && tsh.numbered * 2 <= tsh.breaks) {
            sz_essay_verse_lines(c, l, a, b, base);
            return "lines each opening with a capital, those too long for the measure turned "
                   "over onto a line set as much deeper as the text's verse turns over, "
                   "carrying on in lower case: verse";
        }
        if (lay->verse_book && sz_essay_capital_lines(&sh, nl)) {
            sz_essay_verse_lines(c, l, a, b, base);
            return "in a text whose blocks are mostly verse, four lines or more each opening "
                   "with a capital: verse";
        }
        /* First-line indentation marks paragraphs (Chinese, some books):
        ** in a block of full lines, an indented line after one at the
        ** base indentation starts a new paragraph.  No recursion: a
        ** chapter may be a single block of thousands of paragraphs. */
        /* A hanging indent (the first line at the base, the others at one
        ** deeper indentation: a numbered clause, an entry) is one
        ** paragraph.  Two lines may be centred ones instead. */
        int hanging = nl >= 3 && l[a].indent == base;
        for (size_t i = a + 1; i < b && hanging; i++)
            hanging = l[i].indent > base + 1 && l[i].indent <= l[a + 1].indent + 1 &&
                      l[i].indent + 1 >= l[a + 1].indent;
        if ((shorts * 2 < nl - 1 || paras) && !hanging) {
            size_t start = a;
            for (size_t i = a + 1; i <= b; i++)
                if (i == b || (l[i].indent > base + 1 && l[i - 1].indent == base &&
                               !(i + 1 == b && quoted && signed_off) && !opens_lower(&l[i]))) {
                    if (start == a && i == b)
                        break;
                    struct sz_node *p = sz_essay_block(c, SZ_PARA, l[start].lineno);
                    sz_essay_add_inlines(c, p, l, start, i, scratch);
                    start = i;
                }
            if (start != a)
                return shorts * 2 < nl - 1
                           ? "full lines, each indented first line starts a paragraph"
                           : "short lines, but one filling the wrap width carries its sentence "
                             "on in lower case at the margin, as wrapped prose does: the ends "
                             "of paragraphs, not verse; each indented first line starts one";
        }
    }
    if (quoted && sz_essay_indented_couplet(l, a, b, lay)) {
        sz_essay_verse_lines(c, l, a, b, base);
        return "two lines indented past the running text, each opening with a capital "
               "and ending at a stop, the first well short of the wrap width: a couplet";
    }
    if (quoted && !c->per_line && sz_essay_quoted_verse(l, a, b - (size_t)signed_off, lay)) {
        sz_essay_verse_lines(c, l, a, b, base);
        return signed_off ? "indented past the running text, every line opening with a capital, "
                            "one though the line above left its sentence open, the last line "
                            "set to the right: a quotation in verse and who wrote it"
                          : "indented past the running text, every line opening with a capital, "
                            "one though the line above left its sentence open: a quotation in "
                            "verse";
    }
    if (quoted && !c->per_line && sz_essay_rhymed_block(l, a, b)) {
        sz_essay_verse_lines(c, l, a, b, base);
        return "indented past the running text, every line opening with a capital and "
               "rhyming with the next or the one after (care / are): a quotation in verse";
    }
    if (quoted) {
        struct sz_node *q = prose(c, l, a, b - (size_t)signed_off, 1, scratch);
        if (signed_off) {
            struct sz_node *p = sz_node_new(c->doc, SZ_PARA);
            sz_essay_set_line(c, p, l[b - 1].lineno);
            sz_essay_add_inlines(c, p, l, b - 1, b, scratch);
            sz_node_append(q, p);
            return "indented past the running text, its last line set to the right: a "
                   "quotation and who wrote it";
        }
        return "indented past the running text: a quotation";
    }
    prose(c, l, a, b, 0, scratch);
    if (c->per_line)
        return "a line of a text written one paragraph per line";
    if (paras && shorts * 2 >= nl - 1 && shorts >= 1)
        return "short lines, but one filling the wrap width carries its sentence on in lower "
               "case at the margin, as wrapped prose does: the end of a paragraph, not verse";
    return lay->set_in ? "running text, set in as every line of its section is (its own margin)"
                       : "running text";
}

/* [Illustration: caption] : a figure whose caption is the text. */
void
sz_essay_figure(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch)
{
    struct sz_node *fig = sz_essay_block(c, SZ_FIGURE, l[a].lineno);
    struct sz_node *cap = sz_node_new(c->doc, SZ_CAPTION);
    sz_node_append(fig, cap);
    sz_buf_clear(scratch);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sz_buf_putc(scratch, '\n');
        sz_buf_put(scratch, l[i].s, l[i].len);
    }
    size_t s = 13, e = scratch->len - 1;    /* past "[Illustration", before "]" */
    /* "[Music: Traumerei.", "[Music]": the caption keeps the word, which
    ** says what the page printed there */
    if (scratch->len >= 6 && !memcmp(scratch->data, "[Music", 6))
        s = 1;
    else if (s < e && scratch->data[s] == ':')
        s++;
    while (s < e && (scratch->data[s] == ' ' || scratch->data[s] == '\n'))
        s++;
    if (s < e) {
        struct sz_node *p = sz_node_new(c->doc, SZ_PLAIN);
        sz_essay_inlines(c, p, scratch->data + s, e - s);
        sz_node_append(cap, p);
    }
}

/* A unit kept line by line (title page, contents): one line is a
** paragraph, several are a line block. */
void
sz_essay_lines_block(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                     struct sz_buf *scratch)
{
    if (b == a + 1) {
        struct sz_node *p = sz_essay_block(c, SZ_PARA, l[a].lineno);
        sz_essay_add_inlines(c, p, l, a, b, scratch);
        return;
    }
    struct sz_node *lb = sz_essay_block(c, SZ_LINEBLOCK, l[a].lineno);
    for (size_t i = a; i < b; i++) {
        struct sz_node *ln = sz_node_new(c->doc, SZ_LINE);
        sz_essay_inlines(c, ln, l[i].s, l[i].len);
        sz_node_append(lb, ln);
    }
}
