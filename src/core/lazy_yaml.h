/*
** lazy_yaml.h
** libyaml (YAML metadata), loaded the first time one of its
** functions is called.
** See LICENSE.
**
** As lazy_zip.h: every name below calls through a pointer filled by
** dlopen/dlsym on first use, so only the conversions that need the library
** pay for loading it.  A function not listed here fails to link: add it.
*/
#ifndef SZ_LAZY_YAML_H
#define SZ_LAZY_YAML_H

#include <yaml.h>

#define SZ_YAML_SYMS(X) \
    X(yaml_document_delete) \
    X(yaml_document_get_node) \
    X(yaml_document_get_root_node) \
    X(yaml_event_delete) \
    X(yaml_parser_delete) \
    X(yaml_parser_initialize) \
    X(yaml_parser_load) \
    X(yaml_parser_parse) \
    X(yaml_parser_set_input_string)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_yaml_api {
    SZ_YAML_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_yaml_api sz_yaml_api;
extern int sz_yaml_ready;
void sz_yaml_load(void);

#define SZ_YAML(f) \
    (__atomic_load_n(&sz_yaml_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_yaml_load(), sz_yaml_api.p_##f)

#define yaml_document_delete (*SZ_YAML(yaml_document_delete))
#define yaml_document_get_node (*SZ_YAML(yaml_document_get_node))
#define yaml_document_get_root_node (*SZ_YAML(yaml_document_get_root_node))
#define yaml_event_delete (*SZ_YAML(yaml_event_delete))
#define yaml_parser_delete (*SZ_YAML(yaml_parser_delete))
#define yaml_parser_initialize (*SZ_YAML(yaml_parser_initialize))
#define yaml_parser_load (*SZ_YAML(yaml_parser_load))
#define yaml_parser_parse (*SZ_YAML(yaml_parser_parse))
#define yaml_parser_set_input_string (*SZ_YAML(yaml_parser_set_input_string))

#endif
