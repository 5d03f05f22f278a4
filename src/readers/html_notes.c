/*
** html_notes.c
** Two conventions HTML spells with plain elements: notes (a reference link
** and a body elsewhere) become Notes at the reference, and lines (stanzas,
** poems, line blocks) become LineBlocks.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers/html.h"

/* Deepest nesting of inline containers looked into for a line's indent. */
#define LINE_SPAN_DEPTH 8

int
sz_html_indent_class(const char *cls)
{
    static const char *const pre[] = { "indent", "ind", "in", "i", NULL };
    for (const char *p = cls; p && *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        for (int k = 0; pre[k]; k++) {
            size_t m = strlen(pre[k]);
            if ((size_t)(e - p) > m && (size_t)(e - p) <= m + 2 && !strncasecmp(p, pre[k], m)) {
                int v = 0, ok = 1;
                for (const char *q = p + m; q < e; q++) {
                    if (*q < '0' || *q > '9')
                        ok = 0;
                    else
                        v = v * 10 + (*q - '0');
                }
                if (ok)
                    return v > 40 ? 40 : v;
            }
        }
        p = e;
    }
    return -1;
}

static int
class_indent(const struct sz_node *n)
{
    for (size_t i = 0; i < n->attr->nclasses; i++) {
        int v = sz_html_indent_class(n->attr->classes[i]);
        if (v >= 0)
            return v;
    }
    return -1;
}

/* {=================================================================
** Lines
** ================================================================== */

struct lines {
    struct sz_html *h;
    struct sz_node *lb;        /* the LineBlock */
    struct sz_node *line;      /* the line being filled, or NULL */
    int indent;                /* for the next line */
    int absorb;                /* an indent span ended the line: its <br> is said */
};

/* May b become lines?  Only paragraphs, Divs and line blocks. */
static int
all_lines(const struct sz_node *b, int depth)
{
    if (depth > SZ_MAX_DEPTH)
        return 0;
    switch (b->kind) {
    case SZ_PARA: case SZ_PLAIN: case SZ_LINEBLOCK:
        return 1;
    case SZ_DIV:
        for (const struct sz_node *c = b->first; c; c = c->next)
            if (!all_lines(c, depth + 1))
                return 0;
        return 1;
    default:
        return 0;
    }
}

static int indent_only(const struct sz_node *s);

static void
end_line(struct lines *L)
{
    struct sz_node *l = L->line;
    L->line = NULL;
    if (!l)
        return;
    for (struct sz_node *e; (e = sz_node_last(l)) && (e->kind == SZ_SPACE || e->kind == SZ_SOFTBREAK);) {
        sz_node_unlink(e);
        sz_html_spare(L->h, e);
    }
    struct sz_node *s = l->first;
    if (s && !s->next && indent_only(s)) {
        /* a line of no-break spaces alone is an empty line: how writers
        ** (samizdat's, pandoc's) keep a gap in a poem from collapsing */
        sz_node_unlink(s);
        sz_html_spare_own(L->h, s);
        s = NULL;
    }
    if (L->h->o && L->h->o->packed_lines && s && !s->next && s->kind == SZ_STR && s->len &&
        s->attr == &sz_attr_empty) {
        /* a line of one Str is one node (SZ_LINE_PACKED) */
        l->text = s->text;
        l->len = s->len;
        l->sub = s->sub;
        sz_node_unlink(s);
        sz_html_spare_own(L->h, s);
    }
}

/* A packed line that is given more than its Str holds its Str again. */
static void
unpack(struct sz_html *h, struct sz_node *l)
{
    if (!SZ_LINE_PACKED(l))
        return;
    struct sz_node *s = sz_html_node(h, SZ_STR);
    s->text = l->text;
    s->len = l->len;
    s->sub = l->sub;
    l->text = "";
    l->len = 0;
    l->sub = 0;
    sz_node_append(l, s);
}

