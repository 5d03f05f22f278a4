/*
** path.h
** Slash-separated relative paths inside an archive or a package: the one
** normaliser batch's archives, the zip checks and the EPUB reader share.
** See LICENSE.
*/
#ifndef SZ_PATH_H
#define SZ_PATH_H

#include <stddef.h>

/* What ".." does: SZ_PATH_UP_REFUSE makes any ".." an error (a member name
** must not climb at all); SZ_PATH_UP_POP removes the component before it
** (a reference relative to a document), an error only above the start. */
enum sz_path_up { SZ_PATH_UP_REFUSE, SZ_PATH_UP_POP };

enum {
    SZ_PATH_OK = 0,
    SZ_PATH_LEAVES = -1,       /* ".." refused, or above the start */
    SZ_PATH_TOO_LONG = -2      /* a component longer than max_comp */
};

/** Appends the components of path to out, which holds *len bytes already
** (a clean prefix without a trailing slash, or nothing), one slash between
** components; empty and "." components are dropped, ".." as up says.
** out needs room for *len + strlen(path) + 2 bytes; it is NUL-terminated
** on success.  max_comp 0 means any length.  Returns an SZ_PATH_ code. */
int sz_path_append(char *out, size_t *len, const char *path, enum sz_path_up up,
                   size_t max_comp);

/** Does u begin with a URL scheme ("http:", "mailto:", "urn:")?  Then it is
** no path inside the package. */
int sz_path_has_scheme(const char *u);

#endif
