/*
** zipmem.c
** minizip's file callbacks over a buffer (see zipmem.h).
** See LICENSE.
*/
#include <string.h>

#include "core/zipmem.h"

#include "internal.h"

static voidpf ZCALLBACK
m_open(voidpf opaque, const void *name, int mode)
{
    return opaque;
}

static uLong ZCALLBACK
m_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    struct sz_zipmem *m = stream;
    size_t n = m->pos < m->len ? m->len - m->pos : 0;
    if (n > size)
        n = size;
    if (n)
        memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (uLong)n;
}

static uLong ZCALLBACK
m_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    struct sz_zipmem *m = stream;
    struct sz_buf *b = m->grow;
    if (!b)
        return 0;               /* read only */
    if (m->pos + size > b->len)
        sz_buf_room(b, m->pos + size - b->len);
    memcpy(b->data + m->pos, buf, size);
    m->pos += size;
    if (m->pos > b->len) {
        b->len = m->pos;
        b->data[b->len] = '\0';
    }
    m->data = b->data;
    m->len = b->len;
    return size;
}

static ZPOS64_T ZCALLBACK
m_tell(voidpf opaque, voidpf stream)
{
    return ((struct sz_zipmem *)stream)->pos;
}

static long ZCALLBACK
m_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
    struct sz_zipmem *m = stream;
    size_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0
                  : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos
                                                     : m->len;
    if (off > m->len || base + off > m->len)
        return -1;
    m->pos = base + (size_t)off;
    return 0;
}

static int ZCALLBACK
m_close(voidpf opaque, voidpf stream)
{
    return 0;
}

static int ZCALLBACK
m_error(voidpf opaque, voidpf stream)
{
    return 0;
}

void
sz_zipmem_io(struct sz_zipmem *m, zlib_filefunc64_def *io)
{
    zlib_filefunc64_def d = { m_open, m_read, m_write, m_tell, m_seek, m_close, m_error, m };
    *io = d;
}
