/*
** runpack.c
** Readers that build pandoc's Str/Space/SoftBreak nodes (JSON, Markdown)
** pack them into text runs (SZ_STR_RUN), as the plain-text reader makes
** them: a book then holds a node per stretch of text, not two per word.
** See LICENSE.
*/
#include <string.h>

#include "internal.h"

/* Can Str n be a word of a run?  Not when its text has a separator, nor
** when the reader's own test says no. */
static int
packable(const struct sz_node *n, int (*ok)(const struct sz_node *))
{
    return n && n->kind == SZ_STR && n->sub == 0 && n->len && !memchr(n->text, ' ', n->len) &&
           !memchr(n->text, '\n', n->len) && (!ok || ok(n));
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

void
sz_pack_runs(struct sz_doc *doc, struct sz_node *parent, struct sz_buf *scratch,
             struct sz_node **spare, int (*ok)(const struct sz_node *))
{
    struct sz_node *c = parent->first;
    while (c) {
        struct sz_node *sep = c->next;
        if (!packable(c, ok) || !sep || !is_sep(sep) || !packable(sep->next, ok)) {
            c = c->next;
            continue;
        }
        sz_buf_clear(scratch);
        sz_buf_put(scratch, c->text, c->len);
        while (sep && is_sep(sep) && packable(sep->next, ok)) {
            struct sz_node *w = sep->next, *after = w->next;
            sz_buf_putc(scratch, sep->kind == SZ_SPACE ? ' ' : '\n');
            sz_buf_put(scratch, w->text, w->len);
            spare_node(spare, sep);
            spare_node(spare, w);
            sep = after;
        }
        sz_node_set_text(doc, c, scratch->data, scratch->len);
        c->sub = SZ_STR_RUN;
        c = sep;
    }
}
