/*
** html.c
** The HTML reader: libxml2's parsers (SAX, so a book never becomes a DOM)
** feed an open-element stack that builds the tree directly.
** See LICENSE.
*/
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include "core/lazy_xml.h"

#include "readers/html.h"
#include "readers/essay.h"
#include "core/registry.h"

/* {=================================================================
** Elements
** ================================================================== */

enum el {
    E_OTHER = 0,   /* unknown: transparent, content kept */
    E_DROP,        /* content dropped: script, style, forms, iframes */
    E_HEAD, E_TITLE, E_META, E_BODY,
    E_P, E_H, E_DIV, E_SECTION, E_BLOCKQUOTE, E_PRE, E_HR, E_BR,
    E_UL, E_OL, E_LI, E_DL, E_DT, E_DD,
    E_TABLE, E_CAPTION, E_THEAD, E_TBODY, E_TFOOT, E_TR, E_TD, E_TH,
    E_FIGURE, E_FIGCAPTION, E_IMG, E_A, E_SPAN,
    E_EM, E_STRONG, E_U, E_S, E_SUP, E_SUB, E_CODE, E_Q, E_SVGIMAGE
};

static const struct {
    const char *name;
    enum el el;
} elements[] = {
    /* sorted for bsearch */
    { "a", E_A },           { "abbr", E_SPAN },     { "acronym", E_SPAN },
    { "address", E_DIV },   { "applet", E_DROP },   { "article", E_SECTION },
    { "aside", E_SECTION }, { "audio", E_DROP },    { "b", E_STRONG },
    { "bdi", E_SPAN },      { "bdo", E_SPAN },      { "big", E_SPAN },
    { "blockquote", E_BLOCKQUOTE },                 { "body", E_BODY },
    { "br", E_BR },         { "button", E_DROP },   { "canvas", E_DROP },
    { "caption", E_CAPTION },                       { "center", E_DIV },
    { "cite", E_EM },       { "code", E_CODE },     { "col", E_DROP },
    { "colgroup", E_DROP }, { "datalist", E_DROP }, { "dd", E_DD },
    { "del", E_S },         { "details", E_DIV },   { "dfn", E_EM },
    { "dialog", E_DROP },   { "dir", E_UL },        { "div", E_DIV },
    { "dl", E_DL },         { "dt", E_DT },         { "em", E_EM },
    { "embed", E_DROP },    { "fieldset", E_DROP }, { "figcaption", E_FIGCAPTION },
    { "figure", E_FIGURE }, { "font", E_SPAN },     { "footer", E_SECTION },
    { "form", E_DROP },     { "frame", E_DROP },    { "frameset", E_DROP },
    { "h1", E_H },          { "h2", E_H },          { "h3", E_H },
    { "h4", E_H },          { "h5", E_H },          { "h6", E_H },
    { "head", E_HEAD },     { "header", E_SECTION },{ "hgroup", E_DIV },
    { "hr", E_HR },         { "i", E_EM },          { "iframe", E_DROP },
    { "image", E_SVGIMAGE },{ "img", E_IMG },       { "input", E_DROP },
    { "ins", E_U },         { "kbd", E_CODE },      { "label", E_SPAN },
    { "legend", E_DROP },   { "li", E_LI },         { "link", E_DROP },
    { "main", E_SECTION },  { "map", E_DROP },      { "mark", E_SPAN },
    { "menu", E_UL },       { "meta", E_META },     { "meter", E_DROP },
    { "nav", E_SECTION },   { "noembed", E_DROP },  { "noframes", E_DROP },
    { "noscript", E_DROP }, { "object", E_DROP },   { "ol", E_OL },
    { "optgroup", E_DROP }, { "option", E_DROP },   { "output", E_DROP },
    { "p", E_P },           { "param", E_DROP },    { "picture", E_OTHER },
    { "pre", E_PRE },       { "progress", E_DROP }, { "q", E_Q },
    { "s", E_S },           { "samp", E_CODE },     { "script", E_DROP },
    { "section", E_SECTION },                       { "select", E_DROP },
    { "small", E_SPAN },    { "source", E_DROP },   { "span", E_SPAN },
    { "strike", E_S },      { "strong", E_STRONG }, { "style", E_DROP },
    { "sub", E_SUB },       { "sup", E_SUP },       { "table", E_TABLE },
    { "tbody", E_TBODY },   { "td", E_TD },         { "template", E_DROP },
    { "textarea", E_DROP }, { "tfoot", E_TFOOT },   { "th", E_TH },
    { "thead", E_THEAD },   { "time", E_SPAN },     { "title", E_TITLE },
    { "tr", E_TR },         { "track", E_DROP },    { "tt", E_CODE },
    { "u", E_U },           { "ul", E_UL },         { "var", E_EM },
    { "video", E_DROP },    { "wbr", E_DROP },      { "xmp", E_PRE },
};

static int
el_cmp(const void *k, const void *e)
{
    return strcmp(k, *(const char *const *)e);
}

static enum el
el_of(const char *lname)
{
    const void *e = bsearch(lname, elements, sizeof elements / sizeof elements[0],
                            sizeof elements[0], el_cmp);
    return e ? ((const __typeof__(elements[0]) *)e)->el : E_OTHER;
}

/* }================================================================== */

/* {=================================================================
** The open-element stack
** ================================================================== */

enum {
    F_SUSPENDED = 1,   /* a block started inside this inline: it holds no more */
    F_NOTES = 2,       /* a section of notes: its items are note bodies */
    F_RAW = 4,         /* pre, code, math: text taken as it is */
    F_MATH = 8,
    F_DROPID = 16,     /* span.pagenum: content dropped, ids kept */
    F_LINES = 32       /* p.poem: lines, not prose */
};

struct frame {
    enum el el;
    unsigned flags;
    struct sz_node *node;      /* what this element made, or NULL: transparent */
    struct sz_node *plain;     /* block containers: the Plain for loose inlines */
    const char *anchor;        /* an id still to place (on a Para or Item) */
    int pre_nl;                /* pre: the newline right after <pre> not yet seen */
};

struct hr {
    struct sz_html *h;
    struct sz_doc *doc;
    const char *file;
    const char *data;          /* the parsed bytes, for offsets */
    void *ctxt;                /* xmlParserCtxtPtr */
    struct frame *st;
    size_t depth, cap;
    size_t drop;               /* > 0: inside dropped elements */
    int colgroup;              /* the dropped element is a colgroup (its cols' widths count) */
    size_t in_head, title_at;
    struct sz_buf words;       /* text not yet made a node: a run */
    int space;                 /* pending white space: 0, SZ_SPACE, SZ_SOFTBREAK */
    struct sz_buf raw;         /* text of pre / code / math / title */
    int xml;
    int nerrors;
    const char *section_id;    /* an unwrapped section's id, for its heading */
    struct sz_mml *mml;        /* inside <math>: its elements, until </math> */
    struct sz_node *math;      /* ... and the Math node they become */
};

static uint32_t
cur_line(struct hr *r)
{
    xmlParserCtxtPtr c = r->ctxt;
    return c && c->input ? (uint32_t)c->input->line : 0;
}

static long long
cur_offset(struct hr *r)
{
    xmlParserCtxtPtr c = r->ctxt;
    if (!c || !c->input || !c->input->cur || !c->input->base)
        return -1;
    return (long long)(c->input->cur - c->input->base) + (long long)c->input->consumed;
}

static void
fail(struct hr *r, const char *fmt, const char *arg)
{
    if (r->h->failed)
        return;
    r->h->failed = 1;
    sz_diag_add(&r->doc->diags, SZ_ERROR, SZ_EXIT_PARSE, r->file, cur_line(r), 0,
                cur_offset(r), fmt, arg);
    if (r->ctxt)
        xmlStopParser(r->ctxt);
}

static int
is_block_container(enum sz_kind k)
{
    switch (k) {
    case SZ_DOC: case SZ_DIV: case SZ_BLOCKQUOTE: case SZ_ITEM: case SZ_DEFN: case SZ_CELL:
    case SZ_NOTE: case SZ_FIGURE: case SZ_CAPTION:
    case SZ_BULLETLIST: case SZ_ORDEREDLIST: case SZ_DEFLIST: case SZ_DEFITEM:
    case SZ_TABLE: case SZ_THEAD: case SZ_TBODY: case SZ_TFOOT: case SZ_ROW:
        return 1;
    default:
        return 0;
    }
}

struct sz_node *
sz_html_node(struct sz_html *h, enum sz_kind k)
{
    struct sz_node *n = h->spare;
    if (!n || k == SZ_CELL || k == SZ_ORDEREDLIST)
        return sz_node_new(h->doc, k);
    h->spare = n->next;
    sz_node_reset(h->doc, n, k);
    return n;
}

/* May n go back for reuse: a node only the builder's own structure makes
** (a line's Div, Plain, Para or Span, white space, a <br>), held by no map
** or list of the builder?  A Para with an id keeps it for its text
** (keep_anchor: held), a Span may be a note reference. */
static int
sparable(struct sz_html *h, const struct sz_node *n)
{
    switch (n->kind) {
    case SZ_DIV: case SZ_PLAIN: case SZ_SPACE: case SZ_SOFTBREAK: case SZ_LINEBREAK:
        break;
    case SZ_PARA:
        if (sz_map_get(&h->held, n))
            return 0;
        break;
    case SZ_SPAN:
        if (sz_map_get(&h->noteref, n))
            return 0;
        break;
    default:
        return 0;
    }
    return !*n->attr->id && !sz_map_get(&h->notebox, n) && !sz_map_get(&h->caption, n);
}

/* A poem's line Divs each own an Attr (class "line"): 40 bytes a line,
** as much as the line's text, if it were lost with its node. */
static void
spare_attr(struct sz_html *h, struct sz_node *n)
{
    if (n->attr == &sz_attr_empty)
        return;
    if (h->nspare_attr == h->capspare_attr) {
        h->capspare_attr = h->capspare_attr ? 2 * h->capspare_attr : 64;
        h->spare_attr = sz_xrealloc(h->spare_attr, h->capspare_attr * sizeof *h->spare_attr);
    }
    h->spare_attr[h->nspare_attr++] = (struct sz_attr *)n->attr;
    n->attr = &sz_attr_empty;
}

