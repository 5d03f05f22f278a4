/*
** registry.h
** The one exported symbol of each reader and writer unit.
** See LICENSE.
*/
#ifndef SZ_REGISTRY_H
#define SZ_REGISTRY_H

#include "samizdat.h"

extern const struct sz_reader sz_reader_essay;   /* src/readers/essay.c */
extern const struct sz_reader sz_reader_json;    /* src/readers/json.c */
extern const struct sz_reader sz_reader_markdown;   /* src/readers/markdown.c */
extern const struct sz_reader sz_reader_commonmark; /* src/readers/markdown.c */
extern const struct sz_reader sz_reader_gfm;        /* src/readers/markdown.c */
extern const struct sz_reader sz_reader_html;       /* src/readers/html_read.c */
extern const struct sz_reader sz_reader_epub;       /* src/readers/epub.c */

extern const struct sz_writer sz_writer_plain;   /* src/writers/plain.c */
extern const struct sz_writer sz_writer_json;    /* src/writers/json.c */
extern const struct sz_writer sz_writer_native;  /* src/writers/native.c */
extern const struct sz_writer sz_writer_html;    /* src/writers/html.c */
extern const struct sz_writer sz_writer_epub;    /* src/writers/epub.c */
extern const struct sz_writer sz_writer_tei;     /* src/writers/tei.c */

#endif
