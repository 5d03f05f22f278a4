/*
** xmlout.h
** XML markup into a buffer, byte for byte as libxml2's xmlTextWriter writes it.
** See LICENSE.
**
** The TEI, HTML and EPUB writers used xmlTextWriter (without indentation),
** whose calls, lists and string copies cost more than the text they
** escaped, and which needed libxml2 loaded for every such conversion.  This
** writes the same bytes for the calls those writers make: tests compare the
** two on every corpus book and on random call sequences.
*/
#ifndef SZ_XMLOUT_H
#define SZ_XMLOUT_H

#include "internal.h"

struct sz_xo {
    struct sz_buf *out;        /* where markup goes (appended) */
    struct sz_buf names;       /* the open elements' names, each NUL-ended */
    size_t *at;                /* where each open name starts in names */
    size_t depth, cap;
    int open;                  /* the innermost start tag still lacks its '>' */
    int declared;              /* an XML declaration with its encoding was written */
};

/** A writer appending to out (borrowed). */
void sz_xo_init(struct sz_xo *x, struct sz_buf *out);
void sz_xo_free(struct sz_xo *x);
/** <?xml version="1.0" encoding="UTF-8"?> and a newline.  From then on
** attribute values keep non-ASCII characters as they are (before, as
** xmlTextWriter does without a declared encoding, they become &#xHEX;). */
void sz_xo_declaration(struct sz_xo *x);
/** <!DOCTYPE name> (no newline). */
void sz_xo_doctype(struct sz_xo *x, const char *name);
/** <name; its attributes may follow. */
void sz_xo_start(struct sz_xo *x, const char *name);
/** name="value" on the start tag just written; -1 when there is none. */
int sz_xo_attr(struct sz_xo *x, const char *name, const char *value, size_t n);
/** Text: & < > " and CR escaped inside an element, as it is outside any. */
void sz_xo_text(struct sz_xo *x, const char *s, size_t n);
/** Markup as it is (after closing a pending start tag). */
void sz_xo_raw(struct sz_xo *x, const char *s, size_t n);
/** Ends the innermost element: "/>" when it is empty, else an end tag;
** with full, an end tag always.  -1 when none is open. */
int sz_xo_end(struct sz_xo *x, int full);
/** Ends every open element and writes the final newline. */
void sz_xo_finish(struct sz_xo *x);

#endif
