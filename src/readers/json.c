/*
** json.c
** The pandoc JSON reader: pandoc-types 1.22 and 1.23 documents, via jansson.
** See LICENSE.
*/
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yajl_parse.h>
#include "core/lazy_yajl.h"

#include "internal.h"
#include "core/registry.h"

/* {=================================================================
** jansson's memory
** ================================================================== */

/* The JSON values of one parse come from a scratch arena that is freed in
** one go: a book is millions of small values, and handing them back to malloc
** one by one took longer than parsing them and left the heap fragmented for
** the writer.  Every block carries a header saying where it came from, so
** values made outside a parse (none today) still go to malloc and free. */
#define J_HDR 16

static _Thread_local struct sz_arena *j_arena;
static pthread_once_t j_once = PTHREAD_ONCE_INIT;

static void *
j_malloc(size_t n)
{
    unsigned char *p;
    if (j_arena) {
        p = sz_arena_alloc(j_arena, n + J_HDR);
        p[0] = 1;
    } else {
        p = sz_xmalloc(n + J_HDR);
        p[0] = 0;
    }
    return p + J_HDR;
}

static void
j_free(void *v)
{
    unsigned char *p = v;
    if (p && p[-J_HDR] == 0)
        free(p - J_HDR);
}

static void
j_init(void)
{
    json_set_alloc_funcs(j_malloc, j_free);
}

/* }================================================================== */

/* Path segments kept for error messages ("$.blocks[3].c[1]").  jansson stops
** at 2048 levels of JSON nesting and we add at most two segments per level,
** so this never truncates a real path; deeper segments are just not shown. */
#define PATH_SEGS 4200
/* Segments shown at each end of a long path. */
#define PATH_SHOW 12

struct seg {
    const char *key;           /* NULL: an array index */
    size_t idx;
};

struct rd {
    struct sz_doc *doc;
    const char *file;
    int depth;                 /* nesting of AST elements, capped at SZ_MAX_DEPTH */
    size_t npath;
    int in_meta;               /* reading metadata: its inlines stay unpacked */
    int quiet;                 /* streaming: an error only ends the attempt */
    struct sz_node *spare;     /* nodes free for reuse (see pack_runs) */
    struct sz_buf run;
    struct seg path[PATH_SEGS];
};

static void
push_key(struct rd *r, const char *key)
{
    if (r->npath < PATH_SEGS)
        r->path[r->npath].key = key;
    r->npath++;
}

static void
push_idx(struct rd *r, size_t i)
{
    if (r->npath < PATH_SEGS) {
        r->path[r->npath].key = NULL;
        r->path[r->npath].idx = i;
    }
    r->npath++;
}

static void
pop(struct rd *r)
{
    r->npath--;
}

