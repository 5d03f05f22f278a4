/*
** wrap.c
** Line wrapping for the text writers: UAX #14 break opportunities, display widths.
** See LICENSE.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>
#include <linebreakdef.h>
#include <utf8proc.h>

#include "internal.h"
#include "core/bytes8.h"
#include "writers/wrap.h"

/* The shape is cmark's render.c: a line grows until the next character
** would pass the limit, then it is cut at the last break opportunity seen.
** Where cmark knows only spaces, the opportunities here come from
** libunibreak (UAX #14), so Chinese and Japanese break between ideographs,
** a hyphenated word may break after its hyphen, and no word of any script
** is split; widths come from utf8proc, so a CJK character counts 2. */

static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

static void
lb_init(void)
{
    init_linebreak();
}

void
sz_wrapper_init(struct sz_wrapper *w, const char *lang)
{
    memset(w, 0, sizeof *w);
    w->lang = lang;
    pthread_once(&lb_once, lb_init);
}

void
sz_wrapper_free(struct sz_wrapper *w)
{
    free(w->brk);
    memset(w, 0, sizeof *w);
}

int
sz_char_width(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 0x20 && cp != 0x7f;
    if (cp > 0x10ffff)
        return 1;
    int cw = utf8proc_charwidth((utf8proc_int32_t)cp);
    return cw < 0 ? 0 : cw;
}

/* Decodes the code point at s; ASCII without a call. */
static size_t
next_cp(const char *s, size_t n, uint32_t *cp)
{
    unsigned char c = (unsigned char)*s;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return sz_utf8_decode(s, n, cp);
}

int
sz_text_width(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        if (i + 8 <= n && sz_b8_printable(sz_b8_load(s + i))) {
            w += 8;            /* a column each */
            i += 8;
            continue;
        }
        uint32_t cp;
        i += next_cp(s + i, n - i, &cp);
        w += sz_char_width(cp);
    }
    return w;
}

/* Writes one line: prefix, then s[0..n) without its trailing spaces.  An
** empty line gets its prefix without trailing spaces either. */
static void
put_line(struct sz_buf *out, const char *prefix, size_t plen, const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0)
        while (plen > 0 && prefix[plen - 1] == ' ')
            plen--;
    sz_buf_put(out, prefix, plen);
    sz_buf_put(out, s, n);
    sz_buf_putc(out, '\n');
}

static void
spill(struct sz_wrapper *w, struct sz_buf *out)
{
    if (w->spill && out == w->spill_buf && out->len >= SZ_WRAP_SPILL)
        w->spill(w->spill_ud);
}

/* {=================================================================
** Break opportunities
**
** libunibreak answers for a whole string at once, but a line needs only
** the last opportunity before the character that does not fit.  So the
** analysis runs on a window: from just before the last run of spaces in
** the line to a little past the overflow.  UAX #14 looks left only across
** a run of spaces (OP SP* x, QU SP* x OP, CL SP* x NS, B2 SP* x B2,
** ZW SP* /) and over combining marks, so a window that starts at the base
** character before the space run decides every position after that run
** exactly as the whole paragraph would; tests compare both on the corpus.
** ================================================================== */

/* Bytes of look-ahead past the last position read from a window. */
#define LOOKAHEAD 32

static int
is_break(char b)
{
    return b == LINEBREAK_ALLOWBREAK || b == LINEBREAK_MUSTBREAK;
}

/* libunibreak's UTF-8 reader answers EOS (U+FFFF) both at the end of the
** string and for U+FFFF itself or a sequence cut short, and its analysis
** then stops with an assertion.  So the text goes through this reader,
** which ends only at len: U+FFFF and every byte of a broken sequence come
** out as U+FFFE, a noncharacter of the same class (XX, taken as AL). */
static utf32_t
next_char(const void *s, size_t len, size_t *ip)
{
    size_t at = *ip;
    if (at >= len)
        return EOS;
    utf32_t c = lb_get_next_char_utf8((const utf8_t *)s, len, ip);
    if (c == EOS) {
        if (*ip <= at)
            *ip = at + 1;
        return 0xFFFE;
    }
    return c;
}

void
sz_linebreaks(const char *s, size_t n, const char *lang, char *brks)
{
    set_linebreaks(s, n, lang, brks, next_char);
}

