/*
** lstate.c
** Lua states for filters and custom writers: runtime, globals, protected runs.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lualib.h>

#include "internal.h"
#include "bridge/lbridge.h"

struct sz_lua_module {
    const char *name, *chunkname;
    const unsigned char *src;
    size_t len;
};
extern const struct sz_lua_module sz_lua_modules[];   /* build/gen/lua_embed.c */

/* The allocator wrapper of SZ_TEST_FAIL_AT (see failing_alloc). */
struct failing {
    lua_Alloc inner;
    void *ud;
    long count, at;
    int armed;
};


/* package.preload loader for an embedded module; upvalue: its index. */
static int
load_embedded(lua_State *L)
{
    const struct sz_lua_module *m = &sz_lua_modules[lua_tointeger(L, lua_upvalueindex(1))];
    if (luaL_loadbuffer(L, (const char *)m->src, m->len, m->chunkname) != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, m->name);
    lua_call(L, 1, 1);
    return 1;
}

static void
preload(lua_State *L)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);   /* stack: preload */
    for (int i = 0; sz_lua_modules[i].name; i++) {
        lua_pushinteger(L, i);
        lua_pushcclosure(L, load_embedded, 1);
        lua_setfield(L, -2, sz_lua_modules[i].name);
    }
    lua_pushcfunction(L, luaopen_lpeg);
    lua_setfield(L, -2, "lpeg");
    lua_pushcfunction(L, sz_luaopen_core);
    lua_setfield(L, -2, "samizdat.core");
    lua_pop(L, 1);
}

static void
set_strlist(lua_State *L, const char *k, const char *const *v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, k);
}

/* The facts of this conversion the Lua side turns into PANDOC_* globals. */
static void
push_info(lua_State *L, const struct sz_lua_env *env, const char *script)
{
    lua_newtable(L);
    lua_pushstring(L, env->format ? env->format : "");
    lua_setfield(L, -2, "format");
    lua_pushstring(L, script);
    lua_setfield(L, -2, "script");
    set_strlist(L, "inputs", env->inputs, env->ninputs);
    set_strlist(L, "variables", env->variables, env->nvariables);
    if (env->output) {
        lua_pushstring(L, env->output);
        lua_setfield(L, -2, "output");
    }
    lua_pushinteger(L, env->verbosity);
    lua_setfield(L, -2, "verbosity");
    lua_pushstring(L, SZ_PANDOC_VERSION);
    lua_setfield(L, -2, "pandoc_version");
    if (env->wopts) {
        lua_pushinteger(L, env->wopts->columns);
        lua_setfield(L, -2, "columns");
        lua_pushinteger(L, env->wopts->toc_depth);
        lua_setfield(L, -2, "toc_depth");
        lua_pushinteger(L, env->wopts->split_level);
        lua_setfield(L, -2, "split_level");
        lua_pushboolean(L, env->wopts->standalone);
        lua_setfield(L, -2, "standalone");
        lua_pushinteger(L, env->wopts->api_minor);
        lua_setfield(L, -2, "api_minor");
        lua_pushstring(L, env->wopts->wrap == SZ_WRAP_NONE       ? "wrap-none"
                          : env->wopts->wrap == SZ_WRAP_PRESERVE ? "wrap-preserve"
                                                                 : "wrap-auto");
        lua_setfield(L, -2, "wrap");
    }
    if (env->ropts) {
        lua_pushboolean(L, env->ropts->smart);
        lua_setfield(L, -2, "smart");
    }
}

/* Does msg start with a place, "file:line:"? */
static int
has_place(const char *msg)
{
    const char *c = strchr(msg, ':');
    if (!c || c == msg || memchr(msg, '\n', (size_t)(c - msg)))
        return 0;
    const char *d = c + 1;
    while (*d >= '0' && *d <= '9')
        d++;
    return d > c + 1 && *d == ':';
}

/* Is source (a lua_Debug source) one of the embedded runtime modules? */
static int
runtime_source(const char *source)
{
    for (const struct sz_lua_module *m = sz_lua_modules; m->name; m++)
        if (!strcmp(m->chunkname, source))
            return 1;
    return 0;
}