static void
spare(struct sz_html *h, struct sz_node *n, int depth)
{
    for (struct sz_node *c = n->first, *nx; c && depth < 16; c = nx) {
        nx = c->next;
        if (sparable(h, c)) {
            sz_node_unlink(c);
            spare(h, c, depth + 1);
        }
    }
    if (!n->first) {            /* what still holds a node keeps its parent */
        spare_attr(h, n);
        n->next = h->spare;
        h->spare = n;
    }
}

void
sz_html_spare(struct sz_html *h, struct sz_node *n)
{
    if (n && !n->parent && sparable(h, n))
        spare(h, n, 0);
}

void
sz_html_spare_child(struct sz_html *h, struct sz_node *n)
{
    if (sparable(h, n)) {
        sz_node_unlink(n);
        spare(h, n, 0);
    }
}

void
sz_html_spare_own(struct sz_html *h, struct sz_node *n)
{
    spare_attr(h, n);
    n->next = h->spare;
    h->spare = n;
}

/* The frame whose node takes blocks: the innermost block container. */
static struct frame *
block_frame(struct hr *r)
{
    for (size_t i = r->depth; i-- > 0;)
        if (r->st[i].node && is_block_container(r->st[i].node->kind))
            return &r->st[i];
    return &r->st[0];
}

static struct sz_node *
new_plain_in(struct hr *r, struct frame *f)
{
    struct sz_node *c = f->node, *p = sz_html_node(r->h, SZ_PLAIN);
    switch (c->kind) {
    case SZ_BULLETLIST: case SZ_ORDEREDLIST: {
        struct sz_node *it = sz_node_last(c);
        if (!it) {
            it = sz_node_new(r->doc, SZ_ITEM);
            sz_node_append(c, it);
        }
        sz_node_append(it, p);
        break;
    }
    case SZ_DEFLIST: case SZ_DEFITEM: {
        struct sz_node *di = c->kind == SZ_DEFITEM ? c : sz_node_last(c);
        if (!di) {
            di = sz_node_new(r->doc, SZ_DEFITEM);
            sz_node_append(di, sz_node_new(r->doc, SZ_TERM));
            sz_node_append(c, di);
        }
        struct sz_node *dd = sz_node_last(di);
        if (!dd || dd->kind != SZ_DEFN) {
            dd = sz_node_new(r->doc, SZ_DEFN);
            sz_node_append(di, dd);
        }
        sz_node_append(dd, p);
        break;
    }
    case SZ_TABLE: case SZ_THEAD: case SZ_TBODY: case SZ_TFOOT: case SZ_ROW: {
        /* Text loose in a table: browsers put it before the table. */
        struct sz_node *t = c;
        while (t->kind != SZ_TABLE && t->parent)
            t = t->parent;
        if (t->parent)
            sz_node_insert_before(t, p);
        else
            sz_node_append(r->doc->root, p);
        break;
    }
    case SZ_DOC:
        /* Loose text in a body is a paragraph (pandoc). */
        p->kind = SZ_PARA;
        sz_node_append(c, p);
        break;
    default:
        sz_node_append(c, p);
        break;
    }
    f->plain = p;
    return p;
}

static void note_id(struct hr *r, struct sz_node *n, const char *id);

static void
place_anchor(struct hr *r, struct frame *f, struct sz_node *target)
{
    if (!f->anchor)
        return;
    struct sz_node *sp = sz_node_new(r->doc, SZ_SPAN);
    sz_node_attr(r->doc, sp)->id = f->anchor;
    f->anchor = NULL;
    sz_node_prepend(target, sp);
    note_id(r, sp, sp->attr->id);
}

/* Where inline content goes now. */
static struct sz_node *
inline_target(struct hr *r)
{
    for (size_t i = r->depth; i-- > 0;) {
        struct frame *f = &r->st[i];
        if (!f->node)
            continue;
        if (!is_block_container(f->node->kind)) {
            if (f->anchor)
                place_anchor(r, f, f->node);
            return f->node;
        }
        struct sz_node *p = f->plain;
        if (!p || p->parent == NULL || (p->next != NULL))
            p = new_plain_in(r, f);
        if (f->anchor)
            place_anchor(r, f, p);
        return p;
    }
    return NULL;
}

/* A Space (or SoftBreak) before new content, unless at the start of a block
** or after a break; at the start of an inline element it goes before it. */
static void
emit_space(struct hr *r, struct sz_node *t)
{
    int kind = r->space;
    r->space = 0;
    if (!kind)
        return;
    struct sz_node *at = NULL;      /* the space goes before this, or last */
    while (!t->first && sz_kind_is_inline(t->kind) && t->parent) {
        at = t;
        t = t->parent;
    }
    struct sz_node *l = at ? sz_node_prev(at) : sz_node_last(t);
    if (!l)
        return;
    if (l->kind == SZ_SPACE || l->kind == SZ_SOFTBREAK || l->kind == SZ_LINEBREAK)
        return;
    struct sz_node *sp = sz_html_node(r->h, (enum sz_kind)kind);
    if (at)
        sz_node_insert_before(at, sp);
    else
        sz_node_append(t, sp);
}

/* Makes the pending words a Str (one word) or a run (several) at the end of
** the current inline container, joined to a Str just before them. */
static void
flush_words(struct hr *r)
{
    if (!r->words.len)
        return;
    struct sz_node *t = inline_target(r);
    const char *s = r->words.data;
    size_t n = r->words.len;
    int run = memchr(s, ' ', n) || memchr(s, '\n', n);
    struct sz_node *l = t ? sz_node_last(t) : NULL;
    if (t && l && l->kind == SZ_STR) {
        char *j = sz_arena_alloc(r->doc->arena, l->len + n + 1);
        memcpy(j, l->text, l->len);
        memcpy(j + l->len, s, n);
        l->text = j;
        l->len += n;
        if (run)
            l->sub = SZ_STR_RUN;
    } else if (t) {
        struct sz_node *w = sz_html_node(r->h, SZ_STR);
        sz_node_set_text(r->doc, w, s, n);
        if (run)
            w->sub = SZ_STR_RUN;
        sz_node_append(t, w);
    }
    sz_buf_clear(&r->words);
}

/* Adds inline node n (an element's node or a leaf) where inlines go. */
static void
add_inline(struct hr *r, struct sz_node *n)
{
    flush_words(r);
    struct sz_node *t = inline_target(r);
    if (!t)
        return;
    emit_space(r, t);
    sz_node_append(t, n);
}

static int
is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
put_text(struct hr *r, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (is_ws((unsigned char)s[i])) {
            int nl = 0;
            while (i < n && is_ws((unsigned char)s[i]))
                nl |= s[i++] == '\n';
            if (r->space != SZ_SOFTBREAK)
                r->space = nl ? SZ_SOFTBREAK : SZ_SPACE;
            continue;
        }
        size_t j = i;
        while (j < n && !is_ws((unsigned char)s[j]))
            j++;
        if (r->space) {
            if (r->words.len) {
                sz_buf_putc(&r->words, r->space == SZ_SOFTBREAK ? '\n' : ' ');
                r->space = 0;
            } else {
                struct sz_node *t = inline_target(r);
                struct sz_node *l = t ? sz_node_last(t) : NULL;
                if (l && r->space == SZ_SPACE && (l->kind == SZ_EMPH || l->kind == SZ_STRONG))
                    /* the Space after an emphasis opens the words' run (as
                    ** in open_styled: one node less) */
                    sz_buf_putc(&r->words, ' ');
                else if (t)
                    emit_space(r, t);
                r->space = 0;
            }
        }
        sz_buf_put(&r->words, s + i, j - i);
        i = j;
    }
}

/* A block boundary: pending text ends, white space around blocks goes. */
static void
end_inlines(struct hr *r)
{
    flush_words(r);
    r->space = 0;
}

/* Appends block b to the innermost block container; inline elements open
** above it are suspended (their later content flows after the block). */
static struct frame *
add_block(struct hr *r, struct sz_node *b)
{
    end_inlines(r);
    struct frame *f = block_frame(r);
    for (struct frame *g = &r->st[r->depth - 1]; g > f; g--)
        if (g->node)
            g->flags |= F_SUSPENDED, g->node = NULL;
    f->plain = NULL;
    struct sz_node *c = f->node;
    if (b->kind == SZ_ITEM) {
        if (c->kind != SZ_BULLETLIST && c->kind != SZ_ORDEREDLIST) {
            struct sz_node *l = sz_node_last(c);
            if (!l || l->kind != SZ_BULLETLIST) {
                l = sz_node_new(r->doc, SZ_BULLETLIST);
                add_block(r, l);
            }
            c = l;
        }
    } else if (c->kind == SZ_BULLETLIST || c->kind == SZ_ORDEREDLIST) {
        struct sz_node *it = sz_node_last(c);
        if (!it) {
            it = sz_node_new(r->doc, SZ_ITEM);
            sz_node_append(c, it);
        }
        c = it;
    } else if (c->kind == SZ_DEFLIST || c->kind == SZ_DEFITEM) {
        struct sz_node *di = c->kind == SZ_DEFITEM ? c : sz_node_last(c);
        if (!di) {
            di = sz_node_new(r->doc, SZ_DEFITEM);
            sz_node_append(di, sz_node_new(r->doc, SZ_TERM));
            sz_node_append(c, di);
        }
        c = sz_node_last(di);
        if (!c || c->kind != SZ_DEFN) {
            c = sz_node_new(r->doc, SZ_DEFN);
            sz_node_append(di, c);
        }
    } else if (c->kind == SZ_TABLE || c->kind == SZ_THEAD || c->kind == SZ_TBODY ||
               c->kind == SZ_TFOOT || c->kind == SZ_ROW) {
        struct sz_node *t = c;
        while (t->kind != SZ_TABLE && t->parent)
            t = t->parent;
        if (t->parent) {
            sz_node_insert_before(t, b);
            return f;
        }
        c = r->doc->root;
    }
    if (sz_node_append(c, b) != 0)
        sz_node_append(r->doc->root, b);
    return f;
}

static struct frame *
push(struct hr *r, enum el el, struct sz_node *node)
{
    if (r->depth >= SZ_MAX_DEPTH) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", SZ_MAX_DEPTH);
        fail(r, "elements nested deeper than %s levels", lim);
        return NULL;
    }
    if (r->depth == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->st = sz_xrealloc(r->st, r->cap * sizeof *r->st);
    }
    struct frame *f = &r->st[r->depth++];
    memset(f, 0, sizeof *f);
    f->el = el;
    f->node = node;
    if (r->depth > 1)
        f->flags = r->st[r->depth - 2].flags & (F_DROPID | F_NOTES);
    return f;
}

