/*
** diag.c
** Error and warning records; library code never prints, main.c does.
** See LICENSE.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
sz_diags_init(struct sz_diags *d)
{
    memset(d, 0, sizeof *d);
}

void
sz_diags_free(struct sz_diags *d)
{
    struct sz_diag *x = d->first;
    while (x) {
        struct sz_diag *n = x->next;
        free((char *)x->msg);
        free((char *)x->file);
        free(x);
        x = n;
    }
    sz_diags_init(d);
}

static void
push(struct sz_diags *d, struct sz_diag *x)
{
    x->next = NULL;
    if (d->last)
        d->last->next = x;
    else
        d->first = x;
    d->last = x;
    d->count++;
    if (x->level == SZ_ERROR)
        d->nerrors++;
    else if (x->level == SZ_WARNING)
        d->nwarnings++;
}

void
sz_diag_add(struct sz_diags *d, enum sz_level level, int code, const char *file,
            uint32_t line, uint32_t col, long long offset, const char *fmt, ...)
{
    struct sz_diag *x = sz_xmalloc(sizeof *x);
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *m = sz_xmalloc((size_t)n + 1);
    vsnprintf(m, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    x->level = level;
    x->code = code;
    x->file = file ? sz_xstrdup(file) : NULL;
    x->line = line;
    x->col = col;
    x->offset = offset;
    x->msg = m;
    push(d, x);
}

void
sz_diags_move(struct sz_diags *dst, struct sz_diags *src)
{
    struct sz_diag *x = src->first;
    while (x) {
        struct sz_diag *n = x->next;
        push(dst, x);
        x = n;
    }
    sz_diags_init(src);
}

void
sz_diag_format(const struct sz_diag *d, struct sz_buf *out)
{
    if (d->file)
        sz_buf_puts(out, d->file);
    else
        sz_buf_puts(out, "samizdat");
    if (d->line) {
        sz_buf_printf(out, ":%u", (unsigned)d->line);
        if (d->col)
            sz_buf_printf(out, ":%u", (unsigned)d->col);
    }
    static const char *const lv[] = { "info", "warning", "error" };
    sz_buf_printf(out, ": %s: %s", lv[d->level], d->msg);
    if (d->offset >= 0)
        sz_buf_printf(out, " (byte offset %lld)", d->offset);
}

int
sz_diags_error_code(const struct sz_diags *d)
{
    for (const struct sz_diag *x = d->first; x; x = x->next)
        if (x->level == SZ_ERROR)
            return x->code ? x->code : 1;
    return 0;
}
