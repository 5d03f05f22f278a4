/*
** metayaml.c
** Metadata from YAML (--metadata-file, sidecar files) through libyaml.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "core/lazy_yaml.h"

#include "internal.h"
#include "core/metayaml.h"

/* Values converted beyond the document's own nodes: aliases repeat a node,
** and nine levels of nine aliases would be 9^9 values (billion laughs). */
#define ALIAS_BUDGET 100000

/* One mapping entry and its place in the mapping. */
struct ent {
    struct sz_node *e;
    size_t i;
};

static int
ent_cmp(const void *a, const void *b)
{
    const struct ent *x = a, *y = b;
    int c = strcmp(x->e->text, y->e->text);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Scalars become MetaInlines (as pandoc's Markdown-parsed YAML values do
** for plain text), true/false become MetaBool; quoted scalars stay text.
** cv->budget counts down the values still allowed; on failure cv->bad is
** the node where conversion stopped. */
struct cv {
    size_t budget;
    const yaml_node_t *bad;
};

static struct sz_node *
convert(struct sz_doc *doc, yaml_document_t *y, yaml_node_t *n, int depth, struct cv *cv)
{
    if (!n)
        return NULL;
    if (depth > SZ_MAX_DEPTH || cv->budget == 0) {
        cv->bad = n;
        return NULL;
    }
    cv->budget--;
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
            struct sz_node *c = convert(doc, y, yaml_document_get_node(y, *i), depth + 1, cv);
            if (!c)
                return NULL;
            sz_node_append(l, c);
        }
        return l;
    }
    case YAML_MAPPING_NODE: {
        /* Entries are sorted once at the end: inserting each in order would
        ** be quadratic in the number of keys.  Of equal keys the last wins. */
        struct sz_node *m = sz_node_new(doc, SZ_META_MAP);
        size_t np = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start), k = 0;
        struct ent *v = sz_xmalloc((np ? np : 1) * sizeof *v);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            yaml_node_t *kn = yaml_document_get_node(y, p->key);
            if (!kn || kn->type != YAML_SCALAR_NODE)
                continue;
            struct sz_node *val = convert(doc, y, yaml_document_get_node(y, p->value), depth + 1,
                                          cv);
            if (!val) {
                free(v);
                return NULL;
            }
            const char *key = (const char *)kn->data.scalar.value;
            struct sz_node *e = sz_node_new_text(doc, SZ_META_ENTRY, key, strlen(key));
            sz_node_append(e, val);
            v[k].e = e;
            v[k].i = k;
            k++;
        }
        qsort(v, k, sizeof *v, ent_cmp);
        for (size_t i = 0; i < k; i++)
            if (i + 1 == k || strcmp(v[i].e->text, v[i + 1].e->text) != 0)
                sz_node_append(m, v[i].e);
        free(v);
        return m;
    }
    default:
        return sz_node_new(doc, SZ_META_INLINES);
    }
}

/* libyaml's scanner keeps a possible simple key per flow level and visits
** all of them at every token, so loading [[[…]]] 100 000 deep takes time in
** the square of the depth before convert() could refuse it.  A first pass
** over the events stops at the depth limit instead, having scanned little
** more than SZ_MAX_DEPTH levels.  Returns 0, or -1 with *at where the
** nesting passes the limit; a syntax error is left for the loader to
** report. */
static int
check_depth(const char *data, size_t len, yaml_mark_t *at)
{
    yaml_parser_t p;
    yaml_event_t ev;
    int depth = 0, rc = 0;
    if (!yaml_parser_initialize(&p))
        sz_oom();
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    for (;;) {
        if (!yaml_parser_parse(&p, &ev)) {
            if (p.error == YAML_MEMORY_ERROR)
                sz_oom();       /* libyaml's malloc failed: not a syntax error */
            break;
        }
        yaml_event_type_t t = ev.type;
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
            if (++depth > SZ_MAX_DEPTH) {
                *at = ev.start_mark;
                rc = -1;
            }
        } else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
            depth--;
        }
        yaml_event_delete(&ev);
        if (rc < 0 || t == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&p);
    return rc;
}

int
sz_meta_load_yaml(struct sz_doc *doc, const char *data, size_t len, const char *file,
                  struct sz_diags *d)
{
    yaml_parser_t p;
    yaml_document_t y;
    int rc = -1;
    yaml_mark_t deep;
    if (check_depth(data, len, &deep) < 0) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_PARSE, file, (uint32_t)deep.line + 1,
                    (uint32_t)deep.column + 1, (long long)deep.index,
                    "YAML metadata nested deeper than %d levels", SZ_MAX_DEPTH);
        return -1;
    }
    if (!yaml_parser_initialize(&p))
        sz_oom();
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    if (!yaml_parser_load(&p, &y)) {
        if (p.error == YAML_MEMORY_ERROR)
            sz_oom();
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
    struct cv cv = { (size_t)(y.nodes.top - y.nodes.start) + ALIAS_BUDGET, NULL };
    struct sz_node *m = convert(doc, &y, root, 0, &cv);
    if (!m) {
        yaml_mark_t at = cv.bad ? cv.bad->start_mark : root->start_mark;
        if (cv.budget == 0)
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_PARSE, file, (uint32_t)at.line + 1,
                        (uint32_t)at.column + 1, (long long)at.index,
                        "YAML metadata: aliases expand to more than %d extra values",
                        ALIAS_BUDGET);
        else
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_PARSE, file, (uint32_t)at.line + 1,
                        (uint32_t)at.column + 1, (long long)at.index,
                        "YAML metadata nested deeper than %d levels (or an alias inside "
                        "its own anchor)", SZ_MAX_DEPTH);
        goto out;
    }
    /* Both maps are sorted: one merge pass, not a search per key. */
    struct sz_node *at = doc->meta->first;
    while (m->first) {
        struct sz_node *e = m->first;
        sz_node_unlink(e);
        while (at && strcmp(at->text, e->text) < 0)
            at = at->next;
        if (at && strcmp(at->text, e->text) == 0) {
            struct sz_node *next = at->next;
            sz_node_replace(at, e);
            at = next;
        } else if (at) {
            sz_node_insert_before(at, e);
        } else {
            sz_node_append(doc->meta, e);
        }
    }
    rc = 0;
out:
    yaml_document_delete(&y);
    yaml_parser_delete(&p);
    return rc;
}