/* }================================================================== */

/* {=================================================================
** Attributes
** ================================================================== */

static const char *
att(const char **a, const char *name)
{
    for (size_t i = 0; a && a[i]; i += 2)
        if (!strcasecmp(a[i], name))
            return a[i + 1] ? a[i + 1] : "";
    return NULL;
}

static int
has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; p && *p;) {
        while (*p && is_ws((unsigned char)*p))
            p++;
        const char *e = p;
        while (*e && !is_ws((unsigned char)*e))
            e++;
        if ((size_t)(e - p) == n && !strncasecmp(p, w, n))
            return 1;
        p = e;
    }
    return 0;
}

/* sz_node_attr, from the Attrs of nodes let go of first. */
static struct sz_attr *
own_attr(struct hr *r, struct sz_node *n)
{
    struct sz_html *h = r->h;
    if (n->attr == &sz_attr_empty && h->nspare_attr) {
        struct sz_attr *a = h->spare_attr[--h->nspare_attr];
        *a = sz_attr_empty;
        n->attr = a;
    }
    return sz_node_attr(r->doc, n);
}

/* A book's classes are a few names said thousands of times (every line of
** a poem is a div.line): each name is kept once, and an element of one
** class points to a one-name list shared with every other of that class.
** No one writes into a classes list: adding a class makes a new one. */
static void
add_class(struct hr *r, struct sz_attr *a, const char *p, size_t n)
{
    char key[64];
    const char **one = NULL;
    if (n < sizeof key) {
        memcpy(key, p, n);
        key[n] = '\0';
        one = sz_map_get(&r->h->classes, key);
    }
    if (!one) {
        one = sz_arena_alloc_align(r->doc->arena, sizeof *one, _Alignof(const char *));
        one[0] = sz_arena_strndup(r->doc->arena, p, n);
        if (n < sizeof key)
            sz_map_put(&r->h->classes, one[0], (void *)one);
    }
    if (!a->nclasses) {
        a->classes = one;
        a->nclasses = 1;
        return;
    }
    const char **c = sz_arena_alloc_align(r->doc->arena, (a->nclasses + 1) * sizeof *c,
                                          _Alignof(const char *));
    memcpy(c, a->classes, a->nclasses * sizeof *c);
    c[a->nclasses++] = one[0];
    a->classes = c;
}

/* The classes of a class attribute: an element whose attribute says the
** same as an earlier one's ("line i2") shares that element's list. */
struct classlist {
    const char **v;
    size_t n;
};

static void
add_classes(struct hr *r, struct sz_attr *a, const char *list)
{
    struct sz_map *m = &r->h->classlists;
    int share = list && !a->nclasses && strlen(list) < 256;
    if (share) {
        const struct classlist *cl = sz_map_get(m, list);
        if (cl) {
            a->classes = cl->v;
            a->nclasses = cl->n;
            return;
        }
    }
    for (const char *p = list; p && *p;) {
        while (*p && is_ws((unsigned char)*p))
            p++;
        const char *e = p;
        while (*e && !is_ws((unsigned char)*e))
            e++;
        if (e > p)
            add_class(r, a, p, (size_t)(e - p));
        p = e;
    }
    if (share) {
        struct classlist *cl = sz_arena_alloc_align(r->doc->arena, sizeof *cl,
                                                    _Alignof(struct classlist));
        cl->v = a->classes;
        cl->n = a->nclasses;
        sz_map_put(m, sz_arena_strdup(r->doc->arena, list), cl);
    }
}

static void
note_id(struct hr *r, struct sz_node *n, const char *id)
{
    struct sz_html *h = r->h;
    if (!sz_map_get(&h->ids, id))
        sz_map_put(&h->ids, id, n);
    if (h->anchors.n == h->anchors.cap) {
        h->anchors.cap = h->anchors.cap ? 2 * h->anchors.cap : 64;
        h->anchors.v = sz_xrealloc(h->anchors.v, h->anchors.cap * sizeof *h->anchors.v);
    }
    h->anchors.v[h->anchors.n++] = (struct sz_hnode){ n, h->file, id };
}

/* id, classes, lang, dir, title and data-* (as pandoc reads them); style,
** event handlers and the rest are not kept. */
static void
set_attr(struct hr *r, struct sz_node *n, const char **a)
{
    for (size_t i = 0; a && a[i]; i += 2) {
        const char *k = a[i], *v = a[i + 1] ? a[i + 1] : "";
        if (!strcasecmp(k, "id") && *v) {
            own_attr(r, n)->id = sz_arena_strdup(r->doc->arena, v);
            note_id(r, n, n->attr->id);
        } else if (!strcasecmp(k, "class")) {
            add_classes(r, own_attr(r, n), v);
        } else if (!strcasecmp(k, "lang") || !strcasecmp(k, "xml:lang")) {
            if (!sz_attr_get(n->attr, "lang") && *v)
                sz_attr_add_kv(r->doc, own_attr(r, n), "lang", v);
        } else if (!strcasecmp(k, "dir") ||
                   (!strcasecmp(k, "title") && n->kind != SZ_LINK && n->kind != SZ_IMAGE)) {
            sz_attr_add_kv(r->doc, own_attr(r, n), k, v);
        } else if (!strncasecmp(k, "data-", 5) && k[5]) {
            sz_attr_add_kv(r->doc, own_attr(r, n), k + 5, v);
        }
    }
    if (!*n->attr->id) {
        const char *nm = att(a, "name");
        if (nm && *nm && n->kind == SZ_SPAN) {
            own_attr(r, n)->id = sz_arena_strdup(r->doc->arena, nm);
            note_id(r, n, n->attr->id);
        }
    }
}

static int
attr_empty(const struct sz_node *n)
{
    return !*n->attr->id && !n->attr->nclasses && !n->attr->nkvs;
}

/* epub:type or role words that say what an element is. */
static int
is_type(const char **a, const char *epub_type, const char *role)
{
    const char *t = att(a, "epub:type");
    if (t && epub_type && has_word(t, epub_type))
        return 1;
    t = att(a, "role");
    return t && role && has_word(t, role);
}

static int
is_footnote_box(const char **a)
{
    const char *c = att(a, "class");
    return (c && (has_word(c, "footnote") || has_word(c, "endnote"))) ||
           is_type(a, "footnote", "doc-footnote") || is_type(a, "endnote", "doc-endnote") ||
           is_type(a, "rearnote", NULL);
}

static int
is_noteref(const char **a)
{
    const char *c = att(a, "class");
    return (c && (has_word(c, "fnanchor") || has_word(c, "footnote-ref") ||
                  has_word(c, "noteref"))) ||
           is_type(a, "noteref", "doc-noteref");
}

/* Parts of an EPUB that are the package's, not the text's. */
static int
is_epub_furniture(const char **a)
{
    return is_type(a, "titlepage", NULL) || is_type(a, "toc", "doc-toc") ||
           is_type(a, "landmarks", NULL) || is_type(a, "page-list", "doc-pagelist") ||
           is_type(a, "cover", "doc-cover");
}

static int
is_small_caps(const char **a)
{
    const char *c = att(a, "class"), *s = att(a, "style");
    if (c && (has_word(c, "smallcaps") || has_word(c, "small-caps") || has_word(c, "smcap") ||
              has_word(c, "smcaps") || has_word(c, "sc")))
        return 1;
    return s && strstr(s, "small-caps");
}

static enum sz_align
align_of(const char **a)
{
    const char *v = att(a, "align"), *s = att(a, "style");
    if (!v && s && (s = strstr(s, "text-align"))) {
        s += 10;
        while (*s == ':' || is_ws((unsigned char)*s))
            s++;
        v = s;
    }
    if (!v)
        return SZ_ALIGN_DEFAULT;
    if (!strncasecmp(v, "left", 4)) return SZ_ALIGN_LEFT;
    if (!strncasecmp(v, "right", 5)) return SZ_ALIGN_RIGHT;
    if (!strncasecmp(v, "center", 6)) return SZ_ALIGN_CENTER;
    return SZ_ALIGN_DEFAULT;
}

static int
span_attr(const char **a, const char *name)
{
    const char *v = att(a, name);
    long n = v ? strtol(v, NULL, 10) : 1;
    return n < 1 ? 1 : n > 1000 ? 1000 : (int)n;
}

/* Is this a URL a reader may follow?  Scripts are not. */
static const char *
safe_url(const char *u)
{
    while (u && is_ws((unsigned char)*u))
        u++;
    if (!u || !strncasecmp(u, "javascript:", 11) || !strncasecmp(u, "vbscript:", 9))
        return "";
    return u;
}

/* }================================================================== */

/* {=================================================================
** SAX events
** ================================================================== */

