/*
** essay_title.c
** The title of a book without Project Gutenberg's header, from its title
** page: the first short lines, past illustrations, transcribers' notes and
** rules, up to the author's line, a sentence's end or the publisher.
** See LICENSE.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "readers/essay.h"
#include "readers/essay_units.h"

/* Lines of a title page looked at; a title further down is not one. */
#define TITLE_SCAN 80
/* A title line is short; a wider line is prose. */
#define TITLE_WIDTH 60

/* Bytes of the first word of s[0..n), and its case-free test against list. */
static int
starts_with_word(const char *s, size_t n, const char *const *list)
{
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != ',' && s[w] != ':')
        w++;
    return sz_essay_word_ci(s, w, list);
}

/* Bytes of the dashes round s[0..n) ("--OF THE--", "—OF—"): the
** page's ornament on a line of joining words; 0 unless both ends have one. */
static size_t
dash_marks(const char *s, size_t n, size_t *tail)
{
    size_t a = 0, e = n;
    while (a < n && (s[a] == '-' || (a + 3 <= n && !memcmp(s + a, "\xE2\x80\x94", 3))))
        a += s[a] == '-' ? 1 : 3;
    while (e > a && (s[e - 1] == '-' || (e >= a + 3 && !memcmp(s + e - 3, "\xE2\x80\x94", 3))))
        e -= s[e - 1] == '-' ? 1 : 3;
    if (!a || e == n || e == a)
        return 0;
    *tail = n - e;
    return a;
}

/* A line made only of joining words: "OF", "OF THE", "DE", "and",
** "--OF THE--" between its dashes. */
static int
joining_line(const char *s, size_t n)
{
    size_t tail = 0, head = dash_marks(s, n, &tail);
    s += head;
    n -= head + tail;
    static const char *const join[] = { "of", "the", "de", "du", "des", "on", "and", "in",
                                         "et", "und", "y", "or", "a", "an", "la", "le", "les",
                                         "to", "for", "von", "der", "die", "das", "au",
                                         "aux", NULL };
    size_t i = 0;
    int any = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t a = i;
        while (i < n && s[i] != ' ')
            i++;
        if (a == i)
            break;
        if (!sz_essay_word_ci(s + a, i - a, join))
            return 0;
        any = 1;
    }
    return any;
}

/* The blank lines under line i (four at most counted). */
static size_t
blanks_after(const struct sz_eline *l, size_t i, size_t b)
{
    size_t n = 0;
    while (i + 1 + n < b && l[i + 1 + n].blank && n < 4)
        n++;
    return n;
}

/* Does the line open with a joining word ("AU CORPS", "of the Marsh")? */
static int
opens_joining(const struct sz_eline *l)
{
    size_t e = 0;
    while (e < l->len && l->s[e] != ' ')
        e++;
    return e < l->len && joining_line(l->s, e);
}

/* Does the title end with a word that needs the next line ("THE", "OF")? */
static int
ends_joining(const struct sz_buf *t)
{
    size_t e = t->len, a = e;
    while (a > 0 && t->data[a - 1] != ' ')
        a--;
    return e > a && joining_line(t->data + a, e - a);
}

static int
rule_line(const struct sz_eline *l)
{
    size_t marks = 0;
    for (size_t i = 0; i < l->len; i++) {
        char ch = l->s[i];
        if (ch == '*' || ch == '#' || ch == '-' || ch == '=' || ch == '_' || ch == '~' ||
            ch == '+')
            marks++;   /* "+" too: the corner of a box drawn round a note */
        else if (ch != ' ')
            return 0;
    }
    return marks >= 3;
}

/* Words that end a title: the author's line, editors; after the first
** line (more) the genre too: "A Novel", "And Other Stories"; a line of
** joining words alone ("AND") goes on with the title within its block (more 2). */
static int
stop_line(const struct sz_eline *l, int more)
{
    static const char *const stop[] = { "by", "von", "par", "edited", "written", "translated",
                                         "being", "illustrated", "contents", "préface",
                                         "preface", "introduction", "wherein", "containing",
                                         "author", NULL };
    static const char *const genre[] = { "with", "a", "an", "and", NULL };
    const char *s = l->s;
    size_t n = l->len;
    while (n && (*s == '_' || *s == '+' || *s == '('))
        s++, n--;
    return starts_with_word(s, n, stop) ||
           (more && starts_with_word(s, n, genre) && !(more == 2 && joining_line(s, n)));
}

static int person(const char *s, size_t n);

/* Lines the title page has besides the title, skipped before it. */
static int
note_heading(const struct sz_eline *l)
{
    static const char *const p[] = { "transcriber", "anmerkungen zur transkription",
                                     "note", "notes", "produced by", "cover", "e-text",
                                     "etext", "this etext", "this e-text", "this ebook",
                                     "this e-book", "this file", "transcribed from",
                                     "transcribed by", "prepared by", "scanned by",
                                     "digitized by", "proofread by", "copyright",
                                     "dedicated to", "to my ", "to the memory",
                                     "in memory of", "images of the original", NULL };
    /* the words alone or before a colon or full stop: "Notes from the
    ** Underground", "Covered Wagon Days" are titles */
    static const char *const alone[] = { "note", "notes", "cover", NULL };
    for (int i = 0; p[i]; i++) {
        size_t m = strlen(p[i]);
        if (l->len >= m && !strncasecmp(l->s, p[i], m)) {
            if (!sz_essay_word_ci(p[i], m, alone))
                return 1;
            return m == l->len || strchr(":.-", l->s[m]) ||
                   (l->len - m >= 3 && !memcmp(l->s + m, "\xE2\x80\x94", 3));
        }
    }
    return 0;
}

/* Does the full stop at s[i] end a short word, "Dr.", "Mr.", "St.", an
** initial: an abbreviation inside a title, no sentence's end? */
static int
abbreviation(const char *s, size_t i)
{
    size_t a = i;
    while (a > 0 && s[a - 1] != ' ')
        a--;
    return i - a <= 3 && i > a && s[a] >= 'A' && s[a] <= 'Z';
}

static int plain_word(const struct sz_eline *l);

/* "E-book prepared by Ada Fenwick", "Scanned and proofed by ...", "Typed
** by ...": a sentence's words (or one word in -ed) before "by" and a
** person's name after it, the credit of who made the edition; a title
** before a By line has no such words ("A Journey by Night"). */
static int
credit_by(const struct sz_eline *l)
{
    if (l->width > TITLE_WIDTH + 20)
        return 0;
    for (size_t i = 1; i + 4 < l->len; i++) {
        if (l->s[i] != ' ' || strncasecmp(l->s + i, " by ", 4))
            continue;
        if (!person(l->s + i + 4, l->len - i - 4))
            return 0;
        struct sz_eline head = *l;
        head.len = i;
        int one = !memchr(l->s, ' ', i) && i > 3 && !strncmp(l->s + i - 2, "ed", 2);
        return one || plain_word(&head);
    }
    return 0;
}

/* "Proofreading Team at http://www.pgdp.net", "email ccx074@pglaf.org":
** an address is a note's, never a title's. */
static int
address_line(const struct sz_eline *l)
{
    return sz_essay_has(l->s, l->len, "http:") || sz_essay_has(l->s, l->len, "https:") ||
           sz_essay_has(l->s, l->len, "www.") || memchr(l->s, '@', l->len) != NULL;
}

int
sz_essay_note_line(const struct sz_eline *l)
{
    return note_heading(l) || credit_by(l);
}

/* A line with a letter, short, not a quotation nor a bracket. */
static int
title_shaped(const struct sz_eline *l)
{
    if (l->cols > TITLE_WIDTH || !l->len)
        return 0;
    unsigned char f = (unsigned char)l->s[0];
    if (f == '[' || f == '(' || f == '"' || f == '\'' || f == '*' ||
        (f == 0xE2 && l->len >= 3 && (unsigned char)l->s[1] == 0x80 &&
         ((unsigned char)l->s[2] == 0x9C || (unsigned char)l->s[2] == 0x98)))
        return 0;
    /* a sentence ends inside: prose ("。", ". The" in a long line) */
    size_t words = 1;
    for (size_t i = 0; i < l->len; i++)
        words += l->s[i] == ' ';
    for (size_t i = 0; i + 3 <= l->len; i++)
        if (!memcmp(l->s + i, "\xE3\x80\x82", 3) || (words > 8 && l->s[i] == '.' &&
                                                   l->s[i + 1] == ' ' && i + 2 < l->len &&
                                                   !abbreviation(l->s, i)))
            return 0;
    for (size_t i = 0; i < l->len; i++) {
        unsigned char ch = (unsigned char)l->s[i];
        if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
            return 1;
        if (ch >= 0x80)
            return 1;
    }
    return 0;
}

static int
strpbrk_n(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (strchr(set, s[i]) && s[i])
            return 1;
    return 0;
}

/* A block of three or more lines, all but the last of them long: a
** paragraph wrapped, not a title page. */
static int
wrapped_block(const struct sz_eline *l, size_t i, size_t b)
{
    size_t n = 0, wide = 0;
    for (size_t j = i; j < b && !l[j].blank && n < 8; j++, n++)
        wide += l[j].cols >= 40 && (j + 1 < b && !l[j + 1].blank);
    return n >= 3 && wide + 1 >= n;
}

/* 1: letters all upper case, 0: some lower case, -1: no cased letter. */
static int
caps(const struct sz_eline *l)
{
    size_t i = 0, up = 0;
    while (i < l->len) {
        uint32_t cp;
        i += sz_utf8_decode(l->s + i, l->len - i, &cp);
        utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)cp);
        if (k == UTF8PROC_CATEGORY_LL)
            return 0;
        up += k == UTF8PROC_CATEGORY_LU;
    }
    return up ? 1 : -1;
}

/* Words of a title that no name has. */
static const char *const not_name[] = { "from", "with", "at", "by", "into", "upon", "over",
                                        "under", "after", "about", "among", "through",
                                        "without", "against", "beyond", "before", NULL };

/* "George Eliot", "Николай Гоголь": two to four capitalised words. */
static int
name_shaped(const struct sz_eline *l)
{
    size_t words = 0;
    for (size_t i = 0; i < l->len; i++) {
        if (i == 0 || l->s[i - 1] == ' ') {
            size_t e = i;
            while (e < l->len && l->s[e] != ' ')
                e++;
            if (joining_line(l->s + i, e - i) || sz_essay_word_ci(l->s + i, e - i, not_name) ||
                (e - i > 2 && l->s[e - 1] == 's' &&
                 (l->s[e - 2] == '\'' || (e - i > 4 && !memcmp(l->s + e - 4, "\xE2\x80\x99", 3)))))
                return 0;      /* "A Rich Document", "Tales From Abroad", "Uncle Tom's
                               ** Cabin" are no names */
            uint32_t cp;
            sz_utf8_decode(l->s + i, l->len - i, &cp);
            if (utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_LU)
                return 0;
            words++;
        }
    }
    return words >= 2 && words <= 4 && l->width <= 30 && caps(l) == 0;
}

/* "Л.Н.Толстой", "H. G. WELLS": initials, then a capitalised word. */
static int
initials_name(const struct sz_eline *l)
{
    size_t i = 0, inits = 0;
    if (l->width > 30)
        return 0;
    for (;;) {
        while (i < l->len && l->s[i] == ' ')
            i++;
        uint32_t cp;
        size_t k = sz_utf8_decode(l->s + i, l->len - i, &cp);
        if (i >= l->len || utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_LU)
            return 0;
        if (i + k < l->len && l->s[i + k] == '.') {
            inits++;
            i += k + 1;
            continue;
        }
        break;
    }
    /* the surname: one word of letters to the end */
    size_t e = i;
    while (e < l->len && l->s[e] != ' ' && l->s[e] != ',')
        e++;
    return inits >= 1 && e == l->len && e - i >= 3;
}

static int kind_line(const struct sz_eline *l);
static int kind_alone(const struct sz_eline *l);
static size_t catalogue_part(const struct sz_eline *l);
static int volumes_line(const struct sz_eline *l);

