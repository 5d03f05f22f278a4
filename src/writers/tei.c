/*
** tei.c
** The TEI P5 writer: a complete TEI document, valid against tei_all, for any tree.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "core/registry.h"
#include "writers/tei.h"

/* The walk keeps two stacks.  Frames follow the tree: one per container
** node entered, saying what its children may become (the context) and how
** many elements to close at its EXIT.  Divisions follow TEI's <div>
** nesting, which headings drive: a heading closes the open divisions of its
** level or deeper and opens its own, so they outlive the node that opened
** them.
**
** Every block is written by what its context allows (see tei.h): a Para is
** a <p> in a div, an <ab> inside an <ab>, and plain text joined by <lb/>
** inside a <head>; a Header opens a <div> only where divisions may nest.
** That is how every tree, however odd, gives a valid document. */

struct tei_frame {
    const struct sz_node *n;
    unsigned char ctx;         /* enum tei_ctx of the children */
    unsigned char nclose;      /* elements to end at EXIT */
    unsigned char flat;        /* written as text into its parent's element */
    unsigned char blk;         /* the last child written was a block element */
    unsigned char run;         /* the last child written was flat text */
    unsigned char item_open;   /* definition entry: <item> started */
    unsigned char head_rows;   /* table part whose rows are labels */
    int owner;                 /* frame whose run/blk this frame's children update */
    size_t dmark;              /* division depth to return to at EXIT */
    long counter;              /* ordered list: next item number */
    /* tables */
    int ncols, rowhead, col, rows;
    const struct sz_node **cols;
    int *occ;
    int tbl;                   /* frame index of the enclosing table, or -1 */
};

enum div_kind { D_BODY, D_PANDOC, D_HEADER, D_IMPLICIT };
enum div_state { S_TOP, S_COMMON, S_DIVS };

struct tei_div {
    unsigned char kind, state;
    int level;
    const struct sz_node *merge;   /* Header written as this div's head */
};

/* {=================================================================
** Stacks
** ================================================================== */


/* Pending text handed to libxml2 once it is this long, inside a paragraph. */
#define TEI_PEND_MAX (256 * 1024)

static struct tei_frame *
push_frame(struct tei *t, const struct sz_node *n, int ctx)
{
    if (t->nfr == t->capfr) {
        t->capfr = t->capfr ? t->capfr * 2 : 64;
        t->fr = sz_xrealloc(t->fr, t->capfr * sizeof *t->fr);
    }
    struct tei_frame *f = &t->fr[t->nfr];
    memset(f, 0, sizeof *f);
    f->n = n;
    f->ctx = (unsigned char)ctx;
    f->owner = (int)t->nfr;
    f->tbl = -1;
    f->dmark = t->nds;
    t->nfr++;
    return f;
}

static void
push_div(struct tei *t, enum div_kind k, int level)
{
    if (t->nds == t->capds) {
        t->capds = t->capds ? t->capds * 2 : 16;
        t->ds = sz_xrealloc(t->ds, t->capds * sizeof *t->ds);
    }
    struct tei_div *d = &t->ds[t->nds++];
    d->kind = (unsigned char)k;
    d->state = S_TOP;
    d->level = level;
    d->merge = NULL;
}

static void
pop_div(struct tei *t)
{
    tei_nl(t);
    tei_end(t);
    t->nds--;
}

/* }================================================================== */

/* {=================================================================
** Attributes
** ================================================================== */

enum { A_TYPE = 1, A_NOID = 2, A_NOLANG = 4 };

/* Writes what a node's Attr says, the way the README's table describes:
** xml:id from the identifier (made a unique NCName), @type from a "type"
** attribute or else the first class (for elements that have @type), @rend
** from the other classes and a "rend" attribute, xml:lang, @n and @style
** from attributes of those names.  deftype/rend0 are the element's own. */
static void
put_attrs(struct tei *t, const struct sz_node *n, unsigned flags, const char *deftype,
          const char *rend0)
{
    const struct sz_attr *a = n ? n->attr : NULL;
    struct sz_buf type = SZ_BUF_INIT, rend = SZ_BUF_INIT;
    size_t first = 0;
    if (a && !(flags & A_NOID)) {
        const char *id = tei_map_get(&t->id_of_node, n);
        if (id)
            tei_attr(t, "xml:id", id);
    }
    if (a && (flags & A_TYPE)) {
        const char *ty = sz_attr_get(a, "type");
        if (ty)
            tei_token(&type, ty);
        else
            for (; first < a->nclasses && !type.len; first++)
                tei_token(&type, a->classes[first]);
    }
    if (!type.len && deftype)
        sz_buf_puts(&type, deftype);
    if (type.len)
        tei_attr(t, "type", type.data);
    if (rend0)
        sz_buf_puts(&rend, rend0);
    for (size_t i = first; a && i < a->nclasses; i++) {
        if (rend.len)
            sz_buf_putc(&rend, ' ');
        if (!tei_token(&rend, a->classes[i]) && rend.len)
            rend.len--;
    }
    const char *r = a ? sz_attr_get(a, "rend") : NULL;
    if (r) {
        for (const char *p = r; *p;) {
            size_t k = strcspn(p, " \t\n");
            if (k) {
                char *tok = sz_xmalloc(k + 1);
                memcpy(tok, p, k);
                tok[k] = '\0';
                if (rend.len)
                    sz_buf_putc(&rend, ' ');
                if (!tei_token(&rend, tok) && rend.len)
                    rend.len--;
                free(tok);
            }
            p += k;
            p += strspn(p, " \t\n");
        }
    }
    if (rend.len && rend.data[rend.len - 1] == ' ')
        rend.data[--rend.len] = '\0';
    if (rend.len)
        tei_attr(t, "rend", rend.data);
    if (a && !(flags & A_NOLANG)) {
        const char *l = sz_attr_get(a, "lang");
        if (l && tei_lang_ok(l, &t->tmp))
            tei_attr(t, "xml:lang", t->tmp.data);
    }
    if (a) {
        const char *v = sz_attr_get(a, "n");
        if (v)
            tei_attr(t, "n", v);
        v = sz_attr_get(a, "style");
        if (v)
            tei_attr(t, "style", v);
    }
    sz_buf_free(&type);
    sz_buf_free(&rend);
}

