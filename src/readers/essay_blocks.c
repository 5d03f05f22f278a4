/*
** essay_blocks.c
** Lines to blocks: paragraph convention, headings and their levels, title
** block, scene breaks.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "readers/essay.h"

/* A line wider than this (code points) is a paragraph written on one line,
** not a hard-wrapped line: books wrap at 60-80 columns. */
#define LONG_LINE 100
/* Headings are short. */
#define MAX_HEAD_WIDTH 80
#define MAX_HEAD_WORDS 12

/* Heading ranks, outermost first.  The ranks a document uses are mapped to
** levels 1, 2, ... in this order, so levels stay consistent. */
enum rank {
    R_SETEXT1,     /* underlined with === */
    R_PART,        /* BOOK, PART, VOLUME */
    R_CHAPTER,     /* CHAPTER IV, Chapter 4, IV., Erstes Kapitel, ГЛАВА I */
    R_SUB,         /* SCENE II; bare numbers inside titled chapters: I, II under CHAPTER TWO */
    R_CAPS,        /* ALL-CAPS line */
    R_SETEXT2,     /* underlined with --- */
    R_NUMBERED,    /* 2. Method */
    R_NUMBERED2,   /* 2.1 Sampling */
    R_TITLE,       /* Short Title-Case Line */
    R_COUNT,
    R_NONE = -1
};

enum ukind { U_PARA, U_HEAD, U_RULE, U_SKIP, U_TITLEPAGE, U_CONTENTS, U_MERGED, U_FIGURE,
             U_SIDENOTE };

struct unit {
    size_t a, b;               /* lines [a, b) */
    int kind;
    int rank;
    int merge;                 /* a heading that takes the next unit as its second line */
    int gap;                   /* blank lines before */
    const char *why;           /* the evidence that decided kind (--trace-structure) */
};

struct units {
    struct unit *v;
    size_t n, cap;
};

static void
push_unit(struct units *u, size_t a, size_t b)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 128;
        u->v = sz_xrealloc(u->v, u->cap * sizeof *u->v);
    }
    u->v[u->n++] = (struct unit){ a, b, U_PARA, R_NONE, 0, 0, NULL };
}

/* {=================================================================
** Character and word tests
** ================================================================== */

static uint32_t
cp_at(const char *s, size_t n, size_t *i)
{
    uint32_t cp;
    *i += sz_utf8_decode(s + *i, n - *i, &cp);
    return cp;
}

static uint32_t
last_cp(const char *s, size_t n)
{
    return sz_essay_prev_cp(s, n);
}

static int
is_upper(uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int
is_lower(uint32_t cp)
{
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

static int
is_letter(uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Closing punctuation: a line that ends with it is a sentence, not a title. */
static int
closes(uint32_t cp)
{
    switch (cp) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '"': case '\'':
    case '-': case 0x2026: case 0x201D: case 0x2019: case 0x2014: case 0x2013:
    case 0x3002: case 0xFF0C: case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B:
    case 0xAB: case 0xBB: case 0x201E: case 0x201C: case 0x300D: case 0x300F: case '=':
        return 1;
    default:
        return 0;
    }
}

/* Words a title leaves in lower case. */
static int
minor_word(const char *w, size_t n)
{
    static const char *const minor[] = {
        "a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at", "to",
        "by", "with", "from", "into", "onto", "upon", "as", "vs", "vs.", "via", "per", "than",
        "over", "under", "beneath", "between", "about", "after", "before", "through",
        "against", "among", "within", "without", "off", "up", "out", "so", "yet", "de",
        "la", "le", "les", "du", "des", "von", "van", "der", "und", "et", "y", "e", "di",
        "da", "del", "o", "en", "is", "its", "not",
    };
    for (size_t i = 0; i < sizeof minor / sizeof minor[0]; i++)
        if (strlen(minor[i]) == n && !memcmp(minor[i], w, n))
            return 1;
    return 0;
}

static size_t
count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Short Title-Case Words, minor words excepted, the first capitalised. */
static int
title_case(const char *s, size_t n)
{
    size_t i = 0, words = 0, upper = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t a = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        if (a == i)
            break;
        /* First letter or digit of the word, past quotes and brackets. */
        size_t k = a;
        uint32_t cp = 0;
        while (k < i) {
            cp = cp_at(s, i, &k);
            if (is_letter(cp) || (cp >= '0' && cp <= '9'))
                break;
            cp = 0;
        }
        words++;
        upper += is_upper(cp);
        if (!cp || (cp >= '0' && cp <= '9') || is_upper(cp))
            continue;
        if (!is_lower(cp))
            continue;      /* scripts without case */
        if (words == 1 || !minor_word(s + a, i - a))
            return 0;
    }
    return upper > 0;    /* scripts without case have no title case */
}

/* ALL CAPS: at least two letters and no lower-case letter. */
static int
all_caps(const char *s, size_t n)
{
    size_t i = 0, upper = 0;
    while (i < n) {
        uint32_t cp = cp_at(s, n, &i);
        if (is_lower(cp))
            return 0;
        upper += is_upper(cp);
    }
    return upper >= 2;
}

static int
roman_value(const char *s, size_t n)
{
    int total = 0, prev = 0;
    if (n == 0 || n > 12)
        return 0;
    for (size_t i = n; i-- > 0;) {
        int v;
        switch (s[i] | 0x20) {
        case 'i': v = 1; break;
        case 'v': v = 5; break;
        case 'x': v = 10; break;
        case 'l': v = 50; break;
        case 'c': v = 100; break;
        case 'd': v = 500; break;
        case 'm': v = 1000; break;
        default: return 0;
        }
        total += v < prev ? -v : v;
        if (v > prev)
            prev = v;
    }
    return total > 0 ? total : 0;
}

/* A number: digits, a roman numeral or a number word ("One", "First"). */
static int
number_token(const char *s, size_t n)
{
    static const char *const words[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "first", "second",
        "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "last", "the", "premier", "première", "i", "erstes",
    };
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(s + i, "\xE2\x80\x94", 3) || !memcmp(s + i, "\xE2\x80\x93", 3) ||
            !memcmp(s + i, "--", 2)) {
            n = i;     /* PART ONE—The Old Buccaneer */
            break;
        }
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ',' || s[n - 1] == '-'))
        n--;
    if (n > 2 && s[n - 1] == ']') {
        while (n > 0 && s[n - 1] != '[')
            n--;     /* XXII[1]: a note marker */
        if (n > 0)
            n--;
    }
    if (n == 0)
        return 0;
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == n)
        return 1;
    /* Scene 1.II: act and scene */
    if (d > 0 && d + 1 < n && s[d] == '.' && roman_value(s + d + 1, n - d - 1) && s[d + 1] >= 'A' &&
        s[d + 1] <= 'Z')
        return 1;
    /* Upper-case roman numerals only: "I" is a word too, but "Chapter I" is
    ** not, and lower-case "mix" or "dim" should not count. */
    if (roman_value(s, n) && (s[0] < 'a' || n == 1))
        return 1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t l = strlen(words[i]);
        if (l == n && !strncasecmp(words[i], s, n))
            return 1;
    }
    return 0;
}

/* {=================================================================
** Heading ranks
** ================================================================== */

/* The first word, and the rest after white space. */
static size_t
first_word(const char *s, size_t n, const char **rest, size_t *rn)
{
    size_t i = 0;
    while (i < n && s[i] != ' ' && s[i] != '\t')
        i++;
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    *rest = s + j;
    *rn = n - j;
    return i;
}

static int
word_is(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && !memcmp(*list, w, n))
            return 1;
    return 0;
}

/* CHAPTER IV, Book the First, Part One, Kapitel 3, ГЛАВА I, 第一回. */
static int
keyword_rank(const char *s, size_t n)
{
    static const char *const part[] = {
        "BOOK", "Book", "PART", "Part", "VOLUME", "Volume", "VOL.", "Vol.", "LIVRE", "Livre",
        "TEIL", "Teil", "BUCH", "Buch", "ЧАСТЬ", "Часть", "КНИГА", "Книга", "LIBRO", "Libro",
        "DEEL", "Deel", "PARTE", "Parte", "TOME", "Tome", NULL,
    };
    static const char *const chapter[] = {
        "CHAPTER", "Chapter", "CHAP.", "Chap.", "STAVE", "Stave", "KAPITEL", "Kapitel",
        "CHAPITRE", "Chapitre", "CAPÍTULO", "Capítulo", "CAPITULO", "Capitulo", "CAPITOLO",
        "Capitolo", "ГЛАВА", "Глава", "HOOFDSTUK", "Hoofdstuk", "LETTER", "Letter",
        "SECTION", "Section", "CANTO", "Canto", "ACT", "Act", NULL,
    };
    /* the scenes of a play's acts */
    static const char *const scene[] = {
        "SCENE", "Scene", "SCÈNE", "Scène", "SZENE", "Szene", "ESCENA", "Escena", "SCENA",
        "Scena", NULL,
    };
    const char *rest, *rest2;
    size_t rn, rn2;
    size_t w = first_word(s, n, &rest, &rn);
    if (n > MAX_HEAD_WIDTH * 3)
        return R_NONE;
    int r = word_is(s, w, part) ? R_PART : word_is(s, w, chapter) ? R_CHAPTER
          : word_is(s, w, scene) ? R_SUB : R_NONE;
    if (r != R_NONE) {
        size_t w2 = first_word(rest, rn, &rest2, &rn2);
        if (rn > 0 && number_token(rest, w2))
            return r;
        return R_NONE;
    }
    /* "Erstes Kapitel", "Premier chapitre", "First Part" */
    size_t w2 = first_word(rest, rn, &rest2, &rn2);
    static const char *const after[] = {
        "Kapitel", "KAPITEL", "chapitre", "CHAPITRE", "Chapter", "CHAPTER", "Teil", "TEIL",
        "Buch", "partie", "PARTIE", "Part", "PART", "Book", "BOOK", "Hoofdstuk", "глава",
        "часть", "ACT", "Act", NULL,
    };
    if (w2 && word_is(rest, w2, after) && rn2 == 0 && w > 0 && w < 20) {
        int p = rest[0] == 'T' || rest[0] == 'B' || rest[0] == 'P' || rest[0] == 'p' ||
                (unsigned char)rest[0] == 0xD1;
        return p ? R_PART : R_CHAPTER;
    }
    /* 第一回, 第十二章, 第三卷 */
    if (n >= 9 && !memcmp(s, "第", 3)) {
        size_t i = 3;
        while (i + 3 <= n) {
            /* the counter word, then the end or a space: 第二回了 is text */
            int end = i + 3 == n || s[i + 3] == ' ' || !memcmp(s + i + 3, "\xE3\x80\x80", 3);
            if (end && (!memcmp(s + i, "回", 3) || !memcmp(s + i, "章", 3) ||
                        !memcmp(s + i, "節", 3)))
                return R_CHAPTER;
            if (end && (!memcmp(s + i, "卷", 3) || !memcmp(s + i, "部", 3)))
                return R_PART;
            /* 第二部分：结论, 第三章：方法 — the title after a full-width colon */
            if (i + 6 <= n && !memcmp(s + i + 3, "\xEF\xBC\x9A", 3) &&
                (!memcmp(s + i, "分", 3) || !memcmp(s + i, "章", 3) || !memcmp(s + i, "节", 3) ||
                 !memcmp(s + i, "節", 3) || !memcmp(s + i, "回", 3)))
                return R_CHAPTER;
            if (i > 24)
                break;
            i += 3;
        }
    }
    return R_NONE;
}

