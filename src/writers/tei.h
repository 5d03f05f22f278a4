/*
** tei.h
** Internals shared by the TEI writer's files (tei.c, tei_util.c, tei_header.c).
** See LICENSE.
*/
#ifndef SZ_TEI_H
#define SZ_TEI_H

#include "internal.h"
#include "writers/xmlout.h"

/* A small open-addressing hash map.  Keys are node pointers or strings
** (decided per map); values are strings the map owns (heap copies). */
/* An sz_map that owns copies of its values and, with strkeys, its keys. */
struct tei_map {
    struct sz_map m;
};

/* One language seen in the document, in first-seen order. */
struct tei_lang {
    char *tag;
};

struct tei_frame;
struct tei_div;

/* The writer's state: the libxml2 writer, pending text, ids, languages and
** the two stacks of the body walk (see tei.c). */
struct tei {
    struct sz_xo xo;           /* markup into out */
    struct sz_buf out;         /* output not yet handed to the sink */
    struct sz_sink *sink;
    const struct sz_doc *doc;
    const struct sz_wopts *o;
    struct sz_diags *diags;
    int err;                   /* a call or the sink failed: stop writing */
    struct sz_buf pend;        /* text not yet handed to the writer */
    struct sz_buf tmp;         /* scratch for attribute values */
    struct tei_map id_of_node; /* node -> xml:id */
    struct tei_map id_of_orig; /* identifier in the tree -> xml:id (first holder) */
    struct tei_map id_used;    /* every xml:id handed out */
    struct tei_lang *langs;
    size_t nlangs, caplangs;
    int note_no;
    size_t nraw;               /* raw blocks/inlines left out */
    struct tei_frame *fr;
    size_t nfr, capfr;
    struct tei_div *ds;
    size_t nds, capds;
    int top_division;          /* 0 chapter (default), 1 section, 2 part */
};

/* tei_util.c: output primitives.  A misplaced call or a failing sink sets
** t->err; callers test t->err at safe points. */
void tei_flush(struct tei *t);
void tei_start(struct tei *t, const char *name);
void tei_end(struct tei *t);
void tei_attr(struct tei *t, const char *name, const char *value);
void tei_attr_int(struct tei *t, const char *name, long v);
/** Appends text (any bytes) to the pending text, replacing what XML 1.0
** cannot carry (invalid UTF-8, control characters) by U+FFFD. */
void tei_text(struct tei *t, const char *s, size_t n);
void tei_texts(struct tei *t, const char *s);
/** Element with text content only: <name>text</name>. */
void tei_leaf(struct tei *t, const char *name, const char *text);
/** A newline between block elements (insignificant whitespace). */
void tei_nl(struct tei *t);
/** Hands the output gathered so far to the sink. */
void tei_drain(struct tei *t);

/* Token and value cleaning. */
/** Appends to out the characters of s that may appear in a TEI token
** (@rend, @type): no Unicode C* or Z* characters.  Returns bytes added. */
size_t tei_token(struct sz_buf *out, const char *s);
/** Is s a valid xsd:language?  Normalises '_' to '-' into out. */
int tei_lang_ok(const char *s, struct sz_buf *out);
/** URI reference for @target/@url: percent-encodes what anyURI forbids. */
void tei_uri(struct sz_buf *out, const char *s);
/** Plain text of a subtree (Str, Code, Math, MetaString text; breaks and
** spaces as one space), appended to out. */
void tei_plain(struct sz_buf *out, const struct sz_node *n);
/** Trims and collapses runs of white space in b in place. */
void tei_squeeze(struct sz_buf *b);

/* Maps. */
void tei_map_free(struct tei_map *m);
const char *tei_map_get(const struct tei_map *m, const void *key);
/** Stores key -> copy of val unless key is present; returns the stored value. */
const char *tei_map_put(struct tei_map *m, const void *key, const char *val);

/** Gives every identifier of the tree a unique NCName and records languages. */
void tei_collect(struct tei *t);
/** Records a language tag (already validated). */
void tei_add_lang(struct tei *t, const char *tag);

/* tei_header.c */
void tei_write_header(struct tei *t);
/** Is there a title or an author for a title page? */
int tei_has_title_page(const struct tei *t);
void tei_write_title_page(struct tei *t);
/** The body walker, for a root's children in a given context (tei.c). */
void tei_walk(struct tei *t, const struct sz_node *root, int ctx);

/* Contexts of the body walk: what the enclosing TEI element may hold. */
enum tei_ctx {
    TEI_X_DIV = 0,     /* body, div: p, lists, tables...; headers open divs */
    TEI_X_SPECIAL,     /* item, cell, note, quote: text and p, no div/head */
    TEI_X_AB,          /* ab: text, ab, lists, tables; no p */
    TEI_X_FIGURE,      /* figure: p, ab, graphic, head; no bare text */
    TEI_X_PHRASE,      /* head, p content: text, lists, tables; no p/ab */
    TEI_X_INLINE,      /* inline children */
    TEI_X_LIST,        /* list: item children */
    TEI_X_DEFITEM,     /* a definition-list entry: label, then one item */
    TEI_X_LG,          /* lg: l children */
    TEI_X_TABLE,       /* table, and its head/body/foot parts */
    TEI_X_ROW,         /* row: cell children */
    TEI_X_SKIP         /* children written elsewhere or dropped */
};

#endif
