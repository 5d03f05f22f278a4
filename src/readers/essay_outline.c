/*
** essay_outline.c
** Outline passes over the units: a bare chapter line merged with its
** title, empty headings demoted, ranks fixed (front and back matter
** beside the divisions), bare numbers nested.
** See LICENSE.
*/
#define _GNU_SOURCE   /* memmem */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers/essay_units.h"

static int
bare_chapter(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    size_t xl = x->b - x->a;
    return x->kind == U_HEAD && (x->rank == R_CHAPTER || x->rank == R_PART) &&
           (xl == 1 || (xl == 2 && sz_essay_underline_of(&l[x->a + 1]))) &&
           sz_essay_bare_number(&l[x->a]);
}

/* "(CONTINUED.)", "(Concluded)": a short line in brackets alone, that
** qualifies the chapter line over it. */
static int
continued_line(const struct unit *y, const struct sz_eline *l)
{
    const struct sz_eline *g = &l[y->a];
    size_t n = g->len;
    if (y->kind != U_PARA || y->b - y->a != 1 || n < 3 || n > 24 || g->s[0] != '(')
        return 0;
    if (g->s[n - 1] == '.')
        n--;
    return g->s[n - 1] == ')' && !memchr(g->s + 1, '(', n - 1);
}

/* One to three short lines ending a sentence: a chapter summary. */
static int
summary(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *y = &u->v[k];
    if (y->kind != U_PARA || y->b - y->a > 3)
        return 0;
    for (size_t i = y->a; i < y->b; i++)
        if (l[i].width > MAX_HEAD_WIDTH)
            return 0;
    return sz_essay_last_cp(l[y->b - 1].s, l[y->b - 1].len) == '.';
}

/* Up to six lines of heading width in capitals, not ending in a comma:
** a chapter's title however long, where the text titles its chapters so. */
static int
caps_lines(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a > 6 || !sz_essay_caps_lines(l, a, b))
        return 0;
    uint32_t end = sz_essay_last_cp(l[b - 1].s, l[b - 1].len);
    return end != ',' && end != ';';
}

static const char summary_why[] =
    "chapter summary after a bare chapter line (the book gives most chapters one)";

/* CHAPTER X. / OF THE WAY HOW TO BEGIN ... / DIFFERENT KINDS OF CONGRESS.:
** more lines in the title's shape under a chapter line and its title, each
** across the same gap as the title, the last set apart from the text by a
** wider one, go on with the title (a subtitle, a second line of it): the
** stack of lines is one heading in print.  y is the title's unit; the
** number of lines taken (up to two). */
static size_t
stacked_lines(struct units *u, size_t y, const struct sz_eline *l)
{
    const struct unit *t = &u->v[y];
    const struct sz_eline *f = &l[t->a];
    int caps = sz_essay_all_caps(f->s, f->len);
    size_t n = 0;
    while (n < 2 && y + n + 2 < u->n) {
        const struct unit *z = &u->v[y + n + 1], *next = &u->v[y + n + 2];
        const struct sz_eline *g = &l[z->a];
        if (z->kind != U_PARA || z->b - z->a != 1 || z->gap != t->gap ||
            g->indent != f->indent || sz_essay_all_caps(g->s, g->len) != caps ||
            !sz_essay_subtitle_line(g, sz_essay_line_rank(g)))
            break;
        n++;
        if (next->gap > t->gap && sz_essay_is_prose(u, y + n + 1, l)) {
            for (size_t i = 1; i <= n; i++) {
                u->v[y + i].kind = U_MERGED;
                u->v[y + i].why = "a further line in the title's shape under it, the stack "
                                  "set apart from the text by a wider gap: the title goes on";
            }
            return n;
        }
    }
    return 0;
}

/* A bare chapter number and the title on the next line are one heading. */
void
sz_essay_merge_headings(struct units *u, const struct sz_eline *l)
{
    /* Books that give every chapter a summary of a line or three
    ** ("Comment Candide fut élevé ...") make it part of the heading. */
    size_t bare = 0, summaries = 0, ones = 0;
    for (size_t k = 0; k + 2 < u->n; k++)
        if (bare_chapter(u, k, l)) {
            bare++;
            summaries += summary(u, k + 1, l) && sz_essay_is_prose(u, k + 2, l);
            ones += sz_essay_bare_value(&l[u->v[k].a]) == 1;
        }
    /* numbers that count from one again are sections of stories, and
    ** their first lines are text */
    int with_summary = summaries >= 3 && summaries * 5 >= bare * 4 && ones <= 1;
    /* How the text sets the titles of its numbered chapters: how many of
    ** its bare numbered lines take the next line as title, and across how
    ** wide a gap.  A front or back matter word (APPENDIX.) takes a title
    ** only as the text's chapters do; otherwise the heading under it is
    ** the first section inside it (APPENDIX. / SAILING DIRECTIONS ...). */
    size_t numbered = 0, titled = 0;
    int title_gap = 0;
    for (int pass = 0; pass < 2; pass++)
    for (size_t k = 0; k + 1 < u->n; k++) {
        struct unit *x = &u->v[k], *y;
        if (!bare_chapter(u, k, l))
            continue;
        const struct sz_eline *f = &l[x->a];
        int matter = sz_essay_matter_word(f->s, f->len);
        /* CHAPTER XLI. / (CONTINUED.) / the title: the line in brackets
        ** goes with the number, the title comes under it (or, with no
        ** title there, the bracketed line is the title) */
        size_t q = k + 2 < u->n && continued_line(&u->v[k + 1], l);
        const char *why = NULL;
        size_t t;
        for (;; q--) {
            y = &u->v[k + 1 + q];
            /* the summary's own note text may come between it and the text */
            t = k + 2 + q;
            const char *lab;
            size_t skip;
            while (t < u->n && t < k + 5 + q && u->v[t].kind == U_PARA &&
                   sz_essay_note_label(&l[u->v[t].a], &lab, &skip) && l[u->v[t].a].s[0] == '[')
                t++;
            why = NULL;
            if (with_summary && summary(u, k + 1 + q, l) && t < u->n && sz_essay_is_prose(u, t, l))
                why = summary_why;
            else if (y->kind == U_PARA && y->b - y->a > 1 && y->b - y->a <= 3 &&
                     sz_essay_caps_title(l, y->a, y->b) && t < u->n && u->v[t].kind != U_HEAD)
                why = "a title in capitals wrapped over lines after a bare chapter line";
            /* VOL. VI. / CONTENTS OF THE SIXTH VOLUME: a list, not a title;
            ** FIRST ACT / SCENE: a division of its own, over the stage setting;
            ** the title must not itself start the text: a heading line is
            ** followed by more */
            else if (!(y->b - y->a != 1 || y->kind == U_RULE || y->kind == U_FIGURE ||
                       sz_essay_contents_word(&l[y->a]) ||
                       sz_essay_scene_word(l[y->a].s, l[y->a].len) ||
                       !sz_essay_subtitle_line(&l[y->a], y->kind == U_HEAD
                                                             ? y->rank
                                                             : sz_essay_line_rank(&l[y->a]))))
                why = "title line after a bare chapter line";
            /* ABOUT THE LOVE OF PERSONS IN AUTHORITY FOR THE WIVES OF OTHER
            ** MEN.: a line in capitals too long for a heading of its own is
            ** the title all the same where most of the text's chapter lines
            ** take one (counted without such lines) */
            else if (pass == 1 && numbered >= 3 && titled * 2 >= numbered && y->kind == U_PARA &&
                     caps_lines(l, y->a, y->b) && t < u->n && u->v[t].kind != U_HEAD)
                why = "capitals after a bare chapter line, long for a heading, where most of the "
                      "text's chapter lines take a title line";
            if (why || !q)
                break;
        }
        if (pass == 0) {
            if (matter)
                continue;
            numbered++;
            if (why) {
                titled++;
                title_gap = y->gap > title_gap ? y->gap : title_gap;
                k += 1 + q;
            }
            continue;
        }
        if (!why) {
            if (y->kind == U_HEAD && y->b - y->a == 1 && sz_essay_scene_word(l[y->a].s, l[y->a].len))
                y->why = "SCENE alone under an act's line: a division of its own over the stage "
                         "setting, not the act's title";
            continue;
        }
        if (matter && numbered >= 2 && (titled * 2 < numbered || y->gap > title_gap)) {
            if (y->kind == U_HEAD)
                y->why = titled * 2 < numbered
                             ? "a heading under a front or back matter word, where the text's "
                               "numbered chapter lines take no title line: a section inside it"
                             : "a heading under a front or back matter word across a wider gap "
                               "than the text's chapter titles: a section inside it";
            continue;
        }
        x->merge = 1;
        if (q) {
            u->v[k + 1].kind = U_MERGED;
            u->v[k + 1].why = "a line in brackets under a chapter line, over its title: it "
                              "goes with the number";
        }
        y->kind = U_MERGED;
        y->why = why;
        k += 1 + q;
        if (y->b - y->a == 1 && why != summary_why)
            k += stacked_lines(u, k, l);
    }
}

