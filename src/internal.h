/*
** internal.h
** Cross-file internals of the core; never included by library users.
** See LICENSE.
*/
#ifndef SZ_INTERNAL_H
#define SZ_INTERNAL_H

#include "samizdat.h"

/* Size of one arena chunk.  Large enough that a 10 MB book needs a few
** hundred chunks, small enough that an essay costs 64 KiB. */
#ifndef SZ_ARENA_CHUNK
#define SZ_ARENA_CHUNK (64 * 1024)
#endif

/* The one place that gives up on out-of-memory (cmark's xcalloc). */
void sz_oom(void);
void *sz_xmalloc(size_t n);
void *sz_xrealloc(void *p, size_t n);
char *sz_xstrdup(const char *s);

#define SZ_UNUSED(x) ((void)(x))

#endif
