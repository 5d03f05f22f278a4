/*
** batch_status.c
** `samizdat batch --status OUTDIR`: the manifests of every shard summed up
** (done, failed with their reasons, and with the INPUTs, what is pending),
** read while the shards may still be running.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "internal.h"
#include "cli/batch.h"

struct part {
    char *name;
    size_t lines;
    int running;
};

static int
part_cmp(const void *a, const void *b)
{
    return strcmp(((const struct part *)a)->name, ((const struct part *)b)->name);
}

/* Is the lock file of this part held by a live run? */
static int
is_running(const char *outdir, const char *part)
{
    char lock[300];
    unsigned k, n;
    if (sscanf(part, "manifest-%u-of-%u.jsonl", &k, &n) == 2)
        snprintf(lock, sizeof lock, "%s/.samizdat-%u-of-%u.lock", outdir, k, n);
    else
        snprintf(lock, sizeof lock, "%s/.samizdat.lock", outdir);
    int fd = open(lock, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return busy;
}

static void
load(const char *path, json_t *latest, size_t *lines)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] != '\n')
            break;                 /* torn: being written */
        json_t *rec = json_loadb(line, (size_t)len, 0, NULL);
        if (!json_is_object(rec)) {
            json_decref(rec);
            continue;
        }
        (*lines)++;
        char *in = sz_manifest_get_name(rec, "input"), *mem = sz_manifest_get_name(rec, "member");
        if (in) {
            char *k = sz_manifest_key(in, mem);
            json_object_set_nocheck(latest, k, rec);
            free(k);
        }
        free(in);
        free(mem);
        json_decref(rec);
    }
    free(line);
    fclose(f);
}

static int
reason_cmp(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t nx = json_integer_value(json_array_get(x, 1));
    json_int_t ny = json_integer_value(json_array_get(y, 1));
    if (nx != ny)
        return nx < ny ? 1 : -1;
    return strcmp(json_string_value(json_array_get(x, 0)), json_string_value(json_array_get(y, 0)));
}

/* A failure's reason without the document's own name, so that the same
** cause in many documents is counted once: the part after the last
** "error: " or "warning: ", else the whole message, cut at 120 bytes. */
static void
reason_of(const char *err, char *out, size_t n)
{
    const char *r = err;
    for (const char *p = err; (p = strstr(p, "error: ")) != NULL; p++)
        r = p + 7;
    snprintf(out, n, "%.120s", r);
}

