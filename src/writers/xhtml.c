/*
** xhtml.c
** The tree as (X)HTML: one renderer for the HTML writer and EPUB chapters.
** See LICENSE.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include "core/lazy_xml.h"

#include "internal.h"
#include "core/bytes8.h"
#include "core/path.h"
#include "writers/xhtml.h"

/* {=================================================================
** Checked writer
** ================================================================== */

int
sz_xw_open(struct sz_xw *x)
{
    memset(x, 0, sizeof *x);
    sz_xo_init(&x->xo, &x->buf);
    return 0;
}

void
sz_xw_declaration(struct sz_xw *x)
{
    sz_xo_declaration(&x->xo);
}

void
sz_xw_doctype(struct sz_xw *x, const char *name)
{
    sz_xo_doctype(&x->xo, name);
}

void
sz_xw_start(struct sz_xw *x, const char *name)
{
    sz_xo_start(&x->xo, name);
}

/* Can s go into XML as it is?  Eight bytes at a time while they are
** printable ASCII; else control characters, U+FFFE/U+FFFF and bad UTF-8
** send it through xml_sanitize. */
static int
xml_clean(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    int high = 0;
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w = sz_b8_load(s + i);
            if (!sz_b8_lt(w, 0x20) && !(w & SZ_B8_HIGH)) {
                i += 8;
                continue;
            }
        }
        if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return 0;
        if (p[i] == 0xEF && i + 2 < n && p[i + 1] == 0xBF && (p[i + 2] & 0xFE) == 0xBE)
            return 0;
        high |= p[i] & 0x80;
        i++;
    }
    return !high || sz_utf8_valid(s, n, NULL);
}

static void
xml_sanitize(const char *s, size_t n, struct sz_buf *out)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = sz_utf8_decode(s + i, n - i, &cp);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
            cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        sz_buf_put_utf8(out, cp);
        i += l;
    }
}

static void
put_text(struct sz_xw *x, const char *s, size_t n, int attr, const char *name)
{
    struct sz_buf b = SZ_BUF_INIT;
    if (!xml_clean(s, n)) {
        xml_sanitize(s, n, &b);
        s = b.data ? b.data : "";
        n = b.len;
    }
    if (attr) {
        if (!x->err && sz_xo_attr(&x->xo, name, s, n) < 0)
            x->err = 1;
    } else if (n) {
        sz_xo_text(&x->xo, s, n);
    }
    sz_buf_free(&b);
}

void
sz_xw_attr(struct sz_xw *x, const char *name, const char *value)
{
    put_text(x, value, strlen(value), 1, name);
}

void
sz_xw_text(struct sz_xw *x, const char *s, size_t n)
{
    if (n)
        put_text(x, s, n, 0, NULL);
}

void
sz_xw_raw(struct sz_xw *x, const char *s, size_t n)
{
    struct sz_buf b = SZ_BUF_INIT;
    if (!n)
        return;
    if (!xml_clean(s, n)) {
        xml_sanitize(s, n, &b);
        s = b.data;
        n = b.len;
    }
    sz_xo_raw(&x->xo, s, n);
    sz_buf_free(&b);
}

void
sz_xw_markup(struct sz_xw *x, const char *s)
{
    sz_xo_raw(&x->xo, s, strlen(s));
}

void
sz_xw_puts(struct sz_xw *x, const char *s)
{
    sz_xw_text(x, s, strlen(s));
}

void
sz_xw_end(struct sz_xw *x)
{
    if (!x->err && sz_xo_end(&x->xo, 1) < 0)
        x->err = 1;
}

void
sz_xw_end_void(struct sz_xw *x)
{
    if (!x->err && sz_xo_end(&x->xo, 0) < 0)
        x->err = 1;
}

void
sz_xw_elem(struct sz_xw *x, const char *name, const char *text)
{
    sz_xw_start(x, name);
    sz_xw_puts(x, text);
    sz_xw_end(x);
}

char *
sz_xw_finish(struct sz_xw *x, size_t *len)
{
    char *r = NULL;
    sz_xo_finish(&x->xo);
    sz_xo_free(&x->xo);
    if (!x->err)
        r = sz_buf_detach(&x->buf, len);
    sz_buf_free(&x->buf);
    return r;
}

void
sz_xw_discard(struct sz_xw *x)
{
    sz_xo_free(&x->xo);
    sz_buf_free(&x->buf);
}

/* {=================================================================
** Renderer state
** ================================================================== */

/* Flags kept with each open container, so its EXIT undoes its ENTER. */
#define F_COUNT 0xFFu     /* number of elements opened */
#define F_NL 0x100u       /* newline after the end tag */
#define F_LINK 0x200u     /* counted in in_link */
#define F_TCAP 0x400u     /* counted in in_tcaption */

/* Raw HTML deeper than this is flattened to its text. */
#define RAW_MAX_DEPTH 64

/* Per table section: how many more rows each column is covered by a
** rowspan from above. */
struct occ {
    int *rows;
    size_t n, cap;
};

struct pending {
    const struct sz_node *note;
    int num;
};

struct sz_xhtml {
    const struct sz_doc *doc;
    const struct sz_wopts *o;
    struct sz_diags *diags;
    int epub;
    struct sz_arena *arena;
    struct sz_map ids;         /* node -> final id */
    struct sz_map skip;        /* inlines already written by a raw HTML run */
    struct sz_map cellcol;     /* cell -> 1 + its column, rowspans counted */
    struct sz_map occ;         /* table -> struct occ (tables nest in cells) */
    struct sz_map used;        /* ids in use (string keys) */
    struct sz_map orig;        /* id as written in the source -> node (string keys) */
    struct sz_map suffix;      /* id base -> last numeric suffix given (string keys) */
    struct sz_xhtml_hooks h;
    const char *lang;
    struct pending *notes;
    size_t nnotes, capnotes, note_done;
    int note_num;
    unsigned *st;              /* flags of each open container */
    size_t nst, capst;
    int in_link, in_tcaption, no_notes, depth;
    int hprev;                 /* level of the last heading written */
    size_t images, no_alt;
    size_t raw_dropped, tables_dropped;
    struct sz_xw *w;
    struct sz_buf tmp;
};

