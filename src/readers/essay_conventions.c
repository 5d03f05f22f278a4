/*
** essay_conventions.c
** Heading shapes a text makes its own: a shape no single line proves (a
** title with a full stop, a Russian or Greek title in sentence case) is a
** heading where it recurs, each time alone before running text; and a
** letter sequence A., B., C. is letters, not the roman numeral C.; and
** numbered lines that count through the text are its sections.
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readers/essay.h"
#include "readers/essay_units.h"

/* Lines a recurring shape may have at most (a heading is short). */
#define SHAPE_COLS 60
#define SHAPE_WORDS 8
/* ... and a Chinese or Japanese one (twenty characters). */
#define CJK_HEAD_COLS 40

/* S_WORD: one capitalised word and a full stop ("Legacy."), a heading
** only where the text's titles of more words take a full stop too: alone,
** it is as likely a one-word sentence ("Silence."). */
/* S_COLON: a short line ending in a colon ("The problem:"), a heading
** only where three or more stand so, each alone before its text: one
** alone is as likely a line leading into what follows. */
/* S_PLAIN, S_QUESTION: a short line in sentence case ("Salt and the first
** cities") or a question ("What actually happens?"), a heading only where
** the text has no headings of another shape: where it has, such a line is
** its text (a cry, a name, a question put to the reader). */
enum hshape { S_NONE, S_PERIOD, S_SENTENCE, S_WORD, S_COLON, S_PLAIN, S_QUESTION, S_COUNT };

static int
greek_or_cyrillic(uint32_t cp)
{
    return (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF) ||
           (cp >= 0x1F00 && cp <= 0x1FFF);
}

/* What recurring shape is the one-line unit at k, if any? */
static enum hshape
shape_of(const struct units *u, size_t k, const struct sz_eline *l, int apart)
{
    const struct unit *x = &u->v[k];
    if (x->kind != U_PARA || x->rank != R_NONE || x->b - x->a != 1 || k + 1 >= u->n ||
        (apart && x->gap < 2))
        return S_NONE;
    const struct sz_eline *f = &l[x->a];
    /* a line that is a heading, or no heading, by its own shape is decided */
    if (sz_essay_line_rank(f) != R_NONE)
        return S_NONE;
    for (size_t j = 0; j < f->len; j++)
        if (f->s[j] >= '0' && f->s[j] <= '9')
            return S_NONE;
    size_t words = sz_essay_count_words(f->s, f->len);
    if (f->cols > SHAPE_COLS || words > SHAPE_WORDS || f->len < 2)
        return S_NONE;
    /* running text follows: a block of lines, or one long line */
    const struct unit *y = &u->v[k + 1];
    if (y->kind != U_PARA || (y->b - y->a < 2 && l[y->a].cols <= MAX_HEAD_WIDTH))
        return S_NONE;
    size_t i = 0;
    uint32_t first = sz_essay_cp_at(f->s, f->len, &i);
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    if (!sz_essay_is_upper(first))
        return S_NONE;
    if (end == '.' && words == 1 && f->len >= 4 && sz_essay_title_case(f->s, f->len - 1) &&
        !sz_essay_all_caps(f->s, f->len - 1))
        return S_WORD;
    /* "The Village of the Weather." — one sentence, title case or capitals */
    if (end == '.' && f->s[f->len - 2] != '.' && words >= 2) {
        size_t n = f->len - 1;
        for (size_t j = 0; j + 1 < n; j++)
            if ((f->s[j] == '.' || f->s[j] == ';' || f->s[j] == ',') && f->s[j + 1] == ' ')
                return S_NONE;
        if (sz_essay_title_case(f->s, n) && !sz_essay_all_caps(f->s, n))
            return S_PERIOD;
        return S_NONE;
    }
    if (end == ':' && f->len >= 4 && f->s[f->len - 2] != ' ' && words <= SHAPE_WORDS &&
        !sz_essay_all_caps(f->s, f->len - 1) && !memchr(f->s, ',', f->len) &&
        !memchr(f->s, ';', f->len) && !memchr(f->s, '.', f->len)) {
        size_t j = 0;
        const struct sz_eline *g = &l[y->a];
        return sz_essay_is_upper(sz_essay_cp_at(g->s, g->len, &j)) ? S_COLON : S_NONE;
    }
    /* "Город и деревня": where titles are not title-cased */
    if (greek_or_cyrillic(first) && sz_essay_is_letter(end) && !memchr(f->s, ',', f->len) &&
        words <= 6)
        return S_SENTENCE;
    if (words >= 2 && !memchr(f->s, ',', f->len) && !memchr(f->s, ';', f->len) &&
        !memchr(f->s, ':', f->len)) {
        if (sz_essay_is_letter(end) && words <= 6)
            return S_PLAIN;
        if (end == '?')
            return S_QUESTION;
    }
    return S_NONE;
}

