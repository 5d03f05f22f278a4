/*
** lazylib.c
** The libraries only some conversions need (libxml2, libzip, minizip,
** libarchive, libyaml, md4c, yajl), loaded when a conversion first calls
** them.
** See LICENSE.
**
** Linked at start-up, the first three and what they pull in (ICU and
** libstdc++ for libxml2, libcrypto for libzip, six compression libraries for
** libarchive) took the dynamic loader about 4 ms of the 5 ms an empty
** conversion cost; plain text, JSON and Markdown need none of them.  The
** small ones each cost the loader about 0.1 ms, which every conversion that
** needs none of them paid.  The headers lazy_*.h turn each call into a call
** through a pointer that the first use fills here.
*/
#define _GNU_SOURCE             /* dlinfo */
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/lazy_archive.h"
#include "core/lazy_lua.h"
#include "core/lazy_md4c.h"
#include "core/lazy_minizip.h"
#include "core/lazy_xml.h"
#include "core/lazy_yajl.h"
#include "core/lazy_yaml.h"
#include "core/lazy_zip.h"

#include "internal.h"

/* The libraries' sonames, from the build (see the Makefile); these are
** Debian 12's. */
#ifndef SZ_SONAME_XML
#define SZ_SONAME_XML "libxml2.so.2"
#endif
#ifndef SZ_SONAME_ZIP
#define SZ_SONAME_ZIP "libzip.so.4"
#endif
#ifndef SZ_SONAME_MINIZIP
#define SZ_SONAME_MINIZIP "libminizip.so.1"
#endif
#ifndef SZ_SONAME_YAML
#define SZ_SONAME_YAML "libyaml-0.so.2"
#endif
#ifndef SZ_SONAME_MD4C
#define SZ_SONAME_MD4C "libmd4c.so.0"
#endif
#ifndef SZ_SONAME_YAJL
#define SZ_SONAME_YAJL "libyajl.so.2"
#endif
#ifndef SZ_SONAME_LUA
#define SZ_SONAME_LUA "liblua5.4.so.0"
#endif
#ifndef SZ_SONAME_LPEG
#define SZ_SONAME_LPEG "liblua5.4-lpeg.so.2"
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
open_lib(const char *soname, int global)
{
    void *h = dlopen(soname, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
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

#define LOADER(lib, LIB, so, global, then) \
    struct sz_##lib##_api sz_##lib##_api; \
    int sz_##lib##_ready; \
    static pthread_once_t lib##_once = PTHREAD_ONCE_INIT; \
    static void lib##_fill(void) \
    { \
        void *h = open_lib(so, global); \
        SZ_##LIB##_SYMS(lib##_GET) \
        then; \
        __atomic_store_n(&sz_##lib##_ready, 1, __ATOMIC_RELEASE); \
    } \
    void sz_##lib##_load(void) { pthread_once(&lib##_once, lib##_fill); }

#define xml_GET(f) get_sym(h, SZ_SONAME_XML, #f, (void **)&sz_xml_api.p_##f);
#define zip_GET(f) get_sym(h, SZ_SONAME_ZIP, #f, (void **)&sz_zip_api.p_##f);
#define minizip_GET(f) get_sym(h, SZ_SONAME_MINIZIP, #f, (void **)&sz_minizip_api.p_##f);
#define yaml_GET(f) get_sym(h, SZ_SONAME_YAML, #f, (void **)&sz_yaml_api.p_##f);
#define md4c_GET(f) get_sym(h, SZ_SONAME_MD4C, #f, (void **)&sz_md4c_api.p_##f);
#define yajl_GET(f) get_sym(h, SZ_SONAME_YAJL, #f, (void **)&sz_yajl_api.p_##f);
#define lua_GET(f) \
    if (strcmp(#f, "luaopen_lpeg")) \
        get_sym(h, SZ_SONAME_LUA, #f, (void **)&sz_lua_api.p_##f);
#define archive_GET(f) get_sym(h, SZ_SONAME_ARCHIVE, #f, (void **)&sz_archive_api.p_##f);

/* minizip has no allocation hooks, and writes into a buffer it has just
** asked malloc for before it checks that malloc gave one
** (zipOpenNewFileInZip4_64, minizip 1.1): out of memory there would be a
** crash.  Its calls of malloc are pointed at ours instead, which ends out of
** memory as everywhere else (libxml2 gets our functions for the same
** reason): the slot the dynamic loader filled with malloc's address, in the
** library's relocations, gets sz_xmalloc's.  Where the slot is not found
** (another libc's loader), minizip keeps malloc. */
#if UINTPTR_MAX > 0xffffffffu
#define R_SYM_(i) ELF64_R_SYM(i)
#else
#define R_SYM_(i) ELF32_R_SYM(i)
#endif

struct relro {
    ElfW(Addr) base, lo, hi;
};

static int
find_relro(struct dl_phdr_info *pi, size_t size, void *ud)
{
    struct relro *r = ud;
    if (pi->dlpi_addr != r->base)
        return 0;
    for (int i = 0; i < pi->dlpi_phnum; i++)
        if (pi->dlpi_phdr[i].p_type == PT_GNU_RELRO) {
            r->lo = pi->dlpi_addr + pi->dlpi_phdr[i].p_vaddr;
            r->hi = r->lo + pi->dlpi_phdr[i].p_memsz;
        }
    return 1;
}

static void
point_import(void *h, const char *name, void *fn)
{
    struct link_map *lm;
    if (dlinfo(h, RTLD_DI_LINKMAP, &lm) != 0 || !lm->l_ld)
        return;
    ElfW(Addr) b = lm->l_addr;
    const ElfW(Sym) *sym = NULL;
    const char *str = NULL;
    /* The PLT's relocations, then the others (DT_RELA or DT_REL). */
    ElfW(Addr) tab[3] = { 0, 0, 0 };
    size_t size[3] = { 0, 0, 0 }, ent[3] = { sizeof(ElfW(Rela)), sizeof(ElfW(Rela)),
                                             sizeof(ElfW(Rel)) };
    /* glibc's loader has made the dynamic section's addresses absolute; others
    ** may leave them relative to the library's base. */
#define ABS_(p) ((p) < b ? (p) + b : (p))
    for (const ElfW(Dyn) *d = lm->l_ld; d->d_tag != DT_NULL; d++)
        switch (d->d_tag) {
        case DT_SYMTAB: sym = (const ElfW(Sym) *)ABS_(d->d_un.d_ptr); break;
        case DT_STRTAB: str = (const char *)ABS_(d->d_un.d_ptr); break;
        case DT_JMPREL: tab[0] = ABS_(d->d_un.d_ptr); break;
        case DT_PLTRELSZ: size[0] = d->d_un.d_val; break;
        case DT_PLTREL: ent[0] = d->d_un.d_val == DT_REL ? sizeof(ElfW(Rel)) : sizeof(ElfW(Rela)); break;
        case DT_RELA: tab[1] = ABS_(d->d_un.d_ptr); break;
        case DT_RELASZ: size[1] = d->d_un.d_val; break;
        case DT_REL: tab[2] = ABS_(d->d_un.d_ptr); break;
        case DT_RELSZ: size[2] = d->d_un.d_val; break;
        default: break;
        }
#undef ABS_
    if (!sym || !str)
        return;
    struct relro r = { b, 0, 0 };
    dl_iterate_phdr(find_relro, &r);
    long page = sysconf(_SC_PAGESIZE);
    for (int t = 0; t < 3; t++)
        for (size_t off = 0; tab[t] && off + ent[t] <= size[t]; off += ent[t]) {
            /* ElfW(Rel) and ElfW(Rela) begin alike. */
            const ElfW(Rel) *rel = (const ElfW(Rel) *)(tab[t] + off);
            const ElfW(Sym) *s = &sym[R_SYM_(rel->r_info)];
            if (!R_SYM_(rel->r_info) || s->st_shndx != SHN_UNDEF || strcmp(str + s->st_name, name))
                continue;
            void **slot = (void **)(b + rel->r_offset);
            int ro = (ElfW(Addr))slot >= r.lo && (ElfW(Addr))slot < r.hi;
            void *pg = (void *)((uintptr_t)slot & ~(uintptr_t)(page - 1));
            if (ro && mprotect(pg, (size_t)page, PROT_READ | PROT_WRITE) != 0)
                continue;
            *slot = fn;
            if (ro)
                mprotect(pg, (size_t)page, PROT_READ);
        }
}

static void
load_lpeg(void)
{
    get_sym(open_lib(SZ_SONAME_LPEG, 0), SZ_SONAME_LPEG, "luaopen_lpeg",
            (void **)&sz_lua_api.p_luaopen_lpeg);
}

/* libxml2 allocates with our functions from its first allocation on. */
LOADER(xml, XML, SZ_SONAME_XML, 0, sz_alloc_xml_init())
LOADER(zip, ZIP, SZ_SONAME_ZIP, 0, (void)0)
LOADER(minizip, MINIZIP, SZ_SONAME_MINIZIP, 0, point_import(h, "malloc", (void *)sz_xmalloc))
LOADER(archive, ARCHIVE, SZ_SONAME_ARCHIVE, 0, (void)0)
LOADER(yaml, YAML, SZ_SONAME_YAML, 0, (void)0)
LOADER(md4c, MD4C, SZ_SONAME_MD4C, 0, (void)0)
LOADER(yajl, YAJL, SZ_SONAME_YAJL, 0, (void)0)
/* Lua's functions are made global, as when it was linked: LPeg, loaded
** next, and the C modules a filter may require find them there. */
LOADER(lua, LUA, SZ_SONAME_LUA, 1, load_lpeg())