static struct sz_node *
cur(struct lines *L)
{
    if (!L->line) {
        L->line = sz_html_node(L->h, SZ_LINE);
        sz_node_append(L->lb, L->line);
        if (L->indent > 0) {
            char sp[2 * 40 + 1];
            size_t k = 0;
            for (int i = 0; i < L->indent && i < 40; i++) {
                sp[k++] = '\xc2';
                sp[k++] = '\xa0';
            }
            sz_node_append(L->line, sz_node_new_text(L->h->doc, SZ_STR, sp, k));
        }
    }
    return L->line;
}

/* Whether s is a line's indent alone (cur's no-break spaces), not the indent
** joined to the first word nor a word that opens with another character
** encoded from \xc2 (a guillemet, an inverted mark). */
static int
indent_only(const struct sz_node *s)
{
    if (s->kind != SZ_STR || !s->len || s->len % 2)
        return 0;
    for (size_t i = 0; i < s->len; i += 2)
        if (s->text[i] != '\xc2' || s->text[i + 1] != '\xa0')
            return 0;
    return 1;
}

static void
put_inline(struct lines *L, struct sz_node *n)
{
    struct sz_node *l = L->line;
    if ((n->kind == SZ_SPACE || n->kind == SZ_SOFTBREAK) &&
        (!l || !l->first || (!l->first->next && indent_only(l->first)))) {
        sz_html_spare(L->h, n);    /* white space at a line's start */
        return;
    }
    if (n->kind == SZ_SOFTBREAK)
        n->kind = SZ_SPACE;
    struct sz_node *line = cur(L);
    struct sz_node *last = sz_node_last(line);
    if (n->kind == SZ_STR && last && last->kind == SZ_STR && line->first == last &&
        last->text[0] == '\xc2' && !SZ_IS_RUN(last)) {
        /* the indent joins the first word, as pandoc's line blocks have it */
        char *t = sz_arena_alloc(L->h->doc->arena, last->len + n->len + 1);
        memcpy(t, last->text, last->len);
        memcpy(t + last->len, n->text, n->len);
        n->text = t;
        n->len += last->len;
        sz_node_unlink(last);
        sz_html_spare_own(L->h, last);
    }
    sz_node_append(line, n);
}

/* Take the Space at run c's start (at_end 0) or end out into a node of its
** own beside it, and return that node; a run left with one word is a plain
** Str again. */
static struct sz_node *
split_space(struct lines *L, struct sz_node *c, int at_end)
{
    struct sz_node *sp = sz_html_node(L->h, SZ_SPACE);
    if (at_end) {
        sz_node_insert_after(c, sp);
        ((char *)c->text)[--c->len] = '\0';
    } else {
        sz_node_insert_before(c, sp);
        c->text++;
        c->len--;
    }
    if (!memchr(c->text, ' ', c->len) && !memchr(c->text, '\n', c->len))
        c->sub = 0;
    return sp;
}

static void
inlines(struct lines *L, struct sz_node *p, int depth)
{
    struct sz_node *c = p->first;
    while (c) {
        struct sz_node *nx = c->next;
        int ind;
        if (c->kind == SZ_LINEBREAK) {
            if (!L->line && !L->absorb)
                cur(L);             /* an empty line: a gap in the poem */
            end_line(L);
            L->absorb = 0;
            sz_html_spare_child(L->h, c);  /* the line's end says the <br> */
        } else if (c->kind == SZ_SPAN && depth < LINE_SPAN_DEPTH &&
                   ((ind = class_indent(c)) >= 0 || (!*c->attr->id && !c->attr->nkvs))) {
            /* <span class="i2">a line<br/></span>: a line and its indent */
            int keep = L->indent;
            if (ind >= 0 && (!L->line || !L->line->first)) {
                L->indent = ind;
                if (L->line) {
                    sz_node_unlink(L->line);
                    sz_html_spare_own(L->h, L->line);
                    L->line = NULL;
                }
            }
            inlines(L, c, depth + 1);
            if (ind >= 0) {
                L->absorb = L->line != NULL;
                end_line(L);
                L->indent = keep;
            }
            if (!c->first)              /* its line is said: the span is empty */
                sz_html_spare_child(L->h, c);
        } else {
            /* The Space a run took in after an emphasis (put_text) or
            ** before one (open_styled) is a node again: a line drops the
            ** white space it starts or ends with. */
            if (SZ_IS_RUN(c) && c->text[0] == ' ') {
                nx = c;
                c = split_space(L, c, 0);
            } else if (SZ_IS_RUN(c) && c->text[c->len - 1] == ' ') {
                nx = split_space(L, c, 1);
            }
            sz_node_unlink(c);
            put_inline(L, c);
            if (c->kind != SZ_SPACE && c->kind != SZ_SOFTBREAK)
                L->absorb = 0;
        }
        c = nx;
    }
}