static void
head_meta(struct hr *r, const char **a)
{
    struct sz_hhead *hd = &r->h->head;
    const char *name = att(a, "name"), *content = att(a, "content");
    if (!name)
        name = att(a, "property");
    if (!name || !content || !*content || r->h->epub)
        return;
    if (hd->nmeta == hd->capmeta) {
        hd->capmeta = hd->capmeta ? 2 * hd->capmeta : 16;
        hd->keys = sz_xrealloc(hd->keys, hd->capmeta * sizeof *hd->keys);
        hd->vals = sz_xrealloc(hd->vals, hd->capmeta * sizeof *hd->vals);
    }
    char *k = sz_xstrdup(name);
    for (char *p = k; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    size_t n = strlen(content);
    hd->keys[hd->nmeta] = k;
    hd->vals[hd->nmeta] = sz_xmalloc((n > SZ_HTML_MAX_META ? SZ_HTML_MAX_META : n) + 1);
    memcpy(hd->vals[hd->nmeta], content, n > SZ_HTML_MAX_META ? SZ_HTML_MAX_META : n);
    hd->vals[hd->nmeta][n > SZ_HTML_MAX_META ? SZ_HTML_MAX_META : n] = '\0';
    hd->nmeta++;
}

/* Element openers, one per family.  Each makes the element's node (or
** none: transparent), hangs it in the tree and pushes its frame.  cls is
** the class attribute, or NULL. */
typedef void opener(struct hr *r, const char *lname, enum el el, const char **a,
                    const char *cls);

/* Keeps a Link or Image for the EPUB reader's rewrite of links. */
static void
keep_link(struct hr *r, struct sz_node *n)
{
    struct sz_hvec *v = &r->h->links;
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 64;
        v->v = sz_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = (struct sz_hnode){ n, r->h->file, NULL };
}

/* An id on a Para or Item goes to the start of its text when it closes. */
static void
keep_anchor(struct hr *r, struct frame *f, struct sz_node *n, const char **a)
{
    const char *id = att(a, "id");
    if (id && *id) {
        f->anchor = sz_arena_strdup(r->doc->arena, id);
        note_id(r, n, f->anchor);
        sz_map_put(&r->h->held, n, n);  /* in the maps without an id of its own */
    }
}

/* A frame that makes nothing: its content goes to the enclosing element. */
static void
open_plain(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    push(r, el, NULL);
}

static void
open_body(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    if (!r->h->epub && !r->h->head.lang) {
        const char *l = att(a, "lang");
        if (l && *l)
            r->h->head.lang = sz_xstrdup(l);
    }
    push(r, el, NULL);
}

/* {------------------------------------------------------------------
** Blocks
** ------------------------------------------------------------------- */

static void
open_p(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    struct sz_node *n;
    struct frame *f;
    int ph = cls && !strncasecmp(cls, "ph", 2) && cls[2] >= '1' && cls[2] <= '6' &&
             (!cls[3] || is_ws((unsigned char)cls[3]));
    if (ph) {
        n = sz_node_new(doc, SZ_HEADER);
        n->level = cls[2] - '0';
        set_attr(r, n, a);
    } else {
        n = sz_html_node(r->h, SZ_PARA);
    }
    add_block(r, n);
    if (!(f = push(r, el, n)))
        return;
    if (!ph) {
        keep_anchor(r, f, n, a);
        if (cls && has_word(cls, "caption"))
            sz_map_put(&r->h->caption, n, n);
    }
    if (cls && (has_word(cls, "poem") || has_word(cls, "verse") || has_word(cls, "stanza")))
        f->flags |= F_LINES;
    if (is_footnote_box(a))
        sz_map_put(&r->h->notebox, n, n);
}

static void
open_h(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, SZ_HEADER);
    n->level = lname[1] - '0';
    set_attr(r, n, a);
    if (!*n->attr->id && r->section_id) {
        sz_node_attr(r->doc, n)->id = r->section_id;
        note_id(r, n, n->attr->id);
    }
    r->section_id = NULL;
    add_block(r, n);
    push(r, el, n);
}

static void
open_div(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    struct frame *f;
    end_inlines(r);
    if (cls && has_word(cls, "pagenum")) {
        f = push(r, el, NULL);
        if (f)
            f->flags |= F_DROPID;
        return;
    }
    struct sz_node *n = sz_html_node(r->h, SZ_DIV);
    set_attr(r, n, a);
    if (!strcmp(lname, "section") && !sz_attr_has_class(n->attr, "section"))
        sz_attr_add_class(doc, sz_node_attr(doc, n), "section");
    add_block(r, n);
    if (!(f = push(r, el, n)))
        return;
    if (is_footnote_box(a))
        sz_map_put(&r->h->notebox, n, n);
    if ((cls && (has_word(cls, "footnotes") || has_word(cls, "endnotes"))) ||
        is_type(a, "footnotes", NULL) || is_type(a, "endnotes", "doc-endnotes") ||
        is_type(a, "rearnotes", NULL))
        f->flags |= F_NOTES;
}

/* An EPUB chapter's section is the package's wrapper, not the text's;
** elsewhere a section is a Div, as in pandoc. */
static void
open_section(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    if (r->h->epub && (is_type(a, "chapter", "doc-chapter") || is_type(a, "bodymatter", NULL) ||
                       is_type(a, "part", "doc-part") || is_type(a, "division", NULL) ||
                       is_type(a, "volume", NULL) ||
                       (cls && (has_word(cls, "chapter") || has_word(cls, "level1") ||
                                has_word(cls, "level2") || has_word(cls, "level3") ||
                                has_word(cls, "level4") || has_word(cls, "level5") ||
                                has_word(cls, "level6"))))) {
        /* pandoc puts the heading's id on its section */
        const char *id = att(a, "id");
        if (id && *id)
            r->section_id = sz_arena_strdup(r->doc->arena, id);
        push(r, el, NULL);
        return;
    }
    open_div(r, lname, el, a, cls);
}

static void
open_blockquote(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, SZ_BLOCKQUOTE);
    add_block(r, n);
    push(r, el, n);
}

static void
open_pre(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, SZ_CODEBLOCK);
    struct frame *f;
    set_attr(r, n, a);
    add_block(r, n);
    if ((f = push(r, el, n)) != NULL) {
        f->flags |= F_RAW;
        f->pre_nl = 1;
    }
    sz_buf_clear(&r->raw);
}

static void
open_hr(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    add_block(r, sz_node_new(r->doc, SZ_HRULE));
    push(r, el, NULL);
}

/* }------------------------------------------------------------------ */

/* {------------------------------------------------------------------
** Lists
** ------------------------------------------------------------------- */

static void
open_list(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, el == E_OL ? SZ_ORDEREDLIST : SZ_BULLETLIST);
    if (el == E_OL) {
        const char *s = att(a, "start"), *t = att(a, "type");
        n->ival = s ? (int)strtol(s, NULL, 10) : 1;
        n->sub = !t ? SZ_STYLE_DEFAULT : !strcmp(t, "1") ? SZ_STYLE_DECIMAL
                 : !strcmp(t, "a") ? SZ_STYLE_LOWER_ALPHA : !strcmp(t, "A") ? SZ_STYLE_UPPER_ALPHA
                 : !strcmp(t, "i") ? SZ_STYLE_LOWER_ROMAN : !strcmp(t, "I") ? SZ_STYLE_UPPER_ROMAN
                 : SZ_STYLE_DEFAULT;
    }
    add_block(r, n);
    push(r, el, n);
}

static void
open_li(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, SZ_ITEM);
    struct frame *f;
    add_block(r, n);
    if (!(f = push(r, el, n)))
        return;
    keep_anchor(r, f, n, a);
    if (is_footnote_box(a) || (f->flags & F_NOTES))
        sz_map_put(&r->h->notebox, n, n);
}

static void
open_dl(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, SZ_DEFLIST);
    add_block(r, n);
    push(r, el, n);
}

/* dt and dd: a term starts an item; a definition joins the last one. */
static void
open_dt_dd(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    end_inlines(r);
    struct frame *bf = block_frame(r);
    struct sz_node *dl = bf->node;
    if (dl->kind == SZ_DEFITEM)
        dl = dl->parent;
    if (dl->kind != SZ_DEFLIST) {
        dl = sz_node_new(doc, SZ_DEFLIST);
        add_block(r, dl);
    }
    struct sz_node *di = sz_node_last(dl);
    if (el == E_DT || !di) {
        di = sz_node_new(doc, SZ_DEFITEM);
        sz_node_append(di, sz_node_new(doc, SZ_TERM));
        sz_node_append(dl, di);
    }
    if (el == E_DT) {
        push(r, el, di->first);
    } else {
        struct sz_node *n = sz_node_new(doc, SZ_DEFN);
        sz_node_append(di, n);
        push(r, el, n);
    }
}

/* }------------------------------------------------------------------ */

/* {------------------------------------------------------------------
** Tables
** ------------------------------------------------------------------- */

static void
open_table(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, SZ_TABLE);
    set_attr(r, n, a);
    sz_node_append(n, sz_node_new(r->doc, SZ_CAPTION));
    add_block(r, n);
    push(r, el, n);
}

/* A body for rows that come straight in a table. */
static struct sz_node *
table_body(struct hr *r, struct sz_node *table)
{
    struct sz_node *part = sz_node_last(table);
    if (!part || part->kind != SZ_TBODY) {
        part = sz_node_new(r->doc, SZ_TBODY);
        sz_node_append(part, sz_node_new(r->doc, SZ_TBODY_HEAD));
        sz_node_append(table, part);
    }
    return part;
}

/* caption, thead, tbody, tfoot and tr. */
static void
open_table_part(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    end_inlines(r);
    struct sz_node *t = block_frame(r)->node;
    while (t && t->kind != SZ_TABLE && t->kind != SZ_THEAD && t->kind != SZ_TBODY &&
           t->kind != SZ_TFOOT && t->kind != SZ_ROW && t->parent && !is_block_container(t->kind))
        t = t->parent;
    if (!t || (t->kind != SZ_TABLE && t->kind != SZ_THEAD && t->kind != SZ_TBODY &&
               t->kind != SZ_TFOOT)) {
        push(r, el, NULL);      /* a table part outside a table */
        return;
    }
    struct sz_node *table = t->kind == SZ_TABLE ? t : t->parent;
    if (el == E_CAPTION) {
        push(r, el, table->first);
        return;
    }
    struct sz_node *n;
    if (el == E_TR) {
        struct sz_node *part = t->kind == SZ_TABLE ? table_body(r, table) : t;
        n = sz_node_new(doc, SZ_ROW);
        sz_node_append(part, n);
        push(r, el, n);
        return;
    }
    n = sz_node_new(doc, el == E_THEAD ? SZ_THEAD : el == E_TFOOT ? SZ_TFOOT : SZ_TBODY);
    if (el == E_TBODY)
        sz_node_append(n, sz_node_new(doc, SZ_TBODY_HEAD));
    sz_node_append(table, n);
    push(r, el, n);
}

/* td and th. */
static void
open_cell(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    struct sz_node *n;
    end_inlines(r);
    struct sz_node *row = block_frame(r)->node;
    if (row->kind == SZ_TABLE || row->kind == SZ_THEAD || row->kind == SZ_TBODY ||
        row->kind == SZ_TFOOT) {
        struct sz_node *part = row->kind == SZ_TABLE ? table_body(r, row) : row;
        row = sz_node_last(part);
        if (!row || row->kind != SZ_ROW) {
            row = sz_node_new(doc, SZ_ROW);
            sz_node_append(part, row);
        }
    }
    if (row->kind != SZ_ROW) {
        /* a cell outside a table: its content, as a Div */
        n = sz_node_new(doc, SZ_DIV);
        add_block(r, n);
        push(r, el, n);
        return;
    }
    n = sz_node_new(doc, SZ_CELL);
    n->sub = align_of(a);
    n->ival = span_attr(a, "rowspan");
    n->ival2 = span_attr(a, "colspan");
    n->sub2 = el == E_TH;      /* a header cell, until the table is done */
    sz_node_append(row, n);
    push(r, el, n);
}

