/*
** essay_words.c
** Character and word tests for the block pass: letter case, closing
** punctuation, title case, capitals, numbers and numerals.
** See LICENSE.
*/
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/bytes8.h"
#include "readers/essay_units.h"

uint32_t
sz_essay_cp_at(const char *s, size_t n, size_t *i)
{
    uint32_t cp;
    if (*i < n && (unsigned char)s[*i] < 0x80)
        return (unsigned char)s[(*i)++];   /* most of a book, without a call */
    *i += sz_utf8_decode(s + *i, n - *i, &cp);
    return cp;
}

uint32_t
sz_essay_last_cp(const char *s, size_t n)
{
    return sz_essay_prev_cp(s, n);
}

int
sz_essay_is_upper(uint32_t cp)
{
    /* ASCII without asking utf8proc: its only Lu are A-Z, it has no Lt */
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int
is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

int
sz_essay_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Closing punctuation: a line that ends with it is a sentence, not a title. */
int
sz_essay_closes(uint32_t cp)
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

/* Words are counted where they start: a byte that is no space or tab
** after one that is (or at the start), eight bytes at a time, since every
** line that could be a heading is asked. */
size_t
sz_essay_count_words(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    uint64_t before = 1;       /* the byte before s[i] is a separator */
    for (; i + 8 <= n; i += 8) {
        uint64_t x = sz_b8_load(s + i);
        uint64_t sp = sz_b8_eq_each(x, ' ') | sz_b8_eq_each(x, '\t');
        uint64_t starts = ~sp & ((sp << 8) | (before << 7)) & SZ_B8_HIGH;
        w += (size_t)((((starts >> 7) * SZ_B8_ONES) >> 56) & 0xFF);
        before = sp >> 63;
    }
    for (; i < n; i++) {
        uint64_t sp = s[i] == ' ' || s[i] == '\t';
        w += !sp && before;
        before = sp;
    }
    return w;
}

/* Short Title-Case Words, minor words excepted, the first capitalised. */
int
sz_essay_title_case(const char *s, size_t n)
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
            cp = sz_essay_cp_at(s, i, &k);
            if (sz_essay_is_letter(cp) || (cp >= '0' && cp <= '9'))
                break;
            cp = 0;
        }
        words++;
        upper += sz_essay_is_upper(cp);
        if (!cp || (cp >= '0' && cp <= '9') || sz_essay_is_upper(cp))
            continue;
        if (!is_lower(cp))
            continue;      /* scripts without case */
        if (words == 1 || !minor_word(s + a, i - a))
            return 0;
    }
    return upper > 0;    /* scripts without case have no title case */
}

/* ALL CAPS: at least two letters and no lower-case letter. */
int
sz_essay_all_caps(const char *s, size_t n)
{
    size_t i = 0, upper = 0;
    while (i < n) {
        uint32_t cp = sz_essay_cp_at(s, n, &i);
        if (is_lower(cp))
            return 0;
        upper += sz_essay_is_upper(cp);
    }
    return upper >= 2;
}

int
sz_essay_roman_value(const char *s, size_t n)
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
int
sz_essay_number_token(const char *s, size_t n)
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
    } else if (n > 3 && s[n - 1] == ')' && s[n - 2] != '(' &&
               (s[n - 3] == '(' || (n > 4 && s[n - 4] == '('))) {
        /* XVIII(*), XII(+), IV(1): a note marker in parentheses, as the
        ** editions that mark notes (*) (+) (#) write them */
        n -= s[n - 3] == '(' ? 3 : 4;
    }
    if (n == 0)
        return 0;
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == n)
        return 1;
    /* Scene 1.II: act and scene */
    if (d > 0 && d + 1 < n && s[d] == '.' && sz_essay_roman_value(s + d + 1, n - d - 1) &&
        s[d + 1] >= 'A' && s[d + 1] <= 'Z')
        return 1;
    /* Upper-case roman numerals only: "I" is a word too, but "Chapter I" is
    ** not, and lower-case "mix" or "dim" should not count. */
    if (sz_essay_roman_value(s, n) && (s[0] < 'a' || n == 1))
        return 1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t l = strlen(words[i]);
        if (l == n && !strncasecmp(words[i], s, n))
            return 1;
    }
    return 0;
}

/* The first word, and the rest after white space. */
size_t
sz_essay_first_word(const char *s, size_t n, const char **rest, size_t *rn)
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

int
sz_essay_word_ci(const char *w, size_t n, const char *const *list)
{
    /* Asked for words of every line: the first byte, in ASCII lower case
    ** as strncasecmp compares it, turns most entries away before a strlen. */
    unsigned char c0 = n ? (unsigned char)w[0] : 0;
    if (c0 >= 'A' && c0 <= 'Z')
        c0 |= 0x20;
    for (; *list; list++) {
        unsigned char l0 = (unsigned char)(*list)[0];
        if (l0 >= 'A' && l0 <= 'Z')
            l0 |= 0x20;
        if (l0 == c0 && strlen(*list) == n && !strncasecmp(*list, w, n))
            return 1;
    }
    return 0;
}

int
sz_essay_word_is(const char *w, size_t n, const char *const *list)
{
    /* Asked for every line of a book: most words differ from the first
    ** byte of each entry on, so no strlen of every entry. */
    if (!n)
        return 0;
    for (char w0 = w[0]; *list; list++) {
        const char *l = *list;
        if (l[0] != w0)
            continue;
        size_t k = 1;
        while (k < n && l[k] && l[k] == w[k])
            k++;
        if (k == n && !l[n])
            return 1;
    }
    return 0;
}

int
sz_essay_is_symbol(uint32_t cp)
{
    /* ASCII's symbols (Sm, Sc, Sk; it has no So) */
    if (cp < 0x80)
        return cp && strchr("$+<=>^`|~", (int)cp) != NULL;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO;
}

/* Letters and digits of s, lower-cased ASCII, into out (for comparing). */
void
sz_essay_squash(const char *s, size_t n, struct sz_buf *out)
{
    size_t i = 0;
    sz_buf_clear(out);
    while (i < n) {
        size_t a = i;
        uint32_t cp = sz_essay_cp_at(s, n, &i);
        if (cp < 0x80) {
            if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
                sz_buf_addc(out, (char)(cp | 0x20));
            else if (cp >= '0' && cp <= '9')
                sz_buf_addc(out, (char)cp);
        } else if (sz_essay_is_letter(cp)) {
            sz_buf_add(out, s + a, i - a);
        }
    }
}

int
sz_essay_first_upper(const struct sz_eline *l)
{
    size_t i = 0;
    while (i < l->len) {
        uint32_t cp = sz_essay_cp_at(l->s, l->len, &i);
        if (sz_essay_is_letter(cp) || (cp >= '0' && cp <= '9'))
            return sz_essay_is_upper(cp) || !is_lower(cp);
    }
    return 0;
}
