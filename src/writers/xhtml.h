/*
** xhtml.h
** Shared (X)HTML rendering of the tree for the HTML and EPUB writers.
** See LICENSE.
*/
#ifndef SZ_XHTML_H
#define SZ_XHTML_H

#include "samizdat.h"
#include "writers/xmlout.h"

/* {=================================================================
** A checked XML writer into memory (src/writers/xmlout.c, the bytes
** libxml2's xmlTextWriter would write).  The first failing call sets err
** and every later call is a no-op, so callers check once at the end.
** ================================================================== */
struct sz_xw {
    struct sz_xo xo;
    struct sz_buf buf;
    int err;
};
int sz_xw_open(struct sz_xw *x);
/** <?xml version="1.0" encoding="UTF-8"?> and a newline. */
void sz_xw_declaration(struct sz_xw *x);
/** <!DOCTYPE name> */
void sz_xw_doctype(struct sz_xw *x, const char *name);
void sz_xw_start(struct sz_xw *x, const char *name);
void sz_xw_attr(struct sz_xw *x, const char *name, const char *value);
/** Text (escaped; characters XML cannot hold are replaced). */
void sz_xw_text(struct sz_xw *x, const char *s, size_t n);
void sz_xw_puts(struct sz_xw *x, const char *s);
/** Markup written as it is (characters XML cannot hold are replaced). */
void sz_xw_raw(struct sz_xw *x, const char *s, size_t n);
/** Our own constant markup (never user text), as it is. */
void sz_xw_markup(struct sz_xw *x, const char *s);
/** Closes the open element with an end tag (never "<x/>"). */
void sz_xw_end(struct sz_xw *x);
/** Closes the open element as "<x/>" (void elements: br, img, hr, meta...). */
void sz_xw_end_void(struct sz_xw *x);
/** <name>text</name> */
void sz_xw_elem(struct sz_xw *x, const char *name, const char *text);
/** Ends the document; returns the malloc'd bytes (caller frees), or NULL
** (with err set) when any call failed.  Frees the writer either way. */
char *sz_xw_finish(struct sz_xw *x, size_t *len);
void sz_xw_discard(struct sz_xw *x);


/* {=================================================================
** The renderer
** ================================================================== */
struct sz_xhtml;

struct sz_xhtml_hooks {
    /* EPUB: the packaged path of an image, or NULL when it is missing (its
    ** alt text is written instead). */
    const char *(*image_src)(void *ud, const struct sz_node *img);
    /* EPUB: the file that holds target (a node with an id). */
    const char *(*id_file)(void *ud, const struct sz_node *target);
    void *ud;
};

/** A renderer for doc.  epub selects XHTML for EPUB (epub:type, links only
** to what is in the package, raw HTML sanitised; HTML keeps raw HTML as
** written).  Gives every node with an id (in EPUB also every heading) a
** unique, sanitised id (note ids fnN / fnrefN are reserved). */
struct sz_xhtml *sz_xhtml_new(const struct sz_doc *doc, const struct sz_wopts *o, int epub,
                              struct sz_diags *diags);
void sz_xhtml_free(struct sz_xhtml *x);
void sz_xhtml_set_hooks(struct sz_xhtml *x, const struct sz_xhtml_hooks *h);
/** Starts a new page (EPUB chapter): heading levels restart. */
void sz_xhtml_new_page(struct sz_xhtml *x);
/** Renders node n (block or inline, with its children) into w. */
void sz_xhtml_node(struct sz_xhtml *x, struct sz_xw *w, const struct sz_node *n);
/** Renders the children of n. */
void sz_xhtml_children(struct sz_xhtml *x, struct sz_xw *w, const struct sz_node *n);
/** Renders a metadata value (string, inlines, blocks, list) as inline
** content, without notes. */
void sz_xhtml_meta_inline(struct sz_xhtml *x, struct sz_xw *w, const struct sz_node *v);
/** Writes the notes referenced since the last call (and notes inside them). */
void sz_xhtml_notes(struct sz_xhtml *x, struct sz_xw *w);
/** The id given to n, or NULL. */
const char *sz_xhtml_id(const struct sz_xhtml *x, const struct sz_node *n);
/** Plain text of n without notes, for titles and the table of contents. */
const char *sz_xhtml_text(struct sz_xhtml *x, const struct sz_node *n);
/** The document language (metadata lang, else "en"). */
const char *sz_xhtml_lang(const struct sz_xhtml *x);
/** Is s a well-formed BCP 47 language tag (shape only)? */
int sz_xhtml_lang_ok(const char *s);
/** Counts of images seen while rendering, and of those without alt text. */
void sz_xhtml_image_stats(const struct sz_xhtml *x, size_t *images, size_t *no_alt);
/** The default stylesheet. */
extern const char sz_default_css[];

#endif