static int matter_word(const char *s, size_t n);

int
sz_essay_section_line(const char *s, size_t n)
{
    return keyword_rank(s, n) != R_NONE || matter_word(s, n);
}

static int
is_rule(const char *s, size_t n)
{
    size_t i = 0, marks = 0;
    uint32_t first = 0;
    if (n == 0)
        return 0;
    while (i < n) {
        uint32_t cp = cp_at(s, n, &i);
        if (cp == ' ' || cp == '\t')
            continue;
        if (!first)
            first = cp;
        switch (cp) {
        case '*': case '-': case '_': case '=': case '~': case '#': case '+': case '.':
        case 0x2022: case 0x00B7: case 0x2042: case 0x2043: case 0x273B: case 0x2727:
        case 0x2726: case 0x2605: case 0x2606: case 0x25C6: case 0x2014: case 0x2013:
        case 0x2015:
            marks++;
            break;
        default:
            return 0;
        }
    }
    /* "* * *", "-----", "⁂"; not a single "*" or "..." */
    return marks >= 3 || (marks >= 1 && first == 0x2042);
}

static int
underline_of(const struct sz_eline *l)
{
    if (l->len < 3)
        return 0;
    char c = l->s[0];
    if (c != '=' && c != '-')
        return 0;
    for (size_t i = 0; i < l->len; i++)
        if (l->s[i] != c)
            return 0;
    return c;
}

/* "Produced by ...": the transcriber's credit, never a heading. */
static int
credit_line(const struct sz_eline *l)
{
    static const char *const p[] = { "Produced by", "Transcribed", "E-text prepared",
                                      "Etext prepared", "This etext", "Prepared by", NULL };
    for (int i = 0; p[i]; i++)
        if (l->len >= strlen(p[i]) && !strncasecmp(l->s, p[i], strlen(p[i])))
            return 1;
    return 0;
}

/* Front and back matter that stands beside the chapters. */
static int
matter_word(const char *s, size_t n)
{
    static const char *const w[] = {
        "preface", "introduction", "epilogue", "prologue", "appendix", "afterword",
        "foreword", "conclusion", "postscript", "vorwort", "einleitung", "nachwort",
        "préface", "avantpropos", "prólogo", "epílogo", "introducción", "inleiding",
        "voorwoord", "предисловие", "эпилог", "пролог", "вступление", NULL,
    };
    if (n > 40)
        return 0;
    char buf[128];
    size_t k = 0, i = 0;
    while (i < n && k + 4 < sizeof buf) {
        size_t a = i;
        uint32_t cp = cp_at(s, n, &i);
        if (cp < 0x80) {
            if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
                buf[k++] = (char)(cp | 0x20);
            else if (cp != '.' && cp != ' ' && cp != '-')
                return 0;
        } else if (is_letter(cp)) {
            uint32_t lc = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
            char tmp[4];
            size_t m = (size_t)utf8proc_encode_char((utf8proc_int32_t)lc, (utf8proc_uint8_t *)tmp);
            if (m == 0 || k + m + 1 >= sizeof buf)
                return 0;
            memcpy(buf + k, tmp, m);
            k += m;
            (void)a;
        } else {
            return 0;
        }
    }
    buf[k] = '\0';
    for (int j = 0; w[j]; j++)
        if (!strcmp(buf, w[j]))
            return 1;
    return 0;
}

static int
is_symbol(uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO;
}

/* ♦TREATY BETWEEN GREAT BRITAIN AND SPAIN.♦: a block set between two of
** the same symbol is a sidenote (a margin note of the printed book). */
static int
sidenote(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a > 4 || l[a].len < 3)
        return 0;
    size_t i = 0;
    uint32_t first = cp_at(l[a].s, l[a].len, &i);
    return is_symbol(first) && first == last_cp(l[b - 1].s, l[b - 1].len) && first != '*' &&
           first != '=' && first != '-' && first != '+' && first != '#' && first != '~';
}

/* A sidenote over blank lines: unit k opens with a mark that one of the
** next three units closes.  Returns the unit after it, or 0. */
static size_t
sidenote_end(const struct units *u, const struct sz_eline *l, size_t k)
{
    const struct unit *x = &u->v[k];
    size_t i = 0;
    uint32_t first = cp_at(l[x->a].s, l[x->a].len, &i);
    if (!is_symbol(first) || first == '*' || first == '=' || first == '-' || first == '+' ||
        first == '#' || first == '~' || last_cp(l[x->b - 1].s, l[x->b - 1].len) == first ||
        x->b - x->a > 3)
        return 0;
    for (size_t j = k + 1; j < u->n && j <= k + 3; j++) {
        const struct unit *y = &u->v[j];
        size_t i2 = 0;
        if (y->b - y->a > 3 || cp_at(l[y->a].s, l[y->a].len, &i2) == first)
            return 0;
        if (last_cp(l[y->b - 1].s, l[y->b - 1].len) == first)
            return j + 1;
    }
    return 0;
}

/* "CHAPTER XVII. The Spaniards not discouraged 80", "Preface ..... vii":
** a line of words that ends in a page number is an entry of a contents
** list, wherever it stands. */
static int
page_ref(const char *s, size_t n)
{
    size_t e = n, d;
    while (e > 0 && s[e - 1] >= '0' && s[e - 1] <= '9')
        e--;
    d = n - e;
    if (d == 0) {       /* roman page numbers only after a leader or a wide gap */
        while (e > 0 && strchr("ivxlcdm", s[e - 1]))
            e--;
        if (e == n || e < 3 || (s[e - 1] != ' ' && s[e - 1] != '.') ||
            (memcmp(s + e - 2, "  ", 2) && memcmp(s + e - 2, "..", 2)))
            return 0;
        return 1;
    }
    if (d > 4 || e < 2 || (s[e - 1] != ' ' && s[e - 1] != '.'))
        return 0;
    /* a wide gap or dot leaders before the number, or several words */
    if (!memcmp(s + e - 2, "  ", 2) || !memcmp(s + e - 2, "..", 2))
        return 1;
    return count_words(s, e) >= 4;
}

/* The last word of s[0..n), without closing punctuation. */
static int
ends_joining(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ',' || s[n - 1] == ':' || s[n - 1] == ';'))
        n--;
    size_t a = n;
    while (a > 0 && s[a - 1] != ' ')
        a--;
    char w[8];
    if (n - a == 0 || n - a >= sizeof w)
        return 0;
    for (size_t i = a; i < n; i++)
        w[i - a] = (char)(s[i] | 0x20);
    static const char *const joins[] = { "of", "the", "and", "with", "by", "a", "an", "in", "to",
                                         "for", "or", "from", "on", "at", NULL };
    return word_is(w, n - a, joins);
}

/* The rank of a standalone line, or R_NONE for a paragraph; *why gets the
** evidence (for --trace-structure). */
static int
line_rank_why(const struct sz_eline *l, const char **why)
{
    const char *s = l->s;
    size_t n = l->len;
    *why = NULL;
    int r = keyword_rank(s, n);
    if (r != R_NONE && page_ref(s, n)) {
        *why = "a chapter line ending in a page number: a contents entry";
        return R_NONE;
    }
    if (r != R_NONE)
        return r;
    if (credit_line(l) || (n && (s[0] == '(' || s[0] == '[')))
        return R_NONE;
    if (matter_word(s, n))
        return R_CHAPTER;
    if (l->width > MAX_HEAD_WIDTH || count_words(s, n) > MAX_HEAD_WORDS)
        return R_NONE;
    if (sidenote(l, 0, 1)) {
        *why = "a line set between two marks (♦TEXT♦): a sidenote";
        return R_NONE;
    }
    if (page_ref(s, n)) {
        *why = "a line ending in a page number: a contents entry";
        return R_NONE;
    }
    /* IV.  /  12 */
    size_t k = n;
    if (k > 1 && s[k - 1] == '.')
        k--;
    size_t d = 0;
    while (d < k && s[d] >= '0' && s[d] <= '9')
        d++;
    int rv = roman_value(s, k);
    if ((d == k && k <= 3) || (rv && s[0] >= 'A' && s[0] <= 'Z' && (k == 1 || all_caps(s, k)))) {
        if (rv > 400) {
            *why = "a roman numeral too large for a chapter (MDCCCXXVIII.): a year";
            return R_NONE;
        }
        return R_CHAPTER;
    }
    /* II. The New Master And Mistress. */
    size_t w = 0;
    while (w < n && s[w] != '.' && s[w] != ' ')
        w++;
    if (w > 0 && w + 2 < n && s[w] == '.' && s[w + 1] == ' ' && s[0] >= 'A' && s[0] <= 'Z' &&
        roman_value(s, w) && roman_value(s, w) <= 400 && (all_caps(s, w) || w == 1)) {
        size_t t = n - (s[n - 1] == '.');
        if (t > w + 2 && !closes(last_cp(s, t)) && !memchr(s + w + 2, '.', t - w - 2) &&
            !memchr(s + w + 2, ';', t - w - 2) &&
            (title_case(s + w + 2, t - w - 2) || all_caps(s + w + 2, t - w - 2))) {
            *why = "a roman numeral and a title";
            return R_CHAPTER;
        }
    }
    /* 2. Method  /  3.1 Results */
    if (d > 0 && d < n && (s[d] == '.' || s[d] == ' ')) {
        size_t i = d;
        while (i < n && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')))
            i++;
        if (i < n && s[i] == ' ' && !closes(last_cp(s, n)) && count_words(s, n) <= 10 &&
            title_case(s + i + 1, n - i - 1)) {
            /* 3.1 under 3.: a dot between digits numbers a subsection */
            for (size_t k2 = d; k2 + 1 < i; k2++)
                if (s[k2] == '.' && s[k2 + 1] >= '0' && s[k2 + 1] <= '9')
                    return R_NUMBERED2;
            return R_NUMBERED;
        }
        return R_NONE;
    }
    uint32_t end = last_cp(s, n);
    size_t i0 = 0;
    uint32_t first = cp_at(s, n, &i0);
    if (first == 0x201C || first == '"' || first == 0xAB || first == 0xBB || first == 0x2018)
        return R_NONE;     /* “H.J.  — a quotation or a signature */
    if (all_caps(s, n) && (end == ':' || ends_joining(s, n))) {
        *why = "capitals ending in a joining word or a colon: one line of a title page";
        return R_NONE;
    }
    if (all_caps(s, n) && end != ',' && end != ';' && end != '-' && end != 0x2014)
        return R_CAPS;
    if (!closes(end) && title_case(s, n))
        return R_TITLE;
    return R_NONE;
}

static int
line_rank(const struct sz_eline *l)
{
    const char *why;
    return line_rank_why(l, &why);
}

/* "# Title" to "### Title": 1 to 3, else 0. */
static int
atx_level(const struct sz_eline *l)
{
    int k = 0;
    while (k < (int)l->len && k < 4 && l->s[k] == '#')
        k++;
    if (k == 0 || k > 3 || (uint32_t)k + 2 > l->len || l->s[k] != ' ' || l->s[k + 1] == ' ')
        return 0;
    return k;
}

/* What made a standalone line a heading of each rank, for the trace;
** [R_COUNT] is the plain line. */
static const char *const rank_why[R_COUNT + 1] = {
    "underlined with =",
    "part keyword and number (BOOK, PART, VOLUME)",
    "chapter keyword and number, a bare number, or a front/back matter word",
    "SCENE and a number, or a bare number counting from one again inside titled chapters: "
    "a section of a chapter",
    "a short line in capitals",
    "underlined with -",
    "a number and a short title-case title (2. Method)",
    "a two-part number and a short title-case title (2.1 Sampling)",
    "a short title-case line without closing punctuation",
    "a line of text (no heading shape)",
};

/* Lines [a, b) are a title in capitals wrapped over lines: short, no
** lower-case letter, not ending in a comma. */
static int
caps_title(const struct sz_eline *l, size_t a, size_t b)
{
    size_t words = 0;
    for (size_t i = a; i < b; i++) {
        if (l[i].width > MAX_HEAD_WIDTH || !all_caps(l[i].s, l[i].len))
            return 0;
        words += count_words(l[i].s, l[i].len);
    }
    uint32_t end = last_cp(l[b - 1].s, l[b - 1].len);
    return words <= 3 * MAX_HEAD_WORDS && end != ',' && end != ';';
}

/* {=================================================================
** Building
** ================================================================== */

/* Inlines of lines [a, b) joined by soft breaks. */
static void
add_inlines(struct sz_ectx *c, struct sz_node *parent, struct sz_eline *l, size_t a, size_t b,
            struct sz_buf *scratch)
{
    if (b == a + 1) {
        sz_essay_inlines(c, parent, l[a].s, l[a].len);
        return;
    }
    sz_buf_clear(scratch);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sz_buf_putc(scratch, '\n');
        sz_buf_put(scratch, l[i].s, l[i].len);
    }
    sz_essay_inlines(c, parent, scratch->data, scratch->len);
}