/* Is sentence case or a question the text's way with its headings, with
** cands lines of that shape?  Only where the text has no headings of a
** shape of its own (leaving out the lines over its first running text,
** title and By line, and the label over its notes), and where its other
** short lines alone are fewer: a story told in short paragraphs ("You
** see, he does not believe I am sick!" / "And what can one do?") asks
** its questions in the text. */
static int
plain_convention(const struct units *u, const struct sz_eline *l, size_t cands)
{
    size_t k = 0, strays = 0;
    while (k < u->n && !sz_essay_is_prose(u, k, l))
        k++;
    for (; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        const struct sz_eline *f = &l[x->a];
        if (x->kind == U_HEAD && !x->numnote && !sz_essay_apparatus(f))
            return 0;
        if (x->kind != U_PARA || x->b - x->a != 1 || f->cols > SHAPE_COLS ||
            !sz_essay_first_upper(f))
            continue;
        uint32_t end = sz_essay_last_cp(f->s, f->len);
        if ((end == '.' || end == '!' || end == '?') && shape_of(u, k, l, 0) != S_QUESTION &&
            ++strays >= cands)
            return 0;
    }
    return 1;
}

/* Single capital and a full stop opening the line: the letter, else 0. */
static char
letter_mark(const struct sz_eline *f)
{
    if (f->len >= 4 && f->s[0] >= 'A' && f->s[0] <= 'Z' && f->s[1] == '.' && f->s[2] == ' ')
        return f->s[0];
    return 0;
}

/* Lines of a chapter summary set under its chapter line in one block. */
#define SUMMARY_LINES 5
#define SUMMARY_WORDS 60

/* Is the unit at k a bare chapter line (CHAP. II., Chapter IV) with the
** chapter's title or summary on the lines under it, in one block: 1 yes,
** 0 no, -1 not a chapter line with lines under it at all.  A heading the
** block pass took so already counts as yes. */
static int
chapter_summary(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    const struct sz_eline *f = &l[x->a];
    size_t nl = x->b - x->a;
    if (nl < 2 || f->width > 40 || !sz_essay_bare_number(f) ||
        (sz_essay_line_rank(f) != R_CHAPTER && sz_essay_line_rank(f) != R_PART) ||
        sz_essay_matter_word(f->s, f->len) || sz_essay_underline_of(&l[x->a + 1]))
        return -1;
    if (x->kind == U_HEAD && x->merge == 2)
        return 1;
    if (x->kind != U_PARA)
        return -1;
    if (nl - 1 > SUMMARY_LINES || k + 1 >= u->n || u->v[k + 1].kind == U_HEAD)
        return 0;
    size_t words = 0, indented = 0, titled = 0;
    for (size_t i = x->a + 1; i < x->b; i++) {
        if (l[i].width > MAX_HEAD_WIDTH)
            return 0;
        words += sz_essay_count_words(l[i].s, l[i].len);
        indented += l[i].indent > 0;
        titled += sz_essay_title_case(l[i].s, l[i].len) || sz_essay_all_caps(l[i].s, l[i].len);
    }
    const struct sz_eline *z = &l[x->b - 1];
    uint32_t end = sz_essay_last_cp(z->s, z->len);
    if (words > SUMMARY_WORDS || !sz_essay_first_upper(&l[x->a + 1]))
        return 0;
    /* a title (in title case or capitals), or a summary set off from the
    ** text by indentation or centring and ending a sentence */
    return titled == nl - 1 || (indented > 0 && (end == '.' || sz_essay_closes(end)));
}

/* The year of a line that is a year alone ("1672.", "1848"), else 0. */
static int
year_line(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    const struct sz_eline *f = &l[x->a];
    if (x->kind != U_PARA || x->b - x->a != 1 || f->len < 4 || f->len > 5 ||
        (f->len == 5 && f->s[4] != '.') || k + 1 >= u->n)
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (f->s[i] < '0' || f->s[i] > '9')
            return 0;
        y = y * 10 + (f->s[i] - '0');
    }
    return y >= 1000 && y < 2100 ? y : 0;
}

