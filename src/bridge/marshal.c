/*
** marshal.c
** The document tree to plain Lua tables with per-type metatables, and back.
** See LICENSE.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "bridge/lbridge.h"

static const char *const align_names[] = { "AlignDefault", "AlignLeft", "AlignRight",
                                           "AlignCenter", NULL };
static const char *const quote_names[] = { "DoubleQuote", "SingleQuote", NULL };
static const char *const math_names[] = { "InlineMath", "DisplayMath", NULL };
static const char *const style_names[] = { "DefaultStyle", "Example", "Decimal", "LowerRoman",
                                           "UpperRoman", "LowerAlpha", "UpperAlpha", NULL };
static const char *const delim_names[] = { "DefaultDelim", "Period", "OneParen", "TwoParens",
                                           NULL };
static const char *const mode_names[] = { "AuthorInText", "SuppressAuthor", "NormalCitation",
                                          NULL };

static const char BR_KEY[] = "samizdat.bridge";
static const char BOX_MT[] = "samizdat.docbox";

struct sz_br *
sz_br_get(lua_State *L)
{
    /* Kept in the state's extra space: marshalling asks for it per table. */
    struct sz_br *b = *(struct sz_br **)lua_getextraspace(L);
    if (!b)
        luaL_error(L, "samizdat bridge not initialised");
    return b;
}

static const char *
code_name(int code)
{
    switch (code) {
    case T_ATTR: return "Attr";
    case T_ATTRLIST: return "AttributeList";
    case T_LIST: return "List";
    case T_INLINES: return "Inlines";
    case T_BLOCKS: return "Blocks";
    case T_META: return "Meta";
    case T_LISTATTR: return "ListAttributes";
    default: return sz_kind_name((enum sz_kind)code);
    }
}

void
sz_br_setup(lua_State *L, const struct sz_lua_env *env)
{
    /* stack: samizdat module */
    struct sz_br *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    b->env = env;
    lua_setfield(L, LUA_REGISTRYINDEX, BR_KEY);   /* keeps it alive */
    *(struct sz_br **)lua_getextraspace(L) = b;
    lua_getfield(L, -1, "_mt");      /* stack: module, mts */
    lua_newtable(L);                 /* stack: module, mts, kindmap */
    for (int c = 1; c < T_COUNT; c++) {
        if (lua_getfield(L, -2, code_name(c)) != LUA_TTABLE) {
            lua_pop(L, 1);
            b->mt[c] = LUA_NOREF;
            continue;
        }
        lua_pushvalue(L, -1);
        lua_pushinteger(L, c);
        lua_rawset(L, -4);           /* kindmap[mt] = c */
        b->mt[c] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    b->kindmap = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1);
    for (int i = 0; i < 3; i++) {
        lua_newtable(L);
        lua_createtable(L, 0, 1);
        lua_pushstring(L, i == 1 ? "v" : "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
        if (i == 0)
            b->lazymap = luaL_ref(L, LUA_REGISTRYINDEX);
        else if (i == 1)
            b->revmap = luaL_ref(L, LUA_REGISTRYINDEX);
        else
            b->anchors = luaL_ref(L, LUA_REGISTRYINDEX);   /* an ephemeron table */
    }
    b->lazy = 1;
}

int
sz_lazy_set(lua_State *L, int on)
{
    struct sz_br *b = sz_br_get(L);
    int old = b->lazy;
    b->lazy = on;
    return old;
}

static int
lazy_kind(enum sz_kind k)
{
    switch (k) {
    case SZ_PLAIN: case SZ_PARA: case SZ_HEADER: case SZ_EMPH: case SZ_UNDERLINE:
    case SZ_STRONG: case SZ_STRIKEOUT: case SZ_SUPERSCRIPT: case SZ_SUBSCRIPT:
    case SZ_SMALLCAPS: case SZ_QUOTED: case SZ_CITE: case SZ_LINK: case SZ_IMAGE:
    case SZ_NOTE: case SZ_SPAN: case SZ_DIV: case SZ_BLOCKQUOTE: case SZ_FIGURE:
        return 1;
    default:
        return 0;
    }
}

static const char *
lazy_field(enum sz_kind k)
{
    return k == SZ_IMAGE ? "caption" : "content";
}

static int
lazy_blocks(enum sz_kind k)
{
    return k == SZ_NOTE || k == SZ_DIV || k == SZ_BLOCKQUOTE || k == SZ_FIGURE;
}

/* Gives the element table at idx its content list if it is still lazy;
** eager: the whole content, nothing left reading from the tree. */
static void
materialize_x(lua_State *L, int idx, int eager)
{
    struct sz_br *b = sz_br_get(L);
    idx = lua_absindex(L, idx);
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->lazymap);
    lua_pushvalue(L, idx);
    lua_rawget(L, -2);                       /* stack: lazymap, node */
    const struct sz_node *n = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!n) {
        lua_pop(L, 1);
        return;
    }
    lua_pushvalue(L, idx);
    lua_pushnil(L);
    lua_rawset(L, -3);                       /* lazymap[t] = nil */
    lua_pop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->revmap);
    if (lua_rawgetp(L, -1, n) == LUA_TTABLE && lua_rawequal(L, -1, idx)) {
        lua_pushnil(L);
        lua_rawsetp(L, -3, n);
    }
    lua_pop(L, 2);
    const char *f = lazy_field(n->kind);
    lua_pushstring(L, f);
    if (lua_rawget(L, idx) != LUA_TNIL) {    /* set by the filter meanwhile */
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    int old = b->lazy;
    if (eager)
        b->lazy = 0;
    /* The children read from the same box as the element, if any. */
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->anchors);
    lua_pushvalue(L, idx);
    lua_rawget(L, -2);
    lua_remove(L, -2);                       /* stack: box or nil */
    int anchor = b->anchor;
    b->anchor = lua_isnil(L, -1) ? 0 : lua_gettop(L);
    if (lazy_blocks(n->kind))
        sz_push_blocks(L, n, 1);
    else
        sz_push_inlines(L, n, 1);
    b->anchor = anchor;
    b->lazy = old;
    lua_remove(L, -2);                       /* the box */
    lua_setfield(L, idx, f);
}

int
sz_anchor_set(lua_State *L, int idx)
{
    struct sz_br *b = sz_br_get(L);
    int old = b->anchor;
    b->anchor = idx ? lua_absindex(L, idx) : 0;
    return old;
}

static void
materialize(lua_State *L, int idx)
{
    materialize_x(L, idx, 0);
}

void
sz_lazy_touch(lua_State *L, const struct sz_node *n)
{
    struct sz_br *b = sz_br_get(L);
    if (b->nlazy == 0)
        return;
    /* A lazy element reads its whole subtree: any ancestor's one must take
    ** its copy now, all of it. */
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->revmap);
    for (; n; n = n->parent) {
        if (lua_rawgetp(L, -1, n) == LUA_TTABLE)
            materialize_x(L, -1, 1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static int
l_materialize(lua_State *L)
{
    if (lua_istable(L, 1))
        materialize(L, 1);
    return 0;
}

/* Registers the element table on top as reading its content from n. */
static void
lazy_register(lua_State *L, const struct sz_node *n)
{
    struct sz_br *b = sz_br_get(L);
    b->nlazy++;
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->revmap);   /* one lazy reader per node */
    if (lua_rawgetp(L, -1, n) == LUA_TTABLE)
        materialize_x(L, -1, 1);
    lua_pop(L, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->lazymap);
    lua_pushvalue(L, -2);
    lua_pushlightuserdata(L, (void *)n);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->revmap);
    lua_pushvalue(L, -2);
    lua_rawsetp(L, -2, n);
    lua_pop(L, 1);
    if (b->anchor) {                               /* anchors[el] = box */
        lua_rawgeti(L, LUA_REGISTRYINDEX, b->anchors);
        lua_pushvalue(L, -2);
        lua_pushvalue(L, b->anchor);
        lua_rawset(L, -3);
        lua_pop(L, 1);
    }
}

