/*
** lutf8.c
** Text a Lua filter gave back that is not UTF-8: each broken sequence
** becomes U+FFFD, as pandoc does with a filter's strings, so no writer ever
** sees bytes it cannot encode.
** See LICENSE.
*/
#include <string.h>

#include "internal.h"
#include "bridge/bridge.h"

/* s as valid UTF-8: s itself, or a copy in the arena with U+FFFD for each
** broken sequence (counted in *fixed). */
static const char *
clean(struct sz_doc *doc, const char *s, size_t n, size_t *out_len, size_t *fixed)
{
    size_t bad;
    if (out_len)
        *out_len = n;
    if (!s || sz_utf8_valid(s, n, &bad))
        return s;
    struct sz_buf b = SZ_BUF_INIT;
    sz_buf_put(&b, s, bad);
    for (size_t i = bad; i < n;) {
        uint32_t cp;
        size_t k = sz_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD)
            sz_buf_puts(&b, "\xef\xbf\xbd");
        else
            sz_buf_put(&b, s + i, k);
        i += k;
    }
    const char *r = sz_arena_strndup(doc->arena, b.data ? b.data : "", b.len);
    if (out_len)
        *out_len = b.len;
    sz_buf_free(&b);
    ++*fixed;
    return r;
}

#define CLEAN(doc, p, fixed) ((p) = clean((doc), (p), (p) ? strlen(p) : 0, NULL, (fixed)))

static void
clean_tree(struct sz_doc *doc, struct sz_node *root, size_t *fixed)
{
    struct sz_iter it;
    enum sz_ev ev;
    sz_iter_init(&it, root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        if (ev != SZ_EV_ENTER)
            continue;
        struct sz_node *n = it.cur;
        if (n->text) {
            size_t len;
            n->text = clean(doc, n->text, n->len, &len, fixed);
            n->len = len;
        }
        if (n->kind == SZ_LINK || n->kind == SZ_IMAGE) {
            CLEAN(doc, n->target->url, fixed);
            CLEAN(doc, n->target->title, fixed);
        } else if (n->kind == SZ_RAWBLOCK || n->kind == SZ_RAWINLINE) {
            CLEAN(doc, n->format, fixed);
        }
        if (n->attr != &sz_attr_empty) {
            struct sz_attr *a = sz_node_attr(doc, n);
            CLEAN(doc, a->id, fixed);
            for (size_t i = 0; i < a->nclasses; i++)
                CLEAN(doc, a->classes[i], fixed);
            for (size_t i = 0; i < a->nkvs; i++) {
                CLEAN(doc, a->kvs[i].key, fixed);
                CLEAN(doc, a->kvs[i].value, fixed);
            }
        }
    }
}

size_t
sz_lua_clean_utf8(struct sz_doc *doc)
{
    size_t fixed = 0;
    clean_tree(doc, doc->root, &fixed);
    clean_tree(doc, doc->meta, &fixed);
    return fixed;
}
