/*
** test_html_memory.c
** What reading a book of verse leaves in the arena beyond its tree: the
** elements a poem's lines come in (a line's <div>, <span class="i2"> and
** <br>, a stanza's <p>s) are taken back once the lines are a LineBlock,
** so a poem costs its lines, not its markup too.
** See LICENSE.
*/
#include <stdlib.h>

#include "harness.h"
#include "samizdat.h"

static size_t nodes, text, lines;

static void
walk(const struct sz_node *n)
{
    nodes++;
    lines += n->kind == SZ_LINE;
    if (n->kind == SZ_STR)
        text += n->len + 1;
    for (const struct sz_node *c = n->first; c; c = c->next)
        walk(c);
}

static void
render(const struct sz_doc *doc, const char *fmt, struct sz_buf *out)
{
    struct sz_wopts o;
    struct sz_diags d;
    struct sz_sink s = sz_sink_buf(out);
    sz_wopts_init(&o);
    sz_diags_init(&d);
    sz_writer_find(fmt)->write(doc, &o, &s, &d);
    sz_diags_free(&d);
}

/* Reads a poem of 300 stanzas of 6 lines, each line made by fmt (one %d
** for its indent, one %s for its words), the stanzas made by open/close;
** then again with its lines packed (sz_ropts.packed_lines), which the
** JSON and native writers must show as they showed the Lines and Strs. */
static void
poem(const char *name, const char *open, const char *fmt, const char *close, double most)
{
    struct sz_buf in = SZ_BUF_INIT;
    sz_buf_puts(&in, "<html><head><title>Verse</title></head><body>\n");
    for (int s = 0; s < 300; s++) {
        sz_buf_puts(&in, open);
        for (int l = 0; l < 6; l++)
            sz_buf_printf(&in, fmt, l % 3 * 2, "Sing, goddess, the anger of Achilles son of Peleus");
        sz_buf_puts(&in, close);
    }
    sz_buf_puts(&in, "</body></html>\n");
    struct sz_doc *doc = sz_doc_new("verse.html");
    struct sz_ropts o;
    sz_ropts_init(&o);
    o.filename = "verse.html";
    int rc = sz_reader_find("html")->read(doc, in.data, in.len, &o);
    char what[160];
    snprintf(what, sizeof what, "%s: read", name);
    INT_EQ(rc, 0, what);
    nodes = text = lines = 0;
    walk(doc->root);
    snprintf(what, sizeof what, "%s: every line is a Line", name);
    INT_EQ(lines, 1800, what);
    size_t tree = nodes * sizeof(struct sz_node) + text, used = sz_arena_used(doc->arena);
    snprintf(what, sizeof what, "%s: the arena holds at most %.2f times the tree (%zu for %zu)",
             name, most, used, tree);
    OK(used <= most * (double)tree, what);
    struct sz_doc *packed = sz_doc_new("verse.html");
    o.packed_lines = 1;
    sz_reader_find("html")->read(packed, in.data, in.len, &o);
    snprintf(what, sizeof what, "%s: packed lines take at most 0.8 times the arena (%zu for %zu)",
             name, sz_arena_used(packed->arena), used);
    OK(sz_arena_used(packed->arena) <= 0.8 * (double)used, what);
    static const char *const fmts[] = { "json", "native" };
    for (int k = 0; k < 2; k++) {
        struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT;
        render(doc, fmts[k], &a);
        render(packed, fmts[k], &b);
        sz_buf_putc(&a, '\0');
        sz_buf_putc(&b, '\0');
        snprintf(what, sizeof what, "%s: %s of packed lines is the same", name, fmts[k]);
        STR_EQ(b.data, a.data, what);
        sz_buf_free(&a);
        sz_buf_free(&b);
    }
    sz_doc_free(packed);
    sz_doc_free(doc);
    sz_buf_free(&in);
}

int
main(void)
{
    h_suite = "html-memory";
    /* samizdat's own EPUBs (1.90 times the tree when a line's classes
    ** stayed); what is left is the indent's copy of the line's words */
    poem("div.line", "<div class=\"line-block\">", "<div class=\"line i%d\">%s</div>\n",
         "</div>\n", 1.25);
    /* Project Gutenberg's HTML (2.70 times when the wrappers stayed; 1.47
    ** for p lines, 1.39 for br lines) */
    poem("span.i2 and br", "<div class=\"poem\"><div class=\"stanza\">",
         "<span class=\"i%d\">%s<br /></span>\n", "</div></div>\n", 1.45);
    poem("p.i2 in a stanza", "<div class=\"poem\"><div class=\"stanza\">",
         "<p class=\"i%d\">%s</p>\n", "</div></div>\n", 1.15);
    poem("br in p.poem", "<p class=\"poem\">", "<!-- %d -->%s<br/>\n", "</p>\n", 1.1);
    return h_failed ? 1 : 0;
}