/* "A NOVEL", "AN AUTOBIOGRAPHY", "A Tale of the Sea", "BEING THE MEMOIRS
** OF ...", "AND OTHER STORIES", "With an Introduction": a line naming the
** kind of work or what the edition adds, the way a subtitle does (by an
** article and a kind within its first words, or its last word a kind). */
static int
genre_line(const struct sz_eline *l)
{
    static const char *const art[] = { "a", "an", "being", "and", "with", NULL };
    static const char *const kinds[] = {
        "novel", "romance", "story", "stories", "tale", "tales", "poem", "poems",
        "autobiography", "biography", "memoir", "memoirs", "history", "essay", "essays",
        "sketch", "sketches", "play", "comedy", "tragedy", "drama", "narrative", "chronicle",
        "study", "record", "account", "other", "collection", "sequel", "introduction",
        "illustrations", "notes", "preface", "portrait", "portraits", "maps", NULL };
    if (kind_line(l))
        return 1;
    size_t i = 0, word = 0;
    while (i < l->len && word < 4) {
        while (i < l->len && (l->s[i] == ' ' || l->s[i] == '_'))
            i++;
        size_t e = i;
        while (e < l->len && l->s[e] != ' ')
            e++;
        size_t t = e;
        while (t > i && strchr(".,:;_", l->s[t - 1]))
            t--;
        if (t == i)
            break;
        if (word == 0 && !sz_essay_word_ci(l->s + i, t - i, art))
            return 0;
        if (word > 0 && sz_essay_word_ci(l->s + i, t - i, kinds))
            return 1;
        word++;
        i = e;
    }
    return 0;
}

/* Does the one-line candidate f name the author over the title t, the
** way French and Russian title pages set it ("Alexandre Dumas" over "LE
** COMTE DE MONTE-CRISTO", "Л.Н.Толстой" over "Крейцерова соната")?  A
** name in capitals and lower case over a title in capitals that no name
** is (a joining word, one word, or more than four); or initials. */
static int
author_over(const struct sz_eline *l, size_t f, size_t t)
{
    /* "Jane Eyre" over "AN AUTOBIOGRAPHY" is the title over its kind */
    if (genre_line(&l[t]))
        return 0;
    if (initials_name(&l[f]))
        return !initials_name(&l[t]) && !name_shaped(&l[t]);
    if (!name_shaped(&l[f]) || caps(&l[t]) != 1)
        return 0;
    size_t words = 1, join = 0;
    for (size_t i = 0; i < l[t].len; i++)
        if (i == 0 || l[t].s[i - 1] == ' ') {
            size_t e = i;
            while (e < l[t].len && l[t].s[e] != ' ')
                e++;
            join += joining_line(l[t].s + i, e - i);
            words += i > 0;
        }
    /* a possessive or a word no name has: "AUNT LYDIA'S BEACON" */
    int possessive = 0;
    for (size_t i = 0; i + 2 < l[t].len; i++)
        possessive |= (l[t].s[i] == '\'' && (l[t].s[i + 1] | 0x20) == 's') ||
                      (i + 4 < l[t].len && !memcmp(l[t].s + i, "\xE2\x80\x99", 3) &&
                       (l[t].s[i + 3] | 0x20) == 's');
    return join || words == 1 || words > 4 || possessive || !person(l[t].s, l[t].len);
}

/* "RAYMOND RADIGUET / LE / DIABLE / AU CORPS / Roman": a person's name
** alone over the first candidate f, the second t under it,
** and the kind of work ("Roman", "A NOVEL") or the volume ("Tome I")
** printed under t: those are printed under the title, so the line over
** it is its author's. */
static int
caps_name_over_kind(const struct sz_eline *l, size_t f, size_t t_last, size_t lim)
{
    const struct sz_eline *x = &l[f];
    if (x->width > 30 || !((caps(x) == 1 && person(x->s, x->len)) || name_shaped(x)))
        return 0;
    if (catalogue_part(&l[t_last]))
        return 1;      /* the title read with its volume */
    size_t j = t_last + 1;
    while (j < lim && l[j].blank)
        j++;
    return j < lim && (genre_line(&l[j]) || kind_alone(&l[j]) || catalogue_part(&l[j]) ||
                       volumes_line(&l[j]));
}

/* A line under a title that catalogues make part of it: the volume
** ("Tome I (1845-1846)", "VOL. II.", "Band 3").
** Returns how many bytes of it to keep (the date in brackets and the
** full stop dropped), 0 when it is no such line. */
static size_t
catalogue_part(const struct sz_eline *l)
{
    static const char *const vol[] = { "tome", "tomo", "volume", "vol", "vol.", "band",
                                       "bd.", "bd", "volumen", "deel", "teil", NULL };
    static const char *const nums[] = {
        "premier", "première", "second", "seconde", "first", "one", "two", "three",
        "four", "primero", "segundo", "erster", "zweiter", "dritter", NULL };
    const char *s = l->s;
    size_t n = l->len;
    if (l->width > 40 || !n)
        return 0;
    size_t w = 0;
    while (w < n && s[w] != ' ')
        w++;
    if (!sz_essay_word_ci(s, w, vol) || w >= n)
        return 0;
    size_t a = w + 1, e = a;
    while (e < n && s[e] != ' ' && s[e] != '.' && s[e] != ',')
        e++;
    if (e == a)
        return 0;
    int num = sz_essay_word_ci(s + a, e - a, nums);
    if (!num) {
        num = 1;
        for (size_t k = a; k < e; k++)
            if (!strchr("IVXLCivxlc0123456789", s[k]))
                num = 0;
    }
    if (!num)
        return 0;
    /* nothing after the number but a full stop or a date in brackets */
    size_t r = e;
    while (r < n && (s[r] == '.' || s[r] == ' '))
        r++;
    if (r < n && s[r] != '(')
        return 0;
    return e;
}

/* The volume catalogue_part found, vn bytes of l, after the title as the
** catalogue writes it: "LES MISÉRABLES: Volume II" for "VOL. II.", the
** word in full, after a colon (the volume is no part of the title's
** words, the way a subtitle is not). */
static void
put_volume(struct sz_buf *t, const struct sz_eline *l, size_t vn)
{
    static const char *const vol[] = { "vol", "vol.", "volume", NULL };
    size_t w = 0;
    while (w < vn && l->s[w] != ' ')
        w++;
    sz_buf_put(t, ": ", 2);
    if (sz_essay_word_ci(l->s, w, vol))
        sz_buf_put(t, "Volume", 6);
    else
        sz_buf_put(t, l->s, w);
    sz_buf_put(t, l->s + w, vn - w);
}

