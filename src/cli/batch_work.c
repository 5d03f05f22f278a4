/*
** batch_work.c
** One document in a forked worker: read (file or archive member), load once,
** write every format, report to the parent through a pipe.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include "core/lazy_zip.h"

#include "internal.h"
#include "cli/batch.h"
#include "core/path.h"
#include "core/zipcheck.h"

/* Bytes looked at to decide that a "text" is binary: a NUL byte there means
** an image or a compressed file with a misleading name. */
#define BINARY_SNIFF 8192

char *
sz_batch_out_rel(const struct sz_batch *b, const struct sz_bjob *j, size_t f)
{
    const char *rel = j->rel;
    const char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - rel) : strlen(rel);
    const char *ext = b->exts[f];
    char *s = sz_xmalloc(stem + strlen(ext) + 2);
    memcpy(s, rel, stem);
    s[stem] = '.';
    strcpy(s + stem + 1, ext);
    return s;
}

int
sz_batch_read_zip(const struct sz_batch *b, void *zip, int64_t index, struct sz_buf *out,
                  const char **err)
{
    int rc = sz_zip_read(zip, (zip_uint64_t)index, b->max_member, out, err);
    if (rc == -2) {
        *err = "member inflates past the size limit (--max-size): a zip bomb?";
        rc = -1;
    }
    return rc;
}

