/*
** lbridge.h
** Internals shared by the Lua bridge files: metatable codes, marshalling, walking.
** See LICENSE.
*/
#ifndef SZ_LBRIDGE_H
#define SZ_LBRIDGE_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "core/lazy_lua.h"

#include "bridge/bridge.h"

/* Lua-side types that are not node kinds get codes after the node kinds.
** Every code has a metatable made by lua/samizdat/types.lua. */
enum {
    T_ATTR = SZ_KIND_COUNT,
    T_ATTRLIST,
    T_LIST,
    T_INLINES,
    T_BLOCKS,
    T_META,
    T_LISTATTR,
    T_COUNT
};

/* Per-state bridge data, a userdata in the registry.  Metatables are kept
** as registry references so marshalling a Str costs one rawgeti. */
struct sz_br {
    int mt[T_COUNT];           /* registry refs of the metatables */
    int kindmap;               /* registry ref: metatable -> code */
    int lazy;                  /* marshal element contents lazily */
    int lazymap;               /* registry ref: element table -> node (weak keys) */
    int revmap;                /* registry ref: node -> element table (weak values) */
    size_t nlazy;              /* lazy elements made so far (0: none to check) */
    const struct sz_node *replacing;  /* the node a returned element replaces */
    int anchors;               /* registry ref: element -> box (weak keys) */
    int anchor;                /* stack index of the box being marshalled, or 0 */
    const struct sz_lua_env *env;
};

/** The bridge data of L (set up by sz_br_setup). */
struct sz_br *sz_br_get(lua_State *L);
/** Creates the bridge data after the `samizdat` module is loaded. */
void sz_br_setup(lua_State *L, const struct sz_lua_env *env);
/* Registry key (lightuserdata &sz_lua_fn_key) of the filter function the
** walker called last (lwalk.c). */
extern const char sz_lua_fn_key;

/* Marshalling: C tree -> Lua values (push) and back (into doc's arena). */
void sz_push_node(lua_State *L, const struct sz_node *n, int depth);
/** A Str element for s[0..n): the hot path of every Str filter. */
void sz_push_str(lua_State *L, const char *s, size_t n);
void sz_push_inlines(lua_State *L, const struct sz_node *parent, int depth);
void sz_push_blocks(lua_State *L, const struct sz_node *parent, int depth);
void sz_push_meta(lua_State *L, const struct sz_node *map, int depth);
void sz_push_doc(lua_State *L, const struct sz_doc *doc);
/** Code (node kind or T_*) of the value at idx, or SZ_NONE. */
int sz_lua_code(lua_State *L, int idx);
/** Appends the inlines/blocks at idx (coerced as pandoc does) to parent. */
void sz_to_inlines(lua_State *L, int idx, struct sz_doc *doc, struct sz_node *parent, int depth);
void sz_to_blocks(lua_State *L, int idx, struct sz_doc *doc, struct sz_node *parent, int depth);
/** The inline or block element at idx as a new node of doc. */
struct sz_node *sz_to_node(lua_State *L, int idx, struct sz_doc *doc, int depth);
struct sz_node *sz_to_meta_value(lua_State *L, int idx, struct sz_doc *doc, int depth);
/** Replaces doc's metadata by the Meta table at idx. */
void sz_to_meta(lua_State *L, int idx, struct sz_doc *doc, int depth);
/** A new document from the Pandoc value at idx, boxed in a userdata left on
** the stack (freed by __gc unless taken with sz_doc_box_take). */
struct sz_doc *sz_to_doc(lua_State *L, int idx);
/** Fills the empty document doc from the Pandoc value at idx. */
void sz_to_doc_in(lua_State *L, int idx, struct sz_doc *doc);
/** A new boxed empty document pushed on the stack. */
struct sz_doc *sz_doc_box_new(lua_State *L, const char *source);
/** Takes the document out of the box at idx (the box then frees nothing). */
struct sz_doc *sz_doc_box_take(lua_State *L, int idx);

/* Lazy contents: an element marshalled while walking the filtered document
** gets its content list only when Lua asks for it, and an unchanged content
** is copied node to node when the element comes back.  Before C changes
** the children of a node, sz_lazy_touch gives any element still reading
** from it its own copy. */
void sz_lazy_touch(lua_State *L, const struct sz_node *n);
/** While the box (a value boxing a document, as sz_doc_box_new makes) at
** stack index idx is the anchor, every element marshalled lazily from its
** nodes keeps it alive, and so do the elements marshalled from those later.
** 0: none (the conversion's own document, which outlives the state).
** Returns the previous anchor, to be set back. */
int sz_anchor_set(lua_State *L, int idx);
int sz_lazy_set(lua_State *L, int on);
/** Lua: materialize(element) gives a lazy element its content now. */
int sz_lazy_materialize(lua_State *L);

/* What a Str function does with its element (lescape.c). */
enum {
    SZ_STR_ESCAPES = 0,        /* may keep it: give it a new element each time */
    SZ_STR_READ,               /* reads el.text, keeps nothing */
    SZ_STR_UNREAD              /* never reads el.text, keeps nothing */
};
/** Classifies the function at idx by its bytecode (SZ_STR_*). */
int sz_lua_str_use(lua_State *L, int idx);

/* Walking (lwalk.c). */
enum { SZ_WALK_DOC = 0, SZ_WALK_CHILDREN = 1 };
/** Applies the filter table at fidx to doc (whole document).  May replace
** *docp (the Pandoc function) with a new boxed document. */
void sz_walk_doc(lua_State *L, int fidx, struct sz_doc **docp);
/** Applies the filter to the children of node n (and n's own lists). */
void sz_walk_node(lua_State *L, int fidx, struct sz_doc *doc, struct sz_node *n);

/* The C helpers of the `samizdat` module (lsamizdat.c). */
int sz_luaopen_core(lua_State *L);

#endif
