/*
** essay_units.h
** Private to the block pass of the plain-text reader (essay_*.c): the units
** it classifies and the tests its files share.
** See LICENSE.
*/
#ifndef SZ_ESSAY_UNITS_H
#define SZ_ESSAY_UNITS_H

#include "readers/essay.h"

/* A line wider than this (code points) is a paragraph written on one line,
** not a hard-wrapped line: books wrap at 60-80 columns. */
#define LONG_LINE 100
/* Headings are short. */
#define MAX_HEAD_WIDTH 80
#define MAX_HEAD_WORDS 12

/* Heading ranks, outermost first.  The ranks a document uses are mapped to
** levels 1, 2, ... in this order, so levels stay consistent. */
enum rank {
    R_SETEXT1,     /* underlined with === */
    R_VOLUME,      /* a part keyword over another part keyword's run: VOLUME over BOOK */
    R_PART,        /* BOOK, PART, VOLUME */
    R_CHAPTER,     /* CHAPTER IV, Chapter 4, IV., Erstes Kapitel, ГЛАВА I */
    R_SUB,         /* SCENE II; bare numbers inside titled chapters: I, II under CHAPTER TWO */
    R_CAPS,        /* ALL-CAPS line */
    R_SETEXT2,     /* underlined with --- */
    R_NUMBERED,    /* 2. Method */
    R_NUMBERED2,   /* 2.1 Sampling */
    R_TITLE,       /* Short Title-Case Line */
    R_COUNT,
    R_NONE = -1
};

enum ukind { U_PARA, U_HEAD, U_RULE, U_SKIP, U_TITLEPAGE, U_CONTENTS, U_MERGED, U_FIGURE,
             U_SIDENOTE, U_EPIGRAPH };

struct unit {
    size_t a, b;               /* lines [a, b) */
    int kind;
    int rank;
    int merge;                 /* a heading that takes the next unit as its second line */
    int gap;                   /* blank lines before */
    const char *why;           /* the evidence that decided kind (--trace-structure) */
    int deeper;                /* levels under its rank's (a story's parts, a half-title's work) */
    int numnote;               /* 1: a note's number alone on its line, 2: the note text under
                               ** it, 3: a note text opening with its number ("1.  text") */
    int stanza_no;             /* the number over a stanza of a poem, kept as a line of verse */
    uint32_t split;            /* an epigraph whose source runs on into the next text: the
                               ** source's bytes of that line */
    int second;                /* that text is a second epigraph, over a source line of its own */
};

struct units {
    struct unit *v;
    size_t n, cap;
};

/* The layout of the running text: its wrap width and its indentation. */
struct layout {
    uint32_t wrap;             /* 90th percentile of line widths */
    uint32_t med;              /* their median */
    uint32_t wide;             /* 98th percentile: the measure of prose even where verse is the rule */
    uint32_t indent;           /* the commonest indentation */
    size_t lines;              /* non-blank lines measured */
    int speakers;              /* a play: speeches open with the speaker's name alone */
    int set_in;                /* a section that sets all its text in: indent is its own */
    int verse_book;            /* most blocks of several lines are verse: a book of poems */
    uint32_t verse_in;         /* the indentation the text quotes its verse at, 0: none */
    uint32_t verse_turn;       /* how much deeper the text sets a verse line's turnover,
                               ** 0: no such convention */
    uint32_t para_in;          /* the indentation paragraphs open at, where an indented
                               ** first line marks them; 0: none */
    size_t from, to;           /* the lines measured */
};

/* How many couplets in a row may stand between a couplet and the stanza
** that makes it verse. */
/* A stanza of a text written one paragraph per line has at most this many
** lines. */
#ifndef SZ_ESSAY_STANZA_LINES
#define SZ_ESSAY_STANZA_LINES 24
#endif
/* Lines of text a section needs for its own indentation to count (see
** sz_essay_section_layout). */
#ifndef SZ_ESSAY_SET_IN_LINES
#define SZ_ESSAY_SET_IN_LINES 8
#endif
/* Blocks opening set in a text needs before that is how it marks its
** paragraphs (see sz_essay_para_indent). */
#ifndef SZ_ESSAY_PARA_IN_BLOCKS
#define SZ_ESSAY_PARA_IN_BLOCKS 20
#endif
/* ...each of at most this many lines: a few paragraphs, not a chapter. */
#ifndef SZ_ESSAY_PARA_IN_LINES
#define SZ_ESSAY_PARA_IN_LINES 40
#endif
/* Notes numbered "1.  text" under a label, at most: the markers they
** answer are looked up in a table this long. */
#ifndef SZ_ESSAY_DOTTED_NOTES
#define SZ_ESSAY_DOTTED_NOTES 999
#endif
#ifndef SZ_ESSAY_COUPLET_RUN
#define SZ_ESSAY_COUPLET_RUN 8
#endif

