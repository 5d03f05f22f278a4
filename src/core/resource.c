/*
** resource.c
** The files a document names (images, a cover in its metadata), read only
** from where the document may read: its own folder (or the collection it
** came from, or its archive) and the folders the user gave with
** --resource-path.  A document from an archive someone else wrote must not
** pack /etc/passwd or ../../home/... into its EPUB.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

int
sz_read_regular(const char *path, size_t max, char **data, size_t *len)
{
    /* Only regular files: a document naming a FIFO would block fopen
    ** forever, /dev/zero would fill memory. */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    struct sz_buf b = SZ_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sz_buf_put(&b, chunk, n);
        if (b.len > max)
            break;
    }
    int bad = ferror(f) || b.len > max;
    fclose(f);
    if (bad) {
        sz_buf_free(&b);
        return -1;
    }
    if (!b.data)
        sz_buf_put(&b, "", 0);
    *data = sz_buf_detach(&b, len);
    return 0;
}

/* Is real (a resolved path) inside the folder root (resolved here)? */
static int
inside(const char *real, const char *root)
{
    char *r = root ? realpath(root, NULL) : NULL;
    if (!r)
        return 0;
    size_t n = strlen(r);
    int ok = !strncmp(real, r, n) && (real[n] == '/' || real[n] == '\0' || (n == 1 && r[0] == '/'));
    free(r);
    return ok;
}

/* Reads dir/path (or path when dir is NULL) if it resolves inside root. */
static int
try_path(const char *dir, const char *path, const char *root, size_t max, char **data,
         size_t *len, int *outside)
{
    char *p;
    if (dir && path[0] != '/') {
        size_t n = strlen(dir) + strlen(path) + 2;
        p = sz_xmalloc(n);
        snprintf(p, n, "%s/%s", dir, path);
    } else {
        p = sz_xstrdup(path);
    }
    char *real = realpath(p, NULL);
    free(p);
    if (!real)
        return -1;
    int rc = -1;
    if (!inside(real, root))
        *outside = 1;
    else
        rc = sz_read_regular(real, max, data, len);
    free(real);
    return rc;
}

int
sz_resource_read(const struct sz_wopts *o, const char *path, size_t max, char **data,
                 size_t *len, int *outside)
{
    *outside = 0;
    if (!path || !*path)
        return -1;
    /* From the document's archive. */
    int ar = o->resource_read ? o->resource_read(o->resource_ud, path, max, data, len) : -1;
    if (ar == 0)
        return 0;
    /* From the folders the user named, and only inside them. */
    if (o->resource_dir && try_path(o->resource_dir, path, o->resource_dir, max, data, len,
                                    outside) == 0)
        return 0;
    if (o->resource_read) {
        *outside = *outside || ar == -2;
        return -1;                 /* an archive's document reads no host file */
    }
    /* From the document's folder (standard input: the current one), as
    ** given or relative to the current folder (pandoc's habit), as long
    ** as it stays inside the document's folder, or the whole collection's
    ** (resource_root) in batch mode. */
    char *base = NULL;
    const char *in = o->input_name;
    const char *slash = in && strcmp(in, "-") ? strrchr(in, '/') : NULL;
    if (slash) {
        size_t n = (size_t)(slash - in);
        base = sz_xmalloc(n + 2);
        memcpy(base, in, n);
        base[n] = '\0';
        if (!n)
            strcpy(base, "/");
    } else {
        base = sz_xstrdup(".");
    }
    const char *root = o->resource_root ? o->resource_root : base;
    int rc = try_path(base, path, root, max, data, len, outside);
    if (rc != 0 && path[0] != '/')
        rc = try_path(NULL, path, root, max, data, len, outside);
    free(base);
    if (rc == 0)
        *outside = 0;
    return rc;
}
