/*
** ziprules.c
** The rules a zip archive's members must pass before anything is read from
** them; batch's archives (libzip) and the EPUB reader (minizip) share them.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/path.h"
#include "core/ziprules.h"

#include "internal.h"

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
sz_zip_judge(const struct sz_zip_facts *f, const struct sz_zip_limits *lim, char *msg, size_t cap)
{
    mode_t mode = (mode_t)f->mode;
    if (f->unix_attrs && S_ISLNK(mode)) {
        snprintf(msg, cap, "symbolic link in the archive");
    } else if (f->unix_attrs && (mode & S_IFMT) && !S_ISREG(mode)) {
        snprintf(msg, cap, "not a regular file");
    } else if (f->encrypted) {
        snprintf(msg, cap, "encrypted member (not supported)");
    } else if (f->size > lim->max_member) {
        snprintf(msg, cap, "member of %llu bytes exceeds the limit of %llu%s",
                 (unsigned long long)f->size, (unsigned long long)lim->max_member, lim->size_hint);
    } else if (f->size > RATIO_FLOOR &&
               (f->comp_size == 0 || f->size / f->comp_size > lim->max_ratio)) {
        snprintf(msg, cap, "compression ratio %llu:1 exceeds the limit of %llu:1%s: a zip bomb?",
                 (unsigned long long)(f->comp_size ? f->size / f->comp_size : f->size),
                 (unsigned long long)lim->max_ratio, lim->ratio_hint);
    } else {
        return 0;
    }
    return -1;
}

int
sz_zip_count(uint64_t *got, uint64_t n, uint64_t declared, uint64_t max, const char **err)
{
    if (*got + n > declared) {
        *err = "member inflates past the size its header declares: damaged or forged";
        return -1;
    }
    if (*got + n > max) {
        *err = "member inflates past the size limit: a zip bomb?";
        return -2;
    }
    *got += n;
    return 0;
}
