/*
** essay_lists.c
** Lists: "- item", "• item", "1. item", "1) item", "(a) item", "ii. item",
** in one block or in blocks of their own.
** See LICENSE.
*/
#include <string.h>

#include "readers/essay_units.h"

struct marker {
    int ordered;               /* 0: bullet */
    int style, delim;          /* sz_list_style, sz_list_delim */
    int num;                   /* the item's number */
    size_t len;                /* bytes of the marker and its space */
    char bullet;
};

static int
list_marker(const struct sz_eline *l, struct marker *m)
{
    const char *s = l->s;
    size_t n = l->len, i = 0;
    memset(m, 0, sizeof *m);
    if (n >= 3 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ' && s[2] != ' ') {
        m->bullet = s[0];
        m->len = 2;
        return 1;
    }
    if (n >= 5 && !memcmp(s, "\xE2\x80\xA2", 3) && s[3] == ' ') {
        m->bullet = 'o';
        m->len = 4;
        return 1;
    }
    int paren = s[0] == '(';
    i = (size_t)paren;
    size_t a = i;
    while (i < n && i - a < 4 && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
                                  (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i == a || i + 2 > n)
        return 0;
    char d = s[i];
    if (paren ? d != ')' : (d != '.' && d != ')'))
        return 0;
    if (s[i + 1] != ' ' || i + 2 >= n)
        return 0;
    size_t w = i - a;
    int v = 0;
    if (s[a] >= '0' && s[a] <= '9') {
        if (w > 3)
            return 0;  /* "1789. Address to the Public": a year */
        for (size_t k = a; k < i; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;
            v = v * 10 + (s[k] - '0');
        }
        m->style = SZ_STYLE_DECIMAL;
    } else if (w <= 4 && sz_essay_roman_value(s + a, w) &&
               (s[a] == 'i' || s[a] == 'v' || s[a] == 'x')) {
        for (size_t k = a; k < i; k++)
            if (s[k] < 'a' || s[k] > 'z')
                return 0;
        v = sz_essay_roman_value(s + a, w);
        m->style = SZ_STYLE_LOWER_ROMAN;
    } else if (w == 1) {
        v = (s[a] | 0x20) - 'a' + 1;
        m->style = s[a] >= 'a' ? SZ_STYLE_LOWER_ALPHA : SZ_STYLE_UPPER_ALPHA;
        /* "A. Smith" or "I. The beginning" are names and headings */
        if (!paren && d == '.')
            return 0;
    } else {
        return 0;
    }
    m->ordered = 1;
    m->num = v;
    m->delim = paren ? SZ_DELIM_TWO_PARENS : d == '.' ? SZ_DELIM_PERIOD : SZ_DELIM_ONE_PAREN;
    m->len = i + 2;
    return 1;
}

/* "– item": an en dash and a space opening a line.  Spanish, Russian
** and Polish dialogue opens lines with dashes too, so a dash marks a
** list's items only where dash_items finds the text sets them as one. */
static int
dash_marker(const struct sz_eline *l, struct marker *m)
{
    memset(m, 0, sizeof *m);
    if (l->len < 5 || memcmp(l->s, "\xE2\x80\x93", 3) || l->s[3] != ' ' || l->s[4] == ' ')
        return 0;
    m->bullet = 'n';
    m->len = 4;
    return 1;
}

static int announces(const struct sz_eline *f);

/* Is line a announced: the line before it, past blank lines, ending in a
** colon (announces)?  Where an en dash may mark a list's items. */
static int
announced(const struct sz_eline *l, size_t a)
{
    while (a > 0 && l[a - 1].blank)
        a--;
    return a > 0 && announces(&l[a - 1]);
}

/* The marker of a list's item: an en dash's when the list's items open
** with one (dash_marker), else any list_marker takes. */
static int
item_marker(const struct sz_eline *l, int dash, struct marker *m)
{
    return dash ? dash_marker(l, m) : list_marker(l, m);
}

/* Is there a dash in s[0..n) set between spaces (" – ", " — "): the
** narrator's words inside a speech ("— Я и не думаю, — ответила я")? */
static int
inner_dash(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 < n; i++)
        if (s[i] == ' ' && (unsigned char)s[i + 1] == 0xE2 && (unsigned char)s[i + 2] == 0x80 &&
            ((unsigned char)s[i + 3] == 0x93 || (unsigned char)s[i + 3] == 0x94) &&
            s[i + 4] == ' ')
            return 1;
    return 0;
}

