/*
** fuzz_essay.c
** libFuzzer harness: the essay reader, then every writer.
** See LICENSE.
*/
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one("essay", data, size);
    return 0;
}