/* The node the lazy element at idx still reads its content from, or NULL. */
static const struct sz_node *
lazy_source(lua_State *L, int idx, const char *field)
{
    struct sz_br *b = sz_br_get(L);
    lua_pushstring(L, field);
    if (lua_rawget(L, idx) != LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    lua_pop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->lazymap);
    lua_pushvalue(L, idx);
    lua_rawget(L, -2);
    const struct sz_node *n = lua_touserdata(L, -1);
    lua_pop(L, 2);
    return n;
}

static void
descend(lua_State *L, int depth)
{
    if (depth > SZ_MAX_DEPTH)
        luaL_error(L, "document nested deeper than %d levels", SZ_MAX_DEPTH);
    if (!lua_checkstack(L, 8))
        luaL_error(L, "out of Lua stack space");
}

static void
setmt(lua_State *L, int code)
{
    struct sz_br *b = sz_br_get(L);
    if (b->mt[code] != LUA_NOREF) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, b->mt[code]);
        lua_setmetatable(L, -2);
    }
}

/* {=================================================================
** C -> Lua
** ================================================================== */

static void
setstr(lua_State *L, const char *k, const char *s)
{
    lua_pushstring(L, s ? s : "");
    lua_setfield(L, -2, k);
}

static void
push_attr(lua_State *L, const struct sz_attr *a)
{
    lua_createtable(L, 0, 3);
    setstr(L, "identifier", a->id);
    lua_createtable(L, (int)a->nclasses, 0);
    for (size_t i = 0; i < a->nclasses; i++) {
        lua_pushstring(L, a->classes[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    setmt(L, T_LIST);
    lua_setfield(L, -2, "classes");
    lua_createtable(L, (int)a->nkvs, 0);
    for (size_t i = 0; i < a->nkvs; i++) {
        lua_createtable(L, 2, 0);
        lua_pushstring(L, a->kvs[i].key);
        lua_rawseti(L, -2, 1);
        lua_pushstring(L, a->kvs[i].value);
        lua_rawseti(L, -2, 2);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    setmt(L, T_ATTRLIST);
    lua_setfield(L, -2, "attributes");
    setmt(L, T_ATTR);
}

/* Pushes the Str, Space and SoftBreak elements a text run packs (see
** SZ_STR_RUN) into the list on top of the stack, after its n-th element;
** returns the new count.  Filters never see a run. */
static int
push_run(lua_State *L, const struct sz_node *r, int n)
{
    size_t pos = 0;
    enum sz_kind sep;
    while (pos < r->len) {
        size_t at = pos;
        size_t wl = sz_run_next(r->text, r->len, &pos, &sep);
        if (wl) {               /* none before a leading Space */
            lua_createtable(L, 0, 1);
            lua_pushlstring(L, r->text + at, wl);
            lua_setfield(L, -2, "text");
            setmt(L, SZ_STR);
            lua_rawseti(L, -2, ++n);
        }
        if (sep != SZ_NONE) {
            lua_createtable(L, 0, 0);
            setmt(L, sep);
            lua_rawseti(L, -2, ++n);
        }
    }
    return n;
}

/* A List (of code mt) of the children of parent that pass keep(). */
static void
push_children(lua_State *L, const struct sz_node *parent, int mt, int (*keep)(enum sz_kind),
              int depth)
{
    int n = 0;
    lua_createtable(L, 4, 0);
    if (parent)
        for (const struct sz_node *c = parent->first; c; c = c->next) {
            if (keep && !keep(c->kind))
                continue;
            if (SZ_IS_RUN(c)) {
                n = push_run(L, c, n);
                continue;
            }
            sz_push_node(L, c, depth + 1);
            lua_rawseti(L, -2, ++n);
        }
    setmt(L, mt);
}

void
sz_push_inlines(lua_State *L, const struct sz_node *parent, int depth)
{
    descend(L, depth);
    push_children(L, parent, T_INLINES, sz_kind_is_inline, depth);
}

void
sz_push_blocks(lua_State *L, const struct sz_node *parent, int depth)
{
    descend(L, depth);
    push_children(L, parent, T_BLOCKS, sz_kind_is_block, depth);
}

static const struct sz_node *
child_of(const struct sz_node *n, enum sz_kind k)
{
    for (const struct sz_node *c = n->first; c; c = c->next)
        if (c->kind == k)
            return c;
    return NULL;
}

static int
is_row(enum sz_kind k)
{
    return k == SZ_ROW;
}

static void
push_rows(lua_State *L, const struct sz_node *n, int depth)
{
    push_children(L, n, T_LIST, is_row, depth);
}

static void
push_caption(lua_State *L, const struct sz_node *cap, int depth)
{
    lua_createtable(L, 0, 2);
    sz_push_blocks(L, cap, depth + 1);
    lua_setfield(L, -2, "long");
    const struct sz_node *s = cap ? child_of(cap, SZ_SHORTCAPTION) : NULL;
    if (s) {
        sz_push_inlines(L, s, depth + 1);
        lua_setfield(L, -2, "short");
    }
    setmt(L, SZ_CAPTION);
}

/* List of Blocks for each item child. */
static void
push_items(lua_State *L, const struct sz_node *n, int depth)
{
    int i = 0;
    lua_createtable(L, (int)sz_node_count(n), 0);
    for (const struct sz_node *c = n->first; c; c = c->next) {
        sz_push_blocks(L, c, depth + 1);
        lua_rawseti(L, -2, ++i);
    }
    setmt(L, T_LIST);
}

static void
push_enum(lua_State *L, const char *k, const char *const *names, int v, int max)
{
    lua_pushstring(L, names[(v >= 0 && v < max) ? v : 0]);
    lua_setfield(L, -2, k);
}

static void
setint(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

void
sz_push_str(lua_State *L, const char *s, size_t n)
{
    lua_createtable(L, 0, 1);
    lua_pushlstring(L, s, n);
    lua_setfield(L, -2, "text");
    lua_rawgeti(L, LUA_REGISTRYINDEX, sz_br_get(L)->mt[SZ_STR]);
    lua_setmetatable(L, -2);
}

void
sz_push_node(lua_State *L, const struct sz_node *n, int depth)
{
    descend(L, depth);
    enum sz_kind k = n->kind;
    int lazy = lazy_kind(k) && sz_br_get(L)->lazy;
    switch (k) {
    case SZ_STR:
        sz_push_str(L, n->text, n->len);
        return;
    case SZ_SPACE: case SZ_SOFTBREAK: case SZ_LINEBREAK: case SZ_HRULE:
        lua_createtable(L, 0, 0);
        break;
    case SZ_PLAIN: case SZ_PARA: case SZ_EMPH: case SZ_UNDERLINE: case SZ_STRONG:
    case SZ_STRIKEOUT: case SZ_SUPERSCRIPT: case SZ_SUBSCRIPT: case SZ_SMALLCAPS:
        lua_createtable(L, 0, 1);
        if (!lazy) {
            sz_push_inlines(L, n, depth);
            lua_setfield(L, -2, "content");
        }
        break;
    case SZ_BLOCKQUOTE: case SZ_NOTE:
        lua_createtable(L, 0, 1);
        if (!lazy) {
            sz_push_blocks(L, n, depth);
            lua_setfield(L, -2, "content");
        }
        break;
    case SZ_LINEBLOCK: {
        int i = 0;
        lua_createtable(L, 0, 1);
        lua_createtable(L, (int)sz_node_count(n), 0);
        for (const struct sz_node *c = n->first; c; c = c->next) {
            sz_push_inlines(L, c, depth + 1);
            lua_rawseti(L, -2, ++i);
        }
        setmt(L, T_LIST);
        lua_setfield(L, -2, "content");
        break;
    }
    case SZ_CODEBLOCK: case SZ_CODE:
        lua_createtable(L, 0, 2);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        lua_pushlstring(L, n->text, n->len);
        lua_setfield(L, -2, "text");
        break;
    case SZ_RAWBLOCK: case SZ_RAWINLINE:
        lua_createtable(L, 0, 2);
        setstr(L, "format", n->format);
        lua_pushlstring(L, n->text, n->len);
        lua_setfield(L, -2, "text");
        break;
    case SZ_ORDEREDLIST:
        lua_createtable(L, 0, 2);
        push_items(L, n, depth);
        lua_setfield(L, -2, "content");
        lua_createtable(L, 0, 3);
        setint(L, "start", n->ival);
        push_enum(L, "style", style_names, n->sub, 7);
        push_enum(L, "delimiter", delim_names, n->sub2, 4);
        setmt(L, T_LISTATTR);
        lua_setfield(L, -2, "listAttributes");
        break;
    case SZ_BULLETLIST:
        lua_createtable(L, 0, 1);
        push_items(L, n, depth);
        lua_setfield(L, -2, "content");
        break;
    case SZ_DEFLIST: {
        int i = 0;
        lua_createtable(L, 0, 1);
        lua_createtable(L, (int)sz_node_count(n), 0);
        for (const struct sz_node *it = n->first; it; it = it->next) {
            lua_createtable(L, 2, 0);
            sz_push_inlines(L, child_of(it, SZ_TERM), depth + 1);
            lua_rawseti(L, -2, 1);
            int j = 0;
            lua_createtable(L, 1, 0);
            for (const struct sz_node *d = it->first; d; d = d->next)
                if (d->kind == SZ_DEFN) {
                    sz_push_blocks(L, d, depth + 2);
                    lua_rawseti(L, -2, ++j);
                }
            setmt(L, T_LIST);
            lua_rawseti(L, -2, 2);
            lua_rawseti(L, -2, ++i);
        }
        setmt(L, T_LIST);
        lua_setfield(L, -2, "content");
        break;
    }
    case SZ_HEADER:
        lua_createtable(L, 0, 3);
        setint(L, "level", n->level);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        if (!lazy) {
            sz_push_inlines(L, n, depth);
            lua_setfield(L, -2, "content");
        }
        break;
    case SZ_DIV: case SZ_SPAN:
        lua_createtable(L, 0, 2);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        if (lazy)
            break;
        if (k == SZ_DIV)
            sz_push_blocks(L, n, depth);
        else
            sz_push_inlines(L, n, depth);
        lua_setfield(L, -2, "content");
        break;
    case SZ_FIGURE:
        lua_createtable(L, 0, 3);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        push_caption(L, child_of(n, SZ_CAPTION), depth);
        lua_setfield(L, -2, "caption");
        if (!lazy) {
            sz_push_blocks(L, n, depth);
            lua_setfield(L, -2, "content");
        }
        break;
    case SZ_TABLE: {
        int nc = 0, nb = 0;
        lua_createtable(L, 0, 6);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        push_caption(L, child_of(n, SZ_CAPTION), depth);
        lua_setfield(L, -2, "caption");
        lua_newtable(L);           /* stack: table, colspecs */
        lua_newtable(L);           /* stack: table, colspecs, bodies */
        for (const struct sz_node *c = n->first; c; c = c->next) {
            if (c->kind == SZ_COLSPEC) {
                sz_push_node(L, c, depth + 1);
                lua_rawseti(L, -3, ++nc);
            } else if (c->kind == SZ_TBODY) {
                sz_push_node(L, c, depth + 1);
                lua_rawseti(L, -2, ++nb);
            } else if (c->kind == SZ_THEAD) {
                sz_push_node(L, c, depth + 1);
                lua_setfield(L, -4, "head");
            } else if (c->kind == SZ_TFOOT) {
                sz_push_node(L, c, depth + 1);
                lua_setfield(L, -4, "foot");
            }
        }
        setmt(L, T_LIST);
        lua_setfield(L, -3, "bodies");
        setmt(L, T_LIST);
        lua_setfield(L, -2, "colspecs");
        break;
    }
    case SZ_COLSPEC:
        lua_createtable(L, 2, 0);
        lua_pushstring(L, align_names[n->sub < 4 ? n->sub : 0]);
        lua_rawseti(L, -2, 1);
        if (n->width > 0) {
            lua_pushnumber(L, n->width);
            lua_rawseti(L, -2, 2);
        }
        return;                    /* a plain pair, as in pandoc */
    case SZ_THEAD: case SZ_TFOOT:
        lua_createtable(L, 0, 2);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        push_rows(L, n, depth);
        lua_setfield(L, -2, "rows");
        break;
    case SZ_TBODY: {
        lua_createtable(L, 0, 4);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        setint(L, "row_head_columns", n->ival);
        const struct sz_node *h = child_of(n, SZ_TBODY_HEAD);
        push_rows(L, h, depth);
        lua_setfield(L, -2, "head");
        push_rows(L, n, depth);
        lua_setfield(L, -2, "body");
        break;
    }
    case SZ_ROW: {
        int i = 0;
        lua_createtable(L, 0, 2);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        lua_createtable(L, (int)sz_node_count(n), 0);
        for (const struct sz_node *c = n->first; c; c = c->next) {
            sz_push_node(L, c, depth + 1);
            lua_rawseti(L, -2, ++i);
        }
        setmt(L, T_LIST);
        lua_setfield(L, -2, "cells");
        break;
    }
    case SZ_CELL:
        lua_createtable(L, 0, 5);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        push_enum(L, "alignment", align_names, n->sub, 4);
        setint(L, "row_span", n->ival);
        setint(L, "col_span", n->ival2);
        sz_push_blocks(L, n, depth);
        lua_setfield(L, -2, "contents");
        break;
    case SZ_QUOTED:
        lua_createtable(L, 0, 2);
        push_enum(L, "quotetype", quote_names, n->sub, 2);
        if (!lazy) {
            sz_push_inlines(L, n, depth);
            lua_setfield(L, -2, "content");
        }
        break;
    case SZ_CITE: {
        int i = 0;
        lua_createtable(L, 0, 2);
        lua_newtable(L);
        for (const struct sz_node *c = n->first; c; c = c->next)
            if (c->kind == SZ_CITATION) {
                sz_push_node(L, c, depth + 1);
                lua_rawseti(L, -2, ++i);
            }
        setmt(L, T_LIST);
        lua_setfield(L, -2, "citations");
        if (!lazy) {
            sz_push_inlines(L, n, depth);
            lua_setfield(L, -2, "content");
        }
        break;
    }
    case SZ_CITATION:
        lua_createtable(L, 0, 6);
        setstr(L, "id", n->text);
        push_enum(L, "mode", mode_names, n->sub, 3);
        sz_push_inlines(L, child_of(n, SZ_CITE_PREFIX), depth);
        lua_setfield(L, -2, "prefix");
        sz_push_inlines(L, child_of(n, SZ_CITE_SUFFIX), depth);
        lua_setfield(L, -2, "suffix");
        setint(L, "note_num", n->ival);
        setint(L, "hash", n->ival2);
        break;
    case SZ_MATH:
        lua_createtable(L, 0, 2);
        push_enum(L, "mathtype", math_names, n->sub, 2);
        lua_pushlstring(L, n->text, n->len);
        lua_setfield(L, -2, "text");
        break;
    case SZ_LINK: case SZ_IMAGE:
        lua_createtable(L, 0, 4);
        push_attr(L, n->attr);
        lua_setfield(L, -2, "attr");
        if (!lazy) {
            sz_push_inlines(L, n, depth);
            lua_setfield(L, -2, k == SZ_LINK ? "content" : "caption");
        }
        setstr(L, k == SZ_LINK ? "target" : "src", n->target->url);
        setstr(L, "title", n->target->title);
        break;
    case SZ_CAPTION:
        push_caption(L, n, depth);
        return;
    case SZ_DOC:
        luaL_error(L, "cannot marshal a document root as an element");
        return;
    default:
        luaL_error(L, "cannot marshal a %s node", sz_kind_name(k));
        return;
    }
    setmt(L, k);
    if (lazy)
        lazy_register(L, n);
}

static void
push_meta_value(lua_State *L, const struct sz_node *v, int depth)
{
    descend(L, depth);
    switch (v->kind) {
    case SZ_META_BOOL: lua_pushboolean(L, v->ival); break;
    case SZ_META_STRING: lua_pushlstring(L, v->text, v->len); break;
    case SZ_META_INLINES: sz_push_inlines(L, v, depth); break;
    case SZ_META_BLOCKS: sz_push_blocks(L, v, depth); break;
    case SZ_META_LIST: {
        int i = 0;
        lua_createtable(L, (int)sz_node_count(v), 0);
        for (const struct sz_node *c = v->first; c; c = c->next) {
            push_meta_value(L, c, depth + 1);
            lua_rawseti(L, -2, ++i);
        }
        setmt(L, T_LIST);
        break;
    }
    case SZ_META_MAP:
        lua_newtable(L);
        for (const struct sz_node *e = v->first; e; e = e->next)
            if (e->kind == SZ_META_ENTRY && e->first) {
                push_meta_value(L, e->first, depth + 1);
                lua_setfield(L, -2, e->text);
            }
        break;
    default: lua_pushnil(L); break;
    }
}

void
sz_push_meta(lua_State *L, const struct sz_node *map, int depth)
{
    push_meta_value(L, map, depth);
    setmt(L, T_META);
}

void
sz_push_doc(lua_State *L, const struct sz_doc *doc)
{
    lua_createtable(L, 0, 2);
    sz_push_blocks(L, doc->root, 1);
    lua_setfield(L, -2, "blocks");
    sz_push_meta(L, doc->meta, 1);
    lua_setfield(L, -2, "meta");
    setmt(L, SZ_DOC);
}

/* {=================================================================
** Lua -> C
** ================================================================== */

int
sz_lua_code(lua_State *L, int idx)
{
    int code = SZ_NONE;
    if (lua_type(L, idx) != LUA_TTABLE)
        return SZ_NONE;
    if (lua_getmetatable(L, idx)) {
        struct sz_br *b = sz_br_get(L);
        lua_rawgeti(L, LUA_REGISTRYINDEX, b->kindmap);
        lua_insert(L, -2);
        lua_rawget(L, -2);           /* stack: kindmap, code */
        code = (int)lua_tointeger(L, -1);
        lua_pop(L, 2);
        if (code)
            return code;
    }
    /* A hand-built table: {t = 'Str', ...} */
    if (lua_getfield(L, idx, "t") == LUA_TSTRING || (lua_pop(L, 1), lua_getfield(L, idx, "tag")) == LUA_TSTRING)
        code = sz_kind_from_name(lua_tostring(L, -1));
    lua_pop(L, 1);
    return code;
}

struct docbox {
    struct sz_doc *doc;
};

static int
box_gc(lua_State *L)
{
    struct docbox *bx = luaL_checkudata(L, 1, BOX_MT);
    sz_doc_free(bx->doc);
    bx->doc = NULL;
    return 0;
}

struct sz_doc *
sz_doc_box_new(lua_State *L, const char *source)
{
    struct docbox *bx = lua_newuserdatauv(L, sizeof *bx, 0);
    bx->doc = NULL;
    if (luaL_newmetatable(L, BOX_MT)) {
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    bx->doc = sz_doc_new(source);
    return bx->doc;
}

struct sz_doc *
sz_doc_box_take(lua_State *L, int idx)
{
    struct docbox *bx = luaL_checkudata(L, idx, BOX_MT);
    struct sz_doc *d = bx->doc;
    bx->doc = NULL;
    return d;
}

static const char *
field_str(lua_State *L, int idx, const char *k, struct sz_doc *doc, const char *dflt)
{
    const char *r = dflt;
    int t = lua_getfield(L, idx, k);
    if (t == LUA_TSTRING || t == LUA_TNUMBER) {
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        r = sz_arena_strndup(doc->arena, s, n);
    } else if (t != LUA_TNIL) {
        luaL_error(L, "field '%s': string expected, got %s", k, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return r;
}

static lua_Integer
field_int(lua_State *L, int idx, const char *k, lua_Integer dflt)
{
    lua_Integer r = dflt;
    int t = lua_getfield(L, idx, k);
    if (t == LUA_TNUMBER) {
        int ok;
        r = lua_tointegerx(L, -1, &ok);
        if (!ok)
            luaL_error(L, "Integral expected, got number (field '%s': %s)", k,
                       lua_tostring(L, -1));
    } else if (t == LUA_TSTRING) {
        /* pandoc reads an integer from a string ("2"), nothing else */
        const char *s = lua_tostring(L, -1);
        char *end;
        r = strtoll(s, &end, 10);
        if (end == s || *end)
            luaL_error(L, "Integral expected, got string (field '%s': %s)", k, s);
    } else if (t != LUA_TNIL) {
        luaL_error(L, "Integral expected, got %s (field '%s')", luaL_typename(L, -1), k);
    }
    lua_pop(L, 1);
    return r;
}

static int
field_enum(lua_State *L, int idx, const char *k, const char *const *names, int dflt)
{
    int r = dflt;
    int t = lua_getfield(L, idx, k);
    if (t == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1);
        r = -1;
        for (int i = 0; names[i]; i++)
            if (!strcmp(names[i], s))
                r = i;
        if (r < 0)
            luaL_error(L, "field '%s': unknown value '%s'", k, s);
    } else if (t == LUA_TTABLE) {
        /* {t = 'AlignLeft'} as in older filters */
        lua_getfield(L, -1, "t");
        const char *s = lua_tostring(L, -1);
        for (int i = 0; s && names[i]; i++)
            if (!strcmp(names[i], s))
                r = i;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return r;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
to_attrlist(lua_State *L, int idx, struct sz_doc *doc, struct sz_attr *a)
{
    idx = lua_absindex(L, idx);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    if (n > 0) {
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            if (!lua_istable(L, -1))
                luaL_error(L, "attribute pair expected, got %s", luaL_typename(L, -1));
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            const char *k = lua_tostring(L, -2), *v = lua_tostring(L, -1);
            if (!k || !v)
                luaL_error(L, "attribute pair of two strings expected");
            sz_attr_add_kv(doc, a, k, v);
            lua_pop(L, 3);
        }
        return;
    }
    /* A plain map: keys in sorted order, so the result is deterministic. */
    size_t nk = 0, cap = 0;
    const char **keys = NULL;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            if (nk == cap) {
                cap = cap ? cap * 2 : 8;
                const char **nkeys = sz_arena_alloc(doc->arena, cap * sizeof *keys);
                if (nk)
                    memcpy(nkeys, keys, nk * sizeof *keys);
                keys = nkeys;
            }
            keys[nk++] = sz_arena_strdup(doc->arena, lua_tostring(L, -2));
        }
        lua_pop(L, 1);
    }
    if (nk)
        qsort(keys, nk, sizeof *keys, cmp_str);
    for (size_t i = 0; i < nk; i++) {
        lua_getfield(L, idx, keys[i]);
        const char *v = luaL_tolstring(L, -1, NULL);
        sz_attr_add_kv(doc, a, keys[i], v);
        lua_pop(L, 2);
    }
}

static void
add_classes(lua_State *L, int idx, struct sz_doc *doc, struct sz_attr *a)
{
    if (lua_type(L, idx) == LUA_TSTRING) {
        /* "a b c" */
        const char *s = lua_tostring(L, idx);
        while (*s) {
            while (*s == ' ')
                s++;
            const char *e = s;
            while (*e && *e != ' ')
                e++;
            if (e > s)
                sz_attr_add_class(doc, a, sz_arena_strndup(doc->arena, s, (size_t)(e - s)));
            s = e;
        }
        return;
    }
    if (!lua_istable(L, idx))
        return;
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        const char *c = lua_tostring(L, -1);
        if (!c)
            luaL_error(L, "class name expected, got %s", luaL_typename(L, -1));
        sz_attr_add_class(doc, a, c);
        lua_pop(L, 1);
    }
}

static void
to_attr(lua_State *L, int idx, struct sz_doc *doc, struct sz_attr *a)
{
    idx = lua_absindex(L, idx);
    memset(a, 0, sizeof *a);
    a->id = "";
    if (lua_isnoneornil(L, idx))
        return;
    if (lua_type(L, idx) == LUA_TSTRING) {
        a->id = sz_arena_strdup(doc->arena, lua_tostring(L, idx));
        return;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    if (sz_lua_code(L, idx) == T_ATTR) {
        a->id = field_str(L, idx, "identifier", doc, "");
        lua_getfield(L, idx, "classes");
        add_classes(L, lua_gettop(L), doc, a);
        lua_pop(L, 1);
        if (lua_getfield(L, idx, "attributes") == LUA_TTABLE)
            to_attrlist(L, -1, doc, a);
        lua_pop(L, 1);
        return;
    }
    if (lua_rawgeti(L, idx, 1) != LUA_TNIL) {
        /* {id, classes, attributes} */
        a->id = sz_arena_strdup(doc->arena, lua_tostring(L, -1));
        lua_rawgeti(L, idx, 2);
        add_classes(L, lua_gettop(L), doc, a);
        if (lua_rawgeti(L, idx, 3) == LUA_TTABLE)
            to_attrlist(L, -1, doc, a);
        lua_pop(L, 3);
        return;
    }
    lua_pop(L, 1);
    /* {id = 'x', class = 'a b', key = 'v'} */
    lua_pushnil(L);
    size_t nk = 0, cap = 0;
    const char **keys = NULL;
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            continue;
        const char *k = lua_tostring(L, -1);
        if (!strcmp(k, "id") || !strcmp(k, "identifier")) {
            lua_pushvalue(L, -1);
            lua_gettable(L, idx);
            a->id = sz_arena_strdup(doc->arena, lua_tostring(L, -1));
            lua_pop(L, 1);
        } else if (!strcmp(k, "class") || !strcmp(k, "classes")) {
            lua_pushvalue(L, -1);
            lua_gettable(L, idx);
            add_classes(L, lua_gettop(L), doc, a);
            lua_pop(L, 1);
        } else {
            if (nk == cap) {
                cap = cap ? cap * 2 : 8;
                const char **nkeys = sz_arena_alloc(doc->arena, cap * sizeof *keys);
                if (nk)
                    memcpy(nkeys, keys, nk * sizeof *keys);
                keys = nkeys;
            }
            keys[nk++] = sz_arena_strdup(doc->arena, k);
        }
    }
    if (nk)
        qsort(keys, nk, sizeof *keys, cmp_str);
    for (size_t i = 0; i < nk; i++) {
        lua_getfield(L, idx, keys[i]);
        sz_attr_add_kv(doc, a, keys[i], luaL_tolstring(L, -1, NULL));
        lua_pop(L, 2);
    }
}

/* to_attr / field_attr into node n's Attr (the shared empty one when the
** filter gave none: most nodes have none). */
static void
node_to_attr(lua_State *L, int idx, struct sz_doc *doc, struct sz_node *n)
{
    struct sz_attr a;
    to_attr(L, idx, doc, &a);
    sz_node_set_attr(doc, n, &a);
}

static void
field_node_attr(lua_State *L, int idx, struct sz_doc *doc, struct sz_node *n)
{
    lua_getfield(L, idx, "attr");
    node_to_attr(L, -1, doc, n);
    lua_pop(L, 1);
}

static struct sz_node *to_node(lua_State *L, int idx, struct sz_doc *doc, int want, int depth);

static void
append(lua_State *L, struct sz_node *parent, struct sz_node *c)
{
    if (sz_node_append(parent, c) != 0)
        luaL_error(L, "a %s cannot contain a %s", sz_kind_name(parent->kind),
                   sz_kind_name(c->kind));
}

/* Splits text into Str, Space and SoftBreak as pandoc's string coercion does. */
static void
text_inlines(struct sz_doc *doc, struct sz_node *parent, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            int nl = 0;
            while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
                if (s[i] == '\n')
                    nl = 1;
                i++;
            }
            sz_node_append(parent, sz_node_new(doc, nl ? SZ_SOFTBREAK : SZ_SPACE));
        } else {
            size_t j = i;
            while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
                j++;
            sz_node_append(parent, sz_node_new_text(doc, SZ_STR, s + i, j - i));
            i = j;
        }
    }
}

void
sz_to_inlines(lua_State *L, int idx, struct sz_doc *doc, struct sz_node *parent, int depth)
{
    idx = lua_absindex(L, idx);
    descend(L, depth);
    int t = lua_type(L, idx);
    if (t == LUA_TNIL)
        return;
    if (t == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        text_inlines(doc, parent, s, n);
        return;
    }
    if (t != LUA_TTABLE)
        luaL_error(L, "Inline, list of Inlines, or string expected, got %s",
                   luaL_typename(L, idx));
    int code = sz_lua_code(L, idx);
    if (sz_kind_is_inline(code)) {
        append(L, parent, to_node(L, idx, doc, 'i', depth + 1));
        return;
    }
    if (sz_kind_is_block(code))
        luaL_error(L, "Inline, list of Inlines, or string expected, got Block");
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        if (lua_type(L, -1) == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            append(L, parent, sz_node_new_text(doc, SZ_STR, s, len));
        } else {
            append(L, parent, to_node(L, -1, doc, 'i', depth + 1));
        }
        lua_pop(L, 1);
    }
}

void
sz_to_blocks(lua_State *L, int idx, struct sz_doc *doc, struct sz_node *parent, int depth)
{
    idx = lua_absindex(L, idx);
    descend(L, depth);
    int t = lua_type(L, idx);
    if (t == LUA_TNIL)
        return;
    if (t == LUA_TSTRING) {
        struct sz_node *p = sz_node_new(doc, SZ_PLAIN);
        sz_to_inlines(L, idx, doc, p, depth + 1);
        append(L, parent, p);
        return;
    }
    if (t != LUA_TTABLE)
        luaL_error(L, "Block, list of Blocks, or compatible element expected, got %s",
                   luaL_typename(L, idx));
    int code = sz_lua_code(L, idx);
    if (sz_kind_is_block(code)) {
        append(L, parent, to_node(L, idx, doc, 'b', depth + 1));
        return;
    }
    if (sz_kind_is_inline(code) || code == T_INLINES) {
        struct sz_node *p = sz_node_new(doc, SZ_PLAIN);
        sz_to_inlines(L, idx, doc, p, depth + 1);
        append(L, parent, p);
        return;
    }
    if (code > SZ_NONE && code < SZ_KIND_COUNT)     /* a Caption, a Cell, ... */
        luaL_error(L, "Block, list of Blocks, or compatible element expected, got %s",
                   code_name(code));
    /* Each item of a list is a Block, or inlines (an Inline, a string, a
    ** list of them) that make a Plain of their own, as in pandoc. */
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        int ci = sz_lua_code(L, -1);
        if (sz_kind_is_block(ci) || (lua_type(L, -1) != LUA_TSTRING &&
                                     lua_type(L, -1) != LUA_TTABLE)) {
            append(L, parent, to_node(L, -1, doc, 'b', depth + 1));
        } else {
            struct sz_node *p = sz_node_new(doc, SZ_PLAIN);
            sz_to_inlines(L, -1, doc, p, depth + 1);
            append(L, parent, p);
        }
        lua_pop(L, 1);
    }
}