static void
blocks(struct lines *L, struct sz_node *b, int depth)
{
    switch (b->kind) {
    case SZ_PARA:
    case SZ_PLAIN:
        end_line(L);
        inlines(L, b, 0);
        end_line(L);
        break;
    case SZ_LINEBLOCK:
        end_line(L);
        sz_node_append_children(L->lb, b);
        break;
    case SZ_DIV: {
        int keep = L->indent, ind = class_indent(b);
        if (ind >= 0)
            L->indent = ind;
        end_line(L);
        for (struct sz_node *c = b->first, *nx; c; c = nx) {
            nx = c->next;
            blocks(L, c, depth + 1);
        }
        end_line(L);
        L->indent = keep;
        break;
    }
    default:
        break;
    }
}

struct sz_node *
sz_html_lines(struct sz_html *h, struct sz_node *b)
{
    if (!all_lines(b, 0))
        return NULL;
    struct lines L = { h, sz_html_node(h, SZ_LINEBLOCK), NULL, -1, 0 };
    int ind = b->kind == SZ_DIV ? class_indent(b) : -1;
    if (ind >= 0)
        L.indent = ind;
    blocks(&L, b, 0);
    end_line(&L);
    /* no empty lines at the ends */
    for (struct sz_node *e; (e = L.lb->first) && !e->first && !SZ_LINE_PACKED(e);) {
        sz_node_unlink(e);
        sz_html_spare_own(h, e);
    }
    for (struct sz_node *e; (e = sz_node_last(L.lb)) && !e->first && !SZ_LINE_PACKED(e);) {
        sz_node_unlink(e);
        sz_html_spare_own(h, e);
    }
    if (!L.lb->first)
        return NULL;
    if (b->kind == SZ_DIV && *b->attr->id) {
        struct sz_node *sp = sz_node_new(h->doc, SZ_SPAN);
        sz_node_attr(h->doc, sp)->id = b->attr->id;
        unpack(h, L.lb->first);
        sz_node_prepend(L.lb->first, sp);
        sz_map_put(&h->ids, sp->attr->id, sp);
    }
    return L.lb;
}

/* }================================================================== */

/* {=================================================================
** Notes
** ================================================================== */

int
sz_html_note_label(const char *s, size_t n)
{
    while (n && (*s == '[' || *s == '(' || *s == ' '))
        s++, n--;
    while (n && (s[n - 1] == ']' || s[n - 1] == ')' || s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    if (n == 0 || n > 8)
        return 0;
    int digits = 1, letters = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < '0' || c > '9')
            digits = 0;
        if (!((c | 32) >= 'a' && (c | 32) <= 'z'))
            letters = 0;
    }
    if (digits || (letters && n <= 4))
        return 1;
    /* * † ‡ § ¶ and their repeats */
    for (size_t i = 0; i < n;) {
        if (s[i] == '*') {
            i++;
        } else if (i + 3 <= n && (!memcmp(s + i, "\xe2\x80\xa0", 3) ||
                                  !memcmp(s + i, "\xe2\x80\xa1", 3))) {
            i += 3;
        } else if (i + 2 <= n && (!memcmp(s + i, "\xc2\xa7", 2) || !memcmp(s + i, "\xc2\xb6", 2))) {
            i += 2;
        } else {
            return 0;
        }
    }
    return 1;
}

static struct sz_node *
box_of(struct sz_html *h, struct sz_node *n)
{
    for (; n; n = n->parent)
        if (sz_map_get(&h->notebox, n))
            return n;
    return NULL;
}