/* }------------------------------------------------------------------ */

/* {------------------------------------------------------------------
** Figures and images
** ------------------------------------------------------------------- */

static void
open_figure(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_node *n = sz_node_new(r->doc, SZ_FIGURE);
    set_attr(r, n, a);
    add_block(r, n);
    push(r, el, n);
}

static void
open_figcaption(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    struct sz_node *n;
    end_inlines(r);
    struct sz_node *fig = block_frame(r)->node;
    if (fig->kind != SZ_FIGURE) {
        n = sz_node_new(doc, SZ_DIV);
        sz_attr_add_class(doc, sz_node_attr(doc, n), "caption");
        add_block(r, n);
        push(r, el, n);
        return;
    }
    n = sz_node_new(doc, SZ_CAPTION);
    sz_node_append(fig, n);
    push(r, el, n);
}

/* img, and SVG's image. */
static void
open_img(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    const char *src = att(a, "src");
    if (!src)
        src = att(a, "xlink:href");
    if (!src)
        src = att(a, "href");
    struct sz_node *n = sz_node_new(doc, SZ_IMAGE);
    n->target->url = sz_arena_strdup(doc->arena, safe_url(src ? src : ""));
    const char *t = att(a, "title");
    n->target->title = sz_arena_strdup(doc->arena, t ? t : "");
    set_attr(r, n, a);
    for (size_t i = 0; a && a[i]; i += 2)
        if ((!strcasecmp(a[i], "width") || !strcasecmp(a[i], "height")) && a[i + 1])
            sz_attr_add_kv(doc, sz_node_attr(doc, n), a[i], a[i + 1]);
    const char *alt = att(a, "alt");
    if (alt)
        sz_inlines_from_text(doc, n, alt, strlen(alt));
    add_inline(r, n);
    keep_link(r, n);
    r->drop = 1;                /* until its end: <image> in SVG may hold a title */
}

/* }------------------------------------------------------------------ */

/* {------------------------------------------------------------------
** Inlines
** ------------------------------------------------------------------- */

static void
open_br(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    add_inline(r, sz_html_node(r->h, SZ_LINEBREAK));
    r->space = 0;
    push(r, el, NULL);
}

static void
open_a(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    struct sz_node *n;
    const char *href = att(a, "href");
    if (!href)
        href = att(a, "xlink:href");
    if (!href) {
        /* an anchor: a Span with its id */
        n = sz_node_new(doc, SZ_SPAN);
        set_attr(r, n, a);
        if (attr_empty(n)) {
            push(r, el, NULL);
            return;
        }
        add_inline(r, n);
        push(r, el, n);
        return;
    }
    n = sz_node_new(doc, SZ_LINK);
    n->target->url = sz_arena_strdup(doc->arena, safe_url(href));
    const char *t = att(a, "title");
    n->target->title = sz_arena_strdup(doc->arena, t ? t : "");
    set_attr(r, n, a);
    if (!*n->attr->id) {
        const char *nm = att(a, "name");
        if (nm && *nm) {
            sz_node_attr(doc, n)->id = sz_arena_strdup(doc->arena, nm);
            note_id(r, n, n->attr->id);
        }
    }
    if (is_noteref(a))
        sz_map_put(&r->h->noteref, n, n);
    add_inline(r, n);
    keep_link(r, n);
    push(r, el, n);
}

/* Inside a raw element (pre, code, math) the text is taken as it is. */
static void
open_raw(struct hr *r, enum el el, struct sz_node *n)
{
    struct frame *f = push(r, el, n);
    if (f)
        f->flags |= F_RAW | (n && n->kind == SZ_MATH ? F_MATH : 0);
    sz_buf_clear(&r->raw);
}

/* span, and elements we do not know (transparent unless they carry
** attributes worth keeping). */
static void
open_span(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct sz_doc *doc = r->doc;
    struct sz_node *n;
    struct frame *f;
    if (cls && (has_word(cls, "pagenum") || has_word(cls, "pageno"))) {
        /* Page numbers of the printed book: out of the text, but the
        ** anchors in them stay, for links to pages. */
        flush_words(r);
        f = push(r, el, NULL);
        if (f)
            f->flags |= F_DROPID;
        return;
    }
    if (cls && has_word(cls, "math") && (has_word(cls, "inline") || has_word(cls, "display"))) {
        n = sz_node_new(doc, SZ_MATH);
        n->sub = has_word(cls, "display") ? SZ_MATH_DISPLAY : SZ_MATH_INLINE;
        add_inline(r, n);
        open_raw(r, el, n);
        return;
    }
    if (!strcmp(lname, "html")) {
        const char *l = att(a, "lang");
        if (!l)
            l = att(a, "xml:lang");
        if (l && *l && !r->h->head.lang && !r->h->epub)
            r->h->head.lang = sz_xstrdup(l);
        push(r, el, NULL);
        return;
    }
    if (!strcmp(lname, "math")) {
        /* MathML: TeX in a Math node, as pandoc reads it */
        const char *d = att(a, "display"), *mode = att(a, "mode");
        n = sz_node_new(doc, SZ_MATH);
        n->sub = (d && !strcasecmp(d, "block")) || (mode && !strcasecmp(mode, "display"))
                     ? SZ_MATH_DISPLAY
                     : SZ_MATH_INLINE;
        add_inline(r, n);
        r->math = n;
        r->mml = sz_mml_new();
        return;
    }
    if (!strcmp(lname, "svg")) {
        push(r, el, NULL);
        return;
    }
    n = sz_html_node(r->h, is_small_caps(a) ? SZ_SMALLCAPS : SZ_SPAN);
    if (n->kind == SZ_SPAN)
        set_attr(r, n, a);
    if (n->kind == SZ_SPAN && attr_empty(n)) {
        push(r, el, NULL);
        return;
    }
    if (is_noteref(a))
        sz_map_put(&r->h->noteref, n, n);
    add_inline(r, n);
    push(r, el, n);
}

/* em, strong, u, s, sup, sub, q: one node kind each, no attributes. */
static void
open_styled(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    static const enum sz_kind k[] = { [E_EM] = SZ_EMPH, [E_STRONG] = SZ_STRONG,
                                      [E_U] = SZ_UNDERLINE, [E_S] = SZ_STRIKEOUT,
                                      [E_SUP] = SZ_SUPERSCRIPT, [E_SUB] = SZ_SUBSCRIPT,
                                      [E_Q] = SZ_QUOTED };
    struct sz_node *n = sz_html_node(r->h, k[el]);
    const char *id = el == E_SUP ? att(a, "id") : NULL;
    if (id && *id)
        /* no attributes of its own, but a note's back link may name it
        ** (sz_html_notes) */
        note_id(r, n, sz_arena_strdup(r->doc->arena, id));
    /* The space between words and the emphasis after them ends the words'
    ** run (SZ_STR_RUN allows a trailing ' '), where add_inline would put
    ** a Space node right after them: one node less per italic phrase, and
    ** the same Str and Space wherever the tree is shown.  Only before
    ** em/strong: notes, links and spans have code of their own that looks
    ** at the Spaces around them. */
    if ((el == E_EM || el == E_STRONG) && r->space == SZ_SPACE && r->words.len) {
        sz_buf_putc(&r->words, ' ');
        r->space = 0;
    }
    add_inline(r, n);
    push(r, el, n);
}

static void
open_code(struct hr *r, const char *lname, enum el el, const char **a, const char *cls)
{
    struct frame *top = r->depth ? &r->st[r->depth - 1] : NULL;
    if (top && top->el == E_PRE && top->node && top->node->kind == SZ_CODEBLOCK) {
        /* <pre><code class>: the classes are the code block's */
        set_attr(r, top->node, a);
        struct frame *f = push(r, el, NULL);
        if (f)
            f->flags |= F_RAW;
        return;
    }
    struct sz_node *n = sz_node_new(r->doc, SZ_CODE);
    set_attr(r, n, a);
    add_inline(r, n);
    open_raw(r, el, n);
}

/* }------------------------------------------------------------------ */

static opener *const openers[] = {
    [E_BODY] = open_body,
    [E_P] = open_p,               [E_H] = open_h,
    [E_DIV] = open_div,           [E_SECTION] = open_section,
    [E_BLOCKQUOTE] = open_blockquote,
    [E_PRE] = open_pre,           [E_HR] = open_hr,
    [E_UL] = open_list,           [E_OL] = open_list,           [E_LI] = open_li,
    [E_DL] = open_dl,             [E_DT] = open_dt_dd,          [E_DD] = open_dt_dd,
    [E_TABLE] = open_table,       [E_CAPTION] = open_table_part,
    [E_THEAD] = open_table_part,  [E_TBODY] = open_table_part,
    [E_TFOOT] = open_table_part,  [E_TR] = open_table_part,
    [E_TD] = open_cell,           [E_TH] = open_cell,
    [E_FIGURE] = open_figure,     [E_FIGCAPTION] = open_figcaption,
    [E_IMG] = open_img,           [E_SVGIMAGE] = open_img,
    [E_BR] = open_br,             [E_A] = open_a,
    [E_SPAN] = open_span,         [E_OTHER] = open_span,
    [E_EM] = open_styled,         [E_STRONG] = open_styled,     [E_U] = open_styled,
    [E_S] = open_styled,          [E_SUP] = open_styled,        [E_SUB] = open_styled,
    [E_Q] = open_styled,
    [E_CODE] = open_code,
};

/* Inside <head>: only the title and the meta elements count.  Returns 1
** when the element was taken here. */
static int
open_in_head(struct hr *r, enum el el, const char **a)
{
    if (!r->in_head) {
        if (el != E_HEAD)
            return 0;
        r->in_head = 1;
        return 1;
    }
    if (el == E_BODY) {
        r->in_head = r->title_at = 0;
        return 0;
    }
    r->in_head++;
    if (el == E_TITLE) {
        sz_buf_clear(&r->raw);
        r->title_at = r->in_head;
    } else if (el == E_META) {
        head_meta(r, a);
    }
    return 1;
}

