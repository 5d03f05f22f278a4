/*
** batch_guard.c
** Before a batch starts: no output it is about to write may be a file the
** user gave it (an input, a NAME.yaml beside one, a filter, a metadata
** file, a stylesheet, a font, a template) that lives inside OUTDIR.  Files
** are compared by device and inode, so another spelling of the same path,
** or a link to it, is caught too.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "cli/batch.h"

struct given {
    dev_t dev;
    ino_t ino;
    const char *what;          /* "input", "filter", ... */
    const char *path;          /* as the user gave it */
};

struct givens {
    struct given *v;
    size_t n, cap;
};

static void
add(struct givens *g, const char *path, const char *what)
{
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 64;
        g->v = sz_xrealloc(g->v, g->cap * sizeof *g->v);
    }
    g->v[g->n++] = (struct given){ st.st_dev, st.st_ino, what, path };
}

static void
add_all(struct givens *g, const struct sz_strv *v, const char *what)
{
    for (size_t i = 0; i < v->n; i++)
        add(g, v->v[i], what);
}

static int
by_file(const void *a, const void *b)
{
    const struct given *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return 0;
}

int
sz_batch_guard_outputs(const struct sz_batch *b)
{
    struct givens g = { NULL, 0, 0 };
    const struct sz_conv *c = &b->conv;
    for (size_t i = 0; i < b->n; i++) {
        const struct sz_bjob *j = &b->v[i];
        add(&g, j->input, j->member ? "archive" : "input");
        if (j->sidecar && !j->member)
            add(&g, j->sidecar, "metadata file");
    }
    add_all(&g, &c->meta_files, "metadata file");
    add_all(&g, &c->filters, "filter");
    add_all(&g, &c->css, "stylesheet");
    add_all(&g, &c->fonts, "font");
    add(&g, c->template_path, "template");
    for (size_t f = 0; f < b->nformats; f++)
        add(&g, b->formats[f], "Lua writer");
    int rc = 0;
    if (g.n)
        qsort(g.v, g.n, sizeof *g.v, by_file);
    for (size_t i = 0; i < b->n && !rc && g.n; i++) {
        if (b->v[i].error)
            continue;
        for (size_t f = 0; f < b->nformats && !rc; f++) {
            char *rel = sz_batch_out_rel(b, &b->v[i], f);
            size_t pl = strlen(b->outdir) + strlen(rel) + 2;
            char *path = sz_xmalloc(pl);
            snprintf(path, pl, "%s/%s", b->outdir, rel);
            struct stat st;
            if (stat(path, &st) == 0) {
                struct given key = { st.st_dev, st.st_ino, NULL, NULL };
                const struct given *hit = bsearch(&key, g.v, g.n, sizeof *g.v, by_file);
                if (hit) {
                    fprintf(stderr,
                            "samizdat: batch: the output %s would overwrite the %s %s: "
                            "nothing converted (choose another OUTDIR)\n",
                            path, hit->what, hit->path);
                    rc = SZ_EXIT_USAGE;
                }
            }
            free(path);
            free(rel);
        }
    }
    free(g.v);
    return rc;
}
