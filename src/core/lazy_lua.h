/*
** lazy_lua.h
** Lua 5.4 and LPeg, loaded the first time a Lua function is called: only
** the conversions that run a filter pay for loading them.
** See LICENSE.
**
** Include this after every Lua header (lua.h, lauxlib.h, lualib.h: they
** declare the functions as (name), which the macros below would break).
** As in lazy_zip.h, every name below then calls through a pointer filled
** by dlopen/dlsym on first use.  A Lua function not listed here fails to
** link: add it.
*/
#ifndef SZ_LAZY_LUA_H
#define SZ_LAZY_LUA_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

/* LPeg's entry point (liblua5.4-lpeg has no header). */
int luaopen_lpeg(lua_State *L);

#define SZ_LUA_SYMS(X) \
    X(luaL_addlstring) \
    X(luaL_buffinit) \
    X(luaL_callmeta) \
    X(luaL_checkinteger) \
    X(luaL_checklstring) \
    X(luaL_checktype) \
    X(luaL_checkudata) \
    X(luaL_checkversion_) \
    X(luaL_error) \
    X(luaL_getmetafield) \
    X(luaL_getsubtable) \
    X(luaL_loadbufferx) \
    X(luaL_loadfilex) \
    X(luaL_loadstring) \
    X(luaL_newmetatable) \
    X(luaL_newstate) \
    X(luaL_openlibs) \
    X(luaL_optlstring) \
    X(luaL_pushresult) \
    X(luaL_ref) \
    X(luaL_setfuncs) \
    X(luaL_tolstring) \
    X(luaL_traceback) \
    X(lua_absindex) \
    X(lua_atpanic) \
    X(lua_callk) \
    X(lua_checkstack) \
    X(lua_close) \
    X(lua_copy) \
    X(lua_createtable) \
    X(lua_dump) \
    X(lua_error) \
    X(lua_gc) \
    X(lua_getfield) \
    X(lua_getglobal) \
    X(lua_getinfo) \
    X(lua_getiuservalue) \
    X(lua_getmetatable) \
    X(lua_getstack) \
    X(lua_gettable) \
    X(lua_gettop) \
    X(lua_iscfunction) \
    X(lua_isnumber) \
    X(lua_newstate) \
    X(lua_newuserdatauv) \
    X(lua_next) \
    X(lua_pcallk) \
    X(lua_pushboolean) \
    X(lua_pushcclosure) \
    X(lua_pushfstring) \
    X(lua_pushinteger) \
    X(lua_pushlightuserdata) \
    X(lua_pushlstring) \
    X(lua_pushnil) \
    X(lua_pushnumber) \
    X(lua_pushstring) \
    X(lua_pushvalue) \
    X(lua_rawequal) \
    X(lua_rawget) \
    X(lua_rawgeti) \
    X(lua_rawgetp) \
    X(lua_rawlen) \
    X(lua_rawset) \
    X(lua_rawseti) \
    X(lua_rawsetp) \
    X(lua_rotate) \
    X(lua_setfield) \
    X(lua_setiuservalue) \
    X(lua_setmetatable) \
    X(lua_settop) \
    X(lua_toboolean) \
    X(lua_tointegerx) \
    X(lua_tolstring) \
    X(lua_tonumberx) \
    X(lua_touserdata) \
    X(lua_type) \
    X(lua_typename) \
    X(luaopen_lpeg)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_lua_api {
    SZ_LUA_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_lua_api sz_lua_api;
extern int sz_lua_ready;
void sz_lua_load(void);

#define SZ_LUA(f) \
    (__atomic_load_n(&sz_lua_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_lua_load(), sz_lua_api.p_##f)

#define luaL_addlstring (*SZ_LUA(luaL_addlstring))
#define luaL_buffinit (*SZ_LUA(luaL_buffinit))
#define luaL_callmeta (*SZ_LUA(luaL_callmeta))
#define luaL_checkinteger (*SZ_LUA(luaL_checkinteger))
#define luaL_checklstring (*SZ_LUA(luaL_checklstring))
#define luaL_checktype (*SZ_LUA(luaL_checktype))
#define luaL_checkudata (*SZ_LUA(luaL_checkudata))
#define luaL_checkversion_ (*SZ_LUA(luaL_checkversion_))
#define luaL_error (*SZ_LUA(luaL_error))
#define luaL_getmetafield (*SZ_LUA(luaL_getmetafield))
#define luaL_getsubtable (*SZ_LUA(luaL_getsubtable))
#define luaL_loadbufferx (*SZ_LUA(luaL_loadbufferx))
#define luaL_loadfilex (*SZ_LUA(luaL_loadfilex))
#define luaL_loadstring (*SZ_LUA(luaL_loadstring))
#define luaL_newmetatable (*SZ_LUA(luaL_newmetatable))
#define luaL_newstate (*SZ_LUA(luaL_newstate))
#define luaL_openlibs (*SZ_LUA(luaL_openlibs))
#define luaL_optlstring (*SZ_LUA(luaL_optlstring))
#define luaL_pushresult (*SZ_LUA(luaL_pushresult))
#define luaL_ref (*SZ_LUA(luaL_ref))
#define luaL_setfuncs (*SZ_LUA(luaL_setfuncs))
#define luaL_tolstring (*SZ_LUA(luaL_tolstring))
#define luaL_traceback (*SZ_LUA(luaL_traceback))
#define lua_absindex (*SZ_LUA(lua_absindex))
#define lua_atpanic (*SZ_LUA(lua_atpanic))
#define lua_callk (*SZ_LUA(lua_callk))
#define lua_checkstack (*SZ_LUA(lua_checkstack))
#define lua_close (*SZ_LUA(lua_close))
#define lua_copy (*SZ_LUA(lua_copy))
#define lua_createtable (*SZ_LUA(lua_createtable))
#define lua_dump (*SZ_LUA(lua_dump))
#define lua_error (*SZ_LUA(lua_error))
#define lua_gc (*SZ_LUA(lua_gc))
#define lua_getfield (*SZ_LUA(lua_getfield))
#define lua_getglobal (*SZ_LUA(lua_getglobal))
#define lua_getinfo (*SZ_LUA(lua_getinfo))
#define lua_getiuservalue (*SZ_LUA(lua_getiuservalue))
#define lua_getmetatable (*SZ_LUA(lua_getmetatable))
#define lua_getstack (*SZ_LUA(lua_getstack))
#define lua_gettable (*SZ_LUA(lua_gettable))
#define lua_gettop (*SZ_LUA(lua_gettop))
#define lua_iscfunction (*SZ_LUA(lua_iscfunction))
#define lua_isnumber (*SZ_LUA(lua_isnumber))
#define lua_newstate (*SZ_LUA(lua_newstate))
#define lua_newuserdatauv (*SZ_LUA(lua_newuserdatauv))
#define lua_next (*SZ_LUA(lua_next))
#define lua_pcallk (*SZ_LUA(lua_pcallk))
#define lua_pushboolean (*SZ_LUA(lua_pushboolean))
#define lua_pushcclosure (*SZ_LUA(lua_pushcclosure))
#define lua_pushfstring (*SZ_LUA(lua_pushfstring))
#define lua_pushinteger (*SZ_LUA(lua_pushinteger))
#define lua_pushlightuserdata (*SZ_LUA(lua_pushlightuserdata))
#define lua_pushlstring (*SZ_LUA(lua_pushlstring))
#define lua_pushnil (*SZ_LUA(lua_pushnil))
#define lua_pushnumber (*SZ_LUA(lua_pushnumber))
#define lua_pushstring (*SZ_LUA(lua_pushstring))
#define lua_pushvalue (*SZ_LUA(lua_pushvalue))
#define lua_rawequal (*SZ_LUA(lua_rawequal))
#define lua_rawget (*SZ_LUA(lua_rawget))
#define lua_rawgeti (*SZ_LUA(lua_rawgeti))
#define lua_rawgetp (*SZ_LUA(lua_rawgetp))
#define lua_rawlen (*SZ_LUA(lua_rawlen))
#define lua_rawset (*SZ_LUA(lua_rawset))
#define lua_rawseti (*SZ_LUA(lua_rawseti))
#define lua_rawsetp (*SZ_LUA(lua_rawsetp))
#define lua_rotate (*SZ_LUA(lua_rotate))
#define lua_setfield (*SZ_LUA(lua_setfield))
#define lua_setiuservalue (*SZ_LUA(lua_setiuservalue))
#define lua_setmetatable (*SZ_LUA(lua_setmetatable))
#define lua_settop (*SZ_LUA(lua_settop))
#define lua_toboolean (*SZ_LUA(lua_toboolean))
#define lua_tointegerx (*SZ_LUA(lua_tointegerx))
#define lua_tolstring (*SZ_LUA(lua_tolstring))
#define lua_tonumberx (*SZ_LUA(lua_tonumberx))
#define lua_touserdata (*SZ_LUA(lua_touserdata))
#define lua_type (*SZ_LUA(lua_type))
#define lua_typename (*SZ_LUA(lua_typename))
#define luaopen_lpeg (*SZ_LUA(luaopen_lpeg))

#endif
