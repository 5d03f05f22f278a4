/*
** zipout.h
** A zip archive packed in memory with minizip and handed to a sink.
** See LICENSE.
*/
#ifndef SZ_ZIPOUT_H
#define SZ_ZIPOUT_H

#include "samizdat.h"

struct sz_zip_member {
    const char *name;          /* UTF-8 */
    const char *data;
    size_t len;
    int store;                 /* 1: stored as it is; 0: deflated */
};

/* Packs the members in their order (the first one stored without an extra
** field is how EPUB wants its mimetype), every one dated mtime (seconds since
** 1970, UTC, clamped to what a zip date can hold), deflated at level, and
** writes the archive to out.  Returns 0, or -1 when out failed.  Out of
** memory ends as everywhere (sz_oom). */
int sz_zip_pack(const struct sz_zip_member *m, size_t n, long long mtime, int level,
                struct sz_sink *out);

#endif
