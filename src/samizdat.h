/*
** samizdat.h
** The public API: document tree, readers, writers, sinks and diagnostics.
** See LICENSE.
*/
#ifndef SAMIZDAT_H
#define SAMIZDAT_H

#include <stddef.h>
#include <stdint.h>

#define SZ_VERSION "0.1.0"
/* The pandoc release whose Lua filter API and JSON AST samizdat matches. */
#define SZ_PANDOC_VERSION "3.1.11"
#define SZ_API_ABI 1

/* Deepest nesting any reader, marshaller or walker accepts.  Between lowdown's
** 128 and cjson's 1000: deep enough for any real book, shallow enough that a
** recursive helper can never exhaust the C stack. */
#ifndef SZ_MAX_DEPTH
#define SZ_MAX_DEPTH 512
#endif

/* Exit codes, mirrored from pandoc so scripts can tell failures apart. */
enum sz_exit {
    SZ_EXIT_OK = 0,
    SZ_EXIT_IO = 1,            /* cannot read input / write output */
    SZ_EXIT_USAGE = 2,         /* bad command line */
    SZ_EXIT_UNKNOWN_READER = 21,
    SZ_EXIT_UNKNOWN_WRITER = 22,
    SZ_EXIT_PARSE = 64,        /* input could not be parsed */
    SZ_EXIT_FILTER = 83,       /* a Lua filter failed */
    SZ_EXIT_LUA = 84,          /* the Lua runtime itself failed */
    SZ_EXIT_WRITER = 85,       /* a writer could not produce its output */
    SZ_EXIT_NOMEM = 86         /* out of memory */
};

/* {=================================================================
** Node kinds.  Blocks and inlines follow pandoc-types 1.23.  Pandoc's
** compound children (list items, table parts, citations, captions, meta
** values) are nodes too, so every tree is one uniform node graph and one
** iterator walks all of it.
** ================================================================== */
enum sz_kind {
    SZ_NONE = 0,
    SZ_DOC,               /* root: blocks */

    /* Blocks */
    SZ_PLAIN,             /* inlines */
    SZ_PARA,              /* inlines */
    SZ_LINEBLOCK,         /* SZ_LINE children */
    SZ_CODEBLOCK,         /* attr, text */
    SZ_RAWBLOCK,          /* format, text */
    SZ_BLOCKQUOTE,        /* blocks */
    SZ_ORDEREDLIST,       /* list_start/style/delim; SZ_ITEM children */
    SZ_BULLETLIST,        /* SZ_ITEM children */
    SZ_DEFLIST,           /* SZ_DEFITEM children */
    SZ_HEADER,            /* level, attr, inlines */
    SZ_HRULE,             /* leaf */
    SZ_TABLE,             /* attr; SZ_CAPTION, SZ_COLSPEC*, SZ_THEAD, SZ_TBODY*, SZ_TFOOT */
    SZ_FIGURE,            /* attr; SZ_CAPTION then blocks */
    SZ_DIV,               /* attr, blocks */

    /* Inlines */
    SZ_STR,               /* text */
    SZ_EMPH,
    SZ_UNDERLINE,
    SZ_STRONG,
    SZ_STRIKEOUT,
    SZ_SUPERSCRIPT,
    SZ_SUBSCRIPT,
    SZ_SMALLCAPS,
    SZ_QUOTED,            /* quote_type, inlines */
    SZ_CITE,              /* SZ_CITATION children first, then inlines */
    SZ_CODE,              /* attr, text */
    SZ_SPACE,
    SZ_SOFTBREAK,
    SZ_LINEBREAK,
    SZ_MATH,              /* math_type, text */
    SZ_RAWINLINE,         /* format, text */
    SZ_LINK,              /* attr, url, title, inlines */
    SZ_IMAGE,             /* attr, url (src), title, inlines (alt) */
    SZ_NOTE,              /* blocks */
    SZ_SPAN,              /* attr, inlines */