/* Records an error naming the JSON path of the value being read; returns -1. */
static int
fail(struct rd *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int
fail(struct rd *r, const char *fmt, ...)
{
    struct sz_buf b = SZ_BUF_INIT;
    char msg[512];
    va_list ap;
    if (r->quiet)
        return -1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sz_buf_puts(&b, "$");
    size_t n = r->npath < PATH_SEGS ? r->npath : PATH_SEGS;
    for (size_t i = 0; i < n; i++) {
        /* A path through hundreds of levels is unreadable: its first and
        ** last segments say where it is. */
        if (n > 2 * PATH_SHOW && i == PATH_SHOW) {
            sz_buf_printf(&b, "[... %zu more ...]", n - 2 * PATH_SHOW);
            i = n - PATH_SHOW - 1;
            continue;
        }
        if (r->path[i].key)
            sz_buf_printf(&b, ".%s", r->path[i].key);
        else
            sz_buf_printf(&b, "[%zu]", r->path[i].idx);
    }
    if (n < r->npath)
        sz_buf_puts(&b, "...");
    sz_diag_add(&r->doc->diags, SZ_ERROR, SZ_EXIT_PARSE, r->file, 0, 0, -1,
                "pandoc JSON: %s at %s", msg, b.data);
    sz_buf_free(&b);
    return -1;
}

static const char *
type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* {=================================================================
** Scalars and small shapes
** ================================================================== */

/* v must be an array of exactly n elements (n == 0: any length). */
static int
want_array(struct rd *r, const json_t *v, size_t n, const char *what)
{
    if (!json_is_array(v))
        return fail(r, "%s must be an array, not %s", what, type_name(v));
    if (n && json_array_size(v) != n)
        return fail(r, "%s must have %zu elements, not %zu", what, n, json_array_size(v));
    return 0;
}

static int
get_str(struct rd *r, const json_t *v, const char **out, size_t *len, const char *what)
{
    if (!json_is_string(v))
        return fail(r, "%s must be a string, not %s", what, type_name(v));
    size_t n = json_string_length(v);
    *out = sz_arena_strndup(r->doc->arena, json_string_value(v), n);
    if (len)
        *len = n;
    return 0;
}

/* A string into a node's text (its length is a bit-field: no pointer). */
static int
get_text(struct rd *r, const json_t *v, struct sz_node *n, const char *what)
{
    size_t len = 0;
    int rc = get_str(r, v, &n->text, &len, what);
    n->len = len;
    return rc;
}

static int
get_int(struct rd *r, const json_t *v, int *out, const char *what)
{
    if (json_is_real(v)) {
        /* aeson reads an Int from 3.0 too, and other programs may write that */
        double d = json_real_value(v);
        if (!(d >= -2147483647.0 && d <= 2147483647.0) || d != (double)(int)d)
            return fail(r, "%s must be an integer, not %g", what, d);
        *out = (int)d;
        return 0;
    }
    if (!json_is_integer(v))
        return fail(r, "%s must be an integer, not %s", what, type_name(v));
    json_int_t i = json_integer_value(v);
    if (i < -2147483647 || i > 2147483647)
        return fail(r, "%s is out of range", what);
    *out = (int)i;
    return 0;
}

/* An element {"t": tag, "c": contents}; *c is NULL when there is no "c". */
static int
get_tagged(struct rd *r, const json_t *v, const char **tag, json_t **c, const char *what)
{
    if (!json_is_object(v))
        return fail(r, "%s must be an object with \"t\", not %s", what, type_name(v));
    json_t *t = json_object_get(v, "t");
    if (!json_is_string(t))
        return fail(r, "%s has no \"t\" string", what);
    *tag = json_string_value(t);
    *c = json_object_get(v, "c");
    return 0;
}

/* An enumeration {"t": name} whose names are names[0..n). */
static int
get_enum(struct rd *r, const json_t *v, const char *const *names, int n, int *out,
         const char *what)
{
    const char *tag;
    json_t *c;
    if (get_tagged(r, v, &tag, &c, what) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(tag, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return fail(r, "unknown %s \"%s\"", what, tag);
}

/* get_enum into a node's sub or sub2 (bit-fields: no address to give). */
static int
get_sub(struct rd *r, const json_t *v, const char *const *names, int n, struct sz_node *x,
        const char *what)
{
    int e = 0;
    if (get_enum(r, v, names, n, &e, what) < 0)
        return -1;
    x->sub = (unsigned)e;
    return 0;
}

static int
get_sub2(struct rd *r, const json_t *v, const char *const *names, int n, struct sz_node *x,
         const char *what)
{
    int e = 0;
    if (get_enum(r, v, names, n, &e, what) < 0)
        return -1;
    x->sub2 = (unsigned)e;
    return 0;
}

/* The orders match the sz_* enums in samizdat.h. */
static const char *const aligns[] = { "AlignDefault", "AlignLeft", "AlignRight", "AlignCenter" };
static const char *const quotes[] = { "DoubleQuote", "SingleQuote" };
static const char *const maths[] = { "InlineMath", "DisplayMath" };
static const char *const styles[] = { "DefaultStyle", "Example", "Decimal", "LowerRoman",
                                      "UpperRoman", "LowerAlpha", "UpperAlpha" };
static const char *const delims[] = { "DefaultDelim", "Period", "OneParen", "TwoParens" };
static const char *const modes[] = { "AuthorInText", "SuppressAuthor", "NormalCitation" };
#define NAMES(tab) tab, (int)(sizeof(tab) / sizeof(tab[0]))

/* Attr: [id, [class...], [[key, value]...]] */
static int
get_attr(struct rd *r, const json_t *v, struct sz_attr *a)
{
    struct sz_arena *ar = r->doc->arena;
    if (want_array(r, v, 3, "Attr") < 0)
        return -1;
    int rc = -1;
    push_idx(r, 0);
    if (get_str(r, json_array_get(v, 0), &a->id, NULL, "identifier") < 0)
        goto out;
    pop(r);
    push_idx(r, 1);
    json_t *cls = json_array_get(v, 1);
    if (want_array(r, cls, 0, "classes") < 0)
        goto out;
    a->nclasses = json_array_size(cls);
    a->classes = a->nclasses ? sz_arena_alloc(ar, a->nclasses * sizeof *a->classes) : NULL;
    for (size_t i = 0; i < a->nclasses; i++) {
        push_idx(r, i);
        if (get_str(r, json_array_get(cls, i), &a->classes[i], NULL, "class") < 0)
            goto out;
        pop(r);
    }
    pop(r);
    push_idx(r, 2);
    json_t *kvs = json_array_get(v, 2);
    if (want_array(r, kvs, 0, "attributes") < 0)
        goto out;
    a->nkvs = json_array_size(kvs);
    a->kvs = a->nkvs ? sz_arena_alloc(ar, a->nkvs * sizeof *a->kvs) : NULL;
    for (size_t i = 0; i < a->nkvs; i++) {
        json_t *kv = json_array_get(kvs, i);
        push_idx(r, i);
        if (want_array(r, kv, 2, "key/value pair") < 0 ||
            get_str(r, json_array_get(kv, 0), &a->kvs[i].key, NULL, "key") < 0 ||
            get_str(r, json_array_get(kv, 1), &a->kvs[i].value, NULL, "value") < 0)
            goto out;
        pop(r);
    }
    rc = 0;
out:
    pop(r);
    return rc;
}

/* An Attr into node n's (the shared empty one when it is empty). */
static int
get_node_attr(struct rd *r, const json_t *v, struct sz_node *n)
{
    struct sz_attr a = sz_attr_empty;
    int rc = get_attr(r, v, &a);
    sz_node_set_attr(r->doc, n, &a);
    return rc;
}

/* {=================================================================
** Blocks and inlines
** ================================================================== */

static int read_blocks(struct rd *r, const json_t *v, struct sz_node *parent);
static int read_inlines(struct rd *r, const json_t *v, struct sz_node *parent);
static int read_meta(struct rd *r, const json_t *v, struct sz_node **out);

/* Evaluates call (which reads element i of some array) with the path
** extended by [i]; the segment stays on error so fail() can name it. */
#define AT(i, call) (push_idx(r, (i)), (call) < 0 ? -1 : (pop(r), 0))
#define ELEM(v, i) json_array_get((v), (i))

static struct sz_node *
add(struct rd *r, struct sz_node *parent, enum sz_kind k)
{
    struct sz_node *n = r->spare;
    if (n && (k == SZ_STR || k == SZ_SPACE || k == SZ_SOFTBREAK)) {
        r->spare = n->next;
        sz_node_reset(r->doc, n, k);
    } else {
        n = sz_node_new(r->doc, k);
    }
    sz_node_append(parent, n);
    return n;
}

/* A Str with a NUL inside is no word of a text run (a run's text is a C
** string to its readers). */
static int
no_nul(const struct sz_node *n)
{
    return strlen(n->text) == n->len;
}

/* Packs parent's words into text runs; the nodes packed away are reused for
** the next list's words. */
static void
pack_runs(struct rd *r, struct sz_node *parent)
{
    sz_pack_runs(r->doc, parent, &r->spare, no_nul);
}

/* A list of blocks wrapped in a component node of kind k. */
static int
blocks_in(struct rd *r, const json_t *v, struct sz_node *parent, enum sz_kind k)
{
    return read_blocks(r, v, add(r, parent, k));
}

static int
inlines_in(struct rd *r, const json_t *v, struct sz_node *parent, enum sz_kind k)
{
    return read_inlines(r, v, add(r, parent, k));
}

/* Caption: [short inlines or null, blocks] */
static int
read_caption(struct rd *r, const json_t *v, struct sz_node *parent)
{
    struct sz_node *cap = add(r, parent, SZ_CAPTION);
    if (want_array(r, v, 2, "Caption") < 0)
        return -1;
    if (!json_is_null(ELEM(v, 0)) &&
        AT(0, inlines_in(r, ELEM(v, 0), cap, SZ_SHORTCAPTION)) < 0)
        return -1;
    return AT(1, read_blocks(r, ELEM(v, 1), cap));
}

/* Cell: [attr, align, rowspan, colspan, blocks] */
static int
read_cell(struct rd *r, const json_t *v, struct sz_node *row)
{
    struct sz_node *c = add(r, row, SZ_CELL);
    if (want_array(r, v, 5, "Cell") < 0 ||
        AT(0, get_node_attr(r, ELEM(v, 0), c)) < 0 ||
        AT(1, get_sub(r, ELEM(v, 1), NAMES(aligns), c, "alignment")) < 0 ||
        AT(2, get_int(r, ELEM(v, 2), &c->ival, "RowSpan")) < 0 ||
        AT(3, get_int(r, ELEM(v, 3), &c->ival2, "ColSpan")) < 0)
        return -1;
    return AT(4, read_blocks(r, ELEM(v, 4), c));
}

/* [Row] where Row is [attr, [cell]] */
static int
read_rows(struct rd *r, const json_t *v, struct sz_node *parent)
{
    if (want_array(r, v, 0, "rows") < 0)
        return -1;
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *row = ELEM(v, i);
        struct sz_node *n = add(r, parent, SZ_ROW);
        push_idx(r, i);
        if (want_array(r, row, 2, "Row") < 0 || AT(0, get_node_attr(r, ELEM(row, 0), n)) < 0)
            return -1;
        json_t *cells = ELEM(row, 1);
        push_idx(r, 1);
        if (want_array(r, cells, 0, "cells") < 0)
            return -1;
        for (size_t j = 0; j < json_array_size(cells); j++)
            if (AT(j, read_cell(r, ELEM(cells, j), n)) < 0)
                return -1;
        pop(r);
        pop(r);
    }
    return 0;
}

/* TableHead / TableFoot: [attr, [row]] */
static int
read_head(struct rd *r, const json_t *v, struct sz_node *table, enum sz_kind k)
{
    struct sz_node *h = add(r, table, k);
    if (want_array(r, v, 2, k == SZ_THEAD ? "TableHead" : "TableFoot") < 0 ||
        AT(0, get_node_attr(r, ELEM(v, 0), h)) < 0)
        return -1;
    return AT(1, read_rows(r, ELEM(v, 1), h));
}

/* TableBody: [attr, row head columns, [head row], [body row]] */
static int
read_body(struct rd *r, const json_t *v, struct sz_node *table)
{
    struct sz_node *b = add(r, table, SZ_TBODY);
    if (want_array(r, v, 4, "TableBody") < 0 ||
        AT(0, get_node_attr(r, ELEM(v, 0), b)) < 0 ||
        AT(1, get_int(r, ELEM(v, 1), &b->ival, "RowHeadColumns")) < 0 ||
        AT(2, read_rows(r, ELEM(v, 2), add(r, b, SZ_TBODY_HEAD))) < 0)
        return -1;
    return AT(3, read_rows(r, ELEM(v, 3), b));
}

/* ColSpec: [align, {"t":"ColWidth","c":w} | {"t":"ColWidthDefault"}] */
static int
read_colspec(struct rd *r, const json_t *v, struct sz_node *table)
{
    struct sz_node *cs = add(r, table, SZ_COLSPEC);
    const char *tag;
    json_t *c;
    if (want_array(r, v, 2, "ColSpec") < 0 ||
        AT(0, get_sub(r, ELEM(v, 0), NAMES(aligns), cs, "alignment")) < 0)
        return -1;
    push_idx(r, 1);
    if (get_tagged(r, ELEM(v, 1), &tag, &c, "ColWidth") < 0)
        return -1;
    if (strcmp(tag, "ColWidthDefault") == 0) {
        cs->width = 0;
    } else if (strcmp(tag, "ColWidth") == 0) {
        if (!json_is_number(c))
            return fail(r, "ColWidth needs a number");
        cs->width = json_number_value(c);
    } else {
        return fail(r, "unknown column width \"%s\"", tag);
    }
    pop(r);
    return 0;
}

/* Table: [attr, caption, [colspec], head, [body], foot] */
static int
read_table(struct rd *r, const json_t *c, struct sz_node *t)
{
    if (want_array(r, c, 6, "Table") < 0 || AT(0, get_node_attr(r, ELEM(c, 0), t)) < 0 ||
        AT(1, read_caption(r, ELEM(c, 1), t)) < 0)
        return -1;
    json_t *specs = ELEM(c, 2), *bodies = ELEM(c, 4);
    push_idx(r, 2);
    if (want_array(r, specs, 0, "column specs") < 0)
        return -1;
    for (size_t i = 0; i < json_array_size(specs); i++)
        if (AT(i, read_colspec(r, ELEM(specs, i), t)) < 0)
            return -1;
    pop(r);
    if (AT(3, read_head(r, ELEM(c, 3), t, SZ_THEAD)) < 0)
        return -1;
    push_idx(r, 4);
    if (want_array(r, bodies, 0, "table bodies") < 0)
        return -1;
    for (size_t i = 0; i < json_array_size(bodies); i++)
        if (AT(i, read_body(r, ELEM(bodies, i), t)) < 0)
            return -1;
    pop(r);
    return AT(5, read_head(r, ELEM(c, 5), t, SZ_TFOOT));
}

/* A list of items, each a list of blocks. */
static int
read_items(struct rd *r, const json_t *v, struct sz_node *list)
{
    if (want_array(r, v, 0, "list items") < 0)
        return -1;
    for (size_t i = 0; i < json_array_size(v); i++)
        if (AT(i, blocks_in(r, ELEM(v, i), list, SZ_ITEM)) < 0)
            return -1;
    return 0;
}

/* DefinitionList: [[term inlines, [blocks...]]...] */
static int
read_deflist(struct rd *r, const json_t *v, struct sz_node *dl)
{
    if (want_array(r, v, 0, "DefinitionList") < 0)
        return -1;
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *it = ELEM(v, i);
        struct sz_node *di = add(r, dl, SZ_DEFITEM);
        push_idx(r, i);
        if (want_array(r, it, 2, "definition item") < 0 ||
            AT(0, inlines_in(r, ELEM(it, 0), di, SZ_TERM)) < 0)
            return -1;
        json_t *defs = ELEM(it, 1);
        push_idx(r, 1);
        if (want_array(r, defs, 0, "definitions") < 0)
            return -1;
        for (size_t j = 0; j < json_array_size(defs); j++)
            if (AT(j, blocks_in(r, ELEM(defs, j), di, SZ_DEFN)) < 0)
                return -1;
        pop(r);
        pop(r);
    }
    return 0;
}

/* [attr, text] (CodeBlock, Code) or [format, text] (RawBlock, RawInline),
** [math type, text] (Math). */
static int
read_text_pair(struct rd *r, const json_t *c, struct sz_node *n)
{
    const char *what = sz_kind_name(n->kind);
    if (want_array(r, c, 2, what) < 0)
        return -1;
    push_idx(r, 0);
    switch (n->kind) {
    case SZ_CODEBLOCK:
    case SZ_CODE:
        if (get_node_attr(r, ELEM(c, 0), n) < 0)
            return -1;
        break;
    case SZ_MATH:
        if (get_sub(r, ELEM(c, 0), NAMES(maths), n, "math type") < 0)
            return -1;
        break;
    default:
        if (get_str(r, ELEM(c, 0), &n->format, NULL, "format") < 0)
            return -1;
        break;
    }
    pop(r);
    return AT(1, get_text(r, ELEM(c, 1), n, "text"));
}

/* The contents "c" of a block of kind k, read into its node n. */
static int
block_content(struct rd *r, enum sz_kind k, const json_t *c, struct sz_node *n)
{
    int rc = 0;
    switch (k) {
    case SZ_PLAIN:
    case SZ_PARA:
        rc = read_inlines(r, c, n);
        break;
    case SZ_LINEBLOCK:
        rc = want_array(r, c, 0, "LineBlock");
        for (size_t i = 0; rc == 0 && i < json_array_size(c); i++)
            rc = AT(i, inlines_in(r, ELEM(c, i), n, SZ_LINE));
        break;
    case SZ_CODEBLOCK:
    case SZ_RAWBLOCK:
        rc = read_text_pair(r, c, n);
        break;
    case SZ_BLOCKQUOTE:
        rc = read_blocks(r, c, n);
        break;
    case SZ_ORDEREDLIST: {
        json_t *la = ELEM(c, 0);
        if ((rc = want_array(r, c, 2, "OrderedList")) < 0)
            break;
        push_idx(r, 0);
        if ((rc = want_array(r, la, 3, "ListAttributes")) < 0 ||
            (rc = AT(0, get_int(r, ELEM(la, 0), &n->ival, "list start"))) < 0 ||
            (rc = AT(1, get_sub(r, ELEM(la, 1), NAMES(styles), n, "list style"))) < 0 ||
            (rc = AT(2, get_sub2(r, ELEM(la, 2), NAMES(delims), n, "list delimiter"))) < 0)
            break;
        pop(r);
        rc = AT(1, read_items(r, ELEM(c, 1), n));
        break;
    }
    case SZ_BULLETLIST:
        rc = read_items(r, c, n);
        break;
    case SZ_DEFLIST:
        rc = read_deflist(r, c, n);
        break;
    case SZ_HEADER:
        if ((rc = want_array(r, c, 3, "Header")) < 0 ||
            (rc = AT(0, get_int(r, ELEM(c, 0), &n->level, "Header level"))) < 0 ||
            (rc = AT(1, get_node_attr(r, ELEM(c, 1), n))) < 0)
            break;
        rc = AT(2, read_inlines(r, ELEM(c, 2), n));
        break;
    case SZ_TABLE:
        rc = read_table(r, c, n);
        break;
    case SZ_FIGURE:
        if ((rc = want_array(r, c, 3, "Figure")) < 0 ||
            (rc = AT(0, get_node_attr(r, ELEM(c, 0), n))) < 0 ||
            (rc = AT(1, read_caption(r, ELEM(c, 1), n))) < 0)
            break;
        rc = AT(2, read_blocks(r, ELEM(c, 2), n));
        break;
    case SZ_DIV:
        if ((rc = want_array(r, c, 2, "Div")) < 0 ||
            (rc = AT(0, get_node_attr(r, ELEM(c, 0), n))) < 0)
            break;
        rc = AT(1, read_blocks(r, ELEM(c, 1), n));
        break;
    default:
        rc = fail(r, "unknown Block \"%s\"", sz_kind_name(k));
        break;
    }
    return rc;
}

static int
read_block(struct rd *r, const json_t *v, struct sz_node *parent)
{
    const char *tag;
    json_t *c;
    if (get_tagged(r, v, &tag, &c, "a Block") < 0)
        return -1;
    if (strcmp(tag, "Null") == 0)
        return 0;              /* pandoc-types 1.22's empty block; gone in 1.23 */
    enum sz_kind k = sz_kind_from_name(tag);
    if (!sz_kind_is_block(k))
        return fail(r, "unknown Block \"%s\"", tag);
    if (++r->depth > SZ_MAX_DEPTH)
        return fail(r, "nesting deeper than %d", SZ_MAX_DEPTH);
    struct sz_node *n = add(r, parent, k);
    int rc = 0;
    if (k == SZ_HRULE)
        goto out;
    if (!c) {
        rc = fail(r, "%s has no \"c\"", tag);
        goto out;
    }
    push_key(r, "c");
    rc = block_content(r, k, c, n);
    if (rc == 0)
        pop(r);
out:
    r->depth--;
    return rc;
}

/* Citation: {"citationId":..., "citationPrefix":[...], ...} */
static int
read_citation(struct rd *r, const json_t *v, struct sz_node *cite)
{
    struct sz_node *n = add(r, cite, SZ_CITATION);
    if (!json_is_object(v))
        return fail(r, "Citation must be an object, not %s", type_name(v));
    static const char *const keys[] = { "citationId", "citationPrefix", "citationSuffix",
                                        "citationMode", "citationNoteNum", "citationHash" };
    json_t *f[6];
    for (int i = 0; i < 6; i++)
        if (!(f[i] = json_object_get(v, keys[i])))
            return fail(r, "Citation has no \"%s\"", keys[i]);
    push_key(r, keys[0]);
    if (get_text(r, f[0], n, keys[0]) < 0)
        return -1;
    pop(r);
    push_key(r, keys[1]);
    if (inlines_in(r, f[1], n, SZ_CITE_PREFIX) < 0)
        return -1;
    pop(r);
    push_key(r, keys[2]);
    if (inlines_in(r, f[2], n, SZ_CITE_SUFFIX) < 0)
        return -1;
    pop(r);
    push_key(r, keys[3]);
    if (get_sub(r, f[3], NAMES(modes), n, "citation mode") < 0)
        return -1;
    pop(r);
    push_key(r, keys[4]);
    if (get_int(r, f[4], &n->ival, keys[4]) < 0)
        return -1;
    pop(r);
    push_key(r, keys[5]);
    if (get_int(r, f[5], &n->ival2, keys[5]) < 0)
        return -1;
    pop(r);
    return 0;
}

/* Link / Image: [attr, inlines, [url, title]] */
static int
read_target(struct rd *r, const json_t *c, struct sz_node *n)
{
    json_t *tg = ELEM(c, 2);
    if (want_array(r, c, 3, sz_kind_name(n->kind)) < 0 ||
        AT(0, get_node_attr(r, ELEM(c, 0), n)) < 0 ||
        AT(1, read_inlines(r, ELEM(c, 1), n)) < 0)
        return -1;
    push_idx(r, 2);
    if (want_array(r, tg, 2, "Target") < 0 ||
        AT(0, get_str(r, ELEM(tg, 0), &n->target->url, NULL, "URL")) < 0 ||
        AT(1, get_str(r, ELEM(tg, 1), &n->target->title, NULL, "title")) < 0)
        return -1;
    pop(r);
    return 0;
}

/* The contents "c" of an inline of kind k, read into its node n. */
static int
inline_content(struct rd *r, enum sz_kind k, const json_t *c, struct sz_node *n)
{
    int rc = 0;
    switch (k) {
    case SZ_STR:
        rc = get_text(r, c, n, "Str");
        break;
    case SZ_EMPH:
    case SZ_UNDERLINE:
    case SZ_STRONG:
    case SZ_STRIKEOUT:
    case SZ_SUPERSCRIPT:
    case SZ_SUBSCRIPT:
    case SZ_SMALLCAPS:
        rc = read_inlines(r, c, n);
        break;
    case SZ_QUOTED:
        if ((rc = want_array(r, c, 2, "Quoted")) < 0 ||
            (rc = AT(0, get_sub(r, ELEM(c, 0), NAMES(quotes), n, "quote type"))) < 0)
            break;
        rc = AT(1, read_inlines(r, ELEM(c, 1), n));
        break;
    case SZ_CITE: {
        json_t *cits = ELEM(c, 0);
        if ((rc = want_array(r, c, 2, "Cite")) < 0)
            break;
        push_idx(r, 0);
        if ((rc = want_array(r, cits, 0, "citations")) < 0)
            break;
        for (size_t i = 0; rc == 0 && i < json_array_size(cits); i++)
            rc = AT(i, read_citation(r, ELEM(cits, i), n));
        if (rc < 0)
            break;
        pop(r);
        rc = AT(1, read_inlines(r, ELEM(c, 1), n));
        break;
    }
    case SZ_CODE:
    case SZ_MATH:
    case SZ_RAWINLINE:
        rc = read_text_pair(r, c, n);
        break;
    case SZ_LINK:
    case SZ_IMAGE:
        rc = read_target(r, c, n);
        break;
    case SZ_NOTE:
        rc = read_blocks(r, c, n);
        break;
    case SZ_SPAN:
        if ((rc = want_array(r, c, 2, "Span")) < 0 ||
            (rc = AT(0, get_node_attr(r, ELEM(c, 0), n))) < 0)
            break;
        rc = AT(1, read_inlines(r, ELEM(c, 1), n));
        break;
    default:
        rc = fail(r, "unknown Inline \"%s\"", sz_kind_name(k));
        break;
    }
    return rc;
}

static int
read_inline(struct rd *r, const json_t *v, struct sz_node *parent)
{
    const char *tag;
    json_t *c;
    if (get_tagged(r, v, &tag, &c, "an Inline") < 0)
        return -1;
    enum sz_kind k = sz_kind_from_name(tag);
    if (!sz_kind_is_inline(k))
        return fail(r, "unknown Inline \"%s\"", tag);
    if (++r->depth > SZ_MAX_DEPTH)
        return fail(r, "nesting deeper than %d", SZ_MAX_DEPTH);
    struct sz_node *n = add(r, parent, k);
    int rc = 0;
    if (k == SZ_SPACE || k == SZ_SOFTBREAK || k == SZ_LINEBREAK)
        goto out;
    if (!c) {
        rc = fail(r, "%s has no \"c\"", tag);
        goto out;
    }
    push_key(r, "c");
    rc = inline_content(r, k, c, n);
    if (rc == 0)
        pop(r);
out:
    r->depth--;
    return rc;
}

static int
read_blocks(struct rd *r, const json_t *v, struct sz_node *parent)
{
    if (want_array(r, v, 0, "a list of blocks") < 0)
        return -1;
    for (size_t i = 0; i < json_array_size(v); i++)
        if (AT(i, read_block(r, ELEM(v, i), parent)) < 0)
            return -1;
    return 0;
}

static int
read_inlines(struct rd *r, const json_t *v, struct sz_node *parent)
{
    if (want_array(r, v, 0, "a list of inlines") < 0)
        return -1;
    for (size_t i = 0; i < json_array_size(v); i++)
        if (AT(i, read_inline(r, ELEM(v, i), parent)) < 0)
            return -1;
    if (!r->in_meta)
        pack_runs(r, parent);
    return 0;
}

/* {=================================================================
** Metadata
** ================================================================== */

static int
cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of object v, sorted as pandoc's Map keeps them; caller frees. */
static const char **
sorted_keys(const json_t *v, size_t *n)
{
    const char *key;
    json_t *val;
    size_t i = 0;
    *n = json_object_size(v);
    const char **keys = sz_xmalloc((*n ? *n : 1) * sizeof *keys);
    json_object_foreach((json_t *)v, key, val)
        keys[i++] = key;
    qsort(keys, *n, sizeof *keys, cmp_keys);
    return keys;
}

/* Fills map (an SZ_META_MAP) from object v. */
static int
read_meta_map(struct rd *r, const json_t *v, struct sz_node *map)
{
    size_t n;
    if (!json_is_object(v))
        return fail(r, "MetaMap contents must be an object, not %s", type_name(v));
    const char **keys = sorted_keys(v, &n);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct sz_node *val = NULL;
        push_key(r, keys[i]);
        rc = read_meta(r, json_object_get(v, keys[i]), &val);
        if (rc == 0) {
            pop(r);
            struct sz_node *e = sz_node_new_text(r->doc, SZ_META_ENTRY, keys[i], strlen(keys[i]));
            sz_node_append(e, val);
            sz_node_append(map, e);
        }
    }
    free(keys);
    return rc;
}

static int
read_meta(struct rd *r, const json_t *v, struct sz_node **out)
{
    const char *tag;
    json_t *c;
    if (get_tagged(r, v, &tag, &c, "a MetaValue") < 0)
        return -1;
    enum sz_kind k = sz_kind_from_name(tag);
    if (!sz_kind_is_meta(k))
        return fail(r, "unknown MetaValue \"%s\"", tag);
    if (!c)
        return fail(r, "%s has no \"c\"", tag);
    if (++r->depth > SZ_MAX_DEPTH)
        return fail(r, "nesting deeper than %d", SZ_MAX_DEPTH);
    struct sz_node *n = *out = sz_node_new(r->doc, k);
    int rc = 0;
    push_key(r, "c");
    switch (k) {
    case SZ_META_MAP:
        rc = read_meta_map(r, c, n);
        break;
    case SZ_META_LIST:
        rc = want_array(r, c, 0, "MetaList");
        for (size_t i = 0; rc == 0 && i < json_array_size(c); i++) {
            struct sz_node *x = NULL;
            push_idx(r, i);
            if ((rc = read_meta(r, ELEM(c, i), &x)) == 0) {
                pop(r);
                sz_node_append(n, x);
            }
        }
        break;
    case SZ_META_BOOL:
        if (!json_is_boolean(c))
            rc = fail(r, "MetaBool must be true or false, not %s", type_name(c));
        n->ival = json_is_true(c);
        break;
    case SZ_META_STRING:
        rc = get_text(r, c, n, "MetaString");
        break;
    case SZ_META_INLINES:
        rc = read_inlines(r, c, n);
        break;
    default:
        rc = read_blocks(r, c, n);
        break;
    }
    if (rc == 0)
        pop(r);
    r->depth--;
    return rc;
}

/* {=================================================================
** Document
** ================================================================== */

static int
check_version(struct rd *r, const json_t *top)
{
    json_t *ver = json_object_get(top, "pandoc-api-version");
    if (!ver)
        return fail(r, "no \"pandoc-api-version\" (is this pandoc JSON from pandoc 1.18 or later?)");
    push_key(r, "pandoc-api-version");
    if (!json_is_array(ver) || json_array_size(ver) < 2 ||
        !json_is_integer(json_array_get(ver, 0)) || !json_is_integer(json_array_get(ver, 1)))
        return fail(r, "the version must be an array of integers like [1,23,1]");
    long long major = json_integer_value(json_array_get(ver, 0));
    long long minor = json_integer_value(json_array_get(ver, 1));
    if (major != 1 || (minor != 22 && minor != 23))
        return fail(r, "unsupported pandoc-api-version %lld.%lld (samizdat reads 1.22 and 1.23)",
                    major, minor);
    pop(r);
    return 0;
}

static int read_stream(struct sz_doc *doc, const char *data, size_t len, const char *file);

static int
read_json(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    json_error_t err;
    size_t skip = 0;
    /* pandoc drops a UTF-8 byte order mark before decoding; so do we */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    data += skip;
    len -= skip;
    pthread_once(&j_once, j_init);
    if (read_stream(doc, data, len, o->filename) == 0)
        return 0;
    struct sz_arena *scratch = sz_arena_new();
    j_arena = scratch;
    /* NUL may appear in pandoc strings (\u0000); node text keeps its length. */
    json_t *top = json_loadb(data, len, JSON_ALLOW_NUL, &err);
    j_arena = NULL;
    if (!top) {
        sz_arena_free(scratch);
        /* jansson's position counts the bytes read, up to and including
        ** the one where it gave up: that byte's 0-based offset is one less. */
        sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_PARSE, o->filename,
                    err.line > 0 ? (uint32_t)err.line : 0,
                    err.column > 0 ? (uint32_t)err.column : 0,
                    (long long)skip + (err.position > 0 ? err.position - 1 : 0),
                    "malformed JSON: %s", err.text);
        return -1;
    }
    struct rd *r = sz_xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->doc = doc;
    r->file = o->filename;
    r->depth = 0;
    r->npath = 0;
    r->in_meta = 0;
    r->spare = NULL;
    r->run = (struct sz_buf)SZ_BUF_INIT;
    int rc = -1;
    if (!json_is_object(top)) {
        fail(r, "a pandoc document must be an object, not %s", type_name(top));
        goto out;
    }
    if (check_version(r, top) < 0)
        goto out;
    json_t *meta = json_object_get(top, "meta");
    json_t *blocks = json_object_get(top, "blocks");
    if (!meta || !blocks) {
        fail(r, "a pandoc document needs \"meta\" and \"blocks\"");
        goto out;
    }
    push_key(r, "meta");
    if (!json_is_object(meta)) {
        fail(r, "meta must be an object, not %s", type_name(meta));
        goto out;
    }
    /* Later inputs win for keys they share, as pandoc's Meta semigroup. */
    struct sz_node *tmp = sz_node_new(doc, SZ_META_MAP);
    r->in_meta = 1;
    if (read_meta_map(r, meta, tmp) < 0)
        goto out;
    r->in_meta = 0;
    while (tmp->first) {
        struct sz_node *e = tmp->first;
        struct sz_node *val = e->first;
        sz_node_unlink(e);
        sz_node_unlink(val);
        sz_meta_set(doc, e->text, val);
    }
    pop(r);
    push_key(r, "blocks");
    if (read_blocks(r, blocks, doc->root) < 0)
        goto out;
    pop(r);
    rc = 0;
out:
    sz_buf_free(&r->run);
    free(r);
    sz_arena_free(scratch);    /* all of top: no json_decref needed */
    return rc;
}

