/*
** essay_gutenberg.c
** Project Gutenberg header and footer: where the book proper starts and
** ends, and the metadata the header gives.
** See LICENSE.
*/
#include <string.h>
#include <strings.h>

#include "readers/essay.h"

/* The header sits in the first lines and the licence in the last ones; a
** marker elsewhere is the book quoting it. */
#define HEAD_LINES 600
#define FOOT_LINES 800

int
sz_essay_has(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (m == 0)
        return 1;
    if (m > n)
        return 0;
    /* Asked of many lines: the places of the first byte, in either case
    ** as strncasecmp folds it, found with memchr before a call. */
    unsigned char c0 = (unsigned char)needle[0];
    unsigned char v[2] = { c0, c0 };
    if (c0 >= 'A' && c0 <= 'Z')
        v[1] = (unsigned char)(c0 | 0x20);
    else if (c0 >= 'a' && c0 <= 'z')
        v[1] = (unsigned char)(c0 & ~0x20);
    const char *last = s + (n - m);
    for (int k = 0; k < (v[1] != v[0] ? 2 : 1); k++)
        for (const char *p = s; p <= last &&
                                (p = memchr(p, v[k], (size_t)(last - p) + 1)) != NULL;
             p++)
            if (!strncasecmp(p, needle, m))
                return 1;
    return 0;
}

static int
starts(const struct sz_eline *l, const char *p)
{
    size_t m = strlen(p);
    return l->len >= m && !strncasecmp(l->s, p, m);
}

int
sz_essay_pg_marker(const char *s, size_t n, const char *what)
{
    return n > 10 && s[0] == '*' && sz_essay_has(s, n, what) && sz_essay_has(s, n, "GUTENBERG");
}

static const struct {
    const char *name, *code;
} langs[] = {
    { "English", "en" }, { "French", "fr" }, { "German", "de" }, { "Spanish", "es" },
    { "Italian", "it" }, { "Dutch", "nl" }, { "Russian", "ru" }, { "Chinese", "zh" },
    { "Portuguese", "pt" }, { "Latin", "la" }, { "Finnish", "fi" }, { "Swedish", "sv" },
    { "Danish", "da" }, { "Norwegian", "no" }, { "Polish", "pl" }, { "Greek", "el" },
    { "Japanese", "ja" }, { "Korean", "ko" }, { "Hungarian", "hu" }, { "Czech", "cs" },
    { "Esperanto", "eo" }, { "Catalan", "ca" }, { "Tagalog", "tl" }, { "Welsh", "cy" },
};

static void
meta_string(struct sz_ectx *c, const char *key, const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    if (n == 0 || sz_meta_get(c->doc, key))
        return;
    char *v = sz_arena_strndup(c->doc->arena, s, n);
    sz_meta_set_string(c->doc, key, v);
}

static void
meta_inlines(struct sz_ectx *c, const char *key, const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    if (n > 0)         /* metadata is given, not typed prose: no smart quotes */
        sz_essay_meta_text(c, key, s, n, 0);
}

/* "Release Date: March, 1994 [EBook #11]": the date, and the number. */
static void
release(struct sz_ectx *c, const char *s, size_t n)
{
    const char *br = memchr(s, '[', n);
    const char *hash = memchr(s, '#', n);
    if (hash) {
        size_t k = 1;
        while (hash + k < s + n && hash[k] >= '0' && hash[k] <= '9')
            k++;
        if (k > 1)
            meta_string(c, "gutenberg-ebook", hash + 1, k - 1);
    }
    meta_string(c, "date", s, br ? (size_t)(br - s) : n);
}

/* Indented lines under "Title:" are the subtitle, however many there are
** (long subtitles wrap), joined with spaces. */
static void
subtitle(struct sz_ectx *c, struct sz_eline *l, size_t i, size_t end)
{
    size_t j = i, n = 0;
    while (j < end && !l[j].blank && l[j].indent > 0 &&
           !memchr(l[j].s, ':', l[j].len < 16 ? l[j].len : 16))
        n += l[j++].len + 1;
    if (j == i)
        return;
    char *v = sz_arena_alloc(c->doc->arena, n);
    size_t k = 0;
    for (; i < j; i++) {
        memcpy(v + k, l[i].s, l[i].len);
        k += l[i].len;
        v[k++] = ' ';
    }
    meta_inlines(c, "subtitle", v, k - 1);
}