/* LIST OF PUBLICATIONS / CONCERNING THE / PENINSULAR WAR.: a line in
** capitals that ends in a joining word (of, the, concerning the) cannot
** stand alone; under a heading in capitals, across the same gap as the
** line after it, it and that line go on with the heading.  Print breaks a
** long display heading so, a blank line between its lines. */
void
sz_essay_join_broken_headings(struct units *u, const struct sz_eline *l)
{
    for (size_t k = 0; k + 3 < u->n; k++) {
        struct unit *x = &u->v[k], *y = &u->v[k + 1], *z = &u->v[k + 2];
        if (x->kind != U_HEAD || x->merge || x->b - x->a != 1 || x->rank != R_CAPS ||
            y->kind != U_PARA || y->b - y->a != 1 || z->kind != U_PARA || z->b - z->a != 1 ||
            y->gap != z->gap || u->v[k + 3].gap < y->gap)
            continue;
        const struct sz_eline *f = &l[y->a], *g = &l[z->a];
        if (f->width > MAX_HEAD_WIDTH || g->width > MAX_HEAD_WIDTH ||
            !sz_essay_all_caps(f->s, f->len) || !sz_essay_ends_joining(f->s, f->len) ||
            !sz_essay_all_caps(g->s, g->len) || sz_essay_ends_joining(g->s, g->len) ||
            sz_essay_line_rank(g) != R_CAPS)
            continue;
        x->merge = 1;
        y->kind = z->kind = U_MERGED;
        y->why = z->why = "a line in capitals ending in a joining word under a heading, and "
                          "the line it joins: the heading broken over lines";
        k += 2;
    }
}

/* Why a heading was taken for a signature (compared by address). */
static const char empty_why[] = "heading shape, but a heading of the same or an outer rank "
                                "follows at once (a signature or closing line)";

/* Is the unit at k a heading of rank r, or one taken for a signature? */
static int
head_or_signature(const struct unit *x, int r)
{
    return x->rank == r && (x->kind == U_HEAD || (x->kind == U_PARA && x->why == empty_why));
}

static int numbered(const struct units *u, size_t k, const struct sz_eline *l);
static int part_number(const char *s, size_t n, char *style);
static size_t next_unit(const struct units *u, size_t k);

/* The next unit after k that is not skipped or a merged heading line. */
static size_t
next_unit(const struct units *u, size_t k)
{
    k++;
    while (k < u->n && (u->v[k].kind == U_SKIP || u->v[k].kind == U_MERGED))
        k++;
    return k;
}

/* ACT I. Algernon's Flat / ACT II. The Garden / ACT III. Drawing-Room,
** one after another with no text under any, before the text's own
** divisions of that rank (FIRST ACT ... with its text): a list of the
** divisions (the scenes of a play, a contents list without the word),
** its lines text, not headings. */
void
sz_essay_division_lists(struct units *u, const struct sz_eline *l)
{
    for (size_t k = 0; k < u->n; k++) {
        if (!numbered(u, k, l))
            continue;
        int r = u->v[k].rank;
        size_t run = 1, j = k, last = k;
        for (;;) {
            j = next_unit(u, j);
            if (j >= u->n || !numbered(u, j, l) || u->v[j].rank != r)
                break;
            last = j;
            run++;
        }
        /* a run of one or two is a part over its chapter, or a chapter
        ** whose text was lost */
        if (run < 3)
            return;
        size_t later = next_unit(u, last);
        for (; later < u->n; later++) {
            if (u->v[later].kind != U_HEAD || u->v[later].rank != r)
                continue;
            size_t after = next_unit(u, later);
            if (after < u->n && !(u->v[after].kind == U_HEAD && u->v[after].rank == r))
                break;
        }
        if (later >= u->n)
            return;
        for (size_t i = k; i <= last; i = next_unit(u, i)) {
            u->v[i].kind = U_PARA;
            u->v[i].why = "a run of division lines with no text under any, before the text's "
                          "own divisions: a list of them (contents, a play's scenes), not headings";
        }
        return;
    }
}

/* NICOLO MACHIAVELLI: does f[0..n) name a person, two to five words in
** capitals none of which is a joining word (BY THE SEA, BY ORDER OF THE
** KING are titles)? */
static int
name_in_caps(const char *s, size_t n)
{
    static const char *const joins[] = {
        "THE", "A", "AN", "OF", "AND", "TO", "IN", "ON", "FOR", "WITH", "AT", "FROM", "HIS",
        "HER", "MY", "OUR", "THEIR", "ITS", "THIS", "THAT", "OR", "NOR", "ALL", "WAY", NULL,
    };
    size_t words = sz_essay_count_words(s, n);
    if (words < 2 || words > 5 || !sz_essay_all_caps(s, n))
        return 0;
    while (n > 0) {
        const char *rest;
        size_t rn, w = sz_essay_first_word(s, n, &rest, &rn);
        if (w && sz_essay_word_is(s, w, joins))
            return 0;
        s = rest;
        n = rn;
    }
    return 1;
}

/* BY / NICOLO MACHIAVELLI, WRITTEN BY NICOLO MACHIAVELLI: the lines naming
** who wrote a work, under its title, after the book's first numbered
** division (a further work's title page inside the book; the book's own
** title page is the front matter's), are its byline, not headings. */
void
sz_essay_bylines(struct units *u, const struct sz_eline *l)
{
    size_t k0 = 0;
    while (k0 < u->n && !numbered(u, k0, l))
        k0++;
    static const char *const verbs[] = {
        "WRITTEN", "EDITED", "TRANSLATED", "COMPILED", "ILLUSTRATED", NULL,
    };
    static const char *const by[] = { "BY", NULL };
    for (size_t k = k0 + 1; k < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || x->merge || x->b - x->a != 1)
            continue;
        const struct sz_eline *f = &l[x->a];
        const char *rest, *rest2;
        size_t rn, rn2, w = sz_essay_first_word(f->s, f->len, &rest, &rn);
        if (w && sz_essay_word_is(f->s, w, verbs)) {
            size_t w2 = sz_essay_first_word(rest, rn, &rest2, &rn2);
            if (!(w2 && sz_essay_word_is(rest, w2, by) && name_in_caps(rest2, rn2)))
                continue;
        } else if (!(w && sz_essay_word_is(f->s, w, by) && name_in_caps(rest, rn))) {
            /* or the name alone under a lone BY */
            size_t p = k;
            while (p > 0 && u->v[p - 1].kind == U_SKIP)
                p--;
            if (p == 0 || u->v[p - 1].b - u->v[p - 1].a != 1 || u->v[p - 1].kind == U_HEAD)
                continue;
            const struct sz_eline *g = &l[u->v[p - 1].a];
            if (g->len != 2 || memcmp(g->s, "BY", 2) || !name_in_caps(f->s, f->len))
                continue;
        }
        x->kind = U_PARA;
        x->why = "a byline (BY ..., WRITTEN BY ... and a name): who wrote the work, not a heading";
        /* and the lines in capitals over it are the title of the work it
        ** names, however long */
        size_t t = k;
        for (int hop = 0; hop < 2 && t > 0; hop++) {
            while (t > 0 && u->v[t - 1].kind == U_SKIP)
                t--;
            if (t == 0)
                break;
            const struct sz_eline *g = &l[u->v[t - 1].a];
            if (hop == 0 && u->v[t - 1].b - u->v[t - 1].a == 1 && g->len == 2 &&
                !memcmp(g->s, "BY", 2)) {
                t--;
                continue;
            }
            struct unit *y = &u->v[t - 1];
            size_t i;
            for (i = y->a; i < y->b && sz_essay_all_caps(l[i].s, l[i].len); i++)
                ;
            uint32_t end = sz_essay_last_cp(l[y->b - 1].s, l[y->b - 1].len);
            if (y->kind == U_PARA && i == y->b && y->b - y->a <= 3 && end != ',' && end != ';') {
                y->kind = U_HEAD;
                y->rank = R_CAPS;
                y->why = "lines in capitals over a byline: the title of the work it names";
            }
            break;
        }
    }
}


/* Does heading k print the book's title (squashed t): the whole of it, or
** a part of it that a line before it prints alone, where the title page
** sets the title over several lines (ADVENTURES / OF / HUCKLEBERRY FINN)
** and the half-title prints only its last?  Not the author's name
** (squashed a), which a title names too (NARRATIVE OF THE LIFE OF FREDERICK
** DOUGLASS): FREDERICK DOUGLASS. over a life of him is no half-title.  h and
** cur are scratch. */
static int
prints_title(const struct units *u, const struct sz_eline *l, size_t k, const struct sz_buf *t,
             const struct sz_buf *a, struct sz_buf *h, struct sz_buf *cur)
{
    const struct unit *x = &u->v[k];
    if (!t->len || x->b - x->a != 1)
        return 0;
    sz_essay_squash(l[x->a].s, l[x->a].len, h);
    if (h->len == t->len && !memcmp(h->data, t->data, h->len))
        return 1;
    /* a fragment too short to name the book (OF, THE) is no print of it */
    if (h->len < 6 || h->len >= t->len)
        return 0;
    int inside = memmem(t->data, t->len, h->data, h->len) != NULL;
    int named = inside && a->len && memmem(a->data, a->len, h->data, h->len);
    for (size_t i = 0; inside && !named && i < x->a; i++) {
        if (l[i].len < h->len)
            continue;
        sz_essay_squash(l[i].s, l[i].len, cur);
        if (cur->len == h->len && !memcmp(cur->data, h->data, h->len))
            return 1;
    }
    return 0;
}

