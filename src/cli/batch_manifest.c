/*
** batch_manifest.c
** OUTDIR/manifest.jsonl: one JSON line per document, appended and fsynced as
** each one finishes, read back to skip what is already up to date.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <jansson.h>
#include <zip.h>
#include "core/lazy_zip.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "cli/batch.h"

/* Seconds between fsyncs of the manifest (see sz_manifest_append). */
#define MANIFEST_SYNC 1.0

static int mfd = -1;
/* The archive the resume checks read from, kept open across members (the
** parent only: workers open their own, since a shared file offset would
** mix their reads). */
static zip_t *rz;
static int rz_err;  /* why rz could not be opened */
static char *rz_path;
static double last_sync;
static json_t *done;               /* key -> last ok/warnings record */

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Flushes the outputs written so far (the whole file system of OUTDIR),
** then the manifest. */
static int
sync_all(void)
{
#ifdef __linux__
    if (syncfs(mfd) != 0)
        sync();
#else
    sync();
#endif
    last_sync = now_s();
    return fsync(mfd) != 0 && errno != EINVAL ? -1 : 0;
}

int
sz_sha256_file(const char *path, char out[65], uint64_t *size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    struct sz_sha256 s;
    sz_sha256_init(&s);
    char tmp[65536];
    ssize_t n;
    while ((n = read(fd, tmp, sizeof tmp)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            close(fd);
            return -1;
        }
        sz_sha256_update(&s, tmp, (size_t)n);
    }
    close(fd);
    if (size)
        *size = s.len;
    sz_sha256_hex(&s, out);
    return 0;
}

int
sz_batch_parent_read(const struct sz_batch *b, const char *archive, int64_t index,
                     struct sz_buf *out, const char **err)
{
    if (!rz_path || strcmp(rz_path, archive) != 0) {
        if (rz)
            zip_discard(rz);
        free(rz_path);
        rz_err = 0;
        rz = zip_open(archive, ZIP_RDONLY, &rz_err);
        rz_path = sz_xstrdup(archive);
    }
    if (!rz) {
        *err = sz_batch_zip_error(rz_err);
        return -1;
    }
    return sz_batch_read_zip(b, rz, index, out, err);
}

static int
read_member(const struct sz_batch *b, const char *archive, int64_t index, struct sz_buf *out)
{
    const char *err;
    return sz_batch_parent_read(b, archive, index, out, &err);
}

/* The input's length first: a name may hold any byte but NUL, a newline
** too, so no separator alone could tell "a\nb" + "" from "a" + "b". */
char *
sz_manifest_key(const char *input, const char *member)
{
    size_t n = strlen(input) + (member ? strlen(member) : 0) + 32;
    char *k = sz_xmalloc(n);
    snprintf(k, n, "%zu:%s\n%s", strlen(input), input, member ? member : "");
    return k;
}

/* jansson wants UTF-8; messages need not be.  Bad bytes become U+FFFD. */
static json_t *
jstr(const char *s)
{
    if (!s)
        return json_null();
    size_t n = strlen(s), bad;
    if (sz_utf8_valid(s, n, &bad))
        return json_stringn(s, n);
    struct sz_buf b = SZ_BUF_INIT;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sz_utf8_decode(s + i, n - i, &cp);
        sz_buf_put_utf8(&b, cp);
        i += l;
    }
    json_t *j = json_stringn(b.data, b.len);
    sz_buf_free(&b);
    return j;
}

/* A file name in a manifest line: FIELD as UTF-8 for people to read and,
** when the name is not UTF-8, FIELD_bytes with its bytes in hex, so that a
** resumed run finds the very same name again. */
static void
set_name(json_t *o, const char *field, const char *s)
{
    json_object_set_new(o, field, jstr(s));
    size_t bad;
    if (!s || sz_utf8_valid(s, strlen(s), &bad))
        return;
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(s);
    char *h = sz_xmalloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        h[2 * i] = hex[(unsigned char)s[i] >> 4];
        h[2 * i + 1] = hex[(unsigned char)s[i] & 15];
    }
    h[2 * n] = '\0';
    char name[64];
    snprintf(name, sizeof name, "%s_bytes", field);
    json_object_set_new(o, name, json_string(h));
    free(h);
}