/* Copies the content of a still-lazy element from its source node. */
static int
copy_lazy(lua_State *L, int idx, const char *k, struct sz_doc *doc, struct sz_node *parent,
          int inl)
{
    if (!lazy_kind(parent->kind))
        return 0;
    const struct sz_node *src = lazy_source(L, idx, k);
    if (!src)
        return 0;
    struct sz_br *b = sz_br_get(L);
    if (src == b->replacing) {
        /* The element comes back in place of its own node, which leaves the
        ** tree: its children move over instead of being copied, and the
        ** element now reads from the new node. */
        struct sz_node *old = (struct sz_node *)src;
        for (struct sz_node *c = old->first, *next; c; c = next) {
            next = c->next;
            if (inl ? sz_kind_is_inline(c->kind) : sz_kind_is_block(c->kind)) {
                sz_node_unlink(c);
                append(L, parent, c);
            }
        }
        b->replacing = NULL;
        lua_rawgeti(L, LUA_REGISTRYINDEX, b->revmap);
        lua_pushnil(L);
        lua_rawsetp(L, -2, old);
        lua_pushvalue(L, idx);
        lua_rawsetp(L, -2, parent);
        lua_pop(L, 1);
        lua_rawgeti(L, LUA_REGISTRYINDEX, b->lazymap);
        lua_pushvalue(L, idx);
        lua_pushlightuserdata(L, parent);
        lua_rawset(L, -3);
        lua_pop(L, 1);
        return 1;
    }
    for (const struct sz_node *c = src->first; c; c = c->next)
        if (inl ? sz_kind_is_inline(c->kind) : sz_kind_is_block(c->kind))
            append(L, parent, sz_node_copy(doc, c));
    return 1;
}