/* Lines [a, b), two or more items opening with en dashes (dash_marker)
** and the lines they hang over: are they a list's, not a dialogue's?
** A list is announced by the line before it ending in a colon; its
** items are parallel (each opens in lower case, going on with the
** sentence, or each but the last is left open with a semicolon, a
** comma or no stop), and none asks, cries out or carries the dash that
** sets a speaker's words apart.  The line before is looked for past
** blank lines only, so a run of dash lines is looked over once. */
static int
dash_items(const struct sz_eline *l, size_t a, size_t b)
{
    struct marker m;
    if (!announced(l, a))
        return 0;
    size_t items = 0, lower = 0, open = 0;
    for (size_t i = a; i < b; i++) {
        int starts = dash_marker(&l[i], &m);
        if (!starts && i == a)
            return 0;
        const char *s = l[i].s + (starts ? m.len : 0);
        size_t n = l[i].len - (starts ? m.len : 0);
        if (inner_dash(s, n))
            return 0;
        if (starts) {
            size_t k = 0;
            uint32_t cp = sz_essay_cp_at(s, n, &k);
            items++;
            lower += !sz_essay_is_upper(cp) && cp != '"' && cp != 0xAB && cp != 0x201C;
        }
        /* the item's last line: how it ends */
        if (i + 1 == b || dash_marker(&l[i + 1], &m)) {
            uint32_t end = sz_essay_last_cp(l[i].s, l[i].len);
            if (end == '?' || end == '!' || end == 0xBB || end == 0x201D)
                return 0;
            open += i + 1 < b && (end == ';' || end == ',' || !sz_essay_closes(end));
        }
    }
    return items >= 2 && (lower == items || open == items - 1);
}

static int
same_list(const struct marker *a, const struct marker *b)
{
    return a->ordered == b->ordered && a->style == b->style && a->delim == b->delim &&
           a->bullet == b->bullet;
}

/* A list block of the first item's kind: ordered lists keep its number,
** style and delimiter. */
static struct sz_node *
open_list(struct sz_ectx *c, const struct marker *first, uint32_t lineno)
{
    struct sz_node *list =
        sz_essay_block(c, first->ordered ? SZ_ORDEREDLIST : SZ_BULLETLIST, lineno);
    if (first->ordered) {
        list->ival = first->num;
        list->sub = first->style;
        list->sub2 = first->delim;
    }
    return list;
}

/* Appends to list an item of plain text, lines [a, b) with the first
** skip bytes (its marker) left out. */
static void
put_item(struct sz_ectx *c, struct sz_node *list, const struct sz_eline *l, size_t a, size_t b,
         size_t skip, struct sz_buf *scratch)
{
    struct sz_node *item = sz_node_new(c->doc, SZ_ITEM);
    struct sz_node *p = sz_node_new(c->doc, SZ_PLAIN);
    sz_essay_set_line(c, p, l[a].lineno);
    sz_buf_clear(scratch);
    sz_buf_put(scratch, l[a].s + skip, l[a].len - skip);
    for (size_t k = a + 1; k < b; k++) {
        sz_buf_putc(scratch, '\n');
        sz_buf_put(scratch, l[k].s, l[k].len);
    }
    sz_essay_inlines(c, p, scratch->data, scratch->len);
    sz_node_append(item, p);
    sz_node_append(list, item);
}

/* Where one paragraph is one line, the lines of a list stand one under
** another with no blank line between, each opening with its marker: the
** end of such a run of two or more items of one list from line i (each
** line short of the measure, numbers counting on), or i. */
size_t
sz_essay_list_run(const struct sz_eline *l, size_t i, size_t n)
{
    struct marker first, m;
    if (l[i].cols > LONG_LINE)
        return i;
    int dash = 0;
    if (!list_marker(&l[i], &first)) {
        /* (the line before first: a run of dash lines not under a
        ** colon is not looked over at each of its lines) */
        if (!announced(l, i) || !dash_marker(&l[i], &first))
            return i;
        dash = 1;
    }
    size_t j = i + 1;
    int next = first.num + 1;
    while (j < n && !l[j].blank && l[j].indent == l[i].indent && l[j].cols <= LONG_LINE &&
           item_marker(&l[j], dash, &m) && same_list(&m, &first) &&
           (!m.ordered || m.num == next)) {
        j++;
        next++;
    }
    if (dash && !dash_items(l, i, j))
        return i;
    return j - i >= 2 ? j : i;
}