/* A chronicle's years: lines holding a year alone, each before the text
** of that year, in order through the text.  Headings inside the text's
** sections, with the short line under one (_Sous Pelletier._) its title. */
static void
year_headings(struct units *u, const struct sz_eline *l)
{
    size_t years = 0, rising = 0;
    int prev = 0;
    for (size_t k = 0; k < u->n; k++) {
        int y = year_line(u, k, l);
        if (!y)
            continue;
        years++;
        rising += y > prev;
        prev = y;
    }
    if (years < 3 || rising * 5 < years * 4)
        return;
    for (size_t k = 0; k + 1 < u->n; k++) {
        if (!year_line(u, k, l))
            continue;
        struct unit *x = &u->v[k], *y = &u->v[k + 1];
        x->kind = U_HEAD;
        x->rank = R_NUMBERED2;
        x->why = "a year alone on its line, as the text opens each of its years (a chronicle)";
        const struct sz_eline *g = &l[y->a];
        if (y->kind == U_PARA && y->b - y->a == 1 && g->width <= 40 && k + 2 < u->n &&
            u->v[k + 2].kind == U_PARA && sz_essay_subtitle_line(g, sz_essay_line_rank(g))) {
            x->merge = 1;
            y->kind = U_MERGED;
            y->why = "title line under a year";
        }
    }
}

/* How many bytes of marks a number may be set between ([ 1 ], — II —, (3),
** * 4 *) open the line, or with back close it. */
static size_t
decoration(const char *s, size_t n, int back)
{
    size_t k = 0;
    while (k < n) {
        size_t at = back ? n - k : k;
        if (back ? at >= 3 && (!memcmp(s + at - 3, "\xE2\x80\x94", 3) ||
                              !memcmp(s + at - 3, "\xE2\x80\x93", 3))
                 : at + 3 <= n && (!memcmp(s + at, "\xE2\x80\x94", 3) ||
                                   !memcmp(s + at, "\xE2\x80\x93", 3))) {
            k += 3;
            continue;
        }
        char ch = s[back ? at - 1 : at];
        if (!strchr("[](){}<>-*~= ", ch) || !ch)
            break;
        k++;
    }
    return k;
}

/* The number of a line that is a number between marks ("[ 12 ]", "— II
** —"), else 0; *shape gets the marks (first and last byte). */
static int
marked_number(const struct units *u, size_t k, const struct sz_eline *l, int *shape)
{
    const struct unit *x = &u->v[k];
    const struct sz_eline *f = &l[x->a];
    if (x->kind != U_PARA || x->b - x->a != 1 || x->gap < 2 || f->len < 3 || f->len > 20 ||
        k + 1 >= u->n || (u->v[k + 1].kind != U_PARA && u->v[k + 1].kind != U_HEAD))
        return 0;
    size_t a = decoration(f->s, f->len, 0);
    size_t z = decoration(f->s, f->len, 1);
    if (a == 0 || z == 0 || a + z >= f->len)
        return 0;
    const char *t = f->s + a;
    size_t tn = f->len - a - z, d = 0;
    while (d < tn && t[d] >= '0' && t[d] <= '9')
        d++;
    int v = d == tn && d <= 3 ? atoi(t) : sz_essay_roman_value(t, tn);
    if (v <= 0 || (d != tn && !(t[0] >= 'A' && t[0] <= 'Z')))
        return 0;
    *shape = ((unsigned char)f->s[0] << 8) | (unsigned char)f->s[f->len - 1];
    return v;
}