/* {=================================================================
** Streaming: the document read as a stream of yajl events
**
** jansson holds a whole document as values before any of it is read into
** the tree: War and Peace's 22 MB of JSON took 850 MB, and building a value
** per word cost more than parsing.  Here yajl's events go straight into the
** tree: a stack of frames says what each open container is (a list of
** blocks, of inlines, an element's {"t","c"}, a tuple such as a Header's
** [level, attr, inlines]), and words go straight into text runs, packed as
** pack_runs packs them.  Small or rare parts (metadata, attributes, tables,
** code, citations) are captured as jansson values and read by the functions
** above.  Any error, and anything this does not expect ("c" before "t", a
** key given twice, nesting jansson refuses), and the whole text is read
** again by read_json's jansson path, which gives the error its exact message
** and JSON path and reads the unusual orders.
** ================================================================== */

/* jansson's own nesting limit, which the jansson path reports. */
#define STREAM_DEPTH 2048

enum frole { F_DOC, F_BLOCKS, F_INLINES, F_ELEM, F_TUPLE, F_ITEMS };

/* What a tuple's element is: captured and read by tuple_value, or a list. */
enum slot { S_CAP, S_INL, S_BLK, S_ITEMS };

struct frame {
    enum frole role;
    struct sz_node *node;      /* the node its contents go into */
    enum sz_kind kind;         /* F_ELEM, F_TUPLE: the element's kind */
    int is_block;              /* F_ELEM: a block (else an inline) */
    int seen_t, seen_c;        /* F_ELEM: keys read */
    int key;                   /* F_ELEM, F_DOC: the key whose value comes next */
    size_t idx;                /* F_TUPLE: elements read */
    int nwords, sep;           /* F_INLINES: the words in r->run, a separator after them */
};

