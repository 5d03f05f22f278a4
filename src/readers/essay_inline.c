/*
** essay_inline.c
** Text to inlines: words and spaces, and the typography of --smart.
** See LICENSE.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "readers/essay.h"

/* "the character before is not known here: look at the source" */
#define FROM_SOURCE 0xFFFFFFFFu

static int
is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f';
}

static int
is_alnum_ascii(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* May a quote or emphasis mark after cp open?  After white space, the start,
** opening brackets and quotes, and dashes. */
static int
opens_after(uint32_t cp)
{
    switch (cp) {
    case 0: case ' ': case '\t': case '\n': case '\f': case 0xA0:
    case '(': case '[': case '{': case '/': case '-':
    case 0x201C: case 0x2018: case 0x2014: case 0x2013:
        return 1;
    default:
        return 0;
    }
}

/* Ends the text gathered so far: one Str, or one run when it holds several
** words (see SZ_STR_RUN), so a book costs a node per stretch of text, not
** two per word.  A separator at its end (before an Emph or a note) becomes
** a Space or SoftBreak node after it. */
static void
flush(struct sz_ectx *c, struct sz_node *parent)
{
    if (!c->word.len)
        return;
    enum sz_kind trail = SZ_NONE;
    char end = c->word.data[c->word.len - 1];
    if (end == ' ' || end == '\n') {
        trail = end == '\n' ? SZ_SOFTBREAK : SZ_SPACE;
        c->word.len--;
        c->word_seps--;
    }
    if (c->word.len) {
        struct sz_node *s = sz_node_new_text(c->doc, SZ_STR, c->word.data, c->word.len);
        if (c->word_seps > 0)
            s->sub = SZ_STR_RUN;
        sz_node_append(parent, s);
    }
    if (trail != SZ_NONE)
        sz_node_append(parent, sz_node_new(c->doc, trail));
    c->word.len = 0;
    c->word_seps = 0;
}

/* Closing position of the emphasis opened by s[i], or 0.  c->no_close
** remembers how far the text is known to hold no closer, so a run of
** unmatched openers costs linear time, not quadratic. */
static size_t
emph_close(struct sz_ectx *c, const char *s, size_t n, size_t i)
{
    char m = s[i];
    int k = m == '*';
    size_t end = n - i > SZ_ESSAY_EMPH_SPAN ? i + SZ_ESSAY_EMPH_SPAN : n;
    size_t j = i + 2;
    if (j < c->no_close[k])
        j = c->no_close[k];
    for (; j < end; j++) {
        if (s[j] != m)
            continue;
        unsigned char b = (unsigned char)s[j - 1];
        if (is_ws(b) || b == (unsigned char)m)
            continue;
        if (j + 1 < n && (is_alnum_ascii((unsigned char)s[j + 1]) || s[j + 1] == m))
            continue;
        return j;
    }
    if (end > c->no_close[k])
        c->no_close[k] = end;
    return 0;
}

/* Bytes the typography looks at (SPECIAL), and white space (WS): one
** table, so the scan of a word looks up each byte once. */
/* SUP: the lead bytes of superscript digits, looked at only where the
** document has notes labelled so. */
enum { WS = 1, SPECIAL = 2, SUP = 4 };
static const unsigned char cls[256] = {
    [' '] = WS, ['\t'] = WS, ['\n'] = WS, ['\f'] = WS,
    ['"'] = SPECIAL, ['\''] = SPECIAL, ['-'] = SPECIAL, ['.'] = SPECIAL, ['_'] = SPECIAL,
    ['*'] = SPECIAL, ['['] = SPECIAL, [0xC2] = SUP, [0xE2] = SUP,
};
#define special(b) (cls[(unsigned char)(b)] & SPECIAL)

/* A * after a word ("fish.*", "fish. *" at a line's end, "Morgen!” * he")
** marks a note; "* * *" in a line is an ellipsis. */
static int
star_marker(const char *s, size_t n, size_t i)
{
    size_t a = i, b = i + 1;
    while (a > 0 && s[a - 1] == ' ')
        a--;
    while (b < n && s[b] == ' ')
        b++;
    if (a == 0 || s[a - 1] == '*' || s[a - 1] == '\n' || (b < n && s[b] == '*'))
        return 0;
    /* then a space, the end, or punctuation ("OCTAVOES.*—These") */
    if (b == i + 1 && b < n && (is_alnum_ascii((unsigned char)s[b]) ||
                                ((unsigned char)s[b] >= 0x80 && (b + 1 >= n || memcmp(s + b, "\xE2\x80", 2)))))
        return 0;
    if (a == i || b == n || s[b] == '\n')
        return 1;
    /* spaced: "Morgen!” * he said" after closing punctuation */
    unsigned char p = (unsigned char)s[a - 1];
    return p == '.' || p == ',' || p == ';' || p == ':' || p == '!' || p == '?' || p == '"' ||
           p == '\'' || p == ')' || (a >= 3 && (!memcmp(s + a - 3, "\xE2\x80\x9D", 3) ||
                                                 !memcmp(s + a - 3, "\xE2\x80\x99", 3)));
}

/* "his dependents.** No man": two stars after a word, the marker of a
** second note in a paragraph whose first is marked *, before a space or
** the end. */
static int
double_star(const char *s, size_t n, size_t i)
{
    return i > 0 && i + 1 < n && s[i + 1] == '*' && s[i - 1] != '*' && s[i - 1] != ' ' &&
           s[i - 1] != '\n' && (i + 2 == n || s[i + 2] == ' ' || s[i + 2] == '\n');
}

/* "(*1)", "(*)": a note marker some editions use, the * at s[i] after a "(" the
** word gathered so far ends with.  The position of its ")", or 0. */
static size_t
paren_marker(const struct sz_ectx *c, const char *s, size_t n, size_t i)
{
    if (s[i] != '*' || !c->notes || i == 0 || s[i - 1] != '(' || !c->word.len ||
        c->word.data[c->word.len - 1] != '(')
        return 0;
    size_t k = i + 1;
    while (k < n && k < i + 4 && s[k] >= '0' && s[k] <= '9')
        k++;
    /* "(*)" too, the marker of editions that number no notes */
    return k < n && s[k] == ')' ? k : 0;
}

static void inlines(struct sz_ectx *c, struct sz_node *parent, const char *s, size_t n,
                    int emph);

/* "lives gangasrotogati [Footnote: Like the river Ganges: presto.] among":
** a note set in brackets where its marker would stand, as many editions
** print their notes inside the text.  The end of the bracket at s[i] (its
** "]", nested brackets counted) when one of text follows, else 0. */
static size_t
inline_note_end(const char *s, size_t n, size_t i)
{
    if (n - i < 12 || strncasecmp(s + i + 1, "footnote:", 9))
        return 0;
    int depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] == '[')
            depth++;
        else if (s[k] == ']' && --depth == 0)
            return k > i + 11 ? k : 0;
    }
    return 0;
}

