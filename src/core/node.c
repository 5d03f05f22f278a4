/*
** node.c
** Node kinds, constructors, attributes and validated tree edits.
** See LICENSE.
*/
#include <string.h>

#include "internal.h"

/* What a node of each kind may hold. */
enum holds {
    H_NONE = 0,     /* leaf */
    H_BLOCKS,
    H_INLINES,
    H_SPECIAL       /* checked by can_contain_special() */
};

enum cat { C_DOC, C_BLOCK, C_INLINE, C_COMP, C_META };

struct kindinfo {
    const char *name;
    unsigned char cat, holds, attr;
};

static const struct kindinfo kinds[SZ_KIND_COUNT] = {
    [SZ_NONE] = { "None", C_COMP, H_NONE, 0 },
    [SZ_DOC] = { "Pandoc", C_DOC, H_BLOCKS, 0 },
    [SZ_PLAIN] = { "Plain", C_BLOCK, H_INLINES, 0 },
    [SZ_PARA] = { "Para", C_BLOCK, H_INLINES, 0 },
    [SZ_LINEBLOCK] = { "LineBlock", C_BLOCK, H_SPECIAL, 0 },
    [SZ_CODEBLOCK] = { "CodeBlock", C_BLOCK, H_NONE, 1 },
    [SZ_RAWBLOCK] = { "RawBlock", C_BLOCK, H_NONE, 0 },
    [SZ_BLOCKQUOTE] = { "BlockQuote", C_BLOCK, H_BLOCKS, 0 },
    [SZ_ORDEREDLIST] = { "OrderedList", C_BLOCK, H_SPECIAL, 0 },
    [SZ_BULLETLIST] = { "BulletList", C_BLOCK, H_SPECIAL, 0 },
    [SZ_DEFLIST] = { "DefinitionList", C_BLOCK, H_SPECIAL, 0 },
    [SZ_HEADER] = { "Header", C_BLOCK, H_INLINES, 1 },
    [SZ_HRULE] = { "HorizontalRule", C_BLOCK, H_NONE, 0 },
    [SZ_TABLE] = { "Table", C_BLOCK, H_SPECIAL, 1 },
    [SZ_FIGURE] = { "Figure", C_BLOCK, H_SPECIAL, 1 },
    [SZ_DIV] = { "Div", C_BLOCK, H_BLOCKS, 1 },
    [SZ_STR] = { "Str", C_INLINE, H_NONE, 0 },
    [SZ_EMPH] = { "Emph", C_INLINE, H_INLINES, 0 },
    [SZ_UNDERLINE] = { "Underline", C_INLINE, H_INLINES, 0 },
    [SZ_STRONG] = { "Strong", C_INLINE, H_INLINES, 0 },
    [SZ_STRIKEOUT] = { "Strikeout", C_INLINE, H_INLINES, 0 },
    [SZ_SUPERSCRIPT] = { "Superscript", C_INLINE, H_INLINES, 0 },
    [SZ_SUBSCRIPT] = { "Subscript", C_INLINE, H_INLINES, 0 },
    [SZ_SMALLCAPS] = { "SmallCaps", C_INLINE, H_INLINES, 0 },
    [SZ_QUOTED] = { "Quoted", C_INLINE, H_INLINES, 0 },
    [SZ_CITE] = { "Cite", C_INLINE, H_SPECIAL, 0 },
    [SZ_CODE] = { "Code", C_INLINE, H_NONE, 1 },
    [SZ_SPACE] = { "Space", C_INLINE, H_NONE, 0 },
    [SZ_SOFTBREAK] = { "SoftBreak", C_INLINE, H_NONE, 0 },
    [SZ_LINEBREAK] = { "LineBreak", C_INLINE, H_NONE, 0 },
    [SZ_MATH] = { "Math", C_INLINE, H_NONE, 0 },
    [SZ_RAWINLINE] = { "RawInline", C_INLINE, H_NONE, 0 },
    [SZ_LINK] = { "Link", C_INLINE, H_INLINES, 1 },
    [SZ_IMAGE] = { "Image", C_INLINE, H_INLINES, 1 },
    [SZ_NOTE] = { "Note", C_INLINE, H_BLOCKS, 0 },
    [SZ_SPAN] = { "Span", C_INLINE, H_INLINES, 1 },
    [SZ_ITEM] = { "Item", C_COMP, H_BLOCKS, 0 },
    [SZ_LINE] = { "Line", C_COMP, H_INLINES, 0 },
    [SZ_DEFITEM] = { "DefItem", C_COMP, H_SPECIAL, 0 },
    [SZ_TERM] = { "Term", C_COMP, H_INLINES, 0 },
    [SZ_DEFN] = { "Definition", C_COMP, H_BLOCKS, 0 },
    [SZ_CAPTION] = { "Caption", C_COMP, H_SPECIAL, 0 },
    [SZ_SHORTCAPTION] = { "ShortCaption", C_COMP, H_INLINES, 0 },
    [SZ_COLSPEC] = { "ColSpec", C_COMP, H_NONE, 0 },
    [SZ_THEAD] = { "TableHead", C_COMP, H_SPECIAL, 1 },
    [SZ_TBODY] = { "TableBody", C_COMP, H_SPECIAL, 1 },
    [SZ_TBODY_HEAD] = { "TableBodyHead", C_COMP, H_SPECIAL, 0 },
    [SZ_TFOOT] = { "TableFoot", C_COMP, H_SPECIAL, 1 },
    [SZ_ROW] = { "Row", C_COMP, H_SPECIAL, 1 },
    [SZ_CELL] = { "Cell", C_COMP, H_BLOCKS, 1 },
    [SZ_CITATION] = { "Citation", C_COMP, H_SPECIAL, 0 },
    [SZ_CITE_PREFIX] = { "CitationPrefix", C_COMP, H_INLINES, 0 },
    [SZ_CITE_SUFFIX] = { "CitationSuffix", C_COMP, H_INLINES, 0 },
    [SZ_META_MAP] = { "MetaMap", C_META, H_SPECIAL, 0 },
    [SZ_META_ENTRY] = { "MetaEntry", C_COMP, H_SPECIAL, 0 },
    [SZ_META_LIST] = { "MetaList", C_META, H_SPECIAL, 0 },
    [SZ_META_BOOL] = { "MetaBool", C_META, H_NONE, 0 },
    [SZ_META_STRING] = { "MetaString", C_META, H_NONE, 0 },
    [SZ_META_INLINES] = { "MetaInlines", C_META, H_INLINES, 0 },
    [SZ_META_BLOCKS] = { "MetaBlocks", C_META, H_BLOCKS, 0 },
};