/* Is unit k a one-line heading taken for a signature straight over a
** division numbered one (I., 1)? */
static int
restart_title(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    if (x->kind != U_PARA || x->why != empty_why || x->merge || x->b - x->a != 1)
        return 0;
    size_t j = next_unit(u, k);
    if (j >= u->n || !numbered(u, j, l))
        return 0;
    char style;
    const struct sz_eline *g = &l[u->v[j].a];
    return part_number(g->s, g->len, &style) == 1 && style != 'W';
}

/* A heading introduces something: a caps or title line followed straight
** by a heading of its own rank or an outer one is a signature or a
** closing line (CURRER BELL.), not a heading.  The book's own title
** (title, NULL if unknown) printed again straight over the first numbered
** division is not: it is the half-title over the work, after the sections
** before it (INTRODUCTION, DEDICATION / THE PRINCE / CHAPTER I). */
void
sz_essay_demote_empty(struct units *u, const struct sz_eline *l, const char *title,
                      const char *author)
{
    struct sz_buf want = SZ_BUF_INIT, cur = SZ_BUF_INIT, tmp = SZ_BUF_INIT, by = SZ_BUF_INIT;
    int divisions = 0;
    if (title)
        sz_essay_squash(title, strlen(title), &want);
    if (author)
        sz_essay_squash(author, strlen(author), &by);
    for (size_t k = 0; k + 1 < u->n; k++) {
        struct unit *x = &u->v[k];
        if (!divisions && numbered(u, k, l))
            divisions = 1;
        if (x->kind != U_HEAD || x->merge || (x->rank != R_CAPS && x->rank != R_TITLE))
            continue;
        size_t j = next_unit(u, k);
        if (j < u->n && u->v[j].kind == U_HEAD && u->v[j].rank <= x->rank) {
            if (!divisions && numbered(u, j, l)) {
                if (prints_title(u, l, k, &want, &by, &cur, &tmp)) {
                    x->why = "the book's title printed again straight over its first numbered "
                             "division: the half-title over the work, not a signature";
                    continue;
                }
            }
            x->kind = U_PARA;
            x->why = empty_why;
            continue;
        }
        /* MARK TWAIN / HARTFORD, July 21, 1889 / the next heading: a
        ** preface or a letter signed and dated */
        if (j + 1 >= u->n || u->v[j].kind != U_PARA || u->v[j].b - u->v[j].a != 1 ||
            !sz_essay_date_line(&l[u->v[j].a]))
            continue;
        j++;
        while (j < u->n && u->v[j].kind == U_SKIP)
            j++;
        if (j < u->n && u->v[j].kind == U_HEAD && u->v[j].rank <= x->rank) {
            x->kind = U_PARA;
            x->why = "heading shape, but a date line and then a heading of the same or an outer "
                     "rank follow (a signature and the date it was written)";
            continue;
        }
        /* ... ame. / GUSTAVE FLAUBERT / Paris, 12 avril 1857 / À Louis
        ** Bouilhet: under the text it signs, a signature and a date are
        ** followed by a heading of any rank */
        size_t p = k;
        while (p > 0 && u->v[p - 1].kind == U_SKIP)
            p--;
        if (j < u->n && u->v[j].kind == U_HEAD && p > 0 && u->v[p - 1].kind == U_PARA &&
            !u->v[p - 1].merge && x->b - x->a == 1) {
            x->kind = U_PARA;
            x->why = "heading shape under a paragraph, then a date line and a heading (a "
                     "signature and the date it was written)";
        }
    }
    sz_buf_free(&want);
    sz_buf_free(&cur);
    sz_buf_free(&tmp);
    sz_buf_free(&by);
}

static size_t after_heading(const struct units *u, size_t k);

/* A heading numbered as a division of the book (CHAPTER IV, PART TWO,
** XII.), not a front or back matter word. */
static int
numbered(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    return x->kind == U_HEAD && (x->rank == R_CHAPTER || x->rank == R_PART) &&
           !sz_essay_matter_word(l[x->a].s, l[x->a].len);
}

/* A preface or foreword: a note before the work, not a part of it that
** could hold its sections. */
static int
preface_word(const struct sz_eline *f)
{
    static const char *const w[] = { "preface", "foreword", "vorwort", "voorwoord", NULL };
    size_t n = f->len;
    while (n > 0 && (f->s[n - 1] == '.' || f->s[n - 1] == ':'))
        n--;
    return sz_essay_word_ci(f->s, n, w);
}

/* The sections around a book's numbered divisions stand beside them: the
** PREFACE before PART I beside the parts, A NOTE ON THE TEXT after the
** last chapter beside the chapters, unless its shape is also used inside
** the chapters (then it is one of their sections).  A book with no
** numbered divisions ranks a closing matter word (Conclusion) with the
** headings of its shape before it (Economy, Solitude, Spring); an opening
** one (Introduction) may hold the sections that follow it. */
static void
rank_matter(struct units *u, const struct sz_eline *l)
{
    size_t first = u->n, last = u->n;
    int chapters = 0, inside[R_COUNT] = { 0 };
    for (size_t k = 0; k < u->n; k++)
        if (numbered(u, k, l)) {
            first = first == u->n ? k : first;
            last = k;
            chapters |= u->v[k].rank == R_CHAPTER;
        }
    if (first == u->n) {
        /* the headings of each shape so far, and in all */
        size_t shapes[R_COUNT] = { 0 }, total[R_COUNT] = { 0 }, others = 0;
        /* the stretch [seen_from, seen_to) after a preface, looked over
        ** last: all prefaces, up to a heading of a shape, if seen_prefaces */
        size_t seen_from = u->n, seen_to = u->n;
        int seen_prefaces = 0;
        for (size_t k = 0; k < u->n; k++)
            if (u->v[k].kind == U_HEAD && u->v[k].rank >= 0)
                total[u->v[k].rank]++;
        for (size_t k = 0; k < u->n; k++) {
            struct unit *x = &u->v[k];
            const struct sz_eline *f = &l[x->a];
            if (x->kind != U_HEAD)
                continue;
            if (x->rank != R_CHAPTER || !sz_essay_matter_word(f->s, f->len)) {
                shapes[x->rank]++;
                others++;
                continue;
            }
            int r = sz_essay_all_caps(f->s, f->len) ? R_CAPS : R_TITLE;
            if (shapes[r] >= 2) {
                x->rank = r;
                x->why = "closing matter word (Conclusion) after headings of its shape, where "
                         "the book numbers no divisions: ranked with them";
                continue;
            }
            /* PREFACE. / "THE FIDDLE AND THE BOW." / CHERISH THE LITTLE
            ** ONES.: a preface (or several) before the first of many
            ** headings of its own case stands beside them; it holds
            ** none of them, as an introduction may */
            size_t j = after_heading(u, k);
            int prefaces = preface_word(f);
            if (prefaces && j >= seen_from && j < seen_to) {
                /* inside the stretch the last preface looked over: it ends
                ** where that one ended (each stretch is looked over once,
                ** or a text of many prefaces takes quadratic time) */
                prefaces = seen_prefaces;
                j = seen_to;
            } else if (prefaces) {
                seen_from = j;
                while (j < u->n && prefaces &&
                       (u->v[j].kind != U_HEAD ||
                        (u->v[j].rank == R_CHAPTER &&
                         sz_essay_matter_word(l[u->v[j].a].s, l[u->v[j].a].len)))) {
                    prefaces &= u->v[j].kind != U_HEAD || preface_word(&l[u->v[j].a]);
                    j++;
                }
                seen_to = j;
                seen_prefaces = prefaces;
            }
            if (!others && prefaces && j < u->n && u->v[j].kind == U_HEAD &&
                u->v[j].rank == R_VOLUME) {
                /* PREFACE. / CONTENTS / CAPER-SAUCE. / _EDITORS._: the
                ** prefaces before the title set again over the text stand
                ** beside it, as EXPLANATORY stands beside HUCKLEBERRY FINN */
                x->rank = R_VOLUME;
                x->why = "opening matter word (Preface) before the heading set over the text, "
                         "where the book numbers no divisions: ranked with that heading";
            } else if (!others && prefaces && j < u->n && u->v[j].rank == r && total[r] >= 3) {
                x->rank = r;
                x->why = "opening matter word (Preface) before many headings of its shape, "
                         "where the book numbers no divisions: ranked with them";
            }
        }
        return;
    }
    for (size_t k = first + 1; k < last; k++)
        if (u->v[k].kind == U_HEAD)
            inside[u->v[k].rank] = 1;
    int outer = u->v[first].rank;
    /* APPENDIX / ELECTRICAL KITE after the last chapter: a matter word
    ** straight over a heading of another shape, nothing between, holds the
    ** headings of that shape after it (they stay a level under it). */
    int held = R_NONE;
    for (size_t k = 0; k < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || (k >= first && k <= last))
            continue;
        if (k > last && x->rank == held) {
            x->why = "section after a back matter word that stands straight over the first of "
                     "them: a section inside it";
            continue;
        }
        if (k > last && x->rank == R_CHAPTER && sz_essay_matter_word(l[x->a].s, l[x->a].len)) {
            size_t j = after_heading(u, k);
            while (j < u->n && u->v[j].kind == U_SKIP)
                j++;
            if (j < u->n && u->v[j].kind == U_HEAD && !u->v[j].merge &&
                (u->v[j].rank == R_CAPS || u->v[j].rank == R_TITLE))
                held = u->v[j].rank;
            continue;
        }
        if (k < first && (x->rank == R_CAPS || x->rank == R_TITLE || x->rank == R_CHAPTER) &&
            x->rank != outer && !(x->rank != R_CHAPTER && sz_essay_holds(u, x->rank, outer))) {
            x->rank = outer;
            x->why = outer == R_PART ? "section before the first part: ranked with the parts"
                                     : "section before the first chapter: ranked with the chapters";
        } else if (k > last && (x->rank == R_CAPS || x->rank == R_TITLE) && !inside[x->rank]) {
            x->rank = chapters ? R_CHAPTER : outer;
            x->why = "section after the last chapter, in a shape the chapters do not use inside "
                     "them: ranked with the chapters";
        }
    }
}

