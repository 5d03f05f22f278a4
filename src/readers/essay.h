/*
** essay.h
** Shared pieces of the plain-text (essay) reader: decoded lines and helpers.
** See LICENSE.
*/
#ifndef SZ_ESSAY_H
#define SZ_ESSAY_H

#include "internal.h"

/* At most this many control-byte warnings are listed one by one; the rest
** are summed up in one line so a binary file cannot flood the terminal. */
#ifndef SZ_ESSAY_MAX_CTRL_WARN
#define SZ_ESSAY_MAX_CTRL_WARN 5
#endif

/* How far (bytes) an opening _ or * looks for its closing mate.  Emphasis
** in books spans a phrase, rarely a page; the bound keeps the scan linear. */
#ifndef SZ_ESSAY_EMPH_SPAN
#define SZ_ESSAY_EMPH_SPAN 2000
#endif

/* How many note texts after a footnote marker are searched for its label. */
#ifndef SZ_ESSAY_NOTE_SCAN
#define SZ_ESSAY_NOTE_SCAN 512
#endif

/* Lines a section needs for its own wrap width to count. */
#ifndef SZ_ESSAY_SECTION_LINES
#define SZ_ESSAY_SECTION_LINES 100
#endif

/* How many further paragraphs a bracketed note ("[Footnote 3: ...") may
** run on for before its closing bracket. */
#ifndef SZ_ESSAY_NOTE_PARAS
#define SZ_ESSAY_NOTE_PARAS 6
#endif

/* How many blocks after a bare * marker its note text may be. */
#ifndef SZ_ESSAY_STAR_NOTE_UNITS
#define SZ_ESSAY_STAR_NOTE_UNITS 4
#endif

/* A text of at most this many blocks (a short essay) may give the note to
** a bare * marker anywhere after it, at its foot: the last block. */
#ifndef SZ_ESSAY_STAR_FOOT_UNITS
#define SZ_ESSAY_STAR_FOOT_UNITS 60
#endif

/* One input line after decoding.  s points into the decoded text, past the
** indentation; len excludes trailing white space. */
struct sz_eline {
    const char *s;
    uint32_t len;
    uint32_t indent;           /* leading columns (tab stops of 8) */
    uint32_t lineno;           /* 1-based */
    uint32_t width;            /* code points of s[0..len) */
    uint32_t cols;             /* columns on a terminal: wide (CJK) characters take two */
    unsigned char blank;       /* 1, or SZ_ELINE_QUOTE_MARK: a mark read as a blank line */
    unsigned char kind;        /* set by the block pass */
    unsigned char level;       /* heading rank, set by the block pass */
    unsigned char flag;
};

/* a /# or #/ line around a block quotation (see essay_lines.c) */
#define SZ_ELINE_QUOTE_MARK 2

struct sz_elines {
    struct sz_eline *v;
    size_t n, cap;
};

/* Everything the passes of the reader share. */
struct sz_ectx {
    struct sz_doc *doc;
    const struct sz_ropts *o;
    const char *file;
    int smart;
    int per_line;
    int gutenberg;             /* the text came with Project Gutenberg's header */
    /* The catalogue's title, from Project Gutenberg's footer or START
    ** marker: taken after the title page is read, which may set it under
    ** the title the page prints (sz_essay_title_page). */
    const char *cat_title;
    size_t cat_len;
    uint32_t cat_line;
    const char *cat_why;
    /* 1 + the last line the title page took its title, subtitle or author
    ** from (0: none): the text does not start above it */
    size_t page_last;
    uint32_t page_author_line; /* the line the title page's author was read from */
    struct sz_node *parent;    /* where blocks go */
    struct sz_buf word;        /* scratch for one word */
    size_t word_seps;          /* separators in word: more than 0 makes a run */
    struct sz_enotes *notes;   /* footnote texts of the document, or NULL */
    int sup_notes;             /* some are labelled with superscript digits (¹ text) */
    uint32_t lineno;           /* line of the block being built, for warnings */
    /* With --trace-structure: each block's first line (sz_essay_set_line),
    ** else NULL. */
    struct sz_map *lines;
    /* Per paragraph: where the emphasis scan knows there is no closer. */
    size_t no_close[2];
};

/** Decodes data (BOM, encoding, line endings, NUL) to UTF-8 with LF endings;
** view and vlen get the result: data itself when it needed no change,
** else out's contents.  Warnings go to doc->diags.  Returns 0 or -1 (bad
** --encoding). */
int sz_essay_decode(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o,
                    struct sz_buf *out, const char **view, size_t *vlen);

/** Splits text (LF endings) into lines; lines->v is malloc'd. */
void sz_essay_split(const char *text, size_t len, struct sz_elines *lines);
/* Code points of s[0..n) (*width) and the terminal columns they take (*cols,
** a CJK character two), as a line's width and cols are measured. */
void sz_essay_line_width(const char *s, size_t n, uint32_t *width, uint32_t *cols);