static int
valid_kind(enum sz_kind k)
{
    return k > SZ_NONE && k < SZ_KIND_COUNT;
}

int
sz_kind_is_block(enum sz_kind k)
{
    return valid_kind(k) && kinds[k].cat == C_BLOCK;
}

int
sz_kind_is_inline(enum sz_kind k)
{
    return valid_kind(k) && kinds[k].cat == C_INLINE;
}

int
sz_kind_is_meta(enum sz_kind k)
{
    return valid_kind(k) && kinds[k].cat == C_META;
}

int
sz_kind_has_attr(enum sz_kind k)
{
    return valid_kind(k) && kinds[k].attr;
}

int
sz_kind_is_container(enum sz_kind k)
{
    return valid_kind(k) && kinds[k].holds != H_NONE;
}

const char *
sz_kind_name(enum sz_kind k)
{
    return (k >= 0 && k < SZ_KIND_COUNT) ? kinds[k].name : "None";
}

enum sz_kind
sz_kind_from_name(const char *name)
{
    for (int k = 1; k < SZ_KIND_COUNT; k++)
        if (strcmp(kinds[k].name, name) == 0)
            return (enum sz_kind)k;
    return SZ_NONE;
}

static int
can_contain_special(enum sz_kind p, enum sz_kind c)
{
    switch (p) {
    case SZ_LINEBLOCK: return c == SZ_LINE;
    case SZ_ORDEREDLIST:
    case SZ_BULLETLIST: return c == SZ_ITEM;
    case SZ_DEFLIST: return c == SZ_DEFITEM;
    case SZ_DEFITEM: return c == SZ_TERM || c == SZ_DEFN;
    case SZ_TABLE:
        return c == SZ_CAPTION || c == SZ_COLSPEC || c == SZ_THEAD || c == SZ_TBODY ||
               c == SZ_TFOOT;
    case SZ_FIGURE: return c == SZ_CAPTION || sz_kind_is_block(c);
    case SZ_CAPTION: return c == SZ_SHORTCAPTION || sz_kind_is_block(c);
    case SZ_THEAD:
    case SZ_TFOOT:
    case SZ_TBODY_HEAD: return c == SZ_ROW;
    case SZ_TBODY: return c == SZ_TBODY_HEAD || c == SZ_ROW;
    case SZ_ROW: return c == SZ_CELL;
    case SZ_CITE: return c == SZ_CITATION || sz_kind_is_inline(c);
    case SZ_CITATION: return c == SZ_CITE_PREFIX || c == SZ_CITE_SUFFIX;
    case SZ_META_MAP: return c == SZ_META_ENTRY;
    case SZ_META_ENTRY:
    case SZ_META_LIST: return sz_kind_is_meta(c);
    default: return 0;
    }
}