int
sz_batch_status(struct sz_batch *b, const char *const *inputs, size_t ninputs)
{
    DIR *d = opendir(b->outdir);
    if (!d) {
        fprintf(stderr, "samizdat: batch: %s: %s\n", b->outdir, strerror(errno));
        return SZ_EXIT_IO;
    }
    struct part *parts = NULL;
    size_t np = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (sz_manifest_is_part(e->d_name)) {
            parts = sz_xrealloc(parts, (np + 1) * sizeof *parts);
            parts[np].name = sz_xstrdup(e->d_name);
            parts[np].lines = 0;
            parts[np].running = is_running(b->outdir, e->d_name);
            np++;
        }
    closedir(d);
    qsort(parts, np, sizeof *parts, part_cmp);
    json_t *latest = json_object();
    for (size_t i = 0; i < np; i++) {
        char *p = sz_xmalloc(strlen(b->outdir) + strlen(parts[i].name) + 2);
        sprintf(p, "%s/%s", b->outdir, parts[i].name);
        load(p, latest, &parts[i].lines);
        free(p);
    }
    size_t cnt[5] = { 0 };
    json_t *reasons = json_object();
    const char *key;
    json_t *rec;
    json_object_foreach(latest, key, rec) {
        const char *st = json_string_value(json_object_get(rec, "status"));
        int s = !st ? 0 : !strcmp(st, "ok") ? SZ_B_OK : !strcmp(st, "warnings") ? SZ_B_WARNINGS
              : !strcmp(st, "failed") ? SZ_B_FAILED : !strcmp(st, "skipped") ? SZ_B_SKIPPED : 0;
        cnt[s]++;
        if (s == SZ_B_FAILED || s == SZ_B_SKIPPED) {
            const char *err = json_string_value(json_object_get(rec, "error"));
            char r[160];
            reason_of(err ? err : "failed", r, sizeof r);
            json_t *c = json_object_get(reasons, r);
            json_object_set_new(reasons, r,
                                json_integer(c ? json_integer_value(c) + 1 : 1));
        }
    }
    printf("%s: %zu manifest part%s\n", b->outdir, np, np == 1 ? "" : "s");
    for (size_t i = 0; i < np; i++)
        printf("  %s: %zu lines%s\n", parts[i].name, parts[i].lines,
               parts[i].running ? " (running now)" : "");
    size_t ndocs = json_object_size(latest);
    printf("%zu documents: %zu done (%zu with warnings), %zu failed, %zu skipped\n", ndocs,
           cnt[SZ_B_OK] + cnt[SZ_B_WARNINGS], cnt[SZ_B_WARNINGS], cnt[SZ_B_FAILED],
           cnt[SZ_B_SKIPPED]);
    if (json_object_size(reasons)) {
        json_t *v = json_array();
        json_t *c;
        json_object_foreach(reasons, key, c)
            json_array_append_new(v, json_pack("[sO]", key, c));
        size_t n = json_array_size(v);
        json_t **a = sz_xmalloc((n + 1) * sizeof *a);
        for (size_t i = 0; i < n; i++)
            a[i] = json_array_get(v, i);
        qsort(a, n, sizeof *a, reason_cmp);
        printf("failed or skipped, by reason:\n");
        for (size_t i = 0; i < n; i++)
            printf("  %6lld  %s\n", (long long)json_integer_value(json_array_get(a[i], 1)),
                   json_string_value(json_array_get(a[i], 0)));
        free(a);
        json_decref(v);
    }
    /* Pending: documents of the INPUTs that no manifest names yet. */
    size_t pending = 0, listed = 0;
    int rc = 0;
    for (size_t i = 0; i < ninputs; i++)
        if (sz_batch_add_input(b, inputs[i]) != 0)
            rc = SZ_EXIT_IO;
    for (size_t i = 0; i < b->n; i++) {
        char *k = sz_manifest_key(b->v[i].input, b->v[i].member);
        listed++;
        pending += !json_object_get(latest, k);
        free(k);
    }
    for (size_t s = 0; s < b->nstreams; s++) {
        struct sz_barch *z;
        char err[300];
        const struct sz_bstream *bs = &b->streams[s];
        struct sz_buf mem = SZ_BUF_INIT;
        const char *rerr = NULL;
        char prefix[1100] = "";
        if (bs->zindex >= 0) {
            snprintf(prefix, sizeof prefix, "%s!/", bs->zmember);
            if (sz_batch_parent_read(b, bs->path, bs->zindex, &mem, &rerr) != 0)
                sz_buf_free(&mem);
        }
        if ((bs->zindex >= 0 && !mem.data) ||
            sz_barch_open(&z, bs->zindex >= 0 ? NULL : bs->path, mem.data, mem.len, "x", prefix,
                          &b->lim, err, sizeof err) != 0) {
            char *k = sz_manifest_key(bs->path, bs->zmember);
            sz_buf_free(&mem);
            listed++;
            pending += !json_object_get(latest, k);
            free(k);
            continue;
        }
        struct sz_bentry m;
        while (sz_barch_next(z, &m) == 1) {
            if (m.is_text || m.why) {
                char *k = sz_manifest_key(bs->path, m.member);
                listed++;
                pending += !json_object_get(latest, k);
                free(k);
            }
            sz_bentry_free(&m);
        }
        sz_barch_close(z);
        sz_buf_free(&mem);
    }
    if (ninputs)
        printf("%zu documents in the inputs: %zu pending\n", listed, pending);
    else
        printf("pending: name the INPUTs too to count them (samizdat batch --status INPUT... -o "
               "OUTDIR)\n");
    for (size_t i = 0; i < np; i++)
        free(parts[i].name);
    free(parts);
    json_decref(reasons);
    json_decref(latest);
    if (rc)
        return rc;
    return cnt[SZ_B_FAILED] || pending ? SZ_BATCH_EXIT_FAILED : 0;
}