static struct sz_node *
block(struct sz_ectx *c, enum sz_kind k, uint32_t line)
{
    struct sz_node *n = sz_node_new(c->doc, k);
    n->line = line;
    sz_node_append(c->parent, n);
    return n;
}

/* {=================================================================
** Lists: "- item", "• item", "1. item", "1) item", "(a) item", "ii. item"
** ================================================================== */

struct marker {
    int ordered;               /* 0: bullet */
    int style, delim;          /* sz_list_style, sz_list_delim */
    int num;                   /* the item's number */
    size_t len;                /* bytes of the marker and its space */
    char bullet;
};

static int
list_marker(const struct sz_eline *l, struct marker *m)
{
    const char *s = l->s;
    size_t n = l->len, i = 0;
    memset(m, 0, sizeof *m);
    if (n >= 3 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ' && s[2] != ' ') {
        m->bullet = s[0];
        m->len = 2;
        return 1;
    }
    if (n >= 5 && !memcmp(s, "\xE2\x80\xA2", 3) && s[3] == ' ') {
        m->bullet = 'o';
        m->len = 4;
        return 1;
    }
    int paren = s[0] == '(';
    i = (size_t)paren;
    size_t a = i;
    while (i < n && i - a < 4 && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
                                  (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i == a || i + 2 > n)
        return 0;
    char d = s[i];
    if (paren ? d != ')' : (d != '.' && d != ')'))
        return 0;
    if (s[i + 1] != ' ' || i + 2 >= n)
        return 0;
    size_t w = i - a;
    int v = 0;
    if (s[a] >= '0' && s[a] <= '9') {
        if (w > 3)
            return 0;  /* "1789. Address to the Public": a year */
        for (size_t k = a; k < i; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;
            v = v * 10 + (s[k] - '0');
        }
        m->style = SZ_STYLE_DECIMAL;
    } else if (w <= 4 && roman_value(s + a, w) && (s[a] == 'i' || s[a] == 'v' || s[a] == 'x')) {
        for (size_t k = a; k < i; k++)
            if (s[k] < 'a' || s[k] > 'z')
                return 0;
        v = roman_value(s + a, w);
        m->style = SZ_STYLE_LOWER_ROMAN;
    } else if (w == 1) {
        v = (s[a] | 0x20) - 'a' + 1;
        m->style = s[a] >= 'a' ? SZ_STYLE_LOWER_ALPHA : SZ_STYLE_UPPER_ALPHA;
        /* "A. Smith" or "I. The beginning" are names and headings */
        if (!paren && d == '.')
            return 0;
    } else {
        return 0;
    }
    m->ordered = 1;
    m->num = v;
    m->delim = paren ? SZ_DELIM_TWO_PARENS : d == '.' ? SZ_DELIM_PERIOD : SZ_DELIM_ONE_PAREN;
    m->len = i + 2;
    return 1;
}

static int
same_list(const struct marker *a, const struct marker *b)
{
    return a->ordered == b->ordered && a->style == b->style && a->delim == b->delim &&
           a->bullet == b->bullet;
}

/* A block whose lines are two or more items of one kind (with their
** continuation lines) is a list.  Returns 1 when it built one. */
static int
list_unit(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch)
{
    struct marker first, m;
    if (b - a < 2 || !list_marker(&l[a], &first))
        return 0;
    size_t items = 0;
    int next = first.num;
    for (size_t i = a; i < b; i++) {
        if (l[i].indent == l[a].indent && list_marker(&l[i], &m)) {
            if (!same_list(&m, &first) || (m.ordered && m.num != next))
                return 0;
            next++;
            items++;
        } else if (l[i].indent < l[a].indent + 2 && i + 1 < b && !first.ordered) {
            return 0;  /* an unindented line in a bullet list: prose */
        }
    }
    if (items < 2)
        return 0;
    struct sz_node *list = block(c, first.ordered ? SZ_ORDEREDLIST : SZ_BULLETLIST, l[a].lineno);
    if (first.ordered) {
        list->ival = first.num;
        list->sub = first.style;
        list->sub2 = first.delim;
    }
    for (size_t i = a; i < b;) {
        size_t j = i + 1;
        while (j < b && !(l[j].indent == l[a].indent && list_marker(&l[j], &m)))
            j++;
        list_marker(&l[i], &m);
        struct sz_node *item = sz_node_new(c->doc, SZ_ITEM);
        struct sz_node *p = sz_node_new(c->doc, SZ_PLAIN);
        p->line = l[i].lineno;
        sz_buf_clear(scratch);
        for (size_t k = i; k < j; k++) {
            if (k > i)
                sz_buf_putc(scratch, '\n');
            if (k == i)
                sz_buf_put(scratch, l[k].s + m.len, l[k].len - m.len);
            else
                sz_buf_put(scratch, l[k].s, l[k].len);
        }
        sz_essay_inlines(c, p, scratch->data, scratch->len);
        sz_node_append(item, p);
        sz_node_append(list, item);
        i = j;
    }
    return 1;
}

/* Is unit x one list item (its marker, then continuation lines)? */
static int
one_item(const struct sz_eline *l, const struct unit *x, struct marker *m)
{
    struct marker o;
    if (x->kind != U_PARA || !list_marker(&l[x->a], m))
        return 0;
    for (size_t i = x->a + 1; i < x->b; i++) {
        if (l[i].indent == l[x->a].indent && list_marker(&l[i], &o))
            return 0;
        if (!m->ordered && l[i].indent < l[x->a].indent + 2 && i + 1 < x->b)
            return 0;  /* an unindented line under a bullet: prose */
    }
    return 1;
}

/* Items in blocks of their own ("1. First.", blank line, "2. Second."):
** two or more in a row, of one kind and numbered on, are one loose list.
** Returns the unit after the list, or k when units k... are no list. */
static size_t
loose_list(struct sz_ectx *c, const struct units *u, struct sz_eline *l, size_t k,
           struct sz_buf *scratch)
{
    struct marker first, m;
    if (!one_item(l, &u->v[k], &first))
        return k;
    size_t e = k + 1;
    int next = first.num + 1;
    while (e < u->n && one_item(l, &u->v[e], &m) && same_list(&m, &first) &&
           l[u->v[e].a].indent == l[u->v[k].a].indent && (!m.ordered || m.num == next)) {
        e++;
        next++;
    }
    if (e - k < 2)
        return k;
    struct sz_node *list = block(c, first.ordered ? SZ_ORDEREDLIST : SZ_BULLETLIST,
                                 l[u->v[k].a].lineno);
    if (first.ordered) {
        list->ival = first.num;
        list->sub = first.style;
        list->sub2 = first.delim;
    }
    for (size_t j = k; j < e; j++) {
        const struct unit *x = &u->v[j];
        list_marker(&l[x->a], &m);
        struct sz_node *item = sz_node_new(c->doc, SZ_ITEM);
        struct sz_node *p = sz_node_new(c->doc, SZ_PARA);
        p->line = l[x->a].lineno;
        c->lineno = p->line;
        sz_buf_clear(scratch);
        sz_buf_put(scratch, l[x->a].s + m.len, l[x->a].len - m.len);
        for (size_t i = x->a + 1; i < x->b; i++) {
            sz_buf_putc(scratch, '\n');
            sz_buf_put(scratch, l[i].s, l[i].len);
        }
        sz_essay_inlines(c, p, scratch->data, scratch->len);
        sz_node_append(item, p);
        sz_node_append(list, item);
    }
    return e;
}

/* {=================================================================
** Paragraph shapes: indented paragraphs, verse, block quotes
** ================================================================== */

/* The layout of the running text: its wrap width and its indentation. */
struct layout {
    uint32_t wrap;             /* 90th percentile of line widths */
    uint32_t med;              /* their median */
    uint32_t indent;           /* the commonest indentation */
    size_t lines;              /* non-blank lines measured */
    int speakers;              /* a play: speeches open with the speaker's name alone */
};

/* NORA.  /  HELMER:  a speaker's name on its own line, opening a speech. */
static int
speaker_line(const struct sz_eline *l)
{
    if (l->width < 3 || l->width > 30 || count_words(l->s, l->len) > 4)
        return 0;
    uint32_t end = last_cp(l->s, l->len);
    return (end == '.' || end == ':') && all_caps(l->s, l->len - 1);
}

static void
measure(const struct sz_eline *l, size_t a, size_t b, struct layout *lay)
{
    lay->speakers = 0;
    size_t w[201] = { 0 }, ind[41] = { 0 }, total = 0;
    for (size_t i = a; i < b; i++) {
        if (l[i].blank)
            continue;
        w[l[i].width + l[i].indent > 200 ? 200 : l[i].width + l[i].indent]++;
        ind[l[i].indent > 40 ? 40 : l[i].indent]++;
        total++;
    }
    size_t acc = 0;
    lay->wrap = 72;
    lay->med = 0;
    lay->lines = total;
    for (uint32_t k = 0; k <= 200 && total; k++) {
        acc += w[k];
        if (!lay->med && acc * 2 >= total)
            lay->med = k;
        if (acc * 10 >= total * 9) {
            lay->wrap = k;
            break;
        }
    }
    size_t best = 0;
    lay->indent = 0;
    for (uint32_t k = 0; k <= 40; k++)
        if (ind[k] > best) {
            best = ind[k];
            lay->indent = k;
        }
}

/* The layout of the section starting at unit k (up to the next heading):
** a book may wrap its chapters at different widths (紅樓夢: 26 or 35
** characters), and a chapter wrapped narrower than the book is prose, not
** verse.  Its own width is taken only when it is much narrower and
** prose-shaped: long enough, and most lines near that width (verse has a
** median well below). */
static void
section_layout(const struct units *u, const struct sz_eline *l, size_t k, size_t n,
               const struct layout *book, struct layout *sec)
{
    size_t e = k + 1;
    while (e < u->n && u->v[e].kind != U_HEAD)
        e++;
    *sec = *book;
    struct layout own;
    measure(l, u->v[k].a, e < u->n ? u->v[e].a : n, &own);
    if (own.lines >= SZ_ESSAY_SECTION_LINES && own.wrap * 10 < book->wrap * 8 &&
        own.med * 100 >= own.wrap * 85)
        sec->wrap = own.wrap;
}

/* Leading spaces of a verse line, as pandoc's line blocks keep them:
** no-break spaces. */
static void
verse_line(struct sz_ectx *c, struct sz_node *lb, const struct sz_eline *l, uint32_t base)
{
    struct sz_node *ln = sz_node_new(c->doc, SZ_LINE);
    if (l->indent > base) {
        struct sz_buf sp = SZ_BUF_INIT;
        for (uint32_t k = base; k < l->indent; k++)
            sz_buf_put(&sp, "\xC2\xA0", 2);
        sz_node_append(ln, sz_node_new_text(c->doc, SZ_STR, sp.data, sp.len));
        sz_buf_free(&sp);
    }
    size_t before = sz_node_count(ln);
    sz_essay_inlines(c, ln, l->s, l->len);
    /* "  word": the spaces and the first word are one Str in pandoc */
    if (before == 1 && ln->first->next && ln->first->next->kind == SZ_STR) {
        struct sz_node *a = ln->first, *b = a->next;
        char *s = sz_arena_alloc(c->doc->arena, a->len + b->len + 1);
        memcpy(s, a->text, a->len);
        memcpy(s + a->len, b->text, b->len);
        b->text = s;
        b->len += a->len;
        sz_node_unlink(a);
    }
    sz_node_append(lb, ln);
}

/* One blank-line separated block of running text.  Lines that cannot be
** wrapped prose (several short ones) are verse; an indented block is a
** quotation; an indented line after a full one starts a new paragraph. */
static const char *
text_unit(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, const struct layout *lay,
          struct sz_buf *scratch)
{
    size_t nl = b - a, shorts = 0;
    uint32_t base = l[a].indent;
    if (list_unit(c, l, a, b, scratch))
        return "lines with list markers";
    if (lay->speakers && nl >= 2 && !c->per_line && speaker_line(&l[a])) {
        /* the speech after the name is prose or verse by its own lines */
        for (size_t i = a + 1; i + 1 < b; i++)
            shorts += (l[i].width + l[i].indent) * 4 < lay->wrap * 3;
        if (nl == 2 || shorts * 2 < nl - 2) {
            struct sz_node *p = block(c, SZ_PARA, l[a].lineno);
            sz_essay_inlines(c, p, l[a].s, l[a].len);
            sz_node_append(p, sz_node_new(c->doc, SZ_LINEBREAK));
            add_inlines(c, p, l, a + 1, b, scratch);
            return "a speech in prose under its speaker's name (the text is a play)";
        }
        shorts = 0;
    }
    for (size_t i = a; i < b; i++) {
        if (l[i].indent < base)
            base = l[i].indent;
        if (i + 1 < b && (l[i].width + l[i].indent) * 4 < lay->wrap * 3)
            shorts++;
    }
    if (nl >= 2 && !c->per_line) {
        /* First-line indentation marks paragraphs (Chinese, some books):
        ** in a block of full lines, an indented line after one at the
        ** base indentation starts a new paragraph.  No recursion: a
        ** chapter may be a single block of thousands of paragraphs. */
        if (shorts * 2 < nl - 1) {
            size_t start = a;
            for (size_t i = a + 1; i <= b; i++)
                if (i == b || (l[i].indent > base + 1 && l[i - 1].indent == base)) {
                    if (start == a && i == b)
                        break;
                    struct sz_node *p = block(c, SZ_PARA, l[start].lineno);
                    add_inlines(c, p, l, start, i, scratch);
                    start = i;
                }
            if (start != a)
                return "full lines, each indented first line starts a paragraph";
        }
        if (shorts * 2 >= nl - 1 && shorts >= 1) {
            struct sz_node *lb = block(c, SZ_LINEBLOCK, l[a].lineno);
            for (size_t i = a; i < b; i++)
                verse_line(c, lb, &l[i], base);
            return "most lines end well short of the wrap width: verse";
        }
    }
    if (!c->per_line && base >= lay->indent + 2 && base < 40) {
        struct sz_node *q = block(c, SZ_BLOCKQUOTE, l[a].lineno);
        struct sz_node *p = sz_node_new(c->doc, SZ_PARA);
        p->line = l[a].lineno;
        add_inlines(c, p, l, a, b, scratch);
        sz_node_append(q, p);
        return "indented past the running text: a quotation";
    }
    struct sz_node *p = block(c, SZ_PARA, l[a].lineno);
    add_inlines(c, p, l, a, b, scratch);
    return c->per_line ? "a line of a text written one paragraph per line" : "running text";
}

/* [Illustration: caption] : a figure whose caption is the text. */
static void
figure(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch)
{
    struct sz_node *fig = block(c, SZ_FIGURE, l[a].lineno);
    struct sz_node *cap = sz_node_new(c->doc, SZ_CAPTION);
    sz_node_append(fig, cap);
    sz_buf_clear(scratch);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            sz_buf_putc(scratch, '\n');
        sz_buf_put(scratch, l[i].s, l[i].len);
    }
    size_t s = 13, e = scratch->len - 1;    /* past "[Illustration", before "]" */
    if (s < e && scratch->data[s] == ':')
        s++;
    while (s < e && (scratch->data[s] == ' ' || scratch->data[s] == '\n'))
        s++;
    if (s < e) {
        struct sz_node *p = sz_node_new(c->doc, SZ_PLAIN);
        sz_essay_inlines(c, p, scratch->data + s, e - s);
        sz_node_append(cap, p);
    }
}

