/*
** lazy_md4c.h
** md4c (the Markdown reader's parser), loaded the first time one of its
** functions is called.
** See LICENSE.
**
** As lazy_zip.h: every name below calls through a pointer filled by
** dlopen/dlsym on first use, so only the conversions that need the library
** pay for loading it.  A function not listed here fails to link: add it.
*/
#ifndef SZ_LAZY_MD4C_H
#define SZ_LAZY_MD4C_H

#include <md4c.h>

#define SZ_MD4C_SYMS(X) \
    X(md_parse)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_md4c_api {
    SZ_MD4C_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_md4c_api sz_md4c_api;
extern int sz_md4c_ready;
void sz_md4c_load(void);

#define SZ_MD4C(f) \
    (__atomic_load_n(&sz_md4c_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_md4c_load(), sz_md4c_api.p_##f)

#define md_parse (*SZ_MD4C(md_parse))

#endif
