/*
** essay_shapes.c
** Heading shapes of single lines: chapter keywords, numbers and titles,
** rules, underlines, sidenotes, contents entries; the rank each shape gets.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "readers/essay_units.h"

/* the scenes of a play's acts */
static const char *const scene[] = {
    "SCENE", "Scene", "SCÈNE", "Scène", "SZENE", "Szene", "ESCENA", "Escena", "SCENA",
    "Scena", NULL,
};

/* SCENE alone on its line, over a play's stage setting: the word without a
** number. */
int
sz_essay_scene_word(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':'))
        n--;
    return n > 0 && n < 8 && sz_essay_word_is(s, n, scene);
}

/* CHAPTER IV, Book the First, Part One, Kapitel 3, ГЛАВА I, 第一回. */
int
sz_essay_keyword_rank(const char *s, size_t n)
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
    size_t w = sz_essay_first_word(s, n, &rest, &rn);
    if (n > MAX_HEAD_WIDTH * 3)
        return R_NONE;
    /* Asked for every line of a book.  Every word of the three lists starts
    ** with a capital or a non-ASCII letter, so the wrapped lines of a
    ** paragraph, most of them starting in lower case, skip the lists. */
    unsigned char c0 = w ? (unsigned char)s[0] : 0;
    int r = !(c0 >= 0x80 || (c0 >= 'A' && c0 <= 'Z')) ? R_NONE
          : sz_essay_word_is(s, w, part) ? R_PART : sz_essay_word_is(s, w, chapter) ? R_CHAPTER
          : sz_essay_word_is(s, w, scene) ? R_SUB : R_NONE;
    /* CHAPTER. IV., BOOK. II.: the keyword with a stop after it, as some
    ** old printers set it (CHAP. is the abbreviation, listed above) */
    if (r == R_NONE && w > 2 && s[w - 1] == '.' && c0 >= 'A' && c0 <= 'Z')
        r = sz_essay_word_is(s, w - 1, part) ? R_PART
          : sz_essay_word_is(s, w - 1, chapter) ? R_CHAPTER : R_NONE;
    if (r != R_NONE) {
        size_t w2 = sz_essay_first_word(rest, rn, &rest2, &rn2);
        /* "Chapter two was found, and she glanced ...": a sentence, its
        ** number run on into words in lower case */
        if (rn2 > 0 && rest2[0] >= 'a' && rest2[0] <= 'z' && w2 > 0 &&
            rest[w2 - 1] != '.' && rest[w2 - 1] != ':' && rest[w2 - 1] != ',' &&
            sz_essay_count_words(rest2, rn2) >= 4)
            return R_NONE;
        if (rn > 0 && sz_essay_number_token(rest, w2))
            return r;
        return R_NONE;
    }
    /* "Erstes Kapitel", "Premier chapitre", "First Part" */
    size_t w2 = sz_essay_first_word(rest, rn, &rest2, &rn2);
    static const char *const after[] = {
        "Kapitel", "KAPITEL", "chapitre", "CHAPITRE", "Chapter", "CHAPTER", "Teil", "TEIL",
        "Buch", "partie", "PARTIE", "Part", "PART", "Book", "BOOK", "Hoofdstuk", "глава",
        "часть", "ACT", "Act", NULL,
    };
    /* ... but not "The Book", "His Chapter": a determiner is no ordinal */
    static const char *const determiners[] = {
        "The", "THE", "A", "An", "AN", "This", "THIS", "That", "THAT", "His", "HIS", "Her",
        "HER", "My", "MY", "Our", "OUR", "Your", "YOUR", "Their", "THEIR", "Its", "ITS",
        "Every", "Each", "Another", "No", "Le", "La", "Les", "Un", "Une", "Der", "Die", "Das",
        "Ein", "Eine", NULL,
    };
    if (w2 && rn2 == 0 && w > 0 && w < 20 && sz_essay_word_is(rest, w2, after) &&
        !sz_essay_word_is(s, w, determiners)) {
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

int
sz_essay_section_line(const char *s, size_t n)
{
    return sz_essay_keyword_rank(s, n) != R_NONE || sz_essay_matter_word(s, n) ||
           sz_essay_scene_word(s, n);
}

int
sz_essay_is_rule(const char *s, size_t n)
{
    size_t i = 0, marks = 0;
    uint32_t first = 0;
    if (n == 0)
        return 0;
    while (i < n) {
        uint32_t cp = sz_essay_cp_at(s, n, &i);
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

int
sz_essay_underline_of(const struct sz_eline *l)
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
    /* asked for many lines: the first letter, either case, before a call */
    for (int i = 0; p[i]; i++)
        if (l->len && (l->s[0] | 0x20) == (p[i][0] | 0x20) && l->len >= strlen(p[i]) &&
            !strncasecmp(l->s, p[i], strlen(p[i])))
            return 1;
    return 0;
}

/* A printer's or publisher's imprint: "PRINTED BY GARDEN CITY PRESS,
** LETCHWORTH", "THE WALTER SCOTT PRESS, NEWCASTLE-ON TYNE.", "London:
** WILLIAM HEINEMANN LTD.": a line of the book's last page, no heading. */
static int
imprint_line(const struct sz_eline *l)
{
    const char *s = l->s;
    size_t n = l->len;
    if (sz_essay_has(s, n, "printed by") || sz_essay_has(s, n, "press, "))
        return 1;
    for (size_t i = 0; i + 4 <= n; i++)
        if (i > 0 && s[i - 1] == ' ' && !strncasecmp(s + i, "ltd", 3) &&
            (i + 3 == n || s[i + 3] == '.' || s[i + 3] == ',' || s[i + 3] == '_'))
            return 1;
    return 0;
}

/* LONDON PRINTED MDCLXXXVIII, PARIS, MDCCCLVII.: words and then a year in
** roman numerals, as title pages print the year; no division is numbered
** past a thousand, and the numeral alone is judged below. */
static int
roman_year_end(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    size_t i = n;
    while (i > 0 && s[i - 1] != ' ')
        i--;
    int v = i > 0 && n - i >= 2 && n - i < 16 && s[i] == 'M' ? sz_essay_roman_value(s + i, n - i)
                                                              : 0;
    if (v < 1000 || v >= 4000)
        return 0;
    /* the numeral as it is written, not any run of its letters (MIDI,
    ** MILL are words) */
    static const char *const th[] = { "", "M", "MM", "MMM" };
    static const char *const hu[] = { "", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM" };
    static const char *const te[] = { "", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC" };
    static const char *const on[] = { "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX" };
    char buf[20];
    int m = snprintf(buf, sizeof buf, "%s%s%s%s", th[v / 1000], hu[v / 100 % 10], te[v / 10 % 10],
                     on[v % 10]);
    return m > 0 && (size_t)m == n - i && !memcmp(buf, s + i, n - i);
}

/* Front and back matter that stands beside the chapters. */
int
sz_essay_matter_word(const char *s, size_t n)
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
        uint32_t cp = sz_essay_cp_at(s, n, &i);
        if (cp < 0x80) {
            if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
                buf[k++] = (char)(cp | 0x20);
            else if (cp != '.' && cp != ' ' && cp != '-')
                return 0;
        } else if (sz_essay_is_letter(cp)) {
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

/* DRAMATIS PERSONAE, THE PERSONS IN THE PLAY, CHARACTERS: the heading over
** a play's list of its persons, where the play begins. */
int
sz_essay_persons_line(const char *s, size_t n)
{
    static const char *const w[] = {
        "dramatispersonae", "dramatispersonæ", "personsoftheplay", "thepersonsoftheplay",
        "thepersonsintheplay", "personsintheplay", "personsrepresented", "characters",
        "thecharacters", "charactersintheplay", "charactersoftheplay", "personnages",
        "lespersonnages", "personen", "personajes", NULL,
    };
    if (n > 48)
        return 0;
    struct sz_buf b = SZ_BUF_INIT;
    sz_essay_squash(s, n, &b);
    int hit = 0;
    for (int j = 0; w[j] && !hit && b.len; j++)
        hit = strlen(w[j]) == b.len && !memcmp(w[j], b.data, b.len);
    sz_buf_free(&b);
    return hit;
}

/* ♦TREATY BETWEEN GREAT BRITAIN AND SPAIN.♦: a block set between two of
** the same symbol is a sidenote (a margin note of the printed book). */
int
sz_essay_sidenote(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a > 4 || l[a].len < 3)
        return 0;
    size_t i = 0;
    uint32_t first = sz_essay_cp_at(l[a].s, l[a].len, &i);
    return sz_essay_is_symbol(first) && first == sz_essay_last_cp(l[b - 1].s, l[b - 1].len) &&
           first != '*' && first != '=' && first != '-' && first != '+' && first != '#' &&
           first != '~';
}

/* A sidenote over blank lines: unit k opens with a mark that one of the
** next three units closes.  Returns the unit after it, or 0. */
size_t
sz_essay_sidenote_end(const struct units *u, const struct sz_eline *l, size_t k)
{
    const struct unit *x = &u->v[k];
    size_t i = 0;
    uint32_t first = sz_essay_cp_at(l[x->a].s, l[x->a].len, &i);
    if (!sz_essay_is_symbol(first) || first == '*' || first == '=' || first == '-' ||
        first == '+' || first == '#' || first == '~' ||
        sz_essay_last_cp(l[x->b - 1].s, l[x->b - 1].len) == first || x->b - x->a > 3)
        return 0;
    for (size_t j = k + 1; j < u->n && j <= k + 3; j++) {
        const struct unit *y = &u->v[j];
        size_t i2 = 0;
        if (y->b - y->a > 3 || sz_essay_cp_at(l[y->a].s, l[y->a].len, &i2) == first)
            return 0;
        if (sz_essay_last_cp(l[y->b - 1].s, l[y->b - 1].len) == first)
            return j + 1;
    }
    return 0;
}

/* "CHAPTER XVII. The Spaniards not discouraged 80", "Preface ..... vii":
** a line of words that ends in a page number is an entry of a contents
** list, wherever it stands. */
int
sz_essay_page_ref(const char *s, size_t n)
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
    return sz_essay_count_words(s, e) >= 4;
}

/* Is the last word of s[0..n), without closing punctuation, one that
** needs the next line ("OF", "THE", "AND")? */
int
sz_essay_ends_joining(const char *s, size_t n)
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
                                         "for", "or", "from", "on", "at", "wherein", "whereby",
                                         NULL };
    return sz_essay_word_is(w, n - a, joins);
}

/* A date: a month's name and a number ("March 23d.", "_April 1st._",
** "12 Mai 1848"): what a diary sets under an entry's number, not a title. */
/* A byte of a word of a date: a letter, a digit, or part of a non-ASCII
** character. */
static int
date_word_byte(char c)
{
    unsigned char b = (unsigned char)c;
    return (b & 0x80) || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
}

static int
date_line(const struct sz_eline *l)
{
    static const char *const months[] = {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "januar", "februar", "juni", "juli",
        "oktober", "dezember", "mai", "janvier", "février", "mars", "avril", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre", NULL
    };
    /* Asked for every line of a book: the words are counted and a digit
    ** looked for first, and only a short line with one is matched against
    ** the months. */
    int digit = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t words = 0;
        for (size_t i = 0; i < l->len;) {
            while (i < l->len && !date_word_byte(l->s[i]))
                i++;
            size_t j = i;
            while (j < l->len && date_word_byte(l->s[j]))
                j++;
            if (j == i)
                break;
            if (pass == 0) {
                if (++words > 5)
                    return 0;
                digit |= l->s[i] >= '0' && l->s[i] <= '9';
            } else if (sz_essay_word_ci(l->s + i, j - i, months)) {
                return 1;
            }
            i = j;
        }
        if (!digit)
            return 0;
    }
    return 0;
}