/* IV. SEATTLE THE CHIEF. / ... / V. / ...: does the number alone at k
** follow on from the number of the numbered heading before it, one more
** than it and written the same way?  Then it is that count's next
** division, its title left out, not a sequence of one. */
static int
continues_count(const struct units *u, size_t at, const struct sz_eline *l)
{
    const struct sz_eline *f = &l[u->v[at].a];
    char style, prev_style;
    int v = part_number(f->s, f->len, &style);
    size_t k = at;
    while (v > 1 && k-- > 0) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || (x->rank != R_CHAPTER && x->rank != R_PART))
            continue;
        const struct sz_eline *g = &l[x->a];
        const char *rest;
        size_t rn, w = sz_essay_first_word(g->s, g->len, &rest, &rn);
        return part_number(g->s, w, &prev_style) == v - 1 && prev_style == style;
    }
    return 0;
}

/* Abstract / 1 Introduction / 2 Method: where a text numbers its
** sections (2. Method, and no chapters or parts), a heading before the
** first of them, in a shape the text sets no other heading in, stands
** beside them as a paper's abstract or preface does: it holds none of
** them, its own text comes between. */
static void
rank_before_numbered(struct units *u)
{
    size_t count[R_COUNT] = { 0 }, first = u->n;
    for (size_t k = 0; k < u->n; k++)
        if (u->v[k].kind == U_HEAD && u->v[k].rank >= 0) {
            count[u->v[k].rank]++;
            if (u->v[k].rank == R_NUMBERED && first == u->n)
                first = k;
        }
    if (first == u->n || count[R_NUMBERED] < 2 || count[R_CHAPTER] || count[R_PART] ||
        count[R_VOLUME])
        return;
    for (size_t k = 0; k < first; k++) {
        struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || (x->rank != R_TITLE && x->rank != R_CAPS) ||
            count[x->rank] != 1 || after_heading(u, k) >= first)
            continue;
        x->rank = R_NUMBERED;
        x->why = "a heading before the first numbered section, in a shape no other heading "
                 "has, its text between (Abstract / 1 Introduction): ranked with the numbered "
                 "sections";
    }
}

/* Lone numbers of the wrong kind are not chapters; the sections around
** the numbered divisions are ranked beside them; a closing THE END is
** text. */
void
sz_essay_fix_ranks(struct units *u, const struct sz_eline *l)
{
    /* Chapters numbered I, II, III: a lone "1" is a note marker, and the
    ** other way round. */
    size_t roman = 0, digits = 0;
    for (size_t k = 0; k < u->n; k++) {
        const struct sz_eline *f = &l[u->v[k].a];
        if (u->v[k].kind != U_HEAD || u->v[k].rank != R_CHAPTER || !f->len)
            continue;
        if (f->s[0] >= '0' && f->s[0] <= '9' && f->len <= 4)
            digits++;
        else if (sz_essay_roman_value(f->s, f->len - (f->s[f->len - 1] == '.')) && f->len <= 8)
            roman++;
    }
    for (size_t k = 0; k < u->n; k++) {
        const struct sz_eline *f = &l[u->v[k].a];
        if (u->v[k].kind != U_HEAD || u->v[k].rank != R_CHAPTER || !f->len)
            continue;
        int d = f->s[0] >= '0' && f->s[0] <= '9' && f->len <= 4;
        if ((d && roman >= 3 && digits * 3 <= roman) || (!d && digits >= 3 && roman * 3 <= digits &&
            sz_essay_roman_value(f->s, f->len - (f->s[f->len - 1] == '.')) && f->len <= 8)) {
            u->v[k].kind = U_PARA;
            u->v[k].why = d ? "a lone number where chapters are roman numerals: a note marker"
                            : "a lone roman numeral where chapters are numbered in digits";
        }
    }
    /* A number alone on its line, the only one the text sets so, in a
    ** text numbering its divisions in another shape ([ 12 ], CHAPTER
    ** XII): a sequence of one is no division of the text ("Write a message
    ** for her. ... I."), whatever its shape would say */
    size_t lone = 0, at = 0, others = 0;
    for (size_t k = 0; k < u->n && lone <= 1; k++) {
        const struct unit *x = &u->v[k];
        const struct sz_eline *f = &l[x->a];
        if (x->kind != U_HEAD)
            continue;
        const char *rest;
        size_t rn, w = sz_essay_first_word(f->s, f->len, &rest, &rn);
        if (x->b - x->a == 1 && !x->merge && !rn && f->s[0] != '[' &&
            sz_essay_number_token(f->s, w)) {
            lone++;
            at = k;
        } else if (x->rank == R_CHAPTER || x->rank == R_PART) {
            others++;
        }
    }
    if (lone == 1 && others >= 3 && continues_count(u, at, l)) {
        u->v[at].why = "a number alone on its line, one more than the numbered heading before "
                       "it and written the same way: that count's next division, its title "
                       "left out";
    } else if (lone == 1 && others >= 3) {
        u->v[at].kind = U_PARA;
        u->v[at].why = "a number alone on its line, the only one the text sets so, where the "
                       "text numbers its divisions in another shape: not a division";
    }
    rank_matter(u, l);
    rank_before_numbered(u);
    /* THE END, FINIS, END OF VOL. III., FIN DU TOME PREMIER: where a volume or a story closes,
    ** before its notes or the next story, as much as at the very end */
    for (size_t k = 0; k < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || x->merge || x->b - x->a != 1)
            continue;
        struct sz_buf b = SZ_BUF_INIT;
        sz_essay_squash(l[x->a].s, l[x->a].len, &b);
        if (b.len && (!strcmp(b.data, "theend") || !strcmp(b.data, "finis") ||
                      !strcmp(b.data, "fin") || !strcmp(b.data, "ende") ||
                      !strcmp(b.data, "конец") || !strncmp(b.data, "endofvol", 8) ||
                      !strncmp(b.data, "endofpart", 9) || !strncmp(b.data, "endofbook", 9) ||
                      !strncmp(b.data, "finduvol", 8) || !strncmp(b.data, "findutome", 9))) {
            x->kind = U_PARA;
            x->why = "closing line (THE END, FINIS, END OF VOL. II.) of a story or a volume";
        }
        sz_buf_free(&b);
    }
    for (size_t k = u->n; k-- > 0;) {
        struct unit *x = &u->v[k];
        if (x->kind == U_RULE || x->kind == U_SKIP || x->kind == U_MERGED)
            continue;
        if (x->kind == U_HEAD && x->b - x->a == 1) {
            struct sz_buf b = SZ_BUF_INIT;
            sz_essay_squash(l[x->a].s, l[x->a].len, &b);
            /* THE END, FIN DE CANDIDE, ENDE, КОНЕЦ */
            if (b.len && (!strncmp(b.data, "theend", 6) || !strncmp(b.data, "finis", 5) ||
                          !strcmp(b.data, "ende") || !strncmp(b.data, "finde", 5) ||
                          !strcmp(b.data, "fin") || !strncmp(b.data, "конец", 10))) {
                x->kind = U_PARA;
                x->why = "closing line (THE END) of the text";
            } else if (!x->merge && (x->rank == R_CAPS || x->rank == R_TITLE)) {
                /* TABLEAU, CURTAIN: a heading introduces something, and
                ** nothing follows the last line */
                x->kind = U_PARA;
                x->why = "heading shape, but the last line of the text, nothing under it: a "
                         "closing line";
            }
            sz_buf_free(&b);
        }
        break;
    }
}

