/*
** fuzz_json.c
** libFuzzer harness: the pandoc JSON reader, then every writer.
** See LICENSE.
*/
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one("json", data, size);
    return 0;
}