/* base, or base-1, base-2...: the next free suffix of each base is
** remembered, so 100000 headings with one title stay linear. */
static const char *
unique_id(struct sz_xhtml *x, const char *base)
{
    const char *id = base;
    uintptr_t k = (uintptr_t)sz_map_get(&x->suffix, base);
    if (sz_map_get(&x->used, id)) {
        do
            id = sz_arena_printf(x->arena, "%s-%lu", base, (unsigned long)++k);
        while (sz_map_get(&x->used, id));
    }
    if (id == base)
        id = sz_arena_strdup(x->arena, base);
    sz_map_put(&x->used, id, (void *)1);
    if (k) /* base lives in the arena (or is a literal), as map keys must */
        sz_map_put(&x->suffix, base, (void *)k);
    return id;
}

/* An id that is safe in a URL fragment and in CSS: ASCII letters, digits,
** '-', '_', '.'; anything else becomes '-'. */
static const char *
clean_id(struct sz_xhtml *x, const char *s)
{
    char *r = sz_arena_strdup(x->arena, s);
    for (char *p = r; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
            *p = '-';
    return r;
}

/* pandoc's auto identifier, restricted to ASCII. */
static const char *
slug(struct sz_xhtml *x, const char *text)
{
    size_t n = strlen(text);
    char *r = sz_arena_alloc(x->arena, n + 1), *q = r;
    int started = 0;
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!started && !isalpha(c))
            continue;
        started = 1;
        if (isalnum(c) || c == '_' || c == '-' || c == '.')
            *q++ = (char)tolower(c);
        else if (c == ' ' && q > r && q[-1] != '-')
            *q++ = '-';
    }
    while (q > r && q[-1] == '-')
        q--;
    *q = '\0';
    return *r ? r : "section";
}

const char *
sz_xhtml_text(struct sz_xhtml *x, const struct sz_node *n)
{
    struct sz_iter it;
    enum sz_ev ev;
    struct sz_buf *b = &x->tmp;
    sz_buf_clear(b);
    if (!n)
        return "";
    sz_iter_init(&it, (struct sz_node *)n);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        const struct sz_node *c = it.cur;
        if (ev == SZ_EV_ENTER) {
            switch (c->kind) {
            case SZ_STR:
            case SZ_CODE:
            case SZ_MATH:
            case SZ_META_STRING:
                sz_buf_put_str(b, c);
                break;
            case SZ_SPACE:
            case SZ_SOFTBREAK:
            case SZ_LINEBREAK:
                if (b->len && b->data[b->len - 1] != ' ')
                    sz_buf_putc(b, ' ');
                break;
            case SZ_QUOTED:
                sz_buf_puts(b, c->sub == SZ_QUOTE_SINGLE ? "\xE2\x80\x98" : "\xE2\x80\x9C");
                break;
            case SZ_NOTE:
            case SZ_CITATION:
            case SZ_SHORTCAPTION:
                sz_iter_skip_children(&it);
                break;
            default:
                if (sz_kind_is_block(c->kind) && b->len && b->data[b->len - 1] != ' ')
                    sz_buf_putc(b, ' ');
                break;
            }
        } else if (c->kind == SZ_QUOTED) {
            sz_buf_puts(b, c->sub == SZ_QUOTE_SINGLE ? "\xE2\x80\x99" : "\xE2\x80\x9D");
        }
    }
    size_t s = 0, e = b->len;
    while (s < e && b->data[s] == ' ')
        s++;
    while (e > s && b->data[e - 1] == ' ')
        e--;
    return sz_arena_strndup(x->arena, b->data ? b->data + s : "", e - s);
}

int
sz_xhtml_lang_ok(const char *s)
{
    size_t seg = 0, nseg = 0;
    if (!s || !*s)
        return 0;
    for (const char *p = s;; p++) {
        if (*p == '-' || *p == '\0') {
            if (seg == 0 || seg > 8)
                return 0;
            if (nseg == 0)
                for (const char *q = p - seg; q < p; q++)
                    if (!isalpha((unsigned char)*q))
                        return 0;
            nseg++;
            seg = 0;
            if (!*p)
                return 1;
        } else if (isalnum((unsigned char)*p)) {
            seg++;
        } else {
            return 0;
        }
    }
}

struct sz_xhtml *
sz_xhtml_new(const struct sz_doc *doc, const struct sz_wopts *o, int epub, struct sz_diags *diags)
{
    struct sz_xhtml *x = sz_xmalloc(sizeof *x);
    memset(x, 0, sizeof *x);
    x->doc = doc;
    x->o = o;
    x->epub = epub;
    x->diags = diags;
    x->arena = sz_arena_new();
    x->used.strkeys = x->orig.strkeys = x->suffix.strkeys = 1;

    const struct sz_node *lang = sz_meta_get(doc, "lang");
    const char *l = lang ? sz_xhtml_text(x, lang->kind == SZ_META_LIST ? lang->first : lang) : "";
    x->lang = sz_xhtml_lang_ok(l) ? l : "en";

    /* Pass 1: count notes, collect explicit ids. */
    struct sz_iter it;
    enum sz_ev ev;
    int nnotes = 0;
    sz_iter_init(&it, doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE)
        if (ev == SZ_EV_ENTER && it.cur->kind == SZ_NOTE)
            nnotes++;
    static const char *const reserved[] = { "toc", "landmarks", "footnotes", "cover", "titlepage",
                                            "title", "main", NULL };
    for (int i = 0; reserved[i]; i++)
        sz_map_put(&x->used, reserved[i], (void *)1);
    for (int i = 1; i <= nnotes; i++) {
        sz_map_put(&x->used, sz_arena_printf(x->arena, "fn%d", i), (void *)1);
        sz_map_put(&x->used, sz_arena_printf(x->arena, "fnref%d", i), (void *)1);
    }
    sz_iter_init(&it, doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        const struct sz_node *n = it.cur;
        if (ev != SZ_EV_ENTER || !sz_kind_has_attr(n->kind) || !n->attr->id || !*n->attr->id)
            continue;
        sz_map_put(&x->ids, n, (void *)unique_id(x, clean_id(x, n->attr->id)));
        if (!sz_map_get(&x->orig, n->attr->id))
            sz_map_put(&x->orig, n->attr->id, (void *)n);
    }
    /* Pass 2: in EPUB, headings without ids get pandoc-style ones (the
    ** navigation links to every one); HTML writes the ids of the tree, as
    ** pandoc does. */
    if (!epub)
        return x;
    sz_iter_init(&it, doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        const struct sz_node *n = it.cur;
        if (ev == SZ_EV_ENTER && n->kind == SZ_HEADER && !sz_map_get(&x->ids, n))
            sz_map_put(&x->ids, n, (void *)unique_id(x, slug(x, sz_xhtml_text(x, n))));
    }
    return x;
}