/* "Adventures of Huckleberry Finn, Complete": the catalogue marks the
** edition that gathers a book's parts so; the title page never prints it
** in the title.  The length of s[0..n) without it. */
static size_t
edition_note(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n > 10 && !strncasecmp(s + n - 10, ", Complete", 10))
        return n - 10;
    return n;
}

/* "Mark Twain (Samuel Clemens)", "Harriet Jacobs (AKA Linda Brent)": the
** other name the catalogue adds in brackets is not the name the book is
** by.  The length of s[0..n) without it. */
static size_t
other_name(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n < 4 || s[n - 1] != ')')
        return n;
    size_t k = n - 1;
    while (k > 0 && s[k] != '(')
        k--;
    if (s[k] != '(' || k < 2 || s[k - 1] != ' ')
        return n;
    return k - 1;
}

static void
field(struct sz_ectx *c, struct sz_eline *l, size_t i, size_t end)
{
    static const char *const keys[] = { "Title:", "Author:", "Release Date:", "Language:",
                                        "Posting Date:", NULL };
    for (int k = 0; keys[k]; k++) {
        size_t m = strlen(keys[k]);
        if (!starts(&l[i], keys[k]))
            continue;
        const char *v = l[i].s + m;
        size_t n = l[i].len - m;
        while (n && *v == ' ') {
            v++;
            n--;
        }
        size_t kept;
        switch (k) {
        case 0:
            if ((kept = edition_note(v, n)) < n && !sz_meta_get(c->doc, "title"))
                sz_essay_trace_meta(c, l[i].lineno, "title", "the header's Title: line, less "
                                    "the catalogue's \", Complete\" (the edition gathers the "
                                    "book's parts; the title page prints no such title)", v, kept);
            meta_inlines(c, "title", v, kept);
            subtitle(c, l, i + 1, end);
            break;
        case 1:
            if ((kept = other_name(v, n)) < n && !sz_meta_get(c->doc, "author"))
                sz_essay_trace_meta(c, l[i].lineno, "author", "the header's Author: line, less "
                                    "the other name the catalogue adds in brackets", v, kept);
            meta_inlines(c, "author", v, kept);
            break;
        case 2: case 4: release(c, v, n); break;
        case 3:
            for (size_t j = 0; j < sizeof langs / sizeof langs[0]; j++) {
                size_t ln = strlen(langs[j].name);
                if (n >= ln && !strncasecmp(v, langs[j].name, ln))
                    meta_string(c, "lang", langs[j].code, strlen(langs[j].code));
            }
            break;
        }
        return;
    }
    /* [Etext #4650] on a line of its own */
    if (l[i].len && l[i].s[0] == '[' && sz_essay_has(l[i].s, l[i].len, "#"))
        release(c, l[i].s, l[i].len);
}

/* The catalogue's title, kept until the title page is read. */
static void
catalogue(struct sz_ectx *c, const char *s, size_t n, uint32_t line, const char *why)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    while (n && *s == ' ')
        s++, n--;
    if (!n || c->cat_title)
        return;
    c->cat_title = sz_arena_strndup(c->doc->arena, s, n);
    c->cat_len = n;
    c->cat_line = line;
    c->cat_why = why;
}

/* "End of the Project Gutenberg EBook of Faust, by Goethe": when the header
** is missing, the footer's first line still names the book; so does the
** header's first line ("The Project Gutenberg EBook of Faust, by Goethe")
** when the header has no Title: line. */
static void
from_end_line(struct sz_ectx *c, const struct sz_eline *l, const struct sz_eline *next,
              const char *why)
{
    const char *s = l->s;
    size_t n = l->len;
    /* the line wrapped ("... EBook of History of the Peninsular War Volume
    ** / III (of 6), by Charles Oman"): the next line goes on with it */
    struct sz_buf both = SZ_BUF_INIT;
    if (next && !next->blank && next->width < 90 && !sz_essay_has(s, n, ", by ") &&
        !starts(next, "***")) {
        sz_buf_put(&both, s, n);
        sz_buf_putc(&both, ' ');
        sz_buf_put(&both, next->s, next->len);
        s = both.data;
        n = both.len;
    }
    /* "..., by" at the end: the author was on the next line */
    if (n >= 4 && !strncmp(s + n - 4, ", by", 4))
        n -= 4;
    for (size_t i = 0; i + 8 <= n; i++) {
        if (strncasecmp(s + i, "book of ", 8) && strncasecmp(s + i, "text of ", 8) &&
            strncmp(s + i, "’s ", 5) && strncmp(s + i, "'s ", 3))
            continue;
        size_t a = i + (s[i] == '\xE2' ? 5 : s[i] == '\'' ? 3 : 8);
        size_t b = n;
        for (size_t j = a; j + 5 <= n; j++)
            if (!strncmp(s + j, ", by ", 5)) {
                b = j;
                meta_inlines(c, "author", s + j + 5, n - j - 5);
                break;
            }
        /* "The History Of Patient Grisel, 1619": the year is the date */
        if (b - a > 8 && s[b - 6] == ',' && s[b - 5] == ' ' && s[b - 4] >= '1' &&
            s[b - 4] <= '2' && s[b - 3] >= '0' && s[b - 3] <= '9' && s[b - 2] >= '0' &&
            s[b - 2] <= '9' && s[b - 1] >= '0' && s[b - 1] <= '9') {
            meta_inlines(c, "date", s + b - 4, 4);
            b -= 6;
        }
        catalogue(c, s + a, b - a, l->lineno, why);
        break;
    }
    sz_buf_free(&both);
}