static int
is_ancestor(const struct sz_node *a, const struct sz_node *n)
{
    for (; n; n = n->parent)
        if (n == a)
            return 1;
    return 0;
}

static void
text_of(const struct sz_node *n, struct sz_buf *b, int depth)
{
    for (const struct sz_node *c = n->first; c && depth < 64; c = c->next) {
        if (c->kind == SZ_STR)
            sz_buf_put_str(b, c);
        else if (c->kind == SZ_SPACE || c->kind == SZ_SOFTBREAK)
            sz_buf_putc(b, ' ');
        else if (sz_kind_is_inline(c->kind) && c->kind != SZ_NOTE)
            text_of(c, b, depth + 1);
    }
}

/* Does n's text read as a note's label ("1", "[2]", "*")? */
static int
label_text(const struct sz_node *n)
{
    struct sz_buf b = SZ_BUF_INIT;
    text_of(n, &b, 0);
    int label = b.data && sz_html_note_label(b.data, b.len);
    sz_buf_free(&b);
    return label;
}

/* The body's own reference back to the text: the link to the anchor, a
** link classed footnote-back, or a leading label link. */
static void
drop_backlinks(struct sz_html *h, struct sz_node *note, const char *anchor_id,
               const char *target_id)
{
    struct sz_iter it;
    struct sz_node *kill[16];
    size_t nk = 0;
    int first_inline = 1;
    sz_iter_init(&it, note);
    enum sz_ev ev;
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE && nk < 16) {
        struct sz_node *c = it.cur;
        if (ev != SZ_EV_ENTER)
            continue;
        if (c->kind == SZ_LINK) {
            int back = (*anchor_id && c->target->url[0] == '#' && !strcmp(c->target->url + 1, anchor_id)) ||
                       sz_attr_has_class(c->attr, "footnote-back");
            if (!back && first_inline && c->target->url[0] == '#') {
                struct sz_buf b = SZ_BUF_INIT;
                text_of(c, &b, 0);
                back = b.data && sz_html_note_label(b.data, b.len);
                sz_buf_free(&b);
            }
            if (back) {
                kill[nk++] = c;
                sz_iter_skip_children(&it);
            }
            first_inline = 0;
        } else if (c->kind == SZ_SPAN && *c->attr->id && !strcmp(c->attr->id, target_id) &&
                   !c->first) {
            kill[nk++] = c;
        } else if (sz_kind_is_inline(c->kind) && c->kind != SZ_SPACE &&
                   c->kind != SZ_SOFTBREAK && !(c->kind == SZ_SPAN && !c->first)) {
            first_inline = 0;
        }
    }
    SZ_UNUSED(h);
    for (size_t i = 0; i < nk; i++) {
        struct sz_node *p = kill[i]->parent;
        /* "[1] text": the space after the label goes too */
        if (kill[i]->next && kill[i]->next->kind == SZ_SPACE && !sz_node_prev(kill[i]))
            sz_node_unlink(kill[i]->next);
        sz_node_unlink(kill[i]);
        while (p && p->first && (p->first->kind == SZ_SPACE || p->first->kind == SZ_SOFTBREAK))
            sz_node_unlink(p->first);
    }
    /* blocks left empty */
    for (struct sz_node *b = note->first, *nx; b; b = nx) {
        nx = b->next;
        if ((b->kind == SZ_PARA || b->kind == SZ_PLAIN) && !b->first)
            sz_node_unlink(b);
    }
}

/* Removes a used note body and the containers it leaves empty. */
static void
remove_box(struct sz_html *h, struct sz_node *box)
{
    struct sz_node *p = box->parent;
    sz_node_unlink(box);
    while (p && p->parent && p != h->doc->root) {
        int empty = 1;
        for (struct sz_node *c = p->first; c; c = c->next)
            if (c->kind != SZ_HRULE)
                empty = 0;
        if (!empty || !(p->kind == SZ_DIV || p->kind == SZ_ORDEREDLIST ||
                        p->kind == SZ_BULLETLIST || p->kind == SZ_BLOCKQUOTE))
            break;
        struct sz_node *up = p->parent;
        sz_node_unlink(p);
        p = up;
    }
}