/* Two shapes of chapter line in one book: titled ones (CHAPTER TWO / THE
** WONDERFUL CRICKETER, VII. / THE REMARKABLE CASE) and bare numbers that
** count from one again inside them (I, II, III).  The bare ones are the
** sections of the titled ones. */
void
sz_essay_nest_numbers(struct units *u, const struct sz_eline *l)
{
    size_t titled = 0, bare = 0, restarts = 0;
    int seen_titled = 0;
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || x->rank != R_CHAPTER)
            continue;
        const struct sz_eline *f = &l[x->a];
        int v = x->merge || x->b - x->a > 1 ? 0 : sz_essay_bare_value(f);
        if (!v) {
            titled += !sz_essay_matter_word(f->s, f->len);
            seen_titled = 1;
            continue;
        }
        bare++;
        restarts += v == 1 && seen_titled;
    }
    if (titled < 2 || bare < 2 || restarts < 1)
        return;
    for (size_t k = 0; k < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind == U_HEAD && x->rank == R_CHAPTER && !x->merge && x->b - x->a == 1 &&
            sz_essay_bare_value(&l[x->a])) {
            x->rank = R_SUB;
            x->why = sz_essay_rank_why[R_SUB];
        }
    }
}

/* The keyword of a chapter or part line (CHAPTER IV, Erstes Kapitel), upper
** case, into key (cap bytes); its length, or 0.  *one says whether the
** number is one (I, 1, One, First). */
static size_t
keyword_of(const struct sz_eline *f, char *key, size_t cap, int *one)
{
    static const char *const ones[] = { "one", "first", "premier", "première", "erstes",
                                        "erster", "erste", "i", "1", NULL };
    const char *rest, *rest2, *kw, *num;
    size_t rn, rn2, kn, nn;
    if (sz_essay_keyword_rank(f->s, f->len) == R_NONE)
        return 0;
    size_t w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    size_t w2 = sz_essay_first_word(rest, rn, &rest2, &rn2);
    if (rn > 0 && sz_essay_number_token(rest, w2) && !sz_essay_number_token(f->s, w)) {
        kw = f->s, kn = w, num = rest, nn = w2;
    } else if (w2 && sz_essay_number_token(f->s, w)) {
        kw = rest, kn = w2, num = f->s, nn = w;
    } else {
        return 0;
    }
    while (kn > 0 && (kw[kn - 1] == '.' || kw[kn - 1] == ':'))
        kn--;
    while (nn > 0 && strchr(".:,-", num[nn - 1]))
        nn--;
    if (kn == 0 || kn >= cap)
        return 0;
    for (size_t i = 0; i < kn; i++)
        key[i] = kw[i] >= 'a' && kw[i] <= 'z' ? (char)(kw[i] - 32) : kw[i];
    *one = sz_essay_word_ci(num, nn, ones);
    return kn;
}

#define KEYWORDS 8

/* The keyword of unit x if it is a keyword heading of rank rank, else 0. */
static size_t
rank_keyword(const struct unit *x, const struct sz_eline *l, int rank, char key[16], int *one)
{
    if (x->kind != U_HEAD || x->rank != rank)
        return 0;
    return keyword_of(&l[x->a], key, 16, one);
}

/* Two keywords of one rank (VOLUME and BOOK, CHAPTER and SECTION): the
** one whose lines come first, each followed by a run of the other's that
** counts from one again (or, where the other's numbers run on, by a run
** of them in nearly every case), holds the other, a level up. */
void
sz_essay_nest_keywords(struct units *u, const struct sz_eline *l)
{
    for (int rank = R_PART; rank <= R_CHAPTER; rank++) {
        char keys[KEYWORDS][16];
        size_t klen[KEYWORDS], count[KEYWORDS] = { 0 }, first[KEYWORDS] = { 0 }, nk = 0;
        for (size_t k = 0; k < u->n; k++) {
            const struct unit *x = &u->v[k];
            char key[16];
            int one;
            size_t kn = rank_keyword(x, l, rank, key, &one);
            if (!kn)
                continue;
            size_t i = 0;
            while (i < nk && !(klen[i] == kn && !memcmp(keys[i], key, kn)))
                i++;
            if (i == nk) {
                if (nk == KEYWORDS)
                    continue;
                memcpy(keys[nk], key, kn);
                klen[nk] = kn;
                first[nk++] = k;
            }
            count[i]++;
        }
        for (size_t a = 0; a < nk; a++)
            for (size_t b = 0; b < nk; b++) {
                if (a == b || count[a] < 2 || count[b] < 2 || first[a] > first[b])
                    continue;
                /* each line of a: is a line of b met before the next a,
                ** and does the first of them count from one? */
                size_t held = 0, restarts = 0;
                int in_a = 0, seen_b = 0;
                for (size_t k = 0; k < u->n; k++) {
                    const struct unit *x = &u->v[k];
                    char key[16];
                    int one;
                    size_t kn = rank_keyword(x, l, rank, key, &one);
                    if (!kn)
                        continue;
                    if (kn == klen[a] && !memcmp(key, keys[a], kn)) {
                        in_a = 1;
                        seen_b = 0;
                    } else if (kn == klen[b] && !memcmp(key, keys[b], kn) && in_a && !seen_b) {
                        held++;
                        restarts += one;
                        seen_b = 1;
                    }
                }
                if (!((held * 2 >= count[a] && restarts >= 2) ||
                      (held * 4 >= count[a] * 3 && count[b] > count[a])))
                    continue;
                for (size_t k = 0; k < u->n; k++) {
                    struct unit *x = &u->v[k];
                    char key[16];
                    int one;
                    size_t kn = rank_keyword(x, l, rank, key, &one);
                    if (!kn)
                        continue;
                    if (rank == R_PART && kn == klen[a] && !memcmp(key, keys[a], kn)) {
                        x->rank = R_VOLUME;
                        x->why = sz_essay_rank_why[R_VOLUME];
                    } else if (rank == R_CHAPTER && kn == klen[b] && !memcmp(key, keys[b], kn)) {
                        x->rank = R_SUB;
                        x->why = "a chapter keyword whose lines run inside the runs of another "
                                 "chapter keyword's, counting from one again: a section of it";
                    }
                }
                return;
            }
    }
}

/* Headings of one shape (capitals, or title case) that the text sets apart
** by two kinds of gap: the few after wider gaps, each followed by some of
** the others, are the outer sections (QUARTIER DU LUXEMBOURG. after four
** blank lines over PARIS SOUS LOUIS XIV. after two).  Only where nothing
** else ranks the sections (no parts, chapters or numbers). */
void
sz_essay_nest_gaps(struct units *u)
{
    for (int r = R_CAPS; r <= R_TITLE; r += R_TITLE - R_CAPS) {
        size_t n = 0, wide = 0, held = 0;
        int lo = 1000, first = -1;
        for (size_t k = 0; k < u->n; k++) {
            const struct unit *x = &u->v[k];
            if (x->kind != U_HEAD)
                continue;
            if (x->rank < R_CAPS)
                return;
            if (x->rank == r) {
                n++;
                lo = x->gap < lo ? x->gap : lo;
            }
        }
        if (n < 4)
            continue;
        int inner = 0, prev_wide = 0;
        for (size_t k = 0; k < u->n; k++) {
            const struct unit *x = &u->v[k];
            if (x->kind != U_HEAD || x->rank != r)
                continue;
            int w = x->gap >= lo + 2;
            if (first < 0)
                first = w;
            if (w) {
                wide++;
                held += prev_wide && inner > 0;
                inner = 0;
                prev_wide = 1;
            } else {
                inner++;
            }
        }
        held += prev_wide && inner > 0;
        /* the first of them wide, most wide ones holding narrow ones, the
        ** wide ones fewer */
        if (first != 1 || wide < 2 || wide * 2 > n || held * 4 < wide * 3)
            continue;
        for (size_t k = 0; k < u->n; k++) {
            struct unit *x = &u->v[k];
            if (x->kind == U_HEAD && x->rank == r && x->gap >= lo + 2) {
                x->rank = R_SUB;
                x->why = "a heading after a wider gap than the others of its shape, each "
                         "followed by some of them: an outer section";
            }
        }
        return;
    }
}

/* Is the unit at k a title that may stand over numbered parts: a short
** line in capitals or title case, and perhaps a short line under it (a
** dedication: _To A._)? */
static int
story_title(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    size_t nl = x->b - x->a;
    const struct sz_eline *f = &l[x->a];
    if (nl > 2 || f->cols > 60 || x->merge ||
        !(x->kind == U_PARA || x->kind == U_TITLEPAGE ||
          (x->kind == U_HEAD && (x->rank == R_CAPS || x->rank == R_TITLE))))
        return 0;
    if (nl == 2 && (l[x->a + 1].cols > 40 || sz_essay_underline_of(&l[x->a + 1])))
        return 0;
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    /* PATIENCE.: capitals may close with a full stop, once */
    int caps_stop = end == '.' && f->len > 2 && sz_essay_all_caps(f->s, f->len - 1) &&
                    !memchr(f->s, '.', f->len - 1);
    if ((end == '.' && !caps_stop) || end == ',' || end == ';' || sz_essay_bare_value(f) ||
        sz_essay_line_rank(f) == R_CHAPTER || sz_essay_line_rank(f) == R_PART)
        return 0;
    return sz_essay_all_caps(f->s, f->len) || sz_essay_title_case(f->s, f->len);
}

