/*
** essay_letters.c
** Short lines that are not verse: a letter's dateline ("Louvain, September
** 1st, 1914."), its closing and signature ("Yours devotedly, / DOROTHEA
** BROOKE."), an inscription ending in its date ("JOHN FERRIER, / FORMERLY
** OF SALT LAKE CITY, / Died August 4th, 1860.").  They break a line where
** print does, as verse does, so the verse rules would take them; a date
** or a name in capitals at a block's edge is what tells them apart.
** See LICENSE.
*/
#include <string.h>
#include <strings.h>

#include "readers/essay_units.h"

/* Month names of the languages the reader meets most, lower case as a
** date prints them after their capital. */
static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "januar", "februar",
    "märz", "juni", "juli", "oktober", "dezember", NULL
};

/* Marks a word may be set in: quotes, brackets, emphasis, its stop. */
static int
mark(unsigned char ch)
{
    return ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == ')' ||
           ch == '[' || ch == ']' || ch == '_' || ch == '*' || ch == '=' || ch == '"' ||
           ch == '\'';
}

/* Is s[i..i+3) a curly quote, U+2018-U+201D? */
static int
curly_quote(const char *s, size_t i)
{
    return (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
           (unsigned char)s[i + 2] >= 0x98 && (unsigned char)s[i + 2] <= 0x9D;
}

/* The word at s[*i], past spaces, marks and curly quotes: its start and
** length; 0 at the line's end. */
static size_t
next_word(const char *s, size_t n, size_t *i, const char **w)
{
    for (;;) {
        while (*i < n && (s[*i] == ' ' || s[*i] == '\t' || mark((unsigned char)s[*i])))
            (*i)++;
        if (*i + 2 < n && curly_quote(s, *i)) {
            *i += 3;
            continue;
        }
        break;
    }
    size_t a = *i;
    while (*i < n && s[*i] != ' ' && s[*i] != '\t')
        (*i)++;
    size_t e = *i;
    while (e > a && (mark((unsigned char)s[e - 1]) || (e - a >= 3 && curly_quote(s, e - 3))))
        e -= mark((unsigned char)s[e - 1]) ? 1 : 3;
    *w = s + a;
    return e - a;
}

static int
month(const char *w, size_t n)
{
    if (n < 3 || n > 9)
        return 0;
    for (size_t k = 0; months[k]; k++) {
        if ((w[0] | 0x20) != months[k][0])
            continue;
        size_t m = strlen(months[k]);
        if (n == m && !memcmp(w + 1, months[k] + 1, m - 1))
            return 1;
        /* Sept. 5th, Aug. 20th */
        if (n == 3 && m > 4 && !memcmp(w + 1, months[k] + 1, 2))
            return 1;
    }
    return 0;
}

static int
year(const char *w, size_t n)
{
    if (n != 4 || (w[0] != '1' && w[0] != '2'))
        return 0;
    for (size_t k = 1; k < 4; k++)
        if (w[k] < '0' || w[k] > '9')
            return 0;
    return 1;
}

/* A line that gives a date: a month next to a figure (August 8th, 22
** février), or a year as its last word after others (Athens, Penna.,
** 1903). */
static int
date_line(const struct sz_eline *f)
{
    size_t i = 0, n, words = 0;
    const char *w;
    int prev_month = 0, prev_figure = 0, last_year = 0;
    /* every date has a figure: most lines are told by that alone */
    while (i < f->len && (f->s[i] < '0' || f->s[i] > '9'))
        i++;
    if (i == f->len)
        return 0;
    i = 0;
    while ((n = next_word(f->s, f->len, &i, &w)) > 0) {
        int fig = w[0] >= '0' && w[0] <= '9', mon = month(w, n);
        /* not a stanza's number before "May the kind earth ..." */
        if ((mon && prev_figure && words >= 2) || (fig && prev_month))
            return 1;
        prev_month = mon;
        prev_figure = fig;
        last_year = year(w, n);
        words++;
    }
    return last_year && words >= 2;
}

/* A name in capitals, as a letter is signed (EDGAR A. POE., R. E. LEE.,
** WELLINGTON.): five words at most, no lower-case letter, no ! or ?. */
static int
signature(const struct sz_eline *f)
{
    uint32_t last = sz_essay_last_cp(f->s, f->len);
    size_t i = 0, n, words = 0;
    const char *w;
    if (last == '!' || last == '?' || !sz_essay_all_caps(f->s, f->len))
        return 0;
    while ((n = next_word(f->s, f->len, &i, &w)) > 0)
        if (++words > 5 || (w[0] >= '0' && w[0] <= '9'))
            return 0;
    return words >= 1;
}

/* A name as a letter is signed set in title case (R. Waldo Emerson, T.
** Carlyle, Jane Carlyle*): five words at most, each opening with a capital,
** no figure, not ending in ! or ?, not one word and a comma (Yours,), not
** opening with a dash (--Claude Bragdon under a
** quotation names whom it quotes). */
static int
name_signature(const struct sz_eline *f)
{
    uint32_t last = sz_essay_last_cp(f->s, f->len);
    size_t i = 0, n, words = 0;
    const char *w;
    if (last == '!' || last == '?' || !f->len || f->s[0] == '-' ||
        !sz_essay_is_upper(sz_essay_cp_at(f->s, f->len, &i)))
        return 0;
    i = 0;
    while ((n = next_word(f->s, f->len, &i, &w)) > 0) {
        size_t j = 0;
        if (++words > 5 || !sz_essay_is_upper(sz_essay_cp_at(w, n, &j)))
            return 0;
    }
    /* one word and a comma (Yours,) is a closing, not a name; a name over
    ** an address may end so (Henry Flower Esq, / c/o ...) */
    return words > 1 || (words == 1 && last != ',');
}

/* "--T. Carlyle", "—R. W. E.": a dash and a name, as a letter's writer
** signs it alone on a line under the last paragraph. */
int
sz_essay_dash_signature(const struct sz_eline *f)
{
    size_t d = f->len >= 2 && f->s[0] == '-' && f->s[1] == '-' ? 2
             : f->len >= 3 && !memcmp(f->s, "\xE2\x80\x94", 3) ? 3 : 0;
    if (!d || d >= f->len || f->s[d] == ' ' || f->s[d] == '-')
        return 0;
    struct sz_eline g = *f;
    g.s += d;
    g.len -= (uint32_t)d;
    return name_signature(&g);
}

/* Columns a signature stands in past its closing, at least (Yours, / R.
** Waldo Emerson set in five: the name towards the right edge, as letters
** are printed). */
#define SIGNATURE_SET_IN 4

/* A line left open for the next: ending, past closing quotes, brackets
** and emphasis marks, in a comma or a letter. */
static int
open_line(const struct sz_eline *f)
{
    size_t e = f->len;
    for (;;) {
        while (e > 0 && (f->s[e - 1] == ' ' || f->s[e - 1] == '"' || f->s[e - 1] == '\'' ||
                         f->s[e - 1] == ')' || f->s[e - 1] == ']' || f->s[e - 1] == '_' ||
                         f->s[e - 1] == '*' || f->s[e - 1] == '='))
            e--;
        if (e >= 3 && curly_quote(f->s, e - 3)) {
            e -= 3;
            continue;
        }
        break;
    }
    if (!e)
        return 0;
    unsigned char ch = (unsigned char)f->s[e - 1];
    return ch == ',' || ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

/* Words a letter's closing is made of, lower case (Yours ever, / Your
** fond daughter / In treuer Liebe / Dein Vater / Votre dévoué): a verse
** line over its poet's name set in past it (Much have I travelled in the
** realms of gold, / Keats.) has none of them. */
static const char *const closing_words[] = {
    "yours", "your", "faithfully", "sincerely", "affectionately", "affectionate", "truly",
    "devotedly", "respectfully", "cordially", "servant", "remain", "adieu", "farewell",
    "liebe", "dein", "deine", "ihr", "ihre", "votre", "vôtre", "tout", "dévoué", "vuestro",
    "servidor", "afectísimo", "vostro", "tuo", NULL
};

/* Does the line read as a closing: one of its words a closing's, or the
** line itself in capitals (an imprint's, an address's), a name in title
** case (H. Rumbold, / Master Barber.) or three words at most (Eene ware
** vertaling, / A. L. C. PORTMAN.), shorter than a line of verse? */
static int
closing_line(const struct sz_eline *f)
{
    if (sz_essay_all_caps(f->s, f->len) || sz_essay_title_case(f->s, f->len) ||
        sz_essay_count_words(f->s, f->len) <= 3)
        return 1;
    size_t i = 0, n;
    const char *w;
    while ((n = next_word(f->s, f->len, &i, &w)) > 0)
        if (sz_essay_word_ci(w, n, closing_words))
            return 1;
    return 0;
}

/* Do lines [a, b) read as a closing, one of them at least? */
static int
closing_lines(const struct sz_eline *l, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (closing_line(&l[i]))
            return 1;
    return 0;
}

/* Is lines [a, b), two to four short ones, a letter's dateline, closing
** or an inscription rather than verse?  Returns the reason, or NULL. */
const char *
sz_essay_letter_lines(const struct sz_eline *l, size_t a, size_t b)
{
    size_t nl = b - a;
    if (nl < 2 || nl > 4)
        return NULL;
    if (date_line(&l[a]) || date_line(&l[b - 1]))
        return "two to four short lines, the first or the last giving a date (a place and "
               "date, Died August 4th, 1860.): a letter's dateline or an inscription, kept "
               "line by line, not verse";
    if (nl <= 3 && signature(&l[b - 1]) && l[b - 1].indent >= l[a].indent &&
        closing_lines(l, a, b - 1)) {
        for (size_t i = a; i + 1 < b; i++)
            if (!open_line(&l[i]))
                return NULL;
        return "a line or two left open with a comma over a name in capitals set no further "
               "left (Yours devotedly, / DOROTHEA BROOKE.): a letter's closing and signature, "
               "kept line by line, not verse";
    }
    /* Yours ever, / (far in) T. Carlyle: the name set well in past the
    ** closing, a line or two over it */
    if (nl <= 3 && name_signature(&l[b - 1]) &&
        l[b - 1].indent >= l[a].indent + SIGNATURE_SET_IN && closing_lines(l, a, b - 1)) {
        for (size_t i = a; i + 1 < b; i++)
            if (l[i].indent + SIGNATURE_SET_IN > l[b - 1].indent || name_signature(&l[i]))
                return NULL;
        return "a line or two over a name set well in past them (Yours ever, / T. Carlyle): "
               "a letter's closing and signature, kept line by line, not verse";
    }
    return NULL;
}

/* Words a letter's salutation opens with, lower case, in the languages
** the reader meets most ("Dear Anna,", "Sir,", "Liebe Marta!", "Querida
** madre:", "Дорогой друг!"). */
static const char *const greetings[] = {
    "dear", "dearest", "sir", "madam", "gentlemen", "cher", "chère", "chers", "chères",
    "lieber", "liebe", "liebes", "querido", "querida", "queridos", "queridas", "estimado",
    "estimada", "caro", "cara", "cari", "care", "drogi", "droga", "drodzy",
    /* (strncasecmp folds ASCII only: the Cyrillic words as a line opens them) */
    "Дорогой", "Дорогая", "Дорогие", "Милый", "Милая", "Уважаемый", "Уважаемая", NULL
};

/* Is f a letter's salutation: a short line opening with a greeting word
** (after "My" or "Mon"/"Ma", as in "My dear Sam,") and left open with
** a comma, a colon or an exclamation mark, as the letter's first line is? */
int
sz_essay_salutation(const struct sz_eline *f)
{
    if (f->len < 4 || f->cols > 40 || sz_essay_count_words(f->s, f->len) > 6)
        return 0;
    char last = f->s[f->len - 1];
    if (last != ',' && last != ':' && last != '!')
        return 0;
    size_t i = 0;
    const char *w;
    size_t n = next_word(f->s, f->len, &i, &w);
    if ((n == 2 && !strncasecmp(w, "my", 2)) || (n == 3 && !strncasecmp(w, "mon", 3)) ||
        (n == 2 && !strncasecmp(w, "ma", 2)) || (n == 3 && !strncasecmp(w, "mio", 3)) ||
        (n == 3 && !strncasecmp(w, "mia", 3)) || (n == 2 && !strncasecmp(w, "mi", 2)))
        n = next_word(f->s, f->len, &i, &w);
    return n && sz_essay_word_ci(w, n, greetings);
}

/* With love and every good wish, / (a blank line) / Margaret: is unit k
** the name signed alone on the text's last line, one blank line under a
** closing alone on its line, short and left open with a comma?  Then the
** two are the letter's sign-off, kept as its lines. */
int
sz_essay_signed_apart(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    if (k == 0 || x->kind != U_PARA || x->b - x->a != 1 || x->gap != 1)
        return 0;
    const struct unit *y = &u->v[k - 1];
    const struct sz_eline *f = &l[y->a], *g = &l[x->a];
    if (y->kind != U_PARA || y->b - y->a != 1 || !f->len || f->s[f->len - 1] != ',' ||
        f->cols > 40 || sz_essay_count_words(f->s, f->len) > 8 || g->cols > 30 ||
        sz_essay_count_words(g->s, g->len) > 4 || sz_essay_salutation(f) ||
        !(sz_essay_name_line(g) || signature(g) || name_signature(g)))
        return 0;
    for (size_t j = k + 1; j < u->n; j++)
        if (u->v[j].kind != U_SKIP)
            return 0;
    return 1;
}
