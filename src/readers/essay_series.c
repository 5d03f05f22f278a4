/*
** essay_series.c
** A series the text numbers under one word (Note 1 (page 21), Note 2
** (page 27) ...; Lesson I., Lesson II. ...): each line alone, set apart
** from the text above it more than from the prose under it, counting from
** one: the sections of the heading before them, a level under it.
** See LICENSE.
*/
#include <string.h>

#include "readers/essay_units.h"

/* A series this long is the text's convention, not a line that happens
** to read "Note 1". */
#define SERIES_MIN 3
/* The word naming the series: Note, Lesson, LETTER. */
#define SERIES_WORD_MAX 12
/* What a series line may add in brackets: (page 21). */
#define SERIES_ASIDE_MAX 30

static const char series_why[] =
    "a series: one word numbered from one, alone, set apart over prose: "
    "sections of the heading before";

/* The number of a series line "Word N", "Word N.", "Word N (aside)", else 0;
** *w and *wn get the word. */
static int
series_number(const struct sz_eline *f, const char **w, size_t *wn)
{
    const char *s = f->s;
    size_t n = f->len, i = 0;
    if (n == 0 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i < 2 || i > SERIES_WORD_MAX || i >= n || s[i] != ' ')
        return 0;
    *w = s;
    *wn = i++;
    size_t d = i;
    int v = 0;
    while (i < n && i - d < 4 && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (s[i++] - '0');
    if (i == d) {
        while (i < n && i - d < 8 && strchr("IVXLC", s[i]))
            i++;
        v = i > d ? sz_essay_roman_value(s + d, i - d) : 0;
    }
    if (!v || (i < n && s[i] >= '0' && s[i] <= '9'))
        return 0;
    if (i < n && s[i] == '.')
        i++;
    if (i == n)
        return v;
    /* " (page 21)": one aside in brackets closing the line */
    if (n - i < 3 || n - i > SERIES_ASIDE_MAX || s[i] != ' ' || s[i + 1] != '(' ||
        s[n - 1] != ')' || memchr(s + i + 2, ')', n - i - 3))
        return 0;
    return v;
}

static void
mark(struct units *u, size_t k, const struct unit *holder)
{
    struct unit *x = &u->v[k];
    x->kind = U_HEAD;
    x->rank = holder->rank;
    x->deeper = holder->deeper + 1;
    x->merge = 0;
    x->why = series_why;
}

void
sz_essay_series_lines(struct units *u, const struct sz_eline *l)
{
    size_t holder = u->n, first = 0, second = 0, count = 0;
    const char *word = NULL;
    size_t wn = 0;
    int next = 0;
    for (size_t k = 0; k < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind == U_HEAD) {
            if (x->why != series_why) {
                holder = k;
                count = 0;
            }
            continue;
        }
        const char *w;
        size_t n;
        int v;
        /* only lines no other pass has read (a quoted document's ARTICLE I.
        ** is the document's) */
        if (x->kind != U_PARA || x->why != sz_essay_rank_why[R_COUNT] || x->b - x->a != 1 ||
            x->gap < 2 || k + 1 >= u->n ||
            u->v[k + 1].gap >= x->gap || !sz_essay_is_prose(u, k + 1, l) ||
            !(v = series_number(&l[x->a], &w, &n)))
            continue;
        if (v == 1) {
            word = w;
            wn = n;
            next = 2;
            count = 1;
            first = k;
            continue;
        }
        if (!count || v != next || n != wn || memcmp(w, word, n)) {
            count = 0;
            continue;
        }
        next++;
        if (++count == 2)
            second = k;
        if (count < SERIES_MIN || holder == u->n)
            continue;
        if (count == SERIES_MIN) {
            mark(u, first, &u->v[holder]);
            mark(u, second, &u->v[holder]);
        }
        mark(u, k, &u->v[holder]);
    }
}
