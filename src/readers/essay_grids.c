/*
** essay_grids.c
** Short lines that are not verse because they are not made of words: a
** grid of letters set out in columns (a cipher worked on the page, "J  m  n
** e  ,  b"), runs of letters with no space in them (the cipher itself), and
** an inventory whose every line opens with the same figure ("1 lb.
** beefsteak, with / 1 pt. bitter beer").  They end short of the wrap width,
** as verse does, so the verse rules would take them; verse's lines are
** words, and they do not all count the same thing.
** See LICENSE.
*/
#include <string.h>

#include "readers/essay_units.h"

enum { NEITHER, GRID, RUN };

/* GRID when the line is four cells or more, none wider than two
** characters; RUN when it is one run of twenty or more with no space in
** it (an emphasis mark at either end not counted); NEITHER as soon as a
** cell shows it is neither, so prose costs a word or two. */
static int
line_kind(const struct sz_eline *f)
{
    size_t n = 0, i = 0, longest = 0;
    while (i < f->len) {
        while (i < f->len && (f->s[i] == ' ' || f->s[i] == '\t'))
            i++;
        if (i >= f->len)
            break;
        size_t j = i;
        while (j < f->len && f->s[j] != ' ' && f->s[j] != '\t')
            j++;
        size_t p = i, q = j;
        if (p < q && f->s[p] == '_')
            p++;
        if (q > p && f->s[q - 1] == '_')
            q--;
        uint32_t w, cols;
        sz_essay_line_width(f->s + p, q - p, &w, &cols);
        if (w > longest)
            longest = w;
        n++;
        if (longest > 2 && (n > 1 || w < 20))
            return NEITHER;
        i = j;
    }
    if (n == 1 && longest >= 20)
        return RUN;
    return n >= 4 && longest <= 2 ? GRID : NEITHER;
}

/* A grid: every line four cells or more, none wider than two characters;
** letters run together: every line one run of twenty or more.  Verse has
** words of more than two letters and spaces between them.  *as_drawn is
** set for the grid, whose columns are its sense. */
const char *
sz_essay_grid_lines(const struct sz_eline *l, size_t a, size_t b, int *as_drawn)
{
    if (b - a < 2)
        return NULL;
    int kind = line_kind(&l[a]);
    if (kind == NEITHER)
        return NULL;
    for (size_t i = a + 1; i < b; i++)
        if (line_kind(&l[i]) != kind)
            return NULL;
    *as_drawn = kind == GRID;
    if (kind == GRID)
        return "lines of four cells or more, none wider than two characters: letters set "
               "out in a grid (a cipher worked on the page), kept as drawn";
    return "lines each one run of twenty letters or more with no space in it: a "
           "cipher or a code, kept as its lines, not verse";
}

/* The figure opening the line after any opening quotation mark, as
** s[*at..*at+n), n 0 when the line does not open with one set apart. */
static size_t
opening_figure(const struct sz_eline *f, size_t *at)
{
    const unsigned char *s = (const unsigned char *)f->s;
    size_t i = 0;
    for (;;) {
        if (i < f->len && (s[i] == '"' || s[i] == '\'' || s[i] == '_' || s[i] == '('))
            i++;
        else if (i + 2 < f->len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
                 (s[i + 2] == 0x98 || s[i + 2] == 0x9C))
            i += 3;
        else
            break;
    }
    size_t j = i;
    while (j < f->len && s[j] >= '0' && s[j] <= '9')
        j++;
    if (j == i || j >= f->len || s[j] != ' ')
        return 0;
    *at = i;
    return j - i;
}

/* Every line opening with the same figure set apart ("1 lb. beefsteak"):
** an inventory or a prescription, the figure counting each entry; verse
** numbered line by line counts up. */
const char *
sz_essay_same_figure_lines(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a < 2)
        return NULL;
    size_t at0, n0 = opening_figure(&l[a], &at0);
    if (!n0)
        return NULL;
    for (size_t i = a + 1; i < b; i++) {
        size_t at, n = opening_figure(&l[i], &at);
        if (n != n0 || memcmp(l[i].s + at, l[a].s + at0, n) != 0)
            return NULL;
    }
    return "short lines each opening with the same figure set apart (\"1 lb. beefsteak\"): "
           "the entries of an inventory or a prescription, kept as its lines, not verse";
}

/* The line opens with one word and a colon ("Baromètre: 29p. 7 l."), after
** any emphasis mark: the word's length, 0 when it does not. */
static size_t
field_label(const struct sz_eline *f)
{
    const unsigned char *s = (const unsigned char *)f->s;
    size_t i = f->len && s[0] == '_' ? 1 : 0, j = i;
    while (j < f->len && j - i <= 40 &&
           ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || s[j] >= 0x80 ||
            (s[j] == '-' && j > i)))
        j++;
    if (j == i || j + 1 >= f->len || s[j] != ':' || s[j + 1] != ' ')
        return 0;
    return j - i;
}

/* Three lines or more, each one word and a colon before its value
** (Chronomètre: / Baromètre: / Thermomètre: / Direction:): readings or
** the fields of a record, each line naming what it gives; verse does not
** open every line with a label. */
const char *
sz_essay_field_lines(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a < 3)
        return NULL;
    for (size_t i = a; i < b; i++)
        if (!field_label(&l[i]))
            return NULL;
    return "three lines or more, each a word and a colon before its value (\"Baromètre: 29p. "
           "7 l.\"): readings or a record's fields, kept as its lines, not verse";
}