/* Runs libunibreak on text[ws..we) into w->brk. */
static void
analyse(struct sz_wrapper *w, const char *text, size_t ws, size_t we)
{
    size_t len = we - ws;
    if (w->cap < len) {
        w->cap = len + len / 2 + 64;
        free(w->brk);
        w->brk = sz_xmalloc(w->cap);
    }
    sz_linebreaks(text + ws, len, w->lang, w->brk);
}

static size_t
char_start(const char *text, size_t i)
{
    while (i > 0 && ((unsigned char)text[i] & 0xc0) == 0x80)
        i--;
    return i;
}

static size_t
char_end(const char *text, size_t n, size_t i)
{
    while (i < n && ((unsigned char)text[i] & 0xc0) == 0x80)
        i++;
    return i;
}

/* Where a window that ends near a may start: the base character before the
** last run of spaces that ends at or before a, or ls. */
static size_t
window_start(const char *text, size_t ls, size_t a)
{
    size_t e = a;
    while (e > ls && !(text[e - 1] == ' ' && text[e] != ' '))
        e--;
    size_t r = e;
    while (r > ls && text[r - 1] == ' ')
        r--;
    if (r <= ls)
        return ls;
    size_t ws = char_start(text, r - 1);
    for (;;) {
        uint32_t cp;
        sz_utf8_decode(text + ws, r - ws, &cp);
        if (ws <= ls || sz_char_width(cp) > 0 || cp == ' ')
            break;
        ws = char_start(text, ws - 1);
    }
    return ws < ls ? ls : ws;
}