/* "IN SIX VOLUMES.", "_In Two Volumes_": how many volumes the work has, or 0. */
static int
volumes_line(const struct sz_eline *l)
{
    static const char *const nums[] = { "two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "eleven", "twelve", NULL };
    const char *s = l->s;
    size_t n = l->len;
    while (n && strchr("_.+= ", *s))
        s++, n--;
    while (n && strchr("_.+= ", s[n - 1]))
        n--;
    if (n < 11 || n > 24 || strncasecmp(s, "in ", 3) || strncasecmp(s + n - 8, " volumes", 8))
        return 0;
    const char *w = s + 3;
    size_t m = n - 11;
    for (int k = 0; nums[k]; k++)
        if (strlen(nums[k]) == m && !strncasecmp(w, nums[k], m))
            return k + 2;
    int v = 0;
    for (size_t k = 0; k < m; k++) {
        if (w[k] < '0' || w[k] > '9')
            return 0;
        v = v * 10 + (w[k] - '0');
    }
    return m && m <= 2 ? v : 0;
}

/* The line's last word, its stops and underscores trimmed: the end is
** returned, the start set in *a (0 when the line is one word). */
static size_t
last_word(const struct sz_eline *l, size_t *a)
{
    size_t e = l->len;
    while (e && strchr(".,;:_ ", l->s[e - 1]))
        e--;
    *a = e;
    while (*a && l->s[*a - 1] != ' ')
        (*a)--;
    return e;
}

/* "Сентиментальный роман", "Roman in drei Teilen"? No: a line of two
** words or more in lower and upper case whose last word names the kind of
** work (novel, tale, comedy, in the languages of the corpus), the way a
** subtitle does; the title stops over it. */
static const char *const kind_words[] = {
        "novel", "romance", "story", "tale", "comedy", "tragedy", "drama", "poem",
        "roman", "nouvelle", "conte", "comédie", "tragédie", "récit", "erzählung",
        "novelle", "komödie", "tragödie", "schauspiel", "trauerspiel", "lustspiel",
        "novela", "comedia", "tragedia", "romanzo", "commedia", "racconto",
        "роман", "повесть", "рассказ", "комедия", "драма", "трагедия", "поэма", NULL };

static int
kind_line(const struct sz_eline *l)
{
    size_t a, e = last_word(l, &a);
    return a > 0 && caps(l) == 0 && sz_essay_word_ci(l->s + a, e - a, kind_words);
}

/* "Roman", "NOVEL.": a line of one word naming the kind of work. */
static int
kind_alone(const struct sz_eline *l)
{
    /* the kinds a collection names itself by, alone on a line under the
    ** title ("Orchard / Sketches"); on a title's line they end it
    ** ("Twice-Told Tales") and so are not kind_words */
    static const char *const plural[] = { "sketches", "stories", "tales", "poems", "essays",
                                          "studies", "verses", "letters", "fables", "ballads",
                                          "contes", "nouvelles", "poésies", "erzählungen",
                                          "novellen", "gedichte", "рассказы", "повести",
                                          "стихотворения", NULL };
    size_t a, e = last_word(l, &a);
    return a == 0 && e > 0 &&
           (sz_essay_word_ci(l->s, e, kind_words) || sz_essay_word_ci(l->s, e, plural));
}

/* The line's text without the _italic_ or +bold+ marks around it. */
static void
put_piece(struct sz_buf *t, const struct sz_eline *l)
{
    const char *s = l->s;
    size_t n = l->len;
    while (n && (*s == '_' || *s == '+'))
        s++, n--;
    while (n && (s[n - 1] == '_' || s[n - 1] == '+'))
        n--;
    /* "--OF THE--": the words, not the page's dashes round them */
    size_t tail = 0, head = dash_marks(s, n, &tail);
    if (head && joining_line(s, n)) {
        s += head;
        n -= head + tail;
    }
    if (t->len)
        sz_buf_putc(t, ' ');
    sz_buf_put(t, s, n);
}

/* A word in lower case that no title writes so: "was", "represented";
** "Gov. Bob. Taylor's Tales." has none. */
static int
plain_word(const struct sz_eline *l)
{
    for (size_t i = 0; i < l->len; i++) {
        if (i > 0 && l->s[i - 1] != ' ')
            continue;
        size_t e = i;
        while (e < l->len && l->s[e] != ' ')
            e++;
        if (l->s[i] >= 'a' && l->s[i] <= 'z' && !joining_line(l->s + i, e - i))
            return 1;
    }
    return 0;
}

/* Does a name follow at byte k, "by H. G. Wells", "BY _Ouida_", and not
** a sentence, "by the Library of Congress)" in a producer's note? */
static int
named_at(const char *s, size_t n, size_t k)
{
    while (k < n && (s[k] == '_' || s[k] == ' '))
        k++;
    if (k >= n)
        return 0;
    uint32_t cp;
    sz_utf8_decode(s + k, n - k, &cp);
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

/* "by the Rev. Hugh Pellam", "by the Author of ...": "the" before a
** rank or a title in capitals names someone too; a note's sentence goes
** on in lower case ("by the Internet Archive)" is caught by its line
** running on from the note's). */
static int
named(const struct sz_eline *l, size_t k)
{
    while (k < l->len && (l->s[k] == '_' || l->s[k] == ' '))
        k++;
    if (k + 4 < l->len && !strncasecmp(l->s + k, "the ", 4) && l->width <= 40)
        k += 4;
    return named_at(l->s, l->len, k);
}

/* Is line i a By line of the page, not one of a note's sentence going on
** ("... made available / by The Internet Archive)")? */
static int
byline_at(const struct sz_eline *l, size_t a, size_t i, size_t k)
{
    if (!named(&l[i], k))
        return 0;
    const struct sz_eline *p = i > a ? &l[i - 1] : NULL;
    return !p || p->blank || p->cols < 40 || !plain_word(p);
}

/* The next word of a name from s[*i] on, past spaces and the marks
** in skip: *i is where it starts, *e where it ends, *t where it ends
** without the stops and marks after it ("Barrie," "J."); 1 when it opens
** with a capital, 0 when not, -1 when no word is left. */
static int
name_word(const char *s, size_t n, size_t *i, size_t *t, size_t *e, const char *skip)
{
    size_t a = *i;
    while (a < n && (s[a] == ' ' || (*skip && strchr(skip, s[a]))))
        a++;
    *i = a;
    if (a >= n)
        return -1;
    size_t b = a;
    while (b < n && s[b] != ' ')
        b++;
    *e = b;
    while (b > a && strchr(".,;_", s[b - 1]))
        b--;
    *t = b;
    uint32_t cp;
    sz_utf8_decode(s + a, n - a, &cp);
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

/* A person's name after "by" on a title's line: two to five capitalised
** words or initials ("JOHN LOCKE", "J. M. Barrie"), no joining word:
** "Travels by Land and Sea", "A Journey by Night" name none. */
static int
person(const char *s, size_t n)
{
    size_t i = 0, t, e, words = 0;
    int cap;
    while ((cap = name_word(s, n, &i, &t, &e, "_")) >= 0) {
        if (!cap ||
            (t > i && (joining_line(s + i, t - i) || sz_essay_word_ci(s + i, t - i, not_name))))
            return 0;
        words++;
        i = e;
    }
    return words >= 2 && words <= 5;
}

/* "Edwin Marsh, and Martin Hale", "An Anonymous Volunteer and Ada
** Fenwick": a line listing two people or more and nothing else, the
** credit of the people who made the edition, not a title ("War and
** Peace", "Romeo and Juliet" name no two people). */
static int
names_list(const struct sz_eline *l)
{
    const char *s = l->s;
    size_t n = l->len, a = 0, parts = 0;
    if (caps(l) != 0 || l->width > TITLE_WIDTH)
        return 0;
    while (n && s[n - 1] == '.')
        n--;
    while (a < n) {
        /* the part up to the next ", " or " and " */
        size_t e = a, next = n;
        for (; e < n; e++) {
            if (s[e] == ',' && e + 1 < n && s[e + 1] == ' ') {
                next = e + 2;
                if (next + 4 <= n && !strncmp(s + next, "and ", 4))
                    next += 4;
                break;
            }
            if (e + 5 <= n && !strncmp(s + e, " and ", 5)) {
                next = e + 5;
                break;
            }
        }
        const char *p = s + a;
        size_t m = e - a;
        /* "An Anonymous Volunteer": an article before the words of a name */
        if (parts == 0 && m > 3 && !strncmp(p, "An ", 3))
            p += 3, m -= 3;
        if (!person(p, m))
            return 0;
        parts++;
        a = next;
    }
    return parts >= 2;
}

/* Where " by NAME" starts inside a title line (two words before it at
** least), or 0. */
static size_t
inline_by(const struct sz_eline *l)
{
    const char *s = l->s;
    size_t n = l->len;
    size_t spaces = 0;
    for (size_t i = 0; i + 4 < n; i++) {
        if (s[i] != ' ')
            continue;
        spaces++;
        if (spaces >= 2 && !strncasecmp(s + i, " by ", 4) && person(s + i + 4, n - i - 4)) {
            /* a title before it, not a sentence ("written by Mr. Smith") */
            struct sz_eline head = *l;
            head.len = i;
            return plain_word(&head) ? 0 : i;
        }
    }
    return 0;
}

/* "BY THE SAME AUTHOR": the list of the author's other books follows. */
static int
same_author(const struct sz_eline *l)
{
    return l->len >= 18 && !strncasecmp(l->s, "by the same author", 18);
}

/* "Books by", "Also by", "BY THE SAME AUTHOR": the author's other books
** follow, not the title. */
static int
byline_lead(const struct sz_eline *l)
{
    return l->len > 3 && l->len < 40 &&
           (!strncasecmp(l->s + l->len - 3, " by", 3) || same_author(l));
}

/* "BY", "Von", "PAR", "por" alone on a line: the name is on the next. */
static int
by_alone(const struct sz_eline *l)
{
    static const char *const by[] = { "by", "von", "par", "por", NULL };
    size_t n = l->len;
    while (n && (l->s[n - 1] == '.' || l->s[n - 1] == ':'))
        n--;
    return n >= 2 && n <= 3 && sz_essay_word_ci(l->s, n, by);
}

/* Is line i of the page a By line: "BY JEROME K. JEROME", "par
** Alexandre Dumas", "por Miguel de Cervantes", or "by" alone over the name?  Returns where the name
** starts on the line (2 for "by" alone: the name is on the next line), 0
** when it is none. */
static size_t
by_start(const struct sz_eline *l, size_t a, size_t i)
{
    const struct sz_eline *x = &l[i];
    if (by_alone(x))
        return 2;
    /* "FROM MSS. BY THE LATE": the name is the next line */
    if (x->len >= 11 && x->width < 40 &&
        !strncasecmp(x->s + x->len - 11, "by the late", 11) &&
        (x->len == 11 || x->s[x->len - 12] == ' '))
        return 2;
    if (x->len <= 3 || byline_lead(x))
        return 0;
    if (!strncasecmp(x->s, "by ", 3) && byline_at(l, a, i, 3))
        return 3;
    if (x->len > 4 && x->s[0] == '_' && !strncasecmp(x->s + 1, "by ", 3) &&
        byline_at(l, a, i, 4))
        return 4;      /* "_By Ada Fenwick_", in italics */
    if ((!strncasecmp(x->s, "par ", 4) || !strncasecmp(x->s, "von ", 4) ||
         !strncasecmp(x->s, "por ", 4)) &&
        byline_at(l, a, i, 4))
        return 4;
    /* Italian and Dutch, in lower case only: "Door" and "Di" open titles */
    if ((!memcmp(x->s, "di ", 3) && byline_at(l, a, i, 3)))
        return 3;
    if (x->len > 5 && !memcmp(x->s, "door ", 5) && byline_at(l, a, i, 5))
        return 5;
    return 0;
}

static const char *const toc_words[] = { "contents", "table", "inhalt", "sommaire", NULL };

/* Does a By line follow within the next few lines of the page from i on
** (before a contents list)?  Then the page names its author there. */
static int
byline_near(const struct sz_eline *l, size_t a, size_t i, size_t b)
{
    for (size_t seen = 0; i < b && seen < 10; i++) {
        if (l[i].blank)
            continue;
        seen++;
        if (l[i].width < 30 && starts_with_word(l[i].s, l[i].len, toc_words))
            return 0;
        if (by_start(l, a, i))
            return 1;
    }
    return 0;
}

/* A sentence of a note: lower-case words, a full stop at the end. */
static int
sentence_line(const struct sz_eline *l)
{
    return l->len > 20 && l->s[l->len - 1] == '.' && caps(l) == 0 &&
           memchr(l->s, ' ', l->len) && plain_word(l);
}


/* "of the Marsh" under "The Lantern": a line opening with a joining word
** in lower case goes on with the title (a subtitle opens with a capital). */
static int
lower_join(const struct sz_eline *x)
{
    size_t e = 0;
    while (e < x->len && x->s[e] != ' ')
        e++;
    return x->len && x->s[0] >= 'a' && x->s[0] <= 'z' && e < x->len && joining_line(x->s, e);
}

/* After a note, a line in lower and upper case one blank line under it
** is the note's, unless it is a title: every word of four letters or
** more capitalised, no full stop, and a By line under it ("Produced by
** ... / The Lantern of the Marsh / By Martin Hale"). */
static int
title_case_over_by(const struct sz_eline *l, size_t a, size_t i, size_t b)
{
    const struct sz_eline *x = &l[i];
    if (!x->len || x->s[x->len - 1] == '.' || sentence_line(x))
        return 0;
    for (size_t q = 0; q < x->len; q++)
        if (q == 0 || x->s[q - 1] == ' ') {
            size_t e = q;
            while (e < x->len && x->s[e] != ' ')
                e++;
            if (e - q >= 4 && x->s[q] >= 'a' && x->s[q] <= 'z')
                return 0;
        }
    return byline_near(l, a, i + 1, b);
}

/* "FRONTISPIECE", "Illustration.", "PORTRAIT": a line naming a picture
** the page faces, no title. */
static int
picture_line(const struct sz_eline *l)
{
    static const char *const pic[] = { "frontispiece", "illustration", "illustrations",
                                       "portrait", "plate", NULL };
    size_t n = l->len;
    while (n && strchr(".:_ ", l->s[n - 1]))
        n--;
    size_t a = 0;
    while (a < n && l->s[a] == '_')
        a++;
    return n > a && sz_essay_word_ci(l->s + a, n - a, pic);
}

/* "Middlemarch" one blank line under "cover", "Delsarte System of Oratory"
** under "Produced by Distributed Proofreaders": a block of three short
** lines at most under a note, in capitals or title case (no word in lower
** case but joining words), with no colon at a line's end nor an address,
** is no paragraph of the note but the title (and its subtitle) under it. */
static int
lone_title_after_note(const struct sz_eline *l, size_t i, size_t b)
{
    /* the block: this line and at most two more (a subtitle under it) */
    size_t e = i;
    while (e < b && !l[e].blank && e - i < 4)
        e++;
    if (e - i > 3)
        return 0;
    for (size_t j = i; j < e; j++) {
        const struct sz_eline *x = &l[j];
        if (!x->len || x->s[x->len - 1] == ':' || x->cols > TITLE_WIDTH || address_line(x) ||
            note_heading(x) || credit_by(x) || (plain_word(x) && !(j == i && inline_by(x))))
            return 0;
    }
    return 1;
}

/* Is line i a title on one line wider than a title line is, alone in
** its block, a By line under it: "NARRATIVE OF THE CAPTIVITY AND
** RESTORATION OF MRS. MARY ROWLANDSON" / "By Mrs. Mary Rowlandson"?
** No sentence is set so: in capitals or title case, no stop inside. */
static int
long_title(const struct sz_eline *l, size_t a, size_t i, size_t b)
{
    const struct sz_eline *x = &l[i];
    if (x->cols <= TITLE_WIDTH || x->cols > TITLE_WIDTH + 20 || i + 1 >= b ||
        !l[i + 1].blank || plain_word(x) || address_line(x))
        return 0;
    for (size_t k = 0; k + 1 < x->len; k++)
        if ((x->s[k] == '.' || x->s[k] == ';' || x->s[k] == '!' || x->s[k] == '?') &&
            x->s[k + 1] == ' ' && !abbreviation(x->s, k))
            return 0;
    uint32_t cp;
    sz_utf8_decode(x->s, x->len, &cp);
    if (utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_LU)
        return 0;
    /* the By line within the next two lines of the page */
    size_t j = i + 1, seen = 0;
    for (; j < b && seen < 2; j++) {
        if (l[j].blank)
            continue;
        seen++;
        if (by_start(l, a, j))
            return 1;
    }
    return 0;
}

/* Three or more Chinese or Japanese characters: a phrase, though written
** without spaces, not one word of a title spaced out a word a line. */
static int
cjk_phrase(const struct sz_eline *x)
{
    uint32_t cp = 0;
    sz_utf8_decode(x->s, x->len, &cp);
    return x->cols >= 6 && ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF));
}

/* The title read from line a on: skips what a title page has before the
** title (illustrations, notes, rules), then joins the title's lines.
** t gets the text; *first and *last its first and last lines, *pieces how
** many lines it took.  Returns 0 when prose came first. */
static int
read_title(const struct sz_eline *l, size_t a, size_t b, struct sz_buf *t, size_t *first,
           size_t *last, size_t *npieces, size_t *name)
{
    *name = 0;
    size_t i = a, seen = 0;
    int notes = 0;             /* in a transcriber's note: its prose is skipped */
    int blank_before = 1;
    size_t last_words = 0, pieces = 0, last_i = a;
    sz_buf_clear(t);
    *first = a;
    for (; i < b && seen < TITLE_SCAN; i++) {
        const struct sz_eline *x = &l[i];
        if (x->blank) {
            blank_before++;
            continue;
        }
        seen++;
        int gap = blank_before;
        blank_before = 0;
        if (x->len >= 3 && !memcmp(x->s, "***", 3) && !t->len)
            continue;          /* *** START OF THE PROJECT GUTENBERG EBOOK */
        if (x->s[0] == '[' && !t->len) {
            /* [Illustration: ...] or [Transcriber's note: ...], perhaps
            ** over several lines */
            size_t j = i;
            while (j < b && j < i + 20 && !(l[j].len && l[j].s[l[j].len - 1] == ']'))
                j++;
            if (j < b && j < i + 20)
                i = j;
            continue;
        }
        if (rule_line(x)) {
            if (t->len)
                break;
            /* a note boxed in rules: skip to the closing rule; a rule over
            ** a title's line (no word in lower case but joining words) is
            ** the page's ornament, and the title follows */
            size_t j = i + 1;
            while (j < b && l[j].blank)
                j++;
            if (j < b && title_shaped(&l[j]) && !plain_word(&l[j]) && !note_heading(&l[j]) &&
                l[j].s[0] != '|')
                continue;
            /* a box holds a note of a paragraph or three, not the page,
            ** unless the note says it is one ("Transcriber's Note") and
            ** the box closes with the rule it opened with */
            int named_note = j < b && note_heading(&l[j]);
            size_t blocks = 0;
            j = i + 1;
            while (j < b && j < i + 60 && !rule_line(&l[j])) {
                blocks += !l[j].blank && l[j - 1].blank;
                j++;
            }
            int same_rule = j < b && l[j].s[0] == x->s[0] && l[j].len + 4 >= x->len &&
                            l[j].len <= x->len + 4;
            if (j < b && j < i + 60 && j > i + 1 && (blocks <= 3 || (named_note && same_rule)))
                i = j;
            continue;
        }
        if (!t->len && picture_line(x))
            continue;          /* FRONTISPIECE: a picture's place, over the title */
        if (!t->len && (note_heading(x) || credit_by(x) || address_line(x))) {
            notes = 1;
            continue;
        }
        if (!t->len && gap && long_title(l, a, i, b)) {
            put_piece(t, x);
            *first = i;
            pieces++;
            last_i = i;
            break;
        }
        if (!t->len && byline_lead(x)) {
            /* "Books by": the name and a list follow; "BY THE SAME AUTHOR":
            ** the list, which is passed over */
            if (same_author(x)) {
                size_t j = i + 1;
                while (j < b && l[j].blank)
                    j++;
                while (j + 1 < b && !l[j + 1].blank)
                    j++;
                i = j;
            }
            continue;
        }
        if (!t->len) {
            if (x->cols > TITLE_WIDTH || (gap && wrapped_block(l, i, b)) ||
                (notes && sentence_line(x))) {
                /* prose before any title: the text has begun, unless it is
                ** a note of the transcriber's */
                if (!notes)
                    break;
                while (i + 1 < b && !l[i + 1].blank)
                    i++;
                continue;
            }
            if (!title_shaped(x) || stop_line(x, 0) || sz_essay_section_line(x->s, x->len) ||
                (notes && caps(x) != 1 && gap < 2 &&
                 !(gap && (title_case_over_by(l, a, i, b) || lone_title_after_note(l, i, b))))) {
                if (notes)
                    continue;
                break;
            }
            /* a title starts with a capital (or a script without case) */
            {
                size_t q = 0;
                uint32_t cp = 0;
                while (q < x->len && (x->s[q] == '_' || x->s[q] == '+'))
                    q++;
                sz_utf8_decode(x->s + q, x->len - q, &cp);
                if (utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL)
                    break;
            }
            put_piece(t, x);
            *first = i;
            /* "SECOND TREATISE OF GOVERNMENT by JOHN LOCKE": the title and
            ** its By line on one line */
            size_t by = inline_by(x);
            if (by) {
                sz_buf_clear(t);
                struct sz_eline head = *x;
                head.len = by;
                put_piece(t, &head);
                pieces++;
                last_i = i;
                break;
            }
        } else {
            /* After a blank line the title goes on only where it is spaced
            ** out word by word: "THE / KAMA SUTRA / OF", "AUTOBIOGRAPHY /
            ** OF / BENJAMIN / FRANKLIN". */
            size_t w = 1;
            for (size_t k = 0; k < x->len; k++)
                w += x->s[k] == ' ';
            if (!gap && pieces == 1 && caps(&l[i - 1]) == 0 && name_shaped(&l[i - 1]) &&
                (caps(x) == 1 || (last_words >= 3 && w < last_words)) && title_shaped(x) &&
                !stop_line(x, 0) &&
                !genre_line(x) &&
                !byline_near(l, a, i + 1, b)) {
                /* the author's name over the title in capitals */
                *name = i;      /* the line before, counted from 1 */
                sz_buf_clear(t);
                put_piece(t, x);
                pieces = 1;
                last_i = i;
                *first = i;
                continue;
            }
            size_t vn = catalogue_part(x);
            if (vn) {
                /* "Tome I": a part of the title as catalogues give it ("Le
                ** comte de Monte-Cristo, Tome I") */
                put_volume(t, x, vn);
                pieces++;
                last_i = i;
                break;
            }
            /* "RAYMOND RADIGUET / (three blank lines) / LE / (one) / DIABLE":
            ** a gap wider than the ones under it parts the name over the
            ** title from it; a title goes on over one only from a joining
            ** word ("HISTORY OF THE"), or where the page spaces all its
            ** lines so ("AUTOBIOGRAPHY / OF / BENJAMIN", "WALDEN / and /
            ** ON THE DUTY OF CIVIL DISOBEDIENCE") */
            if (gap >= 3 && !ends_joining(t) && blanks_after(l, i, b) + 1 < (size_t)gap)
                break;
            /* "ORCHARD / SKETCHES", "Le Diable au corps / Roman": the kind
            ** of work alone on a line, set apart, is the subtitle */
            if (gap && !ends_joining(t) && kind_alone(x))
                break;
            /* "LE / DIABLE / AU CORPS": a title spaced out a word a line
            ** goes on with a short line opening with a joining word */
            int spaced = gap && pieces >= 2 && last_words == 1 && w <= 3 &&
                         opens_joining(x) && !volumes_line(x);
            /* In one block, mixed-case lines go on only as short pieces
            ** ("As Time / Glides / On"); the next full line is a subtitle. */
            if (!gap && !(caps(x) == 1 && caps(&l[i - 1]) == 1) && !ends_joining(t) &&
                !joining_line(x->s, x->len) && (!(w <= 2 && last_words <= 2) || kind_line(x)) &&
                !lower_join(x))
                break;
            /* a title ending in "and" or "OF" needs its next line, which
            ** may open with an article ("WALDEN / and / A PLEA FOR ...") */
            /* "THE HISTORY OF THE HARBOUR / AND THE MEADOW": in capitals
            ** under capitals in one block, a line opening with AND goes on
            ** with the title unless it names a kind ("AND OTHER STORIES") */
            int and_on = !gap && caps(x) == 1 && caps(&l[i - 1]) == 1 && x->len > 4 &&
                         !strncmp(x->s, "AND ", 4) && !genre_line(x);
            /* "The Chapel, the Archive / and the Garrison": a line opening
            ** in lower case with a joining word goes on with the title */
            if (!title_shaped(x) ||
                stop_line(x, ends_joining(t) || and_on || (!gap && lower_join(x)) ? 0 : 2) ||
                sz_essay_section_line(x->s, x->len) ||
                (gap && !ends_joining(t) && !joining_line(x->s, x->len) &&
                 !(last_words == 1 && w == 1 && !cjk_phrase(x) && !cjk_phrase(&l[last_i])) &&
                 !spaced) ||
                (gap && (memchr(x->s, ',', x->len) || memchr(x->s, '&', x->len))) ||
                strpbrk_n(x->s, x->len, "0123456789"))
                break;
            put_piece(t, x);
        }
        pieces++;
        last_i = i;
        last_words = 1;
        for (size_t k = 0; k < x->len; k++)
            last_words += x->s[k] == ' ';
        uint32_t end = sz_essay_prev_cp(x->s, x->len);
        if (end == '.' || end == ':' || end == ';' || end == '!' || end == '?')
            break;
    }
    /* The title, without the full stop or colon of the page. */
    while (t->len && (t->data[t->len - 1] == '.' || t->data[t->len - 1] == ':' ||
                      t->data[t->len - 1] == ',' || t->data[t->len - 1] == ';'))
        t->len--;
    *last = last_i;
    *npieces = pieces;
    return t->len > 0;
}

/* Lines looked at for the title printed again (half-title, the heading
** over the first page of text). */
#define TITLE_REPEAT_SCAN 400
/* Title candidates compared at most. */
#define TITLE_CANDIDATES 24

/* Letters and digits of s, case-folded, into out: "THE HEIR." = "The Heir". */
static void
fold(const char *s, size_t n, struct sz_buf *out)
{
    /* Never left NULL: keys are compared with strcmp, and a line with no
    ** letters or digits folds to the empty key. */
    sz_buf_clear(out);
    sz_buf_reserve(out, n);
    out->data[0] = '\0';
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += sz_utf8_decode(s + i, n - i, &cp);
        utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)cp);
        if (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cp),
                                                      enc);
            sz_buf_put(out, (const char *)enc, (size_t)m);
        } else if (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) {
            sz_buf_putc(out, (char)(cp < 0x80 ? cp : '#'));
        }
    }
}

