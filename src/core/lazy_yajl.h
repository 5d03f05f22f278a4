/*
** lazy_yajl.h
** yajl (the pandoc JSON reader's parser), loaded the first time one of its
** functions is called.
** See LICENSE.
**
** As lazy_zip.h: every name below calls through a pointer filled by
** dlopen/dlsym on first use, so only the conversions that need the library
** pay for loading it.  A function not listed here fails to link: add it.
*/
#ifndef SZ_LAZY_YAJL_H
#define SZ_LAZY_YAJL_H

#include <yajl_parse.h>

#define SZ_YAJL_SYMS(X) \
    X(yajl_alloc) \
    X(yajl_complete_parse) \
    X(yajl_free) \
    X(yajl_parse)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_yajl_api {
    SZ_YAJL_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_yajl_api sz_yajl_api;
extern int sz_yajl_ready;
void sz_yajl_load(void);

#define SZ_YAJL(f) \
    (__atomic_load_n(&sz_yajl_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_yajl_load(), sz_yajl_api.p_##f)

#define yajl_alloc (*SZ_YAJL(yajl_alloc))
#define yajl_complete_parse (*SZ_YAJL(yajl_complete_parse))
#define yajl_free (*SZ_YAJL(yajl_free))
#define yajl_parse (*SZ_YAJL(yajl_parse))

#endif
