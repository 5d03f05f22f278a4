/*
** essay_front.c
** The start of a text: title block (title, By line, date), title page,
** contents list and the headings it names.
** See LICENSE.
*/
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "readers/essay_units.h"

/* "By NAME", or the French, German or Spanish "par", "von", "por" in
** lower case (as the title page reads them, essay_title.c). */
static int
by_line(const struct sz_eline *l, const char **name, size_t *nn)
{
    size_t w = 3;
    if (l->len >= 5 && (!memcmp(l->s, "par ", 4) || !memcmp(l->s, "von ", 4) ||
                        !memcmp(l->s, "por ", 4)))
        w = 4;
    else if (l->len < 4 ||
             (memcmp(l->s, "By ", 3) && memcmp(l->s, "by ", 3) && memcmp(l->s, "BY ", 3)))
        return 0;
    if (l->width > 60 || sz_essay_count_words(l->s, l->len) > 8 ||
        sz_essay_closes(sz_essay_last_cp(l->s, l->len)))
        if (l->s[l->len - 1] != '.')
            return 0;
    size_t i = w;
    uint32_t cp = sz_essay_cp_at(l->s, l->len, &i);
    if (!sz_essay_is_upper(cp))
        return 0;
    *name = l->s + w;
    *nn = l->len - w;
    return 1;
}

static void
set_meta_text(struct sz_ectx *c, const char *key, const char *s, size_t n)
{
    sz_essay_meta_text(c, key, s, n, c->smart);
}

/* Could line l be a title or subtitle line? */
static int
title_line(const struct sz_eline *l)
{
    if (l->len && (l->s[0] == '[' || l->s[0] == '('))
        return 0;      /* [Illustration], (continued) */
    int r = sz_essay_line_rank(l);
    return r == R_CAPS || r == R_TITLE ||
           (l->width <= MAX_HEAD_WIDTH && !sz_essay_closes(sz_essay_last_cp(l->s, l->len)) &&
            r == R_NONE && sz_essay_count_words(l->s, l->len) <= MAX_HEAD_WORDS);
}

/* A date on a line of its own: a year in a few words ("March 3, 1921",
** "Autumn 1893") or 2019-04-12. */
/* The small words a date of Spanish, Portuguese, Italian, French or
** English joins its day, month and year with ("12 de mayo de 2023", "the
** 3rd of May, 1921"): not counted among its few words. */
static size_t
date_joins(const struct sz_eline *l)
{
    static const char *const joins[] = { "de", "del", "do", "da", "di", "of", "the", NULL };
    size_t n = 0;
    for (size_t i = 0; i < l->len; i++)
        if (i == 0 || l->s[i - 1] == ' ') {
            size_t j = i;
            while (j < l->len && l->s[j] != ' ')
                j++;
            n += j - i <= 3 && sz_essay_word_ci(l->s + i, j - i, joins);
        }
    return n;
}