struct cand {
    size_t first, last, pieces;
    struct sz_buf key;         /* folded text */
    struct sz_buf key1;        /* its first line's */
    struct sz_buf text;
    int name;                  /* the author's name, as a By line gives it */
    int credit;                /* a list of names over the title: the edition's makers */
    size_t over;               /* 1 + the line of the name set straight over it, or 0 */
};
/* Does line i sign the prose before it ("H. G. WELLS." under a preface),
** or sign with a dash ("--_Linda Brent_", "— Ив. Тургенев")? */
static int
signature(const struct sz_eline *l, size_t i)
{
    const char *s = l[i].s;
    if (l[i].len >= 2 && (!memcmp(s, "--", 2) ||
                          (l[i].len >= 3 && (!memcmp(s, "\xE2\x80\x94", 3) ||
                                             !memcmp(s, "\xE2\x80\x93", 3)))))
        return 1;
    size_t q = i;
    while (q > 0 && l[q - 1].blank && i - q < 4)
        q--;
    return q > 0 && !l[q - 1].blank && l[q - 1].width > 45 && caps(&l[q - 1]) == 0;
}

static int under_title(const struct sz_eline *l, size_t i, size_t lim,
                       const struct sz_buf *key, struct sz_buf *scratch);

/* Is candidate k printed again later: another candidate or a line? */
/* 1: yes; 2: its first line, standing apart, alone is ("Buddenbrooks"
** over "Verfall / einer / Familie"), so the rest is a subtitle; 0: no. */
static int
recurs(const struct sz_eline *l, const struct cand *cv, size_t nc, size_t k, size_t lim,
       struct sz_buf *scratch)
{
    const struct cand *x = &cv[k];
    int one = 0;
    for (size_t j = k + 1; j < nc; j++)
        if (!strcmp(cv[j].key.data, x->key.data) && !signature(l, cv[j].first))
            return 1;
    for (size_t i = x->last + 1; i < lim; i++) {
        if (l[i].blank || l[i].width > TITLE_WIDTH || signature(l, i))
            continue;
        fold(l[i].s, l[i].len, scratch);
        if (scratch->len == x->key.len && !memcmp(scratch->data, x->key.data, scratch->len))
            return 1;
        if (x->pieces > 1 && l[x->first + 1].blank && scratch->len >= 3 &&
            scratch->len == x->key1.len &&
            !memcmp(scratch->data, x->key1.data, scratch->len))
            one = 1;
        /* printed again over as many lines ("Incidents / in the / Life of
        ** A Slave Girl,") */
        if (x->pieces > 1 && scratch->len >= 3 && scratch->len < x->key.len &&
            !memcmp(scratch->data, x->key.data, scratch->len) &&
            under_title(l, i, lim, &x->key, scratch))
            return 1;
    }
    return one ? 2 : 0;
}

/* A folded key that is only a number: "iv", "12". */
static int
numeral(const char *k)
{
    size_t n = strlen(k);
    if (n > 2 && k[0] == 'n' && k[1] == 'o' && strspn(k + 2, "0123456789") == n - 2)
        return 1;      /* "No. 32": a series' number */
    return n && n <= 6 && strspn(k, "ivxlcdm0123456789") == n;
}

/* The line of [i, e), among its first few, that numbers a series ("First
** Series.", "_Second Series_"), or 0. */
static size_t
series_line(const struct sz_eline *l, size_t i, size_t e)
{
    for (size_t seen = 0; i < e && seen < 12; i++) {
        seen += !l[i].blank;
        const char *s = l[i].s;
        size_t n = l[i].len;
        while (n && (s[n - 1] == '.' || s[n - 1] == '_' || s[n - 1] == ',' || s[n - 1] == ')'))
            n--;
        if (!l[i].blank && l[i].width <= 40 && n >= 7 && !strncasecmp(s + n - 7, " series", 7))
            return i;
    }
    return 0;
}

