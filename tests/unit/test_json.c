/*
** test_json.c
** pandoc JSON: number printing, trees built by hand, truncated input.
** See LICENSE.
*/
#include <stdlib.h>

#include "harness.h"
#include "samizdat.h"

/* src/writers/json.c */
void sz_json_put_double(struct sz_buf *b, double x);

static void
dbl(double x, const char *want)
{
    struct sz_buf b = SZ_BUF_INIT;
    char name[64];
    sz_json_put_double(&b, x);
    snprintf(name, sizeof name, "double %s", want);
    STR_EQ(b.data, want, name);
    sz_buf_free(&b);
}

/* The values pandoc 2.17 printed for these ColWidths. */
static void
test_doubles(void)
{
    dbl(0.25, "0.25");
    dbl(1.0, "1.0");
    dbl(0.01, "1.0e-2");
    dbl(1.5e-7, "1.5e-7");
    dbl(12345678.0, "1.2345678e7");
    dbl(1e22, "1.0e22");
    dbl(0.1, "0.1");
    dbl(0.09, "9.0e-2");
    dbl(9999999.0, "9999999.0");
    dbl(1e7, "1.0e7");
    dbl(1.0 / 3, "0.3333333333333333");
    dbl(1.0 / 6, "0.16666666666666666");
    dbl(123.456, "123.456");
    dbl(5e-324, "5.0e-324");
    dbl(1.7976931348623157e308, "1.7976931348623157e308");
}

static char *
write_doc(const struct sz_doc *doc, int api_minor, int *rc)
{
    struct sz_buf b = SZ_BUF_INIT;
    struct sz_sink s = sz_sink_buf(&b);
    struct sz_wopts o;
    struct sz_diags d;
    sz_wopts_init(&o);
    o.api_minor = api_minor;
    sz_diags_init(&d);
    *rc = sz_writer_find("json")->write(doc, &o, &s, &d);
    sz_diags_free(&d);
    return b.data ? b.data : calloc(1, 1);
}

/* A table made through the API with no caption, head or foot gets pandoc's
** empty defaults; a figure with an empty caption likewise. */
static void
test_defaults(void)
{
    struct sz_doc *doc = sz_doc_new(NULL);
    struct sz_node *t = sz_node_new(doc, SZ_TABLE);
    struct sz_node *cs = sz_node_new(doc, SZ_COLSPEC);
    cs->width = 0.5;
    sz_node_append(doc->root, t);
    sz_node_append(t, cs);
    sz_node_append(doc->root, sz_node_new(doc, SZ_FIGURE));
    struct sz_node *s = sz_node_new(doc, SZ_SPAN);
    sz_attr_add_class(doc, sz_node_attr(doc, s), "x\"y");
    struct sz_node *p = sz_node_new(doc, SZ_PARA);
    sz_node_append(doc->root, p);
    sz_node_append(p, s);
    sz_node_append(s, sz_node_new_text(doc, SZ_STR, "a\0b\x80", 4));
    int rc;
    char *out = write_doc(doc, 23, &rc);
    INT_EQ(rc, 0, "defaults: write ok");
    STR_EQ(out,
           "{\"pandoc-api-version\":[1,23,1],\"meta\":{},\"blocks\":["
           "{\"t\":\"Table\",\"c\":[[\"\",[],[]],[null,[]],[[{\"t\":\"AlignDefault\"},"
           "{\"t\":\"ColWidth\",\"c\":0.5}]],[[\"\",[],[]],[]],[],[[\"\",[],[]],[]]]},"
           "{\"t\":\"Figure\",\"c\":[[\"\",[],[]],[null,[]],[]]},"
           "{\"t\":\"Para\",\"c\":[{\"t\":\"Span\",\"c\":[[\"\",[\"x\\\"y\"],[]],"
           "[{\"t\":\"Str\",\"c\":\"a\\u0000b\xEF\xBF\xBD\"}]]}]}]}\n",
           "defaults: empty parts, escapes, NUL and invalid UTF-8");
    free(out);
    sz_doc_free(doc);
}