/* An element without its content (a hand-built {t = 'Para'}) is refused,
** as pandoc's constructors refuse one: taken as empty, the text it
** replaces would be lost without a word. */
static void
no_field(lua_State *L, const struct sz_node *n, const char *k, const char *want)
{
    luaL_error(L, "%s: %s expected for its %s, got nil", sz_kind_name(n->kind), want, k);
}

static void
field_inlines(lua_State *L, int idx, const char *k, struct sz_doc *doc, struct sz_node *parent,
              int depth)
{
    if (copy_lazy(L, idx, k, doc, parent, 1))
        return;
    if (lua_getfield(L, idx, k) == LUA_TNIL)
        no_field(L, parent, k, "Inline, list of Inlines, or string");
    sz_to_inlines(L, -1, doc, parent, depth);
    lua_pop(L, 1);
}

/* Is the value at idx a plain list of Inline elements and strings? */
static int
inline_list(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE || sz_lua_code(L, idx) != SZ_NONE)
        return 0;
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        int ok = lua_type(L, -1) == LUA_TSTRING || sz_kind_is_inline(sz_lua_code(L, -1));
        lua_pop(L, 1);
        if (!ok)
            return 0;
    }
    return n > 0;
}

static void
field_blocks(lua_State *L, int idx, const char *k, struct sz_doc *doc, struct sz_node *parent,
             int depth)
{
    if (copy_lazy(L, idx, k, doc, parent, 0))
        return;
    if (lua_getfield(L, idx, k) == LUA_TNIL)
        no_field(L, parent, k, "Block, list of Blocks, or compatible element");
    if (inline_list(L, -1)) {
        /* pandoc's content setter reads a list of inlines as one Plain */
        struct sz_node *p = sz_node_new(doc, SZ_PLAIN);
        sz_to_inlines(L, -1, doc, p, depth + 1);
        append(L, parent, p);
    } else {
        sz_to_blocks(L, -1, doc, parent, depth);
    }
    lua_pop(L, 1);
}

