/*
** test_core.c
** Arena, buffer, node edits, iterator, metadata, UTF-8 and Windows-1252.
** See LICENSE.
*/
#include <utf8proc.h>

#include "harness.h"
#include "samizdat.h"
#include "readers/essay_units.h"

static void
test_arena(void)
{
    struct sz_arena *a = sz_arena_new();
    char *s = sz_arena_strdup(a, "hello");
    STR_EQ(s, "hello", "arena strdup");
    void *big = sz_arena_alloc(a, 1 << 20);
    OK(big != NULL && ((char *)big)[12345] == 0, "arena large zeroed block");
    char *t = sz_arena_strdup(a, "after");
    STR_EQ(t, "after", "arena alloc after a large block");
    STR_EQ(sz_arena_printf(a, "%d-%s", 42, "x"), "42-x", "arena printf");
    sz_arena_free(a);
    sz_arena_free(NULL);
}

static void
test_tree(void)
{
    struct sz_doc *doc = sz_doc_new("t.txt");
    struct sz_node *p = sz_node_new(doc, SZ_PARA);
    struct sz_node *s = sz_node_new_text(doc, SZ_STR, "a", 1);
    INT_EQ(sz_node_append(doc->root, p), 0, "append Para to doc");
    INT_EQ(sz_node_append(p, s), 0, "append Str to Para");
    struct sz_node *q = sz_node_new(doc, SZ_PARA);
    INT_EQ(sz_node_append(p, q), -1, "Para refuses a block child");
    INT_EQ(sz_node_append(doc->root, s), -1, "attached node refused");
    struct sz_node *bq = sz_node_new(doc, SZ_BLOCKQUOTE);
    sz_node_append(doc->root, bq);
    sz_node_unlink(bq);
    INT_EQ(sz_node_append(bq, bq), -1, "no self-cycle");
    struct sz_node *div = sz_node_new(doc, SZ_DIV);
    sz_node_append(bq, div);
    INT_EQ(sz_node_append(div, bq), -1, "no cycle through a child");
    struct sz_node *h = sz_node_new(doc, SZ_HEADER);
    INT_EQ(sz_node_insert_before(p, h), 0, "insert before");
    OK(doc->root->first == h && h->next == p, "insert before links");
    INT_EQ(sz_node_replace(h, bq), 0, "replace");
    OK(doc->root->first == bq && !h->parent, "replace links");
    INT_EQ(sz_node_count(doc->root), 2, "count");

    /* iterator order and no-recursion deep walk */
    struct sz_node *cur = div;
    for (int i = 0; i < 100000; i++) {
        struct sz_node *d2 = sz_node_new(doc, SZ_DIV);
        sz_node_append(cur, d2);
        cur = d2;
    }
    struct sz_iter it;
    size_t enters = 0, exits = 0;
    enum sz_ev ev;
    sz_iter_init(&it, doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE)
        ev == SZ_EV_ENTER ? enters++ : exits++;
    INT_EQ(enters, 100000 + 5, "iterator enters every node");
    INT_EQ(exits, 100000 + 4, "iterator exits every container");
    struct sz_node *cp = sz_node_copy(doc, bq);
    OK(cp && cp != bq && cp->first && cp->first->kind == SZ_DIV, "deep copy");

    sz_iter_init(&it, doc->root);
    enters = 0;
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        if (ev == SZ_EV_ENTER) {
            enters++;
            if (it.cur->kind == SZ_BLOCKQUOTE)
                sz_iter_skip_children(&it);
        }
    }
    INT_EQ(enters, 4, "skip children");

    sz_meta_set_text(doc, "title", "When China Flowed");
    sz_meta_set_string(doc, "author", "Anon");
    STR_EQ(sz_meta_text(doc, "title"), "When China Flowed", "meta text");
    STR_EQ(doc->meta->first->text, "author", "meta sorted by key");
    sz_meta_set_string(doc, "title", "X");
    STR_EQ(sz_meta_text(doc, "title"), "X", "meta replace");
    INT_EQ(sz_node_count(doc->meta), 2, "meta replace keeps one entry");
    sz_doc_free(doc);
}

static void
test_text(void)
{
    size_t bad = 0;
    OK(sz_utf8_valid("h\xC3\xA9llo", 6, &bad), "valid UTF-8");
    OK(!sz_utf8_valid("ab\xE9z", 4, &bad) && bad == 2, "invalid UTF-8 offset");
    OK(!sz_utf8_valid("\xED\xA0\x80", 3, &bad), "surrogate rejected");
    OK(!sz_utf8_valid("\xC0\xAF", 2, &bad), "overlong rejected");
    OK(sz_utf8_valid("\xD0\x96\xE7\xB4\x85\xEF\xBF\xBD\xF0\x9F\x98\x80", 12, &bad),
       "two-, three- and four-byte sequences, U+FFFD itself, valid");
    OK(!sz_utf8_valid("ab\xE7\xB4", 4, &bad) && bad == 2, "cut three-byte sequence rejected");
    OK(!sz_utf8_valid("\xD0", 1, &bad) && bad == 0, "cut two-byte sequence rejected");
    OK(!sz_utf8_valid("\xE0\x9F\xBF", 3, &bad), "overlong three-byte sequence rejected");
    OK(!sz_utf8_valid("a\xE7\x41\xB4", 4, &bad) && bad == 1, "ASCII inside a sequence rejected");
    struct sz_buf b = SZ_BUF_INIT;
    sz_cp1252_to_utf8("\x93hi\x94 caf\xE9 \x80", 11, 0, &b);
    STR_EQ(b.data, "\xE2\x80\x9Chi\xE2\x80\x9D caf\xC3\xA9 \xE2\x82\xAC", "cp1252 decode");
    sz_buf_clear(&b);
    sz_cp1252_to_utf8("\x93", 1, 1, &b);
    STR_EQ(b.data, "\xC2\x93", "latin-1 decode");
    sz_buf_free(&b);
}

/* The plain-text reader answers ASCII without utf8proc: the same answers. */
static void
test_ascii_classes(void)
{
    int same = 1;
    for (uint32_t cp = 0; cp < 0x80; cp++) {
        utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
        same &= sz_essay_is_upper(cp) == (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT);
        same &= sz_essay_is_letter(cp) == (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO);
        same &= sz_essay_is_symbol(cp) == (c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO);
        char s[2] = { (char)cp, 'x' };
        size_t i = 0;
        same &= sz_essay_cp_at(s, 2, &i) == cp && i == 1;
    }
    OK(same, "essay reader: ASCII letters, capitals and symbols as utf8proc classes them");
    size_t i = 1;
    OK(sz_essay_cp_at("a", 1, &i) == 0xFFFD && i == 2, "essay reader: a code point past the end");
}

int
main(void)
{
    h_suite = "core";
    test_arena();
    test_tree();
    test_text();
    test_ascii_classes();
    return h_failed != 0;
}