struct stream {
    struct rd *r;
    struct sz_node *root, *meta; /* where blocks and metadata go until the end */
    struct frame f[STREAM_DEPTH + 1];
    int nf;                    /* frames open; 0 before the document, -1 after */
    /* A value being captured as jansson values (cdepth > 0: containers open). */
    json_t *cap[STREAM_DEPTH + 1];
    char *ckey[STREAM_DEPTH + 1];
    int cdepth;
    int seen_version, seen_meta, seen_blocks;
    struct sz_arena *vals;     /* the captured values */
    size_t nvals;              /* values captured since vals was last freed */
};

/* A tuple's shape by the kind of its element. */
static int
tuple_shape(enum sz_kind k, const enum slot **slots)
{
    static const enum slot header[] = { S_CAP, S_CAP, S_INL };
    static const enum slot attr_blocks[] = { S_CAP, S_BLK };
    static const enum slot cap_inlines[] = { S_CAP, S_INL };
    static const enum slot target[] = { S_CAP, S_INL, S_CAP };
    static const enum slot olist[] = { S_CAP, S_ITEMS };
    switch (k) {
    case SZ_HEADER: *slots = header; return 3;
    case SZ_DIV: *slots = attr_blocks; return 2;
    case SZ_SPAN:
    case SZ_QUOTED: *slots = cap_inlines; return 2;
    case SZ_LINK:
    case SZ_IMAGE: *slots = target; return 3;
    case SZ_ORDEREDLIST: *slots = olist; return 2;
    default: return 0;
    }
}