/* Children in an order pandoc JSON cannot express are refused, not garbled. */
static void
test_bad_order(void)
{
    struct sz_doc *doc = sz_doc_new(NULL);
    struct sz_node *t = sz_node_new(doc, SZ_TABLE);
    sz_node_append(doc->root, t);
    sz_node_append(t, sz_node_new(doc, SZ_THEAD));
    sz_node_append(t, sz_node_new(doc, SZ_COLSPEC));
    int rc;
    char *out = write_doc(doc, 23, &rc);
    INT_EQ(rc, -1, "ColSpec after TableHead is an error");
    free(out);
    sz_doc_free(doc);
}

static char *
slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = malloc(1 << 20);
    *n = fread(p, 1, 1 << 20, f);
    fclose(f);
    return p;
}

/* Every prefix of a real document fails cleanly; the whole one reads. */
static void
test_truncated(void)
{
    size_t n;
    char *data = slurp("tests/data/rich-1.23.json", &n);
    if (!data) {
        printf("SKIP json: truncated input (tests/data/rich-1.23.json not found)\n");
        return;
    }
    const struct sz_reader *r = sz_reader_find("json");
    struct sz_ropts o;
    sz_ropts_init(&o);
    size_t ok = 0, bad = 0;
    for (size_t len = 0; len <= n; len = len < 4096 || len + 7 > n ? len + 1 : len + 7) {
        struct sz_doc *doc = sz_doc_new(NULL);
        int rc = r->read(doc, data, len, &o);
        if (rc == 0)
            ok++;
        else if (sz_diags_error_code(&doc->diags) == SZ_EXIT_PARSE)
            bad++;
        sz_doc_free(doc);
    }
    OK(ok >= 1 && ok <= 2 && bad > 4000, "every truncation is a parse error");
    free(data);
}

/* Mutated documents (deterministic byte changes): each either fails with a
** parse error or reads, and then what we write reads back and writes the
** same.  Under ASan this is a small fuzzer for both directions. */
static void
test_mutations(void)
{
    size_t n;
    char *data = slurp("tests/data/rich-1.23.json", &n);
    if (!data) {
        printf("SKIP json: mutations (tests/data/rich-1.23.json not found)\n");
        return;
    }
    static const char repl[] = "[]{},:\"0a\\ \x80\xC3";
    const struct sz_reader *r = sz_reader_find("json");
    struct sz_ropts o;
    sz_ropts_init(&o);
    unsigned long long seed = 88172645463325252ULL;
    int parsed = 0, stable = 0, clean = 1;
    char *buf = malloc(n);
    for (int i = 0; i < 3000; i++) {
        memcpy(buf, data, n);
        for (int k = 0; k < 1 + i % 3; k++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            buf[seed % n] = repl[(seed >> 32) % (sizeof repl - 1)];
        }
        struct sz_doc *doc = sz_doc_new(NULL);
        if (r->read(doc, buf, n, &o) != 0) {
            if (sz_diags_error_code(&doc->diags) != SZ_EXIT_PARSE)
                clean = 0;
            sz_doc_free(doc);
            continue;
        }
        parsed++;
        int rc1, rc2 = -1;
        char *out1 = write_doc(doc, i % 2 ? 22 : 23, &rc1);
        struct sz_doc *doc2 = sz_doc_new(NULL);
        char *out2 = NULL;
        if (rc1 == 0 && r->read(doc2, out1, strlen(out1), &o) == 0)
            out2 = write_doc(doc2, i % 2 ? 22 : 23, &rc2);
        if (rc2 == 0 && strcmp(out1, out2) == 0)
            stable++;
        free(out1);
        free(out2);
        sz_doc_free(doc2);
        sz_doc_free(doc);
    }
    OK(clean, "mutations: every failure is a parse error");
    OK(parsed > 100, "mutations: some mutated documents still read");
    INT_EQ(stable, parsed, "mutations: what we write reads back to the same JSON");
    free(buf);
    free(data);
}

int
main(void)
{
    h_suite = "json";
    test_doubles();
    test_defaults();
    test_bad_order();
    test_truncated();
    test_mutations();
    return h_failed != 0;
}
