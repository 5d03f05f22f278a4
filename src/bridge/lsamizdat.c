/*
** lsamizdat.c
** C helpers of the Lua runtime (module samizdat.core): walk, read, write,
** pipe, sha1, Unicode case mapping.
** See LICENSE.
*/
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <utf8proc.h>

#include "internal.h"
#include "bridge/lbridge.h"

/* walk(value, filter): a filtered copy of a Pandoc, Block, Inline, Blocks or
** Inlines value; for one element the filter sees its children only.  The
** copy lives in a boxed document that Lua frees once nothing reads from it:
** what comes back is marshalled lazily, each element anchoring the box (see
** sz_anchor_set), and an element returned as it came from the walk is
** copied node to node, its words still packed. */
static int
l_walk(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    int code = sz_lua_code(L, 1);
    if (code == SZ_DOC) {
        struct sz_doc *doc = sz_to_doc(L, 1);           /* stack: v, f, box */
        sz_walk_doc(L, 2, &doc);
        int old = sz_anchor_set(L, 3);
        sz_push_doc(L, doc);
        sz_anchor_set(L, old);
        return 1;
    }
    struct sz_doc *doc = sz_doc_box_new(L, NULL);       /* stack: v, f, box */
    int old = sz_anchor_set(L, 3);
    if (sz_kind_is_inline(code) || sz_kind_is_block(code)) {
        struct sz_node *holder = sz_node_new(doc, sz_kind_is_inline(code) ? SZ_SPAN : SZ_DIV);
        if (sz_kind_is_inline(code))
            sz_to_inlines(L, 1, doc, holder, 1);
        else
            sz_to_blocks(L, 1, doc, holder, 1);
        struct sz_node *n = holder->first;
        sz_walk_node(L, 2, doc, n);
        sz_push_node(L, n, 1);
        sz_anchor_set(L, old);
        return 1;
    }
    int inl = code == T_INLINES;
    if (!inl && code != T_BLOCKS) {
        /* a plain list: by its first element */
        lua_rawgeti(L, 1, 1);
        inl = sz_kind_is_inline(sz_lua_code(L, -1));
        lua_pop(L, 1);
    }
    struct sz_node *holder = sz_node_new(doc, inl ? SZ_SPAN : SZ_DIV);
    if (inl)
        sz_to_inlines(L, 1, doc, holder, 1);
    else
        sz_to_blocks(L, 1, doc, holder, 1);
    sz_walk_node(L, 2, doc, holder);
    if (inl)
        sz_push_inlines(L, holder, 1);
    else
        sz_push_blocks(L, holder, 1);
    sz_anchor_set(L, old);
    return 1;
}

/* The format's name without its "+ext-ext" suffix, into name; returns its
** length (where the extensions start in fmt). */
static size_t
format_name(const char *fmt, char *name, size_t size)
{
    size_t fl = strcspn(fmt, "+-");
    if (fl >= size)
        fl = size - 1;
    memcpy(name, fmt, fl);
    name[fl] = '\0';
    return fl;
}

/* read(markup, format): Pandoc */
static int
l_read(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *fmt = luaL_optstring(L, 2, "markdown");
    char name[64];
    size_t fl = format_name(fmt, name, sizeof name);
    const struct sz_reader *r = sz_reader_find(name);
    if (!r)
        return luaL_error(L, "Unknown input format %s", fmt);
    struct sz_doc *doc = sz_doc_box_new(L, NULL);
    struct sz_ropts o;
    sz_ropts_init(&o);
    if (strstr(fmt + fl, "-smart"))
        o.smart = 0;
    if (r->read(doc, s, n, &o) != 0) {
        struct sz_buf b = SZ_BUF_INIT;
        for (const struct sz_diag *d = doc->diags.first; d; d = d->next)
            if (d->level == SZ_ERROR) {
                sz_diag_format(d, &b);
                break;
            }
        lua_pushstring(L, b.data ? b.data : "parse error");
        sz_buf_free(&b);
        return lua_error(L);
    }
    int old = sz_lazy_set(L, 0);
    sz_push_doc(L, doc);
    sz_lazy_set(L, old);
    return 1;
}

