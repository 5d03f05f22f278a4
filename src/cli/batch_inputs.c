/*
** batch_inputs.c
** Finding the documents of a batch: folders, zip archives (checked against
** hostile names and zip bombs), and lists of paths on standard input.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>
#include "core/lazy_zip.h"

#include "internal.h"
#include "cli/batch.h"
#include "core/zipcheck.h"

/* Folders deeper than this are not walked (a loop of bind mounts, or a
** hostile tree); real collections are a few levels deep. */
#define MAX_FOLDER_DEPTH 64

static const char *const text_exts[] = { "txt", "text", "md", "markdown", "json", "html", "htm",
                                          "xhtml", "epub", NULL };

static const char *
ext_of(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash + 1 : name, '.');
    return dot && dot != (slash ? slash + 1 : name) ? dot + 1 : NULL;
}

int
sz_batch_is_text_name(const char *name)
{
    const char *e = ext_of(name);
    for (size_t i = 0; e && text_exts[i]; i++)
        if (!strcasecmp(e, text_exts[i]))
            return 1;
    return 0;
}

int
sz_batch_is_meta_name(const char *name)
{
    const char *e = ext_of(name);
    return e && (!strcasecmp(e, "yaml") || !strcasecmp(e, "yml"));
}

static char *
xasprintf(const char *fmt, const char *a, const char *b)
{
    size_t n = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
    char *s = sz_xmalloc(n);
    snprintf(s, n, fmt, a, b ? b : "");
    return s;
}

/* NAME.yaml beside NAME.txt. */
static char *
sidecar_name(const char *name)
{
    const char *e = ext_of(name);
    size_t stem = e ? (size_t)(e - 1 - name) : strlen(name);
    char *s = sz_xmalloc(stem + 6);
    memcpy(s, name, stem);
    memcpy(s + stem, ".yaml", 6);
    return s;
}

static struct sz_bjob *
new_job(struct sz_batch *b, const char *input, const char *member, const char *rel)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->v = sz_xrealloc(b->v, b->cap * sizeof *b->v);
    }
    struct sz_bjob *j = &b->v[b->n++];
    memset(j, 0, sizeof *j);
    j->input = sz_xstrdup(input);
    j->member = member ? sz_xstrdup(member) : NULL;
    j->rel = sz_xstrdup(rel);
    j->index = -1;
    j->sidecar_index = -1;
    return j;
}

static void
job_fail(struct sz_bjob *j, const char *msg)
{
    free(j->error);
    j->error = sz_xstrdup(msg);
    j->status = SZ_B_FAILED;
}

/* Output stems (the path without its extension) of every document, sorted,
** so collisions are neighbours: n log n for collections of any size. */
struct stem {
    char *s;
    size_t job;
};

static int
stem_cmp(const void *a, const void *b)
{
    const struct stem *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->job < y->job ? -1 : x->job > y->job);
}

/* A relative path with no "..", ".", empty or absolute parts, or NULL when
** the name cannot be made one.  Used for names that came from outside. */
char *
sz_batch_clean_rel(const char *name, const char **why)
{
    return sz_zip_clean_name(name, why);
}

/* {======================== folders ========================*/

static int
name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_outdir(const struct sz_batch *b, const struct stat *st)
{
    return b->outdir_dev_set && st->st_dev == b->outdir_dev && st->st_ino == b->outdir_ino;
}

/* Is the file at path (a symbolic link) inside the folder whose real path
** is root_real?  A link out of the input tree is not followed: a hostile
** collection could name /etc/passwd. */
static int
inside(const char *root_real, const char *path)
{
    char *r = realpath(path, NULL);
    size_t n = strlen(root_real);
    int ok = r && !strncmp(r, root_real, n) && (r[n] == '/' || (n == 1 && root_real[0] == '/'));
    free(r);
    return ok;
}

