/*
** markdown_table.h
** pandoc Markdown's simple, multiline and grid tables with their captions.
** See LICENSE.
*/
#ifndef SZ_MARKDOWN_TABLE_H
#define SZ_MARKDOWN_TABLE_H

#include <stddef.h>

#include "samizdat.h"

/* Parses Markdown s[0..n) (a cell, a caption; at: its offset in the
** caller's text) into the blocks of into; -1 on error. */
typedef int (*sz_md_parse_fn)(void *ud, const char *s, size_t n, size_t at,
                              struct sz_node *into);

/* The table starting at the line s[at..] (a line start after a blank line
** or at the start of the text): its node in *out and where its lines end
** (after a caption and the blank lines before it), 0 when there is none,
** -1 when a cell failed to parse.  memo: two zeros before the first call
** for a text, then kept from call to call (at must grow). */
long sz_md_table(struct sz_doc *doc, const char *s, size_t n, size_t at, sz_md_parse_fn parse,
                 void *ud, size_t memo[2], struct sz_node **out);

#endif