/* How an element's "c" is read: 'i' inlines, 'b' blocks, 'l' list items,
** 't' a tuple, 's' a Str's text, 'n' none (ignored, as read_block does),
** 'v' captured and read by block_content/inline_content. */
static int
content_way(enum sz_kind k)
{
    switch (k) {
    case SZ_PLAIN: case SZ_PARA:
    case SZ_EMPH: case SZ_UNDERLINE: case SZ_STRONG: case SZ_STRIKEOUT:
    case SZ_SUPERSCRIPT: case SZ_SUBSCRIPT: case SZ_SMALLCAPS:
        return 'i';
    case SZ_BLOCKQUOTE: case SZ_NOTE: return 'b';
    case SZ_BULLETLIST: return 'l';
    case SZ_HEADER: case SZ_DIV: case SZ_SPAN: case SZ_QUOTED: case SZ_LINK: case SZ_IMAGE:
    case SZ_ORDEREDLIST:
        return 't';
    case SZ_STR: return 's';
    case SZ_NONE: case SZ_HRULE: case SZ_SPACE: case SZ_SOFTBREAK: case SZ_LINEBREAK:
        return 'n';
    default: return 'v';
    }
}

/* The kind named by tag s (n bytes); SZ_NONE for "Null", -1 unknown. */
static int
kind_of(const char *s, size_t n, int is_block)
{
    char t[32];
    if (n == 3 && !memcmp(s, "Str", 3))
        return SZ_STR;
    if (n == 5 && !memcmp(s, "Space", 5))
        return SZ_SPACE;
    if (n == 4 && !memcmp(s, "Para", 4))
        return SZ_PARA;
    if (n == 9 && !memcmp(s, "SoftBreak", 9))
        return SZ_SOFTBREAK;
    if (n >= sizeof t || memchr(s, '\0', n))
        return -1;
    memcpy(t, s, n);
    t[n] = '\0';
    if (is_block && !strcmp(t, "Null"))
        return SZ_NONE;
    enum sz_kind k = sz_kind_from_name(t);
    if (is_block ? !sz_kind_is_block(k) : !sz_kind_is_inline(k))
        return -1;
    return (int)k;
}

