/*
** path.c
** The normaliser of relative paths (see path.h).
** See LICENSE.
*/
#include <ctype.h>
#include <string.h>

#include "core/path.h"

int
sz_path_append(char *out, size_t *len, const char *path, enum sz_path_up up,
               size_t max_comp)
{
    size_t o = *len;
    for (const char *p = path; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (up == SZ_PATH_UP_REFUSE || !o)
                return SZ_PATH_LEAVES;
            /* back to the slash before the last component, or the start */
            while (o && out[o - 1] != '/')
                o--;
            if (o)
                o--;
        } else if (max_comp && n > max_comp) {
            return SZ_PATH_TOO_LONG;
        } else if (n && !(n == 1 && p[0] == '.')) {
            if (o)
                out[o++] = '/';
            memcpy(out + o, p, n);
            o += n;
        }
        p += n;
        if (*p == '/')
            p++;
    }
    out[o] = '\0';
    *len = o;
    return SZ_PATH_OK;
}

int
sz_path_has_scheme(const char *u)
{
    const char *p = u;
    if (!isalpha((unsigned char)*p))
        return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}
