/*
** batch_archive.c
** Tarballs (.tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .tar.zst) and .7z read
** with libarchive as one stream: no extraction to disk, each member read
** once, memory flat in the number of members.  A zip or tarball inside is
** opened in turn from memory, to SZ_BATCH_MAX_DEPTH levels, under the same
** limits.  Every member is checked as an attacker would write it: names
** that leave the archive, links, devices and FIFOs, sizes that lie, bombs.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include "core/lazy_archive.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "internal.h"
#include "cli/batch.h"

struct level {
    struct archive *a;
    char *rel;                 /* output folder of its members ("books/pg/12-0") */
    char *member;              /* member-name prefix ("pg/12-0.zip!/"), "" at the top */
    struct sz_buf mem;         /* a nested archive's bytes */
    int bad;                   /* unreadable headers in a row */
};

struct sz_barch {
    struct sz_blimits lim;
    struct level lv[SZ_BATCH_MAX_DEPTH + 1];
    int depth;                 /* index of the innermost open level */
    uint64_t total, nmembers;  /* declared bytes of every member met; members */
    uint64_t kept;             /* bytes read and kept (for the ratio) */
    char ratiomsg[200];
    uint64_t file_size;        /* bytes of the outermost archive */
    struct archive_entry *cur; /* the entry sz_barch_read reads */
    int cur_read;
    int all;                   /* return every regular member, not only texts */
    int stop;                  /* a limit ended the reading */
    size_t nnontext;
    char namebuf[64];
};

static const char *const archive_exts[] = { ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
                                            ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst",
                                            ".7z", NULL };

static size_t
ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a > b && !strcasecmp(s + a - b, suf) ? b : 0;
}

size_t
sz_batch_stream_ext(const char *name)
{
    size_t best = 0;           /* the longest: ".tar.gz", not ".gz" */
    for (size_t i = 0; archive_exts[i]; i++) {
        size_t n = ends_with(name, archive_exts[i]);
        if (n > best)
            best = n;
    }
    return best;
}

/* Archives opened inside an archive: a stream one, or a zip. */
static size_t
nested_ext(const char *name)
{
    size_t n = sz_batch_stream_ext(name);
    return n ? n : ends_with(name, ".zip");
}

