/*
** doc.c
** Documents: arena + body + metadata + diagnostics; metadata helpers.
** See LICENSE.
*/
#include <string.h>
#include <stdlib.h>

#include "internal.h"

struct sz_doc *
sz_doc_new(const char *source)
{
    struct sz_doc *doc = sz_xmalloc(sizeof *doc);
    memset(doc, 0, sizeof *doc);
    doc->arena = sz_arena_new();
    doc->root = sz_node_new(doc, SZ_DOC);
    doc->meta = sz_node_new(doc, SZ_META_MAP);
    doc->source = source ? sz_arena_strdup(doc->arena, source) : NULL;
    sz_diags_init(&doc->diags);
    return doc;
}

void
sz_doc_free(struct sz_doc *doc)
{
    if (!doc)
        return;
    sz_diags_free(&doc->diags);
    sz_arena_free(doc->arena);
    free(doc);
}

void
sz_ropts_init(struct sz_ropts *o)
{
    memset(o, 0, sizeof *o);
    o->abi = SZ_API_ABI;
    o->smart = 1;
}

void
sz_wopts_init(struct sz_wopts *o)
{
    memset(o, 0, sizeof *o);
    o->abi = SZ_API_ABI;
    o->columns = 72;
    o->toc_depth = 3;
    o->split_level = 1;
    o->api_minor = 23;
    o->source_date_epoch = -1;
}

/* Metadata -------------------------------------------------------------- */

static struct sz_node *
find_entry(const struct sz_doc *doc, const char *key)
{
    for (struct sz_node *e = doc->meta->first; e; e = e->next)
        if (strcmp(e->text, key) == 0)
            return e;
    return NULL;
}

struct sz_node *
sz_meta_get(const struct sz_doc *doc, const char *key)
{
    struct sz_node *e = find_entry(doc, key);
    return e ? e->first : NULL;
}

void
sz_meta_set(struct sz_doc *doc, const char *key, struct sz_node *value)
{
    /* A key after the last one (readers set keys in order) is new and
    ** goes at the end: no scan, so n keys cost O(n), not O(n^2). */
    int after_last = !sz_node_last(doc->meta) || strcmp(sz_node_last(doc->meta)->text, key) < 0;
    struct sz_node *e = after_last ? NULL : find_entry(doc, key);
    if (e) {
        if (e->first)
            sz_node_unlink(e->first);
        sz_node_append(e, value);
        return;
    }
    e = sz_node_new_text(doc, SZ_META_ENTRY, key, strlen(key));
    sz_node_append(e, value);
    /* pandoc keeps Meta as a Map: entries sorted by key. */
    struct sz_node *at = after_last ? NULL : doc->meta->first;
    while (at && strcmp(at->text, key) < 0)
        at = at->next;
    if (at)
        sz_node_insert_before(at, e);
    else
        sz_node_append(doc->meta, e);
}

void
sz_meta_set_string(struct sz_doc *doc, const char *key, const char *value)
{
    sz_meta_set(doc, key, sz_node_new_text(doc, SZ_META_STRING, value, strlen(value)));
}

void
sz_meta_set_text(struct sz_doc *doc, const char *key, const char *value)
{
    struct sz_node *v = sz_node_new(doc, SZ_META_INLINES);
    sz_inlines_from_text(doc, v, value, strlen(value));
    sz_meta_set(doc, key, v);
}

void
sz_inlines_from_text(struct sz_doc *doc, struct sz_node *parent, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            int nl = 0;
            while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
                if (s[i] == '\n')
                    nl = 1;
                i++;
            }
            /* No leading or trailing space, as pandoc's text-to-inlines. */
            if (sz_node_last(parent) && i < n)
                sz_node_append(parent, sz_node_new(doc, nl ? SZ_SOFTBREAK : SZ_SPACE));
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
            j++;
        sz_node_append(parent, sz_node_new_text(doc, SZ_STR, s + i, j - i));
        i = j;
    }
}

