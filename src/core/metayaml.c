/*
** metayaml.c
** Metadata from YAML (--metadata-file, sidecar files) through libyaml.
** See LICENSE.
*/
#include <string.h>
#include <yaml.h>

#include "internal.h"
#include "core/metayaml.h"

/* Scalars become MetaInlines (as pandoc's Markdown-parsed YAML values do
** for plain text), true/false become MetaBool; quoted scalars stay text. */
static struct sz_node *
convert(struct sz_doc *doc, yaml_document_t *y, yaml_node_t *n, int depth)
{
    if (!n || depth > SZ_MAX_DEPTH)
        return NULL;
    switch (n->type) {
    case YAML_SCALAR_NODE: {
        const char *v = (const char *)n->data.scalar.value;
        size_t len = n->data.scalar.length;
        if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "false") ||
                !strcmp(v, "False")) {
                struct sz_node *b = sz_node_new(doc, SZ_META_BOOL);
                b->ival = v[0] == 't' || v[0] == 'T';
                return b;
            }
        }
        struct sz_node *m = sz_node_new(doc, SZ_META_INLINES);
        sz_inlines_from_text(doc, m, v, len);
        return m;
    }
    case YAML_SEQUENCE_NODE: {
        struct sz_node *l = sz_node_new(doc, SZ_META_LIST);
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++) {
            struct sz_node *c = convert(doc, y, yaml_document_get_node(y, *i), depth + 1);
            if (!c)
                return NULL;
            sz_node_append(l, c);
        }
        return l;
    }
    case YAML_MAPPING_NODE: {
        struct sz_node *m = sz_node_new(doc, SZ_META_MAP);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = yaml_document_get_node(y, p->key);
            if (!k || k->type != YAML_SCALAR_NODE)
                continue;
            struct sz_node *v = convert(doc, y, yaml_document_get_node(y, p->value), depth + 1);
            if (!v)
                return NULL;
            const char *key = (const char *)k->data.scalar.value;
            struct sz_node *e = sz_node_new_text(doc, SZ_META_ENTRY, key, strlen(key));
            sz_node_append(e, v);
            struct sz_node *at = m->first;
            while (at && strcmp(at->text, key) < 0)
                at = at->next;
            if (at && strcmp(at->text, key) == 0) {
                sz_node_replace(at, e);
                continue;
            }
            if (at)
                sz_node_insert_before(at, e);
            else
                sz_node_append(m, e);
        }
        return m;
    }
    default:
        return sz_node_new(doc, SZ_META_INLINES);
    }
}

int
sz_meta_load_yaml(struct sz_doc *doc, const char *data, size_t len, const char *file,
                  struct sz_diags *d)
{
    yaml_parser_t p;
    yaml_document_t y;
    int rc = -1;
    if (!yaml_parser_initialize(&p))
        sz_oom();
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    if (!yaml_parser_load(&p, &y)) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_PARSE, file, (uint32_t)p.problem_mark.line + 1,
                    (uint32_t)p.problem_mark.column + 1, (long long)p.problem_mark.index,
                    "YAML metadata: %s", p.problem ? p.problem : "parse error");
        yaml_parser_delete(&p);
        return -1;
    }
    yaml_node_t *root = yaml_document_get_root_node(&y);
    if (!root) {
        rc = 0; /* empty file: no metadata */
        goto out;
    }
    if (root->type != YAML_MAPPING_NODE) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_PARSE, file, (uint32_t)root->start_mark.line + 1, 0, -1,
                    "YAML metadata must be a mapping of keys to values");
        goto out;
    }
    struct sz_node *m = convert(doc, &y, root, 0);
    if (!m) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_PARSE, file, 0, 0, -1,
                    "YAML metadata nested deeper than %d levels", SZ_MAX_DEPTH);
        goto out;
    }
    while (m->first) {
        struct sz_node *e = m->first;
        struct sz_node *v = e->first;
        sz_node_unlink(e);
        sz_node_unlink(v);
        sz_meta_set(doc, e->text, v);
    }
    rc = 0;
out:
    yaml_document_delete(&y);
    yaml_parser_delete(&p);
    return rc;
}
