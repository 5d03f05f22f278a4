/*
** runpack.c
** Readers that build pandoc's Str/Space/SoftBreak nodes (JSON, Markdown)
** pack them into text runs (SZ_STR_RUN), as the plain-text reader makes
** them: a book then holds a node per stretch of text, not two per word.
** See LICENSE.
*/
#include <string.h>

#include "internal.h"

/* Can Str n be a word of a run, or a run be part of a longer one?  Not a
** Str whose text has a separator, nor one the reader's own test rejects.
** A run already packed by the reader as it read (a stretch of plain words)
** joins its neighbours too: prose with a quote or an apostrophe every few
** words is otherwise a run, a Space, a Str, a Space, a run ... */
static int
packable(const struct sz_node *n, int (*ok)(const struct sz_node *))
{
    if (!n || n->kind != SZ_STR || !n->len || (ok && !ok(n)))
        return 0;
    if (SZ_IS_RUN(n))
        return 1;
    if (n->sub != 0)
        return 0;
    /* one pass over a word (a few bytes: cheaper than two memchr calls) */
    for (size_t i = 0; i < n->len; i++)
        if (n->text[i] == ' ' || n->text[i] == '\n')
            return 0;
    return 1;
}

static int
is_sep(const struct sz_node *n)
{
    return n->kind == SZ_SPACE || n->kind == SZ_SOFTBREAK;
}

/* n, unlinked, goes on the list of nodes free for reuse. */
static void
spare_node(struct sz_node **spare, struct sz_node *n)
{
    sz_node_unlink(n);
    n->next = *spare;
    *spare = n;
}

/* Longest run packing makes (bytes): past it a run ends and the next one
** starts, so the copy stays small however long the
** paragraph (a 50 MB line is 800 runs, not one). */
#define PACK_MAX 65536

void
sz_pack_runs(struct sz_doc *doc, struct sz_node *parent, struct sz_node **spare,
             int (*ok)(const struct sz_node *))
{
    struct sz_node *c = parent->first;
    while (c) {
        struct sz_node *sep = c->next;
        if (!packable(c, ok) || !sep || !is_sep(sep) || !packable(sep->next, ok) ||
            c->len + 1 + sep->next->len > PACK_MAX) {
            c = c->next;
            continue;
        }
        /* The run's length first, then its text straight into the arena:
        ** one copy of each word.  (The texts joined stay where they are:
        ** a reader keeps them in memory of its own for the purpose.) */
        size_t len = c->len;
        struct sz_node *end = sep;
        while (end && is_sep(end) && packable(end->next, ok) &&
               len + 1 + end->next->len <= PACK_MAX) {
            len += 1 + end->next->len;
            end = end->next->next;
        }
        char *t = sz_arena_alloc_align(doc->arena, len + 1, 1), *o = t;
        memcpy(o, c->text, c->len);
        o += c->len;
        while (sep != end) {
            struct sz_node *w = sep->next, *after = w->next;
            *o++ = sep->kind == SZ_SPACE ? ' ' : '\n';
            memcpy(o, w->text, w->len);
            o += w->len;
            spare_node(spare, sep);
            spare_node(spare, w);
            sep = after;
        }
        *o = '\0';
        c->text = t;
        c->len = len;
        c->sub = SZ_STR_RUN;
        c = sep;
    }
}
