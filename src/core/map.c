/*
** map.c
** Open-addressing hash map keyed by pointers or by strings, for the
** writers' node -> id and id -> node tables.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static size_t
hash(const struct sz_map *m, const void *k)
{
    if (m->strkeys) {
        uint64_t h = 1469598103934665603ull;
        for (const unsigned char *p = k; *p; p++)
            h = (h ^ *p) * 1099511628211ull;
        return (size_t)(h ^ (h >> 32));
    }
    uint64_t v = (uint64_t)(uintptr_t)k;
    v ^= v >> 29;
    v *= 0x9E3779B97F4A7C15ull;
    return (size_t)(v ^ (v >> 32));
}

static int
same(const struct sz_map *m, const void *a, const void *b)
{
    return m->strkeys ? strcmp(a, b) == 0 : a == b;
}

/* The slot of k, or the empty slot where it would go. */
static size_t
slot(const struct sz_map *m, const void *k)
{
    size_t i = hash(m, k) & (m->cap - 1);
    while (m->keys[i] && !same(m, m->keys[i], k))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void
grow(struct sz_map *m)
{
    struct sz_map o = *m;
    m->cap = o.cap ? o.cap * 2 : 64;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    if (!m->keys || !m->vals)
        sz_oom();
    for (size_t i = 0; i < o.cap; i++)
        if (o.keys[i]) {
            size_t j = slot(m, o.keys[i]);
            m->keys[j] = o.keys[i];
            m->vals[j] = o.vals[i];
        }
    free(o.keys);
    free(o.vals);
}

void
sz_map_put(struct sz_map *m, const void *k, void *v)
{
    /* at most half full, so probes stay short */
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    size_t i = slot(m, k);
    if (!m->keys[i])
        m->n++;
    m->keys[i] = k;
    m->vals[i] = v;
}

void *
sz_map_get(const struct sz_map *m, const void *k)
{
    if (!m->cap)
        return NULL;
    size_t i = slot(m, k);
    return m->keys[i] ? m->vals[i] : NULL;
}

void
sz_map_free(struct sz_map *m)
{
    int strkeys = m->strkeys;
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
    m->strkeys = strkeys;
}
