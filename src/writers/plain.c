/*
** plain.c
** The plain writer: the document as a wrapped plain-text book.
** See LICENSE.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"
#include "core/registry.h"
#include "writers/wrap.h"

/* Layout (README "Plain text output" describes it for users):
**   title block    title, subtitle, authors, date, each centred
**   headings       level 1 underlined with '=', level 2 with '-', deeper
**                  levels as a line of their own; two blank lines before
**                  a level-1 heading
**   paragraphs     wrapped, separated by one blank line
**   block quotes   indented 4 spaces, wrapped within
**   lists          "-   " or "1.  " markers with hanging indents
**   code           indented 4 spaces, never wrapped
**   notes          [1] markers; the note texts follow the body
**   emphasis       _emph_, *strong*, ~~strikeout~~; small caps in capitals
** Walks use the iterator (no recursion); several walks may run one after
** the other (the notes), never inside one another beyond one level. */

/* Flush the output to the sink whenever this much has gathered, so a large
** book is never held twice in memory. */
#define FLUSH_AT (256 * 1024)

/* One level of line prefix: a block quote, a list item, a definition.  The
** first line inside a list item carries its marker (first); every other line
** the blank indent (rest). */
struct level {
    const char *first, *rest;
    int used;
};

struct list {
    int index, loose, width;
    const struct sz_node *node;
};

struct plain {
    const struct sz_doc *doc;
    struct sz_sink *sink;
    struct sz_buf out;
    struct sz_arena *arena;     /* markers and table cells */
    struct sz_wrapper wr;
    int columns;
    enum sz_wrap wrap;
    struct level *lv;
    size_t nlv, caplv;
    struct list *ls;
    size_t nls, capls;
    struct sz_buf pf, pr;       /* the composed first and rest prefixes */
    struct sz_buf text;         /* inline text of the block being written */
    struct sz_buf tmp;
    size_t *marks;              /* inline start offsets, one per open container */
    size_t nmarks, capmarks;
    const struct sz_node **notes;
    size_t nnotes, capnotes;
    int started;                /* something has been written */
    int prev_plain;             /* the last block written was a Plain (tight) */
    int force_blank;            /* a list just ended: blank line before the next block */
    int decided;                /* -1, or the blank-line choice made by a list item */
    int extra_next;             /* blank lines the next block adds (after the title) */
    int failed;                 /* the sink refused a write */
};

static void *
grow_slow(void *p, size_t *cap, size_t need, size_t size)
{
    *cap = need < 16 ? 16 : need * 2;
    return sz_xrealloc(p, *cap * size);
}

/* Room for need elements in the array p of *cap. */
#define grow(p, cap, need, size) ((need) <= *(cap) ? (p) : grow_slow((p), (cap), (need), (size)))

static void
flush(struct plain *p, int force)
{
    if (p->out.len && (force || p->out.len >= FLUSH_AT)) {
        if (!p->failed && sz_sink_write(p->sink, p->out.data, p->out.len) != 0)
            p->failed = 1;
        sz_buf_clear(&p->out);
    }
}

/* The wrapper hands on the lines of a long paragraph as it goes. */
static void
spill_out(void *ud)
{
    flush(ud, 0);
}

/* {=================================================================
** Prefixes and blank lines
** ================================================================== */

static void
push_level(struct plain *p, const char *first, const char *rest)
{
    p->lv = grow(p->lv, &p->caplv, p->nlv + 1, sizeof *p->lv);
    p->lv[p->nlv].first = first;
    p->lv[p->nlv].rest = rest;
    p->lv[p->nlv].used = 0;
    p->nlv++;
}

static void
pop_level(struct plain *p)
{
    if (p->nlv)
        p->nlv--;
}

static void
compose(struct plain *p, const char *extra_first, const char *extra_rest)
{
    sz_buf_clear(&p->pf);
    sz_buf_clear(&p->pr);
    sz_buf_put(&p->pf, "", 0);
    sz_buf_put(&p->pr, "", 0);
    for (size_t i = 0; i < p->nlv; i++) {
        sz_buf_puts(&p->pf, p->lv[i].used ? p->lv[i].rest : p->lv[i].first);
        sz_buf_puts(&p->pr, p->lv[i].rest);
    }
    sz_buf_puts(&p->pf, extra_first);
    sz_buf_puts(&p->pr, extra_rest);
}

static void
mark_used(struct plain *p)
{
    for (size_t i = 0; i < p->nlv; i++)
        p->lv[i].used = 1;
}

static void
blank_line(struct plain *p)
{
    compose(p, "", "");
    size_t n = p->pr.len;
    while (n > 0 && p->pr.data[n - 1] == ' ')
        n--;
    sz_buf_put(&p->out, p->pr.data, n);
    sz_buf_putc(&p->out, '\n');
}

/* Before a block: the blank lines that separate it from the one before. */
static void
begin_block(struct plain *p, int extra)
{
    int blank;
    if (p->extra_next > extra)
        extra = p->extra_next;
    p->extra_next = 0;
    if (!p->started)
        blank = 0;
    else if (p->decided >= 0)
        blank = p->decided;
    else
        blank = p->force_blank || !p->prev_plain;
    if (blank)
        for (int i = 0; i <= extra; i++)
            blank_line(p);
}

static void
end_block(struct plain *p, int plain)
{
    p->started = 1;
    p->prev_plain = plain;
    p->force_blank = 0;
    p->decided = -1;
    mark_used(p);
    flush(p, 0);
}

/* Wraps s[0..n) under the current prefixes plus the extra ones. */
static int
put_wrapped(struct plain *p, const char *s, size_t n, const char *xf, const char *xr,
            unsigned flags)
{
    compose(p, xf, xr);
    int w = sz_wrap_text(&p->wr, &p->out, s, n, p->pf.data, p->pr.data, p->columns, flags);
    if (n)
        mark_used(p);
    return w;
}

