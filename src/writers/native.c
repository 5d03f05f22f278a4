/*
** native.c
** One node per line, indented by depth: the golden format of reader tests.
** See LICENSE.
*/
#include <string.h>

#include "internal.h"
#include "core/registry.h"

static void
put_quoted(struct sz_buf *b, const char *s, size_t n)
{
    sz_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            sz_buf_putc(b, '\\');
            sz_buf_putc(b, c);
        } else if (c == '\n') {
            sz_buf_puts(b, "\\n");
        } else if (c == '\t') {
            sz_buf_puts(b, "\\t");
        } else if (c < 0x20 || c == 0x7F) {
            sz_buf_printf(b, "\\x%02x", c);
        } else {
            sz_buf_putc(b, c);
        }
    }
    sz_buf_putc(b, '"');
}

static void
put_attr(struct sz_buf *b, const struct sz_attr *a)
{
    sz_buf_puts(b, " (");
    put_quoted(b, a->id, strlen(a->id));
    sz_buf_puts(b, ",[");
    for (size_t i = 0; i < a->nclasses; i++) {
        if (i)
            sz_buf_putc(b, ',');
        put_quoted(b, a->classes[i], strlen(a->classes[i]));
    }
    sz_buf_puts(b, "],[");
    for (size_t i = 0; i < a->nkvs; i++) {
        if (i)
            sz_buf_putc(b, ',');
        sz_buf_putc(b, '(');
        put_quoted(b, a->kvs[i].key, strlen(a->kvs[i].key));
        sz_buf_putc(b, ',');
        put_quoted(b, a->kvs[i].value, strlen(a->kvs[i].value));
        sz_buf_putc(b, ')');
    }
    sz_buf_puts(b, "])");
}

static const char *const aligns[] = { "AlignDefault", "AlignLeft", "AlignRight", "AlignCenter" };
static const char *const styles[] = { "DefaultStyle", "Example", "Decimal", "LowerRoman",
                                      "UpperRoman", "LowerAlpha", "UpperAlpha" };
static const char *const delims[] = { "DefaultDelim", "Period", "OneParen", "TwoParens" };
static const char *const modes[] = { "AuthorInText", "SuppressAuthor", "NormalCitation" };

#define ENUM(tab, v) ((v) >= 0 && (size_t)(v) < sizeof(tab) / sizeof(tab[0]) ? tab[v] : tab[0])

static void
put_node(struct sz_buf *b, const struct sz_node *n)
{
    sz_buf_puts(b, sz_kind_name(n->kind));
    switch (n->kind) {
    case SZ_HEADER:
        sz_buf_printf(b, " %d", n->level);
        break;
    case SZ_ORDEREDLIST:
        sz_buf_printf(b, " (%d,%s,%s)", n->ival, ENUM(styles, n->sub), ENUM(delims, n->sub2));
        break;
    case SZ_QUOTED:
        sz_buf_puts(b, n->sub == SZ_QUOTE_SINGLE ? " SingleQuote" : " DoubleQuote");
        break;
    case SZ_MATH:
        sz_buf_puts(b, n->sub == SZ_MATH_DISPLAY ? " DisplayMath" : " InlineMath");
        break;
    case SZ_RAWBLOCK:
    case SZ_RAWINLINE:
        sz_buf_putc(b, ' ');
        put_quoted(b, n->format ? n->format : "", n->format ? strlen(n->format) : 0);
        break;
    case SZ_COLSPEC:
        sz_buf_printf(b, " %s", ENUM(aligns, n->sub));
        if (n->width > 0)
            sz_buf_printf(b, " %g", n->width);
        else
            sz_buf_puts(b, " ColWidthDefault");
        break;
    case SZ_CELL:
        sz_buf_printf(b, " %s %d %d", ENUM(aligns, n->sub), n->ival, n->ival2);
        break;
    case SZ_TBODY:
        sz_buf_printf(b, " %d", n->ival);
        break;
    case SZ_CITATION:
        sz_buf_printf(b, " %s %d %d", ENUM(modes, n->sub), n->ival, n->ival2);
        break;
    case SZ_META_BOOL:
        sz_buf_puts(b, n->ival ? " True" : " False");
        break;
    default:
        break;
    }
    if (sz_kind_has_attr(n->kind))
        put_attr(b, n->attr);
    if (n->kind == SZ_LINK || n->kind == SZ_IMAGE) {
        sz_buf_putc(b, ' ');
        put_quoted(b, n->target->url ? n->target->url : "", n->target->url ? strlen(n->target->url) : 0);
        sz_buf_putc(b, ' ');
        put_quoted(b, n->target->title ? n->target->title : "", n->target->title ? strlen(n->target->title) : 0);
    }
    switch (n->kind) {
    case SZ_STR:
    case SZ_CODE:
    case SZ_CODEBLOCK:
    case SZ_RAWBLOCK:
    case SZ_RAWINLINE:
    case SZ_MATH:
    case SZ_CITATION:
    case SZ_META_STRING:
    case SZ_META_ENTRY:
        sz_buf_putc(b, ' ');
        put_quoted(b, n->text, n->len);
        break;
    default:
        break;
    }
    sz_buf_putc(b, '\n');
}