/* }================================================================== */

/* {=================================================================
** Helpers for blocks
** ================================================================== */

static const char *
div_type(const struct tei *t, int level)
{
    static const char *const names[] = { "part", "chapter", "section" };
    /* JSON and Lua filters may give any int: clamp before the arithmetic */
    int lv = level < 1 ? 1 : level > 3 ? 3 : level;
    int i = lv - 1 + (t->top_division == 2 ? 0 : t->top_division == 1 ? 2 : 1);
    return names[i > 2 ? 2 : i];
}

/* Does a Div hold a Header, directly or through Divs only?  Then it is a
** division of the text and becomes a <div>. */
static int
has_section(const struct sz_node *div)
{
    struct sz_iter it;
    enum sz_ev ev;
    sz_iter_init(&it, (struct sz_node *)div);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        if (ev != SZ_EV_ENTER)
            continue;
        if (it.cur->kind == SZ_HEADER)
            return 1;
        if (it.cur != div && it.cur->kind != SZ_DIV)
            sz_iter_skip_children(&it);
    }
    return 0;
}

/* The only Image of a Para/Plain (spaces aside), or NULL. */
static const struct sz_node *
lone_image(const struct sz_node *p)
{
    const struct sz_node *img = NULL;
    for (const struct sz_node *c = p->first; c; c = c->next) {
        if (c->kind == SZ_SPACE || c->kind == SZ_SOFTBREAK)
            continue;
        if (c->kind != SZ_IMAGE || img)
            return NULL;
        img = c;
    }
    return img;
}

/* A common block (p, list, table...) is about to be written into the
** current division: after a nested <div> TEI allows no more of them, so
** an unnamed <div> takes what follows. */
static void
div_common(struct tei *t)
{
    struct tei_div *d = &t->ds[t->nds - 1];
    if (d->state == S_DIVS) {
        tei_nl(t);
        tei_start(t, "div");
        push_div(t, D_IMPLICIT, 0);
        d = &t->ds[t->nds - 1];
    }
    d->state = S_COMMON;
}

static void
graphic(struct tei *t, const struct sz_node *img, int figdesc)
{
    struct sz_buf b = SZ_BUF_INIT;
    tei_uri(&b, img->target->url ? img->target->url : "");
    tei_start(t, "graphic");
    put_attrs(t, img, A_TYPE, NULL, NULL);
    tei_attr(t, "url", b.data);
    static const char *const dims[] = { "width", "height" };
    for (int i = 0; i < 2; i++) {
        const char *v = sz_attr_get(img->attr, dims[i]);
        size_t k = 0;
        if (!v)
            continue;
        k += strspn(v, "+-") ? 1 : 0;
        size_t d = strspn(v + k, "0123456789");
        if (!d)
            continue;
        k += d;
        if (v[k] == '.' && strspn(v + k + 1, "0123456789")) {
            k++;
            k += strspn(v + k, "0123456789");
        }
        static const char *const units[] = { "%", "cm", "mm", "in", "pt", "pc", "px", "em",
                                             "ex", "ch", "rem", "vw", "vh", "vmin", "vmax" };
        for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
            if (!strcmp(v + k, units[u]))
                tei_attr(t, dims[i], v);
        if (!v[k]) {
            sz_buf_clear(&t->tmp);
            sz_buf_printf(&t->tmp, "%spx", v);
            tei_attr(t, dims[i], t->tmp.data);
        }
    }
    sz_buf_clear(&b);
    tei_plain(&b, img);
    tei_squeeze(&b);
    /* figdesc 2: the alt text is the caption, already the figure's head */
    if (b.len && !figdesc)
        tei_leaf(t, "desc", b.data);
    tei_end(t);
    if (b.len && figdesc == 1) {
        tei_nl(t);
        tei_leaf(t, "figDesc", b.data);
    }
    sz_buf_free(&b);
}

/* A Para holding only an image titled "fig:..." is pandoc 2's figure. */
static int
implicit_figure(const struct sz_node *p)
{
    const struct sz_node *img = lone_image(p);
    return img && img->target->url && img->target->url[0] && img->target->title && !strncmp(img->target->title, "fig:", 4);
}