/* Inside a page number only its anchors stay. */
static void
open_in_pagenum(struct hr *r, enum el el, const char **a)
{
    const char *id = att(a, "id");
    if (!id)
        id = att(a, "name");
    if (id && *id) {
        struct sz_node *sp = sz_node_new(r->doc, SZ_SPAN);
        sz_node_attr(r->doc, sp)->id = sz_arena_strdup(r->doc->arena, id);
        note_id(r, sp, sp->attr->id);
        add_inline(r, sp);
    }
    push(r, el, NULL);
}

/* Inside pre, code or math, elements only add their text. */
static void
open_in_raw(struct hr *r, enum el el, const char **a)
{
    struct frame *top = &r->st[r->depth - 1];
    if (el == E_CODE && top->el == E_PRE && top->node && !top->node->attr->nclasses)
        set_attr(r, top->node, a);
    if (el == E_BR)
        sz_buf_putc(&r->raw, '\n');
    struct frame *f = push(r, el, NULL);
    if (f)
        f->flags |= F_RAW;
}

/* <col width="20%"> or <col style="width: 20%">, span times: a column's
** share of the width, as pandoc reads it (other units: the default).
** Kept as ColSpecs of the innermost table until finish_table. */
static void
col_width(struct hr *r, const char **a)
{
    struct sz_node *t = NULL;
    for (size_t i = r->depth; i-- > 0 && !t;)
        if (r->st[i].node && r->st[i].node->kind == SZ_TABLE)
            t = r->st[i].node;
    if (!t)
        return;
    const char *w = att(a, "width"), *st = att(a, "style"), *sp = att(a, "span");
    if (!w && st && (w = strstr(st, "width"))) {
        w += 5;
        while (*w == ' ' || *w == ':')
            w++;
    }
    char *end = NULL;
    double pc = w ? strtod(w, &end) : 0;
    double frac = end && end != w && *end == '%' && pc > 0 && pc <= 100 ? pc / 100 : 0;
    long n = sp ? strtol(sp, NULL, 10) : 1;
    for (long k = 0; k < (n < 1 ? 1 : n > 1000 ? 1000 : n); k++) {
        struct sz_node *cs = sz_node_new(r->doc, SZ_COLSPEC);
        cs->width = frac;
        sz_node_append(t, cs);
    }
}

static void
open_el(struct hr *r, const char *lname, enum el el, const char **a)
{
    if (r->drop || r->h->failed) {
        if (r->drop == 1 && r->colgroup && !r->h->failed && !strcasecmp(lname, "col"))
            col_width(r, a);
        r->drop++;
        return;
    }
    int body = r->in_head && el == E_BODY;
    if (open_in_head(r, el, a))
        return;
    if (!body) {
        if (r->depth && (r->st[r->depth - 1].flags & F_DROPID)) {
            open_in_pagenum(r, el, a);
            return;
        }
        if (el == E_DROP && !strcasecmp(lname, "col"))
            col_width(r, a);
        r->colgroup = el == E_DROP && !strcasecmp(lname, "colgroup");
        if (el == E_DROP || el == E_META || el == E_TITLE ||
            (r->h->epub && is_epub_furniture(a)) ||
            (r->h->epub && el == E_SECTION && !strcmp(lname, "nav"))) {
            end_inlines(r);
            r->drop = 1;
            return;
        }
    }
    if (r->depth && (r->st[r->depth - 1].flags & F_RAW)) {
        open_in_raw(r, el, a);
        return;
    }
    opener *op = (size_t)el < sizeof openers / sizeof openers[0] && openers[el] ? openers[el]
                                                                                : open_plain;
    op(r, lname, el, a, att(a, "class"));
}

static void finish_block(struct hr *r, struct frame *f);

static void
close_el(struct hr *r)
{
    if (r->drop) {
        r->drop--;
        return;
    }
    if (r->in_head) {
        if (r->title_at && r->in_head == r->title_at) {
            if (r->raw.len && !r->h->head.title)
                r->h->head.title = sz_xstrdup(r->raw.data);
            sz_buf_clear(&r->raw);
            r->title_at = 0;
        }
        r->in_head--;
        return;
    }
    if (r->depth <= 1)
        return;
    struct frame *f = &r->st[r->depth - 1];
    struct sz_node *n = f->node;
    if (n && (n->kind == SZ_CODEBLOCK || n->kind == SZ_CODE || n->kind == SZ_MATH) &&
        (f->flags & F_RAW) && !(r->depth > 1 && (r->st[r->depth - 2].flags & F_RAW))) {
        const char *s = r->raw.data ? r->raw.data : "";
        size_t len = r->raw.len;
        if (n->kind == SZ_CODEBLOCK) {
            if (len && s[0] == '\n')
                s++, len--;
            while (len && s[len - 1] == '\n')
                len--;
            sz_node_set_text(r->doc, n, s, len);
        } else if (n->kind == SZ_MATH) {
            sz_node_set_text(r->doc, n, s, len);
        } else {
            /* inline code keeps its spaces; a line break in it is one */
            sz_node_set_text(r->doc, n, s, len);
            for (char *q = (char *)n->text; *q; q++)
                if (*q == '\n' || *q == '\r' || *q == '\t')
                    *q = ' ';
        }
        sz_buf_clear(&r->raw);
    } else {
        flush_words(r);
    }
    if (f->anchor && n) {
        /* <li id><p>: the id goes to the start of the first paragraph */
        struct sz_node *p = n;
        if (n->kind == SZ_ITEM) {
            p = n->first;
            if (!p || (p->kind != SZ_PARA && p->kind != SZ_PLAIN)) {
                p = sz_node_new(r->doc, SZ_PLAIN);
                sz_node_prepend(n, p);
            }
        }
        place_anchor(r, f, p);
    }
    if (n && !(f->flags & F_RAW))
        finish_block(r, f);
    if (n && (sz_kind_is_block(n->kind) || n->kind == SZ_ITEM || n->kind == SZ_CELL ||
              n->kind == SZ_TERM || n->kind == SZ_DEFN || n->kind == SZ_CAPTION))
        r->space = 0;
    r->depth--;
}

static void
characters(struct hr *r, const char *s, size_t n)
{
    if (r->drop || r->h->failed)
        return;
    if (r->in_head) {
        if (r->title_at && r->in_head == r->title_at && r->raw.len + n < SZ_HTML_MAX_META)
            sz_buf_put(&r->raw, s, n);
        return;
    }
    if (r->depth && (r->st[r->depth - 1].flags & F_DROPID))
        return;
    if (r->depth && (r->st[r->depth - 1].flags & F_RAW)) {
        struct frame *f = &r->st[r->depth - 1];
        for (size_t i = r->depth; i-- > 0;)
            if (r->st[i].el == E_PRE) {
                f = &r->st[i];
                break;
            }
        if (f->pre_nl && f->el == E_PRE) {
            f->pre_nl = 0;
            if (n && s[0] == '\n')
                s++, n--;
        }
        sz_buf_put(&r->raw, s, n);
        return;
    }
    put_text(r, s, n);
}

/* }================================================================== */

/* {=================================================================
** Closing blocks: tables, figures, poems
** ================================================================== */

/* The leading <th> cells of a row (sub2 marks a header cell until the
** table is done); all of them when every cell is one. */
static int
leading_th(const struct sz_node *row, int *all)
{
    int n = 0;
    const struct sz_node *c = row->first;
    for (; c && c->sub2; c = c->next)
        n++;
    *all = row->first && !c;
    return n;
}

/* A body's first rows of header cells only are its own head rows, and its
** row-head columns are the most leading header cells of its other rows
** (pandoc's reader); the EPUB writer writes both so. */
static void
body_heads(struct sz_node *body)
{
    struct sz_node *bh = body->first;
    int all = 0;
    if (!bh || bh->kind != SZ_TBODY_HEAD)
        return;                     /* every body is made with one first */
    while (bh->next && bh->next->kind == SZ_ROW && (leading_th(bh->next, &all), all)) {
        struct sz_node *row = bh->next;
        sz_node_unlink(row);
        sz_node_append(bh, row);
    }
    int most = 0;
    for (struct sz_node *row = bh->next; row; row = row->next)
        if (row->kind == SZ_ROW) {
            int k = leading_th(row, &all);
            if (k > most)
                most = k;
        }
    body->ival = most;
}

