/*
** fuzz_yaml.c
** libFuzzer harness: YAML metadata (--metadata-file, batch sidecars), then every writer.
** See LICENSE.
*/
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one("yaml", data, size);
    return 0;
}
