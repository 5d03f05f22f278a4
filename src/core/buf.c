/*
** buf.c
** Growable byte buffer for scratch work and writer output.
** See LICENSE.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
grow(struct sz_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap += cap / 2 + 64;
    b->data = sz_xrealloc(b->data, cap);
    b->cap = cap;
}

void
sz_buf_room(struct sz_buf *b, size_t n)
{
    grow(b, n);
}

void
sz_buf_put(struct sz_buf *b, const char *s, size_t n)
{
    grow(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
sz_buf_puts(struct sz_buf *b, const char *s)
{
    sz_buf_put(b, s, strlen(s));
}

void
sz_buf_putc(struct sz_buf *b, int c)
{
    grow(b, 1);
    b->data[b->len++] = (char)c;
    b->data[b->len] = '\0';
}

void
sz_buf_printf(struct sz_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        grow(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void
sz_buf_put_utf8(struct sz_buf *b, uint32_t cp)
{
    char t[4];
    size_t n;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        t[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sz_buf_put(b, t, n);
}

void
sz_buf_reserve(struct sz_buf *b, size_t n)
{
    size_t need = b->len + n + 1;
    if (need > b->cap) {
        b->data = sz_xrealloc(b->data, need);
        b->cap = need;
    }
}

void
sz_buf_clear(struct sz_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
sz_buf_free(struct sz_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *
sz_buf_detach(struct sz_buf *b, size_t *len)
{
    char *p = b->data;
    if (!p) {
        p = sz_xmalloc(1);
        p[0] = '\0';
    }
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

/* Sinks ---------------------------------------------------------------- */

static int
buf_write(void *ud, const char *p, size_t n)
{
    sz_buf_put(ud, p, n);
    return 0;
}

struct sz_sink
sz_sink_buf(struct sz_buf *buf)
{
    struct sz_sink s = { buf_write, buf };
    return s;
}

int
sz_sink_write(struct sz_sink *s, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    return s->write(s->ud, p, n);
}

int
sz_sink_puts(struct sz_sink *s, const char *str)
{
    return sz_sink_write(s, str, strlen(str));
}
