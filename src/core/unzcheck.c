/*
** unzcheck.c
** A zip archive read with minizip, its members held to ziprules.c's rules.
** See LICENSE.
**
** minizip rather than libzip: libzip pulls in libcrypto, whose loading
** alone was 2 MB of an EPUB's peak memory, and minizip needs only zlib.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unzcheck.h"

/* Longer names are refused by sz_zip_clean_name; what is kept of one is
** enough to name it in an error. */
#define NAME_KEEP 1025
/* The "made by" system of Unix in a zip header. */
#define OPSYS_UNIX 3

static int
list(struct sz_unz *z, size_t max)
{
    unz_global_info64 gi;
    if (unzGetGlobalInfo64(z->uf, &gi) != UNZ_OK)
        return -1;
    if (gi.number_entry > max)
        return -2;
    z->m = calloc(gi.number_entry ? gi.number_entry : 1, sizeof *z->m);
    if (!z->m)
        sz_oom();
    char name[NAME_KEEP + 1];
    int rc = unzGoToFirstFile(z->uf);
    for (; rc == UNZ_OK && z->n < gi.number_entry; rc = unzGoToNextFile(z->uf)) {
        unz_file_info64 fi;
        if (unzGetCurrentFileInfo64(z->uf, &fi, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK)
            return -1;
        struct sz_unz_member *m = &z->m[z->n];
        size_t nl = fi.size_filename < NAME_KEEP ? fi.size_filename : NAME_KEEP;
        name[nl] = '\0';
        m->bad_name = fi.size_filename >= NAME_KEEP || strlen(name) != nl;
        m->name = sz_xstrdup(name);
        m->method = (int)fi.compression_method;
        m->f.mode = (unsigned)(fi.external_fa >> 16);
        m->f.unix_attrs = (fi.version >> 8) == OPSYS_UNIX && m->f.mode != 0;
        /* bit 0: encrypted (bit 6, strong encryption, comes with it);
        ** method 99: AES */
        m->f.encrypted = (fi.flag & 1) || fi.compression_method == 99;
        m->f.size = fi.uncompressed_size;
        m->f.comp_size = fi.compressed_size;
        if (unzGetFilePos64(z->uf, &m->pos) != UNZ_OK)
            return -1;
        z->n++;
        if (sz_map_get(&z->names, m->name)) {
            if (!z->dup)
                z->dup = z->n;
        } else {
            sz_map_put(&z->names, m->name, (void *)(uintptr_t)z->n);
        }
    }
    return rc == UNZ_OK || rc == UNZ_END_OF_LIST_OF_FILE ? 0 : -1;
}

int
sz_unz_open(struct sz_unz *z, const char *path, const char *data, size_t len, size_t max,
            const char **why)
{
    memset(z, 0, sizeof *z);
    z->names.strkeys = 1;
    *why = NULL;
    if (path) {
        z->uf = unzOpen2_64(path, NULL);
    } else {
        zlib_filefunc64_def io;
        z->mem.data = data;
        z->mem.len = len;
        sz_zipmem_io(&z->mem, &io);
        z->uf = unzOpen2_64("", &io);
    }
    if (!z->uf) {
        *why = "no zip archive's central directory found";
        return -1;
    }
    int rc = list(z, max);
    if (rc == -1)
        *why = "its central directory is damaged";
    return rc;
}

void
sz_unz_close(struct sz_unz *z)
{
    if (z->uf)
        unzClose(z->uf);
    for (size_t i = 0; i < z->n; i++)
        free(z->m[i].name);
    free(z->m);
    sz_map_free(&z->names);
    memset(z, 0, sizeof *z);
}

long
sz_unz_locate(const struct sz_unz *z, const char *name)
{
    uintptr_t k = (uintptr_t)sz_map_get(&z->names, name);
    return k ? (long)k - 1 : -1;
}

int
sz_unz_stream_open(struct sz_unz_stream *s, struct sz_unz *z, size_t i, uint64_t max,
                   const char **err)
{
    memset(s, 0, sizeof *s);
    const struct sz_unz_member *m = &z->m[i];
    if (z->open) {
        *err = "cannot open the member (another is being read)";
        return -1;
    }
    if (m->method != 0 && m->method != Z_DEFLATED) {
        *err = "compressed with a method other than deflate (not supported)";
        return -1;
    }
    int rc = unzGoToFilePos64(z->uf, &m->pos);
    if (rc == UNZ_OK)
        rc = unzOpenCurrentFile(z->uf);
    /* zlib allocates with malloc, not through minizip: out of memory comes
    ** back as zlib's code, and ends the program as everywhere else */
    if (rc == Z_MEM_ERROR)
        sz_oom();
    if (rc != UNZ_OK) {
        *err = "cannot open the member (damaged local header)";
        return -1;
    }
    z->open = 1;
    s->z = z;
    s->declared = m->f.size;
    s->max = max;
    return 0;
}

long long
sz_unz_next(struct sz_unz_stream *s, char *buf, size_t cap, const char **err)
{
    /* minizip stops at the size the header declares, and a member that
    ** would inflate past it fails its CRC there; the checks below are kept
    ** should another minizip not stop */
    if (cap > INT32_MAX)
        cap = INT32_MAX;
    int n = unzReadCurrentFile(s->z->uf, buf, (unsigned)cap);
    if (n == Z_MEM_ERROR)
        sz_oom();           /* zlib's window, allocated on the first inflate */
    if (n < 0) {
        *err = "damaged member (read or inflate error)";
        return -1;
    }
    int fit = sz_zip_count(&s->got, (uint64_t)n, s->declared, s->max, err);
    if (fit < 0)
        return fit;
    if (n == 0) {
        int rc = unzCloseCurrentFile(s->z->uf);
        s->z->open = 0;
        if (s->got != s->declared) {
            *err = "member ends before the size its header declares: damaged";
            return -1;
        }
        if (rc != UNZ_OK) {
            *err = "damaged or forged member (checksum error)";
            return -1;
        }
    }
    return n;
}

void
sz_unz_stream_close(struct sz_unz_stream *s)
{
    if (s->z && s->z->open) {
        unzCloseCurrentFile(s->z->uf);
        s->z->open = 0;
    }
    s->z = NULL;
}

int
sz_unz_read(struct sz_unz *z, size_t i, uint64_t max, struct sz_buf *out, const char **err)
{
    struct sz_unz_stream s;
    if (sz_unz_stream_open(&s, z, i, max, err) != 0)
        return -1;
    /* room for what the header declares, so a book's chapter is not held
    ** in a buffer grown to twice its size */
    if (s.declared < max)
        sz_buf_reserve(out, (size_t)s.declared);
    /* inflated straight into out, not through a buffer on the stack */
    long long n;
    do {
        char spare;             /* the last read, which finds the end */
        if (out->cap <= out->len + 1 && s.got < s.declared)
            sz_buf_room(out, 65536);
        size_t cap = out->cap > out->len + 1 ? out->cap - out->len - 1 : 0;
        n = sz_unz_next(&s, cap ? out->data + out->len : &spare, cap ? cap : 1, err);
        if (n > 0 && cap) {
            out->len += (size_t)n;
            out->data[out->len] = '\0';
        }
    } while (n > 0);
    sz_unz_stream_close(&s);
    if (!out->data)
        sz_buf_put(out, "", 0);
    return n < 0 ? (int)n : 0;
}
