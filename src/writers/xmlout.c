/*
** xmlout.c
** XML markup into a buffer, byte for byte as libxml2's xmlTextWriter writes it.
** See LICENSE.
*/
#include <stdlib.h>

#include "core/bytes8.h"
#include "writers/xmlout.h"

void
sz_xo_init(struct sz_xo *x, struct sz_buf *out)
{
    memset(x, 0, sizeof *x);
    x->out = out;
}

void
sz_xo_free(struct sz_xo *x)
{
    sz_buf_free(&x->names);
    free(x->at);
    x->at = NULL;
    x->depth = x->cap = 0;
}

/* The '>' a start tag waits for until content or another element comes. */
static void
close_tag(struct sz_xo *x)
{
    if (x->open) {
        sz_buf_addc(x->out, '>');
        x->open = 0;
    }
}

static const char *
innermost(const struct sz_xo *x)
{
    return x->names.data + x->at[x->depth - 1];
}

void
sz_xo_declaration(struct sz_xo *x)
{
    sz_buf_puts(x->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x->declared = 1;
}

void
sz_xo_doctype(struct sz_xo *x, const char *name)
{
    sz_buf_puts(x->out, "<!DOCTYPE ");
    sz_buf_puts(x->out, name);
    sz_buf_addc(x->out, '>');
}

void
sz_xo_start(struct sz_xo *x, const char *name)
{
    close_tag(x);
    if (x->depth == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 32;
        x->at = sz_xrealloc(x->at, x->cap * sizeof *x->at);
    }
    x->at[x->depth++] = x->names.len;
    sz_buf_put(&x->names, name, strlen(name) + 1);
    sz_buf_addc(x->out, '<');
    sz_buf_puts(x->out, name);
    x->open = 1;
}

/* &#xHEX; in capitals, as xmlSerializeHexCharRef writes it. */
static void
hex_ref(struct sz_buf *o, uint32_t v)
{
    char t[16];
    size_t k = sizeof t;
    t[--k] = ';';
    do {
        t[--k] = "0123456789ABCDEF"[v & 0xF];
        v >>= 4;
    } while (v);
    sz_buf_add(o, "&#x", 3);
    sz_buf_add(o, t + k, sizeof t - k);
}

/* XML 1.0's Char production (libxml2's IS_CHAR). */
static int
is_char(uint32_t v)
{
    if (v < 0x20)
        return v == 0x9 || v == 0xA || v == 0xD;
    return v <= 0xD7FF || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

/* A non-ASCII character of an attribute value without a declared encoding,
** as xmlBufAttrSerializeTxtContent writes it: a character reference (of
** the byte, when the bytes make no character).  Returns the bytes used. */
static size_t
attr_high(struct sz_buf *o, const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t l = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
    uint32_t v = c & (l == 2 ? 0x1F : l == 3 ? 0x0F : 0x07);
    if (l > n)
        l = 1;
    for (size_t k = 1; k < l; k++)
        v = (v << 6) | (s[k] & 0x3F);
    if (l == 1 || !is_char(v)) {
        hex_ref(o, c);
        return 1;
    }
    hex_ref(o, v);
    return l;
}

/* s[0..n) escaped: text as xmlEncodeSpecialChars does (& < > " CR), an
** attribute value as xmlBufAttrSerializeTxtContent does (also LF and tab,
** and non-ASCII unless declared).  Both stop at a NUL, the end of the C
** string libxml2 was given.  Plain bytes are skipped eight at a time. */
static void
escape(struct sz_xo *x, const char *s, size_t n, int attr)
{
    struct sz_buf *o = x->out;
    const unsigned char *u = (const unsigned char *)s;
    int high = attr && !x->declared;
    size_t i = 0, run = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w = sz_b8_load(s + i);
            /* '<' and '>' are the bytes that are '>' with bit 1 set, '"'
            ** and '&' those that are '&' with bit 2 set; in text, NUL and
            ** CR are among those that are 0 without bits 0, 2 and 3 (the
            ** few other controls among them are copied below as they are). */
            uint64_t m = sz_b8_eq(w | SZ_B8_ONES * 0x02, '>') | sz_b8_eq(w | SZ_B8_ONES * 0x04, '&') |
                         (attr ? sz_b8_lt(w, 0x0E) : sz_b8_eq(w & ~(SZ_B8_ONES * 0x0D), 0));
            if (high)
                m |= w & SZ_B8_HIGH;
            if (!m) {
                i += 8;
                continue;
            }
            i += sz_b8_first(m);
        }
        const char *e;
        size_t el;
        switch (u[i]) {
        case '<': e = "&lt;", el = 4; break;
        case '>': e = "&gt;", el = 4; break;
        case '&': e = "&amp;", el = 5; break;
        case '"': e = "&quot;", el = 6; break;
        case '\r': e = "&#13;", el = 5; break;
        case '\n': e = "&#10;", el = attr ? 5 : 0; break;
        case '\t': e = "&#9;", el = attr ? 4 : 0; break;
        case 0:
            sz_buf_add(o, s + run, i - run);
            return;
        default:
            if (high && u[i] >= 0x80) {
                sz_buf_add(o, s + run, i - run);
                i += attr_high(o, u + i, n - i);
                run = i;
                continue;
            }
            el = 0;
            break;
        }
        if (!el) {
            i++;
            continue;
        }
        sz_buf_add(o, s + run, i - run);
        sz_buf_add(o, e, el);
        run = ++i;
    }
    sz_buf_add(o, s + run, n - run);
}

int
sz_xo_attr(struct sz_xo *x, const char *name, const char *value, size_t n)
{
    if (!x->open)
        return -1;
    sz_buf_addc(x->out, ' ');
    sz_buf_puts(x->out, name);
    sz_buf_add(x->out, "=\"", 2);
    escape(x, value, n, 1);
    sz_buf_addc(x->out, '"');
    return 0;
}

void
sz_xo_text(struct sz_xo *x, const char *s, size_t n)
{
    if (!x->depth) {
        /* outside any element xmlTextWriterWriteString escapes nothing */
        sz_xo_raw(x, s, strnlen(s, n));
        return;
    }
    close_tag(x);
    escape(x, s, n, 0);
}

void
sz_xo_raw(struct sz_xo *x, const char *s, size_t n)
{
    close_tag(x);
    sz_buf_add(x->out, s, n);
}

int
sz_xo_end(struct sz_xo *x, int full)
{
    if (!x->depth)
        return -1;
    const char *name = innermost(x);
    if (x->open && !full) {
        sz_buf_add(x->out, "/>", 2);
        x->open = 0;
    } else {
        close_tag(x);
        sz_buf_add(x->out, "</", 2);
        sz_buf_puts(x->out, name);
        sz_buf_addc(x->out, '>');
    }
    x->names.len = x->at[--x->depth];
    return 0;
}

void
sz_xo_finish(struct sz_xo *x)
{
    while (x->depth)
        sz_xo_end(x, 0);
    sz_buf_addc(x->out, '\n');
}