static void
write_implicit_figure(struct tei *t, const struct sz_node *p)
{
    const struct sz_node *img = lone_image(p);
    tei_nl(t);
    tei_start(t, "figure");
    if (img->first) {
        tei_nl(t);
        tei_start(t, "head");
        tei_walk(t, img, TEI_X_INLINE);
        tei_end(t);
    }
    tei_nl(t);
    graphic(t, img, 2);
    tei_nl(t);
    tei_end(t);
}

static void
list_number(struct sz_buf *b, long k, int style)
{
    sz_buf_clear(b);
    if ((style == SZ_STYLE_LOWER_ALPHA || style == SZ_STYLE_UPPER_ALPHA) && k > 0) {
        char tmp[16];
        int i = 0;
        while (k > 0 && i < 15) {
            k--;
            tmp[i++] = (char)((style == SZ_STYLE_LOWER_ALPHA ? 'a' : 'A') + k % 26);
            k /= 26;
        }
        while (i > 0)
            sz_buf_putc(b, tmp[--i]);
    } else if ((style == SZ_STYLE_LOWER_ROMAN || style == SZ_STYLE_UPPER_ROMAN) && k > 0 &&
               k < 4000) {
        static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
        static const char *const sym[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix",
                                           "v", "iv", "i" };
        for (int i = 0; i < 13; i++)
            for (; k >= val[i]; k -= val[i])
                sz_buf_puts(b, sym[i]);
        if (style == SZ_STYLE_UPPER_ROMAN)
            for (size_t i = 0; i < b->len; i++)
                b->data[i] = (char)(b->data[i] - 'a' + 'A');
    } else {
        sz_buf_printf(b, "%ld", k);
    }
}

static const char *
style_name(int style)
{
    switch (style) {
    case SZ_STYLE_LOWER_ROMAN: return "lower-roman";
    case SZ_STYLE_UPPER_ROMAN: return "upper-roman";
    case SZ_STYLE_LOWER_ALPHA: return "lower-alpha";
    case SZ_STYLE_UPPER_ALPHA: return "upper-alpha";
    case SZ_STYLE_EXAMPLE: return "example";
    default: return "decimal";
    }
}

static const char *
align_name(int a)
{
    switch (a) {
    case SZ_ALIGN_LEFT: return "left";
    case SZ_ALIGN_RIGHT: return "right";
    case SZ_ALIGN_CENTER: return "center";
    default: return NULL;
    }
}

/* }================================================================== */

/* {=================================================================
** The walk
** ================================================================== */

/* Starts a block element in the frame f's element: separates it from what
** came before and records that a block was written. */
static void
block_start(struct tei *t, int pf, const char *name)
{
    struct tei_frame *o = &t->fr[t->fr[pf].owner];
    tei_nl(t);
    tei_start(t, name);
    o->run = 0;
    o->blk = 1;
}

/* A block written as flat text (no element of its own) into the owner's
** element: an <lb/> keeps it apart from flat text just before. */
static void
flat_start(struct tei *t, int pf, struct tei_frame *f)
{
    struct tei_frame *o = &t->fr[t->fr[pf].owner];
    if (o->run) {
        tei_start(t, "lb");
        tei_end(t);
    }
    f->flat = 1;
    f->owner = t->fr[pf].owner;
}

