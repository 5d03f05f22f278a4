/*
** plain.c
** The plain writer (not yet written).
** See LICENSE.
*/
#include "internal.h"
#include "core/registry.h"

static int
write_plain(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
         struct sz_diags *diags)
{
    SZ_UNUSED(doc);
    SZ_UNUSED(o);
    SZ_UNUSED(out);
    sz_diag_add(diags, SZ_ERROR, SZ_EXIT_UNKNOWN_WRITER, NULL, 0, 0, -1,
                "the plain writer is not available yet");
    return -1;
}

const struct sz_writer sz_writer_plain = { "plain", "txt", 0, write_plain };
