/*
** html.h
** The HTML reader's parts: the builder (libxml2 SAX events to the tree), its
** passes (notes, Project Gutenberg, metadata), and what the EPUB reader uses.
** See LICENSE.
*/
#ifndef SZ_HTML_H
#define SZ_HTML_H

#include "internal.h"

/* Longest <title> or <meta> value kept: a head is a few lines, and a
** hostile one must not grow without end. */
#ifndef SZ_HTML_MAX_META
#define SZ_HTML_MAX_META 4096
#endif

/* One element that a pass needs to find again. */
struct sz_hnode {
    struct sz_node *n;
    int file;                  /* index of the document (EPUB: spine position) */
    const char *id;            /* for anchors: the id it was given */
};

struct sz_hvec {
    struct sz_hnode *v;
    size_t n, cap;
};

/* Metadata a document's <head> gives, applied after the passes so that
** Project Gutenberg's own header wins over a <title> made from it. */
struct sz_hhead {
    char *title, *lang;
    char **keys, **vals;       /* <meta name content>, lower-case names */
    size_t nmeta, capmeta;
};

/* The builder of one book: one or more documents read into one tree. */
struct sz_html {
    struct sz_doc *doc;
    const struct sz_ropts *o;
    int epub;                  /* EPUB content: skip title pages, navs, covers */
    int file;                  /* index of the document being read */
    int failed;                /* a fatal error was recorded */
    int gutenberg;             /* a Project Gutenberg edition */
    struct sz_map ids;         /* id -> node that carries it (string keys) */
    struct sz_map notebox;     /* node -> node: footnote bodies (pointer keys) */
    struct sz_map noteref;     /* link -> link: links marked as note references */
    struct sz_map caption;     /* block -> block: marked as a picture's caption */
    struct sz_hvec links;      /* every Link and Image, for the EPUB rewrite */
    struct sz_hvec anchors;    /* every node given an id, for the EPUB rewrite */
    struct sz_hhead head;
    struct sz_node *spare;     /* nodes a pass let go of, for new ones (->next) */
    struct sz_attr **spare_attr;  /* ... and the Attrs they owned */
    size_t nspare_attr, capspare_attr;
    struct sz_map classes;     /* class name -> a one-class list of it (string keys) */
    struct sz_map classlists;  /* class attribute -> its list of classes (string keys) */
    struct sz_map held;        /* node -> node: Paras and Items named by an id they do not carry */
};

void sz_html_init(struct sz_html *h, struct sz_doc *doc, const struct sz_ropts *o);

/** sz_node_new, from the nodes let go of first: a poem's Divs and Plains,
** once its lines are a LineBlock, make the next poem's. */
struct sz_node *sz_html_node(struct sz_html *h, enum sz_kind k);
/** Lets go of the unlinked subtree n for sz_html_node, but for any node a
** map or a list of the builder may still hold (one with an id, a note's
** box, a caption, a link). */
void sz_html_spare(struct sz_html *h, struct sz_node *n);
/** Unlinks n and lets go of it, as sz_html_spare, unless a map or a list
** holds it (then it stays where it is). */
void sz_html_spare_child(struct sz_html *h, struct sz_node *n);
/** Lets go of n, unlinked and childless, that the caller made and no map
** or list holds (a poem's empty line, the indent its first word took in). */
void sz_html_spare_own(struct sz_html *h, struct sz_node *n);
void sz_html_fini(struct sz_html *h);

/** Reads one document (xml: well-formed XHTML through the XML parser, else
** the HTML parser) and appends its body's blocks to parent.  file names the
** document in diagnostics.  Returns 0, or -1 with an error in doc->diags
** (nested deeper than SZ_MAX_DEPTH, or not parseable at all). */
int sz_html_read(struct sz_html *h, const char *data, size_t len, int xml, const char *file,
                 struct sz_node *parent);
/** Gives up to len bytes of a document into buf: their number, 0 at its
** end, -1 on an error (the caller's to report). */
typedef int (*sz_html_pull)(void *ud, char *buf, int len);
/** sz_html_read of a document that comes a piece at a time (an EPUB's
** chapter inflating), never held whole: UTF-8 without NUL, and for xml
** without HTML's named entities (see sz_html_has_entities); not empty. */
int sz_html_read_pull(struct sz_html *h, sz_html_pull pull, void *ud, int xml, const char *file,
                      struct sz_node *parent);