/* write(doc, format): string */
static int
l_write(lua_State *L)
{
    const char *fmt = luaL_optstring(L, 2, "html");
    char name[64];
    format_name(fmt, name, sizeof name);
    if (!strcmp(name, "html5"))
        strcpy(name, "html");
    if (!strcmp(name, "epub3"))
        strcpy(name, "epub");
    const struct sz_writer *w = sz_writer_find(name);
    if (!w)
        return luaL_error(L, "Unknown output format %s", fmt);
    struct sz_doc *doc = sz_to_doc(L, 1);            /* stack: ..., box */
    struct sz_br *br = sz_br_get(L);
    struct sz_wopts o;
    if (br->env && br->env->wopts)
        o = *br->env->wopts;
    else
        sz_wopts_init(&o);
    o.standalone = 0;
    if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "columns") == LUA_TNUMBER)
            o.columns = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        if (lua_getfield(L, 3, "standalone") == LUA_TBOOLEAN)
            o.standalone = lua_toboolean(L, -1);
        lua_pop(L, 1);
        /* the JSON api an outside pandoc reads (22 for pandoc 2.x) */
        if (lua_getfield(L, 3, "pandoc_api") == LUA_TNUMBER)
            o.api_minor = (int)lua_tointeger(L, -1) == 22 ? 22 : 23;
        lua_pop(L, 1);
    }
    struct sz_buf b = SZ_BUF_INIT;
    struct sz_sink sink = sz_sink_buf(&b);
    struct sz_diags d;
    sz_diags_init(&d);
    int rc = w->write(doc, &o, &sink, &d);
    if (rc != 0) {
        struct sz_buf m = SZ_BUF_INIT;
        if (d.first)
            sz_diag_format(d.first, &m);
        lua_pushfstring(L, "%s writer failed: %s", name, m.data ? m.data : "");
        sz_buf_free(&m);
        sz_buf_free(&b);
        sz_diags_free(&d);
        return lua_error(L);
    }
    sz_diags_free(&d);
    lua_pushlstring(L, b.data ? b.data : "", b.len);
    sz_buf_free(&b);
    return 1;
}

static int
l_formats(lua_State *L)
{
    int w = lua_toboolean(L, 1);
    int i = 0;
    lua_newtable(L);
    if (w) {
        for (const struct sz_writer *const *p = sz_writers(); *p; p++) {
            lua_pushstring(L, (*p)->name);
            lua_rawseti(L, -2, ++i);
        }
    } else {
        for (const struct sz_reader *const *p = sz_readers(); *p; p++) {
            lua_pushstring(L, (*p)->name);
            lua_rawseti(L, -2, ++i);
        }
    }
    return 1;
}

/* pipe(cmd, args, input[, dir]): output, exit status (the Lua side raises);
** the program runs in dir when given (only the child changes directory). */
static int
l_pipe(lua_State *L)
{
    const char *cmd = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t inlen;
    const char *in = luaL_checklstring(L, 3, &inlen);
    const char *dir = luaL_optstring(L, 4, NULL);
    int nargs = (int)lua_rawlen(L, 2);
    const char **argv = lua_newuserdatauv(L, sizeof *argv * (size_t)(nargs + 2), 0);
    argv[0] = cmd;
    for (int i = 1; i <= nargs; i++) {
        lua_rawgeti(L, 2, i);
        argv[i] = luaL_tolstring(L, -1, NULL);
        lua_replace(L, -2);
        lua_rawseti(L, 2, i);              /* keeps the string alive */
        lua_rawgeti(L, 2, i);
        argv[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    argv[nargs + 1] = NULL;
    struct sz_buf out = SZ_BUF_INIT;
    int status = sz_spawn_piped(argv, dir, in, inlen, &out);
    if (status < 0) {
        sz_buf_free(&out);
        return luaL_error(L, "pipe: %s", strerror(errno));
    }
    lua_pushlstring(L, out.data ? out.data : "", out.len);
    sz_buf_free(&out);
    lua_pushinteger(L, status);
    return 2;
}

/* {=================================================================
** SHA-1 (FIPS 180-4), for pandoc.utils.sha1: small enough to keep here.
** ================================================================== */
static uint32_t
rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void
sha1_block(uint32_t h[5], const unsigned char *p)
{
    uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
        else { f = b ^ c ^ d; k = 0xCA62C1D6; }
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d; d = c; c = rol(b, 30); b = a; a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

static int
l_sha1(lua_State *L)
{
    size_t n;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
    size_t i = 0;
    for (; i + 64 <= n; i += 64)
        sha1_block(h, s + i);
    unsigned char last[128];
    size_t rest = n - i;
    memset(last, 0, sizeof last);
    memcpy(last, s + i, rest);
    last[rest] = 0x80;
    size_t tot = rest + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)n * 8;
    for (int j = 0; j < 8; j++)
        last[tot - 1 - j] = (unsigned char)(bits >> (8 * j));
    sha1_block(h, last);
    if (tot == 128)
        sha1_block(h, last + 64);
    char hex[41];
    for (int j = 0; j < 5; j++)
        snprintf(hex + 8 * j, 9, "%08x", h[j]);
    lua_pushlstring(L, hex, 40);
    return 1;
}

/* The full case mapping of cp (pandoc's text module maps as Haskell's
** Data.Text: ß upper-cases to SS, ﬁ to FI).  utf8proc has only the
** one-to-one mappings, but a lowercase or titlecase letter whose full case
** folding is several characters has for full uppercase the uppercase of
** those characters, and İ is the one letter whose full lowercase differs
** from its simple one (SpecialCasing.txt).  Returns the count in out. */
static int
full_case(utf8proc_int32_t cp, int upper, utf8proc_int32_t out[4])
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (upper && (p->category == UTF8PROC_CATEGORY_LL || p->category == UTF8PROC_CATEGORY_LT)) {
        int bound = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(cp, out, 4, UTF8PROC_CASEFOLD, &bound);
        if (k > 1 && k <= 4) {
            for (int i = 0; i < k; i++)
                out[i] = utf8proc_toupper(out[i]);
            return (int)k;
        }
    }
    if (!upper && cp == 0x130) {
        out[0] = 0x69;
        out[1] = 0x307;
        return 2;
    }
    out[0] = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
    return 1;
}

static int
casemap(lua_State *L, int upper)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = sz_utf8_decode(s + i, n - i, &cp);
        utf8proc_int32_t m[4];
        int k = full_case((utf8proc_int32_t)cp, upper, m);
        for (int j = 0; j < k; j++) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t el = utf8proc_encode_char(m[j], enc);
            luaL_addlstring(&b, (const char *)enc, (size_t)el);
        }
        i += l;
    }
    luaL_pushresult(&b);
    return 1;
}