/* A block whose lines are two or more items of one kind (with their
** continuation lines) is a list.  Returns 1 when it built one, 3 when
** its items open with en dashes (dash_items). */
int
sz_essay_list_unit(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                   struct sz_buf *scratch)
{
    struct marker first, m;
    if (b - a < 2)
        return 0;
    int dash = 0;
    if (!list_marker(&l[a], &first)) {
        if (!dash_marker(&l[a], &first) || !dash_items(l, a, b))
            return 0;
        dash = 2;
    }
    size_t items = 0;
    int next = first.num;
    for (size_t i = a; i < b; i++) {
        if (l[i].indent == l[a].indent && item_marker(&l[i], dash, &m)) {
            if (!same_list(&m, &first) || (m.ordered && m.num != next))
                return 0;
            next++;
            items++;
        } else if (l[i].indent < l[a].indent + 2 && i + 1 < b && !first.ordered) {
            return 0;  /* an unindented line in a bullet list: prose */
        }
    }
    if (items < 2)
        return 0;
    /* numbers opening lines set in, the lines under them flush left:
    ** paragraphs with indented first lines that open with their numbers
    ** (a treatise's numbered sentences), not the items of a list, whose
    ** lines hang under their first */
    if (first.ordered && l[a].indent > 0)
        for (size_t i = a + 1; i < b; i++)
            if (l[i].indent < l[a].indent && !list_marker(&l[i], &m))
                return 0;
    struct sz_node *list = open_list(c, &first, l[a].lineno);
    for (size_t i = a; i < b;) {
        size_t j = i + 1;
        while (j < b && !(l[j].indent == l[a].indent && item_marker(&l[j], dash, &m)))
            j++;
        item_marker(&l[i], dash, &m);
        put_item(c, list, l, i, j, m.len, scratch);
        i = j;
    }
    return 1 + dash;
}

/* Is unit x one list item (its marker, then continuation lines)? */
static int
one_item(const struct sz_eline *l, const struct unit *x, struct marker *m)
{
    struct marker o;
    if (x->kind != U_PARA || !list_marker(&l[x->a], m))
        return 0;
    for (size_t i = x->a + 1; i < x->b; i++) {
        if (l[i].indent == l[x->a].indent && list_marker(&l[i], &o))
            return 0;
        if (!m->ordered && l[i].indent < l[x->a].indent + 2 && i + 1 < x->b)
            return 0;  /* an unindented line under a bullet: prose */
    }
    return 1;
}

/* Lines an item is wrapped over at least for a long one: a paragraph. */
#define LONG_ITEM_LINES 3
/* Blocks after a list looked at for the number it would go on with. */
#define RUN_ON_UNITS 200

/* Does one sentence end inside lines [a, b), the first skip bytes (a
** marker) left out, and another begin: a full
** stop, question or exclamation mark (and any closing quotation mark,
** bracket or emphasis), then a capital after a space or at the start of
** the next line ("_Caress_. Raise the shoulder")? */
static int
two_sentences(const struct sz_eline *l, size_t a, size_t b, size_t skip)
{
    for (size_t k = a; k < b; k++) {
        const char *s = l[k].s;
        size_t n = l[k].len;
        for (size_t i = k == a ? skip : 0; i < n; i++) {
            if (s[i] != '.' && s[i] != '?' && s[i] != '!')
                continue;
            size_t j = i + 1;
            while (j < n && (s[j] == '_' || s[j] == '"' || s[j] == '\'' || s[j] == ')' ||
                             s[j] == ']' || (unsigned char)s[j] >= 0x80)) {
                if ((unsigned char)s[j] >= 0x80) {
                    size_t t = j;
                    uint32_t cp = sz_essay_cp_at(s, n, &t);
                    if (cp != 0x201D && cp != 0x2019 && cp != 0xBB)
                        break;
                    j = t;
                } else {
                    j++;
                }
            }
            const char *w;
            size_t wn;
            if (j == n) {
                if (k + 1 == b)
                    break;
                w = l[k + 1].s;
                wn = l[k + 1].len;
            } else if (s[j] == ' ') {
                while (j < n && s[j] == ' ')
                    j++;
                w = s + j;
                wn = n - j;
            } else {
                continue;
            }
            size_t t = 0;
            while (t < wn && (w[t] == '_' || w[t] == '"' || w[t] == '\''))
                t++;
            if (t < wn && sz_essay_is_upper(sz_essay_cp_at(w, wn, &t)))
                return 1;
        }
    }
    return 0;
}

