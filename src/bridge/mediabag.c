/*
** mediabag.c
** pandoc's media bag: resources filters add (pandoc.mediabag), which the EPUB
** writer packages before looking on disk.  One bag per process (pandoc keeps
** one per conversion); guarded by a mutex for batch mode's threads.
** See LICENSE.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "bridge/bridge.h"

struct item {
    char *path, *mime, *data;
    size_t len;
};

static struct item *items;
static size_t nitems, capitems;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void
drop(struct item *it)
{
    free(it->path);
    free(it->mime);
    free(it->data);
}

static struct item *
find(const char *path)
{
    for (size_t i = 0; i < nitems; i++)
        if (!strcmp(items[i].path, path))
            return &items[i];
    return NULL;
}

void
sz_mediabag_insert(const char *path, const char *mime, const char *data, size_t len)
{
    pthread_mutex_lock(&lock);
    struct item *it = find(path);
    if (it) {
        drop(it);
    } else {
        if (nitems == capitems) {
            capitems = capitems ? capitems * 2 : 8;
            items = sz_xrealloc(items, capitems * sizeof *items);
        }
        it = &items[nitems++];
    }
    it->path = sz_xstrdup(path);
    it->mime = sz_xstrdup(mime ? mime : "");
    it->data = sz_xmalloc(len ? len : 1);
    memcpy(it->data, data, len);
    it->len = len;
    pthread_mutex_unlock(&lock);
}

int
sz_mediabag_lookup(const char *path, char **mime, char **data, size_t *len)
{
    int r = -1;
    pthread_mutex_lock(&lock);
    struct item *it = find(path);
    if (it) {
        if (mime)
            *mime = sz_xstrdup(it->mime);
        if (data) {
            *data = sz_xmalloc(it->len ? it->len : 1);
            memcpy(*data, it->data, it->len);
        }
        if (len)
            *len = it->len;
        r = 0;
    }
    pthread_mutex_unlock(&lock);
    return r;
}

void
sz_mediabag_delete(const char *path)
{
    pthread_mutex_lock(&lock);
    struct item *it = find(path);
    if (it) {
        drop(it);
        memmove(it, it + 1, (size_t)(items + nitems - it - 1) * sizeof *it);
        nitems--;
    }
    pthread_mutex_unlock(&lock);
}

void
sz_mediabag_clear(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < nitems; i++)
        drop(&items[i]);
    free(items);
    items = NULL;
    nitems = capitems = 0;
    pthread_mutex_unlock(&lock);
}

char *
sz_mediabag_path(size_t i)
{
    char *r = NULL;
    pthread_mutex_lock(&lock);
    if (i < nitems)
        r = sz_xstrdup(items[i].path);
    pthread_mutex_unlock(&lock);
    return r;
}