/* Does the heading at k open a run of numbers: I, 1., CHAPTER I, Part
** One? */
static int
number_one(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    char key[16];
    int one = 0;
    if (x->kind != U_HEAD || (x->rank != R_CHAPTER && x->rank != R_SUB) || x->b - x->a > 2 ||
        (x->b - x->a == 2 && x->merge != 2) || !sz_essay_bare_number(&l[x->a]))
        return 0;
    if (sz_essay_bare_value(&l[x->a]) == 1)
        return 1;
    return keyword_of(&l[x->a], key, sizeof key, &one) && one;
}

/* A collection of stories, each under its title and in parts numbered
** from one again (THE CHRISTMAS PARTY / I / ... / PATIENCE / I): the
** titles are headings over the numbers, though a title straight over a
** chapter line elsewhere reads as a signature. */
void
sz_essay_story_titles(struct units *u, const struct sz_eline *l)
{
    size_t pairs = 0, proven = 0, first = u->n;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 1; k < u->n; k++) {
            struct unit *x = &u->v[k];
            if (x->kind != U_HEAD)
                continue;
            if (x->rank == R_PART)
                return;
            if (!number_one(u, k, l))
                continue;
            size_t p = k - 1;
            if (!story_title(u, p, l))
                continue;
            /* the first story's title may have gone to the title page:
            ** it counts only where another proves the convention */
            if (pass == 0) {
                pairs++;
                proven += u->v[p].kind != U_TITLEPAGE;
                first = p < first ? p : first;
                continue;
            }
            struct unit *t = &u->v[p];
            t->kind = U_HEAD;
            t->rank = R_PART;
            t->merge = t->b - t->a == 2 ? 2 : 0;
            t->why = "a title over parts numbered from one again, as the text sets each of its "
                     "stories";
        }
        if (pairs < 2 || !proven)
            return;
        /* the stories hold the text: no chapter numbered in another shape
        ** comes before the first of them (CHAPTER XV, then titles over
        ** bare numbers: notes after the chapters, back matter beside
        ** them); numbers of the stories' own shape before it are the first
        ** story's, its title taken for the book's */
        int bare = sz_essay_keyword_rank(l[u->v[first + 1].a].s, l[u->v[first + 1].a].len) ==
                   R_NONE;
        for (size_t k = 0; k < first; k++)
            if (numbered(u, k, l) &&
                (sz_essay_keyword_rank(l[u->v[k].a].s, l[u->v[k].a].len) == R_NONE) != bare)
                return;
    }
}

/* "   III. On the study of the Sixty-four Arts.": a ditto mark for the
** word of the entry above (Chapter), then the entry's number and title. */
static int
ditto_entry(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    const struct sz_eline *f = &l[x->a];
    size_t i = 0;
    uint32_t cp = sz_essay_cp_at(f->s, f->len, &i);
    if (x->kind == U_HEAD || (cp != '"' && cp != 0x201D && cp != 0x3003) || i >= f->len ||
        f->s[i] != ' ')
        return 0;
    while (i < f->len && f->s[i] == ' ')
        i++;
    size_t a = i;
    while (i < f->len && f->s[i] != '.' && f->s[i] != ' ')
        i++;
    return i > a && i + 1 < f->len && f->s[i] == '.' &&
           (sz_essay_roman_value(f->s + a, i - a) || (f->s[a] >= '0' && f->s[a] <= '9'));
}

/* The next unit after k that is not a merged heading line. */
static size_t
after_heading(const struct units *u, size_t k)
{
    k++;
    while (k < u->n && u->v[k].kind == U_MERGED)
        k++;
    return k;
}

/* A list of the chapters with ditto marks for the repeated word (Chapter
** I. ... / "  II. ... / PART II. / ...), with no word Contents over it:
** a contents list, its chapter lines entries, not headings.  It runs from
** the entries before the first ditto to the last heading with no text
** under it. */
void
sz_essay_ditto_contents(struct units *u, const struct sz_eline *l)
{
    size_t d0 = u->n, dittos = 0;
    for (size_t k = 0; k < u->n; k++)
        if (ditto_entry(u, k, l)) {
            d0 = d0 == u->n ? k : d0;
            dittos++;
        }
    if (dittos < 3)
        return;
    size_t a = d0;
    while (a > 0 && u->v[a - 1].kind == U_HEAD && !u->v[a - 1].merge &&
           sz_essay_keyword_rank(l[u->v[a - 1].a].s, l[u->v[a - 1].a].len) != R_NONE &&
           !sz_essay_bare_number(&l[u->v[a - 1].a]))
        a--;
    size_t e = a, seen = 0;
    while (e < u->n) {
        const struct unit *x = &u->v[e];
        if (ditto_entry(u, e, l)) {
            seen++;
            e++;
            continue;
        }
        if (x->kind == U_MERGED) {
            e++;
            continue;
        }
        size_t nx = after_heading(u, e);
        const struct sz_eline *f = &l[x->a];
        /* a chapter line, or a heading over no text of its own: an entry */
        const struct sz_eline *g = nx < u->n ? &l[u->v[nx].a] : NULL;
        int next_entry = g && (ditto_entry(u, nx, l) ||
                               sz_essay_keyword_rank(g->s, g->len) != R_NONE);
        if ((x->kind != U_HEAD && x->kind != U_PARA) || !g ||
            (sz_essay_is_prose(u, nx, l) && !next_entry) ||
            (sz_essay_keyword_rank(f->s, f->len) == R_NONE &&
             (x->kind != U_HEAD || (u->v[nx].kind == U_PARA && !next_entry))))
            break;
        e++;
    }
    if (seen * 2 < dittos || seen < 3)
        return;
    for (size_t k = a; k < e; k++) {
        u->v[k].kind = U_CONTENTS;
        u->v[k].merge = 0;
        u->v[k].why = "entry of a list of the chapters with ditto marks (\" III.) for the "
                      "repeated word: a contents list";
    }
}

/* The shapes whose place among the others the text decides: capitals,
** underlined with -, title case. */
static const int weak[] = { R_CAPS, R_SETEXT2, R_TITLE };

/* Does shape b hold shape a: b's headings come first, fewer, and nearly
** every one of them is followed by a run of a's before the next? */
int
sz_essay_holds(const struct units *u, int b, int a)
{
    size_t nb = 0, na = 0, held = 0, straight = 0;
    int in_b = 0, seen = 0;
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (head_or_signature(x, b)) {
            nb++;
            in_b = 1;
            seen = 0;
            /* straight over the first a, nothing between (a signature
            ** ends a letter's text, which goes on after it as often) */
            size_t j = next_unit(u, k);
            straight += j < u->n && u->v[j].kind == U_HEAD && u->v[j].rank == a;
        } else if (x->kind == U_HEAD && x->rank == a) {
            if (!in_b)
                return 0;     /* an a before the first b */
            na++;
            held += ++seen == 2;     /* a run: two or more */
        }
    }
    return nb >= 2 && na > nb && held * 4 >= nb * 3 && straight * 4 >= nb * 3;
}

/* sz_essay_holds(u, b, a), asked once a pair by a pass that asks it of
** many headings: held[b][a] remembers the answer, -1 while not asked. */
int
sz_essay_holds_once(const struct units *u, int b, int a, signed char held[R_COUNT][R_COUNT])
{
    signed char *h = &held[b][a];
    if (*h < 0)
        *h = (signed char)sz_essay_holds(u, b, a);
    return *h;
}

/* Is unit k straight over a heading of another shape that its own shape
** holds (The First Journey over THE HARBOUR, THE FOG)? */
int
sz_essay_holds_next(const struct units *u, size_t k, signed char held[R_COUNT][R_COUNT])
{
    size_t j = next_unit(u, k);
    if (j >= u->n || u->v[j].kind != U_HEAD || u->v[j].rank == u->v[k].rank)
        return 0;
    return sz_essay_holds_once(u, u->v[k].rank, u->v[j].rank, held);
}

/* The place of the weak shapes (capitals, underlined with -, title case)
** among the others comes from the text where it nests them: title-case
** headings each followed by a run of headings in capitals (or of chapter
** lines), the first before them all, hold them, whatever the usual
** order.  order[i] is the rank at place i. */
void
sz_essay_rank_order(struct units *u, int order[R_COUNT])
{
    size_t count[R_COUNT] = { 0 };
    for (int r = 0; r < R_COUNT; r++)
        order[r] = r;
    for (size_t k = 0; k < u->n; k++)
        if (u->v[k].kind == U_HEAD)
            count[u->v[k].rank]++;
    for (int j = 0; j < 3; j++)
        for (int a = 0; a < R_COUNT; a++) {
            int b = weak[j];
            /* cheap tests first: b twice or more, a more often */
            if (a == b || count[b] < 2 || count[a] <= count[b] || !sz_essay_holds(u, b, a))
                continue;
            /* b goes just before a */
            int pa = 0, pb = 0;
            for (int r = 0; r < R_COUNT; r++) {
                pa = order[r] == a ? r : pa;
                pb = order[r] == b ? r : pb;
            }
            if (pb < pa)
                continue;
            for (int r = pb; r > pa; r--)
                order[r] = order[r - 1];
            order[pa] = b;
            for (size_t k = 0; k < u->n; k++)
                if (u->v[k].kind == U_HEAD && u->v[k].rank == b)
                    u->v[k].why = "a heading shape whose every line, the first before all of "
                                  "them, comes before a run of headings of another shape: a "
                                  "level over them";
        }
}

