/*
** zipcheck.h
** The rules a zip archive's members must pass before anything is read from
** them, read with libzip (batch's archives): see ziprules.h.
** See LICENSE.
*/
#ifndef SZ_ZIPCHECK_H
#define SZ_ZIPCHECK_H

#include <stdint.h>
#include <zip.h>
#include "core/lazy_zip.h"
#include "core/ziprules.h"

#include "internal.h"

/** 0 when member i may be read; otherwise -1 with the reason in msg (a
** symbolic link, not a regular file, encrypted, too large, a bomb's
** ratio).  *size gets its uncompressed size. */
int sz_zip_check_member(zip_t *za, zip_uint64_t i, const struct sz_zip_limits *lim,
                        uint64_t *size, char *msg, size_t cap);

/* A member read a piece at a time, with sz_zip_read's checks. */
struct sz_zip_stream {
    zip_file_t *zf;
    uint64_t declared, max, got;
};
/** Opens member i; 0, or -1 with *err set. */
int sz_zip_open(struct sz_zip_stream *s, zip_t *za, zip_uint64_t i, uint64_t max, const char **err);
/** Up to cap bytes of the member into buf: their number, 0 at its end, or
** with *err set -2 past max, -1 on any other error (as sz_zip_read). */
zip_int64_t sz_zip_next(struct sz_zip_stream *s, char *buf, size_t cap, const char **err);
void sz_zip_close(struct sz_zip_stream *s);

/** Reads member i into out, stopping where it inflates past the size its
** header declares (a forged header cannot hide what really inflates) or
** past max bytes; 0, or with *err set -2 past max, -1 on any other error. */
int sz_zip_read(zip_t *za, zip_uint64_t i, uint64_t max, struct sz_buf *out, const char **err);

#endif