static struct frame *
push_frame(struct stream *st, enum frole role, struct sz_node *node)
{
    if (st->nf + st->cdepth >= STREAM_DEPTH)
        return NULL;
    struct frame *f = &st->f[++st->nf];
    memset(f, 0, sizeof *f);
    f->role = role;
    f->node = node;
    return f;
}

/* The words gathered in list f become a Str or a text run, and a pending
** separator its node. */
static void
flush_run(struct stream *st, struct frame *f)
{
    struct rd *r = st->r;
    if (f->nwords) {
        struct sz_node *n = add(r, f->node, SZ_STR);
        sz_node_set_text(r->doc, n, r->run.data, r->run.len);
        if (f->nwords > 1)
            n->sub = SZ_STR_RUN;
        f->nwords = 0;
    }
    if (f->sep) {
        add(r, f->node, f->sep == ' ' ? SZ_SPACE : SZ_SOFTBREAK);
        f->sep = 0;
    }
}

/* A Str's text s in list f: a word of the run, or a Str of its own. */
static void
put_word(struct stream *st, struct frame *f, const char *s, size_t n)
{
    struct rd *r = st->r;
    int word = n > 0;
    for (size_t i = 0; i < n && word; i++)   /* words are short: one pass */
        word = s[i] != ' ' && s[i] != '\n' && s[i] != '\0';
    if (word && f->nwords && f->sep) {
        sz_buf_putc(&r->run, (char)f->sep);
        sz_buf_put(&r->run, s, n);
        f->nwords++;
        f->sep = 0;
        return;
    }
    flush_run(st, f);
    if (word) {
        sz_buf_clear(&r->run);
        sz_buf_put(&r->run, s, n);
        f->nwords = 1;
    } else {
        struct sz_node *w = add(r, f->node, SZ_STR);
        sz_node_set_text(r->doc, w, s, n);
    }
}