/* ASCII letters and digits: UAX #14's AL and NU, which have no break
** opportunity between them (LB23, LB25, LB28) in any language libunibreak
** tailors (its tailorings change only non-ASCII quotes and marks). */
static const unsigned char alnum[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* The common cut needs no UAX #14 analysis: the character that does not
** fit, text[o], ends a stretch of ASCII letters and digits that follows
** spaces, after an ASCII character other than an opening bracket.  There
** is no opportunity inside the stretch, and one at its start: spaces
** allow a break after them (LB18) unless an opening punctuation precedes
** them (LB14, "( x"); the other rules that look across spaces (LB15-LB17,
** LB8) need a quote before an OP, a CL before an NS, B2 or ZW, none of
** which is ASCII before a letter.  Returns that start, or 0 when the
** analysis must decide (tests compare both ways on every class pair). */
static size_t
simple_break(const char *text, size_t ls, size_t o)
{
    const unsigned char *t = (const unsigned char *)text;
    if (!alnum[t[o]])
        return 0;
    size_t q = o;
    while (q > ls && alnum[t[q - 1]])
        q--;
    if (q <= ls || t[q - 1] != ' ')
        return 0;
    size_t r = q - 1;
    while (r > ls && t[r - 1] == ' ')
        r--;
    if (r <= ls)
        return 0;
    unsigned char b = t[r - 1];
    if (b >= 0x7f || b < 0x21 || b == '(' || b == '[' || b == '{')
        return 0;
    return q;
}

/* The last break opportunity p in (ls, o]: a line may end before text[p].
** 0 when there is none. */
static size_t
last_break(struct sz_wrapper *w, const char *text, size_t n, size_t ls, size_t o, int whole)
{
    if (!whole) {
        size_t q = simple_break(text, ls, o);
        if (q)
            return q;
    }
    if (whole) {
        for (size_t p = o; p > ls; p--)
            if (is_break(w->brk[p - 1]))
                return p;
        return 0;
    }
    size_t we = char_end(text, n, o + LOOKAHEAD < n ? o + LOOKAHEAD : n);
    size_t a = o;
    for (int tries = 0;; tries++) {
        size_t ws = tries < 2 ? window_start(text, ls, a) : ls;
        analyse(w, text, ws, we);
        for (size_t p = o; p > ws && p > ls; p--)
            if (is_break(w->brk[p - 1 - ws]))
                return p;
        if (ws <= ls)
            return 0;
        a = ws;
    }
}

/* The first break opportunity after o, or the position of a '\n' met
** first, or n. */
static size_t
next_break(struct sz_wrapper *w, const char *text, size_t n, size_t ls, size_t o, int whole)
{
    if (whole) {
        for (size_t p = o + 1; p <= n; p++)
            if (text[p - 1] == '\n')
                return p - 1;
            else if (is_break(w->brk[p - 1]))
                return p;
        return n;
    }
    for (size_t chunk = 256;; chunk *= 2) {
        size_t we = char_end(text, n, o + chunk < n ? o + chunk : n);
        size_t limit = we == n ? n : we - LOOKAHEAD;
        analyse(w, text, ls, we);
        for (size_t p = o + 1; p <= limit; p++)
            if (text[p - 1] == '\n')
                return p - 1;
            else if (is_break(w->brk[p - 1 - ls]))
                return p;
        if (we == n)
            return n;
    }
}

/* }================================================================== */

int
sz_wrap_text(struct sz_wrapper *w, struct sz_buf *out, const char *text, size_t n,
             const char *first, const char *rest, int columns, unsigned flags)
{
    size_t flen = strlen(first), rlen = strlen(rest);
    int favail = columns - sz_text_width(first, flen);
    int ravail = columns - sz_text_width(rest, rlen);
    int verbatim = (flags & SZ_WRAPF_VERBATIM) != 0;
    int whole = (flags & SZ_WRAPF_WHOLE) != 0;
    int breaking = 0;
    if (n == 0)
        return 0;
    /* No display width exceeds a character's UTF-8 length, so text no
    ** longer in bytes than the narrower line never needs a break. */
    if ((flags & SZ_WRAPF_BREAK) && (n > (size_t)(favail < ravail ? favail : ravail) ||
                                     memchr(text, '\n', n))) {
        breaking = 1;
        if (whole)
            analyse(w, text, 0, n);
    }
    const char *pfx = first;
    size_t plen = flen;
    int avail = favail < 1 ? 1 : favail;
    int widest = 0;
    size_t i = 0, ls;
    if (!verbatim)
        while (i < n && text[i] == ' ')
            i++;
    ls = i;
    /* w_all: width of text[ls..i); w_ink: the same without trailing spaces. */
    int w_all = 0, w_ink = 0;
    while (i < n) {
        /* Eight printable ASCII characters that fit whole (most of a
        ** book's text): a column each, no cut among them. */
        if (i + 8 <= n) {
            uint64_t x = sz_b8_load(text + i);
            if (sz_b8_printable(x) && (!breaking || w_all + 8 <= avail)) {
                uint64_t ink = ~sz_b8_eq_each(x, ' ') & SZ_B8_HIGH;
                if (ink)
                    w_ink = w_all + (int)sz_b8_last(ink) + 1;
                w_all += 8;
                i += 8;
                continue;
            }
        }
        if (text[i] == '\n') {
            put_line(out, pfx, plen, text + ls, i - ls);
            spill(w, out);
            if (w_ink > widest)
                widest = w_ink;
            pfx = rest, plen = rlen, avail = ravail < 1 ? 1 : ravail;
            i++;
            if (!verbatim)
                while (i < n && text[i] == ' ')
                    i++;
            ls = i, w_all = w_ink = 0;
            continue;
        }
        uint32_t cp;
        size_t len = next_cp(text + i, n - i, &cp);
        int cw = sz_char_width(cp);
        if (breaking && cp != ' ' && w_all + cw > avail) {
            /* Cut at the last opportunity; a piece that cannot be cut
            ** runs on to its end. */
            size_t p = last_break(w, text, n, ls, i, whole);
            if (!p)
                p = next_break(w, text, n, ls, i, whole);
            size_t e = p;
            while (e > ls && text[e - 1] == ' ')
                e--;
            int lw = sz_text_width(text + ls, e - ls);
            if (lw > widest)
                widest = lw;
            put_line(out, pfx, plen, text + ls, p - ls);
            spill(w, out);
            pfx = rest, plen = rlen, avail = ravail < 1 ? 1 : ravail;
            if (p < n && text[p] == '\n') {
                p++;
                if (!verbatim)
                    while (p < n && text[p] == ' ')
                        p++;
            }
            i = ls = p;
            w_all = w_ink = 0;
            continue;
        }
        w_all += cw;
        if (cp != ' ')
            w_ink = w_all;
        i += len;
    }
    if (ls < n) {
        put_line(out, pfx, plen, text + ls, n - ls);
        spill(w, out);
        if (w_ink > widest)
            widest = w_ink;
    }
    return widest;
}
