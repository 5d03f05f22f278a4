/*
** essay_recur.c
** The heading shapes a text uses, counted over the whole text once every
** line has its shape: a weak shape (a line in capitals, a short
** title-case line) that the text uses only once or twice, inside the run
** of its divisions, is a line of a chapter (a sign, a name, a cry), not a
** section; a numbered title whose number belongs to no sequence (L. Maria
** Child. before I. Childhood) is a name's initial; the one volume line
** of a title page is the title page's.
** See LICENSE.
*/
#include <string.h>

#include "readers/essay_units.h"

/* How many headings of the main shape make it the text's divisions. */
#define MAIN_RUN 4
/* A weak shape used at most this often is no convention of the text. */
#define RARE 2
/* ... or a few times (RARE_SOME), where the text has ten times as many
** headings of its main shape (RARE_SHARE): four lines in capitals in a
** book of forty-four chapters. */
#define RARE_SOME 5
#define RARE_SHARE 10

/* Why a line is a heading because a contents list names it (compared by
** text: essay_front.c sets it). */
static int
named_by_contents(const struct unit *x)
{
    return x->why && !strcmp(x->why, "a line the contents list names");
}

/* Words that name a part of a book's apparatus, a section by its name
** however seldom the text uses its shape (NOTES, CONCLUDING REMARKS.). */
int
sz_essay_apparatus(const struct sz_eline *f)
{
    static const char *const w[] = {
        "notes", "footnotes", "remarks", "bibliography", "index", "glossary", "summary",
        "errata", "corrections", "addenda", "references", "sources", "acknowledgments", NULL,
    };
    const char *s = f->s, *rest;
    size_t n = f->len, rn;
    while (n) {
        size_t wl = sz_essay_first_word(s, n, &rest, &rn);
        char buf[24];
        size_t k = 0;
        for (size_t i = 0; i < wl && k + 1 < sizeof buf; i++)
            if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
                buf[k++] = (char)(s[i] | 0x20);
        if (k && sz_essay_word_is(buf, k, w))
            return 1;
        if (!wl || rn >= n)
            break;
        s = rest;
        n = rn;
    }
    return 0;
}

/* "A. The Garden", "2) Method", "LX. Carlyle to Mrs. Emerson": a
** numbered line, whose number is its sequence even where the text numbers
** only one or two so. */
static int
numbered_line(const struct sz_eline *f)
{
    size_t i = 0;
    while (i < f->len && f->s[i] >= '0' && f->s[i] <= '9')
        i++;
    if (i == 0)
        while (i < f->len && i < 8 && f->s[i] >= 'A' && f->s[i] <= 'Z')
            i++;
    if (i > 1 && !(f->s[0] >= '0' && f->s[0] <= '9') && !sz_essay_roman_value(f->s, i))
        return 0;
    return i > 0 && i < f->len && (f->s[i] == '.' || f->s[i] == ')');
}

/* Does the next heading after k open a sequence of numbers (1., I)?  A
** title over a poem's numbered stanzas or a story's numbered parts holds
** them, however seldom its shape recurs. */
static int
opens_sequence(const struct units *u, size_t k, const struct sz_eline *l)
{
    for (size_t j = k + 1; j < u->n && j < k + 8; j++)
        if (u->v[j].kind == U_HEAD)
            return sz_essay_bare_value(&l[u->v[j].a]) == 1;
    return 0;
}