    /* Components */
    SZ_ITEM,              /* list item: blocks */
    SZ_LINE,              /* line of a LineBlock: inlines */
    SZ_DEFITEM,           /* SZ_TERM then SZ_DEFN* */
    SZ_TERM,              /* inlines */
    SZ_DEFN,              /* one definition: blocks */
    SZ_CAPTION,           /* optional SZ_SHORTCAPTION first, then blocks */
    SZ_SHORTCAPTION,      /* inlines */
    SZ_COLSPEC,           /* align, col_width (<= 0: default) */
    SZ_THEAD,             /* attr; SZ_ROW* */
    SZ_TBODY,             /* attr, row_head_cols; SZ_TBODY_HEAD then SZ_ROW* (body) */
    SZ_TBODY_HEAD,        /* SZ_ROW* : the intermediate head rows of a body */
    SZ_TFOOT,             /* attr; SZ_ROW* */
    SZ_ROW,               /* attr; SZ_CELL* */
    SZ_CELL,              /* attr, align, row_span, col_span; blocks */
    SZ_CITATION,          /* text = id, cite_mode, note_num, hash; SZ_CITE_PREFIX, SZ_CITE_SUFFIX */
    SZ_CITE_PREFIX,       /* inlines */
    SZ_CITE_SUFFIX,       /* inlines */

    /* Metadata values */
    SZ_META_MAP,          /* SZ_META_ENTRY children, sorted by key */
    SZ_META_ENTRY,        /* text = key; exactly one meta value child */
    SZ_META_LIST,         /* meta value children */
    SZ_META_BOOL,         /* ival */
    SZ_META_STRING,       /* text */
    SZ_META_INLINES,      /* inlines */
    SZ_META_BLOCKS,       /* blocks */

    SZ_KIND_COUNT
};

enum sz_align { SZ_ALIGN_DEFAULT = 0, SZ_ALIGN_LEFT, SZ_ALIGN_RIGHT, SZ_ALIGN_CENTER };
enum sz_quote { SZ_QUOTE_DOUBLE = 0, SZ_QUOTE_SINGLE };
enum sz_math { SZ_MATH_INLINE = 0, SZ_MATH_DISPLAY };
enum sz_list_style {
    SZ_STYLE_DEFAULT = 0, SZ_STYLE_EXAMPLE, SZ_STYLE_DECIMAL, SZ_STYLE_LOWER_ROMAN,
    SZ_STYLE_UPPER_ROMAN, SZ_STYLE_LOWER_ALPHA, SZ_STYLE_UPPER_ALPHA
};
enum sz_list_delim { SZ_DELIM_DEFAULT = 0, SZ_DELIM_PERIOD, SZ_DELIM_ONE_PAREN, SZ_DELIM_TWO_PARENS };
enum sz_cite_mode { SZ_CITE_AUTHOR_IN_TEXT = 0, SZ_CITE_SUPPRESS_AUTHOR, SZ_CITE_NORMAL };

/* }================================================================== */

/* An attribute key/value pair.  Strings live in the document arena. */
struct sz_kv {
    const char *key;
    const char *value;
};

/* pandoc's Attr: identifier, classes, key/value pairs.  Arrays and strings
** live in the document arena and are never changed in place (adding a class
** or pair makes a new array), so a copy of the struct may share them. */
struct sz_attr {
    const char *id;            /* never NULL: "" when absent */
    const char **classes;
    size_t nclasses;
    struct sz_kv *kvs;
    size_t nkvs;
};

/* The empty Attr ("", [], []) that every node points to until it is given
** one of its own: most nodes (a book's paragraphs and text runs) have none,
** so a node holds a pointer, not the five fields. */
extern const struct sz_attr sz_attr_empty;

/* A Link's or Image's target: pandoc's Target (url, title). */
struct sz_target {
    const char *url;           /* Link target / Image src */
    const char *title;         /* Link/Image title */
};