/* Each element of the list at field k becomes a child of kind ck whose
** content is filled by fill (blocks or inlines). */
static void
field_items(lua_State *L, int idx, const char *k, struct sz_doc *doc, struct sz_node *parent,
            enum sz_kind ck, int depth)
{
    if (lua_getfield(L, idx, k) == LUA_TTABLE) {
        int li = lua_gettop(L);
        lua_Integer n = (lua_Integer)lua_rawlen(L, li);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, li, i);
            struct sz_node *c = sz_node_new(doc, ck);
            if (ck == SZ_LINE)
                sz_to_inlines(L, -1, doc, c, depth + 1);
            else
                sz_to_blocks(L, -1, doc, c, depth + 1);
            append(L, parent, c);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

static struct sz_node *
to_caption(lua_State *L, int idx, struct sz_doc *doc, int depth)
{
    struct sz_node *cap = sz_node_new(doc, SZ_CAPTION);
    idx = lua_absindex(L, idx);
    if (lua_isnoneornil(L, idx))
        return cap;
    if (!lua_istable(L, idx)) {
        sz_to_blocks(L, idx, doc, cap, depth + 1);
        return cap;
    }
    int code = sz_lua_code(L, idx);
    if (code != SZ_CAPTION && code != SZ_NONE) {
        /* Blocks or Inlines given where a Caption is expected */
        sz_to_blocks(L, idx, doc, cap, depth + 1);
        return cap;
    }
    if (lua_getfield(L, idx, "short") != LUA_TNIL) {
        struct sz_node *s = sz_node_new(doc, SZ_SHORTCAPTION);
        sz_to_inlines(L, -1, doc, s, depth + 1);
        append(L, cap, s);
    }
    lua_pop(L, 1);
    field_blocks(L, idx, "long", doc, cap, depth + 1);
    return cap;
}

/* Appends to parent a node of kind kind for each element of the list on
** top of the stack (popped; anything but a table gives none). */
static void
list_nodes(lua_State *L, struct sz_doc *doc, struct sz_node *parent, enum sz_kind kind,
           int depth)
{
    if (lua_type(L, -1) == LUA_TTABLE) {
        int li = lua_gettop(L);
        lua_Integer n = (lua_Integer)lua_rawlen(L, li);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, li, i);
            append(L, parent, to_node(L, -1, doc, kind, depth + 1));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* The same for the list at field k (rows, bodies, cells, citations). */
static void
field_nodes(lua_State *L, int idx, const char *k, struct sz_doc *doc, struct sz_node *parent,
            enum sz_kind kind, int depth)
{
    lua_getfield(L, idx, k);
    list_nodes(L, doc, parent, kind, depth);
}

/* Is the table at idx a positional {attr, list} instead of named fields? */
static int
positional(lua_State *L, int idx, const char *field)
{
    int r = 0;
    if (lua_getfield(L, idx, field) == LUA_TNIL)
        r = lua_rawgeti(L, idx, 2) == LUA_TTABLE, lua_pop(L, 1);
    lua_pop(L, 1);
    return r;
}

/* The node for the element at idx.  want: 'i' inline, 'b' block, or a
** component kind. */
static struct sz_node *
to_node(lua_State *L, int idx, struct sz_doc *doc, int want, int depth)
{
    idx = lua_absindex(L, idx);
    descend(L, depth);
    int code = sz_lua_code(L, idx);
    if (want == SZ_ROW || want == SZ_CELL || want == SZ_THEAD || want == SZ_TFOOT ||
        want == SZ_TBODY || want == SZ_CITATION) {
        if (!lua_istable(L, idx))
            luaL_error(L, "%s expected, got %s", sz_kind_name(want), luaL_typename(L, idx));
        code = want;
    } else if (want == 'i' && !sz_kind_is_inline(code)) {
        if (sz_kind_is_block(code))
            luaL_error(L, "Inline, list of Inlines, or string expected, got Block");
        luaL_error(L, "Inline expected, got %s", code ? code_name(code) : luaL_typename(L, idx));
    } else if (want == 'b' && !sz_kind_is_block(code)) {
        if (sz_kind_is_inline(code))
            luaL_error(L, "Block, list of Blocks, or compatible element expected, got Inline");
        luaL_error(L, "Block expected, got %s", code ? code_name(code) : luaL_typename(L, idx));
    }
    enum sz_kind k = (enum sz_kind)code;
    struct sz_node *n = sz_node_new(doc, k);
    switch (k) {
    case SZ_STR: {
        size_t len;
        if (lua_getfield(L, idx, "text") != LUA_TSTRING && !lua_isnumber(L, -1))
            luaL_error(L, "Str: text must be a string");
        const char *s = lua_tolstring(L, -1, &len);
        sz_node_set_text(doc, n, s, len);
        lua_pop(L, 1);
        break;
    }
    case SZ_SPACE: case SZ_SOFTBREAK: case SZ_LINEBREAK: case SZ_HRULE:
        break;
    case SZ_PLAIN: case SZ_PARA: case SZ_EMPH: case SZ_UNDERLINE: case SZ_STRONG:
    case SZ_STRIKEOUT: case SZ_SUPERSCRIPT: case SZ_SUBSCRIPT: case SZ_SMALLCAPS:
        field_inlines(L, idx, "content", doc, n, depth);
        break;
    case SZ_BLOCKQUOTE: case SZ_NOTE:
        field_blocks(L, idx, "content", doc, n, depth);
        break;
    case SZ_LINEBLOCK:
        field_items(L, idx, "content", doc, n, SZ_LINE, depth);
        break;
    case SZ_CODEBLOCK: case SZ_CODE: case SZ_RAWBLOCK: case SZ_RAWINLINE: case SZ_MATH: {
        size_t len;
        lua_getfield(L, idx, "text");
        const char *s = lua_tolstring(L, -1, &len);
        if (!s)
            luaL_error(L, "%s: text must be a string", sz_kind_name(k));
        sz_node_set_text(doc, n, s, len);
        lua_pop(L, 1);
        if (k == SZ_CODEBLOCK || k == SZ_CODE)
            field_node_attr(L, idx, doc, n);
        else if (k == SZ_MATH)
            n->sub = field_enum(L, idx, "mathtype", math_names, 0);
        else
            n->format = field_str(L, idx, "format", doc, "");
        break;
    }
    case SZ_ORDEREDLIST:
        field_items(L, idx, "content", doc, n, SZ_ITEM, depth);
        if (lua_getfield(L, idx, "listAttributes") == LUA_TTABLE) {
            n->ival = (int)field_int(L, -1, "start", 1);
            n->sub = field_enum(L, -1, "style", style_names, 0);
            n->sub2 = field_enum(L, -1, "delimiter", delim_names, 0);
        }
        lua_pop(L, 1);
        break;
    case SZ_BULLETLIST:
        field_items(L, idx, "content", doc, n, SZ_ITEM, depth);
        break;
    case SZ_DEFLIST:
        if (lua_getfield(L, idx, "content") == LUA_TTABLE) {
            int li = lua_gettop(L);
            lua_Integer cnt = (lua_Integer)lua_rawlen(L, li);
            for (lua_Integer i = 1; i <= cnt; i++) {
                lua_rawgeti(L, li, i);
                if (!lua_istable(L, -1))
                    luaL_error(L, "DefinitionList item must be a {term, definitions} pair");
                struct sz_node *it = sz_node_new(doc, SZ_DEFITEM);
                struct sz_node *term = sz_node_new(doc, SZ_TERM);
                lua_rawgeti(L, -1, 1);
                sz_to_inlines(L, -1, doc, term, depth + 2);
                lua_pop(L, 1);
                append(L, it, term);
                if (lua_rawgeti(L, -1, 2) == LUA_TTABLE) {
                    int di = lua_gettop(L);
                    lua_Integer nd = (lua_Integer)lua_rawlen(L, di);
                    for (lua_Integer j = 1; j <= nd; j++) {
                        struct sz_node *dn = sz_node_new(doc, SZ_DEFN);
                        lua_rawgeti(L, di, j);
                        sz_to_blocks(L, -1, doc, dn, depth + 2);
                        lua_pop(L, 1);
                        append(L, it, dn);
                    }
                }
                lua_pop(L, 2);
                append(L, n, it);
            }
        }
        lua_pop(L, 1);
        break;
    case SZ_HEADER:
        n->level = (int)field_int(L, idx, "level", 1);
        field_node_attr(L, idx, doc, n);
        field_inlines(L, idx, "content", doc, n, depth);
        break;
    case SZ_DIV: case SZ_SPAN:
        field_node_attr(L, idx, doc, n);
        if (k == SZ_DIV)
            field_blocks(L, idx, "content", doc, n, depth);
        else
            field_inlines(L, idx, "content", doc, n, depth);
        break;
    case SZ_FIGURE:
        field_node_attr(L, idx, doc, n);
        lua_getfield(L, idx, "caption");
        append(L, n, to_caption(L, -1, doc, depth));
        lua_pop(L, 1);
        field_blocks(L, idx, "content", doc, n, depth);
        break;
    case SZ_TABLE:
        field_node_attr(L, idx, doc, n);
        lua_getfield(L, idx, "caption");
        append(L, n, to_caption(L, -1, doc, depth));
        lua_pop(L, 1);
        if (lua_getfield(L, idx, "colspecs") == LUA_TTABLE) {
            int li = lua_gettop(L);
            lua_Integer cnt = (lua_Integer)lua_rawlen(L, li);
            for (lua_Integer i = 1; i <= cnt; i++) {
                struct sz_node *cs = sz_node_new(doc, SZ_COLSPEC);
                lua_rawgeti(L, li, i);
                int ci = lua_gettop(L);
                if (lua_istable(L, ci)) {
                    lua_rawgeti(L, ci, 1);
                    if (lua_type(L, -1) == LUA_TSTRING) {
                        const char *s = lua_tostring(L, -1);
                        for (int a = 0; align_names[a]; a++)
                            if (!strcmp(s, align_names[a]))
                                cs->sub = a;
                    }
                    lua_rawgeti(L, ci, 2);
                    cs->width = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 0;
                    lua_pop(L, 2);
                }
                lua_pop(L, 1);
                append(L, n, cs);
            }
        }
        lua_pop(L, 1);
        if (lua_getfield(L, idx, "head") == LUA_TTABLE)
            append(L, n, to_node(L, -1, doc, SZ_THEAD, depth + 1));
        else
            append(L, n, sz_node_new(doc, SZ_THEAD));
        lua_pop(L, 1);
        field_nodes(L, idx, "bodies", doc, n, SZ_TBODY, depth);
        if (lua_getfield(L, idx, "foot") == LUA_TTABLE)
            append(L, n, to_node(L, -1, doc, SZ_TFOOT, depth + 1));
        else
            append(L, n, sz_node_new(doc, SZ_TFOOT));
        lua_pop(L, 1);
        break;
    case SZ_THEAD: case SZ_TFOOT:
        if (positional(L, idx, "rows")) {
            /* {attr, rows}, as pandoc 2.x filters build them */
            lua_rawgeti(L, idx, 1);
            node_to_attr(L, -1, doc, n);
            lua_pop(L, 1);
            lua_rawgeti(L, idx, 2);
            list_nodes(L, doc, n, SZ_ROW, depth);
            break;
        }
        field_node_attr(L, idx, doc, n);
        field_nodes(L, idx, "rows", doc, n, SZ_ROW, depth);
        break;
    case SZ_TBODY: {
        field_node_attr(L, idx, doc, n);
        n->ival = (int)field_int(L, idx, "row_head_columns", 0);
        struct sz_node *h = sz_node_new(doc, SZ_TBODY_HEAD);
        field_nodes(L, idx, "head", doc, h, SZ_ROW, depth);
        append(L, n, h);
        field_nodes(L, idx, "body", doc, n, SZ_ROW, depth);
        break;
    }
    case SZ_ROW:
        if (positional(L, idx, "cells")) {
            lua_rawgeti(L, idx, 1);
            node_to_attr(L, -1, doc, n);
            lua_pop(L, 1);
            lua_rawgeti(L, idx, 2);
            lua_newtable(L);
            lua_insert(L, -2);
            lua_setfield(L, -2, "cells");  /* stack: {cells = t[2]} */
            int ci = lua_gettop(L);
            lua_getfield(L, ci, "cells");
            int li = lua_gettop(L);
            lua_Integer cnt = (lua_Integer)lua_rawlen(L, li);
            for (lua_Integer i = 1; i <= cnt; i++) {
                lua_rawgeti(L, li, i);
                append(L, n, to_node(L, -1, doc, SZ_CELL, depth + 1));
                lua_pop(L, 1);
            }
            lua_pop(L, 2);
            break;
        }
        field_node_attr(L, idx, doc, n);
        field_nodes(L, idx, "cells", doc, n, SZ_CELL, depth);
        break;
    case SZ_CELL:
        field_node_attr(L, idx, doc, n);
        n->sub = field_enum(L, idx, "alignment", align_names, 0);
        n->ival = (int)field_int(L, idx, "row_span", 1);
        n->ival2 = (int)field_int(L, idx, "col_span", 1);
        field_blocks(L, idx, "contents", doc, n, depth);
        break;
    case SZ_QUOTED:
        n->sub = field_enum(L, idx, "quotetype", quote_names, 0);
        field_inlines(L, idx, "content", doc, n, depth);
        break;
    case SZ_CITE:
        field_nodes(L, idx, "citations", doc, n, SZ_CITATION, depth);
        field_inlines(L, idx, "content", doc, n, depth);
        break;
    case SZ_CITATION: {
        n->text = field_str(L, idx, "id", doc, "");
        n->len = strlen(n->text);
        n->sub = field_enum(L, idx, "mode", mode_names, SZ_CITE_NORMAL);
        n->ival = (int)field_int(L, idx, "note_num", 0);
        n->ival2 = (int)field_int(L, idx, "hash", 0);
        struct sz_node *p = sz_node_new(doc, SZ_CITE_PREFIX);
        field_inlines(L, idx, "prefix", doc, p, depth);
        append(L, n, p);
        struct sz_node *s = sz_node_new(doc, SZ_CITE_SUFFIX);
        field_inlines(L, idx, "suffix", doc, s, depth);
        append(L, n, s);
        break;
    }
    case SZ_LINK: case SZ_IMAGE:
        field_node_attr(L, idx, doc, n);
        field_inlines(L, idx, k == SZ_LINK ? "content" : "caption", doc, n, depth);
        n->target->url = field_str(L, idx, k == SZ_LINK ? "target" : "src", doc, "");
        n->target->title = field_str(L, idx, "title", doc, "");
        break;
    default:
        luaL_error(L, "cannot convert a %s value", code_name(code));
    }
    return n;
}

struct sz_node *
sz_to_node(lua_State *L, int idx, struct sz_doc *doc, int depth)
{
    int code = sz_lua_code(L, idx);
    return to_node(L, idx, doc, sz_kind_is_inline(code) ? 'i' : 'b', depth);
}

/* Is the list at idx made only of elements accepted by is_k? */
static int
list_of(lua_State *L, int idx, int (*is_k)(enum sz_kind))
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        int ok = is_k((enum sz_kind)sz_lua_code(L, -1));
        lua_pop(L, 1);
        if (!ok)
            return 0;
    }
    return 1;
}