/* An error raised in C (a bad value given to a constructor, or returned by
** a filter function) has no place in its message: it gets that of the Lua
** code that called the C function (not of the runtime's own modules), or,
** when no such code is running (the value a function returned is converted
** after it returned; a constructor was tail-called), the place where the
** filter function is defined.  pandoc names the filter's FILE:LINE too. */
static const char *
placed(lua_State *L, const char *msg)
{
    lua_Debug ar;
    if (has_place(msg))
        return msg;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && !runtime_source(ar.source))
            return lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
    }
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &sz_lua_fn_key) == LUA_TFUNCTION &&
        lua_getinfo(L, ">S", &ar) && ar.linedefined > 0)
        return lua_pushfstring(L, "%s:%d: in the function defined here: %s",
                               ar.short_src, ar.linedefined, msg);
    lua_pop(L, 1);
    return msg;
}

static int
msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, placed(L, msg), 1);
    return 1;
}

/* A new state with the runtime loaded and the globals set; the samizdat
** module is left on the stack. */
static int
setup(lua_State *L, const struct sz_lua_env *env, const char *script)
{
    luaL_openlibs(L);
    /* Filters make many short-lived tables: the generational collector
    ** suits that pattern best. */
    lua_gc(L, LUA_GCGEN, 0, 0);
    preload(L);
    lua_getglobal(L, "require");
    lua_pushstring(L, "samizdat");
    lua_call(L, 1, 1);                 /* stack: samizdat */
    sz_br_setup(L, env);
    lua_getfield(L, -1, "_setup");
    push_info(L, env, script);
    lua_call(L, 1, 0);
    return 1;
}

enum { RUN_FILTER, RUN_WRITER, RUN_TEMPLATE };
struct run {
    const struct sz_lua_env *env;
    const char *path;
    struct sz_doc *doc;
    int writer;                    /* RUN_* */
    struct sz_buf *out;
    struct failing *fail;
    const char *body;              /* RUN_TEMPLATE: the writer's output */
    size_t body_len;
};

/* Collects the filters a script defines onto a new table, per pandoc 3.5:
** a returned list of filters, a single returned filter (no integer keys),
** else the global functions. */
static void
collect_filters(lua_State *L, int nret, int base)
{
    lua_newtable(L);                                    /* stack: ..., filters */
    int ft = lua_gettop(L);
    if (nret >= 1 && lua_istable(L, base + 1)) {
        int rt = base + 1;
        if (lua_rawlen(L, rt) > 0) {
            lua_Integer n = (lua_Integer)lua_rawlen(L, rt);
            for (lua_Integer i = 1; i <= n; i++) {
                lua_rawgeti(L, rt, i);
                lua_rawseti(L, ft, i);
            }
        } else {
            lua_pushnil(L);
            int single = 0;
            while (lua_next(L, rt)) {
                lua_pop(L, 1);
                single = 1;
            }
            if (single) {
                lua_pushvalue(L, rt);
                lua_rawseti(L, ft, 1);
            }
            /* `return {}`: no filter at all */
        }
        return;
    }
    /* Global functions form the filter. */
    lua_pushglobaltable(L);
    lua_rawseti(L, ft, 1);
}

static int
run_protected(lua_State *L)
{
    struct run *r = lua_touserdata(L, 1);
    r->fail->armed = 1;             /* only inside the protected call */
    setup(L, r->env, r->path);
    lua_pop(L, 1);
    int base = lua_gettop(L);
    if (r->writer == RUN_TEMPLATE) {
        lua_getglobal(L, "samizdat");
        lua_getfield(L, -1, "_apply_template");
        sz_push_doc(L, r->doc);
        lua_pushlstring(L, r->body, r->body_len);
        lua_pushstring(L, r->path);
        lua_call(L, 3, 1);
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        if (!s)
            luaL_error(L, "the template gave %s, not a string", luaL_typename(L, -1));
        sz_buf_put(r->out, s, n);
        return 0;
    }
    if (luaL_loadfile(L, r->path) != LUA_OK)
        return lua_error(L);
    lua_call(L, 0, LUA_MULTRET);
    int nret = lua_gettop(L) - base;
    if (r->writer) {
        lua_settop(L, base);
        lua_getglobal(L, "samizdat");
        lua_getfield(L, -1, "_run_writer");
        sz_push_doc(L, r->doc);
        lua_call(L, 1, 1);
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        if (!s)
            luaL_error(L, "the writer returned %s, not a string", luaL_typename(L, -1));
        sz_buf_put(r->out, s, n);
        return 0;
    }
    collect_filters(L, nret, base);
    int ft = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, ft);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, ft, i) != LUA_TTABLE)
            luaL_error(L, "filter %d is a %s, not a table", (int)i, luaL_typename(L, -1));
        sz_walk_doc(L, lua_gettop(L), &r->doc);
        lua_pop(L, 1);
    }
    return 0;
}