/* {=================================================================
** Footnotes: [1] or * in the text, "[1] text", "[Footnote 1: text]" or
** "*text" below
** ================================================================== */

struct sz_enotes {
    struct units *u;
    struct sz_eline *l;
    size_t cur;                /* unit being built */
    size_t *defs;              /* unit indexes of note texts, in order */
    size_t ndefs;
    size_t unmatched;
    struct ndef *bylab;        /* the note texts sorted by label, then place */
};

struct ndef {
    const char *lab;
    size_t n, k;
};

static int
ndef_cmp(const void *pa, const void *pb)
{
    const struct ndef *a = pa, *b = pb;
    size_t m = a->n < b->n ? a->n : b->n;
    int r = memcmp(a->lab, b->lab, m);
    if (r)
        return r;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

/* The label of a note text starting at l, or 0; *skip gets the bytes of
** the "[1]" or "[Footnote 1:" prefix. */
static size_t
note_label(const struct sz_eline *l, const char **label, size_t *skip)
{
    const char *s = l->s;
    size_t n = l->len, i = 1;
    /* "*See subsequent chapters": a note to a bare * marker; not a list
    ** item ("* item") nor emphasis ("*word* opens a paragraph") */
    if (n >= 4 && s[0] == '*' && s[1] != '*' && !memchr(s + 1, '*', n - 1)) {
        /* "* “Busy already?”" too: taken only when a * marker is close */
        size_t sp = s[1] == ' ';
        if (s[1 + sp] != ' ') {
            *label = s;
            *skip = 1 + sp;
            return 1;
        }
    }
    if (n < 4 || s[0] != '[')
        return 0;
    if (n > 10 && !memcmp(s, "[Footnote ", 10))
        i = 10;
    size_t a = i;
    while (i < n && i - a <= 4 && s[i] != ']' && s[i] != ':' && s[i] != ' ')
        i++;
    if (i == a || i >= n || (a == 1 && s[i] != ']') || (a == 10 && s[i] != ':'))
        return 0;
    *label = s + a;
    *skip = i + 1;
    return i - a;
}

static void
find_notes(struct sz_enotes *nt)
{
    for (size_t k = 0; k < nt->u->n; k++) {
        const char *lab;
        size_t skip;
        if (nt->u->v[k].kind == U_PARA && note_label(&nt->l[nt->u->v[k].a], &lab, &skip)) {
            if ((nt->ndefs & (nt->ndefs - 1)) == 0) {
                size_t cap = nt->ndefs ? nt->ndefs * 2 : 1;
                nt->defs = sz_xrealloc(nt->defs, cap * sizeof *nt->defs);
            }
            nt->defs[nt->ndefs++] = k;
        }
    }
    /* Endnotes collected at the end of a book may be thousands of note
    ** texts after their marker: found by label in log time. */
    if (!nt->ndefs)
        return;
    nt->bylab = sz_xmalloc(nt->ndefs * sizeof *nt->bylab);
    for (size_t d = 0; d < nt->ndefs; d++) {
        size_t skip;
        nt->bylab[d].k = nt->defs[d];
        nt->bylab[d].n = note_label(&nt->l[nt->u->v[nt->defs[d]].a], &nt->bylab[d].lab, &skip);
    }
    qsort(nt->bylab, nt->ndefs, sizeof *nt->bylab, ndef_cmp);
}

/* The first unused note text labelled label after unit cur, by label. */
static size_t
def_by_label(const struct sz_enotes *nt, const char *label, size_t n)
{
    struct ndef key = { label, n, nt->cur + 1 };
    size_t lo = 0, hi = nt->ndefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ndef_cmp(&nt->bylab[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t d = lo; d < nt->ndefs && d < lo + SZ_ESSAY_NOTE_SCAN; d++) {
        const struct ndef *e = &nt->bylab[d];
        if (e->n != n || memcmp(e->lab, label, n))
            break;
        if (nt->u->v[e->k].kind == U_PARA)
            return e->k;
    }
    return (size_t)-1;
}

struct sz_node *
sz_essay_note(struct sz_ectx *c, const char *label, size_t n, int bare)
{
    struct sz_enotes *nt = c->notes;
    /* The first unused note text with this label after the marker, among
    ** the next SZ_ESSAY_NOTE_SCAN ones: notes follow their chapter, and
    ** the bound keeps a book of a million markers linear. */
    size_t lo = 0, hi = nt->ndefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nt->defs[mid] <= nt->cur)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t far = bare || !nt->bylab ? (size_t)-1 : def_by_label(nt, label, n);
    for (size_t d = lo; d < nt->ndefs && d < lo + SZ_ESSAY_NOTE_SCAN + (far != (size_t)-1);
         d++) {
        size_t k = nt->defs[d];
        const char *lab;
        size_t skip, ln;
        if (d == lo + SZ_ESSAY_NOTE_SCAN)
            k = far;           /* past the window: the one found by label */
        if (k <= nt->cur || nt->u->v[k].kind != U_PARA)
            continue;
        /* a bare * has no label to check: its note must follow closely,
        ** or a stray * would take the next chapter's note */
        if (bare && k > nt->cur + SZ_ESSAY_STAR_NOTE_UNITS)
            break;
        ln = note_label(&nt->l[nt->u->v[k].a], &lab, &skip);
        if (ln != n || memcmp(lab, label, n))
            continue;
        struct unit *x = &nt->u->v[k];
        x->kind = U_SKIP;
        x->why = "note text of a marker above";
        struct sz_node *note = sz_node_new(c->doc, SZ_NOTE);
        struct sz_node *p = sz_node_new(c->doc, SZ_PARA);
        p->line = nt->l[x->a].lineno;
        struct sz_buf b = SZ_BUF_INIT;
        for (size_t i = x->a; i < x->b; i++) {
            if (i > x->a)
                sz_buf_putc(&b, '\n');
            if (i == x->a)
                sz_buf_put(&b, nt->l[i].s + skip, nt->l[i].len - skip);
            else
                sz_buf_put(&b, nt->l[i].s, nt->l[i].len);
        }
        if (skip > 3 && b.len && b.data[b.len - 1] == ']')
            b.len--;           /* [Footnote 1: ...] */
        /* The marker's paragraph is half built: its word buffer and its
        ** emphasis scan state wait while the note is made. */
        struct sz_buf word = c->word;
        size_t seps = c->word_seps;
        size_t nc0 = c->no_close[0], nc1 = c->no_close[1];
        c->word = (struct sz_buf)SZ_BUF_INIT;
        c->word_seps = 0;
        c->notes = NULL;       /* no notes inside notes */
        sz_essay_inlines(c, p, b.data ? b.data : "", b.len);
        c->notes = nt;
        sz_buf_free(&c->word);
        c->word = word;
        c->word_seps = seps;
        c->no_close[0] = nc0;
        c->no_close[1] = nc1;
        sz_buf_free(&b);
        sz_node_append(note, p);
        return note;
    }
    int numeric = 1;
    for (size_t i = 0; i < n; i++)
        numeric &= label[i] >= '0' && label[i] <= '9';
    if (nt->ndefs && (numeric || (n == 1 && label[0] >= 'A' && label[0] <= 'Z')) &&
        nt->unmatched++ < 10)
        sz_diag_add(&c->doc->diags, SZ_WARNING, 0, c->file, c->lineno, 0, -1,
                    "footnote marker [%.*s] has no note text after it; kept as text", (int)n,
                    label);
    return NULL;
}

/* A unit kept line by line (title page, contents): one line is a
** paragraph, several are a line block. */
static void
lines_block(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b, struct sz_buf *scratch)
{
    if (b == a + 1) {
        struct sz_node *p = block(c, SZ_PARA, l[a].lineno);
        add_inlines(c, p, l, a, b, scratch);
        return;
    }
    struct sz_node *lb = block(c, SZ_LINEBLOCK, l[a].lineno);
    for (size_t i = a; i < b; i++) {
        struct sz_node *ln = sz_node_new(c->doc, SZ_LINE);
        sz_essay_inlines(c, ln, l[i].s, l[i].len);
        sz_node_append(lb, ln);
    }
}

static int
by_line(const struct sz_eline *l, const char **name, size_t *nn)
{
    if (l->len < 4 || (memcmp(l->s, "By ", 3) && memcmp(l->s, "by ", 3) && memcmp(l->s, "BY ", 3)))
        return 0;
    if (l->width > 60 || count_words(l->s, l->len) > 8 || closes(last_cp(l->s, l->len)))
        if (l->s[l->len - 1] != '.')
            return 0;
    size_t i = 3;
    uint32_t cp = cp_at(l->s, l->len, &i);
    if (!is_upper(cp))
        return 0;
    *name = l->s + 3;
    *nn = l->len - 3;
    return 1;
}

static void
set_meta_text(struct sz_ectx *c, const char *key, const char *s, size_t n)
{
    if (sz_meta_get(c->doc, key))
        return;
    struct sz_node *v = sz_node_new(c->doc, SZ_META_INLINES);
    sz_essay_inlines(c, v, s, n);
    sz_meta_set(c->doc, key, v);
}

/* Could line l be a title or subtitle line? */
static int
title_line(const struct sz_eline *l)
{
    if (l->len && (l->s[0] == '[' || l->s[0] == '('))
        return 0;      /* [Illustration], (continued) */
    int r = line_rank(l);
    return r == R_CAPS || r == R_TITLE ||
           (l->width <= MAX_HEAD_WIDTH && !closes(last_cp(l->s, l->len)) && r == R_NONE &&
            count_words(l->s, l->len) <= MAX_HEAD_WORDS);
}

static void squash(const char *s, size_t n, struct sz_buf *out);
static int contents_word(const struct sz_eline *l);

/* A date on a line of its own: a year in a few words ("March 3, 1921",
** "Autumn 1893") or 2019-04-12. */
static int
date_line(const struct sz_eline *l)
{
    if (l->width > 30 || count_words(l->s, l->len) > 4)
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
            if (!is_upper(cp_at(l->s, l->len, &k)))
                return 0;
        }
    return 1;
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
    int under = nl == 2 ? underline_of(&l[x->a + 1]) : 0;
    if ((nl != 1 && !under) || x->kind == U_FIGURE || !title_line(f) ||
        keyword_rank(f->s, f->len) != R_NONE || matter_word(f->s, f->len) ||
        contents_word(f))
        return;
    int r = line_rank(f);
    if (r == R_NUMBERED || r == R_NUMBERED2 || r == R_CHAPTER || r == R_PART)
        return;
    /* "Николай Васильевич Гоголь" straight over "Шинель": the author's
    ** name heads the page, the title is the next line */
    if (nl == 1 && u->v[1].gap == 0 && u->v[1].b - u->v[1].a == 1 &&
        l[u->v[1].a].width <= MAX_HEAD_WIDTH && count_words(f->s, f->len) >= 3 &&
        count_words(f->s, f->len) <= 4 && r != R_CAPS && name_words(f))
        return;
    if (under)
        for (size_t k = 1; k < u->n; k++)
            if (u->v[k].b - u->v[k].a == 2 && underline_of(&l[u->v[k].a + 1]) == under)
                return;       /* the text's headings are underlined so too */
    const char *mt = sz_meta_text(c->doc, "title");
    if (mt) {
        struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT;
        squash(mt, strlen(mt), &a);
        squash(f->s, f->len, &b);
        int same = a.len && b.len && !strcmp(a.data, b.data);
        sz_buf_free(&a);
        sz_buf_free(&b);
        if (!same)
            return;
    }
    set_meta_text(c, "title", f->s, f->len);
    x->kind = U_SKIP;
    x->merge = 0;
    x->why = "title: the text's first line, short and standing alone (metadata)";
    if (u->v[1].kind == U_MERGED)
        u->v[1].kind = U_PARA;
    date_after(c, l, u, 1);
}

