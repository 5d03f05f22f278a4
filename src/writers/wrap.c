/*
** wrap.c
** Line wrapping for the text writers: UAX #14 break opportunities, display widths.
** See LICENSE.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>
#include <utf8proc.h>

#include "internal.h"
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

int
sz_wrap_text(struct sz_wrapper *w, struct sz_buf *out, const char *text, size_t n,
             const char *first, const char *rest, int columns, unsigned flags)
{
    size_t flen = strlen(first), rlen = strlen(rest);
    int favail = columns - sz_text_width(first, flen);
    int ravail = columns - sz_text_width(rest, rlen);
    int verbatim = (flags & SZ_WRAPF_VERBATIM) != 0;
    const char *brk = NULL;
    if (n == 0)
        return 0;
    /* No display width exceeds a character's UTF-8 length, so text no
    ** longer in bytes than the narrower line needs no break opportunities. */
    if ((flags & SZ_WRAPF_BREAK) && (n > (size_t)(favail < ravail ? favail : ravail) ||
                                     memchr(text, '\n', n))) {
        if (w->cap < n) {
            w->cap = n + n / 2 + 64;
            free(w->brk);
            w->brk = sz_xmalloc(w->cap);
        }
        set_linebreaks_utf8((const utf8_t *)text, n, w->lang, w->brk);
        brk = w->brk;
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
    /* w_all: width of text[ls..i); w_ink: the same without trailing spaces;
    ** ok: the last break opportunity after ls (0 = none) and the two
    ** widths there. */
    int w_all = 0, w_ink = 0, ok_all = 0, ok_ink = 0;
    size_t ok = 0;
    while (i < n) {
        if (text[i] == '\n') {
            put_line(out, pfx, plen, text + ls, i - ls);
            if (w_ink > widest)
                widest = w_ink;
            pfx = rest, plen = rlen, avail = ravail < 1 ? 1 : ravail;
            i++;
            if (!verbatim)
                while (i < n && text[i] == ' ')
                    i++;
            ls = i, ok = 0, w_all = w_ink = 0;
            continue;
        }
        uint32_t cp;
        size_t len = next_cp(text + i, n - i, &cp);
        int cw = sz_char_width(cp);
        if (brk && cp != ' ' && w_all + cw > avail && ok > ls) {
            put_line(out, pfx, plen, text + ls, ok - ls);
            if (ok_ink > widest)
                widest = ok_ink;
            pfx = rest, plen = rlen, avail = ravail < 1 ? 1 : ravail;
            ls = ok;
            w_all -= ok_all;
            w_ink -= ok_all;
            ok = 0;
        }
        w_all += cw;
        if (cp != ' ')
            w_ink = w_all;
        i += len;
        if (brk && brk[i - 1] != LINEBREAK_NOBREAK && brk[i - 1] != LINEBREAK_INSIDEACHAR) {
            ok = i;
            ok_all = w_all;
            ok_ink = w_ink;
        }
    }
    if (ls < n) {
        put_line(out, pfx, plen, text + ls, n - ls);
        if (w_ink > widest)
            widest = w_ink;
    }
    return widest;
}