static int
l_upper(lua_State *L)
{
    return casemap(L, 1);
}

static int
l_lower(lua_State *L)
{
    return casemap(L, 0);
}

/* Unicode general category of the code point at byte i (1-based) of s, and
** the script-ish class used by the lang filter. */
static int
l_category(lua_State *L)
{
    lua_Integer cp = luaL_checkinteger(L, 1);
    lua_pushstring(L, utf8proc_category_string((utf8proc_int32_t)cp));
    return 1;
}

/* {=================================================================
** Files and the environment, for pandoc.system and pandoc.path.
** ================================================================== */
extern char **environ;

static int
l_getcwd(lua_State *L)
{
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        return luaL_error(L, "getcwd: %s", strerror(errno));
    lua_pushstring(L, buf);
    return 1;
}

static int
l_chdir(lua_State *L)
{
    const char *d = luaL_checkstring(L, 1);
    if (chdir(d) != 0)
        return luaL_error(L, "%s: %s", d, strerror(errno));
    return 0;
}

static int
l_mkdtemp(lua_State *L)
{
    size_t n;
    const char *t = luaL_checklstring(L, 1, &n);
    char *buf = lua_newuserdatauv(L, n + 1, 0);
    memcpy(buf, t, n + 1);
    if (!mkdtemp(buf))
        return luaL_error(L, "cannot make a temporary directory %s: %s", t, strerror(errno));
    lua_pushstring(L, buf);
    return 1;
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    SZ_UNUSED(st);
    SZ_UNUSED(flag);
    SZ_UNUSED(f);
    /* best effort: a file that cannot go does not stop the others */
    (void)remove(p);
    return 0;
}

static int
l_rmtree(lua_State *L)
{
    const char *d = luaL_checkstring(L, 1);
    nftw(d, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

static int
l_mkdir(lua_State *L)
{
    const char *d = luaL_checkstring(L, 1);
    int parents = lua_toboolean(L, 2);
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", d);
    if (parents)
        for (char *p = buf + 1; *p; p++)
            if (*p == '/') {
                *p = '\0';
                mkdir(buf, 0777);
                *p = '/';
            }
    if (mkdir(buf, 0777) != 0 && !(parents && errno == EEXIST))
        return luaL_error(L, "%s: %s", d, strerror(errno));
    return 0;
}

static int
l_exists(lua_State *L)
{
    struct stat st;
    const char *p = luaL_checkstring(L, 1);
    const char *kind = luaL_optstring(L, 2, NULL);
    int ok = stat(p, &st) == 0;
    if (ok && kind && !strcmp(kind, "directory"))
        ok = S_ISDIR(st.st_mode);
    else if (ok && kind && !strcmp(kind, "file"))
        ok = S_ISREG(st.st_mode);
    lua_pushboolean(L, ok);
    return 1;
}

static int
l_listdir(lua_State *L)
{
    const char *d = luaL_checkstring(L, 1);
    DIR *dir = opendir(d);
    if (!dir)
        return luaL_error(L, "%s: %s", d, strerror(errno));
    int i = 0;
    lua_newtable(L);
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        lua_pushstring(L, e->d_name);
        lua_rawseti(L, -2, ++i);
    }
    closedir(dir);
    return 1;
}

static int
l_environ(lua_State *L)
{
    lua_newtable(L);
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        lua_pushlstring(L, *e, (size_t)(eq - *e));
        lua_pushstring(L, eq + 1);
        lua_rawset(L, -3);
    }
    return 1;
}

