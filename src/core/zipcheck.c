/*
** zipcheck.c
** The rules a zip archive's members must pass before anything is read from
** them; batch's archives and the EPUB reader share them.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/path.h"
#include "core/zipcheck.h"

/* Longest member name and name component accepted from an archive: what
** common file systems can store. */
#define MAX_NAME 1024
#define MAX_COMPONENT 255
/* Below this a high ratio is no threat (a page of spaces compresses 1000x). */
#define RATIO_FLOOR (1u << 20)

char *
sz_zip_clean_name(const char *name, const char **why)
{
    size_t n = strlen(name);
    *why = NULL;
    if (n == 0 || n > MAX_NAME) {
        *why = "unrepresentable name (empty or too long)";
        return NULL;
    }
    size_t bad;
    if (!sz_utf8_valid(name, n, &bad)) {
        *why = "unrepresentable name (not UTF-8)";
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\' || *p == ':') {
            *why = "unrepresentable name (control character, backslash or colon)";
            return NULL;
        }
    if (name[0] == '/') {
        *why = "absolute path";
        return NULL;
    }
    char *out = sz_xmalloc(n + 2);
    size_t o = 0;
    int rc = sz_path_append(out, &o, name, SZ_PATH_UP_REFUSE, MAX_COMPONENT);
    if (rc != SZ_PATH_OK || !o) {
        *why = rc == SZ_PATH_LEAVES     ? "path leaves the archive ('..')"
               : rc == SZ_PATH_TOO_LONG ? "unrepresentable name (component too long)"
                                        : "unrepresentable name";
        free(out);
        return NULL;
    }
    return out;
}

int
sz_zip_check_member(zip_t *za, zip_uint64_t i, const struct sz_zip_limits *lim,
                    uint64_t *size, char *msg, size_t cap)
{
    zip_stat_t st;
    *size = 0;
    if (zip_stat_index(za, i, 0, &st) != 0) {
        snprintf(msg, cap, "cannot read the member's header");
        return -1;
    }
    *size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    zip_uint8_t opsys = 0;
    zip_uint32_t attr = 0;
    zip_file_get_external_attributes(za, i, 0, &opsys, &attr);
    mode_t mode = (mode_t)(attr >> 16);
    int unix_attrs = opsys == ZIP_OPSYS_UNIX && mode != 0;
    if (unix_attrs && S_ISLNK(mode)) {
        snprintf(msg, cap, "symbolic link in the archive");
    } else if (unix_attrs && (mode & S_IFMT) && !S_ISREG(mode)) {
        snprintf(msg, cap, "not a regular file");
    } else if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        snprintf(msg, cap, "encrypted member (not supported)");
    } else if (*size > lim->max_member) {
        snprintf(msg, cap, "member of %llu bytes exceeds the limit of %llu%s",
                 (unsigned long long)*size, (unsigned long long)lim->max_member, lim->size_hint);
    } else if (*size > RATIO_FLOOR &&
               (st.comp_size == 0 || *size / st.comp_size > lim->max_ratio)) {
        snprintf(msg, cap, "compression ratio %llu:1 exceeds the limit of %llu:1%s: a zip bomb?",
                 (unsigned long long)(st.comp_size ? *size / st.comp_size : *size),
                 (unsigned long long)lim->max_ratio, lim->ratio_hint);
    } else {
        return 0;
    }
    return -1;
}

int
sz_zip_open(struct sz_zip_stream *s, zip_t *za, zip_uint64_t i, uint64_t max, const char **err)
{
    memset(s, 0, sizeof *s);
    s->zf = zip_fopen_index(za, i, 0);
    if (!s->zf) {
        *err = "cannot open the member";
        return -1;
    }
    /* a member stops at the size its header declares */
    zip_stat_t st;
    s->declared = UINT64_MAX;
    if (zip_stat_index(za, i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
        s->declared = st.size;
    s->max = max;
    return 0;
}

zip_int64_t
sz_zip_next(struct sz_zip_stream *s, char *buf, size_t cap, const char **err)
{
    zip_int64_t n = zip_fread(s->zf, buf, cap);
    if (n < 0) {
        *err = "damaged member (read or checksum error)";
        return -1;
    }
    if (s->got + (uint64_t)n > s->declared) {
        *err = "member inflates past the size its header declares: damaged or forged";
        return -1;
    }
    if (s->got + (uint64_t)n > s->max) {
        *err = "member inflates past the size limit: a zip bomb?";
        return -2;
    }
    s->got += (uint64_t)n;
    return n;
}

void
sz_zip_close(struct sz_zip_stream *s)
{
    if (s->zf)
        zip_fclose(s->zf);
    s->zf = NULL;
}

int
sz_zip_read(zip_t *za, zip_uint64_t i, uint64_t max, struct sz_buf *out, const char **err)
{
    struct sz_zip_stream s;
    if (sz_zip_open(&s, za, i, max, err) != 0)
        return -1;
    /* room for what the header declares, so a book's chapter is not held
    ** in a buffer grown to twice its size */
    if (s.declared < max)
        sz_buf_reserve(out, (size_t)s.declared);
    char tmp[65536];
    zip_int64_t n;
    while ((n = sz_zip_next(&s, tmp, sizeof tmp, err)) > 0)
        sz_buf_put(out, tmp, (size_t)n);
    sz_zip_close(&s);
    if (!out->data)
        sz_buf_put(out, "", 0);
    return n < 0 ? (int)n : 0;
}