/* A weak shape used once or twice, among many headings of another shape
** before and after it, is text: were it a kind of section the text would
** use it again. */
static void
rare_shapes(struct units *u, const struct sz_eline *l)
{
    size_t count[R_COUNT], first[R_COUNT], last[R_COUNT];
    signed char held[R_COUNT][R_COUNT];
    memset(held, -1, sizeof held);
    sz_essay_rank_spans(u, first, last, count);
    /* the run of the text's divisions: from the first to the last heading
    ** of any shape the text uses often */
    size_t from = u->n, to = 0, most = 0;
    for (int r = 0; r < R_COUNT; r++)
        if (count[r] >= MAIN_RUN) {
            from = first[r] < from ? first[r] : from;
            to = last[r] > to ? last[r] : to;
            most = count[r] > most ? count[r] : most;
        }
    for (size_t k = from + 1; k < to; k++) {
        struct unit *x = &u->v[k];
        const struct sz_eline *f = &l[x->a];
        if (x->kind != U_HEAD || x->merge || (x->rank != R_CAPS && x->rank != R_TITLE) ||
            (count[x->rank] > RARE && (count[x->rank] > RARE_SOME ||
                                       count[x->rank] * RARE_SHARE > most)) ||
            named_by_contents(x) ||
            sz_essay_matter_word(f->s, f->len) || sz_essay_apparatus(f) || numbered_line(f) ||
            opens_sequence(u, k, l) || sz_essay_holds_next(u, k, held))
            continue;
        x->kind = U_PARA;
        x->why = count[x->rank] <= RARE
                     ? "a heading shape the text uses only once or twice, inside the run of "
                       "its divisions: a line of the text"
                     : "a heading shape the text uses a few times, among ten times as many "
                       "divisions of another shape: a line of the text";
    }
}

/* The value of a heading "IV. Title" set by its roman numeral, else 0;
** *one is set when the numeral is one letter. */
static int
roman_title(const struct unit *x, const struct sz_eline *l, int *one)
{
    const struct sz_eline *f = &l[x->a];
    size_t w = 0;
    if (x->kind != U_HEAD || x->rank != R_CHAPTER)
        return 0;
    while (w < f->len && f->s[w] != '.' && f->s[w] != ' ')
        w++;
    if (w == 0 || w + 2 >= f->len || f->s[w] != '.' || f->s[w + 1] != ' ')
        return 0;
    *one = w == 1;
    return sz_essay_roman_value(f->s, w);
}

/* Numbered titles count through the text (I. Childhood, II. The New
** Master ...); a one-letter numeral that neither follows the number
** before it nor comes before the next is a name's initial (L. Maria
** Child.), where the others keep their sequence. */
static void
out_of_sequence(struct units *u, const struct sz_eline *l)
{
    size_t n = 0, rising = 0;
    int prev = 0, one;
    for (size_t k = 0; k < u->n; k++) {
        int v = roman_title(&u->v[k], l, &one);
        if (!v)
            continue;
        n++;
        rising += v == prev + 1;
        prev = v;
    }
    if (n < MAIN_RUN || rising * 4 < n * 3)
        return;
    size_t pk = u->n;
    for (size_t k = 0; k < u->n; k++) {
        int v = roman_title(&u->v[k], l, &one);
        if (!v)
            continue;
        int before = 0, after = 0, o2;
        if (pk < u->n)
            before = roman_title(&u->v[pk], l, &o2);
        for (size_t j = k + 1; j < u->n && !after; j++)
            after = roman_title(&u->v[j], l, &o2);
        if (one && v != before + 1 && after != v + 1 && !(before == 0 && after == 0)) {
            u->v[k].kind = U_PARA;
            u->v[k].why = "a letter and a full stop out of the sequence of the text's "
                          "numbered titles: a name's initial, not a number";
            continue;
        }
        pk = k;
    }
}

/* VOL. III. on a title page: the text's only volume or part line, before
** its contents list and before any chapter, is the title page's. */
static void
volume_line(struct units *u, const struct sz_eline *l)
{
    size_t parts = 0, at = u->n;
    for (size_t k = 0; k < u->n; k++)
        if (u->v[k].kind == U_HEAD && u->v[k].rank == R_PART) {
            parts++;
            at = k;
        }
    if (parts != 1)
        return;
    size_t k = 0;
    for (; k < at; k++)
        if (u->v[k].kind == U_HEAD && u->v[k].rank == R_CHAPTER &&
            !sz_essay_matter_word(l[u->v[k].a].s, l[u->v[k].a].len))
            return;
    for (k = at + 1; k < u->n && u->v[k].kind != U_CONTENTS; k++)
        if (u->v[k].kind == U_HEAD)
            return;
    if (k == u->n)
        return;
    u->v[at].kind = U_TITLEPAGE;
    u->v[at].why = "the text's only volume or part line, before its contents list: the "
                   "title page's";
}

void
sz_essay_recurrence(struct units *u, const struct sz_eline *l)
{
    volume_line(u, l);
    out_of_sequence(u, l);
    rare_shapes(u, l);
}
