/*
** essay_blocks.c
** Lines to blocks: paragraph convention, headings and their levels, title
** block, scene breaks.
** See LICENSE.
*/
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
    R_CAPS,        /* ALL-CAPS line */
    R_SETEXT2,     /* underlined with --- */
    R_NUMBERED,    /* 2. Method */
    R_TITLE,       /* Short Title-Case Line */
    R_COUNT,
    R_NONE = -1
};

enum ukind { U_PARA, U_HEAD, U_RULE, U_SKIP };

struct unit {
    size_t a, b;               /* lines [a, b) */
    int kind;
    int rank;
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
    u->v[u->n++] = (struct unit){ a, b, U_PARA, R_NONE };
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
    size_t i = 0, words = 0;
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
        if (!cp || (cp >= '0' && cp <= '9') || is_upper(cp))
            continue;
        if (!is_lower(cp))
            continue;      /* scripts without case */
        if (words == 1 || !minor_word(s + a, i - a))
            return 0;
    }
    return words > 0;
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
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ','))
        n--;
    if (n == 0)
        return 0;
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == n)
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
    const char *rest, *rest2;
    size_t rn, rn2;
    size_t w = first_word(s, n, &rest, &rn);
    if (n > MAX_HEAD_WIDTH * 3)
        return R_NONE;
    int r = word_is(s, w, part) ? R_PART : word_is(s, w, chapter) ? R_CHAPTER : R_NONE;
    if (r != R_NONE) {
        size_t w2 = first_word(rest, rn, &rest2, &rn2);
        if (rn == 0 || number_token(rest, w2))
            return r;
        return R_NONE;
    }
    /* "Erstes Kapitel", "Premier chapitre", "First Part" */
    size_t w2 = first_word(rest, rn, &rest2, &rn2);
    static const char *const after[] = {
        "Kapitel", "KAPITEL", "chapitre", "CHAPITRE", "Chapter", "CHAPTER", "Teil", "TEIL",
        "Buch", "partie", "PARTIE", "Part", "PART", "Book", "BOOK", "Hoofdstuk", "глава",
        "часть", NULL,
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
            if (!memcmp(s + i, "回", 3) || !memcmp(s + i, "章", 3) || !memcmp(s + i, "節", 3))
                return R_CHAPTER;
            if (!memcmp(s + i, "卷", 3) || !memcmp(s + i, "部", 3))
                return R_PART;
            if (i > 24)
                break;
            i += 3;
        }
    }
    return R_NONE;
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

/* The rank of a standalone line, or R_NONE for a paragraph. */
static int
line_rank(const struct sz_eline *l)
{
    const char *s = l->s;
    size_t n = l->len;
    int r = keyword_rank(s, n);
    if (r != R_NONE)
        return r;
    if (l->width > MAX_HEAD_WIDTH || count_words(s, n) > MAX_HEAD_WORDS)
        return R_NONE;
    /* IV.  /  12 */
    size_t k = n;
    if (k > 1 && s[k - 1] == '.')
        k--;
    size_t d = 0;
    while (d < k && s[d] >= '0' && s[d] <= '9')
        d++;
    if ((d == k && k <= 3) || (roman_value(s, k) && all_caps(s, k) && k == n - (n != k)))
        return R_CHAPTER;
    /* 2. Method  /  3.1 Results */
    if (d > 0 && d < n && (s[d] == '.' || s[d] == ' ')) {
        size_t i = d;
        while (i < n && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')))
            i++;
        if (i < n && s[i] == ' ' && !closes(last_cp(s, n)) && count_words(s, n) <= 10 &&
            title_case(s + i + 1, n - i - 1))
            return R_NUMBERED;
        return R_NONE;
    }
    uint32_t end = last_cp(s, n);
    if (all_caps(s, n) && end != ',' && end != ';' && end != '-' && end != 0x2014)
        return R_CAPS;
    if (!closes(end) && title_case(s, n))
        return R_TITLE;
    return R_NONE;
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
    int r = line_rank(l);
    return r == R_CAPS || r == R_TITLE ||
           (l->width <= MAX_HEAD_WIDTH && !closes(last_cp(l->s, l->len)) && r == R_NONE &&
            count_words(l->s, l->len) <= MAX_HEAD_WORDS);
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
            return;
        if (!by_line(&l[idx[k]], &name, &nn))
            continue;
        if (idx[k] + 1 != u->v[unit_of[k]].b)
            return;
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
        for (size_t j = 0; j <= unit_of[k]; j++)
            u->v[j].kind = U_SKIP;
        return;
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
    for (size_t i = from; i < n;) {
        if (l[i].blank) {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (per_line) {
            if (j < n && underline_of(&l[j]) && !is_rule(l[i].s, l[i].len))
                j++;
        } else {
            while (j < n && !l[j].blank)
                j++;
        }
        push_unit(&u, i, j);
        i = j;
    }

    /* Classify. */
    for (size_t k = 0; k < u.n && body; k++) {
        struct unit *x = &u.v[k];
        struct sz_eline *f = &l[x->a];
        size_t nl = x->b - x->a;
        if (nl == 1 && is_rule(f->s, f->len)) {
            x->kind = U_RULE;
        } else if (nl == 2 && underline_of(&l[x->a + 1]) && f->width <= MAX_HEAD_WIDTH) {
            x->kind = U_HEAD;
            x->rank = underline_of(&l[x->a + 1]) == '=' ? R_SETEXT1 : R_SETEXT2;
        } else if (nl == 1) {
            x->rank = line_rank(f);
            if (x->rank != R_NONE)
                x->kind = U_HEAD;
        }
    }
    if (body)
        title_block(c, l, &u);

    /* Levels: the ranks in use, in rank order. */
    int level_of[R_COUNT];
    int used[R_COUNT] = { 0 };
    for (size_t k = 0; k < u.n; k++)
        if (u.v[k].kind == U_HEAD)
            used[u.v[k].rank] = 1;
    for (int r = 0, lv = 0; r < R_COUNT; r++)
        level_of[r] = used[r] ? (lv < 6 ? ++lv : 6) : 0;

    struct sz_buf scratch = SZ_BUF_INIT;
    for (size_t k = 0; k < u.n; k++) {
        struct unit *x = &u.v[k];
        struct sz_node *b;
        switch (x->kind) {
        case U_SKIP:
            break;
        case U_RULE:
            block(c, SZ_HRULE, l[x->a].lineno);
            break;
        case U_HEAD:
            b = block(c, SZ_HEADER, l[x->a].lineno);
            b->level = level_of[x->rank];
            sz_essay_inlines(c, b, l[x->a].s, l[x->a].len);
            break;
        default:
            b = block(c, SZ_PARA, l[x->a].lineno);
            add_inlines(c, b, l, x->a, x->b, &scratch);
            break;
        }
    }
    sz_buf_free(&scratch);
    free(u.v);
}
