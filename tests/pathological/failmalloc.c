/*
** failmalloc.c — for tests only (tests/pathological/liballoc.sh), loaded with
** LD_PRELOAD: libzip, libyaml and md4c have no allocation hooks, so this
** makes the SZ_FAIL_NTH-th malloc, calloc or realloc called from inside the
** library whose file name contains SZ_FAIL_LIB return NULL.  With
** SZ_FAIL_NTH=0 it prints how many such calls the run made.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *(*real_malloc)(size_t), *(*real_calloc)(size_t, size_t), *(*real_realloc)(void *, size_t);
static const char *lib;
static long nth = -1, count;
static __thread int busy;
static int ready;

static void
init(void)
{
    real_malloc = dlsym(RTLD_NEXT, "malloc");
    real_calloc = dlsym(RTLD_NEXT, "calloc");
    real_realloc = dlsym(RTLD_NEXT, "realloc");
    lib = getenv("SZ_FAIL_LIB");
    const char *n = getenv("SZ_FAIL_NTH");
    nth = n ? atol(n) : -1;
    ready = 1;
}

/* Is the caller in the library named SZ_FAIL_LIB, and is this its Nth allocation? */
static int
fails(void *caller)
{
    if (!lib || busy)
        return 0;
    busy = 1;
    Dl_info di;
    int in = dladdr(caller, &di) && di.dli_fname && strstr(di.dli_fname, lib);
    busy = 0;
    if (!in)
        return 0;
    ++count;
    return count == nth;
}

static void
print_count(void)
{
    fprintf(stderr, "failmalloc: %ld allocations in %s\n", count, lib);
}

__attribute__((constructor)) static void
ctor(void)
{
    init();
    if (nth == 0)
        atexit(print_count);
}

void *
malloc(size_t n)
{
    if (!ready)
        init();
    if (fails(__builtin_return_address(0)))
        return NULL;
    return real_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
    if (!ready) {
        /* dlsym may call calloc before we know the real one */
        static char early[4096];
        static size_t used;
        size_t k = (a * b + 15) & ~(size_t)15;
        if (used + k > sizeof early)
            return NULL;
        void *p = early + used;
        used += k;
        return p;
    }
    if (fails(__builtin_return_address(0)))
        return NULL;
    return real_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
    if (!ready)
        init();
    if (fails(__builtin_return_address(0)))
        return NULL;
    return real_realloc(p, n);
}