/* Numbers set between marks that count through the text ([ 1 ] ... [ 18 ]
** under — I — ... — III —): headings, each shape a level; the shape
** met first, and less often, holds the other. */
static void
marked_numbers(struct units *u, const struct sz_eline *l)
{
    int shapes[2] = { 0, 0 };
    size_t count[2] = { 0, 0 }, rising[2] = { 0, 0 }, first[2] = { 0, 0 };
    int prev[2] = { 0, 0 };
    for (size_t k = 0; k < u->n; k++) {
        int sh, v = marked_number(u, k, l, &sh);
        if (!v)
            continue;
        int s = sh == shapes[0] ? 0 : sh == shapes[1] ? 1 : !shapes[0] ? 0 : !shapes[1] ? 1 : -1;
        if (s < 0)
            continue;
        if (!shapes[s]) {
            shapes[s] = sh;
            first[s] = k;
        }
        count[s]++;
        rising[s] += v == prev[s] + 1 || v == 1;
        prev[s] = v;
    }
    int ok[2];
    for (int s = 0; s < 2; s++)
        ok[s] = count[s] >= 3 && rising[s] * 5 >= count[s] * 4;
    for (size_t k = 0; k < u->n; k++) {
        int sh, v = marked_number(u, k, l, &sh);
        int s = !v ? -1 : sh == shapes[0] ? 0 : sh == shapes[1] ? 1 : -1;
        if (s < 0 || !ok[s])
            continue;
        /* outer: the other shape is used too, and this one came first and
        ** is the rarer */
        int outer = ok[!s] && first[s] < first[!s] && count[s] < count[!s];
        u->v[k].kind = U_HEAD;
        u->v[k].rank = outer ? R_PART : R_CHAPTER;
        u->v[k].why = outer ? "a number between marks (— II —), counting through the text, "
                              "over the other numbers between marks: a part"
                            : "a number between marks ([ 12 ]), counting through the text: "
                              "a chapter";
    }
}

/* Is the one-line unit at k a line in capitals that opens with a quotation
** mark ("THE FIDDLE AND THE BOW.", "WAMPER-JAW" AT THE ...)?  Alone, such
** a line is as likely a shout in dialogue as a title. */
static int
quoted_caps(const struct units *u, size_t k, const struct sz_eline *l, int apart)
{
    const struct unit *x = &u->v[k];
    const struct sz_eline *f = &l[x->a];
    if (x->kind != U_PARA || x->b - x->a != 1 || (apart && x->gap < 2) || k + 1 >= u->n ||
        f->width > MAX_HEAD_WIDTH || sz_essay_count_words(f->s, f->len) > MAX_HEAD_WORDS)
        return 0;
    size_t i = 0;
    uint32_t first = sz_essay_cp_at(f->s, f->len, &i);
    if (first != '"' && first != 0x201C)
        return 0;
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    return sz_essay_all_caps(f->s + i, f->len - i) && end != ',' && end != ';' &&
           !memchr(f->s, '!', f->len) && !memchr(f->s, '?', f->len) &&
           sz_essay_count_words(f->s, f->len) >= 2;
}

/* Quoted titles in capitals where the text's headings are capitals: the
** same kind of heading, quoted. */
static void
quoted_headings(struct units *u, const struct sz_eline *l, int apart)
{
    size_t caps = 0, quoted = 0;
    for (size_t k = 0; k < u->n; k++) {
        caps += u->v[k].kind == U_HEAD && u->v[k].rank == R_CAPS;
        quoted += quoted_caps(u, k, l, apart);
    }
    if (caps < 3 || quoted < 2 || quoted * 2 > caps)
        return;
    for (size_t k = 0; k < u->n; k++)
        if (quoted_caps(u, k, l, apart)) {
            u->v[k].kind = U_HEAD;
            u->v[k].rank = R_CAPS;
            u->v[k].why = "a quoted line in capitals, alone, where the text's headings are "
                          "capitals";
        }
}

/* Do all lines of the text unit at k stand at indentation ind? */
static int
indented_at(const struct units *u, size_t k, const struct sz_eline *l, uint32_t ind)
{
    if (k >= u->n || u->v[k].kind != U_PARA)
        return 0;
    for (size_t i = u->v[k].a; i < u->v[k].b; i++)
        if (l[i].indent != ind)
            return 0;
    return 1;
}

/* A line in capitals or title case indented as far as the text before and
** after it, where the running text is not indented so: a heading of a
** document quoted in the text (a treaty's ARTICLE I., an inventory's
** SCULPTURES.), part of the quotation, not a section of the book. */
static void
quoted_passage_heads(struct units *u, const struct sz_eline *l)
{
    size_t by[16] = { 0 };
    for (size_t k = 0; k < u->n; k++)
        for (size_t i = u->v[k].a; i < u->v[k].b; i++)
            by[l[i].indent < 15 ? l[i].indent : 15]++;
    uint32_t common = 0;
    for (uint32_t i = 1; i < 16; i++)
        if (by[i] > by[common])
            common = i;
    for (size_t k = 1; k + 1 < u->n; k++) {
        struct unit *x = &u->v[k];
        const struct sz_eline *f = &l[x->a];
        if (x->kind != U_HEAD || x->merge || x->b - x->a != 1 ||
            (x->rank != R_CAPS && x->rank != R_TITLE) || f->indent <= common ||
            f->indent > 12 || !indented_at(u, k - 1, l, f->indent) ||
            !indented_at(u, k + 1, l, f->indent))
            continue;
        x->kind = U_PARA;
        x->rank = R_NONE;
        x->why = "a heading line indented with the text around it, past the running text: "
                 "part of a quoted document";
    }
}