/* Leading title, optional subtitle lines, then "By NAME": metadata, not
** body.  The lines may stand alone or together in one block. */
static void
title_block(struct sz_ectx *c, struct sz_eline *l, struct units *u)
{
    size_t idx[5], unit_of[5], m = 0;
    for (size_t k = 0; k < u->n && m < 5; k++)
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
        if (k >= 2) {
            struct sz_buf sub = SZ_BUF_INIT;
            for (size_t j = 1; j < k; j++) {
                if (j > 1)
                    sz_buf_putc(&sub, ' ');
                sz_buf_put(&sub, l[idx[j]].s, l[idx[j]].len);
            }
            set_meta_text(c, "subtitle", sub.data, sub.len);
            sz_buf_free(&sub);
        }
        while (nn > 0 && name[nn - 1] == '.' && !(nn >= 2 && is_upper((unsigned char)name[nn - 2])))
            nn--;
        set_meta_text(c, "author", name, nn);
        for (size_t j = 0; j <= unit_of[k]; j++) {
            u->v[j].kind = U_SKIP;
            u->v[j].why = "title block: title lines then a By line (metadata)";
        }
        date_after(c, l, u, unit_of[k] + 1);
        return;
    }
    first_line_title(c, l, u);
}

/* {=================================================================
** Book structure: two-line headings, title page, contents
** ================================================================== */

/* Letters and digits of s, lower-cased ASCII, into out (for comparing). */
static void
squash(const char *s, size_t n, struct sz_buf *out)
{
    size_t i = 0;
    sz_buf_clear(out);
    while (i < n) {
        size_t a = i;
        uint32_t cp = cp_at(s, n, &i);
        if (cp < 0x80) {
            if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
                sz_buf_putc(out, (int)(cp | 0x20));
            else if (cp >= '0' && cp <= '9')
                sz_buf_putc(out, (int)cp);
        } else if (is_letter(cp)) {
            sz_buf_put(out, s + a, i - a);
        }
    }
}

