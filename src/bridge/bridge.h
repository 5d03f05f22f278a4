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
    const char *const *variables;  /* -V key=value (template variables) */
    size_t nvariables;
};

/** Runs the Lua filter file at path over *doc in a fresh Lua state.  On
** success *doc is replaced by the filtered document (the old one is freed)
** and 0 is returned; otherwise an sz_exit code (SZ_EXIT_FILTER, ...) with
** the error ("FILE:LINE: message" and a traceback) appended to d. */
/** Replaces each broken UTF-8 sequence in the document's strings (text,
** URLs, titles, attributes, metadata) by U+FFFD; returns how many strings
** were changed.  Run on what a Lua filter gave back. */
size_t sz_lua_clean_utf8(struct sz_doc *doc);
int sz_lua_filter(struct sz_doc **doc, const char *path, const struct sz_lua_env *env,
                  struct sz_diags *d);

/** Runs the Lua custom writer at path over doc, output to out.  Returns 0
** or an sz_exit code with the error appended to d. */
int sz_lua_write(const struct sz_doc *doc, const char *path, const struct sz_lua_env *env,
                 struct sz_sink *out, struct sz_diags *d);

/** Puts body (a writer's output) into the template file at path, with
** doc's metadata and env's variables as pandoc's templates see them, and
** writes the result to out.  Returns 0 or an sz_exit code (error in d). */
int sz_lua_template(const struct sz_doc *doc, const char *body, size_t len, const char *path,
                    const struct sz_lua_env *env, struct sz_sink *out, struct sz_diags *d);

/* The media bag (pandoc.mediabag): resources filters add, by path.  The
** EPUB writer asks it before reading an image from disk. */
/** Stores a copy of data[0..len) under path (replacing an older item). */
void sz_mediabag_insert(const char *path, const char *mime, const char *data, size_t len);
/** 0 and malloc'd copies (caller frees; any pointer may be NULL) when path
** is in the bag, else -1. */
int sz_mediabag_lookup(const char *path, char **mime, char **data, size_t *len);
void sz_mediabag_delete(const char *path);
void sz_mediabag_clear(void);
/** The path of item i (malloc'd), or NULL past the end. */
char *sz_mediabag_path(size_t i);

#endif