/* Handles the ENTER of a block n whose parent frame is pf.  Returns the
** new frame (containers) or NULL (leaves, already written). */
static struct tei_frame *
enter_block(struct tei *t, struct sz_iter *it, const struct sz_node *n, int pf)
{
    int pc = t->fr[pf].ctx;
    struct tei_frame *f = NULL;
    int container = sz_kind_is_container(n->kind);
    int global = n->kind == SZ_FIGURE || n->kind == SZ_HRULE || n->kind == SZ_RAWBLOCK ||
                 ((n->kind == SZ_PARA || n->kind == SZ_PLAIN) && implicit_figure(n));
    int section = n->kind == SZ_DIV && pc == TEI_X_DIV && has_section(n);

    if (pc == TEI_X_DIV && !global && n->kind != SZ_HEADER && !section)
        div_common(t);
    if (container)
        f = push_frame(t, n, TEI_X_SKIP);
    /* push_frame may move the array */
    struct tei_frame *parent = &t->fr[pf];

    switch (n->kind) {
    case SZ_PARA:
    case SZ_PLAIN:
        if (implicit_figure(n)) {
            size_t fi = (size_t)(f - t->fr);
            write_implicit_figure(t, n);
            f = &t->fr[fi];
            parent = &t->fr[pf];
            t->fr[parent->owner].run = 0;
            t->fr[parent->owner].blk = 1;
            sz_iter_skip_children(it);
            break;
        }
        f->ctx = TEI_X_INLINE;
        if (pc == TEI_X_FIGURE && lone_image(n) && lone_image(n)->target->url &&
            lone_image(n)->target->url[0]) {
            tei_nl(t);
            graphic(t, lone_image(n), 1);
            sz_iter_skip_children(it);
            f->ctx = TEI_X_SKIP;
        } else if (pc == TEI_X_PHRASE ||
                   ((pc == TEI_X_SPECIAL || pc == TEI_X_AB) && n->kind == SZ_PLAIN) ||
                   (pc == TEI_X_AB && !sz_node_prev(n) && !n->next)) {
            flat_start(t, pf, f);
        } else {
            block_start(t, pf, pc == TEI_X_AB ? "ab" : "p");
            f->nclose = 1;
        }
        break;
    case SZ_HEADER:
        f->ctx = TEI_X_INLINE;
        if (pc == TEI_X_DIV) {
            struct tei_div *top = &t->ds[t->nds - 1];
            if (top->merge == n) {
                tei_nl(t);
                tei_start(t, "head");
                put_attrs(t, n, 0, NULL, NULL);
                f->nclose = 1;
                break;
            }
            while (t->nds > 1) {
                top = &t->ds[t->nds - 1];
                if (top->kind == D_IMPLICIT || (top->kind == D_HEADER && top->level >= n->level))
                    pop_div(t);
                else
                    break;
            }
            t->ds[t->nds - 1].state = S_DIVS;
            tei_nl(t);
            tei_start(t, "div");
            push_div(t, D_HEADER, n->level);
            const char *ty = sz_attr_get(n->attr, "type");
            sz_buf_clear(&t->tmp);
            if (ty)
                tei_token(&t->tmp, ty);
            tei_attr(t, "type", t->tmp.len ? t->tmp.data : div_type(t, n->level));
            const char *id = tei_map_get(&t->id_of_node, n);
            if (id)
                tei_attr(t, "xml:id", id);
            tei_nl(t);
            tei_start(t, "head");
            put_attrs(t, n, A_NOID, NULL, NULL);
            f->nclose = 1;
            f->dmark = t->nds;
        } else if (pc == TEI_X_PHRASE) {
            flat_start(t, pf, f);
        } else {
            block_start(t, pf, "ab");
            sz_buf_clear(&t->tmp);
            sz_buf_printf(&t->tmp, "%d", n->level);
            put_attrs(t, n, 0, "heading", NULL);
            if (!sz_attr_get(n->attr, "n"))
                tei_attr(t, "n", t->tmp.data);
            f->nclose = 1;
        }
        break;
    case SZ_LINEBLOCK:
        block_start(t, pf, "lg");
        f->nclose = 1;
        f->ctx = TEI_X_LG;
        if (!n->first) {
            tei_nl(t);
            tei_start(t, "l");
            tei_end(t);
        }
        break;
    case SZ_CODEBLOCK: {
        block_start(t, pf, "eg");
        tei_attr(t, "xml:space", "preserve");
        const struct sz_attr *a = n->attr;
        const char *id = tei_map_get(&t->id_of_node, n);
        if (id)
            tei_attr(t, "xml:id", id);
        sz_buf_clear(&t->tmp);
        if (a->nclasses && tei_token(&t->tmp, a->classes[0])) {
            tei_start(t, "code");
            tei_attr(t, "lang", t->tmp.data);
            tei_text(t, n->text ? n->text : "", n->len);
            tei_end(t);
        } else {
            tei_text(t, n->text ? n->text : "", n->len);
        }
        tei_end(t);
        break;
    }
    case SZ_RAWBLOCK:
        t->nraw++;
        break;
    case SZ_BLOCKQUOTE:
        block_start(t, pf, "quote");
        f->nclose = 1;
        f->ctx = TEI_X_SPECIAL;
        break;
    case SZ_ORDEREDLIST:
    case SZ_BULLETLIST:
    case SZ_DEFLIST:
        block_start(t, pf, "list");
        f->nclose = 1;
        f->ctx = n->kind == SZ_DEFLIST ? TEI_X_DEFITEM : TEI_X_LIST;
        if (n->kind == SZ_ORDEREDLIST) {
            tei_attr(t, "type", "ordered");
            tei_attr(t, "rend", style_name(n->sub));
            f->counter = n->ival;
        } else if (n->kind == SZ_BULLETLIST) {
            tei_attr(t, "rend", "bulleted");
        } else {
            tei_attr(t, "type", "gloss");
        }
        if (!n->first) {
            tei_nl(t);
            tei_start(t, "item");
            tei_end(t);
        }
        break;
    case SZ_HRULE:
        tei_nl(t);
        tei_start(t, "milestone");
        tei_attr(t, "unit", "section");
        tei_end(t);
        break;
    case SZ_TABLE: {
        block_start(t, pf, "table");
        f->nclose = 1;
        f->ctx = TEI_X_TABLE;
        f->tbl = (int)(f - t->fr);
        size_t nc = 0;
        int rows = 0;
        for (const struct sz_node *c = n->first; c; c = c->next) {
            if (c->kind == SZ_COLSPEC)
                nc++;
            for (const struct sz_node *r = c->first; r; r = r->next) {
                if (r->kind == SZ_ROW)
                    rows++;
                else if (r->kind == SZ_TBODY_HEAD)
                    for (const struct sz_node *q = r->first; q; q = q->next)
                        rows++;
            }
        }
        f->ncols = (int)nc;
        f->cols = nc ? sz_xmalloc(nc * sizeof *f->cols) : NULL;
        f->occ = nc ? calloc(nc, sizeof *f->occ) : NULL;
        if (nc && !f->occ)
            sz_oom();
        nc = 0;
        for (const struct sz_node *c = n->first; c; c = c->next)
            if (c->kind == SZ_COLSPEC)
                f->cols[nc++] = c;
        put_attrs(t, n, A_TYPE, NULL, NULL);
        tei_attr_int(t, "rows", rows ? rows : 1);
        if (f->ncols)
            tei_attr_int(t, "cols", f->ncols);
        break;
    }
    case SZ_FIGURE:
        tei_nl(t);
        tei_start(t, "figure");
        put_attrs(t, n, A_TYPE, NULL, NULL);
        t->fr[parent->owner].run = 0;
        t->fr[parent->owner].blk = 1;
        f->nclose = 1;
        f->ctx = TEI_X_FIGURE;
        break;
    case SZ_DIV:
        if (section) {
            struct tei_div *top = &t->ds[t->nds - 1];
            if (top->kind == D_IMPLICIT) {
                pop_div(t);
                top = &t->ds[t->nds - 1];
            }
            top->state = S_DIVS;
            f->dmark = t->nds;
            tei_nl(t);
            tei_start(t, "div");
            push_div(t, D_PANDOC, 0);
            const struct sz_node *h = n->first;
            if (h && h->kind == SZ_HEADER) {
                t->ds[t->nds - 1].merge = h;
                t->ds[t->nds - 1].level = h->level;
            }
            put_attrs(t, n, A_TYPE, h && h->kind == SZ_HEADER ? div_type(t, h->level) : NULL,
                      NULL);
            f->ctx = TEI_X_DIV;
        } else if (pc == TEI_X_PHRASE) {
            f->ctx = TEI_X_PHRASE;
            f->owner = parent->owner;
        } else {
            block_start(t, pf, "ab");
            put_attrs(t, n, A_TYPE, NULL, NULL);
            f->nclose = 1;
            f->ctx = TEI_X_AB;
        }
        break;
    default:
        break;
    }
    if (f && f->nclose == 0 && !f->flat && n->kind != SZ_DIV)
        f->owner = t->fr[pf].owner;
    return f;
}

