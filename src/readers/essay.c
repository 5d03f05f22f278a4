/*
** essay.c
** The plain-text reader: decode, split into lines, build blocks, add ids.
** See LICENSE.
*/
#include <stdlib.h>

#include "readers/essay.h"
#include "core/registry.h"

/* Project Gutenberg's licence and credits, kept on request. */
static struct sz_node *
boilerplate(struct sz_doc *doc)
{
    struct sz_node *d = sz_node_new(doc, SZ_DIV);
    sz_attr_add_class(doc, sz_node_attr(doc, d), "boilerplate");
    sz_node_append(doc->root, d);
    return d;
}

static int
read_essay(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    struct sz_buf text = SZ_BUF_INIT;
    const char *view = NULL;
    size_t vlen = 0;
    if (sz_essay_decode(doc, data, len, o, &text, &view, &vlen) < 0) {
        sz_buf_free(&text);
        return -1;
    }
    struct sz_elines lines = { NULL, 0, 0 };
    sz_essay_split(view, vlen, &lines);
    struct sz_ectx c;
    c.doc = doc;
    c.o = o;
    c.file = o->filename;
    c.smart = o->smart;
    c.word = (struct sz_buf)SZ_BUF_INIT;
    c.no_close[0] = c.no_close[1] = 0;
    c.notes = NULL;
    c.sup_notes = 0;
    c.word_seps = 0;
    c.cat_title = c.cat_why = NULL;
    c.cat_len = 0;
    c.cat_line = 0;
    c.page_last = 0;
    c.page_author_line = 0;
    c.lineno = 0;
    struct sz_map block_lines = { 0 };
    c.lines = o->trace ? &block_lines : NULL;
    c.parent = doc->root;
    sz_essay_convention(&c, &lines);
    size_t a = 0, b = lines.n;
    c.gutenberg = sz_essay_gutenberg(&c, &lines, &a, &b);
    if (c.gutenberg && o->keep_boilerplate) {
        c.parent = boilerplate(doc);
        sz_essay_blocks(&c, &lines, 0, a, 0);
        c.parent = doc->root;
    }
    if (!c.gutenberg)
        sz_essay_front_fields(&c, &lines, &a, b);
    sz_essay_title_page(&c, &lines, a, b);
    sz_essay_blocks(&c, &lines, a, b, 1);
    sz_essay_lang(&c, &lines, a, b);
    if (b < lines.n && o->keep_boilerplate) {
        c.parent = boilerplate(doc);
        sz_essay_blocks(&c, &lines, b, lines.n, 0);
    }
    sz_pass_heading_ids(doc);
    free(lines.v);
    sz_map_free(&block_lines);
    sz_buf_free(&c.word);
    sz_buf_free(&text);
    return 0;
}

const struct sz_reader sz_reader_essay = { "essay", "plain text: essays and books", read_essay,
                                           NULL, NULL };