/* {=================================================================
** A pool allocator for the small blocks Lua makes by the million (an
** element table and its one hash node per Str): free lists per 16-byte
** class carved from 64 KiB slabs, all freed with the state.  Larger blocks
** go to malloc.  Under AddressSanitizer plain malloc is used, so that it
** still sees every block.
** ================================================================== */
#define POOL_MAX 128                 /* largest pooled block */
#define POOL_SLAB (64 * 1024)

struct pool {
    void *free[POOL_MAX / 16 + 1];
    char *cur, *end;
    void *slabs;                     /* singly linked through their first word */
};

#if defined(__SANITIZE_ADDRESS__)
#define SZ_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SZ_POOL 0
#endif
#endif
#ifndef SZ_POOL
#define SZ_POOL 1
#endif

static void *
pool_get(struct pool *p, size_t cls)
{
    void *b = p->free[cls];
    if (b) {
        p->free[cls] = *(void **)b;
        return b;
    }
    size_t n = cls * 16;
    if ((size_t)(p->end - p->cur) < n) {
        char *slab = malloc(POOL_SLAB);
        if (!slab)
            return NULL;
        *(void **)slab = p->slabs;
        p->slabs = slab;
        p->cur = slab + 16;
        p->end = slab + POOL_SLAB;
    }
    b = p->cur;
    p->cur += n;
    return b;
}

static void *
pool_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct pool *p = ud;
    size_t ocls = ptr && osize <= POOL_MAX ? (osize + 15) / 16 : 0;
    size_t ncls = nsize && nsize <= POOL_MAX ? (nsize + 15) / 16 : 0;
    if (nsize == 0) {
        if (ocls) {
            *(void **)ptr = p->free[ocls];
            p->free[ocls] = ptr;
        } else {
            free(ptr);
        }
        return NULL;
    }
    if (ptr && ocls && ocls == ncls)
        return ptr;
    if (!ptr || (!ocls && !ncls))
        return ncls ? pool_get(p, ncls) : realloc(ptr, nsize);
    void *nb = ncls ? pool_get(p, ncls) : malloc(nsize);
    if (!nb)
        return NULL;
    memcpy(nb, ptr, osize < nsize ? osize : nsize);
    pool_alloc(ud, ptr, osize, 0);
    return nb;
}

static void
pool_free(struct pool *p)
{
    while (p->slabs) {
        void *next = *(void **)p->slabs;
        free(p->slabs);
        p->slabs = next;
    }
}

/* The failing allocator of the tests (lua's ltests.c idea): with
** SZ_TEST_FAIL_AT=N in the environment, the Nth allocation made while a
** filter runs fails, and every later one too. */

static void *
failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct failing *f = ud;
    if (nsize > 0 && f->armed && f->at > 0 && ++f->count >= f->at &&
        (ptr == NULL || nsize > osize))
        return NULL;
    return f->inner(f->ud, ptr, osize, nsize);
}

static void *
plain_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    SZ_UNUSED(ud);
    SZ_UNUSED(osize);
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

static int
panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "samizdat: Lua panic: %s\n", msg ? msg : "(no message)");
    return 0;
}

/* }================================================================== */