/** Does an HTML named entity XML does not know (&nbsp;) start in s[0..upto)?
** s[upto..n) is what follows, for an entity cut at upto. */
int sz_html_has_entities(const char *s, size_t n, size_t upto);
/* A first pass over a page that comes a piece at a time (a file, an EPUB's
** chapter): may it go to the parser as it comes, never held whole (see
** sz_html_read_pull)?  The pieces are read into sz_html_scan_room. */
#define SZ_HTML_SCAN_KEEP 64       /* kept for the next piece: an entity cut */
struct sz_html_scan {
    const struct sz_ropts *o;
    int xml;                   /* -1: as the page's first bytes say */
    int checked, ok, gutenberg;
    size_t have;
    uint64_t total;
    char buf[65536 + SZ_HTML_SCAN_KEEP];
};
void sz_html_scan_init(struct sz_html_scan *s, int xml, const struct sz_ropts *o);
/** Where the next piece goes, and how much of it may. */
char *sz_html_scan_room(struct sz_html_scan *s, size_t *cap);
/** n bytes were put at sz_html_scan_room (0: the page ended).  1 to go on,
** 0 when done: s->ok says whether the page may be read as it comes (valid
** UTF-8 without NUL, so declared or not at all, no HTML entity in XHTML,
** not empty); s->xml and s->gutenberg what its first bytes say. */
int sz_html_scan_took(struct sz_html_scan *s, size_t n);

/* A page declares its charset in its first bytes (HTML5 says 1024; old
** pages put a long <head> before the <meta>). */
#define SZ_HTML_CHARSET_SCAN 4096
/** Is a page whose first bytes are head[0..n) read as it is when it is
** valid UTF-8 without NUL (no BOM, no forced encoding, a charset of UTF-8
** or none)?  (html_read.c) */
int sz_html_utf8_as_is(const char *head, size_t n, const struct sz_ropts *o);

/** Turns note references and their bodies into Notes at the reference.
** (html_notes.c) */
void sz_html_notes(struct sz_html *h);

/** A block made of lines (a stanza, a poem, a line block) as a LineBlock;
** returns the LineBlock, or NULL when the block is not lines.  indent:
** leading no-break spaces per line, set from the line elements' classes.
** (html_notes.c) */
struct sz_node *sz_html_lines(struct sz_html *h, struct sz_node *b);

/** The indentation an indent class (PG's i2, indent2, ...) asks for, or -1. */
int sz_html_indent_class(const char *cls);

/** Project Gutenberg's licence header and footer out of the body (into a
** Div when --keep-boilerplate), their metadata kept as the plain-text
** reader keeps it; then the head's metadata where none was set, and the
** title page marked.  (html_pg.c) */
void sz_html_gutenberg(struct sz_html *h);

/** Drops a "Footnotes" or "Notes" heading left with nothing under it once
** its notes went to their references.  (html_pg.c) */
void sz_html_empty_notes_heading(struct sz_html *h);

/** A table of contents or a "List of Illustrations": the heading and its
** list into a Div classed contents.  (html_pg.c) */
void sz_html_contents_lists(struct sz_html *h);

/** Sets metadata from h->head where the document has none.  (html_pg.c) */
void sz_html_head_meta(struct sz_html *h);

/** Marks the title page: headings before the first prose that repeat the
** title, name the author or are bylines go into a Div classed titlepage.
** (html_pg.c) */
void sz_html_titlepage(struct sz_html *h);

/** Bytes to UTF-8 (as sz_essay_decode), honouring the charset the page
** declares when its bytes agree.  (html_read.c) */
int sz_html_decode(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o,
                   struct sz_buf *out, const char **view, size_t *vlen);

/** MathML to TeX (html_mathml.c): the elements inside <math> as they
** come, then the formula as pandoc's texmath writes it. */
struct sz_mml;
struct sz_mml *sz_mml_new(void);
void sz_mml_free(struct sz_mml *m);
/** Opens an element (lname: lower case, no prefix); -1 when nested deeper
** than SZ_MAX_DEPTH. */
int sz_mml_open(struct sz_mml *m, const char *lname, const char **atts);
/** Closes the open element; 1 when that was <math> itself. */
int sz_mml_close(struct sz_mml *m);
void sz_mml_text(struct sz_mml *m, const char *s, size_t n);
void sz_mml_tex(struct sz_mml *m, struct sz_buf *out);

/** Is s[0..n) a note reference label ("1", "[12]", "*", "†")? */
int sz_html_note_label(const char *s, size_t n);

#endif