/* A run shows as the Str/Space/SoftBreak nodes it packs. */
static void
put_run(struct sz_buf *b, const struct sz_node *r, int depth)
{
    size_t pos = 0;
    enum sz_kind sep;
    while (pos < r->len) {
        size_t at = pos;
        size_t wl = sz_run_next(r->text, r->len, &pos, &sep);
        if (wl) {       /* none before a leading Space */
            for (int i = 0; i < depth; i++)
                sz_buf_puts(b, "  ");
            sz_buf_puts(b, "Str ");
            put_quoted(b, r->text + at, wl);
            sz_buf_putc(b, '\n');
        }
        if (sep != SZ_NONE) {
            for (int i = 0; i < depth; i++)
                sz_buf_puts(b, "  ");
            sz_buf_puts(b, sz_kind_name(sep));
            sz_buf_putc(b, '\n');
        }
    }
}

/* The output is handed on every megabyte, inside a block too: a book's
** dump is many times its size, and one paragraph may be the whole book. */
#define NATIVE_FLUSH (1 << 20)

static void
dump(struct sz_buf *b, const struct sz_node *root, int depth0, struct sz_sink *out, int *rc)
{
    struct sz_iter it;
    enum sz_ev ev;
    int depth = depth0;
    sz_iter_init(&it, (struct sz_node *)root);
    while (*rc == 0 && (ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        if (b->len >= NATIVE_FLUSH) {
            *rc = sz_sink_write(out, b->data, b->len);
            sz_buf_clear(b);
        }
        if (ev == SZ_EV_ENTER && SZ_IS_RUN(it.cur)) {
            put_run(b, it.cur, depth);
        } else if (ev == SZ_EV_ENTER) {
            for (int i = 0; i < depth; i++)
                sz_buf_puts(b, "  ");
            put_node(b, it.cur);
            if (sz_kind_is_container(it.cur->kind))
                depth++;
            if (SZ_LINE_PACKED(it.cur)) {
                struct sz_node s = sz_line_packed_str(it.cur);
                if (SZ_IS_RUN(&s)) {
                    put_run(b, &s, depth);
                } else {
                    for (int i = 0; i < depth; i++)
                        sz_buf_puts(b, "  ");
                    put_node(b, &s);
                }
            }
        } else {
            depth--;
        }
    }
}

static int
write_native(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
             struct sz_diags *diags)
{
    struct sz_buf b = SZ_BUF_INIT;
    SZ_UNUSED(diags);
    int rc = 0;
    if (o->standalone || doc->meta->first)
        dump(&b, doc->meta, 0, out, &rc);
    for (const struct sz_node *n = doc->root->first; n && rc == 0; n = n->next)
        dump(&b, n, 0, out, &rc);
    /* No blocks: pandoc's native writer gives the empty list, not nothing
    ** (an empty output reads as a failed conversion). */
    if (!doc->root->first)
        sz_buf_puts(&b, "[]\n");
    if (rc == 0)
        rc = sz_sink_write(out, b.data ? b.data : "", b.len);
    sz_buf_free(&b);
    return rc;
}

const struct sz_writer sz_writer_native = { "native", "native", 0, write_native };