static int
hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The name set_name recorded, malloc'd, or NULL. */
char *
sz_manifest_get_name(json_t *o, const char *field)
{
    char name[64];
    snprintf(name, sizeof name, "%s_bytes", field);
    const char *h = json_string_value(json_object_get(o, name));
    if (h) {
        size_t n = strlen(h);
        char *s = sz_xmalloc(n / 2 + 1);
        size_t k = 0;
        for (size_t i = 0; i + 1 < n; i += 2) {
            int a = hexval(h[i]), b = hexval(h[i + 1]);
            if (a < 0 || b < 0 || (a == 0 && b == 0))
                break;
            s[k++] = (char)(a << 4 | b);
        }
        s[k] = '\0';
        return s;
    }
    const char *v = json_string_value(json_object_get(o, field));
    return v ? sz_xstrdup(v) : NULL;
}

/* Takes the records of one manifest file into `done`.  A torn last line is
** cut off when the file is ours (fd >= 0), skipped when it is another
** shard's, which may be appending to it right now. */
static int
load_part(const char *path, int fd)
{
    struct sz_buf all = SZ_BUF_INIT;
    struct sz_diags d;
    sz_diags_init(&d);
    if (sz_read_file(path, &all, &d) != 0) {
        sz_diags_free(&d);
        if (fd < 0)
            return 0;
        fprintf(stderr, "samizdat: batch: cannot read %s\n", path);
        return SZ_EXIT_IO;
    }
    sz_diags_free(&d);
    /* A run killed while appending leaves a torn last line: cut it off so
    ** the next line starts clean. */
    size_t keep = all.len;
    while (keep > 0 && all.data[keep - 1] != '\n')
        keep--;
    if (fd >= 0 && keep < all.len && ftruncate(fd, (off_t)keep) != 0) {
        fprintf(stderr, "samizdat: batch: cannot repair %s: %s\n", path, strerror(errno));
        sz_buf_free(&all);
        return SZ_EXIT_IO;
    }
    for (size_t i = 0; i < keep;) {
        char *nl = memchr(all.data + i, '\n', keep - i);
        size_t len = (size_t)(nl - (all.data + i));
        json_t *rec = json_loadb(all.data + i, len, 0, NULL);
        i += len + 1;
        if (!json_is_object(rec)) {
            json_decref(rec);
            continue;
        }
        char *in = sz_manifest_get_name(rec, "input"), *mem = sz_manifest_get_name(rec, "member");
        const char *st = json_string_value(json_object_get(rec, "status"));
        if (in && st) {
            char *k = sz_manifest_key(in, mem);
            if (!strcmp(st, "ok") || !strcmp(st, "warnings"))
                json_object_set_nocheck(done, k, rec);   /* keys are file names, not always UTF-8 */
            else
                json_object_del(done, k);
            free(k);
        }
        free(in);
        free(mem);
        json_decref(rec);
    }
    sz_buf_free(&all);
    return 0;
}

int
sz_manifest_is_part(const char *name)
{
    size_t n = strlen(name);
    return !strncmp(name, "manifest", 8) && n >= 14 && !strcmp(name + n - 6, ".jsonl") &&
           (n == 14 || name[8] == '-');
}

char *
sz_manifest_name(const struct sz_batch *b)
{
    char *s = sz_xmalloc(64);
    if (b->shard_n > 1)
        snprintf(s, 64, "manifest-%u-of-%u.jsonl", b->shard_k, b->shard_n);
    else
        snprintf(s, 64, "manifest.jsonl");
    return s;
}

int
sz_manifest_open(struct sz_batch *b)
{
    char *own = sz_manifest_name(b);
    size_t pl = strlen(b->outdir) + 300;
    char *path = sz_xmalloc(pl);
    snprintf(path, pl, "%s/%s", b->outdir, own);
    done = json_object();
    mfd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (mfd < 0) {
        fprintf(stderr, "samizdat: batch: cannot open %s: %s\n", path, strerror(errno));
        free(path);
        free(own);
        return SZ_EXIT_IO;
    }
    /* What the other parts (shards of this OUTDIR, or a run with another N)
    ** converted counts too: every record is checked against the files. */
    DIR *dir = opendir(b->outdir);
    struct dirent *e;
    while (dir && (e = readdir(dir)) != NULL)
        if (sz_manifest_is_part(e->d_name) && strcmp(e->d_name, own) != 0) {
            char *q = sz_xmalloc(strlen(b->outdir) + strlen(e->d_name) + 2);
            sprintf(q, "%s/%s", b->outdir, e->d_name);
            load_part(q, -1);
            free(q);
        }
    if (dir)
        closedir(dir);
    int rc = load_part(path, mfd);
    free(path);
    free(own);
    return rc;
}