/* A [Footnote: ...] at s[i] made a Note in parent: the index past it, or 0. */
static size_t
inline_note(struct sz_ectx *c, struct sz_node *parent, const char *s, size_t n, size_t i,
            int emph)
{
    size_t fe;
    if (!(c->word.len || sz_node_last(parent)) || !(fe = inline_note_end(s, n, i)))
        return 0;
    /* the note's text, run in after the words it explains */
    flush(c, parent);
    struct sz_node *note = sz_node_new(c->doc, SZ_NOTE);
    struct sz_node *p = sz_node_new(c->doc, SZ_PARA);
    size_t a = i + 10;
    while (a < fe && is_ws((unsigned char)s[a]))
        a++;
    if (c->o->trace) {
        char buf[240], ex[36];
        size_t m = 0;
        for (size_t q = a; q < fe && m < 32; q++)
            ex[m++] = s[q] == '\n' ? ' ' : s[q];
        ex[m] = 0;
        snprintf(buf, sizeof buf, "%s:%u: note (a [Footnote: ...] set inside the "
                 "paragraph, where its marker would stand): %s%s",
                 c->file ? c->file : "-", c->lineno, ex, fe - a > 32 ? "..." : "");
        c->o->trace(c->o->trace_ud, buf);
    }
    size_t nc0 = c->no_close[0], nc1 = c->no_close[1];
    c->no_close[0] = c->no_close[1] = 0;
    inlines(c, p, s + a, fe - a, emph);
    flush(c, p);
    c->no_close[0] = nc0;
    c->no_close[1] = nc1;
    sz_node_append(note, p);
    sz_node_append(parent, note);
    return fe + 1;
}