/* Lines taken for signatures because a heading follows at once, where
** their shape holds the shape that follows (the text sets each story's
** title over its chapters): headings again. */
void
sz_essay_revive_holders(struct units *u)
{
    signed char held[R_COUNT][R_COUNT];
    memset(held, -1, sizeof held);
    for (size_t k = 0; k < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind != U_PARA || x->why != empty_why || x->rank < 0)
            continue;
        if (sz_essay_holds_next(u, k, held)) {
            x->kind = U_HEAD;
            x->why = "a heading shape the text sets over runs of another, straight over the "
                     "first of them: a heading over them, not a signature";
        }
    }
}

/* "Transcriber's Notes:", "Original Transcriber's Notes": the heading
** of the notes an edition adds about its text. */
static int
transcriber_line(const struct unit *x, const struct sz_eline *l, struct sz_buf *b)
{
    static const char *const keys[] = { "transcribersnote", "transcribersnotes",
                                         "transcribernote", "transcribernotes",
                                         "anmerkungenzurtranskription", NULL };
    const struct sz_eline *f = &l[x->a];
    size_t i = 0;
    if (x->b - x->a != 1 || f->width > 40)
        return 0;
    while (i < f->len && i < 3 && (f->s[i] == '_' || f->s[i] == '*' || f->s[i] == '['))
        i++;
    /* cheap test first: most short lines are dialogue */
    if (f->len < i + 5 || (strncasecmp(f->s + i, "trans", 5) && strncasecmp(f->s + i, "origi", 5) &&
                           strncasecmp(f->s + i, "anmer", 5)))
        return 0;
    sz_essay_squash(l[x->a].s, l[x->a].len, b);
    const char *s = b->data ? b->data : "";
    if (!strncmp(s, "original", 8))
        s += 8;
    for (int m = 0; keys[m]; m++)
        if (!strcmp(s, keys[m]))
            return 1;
    return 0;
}

/* The transcriber's notes after the text has begun (the notes before
** it go with the title page): a section of their own, beside the text's
** divisions, whatever the line's shape. */
void
sz_essay_transcriber_notes(struct units *u, const struct sz_eline *l)
{
    struct sz_buf b = SZ_BUF_INIT;
    int outer = R_NONE;
    for (size_t k = 0; k + 1 < u->n; k++) {
        struct unit *x = &u->v[k];
        if (outer == R_NONE && numbered(u, k, l))
            outer = x->rank;
        /* only after the text has begun: the notes before it are the
        ** edition's front matter */
        if (outer == R_NONE || x->kind != U_PARA || x->merge || !transcriber_line(x, l, &b))
            continue;
        size_t j = k + 1;
        while (j < u->n && u->v[j].kind == U_SKIP)
            j++;
        if (j >= u->n || u->v[j].kind != U_PARA)
            continue;
        x->kind = U_HEAD;
        x->rank = outer;
        x->why = "the transcriber's notes over text of their own: a section beside the text's "
                 "divisions";
    }
    sz_buf_free(&b);
}

/* How many headings of each shape, and the units of the first and last:
** the passes that judge a shape by where the text uses it start here. */
void
sz_essay_rank_spans(const struct units *u, size_t first[R_COUNT], size_t last[R_COUNT],
                    size_t count[R_COUNT])
{
    for (int r = 0; r < R_COUNT; r++)
        first[r] = last[r] = count[r] = 0;
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_HEAD)
            continue;
        if (!count[x->rank]++)
            first[x->rank] = k;
        last[x->rank] = k;
    }
}

/* Headings of a weak shape (capitals, underlined with -, title case)
** that all come after the last heading of every shape ranked under
** theirs hold nothing: a level over the others would nest no section
** (ON THE DUTY OF CIVIL DISOBEDIENCE after WALDEN's title-case
** chapters).  They stand beside the heading before the first of them. */
void
sz_essay_rank_leaves(struct units *u)
{
    size_t first[R_COUNT], last[R_COUNT], count[R_COUNT];
    sz_essay_rank_spans(u, first, last, count);
    for (int w = 0; w < 3; w++) {
        int r = weak[w];
        if (!count[r])
            continue;
        size_t deeper = 0, end = 0;
        for (int d = r + 1; d < R_COUNT; d++)
            if (count[d]) {
                deeper += count[d];
                end = last[d] > end ? last[d] : end;
            }
        if (deeper < 2 || end > first[r])
            continue;
        /* each beside the next heading of another shape (the chapter it
        ** comes before), or the last before it at the end */
        int before = u->v[end].rank, after = R_NONE;
        for (size_t k = u->n; k-- > first[r];) {
            struct unit *x = &u->v[k];
            if (x->kind != U_HEAD)
                continue;
            if (x->rank != r) {
                after = x->rank;
                continue;
            }
            x->rank = after != R_NONE ? after : before;
            x->why = "a heading shape that comes only after the last heading of the shapes "
                     "ranked under it, holding none: beside the heading of another shape after "
                     "it (or before it, at the end)";
        }
        return;
    }
}

/* The number of a story's part ("FIRST", "II.", "3", "Two"), or 0; *style
** says how it is written (D digits, R roman, W a word). */
static int
part_number(const char *s, size_t n, char *style)
{
    static const char *const words[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "first", "second", "third", "fourth", "fifth", "sixth",
        "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
    };
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':'))
        n--;
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (n > 0 && d == n && n <= 3) {
        *style = 'D';
        return atoi(s);
    }
    size_t caps = 0;
    while (caps < n && strchr("IVXLC", s[caps]))
        caps++;
    if (n > 0 && caps == n) {
        *style = 'R';
        return sz_essay_roman_value(s, n);
    }
    /* asked of every heading's words: most are no number word at all */
    if (n < 3 || n > 8 || !strchr("otfsenOTFSEN", s[0]))
        return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if ((words[i][0] | 0x20) == (s[0] | 0x20) && strlen(words[i]) == n &&
            !strncasecmp(words[i], s, n)) {
            *style = 'W';
            return (int)(i % 12) + 1;
        }
    return 0;
}

/* A one-line heading numbered as a part (FIRST STORY, PART II, III.): its
** shape into key (the word beside the number, which side, how the number
** is written) and its number, or 0. */
static int
part_line(const struct unit *x, const struct sz_eline *l, char key[24])
{
    if (x->kind != U_HEAD || x->merge || x->b - x->a != 1)
        return 0;
    const struct sz_eline *f = &l[x->a];
    const char *rest, *rest2, *word;
    size_t rn, rn2, wn;
    size_t w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    size_t w2 = rn ? sz_essay_first_word(rest, rn, &rest2, &rn2) : 0;
    char style = 0, side = '.';
    int v;
    if (!rn) {
        v = part_number(f->s, w, &style);
        word = "", wn = 0;
    } else if (rn2) {
        return 0;
    } else if ((v = part_number(f->s, w, &style))) {
        side = '<', word = rest, wn = w2;
    } else if ((v = part_number(rest, w2, &style))) {
        side = '>', word = f->s, wn = w;
    } else {
        return 0;
    }
    while (wn > 0 && (word[wn - 1] == '.' || word[wn - 1] == ':'))
        wn--;
    if (!v || wn + 3 > 24 || (wn && !((word[0] >= 'A' && word[0] <= 'Z') ||
                                      (unsigned char)word[0] >= 0x80)))
        return 0;
    key[0] = side;
    key[1] = style;
    for (size_t i = 0; i < wn; i++) {
        if (word[i] >= '0' && word[i] <= '9')
            return 0;
        key[2 + i] = word[i] >= 'a' && word[i] <= 'z' ? (char)(word[i] - 32) : word[i];
    }
    key[2 + wn] = 0;
    return v;
}

#define PART_KEYS 8

