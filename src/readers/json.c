/*
** json.c
** The json reader (not yet written).
** See LICENSE.
*/
#include "internal.h"
#include "core/registry.h"

static int
read_json(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    SZ_UNUSED(data);
    SZ_UNUSED(len);
    sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_UNKNOWN_READER, o->filename, 0, 0, -1,
                "the json reader is not available yet");
    return -1;
}

const struct sz_reader sz_reader_json = { "json", "json", read_json };