const char *
sz_batch_zip_error(int code)
{
    /* One message for a process: each worker is its own process, and the
    ** parent reports the message before it opens another archive. */
    static char msg[160];
    if (code == ZIP_ER_MEMORY) {
        snprintf(msg, sizeof msg, "cannot open the archive: out of memory");
    } else {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        snprintf(msg, sizeof msg, "cannot open the archive: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
    }
    return msg;
}

int
sz_batch_read_member(const struct sz_batch *b, const char *archive, int64_t index,
                     struct sz_buf *out, const char **err)
{
    int e = 0;
    zip_t *za = zip_open(archive, ZIP_RDONLY, &e);
    if (!za) {
        *err = sz_batch_zip_error(e);
        return -1;
    }
    int rc = sz_batch_read_zip(b, za, index, out, err);
    zip_discard(za);
    return rc;
}

/* The images of a document from an archive come from that archive, looked
** up relative to the document's own folder in it; a name that climbs out of
** the archive ("../x", "/x") is not looked up at all. */
struct arch_res {
    const struct sz_batch *b;
    const char *archive, *member;
    zip_t *za;
    int tried;
};

char *
sz_batch_member_path(const char *member, const char *ref)
{
    if (!ref[0] || ref[0] == '/' || strchr(ref, '\\'))
        return NULL;
    const char *slash = strrchr(member, '/');
    size_t dl = slash ? (size_t)(slash - member) : 0;
    char *out = sz_xmalloc(dl + strlen(ref) + 2);
    size_t o = dl;
    memcpy(out, member, dl);
    if (sz_path_append(out, &o, ref, SZ_PATH_UP_POP, 0) != SZ_PATH_OK || !o) {
        free(out);
        return NULL;
    }
    return out;
}

static int
arch_res_read(void *ud, const char *path, size_t max, char **data, size_t *len)
{
    struct arch_res *r = ud;
    char *name = sz_batch_member_path(r->member, path);
    if (!name)
        return -2;                 /* outside the archive */
    int rc = -1;
    if (sz_batch_stream_ext(r->archive)) {
        /* A tarball has no index: read through it for the one name (only
        ** for a document that names a file; most name none). */
        struct sz_blimits lim = r->b->lim;
        if (lim.max_member > max)
            lim.max_member = max;
        struct sz_buf out = SZ_BUF_INIT;
        if (sz_barch_find(r->archive, NULL, 0, NULL, name, &lim, &out) == 0) {
            *data = sz_buf_detach(&out, len);
            rc = 0;
        }
        sz_buf_free(&out);
        free(name);
        return rc;
    }
    if (!r->tried) {
        /* Opened only for a document that names a file: most name none. */
        int e = 0;
        r->tried = 1;
        r->za = zip_open(r->archive, ZIP_RDONLY, &e);
    }
    char *bang = strstr(name, "!/");
    if (bang && r->za) {
        /* In a tarball or zip inside the zip: read that one, then look in it. */
        *bang = '\0';
        zip_int64_t k = zip_name_locate(r->za, name, ZIP_FL_ENC_RAW);
        struct sz_buf inner = SZ_BUF_INIT, out = SZ_BUF_INIT;
        const char *err;
        *bang = '!';
        if (k >= 0 && sz_batch_read_zip(r->b, r->za, k, &inner, &err) == 0) {
            struct sz_blimits lim = r->b->lim;
            if (lim.max_member > max)
                lim.max_member = max;
            size_t pl = (size_t)(bang - name) + 3;
            char *prefix = sz_xmalloc(pl);
            memcpy(prefix, name, pl - 1);
            prefix[pl - 1] = '\0';
            if (sz_barch_find(NULL, inner.data, inner.len, prefix, name, &lim, &out) == 0) {
                *data = sz_buf_detach(&out, len);
                rc = 0;
            }
            free(prefix);
        }
        sz_buf_free(&inner);
        sz_buf_free(&out);
        free(name);
        return rc;
    }
    zip_int64_t i = r->za ? zip_name_locate(r->za, name, ZIP_FL_ENC_RAW) : -1;
    zip_stat_t st;
    if (i >= 0 && zip_stat_index(r->za, (zip_uint64_t)i, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE) && st.size <= max) {
        struct sz_buf out = SZ_BUF_INIT;
        const char *err;
        if (sz_batch_read_zip(r->b, r->za, i, &out, &err) == 0) {
            *data = sz_buf_detach(&out, len);
            rc = 0;
        }
        sz_buf_free(&out);
    }
    free(name);
    return rc;
}

/* Like sz_write_atomic (a temporary file "PATH.tmp-PID-XXXXXX" renamed into
** place, so OUTDIR never shows a partial file), without an fsync per file:
** the parent syncs the whole file system now and then and at the end, and a
** resumed run checks every output against its recorded sha256 anyway.  One
** fsync per file made small documents six times slower. */
static int
write_file(const char *path, const char *data, size_t len, struct sz_diags *d)
{
    size_t pl = strlen(path) + 32;
    char *tmp = sz_xmalloc(pl);
    snprintf(tmp, pl, "%s.tmp-%ld-XXXXXX", path, (long)getpid());
    int fd = mkstemp(tmp);
    if (fd < 0)
        goto fail;
    /* A file written over keeps its mode. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        fchmod(fd, st.st_mode & 07777);
    } else {
        mode_t um = umask(0);
        umask(um);
        fchmod(fd, 0666 & ~um);
    }
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            goto fail;
        off += (size_t)w;
    }
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return 0;
fail:
    sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "cannot write: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return SZ_EXIT_IO;
}

/* Report lines: a letter, a tab, fields separated by tabs; no newline or
** tab ever appears inside a field. */
static void
put_field(struct sz_buf *r, const char *s)
{
    for (; *s; s++)
        sz_buf_putc(r, *s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s);
}

/* A file name, whose every byte counts: newline, tab, CR and '%' as %XX
** (sz_batch_unescape undoes it). */
static void
put_name(struct sz_buf *r, const char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\t' || *s == '\r' || *s == '%')
            sz_buf_printf(r, "%%%02X", (unsigned char)*s);
        else
            sz_buf_putc(r, *s);
}

void
sz_batch_unescape(char *s)
{
    char *q = s;
    for (char *p = s; *p; p++) {
        unsigned v;
        if (*p == '%' && sscanf(p + 1, "%2X", &v) == 1 && v) {
            *q++ = (char)v;
            p += 2;
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
}

static void
report(int fd, struct sz_buf *r)
{
    size_t off = 0;
    while (off < r->len) {
        ssize_t w = write(fd, r->data + off, r->len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        off += (size_t)w;
    }
}

static void
put_diags(struct sz_buf *r, const struct sz_diags *d, int *nwarn)
{
    struct sz_buf m = SZ_BUF_INIT;
    for (const struct sz_diag *x = d->first; x; x = x->next) {
        if (x->level == SZ_INFO)
            continue;
        sz_buf_clear(&m);
        sz_diag_format(x, &m);
        if (x->level == SZ_WARNING) {
            if ((*nwarn)++ >= SZ_BATCH_MAX_WARNINGS)
                continue;
            sz_buf_puts(r, "W\t");
        } else {
            sz_buf_puts(r, "E\t");
        }
        put_field(r, m.data ? m.data : "");
        sz_buf_putc(r, '\n');
    }
    sz_buf_free(&m);
}

static int
looks_binary(const char *p, size_t n)
{
    size_t bom;
    /* UTF-16 has NULs and is a text all the same */
    return memchr(p, '\0', n < BINARY_SNIFF ? n : BINARY_SNIFF) != NULL &&
           !sz_utf16_guess(p, n, &bom);
}

void
sz_batch_work(const struct sz_batch *b, const struct sz_bjob *j, const struct sz_buf *given,
              const struct sz_buf *given_side, int fd)
{
    struct sz_buf r = SZ_BUF_INIT, in = SZ_BUF_INIT, side = SZ_BUF_INIT;
    struct sz_diags d;
    sz_diags_init(&d);
    const char *err = NULL;
    char sha[65];
    char *name;
    int nwarn = 0;

    if (j->member && given) {
        size_t n = strlen(j->input) + strlen(j->member) + 2;
        name = sz_xmalloc(n);
        snprintf(name, n, "%s:%s", j->input, j->member);
        sz_buf_put(&in, given->data ? given->data : "", given->len);
        if (j->sidecar && given_side)
            sz_buf_put(&side, given_side->data ? given_side->data : "", given_side->len);
    } else if (j->member) {
        size_t n = strlen(j->input) + strlen(j->member) + 2;
        name = sz_xmalloc(n);
        snprintf(name, n, "%s:%s", j->input, j->member);
        if (sz_batch_read_member(b, j->input, j->index, &in, &err) != 0)
            goto fail;
        if (j->sidecar &&
            sz_batch_read_member(b, j->input, j->sidecar_index, &side, &err) != 0)
            goto fail;
    } else {
        name = sz_xstrdup(j->input);
        if (sz_read_file(j->input, &in, &d) != 0 ||
            (j->sidecar && sz_read_file(j->sidecar, &side, &d) != 0)) {
            put_diags(&r, &d, &nwarn);
            goto done;
        }
    }
    sz_sha256_buf(in.data, in.len, sha);
    sz_buf_printf(&r, "H\t%s\n", sha);
    if (j->sidecar) {
        sz_sha256_buf(side.data, side.len, sha);
        sz_buf_printf(&r, "Y\t%s\n", sha);
    }
    const char *rel_name = j->member ? j->member : j->input;
    size_t rl = strlen(rel_name);
    int epub = rl > 5 && !strcasecmp(rel_name + rl - 5, ".epub") && in.len >= 4 &&
               !memcmp(in.data, "PK\3\4", 4);
    if (!epub && looks_binary(in.data, in.len)) {
        sz_buf_puts(&r, "S\tbinary content (a NUL byte), not a text\n");
        goto done;
    }

    struct sz_conv c = b->conv;
    struct sz_conv_src src = { name, in.data, in.len, NULL, 0, NULL };
    struct arch_res ares = { b, j->input, j->member, NULL, 0 };
    if (j->member) {
        c.wopts.resource_read = arch_res_read;
        c.wopts.resource_ud = &ares;
    } else {
        c.wopts.resource_root = j->root;   /* NULL: the document's own folder */
    }
    if (j->sidecar) {
        src.meta = side.data;
        src.meta_len = side.len;
        src.meta_name = j->sidecar;
    }
    struct sz_doc *doc = NULL;
    /* Filters see the first format as FORMAT.  Every format is rendered
    ** before any is written, so a writer that fails leaves no outputs of
    ** the document behind. */
    int rc = sz_conv_load_mem(&c, &src, b->formats[0], &doc, &d);
    struct sz_buf *outs = calloc(b->nformats, sizeof *outs);
    char **rels = calloc(b->nformats, sizeof *rels), **paths = calloc(b->nformats, sizeof *paths);
    if (!outs || !rels || !paths)
        sz_oom();
    for (size_t f = 0; f < b->nformats; f++) {
        rels[f] = sz_batch_out_rel(b, j, f);
        size_t pl = strlen(b->outdir) + strlen(rels[f]) + 2;
        paths[f] = sz_xmalloc(pl);
        snprintf(paths[f], pl, "%s/%s", b->outdir, rels[f]);
    }
    for (size_t f = 0; rc == 0 && f < b->nformats; f++) {
        c.output = paths[f];
        c.wopts.input_name = name;
        rc = sz_conv_render(&c, doc, b->formats[f], &src.name, 1, &outs[f], &d);
    }
    for (size_t f = 0; rc == 0 && f < b->nformats; f++) {
        if (sz_batch_mkdirs(b->outdir, rels[f]) != 0) {
            sz_diag_add(&d, SZ_ERROR, SZ_EXIT_IO, paths[f], 0, 0, -1,
                        "cannot create its folder (or a symbolic link is in the way)");
            rc = SZ_EXIT_IO;
            break;
        }
        const char *data = outs[f].data ? outs[f].data : "";
        rc = write_file(paths[f], data, outs[f].len, &d);
        if (rc == 0) {
            sz_sha256_buf(data, outs[f].len, sha);
            sz_buf_puts(&r, "O\t");
            put_field(&r, b->formats[f]);
            sz_buf_printf(&r, "\t%zu\t%s\t", outs[f].len, sha);
            put_name(&r, rels[f]);
            sz_buf_putc(&r, '\n');
        }
    }
    for (size_t f = 0; f < b->nformats; f++) {
        sz_buf_free(&outs[f]);
        free(rels[f]);
        free(paths[f]);
    }
    free(outs);
    free(rels);
    free(paths);
    sz_doc_free(doc);
    if (ares.za)
        zip_discard(ares.za);
    put_diags(&r, &d, &nwarn);
    if (rc != 0 && !d.nerrors)
        sz_buf_printf(&r, "E\tconversion failed (exit code %d)\n", rc);
    goto done;
fail:
    sz_buf_puts(&r, "E\t");
    put_field(&r, err);
    sz_buf_putc(&r, '\n');
done:
    if (nwarn > SZ_BATCH_MAX_WARNINGS)
        sz_buf_printf(&r, "N\t%d\n", nwarn);
    sz_buf_puts(&r, "D\n");
    report(fd, &r);
    /* No need to free: the process ends here, and _exit skips atexit
    ** handlers and stdio buffers inherited from the parent. */
    sz_buf_free(&r);
    sz_buf_free(&in);
    sz_buf_free(&side);
    sz_diags_free(&d);
    free(name);
    _exit(0);
}