/* "THE WORKS OF ADA FENWICK", "The Complete Writings of ...", "ŒUVRES DE
** ...": the collection a person's books make, within its first words a
** word for works, then of (de) and a person's name; over another title
** on the page it names the set, not the book. */
static int
works_line(const struct sz_eline *l)
{
    static const char *const works[] = { "works", "writings", "œuvres", "oeuvres",
                                         "ŒUVRES", "Œuvres", NULL };
    static const char *const of[] = { "of", "de", NULL };
    size_t i = 0, word = 0;
    if (l->width > TITLE_WIDTH)
        return 0;
    while (i < l->len && word < 3) {
        while (i < l->len && l->s[i] == ' ')
            i++;
        size_t e = i;
        while (e < l->len && l->s[e] != ' ')
            e++;
        if (e > i && sz_essay_word_ci(l->s + i, e - i, works)) {
            size_t k = e;
            while (k < l->len && l->s[k] == ' ')
                k++;
            size_t m = k;
            while (m < l->len && l->s[m] != ' ')
                m++;
            return m > k && sz_essay_word_ci(l->s + k, m - k, of) &&
                   person(l->s + m, l->len - m);
        }
        word++;
        i = e;
    }
    return 0;
}

/* "EVERYMAN'S LIBRARY", "The World's Classics", "THE POCKET SERIES": a
** series' name, its last word naming what it gathers. */
static int
library_line(const struct sz_eline *l)
{
    static const char *const lib[] = { "library", "classics", "series", "bibliothek",
                                       "bibliothèque", "biblioteca", NULL };
    size_t a, e = last_word(l, &a);
    return (a > 0 && l->width <= 40 && sz_essay_word_ci(l->s + a, e - a, lib)) ||
           works_line(l);
}

/* Do the lines from i on (past blank ones, a few at most) spell key, the
** folded catalogue title, and nothing more? */
static int
under_title(const struct sz_eline *l, size_t i, size_t lim, const struct sz_buf *key,
            struct sz_buf *scratch)
{
    size_t got = 0;
    for (size_t seen = 0; i < lim && seen < 8; i++) {
        if (l[i].blank)
            continue;
        seen++;
        fold(l[i].s, l[i].len, scratch);
        if (got + scratch->len > key->len || memcmp(key->data + got, scratch->data, scratch->len))
            return 0;
        got += scratch->len;
        if (got == key->len)
            return 1;
    }
    return 0;
}

void
sz_essay_trace_meta(struct sz_ectx *c, uint32_t lineno, const char *field, const char *why,
                    const char *s, size_t n)
{
    if (!c->o || !c->o->trace)
        return;
    char buf[400];
    size_t m = n < 80 ? n : 80;
    while (m < n && m > 0 && ((unsigned char)s[m] & 0xC0) == 0x80)
        m--;
    int k = snprintf(buf, sizeof buf, "%s:%u: %s (%s): %.*s%s", c->file ? c->file : "-",
                     lineno, field, why, (int)m, s, m < n ? "..." : "");
    if (k > 0)
        c->o->trace(c->o->trace_ud, buf);
}

void
sz_essay_trace_title(struct sz_ectx *c, uint32_t lineno, const char *why, const char *s,
                     size_t n)
{
    sz_essay_trace_meta(c, lineno, "title", why, s, n);
}

static int place_line(const struct sz_eline *l);

int
sz_essay_name_line(const struct sz_eline *l)
{
    return (name_shaped(l) || initials_name(l)) && !place_line(l);
}

/* "MDCCCXCVII.", "M DCCC LXX": a year in roman numerals, the page's date. */
static int
roman_date(const struct sz_eline *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->len; i++) {
        if (strchr("MDCLXVI", l->s[i]))
            n++;
        else if (l->s[i] != ' ' && l->s[i] != '.')
            return 0;
    }
    return n >= 4 && l->s[0] == 'M';
}

/* Has l a word of a publisher's, a series' or an edition's line? */
static int
place_line(const struct sz_eline *l)
{
    /* words of publishers' and editions' lines, which have a name's shape
    ** ("Second Edition", "New York", "Harper Brothers") */
    static const char *const place[] = { "edition", "series", "volume", "press", "company",
                                         "library", "publishers", "brothers", "sons", "books",
                                         "classics", "new", "york", "london", "boston",
                                         "paris", "printed", "illustrated", "system", NULL };
    for (size_t q = 0; q < l->len; q++)
        if (q == 0 || l->s[q - 1] == ' ') {
            size_t e = q;
            while (e < l->len && l->s[e] != ' ' && l->s[e] != ',' && l->s[e] != '.' &&
                   l->s[e] != ':')
                e++;
            if (sz_essay_word_ci(l->s + q, e - q, place))
                return 1;
        }
    return 0;
}

/* Does s open with a word shortened with a full stop ("Rev.", "Hon.")? */
static int
rank_next(const char *s, size_t n)
{
    size_t e = 0;
    while (e < n && s[e] != ' ')
        e++;
    return e >= 3 && s[e - 1] == '.';
}

/* "Jr.", "Sr.": after a comma, the name's own, no degree. */
static int
name_suffix(const char *s, size_t n)
{
    static const char *const suf[] = { "jr", "sr", "junior", "senior", NULL };
    size_t e = 0;
    while (e < n && s[e] != '.' && s[e] != ',' && s[e] != ' ')
        e++;
    return sz_essay_word_ci(s, e, suf) && (e == n || e + 1 == n || s[e + 1] == ' ' ||
                                           s[e] == ' ');
}

/* Sets the author from a By line's name: without the degrees after a
** comma ("JONATHAN SWIFT, D.D.,", "BENJAMIN HARROW, Ph.D."), a name in
** brackets after it, the page's full stop (an initial's kept). */
static void
set_author(struct sz_ectx *c, const char *s, size_t n, uint32_t lineno, const char *why)
{
    while (n && (*s == '_' || *s == ' '))
        s++, n--;
    if (n > 14 && !strncasecmp(s, "the author of ", 14))
        return;                /* an anonymous book names no author */
    if (n > 9 && !strncasecmp(s, "the late ", 9))
        s += 9, n -= 9;        /* "By the late John Smith" */
    else if (n > 4 && !strncasecmp(s, "the ", 4) && named_at(s, n, 4) && rank_next(s + 4, n - 4))
        s += 4, n -= 4;        /* "By the Rev. Hugh Pellam"; "The Brothers Grimm" keeps it */
    size_t words = 1;
    for (size_t i = 0; i + 1 < n; i++) {
        /* "Tom Reyes | 3 April 2024", "Ann Lee · May 2021": what a blog's
        ** By line sets after a bar or a middle dot is the date */
        if (s[i] == '[' || s[i] == '(' ||
            (s[i] == ' ' && i + 2 < n && s[i + 1] == '|' && s[i + 2] == ' ') ||
            (s[i] == ' ' && i + 3 < n && !memcmp(s + i + 1, "\xC2\xB7 ", 3)) ||
            (s[i] == ',' && s[i + 1] == ' ' && memchr(s + i, '.', n - i) &&
             !name_suffix(s + i + 2, n - i - 2)) ||
            (i + 10 <= n && !strncasecmp(s + i, " author of", 10)) ||
            (i + 11 <= n && !strncasecmp(s + i, ", author of", 11))) {
            n = i;
            break;
        }
        words += s[i] == ' ';
    }
    if (words > 8)
        return;        /* a sentence, not a name */
    while (n && strchr(" _,;:", s[n - 1]))
        n--;
    if (n >= 2 && s[n - 1] == '.') {
        size_t w = n - 1;
        while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '.')
            w--;
        if (n - 1 - w > 1)
            n--;       /* "BOWDITCH." but not "O. Henry"'s "O." */
    }
    if (!n || sz_meta_get(c->doc, "author"))
        return;
    sz_essay_meta_text(c, "author", s, n, 0);
    sz_essay_trace_meta(c, lineno, "author", why, s, n);
    c->page_author_line = lineno;
}

static int rank_next(const char *s, size_t n);

/* Words lower-case between a name's capitalised ones: "Edmond de la
** Vance", "Pieter van Whitlow". */
static const char *const particles[] = { "de", "la", "le", "van", "von", "der", "den", "du",
                                         "da", "di", "del", "della", "des", "ten", "ter", "y",
                                         NULL };

/* One person's name: two to five words, the first and last capitalised
** (initials and ranks too: "Mrs.", "Captain", "H. G."), lower-case
** particles between, no joining or title word, no possessive. */
static int
one_name(const char *s, size_t n)
{
    size_t i = 0, words = 0;
    int last_cap = 0;
    /* "The Rev. Hugh Pellam": the article before a rank shortened */
    if (n > 4 && !strncasecmp(s, "the ", 4) && rank_next(s + 4, n - 4))
        i = 4;
    size_t t, e;
    int cap;
    while ((cap = name_word(s, n, &i, &t, &e, "")) >= 0) {
        if (t > i && sz_essay_word_ci(s + i, t - i, not_name))
            return 0;
        if (t - i > 2 && (s[t - 1] | 0x20) == 's' &&
            (s[t - 2] == '\'' || (t - i > 4 && !memcmp(s + t - 4, "\xE2\x80\x99", 3))))
            return 0;      /* "LYDIA'S": a possessive, a title's */
        if (cap) {
            if (t > i && joining_line(s + i, t - i) && !sz_essay_word_ci(s + i, t - i,
                                                                         particles))
                return 0;      /* "The", "Of": a title's */
        } else if (!words || !sz_essay_word_ci(s + i, t - i, particles)) {
            return 0;
        }
        if (!words && sz_essay_word_ci(s + i, t - i, particles))
            return 0;          /* "LE COMTE DE MONTE-CRISTO": a title's article */
        last_cap = cap;
        words++;
        i = e;
    }
    return words >= 2 && words <= 5 && last_cap;
}

/* A line that is a name and nothing more: one person or two joined by
** "and" or "&", perhaps a suffix or degree after a comma ("Martin Hale,
** Jr.", "Sir Edwin Marsh, Bart.") and a pen name in brackets. */
static int
name_like(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    const char *br = memchr(s, '(', n);
    if (br && s[n - 1] == ')')
        n = (size_t)(br - s);
    const char *cm = memchr(s, ',', n);
    if (cm && n - (size_t)(cm - s) <= 10)
        n = (size_t)(cm - s);
    while (n && s[n - 1] == ' ')
        n--;
    for (size_t i = 0; i + 5 <= n; i++)
        if (!memcmp(s + i, " and ", 5) || !memcmp(s + i, " AND ", 5) ||
            !memcmp(s + i, " & ", 3))
            return one_name(s, i) &&
                   one_name(s + i + (s[i + 1] == '&' ? 3 : 5), n - i - (s[i + 1] == '&' ? 3 : 5));
    return one_name(s, n);
}

/* A name with a mark no title has: an initial ("SAMUEL L. FENWICK"), a
** rank shortened ("Mrs.", "Rev."), a pen name in brackets. */
static int
strong_name(const struct sz_eline *x)
{
    if (!name_like(x->s, x->len) || x->width > 40)
        return 0;
    if (memchr(x->s, '(', x->len))
        return 1;
    for (size_t i = 0; i + 1 < x->len; i++)
        if (x->s[i] == '.' && (i + 1 == x->len || x->s[i + 1] == ' ')) {
            size_t a = i;
            while (a > 0 && x->s[a - 1] != ' ')
                a--;
            if (i - a <= 3)
                return 1;      /* "L.", "Mrs.", "Dr." */
        }
    return 0;
}

/* "FIRST ACT" over "SECOND ACT": does the last word of line i end
** another short line standing alone further on?  Then the line is one
** of a run of headings, not a person's name. */
static int
last_word_recurs(const struct sz_eline *l, size_t i, size_t lim)
{
    size_t a, e = last_word(&l[i], &a);
    if (e <= a)
        return 0;
    for (size_t j = i + 1; j < lim; j++) {
        if (l[j].blank || l[j].width > 30 || !l[j - 1].blank || (j + 1 < lim && !l[j + 1].blank))
            continue;
        size_t b, f = last_word(&l[j], &b);
        /* a run of headings is alike: as many words ("FIRST ACT",
        ** "SECOND ACT"); "WITH A PREFACE BY CLARA VANCE" is a credit */
        if (f - b == e - a && b > 0 && !strncasecmp(l[j].s + b, l[i].s + a, e - a) &&
            sz_essay_count_words(l[j].s, l[j].len) == sz_essay_count_words(l[i].s, l[i].len))
            return 1;
    }
    return 0;
}