/* "*** START OF THE PROJECT GUTENBERG EBOOK THE TIME MACHINE ***": the
** catalogue's title, in capitals; a number there ("EBOOK 2701") is none. */
static void
from_marker(struct sz_ectx *c, const struct sz_eline *l)
{
    const char *s = l->s;
    size_t n = l->len, a = 0;
    if (n < 3 || memcmp(s + n - 3, "***", 3))
        return;                /* broken over two lines: the title may be cut */
    for (size_t i = 0; i + 6 <= n; i++)
        if (!strncasecmp(s + i, "EBOOK ", 6)) {
            a = i + 6;
            break;
        }
    if (!a)
        return;
    while (n > a && (s[n - 1] == '*' || s[n - 1] == ' '))
        n--;
    int letters = 0;
    for (size_t i = a; i < n; i++)
        letters += ((unsigned char)s[i] | 0x20) >= 'a' && ((unsigned char)s[i] | 0x20) <= 'z';
    if (letters >= 2)
        catalogue(c, s + a, n - a, l->lineno, "the catalogue's title in Project Gutenberg's "
                                              "START line");
}

int
sz_essay_gutenberg(struct sz_ectx *c, struct sz_elines *lines, size_t *body_a, size_t *body_b)
{
    struct sz_eline *l = lines->v;
    size_t n = lines->n, a = 0, b = n, start = n;
    for (size_t i = 0; i < n && i < HEAD_LINES; i++) {
        if (!sz_essay_pg_marker(l[i].s, l[i].len, "START OF"))
            continue;
        start = i;
        a = i + 1;
        /* a marker broken over two lines */
        if (!(l[i].len >= 3 && !memcmp(l[i].s + l[i].len - 3, "***", 3)) && a < n &&
            l[a].len >= 3 && !memcmp(l[a].s + l[a].len - 3, "***", 3))
            a++;
        for (size_t j = 0; j < i; j++)
            field(c, l, j, i);
        for (size_t j = 0; j < i && j < 20; j++)
            if (!l[j].blank) {
                if (starts(&l[j], "The Project Gutenberg EBook of ") ||
                    starts(&l[j], "The Project Gutenberg Etext of ") ||
                    starts(&l[j], "Project Gutenberg's ") ||
                    starts(&l[j], "Project Gutenberg\xE2\x80\x99s "))
                    from_end_line(c, &l[j], j + 1 < i ? &l[j + 1] : NULL,
                                  "the catalogue's title in Project Gutenberg's first line");
                break;
            }
        break;
    }
    size_t lo = n > FOOT_LINES ? n - FOOT_LINES : 0;
    if (lo < a)
        lo = a;
    for (size_t i = n; i-- > lo;) {
        if (sz_essay_pg_marker(l[i].s, l[i].len, "END OF")) {
            b = i;
            continue;
        }
        if (starts(&l[i], "End of the Project Gutenberg") ||
            starts(&l[i], "End of Project Gutenberg") ||
            starts(&l[i], "End of The Project Gutenberg")) {
            if (b == n || b - i < 15) {
                b = i;
                from_end_line(c, &l[i], i + 1 < n ? &l[i + 1] : NULL,
                              "the catalogue's title in Project Gutenberg's footer");
            }
            break;
        }
        if (b != n && b - i >= 15)
            break;
    }
    /* the footer's title keeps the catalogue's case: the marker's only when
    ** there is no footer */
    if (start < n)
        from_marker(c, &l[start]);
    *body_a = a;
    *body_b = b;
    return a > 0 || b < n;
}
