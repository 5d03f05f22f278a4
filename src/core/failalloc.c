/*
** failalloc.c
** Out of memory: the handler the program installs, and the failing
** allocator of the tests.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlmemory.h>
#include "core/lazy_xml.h"

#include "internal.h"

/* With SZ_TEST_FAIL_ALLOC=N in the environment the Nth allocation (ours,
** libxml2's) fails, once: the tests make each allocation of a conversion
** fail in turn and check that every run ends in a clean error.  With
** SZ_TEST_COUNT_ALLOC set, the number of allocations is printed at exit, so
** the tests know how far to go. */
static long fail_at, count;
static int counting;

int
sz_alloc_fails(void)
{
    if (!fail_at && !counting)
        return 0;
    return ++count == fail_at;
}

/* libxml2 gets our allocation functions, so that out of memory inside it
** ends as it does everywhere else instead of as a writer's error or, where
** libxml2 carries on without the memory, a different output. */
static void *
x_malloc(size_t n)
{
    return sz_xmalloc(n);
}

static void *
x_realloc(void *p, size_t n)
{
    return sz_xrealloc(p, n);
}

static char *
x_strdup(const char *s)
{
    return sz_xstrdup(s);
}

static void
print_count(void)
{
    fprintf(stderr, "samizdat: %ld allocations\n", count);
}

void
sz_alloc_test_init(void)
{
    const char *at = getenv("SZ_TEST_FAIL_ALLOC");
    counting = getenv("SZ_TEST_COUNT_ALLOC") != NULL;
    if (at && *at)
        fail_at = strtol(at, NULL, 10);
    if (counting)
        atexit(print_count);
}

/* Called by the loader (lazylib.c) as soon as libxml2 is loaded, before its
** first allocation: its memory functions are set once.  The loader has
** filled the pointers but not yet said so: called through its own. */
void
sz_alloc_xml_init(void)
{
    sz_xml_api.p_xmlMemSetup(free, x_malloc, x_realloc, x_strdup);
}

static void (*oom_handler)(void);

void
sz_set_oom_handler(void (*h)(void))
{
    oom_handler = h;
}

void
sz_oom(void)
{
    /* A library cannot go on without memory, nor decide how the program
    ** ends: the program's handler reports and exits (cmark and Lua's
    ** lauxlib give up the same way); without one, abort. */
    if (oom_handler)
        oom_handler();
    fputs("samizdat: out of memory\n", stderr);
    abort();
}