/* ENTER of a component (list item, table part, caption...) in frame pf. */
static struct tei_frame *
enter_part(struct tei *t, struct sz_iter *it, const struct sz_node *n, int pf)
{
    if (!sz_kind_is_container(n->kind))
        return NULL;
    struct tei_frame *f = push_frame(t, n, TEI_X_SKIP);
    struct tei_frame *p = &t->fr[pf];
    struct tei_frame *tb = p->tbl >= 0 ? &t->fr[p->tbl] : NULL;
    switch (n->kind) {
    case SZ_ITEM:
        tei_nl(t);
        tei_start(t, "item");
        if (p->n && p->n->kind == SZ_ORDEREDLIST) {
            list_number(&t->tmp, p->counter++, p->n->sub);
            tei_attr(t, "n", t->tmp.data);
        }
        f->nclose = 1;
        f->ctx = TEI_X_SPECIAL;
        break;
    case SZ_DEFITEM:
        f->ctx = TEI_X_DEFITEM;
        break;
    case SZ_TERM:
        tei_nl(t);
        tei_start(t, "label");
        f->nclose = 1;
        f->ctx = TEI_X_INLINE;
        break;
    case SZ_DEFN:
        if (!p->item_open) {
            tei_nl(t);
            tei_start(t, "item");
            p->item_open = 1;
        }
        f->ctx = TEI_X_SPECIAL;
        f->owner = pf;
        break;
    case SZ_LINE:
        tei_nl(t);
        tei_start(t, "l");
        f->nclose = 1;
        f->ctx = TEI_X_INLINE;
        break;
    case SZ_CAPTION:
        if (n->first && !(n->first->kind == SZ_SHORTCAPTION && !n->first->next)) {
            tei_nl(t);
            tei_start(t, "head");
            f->nclose = 1;
            f->ctx = TEI_X_PHRASE;
        }
        break;
    case SZ_THEAD:
    case SZ_TBODY:
    case SZ_TFOOT:
    case SZ_TBODY_HEAD:
        f->ctx = TEI_X_TABLE;
        f->tbl = p->tbl;
        f->head_rows = n->kind == SZ_THEAD || n->kind == SZ_TBODY_HEAD;
        f->rowhead = n->kind == SZ_TBODY ? n->ival : n->kind == SZ_TBODY_HEAD ? -1 : 0;
        if (tb && n->kind != SZ_TBODY_HEAD && tb->occ)
            memset(tb->occ, 0, (size_t)tb->ncols * sizeof *tb->occ);
        break;
    case SZ_ROW:
        if (!tb)
            break;
        tei_nl(t);
        tei_start(t, "row");
        if (p->head_rows)
            tei_attr(t, "role", "label");
        put_attrs(t, n, A_NOLANG, NULL, NULL);
        if (!n->first) {
            tei_start(t, "cell");
            tei_end(t);
        }
        tb->col = 0;
        tb->rows++;
        f->nclose = 1;
        f->ctx = TEI_X_ROW;
        f->tbl = p->tbl;
        f->head_rows = p->head_rows;
        f->rowhead = p->rowhead < 0 ? 0 : p->rowhead;
        break;
    case SZ_CELL: {
        if (!tb)
            break;
        while (tb->col < tb->ncols && tb->occ[tb->col] > 0)
            tb->col++;
        int col = tb->col;
        int rs = n->ival > 1 ? n->ival : 1, cs = n->ival2 > 1 ? n->ival2 : 1;
        for (int k = 0; k < cs && col + k < tb->ncols; k++)
            tb->occ[col + k] = rs;
        tb->col += cs;
        tei_nl(t);
        tei_start(t, "cell");
        if (!p->head_rows && col < p->rowhead)
            tei_attr(t, "role", "label");
        if (rs > 1)
            tei_attr_int(t, "rows", rs);
        if (cs > 1)
            tei_attr_int(t, "cols", cs);
        const char *al = align_name(n->sub);
        if (!al && col < tb->ncols)
            al = align_name(tb->cols[col]->sub);
        put_attrs(t, n, A_NOLANG, NULL, al);
        f->nclose = 1;
        f->ctx = TEI_X_SPECIAL;
        break;
    }
    case SZ_SHORTCAPTION:
    case SZ_CITATION:
    default:
        sz_iter_skip_children(it);
        break;
    }
    return f;
}

