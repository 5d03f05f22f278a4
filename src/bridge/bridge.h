/*
** bridge.h
** The Lua side of samizdat as seen from C: filters and custom writers.
** See LICENSE.
*/
#ifndef SZ_BRIDGE_H
#define SZ_BRIDGE_H

#include "samizdat.h"

/* What a filter sees of the conversion (FORMAT, PANDOC_STATE, options). */
struct sz_lua_env {
    const char *format;            /* final writer's name: FORMAT */
    const char *const *inputs;     /* input files, as given */
    size_t ninputs;
    const char *output;            /* output file, or NULL for stdout */
    const struct sz_ropts *ropts;
    const struct sz_wopts *wopts;
    int verbosity;                 /* 0 quiet, 1 normal, 2 verbose */
};

/** Runs the Lua filter file at path over *doc in a fresh Lua state.  On
** success *doc is replaced by the filtered document (the old one is freed)
** and 0 is returned; otherwise an sz_exit code (SZ_EXIT_FILTER, ...) with
** the error ("FILE:LINE: message" and a traceback) appended to d. */
int sz_lua_filter(struct sz_doc **doc, const char *path, const struct sz_lua_env *env,
                  struct sz_diags *d);

/** Runs the Lua custom writer at path over doc, output to out.  Returns 0
** or an sz_exit code with the error appended to d. */
int sz_lua_write(const struct sz_doc *doc, const char *path, const struct sz_lua_env *env,
                 struct sz_sink *out, struct sz_diags *d);

#endif