void
sz_html_notes(struct sz_html *h)
{
    struct sz_map used = { 0 };     /* box -> its Note */
    struct sz_node **boxes = NULL;
    size_t nboxes = 0, capboxes = 0;
    for (size_t i = 0; i < h->links.n; i++) {
        struct sz_node *l = h->links.v[i].n;
        if (l->kind != SZ_LINK || !l->parent || l->target->url[0] != '#' || !l->target->url[1])
            continue;
        struct sz_node *t = sz_map_get(&h->ids, l->target->url + 1);
        struct sz_node *box = t ? box_of(h, t) : NULL;
        if (!box || is_ancestor(box, l) || (!box->parent && !sz_map_get(&used, box)))
            continue;
        int marked = sz_map_get(&h->noteref, l) != NULL;
        if (!marked) {
            if (box_of(h, l))
                continue;           /* a link from one note to another */
            if (!label_text(l))
                continue;
        }
        struct sz_node *note = sz_map_get(&used, box);
        if (note) {
            note = sz_node_copy(h->doc, note);
        } else {
            note = sz_node_new(h->doc, SZ_NOTE);
            if (box->kind == SZ_DIV || box->kind == SZ_ITEM || box->kind == SZ_DEFN) {
                sz_node_append_children(note, box);
            } else {
                struct sz_node *ph = sz_node_new(h->doc, SZ_DIV);
                sz_node_replace(box, ph);
                sz_node_append(note, box);
                sz_map_put(&h->notebox, ph, ph);
                box = ph;
            }
            drop_backlinks(h, note, l->attr->id, l->target->url + 1);
            sz_map_put(&used, box, note);
            if (nboxes == capboxes) {
                capboxes = capboxes ? 2 * capboxes : 32;
                boxes = sz_xrealloc(boxes, capboxes * sizeof *boxes);
            }
            boxes[nboxes++] = box;
            note = sz_map_get(&used, box);
        }
        /* <sup><a class="fnanchor">1</a></sup>: the Note takes the sup's place */
        struct sz_node *at = l;
        if (l->parent->kind == SZ_SUPERSCRIPT && l->parent->first == l && sz_node_last(l->parent) == l)
            at = l->parent;
        if (note->parent)
            note = sz_node_copy(h->doc, note);
        sz_node_replace(at, note);
    }
    /* A body no link points to, whose back link (footnote-back) names an
    ** element of the text holding only a label: the reference a writer
    ** could not make a link, as inside a link (<sup id="fnref5">5</sup>). */
    for (size_t i = 0; i < h->links.n; i++) {
        struct sz_node *l = h->links.v[i].n;
        if (l->kind != SZ_LINK || !l->parent || l->target->url[0] != '#' || !l->target->url[1] ||
            !sz_attr_has_class(l->attr, "footnote-back"))
            continue;
        struct sz_node *box = box_of(h, l);
        struct sz_node *t = sz_map_get(&h->ids, l->target->url + 1);
        if (!box || !box->parent || sz_map_get(&used, box) || !t || !t->parent || box_of(h, t) ||
            (t->kind != SZ_SUPERSCRIPT && t->kind != SZ_SPAN) || box->kind != SZ_DIV)
            continue;
        if (!label_text(t))
            continue;
        struct sz_node *note = sz_node_new(h->doc, SZ_NOTE);
        sz_node_append_children(note, box);
        drop_backlinks(h, note, t->attr->id, box->attr->id);
        sz_map_put(&used, box, note);
        sz_node_replace(t, note);
        if (nboxes == capboxes) {
            capboxes = capboxes ? 2 * capboxes : 32;
            boxes = sz_xrealloc(boxes, capboxes * sizeof *boxes);
        }
        boxes[nboxes++] = box;
    }
    for (size_t i = 0; i < nboxes; i++)
        if (boxes[i]->parent)
            remove_box(h, boxes[i]);
    free(boxes);
    sz_map_free(&used);
}

/* }================================================================== */
