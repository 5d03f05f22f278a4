/*
** test_tei.c
** Unit tests of the TEI writer's helpers and of small trees written as TEI.
** See LICENSE.
*/
#include <stdlib.h>

#include "harness.h"
#include "samizdat.h"
#include "writers/tei.h"

static char *
uri(const char *s)
{
    static char out[256];
    struct sz_buf b = SZ_BUF_INIT;
    tei_uri(&b, s);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    sz_buf_free(&b);
    return out;
}

static void
test_uri(void)
{
    STR_EQ(uri("http://a.b/c?d=1&e#f"), "http://a.b/c?d=1&e#f", "plain URL unchanged");
    STR_EQ(uri("a b.png"), "a%20b.png", "space encoded");
    STR_EQ(uri("x#y#z"), "x#y%23z", "second # encoded");
    STR_EQ(uri("100%"), "100%25", "bare % encoded");
    STR_EQ(uri("%41"), "%41", "escape kept");
    STR_EQ(uri("é"), "%C3%A9", "non-ASCII encoded");
    STR_EQ(uri("<\">"), "%3C%22%3E", "quotes and brackets encoded");
}

static void
test_lang(void)
{
    struct sz_buf b = SZ_BUF_INIT;
    OK(tei_lang_ok("en", &b) && !strcmp(b.data, "en"), "en");
    OK(tei_lang_ok("en_US", &b) && !strcmp(b.data, "en-US"), "en_US -> en-US");
    OK(tei_lang_ok("zh-Hant-TW", &b), "zh-Hant-TW");
    OK(!tei_lang_ok("", &b), "empty refused");
    OK(!tei_lang_ok("xx-", &b), "trailing dash refused");
    OK(!tei_lang_ok("1en", &b), "digit first refused");
    OK(!tei_lang_ok("toolongname", &b), "9 letters refused");
    OK(!tei_lang_ok("en us", &b), "space refused");
    sz_buf_free(&b);
}

static void
test_token(void)
{
    struct sz_buf b = SZ_BUF_INIT;
    tei_token(&b, "a b\xE2\x80\x8B" "c\t");
    STR_EQ(b.data, "abc", "spaces and zero-width space dropped from tokens");
    sz_buf_clear(&b);
    INT_EQ(tei_token(&b, " \xC2\xA0"), 0, "only separators: empty token");
    sz_buf_free(&b);
}

/* Writes doc as TEI and returns the text (caller frees). */
static char *
tei_of(struct sz_doc *doc)
{
    const struct sz_writer *w = sz_writer_find("tei");
    struct sz_wopts o;
    struct sz_buf out = SZ_BUF_INIT;
    struct sz_sink sink = sz_sink_buf(&out);
    struct sz_diags d;
    sz_wopts_init(&o);
    sz_diags_init(&d);
    int rc = w ? w->write(doc, &o, &sink, &d) : -1;
    sz_diags_free(&d);
    if (rc != 0) {
        sz_buf_free(&out);
        return NULL;
    }
    return sz_buf_detach(&out, NULL);
}

static void
test_trees(void)
{
    struct sz_doc *doc = sz_doc_new("in.txt");
    char *s = tei_of(doc);
    OK(s && strstr(s, "<body>\n<p/>\n</body>"), "empty document: an empty p keeps body valid");
    OK(s && strstr(s, "<idno type=\"file\">in.txt</idno>"), "source is the document's file");
    OK(s && strstr(s, "<title type=\"main\">Untitled</title>"), "untitled");
    free(s);

    /* a level-3 heading, then a Div after a nested div, then a paragraph */
    struct sz_node *h = sz_node_new(doc, SZ_HEADER);
    h->level = 3;
    sz_attr_set_id(doc, sz_node_attr(doc, h), "9 lives");
    sz_inlines_from_text(doc, h, "Three", 5);
    sz_node_append(doc->root, h);
    struct sz_node *div = sz_node_new(doc, SZ_DIV);
    struct sz_node *h2 = sz_node_new(doc, SZ_HEADER);
    h2->level = 1;
    sz_attr_set_id(doc, sz_node_attr(doc, h2), "9 lives");
    sz_node_append(div, h2);
    sz_attr_add_class(doc, sz_node_attr(doc, div), "part");
    sz_node_append(doc->root, div);
    struct sz_node *p = sz_node_new(doc, SZ_PARA);
    sz_inlines_from_text(doc, p, "after", 5);
    sz_node_append(doc->root, p);
    s = tei_of(doc);
    OK(s && strstr(s, "<div type=\"section\" xml:id=\"id-9-lives\">\n<head>Three</head>"),
       "level-3 heading first: a section div, id made an NCName");
    OK(s && strstr(s, "<div type=\"part\">\n<head xml:id=\"id-9-lives-2\"/>"),
       "Div with a heading: a div typed by its class; duplicate id made unique");
    OK(s && strstr(s, "</div>\n<div>\n<p>after</p>\n</div>"),
       "paragraph after a nested div goes into an unnamed div");
    free(s);
    sz_doc_free(doc);
}

int
main(void)
{
    h_suite = "tei";
    test_uri();
    test_lang();
    test_token();
    test_trees();
    return h_failed ? 1 : 0;
}