/* Is unit x, an item marked with m, long for a list's item: wrapped over
** three lines or more, or two sentences over two lines? */
static int
long_item(const struct unit *x, const struct sz_eline *l, const struct marker *m)
{
    size_t n = x->b - x->a;
    return n >= LONG_ITEM_LINES || (n == 2 && two_sentences(l, x->a, x->b, m->len));
}

/* Does the numbering of units [k, e), ordered items of first's kind, go
** on past them: a later block of the same kind before the next heading,
** across the text between, carries the next number? */
static int
numbers_run_on(const struct units *u, const struct sz_eline *l, size_t e,
               const struct marker *first, int next)
{
    struct marker m;
    for (size_t j = e; j < u->n && j < e + RUN_ON_UNITS && u->v[j].kind != U_HEAD; j++)
        if (u->v[j].kind == U_PARA && list_marker(&l[u->v[j].a], &m) && same_list(&m, first))
            /* right after them, the list's last items set in one block */
            return m.num == next && j > e;
    return 0;
}

/* Items in blocks of their own ("1. First.", blank line, "2. Second."):
** two or more in a row, of one kind and numbered on, are one list.  Its
** items are plain text, as a list's items set one to a block are in
** print: the blank lines between them are the text's spacing between
** any two blocks, not paragraphs within an item.  But blocks numbered
** as the paragraphs of a treatise, of aphorisms or of rules are
** paragraphs that keep their numbers: their numbers run on across the
** text between them (the first is not 1, or a block after them goes on
** with the next number), or most are long, wrapped over three lines or
** more, or two sentences over two.  Bullets mark a list however long
** its items.  Returns the unit after the list, or k when units k... are
** no list; when they are numbered paragraphs, it returns the unit after
** them, builds nothing and sets *paras to the reason. */
size_t
sz_essay_loose_list(struct sz_ectx *c, const struct units *u, struct sz_eline *l, size_t k,
                    const char **paras, struct sz_buf *scratch)
{
    struct marker first, m;
    *paras = NULL;
    if (!one_item(l, &u->v[k], &first))
        return k;
    size_t e = k + 1, longs = (size_t)long_item(&u->v[k], l, &first);
    int next = first.num + 1;
    while (e < u->n && one_item(l, &u->v[e], &m) && same_list(&m, &first) &&
           l[u->v[e].a].indent == l[u->v[k].a].indent && (!m.ordered || m.num == next)) {
        longs += (size_t)long_item(&u->v[e], l, &m);
        e++;
        next++;
    }
    if (e - k < 2)
        return k;
    if (first.ordered && first.num > 1) {
        *paras = "numbered paragraph: the numbers go on from a block before, across the "
                 "text between";
        return e;
    }
    if (first.ordered && numbers_run_on(u, l, e, &first, next)) {
        *paras = "numbered paragraph: a later block goes on with the next number, across "
                 "the text between";
        return e;
    }
    if (first.ordered && longs * 2 >= e - k) {
        *paras = "numbered paragraph: most of the numbered blocks in a row are long, wrapped "
                 "over three lines or more, or two sentences over two";
        return e;
    }
    struct sz_node *list = open_list(c, &first, l[u->v[k].a].lineno);
    for (size_t j = k; j < e; j++) {
        const struct unit *x = &u->v[j];
        list_marker(&l[x->a], &m);
        c->lineno = l[x->a].lineno;
        put_item(c, list, l, x->a, x->b, m.len, scratch);
    }
    return e;
}