static unsigned
wrap_flags(const struct plain *p)
{
    return p->wrap == SZ_WRAP_AUTO ? SZ_WRAPF_BREAK : 0;
}

/* One ready-made line (no wrapping) under the current prefixes. */
static void
put_line(struct plain *p, const char *s, size_t n)
{
    compose(p, "", "");
    while (n > 0 && s[n - 1] == ' ')
        n--;
    const struct sz_buf *pb = &p->pf;
    size_t pl = pb->len;
    if (n == 0)
        while (pl > 0 && pb->data[pl - 1] == ' ')
            pl--;
    sz_buf_put(&p->out, pb->data, pl);
    sz_buf_put(&p->out, s, n);
    sz_buf_putc(&p->out, '\n');
    mark_used(p);
}

static int
avail_width(struct plain *p)
{
    compose(p, "", "");
    int a = p->columns - sz_text_width(p->pr.data, p->pr.len);
    return a < 1 ? 1 : a;
}

/* Wraps s[0..n) and centres every line. */
static void
put_centred(struct plain *p, const char *s, size_t n)
{
    int avail = avail_width(p);
    struct sz_buf lines = SZ_BUF_INIT;
    sz_wrap_text(&p->wr, &lines, s, n, "", "", avail, wrap_flags(p));
    for (size_t i = 0; i < lines.len;) {
        const char *e = memchr(lines.data + i, '\n', lines.len - i);
        size_t len = (size_t)(e - (lines.data + i));
        int pad = (avail - sz_text_width(lines.data + i, len)) / 2;
        sz_buf_clear(&p->tmp);
        for (int k = 0; k < pad; k++)
            sz_buf_putc(&p->tmp, ' ');
        sz_buf_put(&p->tmp, lines.data + i, len);
        put_line(p, p->tmp.data, p->tmp.len);
        i += len + 1;
    }
    sz_buf_free(&lines);
}

/* }================================================================== */

/* {=================================================================
** Inlines: text of one block into p->text
** ================================================================== */

static int
is_plain_format(const char *f)
{
    return f && (!strcmp(f, "plain") || !strcmp(f, "text"));
}

/* Unicode superscript/subscript forms of the characters that have them. */
static uint32_t
script_cp(uint32_t c, int sup)
{
    static const uint32_t sup_d[] = { 0x2070, 0xb9, 0xb2, 0xb3, 0x2074,
                                      0x2075, 0x2076, 0x2077, 0x2078, 0x2079 };
    if (c >= '0' && c <= '9')
        return sup ? sup_d[c - '0'] : 0x2080 + (c - '0');
    switch (c) {
    case '+': return sup ? 0x207a : 0x208a;
    case '-': case 0x2212: return sup ? 0x207b : 0x208b;
    case '=': return sup ? 0x207c : 0x208c;
    case '(': return sup ? 0x207d : 0x208d;
    case ')': return sup ? 0x207e : 0x208e;
    case 'n': return sup ? 0x207f : 0;
    case 'i': return sup ? 0x2071 : 0;
    default: return 0;
    }
}

/* Rewrites text[start..] in Unicode super- or subscript characters when all
** of them have one, else wraps it in ^...^ or ~...~. */
static void
finish_script(struct plain *p, size_t start, int sup)
{
    struct sz_buf *t = &p->text;
    size_t n = t->len - start;
    sz_buf_clear(&p->tmp);
    int ok = n > 0;
    for (size_t i = start; i < t->len && ok;) {
        uint32_t cp;
        i += sz_utf8_decode(t->data + i, t->len - i, &cp);
        uint32_t s = script_cp(cp, sup);
        if (!s)
            ok = 0;
        else
            sz_buf_put_utf8(&p->tmp, s);
    }
    if (ok) {
        t->len = start;
        sz_buf_put(t, p->tmp.data, p->tmp.len);
    } else if (n > 0) {
        sz_buf_clear(&p->tmp);
        sz_buf_put(&p->tmp, t->data + start, n);
        t->len = start;
        sz_buf_putc(t, sup ? '^' : '~');
        sz_buf_put(t, p->tmp.data, p->tmp.len);
        sz_buf_putc(t, sup ? '^' : '~');
    }
}

static void
upper_case(struct plain *p, size_t start)
{
    struct sz_buf *t = &p->text;
    sz_buf_clear(&p->tmp);
    for (size_t i = start; i < t->len;) {
        uint32_t cp;
        i += sz_utf8_decode(t->data + i, t->len - i, &cp);
        sz_buf_put_utf8(&p->tmp, (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp));
    }
    t->len = start;
    sz_buf_put(t, p->tmp.data, p->tmp.len);
}

/* Link text is followed by its target unless the text already says it. */
static void
finish_link(struct plain *p, const struct sz_node *n, size_t start)
{
    const char *u = n->target->url;
    if (!u || !*u || *u == '#')
        return;
    const char *t = p->text.data ? p->text.data + start : "";
    size_t tl = p->text.len - start;
    size_t ul = strlen(u);
    if ((ul == tl && !memcmp(u, t, tl)) ||
        (ul == tl + 7 && !strncmp(u, "mailto:", 7) && !memcmp(u + 7, t, tl)))
        return;
    if (tl)
        sz_buf_putc(&p->text, ' ');
    sz_buf_putc(&p->text, '<');
    sz_buf_puts(&p->text, u);
    sz_buf_putc(&p->text, '>');
}

static void
add_note(struct plain *p, const struct sz_node *n)
{
    p->notes = grow(p->notes, &p->capnotes, p->nnotes + 1, sizeof *p->notes);
    p->notes[p->nnotes++] = n;
    sz_buf_printf(&p->text, "[%zu]", p->nnotes);
}