/* The schemes a text numbers its sections by: 2. Method, 2.1 Sampling,
** II. Title, § 2 Title, 二、标题. */
enum nscheme { N_ARABIC, N_ARABIC2, N_ROMAN, N_SECTION, N_CJK, N_SCHEMES };

/* The value of a Chinese numeral of one to three characters (一, 十二,
** 二十), else 0. */
static int
cjk_number(const char *s, size_t n, size_t *end)
{
    static const uint32_t digit[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                      0x516D, 0x4E03, 0x516B, 0x4E5D };
    int v = 0, cur = 0, count = 0;
    size_t i = 0;
    while (i < n && count < 3) {
        size_t j = i;
        uint32_t cp = sz_essay_cp_at(s, n, &j);
        int d = 0;
        for (int k = 0; k < 9; k++)
            if (cp == digit[k])
                d = k + 1;
        if (cp == 0x5341) {            /* 十 */
            v += (cur ? cur : 1) * 10;
            cur = 0;
        } else if (d) {
            cur = d;
        } else {
            break;
        }
        i = j;
        count++;
    }
    *end = i;
    return count ? v + cur : 0;
}

/* The number of a line that opens with a section number and goes on with
** a short title without a closing stop ("2. How the tables are made",
** "III. Apprendre à ralentir", "§ 2 Der Weg", "二、被砍掉的梧桐"), else
** 0; *scheme gets its scheme, *parent the first number of 1.2. */
static int
numbered_title(const struct sz_eline *f, int *scheme, int *parent)
{
    const char *s = f->s;
    size_t n = f->len, i = 0, j;
    int v = 0;
    *parent = 0;
    if (f->cols > SHAPE_COLS || n < 3)
        return 0;
    if (n > 2 && !memcmp(s, "\xC2\xA7", 2)) {          /* § */
        i = 2;
        while (i < n && s[i] == ' ')
            i++;
        for (j = i; i < n && i - j < 3 && s[i] >= '0' && s[i] <= '9'; i++)
            v = v * 10 + (s[i] - '0');
        if (i == j)
            return 0;
        i += i < n && s[i] == '.';
        *scheme = N_SECTION;
    } else if (s[0] >= '0' && s[0] <= '9') {
        for (; i < n && i < 2 && s[i] >= '0' && s[i] <= '9'; i++)
            v = v * 10 + (s[i] - '0');
        *scheme = N_ARABIC;
        if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
            *parent = v;
            v = 0;
            for (i++, j = i; i < n && i - j < 2 && s[i] >= '0' && s[i] <= '9'; i++)
                v = v * 10 + (s[i] - '0');
            *scheme = N_ARABIC2;
            i += i < n && s[i] == '.';
        } else if (i < n && (s[i] == '.' || s[i] == ')')) {
            i++;
        }
    } else if (s[0] >= 'A' && s[0] <= 'Z') {
        while (i < n && i < 6 && strchr("IVXL", s[i]))
            i++;
        if (i == 0 || i >= n || s[i] != '.' || (v = sz_essay_roman_value(s, i)) > 40)
            return 0;
        i++;
        *scheme = N_ROMAN;
    } else {
        v = cjk_number(s, n, &i);
        if (!v || v > 40)
            return 0;
        j = i;
        uint32_t sep = sz_essay_cp_at(s, n, &j);
        if (sep != 0x3001 && sep != 0x3000 && sep != 0xFF0E && sep != '.')
            return 0;
        i = j;
        *scheme = N_CJK;
    }
    if (v <= 0 || i >= n || (*scheme != N_CJK && s[i] != ' '))
        return 0;
    while (i < n && (s[i] == ' ' || (i + 3 <= n && !memcmp(s + i, "\xE3\x80\x80", 3))))
        i += s[i] == ' ' ? 1 : 3;
    j = i;
    uint32_t first = sz_essay_cp_at(s, n, &j);
    uint32_t end = sz_essay_last_cp(s, n);
    if (i >= n || !sz_essay_is_letter(first) || !(sz_essay_is_upper(first) || first >= 0x2E80) ||
        (sz_essay_closes(end) && end != '?' && end != 0xFF1F) ||
        sz_essay_count_words(s + i, n - i) > SHAPE_WORDS + 2)
        return 0;
    /* 14 March 2022, 3 Rue de la Paix 75002: a date or an address */
    for (j = i; j < n; j++)
        if (s[j] >= '0' && s[j] <= '9')
            return 0;
    return v;
}