static struct archive *
new_reader(void)
{
    struct archive *a = archive_read_new();
    if (!a)
        sz_oom();
    /* Named filters only: _all would also run external programs (lrzip,
    ** lzop, grzip) on hostile bytes.  Debian's libarchive has these built
    ** in. */
    archive_read_support_filter_gzip(a);
    archive_read_support_filter_bzip2(a);
    archive_read_support_filter_xz(a);
    archive_read_support_filter_lzma(a);
    archive_read_support_filter_zstd(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_support_format_7zip(a);
    archive_read_support_format_zip(a);
    return a;
}

static void
close_level(struct level *l)
{
    if (l->a)
        archive_read_free(l->a);
    l->a = NULL;
    free(l->rel);
    free(l->member);
    l->rel = l->member = NULL;
    sz_buf_free(&l->mem);
}

static struct sz_barch *
barch_new(const struct sz_blimits *lim)
{
    struct sz_barch *z = calloc(1, sizeof *z);
    if (!z)
        sz_oom();
    z->lim = *lim;
    return z;
}

int
sz_barch_open(struct sz_barch **out, const char *path, const char *data, size_t len,
              const char *rel, const char *member_prefix, const struct sz_blimits *lim,
              char *err, size_t errn)
{
    struct sz_barch *z = barch_new(lim);
    struct level *l = &z->lv[0];
    l->a = new_reader();
    l->rel = sz_xstrdup(rel);
    l->member = sz_xstrdup(member_prefix ? member_prefix : "");
    int r = path ? archive_read_open_filename(l->a, path, 1 << 16)
                 : archive_read_open_memory(l->a, data, len);
    if (r != ARCHIVE_OK) {
        snprintf(err, errn, "cannot open the archive: %s",
                 archive_error_string(l->a) ? archive_error_string(l->a) : "unknown format");
        close_level(l);
        free(z);
        *out = NULL;
        return -1;
    }
    if (path) {
        struct stat st;
        z->file_size = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
    } else {
        z->file_size = len;
    }
    *out = z;
    return 0;
}

void
sz_barch_close(struct sz_barch *z)
{
    if (!z)
        return;
    for (int i = 0; i <= z->depth; i++)
        close_level(&z->lv[i]);
    free(z);
}

uint64_t
sz_barch_position(const struct sz_barch *z)
{
    la_int64_t n = z->lv[0].a ? archive_filter_bytes(z->lv[0].a, -1) : 0;
    return n > 0 ? (uint64_t)n : 0;
}

/* Reads the current member into out, stopping at the size its header
** declares and at the limits.  Returns 0, or -1 with *err.
**
** The ratio is the bytes inflated so far (of members read and kept) over
** the bytes of the outer archive read so far: a tarball is compressed as
** one stream, and 7z in solid blocks, so no member has a ratio of its own.
** A member that tips it over 1 MB past --max-ratio is refused, and as its
** bytes are not counted the members after it are read as usual. */
static int
read_data(struct sz_barch *z, uint64_t cap, struct sz_buf *out, const char **err)
{
    struct level *l = &z->lv[z->depth];
    struct archive_entry *e = z->cur;
    uint64_t declared = archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e)
                                                     : UINT64_MAX;
    char tmp[65536];
    z->cur_read = 1;
    for (;;) {
        la_ssize_t n = archive_read_data(l->a, tmp, sizeof tmp);
        if (n == 0)
            break;
        if (n < 0) {
            *err = "damaged member (read or checksum error)";
            return -1;
        }
        if (out->len + (uint64_t)n > declared) {
            *err = "member inflates past the size its header declares: damaged or forged";
            return -1;
        }
        if (out->len + (uint64_t)n > cap) {
            *err = "member inflates past the size limit (--max-size): an archive bomb?";
            return -1;
        }
        sz_buf_put(out, tmp, (size_t)n);
        uint64_t in = sz_barch_position(z), got = z->kept + out->len;
        if (got > (1u << 20) && in && got / in > z->lim.max_ratio) {
            snprintf(z->ratiomsg, sizeof z->ratiomsg, "compression ratio %llu:1 exceeds the "
                     "limit of %llu:1 (--max-ratio): an archive bomb?",
                     (unsigned long long)(got / in), (unsigned long long)z->lim.max_ratio);
            *err = z->ratiomsg;
            return -1;
        }
    }
    if (!out->data)
        sz_buf_put(out, "", 0);
    z->kept += out->len;
    return 0;
}

int
sz_barch_read(struct sz_barch *z, struct sz_buf *out, const char **err)
{
    if (!z->cur || z->cur_read) {
        *err = "member already read";
        return -1;
    }
    return read_data(z, z->lim.max_member, out, err);
}

static char *
join3(const char *a, const char *sep, const char *b)
{
    size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
    char *s = sz_xmalloc(n);
    snprintf(s, n, "%s%s%s", a, sep, b);
    return s;
}

/* The stem of a nested archive's name: "pg/12-0.zip" -> "pg/12-0". */
static char *
strip_ext(const char *clean, size_t ext)
{
    size_t n = strlen(clean) - ext;
    char *s = sz_xmalloc(n + 1);
    memcpy(s, clean, n);
    s[n] = '\0';
    return s;
}

/* The refusal for an entry's type, or NULL for a regular file. */
static const char *
type_refusal(struct archive_entry *e)
{
    if (archive_entry_hardlink(e))
        return "hard link in the archive";
    switch (archive_entry_filetype(e)) {
    case AE_IFREG: return NULL;
    case AE_IFLNK: return "symbolic link in the archive";
    case AE_IFCHR:
    case AE_IFBLK: return "device file in the archive";
    case AE_IFIFO: return "FIFO in the archive";
    case AE_IFSOCK: return "socket in the archive";
    default: return "not a regular file";
    }
}