/* A bare chapter line: "CHAPTER IV", "IV.", "12", "Erstes Kapitel": the
** title, when there is one, is on the next line. */
static int
bare_number(const struct sz_eline *l)
{
    const char *rest, *rest2;
    size_t rn, rn2;
    size_t w = first_word(l->s, l->len, &rest, &rn);
    if (rn == 0)
        return 1;
    size_t w2 = first_word(rest, rn, &rest2, &rn2);
    return rn2 == 0 && (number_token(rest, w2) || number_token(l->s, w));
}

static int
first_upper(const struct sz_eline *l)
{
    size_t i = 0;
    while (i < l->len) {
        uint32_t cp = cp_at(l->s, l->len, &i);
        if (is_letter(cp) || (cp >= '0' && cp <= '9'))
            return is_upper(cp) || !is_lower(cp);
    }
    return 0;
}

/* A second heading line in quotes is a title (“Pieces of Eight”) only
** when it is not a sentence of dialogue. */
static int
quoted_title(const struct sz_eline *l)
{
    size_t i = 0;
    uint32_t first = cp_at(l->s, l->len, &i);
    if (first != 0x201C && first != '"' && first != 0xBB && first != 0xAB && first != 0x201E)
        return !closes(last_cp(l->s, l->len));
    for (size_t k = 0; k < l->len; k++)
        if (l->s[k] == '.' || l->s[k] == '!' || l->s[k] == '?' || l->s[k] == ',')
            return 0;
    return first == 0x201C;
}

/* A line that can be the second line of a heading. */
static int
subtitle_line(const struct sz_eline *l, int rank)
{
    if (l->width <= MAX_HEAD_WIDTH && matter_word(l->s, l->len))
        return 1;      /* I / Introduction */
    if (l->width > MAX_HEAD_WIDTH || rank == R_PART || rank == R_CHAPTER)
        return 0;
    uint32_t end = last_cp(l->s, l->len);
    if (rank == R_CAPS || rank == R_TITLE)
        return 1;
    if (rank != R_NONE || end == ',' || end == ';' || count_words(l->s, l->len) > MAX_HEAD_WORDS ||
        page_ref(l->s, l->len))
        return 0;
    /* ROSES AND THORNS.  /  An Orphan Boy.  /  “HASTE TO THE WEDDING.”: a
    ** title with a full stop, in quotes or not; not "Den 30. April 1846."
    ** nor "Taufe!... Taufe in der Breiten Straße!" */
    size_t t = l->len, i = 0;
    uint32_t first = cp_at(l->s, t, &i);
    size_t a = 0;
    if (first == 0x201C || first == '"') {
        uint32_t z = last_cp(l->s, t);
        if (z != 0x201D && z != '"')
            return quoted_title(l) && first_upper(l);
        a = i;
        t -= z == '"' ? 1 : 3;
    }
    if (t > a && l->s[t - 1] == '.')
        t--;
    int plain = t > a + 1 && !closes(last_cp(l->s, t));
    for (size_t k = a; k < t && plain; k++)
        plain = !strchr(".!?;:0123456789", l->s[k]);
    if (plain && (all_caps(l->s + a, t - a) || title_case(l->s + a, t - a)))
        return 1;
    return quoted_title(l) && first_upper(l);
}

static int
is_prose(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    size_t nl = x->b - x->a, wide = 0;
    for (size_t i = x->a; i < x->b; i++) {
        if (l[i].width > LONG_LINE)
            return 1;
        wide += l[i].width > 50;
    }
    return nl >= 2 && wide * 2 >= nl && x->kind == U_PARA;
}

static int
contents_word(const struct sz_eline *l)
{
    static const char *const words[] = {
        "contents", "tableofcontents", "inhalt", "inhaltsverzeichnis", "tabledesmatières",
        "tabledesmatieres", "índice", "indice", "inhoud", "оглавление", "содержание",
        "contentsofthefirstvolume", "目錄", "目录", NULL,
    };
    struct sz_buf b = SZ_BUF_INIT;
    squash(l->s, l->len, &b);
    int hit = 0;
    for (int i = 0; words[i] && !hit; i++)
        hit = b.len && !strcmp(b.data, words[i]);
    /* CONTENTS and INHALT are often written upper case */
    if (!hit && b.len) {
        for (size_t i = 0; i < b.len; i++)
            if (b.data[i] >= 'A' && b.data[i] <= 'Z')
                b.data[i] = (char)(b.data[i] | 0x20);
        hit = !strcmp(b.data, "contents");
    }
    sz_buf_free(&b);
    return hit;
}

/* CONTENTS and its entries, up to where the first entry comes back as the
** first heading of the book, or prose starts.  Returns the unit after. */
static size_t
contents(struct units *u, size_t k, const struct sz_eline *l)
{
    struct sz_buf first = SZ_BUF_INIT, cur = SZ_BUF_INIT;
    size_t j = k + 1;
    u->v[k].kind = U_CONTENTS;
    u->v[k].why = "the word Contents";
    for (; j < u->n; j++) {
        struct unit *x = &u->v[j];
        /* an entry may wrap over lines (CHAPTER XXXIII. The Fate of Injun
        ** Joe—Huck and Tom ...): prose ends the list only when it does not
        ** open with a chapter line */
        if ((x->b - x->a >= 3 && is_prose(u, j, l) &&
             keyword_rank(l[x->a].s, l[x->a].len) == R_NONE) ||
            x->kind == U_RULE || j - k > 1000)
            break;
        squash(l[x->a].s, l[x->a].len, &cur);
        if (!cur.len)
            break;
        if (!first.len) {
            sz_buf_put(&first, cur.data, cur.len);
        } else if (!strncmp(first.data, cur.data, cur.len) ||
                   !strncmp(first.data, cur.data, first.len)) {
            break;
        }
        x->kind = U_CONTENTS;
        x->why = "entry of the contents list (up to its first entry repeated, or prose)";
    }
    sz_buf_free(&first);
    sz_buf_free(&cur);
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
static void
contents_headings(struct units *u, size_t k, size_t e, const struct sz_eline *l,
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
            squash(l[i].s, l[i].len, &b);
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
            !matter_word(f->s, f->len))
            break;
        if (x->kind != U_PARA || x->b - x->a != 1 || f->width > MAX_HEAD_WIDTH)
            continue;
        /* a capital first: not "the juniper-tree." nor "—BRYANT." */
        if (!f->len || f->s[0] < 'A' || f->s[0] > 'Z')
            continue;
        squash(f->s, f->len, &b);
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
        if (lo < n && (!strcmp(v[lo], b.data) ||
                       (!strncmp(v[lo], b.data, b.len - 1) && count_words(f->s, f->len) == 1))) {
            x->kind = U_HEAD;
            x->rank = all_caps(f->s, f->len) ? R_CAPS : R_TITLE;
            x->why = "a line the contents list names";
        }
    }
    sz_buf_free(&b);
    free(v);
}

/* Title page and contents at the start of a book: kept, never headings. */
static void
front_matter(struct sz_ectx *c, struct units *u, const struct sz_eline *l)
{
    size_t k = 0, toc = u->n;
    /* The front matter ends where the first section starts; a book whose
    ** first section is not in its first third has none worth the name. */
    size_t limit = u->n / 3 + 8;
    struct sz_buf title = SZ_BUF_INIT, cur = SZ_BUF_INIT;
    const char *mt = sz_meta_text(c->doc, "title");
    if (mt)
        squash(mt, strlen(mt), &title);
    for (; k < u->n && k < limit; k++) {
        struct unit *x = &u->v[k];
        if (x->kind == U_SKIP || x->kind == U_MERGED)
            continue;
        if (x->kind == U_CONTENTS) {
            toc = k;
            continue;
        }
        if (x->kind == U_HEAD) {
            /* The book's own title repeated is the title page. */
            squash(l[x->a].s, l[x->a].len, &cur);
            if (title.len && cur.len && !strncmp(title.data, cur.data, cur.len))
                continue;
            size_t j = k + 1 + (size_t)(x->merge == 1), prose = 0, m = 0;
            int keyword = x->rank == R_PART || x->rank == R_CHAPTER || x->rank == R_SETEXT1 ||
                          x->rank == R_SETEXT2;
            if (keyword && j < u->n && u->v[j].kind == U_HEAD && u->v[j].rank <= R_SUB)
                break;
            for (; j < u->n && m < 3 && u->v[j].kind != U_HEAD; j++, m++)
                prose += is_prose(u, j, l) || (!c->gutenberg && u->v[j].kind == U_PARA);
            if (j >= u->n || prose >= (keyword || !c->gutenberg ? 1u : 2u) ||
                (prose && matter_word(l[x->a].s, l[x->a].len)))
                break;
            continue;
        }
        /* Outside Project Gutenberg's books, prose at the start is the
        ** text itself. */
        if (!c->gutenberg && is_prose(u, k, l) &&
            (l[x->a].width > LONG_LINE || x->b - x->a >= 3 ||
             (k + 1 < u->n && is_prose(u, k + 1, l))))
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
    for (size_t j = 0; j < k; j++)
        if (u->v[j].kind != U_SKIP && u->v[j].kind != U_CONTENTS) {
            u->v[j].kind = U_TITLEPAGE;
            u->v[j].why = "before the first section followed by prose: title page";
        }
    /* Without a Gutenberg header, the title page names the book. */
    const char *name;
    size_t nn;
    for (size_t j = 0; j < k; j++) {
        const struct sz_eline *f = &l[u->v[j].a];
        /* the title is the title page's (essay_title.c) */
        if (by_line(f, &name, &nn))
            set_meta_text(c, "author", name, nn);
    }
    if (!sz_meta_get(c->doc, "author"))
        for (size_t j = 0; j < k; j++) {
            const struct sz_eline *f = &l[u->v[j].a];
            size_t w = count_words(f->s, f->len);
            if (u->v[j].rank == R_TITLE && w >= 2 && w <= 4 && u->v[j].kind != U_SKIP) {
                set_meta_text(c, "author", f->s, f->len);
                break;
            }
        }
    (void)c;
}

static int
bare_chapter(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    size_t xl = x->b - x->a;
    return x->kind == U_HEAD && (x->rank == R_CHAPTER || x->rank == R_PART) &&
           (xl == 1 || (xl == 2 && underline_of(&l[x->a + 1]))) && bare_number(&l[x->a]);
}

static int bare_value(const struct sz_eline *f);

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
    return last_cp(l[y->b - 1].s, l[y->b - 1].len) == '.';
}

