/*
** wrap.h
** Line wrapping for the text writers: UAX #14 break opportunities, display widths.
** See LICENSE.
*/
#ifndef SZ_WRAP_H
#define SZ_WRAP_H

#include "samizdat.h"

/* Flags for sz_wrap_text. */
enum {
    SZ_WRAPF_BREAK = 1,        /* break at UAX #14 opportunities, not only at '\n' */
    SZ_WRAPF_VERBATIM = 2,     /* keep spaces after a line break (code, raw text) */
    SZ_WRAPF_WHOLE = 4         /* analyse the whole text at once instead of a window
                                  per line: slower, the reference for tests */
};

/* Scratch space reused from one call to the next, so a book costs one
** allocation of the size of its longest paragraph. */
struct sz_wrapper {
    char *brk;                 /* libunibreak's answer, one byte per input byte */
    size_t cap;
    const char *lang;          /* BCP 47 language for libunibreak, or NULL */
    /* Optional: when lines go into spill_buf and it holds SZ_WRAP_SPILL
    ** bytes or more, spill(spill_ud) is called between lines to hand them
    ** on, so a paragraph the size of a book is not held twice. */
    struct sz_buf *spill_buf;
    void (*spill)(void *ud);
    void *spill_ud;
};

#define SZ_WRAP_SPILL (256 * 1024)

void sz_wrapper_init(struct sz_wrapper *w, const char *lang);
void sz_wrapper_free(struct sz_wrapper *w);

/** libunibreak's set_linebreaks_utf8 on s[0..n) into brks[0..n), safe for
** any bytes: U+FFFF and broken sequences do not end the analysis. */
void sz_linebreaks(const char *s, size_t n, const char *lang, char *brks);

/** Display width of one code point in a terminal or a monospaced font: 2 for
** East Asian wide and fullwidth characters and emoji, 0 for combining marks
** and controls, 1 otherwise. */
int sz_char_width(uint32_t cp);
/** Display width of the UTF-8 text s[0..n). */
int sz_text_width(const char *s, size_t n);

/** Lays out text[0..n) as lines appended to out.  The first line starts with
** the prefix first, every other line with rest; each line is at most columns
** wide (display width, prefix included) unless one unbreakable piece is
** wider by itself.  '\n' in text always ends a line.  With SZ_WRAPF_BREAK
** lines also break where UAX #14 allows, and the spaces at a break are
** dropped.  Trailing spaces are never written; every line ends with '\n';
** empty text writes nothing.  Returns the display width of the widest line
** without its prefix. */
int sz_wrap_text(struct sz_wrapper *w, struct sz_buf *out, const char *text, size_t n,
                 const char *first, const char *rest, int columns, unsigned flags);

#endif