void
sz_xhtml_free(struct sz_xhtml *x)
{
    if (!x)
        return;
    if (x->raw_dropped)
        sz_diag_add(x->diags, SZ_WARNING, 0, x->doc->source, 0, 0, -1,
                    "%zu raw HTML fragment(s) are not well-formed XHTML and were left out",
                    x->raw_dropped);
    if (x->tables_dropped)
        sz_diag_add(x->diags, SZ_WARNING, 0, x->doc->source, 0, 0, -1,
                    "%zu table(s) inside table captions were left out", x->tables_dropped);
    sz_map_free(&x->ids);
    sz_map_free(&x->skip);
    sz_map_free(&x->cellcol);
    for (size_t i = 0; i < x->occ.cap; i++)
        if (x->occ.keys[i]) {
            struct occ *o = x->occ.vals[i];
            free(o->rows);
            free(o);
        }
    sz_map_free(&x->occ);
    sz_map_free(&x->used);
    sz_map_free(&x->orig);
    sz_map_free(&x->suffix);
    free(x->notes);
    free(x->st);
    sz_buf_free(&x->tmp);
    sz_arena_free(x->arena);
    free(x);
}

void
sz_xhtml_new_page(struct sz_xhtml *x)
{
    x->hprev = 0;
}

void
sz_xhtml_set_hooks(struct sz_xhtml *x, const struct sz_xhtml_hooks *h)
{
    x->h = *h;
}

const char *
sz_xhtml_id(const struct sz_xhtml *x, const struct sz_node *n)
{
    return sz_map_get(&x->ids, n);
}

const char *
sz_xhtml_lang(const struct sz_xhtml *x)
{
    return x->lang;
}

void
sz_xhtml_image_stats(const struct sz_xhtml *x, size_t *images, size_t *no_alt)
{
    *images = x->images;
    *no_alt = x->no_alt;
}

/* {=================================================================
** Attributes and URLs
** ================================================================== */

static void
nl(struct sz_xhtml *x)
{
    sz_xw_text(x->w, "\n", 1);
}

/* id, class, lang/dir/title and data-* from n's Attr; with_size keeps
** width/height (images). */
static void
attrs(struct sz_xhtml *x, const struct sz_node *n, const char *extra_class, int with_size)
{
    struct sz_xw *w = x->w;
    const char *id = sz_map_get(&x->ids, n);
    if (id)
        sz_xw_attr(w, "id", id);
    struct sz_buf *b = &x->tmp;
    sz_buf_clear(b);
    if (extra_class)
        sz_buf_puts(b, extra_class);
    if (sz_kind_has_attr(n->kind))
        for (size_t i = 0; i < n->attr->nclasses; i++) {
            const char *c = n->attr->classes[i];
            if (!c || !*c || strpbrk(c, " \t\n\r\f"))
                continue;
            if (b->len)
                sz_buf_putc(b, ' ');
            sz_buf_puts(b, c);
        }
    if (b->len)
        sz_xw_attr(w, "class", b->data);
    if (!sz_kind_has_attr(n->kind))
        return;
    for (size_t i = 0; i < n->attr->nkvs; i++) {
        const char *k = n->attr->kvs[i].key, *v = n->attr->kvs[i].value;
        int dup = 0;
        if (!k || !v)
            continue;
        for (size_t j = 0; j < i; j++)
            if (n->attr->kvs[j].key && !strcasecmp(n->attr->kvs[j].key, k))
                dup = 1;
        if (dup)
            continue;
        if (!strcmp(k, "lang")) {
            if (sz_xhtml_lang_ok(v)) {
                sz_xw_attr(w, "lang", v);
                if (x->epub)
                    sz_xw_attr(w, "xml:lang", v);
            }
        } else if (!strcmp(k, "dir")) {
            if (!strcmp(v, "ltr") || !strcmp(v, "rtl") || !strcmp(v, "auto"))
                sz_xw_attr(w, "dir", v);
        } else if (!strcmp(k, "title")) {
            sz_xw_attr(w, "title", v);
        } else if (!strcmp(k, "width") || !strcmp(k, "height")) {
            if (!with_size)
                continue;
            size_t d = strspn(v, "0123456789");
            if (d && (!v[d] || !strcmp(v + d, "px"))) {
                char num[16];
                snprintf(num, sizeof num, "%.*s", (int)(d < 15 ? d : 15), v);
                sz_xw_attr(w, k, num);
            }
        } else if (strcmp(k, "id") && strcmp(k, "class") && strcmp(k, "style")) {
            sz_buf_clear(b);
            if (strncmp(k, "data-", 5))
                sz_buf_puts(b, "data-");
            int ok = 1;
            for (const char *p = k; *p; p++) {
                unsigned char c = (unsigned char)*p;
                if (isalnum(c) || c == '-' || c == '_' || c == '.')
                    sz_buf_putc(b, tolower(c));
                else
                    ok = 0;
            }
            if (ok && b->len > 5 && strncmp(b->data + 5, "xml", 3))
                sz_xw_attr(w, b->data, v);
        }
    }
}

/* Percent-encodes what may not appear in an href as written. */
static void
url_escape(const char *u, struct sz_buf *out)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F || strchr("\"<>\\^`{|}", *p) ||
            (*p == '%' && !(isxdigit(p[1]) && isxdigit(p[2])))) {
            sz_buf_putc(out, '%');
            sz_buf_putc(out, hex[*p >> 4]);
            sz_buf_putc(out, hex[*p & 15]);
        } else {
            sz_buf_putc(out, *p);
        }
    }
}