/* The rank of a standalone line, or R_NONE for a paragraph; *why gets the
** evidence (for --trace-structure). */
/* "Vol. VII p. 124.]", "Book II, pp. 40-45": a volume or chapter cited
** by its page, or the tail of a bracketed note (a closing bracket with no
** opening one): a reference in the text, not a division of it. */
static int
citation(const char *s, size_t n)
{
    if (n && s[n - 1] == ']' && !memchr(s, '[', n))
        return 1;
    for (size_t i = 0; i + 4 < n; i++)
        if (s[i] == ' ' && s[i + 1] == 'p' && (s[i + 2] == '.' || (s[i + 2] == 'p' &&
            s[i + 3] == '.'))) {
            size_t j = i + 3 + (s[i + 2] == 'p');
            while (j < n && s[j] == ' ')
                j++;
            if (j < n && s[j] >= '0' && s[j] <= '9')
                return 1;
        }
    return 0;
}

const char sz_essay_initials_why[] =
    "initials alone (C. D., А. П.): the signature under a preface or a letter, not a heading";

/* "C. D.", "А. П.", "J.S.M.": two to four letters, each a capital with a
** full stop after it, and nothing else. */
static int
initials_only(const char *s, size_t n)
{
    size_t i = 0, letters = 0;
    while (i < n) {
        uint32_t cp = sz_essay_cp_at(s, n, &i);
        if (!sz_essay_is_upper(cp) || i >= n || s[i] != '.')
            return 0;
        letters++;
        i++;
        while (i < n && s[i] == ' ')
            i++;
    }
    return letters >= 2 && letters <= 4;
}

