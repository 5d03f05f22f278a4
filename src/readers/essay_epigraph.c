/*
** essay_epigraph.c
** What an author sets before the text, between its title and its first
** words: an epigraph (lines of a quotation over the line naming who said
** them) and a dedication ("To my mother").  They are the text's own, not
** its title page.
** See LICENSE.
*/
#include <string.h>
#include <strings.h>

#include "readers/essay_units.h"

/* Lines an epigraph may have at most, its attribution included. */
#define EPIGRAPH_LINES 12
/* Lines of a quotation and its source where no blank line closes them. */
#define RUN_ON_LINES 20
/* Lines of a motto under a heading, at most. */
#define MOTTO_LINES 6
/* Words after the dash of an attribution ("— T. E. Hulme, Speculations"). */
#define ATTRIBUTION_WORDS 8

/* "— T. E. Hulme", "-- Emerson", "– Sappho": a dash, then a name. */
int
sz_essay_attribution(const struct sz_eline *f)
{
    size_t i = 0;
    if (f->len >= 2 && f->s[0] == '-' && f->s[1] == '-') {
        i = 2;
    } else {
        uint32_t cp = sz_essay_cp_at(f->s, f->len, &i);
        if (cp != 0x2014 && cp != 0x2013 && cp != 0x2015 &&
            !(cp == '-' && i < f->len && f->s[i] == ' '))
            return 0;
    }
    while (i < f->len && f->s[i] == ' ')
        i++;
    /* the name in italics: "—_Crébillon's Xerxes._" */
    while (i < f->len && (f->s[i] == '_' || f->s[i] == '*'))
        i++;
    if (i >= f->len || f->width > 60 ||
        sz_essay_count_words(f->s + i, f->len - i) > ATTRIBUTION_WORDS)
        return 0;
    size_t k = i;
    return sz_essay_is_upper(sz_essay_cp_at(f->s, f->len, &k));
}

/* Is unit x an epigraph: a few lines no wider than verse or a short
** quotation, not in capitals (a title page's), the last naming who said
** them? */
int
sz_essay_epigraph(const struct unit *x, const struct sz_eline *l)
{
    size_t nl = x->b - x->a;
    if (nl < 2 || nl > EPIGRAPH_LINES || !sz_essay_attribution(&l[x->b - 1]) ||
        sz_essay_all_caps(l[x->a].s, l[x->a].len))
        return 0;
    for (size_t i = x->a; i + 1 < x->b; i++)
        if (l[i].cols > MAX_HEAD_WIDTH || sz_essay_attribution(&l[i]))
            return 0;
    return 1;
}

/* Where one paragraph is one line, an epigraph has no blank line to close
** it: its lines are the indented ones up to the attribution.  The end of
** the epigraph that starts at line i, or i. */
size_t
sz_essay_epigraph_end(const struct sz_eline *l, size_t i, size_t n)
{
    if (l[i].indent < 2)
        return i;
    for (size_t j = i; j < n && j - i < EPIGRAPH_LINES; j++) {
        if (l[j].blank || l[j].indent < 2 || l[j].cols > MAX_HEAD_WIDTH)
            return i;
        if (sz_essay_attribution(&l[j]))
            return j > i ? j + 1 : i;
    }
    return i;
}

/* A name alone on a short line, as an epigraph's source is set with no
** dash ("Богданович", "Вечер на бивуаке"): one to four words, a capital
** first, a letter last (no sentence's stop), not in capitals (a play's
** speaker), no digit. */
static int
source_line(const struct sz_eline *f)
{
    size_t len = f->len;
    while (len > 0 && f->s[len - 1] == ' ')
        len--;
    size_t i = 0;
    if (!len || f->cols > 40 || f->blank || !sz_essay_is_upper(sz_essay_cp_at(f->s, len, &i)) ||
        !sz_essay_is_letter(sz_essay_last_cp(f->s, len)) || sz_essay_all_caps(f->s, len) ||
        sz_essay_count_words(f->s, len) > 4)
        return 0;
    for (i = 0; i < len; i++)
        if (f->s[i] >= '0' && f->s[i] <= '9')
            return 0;
    return 1;
}

