/*
** unzcheck.h
** A zip archive read with minizip (the EPUB reader's books), its members
** held to the rules of ziprules.h: every member's header is read when the
** archive is opened, and each member is checked as it inflates.
** See LICENSE.
*/
#ifndef SZ_UNZCHECK_H
#define SZ_UNZCHECK_H

#include <stdint.h>
#include "core/lazy_minizip.h"
#include "core/ziprules.h"
#include "core/zipmem.h"

#include "internal.h"

struct sz_unz_member {
    char *name;                /* its name's bytes, as stored */
    int bad_name;              /* a NUL in the name, or longer than any kept */
    int method;                /* 0 stored, 8 deflated, ... */
    struct sz_zip_facts f;
    unz64_file_pos pos;
};

/* The bytes of an archive held in memory, as minizip reads them. */
struct sz_unz {
    unzFile uf;
    struct sz_zipmem mem;       /* the archive when read from memory */
    struct sz_unz_member *m;
    size_t n;
    struct sz_map names;       /* name -> index + 1 of its first member */
    size_t dup;                /* index + 1 of a member whose name another has, or 0 */
    int open;                  /* a member is open */
};

/** Opens the archive at path or, path NULL, the len bytes at data (which
** must outlive it), and reads its members' headers: 0; -1 with *why set
** when it is no zip archive; -2 when it has more than max members. */
int sz_unz_open(struct sz_unz *z, const char *path, const char *data, size_t len, size_t max,
                const char **why);
void sz_unz_close(struct sz_unz *z);

/** The index of the member named name, or -1. */
long sz_unz_locate(const struct sz_unz *z, const char *name);

/* A member read a piece at a time: it stops where it inflates past the size
** its header declares (a forged header cannot hide what really inflates) or
** past max bytes, and its CRC is checked at its end. */
struct sz_unz_stream {
    struct sz_unz *z;
    uint64_t declared, max, got;
};
/** Opens member i (one at a time in an archive); 0, or -1 with *err set. */
int sz_unz_stream_open(struct sz_unz_stream *s, struct sz_unz *z, size_t i, uint64_t max,
                       const char **err);
/** Up to cap bytes of the member into buf: their number, 0 at its end, or
** with *err set -2 past max, -1 on any other error. */
long long sz_unz_next(struct sz_unz_stream *s, char *buf, size_t cap, const char **err);
void sz_unz_stream_close(struct sz_unz_stream *s);

/** Reads member i into out, as sz_unz_next does; 0, or with *err set -2
** past max, -1 on any other error. */
int sz_unz_read(struct sz_unz *z, size_t i, uint64_t max, struct sz_buf *out, const char **err);

#endif