/* The author the title page names under the title, from line i on: the
** first By line ("BY" alone, the name on the next line; "TITLE by NAME"
** on the title's line), before the contents or the text; not a By line
** after "With an Introduction" or "Illustrations". */
static void
page_author(struct sz_ectx *c, const struct sz_eline *l, size_t a, size_t i, size_t last,
            size_t lim, size_t *caps_at, const struct sz_buf *tkey, struct sz_buf *scratch)
{
    static const char *const other[] = { "with", "introduction", "illustrated",
                                         "illustrations", "translated", "notes", "preface",
                                         "copyright", "entered", "published", "printed", NULL };
    size_t by = inline_by(&l[i]);      /* a person's name after it */
    if (by) {
        set_author(c, l[i].s + by + 4, l[i].len - by - 4, l[i].lineno,
                   "on the title's line, after by");
        return;
    }
    size_t prev = i;
    for (size_t seen = 0; i < lim && seen < 14; i++) {
        const struct sz_eline *x = &l[i];
        if (x->blank)
            continue;
        seen++;
        /* the contents, or prose (a wide line in capitals is the page's) */
        if ((x->cols > TITLE_WIDTH && caps(x) != 1) ||
            (x->width < 30 && starts_with_word(x->s, x->len, toc_words)))
            break;
        size_t k = by_start(l, a, i);
        if (k && prev != i && starts_with_word(l[prev].s, l[prev].len, other)) {
            prev = i;
            continue;
        }
        prev = i;
        if (!k)
            continue;
        if (k == 2) {
            /* "BY" alone: the name is the next line */
            size_t j = i + 1;
            while (j < lim && j < i + 4 && l[j].blank)
                j++;
            if (j < lim && !l[j].blank && named(&l[j], 0) && l[j].cols <= TITLE_WIDTH)
                set_author(c, l[j].s, l[j].len, l[j].lineno,
                           "the title page's name under a By alone");
            return;
        }
        set_author(c, x->s + k, x->len - k, x->lineno, "the title page's By line");
        return;
    }
    /* No By line: a name standing alone under the title ("Lewis Carroll",
    ** "H. G. WELLS", "Pieter van Whitlow", "Clara Vance and Hugh Pellam"),
    ** past the subtitle, a line naming the kind of work ("And Other
    ** Stories", "Written by Herself."), an alternative title after "or,"
    ** and the page's rules; up to the publisher, the place, a date, the
    ** editor's or illustrator's line.  One in capitals ("EDWIN MARSH") is
    ** left in *caps_at (its line + 1) for when nothing else names the author */
    i = last + 1;      /* past the title's own lines */
    size_t subs = 0;
    for (size_t seen = 0; i < lim && seen < 6; i++) {
        const struct sz_eline *x = &l[i];
        if (x->blank)
            continue;
        seen++;
        if (rule_line(x) || genre_line(x) ||
            starts_with_word(x->s, x->len, (const char *const[]){ "written", NULL }))
            continue;
        size_t jn = x->len;
        while (jn && strchr(",.;:", x->s[jn - 1]))
            jn--;
        if (joining_line(x->s, jn)) {
            /* "OR," over the alternative title: both passed */
            i++;
            while (i < lim && l[i].blank)
                i++;
            continue;
        }
        unsigned char f0 = (unsigned char)x->s[0];
        /* the title printed again (over the text) is no name */
        fold(x->s, x->len, scratch);
        if (tkey->len && scratch->len == tkey->len && !memcmp(scratch->data, tkey->data,
                                                              tkey->len))
            return;
        if (x->cols > TITLE_WIDTH || place_line(x) || strpbrk_n(x->s, x->len, "0123456789") ||
            roman_date(x) ||
            starts_with_word(x->s, x->len, other) || f0 == '[' || f0 == '"' || f0 == 0xE2 ||
            (x->width < 30 && starts_with_word(x->s, x->len, toc_words)) ||
            sz_essay_section_line(x->s, x->len))
            return;
        /* and more of the page after it, not a heading over prose: a
        ** short line, an illustration, an epigraph in quotes */
        size_t j = i + 1;
        while (j < lim && l[j].blank)
            j++;
        unsigned char f = j < lim ? (unsigned char)l[j].s[0] : 0;
        /* a wide line of lower-case words is prose only with more under
        ** it: "Translated from the German by Lydia Harrow" is the page's */
        int prose = j + 1 < lim && l[j].cols > 40 && plain_word(&l[j]) && !l[j + 1].blank &&
                    l[j + 1].cols > 40;
        int page = j < lim && (f == '"' || f == '[' || f == 0xE2 ||
                               (l[j].cols <= TITLE_WIDTH && !prose));
        int alone = l[i - 1].blank && (i + 1 >= lim || l[i + 1].blank) && page;
        /* "EDWIN MARSH" in capitals: a person's words (no joining word, no
        ** publisher's or place's), short */
        int named_line = name_like(x->s, x->len) && x->width <= 40;
        int caps_name = named_line && caps(x) == 1 && !genre_line(x) &&
                        !last_word_recurs(l, i, lim);
        if (alone && (sz_essay_name_line(x) || (named_line && caps(x) == 0))) {
            set_author(c, x->s, x->len, x->lineno, "a name standing alone under the title");
            return;
        }
        if (alone && caps_name) {
            *caps_at = i + 1;      /* weaker: a place in capitals has the shape too */
            return;
        }
        /* a subtitle on a line of its own: the name may follow; a block
        ** of lines (verse, the publisher's) ends the page's names */
        if (!alone || ++subs > 2)
            return;
    }
}

/* Does s[0..n) hold word w, case apart, as a whole word? */
static int
has_word(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++)
        if ((i == 0 || s[i - 1] == ' ') && !strncasecmp(s + i, w, m) &&
            (i + m == n || strchr(" .,;:", s[i + m])))
            return 1;
    return 0;
}

/* "NARRATIVE OF THE LIFE OF FREDERICK DOUGLASS / ... WRITTEN BY HIMSELF",
** "AUTOBIOGRAPHY OF BENJAMIN FRANKLIN": the person the title names after
** its last "of" wrote the book, when the page says so (by himself, by
** herself) or the title is an autobiography. */
static void
self_author(struct sz_ectx *c, const struct sz_eline *l, const struct cand *k, size_t lim)
{
    const char *s = k->text.data;
    size_t n = k->text.len, of = 0;
    for (size_t i = 0; i + 4 <= n; i++)
        if (!strncasecmp(s + i, " of ", 4))
            of = i + 4;
    /* the title's own volume after a colon is no part of the name */
    const char *colon = memchr(s + of, ':', n - of);
    size_t nm = colon ? (size_t)(colon - s) - of : n - of;
    if (!of || !(person(s + of, nm) || name_like(s + of, nm)))
        return;
    /* "THE CORRESPONDENCE OF THOMAS CARLYLE AND RALPH WALDO EMERSON",
    ** "The Letters of ...", "The Journal of ...": the people whose
    ** letters and journals the book prints wrote it */
    static const char *const own[] = { "autobiography", "correspondence", "letters", "journal",
                                       "journals", "diary", "diaries", "speeches", "writings",
                                       NULL };
    int self = 0;
    for (int w = 0; own[w] && !self; w++)
        self = has_word(s, of, own[w]);
    for (size_t i = k->last + 1, seen = 0; !self && i < lim && seen < 6; i++) {
        if (l[i].blank)
            continue;
        seen++;
        self = has_word(l[i].s, l[i].len, "by himself") ||
               has_word(l[i].s, l[i].len, "by herself");
    }
    if (self)
        set_author(c, s + of, nm, l[k->first].lineno,
                   "the person the title names, who wrote it (by himself, an autobiography, "
                   "letters, a journal)");
}

/* Does the text begin from line i on: a chapter's or book's line, or a
** paragraph of prose (a motto in quotation marks is the page's)?  Then a
** "VOLUME I" over it is the first heading of the text, not the page's. */
static int
body_follows(const struct sz_eline *l, size_t i, size_t lim)
{
    while (i < lim && l[i].blank)
        i++;
    if (i >= lim)
        return 1;
    const struct sz_eline *x = &l[i];
    if (sz_essay_section_line(x->s, x->len))
        return 1;
    unsigned char f = (unsigned char)x->s[0];
    if (f == '"' || f == '\'' || f == 0xE2)
        return 0;
    return i + 1 < lim && !l[i + 1].blank && x->cols >= 50 && plain_word(x);
}

/* Lines of the title page under the title looked at for its volume. */
#define VOLUME_SCAN 30

/* "HISTORY / OF THE / PENINSULAR WAR. / BY ROBERT SOUTHEY ... / _IN SIX
** VOLUMES._ / VOL. III.": the volume printed lower on the page, under
** the By line, belongs with the title, and so does how many there are
** ("History of the Peninsular War: Volume III (of 6)"), as catalogues
** name one volume of a work.  The page ends at prose, a contents list
** or a chapter's line. */
static size_t
page_volume(struct sz_ectx *c, const struct sz_eline *l, struct cand *k, size_t lim)
{
    int count = 0;
    size_t vline = 0, vn = 0, has = catalogue_part(&l[k->last]);
    for (size_t i = k->last + 1, seen = 0; i < lim && seen < VOLUME_SCAN; i++) {
        const struct sz_eline *x = &l[i];
        if (x->blank)
            continue;
        seen++;
        int v = volumes_line(x);
        size_t m = v ? 0 : catalogue_part(x);
        if (v && !count)
            count = v;
        else if (m && !vline && !has) {
            if (body_follows(l, i + 1, lim))
                break;
            vline = i;
            vn = m;
        } else if (!v && !m && ((x->cols > TITLE_WIDTH && plain_word(x)) ||
                                sz_essay_section_line(x->s, x->len) ||
                                (x->width < 30 && starts_with_word(x->s, x->len, toc_words))))
            break;
    }
    if (!vline && !(has && count))
        return 0;
    if (vline)
        put_volume(&k->text, &l[vline], vn);
    if (count) {
        char of[16];
        int m = snprintf(of, sizeof of, " (of %d)", count);
        sz_buf_put(&k->text, of, (size_t)m);
    }
    sz_essay_trace_title(c, l[vline ? vline : k->last].lineno, "the volume the title page "
                         "prints under the title, put after it", k->text.data, k->text.len);
    return vline ? vline + 1 : 0;
}

/* "NOTES BY MARTIN HALE", "Drawings by ...": a by and a name after it
** anywhere in the line, a credit. */
static int
by_credit(const struct sz_eline *x)
{
    for (size_t i = 0; i + 4 < x->len; i++)
        if (x->s[i] == ' ' && !strncasecmp(x->s + i, " by ", 4) && named_at(x->s, x->len, i + 4))
            return 1;
    return 0;
}

/* Is x a line a title page sets under its author: an editor's,
** illustrator's or translator's credit, the edition, the publisher and
** place, a date, a copyright, the volume, the author's other books? */
static int
lettering_line(const struct sz_eline *x)
{
    static const char *const w[] = { "with", "edited", "translated", "illustrated",
                                     "copyright", "copyrighted", "author", "published",
                                     "printed", "entered", "all", "price", "new", "second",
                                     "third", "fourth", "fifth", "revised", NULL };
    const char *s = x->s;
    size_t n = x->len;
    while (n && (*s == '_' || *s == '+'))
        s++, n--;
    /* a numbered line ("1. Method", "§ 2", "I. THE HOUSE") is a heading's */
    unsigned char f = n ? (unsigned char)s[0] : 0;
    if ((f >= '0' && f <= '9') || f == 0xC2 || sz_essay_section_line(x->s, x->len))
        return 0;
    return x->cols <= TITLE_WIDTH + 10 &&
           (starts_with_word(s, n, w) || place_line(x) || strpbrk_n(x->s, x->len, "0123456789") ||
            roman_date(x) || volumes_line(x) || catalogue_part(x) || by_credit(x) ||
            rule_line(x));
}

/* From line i on, past the blocks of the page's lettering under the
** author (lettering_line, blocks of three lines at most): 1 + the last
** such line, or i when none follows. */
static size_t
page_lettering(const struct sz_eline *l, size_t i, size_t lim)
{
    size_t last = i, j = i;
    for (int blocks = 0; j < lim && blocks < 8; blocks++) {
        while (j < lim && l[j].blank)
            j++;
        size_t e = j;
        while (e < lim && !l[e].blank)
            e++;
        if (j >= lim || e - j > 3)
            break;
        for (size_t k = j; k < e; k++)
            if (!lettering_line(&l[k]) ||
                (l[k].width < 30 && starts_with_word(l[k].s, l[k].len, toc_words)))
                return last;
        /* a line over prose is the text's first heading */
        size_t q = e;
        while (q < lim && l[q].blank)
            q++;
        if (q + 1 < lim && !l[q + 1].blank && l[q].cols > TITLE_WIDTH)
            return last;
        last = e;
        j = e;
    }
    return last;
}

