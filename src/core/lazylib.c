/*
** lazylib.c
** libxml2, libzip and libarchive, loaded when a conversion first calls them.
** See LICENSE.
**
** Linked at start-up, these three and what they pull in (ICU and libstdc++
** for libxml2, libcrypto for libzip, six compression libraries for
** libarchive) took the dynamic loader about 4 ms of the 5 ms an empty
** conversion cost; plain text, JSON and Markdown need none of them.  The
** headers lazy_*.h turn each call into a call through a pointer that the
** first use fills here.
*/
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/lazy_archive.h"
#include "core/lazy_xml.h"
#include "core/lazy_zip.h"

/* The libraries' sonames, from the build (see the Makefile); these are
** Debian 12's. */
#ifndef SZ_SONAME_XML
#define SZ_SONAME_XML "libxml2.so.2"
#endif
#ifndef SZ_SONAME_ZIP
#define SZ_SONAME_ZIP "libzip.so.4"
#endif
#ifndef SZ_SONAME_ARCHIVE
#define SZ_SONAME_ARCHIVE "libarchive.so.13"
#endif

/* A library that cannot be loaded, or lacks a function, is a broken
** installation: the dynamic loader would have refused to start the program
** had it been linked at start-up, and no conversion can carry on without
** it, so this stops as the loader would have, naming what is missing. */
/* Not RTLD_DEEPBIND, though it would save libcrypto's 4 000 symbol lookups
** through the program's libraries: the libraries would then call libc's
** malloc past an allocator put first with LD_PRELOAD, and memory would
** change hands between two allocators. */
static void *
open_lib(const char *soname)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "samizdat: cannot load %s: %s\n", soname, dlerror());
        abort();
    }
    return h;
}

static void
get_sym(void *h, const char *soname, const char *name, void **slot)
{
    *slot = dlsym(h, name);
    if (!*slot) {
        fprintf(stderr, "samizdat: %s has no %s\n", soname, name);
        abort();
    }
}

#define LOADER(lib, LIB, so, then) \
    struct sz_##lib##_api sz_##lib##_api; \
    int sz_##lib##_ready; \
    static pthread_once_t lib##_once = PTHREAD_ONCE_INIT; \
    static void lib##_fill(void) \
    { \
        void *h = open_lib(so); \
        SZ_##LIB##_SYMS(lib##_GET) \
        then; \
        __atomic_store_n(&sz_##lib##_ready, 1, __ATOMIC_RELEASE); \
    } \
    void sz_##lib##_load(void) { pthread_once(&lib##_once, lib##_fill); }

#define xml_GET(f) get_sym(h, SZ_SONAME_XML, #f, (void **)&sz_xml_api.p_##f);
#define zip_GET(f) get_sym(h, SZ_SONAME_ZIP, #f, (void **)&sz_zip_api.p_##f);
#define archive_GET(f) get_sym(h, SZ_SONAME_ARCHIVE, #f, (void **)&sz_archive_api.p_##f);

/* libxml2 allocates with our functions from its first allocation on. */
LOADER(xml, XML, SZ_SONAME_XML, sz_alloc_xml_init())
LOADER(zip, ZIP, SZ_SONAME_ZIP, (void)0)
LOADER(archive, ARCHIVE, SZ_SONAME_ARCHIVE, (void)0)