/* THE WEDDING OF MRS FOX / FIRST STORY / ... / SECOND STORY / ... / THE
** SALAD: a run of one-line headings numbered from one in one shape, the
** first straight under a heading of another shape set at the same level,
** holding no headings of their own and ending where a heading of the
** holder's level (or an outer one) comes, are that heading's parts, a
** level under it.  Only where every heading of that shape in the text
** stands in such a run: a shape that also stands on its own is a
** division of the text. */
void
sz_essay_nest_parts(struct units *u, const struct sz_eline *l, const int level_of[R_COUNT])
{
    char keys[PART_KEYS][24], key[24];
    int bad[PART_KEYS] = { 0 }, runs[PART_KEYS] = { 0 };
    size_t nk = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t prev = u->n, holder = u->n;   /* the heading before; the run's holder */
        int run_key = -1, run_value = 0;
        for (size_t k = 0; k <= u->n; k++) {
            const struct unit *x = k < u->n ? &u->v[k] : NULL;
            if (x && x->kind != U_HEAD)
                continue;
            int v = x ? part_line(x, l, key) : 0, i = -1;
            if (v) {
                for (i = 0; i < (int)nk && strcmp(keys[i], key); i++)
                    ;
                if (i == (int)nk && nk == PART_KEYS)
                    v = 0;
                else if (i == (int)nk)
                    memcpy(keys[nk++], key, sizeof key);
            }
            if (pass == 1) {
                if (v && !bad[i] && run_key == i)
                    ;
                else if (v && !bad[i] && v == 1)
                    run_key = i;
                else
                    run_key = -1;
                if (run_key >= 0 && v == 1) {
                    size_t h = k;
                    while (u->v[h - 1].kind == U_SKIP || u->v[h - 1].kind == U_MERGED)
                        h--;
                    if (u->v[h - 1].kind == U_PARA) {
                        u->v[h - 1].kind = U_HEAD;
                        u->v[h - 1].why = "a heading shape straight over parts numbered from "
                                          "one: a heading over them, not a signature";
                    }
                }
                if (run_key >= 0 && v) {
                    u->v[k].deeper = 1;
                    u->v[k].why = "numbered from one, straight under a heading of another "
                                  "shape at its level, as every run of its shape in the text: "
                                  "that heading's parts, a level under it";
                }
                prev = k;
                continue;
            }
            /* a run ends: the next heading at its holder's level or an outer one */
            if (run_key >= 0 && !(v && i == run_key && v == run_value + 1)) {
                if (run_value < 2 ||
                    (x && level_of[x->rank] > level_of[u->v[holder].rank]))
                    bad[run_key] = 1;
                else
                    runs[run_key]++;
                run_key = -1;
            }
            if (!v || bad[i]) {
                prev = k;
                continue;
            }
            if (v == 1) {
                /* straight under its holder: nothing between */
                size_t j = k;
                while (j > 0 && (u->v[j - 1].kind == U_SKIP || u->v[j - 1].kind == U_MERGED))
                    j--;
                /* the holder may have been taken for a signature, as a
                ** heading straight over another of its level */
                char hk[24];
                const struct unit *h = j ? &u->v[j - 1] : NULL;
                if (!h || !(h->kind == U_HEAD ? prev == j - 1
                                              : h->kind == U_PARA && h->why == empty_why) ||
                    h->rank < 0 || (part_line(h, l, hk) && !strcmp(hk, key)) ||
                    level_of[h->rank] != level_of[x->rank]) {
                    bad[i] = 1;
                } else {
                    run_key = i;
                    run_value = 1;
                    holder = j - 1;
                }
            } else if (run_key == i && v == run_value + 1 &&
                       level_of[x->rank] == level_of[u->v[holder].rank]) {
                run_value = v;
            } else {
                bad[i] = 1;
            }
            prev = k;
        }
        int good = 0;
        for (size_t i = 0; i < nk && pass == 0; i++) {
            bad[i] |= !runs[i];
            good |= !bad[i];
        }
        if (pass == 0 && !good)
            return;
    }
}

/* A numbered division as printed: its line a chapter or part keyword's, or
** a bare number (the front and back matter ranked with the divisions are
** not). */
static int
printed_division(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct sz_eline *f = &l[u->v[k].a];
    const char *rest;
    size_t rn, w;
    if (!numbered(u, k, l))
        return 0;
    w = sz_essay_first_word(f->s, f->len, &rest, &rn);
    return sz_essay_keyword_rank(f->s, f->len) != R_NONE ||
           (!rn && sz_essay_number_token(f->s, w));
}

/* EXPLANATORY / HUCKLEBERRY FINN / CHAPTER I. ...; INTRODUCTION, DEDICATION /
** THE PRINCE / CHAPTER I: the book's title printed again as a heading after
** the sections before the work, over its first numbered division, at that
** division's level, is the half-title over the work.  The divisions of the
** first one's shape that follow (and whatever they hold) are the work's,
** a level under it, up to the first heading of the half-title's level in
** another shape (what the book adds after the work). */
void
sz_essay_nest_half_title(struct units *u, const struct sz_eline *l, const int level_of[R_COUNT],
                         const char *title, const char *author)
{
    if (!title)
        return;
    size_t first = 0, h = u->n, before = 0;
    for (; first < u->n && !printed_division(u, first, l); first++)
        if (u->v[first].kind == U_HEAD) {
            before += h < u->n;
            h = first;
        }
    if (first == u->n || h == u->n || !before)
        return;
    struct unit *x = &u->v[h];
    const struct unit *d = &u->v[first];
    int lv = level_of[x->rank];
    if (x->merge || x->b - x->a != 1 || x->deeper || d->deeper || lv != level_of[d->rank])
        return;
    struct sz_buf want = SZ_BUF_INIT, by = SZ_BUF_INIT, got = SZ_BUF_INIT, cur = SZ_BUF_INIT;
    sz_essay_squash(title, strlen(title), &want);
    if (author)
        sz_essay_squash(author, strlen(author), &by);
    int ok = prints_title(u, l, h, &want, &by, &got, &cur);
    sz_buf_free(&want);
    sz_buf_free(&by);
    sz_buf_free(&got);
    sz_buf_free(&cur);
    if (!ok)
        return;
    size_t divisions = 0, end = first;
    for (size_t k = first; k < u->n; k++) {
        const struct unit *y = &u->v[k];
        if (y->kind != U_HEAD)
            continue;
        if (level_of[y->rank] + y->deeper <= lv && !(y->rank == d->rank && printed_division(u, k, l)))
            break;
        divisions += y->rank == d->rank;
        end = k + 1;
    }
    if (divisions < 2)
        return;
    x->why = "the book's title printed again after the sections before the work, over its "
             "numbered divisions: the half-title over the work, the divisions a level under it";
    for (size_t k = first; k < end; k++)
        if (u->v[k].kind == U_HEAD)
            u->v[k].deeper++;
}

/* HISTORICAL NOTES. / I. / VANCOUVER.: after the book's chapters, a line
** straight over a division numbered one again heads a new series (notes,
** an appendix), ranked beside the chapters as the back matter is; a
** signature closes what comes before it and is not followed by a count
** starting over.  Only where one line does so: several are a collection's
** stories, which sz_essay_story_titles has decided. */
void
sz_essay_series_titles(struct units *u, const struct sz_eline *l)
{
    size_t restarts = 0, at = 0;
    for (size_t k = 0, seen = 0; k + 1 < u->n && restarts < 2; k++) {
        if (seen && restart_title(u, k, l)) {
            restarts++;
            at = k;
        }
        seen |= numbered(u, k, l);
    }
    if (restarts != 1)
        return;
    u->v[at].kind = U_HEAD;
    u->v[at].rank = R_CHAPTER;
    u->v[at].why = "heading shape over a division numbered one again after the book's "
                   "chapters, the only such: the heading of a new series (notes, an "
                   "appendix), ranked with the chapters, not a signature";
}

/* The number a paragraph opens with ("236. I have no doubt ...", "237A. "),
** or -1; *suffix is set when a letter follows the digits (237A.). */
static long
para_number(const struct sz_eline *f, int *suffix)
{
    size_t i = 0;
    long v = 0;
    while (i < f->len && i < 5 && f->s[i] >= '0' && f->s[i] <= '9')
        v = v * 10 + (f->s[i++] - '0');
    if (i == 0 || i == 5)
        return -1;
    *suffix = i < f->len && f->s[i] >= 'A' && f->s[i] <= 'Z';
    i += (size_t)*suffix;
    return i < f->len && f->s[i] == '.' ? v : -1;
}

/* Units looked at past a number alone for the numbered paragraph after it. */
#define RUN_ON_LOOK 24

/* 236. I have no doubt ... / 237. / SEVEN APOPHTHEGMS FOR WOMEN / ... /
** 237A. Woman has hitherto ...: a number alone on its line, between the
** paragraphs the text numbers on either side of it, is one of them set
** apart over its title, not a chapter. */
void
sz_essay_numbered_paragraph_heads(struct units *u, const struct sz_eline *l)
{
    for (size_t k = 1; k < u->n; k++) {
        struct unit *x = &u->v[k];
        int suf;
        if (x->kind != U_HEAD || x->rank != R_CHAPTER)
            continue;
        const struct sz_eline *f = &l[x->a];
        const char *rest;
        size_t rn, w = sz_essay_first_word(f->s, f->len, &rest, &rn);
        long v = rn ? -1 : para_number(f, &suf);
        if (v <= 0 || suf || w != f->len)
            continue;
        size_t p = k;
        while (p > 0 && u->v[p - 1].kind == U_SKIP)
            p--;
        if (p == 0 || u->v[p - 1].kind != U_PARA || para_number(&l[u->v[p - 1].a], &suf) != v - 1)
            continue;
        long next = -1;
        for (size_t j = k + 1; j < u->n && j <= k + RUN_ON_LOOK && next < 0; j++) {
            if (u->v[j].kind == U_HEAD && !(j == k + 1 && x->merge))
                break;
            if (u->v[j].kind == U_PARA)
                next = para_number(&l[u->v[j].a], &suf);
        }
        if (next != v + 1 && !(next == v && suf))
            continue;
        x->kind = U_PARA;
        x->rank = R_NONE;
        x->why = "a number alone between the paragraphs the text numbers on either side of "
                 "it: one of them, set apart over its title, not a chapter";
        if (x->merge == 1 && k + 1 < u->n)
            u->v[k + 1].why = "the title under a numbered paragraph's number set apart";
    }
}