static const char *
hi_rend(enum sz_kind k)
{
    switch (k) {
    case SZ_EMPH: return "italic";
    case SZ_STRONG: return "bold";
    case SZ_UNDERLINE: return "underline";
    case SZ_STRIKEOUT: return "strikethrough";
    case SZ_SUPERSCRIPT: return "superscript";
    case SZ_SUBSCRIPT: return "subscript";
    case SZ_SMALLCAPS: return "smallcaps";
    default: return NULL;
    }
}

static struct tei_frame *
enter_inline(struct tei *t, struct sz_iter *it, const struct sz_node *n, int pf)
{
    struct tei_frame *f = NULL;
    if (sz_kind_is_container(n->kind)) {
        f = push_frame(t, n, TEI_X_INLINE);
        f->owner = t->fr[pf].owner;
    }
    switch (n->kind) {
    case SZ_STR:
        if (SZ_IS_RUN(n)) {
            /* its SoftBreaks ('\n') are spaces, as below; the whole run is
            ** cleaned at once (no sequence tei_text replaces holds one) */
            size_t at = t->pend.len;
            tei_text(t, n->text, n->len);
            char *p = t->pend.data + at, *e = t->pend.data + t->pend.len;
            while ((p = memchr(p, '\n', (size_t)(e - p))))
                *p++ = ' ';
            /* Handed on as it grows: one paragraph may be a whole book. */
            if (t->pend.len >= TEI_PEND_MAX)
                tei_flush(t);
            break;
        }
        tei_text(t, n->text ? n->text : "", n->len);
        break;
    case SZ_SPACE:
    case SZ_SOFTBREAK:
        sz_buf_putc(&t->pend, ' ');
        break;
    case SZ_LINEBREAK:
        tei_start(t, "lb");
        tei_end(t);
        break;
    case SZ_EMPH:
    case SZ_STRONG:
    case SZ_UNDERLINE:
    case SZ_STRIKEOUT:
    case SZ_SUPERSCRIPT:
    case SZ_SUBSCRIPT:
    case SZ_SMALLCAPS:
        tei_start(t, "hi");
        tei_attr(t, "rend", hi_rend(n->kind));
        f->nclose = 1;
        break;
    case SZ_QUOTED:
        tei_start(t, "q");
        tei_attr(t, "rend", n->sub == SZ_QUOTE_SINGLE ? "single" : "double");
        f->nclose = 1;
        break;
    case SZ_CITE: {
        struct sz_buf b = SZ_BUF_INIT, ids = SZ_BUF_INIT;
        const struct sz_node *c;
        for (c = n->first; c && c->kind == SZ_CITATION; c = c->next) {
            if (b.len)
                sz_buf_putc(&b, ' ');
            sz_buf_putc(&b, '#');
            tei_uri(&b, c->text ? c->text : "");
            sz_buf_printf(&ids, "%s@%s", ids.len ? "; " : "", c->text ? c->text : "");
        }
        tei_start(t, "ref");
        tei_attr(t, "type", "citation");
        if (b.len)
            tei_attr(t, "target", b.data);
        if (!c && ids.len)
            tei_text(t, ids.data, ids.len);
        f->nclose = 1;
        sz_buf_free(&b);
        sz_buf_free(&ids);
        break;
    }
    case SZ_CODE: {
        tei_start(t, "code");
        const struct sz_attr *a = n->attr;
        const char *id = tei_map_get(&t->id_of_node, n);
        if (id)
            tei_attr(t, "xml:id", id);
        sz_buf_clear(&t->tmp);
        if (a->nclasses && tei_token(&t->tmp, a->classes[0]))
            tei_attr(t, "lang", t->tmp.data);
        tei_text(t, n->text ? n->text : "", n->len);
        tei_end(t);
        break;
    }
    case SZ_MATH:
        tei_start(t, "formula");
        tei_attr(t, "notation", "TeX");
        tei_attr(t, "rend", n->sub == SZ_MATH_DISPLAY ? "display" : "inline");
        tei_text(t, n->text ? n->text : "", n->len);
        tei_end(t);
        break;
    case SZ_RAWINLINE:
        t->nraw++;
        break;
    case SZ_LINK: {
        struct sz_buf b = SZ_BUF_INIT;
        const char *url = n->target->url ? n->target->url : "";
        const char *id = url[0] == '#' ? tei_map_get(&t->id_of_orig, url + 1) : NULL;
        if (id) {
            sz_buf_putc(&b, '#');
            sz_buf_puts(&b, id);
        } else {
            tei_uri(&b, url);
        }
        tei_start(t, n->first ? "ref" : "ptr");
        put_attrs(t, n, A_TYPE, NULL, NULL);
        if (b.len)
            tei_attr(t, "target", b.data);
        if (!n->first)
            tei_end(t);
        else
            f->nclose = 1;
        sz_buf_free(&b);
        break;
    }
    case SZ_IMAGE:
        if (n->target->url && n->target->url[0]) {
            graphic(t, n, 0);
        } else {
            struct sz_buf b = SZ_BUF_INIT;
            tei_plain(&b, n);
            tei_text(t, b.data ? b.data : "", b.len);
            sz_buf_free(&b);
        }
        sz_iter_skip_children(it);
        break;
    case SZ_NOTE:
        tei_start(t, "note");
        tei_attr(t, "place", "foot");
        tei_attr_int(t, "n", ++t->note_no);
        f->nclose = 1;
        f->ctx = TEI_X_SPECIAL;
        f->owner = (int)(f - t->fr);
        break;
    case SZ_SPAN: {
        const char *lang = sz_attr_get(n->attr, "lang");
        if (lang && tei_lang_ok(lang, &t->tmp)) {
            tei_start(t, "foreign");
            put_attrs(t, n, 0, NULL, NULL);
            f->nclose = 1;
        } else if (n->attr->id[0] || n->attr->nclasses || n->attr->nkvs) {
            tei_start(t, "seg");
            put_attrs(t, n, A_TYPE, NULL, NULL);
            f->nclose = 1;
        }
        break;
    }
    default:
        if (f)
            sz_iter_skip_children(it);
        break;
    }
    return f;
}