int
sz_barch_next(struct sz_barch *z, struct sz_bentry *m)
{
    memset(m, 0, sizeof *m);
    if (z->stop)
        return 0;
    for (;;) {
        struct level *l = &z->lv[z->depth];
        struct archive_entry *e;
        int r = archive_read_next_header(l->a, &e);
        if (r == ARCHIVE_EOF || r == ARCHIVE_FATAL) {
            if (r == ARCHIVE_FATAL) {
                /* The rest of this (nested) archive cannot be read: say so
                ** once, under its own name, and go on with its parent. */
                const char *es = archive_error_string(l->a);
                snprintf(m->why_buf, sizeof m->why_buf, "damaged archive: %s",
                         es ? es : "read error");
                m->why = m->why_buf;
                m->member = join3(l->member, "", "");
                if (m->member[0] && strlen(m->member) >= 2)
                    m->member[strlen(m->member) - 2] = '\0';     /* drop "!/" */
                m->rel = join3(l->rel, "", "");
                m->fatal = 1;
            }
            if (z->depth == 0) {
                z->cur = NULL;
                z->stop = 1;       /* libarchive would say FATAL again, forever */
                return m->fatal ? 1 : 0;
            }
            close_level(l);
            z->depth--;
            if (m->fatal)
                return 1;
            continue;
        }
        if (r == ARCHIVE_RETRY || r == ARCHIVE_FAILED) {
            /* This header cannot be read; libarchive may go on with the
            ** next.  A run of them is a broken archive. */
            if (++l->bad > 16) {
                archive_set_error(l->a, -1, "too many unreadable headers");
                r = ARCHIVE_FATAL;
            }
            if (r != ARCHIVE_FATAL)
                continue;
        }
        if (r == ARCHIVE_FATAL) {
            const char *es = archive_error_string(l->a);
            snprintf(m->why_buf, sizeof m->why_buf, "damaged archive: %s", es ? es : "read error");
            m->why = m->why_buf;
            m->member = sz_xstrdup(l->member);
            if (strlen(m->member) >= 2)
                m->member[strlen(m->member) - 2] = '\0';     /* drop "!/" */
            m->rel = sz_xstrdup(l->rel);
            m->fatal = 1;
            if (z->depth == 0) {
                z->stop = 1;
            } else {
                close_level(l);
                z->depth--;
            }
            return 1;
        }
        l->bad = 0;
        z->cur = e;
        z->cur_read = 0;
        if (archive_entry_filetype(e) == AE_IFDIR)
            continue;
        const char *name = archive_entry_pathname_utf8(e);
        if (!name)
            name = archive_entry_pathname(e);
        if (!name) {
            snprintf(z->namebuf, sizeof z->namebuf, "#member-%llu",
                     (unsigned long long)z->nmembers);
            name = z->namebuf;
        }
        z->nmembers++;
        m->member = join3(l->member, "", name);
        m->size = archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e) : 0;
        /* Every member's bytes are inflated, if only to get past them in a
        ** compressed stream: all count against --max-total-size, and past
        ** it the rest of the archive is not read at all. */
        if (archive_entry_filetype(e) == AE_IFREG)
            z->total += m->size;
        if (z->total > z->lim.max_total) {
            snprintf(m->why_buf, sizeof m->why_buf, "the archive holds more than %llu bytes "
                     "uncompressed, over the limit (--max-total-size): an archive bomb? The "
                     "rest of it is not read", (unsigned long long)z->lim.max_total);
            m->why = m->why_buf;
            m->rel = join3(l->rel, "/", "#rest");
            m->fatal = 1;
            z->stop = 1;
            return 1;
        }
        if (z->nmembers > z->lim.max_members) {
            snprintf(m->why_buf, sizeof m->why_buf, "the archive holds more than %llu members "
                     "(--max-members): an archive bomb? The rest of it is not read",
                     (unsigned long long)z->lim.max_members);
            m->why = m->why_buf;
            m->rel = join3(l->rel, "/", "#rest");
            m->fatal = 1;
            z->stop = 1;
            return 1;
        }
        const char *why = NULL;
        char *clean = sz_batch_clean_rel(name, &why);
        if (clean)
            m->rel = join3(l->rel, "/", clean);
        else {
            char idx[40];
            snprintf(idx, sizeof idx, "#member-%llu", (unsigned long long)z->nmembers);
            m->rel = join3(l->rel, "/", idx);
        }
        size_t next = clean ? nested_ext(clean) : 0;
        int text = clean && sz_batch_is_text_name(clean);
        if (!clean && !sz_batch_is_text_name(name) && !nested_ext(name) && !z->all) {
            z->nnontext++;         /* a bad name, but not a document's */
            sz_bentry_free(m);
            continue;
        } else if (!clean) {
            m->why = why;
            text = 1;              /* refused, and said so in the manifest */
        } else if (!text && !next && !sz_batch_is_meta_name(clean) && !z->all) {
            /* an image, a stylesheet: not a document */
            z->nnontext += archive_entry_filetype(e) == AE_IFREG;
            free(clean);
            sz_bentry_free(m);
            continue;
        } else if (type_refusal(e)) {
            m->why = type_refusal(e);
        } else if (archive_entry_is_encrypted(e)) {
            m->why = "encrypted member (not supported)";
        } else if (m->size > (next ? z->lim.max_total : z->lim.max_member)) {
            snprintf(m->why_buf, sizeof m->why_buf, "member of %llu bytes exceeds the limit "
                     "of %llu (--max-size)", (unsigned long long)m->size,
                     (unsigned long long)(next ? z->lim.max_total : z->lim.max_member));
            m->why = m->why_buf;
        } else if (next && z->depth + 2 > SZ_BATCH_MAX_DEPTH) {
            snprintf(m->why_buf, sizeof m->why_buf, "archive nested more than %d deep, not "
                     "opened", SZ_BATCH_MAX_DEPTH);
            m->why = m->why_buf;
        } else if (next) {
            /* Open it in turn, from memory. */
            struct level *n = &z->lv[z->depth + 1];
            const char *err = NULL;
            if (read_data(z, z->lim.max_total, &n->mem, &err) != 0) {
                /* not counted as text read: its members will be */
                sz_buf_free(&n->mem);
                m->why = err;
            } else {
                n->a = new_reader();
                if (archive_read_open_memory(n->a, n->mem.data, n->mem.len) != ARCHIVE_OK) {
                    snprintf(m->why_buf, sizeof m->why_buf, "cannot open the archive: %s",
                             archive_error_string(n->a) ? archive_error_string(n->a)
                                                        : "unknown format");
                    m->why = m->why_buf;
                    archive_read_free(n->a);
                    n->a = NULL;
                    sz_buf_free(&n->mem);
                } else {
                    char *stem = strip_ext(clean, next);
                    n->rel = join3(l->rel, "/", stem);
                    n->member = join3(m->member, "!/", "");
                    free(stem);
                    z->depth++;
                    free(clean);
                    sz_bentry_free(m);
                    z->cur = NULL;
                    continue;
                }
            }
        }
        m->is_text = text;
        m->is_meta = clean && !text && !next && sz_batch_is_meta_name(clean);
        free(clean);
        return 1;
    }
}

size_t
sz_barch_nontext(const struct sz_barch *z)
{
    return z->nnontext;
}

void
sz_bentry_free(struct sz_bentry *m)
{
    free(m->member);
    free(m->rel);
    m->member = m->rel = NULL;
}

int
sz_barch_find(const char *path, const char *data, size_t len, const char *prefix,
              const char *member, const struct sz_blimits *lim, struct sz_buf *out)
{
    struct sz_barch *z;
    char err[256];
    if (sz_barch_open(&z, path, data, len, "x", prefix, lim, err, sizeof err) != 0)
        return -1;
    z->all = 1;
    struct sz_bentry m;
    int rc = -1, r;
    while (rc != 0 && (r = sz_barch_next(z, &m)) == 1) {
        const char *e;
        if (!m.why && !m.fatal && !strcmp(m.member, member)) {
            if (sz_barch_read(z, out, &e) == 0)
                rc = 0;
            else
                sz_buf_free(out);
        }
        sz_bentry_free(&m);
    }
    sz_barch_close(z);
    return rc;
}