static int
run(struct run *r, struct sz_diags *d)
{
    struct pool pool;
    memset(&pool, 0, sizeof pool);
    struct failing fail = { SZ_POOL ? pool_alloc : plain_alloc, &pool, 0, 0, 0 };
    const char *fa = getenv("SZ_TEST_FAIL_AT");
    if (fa && *fa)
        fail.at = strtol(fa, NULL, 10);
    lua_State *L = fail.at > 0 ? lua_newstate(failing_alloc, &fail)
                               : lua_newstate(fail.inner, &pool);
    if (!L)
        sz_oom();
    r->fail = &fail;
    lua_atpanic(L, panic);
    *(struct sz_br **)lua_getextraspace(L) = NULL;
    lua_pushcfunction(L, msghandler);
    lua_pushcfunction(L, run_protected);
    lua_pushlightuserdata(L, r);
    int st = lua_pcall(L, 1, 0, 1);
    fail.armed = 0;
    int rc = 0;
    if (st != LUA_OK && r->writer == RUN_TEMPLATE) {
        const char *msg = lua_tostring(L, -1);
        if (!msg)
            msg = "(no message)";
        /* the message alone: a template's author needs no Lua traceback */
        const char *tb = strstr(msg, "\nstack traceback:");
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_WRITER, r->path, 0, 0, -1, "template: %.*s",
                    (int)(tb ? (size_t)(tb - msg) : strlen(msg)), msg);
        rc = SZ_EXIT_WRITER;
    } else if (st != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        sz_diag_add(d, SZ_ERROR, r->writer ? SZ_EXIT_LUA : SZ_EXIT_FILTER, NULL, 0, 0, -1,
                    "Error running Lua %s %s:\n%s", r->writer ? "writer" : "filter", r->path,
                    msg ? msg : "(no message)");
        rc = r->writer ? SZ_EXIT_LUA : SZ_EXIT_FILTER;
    }
    lua_close(L);
    pool_free(&pool);
    return rc;
}

int
sz_lua_filter(struct sz_doc **doc, const char *path, const struct sz_lua_env *env,
              struct sz_diags *d)
{
    struct run r = { env, path, *doc, RUN_FILTER, NULL, NULL, NULL, 0 };
    int rc = run(&r, d);
    *doc = r.doc;
    size_t bad = rc == 0 && *doc ? sz_lua_clean_utf8(*doc) : 0;
    if (bad)
        sz_diag_add(d, SZ_WARNING, 0, path, 0, 0, -1,
                    "the filter gave %zu string%s that %s not UTF-8: each broken sequence "
                    "replaced by U+FFFD", bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are");
    return rc;
}

int
sz_lua_write(const struct sz_doc *doc, const char *path, const struct sz_lua_env *env,
             struct sz_sink *out, struct sz_diags *d)
{
    struct sz_buf b = SZ_BUF_INIT;
    /* The walk never runs for a writer, so the document is not changed. */
    struct run r = { env, path, (struct sz_doc *)doc, RUN_WRITER, &b, NULL, NULL, 0 };
    int rc = run(&r, d);
    /* pandoc ends non-standalone output with a newline of its own. */
    if (rc == 0 && !(env->wopts && env->wopts->standalone))
        sz_buf_putc(&b, '\n');
    if (rc == 0 && sz_sink_write(out, b.data ? b.data : "", b.len) != 0) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, NULL, 0, 0, -1, "cannot write the output");
        rc = SZ_EXIT_IO;
    }
    sz_buf_free(&b);
    return rc;
}

int
sz_lua_template(const struct sz_doc *doc, const char *body, size_t len, const char *path,
                const struct sz_lua_env *env, struct sz_sink *out, struct sz_diags *d)
{
    struct sz_buf b = SZ_BUF_INIT;
    /* The document is only read (its metadata), never walked. */
    struct run r = { env, path, (struct sz_doc *)doc, RUN_TEMPLATE, &b, NULL, body, len };
    int rc = run(&r, d);
    if (rc == 0 && sz_sink_write(out, b.data ? b.data : "", b.len) != 0) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, NULL, 0, 0, -1, "cannot write the output");
        rc = SZ_EXIT_IO;
    }
    sz_buf_free(&b);
    return rc;
}