/* A bare chapter number and the title on the next line are one heading. */
static void
merge_headings(struct units *u, const struct sz_eline *l)
{
    /* Books that give every chapter a summary of a line or three
    ** ("Comment Candide fut élevé ...") make it part of the heading. */
    size_t bare = 0, summaries = 0, ones = 0;
    for (size_t k = 0; k + 2 < u->n; k++)
        if (bare_chapter(u, k, l)) {
            bare++;
            summaries += summary(u, k + 1, l) && is_prose(u, k + 2, l);
            ones += bare_value(&l[u->v[k].a]) == 1;
        }
    /* numbers that count from one again are sections of stories, and
    ** their first lines are text */
    int with_summary = summaries >= 3 && summaries * 2 >= bare && ones <= 1;
    for (size_t k = 0; k + 1 < u->n; k++) {
        struct unit *x = &u->v[k], *y = &u->v[k + 1];
        if (!bare_chapter(u, k, l))
            continue;
        /* the summary's own note text may come between it and the text */
        size_t t = k + 2;
        const char *lab;
        size_t skip;
        while (t < u->n && t < k + 5 && u->v[t].kind == U_PARA &&
               note_label(&l[u->v[t].a], &lab, &skip) && l[u->v[t].a].s[0] == '[')
            t++;
        if (with_summary && summary(u, k + 1, l) && t < u->n && is_prose(u, t, l)) {
            x->merge = 1;
            y->kind = U_MERGED;
            y->why = "chapter summary after a bare chapter line (the book gives most chapters one)";
            k++;
            continue;
        }
        if (y->kind == U_PARA && y->b - y->a > 1 && y->b - y->a <= 3 &&
            caps_title(l, y->a, y->b) && t < u->n && u->v[t].kind != U_HEAD) {
            x->merge = 1;
            y->kind = U_MERGED;
            y->why = "a title in capitals wrapped over lines after a bare chapter line";
            k++;
            continue;
        }
        if (y->b - y->a != 1 || y->kind == U_RULE || y->kind == U_FIGURE ||
            !subtitle_line(&l[y->a], y->kind == U_HEAD ? y->rank : line_rank(&l[y->a])))
            continue;
        /* the title must not itself start the text: a heading line is
        ** followed by more */
        x->merge = 1;
        y->kind = U_MERGED;
        y->why = "title line after a bare chapter line";
        k++;
    }
}

/* A heading introduces something: a caps or title line followed straight
** by a heading of its own rank or an outer one is a signature or a
** closing line (CURRER BELL.), not a heading. */
static void
demote_empty(struct units *u)
{
    for (size_t k = 0; k + 1 < u->n; k++) {
        struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || x->merge || (x->rank != R_CAPS && x->rank != R_TITLE))
            continue;
        size_t j = k + 1;
        while (j < u->n && (u->v[j].kind == U_SKIP || u->v[j].kind == U_MERGED))
            j++;
        if (j < u->n && u->v[j].kind == U_HEAD && u->v[j].rank <= x->rank) {
            x->kind = U_PARA;
            x->why = "heading shape, but a heading of the same or an outer rank follows at once "
                     "(a signature or closing line)";
        }
    }
}

/* Section headings that come before the first chapter (PREFACE) belong
** with the chapters; a closing THE END is text. */
static void
fix_ranks(struct units *u, const struct sz_eline *l)
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
        else if (roman_value(f->s, f->len - (f->s[f->len - 1] == '.')) && f->len <= 8)
            roman++;
    }
    for (size_t k = 0; k < u->n; k++) {
        const struct sz_eline *f = &l[u->v[k].a];
        if (u->v[k].kind != U_HEAD || u->v[k].rank != R_CHAPTER || !f->len)
            continue;
        int d = f->s[0] >= '0' && f->s[0] <= '9' && f->len <= 4;
        if ((d && roman >= 3 && digits * 3 <= roman) || (!d && digits >= 3 && roman * 3 <= digits &&
            roman_value(f->s, f->len - (f->s[f->len - 1] == '.')) && f->len <= 8)) {
            u->v[k].kind = U_PARA;
            u->v[k].why = d ? "a lone number where chapters are roman numerals: a note marker"
                            : "a lone roman numeral where chapters are numbered in digits";
        }
    }
    size_t first = u->n;
    for (size_t k = 0; k < u->n; k++)
        if (u->v[k].kind == U_HEAD && u->v[k].rank == R_CHAPTER &&
            !matter_word(l[u->v[k].a].s, l[u->v[k].a].len)) {
            first = k;
            break;
        }
    for (size_t k = 0; k < first && first < u->n; k++)
        if (u->v[k].kind == U_HEAD && (u->v[k].rank == R_CAPS || u->v[k].rank == R_TITLE)) {
            u->v[k].rank = R_CHAPTER;
            u->v[k].why = "section before the first chapter: ranked with the chapters";
        }
    for (size_t k = u->n; k-- > 0;) {
        struct unit *x = &u->v[k];
        if (x->kind == U_RULE || x->kind == U_SKIP || x->kind == U_MERGED)
            continue;
        if (x->kind == U_HEAD && x->b - x->a == 1) {
            struct sz_buf b = SZ_BUF_INIT;
            squash(l[x->a].s, l[x->a].len, &b);
            /* THE END, FIN DE CANDIDE, ENDE, КОНЕЦ */
            if (b.len && (!strncmp(b.data, "theend", 6) || !strncmp(b.data, "finis", 5) ||
                          !strcmp(b.data, "ende") || !strncmp(b.data, "finde", 5) ||
                          !strcmp(b.data, "fin") || !strncmp(b.data, "конец", 10))) {
                x->kind = U_PARA;
                x->why = "closing line (THE END) of the text";
            }
            sz_buf_free(&b);
        }
        break;
    }
}

/* --trace-structure: one line per block, what it became and why. */
static void
trace_unit(struct sz_ectx *c, const struct unit *x, const struct sz_eline *l, int level,
           const char *why)
{
    static const char *const kinds[] = { "text", "heading", "rule", "skipped", "title page",
                                         "contents", "heading line", "figure", "sidenote" };
    char buf[400];
    const struct sz_eline *f = &l[x->a];
    const char *what = kinds[x->kind];
    const struct sz_node *last = c->parent->last;
    if (x->kind == U_PARA && last && last->line == f->lineno)
        what = last->kind == SZ_LINEBLOCK ? "verse" : last->kind == SZ_BLOCKQUOTE ? "quotation"
             : last->kind == SZ_BULLETLIST || last->kind == SZ_ORDEREDLIST ? "list"
             : "paragraph";
    /* the line's start, cut at a character boundary */
    size_t n = f->len < 60 ? f->len : 60;
    while (n < f->len && n > 0 && ((unsigned char)f->s[n] & 0xC0) == 0x80)
        n--;
    int m;
    if (level)
        m = snprintf(buf, sizeof buf, "%s:%u: heading %d (%s): %.*s%s",
                     c->file ? c->file : "-", f->lineno, level, why ? why : "", (int)n, f->s,
                     n < f->len ? "..." : "");
    else
        m = snprintf(buf, sizeof buf, "%s:%u: %s (%s): %.*s%s", c->file ? c->file : "-",
                     f->lineno, what, why ? why : "", (int)n, f->s, n < f->len ? "..." : "");
    if (m > 0)
        c->o->trace(c->o->trace_ud, buf);
}

/* The number of a bare chapter line ("IV.", "12"), or 0. */
static int
bare_value(const struct sz_eline *f)
{
    size_t k = f->len - (f->len > 1 && f->s[f->len - 1] == '.');
    size_t d = 0;
    while (d < k && f->s[d] >= '0' && f->s[d] <= '9')
        d++;
    if (d == k && k > 0 && k <= 3)
        return atoi(f->s);
    return roman_value(f->s, k);
}

/* Two shapes of chapter line in one book: titled ones (CHAPTER TWO / THE
** WONDERFUL CRICKETER, VII. / THE REMARKABLE CASE) and bare numbers that
** count from one again inside them (I, II, III).  The bare ones are the
** sections of the titled ones. */
static void
nest_numbers(struct units *u, const struct sz_eline *l)
{
    size_t titled = 0, bare = 0, restarts = 0;
    int seen_titled = 0;
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_HEAD || x->rank != R_CHAPTER)
            continue;
        const struct sz_eline *f = &l[x->a];
        int v = x->merge || x->b - x->a > 1 ? 0 : bare_value(f);
        if (!v) {
            titled += !matter_word(f->s, f->len);
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
            bare_value(&l[x->a])) {
            x->rank = R_SUB;
            x->why = rank_why[R_SUB];
        }
    }
}

void
sz_essay_convention(struct sz_ectx *c, const struct sz_elines *lines)
{
    const struct sz_eline *l = lines->v;
    size_t nonblank = 0, wide = 0;
    for (size_t i = 0; i < lines->n; i++) {
        nonblank += !l[i].blank;
        wide += l[i].width > LONG_LINE;
    }
    /* One paragraph per line when a good share of the lines are too wide
    ** to be hard-wrapped; otherwise blank lines separate paragraphs. */
    c->per_line = nonblank > 0 && wide * 4 >= nonblank;
}