static int
walk(struct sz_batch *b, const char *root, const char *root_real, const char *sub, int depth)
{
    char *dir = sub[0] ? xasprintf("%s/%s", root, sub) : sz_xstrdup(root);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "samizdat: batch: cannot read folder %s: %s\n", dir, strerror(errno));
        free(dir);
        return SZ_EXIT_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;              /* ., .., and hidden files */
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            names = sz_xrealloc(names, cap * sizeof *names);
        }
        names[n++] = sz_xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *rel = sub[0] ? xasprintf("%s/%s", sub, names[i]) : sz_xstrdup(names[i]);
        char *path = xasprintf("%s/%s", root, rel);
        struct stat st, lst;
        if (lstat(path, &lst) != 0 || stat(path, &st) != 0) {
            /* a dangling link or a file removed meanwhile */
        } else if (S_ISDIR(st.st_mode)) {
            /* Symbolic links to folders are not followed: they can loop. */
            if (S_ISLNK(lst.st_mode)) {
                if (b->verbosity >= 2)
                    fprintf(stderr, "samizdat: batch: %s: symbolic link to a folder, "
                            "not followed\n", path);
            } else if (!is_outdir(b, &st)) {
                if (depth >= MAX_FOLDER_DEPTH)
                    fprintf(stderr, "samizdat: batch: %s: folders nested too deeply, skipped\n",
                            path);
                else if (walk(b, root, root_real, rel, depth + 1) != 0)
                    rc = SZ_EXIT_IO;
            }
        } else if (S_ISREG(st.st_mode) && S_ISLNK(lst.st_mode) && !inside(root_real, path)) {
            b->nnontext += !sz_batch_is_meta_name(names[i]);
            if (b->verbosity >= 2)
                fprintf(stderr, "samizdat: batch: %s: symbolic link to a file outside %s, "
                        "not followed\n", path, root);
        } else if (S_ISREG(st.st_mode) && sz_batch_is_text_name(names[i])) {
            struct sz_bjob *j = new_job(b, path, NULL, rel);
            j->root = b->roots[b->nroots - 1];
            j->size = (uint64_t)st.st_size;
            char *side = sidecar_name(path);
            struct stat ss, ls;
            if (stat(side, &ss) == 0 && S_ISREG(ss.st_mode) && lstat(side, &ls) == 0 &&
                (!S_ISLNK(ls.st_mode) || inside(root_real, side))) {
                j->sidecar = side;
            } else {
                free(side);        /* said so when the walk met it */
            }
        } else if (S_ISREG(st.st_mode) && !sz_batch_is_meta_name(names[i])) {
            b->nnontext++;
            if (b->verbosity >= 2)
                fprintf(stderr, "samizdat: batch: %s: not a text (by its extension), skipped\n",
                        path);
        }
        free(path);
        free(rel);
        free(names[i]);
    }
    free(names);
    free(dir);
    return rc;
}

/* }======================== archives ========================*/

char *
sz_batch_archive_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && !strcasecmp(base + n - 4, ".zip"))
        n -= 4;
    else if (sz_batch_stream_ext(base))
        n -= sz_batch_stream_ext(base);
    char *s = sz_xmalloc(n + 1);
    memcpy(s, base, n);
    s[n] = '\0';
    const char *why;
    char *c = sz_batch_clean_rel(s, &why);
    free(s);
    if (!c || strchr(c, '/')) {
        free(c);
        c = sz_xstrdup("archive");
    }
    return c;
}

static void
add_stream(struct sz_batch *b, const char *path, int64_t zindex, const char *zmember,
           char *rel)
{
    b->streams = sz_xrealloc(b->streams, (b->nstreams + 1) * sizeof *b->streams);
    struct sz_bstream *s = &b->streams[b->nstreams++];
    s->path = sz_xstrdup(path);
    s->zindex = zindex;
    s->zmember = zmember ? sz_xstrdup(zmember) : NULL;
    s->rel = rel ? rel : sz_batch_archive_stem(path);
}

/* A tarball or zip inside a zip ("NNNN-0.zip", a name without "/" after
** its extension is cut): its extension's length, or 0. */
static size_t
nested_ext_len(const char *name)
{
    size_t n = strlen(name), s = sz_batch_stream_ext(name);
    if (s)
        return s;
    return n > 4 && !strcasecmp(name + n - 4, ".zip") ? 4 : 0;
}