/* The numbered title of unit k where it stands alone before running
** text, else 0. */
static int
numbered_unit(const struct units *u, size_t k, const struct sz_eline *l, int *scheme,
              int *parent)
{
    const struct unit *x = &u->v[k];
    unsigned char c0 = (unsigned char)l[x->a].s[0];
    /* a digit, §, a roman numeral's capital or a Chinese numeral's lead byte */
    if (x->b - x->a != 1 || k + 1 >= u->n || (x->kind != U_PARA && x->kind != U_HEAD) ||
        (x->kind == U_PARA && x->rank != R_NONE) || x->merge ||
        !((c0 >= '0' && c0 <= '9') || c0 == 0xC2 || c0 == 'I' || c0 == 'V' || c0 == 'X' ||
          c0 == 'L' || c0 == 0xE4 || c0 == 0xE5))
        return 0;
    int v = numbered_title(&l[x->a], scheme, parent);
    const struct unit *y = &u->v[k + 1];
    int s2, p2;
    if (!v || y->kind != U_PARA ||
        (y->b - y->a < 2 && l[y->a].cols <= MAX_HEAD_WIDTH) ||
        numbered_title(&l[y->a], &s2, &p2))
        return 0;
    return v;
}

/* Numbered lines that count through the text (1. Introduction ... 4.
** Conclusion), each alone before running text: its sections, whether or
** not the title after the number is title-cased.  A scheme counts when
** three or more such lines (two for 1.1 under 1.) run 1, 2, 3 ...; the
** rank is the one the scheme's lines already taken as headings have. */
static void
numbered_sequences(struct units *u, const struct sz_eline *l)
{
    size_t count[N_SCHEMES] = { 0 }, rising[N_SCHEMES] = { 0 };
    int prev[N_SCHEMES] = { 0 }, prev_parent = 0, rank[N_SCHEMES];
    static const int deflt[N_SCHEMES] = { R_NUMBERED, R_NUMBERED2, R_CHAPTER, R_NUMBERED,
                                          R_CHAPTER };
    for (int s = 0; s < N_SCHEMES; s++)
        rank[s] = R_NONE;
    for (size_t k = 0; k < u->n; k++) {
        int s, p, v = numbered_unit(u, k, l, &s, &p);
        if (!v)
            continue;
        count[s]++;
        if (s == N_ARABIC2 && p != prev_parent)
            prev[s] = 0;
        rising[s] += v == prev[s] + 1;
        prev[s] = v;
        if (s == N_ARABIC2)
            prev_parent = p;
        if (u->v[k].kind == U_HEAD && rank[s] == R_NONE)
            rank[s] = u->v[k].rank;
    }
    int ok[N_SCHEMES], any = 0;
    for (int s = 0; s < N_SCHEMES; s++)
        any |= ok[s] = count[s] >= (s == N_ARABIC2 ? 2u : 3u) &&
                       rising[s] * 5 >= count[s] * 4 && (s != N_ARABIC2 || ok[N_ARABIC]);
    if (!any)
        return;
    for (size_t k = 0; k < u->n; k++) {
        int s, p, v = numbered_unit(u, k, l, &s, &p);
        struct unit *x = &u->v[k];
        if (!v || !ok[s] || x->kind == U_HEAD)
            continue;
        x->kind = U_HEAD;
        x->rank = rank[s] != R_NONE ? rank[s] : deflt[s];
        x->why = "a number and a short title, alone before text, its number in the run the "
                 "text's numbered lines count through (1. 2. 3., I. II., § 1, 一、二、)";
    }
}