/* A line break of the input between two Chinese or Japanese characters is
** no space (pandoc's east_asian_line_breaks). */
static int
between_wide(const struct sz_buf *t, const struct sz_node *n)
{
    uint32_t a, b;
    size_t i = t->len;
    if (!i || !n->next || n->next->kind != SZ_STR || !n->next->len)
        return 0;
    while (i > 0 && ((unsigned char)t->data[i - 1] & 0xc0) == 0x80 && t->len - i < 3)
        i--;
    i--;
    sz_utf8_decode(t->data + i, t->len - i, &a);
    sz_utf8_decode(n->next->text, n->next->len, &b);
    return sz_char_width(a) == 2 && sz_char_width(b) == 2;
}

/* The SoftBreaks inside a run ('\n') as inline_enter writes a SoftBreak
** node: a space, or nothing between two wide characters.  t->data[at..]
** is the run just added. */
static void
run_breaks(struct sz_buf *t, size_t at)
{
    size_t o = at, i = at;
    char *d = t->data;
    for (;;) {
        /* the text up to the next '\n' as it is (memchr, not a byte loop) */
        const char *nl = memchr(d + i, '\n', t->len - i);
        size_t e = nl ? (size_t)(nl - d) : t->len;
        if (o != i)
            memmove(d + o, d + i, e - i);
        o += e - i;
        i = e;
        if (!nl)
            break;
        uint32_t a = 0, b = 0;
        size_t k = o;
        while (k > at && ((unsigned char)d[k - 1] & 0xc0) == 0x80 && o - k < 3)
            k--;
        if (k > at)
            sz_utf8_decode(d + k - 1, o - k + 1, &a);
        if (i + 1 < t->len)
            sz_utf8_decode(d + i + 1, t->len - i - 1, &b);
        i++;
        if (k > at && sz_char_width(a) == 2 && sz_char_width(b) == 2)
            continue;
        d[o++] = ' ';
    }
    t->len = o;
    d[o] = '\0';
}

static void
inline_enter(struct plain *p, struct sz_iter *it, struct sz_node *n)
{
    struct sz_buf *t = &p->text;
    /* Most nodes of a book: words and the spaces between them. */
    if (n->kind == SZ_STR) {
        size_t at = t->len;
        sz_buf_put(t, n->text, n->len);
        if (SZ_IS_RUN(n) && p->wrap != SZ_WRAP_PRESERVE)
            run_breaks(t, at);
        return;
    }
    if (n->kind == SZ_SPACE) {
        sz_buf_putc(t, ' ');
        return;
    }
    if (sz_kind_is_block(n->kind) && t->len && t->data[t->len - 1] != ' ')
        sz_buf_putc(t, ' ');
    switch (n->kind) {
    case SZ_STR:
    case SZ_CODE:
        sz_buf_put(t, n->text, n->len);
        break;
    case SZ_MATH:
        /* Display math on a line of its own. */
        if (n->sub == SZ_MATH_DISPLAY && t->len && t->data[t->len - 1] != '\n')
            sz_buf_putc(t, '\n');
        sz_buf_put(t, n->text, n->len);
        if (n->sub == SZ_MATH_DISPLAY)
            sz_buf_putc(t, '\n');
        break;
    case SZ_RAWINLINE:
        if (is_plain_format(n->format))
            sz_buf_put(t, n->text, n->len);
        break;
    case SZ_SPACE:
        sz_buf_putc(t, ' ');
        break;
    case SZ_SOFTBREAK:
        if (p->wrap == SZ_WRAP_PRESERVE)
            sz_buf_putc(t, '\n');
        else if (!between_wide(t, n))
            sz_buf_putc(t, ' ');
        break;
    case SZ_LINEBREAK:
        sz_buf_putc(t, '\n');
        break;
    case SZ_EMPH:
    case SZ_UNDERLINE:
        sz_buf_putc(t, '_');
        break;
    case SZ_STRONG:
        sz_buf_putc(t, '*');
        break;
    case SZ_STRIKEOUT:
        sz_buf_puts(t, "~~");
        break;
    case SZ_QUOTED:
        sz_buf_puts(t, n->sub == SZ_QUOTE_SINGLE ? "\xe2\x80\x98" : "\xe2\x80\x9c");
        break;
    case SZ_NOTE:
        add_note(p, n);
        sz_iter_skip_children(it);
        break;
    case SZ_CITATION:
    case SZ_CODEBLOCK:
    case SZ_RAWBLOCK:
    case SZ_COLSPEC:
        sz_iter_skip_children(it);
        if (n->kind == SZ_CODEBLOCK)
            sz_buf_put(t, n->text, n->len);
        break;
    default:
        break;
    }
    if (sz_kind_is_container(n->kind)) {
        p->marks = grow(p->marks, &p->capmarks, p->nmarks + 1, sizeof *p->marks);
        p->marks[p->nmarks++] = t->len;
    }
}

static void
inline_exit(struct plain *p, struct sz_node *n)
{
    struct sz_buf *t = &p->text;
    size_t start = p->nmarks ? p->marks[--p->nmarks] : 0;
    switch (n->kind) {
    case SZ_EMPH:
    case SZ_UNDERLINE:
        sz_buf_putc(t, '_');
        break;
    case SZ_STRONG:
        sz_buf_putc(t, '*');
        break;
    case SZ_STRIKEOUT:
        sz_buf_puts(t, "~~");
        break;
    case SZ_QUOTED:
        sz_buf_puts(t, n->sub == SZ_QUOTE_SINGLE ? "\xe2\x80\x99" : "\xe2\x80\x9d");
        break;
    case SZ_SUPERSCRIPT:
    case SZ_SUBSCRIPT:
        finish_script(p, start, n->kind == SZ_SUPERSCRIPT);
        break;
    case SZ_SMALLCAPS:
        upper_case(p, start);
        break;
    case SZ_LINK:
        finish_link(p, n, start);
        break;
    default:
        break;
    }
}