void
sz_manifest_checks_done(void)
{
    if (rz)
        zip_discard(rz);
    rz = NULL;
    free(rz_path);
    rz_path = NULL;
}

void
sz_manifest_close(void)
{
    if (mfd >= 0) {
        sync_all();
        close(mfd);
    }
    mfd = -1;
    json_decref(done);
    done = NULL;
    sz_manifest_checks_done();
}

static int
same_str(json_t *v, const char *s)
{
    const char *x = json_string_value(v);
    return x && s && !strcmp(x, s);
}

int
sz_manifest_up_to_date(struct sz_batch *b, struct sz_bjob *j, const struct sz_buf *in,
                       const struct sz_buf *side_in)
{
    char *k = sz_manifest_key(j->input, j->member);
    json_t *rec = json_object_get(done, k);
    free(k);
    if (!rec || !same_str(json_object_get(rec, "options_sha256"), b->opt_sha))
        return 0;
    json_t *outs = json_object_get(rec, "outputs");
    if (json_array_size(outs) != b->nformats)
        return 0;
    for (size_t f = 0; f < b->nformats; f++) {
        json_t *o = json_array_get(outs, f);
        char *rel = sz_batch_out_rel(b, j, f), *mpath = sz_manifest_get_name(o, "path");
        int ok = mpath && !strcmp(mpath, rel) &&
                 same_str(json_object_get(o, "format"), b->formats[f]);
        free(mpath);
        size_t pl = strlen(b->outdir) + strlen(rel) + 2;
        char *path = sz_xmalloc(pl);
        snprintf(path, pl, "%s/%s", b->outdir, rel);
        struct stat st;
        char sha[65];
        uint64_t size;
        ok = ok && stat(path, &st) == 0 &&
             (json_int_t)st.st_size == json_integer_value(json_object_get(o, "size")) &&
             sz_sha256_file(path, sha, &size) == 0 &&
             same_str(json_object_get(o, "sha256"), sha);
        free(path);
        free(rel);
        if (!ok)
            return 0;
    }
    /* The outputs are intact; is the input still the same text? */
    char sha[65];
    if (in) {
        sz_sha256_buf(in->data ? in->data : "", in->len, sha);
    } else if (j->member) {
        struct sz_buf m = SZ_BUF_INIT;
        int r = read_member(b, j->input, j->index, &m);
        if (r == 0)
            sz_sha256_buf(m.data, m.len, sha);
        sz_buf_free(&m);
        if (r != 0)
            return 0;
    } else if (sz_sha256_file(j->input, sha, NULL) != 0) {
        return 0;
    }
    if (!same_str(json_object_get(rec, "input_sha256"), sha))
        return 0;
    json_t *side = json_object_get(rec, "sidecar_sha256");
    if (!j->sidecar)
        return json_is_null(side) || !side;
    if (side_in) {
        sz_sha256_buf(side_in->data ? side_in->data : "", side_in->len, sha);
    } else if (j->member) {
        struct sz_buf m = SZ_BUF_INIT;
        int r = read_member(b, j->input, j->sidecar_index, &m);
        if (r == 0)
            sz_sha256_buf(m.data, m.len, sha);
        sz_buf_free(&m);
        if (r != 0)
            return 0;
    } else if (sz_sha256_file(j->sidecar, sha, NULL) != 0) {
        return 0;
    }
    return same_str(side, sha);
}

static const char *const status_names[] = { "pending", "ok", "warnings", "failed", "skipped" };

