/*
** internal.h
** Cross-file internals of the core; never included by library users.
** See LICENSE.
*/
#ifndef SZ_INTERNAL_H
#define SZ_INTERNAL_H

#include <string.h>

#include "samizdat.h"

/* Size of one arena chunk.  Large enough that a 10 MB book needs a few
** hundred chunks, small enough that an essay costs 64 KiB. */
#ifndef SZ_ARENA_CHUNK
#define SZ_ARENA_CHUNK (64 * 1024)

/* Zeroed memory from the arena aligned to align (a power of two): nodes
** need only their own alignment, text none. */
void *sz_arena_alloc_align(struct sz_arena *a, size_t n, size_t align);
#endif

/* The one place that gives up on out-of-memory (cmark's xcalloc): calls
** the handler set with sz_set_oom_handler (which must not return), else
** aborts.  src/core/failalloc.c. */
void sz_oom(void);
void sz_set_oom_handler(void (*h)(void));
/* 1 when the test's failing allocator says this allocation fails
** (SZ_TEST_FAIL_ALLOC), after sz_alloc_test_init read the environment;
** libxml2's allocations go through ours from its loading on (sz_alloc_xml_init). */
int sz_alloc_fails(void);
void sz_alloc_test_init(void);
void *sz_xmalloc(size_t n);
void *sz_xrealloc(void *p, size_t n);
char *sz_xstrdup(const char *s);

#define SZ_UNUSED(x) ((void)(x))

/** Makes room for n more bytes past b->len, growing by half at least as
** sz_buf_put does: for loops that then write at b->data + b->len. */
void sz_buf_room(struct sz_buf *b, size_t n);

/* sz_buf_put and sz_buf_putc, inline while there is room: for loops that
** add a word or a byte at a time (a call each cost a book's reader a
** tenth of its time). */
static inline void
sz_buf_add(struct sz_buf *b, const char *s, size_t n)
{
    if (b->len + n >= b->cap)
        sz_buf_room(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* sz_buf_add of a string literal: its length known when compiled, so
** writers that put their markup a piece at a time pay no strlen. */
#define SZ_BUF_LIT(b, lit) sz_buf_add((b), "" lit, sizeof(lit) - 1)

static inline void
sz_buf_addc(struct sz_buf *b, char c)
{
    if (b->len + 1 >= b->cap)
        sz_buf_room(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

/* Links child, detached, as parent's last child, keeping the ring of back
** pointers (see struct sz_node): no checks, for sz_node_append after its
** own and for readers that add a book's words to a parent already checked. */
static inline void
sz_node_link_last(struct sz_node *parent, struct sz_node *child)
{
    struct sz_node *first = parent->first;
    child->parent = parent;
    if (first) {
        child->back = first->back;
        first->back->next = child;
        first->back = child;
    } else {
        parent->first = child;
        child->back = child;
    }
}

/* A hash map from pointers (strkeys 0) or NUL-terminated strings
** (strkeys 1) to pointers.  Keys and values belong to the caller and must
** outlive the map; a zeroed struct is an empty pointer map. */
struct sz_map {
    const void **keys;
    void **vals;
    size_t cap, n;             /* cap: 0 or a power of two */
    int strkeys;
};
/** Sets k to v (replacing any value k had). */
void sz_map_put(struct sz_map *m, const void *k, void *v);
/** The value of k, or NULL. */
void *sz_map_get(const struct sz_map *m, const void *k);
/** Frees the table (not keys or values); the map stays usable, empty. */
void sz_map_free(struct sz_map *m);

/* Makes n, a node a reader took back for reuse (unlinked), a fresh node of
** kind k, exactly as sz_node_new makes one. */
void sz_node_reset(struct sz_doc *doc, struct sz_node *n, enum sz_kind k);

/** Packs each stretch Str (Space|SoftBreak Str)... among parent's children
** into one text run (SZ_STR_RUN).  A Str joins a run when it is plain (sub
** 0), not empty, without ' ' or '\n', and ok(n) when ok is not NULL.  The
** nodes packed away are pushed on *spare (linked by next) for the reader
** to reuse.  src/core/runpack.c. */
void sz_pack_runs(struct sz_doc *doc, struct sz_node *parent, struct sz_node **spare,
                  int (*ok)(const struct sz_node *));

/** Runs argv[0] (looked up on PATH when it has no slash; no shell) with
** argv (NULL-terminated), in dir when not NULL (only the child changes
** directory), feeding it in[0..inlen) on standard input and collecting
** its standard output into out.  Returns its exit status (128 + the
** signal when killed, 127 when it could not start), or -1 with errno set
** when the pipes could not be made.  src/core/spawn.c. */
int sz_spawn_piped(const char *const *argv, const char *dir, const char *in, size_t inlen,
                   struct sz_buf *out);

/** Reads the regular file path (never a FIFO or a device), at most max
** bytes: 0 with a malloc'd *data of *len bytes, or -1 when it is
** missing, not regular, unreadable or larger. */
int sz_read_regular(const char *path, size_t max, char **data, size_t *len);

/** Reads a file a document names (an image, its cover) from where the
** document may read: o->resource_read (its archive), o->resource_dir (the
** user's --resource-path), else the folder of o->input_name, never leaving
** o->resource_root (or that folder).  At most max bytes.  Returns 0 with a
** malloc'd *data, or -1; *outside is set when the file exists but lies
** outside those folders. */
int sz_resource_read(const struct sz_wopts *o, const char *path, size_t max, char **data,
                     size_t *len, int *outside);

#endif