/* Appends the text of everything under parent (not parent itself) to
** p->text.  Blocks met on the way (table cells) are joined by spaces. */
static void
inlines(struct plain *p, const struct sz_node *parent)
{
    struct sz_iter it;
    enum sz_ev ev;
    size_t base = p->nmarks;
    sz_iter_init(&it, (struct sz_node *)parent);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        if (it.cur == parent)
            continue;
        if (ev == SZ_EV_ENTER)
            inline_enter(p, &it, it.cur);
        else
            inline_exit(p, it.cur);
    }
    p->nmarks = base;
}

/* Plain text of a metadata value. */
static void
meta_text(struct plain *p, const struct sz_node *v)
{
    if (!v)
        return;
    if (v->kind == SZ_META_MAP) {
        /* An author given as a map: its name. */
        for (const struct sz_node *e = v->first; e; e = e->next)
            if (e->kind == SZ_META_ENTRY && !strcmp(e->text, "name"))
                v = e->first;
        if (!v || v->kind == SZ_META_MAP)
            return;
    }
    if (v->kind == SZ_META_STRING)
        sz_buf_put(&p->text, v->text, v->len);
    else if (v->kind == SZ_META_BOOL)
        sz_buf_puts(&p->text, v->ival ? "true" : "false");
    else
        inlines(p, v);
}

/* }================================================================== */

/* {=================================================================
** Blocks
** ================================================================== */

static void
title_block(struct plain *p)
{
    static const char *const keys[] = { "title", "subtitle", "author", "date" };
    const struct sz_node *title = sz_meta_get(p->doc, "title");
    if (!title || title->kind == SZ_META_BOOL)
        return;
    /* Title and subtitle, a blank line, authors (one a line) and date, each
    ** centred; two blank lines before the body. */
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const struct sz_node *v = sz_meta_get(p->doc, keys[k]);
        if (!v)
            continue;
        if (k >= 2 && p->started == 1) {
            blank_line(p);
            p->started = 2;
        }
        const struct sz_node *it = v->kind == SZ_META_LIST ? v->first : v;
        for (; it; it = v->kind == SZ_META_LIST ? it->next : NULL) {
            sz_buf_clear(&p->text);
            meta_text(p, it);
            if (p->text.len) {
                put_centred(p, p->text.data, p->text.len);
                if (!p->started)
                    p->started = 1;
            }
        }
    }
    if (p->started) {
        end_block(p, 0);
        p->extra_next = 1;
    }
}

static void
para(struct plain *p, const struct sz_node *n)
{
    sz_buf_clear(&p->text);
    inlines(p, n);
    begin_block(p, 0);
    put_wrapped(p, p->text.data, p->text.len, "", "", wrap_flags(p));
    end_block(p, n->kind == SZ_PLAIN);
}

static void
header(struct plain *p, const struct sz_node *n)
{
    sz_buf_clear(&p->text);
    inlines(p, n);
    begin_block(p, n->level == 1 ? 1 : 0);
    int w = put_wrapped(p, p->text.data, p->text.len, "", "", wrap_flags(p));
    if (n->level <= 2 && w > 0) {
        sz_buf_clear(&p->tmp);
        for (int i = 0; i < w; i++)
            sz_buf_putc(&p->tmp, n->level == 1 ? '=' : '-');
        put_line(p, p->tmp.data, p->tmp.len);
    }
    end_block(p, 0);
}

static void
code_block(struct plain *p, const struct sz_node *n, const char *indent)
{
    begin_block(p, 0);
    put_wrapped(p, n->text, n->len, indent, indent, SZ_WRAPF_VERBATIM);
    end_block(p, 0);
}

static void
line_block(struct plain *p, const struct sz_node *n)
{
    begin_block(p, 0);
    for (const struct sz_node *l = n->first; l; l = l->next) {
        sz_buf_clear(&p->text);
        inlines(p, l);
        if (p->text.len == 0)
            blank_line(p);
        else
            put_wrapped(p, p->text.data, p->text.len, "", "  ", wrap_flags(p) | SZ_WRAPF_VERBATIM);
    }
    end_block(p, 0);
}

static void
hrule(struct plain *p)
{
    begin_block(p, 0);
    put_centred(p, "* * *", 5);
    end_block(p, 0);
}