void
sz_essay_blocks(struct sz_ectx *c, struct sz_elines *lines, size_t from, size_t n, int body)
{
    struct sz_eline *l = lines->v;
    int per_line = c->per_line;
    struct units u = { NULL, 0, 0 };
    size_t gap = 2;
    for (size_t i = from; i < n;) {
        if (l[i].blank) {
            i++;
            gap++;
            continue;
        }
        size_t j = i + 1;
        if (per_line) {
            if (j < n && underline_of(&l[j]) && !is_rule(l[i].s, l[i].len))
                j++;
        } else if (body && j < n && underline_of(&l[j]) &&
                   keyword_rank(l[i].s, l[i].len) != R_NONE) {
            j++;       /* 第五回 underlined, the text straight after */
        } else {
            while (j < n && !l[j].blank)
                j++;
            /* An underlined chapter line inside a block (第七回 and its
            ** dashes between two paragraphs): a block of its own. */
            for (size_t k = i + 1; body && k + 1 < j; k++)
                if (underline_of(&l[k + 1]) && l[k].width <= 40 &&
                    keyword_rank(l[k].s, l[k].len) != R_NONE) {
                    push_unit(&u, i, k);
                    u.v[u.n - 1].gap = (int)gap;
                    gap = 0;
                    push_unit(&u, k, k + 2);
                    i = k + 2;
                    k++;
                }
            /* A chapter line run on to the paragraph before it. */
            if (body && j - i >= 2 && l[j - 1].width <= 40 &&
                keyword_rank(l[j - 1].s, l[j - 1].len) != R_NONE) {
                push_unit(&u, i, j - 1);
                u.v[u.n - 1].gap = (int)gap;
                gap = 0;
                i = j - 1;
            }
            if (i == j)
                continue;
        }
        push_unit(&u, i, j);
        u.v[u.n - 1].gap = (int)gap;
        gap = 0;
        i = j;
    }

    /* Books that set sections apart with wider gaps. */
    size_t wide_gaps = 0;
    for (size_t k = 1; k < u.n; k++)
        wide_gaps += u.v[k].gap >= 2;
    /* Classify. */
    for (size_t k = 0; k < u.n && body; k++) {
        struct unit *x = &u.v[k];
        struct sz_eline *f = &l[x->a];
        size_t nl = x->b - x->a;
        if (x->kind == U_SIDENOTE)
            continue;
        size_t sn = sidenote_end(&u, l, k);
        if (sn > k + 1) {
            for (size_t j = k; j < sn; j++) {
                u.v[j].kind = U_SIDENOTE;
                u.v[j].why = "between two of the same mark (♦DEC. 21. / THE SPANIARDS ...♦), "
                             "over blank lines: a margin note";
            }
            continue;
        }
        if (f->len >= 13 && !memcmp(f->s, "[Illustration", 13) &&
            l[x->b - 1].s[l[x->b - 1].len - 1] == ']') {
            x->kind = U_FIGURE;
            x->why = "[Illustration] block";
        } else if (sidenote(l, x->a, x->b) && !is_rule(f->s, f->len)) {
            x->kind = U_SIDENOTE;
            x->why = "set between two of the same mark (♦TEXT♦): a margin note";
        } else if (nl == 1 && is_rule(f->s, f->len)) {
            x->kind = U_RULE;
            x->why = "a line of rule marks (* * *, ----)";
        } else if (nl == 2 && underline_of(&l[x->a + 1]) && f->width <= MAX_HEAD_WIDTH) {
            x->kind = U_HEAD;
            x->rank = keyword_rank(f->s, f->len);
            if (x->rank == R_NONE)
                x->rank = underline_of(&l[x->a + 1]) == '=' ? R_SETEXT1 : R_SETEXT2;
            x->why = "a short line underlined with = or -";
        } else if (nl == 2 && f->width <= MAX_HEAD_WIDTH && l[x->a + 1].width <= MAX_HEAD_WIDTH &&
                   (x->rank = keyword_rank(f->s, f->len)) != R_NONE && !bare_number(f) &&
                   last_cp(l[x->a + 1].s, l[x->a + 1].len) != ',' && !page_ref(f->s, f->len) &&
                   !page_ref(l[x->a + 1].s, l[x->a + 1].len)) {
            /* CHAPTER 56. Of the Less Erroneous Pictures of Whales, and the
            ** True / Pictures of Whaling Scenes. */
            x->kind = U_HEAD;
            x->why = "a chapter keyword and number with its title wrapped on a second line";
        } else if (nl == 2 && f->width <= MAX_HEAD_WIDTH && bare_number(f) &&
                   ((x->rank = line_rank(f)) == R_CHAPTER || x->rank == R_PART) &&
                   subtitle_line(&l[x->a + 1], line_rank(&l[x->a + 1]))) {
            /* BOOK ONE / THE COMING OF THE MARTIANS, in one block */
            x->kind = U_HEAD;
            x->merge = 2;
            x->why = "a bare chapter line and a title line in one block";
        } else if (nl >= 3 && nl <= 4 && f->width <= MAX_HEAD_WIDTH && bare_number(f) &&
                   ((x->rank = line_rank(f)) == R_CHAPTER || x->rank == R_PART) &&
                   caps_title(l, x->a + 1, x->b)) {
            /* CHAPTER III. / RELATES HOW OLIVER TWIST WAS VERY NEAR ... /
            ** HAVE BEEN A SINECURE: a title in capitals wrapped over lines */
            x->kind = U_HEAD;
            x->merge = 2;
            x->why = "a bare chapter line and a title in capitals wrapped over lines";
        } else if (nl == 1 && atx_level(f)) {
            /* "# Title", "## Section": the marks go, their count ranks */
            int lv = atx_level(f);
            f->s += lv + 1;
            f->len -= (uint32_t)lv + 1;
            f->width -= (uint32_t)lv + 1;
            x->kind = U_HEAD;
            x->rank = lv == 1 ? R_SETEXT1 : lv == 2 ? R_SETEXT2 : R_NUMBERED2;
            x->why = "marked with # (Markdown-style heading)";
        } else if (nl == 1) {
            const char *why;
            x->rank = line_rank_why(f, &why);
            x->why = why ? why : rank_why[x->rank < 0 ? R_COUNT : x->rank];
            /* In a book, a section title stands apart: a title-case line
            ** after a single blank line is a name, a signature, a sign. */
            uint32_t end = last_cp(f->s, f->len);
            if (!per_line && wide_gaps >= 3 && x->gap < 2 &&
                (x->rank == R_TITLE || (x->rank == R_CAPS && (closes(end) || end == ')')))) {
                x->rank = R_NONE;
                x->why = "heading shape after one blank line, where the book sets sections "
                         "apart with more";
            }
            if (x->rank != R_NONE)
                x->kind = U_HEAD;
        } else {
            x->rank = R_NONE;
        }
    }
    if (body) {
        merge_headings(&u, l);
        if (!c->gutenberg || !sz_meta_get(c->doc, "title"))
            title_block(c, l, &u);
        demote_empty(&u);
        for (size_t k = 0; k < u.n / 3 + 8 && k < u.n; k++)
            if (u.v[k].b - u.v[k].a == 1 && u.v[k].kind != U_SKIP &&
                contents_word(&l[u.v[k].a])) {
                contents_headings(&u, k, contents(&u, k, l), l, c->doc->arena);
                break;
            }
        front_matter(c, &u, l);
        fix_ranks(&u, l);
        nest_numbers(&u, l);
        /* A merged second line goes wherever its heading went. */
        for (size_t k = 0; k + 1 < u.n; k++) {
            struct unit *x = &u.v[k];
            if (x->merge == 1 && x->kind != U_HEAD) {
                x->merge = 0;
                u.v[k + 1].kind = x->kind == U_TITLEPAGE || x->kind == U_CONTENTS ? x->kind
                                                                                 : U_PARA;
            }
        }
    }

    /* Levels: the ranks in use, in rank order. */
    int level_of[R_COUNT];
    int used[R_COUNT] = { 0 };
    for (size_t k = 0; k < u.n; k++)
        if (u.v[k].kind == U_HEAD)
            used[u.v[k].rank] = 1;
    for (int r = 0, lv = 0; r < R_COUNT; r++)
        level_of[r] = used[r] ? (lv < 6 ? ++lv : 6) : 0;

    struct layout lay;
    measure(l, from, n, &lay);
    /* A play: many blocks open with a speaker's name on a line of its own. */
    size_t speeches = 0, blocks = 0;
    for (size_t k = 0; k < u.n && body; k++)
        if (u.v[k].kind == U_PARA && u.v[k].b - u.v[k].a >= 2) {
            blocks++;
            speeches += speaker_line(&l[u.v[k].a]);
        }
    lay.speakers = speeches >= 20 && speeches * 5 >= blocks;
    struct sz_enotes nt = { &u, l, 0, NULL, 0, 0, NULL };
    if (body) {
        find_notes(&nt);
        if (nt.ndefs)
            c->notes = &nt;
    }
    struct sz_buf scratch = SZ_BUF_INIT;
    struct sz_node *parent = c->parent, *div = NULL;
    int div_kind = -1;
    struct layout sec = lay;
    for (size_t k = 0; k < u.n; k++) {
        struct unit *x = &u.v[k];
        struct sz_node *b;
        size_t e;
        const char *why = NULL;
        nt.cur = k;
        if (k == 0 || x->kind == U_HEAD)
            section_layout(&u, l, k, n, &lay, &sec);
        c->lineno = l[x->a].lineno;
        if (x->kind == U_TITLEPAGE || x->kind == U_CONTENTS) {
            if (div_kind != x->kind) {
                c->parent = parent;
                div = block(c, SZ_DIV, l[x->a].lineno);
                sz_attr_add_class(c->doc, &div->attr,
                                  x->kind == U_TITLEPAGE ? "titlepage" : "contents");
                div_kind = x->kind;
            }
            c->parent = div;
            lines_block(c, l, x->a, x->b, &scratch);
            if (c->o->trace)
                trace_unit(c, x, l, 0, x->why);
            continue;
        }
        if (x->kind != U_SKIP && x->kind != U_MERGED) {
            c->parent = parent;
            div_kind = -1;
        }
        switch (x->kind) {
        case U_SKIP:
        case U_MERGED:
            break;
        case U_RULE:
            block(c, SZ_HRULE, l[x->a].lineno);
            break;
        case U_FIGURE:
            figure(c, l, x->a, x->b, &scratch);
            break;
        case U_SIDENOTE:
            /* not a paragraph of the text: a Div of class sidenote */
            b = block(c, SZ_DIV, l[x->a].lineno);
            sz_attr_add_class(c->doc, &b->attr, "sidenote");
            c->parent = b;
            add_inlines(c, block(c, SZ_PLAIN, l[x->a].lineno), l, x->a, x->b, &scratch);
            c->parent = parent;
            break;
        case U_HEAD:
            b = block(c, SZ_HEADER, l[x->a].lineno);
            b->level = level_of[x->rank];
            if (x->merge == 2) {
                sz_essay_inlines(c, b, l[x->a].s, l[x->a].len);
                sz_node_append(b, sz_node_new(c->doc, SZ_LINEBREAK));
                add_inlines(c, b, l, x->a + 1, x->b, &scratch);
            } else if (x->b - x->a == 2 && !underline_of(&l[x->a + 1])) {
                add_inlines(c, b, l, x->a, x->b, &scratch);
            } else {
                sz_essay_inlines(c, b, l[x->a].s, l[x->a].len);
            }
            if (x->merge == 1 && k + 1 < u.n) {
                sz_node_append(b, sz_node_new(c->doc, SZ_LINEBREAK));
                add_inlines(c, b, l, u.v[k + 1].a, u.v[k + 1].b, &scratch);
            }
            break;
        default:
            if (!c->per_line && (e = loose_list(c, &u, l, k, &scratch)) > k) {
                k = e - 1;
                why = "items of a list with blank lines between";
                break;
            }
            why = text_unit(c, l, x->a, x->b, &sec, &scratch);
            break;
        }
        if (c->o->trace)
            trace_unit(c, x, l, x->kind == U_HEAD ? level_of[x->rank] : 0,
                       x->why ? x->why : why);
    }
    c->parent = parent;
    c->notes = NULL;
    if (nt.unmatched > 10)
        sz_diag_add(&c->doc->diags, SZ_WARNING, 0, c->file, 0, 0, -1,
                    "%zu footnote markers in all have no note text", nt.unmatched);
    free(nt.defs);
    free(nt.bylab);
    sz_buf_free(&scratch);
    free(u.v);
}
