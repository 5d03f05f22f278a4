/*
** fuzz_epub.c
** libFuzzer harness: the EPUB reader (libzip, the package files, the HTML reader), then every writer.
** See LICENSE.
*/
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one("epub", data, size);
    return 0;
}