struct sz_enotes {
    struct units *u;
    struct sz_eline *l;
    size_t cur;                /* unit being built */
    size_t *defs;              /* unit indexes of note texts, in order */
    size_t ndefs;
    size_t unmatched;
    struct ndef *bylab;        /* the note texts sorted by label, then place */
};

/* essay_words.c */
uint32_t sz_essay_cp_at(const char *s, size_t n, size_t *i);
uint32_t sz_essay_last_cp(const char *s, size_t n);
int sz_essay_is_upper(uint32_t cp);
int sz_essay_is_letter(uint32_t cp);
int sz_essay_closes(uint32_t cp);
size_t sz_essay_count_words(const char *s, size_t n);
int sz_essay_title_case(const char *s, size_t n);
int sz_essay_all_caps(const char *s, size_t n);
int sz_essay_ends_joining(const char *s, size_t n);
int sz_essay_caps_lines(const struct sz_eline *l, size_t a, size_t b);
int sz_essay_roman_value(const char *s, size_t n);
int sz_essay_number_token(const char *s, size_t n);
size_t sz_essay_first_word(const char *s, size_t n, const char **rest, size_t *rn);
int sz_essay_word_is(const char *w, size_t n, const char *const *list);
int sz_essay_is_symbol(uint32_t cp);
void sz_essay_squash(const char *s, size_t n, struct sz_buf *out);
int sz_essay_first_upper(const struct sz_eline *l);

/* essay_shapes.c */
int sz_essay_keyword_rank(const char *s, size_t n);
int sz_essay_scene_word(const char *s, size_t n);
int sz_essay_is_rule(const char *s, size_t n);
int sz_essay_underline_of(const struct sz_eline *l);
int sz_essay_matter_word(const char *s, size_t n);
int sz_essay_persons_line(const char *s, size_t n);
int sz_essay_sidenote(const struct sz_eline *l, size_t a, size_t b);
size_t sz_essay_sidenote_end(const struct units *u, const struct sz_eline *l, size_t k);
int sz_essay_page_ref(const char *s, size_t n);
int sz_essay_line_rank_why(const struct sz_eline *l, const char **why);
int sz_essay_line_rank(const struct sz_eline *l);
/* A month's name and a number on a short line: a letter's or a diary's date. */
int sz_essay_date_line(const struct sz_eline *l);
int sz_essay_atx_level(const struct sz_eline *l);
int sz_essay_atx_marks(const char *s, size_t n);
extern const char *const sz_essay_rank_why[R_COUNT + 1];
/* the reason a line of initials alone is no heading (essay_shapes.c) */
extern const char sz_essay_initials_why[];
int sz_essay_caps_title(const struct sz_eline *l, size_t a, size_t b);
int sz_essay_bare_number(const struct sz_eline *l);
int sz_essay_subtitle_line(const struct sz_eline *l, int rank);
int sz_essay_contents_word(const struct sz_eline *l);
int sz_essay_bare_value(const struct sz_eline *f);

/* essay_conventions.c: heading shapes that recur through the text */
void sz_essay_conventions(struct units *u, const struct sz_eline *l, int per_line);

/* essay_lists.c */
/* Where one paragraph is one line: the end of the run of list items one a
** line from line i, or i. */
size_t sz_essay_list_run(const struct sz_eline *l, size_t i, size_t n);
int sz_essay_list_unit(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                       struct sz_buf *scratch);
size_t sz_essay_loose_list(struct sz_ectx *c, const struct units *u, struct sz_eline *l, size_t k,
                           const char **paras, struct sz_buf *scratch);
size_t sz_essay_unmarked_list(struct sz_ectx *c, const struct units *u, struct sz_eline *l,
                              size_t k, const struct layout *lay, struct sz_buf *scratch);

/* essay_text.c */
void sz_essay_add_inlines(struct sz_ectx *c, struct sz_node *parent, struct sz_eline *l, size_t a,
                          size_t b, struct sz_buf *scratch);