/* The href to write for a Link to url, or NULL when the target cannot be
** reached from the output (EPUB: not in the package). */
static const char *
link_href(struct sz_xhtml *x, const char *url)
{
    struct sz_buf b = SZ_BUF_INIT;
    const char *r = NULL;
    if (!url)
        return NULL;
    if (url[0] == '#') {
        const struct sz_node *t = url[1] ? sz_map_get(&x->orig, url + 1) : NULL;
        if (t) {
            if (x->h.id_file)
                sz_buf_puts(&b, x->h.id_file(x->h.ud, t));
            sz_buf_putc(&b, '#');
            sz_buf_puts(&b, sz_map_get(&x->ids, t));
        } else if (!x->epub) {
            url_escape(url, &b);
        }
    } else if (sz_path_has_scheme(url)) {
        if (strncasecmp(url, "javascript:", 11) && strncasecmp(url, "data:", 5) &&
            (!x->epub || strncasecmp(url, "file:", 5)))
            url_escape(url, &b);
    } else if (!x->epub && *url) {
        url_escape(url, &b);
    } else if (!x->epub) {
        return "";   /* an empty target links to the page itself, as pandoc writes it */
    }
    if (b.len)
        r = sz_arena_strndup(x->arena, b.data, b.len);
    sz_buf_free(&b);
    return r;
}

/* {=================================================================
** Raw HTML: kept only when it parses as well-formed XHTML, and then
** re-written element by element through the writer (never raw), keeping
** only elements and attributes valid where it stands.
** ================================================================== */

static const char *const phrasing[] = {
    "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    "del", "ins", "a", NULL
};
static const char *const flow[] = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p",
    "pre", "section", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "ul",
    NULL
};

static int
in_list(const char *const *l, const char *s)
{
    for (; *l; l++)
        if (!strcmp(*l, s))
            return 1;
    return 0;
}

static void
raw_copy(struct sz_xhtml *x, xmlNodePtr parent, int block, int depth)
{
    struct sz_xw *w = x->w;
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                sz_xw_puts(w, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (!strcmp(name, "script") || !strcmp(name, "style"))
            continue;
        int keep = depth < RAW_MAX_DEPTH && c->ns && c->ns->href &&
                   !strcmp((const char *)c->ns->href, "http://www.w3.org/1999/xhtml") &&
                   (in_list(phrasing, name) || (block && in_list(flow, name)));
        xmlChar *href = NULL;
        if (keep && !strcmp(name, "a")) {
            href = xmlGetProp(c, (const xmlChar *)"href");
            keep = !x->in_link && href && sz_path_has_scheme((const char *)href) &&
                   (!strncmp((const char *)href, "http", 4) ||
                    !strncmp((const char *)href, "mailto:", 7));
        }
        if (!keep) {
            xmlFree(href);
            if (depth < RAW_MAX_DEPTH)
                raw_copy(x, c, block, depth + 1);
            continue;
        }
        sz_xw_start(w, name);
        static const char *const okattr[] = { "class", "title", "lang", "dir", NULL };
        for (xmlAttrPtr a = c->properties; a; a = a->next) {
            if (a->ns || !in_list(okattr, (const char *)a->name))
                continue;
            xmlChar *v = xmlNodeListGetString(c->doc, a->children, 1);
            if (v && (strcmp((const char *)a->name, "lang") || sz_xhtml_lang_ok((char *)v))) {
                sz_xw_attr(w, (const char *)a->name, (const char *)v);
                if (x->epub && !strcmp((const char *)a->name, "lang"))
                    sz_xw_attr(w, "xml:lang", (const char *)v);
            }
            xmlFree(v);
        }
        if (href) {
            struct sz_buf b = SZ_BUF_INIT;
            url_escape((const char *)href, &b);
            sz_xw_attr(w, "href", b.data);
            sz_buf_free(&b);
            xmlFree(href);
            x->in_link++;
        }
        if (!strcmp(name, "br") || !strcmp(name, "hr") || !strcmp(name, "wbr")) {
            sz_xw_end_void(w);
        } else {
            raw_copy(x, c, block && strcmp(name, "p") && !in_list(phrasing, name), depth + 1);
            sz_xw_end(w);
        }
        if (!strcmp(name, "a"))
            x->in_link--;
    }
}