static int
date_line(const struct sz_eline *l)
{
    if (l->width > 30)
        return 0;
    size_t words = sz_essay_count_words(l->s, l->len);
    if (words > 4 && (words > 7 || words - date_joins(l) > 4))
        return 0;
    int year = 0;
    for (size_t i = 0; i < l->len; i++) {
        unsigned char ch = (unsigned char)l->s[i];
        if (ch >= '0' && ch <= '9') {
            size_t j = i;
            while (j < l->len && l->s[j] >= '0' && l->s[j] <= '9')
                j++;
            if (j - i == 4 && (l->s[i] == '1' || l->s[i] == '2'))
                year = 1;
            else if (j - i > 4)
                return 0;
            i = j - 1;
        } else if (!(ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')) && ch != ' ' &&
                   ch != ',' && ch != '.' && ch != '-' && ch != '/') {
            return 0;
        }
    }
    return year;
}

/* The date line straight after a title block is the document's date. */
static void
date_after(struct sz_ectx *c, struct sz_eline *l, struct units *u, size_t k)
{
    if (k + 1 >= u->n || u->v[k].b - u->v[k].a != 1 || !date_line(&l[u->v[k].a]))
        return;
    const struct sz_eline *d = &l[u->v[k].a];
    set_meta_text(c, "date", d->s, d->len);
    u->v[k].kind = U_SKIP;
    u->v[k].why = "title block: a date after the title (metadata)";
}

/* Every word capitalised: "Николай Васильевич Гоголь", "Л. Н. Толстой". */
static int
name_words(const struct sz_eline *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (i == 0 || l->s[i - 1] == ' ') {
            size_t k = i;
            if (!sz_essay_is_upper(sz_essay_cp_at(l->s, l->len, &k)))
                return 0;
        }
    return 1;
}

/* "A Novel", "An Essay on Gardens", "A Tale of Two Lands", "Being the
** Memoirs of ...": a line that names what kind of work the text is, the
** way a subtitle does.  With loose set, a line opening with "A" or "An"
** alone is enough (under the title in its own block, where a heading
** would stand apart). */
static int
subtitle_shape(const struct sz_eline *f, int loose)
{
    static const char *const art[] = { "a", "an", "being", NULL };
    static const char *const kinds[] = {
        "novel", "essay", "essays", "story", "stories", "tale", "tales", "romance", "poem",
        "poems", "study", "studies", "sketch", "sketches", "account", "memoir", "memoirs",
        "treatise", "inquiry", "enquiry", "play", "drama", "comedy", "tragedy", "history",
        "narrative", "chronicle", "fable", "legend", "lecture", "discourse", "dialogue",
        "sermon", "letter", "letters", "report", "guide", "survey", "reflection",
        "reflections", "meditation", "fantasy", "satire", "biography", "record", NULL,
    };
    if (!title_line(f) || sz_essay_line_rank(f) == R_NUMBERED ||
        sz_essay_line_rank(f) == R_CHAPTER || sz_essay_line_rank(f) == R_PART)
        return 0;
    const char *rest, *w2;
    size_t rn, n2;
    size_t w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    if (!sz_essay_word_ci(f->s, w, art))
        return 0;
    if (loose)
        return 1;
    /* the kind within the next three words: "A Short Account of ..." */
    for (int k = 0; k < 3 && rn; k++) {
        size_t m = sz_essay_first_word(rest, rn, &w2, &n2);
        size_t t = m;
        while (t > 0 && (rest[t - 1] == ',' || rest[t - 1] == '.' || rest[t - 1] == ':'))
            t--;
        if (t && sz_essay_word_ci(rest, t, kinds))
            return 1;
        rest = w2;
        rn = n2;
    }
    return 0;
}

/* A text that starts with one short line standing alone (or underlined
** with a mark no heading of the text uses), then goes on, is titled by
** it: an essay's first line.  A numbered or keyword line (CHAPTER I,
** 1. Introduction, Preface) is the first heading instead. */
static void
first_line_title(struct sz_ectx *c, struct sz_eline *l, struct units *u)
{
    if (u->n < 2 || c->gutenberg)
        return;
    struct unit *x = &u->v[0];
    const struct sz_eline *f = &l[x->a];
    size_t nl = x->b - x->a;
    int under = nl == 2 ? sz_essay_underline_of(&l[x->a + 1]) : 0;
    /* the title over its subtitle in one block */
    int sub = nl == 2 && !under && subtitle_shape(&l[x->a + 1], 1);
    if ((nl != 1 && !under && !sub) || x->kind == U_FIGURE || !title_line(f) ||
        sz_essay_keyword_rank(f->s, f->len) != R_NONE || sz_essay_matter_word(f->s, f->len) ||
        sz_essay_contents_word(f) || sz_essay_note_line(f))
        return;
    int r = sz_essay_line_rank(f);
    if (r == R_NUMBERED || r == R_NUMBERED2 || r == R_CHAPTER || r == R_PART)
        return;
    const char *name;
    size_t nn;
    if (by_line(f, &name, &nn))
        return;        /* "BY EDWIN MARSH" names the author, not the text */
    /* "Николай Васильевич Гоголь" straight over "Шинель": the author's
    ** name heads the page, the title is the next line */
    if (nl == 1 && u->v[1].gap == 0 && u->v[1].b - u->v[1].a == 1 &&
        l[u->v[1].a].width <= MAX_HEAD_WIDTH && sz_essay_count_words(f->s, f->len) >= 3 &&
        sz_essay_count_words(f->s, f->len) <= 4 && r != R_CAPS && name_words(f))
        return;
    if (under)
        for (size_t k = 1; k < u->n; k++)
            if (u->v[k].b - u->v[k].a == 2 && sz_essay_underline_of(&l[u->v[k].a + 1]) == under)
                return;       /* the text's headings are underlined so too */
    const char *mt = sz_meta_text(c->doc, "title");
    if (mt) {
        struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT;
        sz_essay_squash(mt, strlen(mt), &a);
        sz_essay_squash(f->s, f->len, &b);
        int same = a.len && b.len && !strcmp(a.data, b.data);
        /* the title's first line: "THE HISTORY OF A WAR" over "VOL. VI.",
        ** the title "THE HISTORY OF A WAR: Volume VI" (or a comma before
        ** the part) */
        const char *comma = strrchr(mt, ',');
        const char *colon = strrchr(mt, ':');
        if (colon && (!comma || colon > comma))
            comma = colon;
        if (!same && comma && comma > mt) {
            sz_essay_squash(mt, (size_t)(comma - mt), &a);
            same = a.len && b.len && !strcmp(a.data, b.data);
        }
        sz_buf_free(&a);
        sz_buf_free(&b);
        if (!same)
            return;
    }
    set_meta_text(c, "title", f->s, f->len);
    x->kind = U_SKIP;
    x->merge = 0;
    x->why = "title: the text's first line, short and standing alone (metadata)";
    if (sub) {
        set_meta_text(c, "subtitle", l[x->a + 1].s, l[x->a + 1].len);
        x->why = "title and subtitle: the text's first block, two short lines, the second "
                 "naming the kind of work (metadata)";
    } else if (u->n > 2 && u->v[1].b - u->v[1].a == 1 && subtitle_shape(&l[u->v[1].a], 0)) {
        /* "An Essay on Gardens" under the title, on its own */
        set_meta_text(c, "subtitle", l[u->v[1].a].s, l[u->v[1].a].len);
        u->v[1].kind = U_SKIP;
        u->v[1].merge = 0;
        u->v[1].why = "subtitle: under the title, naming the kind of work (A Novel, An "
                      "Essay on ...) (metadata)";
        if (u->v[2].kind == U_MERGED)
            u->v[2].kind = U_PARA;
        date_after(c, l, u, 2);
        return;
    }
    if (u->v[1].kind == U_MERGED)
        u->v[1].kind = U_PARA;
    date_after(c, l, u, 1);
}

/* Does line x spell the text of t from byte *pos on, letters and digits
** alone compared, case apart?  Then *pos moves past it. */
static int
spells(const char *t, size_t *pos, const struct sz_eline *x)
{
    size_t p = *pos, i = 0, any = 0, tn = strlen(t);
    for (;;) {
        while (i < x->len && (unsigned char)x->s[i] < 0x80 && !isalnum((unsigned char)x->s[i]))
            i++;
        if (i == x->len)
            break;
        while (p < tn && (unsigned char)t[p] < 0x80 && !isalnum((unsigned char)t[p]))
            p++;
        if (p == tn || tolower((unsigned char)t[p]) != tolower((unsigned char)x->s[i]))
            return 0;
        p++, i++, any = 1;
    }
    if (any)
        *pos = p;
    return any;
}

/* Of the block's first k lines idx[], the first past the lines that spell
** the title t (and any over it, a credit or a series' name); 1 when they
** do not spell it. */
static size_t
title_lines_end(const char *t, const struct sz_eline *l, const size_t *idx, size_t k)
{
    size_t pos = 0, j = 0;
    if (!t)
        return 1;
    while (j < k && !spells(t, &pos, &l[idx[j]]))
        j++;
    if (j == k)
        return 1;
    for (j++; j < k && spells(t, &pos, &l[idx[j]]);)
        j++;
    return j;
}

/* Has the line a letter (of any script)? */
static int
any_letter(const struct sz_eline *x)
{
    size_t i = 0;
    while (i < x->len) {
        uint32_t cp;
        i += sz_utf8_decode(x->s + i, x->len - i, &cp);
        if (sz_essay_is_letter(cp))
            return 1;
    }
    return 0;
}


/* Lines a short text's title stack may have. */
#define STACK_LINES 6

/* The state of a title stack as its lines are read. */
struct stack {
    size_t title, sub, author, date;   /* line + 1 of each, 0: none yet */
    int under;                         /* the title is underlined */
    int dated;                         /* the name was taken for the date alone under it */
    const char *name;                  /* the author's name, in the By line or alone */
    size_t nn;
};

/* Is f (of rank r) a section's line: numbered, or a chapter or part
** keyword's?  Neither a title nor a subtitle is. */
static int
section_line(const struct sz_eline *f, int r)
{
    return r == R_NUMBERED || r == R_NUMBERED2 || r == R_CHAPTER || r == R_PART ||
           sz_essay_keyword_rank(f->s, f->len) != R_NONE;
}

/* A Chinese or Japanese name: two to five ideographs and nothing else
** (a space may part family and given name: "山田花子", "夏目 漱石"); kana
** or punctuation make it a phrase. */
static int
cjk_name(const struct sz_eline *f)
{
    size_t i = 0, han = 0, gaps = 0;
    while (i < f->len) {
        if (f->s[i] == ' ') {
            gaps++;
            i++;
            continue;
        }
        if (i + 3 <= f->len && !memcmp(f->s + i, "\xE3\x80\x80", 3)) {
            gaps++;
            i += 3;
            continue;
        }
        uint32_t cp = sz_essay_cp_at(f->s, f->len, &i);
        if (!((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) || ++han > 5)
            return 0;
    }
    return han >= 2 && gaps <= 1;
}

/* What line i of the stack is, given what came before it (gap: blank
** lines between it and the line before); 0 when it is none of a title
** stack's lines. */
static int
stack_line(struct stack *st, const struct sz_eline *l, size_t i, int gap,
           const struct units *u, size_t next)
{
    const struct sz_eline *f = &l[i];
    int r = sz_essay_line_rank(f);
    const char *name;
    size_t nn;
    if (!st->title) {
        if (!title_line(f) || section_line(f, r) ||
            sz_essay_matter_word(f->s, f->len) || sz_essay_contents_word(f) ||
            by_line(f, &name, &nn) || date_line(f) || f->cols > 60)
            return 0;
        st->title = i + 1;
        return 1;
    }
    if (sz_essay_underline_of(f) && st->title == i && !st->under) {
        st->under = 1;
        return 1;
    }
    if (st->author || st->date) {
        if (!st->date && (gap == 0 || st->dated) && date_line(f)) {
            st->date = i + 1;
            return 1;
        }
        return 0;
    }
    if (by_line(f, &name, &nn)) {
        st->author = i + 1;
        st->name = name;
        st->nn = nn;
        return 1;
    }
    if (date_line(f)) {
        st->date = i + 1;
        return 1;
    }
    /* a name alone: straight under the title, or apart over a heading, a
    ** dedication or an epigraph (a heading over its text has a name's
    ** shape as often; a book's title page goes on with its publisher) */
    /* (under a Chinese or Japanese title, a name is its ideographs alone) */
    size_t t0 = 0;
    uint32_t tcp = sz_essay_cp_at(l[st->title - 1].s, l[st->title - 1].len, &t0);
    int cjk_title = tcp >= 0x2E80 && tcp <= 0x9FFF;
    /* (or apart over a date alone, "Анна Соколова" / "12 марта 2021 г.":
    ** a name and a date under a title are its author and its date, a
    ** blank line between each or not) */
    int dated = next > 0 &&
                (i + 1 < u->v[next - 1].b
                     ? i + 2 == u->v[next - 1].b && date_line(&l[i + 1])
                     : next < u->n && u->v[next].gap <= 1 &&
                           u->v[next].b - u->v[next].a == 1 && date_line(&l[u->v[next].a]));
    if ((cjk_title ? cjk_name(f) : sz_essay_name_line(f)) &&
        sz_essay_keyword_rank(f->s, f->len) == R_NONE &&
        (gap == 0 || dated ||
         (next < u->n && (u->v[next].kind == U_HEAD || sz_essay_dedication(&u->v[next], l) ||
                          sz_essay_epigraph(&u->v[next], l))))) {
        st->dated = dated;
        st->author = i + 1;
        st->name = f->s;
        st->nn = f->len;
        return 1;
    }
    /* a subtitle: straight under the title (or its underline) */
    if (!st->sub && gap == 0 && title_line(f) && !section_line(f, r) && f->cols <= 60) {
        st->sub = i + 1;
        return 1;
    }
    return 0;
}

/* Does line t name a title other than mt: neither holds the other's
** letters and digits from its start ("MOBY-DICK" starts "Moby Dick; or
** The Whale")? */
static int
other_title(const char *mt, const struct sz_eline *t)
{
    struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT;
    sz_essay_squash(mt, strlen(mt), &a);
    sz_essay_squash(t->s, t->len, &b);
    size_t n = a.len < b.len ? a.len : b.len;
    int other = n > 0 && memcmp(a.data, b.data, n) != 0;
    sz_buf_free(&a);
    sz_buf_free(&b);
    return other;
}

/* A short text's title block set as a stack of short lines over the text,
** in one block or in blocks a blank line apart: the title (underlined or
** not), a subtitle straight under it, the author's By line or a name
** alone, a date ("Reading the Tide Tables" / "====" / "Notes on a Coastal
** Habit" / "14 March 2022").  Taken where the stack holds, besides the
** title, an underline with more under it, a By line, a name or a date,
** and the text follows; 1 when taken. */
static int
title_stack(struct sz_ectx *c, struct sz_eline *l, struct units *u, size_t k0)
{
    struct stack st = { 0, 0, 0, 0, 0, 0, NULL, 0 };
    size_t k = k0, m = 0;
    for (; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if ((k > k0 && x->gap > 1) || m + (x->b - x->a) > STACK_LINES ||
            (x->kind != U_PARA && x->kind != U_HEAD) || sz_essay_is_prose(u, k, l))
            break;
        struct stack t = st;
        size_t i = x->a;
        for (; i < x->b; i++)
            if (!stack_line(&t, l, i, i == x->a ? (k == k0 ? 0 : x->gap) : 0, u, k + 1))
                break;
        if (i < x->b)
            break;
        st = t;
        m += x->b - x->a;
    }
    if (k == k0 || k >= u->n || !st.title ||
        !(st.author || st.date || (st.under && st.sub)))
        return 0;
    const struct sz_eline *t = &l[st.title - 1];
    /* the title page may have read the name under the title as the
    ** title's second line ("Починка сетей Иван Петров"): the stack says
    ** it is the author's */
    const char *mt = sz_meta_text(c->doc, "title");
    if (mt && st.author && st.name == l[st.author - 1].s) {
        struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT, n = SZ_BUF_INIT;
        sz_essay_squash(mt, strlen(mt), &a);
        sz_essay_squash(t->s, t->len, &b);
        sz_essay_squash(st.name, st.nn, &n);
        if (b.len && n.len && a.len == b.len + n.len && !memcmp(a.data, b.data, b.len) &&
            !memcmp(a.data + b.len, n.data, n.len)) {
            struct sz_node *v = sz_node_new(c->doc, SZ_META_INLINES);
            sz_essay_inlines(c, v, t->s, t->len);
            sz_meta_set(c->doc, "title", v);
            sz_essay_trace_meta(c, t->lineno, "title", "the title's line alone, the name "
                                "under it the author's", t->s, t->len);
        }
        sz_buf_free(&a);
        sz_buf_free(&b);
        sz_buf_free(&n);
    }
    set_meta_text(c, "title", t->s, t->len);
    /* "_Chap-Books / and / Folk-Lore Tracts._" over "THE HISTORY OF
    ** PATIENT GRISEL": where the title page named a title this stack's
    ** first line neither starts nor is started by, the stack is a series'
    ** name over it, and its lines are no subtitle, author or date of the
    ** book's */
    mt = sz_meta_text(c->doc, "title");
    if (mt && (st.sub || st.author || st.date) && other_title(mt, t)) {
        sz_essay_trace_meta(c, t->lineno, "title", "passed over: a stack of lines over the "
                            "title page's title, a series' name, with no subtitle, author or "
                            "date of the book's", t->s, t->len);
        st.sub = st.author = st.date = 0;
    }
    if (st.sub) {
        const struct sz_eline *f = &l[st.sub - 1];
        set_meta_text(c, "subtitle", f->s, f->len);
        sz_essay_trace_meta(c, f->lineno, "subtitle", "straight under the title, in its stack",
                            f->s, f->len);
    }
    if (st.author) {
        size_t nn = st.nn;
        while (nn > 0 && st.name[nn - 1] == '.' &&
               !(nn >= 2 && sz_essay_is_upper((unsigned char)st.name[nn - 2])))
            nn--;
        set_meta_text(c, "author", st.name, nn);
        sz_essay_trace_meta(c, l[st.author - 1].lineno, "author",
                            st.dated ? "a name alone apart under the title, over a date alone: "
                                       "the author's, in the title's stack"
                                     : "a By line or a name alone in the title's stack",
                            st.name, nn);
    }
    if (st.date) {
        const struct sz_eline *f = &l[st.date - 1];
        set_meta_text(c, "date", f->s, f->len);
        sz_essay_trace_meta(c, f->lineno, "date", "a date in the title's stack", f->s, f->len);
    }
    for (size_t j = k0; j < k; j++) {
        u->v[j].kind = U_SKIP;
        u->v[j].merge = 0;
        u->v[j].why = "title block: the title over its subtitle, By line, name or date, "
                      "stacked over the text (metadata)";
    }
    if (u->v[k].kind == U_MERGED)
        u->v[k].kind = U_PARA;
    return 1;
}

/* Leading title, optional subtitle lines, then "By NAME": metadata, not
** body.  The lines may stand alone or together in one block. */
void
sz_essay_title_block(struct sz_ectx *c, struct sz_eline *l, struct units *u)
{
    size_t idx[5], unit_of[5], m = 0, k0 = 0;
    /* past a producer's note over the title ("Produced by ...") */
    if (u->n > 1 && sz_essay_note_line(&l[u->v[0].a]))
        k0 = 1;
    for (size_t k = k0; k < u->n && m < 5; k++)
        for (size_t i = u->v[k].a; i < u->v[k].b && m < 5; i++) {
            idx[m] = i;
            unit_of[m++] = k;
        }
    for (size_t k = 1; k < m; k++) {
        const char *name;
        size_t nn;
        if (!title_line(&l[idx[k - 1]]))
            break;
        if (!by_line(&l[idx[k]], &name, &nn))
            continue;
        if (idx[k] + 1 != u->v[unit_of[k]].b)
            break;
        set_meta_text(c, "title", l[idx[0]].s, l[idx[0]].len);
        /* The title page may have found the title further down (past a
        ** credit or a series' name): the subtitle is what follows it. */
        size_t j0 = title_lines_end(sz_meta_text(c->doc, "title"), l, idx, k);
        if (k > j0) {
            struct sz_buf sub = SZ_BUF_INIT;
            for (size_t j = j0; j < k; j++) {
                if (!any_letter(&l[idx[j]]))
                    continue;  /* "* * * * *", "~~~": the page's ornament */
                if (sub.len)
                    sz_buf_putc(&sub, ' ');
                sz_buf_put(&sub, l[idx[j]].s, l[idx[j]].len);
            }
            if (sub.len)
                set_meta_text(c, "subtitle", sub.data, sub.len);
            sz_buf_free(&sub);
        }
        /* "By Tom Reyes | 3 April 2024", "By Ann Lee · May 2021": a blog's
        ** By line carries the date after a bar or a middle dot */
        for (size_t j = 0; j + 3 < nn; j++) {
            size_t ml = name[j + 1] == '|' ? 1 : !memcmp(name + j + 1, "\xC2\xB7", 2) ? 2 : 0;
            if (name[j] != ' ' || !ml || j + ml + 2 > nn || name[j + ml + 1] != ' ')
                continue;
            struct sz_eline d = l[idx[k]];
            d.s = name + j + ml + 2;
            d.len = (uint32_t)(nn - j - ml - 2);
            sz_essay_line_width(d.s, d.len, &d.width, &d.cols);
            if (!date_line(&d))
                break;
            set_meta_text(c, "date", d.s, d.len);
            sz_essay_trace_meta(c, d.lineno, "date", "after a bar in the By line", d.s, d.len);
            nn = j;
            break;
        }
        while (nn > 0 && name[nn - 1] == '.' &&
               !(nn >= 2 && sz_essay_is_upper((unsigned char)name[nn - 2])))
            nn--;
        set_meta_text(c, "author", name, nn);
        for (size_t j = k0; j <= unit_of[k]; j++) {
            u->v[j].kind = U_SKIP;
            u->v[j].why = "title block: title lines then a By line (metadata)";
        }
        date_after(c, l, u, unit_of[k] + 1);
        return;
    }
    if (!c->gutenberg && title_stack(c, l, u, k0))
        return;
    first_line_title(c, l, u);
}

int
sz_essay_is_prose(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    size_t nl = x->b - x->a, wide = 0;
    for (size_t i = x->a; i < x->b; i++) {
        if (l[i].cols > LONG_LINE)
            return 1;
        wide += l[i].cols > 50;     /* columns: a line of hanzi is twice as wide */
    }
    return nl >= 2 && wide * 2 >= nl && x->kind == U_PARA;
}

/* Two sentences or more, the last closed, most words in lower case: the
** unit at k is running text however few its lines ("It rained. We
** stayed in." on two lines).  A title page's lines are in capitals or
** title case, and end without a stop or have one ("J. SMITH.") at most. */
static int
sentences(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    size_t stops = 0, lower = 0, upper = 0;
    uint32_t last = 0;
    for (size_t i = x->a; i < x->b; i++) {
        const struct sz_eline *f = &l[i];
        for (size_t j = 0; j < f->len;) {
            int start = j == 0 || f->s[j - 1] == ' ';
            uint32_t cp = sz_essay_cp_at(f->s, f->len, &j);
            if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
                ((cp == '.' || cp == '!' || cp == '?') && (j == f->len || f->s[j] == ' ')))
                stops++;
            if (start && sz_essay_is_letter(cp)) {
                upper += sz_essay_is_upper(cp);
                lower += utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
            }
            last = cp;
        }
    }
    if (lower < upper)
        return 0;
    if (last == '"' || last == 0x201D || last == 0x2019 || last == 0x300D)
        last = '.';       /* a quotation closing the sentence */
    return stops >= 2 && (last == '.' || last == '!' || last == '?' || last == 0x3002 ||
                          last == 0xFF01 || last == 0xFF1F);
}

/* AND, AN ACCOUNT OF, --OF THE--, before: a line that joins the lines of
** a title page, by its few words all joining words or its last word one.
** (Not a By line: a title over its author is an essay's heading in a
** collection.) */
static int
joining_unit(const struct unit *x, const struct sz_eline *l)
{
    static const char *const joins[] = { "of", "the", "and", "with", "by", "a", "an", "in",
                                         "to", "for", "or", "from", "on", "at", "before",
                                         "being", "containing", NULL };
    if (x->b - x->a != 1 || x->kind == U_FIGURE)
        return 0;
    const struct sz_eline *f = &l[x->a];
    if (sz_essay_count_words(f->s, f->len) > 5)
        return 0;
    size_t i = 0, words = 0, joined = 0, last = 0;
    while (i < f->len) {
        while (i < f->len && !((f->s[i] | 0x20) >= 'a' && (f->s[i] | 0x20) <= 'z'))
            if ((unsigned char)f->s[i++] >= 0x80)
                return 0;
        size_t a = i;
        char w[16];
        while (i < f->len && ((f->s[i] | 0x20) >= 'a' && (f->s[i] | 0x20) <= 'z'))
            i++;
        if (a == i)
            break;
        if (i - a >= sizeof w) {
            words++;
            last = 0;
            continue;
        }
        for (size_t k = a; k < i; k++)
            w[k - a] = (char)(f->s[k] | 0x20);
        words++;
        last = sz_essay_word_is(w, i - a, joins);
        joined += last;
    }
    return words && (joined == words || last);
}

/* Title page lines set apart and joined by such lines (JAPAN / AND /
** AROUND THE WORLD / AN ACCOUNT OF / THREE VISITS ...): a title page,
** not headings, before the book's first chapter. */
void
sz_essay_title_page_lines(struct units *u, const struct sz_eline *l)
{
    size_t limit = u->n / 3 + 8;
    for (size_t k = 0; k < u->n && k < limit; k++) {
        struct unit *x = &u->v[k];
        const struct sz_eline *f = &l[x->a];
        if (x->kind == U_HEAD && (x->rank == R_PART || x->rank == R_CHAPTER) &&
            sz_essay_keyword_rank(f->s, f->len) != R_NONE)
            break;
        if (x->kind != U_HEAD || x->merge || (x->rank != R_CAPS && x->rank != R_TITLE))
            continue;
        if ((k > 0 && joining_unit(&u->v[k - 1], l)) ||
            (k + 1 < u->n && joining_unit(&u->v[k + 1], l))) {
            x->kind = U_PARA;
            x->why = "a line of a title page, joined to its neighbours by AND, OF, BY ...";
        }
    }
}

/* Words of s[0..n), lower-cased ASCII, one space between: keys that
** compare at word boundaries ("chapter xli" is no prefix of "chapter
** xlii"). */
static void
entry_key(const char *s, size_t n, struct sz_buf *out)
{
    size_t i = 0;
    sz_buf_clear(out);
    while (i < n) {
        size_t a = i;
        uint32_t cp = sz_essay_cp_at(s, n, &i);
        if (cp < 0x80 && (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9')))
            sz_buf_putc(out, (int)(cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp));
        else if (cp >= 0x80 && sz_essay_is_letter(cp))
            sz_buf_put(out, s + a, i - a);
        else if (cp == '\'' || cp == 0x2019)
            continue;          /* DAVIDSON'S, DAVIDSON’S */
        else if (out->len && out->data[out->len - 1] != ' ')
            sz_buf_putc(out, ' ');
    }
    if (out->len && out->data[out->len - 1] == ' ')
        out->len--;
    sz_buf_putc(out, 0);
    out->len--;
}

/* The key of an entry that ends in its page number ("THE HEIR    1"),
** without the number: the heading in the text has none. */
static void
key_without_page(const struct sz_eline *f, struct sz_buf *key)
{
    if (!key->len || !sz_essay_page_ref(f->s, f->len))
        return;
    size_t n = key->len;
    while (n > 0 && key->data[n - 1] != ' ')
        n--;
    if (n > 1) {
        key->len = n - 1;
        key->data[key->len] = '\0';
    }
}

/* Is one key the other or its start, up to a word boundary? */
static int
key_prefix(const struct sz_buf *a, const struct sz_buf *b)
{
    const struct sz_buf *s = a->len <= b->len ? a : b, *t = s == a ? b : a;
    return s->len && !memcmp(s->data, t->data, s->len) &&
           (t->len == s->len || t->data[s->len] == ' ');
}

/* "CHAP.     PAGE", "Seite": the heads of the contents' columns, not an
** entry. */
static int
column_heads(const struct sz_buf *key)
{
    static const char *const w[] = { "chap", "chapter", "chapters", "page", "pages", "pp",
                                     "no", "part", "section", "seite", "kapitel", "chapitre", "pag",
                                     "pagina", NULL };
    const char *s = key->data;
    size_t n = key->len;
    if (!n)
        return 0;
    while (n) {
        size_t a = 0;
        while (a < n && s[a] != ' ')
            a++;
        if (!sz_essay_word_is(s, a, w))
            return 0;
        s += a + (a < n);
        n -= a + (a < n);
    }
    return 1;
}

/* The title an entry gives, without its number or page: "I. The Coming
** of the Clockwork Man ... 1" -> "the coming of the clockwork man".  Empty
** when that leaves less than two words. */
static void
entry_title(const struct sz_eline *f, struct sz_buf *key)
{
    const char *rest, *rest2;
    size_t rn, rn2;
    size_t w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    if (sz_essay_keyword_rank(f->s, f->len) != R_NONE) {
        w = sz_essay_first_word(rest, rn, &rest2, &rn2);
        rest = rest2;
        rn = rn2;
    } else if (!sz_essay_number_token(f->s, w)) {
        rest = f->s;
        rn = f->len;
    }
    while (rn && rest[rn - 1] >= '0' && rest[rn - 1] <= '9')
        rn--;          /* the page */
    entry_key(rest, rn, key);
    if (!memchr(key->data, ' ', key->len))
        key->len = 0;
}

/* Has unit x a line that reads as a contents entry: a chapter line, a
** numbered title or a line ending in a page number? */
static int
entry_lines(const struct unit *x, const struct sz_eline *l)
{
    for (size_t i = x->a; i < x->b; i++) {
        const char *rest;
        size_t rn, w = sz_essay_first_word(l[i].s, l[i].len, &rest, &rn);
        const char *s = l[i].s;
        size_t n = l[i].len - (l[i].len > 1 && s[l[i].len - 1] == '.');
        size_t e = n;
        while (e > 0 && s[e - 1] >= '0' && s[e - 1] <= '9')
            e--;
        if (e < n && e > 1 && s[e - 1] == '-' && s[e - 2] >= '0' && s[e - 2] <= '9')
            n = e - 1;         /* pages 49-120 */
        if (sz_essay_page_ref(s, n) ||
            sz_essay_keyword_rank(l[i].s, l[i].len) != R_NONE ||
            (rn && sz_essay_number_token(l[i].s, w)))
            return 1;
    }
    return 0;
}

/* Does unit x end in a page number set apart from its words: after a wide
** gap or leaders, or alone on the last line?  A chapter's synopsis in a
** contents list reads as prose ("Leave the United States—Old Ironsides—
** ... Good-by, Madeira       PAGE 8"), but its page ends it. */
static int
ends_in_page(const struct unit *x, const struct sz_eline *l)
{
    const struct sz_eline *f = &l[x->b - 1];
    size_t e = f->len, n = f->len;
    while (e > 0 && f->s[e - 1] >= '0' && f->s[e - 1] <= '9')
        e--;
    if (e == n || n - e > 4)
        return 0;
    if (e == 0)
        return x->b - x->a >= 2 && f->indent >= 40;
    if (e >= 5 && !strncasecmp(f->s + e - 5, "PAGE ", 5))
        e -= 5;         /* Madeira       PAGE 8 */
    return e >= 2 && (!memcmp(f->s + e - 2, "  ", 2) || !memcmp(f->s + e - 2, "..", 2));
}

/* Do most of unit x's lines at its least indentation open with a number
** and words after it, the lines between hanging under them ("I        TREATS
** OF THE PLACE WHERE OLIVER TWIST WAS BORN AND OF THE" / "CIRCUMSTANCES
** ..." set in)?  Numbered entries in one block, however wide: no prose. */
static int
numbered_block(const struct unit *x, const struct sz_eline *l)
{
    uint32_t base = l[x->a].indent;
    for (size_t i = x->a; i < x->b; i++)
        if (l[i].indent < base)
            base = l[i].indent;
    size_t at_base = 0, numbered = 0;
    for (size_t i = x->a; i < x->b; i++) {
        if (l[i].indent != base)
            continue;
        const char *rest;
        size_t rn, w = sz_essay_first_word(l[i].s, l[i].len, &rest, &rn);
        at_base++;
        numbered += rn > 0 && sz_essay_number_token(l[i].s, w);
    }
    return numbered >= 3 && numbered * 4 >= at_base * 3;
}

/* Is line f no entry of a contents list: short, with no page number, no
** chapter word and no number first? */
static int
no_entry(const struct sz_eline *f)
{
    const char *rest;
    size_t rn, w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    while (w > 0 && f->s[w - 1] == '.')
        w--;
    return f->width <= MAX_HEAD_WIDTH && sz_essay_count_words(f->s, f->len) <= MAX_HEAD_WORDS &&
           !sz_essay_page_ref(f->s, f->len) &&
           sz_essay_keyword_rank(f->s, f->len) == R_NONE && w > 0 &&
           !(f->s[0] >= '0' && f->s[0] <= '9') &&
           !(sz_essay_roman_value(f->s, w) && sz_essay_all_caps(f->s, w));
}

/* How many of unit x's lines end in a page number. */
static size_t
page_lines(const struct unit *x, const struct sz_eline *l)
{
    size_t n = 0;
    for (size_t i = x->a; i < x->b; i++)
        n += sz_essay_page_ref(l[i].s, l[i].len);
    return n;
}

/* Is the line of unit k - 1 set again, alone, in a unit from k on (the
** heading an entry of the contents names), whole or its opening words
** ("FROM THE HEIGHTS" for "FROM THE HEIGHTS (POEM TRANSLATED BY ...)")?
** b is scratch. */
static int
set_again(const struct units *u, size_t k, const struct sz_eline *l, struct sz_buf *b)
{
    const struct sz_eline *f = &l[u->v[k - 1].a];
    struct sz_buf key = SZ_BUF_INIT;
    sz_essay_squash(f->s, f->len, &key);
    int found = 0;
    for (size_t j = k; j < u->n && !found && key.len; j++) {
        const struct sz_eline *g = &l[u->v[j].a];
        if (u->v[j].b - u->v[j].a > 2 || g->width < 4 || g->width > f->width + 8)
            continue;
        sz_essay_squash(g->s, g->len, b);
        found = b->len >= 8 && b->len <= key.len && !memcmp(b->data, key.data, b->len);
    }
    sz_buf_free(&key);
    return found;
}

static const char over_paged_why[] =
    "a line that is no entry after the contents list's paged entries, across a wider gap, "
    "over the first chapter: a heading over the text";
static const char over_titled_why[] =
    "a line that is no entry after the contents list's entries, across a wider gap, over "
    "the first chapter line (its title the first entry's): a heading over the text";

/* ... X. Upon the Roll of Fame.  225 / (a wider gap) Life of Gen. T. J.
** Jackson. / CHAPTER I.: is unit j - 1, between the entries of the
** contents list that starts at unit k and the first chapter (unit j), a
** line that is no entry (no number, no page) set apart from them, and so
** the heading over the chapters (the book's title printed again over the
** text)?  If so it is made one, outside every division of the text.  b is
** scratch. */
static int
heading_over_text(struct units *u, size_t k, size_t j, const struct sz_eline *l, int first_paged,
                  struct sz_buf *b)
{
    struct unit *p = &u->v[j - 1];
    if (j < k + 3 || p->b - p->a != 1 || p->merge || p->gap <= u->v[j - 2].gap ||
        !no_entry(&l[p->a]) ||
        !(first_paged ? ends_in_page(&u->v[j - 2], l)
                      : entry_lines(&u->v[j - 2], l) && !set_again(u, j, l, b)))
        return 0;
    p->kind = U_HEAD;
    p->rank = R_VOLUME;       /* outside every division of the text */
    return 1;
}

/* Is x the synopsis of the chapter line y, ending in its page? */
static int
synopsis(const struct unit *y, const struct unit *x, const struct sz_eline *l)
{
    return y->b - y->a == 1 && sz_essay_keyword_rank(l[y->a].s, l[y->a].len) != R_NONE &&
           ends_in_page(x, l);
}

/* CONTENTS and its entries, up to where the first entry comes back as the
** first heading of the book (by its whole line, or by the title it gives
** after its number), or prose starts.  Returns the unit after. */
/* The number (I., 12.) that opens line f before more words, or 0. */
static int
entry_number(const struct sz_eline *f)
{
    const char *rest;
    size_t rn, w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    if (!rn || w < 2 || w > 8 || f->s[w - 1] != '.')
        return 0;
    size_t d = 0;
    while (d < w - 1 && f->s[d] >= '0' && f->s[d] <= '9')
        d++;
    if (d == w - 1)
        return d <= 3 ? atoi(f->s) : 0;
    for (size_t i = 0; i < w - 1; i++)
        if (!strchr("IVXLC", f->s[i]))
            return 0;
    return sz_essay_roman_value(f->s, w - 1);
}

/* Is unit j a contents entry written as a synopsis, a paragraph of prose
** numbered as the next entry (I. Emerson.  Boston, 14 May, 1834.  First
** acquaintance with ...), *counted the number of the last one?  The
** numbering must start at the list's first entry, or after an opening
** matter word's (Introduction.  Emerson's early recognition ...), which
** is one too when the numbered entries follow it. */
static int
synopsis_entry(const struct units *u, size_t k, size_t j, const struct sz_eline *l, int counted)
{
    const struct sz_eline *f = &l[u->v[j].a];
    if (entry_number(f) == counted + 1 && (counted || j <= k + 2))
        return 1;
    if (counted || j != k + 1 || j + 1 >= u->n)
        return 0;
    const char *rest;
    size_t rn, w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    return rn && f->s[w - 1] == '.' && sz_essay_matter_word(f->s, w) &&
           entry_number(&l[u->v[j + 1].a]) == 1;
}

size_t
sz_essay_contents(struct units *u, size_t k, const struct sz_eline *l)
{
    int counted = 0;           /* the number of the last synopsis entry */
    struct sz_buf first = SZ_BUF_INIT, cur = SZ_BUF_INIT, cur2 = SZ_BUF_INIT, title = SZ_BUF_INIT;
    size_t j = k + 1;
    int prev_kind = -1;
    const char *prev_why = NULL;
    size_t entries = 0;
    size_t paged = 0, paged_lines = 0;   /* entries, lines, giving a page */
    int first_paged = 0;       /* the first entry's key lost its page number */
    u->v[k].kind = U_CONTENTS;
    u->v[k].why = "the word Contents";
    for (; j < u->n; j++) {
        struct unit *x = &u->v[j];
        /* an entry may wrap over lines (CHAPTER XXXIII. The Fate of Injun
        ** Joe—Huck and Tom ...): prose ends the list only when it does not
        ** open with a chapter line */
        if (((x->b - x->a >= 3 || (l[x->a].cols > LONG_LINE && sentences(u, j, l))) &&
             sz_essay_is_prose(u, j, l) &&
             sz_essay_keyword_rank(l[x->a].s, l[x->a].len) == R_NONE &&
             !(j > k + 1 && synopsis(&u->v[j - 1], x, l)) && !ends_in_page(x, l) &&
             !numbered_block(x, l) && !synopsis_entry(u, k, j, l, counted)) ||
            x->kind == U_RULE || j - k > 1000) {
            /* ... Contentment / (a wider gap) PREFACE / prose: the list
            ** has ended before the line over the prose, set apart from
            ** the entries as the text sets its headings */
            struct unit *y = &u->v[j - 1];
            if (x->kind != U_RULE && j >= k + 3 && prev_kind == U_HEAD &&
                y->gap > u->v[j - 2].gap && y->b - y->a == 1 && !y->merge) {
                y->kind = U_HEAD;
                y->why = "a heading shape after the contents list's entries across a wider gap, "
                         "over prose: the text's first heading, not an entry";
                j--;
            } else if (x->kind != U_RULE && j >= k + 3 && prev_kind == U_PARA &&
                       y->gap > u->v[j - 2].gap && y->b - y->a == 2 && !y->merge &&
                       sz_essay_caps_lines(l, y->a, y->b)) {
                /* ... THE OVAL PORTRAIT / (a wider gap) EDGAR ALLAN POE /
                ** AN APPRECIATION / prose: a title in capitals over two
                ** lines, no entry wraps so */
                y->kind = U_HEAD;
                y->rank = R_CAPS;
                y->why = "two lines in capitals after the contents list's entries across a "
                         "wider gap, over prose: the text's first heading, not an entry";
                j--;
            }
            break;
        }
        /* ... On Death.......90 / The Farewell.......92 / (a wider gap)
        ** THE PROPHET / prose set narrow: after entries that all give
        ** their pages, a block giving none across a wider gap starts the
        ** text */
        size_t pages = page_lines(x, l);
        if (entries && paged == entries && paged_lines >= 3 && !pages &&
            x->gap > u->v[j - 1].gap)
            break;
        entry_key(l[x->a].s, l[x->a].len, &cur);
        if (!cur.len)
            break;
        struct unit *y = &u->v[j - 1];
        if (entries >= 2 && x->b - x->a >= 3 && !entry_lines(x, l) && y->b - y->a == 1 &&
            (prev_kind == U_HEAD || prev_kind == U_MERGED) && !entry_lines(y, l)) {
            /* ACT I. ACT II. ACT III. / DRAMATIS PERSONAE / the cast: a
            ** heading-shaped line that is no entry, then a block of lines
            ** that are none either: the list has ended, the line heads
            ** what follows */
            int r = sz_essay_line_rank(&l[y->a]);
            y->kind = U_HEAD;
            y->rank = r == R_NONE || r == R_PART || r == R_CHAPTER ? R_CAPS : r;
            y->why = "a heading between the contents list and the text";
            u->v[j - 2].merge = 0;
            j--;
            break;
        }
        entries++;
        paged += pages == x->b - x->a;
        paged_lines += pages;
        /* CHAPTER I. / An Orphan Boy.: the title the first entry gives,
        ** on the line under a bare chapter line */
        int titled = 0;
        if (title.len && x->b - x->a >= 2 && sz_essay_bare_number(&l[x->a])) {
            entry_key(l[x->a + 1].s, l[x->a + 1].len, &cur2);
            titled = !strcmp(title.data, cur2.data);
        }
        if (!first.len) {
            size_t i = x->a;
            /* "Chapter      Page" over the entries in one block */
            if (column_heads(&cur) && x->b - x->a >= 2) {
                i++;
                entry_key(l[i].s, l[i].len, &cur);
            }
            if (!column_heads(&cur)) {
                size_t full = cur.len;
                key_without_page(&l[i], &cur);
                first_paged = cur.len < full;
                sz_buf_put(&first, cur.data, cur.len);
                entry_title(&l[i], &title);
            }
        } else if ((key_prefix(&first, &cur) &&
                    !(first_paged && sz_essay_page_ref(l[x->a].s, l[x->a].len))) ||
                   titled) {
            /* ... X. Upon the Roll of Fame.  225 / (a wider gap) Life of
            ** Gen. T. J. Jackson. / CHAPTER I.: a line that is no entry
            ** (no number, no page) between entries that give their pages
            ** and the first chapter, set apart from them, is the heading
            ** over the chapters (the book's title printed again over the
            ** text), not an entry */
            if (prev_kind >= 0 && heading_over_text(u, k, j, l, first_paged, &cur2)) {
                u->v[j - 1].why = over_paged_why;
                j--;
            }
            break;
        } else if (title.len && !strcmp(title.data, cur.data)) {
            /* CHAPTER ONE / THE COMING OF THE CLOCKWORK MAN: the heading
            ** starts at the chapter line before its title */
            struct unit *p = &u->v[j - 1];
            if (j - 1 > k && prev_kind >= 0 && p->b - p->a == 1 &&
                sz_essay_keyword_rank(l[p->a].s, l[p->a].len) != R_NONE &&
                sz_essay_bare_number(&l[p->a])) {
                p->kind = prev_kind;
                p->why = prev_why;
                j--;
                /* XIV. HURLED FROM THE MOON / (a wider gap) ZARLAH, THE
                ** MARTIAN. / CHAPTER I. / THE STRANGE SHADOW.: the line
                ** over that chapter line is the heading over the text, as
                ** over a chapter line that repeats the first entry */
                if (heading_over_text(u, k, j, l, first_paged, &cur2)) {
                    u->v[j - 1].why = over_titled_why;
                    j--;
                }
            }
            break;
        }
        int numbered_next = entry_number(&l[x->a]) == counted + 1;
        counted += numbered_next;
        prev_kind = x->kind;
        prev_why = x->why;
        x->kind = U_CONTENTS;
        x->why = numbered_next && x->b - x->a >= 3
                     ? "a paragraph numbered as the contents list's next entry (I. Emerson.  "
                       "Boston, 14 May, 1834.  First acquaintance ...): an entry written as a "
                       "synopsis"
                     : "entry of the contents list (up to its first entry repeated, or prose)";
    }
    sz_buf_free(&first);
    sz_buf_free(&cur);
    sz_buf_free(&cur2);
    sz_buf_free(&title);
    return j;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A line before the first chapter that a contents entry names is a
** heading (front sections), even one the shape rules miss ("EXTRACTS. (Supplied by a Sub-Sub-Librarian)."
** ending like a sentence, or a bare "EXTRACTS." for that entry).  The
** entries are sorted once and looked up by binary search: linear time
** in the book, log time in the contents. */
void
sz_essay_contents_headings(struct units *u, size_t k, size_t e, const struct sz_eline *l,
                  struct sz_arena *arena)
{
    size_t n = 0;
    for (size_t j = k + 1; j < e; j++)
        n += u->v[j].b - u->v[j].a;
    if (!n)
        return;
    char **v = sz_xmalloc(n * sizeof *v);
    struct sz_buf b = SZ_BUF_INIT;
    n = 0;
    for (size_t j = k + 1; j < e; j++)
        for (size_t i = u->v[j].a; i < u->v[j].b; i++) {
            sz_essay_squash(l[i].s, l[i].len, &b);
            if (b.len >= 4)
                v[n++] = sz_arena_strndup(arena, b.data, b.len);
        }
    qsort(v, n, sizeof *v, cmp_str);
    for (size_t j = e; j < u->n && n; j++) {
        struct unit *x = &u->v[j];
        const struct sz_eline *f = &l[x->a];
        /* Up to the first chapter: past it, captions of a list of
        ** illustrations would be taken for headings. */
        if (x->kind == U_HEAD && (x->rank == R_CHAPTER || x->rank == R_PART) &&
            !sz_essay_matter_word(f->s, f->len))
            break;
        if (x->kind != U_PARA || x->b - x->a != 1 || f->width > MAX_HEAD_WIDTH)
            continue;
        /* a capital first: not "the juniper-tree." nor "—BRYANT." */
        if (!f->len || f->s[0] < 'A' || f->s[0] > 'Z')
            continue;
        sz_essay_squash(f->s, f->len, &b);
        if (b.len < 5)        /* the contents' own "PAGE" */
            continue;
        sz_buf_putc(&b, 0);
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(v[mid], b.data) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        /* the entry itself, or an entry that goes on past a one-word line */
        if (lo < n && (!strcmp(v[lo], b.data) || (!strncmp(v[lo], b.data, b.len - 1) &&
                                                  sz_essay_count_words(f->s, f->len) == 1))) {
            x->kind = U_HEAD;
            x->rank = sz_essay_all_caps(f->s, f->len) ? R_CAPS : R_TITLE;
            x->why = "a line the contents list names";
        }
    }
    sz_buf_free(&b);
    free(v);
}

/* Prose by any measure: a paragraph on one long line, three wrapped
** lines or more, or two sentences. */
static int
running_prose(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    return sz_essay_is_prose(u, k, l) && !ends_in_page(x, l) &&
           (l[x->a].cols > LONG_LINE || x->b - x->a >= 3 || sentences(u, k, l));
}

/* Is unit x prose wrapped at a narrow measure (The Prophet's forty
** columns: "|Almustafa, the chosen and the / beloved, who was a dawn unto
** his own / day, ..."): four lines or more, all but the first going on
** with a sentence in lower case, the last ending it? */
static int
wrapped_narrow(const struct unit *x, const struct sz_eline *l)
{
    size_t nl = x->b - x->a, lower = 0;
    if (x->kind != U_PARA || nl < 4)
        return 0;
    for (size_t i = x->a + 1; i < x->b; i++) {
        size_t j = 0;
        uint32_t cp = l[i].len ? sz_essay_cp_at(l[i].s, l[i].len, &j) : 0;
        lower += utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
    }
    uint32_t last = sz_essay_last_cp(l[x->b - 1].s, l[x->b - 1].len);
    return lower * 4 >= (nl - 1) * 3 && (last == '.' || last == '!' || last == '?');
}

/* Why a line is a dedication (compared by address). */
static const char dedication_why[] =
    "before the text, a short line To or For a name or one's own (Für meinen, À ma): a dedication";

/* Why a volume's line went to the title page (compared by address). */
static const char volume_why[] =
    "VOLUME and a number on the title page, the only volume line of the text: which "
    "volume the book is, part of its title page, not a part over the text";

/* Is f a volume's line: VOLUME I., Vol. II, a word and a number? */
static int
volume_line(const struct sz_eline *f)
{
    static const char *const w[] = { "VOLUME", "Volume", "VOL.", "Vol.", "VOL", "Vol", NULL };
    const char *rest;
    size_t rn, n = sz_essay_first_word(f->s, f->len, &rest, &rn);
    return n && rn && sz_essay_word_is(f->s, n, w);
}

/* How many one-line part headings of u are volume lines, counting up to
** two. */
static int
volume_lines(const struct units *u, const struct sz_eline *l)
{
    int n = 0;
    for (size_t k = 0; k < u->n && n < 2; k++)
        if (u->v[k].kind == U_HEAD && u->v[k].rank == R_PART && volume_line(&l[u->v[k].a]))
            n++;
    return n;
}

/* THE PERSONS IN THE PLAY / the persons / THE SCENES OF THE PLAY / ACT I.
** ... / LONDON: ST. JAMES'S THEATRE / the first cast / FIRST ACT: from
** the heading over a play's persons (unit k) to its first act, the play's
** lists and the headings over them, set in capitals apart from them; a
** line of the lists is no heading ("Lessee and Manager: Mr. George
** Alexander"), nor verse.  The play's title printed again over the first
** act (squashed t) is left as it was read. */
static void
play_lists(struct units *u, const struct sz_eline *l, size_t k, const struct sz_buf *t)
{
    struct sz_buf cur = SZ_BUF_INIT;
    for (size_t j = k + 1; j < u->n; j++) {
        struct unit *y = &u->v[j];
        const struct sz_eline *f = &l[y->a];
        if (y->kind == U_SKIP || y->kind == U_MERGED)
            continue;
        if (y->kind == U_HEAD && (y->rank == R_PART || y->rank == R_CHAPTER) &&
            sz_essay_keyword_rank(f->s, f->len) != R_NONE)
            break;      /* the first act */
        if (y->kind != U_HEAD && y->kind != U_PARA)
            continue;
        int caps = y->b - y->a == 1 && sz_essay_all_caps(f->s, f->len) && y->gap >= 2;
        if (caps && t->len) {
            sz_essay_squash(f->s, f->len, &cur);
            if (cur.len == t->len && !memcmp(cur.data, t->data, cur.len))
                continue;
        }
        if (caps) {
            y->kind = U_HEAD;
            y->rank = R_CAPS;
            y->why = "a line in capitals set apart between a play's persons and its first act: "
                     "the heading over one of its lists";
        } else if (y->kind == U_HEAD || y->b - y->a >= 2) {
            y->kind = U_PARA;
            y->rank = R_NONE;
            y->why = sz_essay_cast_why;
        }
    }
    sz_buf_free(&cur);
}

/* Has the text parts or chapters?  Looked for once (*seen < 0), then
** remembered in *seen. */
static int
divisions(const struct units *u, int *seen)
{
    if (*seen < 0) {
        *seen = 0;
        for (size_t k = 0; k < u->n && !*seen; k++)
            *seen = u->v[k].kind == U_HEAD && (u->v[k].rank == R_PART ||
                                               u->v[k].rank == R_CHAPTER ||
                                               u->v[k].rank == R_VOLUME);
    }
    return *seen;
}

/* Title page and contents at the start of a book: kept, never headings. */
void
sz_essay_front_matter(struct sz_ectx *c, struct units *u, const struct sz_eline *l)
{
    size_t k = 0, toc = u->n;
    int title_seen = 0;        /* the book's title met once on the page */
    int volumes = -1;          /* volume lines of the text, up to two; -1: not counted yet */
    int divided = -1;          /* the text has parts or chapters; -1: not looked for yet */
    size_t last_ch = SIZE_MAX; /* 1 + the last part or chapter heading, 0: none; SIZE_MAX: not
                               ** looked for yet */
    /* The front matter ends where the first section starts; a book whose
    ** first section is not in its first third has none worth the name. */
    size_t limit = u->n / 3 + 8;
    struct sz_buf title = SZ_BUF_INIT, cur = SZ_BUF_INIT;
    signed char held[R_COUNT][R_COUNT];      /* sz_essay_holds, asked once a pair */
    memset(held, -1, sizeof held);
    const char *mt = sz_meta_text(c->doc, "title");
    if (mt)
        sz_essay_squash(mt, strlen(mt), &title);
    for (; k < u->n && k < limit; k++) {
        struct unit *x = &u->v[k];
        if (x->kind == U_SKIP || x->kind == U_MERGED)
            continue;
        /* Dear Anna, / Sir, / Liebe Marta!: a letter's salutation, alone
        ** on its line, is the letter's first line: the text starts there
        ** (in a text without parts or chapters: one with them may open
        ** with a dedicatory letter, part of its front matter) */
        if (!c->gutenberg && x->b - x->a == 1 && sz_essay_salutation(&l[x->a]) &&
            !divisions(u, &divided)) {
            x->kind = U_PARA;
            x->rank = R_NONE;
            x->why = "a letter's salutation (Dear Anna,) alone on its line: the letter's "
                     "first line, the text starts there";
            break;
        }
        /* the lines the title page read its title, subtitle and author
        ** from (essay_title.c) are the page's, not a section over prose */
        if (c->page_last && x->a < c->page_last && x->kind != U_CONTENTS)
            continue;
        if (x->kind == U_CONTENTS) {
            toc = k;
            continue;
        }
        /* Running prose after the contents list is the text, whatever
        ** the shapes before it: the list has named the sections, and what
        ** follows it is the book (a Gutenberg book's front matter is over
        ** by then too). */
        if (toc < u->n && x->kind == U_PARA && running_prose(u, k, l))
            break;
        /* Outside Project Gutenberg's books (whose front matter is
        ** PG's), an epigraph or a dedication goes before the text. */
        if (!c->gutenberg && sz_essay_epigraph(x, l)) {
            x->kind = U_EPIGRAPH;
            x->why = "before the text, lines over a dash and a name: an epigraph";
            continue;
        }
        if (!c->gutenberg && sz_essay_dedication(x, l)) {
            x->kind = U_PARA;
            x->rank = R_NONE;
            x->why = dedication_why;
            continue;
        }
        /* a play starts with the list of its persons: the page is over */
        if (x->kind == U_HEAD && x->b - x->a == 1 && sz_essay_persons_line(l[x->a].s, l[x->a].len)) {
            x->why = "the heading over the list of a play's persons: the play starts there, "
                     "after its title page";
            play_lists(u, l, k, &title);
            break;
        }
        /* the contents pass found the heading over the text (the
        ** book's title printed again over the first chapter): the text
        ** starts there */
        if (x->kind == U_HEAD && x->why == over_titled_why)
            break;
        if (x->kind == U_HEAD) {
            /* The book's own title repeated is the title page. */
            sz_essay_squash(l[x->a].s, l[x->a].len, &cur);
            if (title.len && cur.len && !strncmp(title.data, cur.data, cur.len)) {
                /* ...but set again after the page (By, Translated by, a
                ** dedication) over running prose, it heads the text: the
                ** text starts there, under its title (FATHER GORIOT)
                ** */
                size_t j = k + 1;
                while (j < u->n && (u->v[j].kind == U_SKIP || u->v[j].kind == U_MERGED))
                    j++;
                /* (only a text without chapters: one with them starts at its
                ** first, as below, whatever stands over it) */
                if (last_ch == SIZE_MAX) {   /* found once: a page may repeat its title */
                    last_ch = 0;
                    for (size_t q = u->n; q-- > 0;)
                        if (u->v[q].kind == U_HEAD &&
                            (u->v[q].rank == R_PART || u->v[q].rank == R_CHAPTER)) {
                            last_ch = q + 1;
                            break;
                        }
                }
                if (title_seen && last_ch <= j && j < u->n && u->v[j].kind == U_PARA &&
                    (running_prose(u, j, l) || wrapped_narrow(&u->v[j], l))) {
                    x->why = "the book's title set again after its title page, over the "
                             "text: the text's heading";
                    break;
                }
                title_seen = 1;
                continue;
            }
            /* THE CORRESPONDENCE OF ... / 1834-1872 / VOLUME I.: a file
            ** holding one volume of a work names it on the page */
            if (x->rank == R_PART && x->b - x->a == 1 && !x->merge && title_seen &&
                volume_line(&l[x->a])) {
                if (volumes < 0)
                    volumes = volume_lines(u, l);
                if (volumes == 1) {
                    x->why = volume_why;
                    continue;
                }
            }
            size_t j = k + 1 + (size_t)(x->merge == 1), prose = 0, m = 0;
            int keyword = x->rank == R_PART || x->rank == R_CHAPTER || x->rank == R_SETEXT1 ||
                          x->rank == R_SETEXT2;
            /* FIRST ACT / SCENE: a play's act over its scene starts the text
            ** as a chapter over its first section does */
            if (keyword && j < u->n && u->v[j].kind == U_HEAD &&
                (u->v[j].rank <= R_SUB ||
                 (u->v[j].b - u->v[j].a == 1 &&
                  sz_essay_scene_word(l[u->v[j].a].s, l[u->v[j].a].len))))
                break;
            /* 1. Method / 1.1 Sampling: a number over its first subsection's;
            ** a shape the text sets over runs of another, over the first */
            if (j < u->n && u->v[j].kind == U_HEAD &&
                ((x->rank == R_NUMBERED && u->v[j].rank == R_NUMBERED2) ||
                 (x->rank != u->v[j].rank && x->rank >= 0 && u->v[j].rank >= 0 &&
                  sz_essay_holds_once(u, x->rank, u->v[j].rank, held))))
                break;
            for (; j < u->n && m < 3 && u->v[j].kind != U_HEAD; j++, m++)
                prose += sz_essay_is_prose(u, j, l) ||
                         (!c->gutenberg && u->v[j].kind == U_PARA &&
                          /* BY / L. M. MONTGOMERY, NEW YORK / FREDERICK A.
                          ** STOKES COMPANY: a title page's lettering */
                          !sz_essay_caps_lines(l, u->v[j].a, u->v[j].b));
            if (j >= u->n || prose >= (keyword || !c->gutenberg ? 1u : 2u) ||
                (prose && sz_essay_matter_word(l[x->a].s, l[x->a].len)))
                break;
            continue;
        }
        /* Outside Project Gutenberg's books, prose at the start is the
        ** text itself. */
        if (!c->gutenberg && sz_essay_is_prose(u, k, l) &&
            (l[x->a].cols > LONG_LINE || x->b - x->a >= 3 || sentences(u, k, l) ||
             (k + 1 < u->n && sz_essay_is_prose(u, k + 1, l))))
            break;
    }
    sz_buf_free(&title);
    sz_buf_free(&cur);
    if (k >= limit && k < u->n) {
        k = toc < u->n ? toc : 0;
        if (toc < u->n)
            return;
    }
    if (k == 0 || k == u->n)
        return;
    /* the epigraphs and dedications last before the text stay the text's */
    size_t tp = k;
    while (tp > 0 && (u->v[tp - 1].kind == U_SKIP || u->v[tp - 1].kind == U_EPIGRAPH ||
                      u->v[tp - 1].why == dedication_why))
        tp--;
    for (size_t j = 0; j < tp; j++)
        if (u->v[j].kind != U_SKIP && u->v[j].kind != U_CONTENTS) {
            u->v[j].kind = U_TITLEPAGE;
            if (u->v[j].why != volume_why)
                u->v[j].why = "before the first section followed by prose: title page";
        }
    /* Without a Gutenberg header, the title page names the book. */
    const char *name;
    size_t nn;
    for (size_t j = 0; j < k; j++) {
        const struct sz_eline *f = &l[u->v[j].a];
        /* the title is the title page's (essay_title.c) */
        if (!sz_meta_get(c->doc, "author") && by_line(f, &name, &nn)) {
            set_meta_text(c, "author", name, nn);
            sz_essay_trace_meta(c, f->lineno, "author", "a By line of the title page", name,
                                nn);
        }
    }
    if (!sz_meta_get(c->doc, "author")) {
        /* the title itself has a name's shape often ("Silas Marner",
        ** "Long Frontier"): the line the title was read from names no author */
        struct sz_buf tk = SZ_BUF_INIT, lk = SZ_BUF_INIT;
        const char *t0 = sz_meta_text(c->doc, "title");
        if (t0)
            sz_essay_squash(t0, strlen(t0), &tk);
        for (size_t j = 0; j < k; j++) {
            const struct sz_eline *f = &l[u->v[j].a];
            size_t w = sz_essay_count_words(f->s, f->len);
            if (tk.len) {
                sz_essay_squash(f->s, f->len, &lk);
                if (lk.len && !strcmp(lk.data, tk.data))
                    continue;
            }
            /* a name standing apart: not the signature under an epigraph
            ** ("Ив. Тургенев" straight under the verse) */
            if (u->v[j].rank == R_TITLE && w >= 2 && w <= 4 && u->v[j].kind == U_TITLEPAGE &&
                (j == 0 || u->v[j].gap > 0) && sz_essay_name_line(f)) {
                set_meta_text(c, "author", f->s, f->len);
                sz_essay_trace_meta(c, f->lineno, "author", "a name standing apart on the "
                                    "title page", f->s, f->len);
                break;
            }
        }
        sz_buf_free(&tk);
        sz_buf_free(&lk);
    }
    (void)c;
}
