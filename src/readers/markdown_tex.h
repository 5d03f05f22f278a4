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

#endif
