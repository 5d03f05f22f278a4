/*
** arena.c
** Per-document bump allocator; allocation that gives up on out-of-memory.
** See LICENSE.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Aligned blocks (nodes, arrays) fill a chunk from its start, text from
** its end: a book's words and nodes alternate, and one end for both padded
** every node after a word to its alignment (45 KB of Ulysses' tree). */
struct chunk {
    struct chunk *next;
    size_t size, used, top;    /* [0, used) aligned blocks, [top, size) text */
    /* payload follows, max-aligned */
};

struct sz_arena {
    struct chunk *head;
    size_t total;
};

#define ALIGN 16
#define HDR ((sizeof(struct chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

void *
sz_xmalloc(size_t n)
{
    void *p = sz_alloc_fails() ? NULL : malloc(n ? n : 1);
    if (!p)
        sz_oom();
    return p;
}

void *
sz_xrealloc(void *p, size_t n)
{
    void *q = sz_alloc_fails() ? NULL : realloc(p, n ? n : 1);
    if (!q)
        sz_oom();
    return q;
}

char *
sz_xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = sz_xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

struct sz_arena *
sz_arena_new(void)
{
    struct sz_arena *a = sz_xmalloc(sizeof *a);
    a->head = NULL;
    a->total = 0;
    return a;
}

void
sz_arena_free(struct sz_arena *a)
{
    if (!a)
        return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

/* n bytes, not zeroed: for text about to be copied in.  align 1 takes
** them from the top of the chunk, any other from the bottom. */
static void *
alloc_raw(struct sz_arena *a, size_t n, size_t align)
{
    if (n == 0)
        n = 1;
    struct chunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->top || c->top - at < n) {
        int big = n > SZ_ARENA_CHUNK / 4;
        size_t sz = big ? n : SZ_ARENA_CHUNK;
        struct chunk *nc = sz_xmalloc(HDR + sz);
        nc->size = nc->top = sz;
        nc->used = 0;
        if (c && big) {
            /* A large block gets its own chunk behind the current one, so
            ** the space left in the current chunk is not wasted (also one of
            ** exactly a chunk's size: a book's text runs may be). */
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            a->head = nc;
        }
        c = nc;
        at = 0;
    }
    a->total += n;
    if (align == 1) {
        c->top -= n;
        return (char *)c + HDR + c->top;
    }
    c->used = at + n;
    return (char *)c + HDR + at;
}

void *
sz_arena_alloc_align(struct sz_arena *a, size_t n, size_t align)
{
    if (n == 0)
        n = 1;
    void *p = alloc_raw(a, n, align);
    memset(p, 0, n);
    return p;
}

void *
sz_arena_alloc(struct sz_arena *a, size_t n)
{
    return sz_arena_alloc_align(a, n, ALIGN);
}

char *
sz_arena_strndup(struct sz_arena *a, const char *s, size_t n)
{
    /* text needs no alignment: a book's words are not each padded to 16 */
    char *p = alloc_raw(a, n + 1, 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
sz_arena_strdup(struct sz_arena *a, const char *s)
{
    return sz_arena_strndup(a, s ? s : "", s ? strlen(s) : 0);
}

char *
sz_arena_printf(struct sz_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = sz_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

size_t
sz_arena_used(const struct sz_arena *a)
{
    return a->total;
}
