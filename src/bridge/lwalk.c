/*
** lwalk.c
** pandoc's filter traversal over the C tree: typewise passes and topdown.
** See LICENSE.
*/
#include <string.h>

#include "internal.h"
#include "bridge/lbridge.h"

/* Why in C and not in lua/: the walk marshals only the elements a filter
** function is called on, so a filter with just a Str function never builds
** tables for the blocks around it, and an unchanged element (nil returned)
** costs no unmarshalling at all.  The semantics are pandoc 3's:
**   typewise: inline functions, Inlines, block functions, Blocks, Meta,
**             Pandoc; metadata before the body; children before parents;
**   topdown:  Pandoc, Meta, then every list before its elements, elements
**             before their children; a second return value false prunes. */

struct walk {
    lua_State *L;
    int f;                          /* filter table (absolute index) */
    struct sz_doc *doc;
    char has[SZ_KIND_COUNT];        /* a function for this tag */
    int inline_fn, block_fn;        /* generic Inline / Block */
    int any_inline, any_block;      /* some inline / block function */
    int inlines_fn, blocks_fn, meta_fn, pandoc_fn;
    int topdown;
    int fns;                        /* table kind -> function (absolute index) */
    char fn[SZ_KIND_COUNT];         /* fns has an entry for this kind */
    int strfn;                      /* the Str function (absolute index) */
    int proxy;                      /* the one Str element refilled, or 0 */
    int proxy_text;                 /* ... whose text the function reads */
    int base;                       /* stack top before the walk */
};

static int
has_field_fn(lua_State *L, int f, const char *name)
{
    lua_getfield(L, f, name);
    int r = !lua_isnil(L, -1);
    if (r && !lua_isfunction(L, -1) && !luaL_getmetafield(L, -1, "__call"))
        r = 0;
    else if (r && !lua_isfunction(L, -1))
        lua_pop(L, 1);             /* the __call field */
    lua_pop(L, 1);
    return r;
}

/* A Str function that keeps nothing of its element (see lescape.c) gets
** one element refilled for every Str.  What each function does is worked
** out once and kept in a registry table with weak keys. */
static const char use_key = 0;

static void
str_proxy(struct walk *w)
{
    lua_State *L = w->L;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &use_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &use_key);
    }
    lua_rawgeti(L, w->fns, SZ_STR);
    int use;
    if (lua_rawget(L, -2) == LUA_TNUMBER) {
        use = (int)lua_tointeger(L, -1);
    } else {
        lua_rawgeti(L, w->fns, SZ_STR);
        use = sz_lua_str_use(L, -1);
        lua_pushinteger(L, use);
        lua_rawset(L, -4);           /* use[fn] = use */
    }
    lua_pop(L, 2);
    if (use == SZ_STR_ESCAPES)
        return;
    sz_push_str(L, "", 0);
    w->proxy = lua_gettop(L);
    w->proxy_text = use == SZ_STR_READ;
}

static void
walk_init(struct walk *w, lua_State *L, int f, struct sz_doc *doc)
{
    memset(w, 0, sizeof *w);
    w->L = L;
    w->base = lua_gettop(L);
    w->f = lua_absindex(L, f);
    w->doc = doc;
    luaL_checktype(L, w->f, LUA_TTABLE);
    for (int k = 1; k < SZ_KIND_COUNT; k++) {
        if (!sz_kind_is_inline(k) && !sz_kind_is_block(k))
            continue;
        w->has[k] = (char)has_field_fn(L, w->f, sz_kind_name(k));
        if (w->has[k]) {
            if (sz_kind_is_inline(k))
                w->any_inline = 1;
            else
                w->any_block = 1;
        }
    }
    w->inline_fn = has_field_fn(L, w->f, "Inline");
    w->block_fn = has_field_fn(L, w->f, "Block");
    w->any_inline |= w->inline_fn;
    w->any_block |= w->block_fn;
    w->inlines_fn = has_field_fn(L, w->f, "Inlines");
    w->blocks_fn = has_field_fn(L, w->f, "Blocks");
    w->meta_fn = has_field_fn(L, w->f, "Meta");
    w->pandoc_fn = has_field_fn(L, w->f, "Pandoc");
    if (lua_getfield(L, w->f, "traverse") == LUA_TSTRING) {
        const char *t = lua_tostring(L, -1);
        if (!strcmp(t, "topdown"))
            w->topdown = 1;
        else if (strcmp(t, "typewise"))
            luaL_error(L, "Unknown traversal type: %s", t);
    }
    lua_pop(L, 1);
    /* Functions by kind, so a call costs one rawgeti and no string lookup. */
    lua_createtable(L, SZ_KIND_COUNT, 0);
    w->fns = lua_gettop(L);
    for (int k = 1; k < SZ_KIND_COUNT; k++) {
        const char *name = NULL;
        if (w->has[k])
            name = sz_kind_name(k);
        else if (sz_kind_is_inline(k) && w->inline_fn)
            name = "Inline";
        else if (sz_kind_is_block(k) && w->block_fn)
            name = "Block";
        if (!name)
            continue;
        lua_getfield(L, w->f, name);
        lua_rawseti(L, w->fns, k);
        w->fn[k] = 1;
    }
    if (w->fn[SZ_STR]) {
        lua_rawgeti(L, w->fns, SZ_STR);     /* at hand for every word */
        w->strfn = lua_gettop(L);
        str_proxy(w);
    }
}

