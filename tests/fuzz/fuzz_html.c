/*
** fuzz_html.c
** libFuzzer harness: the HTML reader (libxml2's HTML parser and the conventions), then every writer.
** See LICENSE.
*/
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one("html", data, size);
    return 0;
}