static void
finish_table(struct hr *r, struct sz_node *t)
{
    struct sz_doc *doc = r->doc;
    int ncols = 0, nrows = 0;
    struct sz_node *head = NULL, *foot = NULL;
    /* the widths its <col>s gave (col_width), in order */
    double widths[64] = { 0 };
    int nwidths = 0;
    for (struct sz_node *p = t->first, *nx; p; p = nx) {
        nx = p->next;
        if (p->kind == SZ_COLSPEC) {
            if (nwidths < 64)
                widths[nwidths++] = p->width;
            sz_node_unlink(p);
        }
    }
    for (struct sz_node *p = t->first; p; p = p->next) {
        if (p->kind == SZ_THEAD && !head)
            head = p;
        if (p->kind == SZ_TFOOT && !foot)
            foot = p;
        for (struct sz_node *row = p->first; row; row = row->next) {
            if (row->kind != SZ_ROW)
                continue;
            int w = 0;
            nrows++;
            for (struct sz_node *c = row->first; c; c = c->next)
                w += c->ival2 > 0 ? c->ival2 : 1;
            if (w > ncols)
                ncols = w;
        }
    }
    if (!nrows) {
        /* A table with no rows shows nothing but its caption. */
        struct sz_node *cap = t->first;
        while (cap->first) {
            struct sz_node *b = cap->first;
            sz_node_unlink(b);
            sz_node_insert_before(t, b);
        }
        sz_node_unlink(t);
        return;
    }
    /* No <thead>: a first row of header cells is the head (pandoc). */
    if (!head) {
        head = sz_node_new(doc, SZ_THEAD);
        struct sz_node *b = t->first->next;
        while (b && b->kind != SZ_TBODY)
            b = b->next;
        if (b && b->first && b->first->next && b->first->next->kind == SZ_ROW) {
            struct sz_node *row = b->first->next;
            int all_th = row->first != NULL;
            for (struct sz_node *c = row->first; c; c = c->next)
                if (!c->sub2)
                    all_th = 0;
            if (all_th && row->next) {
                sz_node_unlink(row);
                sz_node_append(head, row);
            }
        }
        sz_node_insert_after(t->first, head);
    } else if (head != t->first->next) {
        sz_node_unlink(head);
        sz_node_insert_after(t->first, head);
    }
    /* Columns take the alignment of the first row's cells (pandoc). */
    struct sz_node *row1 = head->first;
    if (!row1)
        for (struct sz_node *p = head->next; p && !row1; p = p->next)
            if (p->kind == SZ_TBODY && p->first)
                row1 = p->first->next;
    struct sz_node *cell = row1 ? row1->first : NULL;
    struct sz_node *after = t->first;
    for (int i = 0; i < ncols; i++) {
        struct sz_node *cs = sz_node_new(doc, SZ_COLSPEC);
        cs->width = i < nwidths ? widths[i] : 0;
        if (cell) {
            cs->sub = cell->sub;
            if (cell->ival2 <= 1 || i + 1 >= ncols)
                cell = cell->next;
        }
        sz_node_insert_after(after, cs);
        after = cs;
    }
    if (!foot) {
        foot = sz_node_new(doc, SZ_TFOOT);
        sz_node_append(t, foot);
    } else if (foot != sz_node_last(t)) {
        sz_node_unlink(foot);
        sz_node_append(t, foot);
    }
    /* Several heads or feet: the later ones become bodies' rows. */
    for (struct sz_node *p = head->next, *nx; p; p = nx) {
        nx = p->next;
        if ((p->kind == SZ_THEAD || p->kind == SZ_TFOOT) && p != foot) {
            struct sz_node *b = sz_node_new(doc, SZ_TBODY);
            sz_node_append(b, sz_node_new(doc, SZ_TBODY_HEAD));
            sz_node_append_children(b, p);
            sz_node_replace(p, b);
        }
    }
    if (!head->next || head->next->kind == SZ_TFOOT) {
        struct sz_node *b = sz_node_new(doc, SZ_TBODY);
        sz_node_append(b, sz_node_new(doc, SZ_TBODY_HEAD));
        sz_node_insert_after(head, b);
    }
    for (struct sz_node *p = head->next; p; p = p->next)
        if (p->kind == SZ_TBODY)
            body_heads(p);
    for (struct sz_node *p = t->first; p; p = p->next)
        for (struct sz_node *row = p->first; row; row = row->next)
            for (struct sz_node *c = row->kind == SZ_ROW ? row->first : NULL; c; c = c->next)
                c->sub2 = 0;
}

/* A figure's caption goes first; a figure needs one. */
static void
finish_figure(struct hr *r, struct sz_node *fig)
{
    struct sz_node *cap = NULL;
    for (struct sz_node *c = fig->first; c; c = c->next)
        if (c->kind == SZ_CAPTION) {
            cap = c;
            break;
        }
    if (!cap)
        cap = sz_node_new(r->doc, SZ_CAPTION);
    else
        sz_node_unlink(cap);
    sz_node_prepend(fig, cap);
    for (struct sz_node *c = cap->next, *nx; c; c = nx) {
        nx = c->next;
        if (c->kind == SZ_CAPTION) {
            /* a second figcaption: its blocks join the first */
            sz_node_append_children(cap, c);
            sz_node_unlink(c);
        }
    }
}

static int
only_image(const struct sz_node *b)
{
    if (!b || (b->kind != SZ_PLAIN && b->kind != SZ_PARA))
        return 0;
    int imgs = 0;
    for (const struct sz_node *c = b->first; c; c = c->next) {
        if (c->kind == SZ_IMAGE)
            imgs++;
        else if (c->kind == SZ_LINK && c->first && !c->first->next &&
                 c->first->kind == SZ_IMAGE)
            imgs++;
        else if (!(c->kind == SZ_SPAN && !c->first) && c->kind != SZ_SPACE &&
                 c->kind != SZ_SOFTBREAK && c->kind != SZ_LINEBREAK)
            return 0;
    }
    return imgs == 1;
}

/* PG's picture: a Div of one image and a caption paragraph (p.caption,
** or a Div classed caption) is a Figure. */
static void
maybe_figure(struct hr *r, struct sz_node *d)
{
    struct sz_node *img = NULL, *cap = NULL;
    for (struct sz_node *c = d->first; c; c = c->next) {
        if (!img && only_image(c))
            img = c;
        else if (!cap && (sz_map_get(&r->h->caption, c) ||
                          (c->kind == SZ_DIV && sz_attr_has_class(c->attr, "caption"))))
            cap = c;
        else
            return;
    }
    if (!img || !cap)
        return;
    struct sz_node *caption = sz_node_new(r->doc, SZ_CAPTION);
    sz_node_unlink(cap);
    if (cap->kind == SZ_DIV) {
        sz_node_append_children(caption, cap);
    } else {
        cap->kind = SZ_PLAIN;
        sz_node_append(caption, cap);
    }
    img->kind = SZ_PLAIN;
    d->kind = SZ_FIGURE;
    sz_node_prepend(d, caption);
}

static int
is_lines_class(const struct sz_node *n)
{
    for (size_t i = 0; i < n->attr->nclasses; i++) {
        const char *c = n->attr->classes[i];
        if (!strcasecmp(c, "stanza") || !strcasecmp(c, "line-block") ||
            !strcasecmp(c, "verse") || !strcasecmp(c, "poem") || !strcasecmp(c, "poetry") ||
            !strcasecmp(c, "lg"))
            return 1;
    }
    return 0;
}

static int
is_anchor(const struct sz_node *c)
{
    return c && c->kind == SZ_SPAN && !c->first && *c->attr->id && !c->attr->nclasses &&
           !c->attr->nkvs;
}

/* <h2><a id="chap1"></a>Chapter I</h2>, or the anchor just before the
** heading: the id is the heading's. */
static void
header_anchor(struct hr *r, struct sz_node *h)
{
    if (*h->attr->id)
        return;
    struct sz_node *a = h->first, *prev = sz_node_prev(h);
    if (!is_anchor(a)) {
        a = NULL;
        if (prev && prev->kind == SZ_PLAIN && prev->first && !prev->first->next &&
            is_anchor(prev->first))
            a = prev->first;
    }
    if (!a)
        return;
    sz_node_attr(r->doc, h)->id = a->attr->id;
    sz_map_put(&r->h->ids, h->attr->id, h);
    note_id(r, h, h->attr->id);
    struct sz_node *p = a->parent;
    sz_node_unlink(a);
    if (p != h && !p->first)
        sz_node_unlink(p);
    while (h->first && h->first->kind == SZ_SPACE)
        sz_node_unlink(h->first);
}

static void
finish_block(struct hr *r, struct frame *f)
{
    struct sz_node *n = f->node;
    switch (n->kind) {
    case SZ_TABLE:
        finish_table(r, n);
        break;
    case SZ_FIGURE:
        finish_figure(r, n);
        break;
    case SZ_DIV:
        if (is_lines_class(n)) {
            /* A stanza (or a poem without stanzas) becomes a LineBlock;
            ** a poem of stanzas stays a Div of LineBlocks. */
            int nested = 0;
            for (struct sz_node *c = n->first; c; c = c->next)
                if (c->kind == SZ_LINEBLOCK || (c->kind == SZ_DIV && c->first))
                    nested = 1;
            if (!nested || sz_attr_has_class(n->attr, "stanza") ||
                sz_attr_has_class(n->attr, "line-block")) {
                struct sz_node *lb = sz_html_lines(r->h, n);
                if (lb && !sz_attr_has_class(n->attr, "stanza") &&
                    !sz_attr_has_class(n->attr, "line-block")) {
                    /* keep the poem's Div around its one stanza */
                    struct sz_node *d = sz_node_new(r->doc, SZ_DIV);
                    d->attr = n->attr;
                    n->attr = &sz_attr_empty;   /* d's now: not to be reused */
                    sz_node_replace(n, d);
                    sz_node_append(d, lb);
                } else if (lb) {
                    sz_node_replace(n, lb);
                }
                if (lb && sz_map_get(&r->h->notebox, n))
                    sz_map_put(&r->h->notebox, lb, lb);
                if (lb)
                    sz_html_spare(r->h, n);
                return;
            }
        }
        if (sz_map_get(&r->h->notebox, n))
            return;
        maybe_figure(r, n);
        if (n->kind == SZ_DIV && attr_empty(n) && n->parent) {
            /* A Div with no attributes means nothing: its blocks stay. */
            while (n->first) {
                struct sz_node *b = n->first;
                sz_node_unlink(b);
                sz_node_insert_before(n, b);
            }
            sz_node_unlink(n);
        }
        break;
    case SZ_PARA:
        if (!n->first) {
            sz_node_unlink(n);
        } else if (f->flags & F_LINES) {
            struct sz_node *lb = sz_html_lines(r->h, n);
            if (lb) {
                sz_node_replace(n, lb);
                if (sz_map_get(&r->h->notebox, n))
                    sz_map_put(&r->h->notebox, lb, lb);
                sz_html_spare(r->h, n);
            }
        }
        break;
    case SZ_HEADER: {
        header_anchor(r, n);
        /* A heading with no words (an image, an anchor) titles nothing. */
        int words = 0;
        struct sz_iter it;
        sz_iter_init(&it, n);
        while (!words && sz_iter_next(&it) != SZ_EV_DONE)
            words = it.cur->kind == SZ_STR || it.cur->kind == SZ_CODE || it.cur->kind == SZ_MATH;
        if (!words)
            n->kind = n->first ? SZ_PLAIN : SZ_PARA;
        if (!n->first)
            sz_node_unlink(n);
        break;
    }
    default:
        break;
    }
}

/* }================================================================== */

/* {=================================================================
** Parsing
** ================================================================== */

