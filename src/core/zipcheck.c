/*
** zipcheck.c
** The rules a zip archive's members must pass before anything is read from
** them, read with libzip (batch's archives); the rules themselves are in
** ziprules.c.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/zipcheck.h"

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
    struct sz_zip_facts f;
    f.mode = attr >> 16;
    f.unix_attrs = opsys == ZIP_OPSYS_UNIX && f.mode != 0;
    f.encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
    f.size = *size;
    f.comp_size = st.comp_size;
    return sz_zip_judge(&f, lim, msg, cap);
}

int
sz_zip_open(struct sz_zip_stream *s, zip_t *za, zip_uint64_t i, uint64_t max, const char **err)
{
    memset(s, 0, sizeof *s);
    s->zf = zip_fopen_index(za, i, 0);
    if (!s->zf) {
        /* libzip says "not enough memory" the same way as "damaged": tell
        ** them apart, so a batch's manifest does not call a good member bad */
        *err = zip_error_code_zip(zip_get_error(za)) == ZIP_ER_MEMORY
                   ? "out of memory" : "cannot open the member";
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
        *err = zip_error_code_zip(zip_file_get_error(s->zf)) == ZIP_ER_MEMORY
                   ? "out of memory" : "damaged member (read or checksum error)";
        return -1;
    }
    int fit = sz_zip_count(&s->got, (uint64_t)n, s->declared, s->max, err);
    if (fit < 0)
        return fit;
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
