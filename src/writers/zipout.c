/*
** zipout.c
** A zip archive packed in memory with minizip and handed to a sink.
** See LICENSE.
**
** minizip writes a member's local header, its data, then goes back to fill
** in the sizes and CRC, so it needs a file it can seek in; a sink cannot
** seek (it may be stdout), so the archive is built in a buffer through
** minizip's I/O callbacks (core/zipmem.c) and written out whole.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/lazy_minizip.h"
#include "core/zipmem.h"

#include "internal.h"
#include "writers/zipout.h"

/* A zip date is the broken-down time itself, with no time zone: the UTC
** time of mtime, so the archive is the same in every time zone.  It counts
** years from 1980 in seven bits. */
static void
zip_date(long long t, tm_zip *z)
{
    const long long lo = 315532800LL, hi = 4354819198LL; /* 1980-01-01, 2107-12-31T23:59:58 */
    time_t tt = (time_t)(t < lo ? lo : t > hi ? hi : t);
    struct tm g;
    gmtime_r(&tt, &g);
    z->tm_sec = (uInt)g.tm_sec;
    z->tm_min = (uInt)g.tm_min;
    z->tm_hour = (uInt)g.tm_hour;
    z->tm_mday = (uInt)g.tm_mday;
    z->tm_mon = (uInt)g.tm_mon;
    z->tm_year = (uInt)g.tm_year + 1900;
}

static int
ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* zlib's window and hash table for a member: by default 32 KiB and 32 Ki
** entries, the table cleared for every member, which for a 2 kB page cost
** more instructions than deflating it.  The smallest window that holds the
** member (and the lookahead zlib keeps, 262 bytes) and a table in the
** default proportion find the same matches; larger members get the default
** sizes. */
static void
fit(size_t len, int *wbits, int *mem)
{
    int b = 9;                  /* zlib's smallest raw deflate window */
    while (b < MAX_WBITS && ((size_t)1 << b) < len + 262)
        b++;
    *wbits = b;
    *mem = b - (MAX_WBITS - DEF_MEM_LEVEL);
}

int
sz_zip_pack(const struct sz_zip_member *mb, size_t n, long long mtime, int level,
            struct sz_sink *out)
{
    struct sz_buf zb = SZ_BUF_INIT;
    struct sz_zipmem m = { &zb, NULL, 0, 0 };
    zlib_filefunc64_def io;
    sz_zipmem_io(&m, &io);
    zip_fileinfo fi;
    memset(&fi, 0, sizeof fi);
    zip_date(mtime, &fi.tmz_date);
    fi.external_fa = 0100666u << 16;   /* a regular file, rw for all less the umask */
    /* Writing into memory, minizip fails for want of memory only (its own
    ** allocations end in sz_oom already, see lazylib.c; zlib's do not). */
    zipFile z = zipOpen2_64("", APPEND_STATUS_CREATE, NULL, &io);
    if (!z)
        sz_oom();
    for (size_t i = 0; i < n; i++) {
        /* Made by Unix (3), zip 6.3 (63), with Unix permissions as above;
        ** bit 11: the name is UTF-8.  Zip64 only for a member that needs it. */
        int wbits, mem;
        fit(mb[i].len, &wbits, &mem);
        if (zipOpenNewFileInZip4_64(z, mb[i].name, &fi, NULL, 0, NULL, 0, NULL,
                                    mb[i].store ? 0 : Z_DEFLATED, mb[i].store ? 0 : level, 0,
                                    -wbits, mem, Z_DEFAULT_STRATEGY, NULL, 0,
                                    (3u << 8) | 63u, ascii(mb[i].name) ? 0 : 1u << 11,
                                    mb[i].len >= 0xffffffffu) != ZIP_OK)
            sz_oom();
        /* zipWriteInFileInZip takes an unsigned count. */
        for (size_t off = 0; off < mb[i].len;) {
            size_t k = mb[i].len - off < (1u << 30) ? mb[i].len - off : (1u << 30);
            if (zipWriteInFileInZip(z, mb[i].data + off, (unsigned)k) != ZIP_OK)
                sz_oom();
            off += k;
        }
        if (zipCloseFileInZip(z) != ZIP_OK)
            sz_oom();
    }
    if (zipClose(z, NULL) != ZIP_OK)
        sz_oom();
    int rc = sz_sink_write(out, zb.data, zb.len);
    sz_buf_free(&zb);
    return rc;
}
