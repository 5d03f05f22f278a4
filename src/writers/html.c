/*
** html.c
** The HTML5 writer: a body fragment, or with -s a whole page.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "core/registry.h"
#include "writers/xhtml.h"

static void
title_block(struct sz_xhtml *x, struct sz_xw *w, const struct sz_doc *doc)
{
    static const char *const keys[] = { "subtitle", "author", "date", NULL };
    const struct sz_node *t = sz_meta_get(doc, "title");
    if (!t)
        return;
    sz_xw_start(w, "header");
    sz_xw_attr(w, "class", "title-block");
    sz_xw_start(w, "h1");
    sz_xw_attr(w, "class", "title");
    sz_xhtml_meta_inline(x, w, t);
    sz_xw_end(w);
    for (int i = 0; keys[i]; i++) {
        const struct sz_node *v = sz_meta_get(doc, keys[i]);
        if (!v)
            continue;
        sz_xw_start(w, "p");
        sz_xw_attr(w, "class", keys[i]);
        sz_xhtml_meta_inline(x, w, v);
        sz_xw_end(w);
    }
    sz_xw_end(w);
    sz_xw_puts(w, "\n");
}

static int
write_html(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
           struct sz_diags *diags)
{
    struct sz_xhtml *x = sz_xhtml_new(doc, o, 0, diags);
    struct sz_xw w;
    int rc = -1;
    if (sz_xw_open(&w) < 0)
        goto out;
    if (o->standalone) {
        const struct sz_node *t = sz_meta_get(doc, "title");
        const char *title = t ? sz_xhtml_text(x, t) : "";
        if (!*title && doc->source && strcmp(doc->source, "-")) {
            const char *b = strrchr(doc->source, '/');
            title = b ? b + 1 : doc->source;
        }
        sz_xw_doctype(&w, "html");
        sz_xw_puts(&w, "\n");
        sz_xw_start(&w, "html");
        sz_xw_attr(&w, "lang", sz_xhtml_lang(x));
        const char *dir = sz_xhtml_text(x, sz_meta_get(doc, "dir"));
        if (!strcmp(dir, "rtl") || !strcmp(dir, "ltr"))
            sz_xw_attr(&w, "dir", dir);
        sz_xw_puts(&w, "\n");
        sz_xw_start(&w, "head");
        sz_xw_start(&w, "meta");
        sz_xw_attr(&w, "charset", "utf-8");
        sz_xw_end_void(&w);
        sz_xw_start(&w, "meta");
        sz_xw_attr(&w, "name", "viewport");
        sz_xw_attr(&w, "content", "width=device-width, initial-scale=1");
        sz_xw_end_void(&w);
        sz_xw_elem(&w, "title", *title ? title : "Untitled");
        if (!o->css_replace) {
            /* Our own constant stylesheet; HTML's <style> is raw text, so
            ** it may not be escaped.  Never user text. */
            sz_xw_start(&w, "style");
            sz_xw_markup(&w, sz_default_css);
            sz_xw_end(&w);
        }
        for (size_t i = 0; o->css_files && o->css_files[i]; i++) {
            sz_xw_start(&w, "link");
            sz_xw_attr(&w, "rel", "stylesheet");
            sz_xw_attr(&w, "href", o->css_files[i]);
            sz_xw_end_void(&w);
        }
        sz_xw_end(&w);
        sz_xw_puts(&w, "\n");
        sz_xw_start(&w, "body");
        sz_xw_attr(&w, "class", "page");
        sz_xw_puts(&w, "\n");
        title_block(x, &w, doc);
    }
    sz_xhtml_children(x, &w, doc->root);
    sz_xhtml_notes(x, &w);
    if (o->standalone) {
        sz_xw_end(&w);
        sz_xw_puts(&w, "\n");
        sz_xw_end(&w);
        sz_xw_puts(&w, "\n");
    }
    size_t len = 0;
    char *data = sz_xw_finish(&w, &len);
    if (!data) {
        sz_diag_add(diags, SZ_ERROR, SZ_EXIT_WRITER, NULL, 0, 0, -1,
                    "html: the XML writer failed");
        goto out;
    }
    rc = sz_sink_write(out, data, len);
    free(data);
    if (rc < 0)
        sz_diag_add(diags, SZ_ERROR, SZ_EXIT_IO, NULL, 0, 0, -1, "html: cannot write output");
out:
    sz_xw_discard(&w);
    sz_xhtml_free(x);
    return rc;
}

const struct sz_writer sz_writer_html = { "html", "html", 0, write_html };