static void
to_meta_map(lua_State *L, int idx, struct sz_doc *doc, struct sz_node *map, int depth)
{
    size_t nk = 0, cap = 0;
    const char **keys = NULL;
    /* pandoc reads number keys as strings ({'a', 'b'} is the map
    ** {"1": "a", "2": "b"}): copy the entries under string keys first. */
    lua_newtable(L);
    int tmp = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int kt = lua_type(L, -2);
        if (kt != LUA_TSTRING && kt != LUA_TNUMBER) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushvalue(L, -2);
        lua_tostring(L, -1);           /* converts the copy, not the key */
        lua_insert(L, -2);
        lua_rawset(L, tmp);
    }
    idx = tmp;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (nk == cap) {
            cap = cap ? cap * 2 : 8;
            const char **nkeys = sz_arena_alloc(doc->arena, cap * sizeof *keys);
            if (nk)
                memcpy(nkeys, keys, nk * sizeof *keys);
            keys = nkeys;
        }
        keys[nk++] = sz_arena_strdup(doc->arena, lua_tostring(L, -1));
    }
    if (nk)
        qsort(keys, nk, sizeof *keys, cmp_str);
    for (size_t i = 0; i < nk; i++) {
        lua_getfield(L, idx, keys[i]);
        struct sz_node *v = sz_to_meta_value(L, -1, doc, depth + 1);
        lua_pop(L, 1);
        if (!v)
            continue;
        struct sz_node *e = sz_node_new(doc, SZ_META_ENTRY);
        e->text = keys[i];
        e->len = strlen(keys[i]);
        append(L, e, v);
        append(L, map, e);
    }
    lua_pop(L, 1);                     /* the copy */
}