struct sz_node *sz_essay_block(struct sz_ectx *c, enum sz_kind k, uint32_t line);
/** Records that block n starts at source line line, for --trace-structure
** (nodes hold no line: a book's tree is kept small); sz_essay_line gives it
** back, 0 when none was recorded or the trace is off. */
void sz_essay_set_line(struct sz_ectx *c, const struct sz_node *n, uint32_t line);
uint32_t sz_essay_line(const struct sz_ectx *c, const struct sz_node *n);
int sz_essay_speaker_line(const struct sz_eline *l);
void sz_essay_measure(const struct sz_eline *l, size_t a, size_t b, struct layout *lay);
void sz_essay_section_layout(const struct units *u, const struct sz_eline *l, size_t k, size_t n,
                             const struct layout *book, struct layout *sec);
void sz_essay_verse_lines(struct sz_ectx *c, const struct sz_eline *l, size_t a, size_t b,
                          uint32_t base);
/* Why a line alone, indented as the text's paragraphs open, is one of them. */
extern const char sz_essay_para_in_why[];
uint32_t sz_essay_para_indent(const struct units *u, const struct sz_eline *l,
                              const struct layout *lay);
const char *sz_essay_text_unit(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                               const struct layout *lay, struct sz_buf *scratch);
void sz_essay_figure(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                     struct sz_buf *scratch);
void sz_essay_lines_block(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                          struct sz_buf *scratch);
/* Lines kept as print breaks them in one paragraph (a list, a signature). */
void sz_essay_lines_para(struct sz_ectx *c, struct sz_eline *l, size_t a, size_t b,
                         struct sz_buf *scratch);
/* The reason for a play's lists before its first act (compared by address). */
extern const char sz_essay_cast_why[];

/* essay_verse.c: where the lines of a block break (lines [a, b), each break
** between a line and the next). */
struct shape {
    size_t breaks;             /* line ends before the last line */
    size_t room;               /* ... where the next word would have fitted the measure */
    size_t shorts;             /* ... before three quarters of the measure */
    size_t stops;              /* ... after punctuation */
    size_t caps, lows;         /* lines after the first opening in upper / lower case; the
                               ** counts stop where the block cannot be verse (see
                               ** sz_essay_block_shape) */
    size_t numbered;           /* lines ending in a number (contents, accounts) */
    uint32_t turn;             /* sz_essay_turned_shape: how much deeper the turnovers are set */
};
void sz_essay_block_shape(const struct sz_eline *l, size_t a, size_t b, uint32_t wide,
                          struct shape *sh);
int sz_essay_verse_by_starts(const struct shape *sh);
int sz_essay_verse_speech(const struct shape *sh);
int sz_essay_couplet_among_verse(const struct sz_eline *l, size_t a, size_t b,
                                 const struct layout *lay);
int sz_essay_indented_couplet(const struct sz_eline *l, size_t a, size_t b,
                              const struct layout *lay);
size_t sz_essay_stanza_end(const struct sz_eline *l, size_t i, size_t from, size_t n);
int sz_essay_poem_attribution(const struct units *u, size_t k, const struct sz_eline *l);
int sz_essay_verse_book(const struct units *u, const struct sz_eline *l, const struct layout *lay);
uint32_t sz_essay_verse_indent(const struct units *u, const struct sz_eline *l,
                               const struct layout *lay);
int sz_essay_lone_verse_line(const struct units *u, size_t k, const struct sz_eline *l,
                             const struct layout *lay);
int sz_essay_rhymed_block(const struct sz_eline *l, size_t a, size_t b);
int sz_essay_rhymed_line(const struct units *u, size_t k, const struct sz_eline *l,
                         const struct layout *lay);
int sz_essay_capital_lines(const struct shape *sh, size_t nl);
uint32_t sz_essay_verse_turn(const struct units *u, const struct sz_eline *l,
                             const struct layout *lay);
size_t sz_essay_turned_shape(const struct sz_eline *l, size_t a, size_t b, uint32_t wrap,
                             uint32_t wide, struct shape *sh);
int sz_essay_own_measure_prose(const struct sz_eline *l, size_t a, size_t b);
int sz_essay_wrapped_pair(const struct sz_eline *l, size_t a, const struct layout *lay);
size_t sz_essay_wrapped_breaks(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay,
                               size_t *opens);
int sz_essay_unstopped_lines(const struct sz_eline *l, size_t a, size_t b,
                              const struct layout *lay);
const char *sz_essay_grid_lines(const struct sz_eline *l, size_t a, size_t b, int *as_drawn);
const char *sz_essay_same_figure_lines(const struct sz_eline *l, size_t a, size_t b);
const char *sz_essay_field_lines(const struct sz_eline *l, size_t a, size_t b);
const char *sz_essay_dialogue_pair(const struct sz_eline *l, size_t a, size_t b);
int sz_essay_motto(const struct units *u, size_t k, const struct sz_eline *l,
                   const struct layout *lay);