int
sz_manifest_append(struct sz_batch *b, const struct sz_bjob *j)
{
    json_t *o = json_object();
    set_name(o, "input", j->input);
    set_name(o, "member", j->member);
    json_object_set_new(o, "status", json_string(status_names[j->status]));
    json_t *outs = json_array();
    for (size_t i = 0; i < j->nouts; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "format", jstr(j->outs[i].format));
        set_name(x, "path", j->outs[i].path);
        json_object_set_new(x, "size", json_integer((json_int_t)j->outs[i].size));
        json_object_set_new(x, "sha256", json_string(j->outs[i].sha));
        json_array_append_new(outs, x);
    }
    json_object_set_new(o, "outputs", outs);
    json_t *w = json_array();
    for (size_t i = 0; i < j->nwarnings; i++)
        json_array_append_new(w, jstr(j->warnings[i]));
    json_object_set_new(o, "warnings", w);
    json_object_set_new(o, "warnings_total", json_integer((json_int_t)j->nwarnings_total));
    json_object_set_new(o, "error", jstr(j->error));
    json_object_set_new(o, "bytes", json_integer((json_int_t)j->size));
    json_object_set_new(o, "input_sha256", j->in_sha[0] ? json_string(j->in_sha) : json_null());
    json_object_set_new(o, "sidecar_sha256",
                        j->side_sha[0] ? json_string(j->side_sha) : json_null());
    json_object_set_new(o, "options_sha256", json_string(b->opt_sha));
    json_object_set_new(o, "ms", json_integer(j->ms));
    char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!line)
        return -1;
    size_t n = strlen(line);
    line[n] = '\n';                /* one write: the line lands whole or torn at the end */
    int rc = 0;
    size_t off = 0;
    while (off < n + 1) {
        ssize_t wr = write(mfd, line + off, n + 1 - off);
        if (wr < 0 && errno == EINTR)
            continue;
        if (wr <= 0) {
            rc = -1;
            break;
        }
        off += (size_t)wr;
    }
    /* Outputs and manifest are synced together now and then, not once a
    ** line: a sync per line would hold up the whole pool.  A power cut loses
    ** at most the last second of lines (those documents are converted
    ** again); a line that reached the disk before its outputs is caught by
    ** the sha256 check of the next run. */
    if (rc == 0 && now_s() - last_sync >= MANIFEST_SYNC)
        rc = sync_all();
    free(line);
    return rc;
}

/* The output path a temporary file stands for ("a/b.epub" for
** "a/b.epub.tmp-123-XXXXXX"), malloc'd. */
static char *
temp_target(const char *rel)
{
    const char *t = strstr(rel, ".tmp-"), *last = NULL;
    for (; t; t = strstr(t + 1, ".tmp-"))
        last = t;
    size_t n = last ? (size_t)(last - rel) : strlen(rel);
    char *s = sz_xmalloc(n + 1);
    memcpy(s, rel, n);
    s[n] = '\0';
    return s;
}

static void
clean_dir(const char *outdir, const char *sub, int depth, json_t *own)
{
    if (depth > 64)
        return;
    char *dir = sz_xmalloc(strlen(outdir) + strlen(sub) + 2);
    sprintf(dir, sub[0] ? "%s/%s" : "%s%s", outdir, sub);
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t pl = strlen(dir) + strlen(e->d_name) + 2;
        char *p = sz_xmalloc(pl);
        snprintf(p, pl, "%s/%s", dir, e->d_name);
        char *rel = sz_xmalloc(strlen(sub) + strlen(e->d_name) + 2);
        sprintf(rel, sub[0] ? "%s/%s" : "%s%s", sub, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                clean_dir(outdir, rel, depth + 1, own);
            } else if (S_ISREG(st.st_mode) && sz_temp_is_stale(e->d_name, NULL)) {
                char *target = temp_target(rel);
                if (!own || json_object_get(own, target))
                    unlink(p);
                free(target);
            }
        }
        free(rel);
        free(p);
    }
    closedir(d);
    free(dir);
}

void
sz_batch_clean_temps(const struct sz_batch *b)
{
    /* A shard removes only the temporary files of its own outputs: the
    ** others' may belong to a live process of another machine, whose
    ** process id means nothing here. */
    json_t *own = NULL;
    if (b->shard_n > 1) {
        own = json_object();
        for (size_t i = 0; i < b->n; i++)
            for (size_t f = 0; f < b->nformats; f++) {
                char *rel = sz_batch_out_rel(b, &b->v[i], f);
                json_object_set_new_nocheck(own, rel, json_true());
                free(rel);
            }
    }
    clean_dir(b->outdir, "", 0, own);
    json_decref(own);
}

int
sz_batch_mkdirs(const char *outdir, const char *rel)
{
    size_t ol = strlen(outdir), rl = strlen(rel);
    char *p = sz_xmalloc(ol + rl + 2);
    memcpy(p, outdir, ol);
    p[ol] = '/';
    memcpy(p + ol + 1, rel, rl + 1);
    int rc = 0;
    for (char *s = p + ol + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        struct stat st;
        if (lstat(p, &st) != 0) {
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                rc = -1;
                break;
            }
            if (lstat(p, &st) != 0) {
                rc = -1;
                break;
            }
        }
        /* A symbolic link here could point anywhere: never write through one. */
        if (!S_ISDIR(st.st_mode)) {
            rc = -1;
            break;
        }
        *s = '/';
    }
    free(p);
    return rc;
}
