/*
** batch_stream.c
** Converting a tarball or 7z archive as it streams by: each member is read
** once, checked against the manifest by the sha256 of those bytes, and
** handed to a worker with them.  Nothing per member outlives its manifest
** line but 8 bytes of its output path's hash (for duplicates), so memory
** stays flat however many members the archive holds.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "cli/batch.h"

/* {======================== output stems seen ========================*/

/* Open addressing over 64-bit FNV-1a hashes of output stems (0 is empty):
** two members that would write the same outputs are told apart by 8 bytes
** each, never by keeping their names. */
struct stems {
    uint64_t *v;
    size_t cap, n;
};

static uint64_t
stem_key(const char *rel)
{
    const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - rel) : strlen(rel);
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)rel[i]) * 1099511628211ULL;
    return h ? h : 1;
}

/* Adds the stem of rel; returns 0 if it was new, 1 if already there. */
static int
stems_add(struct stems *s, const char *rel)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        uint64_t *v = calloc(cap, sizeof *v);
        if (!v)
            sz_oom();
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i]) {
                size_t k = (size_t)(s->v[i] & (cap - 1));
                while (v[k])
                    k = (k + 1) & (cap - 1);
                v[k] = s->v[i];
            }
        free(s->v);
        s->v = v;
        s->cap = cap;
    }
    uint64_t h = stem_key(rel);
    size_t k = (size_t)(h & (s->cap - 1));
    while (s->v[k]) {
        if (s->v[k] == h)
            return 1;
        k = (k + 1) & (s->cap - 1);
    }
    s->v[k] = h;
    s->n++;
    return 0;
}

/* }======================== the stream ========================*/

static struct sz_bjob *
new_job(const char *input, const struct sz_bentry *m)
{
    struct sz_bjob *j = calloc(1, sizeof *j);
    if (!j)
        sz_oom();
    j->input = sz_xstrdup(input);
    j->member = sz_xstrdup(m->member);
    j->rel = sz_xstrdup(m->rel);
    j->index = -1;
    j->sidecar_index = -1;
    j->size = m->size;
    j->transient = 1;
    return j;
}

static void
refuse(struct sz_batch *b, struct sz_bjob *j, const char *why)
{
    free(j->error);
    j->error = sz_xstrdup(why);
    j->status = SZ_B_FAILED;
    b->ntotal++;
}

/* NAME.yaml for NAME.txt. */
static char *
sidecar_of(const char *member)
{
    const char *slash = strrchr(member, '/'), *base = slash ? slash + 1 : member;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - member) : strlen(member);
    char *s = sz_xmalloc(stem + 6);
    memcpy(s, member, stem);
    memcpy(s + stem, ".yaml", 6);
    return s;
}

struct pending {
    struct sz_bjob *j;         /* a text read, waiting to see if its NAME.yaml follows */
    struct sz_buf in;
    char *meta_name;           /* the last NAME.yaml met, and its bytes */
    struct sz_buf meta;
};

/* Hands the pending document to a worker (or records it up to date). */
static int
flush(struct sz_batch *b, struct sz_pool *p, struct pending *q, const struct sz_buf *side)
{
    struct sz_bjob *j = q->j;
    if (!j)
        return 0;
    q->j = NULL;
    if (!side && j->sidecar && q->meta_name && !strcmp(q->meta_name, j->sidecar))
        side = &q->meta;
    if (!side) {
        free(j->sidecar);
        j->sidecar = NULL;
    }
    int rc = 0;
    b->ntotal++;
    if (!b->force && sz_manifest_up_to_date(b, j, &q->in, side)) {
        b->nuptodate++;
        free(j->input);
        free(j->member);
        free(j->rel);
        free(j->sidecar);
        free(j);
    } else {
        rc = sz_pool_submit(p, j, &q->in, side);
    }
    sz_buf_free(&q->in);
    return rc;
}