/* The bytes of line f that are a source run on into the text, no space
** between ("ЖуковскийВ конце 1811 года", "Князь ВяземскийКто не
** проклинал"): up to three words, each with a capital first, the last's
** four lower-case letters or more straight against a capital.  0: none. */
static uint32_t
run_on_source(const struct sz_eline *f)
{
    size_t i = 0, words = 1;
    int lower = 0, start = 1;
    while (i < f->len) {
        size_t at = i;
        uint32_t cp = sz_essay_cp_at(f->s, f->len, &i);
        if (cp == ' ') {
            if (start || ++words > 3)
                return 0;
            start = 1;
            lower = 0;
            continue;
        }
        int up = sz_essay_is_upper(cp), letter = sz_essay_is_letter(cp);
        if (start && !up)
            return 0;
        if (!start && up)
            return lower >= 4 ? (uint32_t)at : 0;
        if (!letter && cp != '-')
            return 0;
        lower = (!start && letter) ? lower + 1 : 0;
        start = 0;
    }
    return 0;
}

/* Where one paragraph is one line and no blank line closes a section's
** epigraph: under a heading and the blank line after it, a few short
** lines (the quotation), not a dialogue's, over their source, which is
** either a name alone on its line straight over the text or run on into
** the text's first line (see run_on_source).  A source run on into a short
** line over a name of its own opens a second epigraph ("Стрелялись мы." /
** "БаратынскийЯ поклялся ... выстрел)." / "Вечер на бивуаке").  The line
** of the source, or i; *split: the source's bytes of that line (0: all of
** it); *second: a second epigraph follows. */
size_t
sz_essay_run_on_epigraph(const struct sz_eline *l, size_t i, size_t from, size_t n,
                         uint32_t *split, int *second)
{
    *split = 0;
    *second = 0;
    if (i < from + 2 || !l[i - 1].blank || l[i - 2].blank || l[i - 2].cols > 40)
        return i;
    for (size_t j = i; j < n && j - i < RUN_ON_LINES; j++) {
        const struct sz_eline *f = &l[j];
        size_t k = 0;
        uint32_t cp = sz_essay_cp_at(f->s, f->len, &k);
        if (f->blank || cp == 0x2013 || cp == 0x2014 || cp == '-' || cp == 0xAB || cp == '"')
            return i;
        if (j > i) {
            uint32_t at = run_on_source(f);
            if (at) {
                uint32_t rest, rest_cols;
                sz_essay_line_width(f->s + at, f->len - at, &rest, &rest_cols);
                *split = at;
                *second = j + 2 < n && source_line(&l[j + 1]) && !l[j + 2].blank &&
                          rest <= MAX_HEAD_WIDTH;
                return j;
            }
            if (source_line(f) && j + 1 < n && l[j + 1].cols > LONG_LINE)
                return j;
        }
        if (f->cols > MAX_HEAD_WIDTH)
            return i;
    }
    return i;
}