/* Where one paragraph is one line and blank lines are rare, the text sets
** its headings apart with them: a short line with a blank line before and
** after it, not ending as a sentence does, is a heading like the others
** set so ("Станционный смотритель", sentence case among one-word titles),
** when two or more headings are set that way already. */
static int
apart_line(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    if (k == 0 || k + 1 >= u->n || x->b - x->a != 1 || x->gap < 1 || u->v[k + 1].gap < 1)
        return 0;
    const struct sz_eline *f = &l[x->a];
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    size_t i = 0;
    return f->cols <= SHAPE_COLS && sz_essay_count_words(f->s, f->len) <= SHAPE_WORDS &&
           sz_essay_is_upper(sz_essay_cp_at(f->s, f->len, &i)) && sz_essay_is_letter(end);
}

static void
per_line_apart(struct units *u, const struct sz_eline *l)
{
    /* blank lines elsewhere than around such lines: not the text's way */
    size_t stray = 0, blanks = 0, heads = 0;
    for (size_t k = 1; k < u->n; k++) {
        heads += u->v[k].kind == U_HEAD && apart_line(u, k, l);
        /* (the notes at the end, their numbers over them, are set apart too) */
        if (u->v[k].gap < 1 || u->v[k].numnote)
            continue;
        blanks++;
        stray += !apart_line(u, k, l) && u->v[k].kind != U_HEAD &&
                 !(u->v[k - 1].kind == U_HEAD || apart_line(u, k - 1, l));
    }
    if (heads < 2 || stray > 2 + blanks / 10)
        return;
    for (size_t k = 1; k + 1 < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind == U_PARA && x->rank == R_NONE &&
            (u->v[k + 1].kind == U_PARA || u->v[k + 1].kind == U_EPIGRAPH) &&
            apart_line(u, k, l)) {
            x->kind = U_HEAD;
            x->rank = R_TITLE;
            x->why = "a short line alone between blank lines, where the text, one paragraph "
                     "per line, sets its headings apart so";
        }
    }
}

/* Chinese and Japanese lines: the first character in the CJK blocks
** (kana, ideographs, their punctuation and full-width forms). */
static int
cjk_line(const struct sz_eline *f)
{
    /* (asked of every paragraph: a lead byte below U+2000's turns most away) */
    if (!f->len || (unsigned char)f->s[0] < 0xE2)
        return 0;
    size_t i = 0;
    uint32_t cp = sz_essay_cp_at(f->s, f->len, &i);
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Is unit k a short Chinese or Japanese line set flush left, not closing
** as a sentence does, over a paragraph indented as the text's are? */
static int
flush_cjk(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    if (x->kind != U_PARA || x->rank != R_NONE || x->b - x->a != 1 || k + 1 >= u->n)
        return 0;
    const struct sz_eline *f = &l[x->a], *g = &l[u->v[k + 1].a];
    return f->indent == 0 && f->cols <= CJK_HEAD_COLS && cjk_line(f) &&
           !sz_essay_closes(sz_essay_last_cp(f->s, f->len)) && u->v[k + 1].kind == U_PARA &&
           g->indent > 0 && cjk_line(g);
}

/* Where a Chinese or Japanese text opens its paragraphs with an
** ideographic space, a short line it sets flush left over one is a
** heading ("はじめに", "一　音について"), numbered or not, when two or
** more stand so and the text's other lines flush left are fewer: the
** indent is the text's mark of a paragraph. */
static void
cjk_flush_heads(struct units *u, const struct sz_eline *l)
{
    size_t heads = 0, indented = 0, strays = 0, k = 0;
    for (; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_PARA || !cjk_line(&l[x->a]))
            continue;
        if (flush_cjk(u, k, l))
            heads++;
        else if (l[x->a].indent > 0)
            indented++;
        else if (indented)     /* (the title page's lines come before the text) */
            strays++;
    }
    if (heads < 2 || strays >= heads || indented < heads)
        return;
    /* the rank of the headings the text numbers so (一、), if any */
    int rank = R_TITLE;
    for (k = 0; k < u->n; k++)
        if (u->v[k].kind == U_HEAD && l[u->v[k].a].indent == 0 && cjk_line(&l[u->v[k].a]) &&
            k + 1 < u->n && u->v[k + 1].kind == U_PARA && l[u->v[k + 1].a].indent > 0) {
            rank = u->v[k].rank;
            break;
        }
    for (k = 0; k < u->n; k++)
        if (flush_cjk(u, k, l)) {
            u->v[k].kind = U_HEAD;
            u->v[k].rank = rank;
            u->v[k].why = "a short line set flush left over a paragraph, where the text "
                          "opens its paragraphs with an ideographic space";
        }
}

