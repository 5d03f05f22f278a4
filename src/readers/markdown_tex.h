/*
** markdown_tex.h
** Raw TeX blocks of pandoc's Markdown: where one starts and ends.
** See LICENSE.
*/
#ifndef SZ_MARKDOWN_TEX_H
#define SZ_MARKDOWN_TEX_H

#include <stddef.h>

/* The length of the raw TeX block starting s[0..n) (s at a line start,
** after a blank line), 0 when there is none; the block ends before its
** last line end. */
size_t sz_md_tex_block(const char *s, size_t n);

/* The length of the raw TeX starting at s[0] ('\\' and a letter) inside
** running text, as pandoc's raw_tex reads it: a command with its options
** and braced arguments (an accent such as \t with one character), a
** definition, \verb|..|; 0 when it is not one (an unclosed brace, a #1
** outside a definition).  It looks no further than s[n - 1] and at most
** SZ_MD_TEX_INLINE_MAX bytes. */
#define SZ_MD_TEX_INLINE_MAX 2048
size_t sz_md_tex_inline(const char *s, size_t n);

/* A definition of a macro without parameters at s[0]: \newcommand{\x}{..},
** \renewcommand\x{..}, \providecommand, \def\x{..}; sets the name
** (without its backslash) and the body, returns the definition's length;
** 0 when there is none. */
size_t sz_md_tex_macro(const char *s, size_t n, const char **name, size_t *nlen,
                       const char **body, size_t *blen);

/* \ifstrequal{a}{b}{yes}{no} at s[0]: the branch it takes in *out, and its
** length; 0 when there is none. */
size_t sz_md_tex_ifstrequal(const char *s, size_t n, const char **out, size_t *outn);

#endif