/* Items a list without markers has at least, and items of one line it
** has at least when some item is wrapped. */
#define UNMARKED_ITEMS 3
#define UNMARKED_WRAPPED 4

/* Does line f end in a colon, alone or before a dash (":", ":--", ":\u2014"),
** as the sentence that announces a list does ("the following are the arts
** to be studied:--")? */
static int
announces(const struct sz_eline *f)
{
    size_t e = f->len;
    for (;;) {
        if (e >= 1 && (f->s[e - 1] == '-' || f->s[e - 1] == ' '))
            e--;
        else if (e >= 3 && (!memcmp(f->s + e - 3, "\xE2\x80\x94", 3) ||
                            !memcmp(f->s + e - 3, "\xE2\x80\x93", 3)))
            e -= 3;
        else
            break;
    }
    return e >= 1 && f->s[e - 1] == ':';
}

/* Is unit x an item of a list without markers: one line, or two whose
** first fills the measure (a wrapped item), at the indentation of the
** first item, opening with a capital (not with a quotation mark or a
** dash: a speech) and ending in a full stop or a semicolon (not as a
** line of verse, a poster's cry or a letter's heading do), not in
** capitals (a label, a notice), not announcing a list of its own? */
static int
unmarked_item(const struct unit *x, const struct unit *first, const struct sz_eline *l,
              const struct layout *lay)
{
    const struct sz_eline *f = &l[x->a], *z = &l[x->b - 1];
    if (x->kind != U_PARA || x->gap != 1 || x->b - x->a > 2 ||
        f->indent != l[first->a].indent || announces(z))
        return 0;
    if (x->b - x->a == 2 && (f->width + f->indent) * 4 < lay->wrap * 3)
        return 0;
    size_t i = 0;
    uint32_t cp = sz_essay_cp_at(f->s, f->len, &i), end = sz_essay_last_cp(z->s, z->len);
    return sz_essay_is_upper(cp) && (end == '.' || end == ';') &&
           !sz_essay_all_caps(f->s, f->len);
}

/* A list whose items carry no markers: after a paragraph of prose that
** announces it with a colon, three blocks or more in a row, each a line
** of its own (or an item wrapped onto a second), one blank line apart,
** most of them one line ("The following are the arts to be studied:--" /
** "Singing." / "Playing on musical instruments." / "Dancing.").  Print
** sets such items one to a line without numbers; a reply or a speech is
** no list, nor a letter after its "Dear Sir:".  Returns the unit after
** the list, or k. */
size_t
sz_essay_unmarked_list(struct sz_ectx *c, const struct units *u, struct sz_eline *l, size_t k,
                       const struct layout *lay, struct sz_buf *scratch)
{
    const struct unit *x = &u->v[k];
    if (k == 0 || u->v[k - 1].kind != U_PARA)
        return k;
    const struct unit *in = &u->v[k - 1];
    const struct sz_eline *z = &l[in->b - 1];
    if (!announces(z) || (in->b - in->a < 2 && z->width * 2 < lay->wrap) ||
        z->indent > l[x->a].indent)
        return k;
    size_t e = k, ones = 0;
    while (e < u->n && unmarked_item(&u->v[e], x, l, lay)) {
        ones += u->v[e].b - u->v[e].a == 1;
        e++;
    }
    /* the paragraph the text goes on with is no item, however short */
    while (e > k && u->v[e - 1].b - u->v[e - 1].a > 1)
        e--;
    /* an item wrapped onto a second line only among many of one line:
    ** a few sentences of two lines and one are a discourse */
    if (e - k < UNMARKED_ITEMS || ones * 3 < (e - k) * 2 ||
        (ones < e - k && ones < UNMARKED_WRAPPED))
        return k;
    struct sz_node *list = sz_essay_block(c, SZ_BULLETLIST, l[x->a].lineno);
    for (size_t j = k; j < e; j++) {
        const struct unit *y = &u->v[j];
        c->lineno = l[y->a].lineno;
        put_item(c, list, l, y->a, y->b, 0, scratch);
    }
    return e;
}