/* "To my teacher, Henry W. Fowler", "TO HENRY JAMES", "For Anna", "In
** memory of my father", "Dedicated to ...": one short line.  "To the
** Reader" is a heading over an address to the reader, not a dedication.
** The German, French and Spanish ones the reader knows By lines in
** ("Für meinen Vater", "À ma mère", "Para mi hermana", "Meiner Frau
** gewidmet") open on a possessive the way "To my" does; a capitalised
** word after "Für" or "A" is no name (German nouns, "A Tale"). */
int
sz_essay_dedication(const struct unit *x, const struct sz_eline *l)
{
    static const char *const to[] = { "to", "for", NULL };
    static const char *const whose[] = { "my", "our", "his", "her", "their", NULL };
    static const char *const opening[] = { "dedicated", "inscribed", "gewidmet", "dédié",
                                           "dédiée", "dedicado", "dedicada", NULL };
    static const char *const to_other[] = { "für", "à", "À", "pour", "a", "para", NULL };
    static const char *const whose_other[] = {
        "meinen", "meine", "meinem", "meiner", "unseren", "unsere", "unserem", "unserer",
        "mon", "ma", "mes", "notre", "nos", "mi", "mis", "nuestro", "nuestra", "nuestros",
        "nuestras", NULL,
    };
    /* the dative alone: "Meinem Vater", "Meiner Frau gewidmet" */
    static const char *const dative[] = { "meinem", "meiner", "unserem", "unserer", NULL };
    if (x->b - x->a != 1)
        return 0;
    const struct sz_eline *f = &l[x->a];
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    if (f->width > 60 || sz_essay_count_words(f->s, f->len) > 10 || end == ':' || end == ',' ||
        end == ';' || end == '?')
        return 0;
    /* set all in lower case ("for my father, who kept the rain gauge"):
    ** only the plain forms, "for my", "für meinen", "dedicated to", tell
    ** it from a line of prose */
    int lower = !sz_essay_first_upper(f);
    const char *rest, *rest2;
    size_t rn, rn2;
    size_t w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    if (sz_essay_word_ci(f->s, w, opening))
        return 1;
    size_t w2 = sz_essay_first_word(rest, rn, &rest2, &rn2);
    if (!w2)
        return 0;
    if (lower)
        return (sz_essay_word_ci(f->s, w, to) && sz_essay_word_ci(rest, w2, whose)) ||
               (sz_essay_word_ci(f->s, w, to_other) && sz_essay_word_ci(rest, w2, whose_other));
    if (sz_essay_word_ci(f->s, w, dative))
        return 1;
    if (sz_essay_word_ci(f->s, w, to_other))
        return sz_essay_word_ci(rest, w2, whose_other);
    if (w == 2 && !strncasecmp(f->s, "in", 2))
        return (w2 == 6 && !strncasecmp(rest, "memory", 6)) ||
               (w2 == 6 && !strncasecmp(rest, "loving", 6));
    if (!sz_essay_word_ci(f->s, w, to))
        return 0;
    if (sz_essay_word_ci(rest, w2, whose))
        return 1;
    if (w2 == 3 && !strncasecmp(rest, "the", 3)) {
        size_t w3 = sz_essay_first_word(rest2, rn2, &rest, &rn);
        /* "For the volunteers, past and present.": a sentence's stop, not
        ** a title's ("To the Reader") */
        return (w3 == 6 && !strncasecmp(rest2, "memory", 6)) ||
               (end == '.' && !sz_essay_title_case(f->s, f->len - 1));
    }
    /* a name: "To Jane Doe", "TO HENRY JAMES" */
    size_t k = 0;
    return sz_essay_is_upper(sz_essay_cp_at(rest, rn, &k));
}

/* Is unit k, straight under a heading, the section's motto: one to six
** lines, none filling the measure, over a line of its own that names who
** wrote them ("Chacun a ses vertus." / "—_Crébillon's Xerxes._")?  A
** motto is verse whatever its length; one in prose wraps to the measure. */
int
sz_essay_motto(const struct units *u, size_t k, const struct sz_eline *l,
               const struct layout *lay)
{
    const struct unit *x = &u->v[k];
    size_t nl = x->b - x->a;
    if (x->kind != U_PARA || nl > MOTTO_LINES || k + 1 >= u->n)
        return 0;
    const struct unit *y = &u->v[k + 1];
    if ((y->kind != U_PARA && y->kind != U_HEAD) || y->b - y->a != 1 || y->gap > 2 ||
        !sz_essay_attribution(&l[y->a]) ||
        sz_essay_attribution(&l[x->b - 1]))
        return 0;
    for (size_t i = x->a; i < x->b; i++)
        if ((l[i].indent + l[i].width) * 4 >= lay->wrap * 3)
            return 0;
    return 1;
}