/** Appends inlines for s[0..n) to parent: words, spaces, soft breaks for
** '\n', and with c->smart curly quotes, dashes, ellipses and emphasis. */
void sz_essay_inlines(struct sz_ectx *c, struct sz_node *parent, const char *s, size_t n);

/* Sets metadata field key to the inlines of s[0..n) unless it is set
** already; smart says whether quotes and dashes are made typographic. */
void sz_essay_meta_text(struct sz_ectx *c, const char *key, const char *s, size_t n, int smart);

/* How a footnote marker is written, for sz_essay_note: SZ_ENOTE_BARE, a *
** with no brackets, whose note text must follow within a few blocks;
** SZ_ENOTE_QUIET, a {287} marker, kept as text without a warning where no
** note answers it (a page number). */
#define SZ_ENOTE_BARE 1
#define SZ_ENOTE_QUIET 2

/** The Note for footnote marker [label] met in the block being built, or
** NULL (the marker then stays text); flags: SZ_ENOTE_* or 0.
** (essay_notes.c) */
struct sz_node *sz_essay_note(struct sz_ectx *c, const char *label, size_t n, int flags);
/* The bytes of the superscript digits at s[i] (¹, ²³), or 0. */
size_t sz_essay_superscript_len(const char *s, size_t n, size_t i);

/** Chooses the paragraph convention of the document (c->per_line). */
void sz_essay_convention(struct sz_ectx *c, const struct sz_elines *lines);

/** Builds blocks into c->parent from lines [a, b); with body set, also
** headings, title block, front matter; otherwise paragraphs only. */
void sz_essay_blocks(struct sz_ectx *c, struct sz_elines *lines, size_t a, size_t b, int body);

/** Does s[0..n) name a section: CHAPTER IV, Part One, Preface?
** (essay_shapes.c) */
int sz_essay_section_line(const char *s, size_t n);

/** Sets metadata title (unless set) from the title page at the start of
** lines [a, b).  (essay_title.c) */
void sz_essay_title_page(struct sz_ectx *c, const struct sz_elines *lines, size_t a, size_t b);
/* "Title: ..." / "Author: ..." / "Date: ..." fields opening the text:
** metadata; *a moves past them and the blank lines after them. */
void sz_essay_front_fields(struct sz_ectx *c, const struct sz_elines *lines, size_t *a, size_t b);

/** --trace-structure: a line saying where the title came from (line
** lineno of the text) and why. */
void sz_essay_trace_title(struct sz_ectx *c, uint32_t lineno, const char *why, const char *s,
                          size_t n);

/** --trace-structure: where a metadata field (author, ...) came from. */
void sz_essay_trace_meta(struct sz_ectx *c, uint32_t lineno, const char *field,
                         const char *why, const char *s, size_t n);

/** Has l a person's name's shape ("George Eliot", "H. G. WELLS"), not a
** publisher's or edition's line?  (essay_title.c) */
int sz_essay_name_line(const struct sz_eline *l);

/** Is l the start of a producer's or transcriber's note ("Produced by",
** "Transcribed from", "Transcriber's Note")?  (essay_title.c) */
int sz_essay_note_line(const struct sz_eline *l);

/** Sets metadata title (unless set) to s[0..n); an alternative title
** after "; or," goes to subtitle.  (essay_title.c) */
void sz_essay_set_title(struct sz_ectx *c, const char *s, size_t n);

/** Finds Project Gutenberg boilerplate and reads its metadata: the book
** proper is lines [*body_a, *body_b).  Returns 1 when there was any. */
int sz_essay_gutenberg(struct sz_ectx *c, struct sz_elines *lines, size_t *body_a,
                       size_t *body_b);

/** Code point before s[i] (0 at the start). */
/* Does s[0..n) contain needle, ASCII case ignored?  (The Gutenberg
** markers are recognised by it in plain text and in HTML alike.) */
int sz_essay_has(const char *s, size_t n, const char *needle);
/** Is the word w[0..n) one of the NULL-ended list, ASCII case ignored? */
int sz_essay_word_ci(const char *w, size_t n, const char *const *list);

/* Is s[0..n) a Project Gutenberg marker line ("*** START OF ..."), with
** what ("START OF", "END OF") in it? */
int sz_essay_pg_marker(const char *s, size_t n, const char *what);

uint32_t sz_essay_prev_cp(const char *s, size_t i);

/** Sets metadata lang (unless set) from the text of lines [a, b). */
void sz_essay_lang(struct sz_ectx *c, const struct sz_elines *lines, size_t a, size_t b);

/** Gives every Header of doc a pandoc-style identifier, unique in doc;
** ids already set are kept.  (src/passes/ids.c) */
void sz_pass_heading_ids(struct sz_doc *doc);

#endif
