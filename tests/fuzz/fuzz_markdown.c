/*
** fuzz_markdown.c
** libFuzzer harness: the markdown reader (md4c plus pandoc's extensions), then every writer.
** See LICENSE.
*/
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one("markdown", data, size);
    return 0;
}