static void
lower(char *out, size_t cap, const char *s)
{
    size_t i = 0;
    /* XHTML in a namespace prefix (html:p) reads as p */
    const char *colon = strchr(s, ':');
    if (colon && strncmp(s, "epub", 4) && strncmp(s, "xlink", 5))
        s = colon + 1;
    for (; s[i] && i + 1 < cap; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[i] = '\0';
}

/* </math>: the formula written out as TeX. */
static void
end_math(struct hr *r)
{
    struct sz_buf t = SZ_BUF_INIT;
    sz_mml_tex(r->mml, &t);
    sz_node_set_text(r->doc, r->math, t.data ? t.data : "", t.len);
    sz_buf_free(&t);
    sz_mml_free(r->mml);
    r->mml = NULL;
    r->math = NULL;
}

static void
sax_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
    struct hr *r = ud;
    char ln[32];
    lower(ln, sizeof ln, (const char *)name);
    if (r->mml) {
        if (!r->h->failed && sz_mml_open(r->mml, ln, (const char **)atts) < 0) {
            char lim[32];
            snprintf(lim, sizeof lim, "%d", SZ_MAX_DEPTH);
            fail(r, "elements nested deeper than %s levels", lim);
        }
        return;
    }
    open_el(r, ln, el_of(ln), (const char **)atts);
}

static void
sax_end(void *ud, const xmlChar *name)
{
    struct hr *r = ud;
    char ln[32];
    lower(ln, sizeof ln, (const char *)name);
    if (r->mml) {
        if (sz_mml_close(r->mml))
            end_math(r);
        return;
    }
    enum el el = el_of(ln);
    if (r->drop || r->in_head) {
        close_el(r);
        return;
    }
    /* Void elements were popped already; others pop their own frame. */
    if (el == E_BR || el == E_HR || el == E_IMG || el == E_SVGIMAGE || el == E_META) {
        if (r->depth > 1 && r->st[r->depth - 1].el == el)
            r->depth--;
        return;
    }
    if (el == E_HEAD || el == E_TITLE)
        return;
    /* An end tag pops the frames above its own (the HTML parser closes
    ** implied elements itself; this guards the XML recovery mode). */
    size_t i = r->depth;
    while (i > 1 && r->st[i - 1].el != el)
        i--;
    if (i <= 1)
        return;
    while (r->depth >= i)
        close_el(r);
}

static void
sax_chars(void *ud, const xmlChar *s, int n)
{
    struct hr *r = ud;
    if (r->mml) {
        sz_mml_text(r->mml, (const char *)s, n > 0 ? (size_t)n : 0);
        return;
    }
    characters(ud, (const char *)s, n > 0 ? (size_t)n : 0);
}

static void
sax_error(void *ud, const char *fmt, ...)
{
    struct hr *r = ud;
    xmlParserCtxtPtr c = r->ctxt;
    /* Only the first error is told: recovery makes the rest follow from it. */
    if (!r->xml || !c || r->nerrors++ > 0 || r->h->failed)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t k = strlen(msg);
    while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
        msg[--k] = '\0';
    sz_diag_add(&r->doc->diags, SZ_WARNING, 0, r->file, cur_line(r), 0, cur_offset(r),
                "not well-formed XHTML (%s); read as well as it could be", msg);
}

static xmlEntityPtr
sax_entity(void *ud, const xmlChar *name)
{
    SZ_UNUSED(ud);
    return xmlGetPredefinedEntity(name);
}

/* The code point of the HTML named entity at s (an '&'), when XML does not
** know it (&nbsp; not &amp;); else 0.  *end gets the index past its ';'. */
static unsigned
html_entity_at(const char *s, size_t n, size_t *end)
{
    size_t j = 1;
    while (j < n && j < 32 && isalnum((unsigned char)s[j]))
        j++;
    if (j >= n || s[j] != ';' || j == 1)
        return 0;
    char name[40];
    memcpy(name, s + 1, j - 1);
    name[j - 1] = '\0';
    if (!strcmp(name, "amp") || !strcmp(name, "lt") || !strcmp(name, "gt") ||
        !strcmp(name, "quot") || !strcmp(name, "apos"))
        return 0;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    *end = j + 1;
    return e->value;
}

int
sz_html_has_entities(const char *s, size_t n, size_t upto)
{
    size_t end;
    for (size_t i = 0; i < upto && i < n; i++)
        if (s[i] == '&' && html_entity_at(s + i, n - i, &end))
            return 1;
    return 0;
}

/* XHTML may use HTML's named entities without a DTD we would load: they
** become character references before the XML parser sees them. */
static void
xml_entities(const char *s, size_t n, struct sz_buf *out)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        size_t end;
        unsigned cp;
        if (s[i] != '&' || !(cp = html_entity_at(s + i, n - i, &end)))
            continue;
        sz_buf_put(out, s + run, i - run);
        sz_buf_printf(out, "&#%u;", cp);
        run = i + end;
        i = run - 1;
    }
    if (run == 0)
        return;
    sz_buf_put(out, s + run, n - run);
}

/* The bytes handed to libxml2 as a stream, a piece at a time: its memory
** parsers copy a whole book into their own buffer first, where this way
** it holds a few pieces (the parser drops what it has read). */
struct src {
    const char *p;
    size_t left;
    sz_html_pull pull;         /* or a caller's stream */
    void *ud;
};

static int
src_read(void *ud, char *buf, int len)
{
    struct src *s = ud;
    if (s->pull)
        return s->pull(s->ud, buf, len);
    size_t n = len > 0 ? (size_t)len : 0;
    if (n > s->left)
        n = s->left;
    memcpy(buf, s->p, n);
    s->p += n;
    s->left -= n;
    return (int)n;
}

static int
src_close(void *ud)
{
    SZ_UNUSED(ud);
    return 0;
}

static xmlParserCtxtPtr
parser_streaming(struct src *s, int xml)
{
    xmlParserCtxtPtr ctxt = xml ? xmlNewParserCtxt() : htmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    xmlParserInputBufferPtr buf =
        xmlParserInputBufferCreateIO(src_read, src_close, s, XML_CHAR_ENCODING_NONE);
    xmlParserInputPtr in = buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
    if (!in) {
        if (buf)
            xmlFreeParserInputBuffer(buf);
        if (xml)
            xmlFreeParserCtxt(ctxt);
        else
            htmlFreeParserCtxt(ctxt);
        return NULL;
    }
    inputPush(ctxt, in);
    return ctxt;
}

static int
read_src(struct sz_html *h, struct src *src, int xml, const char *file, struct sz_node *parent)
{
    struct hr r;
    memset(&r, 0, sizeof r);
    r.h = h;
    r.doc = h->doc;
    r.file = file;
    r.xml = xml;
    r.words = (struct sz_buf)SZ_BUF_INIT;
    r.raw = (struct sz_buf)SZ_BUF_INIT;
    struct frame *root = push(&r, E_BODY, parent);
    SZ_UNUSED(root);

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = sax_start;
    sax.endElement = sax_end;
    sax.characters = sax_chars;
    sax.cdataBlock = sax_chars;
    sax.ignorableWhitespace = sax_chars;
    sax.getEntity = sax_entity;
    sax.error = sax_error;
    sax.fatalError = sax_error;
    sax.initialized = 1;       /* SAX1: names as written, no DOM */

    xmlParserCtxtPtr ctxt;
    if (xml) {
        ctxt = parser_streaming(src, 1);
        if (ctxt)
            xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOWARNING |
                                        XML_PARSE_IGNORE_ENC);
    } else {
        ctxt = parser_streaming(src, 0);
        if (ctxt) {
            htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                                         HTML_PARSE_NOIMPLIED);
            xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
        }
    }
    if (!ctxt) {
        free(r.st);
        sz_diag_add(&h->doc->diags, SZ_ERROR, SZ_EXIT_PARSE, file, 0, 0, 0,
                    "cannot be parsed (at byte offset 0)");
        return -1;
    }
    xmlSAXHandlerPtr old = ctxt->sax;
    ctxt->sax = &sax;
    ctxt->userData = &r;
    ctxt->replaceEntities = 0;
    ctxt->loadsubset = 0;
    ctxt->validate = 0;
    r.ctxt = ctxt;
    if (xml)
        xmlParseDocument(ctxt);
    else
        htmlParseDocument(ctxt);
    if (r.mml)                  /* a <math> the page never closed */
        end_math(&r);
    end_inlines(&r);
    while (r.depth > 1 && !h->failed)
        close_el(&r);
    ctxt->sax = old;
    r.ctxt = NULL;
    if (xml)
        xmlFreeParserCtxt(ctxt);
    else
        htmlFreeParserCtxt(ctxt);
    sz_buf_free(&r.words);
    sz_buf_free(&r.raw);
    free(r.st);
    return h->failed ? -1 : 0;
}

int
sz_html_read(struct sz_html *h, const char *data, size_t len, int xml, const char *file,
             struct sz_node *parent)
{
    /* An empty file is an empty document, as in pandoc (libxml2 makes no
    ** parser for no bytes). */
    if (!xml && len == 0)
        return 0;
    struct sz_buf ent = SZ_BUF_INIT;
    if (xml) {
        xml_entities(data, len, &ent);
        if (ent.len) {
            data = ent.data;
            len = ent.len;
        }
    }
    if (len > INT_MAX) {
        sz_buf_free(&ent);
        sz_diag_add(&h->doc->diags, SZ_ERROR, SZ_EXIT_PARSE, file, 0, 0, 0,
                    "cannot be parsed (at byte offset 0)");
        return -1;
    }
    struct src src = { data, len, NULL, NULL };
    int rc = read_src(h, &src, xml, file, parent);
    sz_buf_free(&ent);
    return rc;
}

int
sz_html_read_pull(struct sz_html *h, sz_html_pull pull, void *ud, int xml, const char *file,
                  struct sz_node *parent)
{
    struct src src = { NULL, 0, pull, ud };
    return read_src(h, &src, xml, file, parent);
}

void
sz_html_init(struct sz_html *h, struct sz_doc *doc, const struct sz_ropts *o)
{
    memset(h, 0, sizeof *h);
    h->doc = doc;
    h->o = o;
    h->ids.strkeys = 1;
    h->classes.strkeys = 1;
    h->classlists.strkeys = 1;
}

void
sz_html_fini(struct sz_html *h)
{
    sz_map_free(&h->ids);
    sz_map_free(&h->notebox);
    sz_map_free(&h->noteref);
    sz_map_free(&h->caption);
    sz_map_free(&h->classes);
    sz_map_free(&h->classlists);
    sz_map_free(&h->held);
    free(h->spare_attr);
    free(h->links.v);
    free(h->anchors.v);
    free(h->head.title);
    free(h->head.lang);
    for (size_t i = 0; i < h->head.nmeta; i++) {
        free(h->head.keys[i]);
        free(h->head.vals[i]);
    }
    free(h->head.keys);
    free(h->head.vals);
}

/* }================================================================== */