/* A node.  Children form a doubly linked list; everything it points to lives
** in the arena of the document that made it.  A book has a node per
** paragraph and per stretch of text, and reading an EPUB costs its tree
** more than anything else, so a node is kept to 64 bytes: the fields only
** a few kinds use share one union, read only for those kinds, the length
** and the enums share one word, and a node holds no pointer to its last
** child: the first child's back pointer is the last child (the list of
** children is a ring backwards), so sz_node_last and sz_node_prev find
** both in one step. */
struct sz_node {
    struct sz_node *parent, *first, *next;
    /* the previous sibling; the first child's is the last child (itself
    ** when it is the only one); NULL in a detached node.  Read it through
    ** sz_node_prev. */
    struct sz_node *back;
    const char *text;          /* Str, Code, CodeBlock, Raw*, Math, Citation id,
                                  MetaString, MetaEntry key: NUL-terminated; "" */
    /* never NULL: &sz_attr_empty, or the node's own (sz_node_attr) */
    const struct sz_attr *attr;
    union {
        struct sz_target *target;  /* Link, Image: never NULL (sz_node_new) */
        const char *format;        /* RawBlock, RawInline */
        double width;              /* ColSpec; <= 0 means ColWidthDefault */
        struct {
            /* MetaBool value; ListAttributes start; Citation note_num;
            ** TableBody row_head_columns; Cell row_span.  Readers may also
            ** mark other nodes with it while they build them. */
            int ival;
            union {
                int ival2;         /* Cell col_span; Citation hash */
                int level;         /* Header level */
            };
        };
    };
    /* byte length of text: 48 bits hold the length of anything a process
    ** can address (x86-64 and arm64 user space is 47 or 48 bits) */
    size_t len : 48;
    enum sz_kind kind : 8;
    /* the enum that applies: sz_quote, sz_math, sz_align, sz_list_style,
    ** sz_cite_mode; SZ_STR_RUN on a Str */
    unsigned sub : 5;
    unsigned sub2 : 3;         /* sz_list_delim; readers may mark Cells with it */
};

/** n's last child, or NULL. */
static inline struct sz_node *
sz_node_last(const struct sz_node *n)
{
    return n->first ? n->first->back : NULL;
}

/** n's previous sibling, or NULL when n is its parent's first child or
** has no parent. */
static inline struct sz_node *
sz_node_prev(const struct sz_node *n)
{
    return n->parent && n->parent->first != n ? n->back : NULL;
}

struct sz_arena;

enum sz_level { SZ_INFO = 0, SZ_WARNING = 1, SZ_ERROR = 2 };

/* One diagnostic.  file may be NULL; line/col are 1-based, 0 when unknown;
** offset is a byte offset into the input, -1 when unknown. */
struct sz_diag {
    enum sz_level level;
    int code;                  /* an sz_exit value for errors, 0 for warnings */
    const char *file;
    uint32_t line, col;
    long long offset;
    const char *msg;
    struct sz_diag *next;
};

/* A list of diagnostics, owned by a document or by the caller.  Messages are
** copied into the list's own storage. */
struct sz_diags {
    struct sz_diag *first, *last;
    size_t count, nerrors, nwarnings;
};

/* A document: one arena, the body (an SZ_DOC node), the metadata (an
** SZ_META_MAP node) and the diagnostics collected on the way. */
struct sz_doc {
    struct sz_arena *arena;
    struct sz_node *root;
    struct sz_node *meta;
    struct sz_diags diags;
    const char *source;        /* input file name ("-" for stdin), may be NULL */
};

/* {=================================================================
** Arena
** ================================================================== */