/* pandoc.utils.stringify: text of inlines, Quoted with curly quotes, notes
** dropped, breaks and spaces as " ", blocks joined by nothing but the
** spaces their own content has (as pandoc does). */
const char *
sz_stringify(struct sz_doc *doc, const struct sz_node *n)
{
    struct sz_buf b = SZ_BUF_INIT;
    struct sz_iter it;
    enum sz_ev ev;
    if (!n)
        return "";
    sz_iter_init(&it, (struct sz_node *)n);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        struct sz_node *c = it.cur;
        if (ev == SZ_EV_ENTER) {
            switch (c->kind) {
            case SZ_STR:
                sz_buf_put_str(&b, c);
                break;
            case SZ_CODE:
            case SZ_MATH:
            case SZ_META_STRING:
                sz_buf_put(&b, c->text, c->len);
                break;
            case SZ_SPACE:
            case SZ_SOFTBREAK:
            case SZ_LINEBREAK:
                sz_buf_putc(&b, ' ');
                break;
            case SZ_META_BOOL:
                sz_buf_puts(&b, c->ival ? "true" : "false");
                break;
            case SZ_QUOTED:
                sz_buf_puts(&b, c->sub == SZ_QUOTE_SINGLE ? "\xE2\x80\x98" : "\xE2\x80\x9C");
                break;
            case SZ_NOTE:
                sz_iter_skip_children(&it);
                break;
            default:
                break;
            }
        } else if (c->kind == SZ_QUOTED) {
            sz_buf_puts(&b, c->sub == SZ_QUOTE_SINGLE ? "\xE2\x80\x99" : "\xE2\x80\x9D");
        }
    }
    const char *r = sz_arena_strndup(doc->arena, b.data ? b.data : "", b.len);
    sz_buf_free(&b);
    return r;
}

const char *
sz_meta_text(struct sz_doc *doc, const char *key)
{
    struct sz_node *v = sz_meta_get(doc, key);
    if (!v)
        return NULL;
    if (v->kind == SZ_META_LIST)
        v = v->first;
    return sz_stringify(doc, v);
}

/* Runs ------------------------------------------------------------------ */

void
sz_buf_put_str(struct sz_buf *b, const struct sz_node *n)
{
    size_t at = b->len;
    sz_buf_put(b, n->text, n->len);
    if (SZ_IS_RUN(n))
        for (; at < b->len; at++)
            if (b->data[at] == '\n')
                b->data[at] = ' ';
}

size_t
sz_run_next(const char *s, size_t n, size_t *pos, enum sz_kind *sep)
{
    size_t i = *pos, j = i;
    while (j < n && s[j] != ' ' && s[j] != '\n')
        j++;
    *sep = SZ_NONE;
    if (j < n) {
        *sep = s[j] == '\n' ? SZ_SOFTBREAK : SZ_SPACE;
        *pos = j + 1;
    } else {
        *pos = n;
    }
    return j - i;
}

struct sz_node *
sz_run_expand(struct sz_doc *doc, struct sz_node *r)
{
    if (!SZ_IS_RUN(r) || !r->parent)
        return r;
    struct sz_node *first = NULL;
    size_t pos = 0;
    enum sz_kind sep;
    while (pos < r->len) {
        size_t at = pos;
        size_t w = sz_run_next(r->text, r->len, &pos, &sep);
        if (w) {                /* none before a leading Space */
            struct sz_node *s = sz_node_new(doc, SZ_STR);
            /* The words stay where they are in the arena: the run's text is
            ** cut in place by the NULs written here. */
            ((char *)r->text)[at + w] = '\0';
            s->text = r->text + at;
            s->len = w;
            sz_node_insert_before(r, s);
            if (!first)
                first = s;
        }
        if (sep != SZ_NONE) {
            struct sz_node *sp = sz_node_new(doc, sep);
            sz_node_insert_before(r, sp);
            if (!first)
                first = sp;
        }
    }
    sz_node_unlink(r);
    return first ? first : r;
}

void
sz_expand_runs(struct sz_doc *doc, struct sz_node *root)
{
    struct sz_iter it;
    enum sz_ev ev;
    struct sz_node *pending = NULL;
    sz_iter_init(&it, root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        /* A run is a leaf: expand it once the walk has moved past it, so
        ** the iterator never stands on a node being replaced. */
        if (pending) {
            sz_run_expand(doc, pending);
            pending = NULL;
        }
        if (ev == SZ_EV_ENTER && SZ_IS_RUN(it.cur) && it.cur->parent)
            pending = it.cur;
    }
}