int
sz_can_contain(enum sz_kind parent, enum sz_kind child)
{
    if (!valid_kind(parent) || !valid_kind(child))
        return 0;
    switch (kinds[parent].holds) {
    case H_BLOCKS: return sz_kind_is_block(child);
    case H_INLINES: return sz_kind_is_inline(child);
    case H_SPECIAL: return can_contain_special(parent, child);
    default: return 0;
    }
}

const struct sz_attr sz_attr_empty = { "", NULL, 0, NULL, 0 };

/* A book has a node per paragraph and per stretch of text: their size is
** most of the tree's memory beside the text itself (see samizdat.h). */
_Static_assert(sizeof(struct sz_node) <= 64, "struct sz_node grew past 64 bytes");

void
sz_node_reset(struct sz_doc *doc, struct sz_node *n, enum sz_kind k)
{
    memset(n, 0, sizeof *n);
    n->kind = k;
    n->attr = &sz_attr_empty;
    n->text = "";
    if (k == SZ_LINK || k == SZ_IMAGE) {
        n->target = sz_arena_alloc_align(doc->arena, sizeof *n->target,
                                         _Alignof(struct sz_target));
    } else if (k == SZ_CELL) {
        n->ival = 1;
        n->ival2 = 1;
    } else if (k == SZ_ORDEREDLIST) {
        n->ival = 1;
    }
}

struct sz_node *
sz_node_new(struct sz_doc *doc, enum sz_kind k)
{
    /* a node's own alignment, not the arena's 16: a book has tens of
    ** thousands of them */
    struct sz_node *n = sz_arena_alloc_align(doc->arena, sizeof *n, _Alignof(struct sz_node));
    sz_node_reset(doc, n, k);
    return n;
}

void
sz_node_set_text(struct sz_doc *doc, struct sz_node *n, const char *s, size_t len)
{
    n->text = sz_arena_strndup(doc->arena, s, len);
    n->len = len;
}

struct sz_node *
sz_node_new_text(struct sz_doc *doc, enum sz_kind k, const char *s, size_t len)
{
    struct sz_node *n = sz_node_new(doc, k);
    sz_node_set_text(doc, n, s, len);
    return n;
}