void
sz_essay_conventions(struct units *u, const struct sz_eline *l, int per_line)
{
    quoted_passage_heads(u, l);
    numbered_sequences(u, l);
    cjk_flush_heads(u, l);
    year_headings(u, l);
    marked_numbers(u, l);
    /* Chapter lines with their summaries under them in one block: a
    ** heading where the text sets most of its chapters so. */
    size_t with = 0, blocks = 0;
    for (size_t k = 0; k < u->n; k++) {
        int v = chapter_summary(u, k, l);
        blocks += v >= 0;
        with += v == 1;
    }
    if (with >= 2 && with * 5 >= blocks * 4)
        for (size_t k = 0; k < u->n; k++)
            if (u->v[k].kind == U_PARA && chapter_summary(u, k, l) == 1) {
                u->v[k].kind = U_HEAD;
                u->v[k].rank = sz_essay_line_rank(&l[u->v[k].a]);
                u->v[k].merge = 2;
                u->v[k].why = "a bare chapter line with its title or summary under it in one "
                              "block, as the text sets most of its chapters";
            }
    size_t count[S_COUNT] = { 0 }, paras = 0, wide_gaps = 0;
    for (size_t k = 1; k < u->n; k++)
        wide_gaps += u->v[k].gap >= 2;
    /* where the text sets its sections apart with wider gaps, so are these */
    int apart = !per_line && wide_gaps >= 3;
    quoted_headings(u, l, apart);
    for (size_t k = 0; k < u->n; k++) {
        count[shape_of(u, k, l, apart)]++;
        paras += u->v[k].kind == U_PARA;
    }
    /* (both asked before either sets a heading: each is the other's kind) */
    int plain_ok = count[S_PLAIN] >= 2 && plain_convention(u, l, count[S_PLAIN]);
    int question_ok = count[S_QUESTION] >= 2 && plain_convention(u, l, count[S_QUESTION]);
    for (int s = S_PERIOD; s < S_COUNT; s++) {
        if ((s == S_PLAIN && !plain_ok) || (s == S_QUESTION && !question_ok))
            continue;
        /* a convention: two or more (three ending in a colon), and not
        ** most of the text; one word and a stop joins titles of more
        ** words so set, no more often than they */
        if (s == S_WORD ? !count[s] || count[S_PERIOD] < 2 || count[s] > count[S_PERIOD] ||
                              (count[s] + count[S_PERIOD]) * 2 > paras
                        : count[s] < (s == S_COLON ? 3u : 2u) || count[s] * 2 > paras)
            continue;
        for (size_t k = 0; k < u->n; k++)
            if (shape_of(u, k, l, apart) == (enum hshape)s) {
                u->v[k].kind = U_HEAD;
                u->v[k].rank = R_TITLE;
                u->v[k].why = s == S_PERIOD
                                  ? "a title-case line ending in a full stop, alone before text, "
                                    "as the text sets all its headings"
                              : s == S_WORD
                                  ? "one capitalised word and a full stop, alone before text, "
                                    "where the text's titles of more words end so"
                              : s == S_COLON
                                  ? "a short line ending in a colon, alone before text, as "
                                    "three or more lines of the text stand"
                              : s == S_PLAIN
                                  ? "a short line in sentence case, alone before text, as the "
                                    "text, with no headings of another shape, sets all its "
                                    "headings"
                              : s == S_QUESTION
                                  ? "a short question alone before text, as the text, with "
                                    "no headings of another shape, sets all its headings"
                                  : "a short line in sentence case (Cyrillic, Greek), alone "
                                    "before text, as the text sets all its headings";
            }
    }
    /* A., B., C., D.: C and D follow B as letters (the rank B got), not as
    ** the roman numerals 100 and 500. */
    char prev = 0;
    int prev_rank = R_NONE;
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_HEAD)
            continue;
        char m = letter_mark(&l[x->a]);
        if (!m)
            continue;
        if (prev && m == prev + 1 && u->v[k].rank != prev_rank) {
            u->v[k].rank = prev_rank;
            u->v[k].why = "a letter after the letter before it (B., C.): the same rank";
        }
        prev = m;
        prev_rank = u->v[k].rank;
    }
    if (per_line)
        per_line_apart(u, l);
}