static void
exit_frame(struct tei *t)
{
    struct tei_frame *f = &t->fr[t->nfr - 1];
    const struct sz_node *n = f->n;
    struct tei_frame *o = t->nfr >= 2 ? &t->fr[t->fr[t->nfr - 2].owner] : NULL;
    if (n->kind == SZ_DEFITEM) {
        if (!f->item_open) {
            tei_nl(t);
            tei_start(t, "item");
        } else if (f->blk) {
            tei_nl(t);
        }
        tei_end(t);
    } else if (n->kind == SZ_ROW && f->tbl >= 0) {
        struct tei_frame *tb = &t->fr[f->tbl];
        for (int k = 0; k < tb->ncols; k++)
            if (tb->occ[k] > 0)
                tb->occ[k]--;
    } else if (n->kind == SZ_TABLE) {
        if (!f->rows) {
            tei_nl(t);
            tei_start(t, "row");
            tei_start(t, "cell");
            tei_end(t);
            tei_end(t);
        }
        free(f->cols);
        free(f->occ);
        f->cols = NULL;
        f->occ = NULL;
    }
    while (t->nds > f->dmark)
        pop_div(t);
    /* An end tag goes on its own line after element-only content or when
    ** a block element came last; mixed content ends where its text ends. */
    int elems = f->ctx == TEI_X_LIST || f->ctx == TEI_X_LG || f->ctx == TEI_X_TABLE ||
                f->ctx == TEI_X_ROW || f->ctx == TEI_X_DEFITEM;
    for (int i = 0; i < f->nclose; i++) {
        if (elems || f->blk)
            tei_nl(t);
        tei_end(t);
    }
    if (o && f->flat)
        o->run = 1;
    t->nfr--;
}

/* Walks the children of root from first up to (not including) stop. */
static void
walk_range(struct tei *t, const struct sz_node *root, const struct sz_node *first,
           const struct sz_node *stop, int ctx)
{
    struct sz_iter it;
    enum sz_ev ev;
    size_t base = t->nfr;
    struct tei_frame *rf = push_frame(t, root, ctx);
    rf->dmark = (size_t)-1;
    for (const struct sz_node *c = first; c && c != stop && !t->err; c = c->next) {
        sz_iter_init(&it, (struct sz_node *)c);
        while (!t->err && (ev = sz_iter_next(&it)) != SZ_EV_DONE) {
            const struct sz_node *n = it.cur;
            if (ev == SZ_EV_EXIT) {
                exit_frame(t);
                continue;
            }
            int pf = (int)t->nfr - 1;
            int pc = t->fr[pf].ctx;
            if (pc == TEI_X_SKIP) {
                if (sz_kind_is_container(n->kind)) {
                    push_frame(t, n, TEI_X_SKIP);
                    sz_iter_skip_children(&it);
                }
                continue;
            }
            if (sz_kind_is_inline(n->kind))
                enter_inline(t, &it, n, pf);
            else if (sz_kind_is_block(n->kind))
                enter_block(t, &it, n, pf);
            else
                enter_part(t, &it, n, pf);
        }
    }
    /* after an error, frames may be left: free what tables hold */
    while (t->nfr > base) {
        t->nfr--;
        free(t->fr[t->nfr].cols);
        free(t->fr[t->nfr].occ);
    }
}

void
tei_walk(struct tei *t, const struct sz_node *root, int ctx)
{
    walk_range(t, root, root->first, NULL, ctx);
}

