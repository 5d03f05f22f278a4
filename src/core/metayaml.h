/*
** metayaml.h
** Metadata from YAML.
** See LICENSE.
*/
#ifndef SZ_METAYAML_H
#define SZ_METAYAML_H

#include "samizdat.h"

/** Parses a YAML mapping and sets each key in doc's metadata (overriding).
** Returns 0, or -1 with an error naming file, line and column in d. */
int sz_meta_load_yaml(struct sz_doc *doc, const char *data, size_t len, const char *file,
                      struct sz_diags *d);

#endif