static const char *
roman(struct plain *p, int v, int upper)
{
    static const struct { int v; const char *s; } t[] = {
        { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
        { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" }
    };
    char b[64];
    size_t k = 0;
    if (v <= 0 || v >= 4000)
        return sz_arena_printf(p->arena, "%d", v);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        while (v >= t[i].v) {
            for (const char *s = t[i].s; *s; s++)
                b[k++] = upper ? (char)(*s - 'a' + 'A') : *s;
            v -= t[i].v;
        }
    b[k] = '\0';
    return sz_arena_strdup(p->arena, b);
}

static const char *
alpha(struct plain *p, int v, int upper)
{
    char b[16];
    size_t k = sizeof b - 1;
    b[k] = '\0';
    if (v <= 0)
        return sz_arena_printf(p->arena, "%d", v);
    while (v > 0 && k > 0) {
        v--;
        b[--k] = (char)((upper ? 'A' : 'a') + v % 26);
        v /= 26;
    }
    return sz_arena_strdup(p->arena, b + k);
}

/* The marker of item number i (0-based) of list l: "-", "1.", "(iv)". */
static const char *
marker(struct plain *p, const struct sz_node *l, int i)
{
    const char *num;
    if (l->kind == SZ_BULLETLIST)
        return "-";
    long long v = (long long)(l->ival ? l->ival : 1) + i;
    int iv = v > INT_MAX ? INT_MAX : (int)v;
    switch (l->sub) {
    case SZ_STYLE_LOWER_ROMAN: num = roman(p, iv, 0); break;
    case SZ_STYLE_UPPER_ROMAN: num = roman(p, iv, 1); break;
    case SZ_STYLE_LOWER_ALPHA: num = alpha(p, iv, 0); break;
    case SZ_STYLE_UPPER_ALPHA: num = alpha(p, iv, 1); break;
    default: num = sz_arena_printf(p->arena, "%d", iv); break;
    }
    switch (l->sub2) {
    case SZ_DELIM_ONE_PAREN: return sz_arena_printf(p->arena, "%s)", num);
    case SZ_DELIM_TWO_PARENS: return sz_arena_printf(p->arena, "(%s)", num);
    default: return sz_arena_printf(p->arena, "%s.", num);
    }
}

/* Every item of a list gets the same indent: the widest marker plus a
** space, and at least 4 columns ("-   ", "1.  ", "(iv) "). */
static int
marker_width(struct plain *p, const struct sz_node *l)
{
    size_t w = 3;
    int i = 0;
    if (l->kind == SZ_BULLETLIST)
        return 4;
    for (const struct sz_node *c = l->first; c; c = c->next, i++) {
        size_t mw = strlen(marker(p, l, i));
        if (mw > w)
            w = mw;
    }
    return (int)w + 1;
}

static void
item_level(struct plain *p, const struct sz_node *l, int i, int width)
{
    const char *m = marker(p, l, i);
    size_t w = (size_t)width, ml = strlen(m);
    if (w < ml + 1)
        w = ml + 1;
    char *first = sz_arena_alloc(p->arena, w + 1);
    char *rest = sz_arena_alloc(p->arena, w + 1);
    memset(first, ' ', w);
    memset(rest, ' ', w);
    memcpy(first, m, ml);
    push_level(p, first, rest);
}

static int
list_loose(const struct sz_node *l)
{
    for (const struct sz_node *i = l->first; i; i = i->next)
        if (i->first && i->first->kind == SZ_PARA)
            return 1;
    return 0;
}

/* Blank line before the first item of a list, or between items. */
static void
decide_item(struct plain *p, struct list *l)
{
    if (l->index == 0)
        p->decided = p->force_blank || !p->prev_plain;
    else
        p->decided = l->loose;
    l->index++;
}

/* An item, definition or note with no blocks still shows its marker. */
static void
close_level(struct plain *p)
{
    if (p->nlv && !p->lv[p->nlv - 1].used) {
        begin_block(p, 0);
        put_line(p, "", 0);
        end_block(p, 1);
    }
    pop_level(p);
}

static int
image_only(const struct sz_node *n)
{
    return (n->kind == SZ_PARA || n->kind == SZ_PLAIN) && n->first && !n->first->next &&
           n->first->kind == SZ_IMAGE;
}

static void
figure_caption(struct plain *p, const struct sz_node *fig, const struct sz_node *img)
{
    sz_buf_clear(&p->text);
    sz_buf_puts(&p->text, "[Figure: ");
    size_t start = p->text.len;
    if (fig)
        for (const struct sz_node *c = fig->first; c; c = c->next)
            if (c->kind == SZ_CAPTION)
                for (const struct sz_node *b = c->first; b; b = b->next)
                    if (b->kind != SZ_SHORTCAPTION)
                        inlines(p, b);
    if (p->text.len == start && fig)
        for (const struct sz_node *b = fig->first; b && !img; b = b->next)
            if (image_only(b))
                img = b->first;
    if (p->text.len == start && img)
        inlines(p, img);
    sz_buf_putc(&p->text, ']');
    begin_block(p, 0);
    put_wrapped(p, p->text.data, p->text.len, "", " ", wrap_flags(p));
    end_block(p, 0);
}

/* }================================================================== */

/* {=================================================================
** Tables: simple aligned text tables
** ================================================================== */

struct cell {
    const char *text;
    size_t len;
    int col, span, align;
};

struct row {
    size_t first, n;            /* cells[first .. first+n) */
    int part;                   /* 0 head, 1 body, 2 foot */
};

struct table {
    struct cell *cells;
    size_t ncells, capcells;
    struct row *rows;
    size_t nrows, caprows;
    int ncols;
    int *aligns, *widths, *natural, *minw, *busy;
};

static void
table_row(struct plain *p, struct table *t, const struct sz_node *r, int part)
{
    t->rows = grow(t->rows, &t->caprows, t->nrows + 1, sizeof *t->rows);
    struct row *row = &t->rows[t->nrows++];
    row->first = t->ncells;
    row->n = 0;
    row->part = part;
    int col = 0;
    for (const struct sz_node *c = r->first; c; c = c->next) {
        if (c->kind != SZ_CELL)
            continue;
        while (col < t->ncols && t->busy[col] > 0)
            col++;
        if (col >= t->ncols)
            break;
        int span = c->ival2 > 1 ? c->ival2 : 1;
        if (span > t->ncols - col)
            span = t->ncols - col;
        sz_buf_clear(&p->text);
        inlines(p, c);
        t->cells = grow(t->cells, &t->capcells, t->ncells + 1, sizeof *t->cells);
        struct cell *x = &t->cells[t->ncells++];
        x->text = sz_arena_strndup(p->arena, p->text.data ? p->text.data : "", p->text.len);
        x->len = p->text.len;
        x->col = col;
        x->span = span;
        x->align = c->sub;
        row->n++;
        for (int k = 0; k < span; k++)
            t->busy[col + k] = c->ival > 1 ? c->ival : 1;
        col += span;
    }
    for (int k = 0; k < t->ncols; k++)
        if (t->busy[k] > 0)
            t->busy[k]--;
}

static void
table_rows(struct plain *p, struct table *t, const struct sz_node *part, int kind)
{
    for (const struct sz_node *r = part->first; r; r = r->next) {
        if (r->kind == SZ_ROW)
            table_row(p, t, r, kind);
        else if (r->kind == SZ_TBODY_HEAD)
            table_rows(p, t, r, 1);
    }
}

static void
pad_cell(struct sz_buf *b, const char *s, size_t n, int width, int align)
{
    int w = sz_text_width(s, n);
    int gap = width > w ? width - w : 0;
    int left = align == SZ_ALIGN_RIGHT ? gap : align == SZ_ALIGN_CENTER ? gap / 2 : 0;
    for (int i = 0; i < left; i++)
        sz_buf_putc(b, ' ');
    sz_buf_put(b, s, n);
    for (int i = 0; i < gap - left; i++)
        sz_buf_putc(b, ' ');
}

static void
table_rule(struct plain *p, const struct table *t)
{
    sz_buf_clear(&p->tmp);
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            sz_buf_puts(&p->tmp, "  ");
        for (int i = 0; i < t->widths[c]; i++)
            sz_buf_putc(&p->tmp, '-');
    }
    put_line(p, p->tmp.data, p->tmp.len);
}

/* Writes one row: each cell wrapped to its column, side by side. */
static int
table_put_row(struct plain *p, const struct table *t, const struct row *row)
{
    size_t n = row->n;
    struct sz_buf *bufs = sz_xmalloc((n ? n : 1) * sizeof *bufs);
    size_t *pos = sz_xmalloc((n ? n : 1) * sizeof *pos);
    int height = 0;
    for (size_t i = 0; i < n; i++) {
        const struct cell *c = &t->cells[row->first + i];
        int w = 0;
        for (int k = 0; k < c->span; k++)
            w += t->widths[c->col + k] + (k ? 2 : 0);
        struct sz_buf b = SZ_BUF_INIT;
        sz_wrap_text(&p->wr, &b, c->text, c->len, "", "", w, wrap_flags(p));
        int lines = 0;
        for (size_t k = 0; k < b.len; k++)
            lines += b.data[k] == '\n';
        if (lines > height)
            height = lines;
        bufs[i] = b;
        pos[i] = 0;
    }
    struct sz_buf line = SZ_BUF_INIT;
    for (int l = 0; l < height; l++) {
        sz_buf_clear(&line);
        int col = 0;
        for (size_t i = 0; i < n; i++) {
            const struct cell *c = &t->cells[row->first + i];
            for (; col < c->col; col++) {
                pad_cell(&line, "", 0, t->widths[col], 0);
                sz_buf_puts(&line, "  ");
            }
            int w = 0;
            for (int k = 0; k < c->span; k++)
                w += t->widths[c->col + k] + (k ? 2 : 0);
            const char *s = bufs[i].data ? bufs[i].data + pos[i] : "";
            size_t len = 0;
            if (bufs[i].data && pos[i] < bufs[i].len) {
                const char *e = memchr(s, '\n', bufs[i].len - pos[i]);
                len = (size_t)(e - s);
                pos[i] += len + 1;
            }
            int align = c->align != SZ_ALIGN_DEFAULT ? c->align : t->aligns[c->col];
            pad_cell(&line, s, len, w, align);
            sz_buf_puts(&line, "  ");
            col = c->col + c->span;
        }
        put_line(p, line.data ? line.data : "", line.len);
    }
    for (size_t i = 0; i < n; i++)
        sz_buf_free(&bufs[i]);
    free(bufs);
    free(pos);
    sz_buf_free(&line);
    return height;
}

/* A table that cannot fit even with its columns as narrow as their longest
** words: every row becomes a little block of "Head: cell" lines. */
static void
table_as_list(struct plain *p, const struct table *t)
{
    const struct row *head = t->nrows && t->rows[0].part == 0 ? &t->rows[0] : NULL;
    int first = 1;
    for (size_t r = head ? 1 : 0; r < t->nrows; r++) {
        const struct row *row = &t->rows[r];
        if (row->part == 0)
            continue;
        if (!first)
            blank_line(p);
        first = 0;
        for (size_t i = 0; i < row->n; i++) {
            const struct cell *c = &t->cells[row->first + i];
            sz_buf_clear(&p->text);
            for (size_t k = 0; head && k < head->n; k++) {
                const struct cell *h = &t->cells[head->first + k];
                if (h->col == c->col && h->len) {
                    sz_buf_put(&p->text, h->text, h->len);
                    sz_buf_puts(&p->text, ": ");
                }
            }
            sz_buf_put(&p->text, c->text, c->len);
            put_wrapped(p, p->text.data, p->text.len, "", "  ", wrap_flags(p));
        }
    }
}

static int
table_fits(struct plain *p, const struct table *t)
{
    long sum = 2L * (t->ncols - 1);
    for (int c = 0; c < t->ncols; c++)
        sum += t->widths[c];
    return sum <= avail_width(p);
}

static void
table_widths(struct plain *p, struct table *t, const struct sz_node *tbl)
{
    int avail = avail_width(p) - 2 * (t->ncols - 1);
    struct sz_buf scratch = SZ_BUF_INIT;
    long sum = 0;
    for (size_t i = 0; i < t->ncells; i++) {
        const struct cell *c = &t->cells[i];
        if (c->span != 1)
            continue;
        sz_buf_clear(&scratch);
        int nat = sz_wrap_text(&p->wr, &scratch, c->text, c->len, "", "", INT_MAX / 2, 0);
        sz_buf_clear(&scratch);
        int mn = sz_wrap_text(&p->wr, &scratch, c->text, c->len, "", "", 1, wrap_flags(p));
        if (nat > t->natural[c->col])
            t->natural[c->col] = nat;
        if (mn > t->minw[c->col])
            t->minw[c->col] = mn;
    }
    sz_buf_free(&scratch);
    for (int c = 0; c < t->ncols; c++) {
        if (t->natural[c] < 1)
            t->natural[c] = 1;
        if (t->minw[c] < 1)
            t->minw[c] = 1;
        t->widths[c] = t->natural[c];
        sum += t->widths[c];
    }
    if (sum <= avail)
        return;
    /* Too wide: give each column its relative width when the table says,
    ** else take from the widest column until it fits. */
    int c = 0;
    const struct sz_node *cs = tbl->first;
    double rel = 0;
    for (; cs; cs = cs->next)
        if (cs->kind == SZ_COLSPEC && c < t->ncols) {
            if (cs->width > 0)
                rel += cs->width;
            c++;
        }
    if (rel > 0) {
        c = 0;
        sum = 0;
        for (cs = tbl->first; cs; cs = cs->next)
            if (cs->kind == SZ_COLSPEC && c < t->ncols) {
                int w = cs->width > 0 ? (int)(cs->width / rel * avail) : t->minw[c];
                if (w > t->natural[c])
                    w = t->natural[c];
                if (w < t->minw[c])
                    w = t->minw[c];
                t->widths[c] = w;
                sum += w;
                c++;
            }
    }
    while (sum > avail) {
        int best = -1;
        for (c = 0; c < t->ncols; c++)
            if (t->widths[c] > t->minw[c] && (best < 0 || t->widths[c] > t->widths[best]))
                best = c;
        if (best < 0)
            break;
        t->widths[best]--;
        sum--;
    }
}

static void
table(struct plain *p, const struct sz_node *tbl)
{
    struct table t;
    memset(&t, 0, sizeof t);
    for (const struct sz_node *c = tbl->first; c; c = c->next)
        if (c->kind == SZ_COLSPEC)
            t.ncols++;
    if (t.ncols == 0)
        for (const struct sz_node *part = tbl->first; part; part = part->next)
            for (const struct sz_node *r = part->first; r; r = r->next)
                if (r->kind == SZ_ROW && (int)sz_node_count(r) > t.ncols)
                    t.ncols = (int)sz_node_count(r);
    if (t.ncols == 0)
        t.ncols = 1;
    size_t nc = (size_t)t.ncols;
    t.aligns = calloc(nc, sizeof(int));
    t.widths = calloc(nc, sizeof(int));
    t.natural = calloc(nc, sizeof(int));
    t.minw = calloc(nc, sizeof(int));
    t.busy = calloc(nc, sizeof(int));
    if (!t.aligns || !t.widths || !t.natural || !t.minw || !t.busy)
        sz_oom();
    int c = 0;
    for (const struct sz_node *x = tbl->first; x; x = x->next)
        if (x->kind == SZ_COLSPEC && c < t.ncols)
            t.aligns[c++] = x->sub;
    const struct sz_node *caption = NULL;
    for (const struct sz_node *part = tbl->first; part; part = part->next) {
        if (part->kind == SZ_THEAD)
            table_rows(p, &t, part, 0);
        else if (part->kind == SZ_TBODY)
            table_rows(p, &t, part, 1);
        else if (part->kind == SZ_TFOOT)
            table_rows(p, &t, part, 2);
        else if (part->kind == SZ_CAPTION)
            caption = part;
    }
    /* Intermediate head rows (TBODY_HEAD) were marked 1 too: they print as
    ** body rows, which reads well enough in plain text. */
    begin_block(p, 0);
    if (caption) {
        sz_buf_clear(&p->text);
        for (const struct sz_node *b = caption->first; b; b = b->next)
            if (b->kind != SZ_SHORTCAPTION)
                inlines(p, b);
        if (p->text.len) {
            sz_buf_clear(&p->tmp);
            sz_buf_puts(&p->tmp, "[Table: ");
            sz_buf_put(&p->tmp, p->text.data, p->text.len);
            sz_buf_puts(&p->tmp, "]");
            sz_buf_clear(&p->text);
            sz_buf_put(&p->text, p->tmp.data, p->tmp.len);
            put_wrapped(p, p->text.data, p->text.len, "", " ", wrap_flags(p));
            blank_line(p);
        }
    }
    table_widths(p, &t, tbl);
    if (!table_fits(p, &t) && p->wrap == SZ_WRAP_AUTO && t.ncols > 1) {
        table_as_list(p, &t);
        goto out;
    }
    int has_head = t.nrows > 0 && t.rows[0].part == 0;
    int multi = 0;
    for (size_t i = 0; i < t.ncells && !multi; i++) {
        const struct cell *x = &t.cells[i];
        int w = 0;
        for (int k = 0; k < x->span; k++)
            w += t.widths[x->col + k] + (k ? 2 : 0);
        multi = memchr(x->text, '\n', x->len) != NULL || sz_text_width(x->text, x->len) > w;
    }
    if (!has_head)
        table_rule(p, &t);
    int prev = -1;
    for (size_t i = 0; i < t.nrows; i++) {
        int part = t.rows[i].part;
        if (prev == 0 && part != 0)
            table_rule(p, &t);
        else if (prev >= 0 && part == 2 && prev != 2)
            table_rule(p, &t);
        else if (multi && prev >= 1 && part == prev)
            blank_line(p);
        table_put_row(p, &t, &t.rows[i]);
        prev = part;
    }
    if (!has_head || prev == 2)
        table_rule(p, &t);
out:
    end_block(p, 0);
    free(t.cells);
    free(t.rows);
    free(t.aligns);
    free(t.widths);
    free(t.natural);
    free(t.minw);
    free(t.busy);
}

/* }================================================================== */

/* {=================================================================
** The walk
** ================================================================== */

static void
push_list(struct plain *p, const struct sz_node *n)
{
    p->ls = grow(p->ls, &p->capls, p->nls + 1, sizeof *p->ls);
    p->ls[p->nls].index = 0;
    p->ls[p->nls].loose = n->kind == SZ_DEFLIST ? 1 : list_loose(n);
    p->ls[p->nls].node = n;
    p->ls[p->nls].width = n->kind == SZ_DEFLIST ? 0 : marker_width(p, n);
    p->nls++;
}

static void
pop_list(struct plain *p, const struct sz_node *n)
{
    if (p->nls)
        p->nls--;
    /* A list ends with a blank line, unless it closes a tight outer item. */
    if (!(n->parent && n->parent->kind == SZ_ITEM && !n->next))
        p->force_blank = 1;
}

static void
block_enter(struct plain *p, struct sz_iter *it, struct sz_node *n)
{
    const struct sz_node *up = n->parent;
    switch (n->kind) {
    case SZ_PARA:
    case SZ_PLAIN:
        sz_iter_skip_children(it);
        if (up && up->kind == SZ_FIGURE && image_only(n))
            break;
        if (image_only(n) && n->first->target->title && !strncmp(n->first->target->title, "fig:", 4))
            figure_caption(p, NULL, n->first);
        else
            para(p, n);
        break;
    case SZ_HEADER:
        sz_iter_skip_children(it);
        header(p, n);
        break;
    case SZ_CODEBLOCK:
        code_block(p, n, "    ");
        break;
    case SZ_RAWBLOCK:
        if (is_plain_format(n->format))
            code_block(p, n, "");
        break;
    case SZ_LINEBLOCK:
        sz_iter_skip_children(it);
        line_block(p, n);
        break;
    case SZ_HRULE:
        hrule(p);
        break;
    case SZ_TABLE:
        sz_iter_skip_children(it);
        table(p, n);
        break;
    case SZ_FIGURE:
        figure_caption(p, n, NULL);
        break;
    case SZ_CAPTION:
        sz_iter_skip_children(it);
        break;
    case SZ_BLOCKQUOTE:
        push_level(p, "    ", "    ");
        break;
    case SZ_BULLETLIST:
    case SZ_ORDEREDLIST:
    case SZ_DEFLIST:
        push_list(p, n);
        break;
    case SZ_ITEM:
        if (p->nls) {
            decide_item(p, &p->ls[p->nls - 1]);
            item_level(p, up, p->ls[p->nls - 1].index - 1, p->ls[p->nls - 1].width);
        }
        break;
    case SZ_DEFITEM:
        if (p->nls)
            decide_item(p, &p->ls[p->nls - 1]);
        break;
    case SZ_TERM:
        sz_iter_skip_children(it);
        para(p, n);
        p->prev_plain = 1;
        break;
    case SZ_DEFN:
        p->decided = n->first && n->first->kind == SZ_PARA;
        push_level(p, "    ", "    ");
        break;
    default:
        break;
    }
}

static void
block_exit(struct plain *p, struct sz_node *n)
{
    switch (n->kind) {
    case SZ_BLOCKQUOTE:
        pop_level(p);
        p->prev_plain = 0;
        break;
    case SZ_BULLETLIST:
    case SZ_ORDEREDLIST:
    case SZ_DEFLIST:
        pop_list(p, n);
        break;
    case SZ_ITEM:
        close_level(p);
        break;
    case SZ_DEFN:
        close_level(p);
        break;
    default:
        break;
    }
}

static void
blocks(struct plain *p, struct sz_node *root)
{
    struct sz_iter it;
    enum sz_ev ev;
    sz_iter_init(&it, root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE && !p->failed) {
        if (it.cur == root)
            continue;
        if (ev == SZ_EV_ENTER)
            block_enter(p, &it, it.cur);
        else
            block_exit(p, it.cur);
    }
}

/* The note texts after the body, numbered as their markers.  Notes inside
** notes are numbered on and written after them. */
static void
notes(struct plain *p)
{
    if (p->nnotes)
        p->force_blank = 1;
    for (size_t i = 0; i < p->nnotes && !p->failed; i++) {
        char *m = sz_arena_printf(p->arena, "[%zu] ", i + 1);
        size_t w = strlen(m);
        char *rest = sz_arena_alloc(p->arena, w + 1);
        memset(rest, ' ', w);
        p->decided = p->started ? 1 : 0;
        p->force_blank = 1;
        push_level(p, m, rest);
        blocks(p, (struct sz_node *)p->notes[i]);
        close_level(p);
    }
}

static const char *
doc_lang(const struct sz_doc *doc)
{
    const struct sz_node *v = sz_meta_get(doc, "lang");
    if (!v)
        return NULL;
    if (v->kind == SZ_META_STRING)
        return v->text;
    if (v->kind == SZ_META_INLINES && v->first && v->first->kind == SZ_STR)
        return v->first->text;
    return NULL;
}

static int
write_plain(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
            struct sz_diags *diags)
{
    struct plain p;
    memset(&p, 0, sizeof p);
    p.doc = doc;
    p.sink = out;
    p.arena = sz_arena_new();
    p.columns = o->columns > 0 ? o->columns : 72;
    p.wrap = o->wrap;
    p.decided = -1;
    sz_wrapper_init(&p.wr, doc_lang(doc));
    p.wr.spill_buf = &p.out;
    p.wr.spill = spill_out;
    p.wr.spill_ud = &p;
    if (!o->body_only)
        title_block(&p);
    blocks(&p, doc->root);
    notes(&p);
    flush(&p, 1);
    int rc = 0;
    if (p.failed) {
        sz_diag_add(diags, SZ_ERROR, SZ_EXIT_IO, o->output_file, 0, 0, -1,
                    "cannot write the plain text");
        rc = -1;
    }
    sz_wrapper_free(&p.wr);
    sz_buf_free(&p.out);
    sz_buf_free(&p.pf);
    sz_buf_free(&p.pr);
    sz_buf_free(&p.text);
    sz_buf_free(&p.tmp);
    free(p.lv);
    free(p.ls);
    free(p.marks);
    free(p.notes);
    sz_arena_free(p.arena);
    return rc;
}

/* }================================================================== */

const struct sz_writer sz_writer_plain = { "plain", "txt", 0, write_plain };
