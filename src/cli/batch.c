/*
** batch.c
** samizdat batch (not yet written).
** See LICENSE.
*/
#include <stdio.h>

#include "internal.h"
#include "cli/batch.h"

int
sz_batch_main(int argc, char **argv)
{
    SZ_UNUSED(argc);
    SZ_UNUSED(argv);
    fputs("samizdat: batch: not available yet\n", stderr);
    return SZ_EXIT_USAGE;
}