/* Makes the environment exactly the table at 1. */
static int
l_setenv_all(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    l_environ(L);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 1) == LUA_TNIL)
            unsetenv(lua_tostring(L, -2));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        if (lua_type(L, -2) == LUA_TSTRING)
            setenv(lua_tostring(L, -2), luaL_tolstring(L, -1, NULL), 1), lua_pop(L, 1);
        lua_pop(L, 1);
    }
    return 0;
}

/* {=================================================================
** The media bag, for lua/samizdat/mediabag.lua.
** ================================================================== */
static int
l_mb_insert(lua_State *L)
{
    size_t n;
    const char *path = luaL_checkstring(L, 1);
    const char *mime = luaL_optstring(L, 2, "");
    const char *data = luaL_checklstring(L, 3, &n);
    sz_mediabag_insert(path, mime, data, n);
    return 0;
}

static int
l_mb_lookup(lua_State *L)
{
    char *mime = NULL, *data = NULL;
    size_t n = 0;
    if (sz_mediabag_lookup(luaL_checkstring(L, 1), &mime, &data, &n) != 0)
        return 0;
    lua_pushstring(L, mime);
    lua_pushlstring(L, data, n);
    free(mime);
    free(data);
    return 2;
}

static int
l_mb_delete(lua_State *L)
{
    sz_mediabag_delete(luaL_checkstring(L, 1));
    return 0;
}

static int
l_mb_clear(lua_State *L)
{
    SZ_UNUSED(L);
    sz_mediabag_clear();
    return 0;
}

static int
l_mb_paths(lua_State *L)
{
    lua_newtable(L);
    for (size_t i = 0;; i++) {
        char *p = sz_mediabag_path(i);
        if (!p)
            break;
        lua_pushstring(L, p);
        free(p);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* box(table, metatable): a full userdata holding table as its user value,
** for the values pandoc gives as userdata (Version, ReaderOptions, ...);
** the metatable's functions reach the table with unbox. */
static int
l_box(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_newuserdatauv(L, 0, 1);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, 2);
    lua_setmetatable(L, -2);
    return 1;
}

/* unbox(value): the table a box holds, or nil for anything else. */
static int
l_unbox(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TUSERDATA || lua_getiuservalue(L, 1, 1) != LUA_TTABLE)
        lua_pushnil(L);
    return 1;
}

static const luaL_Reg core_funcs[] = {
    { "box", l_box },
    { "unbox", l_unbox },
    { "mb_insert", l_mb_insert },
    { "mb_lookup", l_mb_lookup },
    { "mb_delete", l_mb_delete },
    { "mb_clear", l_mb_clear },
    { "mb_paths", l_mb_paths },
    { "getcwd", l_getcwd },
    { "chdir", l_chdir },
    { "mkdtemp", l_mkdtemp },
    { "rmtree", l_rmtree },
    { "mkdir", l_mkdir },
    { "exists", l_exists },
    { "listdir", l_listdir },
    { "environ", l_environ },
    { "setenv_all", l_setenv_all },
    { "walk", l_walk },
    { "materialize", sz_lazy_materialize },
    { "read", l_read },
    { "write", l_write },
    { "formats", l_formats },
    { "pipe", l_pipe },
    { "sha1", l_sha1 },
    { "upper", l_upper },
    { "lower", l_lower },
    { "category", l_category },
    { NULL, NULL }
};

int
sz_luaopen_core(lua_State *L)
{
    luaL_newlib(L, core_funcs);
    lua_pushstring(L, SZ_PANDOC_VERSION);
    lua_setfield(L, -2, "pandoc_version");
    lua_pushstring(L, SZ_VERSION);
    lua_setfield(L, -2, "version");
    /* pandoc.json.null: a userdata unlike any Lua value a document holds */
    static const char json_null = 0;
    lua_pushlightuserdata(L, (void *)&json_null);
    lua_setfield(L, -2, "json_null");
    return 1;
}
