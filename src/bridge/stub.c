/*
** stub.c
** Placeholder until the Lua bridge lands.
** See LICENSE.
*/
#include "internal.h"
#include "bridge/bridge.h"

int
sz_lua_filter(struct sz_doc **doc, const char *path, const struct sz_lua_env *env,
              struct sz_diags *d)
{
    SZ_UNUSED(doc);
    SZ_UNUSED(env);
    sz_diag_add(d, SZ_ERROR, SZ_EXIT_LUA, path, 0, 0, -1, "Lua filters are not available yet");
    return SZ_EXIT_LUA;
}

int
sz_lua_write(const struct sz_doc *doc, const char *path, const struct sz_lua_env *env,
             struct sz_sink *out, struct sz_diags *d)
{
    SZ_UNUSED(doc);
    SZ_UNUSED(env);
    SZ_UNUSED(out);
    sz_diag_add(d, SZ_ERROR, SZ_EXIT_LUA, path, 0, 0, -1, "Lua writers are not available yet");
    return SZ_EXIT_LUA;
}
