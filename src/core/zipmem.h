/*
** zipmem.h
** A zip archive in memory, as minizip's I/O callbacks see a file: the EPUB
** reader unpacks a book held in memory (read from standard input), the
** EPUB writer packs one into a buffer (minizip seeks back to fill in sizes,
** and a sink cannot seek).
** See LICENSE.
*/
#ifndef SZ_ZIPMEM_H
#define SZ_ZIPMEM_H

#include <stddef.h>

#include "core/lazy_minizip.h"

struct sz_buf;

/* The bytes and where minizip is in them.  With grow NULL the file is read
** only (data, len); otherwise writes go into *grow, which data and len
** follow. */
struct sz_zipmem {
    struct sz_buf *grow;
    const char *data;
    size_t len, pos;
};

/** minizip's callbacks over m, for unzOpen2_64 or zipOpen2_64. */
void sz_zipmem_io(struct sz_zipmem *m, zlib_filefunc64_def *io);

#endif