static void
check_depth(lua_State *L, int depth)
{
    if (depth > SZ_MAX_DEPTH)
        luaL_error(L, "document nested deeper than %d levels", SZ_MAX_DEPTH);
    if (!lua_checkstack(L, 6))
        luaL_error(L, "out of Lua stack space");
}

/* Pushes the Str element for s[0..n) a Str function is called with. */
static void
push_str(struct walk *w, const char *s, size_t n)
{
    lua_State *L = w->L;
    if (!w->proxy) {
        sz_push_str(L, s, n);
        return;
    }
    lua_pushvalue(L, w->proxy);
    if (w->proxy_text) {
        lua_pushlstring(L, s, n);
        lua_setfield(L, -2, "text");
    }
}

/* Pushes the element n a function is called with. */
static void
push_el(struct walk *w, const struct sz_node *n, int depth)
{
    if (n->kind == SZ_STR && !SZ_IS_RUN(n))
        push_str(w, n->text, n->len);
    else
        sz_push_node(w->L, n, depth);
}

/* Pushes the function for element kind k; returns 0 (nothing pushed) when
** the filter has none. */
static int
push_fn(struct walk *w, enum sz_kind k)
{
    if (!w->fn[k])
        return 0;
    lua_rawgeti(w->L, w->fns, k);
    return 1;
}

/* Replaces c by the elements in the Lua value on top of the stack (popped).
** Returns the first and last new nodes through first and last (NULL when the
** value deleted c). */
static void
splice(struct walk *w, struct sz_node *c, int inl, struct sz_node **first, struct sz_node **last)
{
    lua_State *L = w->L;
    sz_lazy_touch(L, c->parent);
    int code = sz_lua_code(L, -1);
    if (inl ? sz_kind_is_inline(code) : sz_kind_is_block(code)) {
        /* One element for one: the common case, without a holder node. */
        sz_br_get(L)->replacing = c;
        struct sz_node *x = sz_to_node(L, -1, w->doc, 1);
        sz_br_get(L)->replacing = NULL;
        lua_pop(L, 1);
        if (sz_node_replace(c, x) != 0)
            luaL_error(L, "a %s cannot be placed in a %s", sz_kind_name(x->kind),
                       sz_kind_name(c->parent->kind));
        *first = *last = x;
        return;
    }
    struct sz_node *tmp = sz_node_new(w->doc, inl ? SZ_SPAN : SZ_DIV);
    if (inl)
        sz_to_inlines(L, -1, w->doc, tmp, 1);
    else
        sz_to_blocks(L, -1, w->doc, tmp, 1);
    lua_pop(L, 1);
    *first = tmp->first;
    *last = sz_node_last(tmp);
    for (struct sz_node *x = tmp->first, *nx; x; x = nx) {
        nx = x->next;
        sz_node_unlink(x);
        if (sz_node_insert_before(c, x) != 0)
            luaL_error(L, "a %s cannot be placed in a %s", sz_kind_name(x->kind),
                       sz_kind_name(c->parent->kind));
    }
    sz_node_unlink(c);
}

/* The filter function called last, kept where the error handler finds it:
** an element it returned is converted after it has returned, so an error
** in that value has no Lua frame to name its file and line. */
const char sz_lua_fn_key = 0;

/* Calls the function below the n arguments on top of the stack. */
static void
call_filter(lua_State *L, int n, int nres)
{
    lua_pushvalue(L, -1 - n);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &sz_lua_fn_key);
    lua_call(L, n, nres);
}

