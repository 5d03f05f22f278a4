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
    return SZ_IS_RUN(n) || (n->sub == 0 && !memchr(n->text, ' ', n->len) &&
                            !memchr(n->text, '\n', n->len));
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
** starts, so the scratch buffer and the copy stay small however long the
** paragraph (a 50 MB line is 800 runs, not one). */
#define PACK_MAX 65536

static int
fits(const struct sz_buf *b, const struct sz_node *w)
{
    return b->len + 1 + w->len <= PACK_MAX;
}

void
sz_pack_runs(struct sz_doc *doc, struct sz_node *parent, struct sz_buf *scratch,
             struct sz_node **spare, int (*ok)(const struct sz_node *))
{
    struct sz_node *c = parent->first;
    while (c) {
        struct sz_node *sep = c->next;
        if (!packable(c, ok) || !sep || !is_sep(sep) || !packable(sep->next, ok) ||
            c->len + 1 + sep->next->len > PACK_MAX) {
            c = c->next;
            continue;
        }
        sz_buf_clear(scratch);
        sz_buf_put(scratch, c->text, c->len);
        while (sep && is_sep(sep) && packable(sep->next, ok) && fits(scratch, sep->next)) {
            struct sz_node *w = sep->next, *after = w->next;
            sz_buf_putc(scratch, sep->kind == SZ_SPACE ? ' ' : '\n');
            sz_buf_put(scratch, w->text, w->len);
            spare_node(spare, sep);
            spare_node(spare, w);
            sep = after;
        }
        /* the texts joined stay in the arena (it does not free): about
        ** one more copy of the paragraph's text */
        sz_node_set_text(doc, c, scratch->data, scratch->len);
        c->sub = SZ_STR_RUN;
        c = sep;
    }
}