/* Is a an ancestor of (or equal to) b? */
static int
is_ancestor(const struct sz_node *a, const struct sz_node *b)
{
    for (; b; b = b->parent)
        if (a == b)
            return 1;
    return 0;
}

static int
check(const struct sz_node *parent, const struct sz_node *child)
{
    if (!parent || !child || child->parent || child->back || child->next)
        return -1;
    if (!sz_can_contain(parent->kind, child->kind))
        return -1;
    /* Only a node with children can be an ancestor of its new parent;
    ** checking just those keeps building a deep tree linear. */
    if (child == parent || (child->first && is_ancestor(child, parent)))
        return -1;
    return 0;
}

int
sz_node_append(struct sz_node *parent, struct sz_node *child)
{
    if (check(parent, child) < 0)
        return -1;
    sz_node_link_last(parent, child);
    return 0;
}

void
sz_node_append_children(struct sz_node *parent, struct sz_node *from)
{
    while (from->first) {
        struct sz_node *c = from->first;
        sz_node_unlink(c);
        sz_node_append(parent, c);
    }
}

int
sz_node_prepend(struct sz_node *parent, struct sz_node *child)
{
    if (check(parent, child) < 0)
        return -1;
    child->parent = parent;
    struct sz_node *first = parent->first;
    child->next = first;
    if (first) {
        child->back = first->back;
        first->back = child;
    } else {
        child->back = child;
    }
    parent->first = child;
    return 0;
}

int
sz_node_insert_before(struct sz_node *sib, struct sz_node *child)
{
    if (!sib || check(sib->parent, child) < 0)
        return -1;
    struct sz_node *p = sib->parent;
    child->parent = p;
    child->next = sib;
    child->back = sib->back;
    if (p->first == sib)
        p->first = child;
    else
        sib->back->next = child;
    sib->back = child;
    return 0;
}

int
sz_node_insert_after(struct sz_node *sib, struct sz_node *child)
{
    if (!sib || check(sib->parent, child) < 0)
        return -1;
    child->parent = sib->parent;
    child->back = sib;
    child->next = sib->next;
    if (sib->next)
        sib->next->back = child;
    else
        sib->parent->first->back = child;
    sib->next = child;
    return 0;
}

void
sz_node_unlink(struct sz_node *n)
{
    struct sz_node *p = n->parent;
    if (!p)
        return;
    if (p->first == n) {
        p->first = n->next;
        if (n->next)
            n->next->back = n->back;   /* the last child, as before */
    } else {
        n->back->next = n->next;
        if (n->next)
            n->next->back = n->back;
        else
            p->first->back = n->back;  /* n was the last */
    }
    n->parent = n->back = n->next = NULL;
}

int
sz_node_replace(struct sz_node *old, struct sz_node *new_)
{
    if (!old || !old->parent || check(old->parent, new_) < 0)
        return -1;
    if (sz_node_insert_before(old, new_) < 0)
        return -1;
    sz_node_unlink(old);
    return 0;
}

size_t
sz_node_count(const struct sz_node *n)
{
    size_t c = 0;
    for (const struct sz_node *x = n->first; x; x = x->next)
        c++;
    return c;
}

/* Attributes ------------------------------------------------------------ */

struct sz_attr *
sz_node_attr(struct sz_doc *doc, struct sz_node *n)
{
    if (n->attr == &sz_attr_empty) {
        struct sz_attr *a = sz_arena_alloc_align(doc->arena, sizeof *a, _Alignof(struct sz_attr));
        *a = sz_attr_empty;
        n->attr = a;
    }
    /* a node's own Attr, made here: never the shared constant */
    return (struct sz_attr *)n->attr;
}

int
sz_attr_is_empty(const struct sz_attr *a)
{
    return !a->id[0] && !a->nclasses && !a->nkvs;
}

void
sz_node_set_attr(struct sz_doc *doc, struct sz_node *n, const struct sz_attr *a)
{
    if (sz_attr_is_empty(a))
        n->attr = &sz_attr_empty;
    else if (a != n->attr)
        *sz_node_attr(doc, n) = *a;
}

