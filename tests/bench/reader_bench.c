/*
** reader_bench.c
** Times the essay reader alone over the files named on the command line.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "samizdat.h"

static double
now(void)
{
    struct timespec ts;
    /* CPU time of the process (user + system, page faults included): the
    ** machine is shared, wall time measures the neighbours too. */
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    const struct sz_reader *r = sz_reader_find("essay");
    struct sz_ropts o;
    double total = 0;
    size_t bytes = 0, nodes = 0;
    sz_ropts_init(&o);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *data = malloc(n ? (size_t)n : 1);
        if (fread(data, 1, (size_t)n, f) != (size_t)n)
            n = 0;
        fclose(f);
        struct sz_doc *doc = sz_doc_new(argv[i]);
        o.filename = argv[i];
        double t0 = now();
        r->read(doc, data, (size_t)n, &o);
        total += now() - t0;
        bytes += (size_t)n;
        nodes += sz_arena_used(doc->arena);
        sz_doc_free(doc);
        free(data);
    }
    printf("%d files, %.1f MB in %.3f s of CPU: %.1f MB/s (arena %.0f MB)\n", argc - 1, bytes / 1e6,
           total, bytes / 1e6 / total, nodes / 1e6);
    return 0;
}