/** New arena.  Aborts on OOM (the single place that does). */
struct sz_arena *sz_arena_new(void);
/** Frees the arena and everything allocated from it.  Accepts NULL. */
void sz_arena_free(struct sz_arena *a);
/** Zeroed memory from the arena, aligned for any type. */
void *sz_arena_alloc(struct sz_arena *a, size_t n);
/** NUL-terminated copy of s[0..n) in the arena. */
char *sz_arena_strndup(struct sz_arena *a, const char *s, size_t n);
/** NUL-terminated copy of s in the arena; NULL gives "". */
char *sz_arena_strdup(struct sz_arena *a, const char *s);
/** printf into the arena. */
char *sz_arena_printf(struct sz_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** Bytes handed out so far (for benchmarks). */
size_t sz_arena_used(const struct sz_arena *a);

/* {=================================================================
** Growable buffer (scratch and writer output; the only heap object with its
** own free besides the arena).
** ================================================================== */
struct sz_buf {
    char *data;                /* always NUL-terminated when non-NULL */
    size_t len, cap;
};
#define SZ_BUF_INIT { NULL, 0, 0 }
void sz_buf_put(struct sz_buf *b, const char *s, size_t n);
void sz_buf_puts(struct sz_buf *b, const char *s);
void sz_buf_putc(struct sz_buf *b, int c);
void sz_buf_printf(struct sz_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** Appends the UTF-8 encoding of code point cp. */
void sz_buf_put_utf8(struct sz_buf *b, uint32_t cp);
void sz_buf_clear(struct sz_buf *b);
/** Makes room for n more bytes at once (so a known size costs one
** allocation of that size, not a series of growing ones). */
void sz_buf_reserve(struct sz_buf *b, size_t n);
void sz_buf_free(struct sz_buf *b);
/** Takes ownership of the data (caller frees with free()); leaves b empty. */
char *sz_buf_detach(struct sz_buf *b, size_t *len);

/* {=================================================================
** Output sinks: writers never touch files, they write into a sink.
** ================================================================== */
struct sz_sink {
    /* returns 0 on success, -1 on error */
    int (*write)(void *ud, const char *p, size_t n);
    void *ud;
};
/** A sink that appends to buf. */
struct sz_sink sz_sink_buf(struct sz_buf *buf);
/** Writes n bytes; returns 0 or -1. */
int sz_sink_write(struct sz_sink *s, const char *p, size_t n);
int sz_sink_puts(struct sz_sink *s, const char *str);

/* {=================================================================
** Diagnostics
** ================================================================== */
void sz_diags_init(struct sz_diags *d);
void sz_diags_free(struct sz_diags *d);
/** Appends a diagnostic; msg is a printf format. */
void sz_diag_add(struct sz_diags *d, enum sz_level level, int code, const char *file,
                 uint32_t line, uint32_t col, long long offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;
/** Moves all diagnostics of src to the end of dst. */
void sz_diags_move(struct sz_diags *dst, struct sz_diags *src);
/** Formats one diagnostic as "file:line:col: warning: msg" into out. */
void sz_diag_format(const struct sz_diag *d, struct sz_buf *out);
/** The first error's code, or 0 when there is no error. */
int sz_diags_error_code(const struct sz_diags *d);

/* {=================================================================
** Documents and nodes
** ================================================================== */

/** New empty document (root SZ_DOC, empty SZ_META_MAP).  source is copied. */
struct sz_doc *sz_doc_new(const char *source);
/** Frees the document, its arena and diagnostics.  Accepts NULL. */
void sz_doc_free(struct sz_doc *doc);

/** New detached node of kind k in doc's arena. */
struct sz_node *sz_node_new(struct sz_doc *doc, enum sz_kind k);
/** New SZ_STR (or SZ_CODE/SZ_META_STRING/... ) node whose text is a copy of s[0..n). */
struct sz_node *sz_node_new_text(struct sz_doc *doc, enum sz_kind k, const char *s, size_t n);
/** Sets node text to a copy of s[0..n). */
void sz_node_set_text(struct sz_doc *doc, struct sz_node *n, const char *s, size_t len);

/** Is kind k a block / an inline / a meta value? */
int sz_kind_is_block(enum sz_kind k);
int sz_kind_is_inline(enum sz_kind k);
int sz_kind_is_meta(enum sz_kind k);
/** Does kind k carry an Attr (pandoc-types)? */
int sz_kind_has_attr(enum sz_kind k);
/** pandoc's constructor name ("Para", "Str", "MetaMap", ...); components get
** descriptive names ("Item", "Cell", ...). */
const char *sz_kind_name(enum sz_kind k);
/** Kind from its pandoc constructor name; SZ_NONE when unknown. */
enum sz_kind sz_kind_from_name(const char *name);

/** May a node of kind child be a child of a node of kind parent? */
int sz_can_contain(enum sz_kind parent, enum sz_kind child);

/** Tree edits.  All return 0 or -1 (child not allowed there, or it would
** make a cycle); child must be detached. */
int sz_node_append(struct sz_node *parent, struct sz_node *child);
int sz_node_prepend(struct sz_node *parent, struct sz_node *child);
int sz_node_insert_before(struct sz_node *sibling, struct sz_node *child);
int sz_node_insert_after(struct sz_node *sibling, struct sz_node *child);
/** Moves every child of from, in order, to the end of parent's children
** (each as sz_node_append: a child parent may not hold is dropped). */
void sz_node_append_children(struct sz_node *parent, struct sz_node *from);
/** Replaces old by new_ (detached); old becomes detached. */
int sz_node_replace(struct sz_node *old, struct sz_node *new_);
/** Detaches n from its parent (no-op when detached). */
void sz_node_unlink(struct sz_node *n);
/** Number of children. */
size_t sz_node_count(const struct sz_node *n);

/** n's Attr for changing: its own, made in doc's arena (a copy of the
** shared empty one) the first time. */
struct sz_attr *sz_node_attr(struct sz_doc *doc, struct sz_node *n);
/** Gives n a copy of a (its arrays shared), or the shared empty Attr when
** a is empty. */
void sz_node_set_attr(struct sz_doc *doc, struct sz_node *n, const struct sz_attr *a);
/** Is a the empty Attr ("", [], [])? */
int sz_attr_is_empty(const struct sz_attr *a);

/** Attr helpers (copies strings into doc's arena). */
void sz_attr_set_id(struct sz_doc *doc, struct sz_attr *a, const char *id);
void sz_attr_add_class(struct sz_doc *doc, struct sz_attr *a, const char *cls);
void sz_attr_add_kv(struct sz_doc *doc, struct sz_attr *a, const char *k, const char *v);
/** Value of key k, or NULL. */
const char *sz_attr_get(const struct sz_attr *a, const char *k);
int sz_attr_has_class(const struct sz_attr *a, const char *cls);

/** Deep copy of n (from any document) into doc; detached. */
struct sz_node *sz_node_copy(struct sz_doc *doc, const struct sz_node *n);

/* Metadata: doc->meta is an SZ_META_MAP. */
/** The value node stored under key, or NULL. */
struct sz_node *sz_meta_get(const struct sz_doc *doc, const char *key);
/** Sets key to value (a detached meta value node), replacing any old value;
** entries stay sorted by key. */
void sz_meta_set(struct sz_doc *doc, const char *key, struct sz_node *value);
/** Sets key to a MetaString. */
void sz_meta_set_string(struct sz_doc *doc, const char *key, const char *value);
/** Sets key to MetaInlines made from plain text (words split on spaces). */
void sz_meta_set_text(struct sz_doc *doc, const char *key, const char *value);
/** Plain text of a meta value or of any node (pandoc.utils.stringify);
** string lives in doc's arena.  NULL node gives "". */
const char *sz_stringify(struct sz_doc *doc, const struct sz_node *n);
/** Plain text of meta key, or NULL when absent. */
const char *sz_meta_text(struct sz_doc *doc, const char *key);
/** Appends inlines for text to parent: Str/Space (and SoftBreak for '\n'). */
void sz_inlines_from_text(struct sz_doc *doc, struct sz_node *parent, const char *s, size_t n);

/* {=================================================================
** Text runs.  A book has a Str and a Space node per word; a million nodes
** for a long novel.  Readers may instead make one SZ_STR node whose sub is
** SZ_STR_RUN: its text holds words separated by single ' ' (a Space) or
** '\n' (a SoftBreak); at its start and end only ' ' (a Space before its
** first word or after its last: the HTML reader opens a run so after an
** emphasis and ends one so before an emphasis); no separator is doubled.
** It means exactly the
** Str/Space/SoftBreak sequence it packs.  Writers that print text print a
** run as it is ('\n' being white space); the JSON and native writers and
** the Lua bridge show pandoc's nodes (sz_run_next / sz_expand_runs).
** ================================================================== */
#define SZ_STR_RUN 1

/** Is n a run? */
#define SZ_IS_RUN(n) ((n)->kind == SZ_STR && (n)->sub == SZ_STR_RUN)

/* Packed lines.  A book of verse has a Line and a Str (a run) per line of
** the poem: two nodes of 64 bytes beside 40 of text.  A reader asked to
** (sz_ropts.packed_lines) may instead give, for a Line whose whole content
** is one Str, a Line with no children that carries the Str's text, length
** and sub itself.  Only the JSON and native writers are given such a tree;
** they show the Str. */
#define SZ_LINE_PACKED(n) ((n)->kind == SZ_LINE && (n)->len > 0 && !(n)->first)
/** The Str packed line l stands for (a node of no tree, for a writer). */
static inline struct sz_node
sz_line_packed_str(const struct sz_node *l)
{
    struct sz_node s = { 0 };
    s.kind = SZ_STR;
    s.sub = l->sub;
    s.text = l->text;
    s.len = l->len;
    s.attr = &sz_attr_empty;
    return s;
}
/** Next word of a run (or of any text): from s[*pos], returns the word's
** length and advances *pos past it and its separator; *sep gets SZ_SPACE,
** SZ_SOFTBREAK, or SZ_NONE after the last word. */
size_t sz_run_next(const char *s, size_t n, size_t *pos, enum sz_kind *sep);
/** Appends the text of Str node n to b, a run's SoftBreaks as spaces (the
** plain text of a Str, as pandoc's stringify gives it). */
void sz_buf_put_str(struct sz_buf *b, const struct sz_node *n);
/** Replaces every run under root by the Str/Space/SoftBreak nodes it packs. */
void sz_expand_runs(struct sz_doc *doc, struct sz_node *root);
/** Replaces the run r (which has a parent) by the nodes it packs; returns
** the first of them.  Any other node is returned unchanged. */
struct sz_node *sz_run_expand(struct sz_doc *doc, struct sz_node *r);

/* {=================================================================
** Iterator: walks a subtree without recursion (cmark's ENTER/EXIT).
** Every node gets ENTER; nodes of container kinds (sz_kind_is_container)
** also get EXIT after their children, leaves do not.  Mutate only after
** EXIT, and only the node just exited.
** ================================================================== */
enum sz_ev { SZ_EV_NONE = 0, SZ_EV_ENTER, SZ_EV_EXIT, SZ_EV_DONE };
struct sz_iter {
    struct sz_node *root, *cur;
    enum sz_ev ev;
    int skip;                  /* set by sz_iter_skip_children */
};
void sz_iter_init(struct sz_iter *it, struct sz_node *root);
/** Next event; the node is it->cur. */
enum sz_ev sz_iter_next(struct sz_iter *it);
/** Skips the children of the node just ENTERed (next event is its EXIT). */
void sz_iter_skip_children(struct sz_iter *it);
/** Is k a kind whose nodes get an EXIT event (may have children)? */
int sz_kind_is_container(enum sz_kind k);

/* {=================================================================
** Readers and writers
** ================================================================== */

/* Reader options; abi first so the struct can grow. */
struct sz_ropts {
    int abi;                   /* SZ_API_ABI */
    const char *filename;      /* for diagnostics; may be NULL */
    const char *encoding;      /* forced input encoding, or NULL to detect */
    int smart;                 /* typographic quotes/dashes (default on) */
    int keep_boilerplate;      /* keep Project Gutenberg boilerplate as a Div */
    /* When set, the plain-text reader calls trace once per block with a line
    ** saying what the block became and which evidence decided it
    ** (--trace-structure). */
    void (*trace)(void *ud, const char *line);
    void *trace_ud;
    /* The caller reads packed lines (SZ_LINE_PACKED): the tree goes
    ** straight to the JSON or native writer, with no filter before it. */
    int packed_lines;
};

/* Writer options. */
enum sz_wrap { SZ_WRAP_AUTO = 0, SZ_WRAP_NONE, SZ_WRAP_PRESERVE };
struct sz_wopts {
    int abi;
    int columns;               /* default 72 */
    enum sz_wrap wrap;
    int standalone;
    int toc_depth;             /* default 3 */
    int split_level;           /* EPUB chapter split level, default 1 */
    int api_minor;             /* pandoc JSON: 23 (default) or 22 */
    const char *output_file;   /* for diagnostics and relative resources; may be NULL */
    const char *resource_dir;  /* where relative image paths resolve; may be NULL */
    const char **css_files;    /* EPUB/HTML stylesheets (NULL-terminated), may be NULL */
    int css_replace;           /* replace the default stylesheet instead of adding */
    const char *cover_image;   /* EPUB cover */
    const char **fonts;        /* EPUB embedded fonts (NULL-terminated), may be NULL */
    long long source_date_epoch; /* -1 when unset */
    const char *input_name;    /* first input file (TEI sourceDesc) */
    /* Where a document's own references (images, a cover in its metadata)
    ** may be read from; see sz_resource_read in internal.h.  resource_root:
    ** a folder they may not leave (default: the input's folder).
    ** resource_read: reads them from the document's archive instead (then
    ** no host file but --resource-path's is read); returns 0, -1 when not
    ** found, -2 when path would leave the archive. */
    const char *resource_root;
    int (*resource_read)(void *ud, const char *path, size_t max, char **data, size_t *len);
    void *resource_ud;
    int body_only;             /* --template: the body alone (plain: no title block) */
};

/* A reader turns bytes into a tree.  It appends blocks to doc->root and may
** set metadata; returns 0, or -1 with an error in doc->diags. */
struct sz_reader {
    const char *name;
    const char *description;
    int (*read)(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o);
    /* Optional: reads the regular file at path itself (o->filename), so a
    ** reader that seeks in its input (an EPUB's zip) need not hold it all;
    ** NULL: read is given the bytes. */
    int (*read_path)(struct sz_doc *doc, const char *path, const struct sz_ropts *o);
    /* Optional: as read, but the reader is given in's bytes to keep or free
    ** (sz_buf_free), so one that rewrites its input before parsing frees
    ** the input once it has the copy and holds the text once, not twice;
    ** NULL: read is given the bytes. */
    int (*read_buf)(struct sz_doc *doc, struct sz_buf *in, const struct sz_ropts *o);
};

enum { SZ_WRITER_BINARY = 1 };
/* A writer turns a tree into bytes sent to a sink.  Returns 0, or -1 with an
** error appended to diags (warnings go there too). */
struct sz_writer {
    const char *name;
    const char *ext;           /* usual file extension, without dot */
    unsigned flags;
    int (*write)(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
                 struct sz_diags *diags);
};

void sz_ropts_init(struct sz_ropts *o);
void sz_wopts_init(struct sz_wopts *o);

/** Reader/writer by name; NULL when unknown. */
const struct sz_reader *sz_reader_find(const char *name);
const struct sz_writer *sz_writer_find(const char *name);
/** NULL-terminated registries, in display order. */
const struct sz_reader *const *sz_readers(void);
const struct sz_writer *const *sz_writers(void);

/* {=================================================================
** Text helpers (UTF-8)
** ================================================================== */

/** Is s[0..n) valid UTF-8?  If not, *bad_offset gets the first bad byte. */
int sz_utf8_valid(const char *s, size_t n, size_t *bad_offset);
/** Decodes one code point at s (n bytes left); returns its length (>= 1) and
** stores U+FFFD for an invalid sequence. */
size_t sz_utf8_decode(const char *s, size_t n, uint32_t *cp);
/** Converts Windows-1252 (or ISO-8859-1 when latin1 is set) bytes to UTF-8. */
void sz_cp1252_to_utf8(const char *s, size_t n, int latin1, struct sz_buf *out);
/** Is s[0..n) UTF-16?  Returns 'L' (little-endian) or 'B' (big-endian) for
** a BOM, or without one for text whose high bytes (NUL, or below 0x20 for
** the alphabets up to U+1FFF) fall on every other byte, the way UTF-16 of
** such text looks; 0 otherwise.  *bom gets 2 or 0. */
int sz_utf16_guess(const char *s, size_t n, size_t *bom);
/** Appends UTF-16 (big-endian when be is set, no BOM) as UTF-8; unpaired
** surrogates and an odd last byte become U+FFFD. */
void sz_utf16_to_utf8(const char *s, size_t n, int be, struct sz_buf *out);

/* }================================================================== */

#endif
