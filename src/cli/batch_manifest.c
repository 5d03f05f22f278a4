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

static int
read_member(const struct sz_batch *b, const char *archive, int64_t index, struct sz_buf *out)
{
    const char *err;
    if (!rz_path || strcmp(rz_path, archive) != 0) {
        if (rz)
            zip_discard(rz);
        free(rz_path);
        int e = 0;
        rz = zip_open(archive, ZIP_RDONLY, &e);
        rz_path = sz_xstrdup(archive);
    }
    return rz ? sz_batch_read_zip(b, rz, index, out, &err) : -1;
}

static char *
key_of(const char *input, const char *member)
{
    size_t n = strlen(input) + (member ? strlen(member) : 0) + 2;
    char *k = sz_xmalloc(n);
    snprintf(k, n, "%s\n%s", input, member ? member : "");
    return k;
}

/* jansson wants UTF-8; file names need not be.  Bad bytes become U+FFFD the
** same way on every run, so keys still match. */
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

static char *
jkey(const char *input, const char *member)
{
    json_t *a = jstr(input), *m = member ? jstr(member) : NULL;
    char *k = key_of(json_string_value(a), m ? json_string_value(m) : NULL);
    json_decref(a);
    json_decref(m);
    return k;
}

int
sz_manifest_open(struct sz_batch *b)
{
    size_t pl = strlen(b->outdir) + 32;
    char *path = sz_xmalloc(pl);
    snprintf(path, pl, "%s/manifest.jsonl", b->outdir);
    done = json_object();
    mfd = open(path, O_RDWR | O_CREAT | O_APPEND, 0666);
    if (mfd < 0) {
        fprintf(stderr, "samizdat: batch: cannot open %s: %s\n", path, strerror(errno));
        free(path);
        return SZ_EXIT_IO;
    }
    struct sz_buf all = SZ_BUF_INIT;
    struct sz_diags d;
    sz_diags_init(&d);
    if (sz_read_file(path, &all, &d) != 0) {
        fprintf(stderr, "samizdat: batch: cannot read %s\n", path);
        sz_diags_free(&d);
        free(path);
        return SZ_EXIT_IO;
    }
    sz_diags_free(&d);
    /* A run killed while appending leaves a torn last line: cut it off so
    ** the next line starts clean. */
    size_t keep = all.len;
    while (keep > 0 && all.data[keep - 1] != '\n')
        keep--;
    if (keep < all.len && ftruncate(mfd, (off_t)keep) != 0) {
        fprintf(stderr, "samizdat: batch: cannot repair %s: %s\n", path, strerror(errno));
        sz_buf_free(&all);
        free(path);
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
        const char *in = json_string_value(json_object_get(rec, "input"));
        const char *mem = json_string_value(json_object_get(rec, "member"));
        const char *st = json_string_value(json_object_get(rec, "status"));
        if (in && st) {
            char *k = key_of(in, mem);
            if (!strcmp(st, "ok") || !strcmp(st, "warnings"))
                json_object_set(done, k, rec);
            else
                json_object_del(done, k);
            free(k);
        }
        json_decref(rec);
    }
    sz_buf_free(&all);
    free(path);
    return 0;
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
sz_manifest_up_to_date(struct sz_batch *b, struct sz_bjob *j)
{
    char *k = jkey(j->input, j->member);
    json_t *rec = json_object_get(done, k);
    free(k);
    if (!rec || !same_str(json_object_get(rec, "options_sha256"), b->opt_sha))
        return 0;
    json_t *outs = json_object_get(rec, "outputs");
    if (json_array_size(outs) != b->nformats)
        return 0;
    for (size_t f = 0; f < b->nformats; f++) {
        json_t *o = json_array_get(outs, f);
        char *rel = sz_batch_out_rel(b, j, f);
        int ok = same_str(json_object_get(o, "path"), rel) &&
                 same_str(json_object_get(o, "format"), b->formats[f]);
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
    if (j->member) {
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
    if (j->member) {
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
    json_object_set_new(o, "input", jstr(j->input));
    json_object_set_new(o, "member", jstr(j->member));
    json_object_set_new(o, "status", json_string(status_names[j->status]));
    json_t *outs = json_array();
    for (size_t i = 0; i < j->nouts; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "format", jstr(j->outs[i].format));
        json_object_set_new(x, "path", jstr(j->outs[i].path));
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

/* "NAME.tmp-PID-XXXXXX", as sz_write_atomic names its temporary files,
** of a process that is gone (another batch may share OUTDIR). */
static int
is_stale_temp(const char *s)
{
    const char *t = strstr(s, ".tmp-");
    while (t) {
        const char *p = t + 5;
        size_t digits = strspn(p, "0123456789");
        if (digits && p[digits] == '-' && strlen(p + digits + 1) == 6)
            return kill((pid_t)strtol(p, NULL, 10), 0) != 0 && errno == ESRCH;
        t = strstr(t + 1, ".tmp-");
    }
    return 0;
}

void
sz_batch_clean_temps(const char *dir, int depth)
{
    if (depth > 64)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t pl = strlen(dir) + strlen(e->d_name) + 2;
        char *p = sz_xmalloc(pl);
        snprintf(p, pl, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                sz_batch_clean_temps(p, depth + 1);
            else if (S_ISREG(st.st_mode) && is_stale_temp(e->d_name))
                unlink(p);
        }
        free(p);
    }
    closedir(d);
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