int
sz_batch_stream(struct sz_batch *b, struct sz_pool *p, const struct sz_bstream *bs,
                struct sz_bstems *seen)
{
    struct sz_barch *z;
    char err[300];
    const char *path = bs->path;
    struct stems *st = (struct stems *)seen;
    struct sz_buf mem = SZ_BUF_INIT;
    char *prefix = NULL;
    int opened;
    if (bs->zindex >= 0) {
        /* in a zip: its bytes first, then read from memory */
        const char *e = NULL;
        size_t n = strlen(bs->zmember) + 3;
        prefix = sz_xmalloc(n);
        snprintf(prefix, n, "%s!/", bs->zmember);
        if (sz_batch_parent_read(b, path, bs->zindex, &mem, &e) != 0) {
            snprintf(err, sizeof err, "%s", e ? e : "cannot read the member");
            opened = -1;
        } else {
            opened = sz_barch_open(&z, NULL, mem.data, mem.len, bs->rel, prefix, &b->lim, err,
                                   sizeof err);
        }
    } else {
        opened = sz_barch_open(&z, path, NULL, 0, bs->rel, NULL, &b->lim, err, sizeof err);
    }
    if (opened != 0) {
        struct sz_bjob *j = calloc(1, sizeof *j);
        if (!j)
            sz_oom();
        j->input = sz_xstrdup(path);
        j->member = bs->zmember ? sz_xstrdup(bs->zmember) : NULL;
        j->rel = sz_xstrdup(bs->rel);
        j->transient = 1;
        refuse(b, j, err);
        sz_batch_record(b, j, p);
        sz_buf_free(&mem);
        free(prefix);
        return 0;
    }
    struct pending q;
    memset(&q, 0, sizeof q);
    struct sz_bentry m;
    int rc = 0;
    while (rc == 0 && !sz_pool_interrupted() && sz_barch_next(z, &m) == 1) {
        /* A NAME.yaml right after its NAME.txt belongs to it. */
        if (q.j && m.is_meta && !m.why && q.j->sidecar && !strcmp(m.member, q.j->sidecar)) {
            struct sz_buf side = SZ_BUF_INIT;
            const char *e;
            if (sz_barch_read(z, &side, &e) == 0) {
                rc = flush(b, p, &q, &side);
            } else {
                struct sz_bjob *j = q.j;
                q.j = NULL;
                sz_buf_free(&q.in);
                refuse(b, j, e);
                sz_batch_record(b, j, p);
            }
            sz_buf_free(&side);
            sz_bentry_free(&m);
            continue;
        }
        if ((rc = flush(b, p, &q, NULL)) != 0) {
            sz_bentry_free(&m);
            break;
        }
        if (m.is_meta && !m.why) {
            /* May belong to the text that comes next. */
            free(q.meta_name);
            q.meta_name = sz_xstrdup(m.member);
            sz_buf_clear(&q.meta);
            const char *e;
            if (sz_barch_read(z, &q.meta, &e) != 0) {
                free(q.meta_name);
                q.meta_name = NULL;
            }
            sz_bentry_free(&m);
            continue;
        }
        if (m.is_meta) {
            sz_bentry_free(&m);
            continue;
        }
        if (b->shard_n > 1 && !sz_batch_in_shard(b, m.rel)) {
            sz_bentry_free(&m);
            continue;
        }
        struct sz_bjob *j = new_job(path, &m);
        if (m.why) {
            refuse(b, j, m.why);
            sz_batch_record(b, j, p);
        } else if (stems_add(st, m.rel)) {
            char msg[300];
            snprintf(msg, sizeof msg, "another input already writes the outputs of %.200s",
                     m.rel);
            refuse(b, j, msg);
            sz_batch_record(b, j, p);
        } else {
            const char *e;
            if (sz_barch_read(z, &q.in, &e) != 0) {
                sz_buf_free(&q.in);
                refuse(b, j, e);
                sz_batch_record(b, j, p);
            } else {
                j->sidecar = sidecar_of(m.member);
                q.j = j;
            }
        }
        sz_bentry_free(&m);
    }
    if (rc == 0)
        rc = flush(b, p, &q, NULL);
    else if (q.j) {
        free(q.j->input);
        free(q.j->member);
        free(q.j->rel);
        free(q.j->sidecar);
        free(q.j);
        sz_buf_free(&q.in);
    }
    b->nnontext += sz_barch_nontext(z);
    free(q.meta_name);
    sz_buf_free(&q.meta);
    sz_barch_close(z);
    sz_buf_free(&mem);
    free(prefix);
    return rc;
}

struct sz_bstems *
sz_bstems_new(const struct sz_batch *b)
{
    struct stems *s = calloc(1, sizeof *s);
    if (!s)
        sz_oom();
    for (size_t i = 0; i < b->n; i++)
        if (!b->v[i].error)
            stems_add(s, b->v[i].rel);
    return (struct sz_bstems *)s;
}

void
sz_bstems_free(struct sz_bstems *x)
{
    struct stems *s = (struct stems *)x;
    if (s)
        free(s->v);
    free(s);
}