/* b holds "<div xmlns=...>" and the fragment; parses it closed. */
static xmlDocPtr
parse_fragment(struct sz_buf *b)
{
    size_t keep = b->len;
    sz_buf_puts(b, "</div>");
    xmlDocPtr d = xmlReadMemory(b->data, (int)b->len, NULL, "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    b->len = keep;
    b->data[keep] = '\0';
    return d;
}

/* Markdown splits inline HTML into one raw inline per tag: "<b>", Str
** "bold", "</b>".  Joined with the plain text between them (up to a few
** dozen siblings), such a run is often well-formed: render it as one
** fragment and skip the siblings it took. */
#define RAW_PAIR_SPAN 64

static xmlDocPtr
raw_pair(struct sz_xhtml *x, const struct sz_node *n, struct sz_buf *b)
{
    const struct sz_node *c = n->next;
    for (int k = 0; c && k < RAW_PAIR_SPAN; c = c->next, k++) {
        if (c->kind == SZ_STR) {
            xmlChar *e = xmlEncodeSpecialChars(NULL, (const xmlChar *)c->text);
            if (!e)
                return NULL;
            sz_buf_puts(b, (const char *)e);
            xmlFree(e);
        } else if (c->kind == SZ_SPACE) {
            sz_buf_putc(b, ' ');
        } else if (c->kind == SZ_SOFTBREAK) {
            sz_buf_putc(b, '\n');
        } else if (c->kind == SZ_RAWINLINE && c->format && c->text &&
                   (!strcasecmp(c->format, "html") || !strcasecmp(c->format, "html5"))) {
            sz_buf_put(b, c->text, c->len);
            xmlDocPtr d = parse_fragment(b);
            if (d) {
                for (const struct sz_node *s = n->next; s != c->next; s = s->next)
                    sz_map_put(&x->skip, s, (void *)1);
                return d;
            }
        } else {
            break;
        }
    }
    return NULL;
}

static void
raw(struct sz_xhtml *x, const struct sz_node *n, int block)
{
    static const char *const fmts[] = { "html", "html5", "html4", "xhtml", "epub", "epub3", NULL };
    char f[16];
    size_t i;
    if (!n->format || !n->text)
        return;
    for (i = 0; n->format[i] && i < sizeof f - 1; i++)
        f[i] = (char)tolower((unsigned char)n->format[i]);
    f[i] = '\0';
    if (!in_list(fmts, f))
        return;
    if (!x->epub && (!strcmp(f, "html") || !strcmp(f, "html5") || !strcmp(f, "html4"))) {
        /* HTML output: the author's HTML as written, as pandoc passes it. */
        sz_xw_raw(x->w, n->text, n->len);
        if (block && n->len && n->text[n->len - 1] != '\n')
            nl(x);
        return;
    }
    struct sz_buf b = SZ_BUF_INIT;
    sz_buf_puts(&b, "<div xmlns=\"http://www.w3.org/1999/xhtml\">");
    sz_buf_put(&b, n->text, n->len);
    xmlDocPtr d = parse_fragment(&b);
    if (!d && !block)
        d = raw_pair(x, n, &b);
    sz_buf_free(&b);
    if (!d) {
        size_t k = strspn(n->text, " \t\r\n");
        if (n->text[k])
            x->raw_dropped++;
        return;
    }
    xmlNodePtr root = xmlDocGetRootElement(d);
    if (root)
        raw_copy(x, root, block, 0);
    xmlFreeDoc(d);
}

/* {=================================================================
** Notes, images, tables
** ================================================================== */

static void
noteref(struct sz_xhtml *x, const struct sz_node *n)
{
    struct sz_xw *w = x->w;
    char num[16], ref[32], href[32];
    if (x->nnotes == x->capnotes) {
        x->capnotes = x->capnotes ? x->capnotes * 2 : 16;
        x->notes = sz_xrealloc(x->notes, x->capnotes * sizeof *x->notes);
    }
    int k = ++x->note_num;
    x->notes[x->nnotes].note = n;
    x->notes[x->nnotes++].num = k;
    snprintf(num, sizeof num, "%d", k);
    snprintf(ref, sizeof ref, "fnref%d", k);
    snprintf(href, sizeof href, "#fn%d", k);
    if (x->in_link) {
        /* A link inside a link is invalid: a plain marker, still the target
        ** of the note's back link. */
        sz_xw_start(w, "sup");
        sz_xw_attr(w, "id", ref);
        sz_xw_attr(w, "class", "footnote-ref");
        sz_xw_puts(w, num);
        sz_xw_end(w);
        return;
    }
    sz_xw_start(w, "a");
    sz_xw_attr(w, "id", ref);
    sz_xw_attr(w, "class", "footnote-ref");
    sz_xw_attr(w, "href", href);
    if (x->epub)
        sz_xw_attr(w, "epub:type", "noteref");
    sz_xw_attr(w, "role", "doc-noteref");
    sz_xw_elem(w, "sup", num);
    sz_xw_end(w);
}

static void render(struct sz_xhtml *x, const struct sz_node *root);

void
sz_xhtml_notes(struct sz_xhtml *x, struct sz_xw *w)
{
    char id[32], href[32], label[24];
    if (x->note_done == x->nnotes)
        return;
    x->w = w;
    sz_xw_start(w, "div");
    sz_xw_attr(w, "class", "footnotes");
    nl(x);
    while (x->note_done < x->nnotes) {
        struct pending p = x->notes[x->note_done++];
        snprintf(id, sizeof id, "fn%d", p.num);
        snprintf(href, sizeof href, "#fnref%d", p.num);
        snprintf(label, sizeof label, "%d.", p.num);
        sz_xw_start(w, "aside");
        sz_xw_attr(w, "id", id);
        sz_xw_attr(w, "class", "footnote");
        if (x->epub)
            sz_xw_attr(w, "epub:type", "footnote");
        sz_xw_attr(w, "role", "doc-footnote");
        const struct sz_node *c = p.note->first;
        sz_xw_start(w, "p");
        sz_xw_start(w, "a");
        sz_xw_attr(w, "href", href);
        sz_xw_attr(w, "class", "footnote-back");
        sz_xw_attr(w, "role", "doc-backlink");
        sz_xw_puts(w, label);
        sz_xw_end(w);
        if (c && (c->kind == SZ_PARA || c->kind == SZ_PLAIN)) {
            sz_xw_puts(w, " ");
            for (const struct sz_node *i = c->first; i; i = i->next)
                render(x, i);
            c = c->next;
        }
        sz_xw_end(w);
        nl(x);
        for (; c; c = c->next)
            render(x, c);
        sz_xw_end(w);
        nl(x);
    }
    sz_xw_end(w);
    nl(x);
}

static void
image(struct sz_xhtml *x, const struct sz_node *n)
{
    struct sz_xw *w = x->w;
    const char *alt = sz_xhtml_text(x, n);
    const char *src = x->h.image_src ? x->h.image_src(x->h.ud, n) : n->target->url;
    if (!src) {
        if (*alt) {
            sz_xw_start(w, "span");
            sz_xw_attr(w, "class", "image-missing");
            sz_xw_puts(w, alt);
            sz_xw_end(w);
        }
        return;
    }
    x->images++;
    if (!*alt)
        x->no_alt++;
    struct sz_buf b = SZ_BUF_INIT;
    url_escape(src, &b);
    sz_xw_start(w, "img");
    attrs(x, n, NULL, 1);
    sz_xw_attr(w, "src", b.data ? b.data : "");
    sz_xw_attr(w, "alt", alt);
    const char *title = n->target->title && !strncmp(n->target->title, "fig:", 4) ? n->target->title + 4 : n->target->title;
    if (title && *title)
        sz_xw_attr(w, "title", title);
    sz_xw_end_void(w);
    sz_buf_free(&b);
}

static const char *
align_style(int a)
{
    switch (a) {
    case SZ_ALIGN_LEFT: return "text-align: left";
    case SZ_ALIGN_RIGHT: return "text-align: right";
    case SZ_ALIGN_CENTER: return "text-align: center";
    default: return NULL;
    }
}

static const struct sz_node *
table_of(const struct sz_node *row)
{
    const struct sz_node *t = row->parent;
    while (t && t->kind != SZ_TABLE)
        t = t->parent;
    return t;
}

static struct occ *
occ_of(struct sz_xhtml *x, const struct sz_node *table)
{
    struct occ *o = sz_map_get(&x->occ, table);
    if (!o) {
        o = sz_xmalloc(sizeof *o);
        memset(o, 0, sizeof *o);
        sz_map_put(&x->occ, table, o);
    }
    return o;
}

/* The column of each cell of row, skipping columns that rowspans from the
** rows above still cover. */
static void
row_columns(struct sz_xhtml *x, const struct sz_node *row)
{
    const struct sz_node *t = table_of(row);
    struct occ *o = occ_of(x, t ? t : row);
    size_t col = 0;
    for (const struct sz_node *c = row->first; c; c = c->next) {
        while (col < o->n && o->rows[col] > 0)
            col++;
        size_t span = c->ival2 > 1 ? (size_t)c->ival2 : 1;
        int rs = c->ival > 1 ? c->ival : 1;
        /* A span wider than any table is a broken tree: clamp it. */
        if (span > 1000)
            span = 1000;
        if (col + span > o->n) {
            if (col + span > o->cap) {
                o->cap = (col + span) * 2;
                o->rows = sz_xrealloc(o->rows, o->cap * sizeof *o->rows);
            }
            memset(o->rows + o->n, 0, (col + span - o->n) * sizeof *o->rows);
            o->n = col + span;
        }
        sz_map_put(&x->cellcol, c, (void *)(uintptr_t)(col + 1));
        for (size_t k = col; k < col + span; k++)
            o->rows[k] = rs;
        col += span;
    }
    for (size_t k = 0; k < o->n; k++)
        if (o->rows[k] > 0)
            o->rows[k]--;
}

static void
cell(struct sz_xhtml *x, const struct sz_node *n)
{
    struct sz_xw *w = x->w;
    const struct sz_node *row = n->parent, *sec = row ? row->parent : NULL;
    int col = (int)(uintptr_t)sz_map_get(&x->cellcol, n) - 1;
    if (col < 0)
        col = 0;
    const char *th = NULL;
    if (sec && (sec->kind == SZ_THEAD || sec->kind == SZ_TBODY_HEAD))
        th = "col";
    else if (sec && sec->kind == SZ_TBODY && col < sec->ival)
        th = "row";
    sz_xw_start(w, th ? "th" : "td");
    attrs(x, n, NULL, 0);
    if (th)
        sz_xw_attr(w, "scope", th);
    if (n->ival > 1) {
        char s[16];
        snprintf(s, sizeof s, "%d", n->ival);
        sz_xw_attr(w, "rowspan", s);
    }
    if (n->ival2 > 1) {
        char s[16];
        snprintf(s, sizeof s, "%d", n->ival2);
        sz_xw_attr(w, "colspan", s);
    }
    int al = n->sub;
    if (al == SZ_ALIGN_DEFAULT) {
        const struct sz_node *t = row ? table_of(row) : NULL;
        int k = 0;
        for (const struct sz_node *c = t ? t->first : NULL; c; c = c->next)
            if (c->kind == SZ_COLSPEC && k++ == col) {
                al = c->sub;
                break;
            }
    }
    if (align_style(al))
        sz_xw_attr(w, "style", align_style(al));
}

static void
colgroup(struct sz_xhtml *x, const struct sz_node *n)
{
    const struct sz_node *c;
    int any = 0;
    for (c = n; c && c->kind == SZ_COLSPEC; c = c->next)
        if (c->width > 0)
            any = 1;
    if (!any)
        return;
    sz_xw_start(x->w, "colgroup");
    for (c = n; c && c->kind == SZ_COLSPEC; c = c->next) {
        char s[32];
        sz_xw_start(x->w, "col");
        if (c->width > 0 && c->width <= 1) {
            snprintf(s, sizeof s, "width: %d%%", (int)(c->width * 100 + 0.5));
            sz_xw_attr(x->w, "style", s);
        }
        sz_xw_end_void(x->w);
    }
    sz_xw_end(x->w);
    nl(x);
}

static int
has_rows(const struct sz_node *n)
{
    for (const struct sz_node *c = n->first; c; c = c->next)
        if (c->kind == SZ_ROW || (c->kind == SZ_TBODY_HEAD && c->first))
            return 1;
    return 0;
}

static int
caption_has_blocks(const struct sz_node *n)
{
    for (const struct sz_node *c = n ? n->first : NULL; c; c = c->next)
        if (c->kind != SZ_SHORTCAPTION)
            return 1;
    return 0;
}

/* {=================================================================
** The walk
** ================================================================== */

static unsigned
open1(struct sz_xhtml *x, const char *name, const struct sz_node *n, const char *cls)
{
    sz_xw_start(x->w, name);
    if (n)
        attrs(x, n, cls, 0);
    else if (cls)
        sz_xw_attr(x->w, "class", cls);
    return 1;
}

static unsigned
enter(struct sz_xhtml *x, struct sz_iter *it, const struct sz_node *n)
{
    struct sz_xw *w = x->w;
    char buf[16];
    if (x->skip.n && sz_map_get(&x->skip, n))
        return 0;
    switch (n->kind) {
    case SZ_DOC:
    case SZ_PLAIN:
    case SZ_META_INLINES:
    case SZ_META_BLOCKS:
    case SZ_TBODY_HEAD:
        return 0;
    case SZ_DEFITEM:
        if (!n->first || n->first->kind != SZ_TERM) {
            sz_xw_start(w, "dt");
            sz_xw_end(w);
        }
        return 0;
    case SZ_PARA:
        /* pandoc before 3 (API 1.22) marks a figure as a paragraph holding
        ** only an image whose title starts with "fig:". */
        if (n->first && !n->first->next && n->first->kind == SZ_IMAGE && n->first->target->title &&
            !strncmp(n->first->target->title, "fig:", 4)) {
            const char *alt = sz_xhtml_text(x, n->first);
            open1(x, "figure", NULL, NULL);
            image(x, n->first);
            if (*alt) {
                /* The caption repeats the alt text: read it once (as pandoc). */
                sz_xw_start(w, "figcaption");
                sz_xw_attr(w, "aria-hidden", "true");
                sz_xw_puts(w, alt);
                sz_xw_end(w);
            }
            sz_xw_end(w);
            nl(x);
            sz_iter_skip_children(it);
            return 0;
        }
        return open1(x, "p", NULL, NULL) | F_NL;
    case SZ_LINEBLOCK: return open1(x, "div", NULL, "line-block") | F_NL;
    case SZ_LINE:
        open1(x, "div", NULL, "line");
        if (!n->first)
            sz_xw_puts(w, "\xC2\xA0");
        return 1 | F_NL;
    case SZ_CODEBLOCK:
        open1(x, "pre", n, NULL);
        sz_xw_start(w, "code");
        sz_xw_text(w, n->text, n->len);
        if (!x->epub && n->len)
            nl(x);  /* HTML: each line ends, as CommonMark renders it */
        sz_xw_end(w);
        sz_xw_end(w);
        nl(x);
        return 0;
    case SZ_RAWBLOCK: raw(x, n, 1); return 0;
    case SZ_BLOCKQUOTE: return open1(x, "blockquote", NULL, NULL) | F_NL;
    case SZ_ORDEREDLIST: {
        static const char *const types[] = { NULL, NULL, NULL, "i", "I", "a", "A" };
        open1(x, "ol", NULL, NULL);
        if (n->ival != 1) {
            snprintf(buf, sizeof buf, "%d", n->ival);
            sz_xw_attr(w, "start", buf);
        }
        if (n->sub > 0 && n->sub <= SZ_STYLE_UPPER_ALPHA && types[n->sub])
            sz_xw_attr(w, "type", types[n->sub]);
        nl(x);
        return 1 | F_NL;
    }
    case SZ_BULLETLIST: open1(x, "ul", NULL, NULL); nl(x); return 1 | F_NL;
    case SZ_ITEM: return open1(x, "li", NULL, NULL) | F_NL;
    case SZ_DEFLIST: open1(x, "dl", NULL, NULL); nl(x); return 1 | F_NL;
    case SZ_TERM: return open1(x, "dt", NULL, NULL) | F_NL;
    case SZ_DEFN: return open1(x, "dd", NULL, NULL) | F_NL;
    case SZ_HEADER: {
        int lv = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
        /* Levels never skip (h2 then h4 confuses screen-reader users):
        ** a deeper heading is one level below the one before it. */
        if (x->epub && x->hprev > 0 && lv > x->hprev + 1)
            lv = x->hprev + 1;
        if (x->epub && !*sz_xhtml_text(x, n)) {
            /* An empty heading helps no one (and fails accessibility
            ** checks): keep only its anchor. */
            sz_iter_skip_children(it);
            open1(x, "div", n, "heading-anchor");
            return 1 | F_NL;
        }
        x->hprev = lv;
        snprintf(buf, sizeof buf, "h%d", lv);
        return open1(x, buf, n, NULL) | F_NL;
    }
    case SZ_HRULE:
        sz_xw_start(w, "hr");
        sz_xw_end_void(w);
        nl(x);
        return 0;
    case SZ_TABLE:
        if (x->in_tcaption) {
            x->tables_dropped++;
            sz_iter_skip_children(it);
            return 0;
        }
        open1(x, "table", n, NULL);
        nl(x);
        return 1 | F_NL;
    case SZ_CAPTION:
        if (n->parent && n->parent->kind == SZ_TABLE && caption_has_blocks(n)) {
            x->in_tcaption++;
            return open1(x, "caption", NULL, NULL) | F_NL | F_TCAP;
        }
        sz_iter_skip_children(it);   /* figure captions come last, from leave() */
        return 0;
    case SZ_SHORTCAPTION:
    case SZ_CITATION:
    case SZ_CITE_PREFIX:
    case SZ_CITE_SUFFIX:
        sz_iter_skip_children(it);
        return 0;
    case SZ_COLSPEC:
        if (!sz_node_prev(n) || sz_node_prev(n)->kind != SZ_COLSPEC)
            colgroup(x, n);
        return 0;
    case SZ_THEAD:
    case SZ_TBODY:
    case SZ_TFOOT:
        if (!has_rows(n)) {
            sz_iter_skip_children(it);
            return 0;
        }
        if (n->parent)
            occ_of(x, n->parent)->n = 0; /* rowspans end with their section */
        open1(x, n->kind == SZ_THEAD ? "thead" : n->kind == SZ_TBODY ? "tbody" : "tfoot", n,
              NULL);
        nl(x);
        return 1 | F_NL;
    case SZ_ROW:
        row_columns(x, n);
        return open1(x, "tr", n, NULL) | F_NL;
    case SZ_CELL: cell(x, n); return 1;
    case SZ_FIGURE: open1(x, "figure", n, NULL); nl(x); return 1 | F_NL;
    case SZ_DIV: open1(x, "div", n, NULL); nl(x); return 1 | F_NL;

    case SZ_STR: sz_xw_text(w, n->text, n->len); return 0;
    case SZ_EMPH: return open1(x, "em", NULL, NULL);
    case SZ_UNDERLINE: return open1(x, "u", NULL, NULL);
    case SZ_STRONG: return open1(x, "strong", NULL, NULL);
    case SZ_STRIKEOUT: return open1(x, "del", NULL, NULL);
    case SZ_SUPERSCRIPT: return open1(x, "sup", NULL, NULL);
    case SZ_SUBSCRIPT: return open1(x, "sub", NULL, NULL);
    case SZ_SMALLCAPS: return open1(x, "span", NULL, "smallcaps");
    case SZ_QUOTED:
        sz_xw_puts(w, n->sub == SZ_QUOTE_SINGLE ? "\xE2\x80\x98" : "\xE2\x80\x9C");
        return 0;
    case SZ_CITE: {
        struct sz_buf b = SZ_BUF_INIT;
        for (const struct sz_node *c = n->first; c && c->kind == SZ_CITATION; c = c->next) {
            if (b.len)
                sz_buf_putc(&b, ' ');
            sz_buf_puts(&b, c->text ? c->text : "");
        }
        open1(x, "span", NULL, "citation");
        if (b.len)
            sz_xw_attr(w, "data-cites", b.data);
        sz_buf_free(&b);
        return 1;
    }
    case SZ_CODE:
        open1(x, "code", n, NULL);
        sz_xw_text(w, n->text, n->len);
        sz_xw_end(w);
        return 0;
    case SZ_SPACE: sz_xw_puts(w, " "); return 0;
    case SZ_SOFTBREAK: sz_xw_puts(w, "\n"); return 0;
    case SZ_LINEBREAK:
        sz_xw_start(w, "br");
        sz_xw_end_void(w);
        sz_xw_puts(w, "\n");
        return 0;
    case SZ_MATH:
        open1(x, "span", NULL, n->sub == SZ_MATH_DISPLAY ? "math display" : "math inline");
        sz_xw_text(w, n->text, n->len);
        sz_xw_end(w);
        return 0;
    case SZ_RAWINLINE: raw(x, n, 0); return 0;
    case SZ_LINK: {
        const char *href = x->in_link ? NULL : link_href(x, n->target->url);
        if (!href)
            return open1(x, "span", n, "link");
        open1(x, "a", n, NULL);
        sz_xw_attr(w, "href", href);
        if (n->target->title && *n->target->title)
            sz_xw_attr(w, "title", n->target->title);
        x->in_link++;
        return 1 | F_LINK;
    }
    case SZ_IMAGE:
        image(x, n);
        sz_iter_skip_children(it);
        return 0;
    case SZ_NOTE:
        if (!x->no_notes)
            noteref(x, n);
        sz_iter_skip_children(it);
        return 0;
    case SZ_SPAN: return open1(x, "span", n, NULL);
    case SZ_META_STRING: sz_xw_text(w, n->text, n->len); return 0;
    default:
        sz_iter_skip_children(it);
        return 0;
    }
}

static void
leave(struct sz_xhtml *x, const struct sz_node *n)
{
    struct sz_xw *w = x->w;
    switch (n->kind) {
    case SZ_QUOTED:
        sz_xw_puts(w, n->sub == SZ_QUOTE_SINGLE ? "\xE2\x80\x99" : "\xE2\x80\x9D");
        break;
    case SZ_FIGURE: {
        const struct sz_node *cap = n->first && n->first->kind == SZ_CAPTION ? n->first : NULL;
        if (caption_has_blocks(cap)) {
            sz_xw_start(w, "figcaption");
            for (const struct sz_node *c = cap->first; c; c = c->next)
                if (c->kind != SZ_SHORTCAPTION)
                    render(x, c);
            sz_xw_end(w);
            nl(x);
        }
        break;
    }
    case SZ_DEFITEM: {
        int defs = 0;
        for (const struct sz_node *c = n->first; c; c = c->next)
            defs += c->kind == SZ_DEFN;
        if (!defs) {
            sz_xw_start(w, "dd");
            sz_xw_end(w);
            nl(x);
        }
        break;
    }
    default:
        break;
    }
}

static void
render(struct sz_xhtml *x, const struct sz_node *root)
{
    struct sz_iter it;
    enum sz_ev ev;
    if (x->depth >= SZ_MAX_DEPTH)
        return;
    x->depth++;
    size_t base = x->nst;
    sz_iter_init(&it, (struct sz_node *)root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE && !x->w->err) {
        const struct sz_node *n = it.cur;
        if (ev == SZ_EV_ENTER) {
            unsigned f = enter(x, &it, n);
            if (sz_kind_is_container(n->kind)) {
                if (x->nst == x->capst) {
                    x->capst = x->capst ? x->capst * 2 : 64;
                    x->st = sz_xrealloc(x->st, x->capst * sizeof *x->st);
                }
                x->st[x->nst++] = f;
            }
        } else if (x->nst > base) {
            leave(x, n);
            unsigned f = x->st[--x->nst];
            for (unsigned k = f & F_COUNT; k > 0; k--)
                sz_xw_end(x->w);
            if (f & F_LINK)
                x->in_link--;
            if (f & F_TCAP)
                x->in_tcaption--;
            if (f & F_NL)
                nl(x);
        }
    }
    x->nst = base;
    x->depth--;
}

void
sz_xhtml_node(struct sz_xhtml *x, struct sz_xw *w, const struct sz_node *n)
{
    x->w = w;
    render(x, n);
}

void
sz_xhtml_children(struct sz_xhtml *x, struct sz_xw *w, const struct sz_node *n)
{
    x->w = w;
    for (const struct sz_node *c = n->first; c; c = c->next)
        render(x, c);
}

void
sz_xhtml_meta_inline(struct sz_xhtml *x, struct sz_xw *w, const struct sz_node *v)
{
    x->w = w;
    x->no_notes++;
    if (!v) {
    } else if (v->kind == SZ_META_LIST) {
        for (const struct sz_node *c = v->first; c; c = c->next) {
            sz_xhtml_meta_inline(x, w, c);
            if (c->next)
                sz_xw_puts(w, ", ");
        }
    } else if (v->kind == SZ_META_INLINES) {
        for (const struct sz_node *c = v->first; c; c = c->next)
            render(x, c);
    } else if (v->kind == SZ_META_STRING) {
        sz_xw_text(w, v->text, v->len);
    } else if (v->kind == SZ_META_BLOCKS) {
        for (const struct sz_node *c = v->first; c; c = c->next) {
            if (c->kind == SZ_PARA || c->kind == SZ_PLAIN)
                for (const struct sz_node *i = c->first; i; i = i->next)
                    render(x, i);
            else
                sz_xw_puts(w, sz_xhtml_text(x, c));
            if (c->next)
                sz_xw_puts(w, " ");
        }
    }
    x->no_notes--;
}