static int
add_zip(struct sz_batch *b, const char *path)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &err);
    char *stem = sz_batch_archive_stem(path);
    if (!za) {
        struct sz_bjob *j = new_job(b, path, NULL, stem);
        job_fail(j, sz_batch_zip_error(err));
        free(stem);
        return 0;
    }
    size_t first = b->n;
    uint64_t total = 0;
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        /* The bytes as stored: a name that is not UTF-8 is refused rather
        ** than guessed at (libzip would read it as CP437). */
        const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        zip_stat_t st;
        if (!name || zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0)
            continue;
        size_t nl = strlen(name);
        if (nl && name[nl - 1] == '/')
            continue;              /* a folder entry */
        const char *why = NULL;
        char *clean = sz_batch_clean_rel(name, &why);
        char *rel = clean ? xasprintf("%s/%s", stem, clean) : xasprintf("%s/#%s", stem, "");
        if (!clean) {
            /* keep the bad name visible, but give it a unique key */
            free(rel);
            char idx[32];
            snprintf(idx, sizeof idx, "%lld", (long long)i);
            rel = xasprintf("%s/#member-%s", stem, idx);
        }
        zip_uint8_t opsys = 0;
        zip_uint32_t attr = 0;
        zip_file_get_external_attributes(za, (zip_uint64_t)i, 0, &opsys, &attr);
        mode_t mode = (mode_t)(attr >> 16);
        int unix_attrs = opsys == ZIP_OPSYS_UNIX && mode != 0;
        int text = sz_batch_is_text_name(name);
        size_t nested = clean ? nested_ext_len(clean) : 0;
        if (clean && !text && !nested && !(unix_attrs && S_ISLNK(mode))) {
            if (!sz_batch_is_meta_name(name))
                b->nnontext++;
            free(clean);
            free(rel);
            continue;
        }
        struct sz_bjob *j = new_job(b, path, name, rel);
        j->index = i;
        const struct sz_zip_limits lim = { b->max_member, b->max_ratio, " (--max-size)",
                                           " (--max-ratio)" };
        char msg[200];
        int bad = sz_zip_check_member(za, (zip_uint64_t)i, &lim, &j->size, msg, sizeof msg);
        if (!clean) {
            job_fail(j, why);
        } else if (bad) {
            job_fail(j, msg);
        } else if (nested) {
            /* A zip or tarball in the zip: read as a stream once the listed
            ** documents are under way, its members below OUTDIR/ZIP/NAME/. */
            total += j->size;
            char *stemrel = sz_xmalloc(strlen(rel) + 1);
            memcpy(stemrel, rel, strlen(rel) - nested);
            stemrel[strlen(rel) - nested] = '\0';
            add_stream(b, path, i, name, stemrel);
            free(j->input);
            free(j->member);
            free(j->rel);
            b->n--;
        } else {
            total += j->size;
            char *side = sidecar_name(name);
            zip_int64_t si = zip_name_locate(za, side, ZIP_FL_ENC_RAW);
            if (si >= 0) {
                j->sidecar = side;
                j->sidecar_index = si;
            } else {
                free(side);
            }
        }
        free(clean);
        free(rel);
    }
    /* Names that collide are all refused: which one is meant is unknowable. */
    size_t nm = b->n - first;
    struct stem *v = sz_xmalloc((nm + 1) * sizeof *v);
    for (size_t i = 0; i < nm; i++) {
        v[i].s = b->v[first + i].rel;
        v[i].job = first + i;
    }
    qsort(v, nm, sizeof *v, stem_cmp);
    for (size_t i = 0; i + 1 < nm; i++)
        if (!strcmp(v[i].s, v[i + 1].s)) {
            job_fail(&b->v[v[i].job], "duplicate member name in the archive");
            job_fail(&b->v[v[i + 1].job], "duplicate member name in the archive");
        }
    free(v);
    if (total > b->max_total) {
        char msg[200];
        snprintf(msg, sizeof msg, "the archive holds %llu bytes of text uncompressed, over the "
                 "limit of %llu (--max-total-size): a zip bomb?", (unsigned long long)total,
                 (unsigned long long)b->max_total);
        for (size_t i = first; i < b->n; i++)
            if (!b->v[i].error)
                job_fail(&b->v[i], msg);
    }
    zip_discard(za);
    free(stem);
    return 0;
}