/* The subtitle under the title, from line i on, past the page's rules:
** a line naming the kind of work ("A Novel", "Being the Memoirs of ...",
** "And Other Stories", "SKETCHES"), or the lines of one block standing
** between the title and its By line ("Studies in the Harbour").  Not the
** author's name, a place, a date, an editor's or illustrator's line, nor
** an alternative title after "or,". */
static size_t
page_subtitle(struct sz_ectx *c, const struct sz_eline *l, size_t i, size_t lim)
{
    if (sz_meta_get(c->doc, "subtitle"))
        return 0;
    while (i < lim && (l[i].blank || rule_line(&l[i])))
        i++;
    if (i >= lim)
        return 0;
    size_t e = i;
    while (e < lim && !l[e].blank && e < i + 3 && !(e > i && by_start(l, e, e)))
        e++;
    if (e < lim && !l[e].blank && !by_start(l, e, e))
        return 0;      /* a block of four lines or more: prose, a list */
    int kind = 0;
    for (size_t j = i; j < e; j++) {
        const struct sz_eline *x = &l[j];
        size_t jn = x->len;
        while (jn && strchr(",.;:", x->s[jn - 1]))
            jn--;
        if (!title_shaped(x) || by_start(l, i, j) || byline_lead(x) || joining_line(x->s, jn) ||
            inline_by(x) || by_credit(x) ||
            place_line(x) || strpbrk_n(x->s, x->len, "0123456789") || roman_date(x) ||
            name_like(x->s, x->len) || sz_essay_section_line(x->s, x->len) ||
            volumes_line(x) || catalogue_part(x) ||
            starts_with_word(x->s + (x->s[0] == '_'),
                             x->len - (x->s[0] == '_') - (x->s[x->len - 1] == '_'),
                             (const char *const[]){ "with", "edited",
                                                                 "translated", "illustrated",
                                                                 "author", "copyright",
                                                                 NULL }) ||
            (x->width < 30 && (starts_with_word(x->s, jn, toc_words) ||
                               sz_essay_word_ci(x->s, jn, toc_words))))
            return 0;
        kind |= genre_line(x) || kind_alone(x);
    }
    /* without a kind's word, the block is a subtitle only where the By
    ** line follows it */
    size_t n = e;
    while (n < lim && (l[n].blank || rule_line(&l[n])))
        n++;
    /* or the name alone, or when the name was set over the title, a
    ** line of its own */
    if (!kind && !(n < lim && (by_start(l, n, n) ||
                               (name_like(l[n].s, l[n].len) && l[n].width <= 40 &&
                                !place_line(&l[n]) && (n + 1 >= lim || l[n + 1].blank)))) &&
        !(sz_meta_get(c->doc, "author") && e == i + 1))
        return 0;
    struct sz_buf sub = SZ_BUF_INIT;
    for (size_t j = i; j < e; j++)
        put_piece(&sub, &l[j]);
    while (sub.len && strchr(".,;:", sub.data[sub.len - 1]))
        sub.len--;
    /* "A HISTORY / --OF THE-- / TWENTY-FOURTH REGIMENT / --OF-- /
    ** CONNECTICUT MILITIA.": a line of joining words alone, set apart,
    ** goes on with the subtitle into the line under it */
    size_t e0 = e;
    for (size_t more = 0; sub.len && more < 4; more++) {
        size_t j = e, m;
        while (j < lim && l[j].blank)
            j++;
        if (j >= lim || (j + 1 < lim && !l[j + 1].blank) || !joining_line(l[j].s, l[j].len))
            break;
        m = j + 1;
        while (m < lim && l[m].blank)
            m++;
        if (m >= lim || (m + 1 < lim && !l[m + 1].blank) || !title_shaped(&l[m]) ||
            l[m].cols > TITLE_WIDTH || by_start(l, m, m) || joining_line(l[m].s, l[m].len) ||
            place_line(&l[m]) || strpbrk_n(l[m].s, l[m].len, "0123456789"))
            break;
        put_piece(&sub, &l[j]);
        put_piece(&sub, &l[m]);
        while (sub.len && strchr(".,;:", sub.data[sub.len - 1]))
            sub.len--;
        e = m + 1;
    }
    /* "A COLLECTION OF", "WHEREIN": the words go on in the next block;
    ** "Selected and Edited" over "By ANDREW LANG": the head of a credit */
    size_t wa = sub.len;
    while (wa > 0 && sub.data[wa - 1] != ' ')
        wa--;
    /* "into several / REMOTE NATIONS": a title's line going on */
    uint32_t c0 = 0;
    sz_utf8_decode(sub.data, sub.len, &c0);
    int lower = sub.len && utf8proc_category((utf8proc_int32_t)c0) == UTF8PROC_CATEGORY_LL &&
                !(sub.len > 3 && !strncmp(sub.data, "or,", 3));
    if (lower || ends_joining(&sub) ||
        (e == i + 1 && sz_essay_count_words(l[i].s, l[i].len) == 1 && stop_line(&l[i], 0)) ||
        (sub.len - wa > 3 && !strncasecmp(sub.data + sub.len - 2, "ed", 2) && n < lim &&
         by_start(l, n, n)))
        sub.len = 0;
    if (sub.len) {
        sz_essay_meta_text(c, "subtitle", sub.data, sub.len, 0);
        sz_essay_trace_meta(c, l[i].lineno, "subtitle",
                            e != e0 ? "under the title, going on past a line of joining words "
                                      "alone (AND, --OF THE--)"
                            : kind ? "under the title, naming the kind of work"
                                   : "under the title, over the By line", sub.data, sub.len);
    }
    size_t got = sub.len ? e : 0;
    sz_buf_free(&sub);
    return got;
}