/* }================================================================== */

/* {=================================================================
** The document
** ================================================================== */

/* Front and back matter the readers mark: Divs of these classes at the
** start (front) or end (back) of the document become divs of <front> and
** <back> instead of blocks of the body. */
static int
matter(const struct sz_node *n, int back)
{
    static const char *const front_cls[] = { "titlepage", "contents", "toc", "dedication",
                                             "preface", "boilerplate", "frontmatter", NULL };
    static const char *const back_cls[] = { "boilerplate", "colophon", "appendix",
                                            "backmatter", NULL };
    if (!n || n->kind != SZ_DIV || !n->attr->nclasses)
        return 0;
    for (const char *const *c = back ? back_cls : front_cls; *c; c++)
        if (!strcmp(n->attr->classes[0], *c))
            return 1;
    return 0;
}

static void
matter_divs(struct tei *t, const struct sz_node *first, const struct sz_node *stop)
{
    for (const struct sz_node *d = first; d && d != stop && !t->err; d = d->next) {
        tei_nl(t);
        tei_start(t, "div");
        put_attrs(t, d, A_TYPE, NULL, NULL);
        size_t mark = t->nds;
        push_div(t, D_PANDOC, 0);
        tei_walk(t, d, TEI_X_DIV);
        while (t->nds > mark)
            pop_div(t);
    }
}

static void
write_text(struct tei *t)
{
    const struct sz_node *root = t->doc->root;
    const struct sz_node *body = root->first, *back = NULL;
    while (matter(body, 0))
        body = body->next;
    for (const struct sz_node *n = sz_node_last(root); n && n != body && matter(n, 1); n = sz_node_prev(n))
        back = n;
    int tp = tei_has_title_page(t);
    if (tp || body != root->first) {
        tei_nl(t);
        tei_start(t, "front");
        if (tp)
            tei_write_title_page(t);
        push_div(t, D_BODY, 0);
        matter_divs(t, root->first, body);
        t->nds = 0;
        tei_nl(t);
        tei_end(t);
    }
    tei_nl(t);
    tei_start(t, "body");
    push_div(t, D_BODY, 0);
    walk_range(t, root, body, back, TEI_X_DIV);
    while (t->nds > 1)
        pop_div(t);
    if (t->ds[0].state == S_TOP) {
        tei_nl(t);
        tei_start(t, "p");
        tei_end(t);
    }
    t->nds = 0;
    tei_nl(t);
    tei_end(t);
    if (back) {
        tei_nl(t);
        tei_start(t, "back");
        push_div(t, D_BODY, 0);
        matter_divs(t, back, NULL);
        t->nds = 0;
        tei_nl(t);
        tei_end(t);
    }
}

static int
write_tei(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
          struct sz_diags *diags)
{
    struct tei t;
    int rc = -1;
    memset(&t, 0, sizeof t);
    t.doc = doc;
    t.o = o;
    t.diags = diags;
    t.id_of_orig.m.strkeys = 1;
    t.id_used.m.strkeys = 1;
    tei_plain(&t.tmp, sz_meta_get(doc, "top-level-division"));
    if (t.tmp.len && !strcmp(t.tmp.data, "section"))
        t.top_division = 1;
    else if (t.tmp.len && !strcmp(t.tmp.data, "part"))
        t.top_division = 2;
    sz_buf_clear(&t.tmp);

    t.sink = out;
    sz_xo_init(&t.xo, &t.out);
    tei_collect(&t);
    sz_xo_declaration(&t.xo);
    tei_start(&t, "TEI");
    tei_attr(&t, "xmlns", "http://www.tei-c.org/ns/1.0");
    if (t.nlangs)
        tei_attr(&t, "xml:lang", t.langs[0].tag);
    tei_write_header(&t);
    tei_nl(&t);
    tei_start(&t, "text");
    write_text(&t);
    tei_nl(&t);
    tei_end(&t);
    tei_nl(&t);
    tei_end(&t);
    tei_flush(&t);
    sz_xo_finish(&t.xo);
    tei_drain(&t);
    rc = t.err ? -1 : 0;
    sz_xo_free(&t.xo);
    sz_buf_free(&t.out);
    if (rc != 0)
        sz_diag_add(diags, SZ_ERROR, SZ_EXIT_WRITER, o ? o->output_file : NULL, 0, 0, -1,
                    "cannot write the TEI document (output error or out of memory)");
    else if (t.nraw)
        sz_diag_add(diags, SZ_INFO, 0, NULL, 0, 0, -1,
                    "%zu raw block(s) or inline(s) left out of the TEI output", t.nraw);
    for (size_t i = 0; i < t.nfr; i++) {
        free(t.fr[i].cols);
        free(t.fr[i].occ);
    }
    free(t.fr);
    free(t.ds);
    for (size_t i = 0; i < t.nlangs; i++)
        free(t.langs[i].tag);
    free(t.langs);
    tei_map_free(&t.id_of_node);
    tei_map_free(&t.id_of_orig);
    tei_map_free(&t.id_used);
    sz_buf_free(&t.pend);
    sz_buf_free(&t.tmp);
    return rc;
}

/* }================================================================== */

const struct sz_writer sz_writer_tei = { "tei", "tei.xml", 0, write_tei };