/* A text run (SZ_STR_RUN) stays packed unless the filter has a function
** for a Space or a SoftBreak: then it becomes the elements it stands for
** here, in the tree, before the functions see them.  A filter with only a
** Str function is handed the run's words one by one (see str_run). */
static struct sz_node *
unpack(struct walk *w, struct sz_node *c)
{
    if (!SZ_IS_RUN(c) || !(w->fn[SZ_SPACE] || w->fn[SZ_SOFTBREAK]))
        return c;
    sz_lazy_touch(w->L, c->parent);
    return sz_run_expand(w->doc, c);
}

/* Calls the function below the element on top of the stack (both
** popped); leaves its first result on the stack and returns 1 unless it is
** nil, or the refilled Str element itself (the function cannot have changed
** it): then nothing is left.  With nres 2 (topdown), *prune is set when the
** second result is false. */
static int
call(struct walk *w, int nres, int *prune)
{
    lua_State *L = w->L;
    call_filter(L, 1, nres);
    *prune = 0;
    if (nres == 2) {
        *prune = lua_isboolean(L, -1) && !lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    if (lua_isnil(L, -1) || (w->proxy && lua_rawequal(L, -1, w->proxy))) {
        lua_pop(L, 1);
        return 0;
    }
    return 1;
}

static void topdown(struct walk *w, struct sz_node *parent, int depth);

/* Topdown goes on into the elements a function put in the place of one. */
static void
descend_new(struct walk *w, struct sz_node *a, const struct sz_node *b, int depth)
{
    for (struct sz_node *x = a; x; x = x->next) {
        if (sz_kind_is_container(x->kind))
            topdown(w, x, depth + 1);
        if (x == b)
            break;
    }
}

/* The text of a run being rebuilt: words a Str function replaced by
** other single words stay packed (in the arena, as everything else). */
struct rebuild {
    char *p;
    size_t len, cap;
};

static void
put(struct walk *w, struct rebuild *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = sz_arena_alloc(w->doc->arena, cap);
        if (b->len)
            memcpy(p, b->p, b->len);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Is the value on top of the stack a Str of one word (a run can hold it)?
** Its text through s, n. */
static int
one_word(lua_State *L, const char **s, size_t *n)
{
    if (sz_lua_code(L, -1) != SZ_STR)
        return 0;
    int ok = 0;
    if (lua_getfield(L, -1, "text") == LUA_TSTRING) {
        *s = lua_tolstring(L, -1, n);
        ok = *n > 0 && !memchr(*s, ' ', *n) && !memchr(*s, '\n', *n);
    }
    lua_pop(L, 1);
    return ok;
}

/* A node for text s[0..n) (a run if it has a separator) before r. */
static struct sz_node *
node_before(struct walk *w, struct sz_node *r, enum sz_kind k, const char *s, size_t n)
{
    struct sz_node *x = sz_node_new(w->doc, k);
    if (k == SZ_STR) {
        x->text = s;
        x->len = n;
        if (memchr(s, ' ', n) || memchr(s, '\n', n))
            x->sub = SZ_STR_RUN;
    }
    sz_node_insert_before(r, x);
    return x;
}

/* Calls the Str function on each word of run r, as if r were unpacked, but
** without making nodes for the words it leaves alone (returning nil) or
** replaces by another word: the run is split only around a word replaced
** by anything else.  nres is 2 when topdown. */
static void
str_run(struct walk *w, struct sz_node *r, int nres, int depth)
{
    lua_State *L = w->L;
    char *text = (char *)r->text;   /* the run's own arena copy */
    size_t len = r->len, pos = 0;
    size_t seg = 0;                 /* text[seg..) is not yet passed on */
    struct rebuild b = { NULL, 0, 0 };   /* changed words before seg */
    int split = 0;
    while (pos < len) {
        size_t at = pos;
        enum sz_kind sep;
        size_t wl = sz_run_next(text, len, &pos, &sep);
        if (!wl)
            continue;               /* a leading Space: no word */
        int prune;
        lua_pushvalue(L, w->strfn);
        push_str(w, text + at, wl);
        if (!call(w, nres, &prune))
            continue;
        const char *t;
        size_t tl;
        if (one_word(L, &t, &tl)) {
            if (tl != wl || memcmp(t, text + at, wl)) {
                put(w, &b, text + seg, at - seg);
                put(w, &b, t, tl);
                seg = at + wl;
            }
            lua_pop(L, 1);
            continue;
        }
        /* Anything else: what comes before the word becomes a run of its
        ** own, then its separator, then the word, spliced over. */
        sz_lazy_touch(L, r->parent);
        if (b.len || at > seg) {
            put(w, &b, text + seg, at - seg);   /* ends with a separator */
            char c = b.p[--b.len];
            b.p[b.len] = '\0';
            if (b.len)              /* not a leading Space alone */
                node_before(w, r, SZ_STR, b.p, b.len);
            node_before(w, r, c == '\n' ? SZ_SOFTBREAK : SZ_SPACE, NULL, 0);
        }
        b.p = NULL;
        b.len = b.cap = 0;
        struct sz_node *word =
            node_before(w, r, SZ_STR, sz_arena_strndup(w->doc->arena, text + at, wl), wl);
        if (sep != SZ_NONE)
            node_before(w, r, sep, NULL, 0);
        seg = pos;
        split = 1;
        struct sz_node *a, *z;
        splice(w, word, 1, &a, &z);
        if (nres == 2 && !prune && a)
            descend_new(w, a, z, depth);
    }
    if (!split && !b.len)
        return;                     /* untouched */
    sz_lazy_touch(L, r->parent);
    if (b.len) {
        put(w, &b, text + seg, len - seg);
        r->text = b.p;
        r->len = b.len;
    } else if (seg < len) {
        r->text = text + seg;
        r->len = len - seg;
    } else {
        sz_node_unlink(r);
        return;
    }
    r->sub = memchr(r->text, ' ', r->len) || memchr(r->text, '\n', r->len) ? SZ_STR_RUN : 0;
}

/* Typewise element pass over the children of parent (post-order). */
static void
elems(struct walk *w, struct sz_node *parent, int inl, int depth)
{
    lua_State *L = w->L;
    if (depth > SZ_MAX_DEPTH)
        luaL_error(L, "document nested deeper than %d levels", SZ_MAX_DEPTH);
    for (struct sz_node *c = parent->first, *next; c; c = next) {
        c = unpack(w, c);
        next = c->next;
        if (inl && SZ_IS_RUN(c)) {
            if (w->fn[SZ_STR])
                str_run(w, c, 1, depth);
            continue;
        }
        if (c->first)
            elems(w, c, inl, depth + 1);
        if (inl ? !sz_kind_is_inline(c->kind) : !sz_kind_is_block(c->kind))
            continue;
        if (!push_fn(w, c->kind))
            continue;
        push_el(w, c, depth);
        int prune;
        if (!call(w, 1, &prune))
            continue;
        struct sz_node *a, *b;
        splice(w, c, inl, &a, &b);
    }
}

static int
holds(const struct sz_node *n, int inl)
{
    return sz_can_contain(n->kind, inl ? SZ_STR : SZ_PARA);
}

/* Calls Inlines/Blocks on parent's list; replaces it unless nil came back. */
static void
apply_list(struct walk *w, struct sz_node *parent, int inl, int depth)
{
    lua_State *L = w->L;
    lua_getfield(L, w->f, inl ? "Inlines" : "Blocks");
    if (inl)
        sz_push_inlines(L, parent, depth);
    else
        sz_push_blocks(L, parent, depth);
    call_filter(L, 1, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    struct sz_node *tmp = sz_node_new(w->doc, inl ? SZ_SPAN : SZ_DIV);
    if (inl)
        sz_to_inlines(L, -1, w->doc, tmp, depth);
    else
        sz_to_blocks(L, -1, w->doc, tmp, depth);
    lua_pop(L, 1);
    sz_lazy_touch(L, parent);
    for (struct sz_node *c = parent->first, *next; c; c = next) {
        next = c->next;
        if (inl ? sz_kind_is_inline(c->kind) : sz_kind_is_block(c->kind))
            sz_node_unlink(c);
    }
    for (struct sz_node *x = tmp->first, *nx; x; x = nx) {
        nx = x->next;
        sz_node_unlink(x);
        if (sz_node_append(parent, x) != 0)
            luaL_error(L, "a %s cannot contain a %s", sz_kind_name(parent->kind),
                       sz_kind_name(x->kind));
    }
}

/* Typewise list pass (post-order: inner lists first). */
static void
lists(struct walk *w, struct sz_node *parent, int inl, int depth)
{
    check_depth(w->L, depth);
    for (struct sz_node *c = parent->first, *next; c; c = next) {
        next = c->next;
        if (sz_kind_is_container(c->kind))
            lists(w, c, inl, depth + 1);
    }
    if (holds(parent, inl))
        apply_list(w, parent, inl, depth);
}

/* Topdown: parent's lists, then each child before its own children. */
static void
topdown(struct walk *w, struct sz_node *parent, int depth)
{
    lua_State *L = w->L;
    check_depth(L, depth);
    /* Components that come before the list (a Cite's citations, a
    ** Figure's caption) are visited first, as pandoc's field order has it. */
    for (struct sz_node *c = parent->first, *next; c; c = next) {
        next = c->next;
        if (!sz_kind_is_inline(c->kind) && !sz_kind_is_block(c->kind) &&
            sz_kind_is_container(c->kind))
            topdown(w, c, depth + 1);
    }
    if (w->inlines_fn && holds(parent, 1))
        apply_list(w, parent, 1, depth);
    if (w->blocks_fn && holds(parent, 0))
        apply_list(w, parent, 0, depth);
    for (struct sz_node *c = parent->first, *next; c; c = next) {
        c = unpack(w, c);
        next = c->next;
        if (SZ_IS_RUN(c)) {
            if (w->fn[SZ_STR])
                str_run(w, c, 2, depth);
            continue;
        }
        int el = sz_kind_is_inline(c->kind) || sz_kind_is_block(c->kind);
        if (!el)
            continue;
        if (!push_fn(w, c->kind)) {
            if (sz_kind_is_container(c->kind))
                topdown(w, c, depth + 1);
            continue;
        }
        push_el(w, c, depth);
        int prune;
        if (!call(w, 2, &prune)) {
            if (!prune && sz_kind_is_container(c->kind))
                topdown(w, c, depth + 1);
            continue;
        }
        struct sz_node *a, *b;
        splice(w, c, sz_kind_is_inline(c->kind), &a, &b);
        if (!prune && a)
            descend_new(w, a, b, depth);
    }
}

static void
run_meta(struct walk *w)
{
    lua_State *L = w->L;
    lua_getfield(L, w->f, "Meta");
    sz_push_meta(L, w->doc->meta, 1);
    call_filter(L, 1, 1);
    if (!lua_isnil(L, -1))
        sz_to_meta(L, -1, w->doc, 1);
    lua_pop(L, 1);
}

static void
run_pandoc(struct walk *w)
{
    lua_State *L = w->L;
    lua_getfield(L, w->f, "Pandoc");
    sz_push_doc(L, w->doc);
    call_filter(L, 1, 1);
    if (!lua_isnil(L, -1)) {
        int idx = lua_gettop(L);
        if (sz_lua_code(L, idx) != SZ_DOC)
            luaL_error(L, "Pandoc expected, got %s", luaL_typename(L, idx));
        /* The new body and metadata are built in the document's own arena,
        ** which owns them whether or not this completes. */
        struct sz_node *root = sz_node_new(w->doc, SZ_DOC);
        lua_getfield(L, idx, "blocks");
        sz_to_blocks(L, -1, w->doc, root, 1);
        lua_pop(L, 1);
        if (lua_getfield(L, idx, "meta") == LUA_TTABLE)
            sz_to_meta(L, -1, w->doc, 1);
        else
            w->doc->meta = sz_node_new(w->doc, SZ_META_MAP);
        lua_pop(L, 1);
        w->doc->root = root;
    }
    lua_pop(L, 1);
}

static void
typewise(struct walk *w, struct sz_node *meta, struct sz_node *n)
{
    if (w->any_inline) {
        if (meta)
            elems(w, meta, 1, 1);
        elems(w, n, 1, 1);
    }
    if (w->inlines_fn) {
        if (meta)
            lists(w, meta, 1, 1);
        lists(w, n, 1, 1);
    }
    if (w->any_block) {
        if (meta)
            elems(w, meta, 0, 1);
        elems(w, n, 0, 1);
    }
    if (w->blocks_fn) {
        if (meta)
            lists(w, meta, 0, 1);
        lists(w, n, 0, 1);
    }
}

void
sz_walk_doc(lua_State *L, int fidx, struct sz_doc **docp)
{
    struct walk w;
    walk_init(&w, L, fidx, *docp);
    if (w.topdown) {
        if (w.pandoc_fn)
            run_pandoc(&w);
        if (w.meta_fn)
            run_meta(&w);
        topdown(&w, w.doc->meta, 1);
        topdown(&w, w.doc->root, 1);
    } else {
        typewise(&w, w.doc->meta, w.doc->root);
        if (w.meta_fn)
            run_meta(&w);
        if (w.pandoc_fn)
            run_pandoc(&w);
    }
    lua_settop(L, w.base);         /* the fns table, the proxy */
}

void
sz_walk_node(lua_State *L, int fidx, struct sz_doc *doc, struct sz_node *n)
{
    struct walk w;
    walk_init(&w, L, fidx, doc);
    if (w.topdown)
        topdown(&w, n, 1);
    else
        typewise(&w, NULL, n);
    lua_settop(L, w.base);         /* the fns table, the proxy */
}