/* A Space or SoftBreak (sep ' ' or '\n') in list f. */
static void
put_sep(struct stream *st, struct frame *f, int sep)
{
    if (f->nwords && !f->sep) {
        f->sep = sep;
        return;
    }
    flush_run(st, f);
    add(st->r, f->node, sep == ' ' ? SZ_SPACE : SZ_SOFTBREAK);
}

/* Captured value v, element i of tuple f, read into its node. */
static int
tuple_value(struct stream *st, struct frame *f, size_t i, json_t *v)
{
    struct rd *r = st->r;
    struct sz_node *n = f->node;
    switch (f->kind) {
    case SZ_HEADER:
        return i == 0 ? get_int(r, v, &n->level, "Header level") : get_node_attr(r, v, n);
    case SZ_QUOTED:
        return get_sub(r, v, NAMES(quotes), n, "quote type");
    case SZ_ORDEREDLIST:
        if (want_array(r, v, 3, "ListAttributes") < 0 ||
            get_int(r, ELEM(v, 0), &n->ival, "list start") < 0 ||
            get_sub(r, ELEM(v, 1), NAMES(styles), n, "list style") < 0 ||
            get_sub2(r, ELEM(v, 2), NAMES(delims), n, "list delimiter") < 0)
            return -1;
        return 0;
    case SZ_LINK:
    case SZ_IMAGE:
        if (i == 0)
            return get_node_attr(r, v, n);
        if (want_array(r, v, 2, "Target") < 0 ||
            get_str(r, ELEM(v, 0), &n->target->url, NULL, "URL") < 0 ||
            get_str(r, ELEM(v, 1), &n->target->title, NULL, "title") < 0)
            return -1;
        return 0;
    default:                   /* Div, Span */
        return get_node_attr(r, v, n);
    }
}

/* A captured value is complete: it goes where the innermost frame wanted it. */
static int
captured(struct stream *st, json_t *v)
{
    struct rd *r = st->r;
    struct frame *f = &st->f[st->nf];
    int rc = 0;
    st->nvals++;
    if (f->role == F_DOC) {
        if (f->key == 'v') {
            json_t *top = json_object();
            json_object_set(top, "pandoc-api-version", v);
            st->seen_version = 1;
            rc = check_version(r, top);
        } else if (f->key == 'm') {
            st->seen_meta = 1;
            if (!json_is_object(v))
                return 0;
            r->in_meta = 1;
            rc = read_meta_map(r, v, st->meta);
            r->in_meta = 0;
        }
        f->key = 0;
        return rc == 0;
    }
    if (f->role == F_TUPLE)
        return tuple_value(st, f, f->idx - 1, v) == 0;
    if (f->role == F_ELEM && f->key == 'c' && content_way(f->kind) == 'v')
        rc = f->is_block ? block_content(r, f->kind, v, f->node)
                         : inline_content(r, f->kind, v, f->node);
    return rc == 0;            /* other keys, and "c" of a Space, are ignored */
}

/* Adds v to the open captured container, or completes the capture. */
static int
cap_value(struct stream *st, json_t *v)
{
    if (!v)
        return 0;
    if (st->cdepth == 0)
        return captured(st, v);
    json_t *c = st->cap[st->cdepth];
    if (json_is_array(c))
        return json_array_append_new(c, v) == 0;
    if (!st->ckey[st->cdepth])
        return 0;
    int ok = json_object_set_new(c, st->ckey[st->cdepth], v) == 0;
    st->ckey[st->cdepth] = NULL;
    return ok;
}

/* A value begins where the innermost frame is: 'm' a map, 'a' an array,
** 's' a string (s, n), 'x' another scalar.  Returns 1 when the value is
** read by the frames (a new frame, a word), 0 to abandon the stream, 2
** when it is to be captured. */
static int
begin(struct stream *st, int what, const char *s, size_t n)
{
    struct rd *r = st->r;
    if (st->cdepth > 0)
        return 2;
    if (st->nf < 0)
        return 0;                  /* nothing may follow the document */
    struct frame *f = &st->f[st->nf];
    if (st->nf == 0)               /* the document itself */
        return what == 'm' && push_frame(st, F_DOC, NULL) ? 1 : 0;
    switch (f->role) {
    case F_DOC:
        if (f->key == 'b') {
            f->key = 0;
            return what == 'a' && push_frame(st, F_BLOCKS, st->root) ? 1 : 0;
        }
        return 2;
    case F_BLOCKS:
    case F_INLINES: {
        if (what != 'm')
            return 0;
        struct frame *e = push_frame(st, F_ELEM, f->node);
        if (!e)
            return 0;
        e->is_block = f->role == F_BLOCKS;
        return 1;
    }
    case F_ITEMS:
        if (what != 'a')
            return 0;
        return push_frame(st, F_BLOCKS, add(r, f->node, SZ_ITEM)) ? 1 : 0;
    case F_TUPLE: {
        const enum slot *slots;
        size_t len = (size_t)tuple_shape(f->kind, &slots);
        if (f->idx >= len)
            return 0;
        enum slot sl = slots[f->idx++];
        if (sl == S_CAP)
            return 2;
        if (what != 'a')
            return 0;
        return push_frame(st, sl == S_INL ? F_INLINES : sl == S_BLK ? F_BLOCKS : F_ITEMS,
                          f->node) ? 1 : 0;
    }
    case F_ELEM:
        break;
    }
    /* an element's value */
    struct frame *list = &st->f[st->nf - 1];
    if (f->key == 't') {
        f->key = 0;
        if (what != 's')
            return 0;
        int k = kind_of(s, n, f->is_block);
        if (k < 0 || ++r->depth > SZ_MAX_DEPTH)
            return 0;
        f->kind = (enum sz_kind)k;
        f->seen_t = 1;
        if (!f->is_block) {
            if (k == SZ_SPACE || k == SZ_SOFTBREAK) {
                put_sep(st, list, k == SZ_SPACE ? ' ' : '\n');
                return 1;
            }
            if (k != SZ_STR)
                flush_run(st, list);
            if (k == SZ_STR)
                return 1;      /* its node comes with its text */
        }
        if (k != SZ_NONE)
            f->node = add(r, list->node, f->kind);
        return 1;
    }
    if (f->key != 'c')
        return 2;              /* a key pandoc does not write: ignored */
    switch (content_way(f->kind)) {
    case 's':
        if (what != 's')
            return 0;
        put_word(st, list, s, n);
        f->key = 0;
        return 1;
    case 'i':
    case 'b':
    case 'l':
        if (what != 'a')
            return 0;
        f->key = 0;
        {
            int w = content_way(f->kind);
            return push_frame(st, w == 'i' ? F_INLINES : w == 'b' ? F_BLOCKS : F_ITEMS,
                              f->node) ? 1 : 0;
        }
    case 't': {
        if (what != 'a')
            return 0;
        f->key = 0;
        struct frame *t = push_frame(st, F_TUPLE, f->node);
        if (!t)
            return 0;
        t->kind = f->kind;
        return 1;
    }
    default:
        return 2;              /* captured; its key cleared when it is done */
    }
}

