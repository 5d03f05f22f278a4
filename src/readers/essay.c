/*
** essay.c
** The plain-text reader: decode, split into lines, build blocks, add ids.
** See LICENSE.
*/
#include <stdlib.h>

#include "readers/essay.h"
#include "core/registry.h"

static int
read_essay(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    struct sz_buf text = SZ_BUF_INIT;
    if (sz_essay_decode(doc, data, len, o, &text) < 0) {
        sz_buf_free(&text);
        return -1;
    }
    struct sz_elines lines = { NULL, 0, 0 };
    sz_essay_split(text.data ? text.data : "", text.len, &lines);
    struct sz_ectx c;
    c.doc = doc;
    c.o = o;
    c.file = o->filename;
    c.smart = o->smart;
    c.word = (struct sz_buf)SZ_BUF_INIT;
    c.no_close[0] = c.no_close[1] = 0;
    sz_essay_blocks(&c, &lines);
    sz_pass_heading_ids(doc);
    free(lines.v);
    sz_buf_free(&c.word);
    sz_buf_free(&text);
    return 0;
}

const struct sz_reader sz_reader_essay = { "essay", "plain text: essays and books", read_essay };