struct sz_node *
sz_to_meta_value(lua_State *L, int idx, struct sz_doc *doc, int depth)
{
    idx = lua_absindex(L, idx);
    descend(L, depth);
    struct sz_node *v;
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        return NULL;
    case LUA_TBOOLEAN:
        v = sz_node_new(doc, SZ_META_BOOL);
        v->ival = lua_toboolean(L, idx);
        return v;
    case LUA_TSTRING:
    case LUA_TNUMBER: {
        size_t n;
        lua_pushvalue(L, idx);
        const char *s = lua_tolstring(L, -1, &n);
        v = sz_node_new_text(doc, SZ_META_STRING, s, n);
        lua_pop(L, 1);
        return v;
    }
    case LUA_TTABLE:
        break;
    default:
        luaL_error(L, "MetaValue expected, got %s", luaL_typename(L, idx));
    }
    int code = sz_lua_code(L, idx);
    if (sz_kind_is_inline(code) || code == T_INLINES) {
        v = sz_node_new(doc, SZ_META_INLINES);
        sz_to_inlines(L, idx, doc, v, depth + 1);
    } else if (sz_kind_is_block(code) || code == T_BLOCKS) {
        v = sz_node_new(doc, SZ_META_BLOCKS);
        sz_to_blocks(L, idx, doc, v, depth + 1);
    } else if (code == T_LIST || (code == SZ_NONE && lua_rawlen(L, idx) > 0 &&
                                  !list_of(L, idx, sz_kind_is_inline) &&
                                  !list_of(L, idx, sz_kind_is_block))) {
        v = sz_node_new(doc, SZ_META_LIST);
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            struct sz_node *c = sz_to_meta_value(L, -1, doc, depth + 1);
            if (c)
                append(L, v, c);
            lua_pop(L, 1);
        }
    } else if (code == SZ_NONE && lua_rawlen(L, idx) > 0 && list_of(L, idx, sz_kind_is_inline)) {
        v = sz_node_new(doc, SZ_META_INLINES);
        sz_to_inlines(L, idx, doc, v, depth + 1);
    } else if (code == SZ_NONE && lua_rawlen(L, idx) > 0) {
        v = sz_node_new(doc, SZ_META_BLOCKS);
        sz_to_blocks(L, idx, doc, v, depth + 1);
    } else {
        v = sz_node_new(doc, SZ_META_MAP);
        to_meta_map(L, idx, doc, v, depth);
    }
    return v;
}