/* A frame's container closes. */
static int
end_frame(struct stream *st)
{
    struct frame *f = &st->f[st->nf];
    switch (f->role) {
    case F_DOC:
        st->nf = -1;
        return 1;
    case F_INLINES:
        flush_run(st, f);
        break;
    case F_TUPLE: {
        const enum slot *slots;
        if (f->idx != (size_t)tuple_shape(f->kind, &slots))
            return 0;
        break;
    }
    case F_ELEM:
        if (!f->seen_t || (!f->seen_c && content_way(f->kind) != 'n'))
            return 0;
        st->r->depth--;
        break;
    default:
        break;
    }
    st->nf--;
    /* A top-level block is done: the values captured for it are freed. */
    if (f->role == F_ELEM && st->nf == 2 && st->nvals > 1000) {
        sz_arena_free(st->vals);
        st->vals = j_arena = sz_arena_new();
        st->nvals = 0;
    }
    return 1;
}

static int
st_scalar(struct stream *st, int what, const char *s, size_t n, json_t *(*make)(void *),
          void *arg)
{
    int b = begin(st, what, s, n);
    if (b != 2)
        return b;
    return cap_value(st, make(arg));
}

static json_t *mk_null(void *a) { SZ_UNUSED(a); return json_null(); }
static json_t *mk_true(void *a) { SZ_UNUSED(a); return json_true(); }
static json_t *mk_false(void *a) { SZ_UNUSED(a); return json_false(); }
static json_t *mk_num(void *a) { return (json_t *)a; }

struct strarg {
    const unsigned char *s;
    size_t n;
};

static json_t *
mk_str(void *a)
{
    struct strarg *sa = a;
    return json_stringn((const char *)sa->s, sa->n);
}

static int
st_null(void *ud)
{
    return st_scalar(ud, 'x', NULL, 0, mk_null, NULL);
}

static int
st_bool(void *ud, int b)
{
    return st_scalar(ud, 'x', NULL, 0, b ? mk_true : mk_false, NULL);
}

static int
st_number(void *ud, const char *s, size_t n)
{
    char t[64];
    if (n >= sizeof t)
        return 0;
    memcpy(t, s, n);
    t[n] = '\0';
    char *e;
    errno = 0;
    json_t *v;
    if (strpbrk(t, ".eE")) {
        double d = strtod(t, &e);
        if (errno || *e)
            return 0;
        v = json_real(d);
    } else {
        long long i = strtoll(t, &e, 10);
        if (errno || *e)
            return 0;
        v = json_integer((json_int_t)i);
    }
    return st_scalar(ud, 'x', NULL, 0, mk_num, v);
}

static int
st_string(void *ud, const unsigned char *s, size_t n)
{
    struct strarg sa = { s, n };
    return st_scalar(ud, 's', (const char *)s, n, mk_str, &sa);
}

/* Opens a container: a frame, or a captured jansson value. */
static int
open_container(struct stream *st, int what)
{
    int b = begin(st, what, NULL, 0);
    if (b != 2)
        return b;
    if (st->nf + st->cdepth >= STREAM_DEPTH)
        return 0;
    json_t *c = what == 'm' ? json_object() : json_array();
    if (!c)
        return 0;
    st->cap[++st->cdepth] = c;
    st->ckey[st->cdepth] = NULL;
    return 1;
}

static int
close_container(struct stream *st)
{
    if (st->cdepth > 0) {
        json_t *c = st->cap[st->cdepth--];
        return cap_value(st, c);
    }
    if (st->nf <= 0)
        return 0;
    return end_frame(st);
}

static int
st_start_map(void *ud)
{
    return open_container(ud, 'm');
}

static int
st_start_array(void *ud)
{
    return open_container(ud, 'a');
}

static int
st_end(void *ud)
{
    return close_container(ud);
}

static int
st_map_key(void *ud, const unsigned char *k, size_t n)
{
    struct stream *st = ud;
    if (memchr(k, '\0', n))
        return 0;                   /* jansson's path reads such keys */
    if (st->cdepth > 0) {
        if (!json_is_object(st->cap[st->cdepth]))
            return 0;
        st->ckey[st->cdepth] = sz_arena_strndup(st->vals, (const char *)k, n);
        return 1;
    }
    if (st->nf <= 0)
        return 0;
    struct frame *f = &st->f[st->nf];
    if (f->role == F_DOC) {
        f->key = n == 18 && !memcmp(k, "pandoc-api-version", 18) ? 'v'
                 : n == 4 && !memcmp(k, "meta", 4) ? 'm'
                 : n == 6 && !memcmp(k, "blocks", 6) ? 'b' : 0;
        /* A part given twice: jansson keeps the last, which its path reads. */
        if (f->key == 'b' && st->seen_blocks)
            return 0;
        if (f->key == 'b')
            st->seen_blocks = 1;
        return !((f->key == 'v' && st->seen_version) || (f->key == 'm' && st->seen_meta));
    }
    if (f->role != F_ELEM)
        return 0;
    if (n == 1 && k[0] == 't') {
        if (f->seen_t)
            return 0;
        f->key = 't';
        return 1;
    }
    if (n == 1 && k[0] == 'c') {
        /* "c" before "t", or twice: the jansson path reads it */
        if (!f->seen_t || f->seen_c)
            return 0;
        f->seen_c = 1;
        f->key = 'c';
        return 1;
    }
    f->key = 0;
    return 1;
}

/* 0 when data was read into doc; -1 when read_json's jansson path must
** read it (nothing of it is in doc then). */
static int
read_stream(struct sz_doc *doc, const char *data, size_t len, const char *file)
{
    static const yajl_callbacks cb = { st_null, st_bool, NULL, NULL, st_number, st_string,
                                       st_start_map, st_map_key, st_end, st_start_array,
                                       st_end };
    struct rd *r = sz_xmalloc(sizeof *r);
    struct stream *st = sz_xmalloc(sizeof *st);
    memset(r, 0, sizeof *r);
    memset(st, 0, sizeof *st);
    r->doc = doc;
    r->file = file;
    r->quiet = 1;
    r->run = (struct sz_buf)SZ_BUF_INIT;
    st->r = r;
    st->root = sz_node_new(doc, SZ_DIV);
    st->meta = sz_node_new(doc, SZ_META_MAP);
    st->vals = j_arena = sz_arena_new();
    int rc = -1;
    yajl_handle h = yajl_alloc(&cb, NULL, st);
    if (h && yajl_parse(h, (const unsigned char *)data, len) == yajl_status_ok &&
        yajl_complete_parse(h) == yajl_status_ok && st->nf == -1 && st->seen_version &&
        st->seen_meta && st->seen_blocks) {
        /* Later inputs win for keys they share, as pandoc's Meta semigroup. */
        while (st->meta->first) {
            struct sz_node *e = st->meta->first;
            struct sz_node *val = e->first;
            sz_node_unlink(e);
            sz_node_unlink(val);
            sz_meta_set(doc, e->text, val);
        }
        while (st->root->first) {
            struct sz_node *b = st->root->first;
            sz_node_unlink(b);
            sz_node_append(doc->root, b);
        }
        rc = 0;
    }
    if (h)
        yajl_free(h);
    j_arena = NULL;
    sz_arena_free(st->vals);
    sz_buf_free(&r->run);
    free(st);
    free(r);
    return rc;
}

/* }================================================================== */

const struct sz_reader sz_reader_json = { "json", "pandoc JSON (pandoc-types 1.22 and 1.23)",
                                          read_json, NULL, NULL };
