/*
** test_lescape.c
** Which Str functions may be handed one refilled element (src/bridge/lescape.c).
** See LICENSE.
*/
#include <lualib.h>

#include "harness.h"
#include "samizdat.h"
#include "bridge/lbridge.h"

static const char *const use_name[] = { "escapes", "reads text", "text unread" };

/* The chunk returns the function to classify. */
static void
expect(lua_State *L, const char *chunk, int want)
{
    char name[256];
    snprintf(name, sizeof name, "%s: %s", use_name[want], chunk);
    if (luaL_loadstring(L, chunk) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
        OK(0, name);
        lua_settop(L, 0);
        return;
    }
    INT_EQ(sz_lua_str_use(L, -1), want, name);
    lua_settop(L, 0);
}

int
main(void)
{
    h_suite = "lescape";
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    /* nothing of the element outlives the call */
    expect(L, "return function(el) return nil end", SZ_STR_UNREAD);
    expect(L, "return function(el) end", SZ_STR_UNREAD);
    expect(L, "return function() n = (n or 0) + 1 end", SZ_STR_UNREAD);
    expect(L, "local n = 0 return function() n = n + 1 end", SZ_STR_UNREAD);
    expect(L, "return function(el) if el.t == 'Str' then return {} end end", SZ_STR_UNREAD);
    expect(L, "return function(el) if el then return nil end end", SZ_STR_UNREAD);
    expect(L, "return function(el) return pandoc.Str(el.text:upper()) end", SZ_STR_READ);
    expect(L, "return function(s) if s.text == 'the' then return {} end end", SZ_STR_READ);
    expect(L, "return function(el) local k = 'te' .. 'xt' return pandoc.Str(el[k]) end",
           SZ_STR_READ);
    expect(L, "local seen = {} return function(el) seen[el.text] = true end", SZ_STR_READ);
    expect(L, "return function(el) for i = 1, #el.text do x = el.text:sub(i, i) end end",
           SZ_STR_READ);
    expect(L, "return function(el, ...) return ... end", SZ_STR_UNREAD);
    /* the element may be kept, returned, changed or passed on */
    expect(L, "return function(el) return el end", SZ_STR_UNREAD);
    expect(L, "return function(el) el.text = 'x' return el end", SZ_STR_ESCAPES);
    expect(L, "return function(el) el.text = 'x' end", SZ_STR_ESCAPES);
    expect(L, "local t = {} return function(el) t[#t + 1] = el end", SZ_STR_ESCAPES);
    expect(L, "return function(el) kept = el end", SZ_STR_ESCAPES);
    expect(L, "local k return function(el) k = el end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return {el, pandoc.Space()} end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return pandoc.Emph{el} end", SZ_STR_ESCAPES);
    expect(L, "return function(el) print(el) end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return el:clone() end", SZ_STR_ESCAPES);
    expect(L, "return function(el) local e = el return nil end", SZ_STR_ESCAPES);
    expect(L, "return function(el) local t = {[el] = 1} end", SZ_STR_ESCAPES);
    expect(L, "return function(el) x = t[el] end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return function() return el end end", SZ_STR_ESCAPES);
    expect(L, "return function(el) el = pandoc.Str('x') return el end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return f(el) end", SZ_STR_ESCAPES);
    /* (el is copied to sit before false: taken as an escape) */
    expect(L, "return function(el) if el.t then return el, false end end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return {el} end", SZ_STR_ESCAPES);
    expect(L, "return function(el) if el == last then return {} end end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return #el end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return el and 1 end", SZ_STR_ESCAPES);
    expect(L, "return function(el) error(el) end", SZ_STR_ESCAPES);
    expect(L, "return function(...) keep = ... end", SZ_STR_ESCAPES);
    expect(L, "return function(...) local t = {...} end", SZ_STR_ESCAPES);
    expect(L, "return function(el) for k, v in pairs(el) do end end", SZ_STR_ESCAPES);
    expect(L, "return function(el) return tostring(el) .. '' end", SZ_STR_ESCAPES);
    expect(L, "return print", SZ_STR_ESCAPES);
    expect(L, "return setmetatable({}, {__call = function() end})", SZ_STR_ESCAPES);
    lua_close(L);
    return h_failed ? 1 : 0;
}
