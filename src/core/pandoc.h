/*
** pandoc.h
** Formats samizdat does not read or write itself go through an installed
** pandoc, over its JSON AST: `pandoc -f FORMAT -t json` reads, `pandoc -f
** json -t FORMAT` writes.
** See LICENSE.
*/
#ifndef SZ_CORE_PANDOC_H
#define SZ_CORE_PANDOC_H

#include "samizdat.h"

/** Does pandoc read (writer 0) or write (writer 1) the format?  fmt may
** carry +ext/-ext suffixes. */
int sz_pandoc_knows(const char *fmt, int writer);

/** The pandoc program: $SZ_PANDOC, or "pandoc" looked up on PATH. */
const char *sz_pandoc_program(void);

/** Is the program there (a path, or a name found on PATH)? */
int sz_pandoc_found(void);

/** Runs pandoc with args (NULL-terminated, after the program name) as
** sz_spawn_piped does. */
int sz_pandoc_run(const char *const *args, const char *in, size_t inlen, struct sz_buf *out);

/** The pandoc JSON api minor version the installed pandoc reads: 22 for
** pandoc 2.x, 23 otherwise. */
int sz_pandoc_api_minor(void);

/** The error for a format that needs pandoc when there is none, into d. */
void sz_pandoc_missing(struct sz_diags *d, int code, const char *what, const char *fmt);

/** Reads the inputs (files named on pandoc's command line), or data when
** inputs is NULL, as fmt with pandoc, appending to doc.  0 or an sz_exit
** code with the error in d. */
int sz_pandoc_read(struct sz_doc *doc, const char *fmt, const char *const *inputs, size_t n,
                   const char *data, size_t len, struct sz_diags *d);

/** Writes doc as fmt with pandoc (-s when wo->standalone) to out. */
int sz_pandoc_write(const struct sz_doc *doc, const char *fmt, const struct sz_wopts *wo,
                    struct sz_sink *out, struct sz_diags *d);

#endif