/* }======================== single files and lists ========================*/

static int
has_zip_ext(const char *p)
{
    size_t n = strlen(p);
    return n > 4 && !strcasecmp(p + n - 4, ".zip");
}

static int
add_file(struct sz_batch *b, const char *path, const struct stat *st)
{
    const char *why;
    char *rel = NULL;
    if (path[0] != '/')
        rel = sz_batch_clean_rel(path, &why);
    if (!rel) {
        const char *base = strrchr(path, '/');
        rel = sz_xstrdup(base ? base + 1 : path);
    }
    struct sz_bjob *j = new_job(b, path, NULL, rel);
    j->size = (uint64_t)st->st_size;
    char *side = sidecar_name(path);
    struct stat ss;
    if (stat(side, &ss) == 0 && S_ISREG(ss.st_mode))
        j->sidecar = side;
    else
        free(side);
    free(rel);
    return 0;
}

static int
add_path(struct sz_batch *b, const char *input)
{
    struct stat st;
    if (stat(input, &st) != 0) {
        fprintf(stderr, "samizdat: batch: %s: %s\n", input, strerror(errno));
        return SZ_EXIT_IO;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t len = strlen(input);
        char *root = sz_xstrdup(input);
        while (len > 1 && root[len - 1] == '/')
            root[--len] = '\0';
        char *real = realpath(root, NULL);
        if (!real) {
            fprintf(stderr, "samizdat: batch: %s: %s\n", input, strerror(errno));
            free(root);
            return SZ_EXIT_IO;
        }
        b->roots = sz_xrealloc(b->roots, (b->nroots + 1) * sizeof *b->roots);
        b->roots[b->nroots++] = root;
        int rc = walk(b, root, real, "", 0);
        free(real);
        return rc;
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "samizdat: batch: %s: not a file or folder\n", input);
        return SZ_EXIT_IO;
    }
    if (has_zip_ext(input))
        return add_zip(b, input);
    if (sz_batch_stream_ext(input)) {
        /* read as it streams, once the listed documents are under way */
        add_stream(b, input, -1, NULL, NULL);
        return 0;
    }
    return add_file(b, input, &st);
}

int
sz_batch_add_input(struct sz_batch *b, const char *input)
{
    if (strcmp(input, "-") != 0)
        return add_path(b, input);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len && add_path(b, line) != 0)
            rc = SZ_EXIT_IO;
    }
    free(line);
    return rc;
}

void
sz_batch_dedupe(struct sz_batch *b)
{
    /* Two inputs that would write the same outputs: the first keeps them.
    ** Names are compared without their extension, since a.txt and a.md both
    ** become a.epub. */
    struct stem *v = sz_xmalloc((b->n + 1) * sizeof *v);
    for (size_t i = 0; i < b->n; i++) {
        const char *e = ext_of(b->v[i].rel);
        size_t n = e ? (size_t)(e - 1 - b->v[i].rel) : strlen(b->v[i].rel);
        v[i].s = sz_xmalloc(n + 1);
        memcpy(v[i].s, b->v[i].rel, n);
        v[i].s[n] = '\0';
        v[i].job = i;
    }
    qsort(v, b->n, sizeof *v, stem_cmp);
    for (size_t i = 0; i < b->n;) {
        size_t k = i + 1;
        while (k < b->n && !strcmp(v[k].s, v[i].s))
            k++;
        /* v[i..k) share a stem, in input order; the first one not already
        ** refused keeps it. */
        int kept = 0;
        for (size_t m = i; m < k; m++) {
            struct sz_bjob *j = &b->v[v[m].job];
            if (j->error)
                continue;
            if (!kept) {
                kept = 1;
                continue;
            }
            char msg[300];
            snprintf(msg, sizeof msg, "another input already writes the outputs named %.200s",
                     v[m].s);
            job_fail(j, msg);
        }
        i = k;
    }
    for (size_t i = 0; i < b->n; i++)
        free(v[i].s);
    free(v);
}