static void
inlines(struct sz_ectx *c, struct sz_node *parent, const char *s, size_t n, int emph)
{
    uint32_t last = 0;
    size_t i = 0;
    const unsigned char supstop = c->sup_notes && c->notes ? SUP : 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (cls[b] & WS) {
            int nl = 0;
            while (i < n && (cls[(unsigned char)s[i]] & WS))
                nl |= s[i++] == '\n';
            if (i < n && c->word.len) {
                sz_buf_addc(&c->word, nl ? '\n' : ' ');
                c->word_seps++;
            } else if (i < n && sz_node_last(parent)) {
                sz_node_append(parent, sz_node_new(c->doc, nl ? SZ_SOFTBREAK : SZ_SPACE));
            }
            last = ' ';
            continue;
        }
        if (b == '[' && i + 1 < n && (s[i + 1] | 0x20) == 'f') {
            size_t j = inline_note(c, parent, s, n, i, emph);
            if (j) {
                i = j;
                last = 'a';
                continue;
            }
        }
        if ((b == '[' || b == '{') && c->notes) {
            /* [1], [A], [*], {287}: a footnote marker when a note text matches */
            char close = b == '[' ? ']' : '}';
            size_t k = i + 1;
            while (k < n && k - i <= 6 && s[k] != close && !is_ws((unsigned char)s[k]) &&
                   (b == '[' || (s[k] >= '0' && s[k] <= '9')))
                k++;
            if (k < n && s[k] == close && k > i + 1 && (b == '{' || k - i <= 5)) {
                struct sz_node *note = sz_essay_note(c, s + i + 1, k - i - 1,
                                                     b == '{' ? SZ_ENOTE_QUIET : 0);
                if (note) {
                    flush(c, parent);
                    sz_node_append(parent, note);
                    i = k + 1;
                    last = 'a';
                    continue;
                }
            }
        }
        if (!c->smart || !special(b) || b == '[') {
            size_t sl;
            if (supstop && (cls[b] & SUP) && (c->word.len || sz_node_last(parent)) &&
                (sl = sz_essay_superscript_len(s, n, i))) {
                /* "paper.¹": a superscript marker of a note labelled so */
                struct sz_node *note = sz_essay_note(c, s + i, sl, 0);
                if (note) {
                    flush(c, parent);
                    sz_node_append(parent, note);
                    i += sl;
                    last = 'a';
                    continue;
                }
            }
            /* The common case: a run of ordinary bytes, found first and
            ** then copied in one piece. */
            unsigned char stop = (c->smart ? WS | SPECIAL : WS) | supstop;
            const unsigned char *p = (const unsigned char *)s + i + 1;
            const unsigned char *e = (const unsigned char *)s + n;
            size_t seps = 0;
            while (p < e) {
                if (!(cls[*p] & stop)) {
                    p++;
                } else if ((*p == ' ' || *p == '\n') && p + 1 < e &&
                           !(cls[p[1]] & (WS | SPECIAL))) {
                    /* one space or line end between two words: the
                    ** separator the white-space branch below would add */
                    seps++;
                    p += 2;
                } else {
                    break;
                }
            }
            size_t j = (size_t)(p - (const unsigned char *)s);
            sz_buf_add(&c->word, s + i, j - i);
            c->word_seps += seps;
            last = FROM_SOURCE;
            i = j;
            continue;
        }
        uint32_t prev = last == FROM_SOURCE ? sz_essay_prev_cp(s, i) : last;
        int next_ws = i + 1 >= n || is_ws((unsigned char)s[i + 1]);
        if (b == '"') {
            last = opens_after(prev) && !next_ws ? 0x201C : 0x201D;
            sz_buf_put_utf8(&c->word, last);
            i++;
        } else if (b == '\'') {
            int digit = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9';
            last = opens_after(prev) && !next_ws && !digit ? 0x2018 : 0x2019;
            sz_buf_put_utf8(&c->word, last);
            i++;
        } else if (b == '-' || b == '.') {
            size_t k = 0;
            while (i + k < n && s[i + k] == (char)b)
                k++;
            if (b == '-' && k >= 2) {
                for (size_t d = k <= 3 ? 1 : k / 2; d > 0; d--)
                    sz_buf_put(&c->word, "\xE2\x80\x94", 3);
                last = 0x2014;
            } else if (b == '.' && k >= 3) {
                sz_buf_put(&c->word, "\xE2\x80\xA6", 3);
                sz_buf_put(&c->word, s + i + 3, k - 3);
                last = k == 3 ? 0x2026 : '.';
            } else {
                sz_buf_add(&c->word, s + i, k);
                last = b;
            }
            i += k;
        } else {
            /* _ or * */
            size_t j = 0;
            if (emph && opens_after(prev == 0x201C || prev == 0x2018 || prev == '"' ? 0 : prev) &&
                !next_ws && s[i + 1] != (char)b)
                j = emph_close(c, s, n, i);
            struct sz_node *note = NULL;
            size_t k = paren_marker(c, s, n, i);
            if (k) {
                /* "PFAAL (*1)": the "(" already gathered goes with the marker */
                note = sz_essay_note(c, s + i, k - i, 0);
                if (note) {
                    c->word.len--;
                    flush(c, parent);
                    sz_node_append(parent, note);
                    i = k + 1;
                    last = 'a';
                    continue;
                }
            }
            size_t stars = 1;
            if (!j && b == '*' && c->notes && star_marker(s, n, i))
                note = sz_essay_note(c, s + i, 1, SZ_ENOTE_BARE);   /* "a royal fish.*" */
            else if (!j && b == '*' && c->notes && double_star(s, n, i) &&
                     (note = sz_essay_note(c, s + i, 2, SZ_ENOTE_BARE)))
                stars = 2;                              /* "his dependents.**" */
            if (note) {
                flush(c, parent);
                sz_node_append(parent, note);
                i += stars;
                last = 'a';
            } else if (j) {
                flush(c, parent);
                struct sz_node *e = sz_node_new(c->doc, SZ_EMPH);
                inlines(c, e, s + i + 1, j - i - 1, 0);
                flush(c, e);
                sz_node_append(parent, e);
                i = j + 1;
                last = 'a';
            } else {
                sz_buf_putc(&c->word, b);
                last = b;
                i++;
            }
        }
    }
    flush(c, parent);
}

void
sz_essay_inlines(struct sz_ectx *c, struct sz_node *parent, const char *s, size_t n)
{
    c->no_close[0] = c->no_close[1] = 0;
    inlines(c, parent, s, n, 1);
}

void
sz_essay_meta_text(struct sz_ectx *c, const char *key, const char *s, size_t n, int smart)
{
    if (sz_meta_get(c->doc, key))
        return;        /* the first finding wins */
    struct sz_node *v = sz_node_new(c->doc, SZ_META_INLINES);
    int was = c->smart;
    c->smart = smart;
    sz_essay_inlines(c, v, s, n);
    c->smart = was;
    sz_meta_set(c->doc, key, v);
}