void
sz_to_meta(lua_State *L, int idx, struct sz_doc *doc, int depth)
{
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx))
        luaL_error(L, "Meta expected, got %s", luaL_typename(L, idx));
    struct sz_node *map = sz_node_new(doc, SZ_META_MAP);
    to_meta_map(L, idx, doc, map, depth);
    doc->meta = map;
}

struct sz_doc *
sz_to_doc(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (sz_lua_code(L, idx) != SZ_DOC)
        luaL_error(L, "Pandoc expected, got %s", luaL_typename(L, idx));
    struct sz_doc *doc = sz_doc_box_new(L, NULL);   /* stack: box */
    lua_pushvalue(L, idx);
    sz_to_doc_in(L, -1, doc);
    lua_pop(L, 1);
    return doc;
}

void
sz_to_doc_in(lua_State *L, int idx, struct sz_doc *doc)
{
    idx = lua_absindex(L, idx);
    lua_getfield(L, idx, "blocks");
    sz_to_blocks(L, -1, doc, doc->root, 1);
    lua_pop(L, 1);
    if (lua_getfield(L, idx, "meta") == LUA_TTABLE)
        sz_to_meta(L, -1, doc, 1);
    lua_pop(L, 1);
}

int
sz_lazy_materialize(lua_State *L)
{
    return l_materialize(L);
}