const char *sz_essay_letter_lines(const struct sz_eline *l, size_t a, size_t b);
int sz_essay_dash_signature(const struct sz_eline *f);
int sz_essay_salutation(const struct sz_eline *f);
int sz_essay_signed_apart(const struct units *u, size_t k, const struct sz_eline *l);
int sz_essay_quoted_verse(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay);

/* essay_notes.c */
size_t sz_essay_note_label(const struct sz_eline *l, const char **label, size_t *skip);
void sz_essay_find_notes(struct sz_enotes *nt);
int sz_essay_notes_label(const struct units *u, size_t k, const struct sz_eline *l);
void sz_essay_numbered_notes(struct units *u, const struct sz_eline *l);
void sz_essay_stanza_numbers(struct units *u, const struct sz_eline *l);

/* essay_front.c */
void sz_essay_title_block(struct sz_ectx *c, struct sz_eline *l, struct units *u);
int sz_essay_is_prose(const struct units *u, size_t k, const struct sz_eline *l);
/* Does line f name a part of a book's apparatus (Notes, References, Index)? */
int sz_essay_apparatus(const struct sz_eline *f);
size_t sz_essay_contents(struct units *u, size_t k, const struct sz_eline *l);
void sz_essay_contents_headings(struct units *u, size_t k, size_t e, const struct sz_eline *l,
                                struct sz_arena *arena);
void sz_essay_title_page_lines(struct units *u, const struct sz_eline *l);
void sz_essay_front_matter(struct sz_ectx *c, struct units *u, const struct sz_eline *l);

/* essay_epigraph.c: what an author sets before the text */
int sz_essay_attribution(const struct sz_eline *f);
int sz_essay_epigraph(const struct unit *x, const struct sz_eline *l);
size_t sz_essay_epigraph_end(const struct sz_eline *l, size_t i, size_t n);
size_t sz_essay_run_on_epigraph(const struct sz_eline *l, size_t i, size_t from, size_t n,
                                uint32_t *split, int *second);
int sz_essay_dedication(const struct unit *x, const struct sz_eline *l);

/* essay_outline.c */
void sz_essay_merge_headings(struct units *u, const struct sz_eline *l);
void sz_essay_join_broken_headings(struct units *u, const struct sz_eline *l);
void sz_essay_division_lists(struct units *u, const struct sz_eline *l);
void sz_essay_bylines(struct units *u, const struct sz_eline *l);
void sz_essay_demote_empty(struct units *u, const struct sz_eline *l, const char *title,
                           const char *author);
void sz_essay_fix_ranks(struct units *u, const struct sz_eline *l);
void sz_essay_numbered_paragraph_heads(struct units *u, const struct sz_eline *l);
void sz_essay_nest_numbers(struct units *u, const struct sz_eline *l);
void sz_essay_nest_keywords(struct units *u, const struct sz_eline *l);
void sz_essay_rank_order(struct units *u, int order[R_COUNT]);
int sz_essay_holds(const struct units *u, int b, int a);
int sz_essay_holds_once(const struct units *u, int b, int a, signed char held[R_COUNT][R_COUNT]);
int sz_essay_holds_next(const struct units *u, size_t k, signed char held[R_COUNT][R_COUNT]);
void sz_essay_revive_holders(struct units *u);
void sz_essay_nest_gaps(struct units *u);
void sz_essay_story_titles(struct units *u, const struct sz_eline *l);
void sz_essay_series_titles(struct units *u, const struct sz_eline *l);
void sz_essay_ditto_contents(struct units *u, const struct sz_eline *l);
void sz_essay_transcriber_notes(struct units *u, const struct sz_eline *l);
void sz_essay_rank_spans(const struct units *u, size_t first[R_COUNT], size_t last[R_COUNT],
                         size_t count[R_COUNT]);
void sz_essay_rank_leaves(struct units *u);

void sz_essay_nest_parts(struct units *u, const struct sz_eline *l, const int level_of[R_COUNT]);
void sz_essay_nest_half_title(struct units *u, const struct sz_eline *l, const int level_of[R_COUNT],
                              const char *title, const char *author);

/* essay_series.c */
void sz_essay_series_lines(struct units *u, const struct sz_eline *l);

/* essay_recur.c: shapes judged by how the whole text uses them */
void sz_essay_recurrence(struct units *u, const struct sz_eline *l);

#endif
