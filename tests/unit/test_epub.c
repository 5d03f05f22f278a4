/*
** test_epub.c
** The HTML and EPUB writers on trees built in C: invalid nesting, ids,
** escaping, deep trees, and byte-identical EPUB packages.
** See LICENSE.
*/
#include <stdlib.h>

#include "harness.h"
#include "samizdat.h"

static struct sz_node *
str(struct sz_doc *d, const char *s)
{
    return sz_node_new_text(d, SZ_STR, s, strlen(s));
}

static struct sz_node *
add(struct sz_node *parent, struct sz_node *child)
{
    if (sz_node_append(parent, child) != 0)
        abort();
    return child;
}

static int
render(const struct sz_doc *doc, const char *fmt, const struct sz_wopts *o, struct sz_buf *out)
{
    struct sz_diags d;
    struct sz_sink s = sz_sink_buf(out);
    sz_diags_init(&d);
    int rc = sz_writer_find(fmt)->write(doc, o, &s, &d);
    sz_diags_free(&d);
    return rc;
}

static struct sz_doc *
sample(void)
{
    struct sz_doc *d = sz_doc_new("sample.txt");
    sz_meta_set_text(d, "title", "Sample");
    sz_meta_set_string(d, "lang", "fr");
    struct sz_node *h = add(d->root, sz_node_new(d, SZ_HEADER));
    h->level = 1;
    add(h, str(d, "Same title"));
    struct sz_node *note = add(h, sz_node_new(d, SZ_NOTE));
    add(add(note, sz_node_new(d, SZ_PARA)), str(d, "In a heading."));
    struct sz_node *p = add(d->root, sz_node_new(d, SZ_PARA));
    struct sz_node *outer = add(p, sz_node_new(d, SZ_LINK));
    outer->target->url = "https://example.org/a";
    add(outer, str(d, "outer"));
    struct sz_node *inner = add(outer, sz_node_new(d, SZ_LINK));
    inner->target->url = "https://example.org/b";
    add(inner, str(d, "inner"));
    add(p, str(d, "<&>\x01"));
    struct sz_node *h2 = add(d->root, sz_node_new(d, SZ_HEADER));
    h2->level = 1;
    add(h2, str(d, "Same title"));
    struct sz_node *h3 = add(d->root, sz_node_new(d, SZ_HEADER));
    h3->level = 2;
    sz_attr_set_id(d, sz_node_attr(d, h3), "fn1");
    add(h3, str(d, "Taken id"));
    struct sz_node *p2 = add(d->root, sz_node_new(d, SZ_PARA));
    struct sz_node *l = add(p2, sz_node_new(d, SZ_LINK));
    l->target->url = "#fn1";
    add(l, str(d, "back"));
    return d;
}

static void
test_html(void)
{
    struct sz_doc *d = sample();
    struct sz_wopts o;
    struct sz_buf b = SZ_BUF_INIT;
    sz_wopts_init(&o);
    INT_EQ(render(d, "html", &o, &b), 0, "html renders");
    const char *s = b.data ? b.data : "";
    OK(strstr(s, "<a href=\"https://example.org/a\">outer<span class=\"link\">inner</span></a>") != NULL,
       "a link inside a link becomes a span");
    OK(strstr(s, "&lt;&amp;&gt;\xEF\xBF\xBD") != NULL, "text escaped, control character replaced");
    OK(strstr(s, "<h1>Same title</h1>") != NULL,
       "HTML: a heading without an id gets none (as pandoc writes it)");
    OK(strstr(s, "<h2 id=\"fn1-1\">") != NULL, "note ids reserved");
    OK(strstr(s, "href=\"#fn1-1\"") != NULL, "links follow renamed ids");
    OK(strstr(s, "role=\"doc-noteref\"") && strstr(s, "<aside id=\"fn1\""), "note in a heading");
    sz_buf_clear(&b);
    o.standalone = 1;
    INT_EQ(render(d, "html", &o, &b), 0, "html page renders");
    OK(b.data && strstr(b.data, "<html lang=\"fr\">") != NULL, "page has the document language");
    sz_buf_free(&b);
    sz_doc_free(d);
}

static void
test_deep(void)
{
    struct sz_doc *d = sz_doc_new(NULL);
    /* Built from the inside out: appending to a detached node is O(1). */
    struct sz_node *cur = sz_node_new(d, SZ_DIV);
    add(add(cur, sz_node_new(d, SZ_PARA)), str(d, "deep"));
    for (int i = 1; i < 100000; i++) {
        struct sz_node *up = sz_node_new(d, SZ_DIV);
        add(up, cur);
        cur = up;
    }
    add(d->root, cur);
    struct sz_wopts o;
    struct sz_buf b = SZ_BUF_INIT;
    sz_wopts_init(&o);
    INT_EQ(render(d, "html", &o, &b), 0, "100000 nested divs render without recursion");
    OK(b.data && strstr(b.data, "<p>deep</p>"), "the deepest paragraph is written");
    sz_buf_clear(&b);
    o.source_date_epoch = 0;
    INT_EQ(render(d, "epub", &o, &b), 0, "100000 nested divs to EPUB");
    sz_buf_free(&b);
    sz_doc_free(d);
}

static void
test_epub(void)
{
    struct sz_doc *d = sample();
    struct sz_wopts o;
    struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT, c = SZ_BUF_INIT;
    sz_wopts_init(&o);
    o.source_date_epoch = 1700000000;
    INT_EQ(render(d, "epub", &o, &a), 0, "epub renders");
    OK(a.len > 58 && !memcmp(a.data, "PK\x03\x04", 4) &&
           !memcmp(a.data + 30, "mimetypeapplication/epub+zip", 28),
       "mimetype first, stored, no extra field");
    INT_EQ(render(d, "epub", &o, &b), 0, "epub renders again");
    OK(a.len == b.len && !memcmp(a.data, b.data, a.len), "two builds are byte-identical");
    o.source_date_epoch = 1800000000;
    INT_EQ(render(d, "epub", &o, &c), 0, "epub with another date");
    OK(a.len != c.len || memcmp(a.data, c.data, a.len), "SOURCE_DATE_EPOCH changes the package");
    sz_buf_free(&a);
    sz_buf_free(&b);
    sz_buf_free(&c);
    sz_doc_free(d);
}

int
main(void)
{
    h_suite = "epub";
    test_html();
    test_deep();
    test_epub();
    return h_failed != 0;
}
