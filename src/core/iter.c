/*
** iter.c
** ENTER/EXIT tree iterator: every walk in C goes through it, so no input
** can drive a recursion deep enough to overflow the stack.
** See LICENSE.
*/
#include "internal.h"

void
sz_iter_init(struct sz_iter *it, struct sz_node *root)
{
    it->root = root;
    it->cur = NULL;
    it->ev = SZ_EV_NONE;
    it->skip = 0;
}

enum sz_ev
sz_iter_next(struct sz_iter *it)
{
    struct sz_node *c = it->cur;
    if (it->ev == SZ_EV_DONE)
        return SZ_EV_DONE;
    if (it->ev == SZ_EV_NONE) {
        if (!it->root)
            return it->ev = SZ_EV_DONE;
        it->cur = it->root;
        return it->ev = SZ_EV_ENTER;
    }
    if (it->ev == SZ_EV_ENTER && sz_kind_is_container(c->kind)) {
        if (c->first && !it->skip) {
            it->cur = c->first;
            return it->ev = SZ_EV_ENTER;
        }
        it->skip = 0;
        return it->ev = SZ_EV_EXIT;
    }
    /* Leaving c (a leaf just entered, or a container just exited). */
    if (c == it->root) {
        it->cur = NULL;
        return it->ev = SZ_EV_DONE;
    }
    if (c->next) {
        it->cur = c->next;
        return it->ev = SZ_EV_ENTER;
    }
    it->cur = c->parent;
    return it->ev = SZ_EV_EXIT;
}

void
sz_iter_skip_children(struct sz_iter *it)
{
    if (it->ev == SZ_EV_ENTER && it->cur && sz_kind_is_container(it->cur->kind))
        it->skip = 1;
}