void
sz_essay_title_page(struct sz_ectx *c, const struct sz_elines *lines, size_t a, size_t b)
{
    const struct sz_eline *l = lines->v;
    if (sz_meta_get(c->doc, "title")) {
        const char *t0 = sz_meta_text(c->doc, "title");
        sz_essay_trace_title(c, a < b ? l[a].lineno : 0, "given before the text: the "
                             "header's Title: line", t0, strlen(t0));
        return;
    }
    /* Every title the page could start at, first the one the page opens
    ** with.  A book prints its title more than once (half-title, title
    ** page, over the text) and its series, publisher or the other books by
    ** its author once: when the first title is not printed again but a
    ** later one is, the later one is the title. */
    struct cand cv[TITLE_CANDIDATES];
    size_t nc = 0, front_end = b, nonblank = 0;
    struct sz_buf t = SZ_BUF_INIT, names = SZ_BUF_INIT, key = SZ_BUF_INIT;
    size_t lim = b - a > TITLE_REPEAT_SCAN ? a + TITLE_REPEAT_SCAN : b;
    /* the text after By lines: the author's name printed again is no title */
    for (size_t i = a; i < lim; i++) {
        const struct sz_eline *x = &l[i];
        if (x->blank)
            continue;
        const char *s = NULL;
        size_t n = 0;
        if (x->len > 3 && !strncasecmp(x->s, "by ", 3) && byline_at(l, a, i, 3)) {
            s = x->s + 3;
            n = x->len - 3;
        } else if (byline_lead(x) || by_alone(x)) {
            size_t j = i + 1;
            while (j < lim && l[j].blank)
                j++;
            if (j < lim) {
                s = l[j].s;
                n = l[j].len;
            }
        }
        if (s) {
            fold(s, n, &key);
            if (key.len) {
                sz_buf_put(&names, key.data, key.len);
                sz_buf_putc(&names, '\n');
            }
        }
    }
    /* A title comes before its author's By line and the contents: later
    ** lines printed twice are publishers, contents entries, headings. */
    for (size_t i = a; i < lim && i < front_end; i++)
        if (!l[i].blank && (by_start(l, a, i) ||
                            (l[i].width < 30 && starts_with_word(l[i].s, l[i].len, toc_words))))
            front_end = i;
    for (size_t i = a; i < lim && nc < TITLE_CANDIDATES; i++) {
        if (l[i].blank || (i > a && !l[i - 1].blank))
            continue;
        if (++nonblank > TITLE_SCAN)
            break;
        size_t f, e, p;
        size_t nl;
        if (!read_title(l, i, lim, &t, &f, &e, &p, &nl)) {
            if (!nc)
                break;         /* the text begins with prose: no title page */
            continue;
        }
        if (nc && cv[nc - 1].first == f)
            continue;
        struct cand *k = &cv[nc++];
        k->first = f;
        k->last = e;
        k->pieces = p;
        k->key = (struct sz_buf)SZ_BUF_INIT;
        k->text = (struct sz_buf)SZ_BUF_INIT;
        k->key1 = (struct sz_buf)SZ_BUF_INIT;
        fold(t.data, t.len, &k->key);
        fold(l[f].s, l[f].len, &k->key1);
        sz_buf_put(&k->text, t.data, t.len);
        k->name = 0;
        k->credit = p == 1 && names_list(&l[f]);
        k->over = nl;
        for (const char *p0 = names.data; p0 && *p0 && !k->name;) {
            const char *q0 = strchr(p0, '\n');
            k->name = (size_t)(q0 - p0) == k->key.len && !memcmp(p0, k->key.data, k->key.len);
            p0 = q0 + 1;
        }
        i = e;
    }
    /* the first title the page opens with, unless it is the author's name */
    size_t pick = 0;
    const char *over = NULL;
    if (nc >= 2 && cv[0].pieces == 1 && !cv[0].name && cv[1].first < front_end &&
        cv[1].first - cv[0].last <= 4 && l[cv[0].first + 1].blank &&
        /* a line printed again straight under itself is a half-title
        ** over the title page, no name over the title */
        strcmp(cv[0].key.data, cv[1].key.data) &&
        !place_line(&l[cv[1].first]) &&
        (author_over(l, cv[0].first, cv[1].first) ||
         caps_name_over_kind(l, cv[0].first, cv[1].last, lim)) &&
        /* "PUBLIC ORCHARD / SAMUEL L. FENWICK (ADA MARSH)": the line under
        ** it has more of a name's marks than it */
        !(strong_name(&l[cv[1].first]) && !strong_name(&l[cv[0].first])) &&
        /* "EASY COMPASS / LYDIA HARROW", both a name's shape: the one
        ** printed again over the text is the title */
        !(name_like(l[cv[1].first].s, l[cv[1].first].len) &&
          recurs(l, cv, nc, 0, lim, &key) == 1 && recurs(l, cv, nc, 1, lim, &key) != 1) &&
        !byline_near(l, a, cv[1].last + 1, lim)) {
        /* the author over the title: the name printed again is no title either */
        for (size_t k = 1; k < nc; k++)
            if (!strcmp(cv[k].key.data, cv[0].key.data))
                cv[k].name = 1;
        cv[0].name = 1;
        over = "the title page's, under the author's name set over it";
        set_author(c, cv[0].text.data, cv[0].text.len, l[cv[0].first].lineno,
                   "the name set over the title");
    }
    /* a credit line counts as one only with a title after it, before
    ** the By line or contents */
    for (size_t k = 0; k < nc; k++)
        if (cv[k].credit && !(k + 1 < nc && cv[k + 1].first < front_end))
            cv[k].credit = 0;
    while (pick < nc && (cv[pick].name || cv[pick].credit) && cv[pick].first < front_end)
        pick++;
    if (pick == nc || cv[pick].first >= front_end)
        pick = 0;
    int again = nc ? recurs(l, cv, nc, pick, lim, &key) : 0;
    if (nc && again != 1)
        for (size_t k = pick + 1; k < nc; k++) {
            if (cv[k].first >= front_end || cv[k].key.len < 3 || cv[k].name || cv[k].credit)
                continue;
            int r = recurs(l, cv, nc, k, lim, &key);
            if (r) {
                pick = k;
                again = r;
                break;
            }
        }
    const char *pwhy = pick && cv[pick - 1].name && over ? over : NULL;
    if (pick && cv[pick - 1].credit)
        pwhy = "the title page's first title past a list of names (the edition's credit)";
    /* "EVERYMAN'S LIBRARY / EDITED BY ... / THE TITLE": a series' name
    ** over the book, a title after it before the By line */
    /* the series' number under its name ("No. 12", "IV.") is passed too */
    size_t past = pick + 1;
    while (nc && past + 1 < nc && numeral(cv[past].key.data) && cv[past + 1].first < front_end)
        past++;
    size_t lib_name = 0;
    if (nc && past + 1 < nc && cv[past].pieces == 1 && !names.len &&
        name_like(l[cv[past].first].s, l[cv[past].first].len) &&
        !place_line(&l[cv[past].first]) && !numeral(cv[past].key.data) &&
        cv[past + 1].first < front_end &&
        !name_like(l[cv[past + 1].first].s, l[cv[past + 1].first].len)) {
        lib_name = cv[past].first + 1;   /* "THE X LIBRARY / H. G. FENWICK / THE TITLE" */
        past++;
    }
    if (nc && again != 1 && past < nc && cv[pick].pieces == 1 &&
        library_line(&l[cv[pick].first]) && cv[past].first < front_end &&
        !cv[past].name && !cv[past].credit && !genre_line(&l[cv[past].first]) &&
        !library_line(&l[cv[past].first])) {
        pick = past;
        again = recurs(l, cv, nc, pick, lim, &key);
        pwhy = "the title page's first title past a series' name (a line naming a library "
               "or classics)";
        if (lib_name)
            set_author(c, l[lib_name - 1].s, l[lib_name - 1].len, l[lib_name - 1].lineno,
                       "the name set over the title, under the series' name");
    }
    /* "TABLEAU" printed again as the first line of "TABLEAU / HISTORIQUE
    ** ET PITTORESQUE / DE PARIS", which is printed again whole: the
    ** title is the whole */
    for (size_t k = pick + 1; nc && k < nc && cv[k].first < front_end; k++)
        if (cv[k].key.len > cv[pick].key.len && cv[pick].key.len &&
            !memcmp(cv[k].key.data, cv[pick].key.data, cv[pick].key.len) &&
            recurs(l, cv, nc, k, lim, &key) == 1) {
            pick = k;
            again = 1;
            pwhy = "the title page's, printed again in full where the page gives it in part";
            break;
        }
    /* "Chap-Books and Folk-Lore Tracts. / Edited by ... / First Series. /
    ** IV. / THE HISTORY OF PATIENT GRISEL": a series' name over the book */
    if (nc && again != 1) {
        size_t sl = series_line(l, cv[pick].last + 1, lim < front_end ? lim : front_end);
        size_t k = pick + 1, number = 0;
        /* past the series' number too ("IV."), which shows the line names a
        ** series over its books ("ESSAYS / SECOND SERIES" is one title) */
        while (sl && k < nc && (cv[k].first <= sl || numeral(cv[k].key.data))) {
            number += cv[k].first > sl;
            k++;
        }
        if (sl && number && k < nc && cv[k].first < front_end && !cv[k].name) {
            pick = k;
            again = 0;
            pwhy = "the title page's first title past a series' name (a line ending in Series)";
        }
    }
    if (nc && again == 2) {
        /* the first line is the title */
        struct cand *k = &cv[pick];
        sz_buf_clear(&k->text);
        put_piece(&k->text, &l[k->first]);
        while (k->text.len && strchr(".:,;", k->text.data[k->text.len - 1]))
            k->text.len--;
        k->pieces = 1;
        k->last = k->first;
    }
    size_t ncand = nc;
    /* nothing before the By line or contents: no title on this page */
    if (nc && cv[pick].first >= front_end) {
        sz_essay_trace_title(c, l[front_end].lineno, "none: no candidate before this By "
                             "line or contents", l[front_end].s, l[front_end].len);
        nc = 0;
    }
    if (nc && c->cat_title) {
        /* The catalogue may name a book by what its title page prints
        ** under the title: "The Wyoming Military Establishment. / A
        ** HISTORY / --OF THE-- / TWENTY-FOURTH REGIMENT ...", the first
        ** line printed again over the text.  Then the page's title is the
        ** title and the catalogue's the subtitle. */
        struct cand *k = &cv[pick];
        fold(c->cat_title, c->cat_len, &key);
        if (again == 1 && key.len >= 8 && strcmp(key.data, k->key.data) &&
            under_title(l, k->last + 1, lim, &key, &t)) {
            sz_essay_set_title(c, k->text.data, k->text.len);
            sz_essay_trace_title(c, l[k->first].lineno, "the title page's, printed again "
                                 "over the text; the catalogue's title, printed under it, "
                                 "is the subtitle", k->text.data, k->text.len);
            if (!sz_meta_get(c->doc, "subtitle"))
                sz_essay_meta_text(c, "subtitle", c->cat_title, c->cat_len, 0);
        }
    }
    if (c->cat_title && !sz_meta_get(c->doc, "title")) {
        /* "The Japan expedition. Japan and around the world": the
        ** catalogue puts the series' name printed over the title before
        ** it; the title is the page's second line */
        fold(c->cat_title, c->cat_len, &key);
        for (size_t k = 0; k + 1 < ncand && k < 4 && cv[k + 1].first < front_end; k++)
            if (cv[k].key.len >= 3 && cv[k + 1].key.len >= 3 &&
                cv[k].key.len + cv[k + 1].key.len == key.len &&
                !memcmp(key.data, cv[k].key.data, cv[k].key.len) &&
                !memcmp(key.data + cv[k].key.len, cv[k + 1].key.data, cv[k + 1].key.len)) {
                sz_essay_trace_title(c, l[cv[k + 1].first].lineno, "the title page's, under "
                                     "the series' name the catalogue's title puts before it",
                                     cv[k + 1].text.data, cv[k + 1].text.len);
                sz_essay_set_title(c, cv[k + 1].text.data, cv[k + 1].text.len);
                break;
            }
    }
    if (c->cat_title) {
        if (!sz_meta_get(c->doc, "title"))
            sz_essay_trace_title(c, c->cat_line, c->cat_why, c->cat_title, c->cat_len);
        sz_essay_set_title(c, c->cat_title, c->cat_len);
        nc = 0;
    }
    int titled = 0;
    size_t vol_end = 0;        /* 1 + the line of the volume read under the title */
    if (nc)
        vol_end = page_volume(c, l, &cv[pick], lim);
    if (nc) {
        struct cand *k = &cv[pick];
        /* A title is a few lines with text after it: a column of one-word
        ** lines is a list, a lone line the whole text. */
        size_t after = k->last + 1;
        while (after < b && l[after].blank)
            after++;
        if (k->pieces <= 6 && after < b) {
            sz_essay_set_title(c, k->text.data, k->text.len);
            sz_essay_trace_title(c, l[k->first].lineno,
                                 pwhy ? pwhy : again == 2 ? "the title page's first line, printed again "
                                              "alone: the lines under it are a subtitle"
                                 : again == 1 ? "the title page's, printed again (half-title, "
                                                "over the text)"
                                 : pick ? "the title page's first title past the author's name"
                                        : "the first short lines of the title page",
                                 k->text.data, k->text.len);
            titled = 1;
        }
    }
    /* the author's By line under the title, or the name set over it */
    if (ncand && cv[pick].over) {
        const struct sz_eline *o = &l[cv[pick].over - 1];
        set_author(c, o->s, o->len, o->lineno,
                   "the name set straight over the title");
    }
    /* a half-title over the title page: the author is read under the
    ** title where the page prints it last, with the rest of the page */
    size_t page = pick;
    while (ncand && page + 1 < ncand && cv[page + 1].first < front_end &&
           cv[page].key.len && !strcmp(cv[page + 1].key.data, cv[page].key.data))
        page++;
    size_t caps_at = 0;
    if (ncand)
        page_author(c, l, a, cv[page].first, cv[page].last, lim, &caps_at, &cv[page].key, &t);
    if (ncand && !sz_meta_get(c->doc, "author"))
        self_author(c, l, &cv[page], lim);
    /* "GEORGE ELIOT" over "SILAS MARNER", which is printed again and the
    ** name not: a name set over the title */
    if (ncand && again == 1 && pick > 0 && !sz_meta_get(c->doc, "author")) {
        const struct cand *o = &cv[pick - 1];
        const struct sz_eline *x = &l[o->first];
        if (o->pieces == 1 && cv[pick].first - o->last <= 4 && !o->name &&
            (sz_essay_name_line(x) || (caps(x) == 1 && person(x->s, x->len) &&
                                       x->width <= 30 && !place_line(x)) ||
             (name_like(x->s, x->len) && x->width <= 40 && !place_line(x))) &&
            !recurs(l, cv, ncand, pick - 1, lim, &key))
            set_author(c, x->s, x->len, x->lineno,
                       "a name set over the title printed again, and not printed again");
    }
    if (caps_at && !sz_meta_get(c->doc, "author"))
        set_author(c, l[caps_at - 1].s, l[caps_at - 1].len, l[caps_at - 1].lineno,
                   "a name in capitals standing alone under the title (a person's words, "
                   "no place's or publisher's)");
    /* the subtitle under the title where the page prints it last (past
    ** a half-title), once the author is known */
    if (titled) {
        size_t se = page_subtitle(c, l, cv[page].last + 1, lim);
        /* the text starts under the lines the page's metadata came from */
        size_t last = cv[page].last + 1;
        if (se > last)
            last = se;
        if (vol_end > last)
            last = vol_end;
        for (size_t i = cv[page].last + 1; c->page_author_line && i < lim && i < last + 20; i++)
            if (!l[i].blank && l[i].lineno == c->page_author_line) {
                size_t al = i + 1;
                /* "BY" alone over the name: the name's line */
                if (by_alone(&l[i])) {
                    size_t j = i + 1;
                    while (j < lim && l[j].blank)
                        j++;
                    if (j < lim)
                        al = j + 1;
                }
                if (al > last)
                    last = al;
                break;
            }
        /* only where the page's evidence holds: the title the page opens
        ** with, or an author or subtitle read under it (a line printed
        ** again further down may be a poem's refrain) */
        if (pick == 0 || c->page_author_line || se)
            c->page_last = page_lettering(l, last, lim);
    }
    /* what else the page offered, for a reader who wants to see why (the
    ** first few, before the By line or contents) */
    for (size_t k = 0; k < ncand && k <= pick + 2 && !c->cat_title; k++)
        if ((k != pick || !nc) && cv[k].first < front_end)
            sz_essay_trace_title(c, l[cv[k].first].lineno,
                                 cv[k].name ? "passed over: the name a By line gives"
                                 : cv[k].credit ? "passed over: a list of names over the "
                                                  "title, the edition's credit"
                                                : "passed over: another of the page's lines",
                                 cv[k].text.data, cv[k].text.len);
    for (size_t k = 0; k < ncand; k++) {
        sz_buf_free(&cv[k].key);
        sz_buf_free(&cv[k].key1);
        sz_buf_free(&cv[k].text);
    }
    sz_buf_free(&t);
    sz_buf_free(&names);
    sz_buf_free(&key);
}

static void
meta(struct sz_ectx *c, const char *key, const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';'))
        n--;
    while (n && *s == ' ')
        s++, n--;
    if (n)             /* metadata is given, not typed prose: no smart quotes */
        sz_essay_meta_text(c, key, s, n, 0);
}

void
sz_essay_set_title(struct sz_ectx *c, const char *s, size_t n)
{
    /* "Oliver Twist OR THE PARISH BOY'S PROGRESS", "Shibusawa; or, The
    ** Passing of Old Japan", "Oliver Twist Or The Parish Boy's Progress"
    ** (title case writes a joining "or" in lower case): the alternative
    ** title is the subtitle */
    static const char *const alt[] = { "; or, ", "; or ", ", or, ", ", or ", " OR ", "; Or, ",
                                       "; Or ", ", Or, ", ", Or ", " Or, ", " Or ", NULL };
    if (sz_meta_get(c->doc, "title"))
        return;
    /* "# On Keeping Bees": a Markdown-style title's marks are no part of it */
    size_t h = (size_t)sz_essay_atx_marks(s, n);
    if (h) {
        s += h + 1;
        n -= h + 1;
    }
    for (int k = 0; alt[k]; k++) {
        size_t m = strlen(alt[k]);
        for (size_t i = 1; i + m < n; i++)
            if (!memcmp(s + i, alt[k], m)) {
                meta(c, "title", s, i);
                /* "or, The Whale" is the subtitle, "or" and all */
                size_t o = i + (alt[k][0] == ' ' ? 1 : 2);
                meta(c, "subtitle", s + o, n - o);
                return;
            }
    }
    meta(c, "title", s, n);
}
