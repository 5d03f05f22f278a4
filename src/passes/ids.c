/*
** ids.c
** Stable heading identifiers, made the way pandoc's auto_identifiers does.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "readers/essay.h"

/* pandoc: keep letters, numbers, '_', '-', '.' and spaces; lowercase; words
** joined by '-'; drop everything before the first letter; "section" when
** nothing is left. */
static void
slug(const char *s, struct sz_buf *out)
{
    size_t n = strlen(s), i = 0;
    int seen_letter = 0, pending_space = 0;
    while (i < n) {
        uint32_t cp;
        i += sz_utf8_decode(s + i, n - i, &cp);
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        int number = cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
        int space = cat == UTF8PROC_CATEGORY_ZS || cp == '\t' || cp == '\n';
        if (space) {
            pending_space = seen_letter;
            continue;
        }
        if (!letter && !number && cp != '_' && cp != '-' && cp != '.')
            continue;
        if (!seen_letter && !letter)
            continue;
        seen_letter = 1;
        if (pending_space)
            sz_buf_putc(out, '-');
        pending_space = 0;
        sz_buf_put_utf8(out, (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp));
    }
    if (!out->len)
        sz_buf_puts(out, "section");
}

/* The ids already taken: an open-addressing set of arena strings, so a
** file of 100 000 headings still costs linear time.  Each remembers the
** first "-k" suffix still worth trying for headings with that slug: ids
** with smaller suffixes are taken, so 100 000 headings with the same text
** do not try 1, 2, 3 ... each time. */
struct ident {
    const char *id;
    int next;
};

struct idset {
    struct ident *v;
    size_t n, cap;
};

static size_t
hash(const char *s)
{
    size_t h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static struct ident *
find(const struct idset *set, const char *id)
{
    if (!set->cap)
        return NULL;
    for (size_t i = hash(id) & (set->cap - 1); set->v[i].id; i = (i + 1) & (set->cap - 1))
        if (!strcmp(set->v[i].id, id))
            return &set->v[i];
    return NULL;
}

static void
add(struct idset *set, const char *id, int next)
{
    if (find(set, id))
        return;
    if ((set->n + 1) * 2 > set->cap) {
        struct idset big = { NULL, 0, set->cap ? set->cap * 2 : 64 };
        big.v = sz_xmalloc(big.cap * sizeof *big.v);
        memset(big.v, 0, big.cap * sizeof *big.v);
        for (size_t i = 0; i < set->cap; i++)
            if (set->v[i].id)
                add(&big, set->v[i].id, set->v[i].next);
        free(set->v);
        *set = big;
    }
    size_t i = hash(id) & (set->cap - 1);
    while (set->v[i].id)
        i = (i + 1) & (set->cap - 1);
    set->v[i].id = id;
    set->v[i].next = next;
    set->n++;
}

void
sz_pass_heading_ids(struct sz_doc *doc)
{
    struct idset ids = { NULL, 0, 0 };
    struct sz_buf s = SZ_BUF_INIT;
    struct sz_iter it;
    enum sz_ev ev;
    sz_iter_init(&it, doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        struct sz_node *h = it.cur;
        if (ev != SZ_EV_ENTER)
            continue;
        if (h->kind != SZ_HEADER) {
            /* Headings hold inlines and live among blocks: no need to
            ** visit the words of every paragraph. */
            if (h->kind == SZ_PARA || h->kind == SZ_PLAIN || h->kind == SZ_LINEBLOCK)
                sz_iter_skip_children(&it);
            continue;
        }
        if (!*h->attr->id) {
            sz_buf_clear(&s);
            slug(sz_stringify(doc, h), &s);
            size_t base = s.len;
            struct ident *b = find(&ids, s.data);
            if (b) {
                int k = b->next > 1 ? b->next : 1;
                do {
                    s.len = base;
                    s.data[base] = '\0';
                    sz_buf_printf(&s, "-%d", k++);
                } while (find(&ids, s.data));
                b->next = k;
            }
            sz_attr_set_id(doc, sz_node_attr(doc, h), s.data);
        }
        add(&ids, h->attr->id, 0);
        sz_iter_skip_children(&it);
    }
    free(ids.v);
    sz_buf_free(&s);
}