int
sz_essay_line_rank_why(const struct sz_eline *l, const char **why)
{
    const char *s = l->s;
    size_t n = l->len;
    *why = NULL;
    int r = sz_essay_keyword_rank(s, n);
    if (r != R_NONE && sz_essay_page_ref(s, n)) {
        *why = "a chapter line ending in a page number: a contents entry";
        return R_NONE;
    }
    if (r != R_NONE && citation(s, n)) {
        *why = "a volume or chapter cited by its page (Vol. VII p. 124.]): a reference";
        return R_NONE;
    }
    if (r != R_NONE)
        return r;
    if (credit_line(l) || (n && (s[0] == '(' || s[0] == '[')))
        return R_NONE;
    if (initials_only(s, n)) {
        *why = sz_essay_initials_why;
        return R_NONE;
    }
    if (sz_essay_matter_word(s, n))
        return R_CHAPTER;
    if (l->width > MAX_HEAD_WIDTH || sz_essay_count_words(s, n) > MAX_HEAD_WORDS)
        return R_NONE;
    /* ILLUSTRATIONS, LIST OF ILLUSTRATIONS, WITH EIGHT ILLUSTRATIONS IN
    ** TINT: over the list of plates, or a line of the title page */
    if (sz_essay_has(s, n, "illustrations") &&
        (n <= 20 || !strncasecmp(s, "list of", 7) || !strncasecmp(s, "with ", 5))) {
        *why = "the list of illustrations or a title page's line about them, not a section";
        return R_NONE;
    }
    if (imprint_line(l)) {
        *why = "a printer's or publisher's imprint (PRINTED BY ..., ... PRESS, LONDON)";
        return R_NONE;
    }
    if (roman_year_end(s, n)) {
        *why = "words ending in a year in roman numerals (LONDON PRINTED MDCLXXXVIII): a title "
               "page's imprint or date";
        return R_NONE;
    }
    if (date_line(l)) {
        *why = "a date (a month's name and a number): a diary's or a letter's date line";
        return R_NONE;
    }
    if (sz_essay_sidenote(l, 0, 1)) {
        *why = "a line set between two marks (♦TEXT♦): a sidenote";
        return R_NONE;
    }
    if (sz_essay_page_ref(s, n)) {
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
    int rv = sz_essay_roman_value(s, k);
    if ((d == k && k <= 3) ||
        (rv && s[0] >= 'A' && s[0] <= 'Z' && (k == 1 || sz_essay_all_caps(s, k)))) {
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
        sz_essay_roman_value(s, w) && sz_essay_roman_value(s, w) <= 400 &&
        (sz_essay_all_caps(s, w) || w == 1)) {
        size_t t = n - (s[n - 1] == '.');
        if (t > w + 2 && !sz_essay_closes(sz_essay_last_cp(s, t)) &&
            !memchr(s + w + 2, '.', t - w - 2) && !memchr(s + w + 2, ';', t - w - 2) &&
            (sz_essay_title_case(s + w + 2, t - w - 2) ||
             sz_essay_all_caps(s + w + 2, t - w - 2))) {
            *why = "a roman numeral and a title";
            return R_CHAPTER;
        }
    }
    /* 1791. Autobiography.  /  _1722. Dogood Papers._: an entry of a list
    ** of works or of a chronicle, under its year, not a numbered section */
    size_t y0 = 0;
    while (y0 < n && (s[y0] == '_' || s[y0] == '*'))
        y0++;
    size_t y = y0;
    while (y < n && s[y] >= '0' && s[y] <= '9')
        y++;
    if (y - y0 == 4 && y < n && (s[y] == '.' || s[y] == ' ' || s[y] == '?')) {
        *why = "a year and a title: an entry of a list of works or a chronicle";
        return R_NONE;
    }
    /* 2. Method  /  3.1 Results */
    if (d > 0 && d < n && (s[d] == '.' || s[d] == ' ')) {
        size_t i = d;
        while (i < n && (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')))
            i++;
        if (i < n && s[i] == ' ' && !sz_essay_closes(sz_essay_last_cp(s, n)) &&
            sz_essay_count_words(s, n) <= 10 && sz_essay_title_case(s + i + 1, n - i - 1)) {
            /* 3.1 under 3.: a dot between digits numbers a subsection */
            for (size_t k2 = d; k2 + 1 < i; k2++)
                if (s[k2] == '.' && s[k2 + 1] >= '0' && s[k2 + 1] <= '9')
                    return R_NUMBERED2;
            return R_NUMBERED;
        }
        return R_NONE;
    }
    uint32_t end = sz_essay_last_cp(s, n);
    size_t i0 = 0;
    uint32_t first = sz_essay_cp_at(s, n, &i0);
    if (first == 0x201C || first == '"' || first == 0xAB || first == 0xBB || first == 0x2018)
        return R_NONE;     /* “H.J.  — a quotation or a signature */
    if (sz_essay_all_caps(s, n) && (end == ':' || sz_essay_ends_joining(s, n))) {
        *why = "capitals ending in a joining word or a colon: one line of a title page";
        return R_NONE;
    }
    if (sz_essay_all_caps(s, n) && end != ',' && end != ';' && end != '-' && end != 0x2014)
        return R_CAPS;
    if (!sz_essay_closes(end) && sz_essay_title_case(s, n))
        return R_TITLE;
    return R_NONE;
}

int
sz_essay_date_line(const struct sz_eline *l)
{
    return date_line(l);
}

int
sz_essay_line_rank(const struct sz_eline *l)
{
    const char *why;
    return sz_essay_line_rank_why(l, &why);
}

/* "# Title" to "### Title" in s[0..n): the number of marks, 1 to 3, else 0. */
int
sz_essay_atx_marks(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && k < 4 && s[k] == '#')
        k++;
    if (k == 0 || k > 3 || k + 2 > n || s[k] != ' ' || s[k + 1] == ' ')
        return 0;
    return (int)k;
}

/* The level of a "# Title" line, 1 to 3, else 0. */
int
sz_essay_atx_level(const struct sz_eline *l)
{
    return sz_essay_atx_marks(l->s, l->len);
}

/* What made a standalone line a heading of each rank, for the trace;
** [R_COUNT] is the plain line. */
const char *const sz_essay_rank_why[R_COUNT + 1] = {
    "underlined with =",
    "a part keyword whose lines each come before a run of another part keyword's",
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

/* Is every line of [a, b) of a heading's width and in capitals: lettering
** set as a title is, not text? */
int
sz_essay_caps_lines(const struct sz_eline *l, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (l[i].width > MAX_HEAD_WIDTH || !sz_essay_all_caps(l[i].s, l[i].len))
            return 0;
    return 1;
}

/* Lines [a, b) are a title in capitals wrapped over lines: short, no
** lower-case letter, not ending in a comma. */
int
sz_essay_caps_title(const struct sz_eline *l, size_t a, size_t b)
{
    size_t words = 0;
    for (size_t i = a; i < b; i++) {
        if (l[i].width > MAX_HEAD_WIDTH || !sz_essay_all_caps(l[i].s, l[i].len))
            return 0;
        words += sz_essay_count_words(l[i].s, l[i].len);
    }
    uint32_t end = sz_essay_last_cp(l[b - 1].s, l[b - 1].len);
    return words <= 3 * MAX_HEAD_WORDS && end != ',' && end != ';';
}

/* A bare chapter line: "CHAPTER IV", "IV.", "12", "Erstes Kapitel": the
** title, when there is one, is on the next line. */
int
sz_essay_bare_number(const struct sz_eline *l)
{
    const char *rest, *rest2;
    size_t rn, rn2;
    size_t w = sz_essay_first_word(l->s, l->len, &rest, &rn);
    if (rn == 0)
        return 1;
    size_t w2 = sz_essay_first_word(rest, rn, &rest2, &rn2);
    return rn2 == 0 && (sz_essay_number_token(rest, w2) || sz_essay_number_token(l->s, w));
}

/* A second heading line in quotes is a title (“Pieces of Eight”) only
** when it is not a sentence of dialogue. */
static int
quoted_title(const struct sz_eline *l)
{
    size_t i = 0;
    uint32_t first = sz_essay_cp_at(l->s, l->len, &i);
    if (first != 0x201C && first != '"' && first != 0xBB && first != 0xAB && first != 0x201E)
        return !sz_essay_closes(sz_essay_last_cp(l->s, l->len));
    for (size_t k = 0; k < l->len; k++)
        if (l->s[k] == '.' || l->s[k] == '!' || l->s[k] == '?' || l->s[k] == ',')
            return 0;
    return first == 0x201C;
}

/* A line that can be the second line of a heading. */
int
sz_essay_subtitle_line(const struct sz_eline *l, int rank)
{
    if (l->width <= MAX_HEAD_WIDTH && sz_essay_matter_word(l->s, l->len))
        return 1;      /* I / Introduction */
    if (l->width > MAX_HEAD_WIDTH || rank == R_PART || rank == R_CHAPTER || date_line(l))
        return 0;
    uint32_t end = sz_essay_last_cp(l->s, l->len);
    if (rank == R_CAPS || rank == R_TITLE)
        return 1;
    if (rank != R_NONE || end == ',' || end == ';' ||
        sz_essay_count_words(l->s, l->len) > MAX_HEAD_WORDS || sz_essay_page_ref(l->s, l->len))
        return 0;
    /* ROSES AND THORNS.  /  An Orphan Boy.  /  “HASTE TO THE WEDDING.”: a
    ** title with a full stop, in quotes or not; not "Den 30. April 1846."
    ** nor "Taufe!... Taufe in der Breiten Straße!" */
    size_t t = l->len, i = 0;
    uint32_t first = sz_essay_cp_at(l->s, t, &i);
    size_t a = 0;
    if (first == 0x201C || first == '"') {
        uint32_t z = sz_essay_last_cp(l->s, t);
        if (z != 0x201D && z != '"')
            return quoted_title(l) && sz_essay_first_upper(l);
        a = i;
        t -= z == '"' ? 1 : 3;
    }
    if (t > a && l->s[t - 1] == '.')
        t--;
    int plain = t > a + 1 && !sz_essay_closes(sz_essay_last_cp(l->s, t));
    for (size_t k = a; k < t && plain; k++)
        plain = !strchr(".!?;:0123456789", l->s[k]);
    if (plain && (sz_essay_all_caps(l->s + a, t - a) || sz_essay_title_case(l->s + a, t - a)))
        return 1;
    return quoted_title(l) && sz_essay_first_upper(l);
}

int
sz_essay_contents_word(const struct sz_eline *l)
{
    static const char *const words[] = {
        "contents", "tableofcontents", "inhalt", "inhaltsverzeichnis", "tabledesmatières",
        "tabledesmatieres", "índice", "indice", "inhoud", "оглавление", "содержание",
        "contentsofthefirstvolume", "目錄", "目录", NULL,
    };
    struct sz_buf b = SZ_BUF_INIT;
    sz_essay_squash(l->s, l->len, &b);
    int hit = 0;
    for (int i = 0; words[i] && !hit; i++)
        hit = b.len && !strcmp(b.data, words[i]);
    /* CONTENTS OF THE SIXTH VOLUME, Contents of Vol. I: a volume's own list */
    if (!hit && b.len > 10 && !strncmp(b.data, "contentsof", 10) &&
        sz_essay_count_words(l->s, l->len) <= 6)
        hit = 1;
    sz_buf_free(&b);
    return hit;
}

/* The number of a bare chapter line ("IV.", "12"), or 0. */
int
sz_essay_bare_value(const struct sz_eline *f)
{
    size_t k = f->len - (f->len > 1 && f->s[f->len - 1] == '.');
    size_t d = 0;
    while (d < k && f->s[d] >= '0' && f->s[d] <= '9')
        d++;
    if (d == k && k > 0 && k <= 3)
        return atoi(f->s);
    return sz_essay_roman_value(f->s, k);
}