void
sz_attr_set_id(struct sz_doc *doc, struct sz_attr *a, const char *id)
{
    a->id = sz_arena_strdup(doc->arena, id);
}

void
sz_attr_add_class(struct sz_doc *doc, struct sz_attr *a, const char *cls)
{
    const char **c = sz_arena_alloc(doc->arena, (a->nclasses + 1) * sizeof *c);
    if (a->nclasses)
        memcpy(c, a->classes, a->nclasses * sizeof *c);
    c[a->nclasses++] = sz_arena_strdup(doc->arena, cls);
    a->classes = c;
}

void
sz_attr_add_kv(struct sz_doc *doc, struct sz_attr *a, const char *k, const char *v)
{
    struct sz_kv *kv = sz_arena_alloc(doc->arena, (a->nkvs + 1) * sizeof *kv);
    if (a->nkvs)
        memcpy(kv, a->kvs, a->nkvs * sizeof *kv);
    kv[a->nkvs].key = sz_arena_strdup(doc->arena, k);
    kv[a->nkvs].value = sz_arena_strdup(doc->arena, v);
    a->nkvs++;
    a->kvs = kv;
}

const char *
sz_attr_get(const struct sz_attr *a, const char *k)
{
    for (size_t i = 0; i < a->nkvs; i++)
        if (strcmp(a->kvs[i].key, k) == 0)
            return a->kvs[i].value;
    return NULL;
}

int
sz_attr_has_class(const struct sz_attr *a, const char *cls)
{
    for (size_t i = 0; i < a->nclasses; i++)
        if (strcmp(a->classes[i], cls) == 0)
            return 1;
    return 0;
}

/* Copy ------------------------------------------------------------------ */

static struct sz_node *
copy_one(struct sz_doc *doc, const struct sz_node *n)
{
    struct sz_arena *a = doc->arena;
    struct sz_node *c = sz_node_new(doc, n->kind);
    struct sz_target *tg = c->target;
    *c = *n;
    c->parent = c->first = c->next = c->back = NULL;
    c->text = sz_arena_strndup(a, n->text ? n->text : "", n->text ? n->len : 0);
    if (n->kind == SZ_RAWBLOCK || n->kind == SZ_RAWINLINE)
        c->format = n->format ? sz_arena_strdup(a, n->format) : NULL;
    if (n->kind == SZ_LINK || n->kind == SZ_IMAGE) {
        c->target = tg;
        tg->url = n->target->url ? sz_arena_strdup(a, n->target->url) : NULL;
        tg->title = n->target->title ? sz_arena_strdup(a, n->target->title) : NULL;
    }
    c->attr = &sz_attr_empty;
    if (n->attr != &sz_attr_empty) {
        struct sz_attr *ca = sz_node_attr(doc, c);
        ca->id = sz_arena_strdup(a, n->attr->id);
        for (size_t i = 0; i < n->attr->nclasses; i++)
            sz_attr_add_class(doc, ca, n->attr->classes[i]);
        for (size_t i = 0; i < n->attr->nkvs; i++)
            sz_attr_add_kv(doc, ca, n->attr->kvs[i].key, n->attr->kvs[i].value);
    }
    return c;
}

struct sz_node *
sz_node_copy(struct sz_doc *doc, const struct sz_node *n)
{
    struct sz_iter it;
    struct sz_node *top = NULL, *cur = NULL;
    sz_iter_init(&it, (struct sz_node *)n);
    enum sz_ev ev;
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        struct sz_node *src = it.cur;
        if (ev == SZ_EV_ENTER) {
            struct sz_node *c = copy_one(doc, src);
            if (!top)
                top = c;
            else
                sz_node_append(cur, c);
            if (sz_kind_is_container(src->kind))
                cur = c;
        } else if (cur) {
            cur = cur->parent;
        }
    }
    return top;
}
