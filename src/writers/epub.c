/*
** epub.c
** The EPUB 3 writer: chapters, OPF, nav, NCX, cover, and their packaging.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <linebreak.h>

#include "internal.h"
#include "bridge/bridge.h"
#include "core/registry.h"
#include "writers/wrap.h"
#include "writers/xhtml.h"
#include "writers/zipout.h"

/* Largest image, font or stylesheet packaged (a guard against reading a
** device or a huge file by mistake). */
#ifndef SZ_EPUB_MAX_RESOURCE
#define SZ_EPUB_MAX_RESOURCE (256u * 1024 * 1024)
#endif

/* dcterms:modified and zip times when neither SOURCE_DATE_EPOCH nor a
** metadata date is given: the zip epoch, never the clock. */
#define FIXED_EPOCH 315532800LL /* 1980-01-01T00:00:00Z */

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define OPS_NS "http://www.idpf.org/2007/ops"

struct res {
    const char *src;           /* source path or URL (dedup key), may be NULL */
    const char *href;          /* path relative to EPUB/ */
    const char *id;
    const char *mtype;
    const char *props;
    char *data;                /* malloc'd */
    size_t len;
    int store;                 /* already compressed: store, don't deflate */
    int w, h;                  /* image size, 0 when unknown */
};

struct chap {
    const struct sz_node *first, *end; /* top-level blocks [first, end) */
    const struct sz_node *head;        /* the heading that opens it, or NULL */
    char file[32];
    char *data;
    size_t len;
};

struct toc {
    int depth;
    const char *text, *href;
};

struct epub {
    const struct sz_doc *doc;
    const struct sz_wopts *o;
    struct sz_diags *diags;
    struct sz_xhtml *x;
    struct sz_arena *a;
    struct res *res;
    size_t nres, capres;
    struct sz_map img;        /* Image node -> href (absent: missing) */
    struct sz_map top;        /* top-level block -> struct chap * */
    struct chap *ch;
    size_t nch;
    struct toc *toc;
    size_t ntoc;
    const char *lang, *title, *identifier, *modified, *date, *cover_href;
    const char *dir;           /* metadata dir: "rtl" or "ltr", or NULL */
    long long mtime;
    int lang_declared, have_cover_image, nfonts, ncss, nimages;
    size_t images, no_alt;
};

static void
warn(struct epub *e, const char *fmt, const char *arg)
{
    sz_diag_add(e->diags, SZ_WARNING, 0, e->doc->source, 0, 0, -1, fmt, arg);
}

static const char *
meta_text(struct epub *e, const char *key)
{
    const struct sz_node *v = sz_meta_get(e->doc, key);
    if (!v)
        return NULL;
    if (v->kind == SZ_META_LIST)
        v = v->first;
    const char *t = v ? sz_xhtml_text(e->x, v) : "";
    return *t ? t : NULL;
}

/* {=================================================================
** Resources: images, cover, fonts, stylesheets
** ================================================================== */

static struct res *
add_res(struct epub *e)
{
    if (e->nres == e->capres) {
        e->capres = e->capres ? e->capres * 2 : 16;
        e->res = sz_xrealloc(e->res, e->capres * sizeof *e->res);
    }
    struct res *r = &e->res[e->nres++];
    memset(r, 0, sizeof *r);
    return r;
}

static int
read_file(const char *path, char **data, size_t *len)
{
    return sz_read_regular(path, SZ_EPUB_MAX_RESOURCE, data, len);
}

/* A file the document names: from pandoc.mediabag, else from where the
** document may read (its folder or archive, --resource-path).  *outside
** tells a file that exists but lies elsewhere from a missing one. */
static int
find_file(struct epub *e, const char *path, char **data, size_t *len, int *outside)
{
    *outside = 0;
    if (sz_mediabag_lookup(path, NULL, data, len) == 0)   /* pandoc.mediabag */
        return 0;
    return sz_resource_read(e->o, path, SZ_EPUB_MAX_RESOURCE, data, len, outside);
}

static unsigned
be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned
be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* Media type from the first bytes (not the name); size from the header.
** NULL for formats EPUB readers need not support. */
static const char *
sniff(const char *data, size_t len, int *w, int *h)
{
    const unsigned char *p = (const unsigned char *)data;
    *w = *h = 0;
    if (len >= 24 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) {
        *w = (int)be32(p + 16);
        *h = (int)be32(p + 20);
        return "image/png";
    }
    if (len >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
        size_t i = 2;
        while (i + 9 < len && p[i] == 0xFF) {
            unsigned m = p[i + 1], seg = be16(p + i + 2);
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                *h = (int)be16(p + i + 5);
                *w = (int)be16(p + i + 7);
                break;
            }
            i += 2 + seg;
        }
        return "image/jpeg";
    }
    if (len >= 10 && (!memcmp(p, "GIF87a", 6) || !memcmp(p, "GIF89a", 6))) {
        *w = p[6] | p[7] << 8;
        *h = p[8] | p[9] << 8;
        return "image/gif";
    }
    size_t k = len < 1024 ? len : 1024;
    if (memmem(data, k, "<svg", 4))
        return "image/svg+xml";
    return NULL;
}

static const char *
ext_of(const char *mtype)
{
    if (!strcmp(mtype, "image/png")) return "png";
    if (!strcmp(mtype, "image/jpeg")) return "jpg";
    if (!strcmp(mtype, "image/gif")) return "gif";
    return "svg";
}

static void
pct_decode(char *s)
{
    char *q = s;
    for (char *p = s; *p; p++) {
        if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
            char h[3] = { p[1], p[2], 0 };
            *q++ = (char)strtol(h, NULL, 16);
            p += 2;
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
}

/* Has url a scheme ("http:", "data:")?  One letter is a drive, not a scheme. */
static int
is_url(const char *url)
{
    const char *p = url;
    if (!isalpha((unsigned char)*p))
        return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':' && p - url > 1;
}

/* Packages the image at url once; returns its resource or NULL. */
static struct res *
image_res(struct epub *e, const char *url)
{
    for (size_t i = 0; i < e->nres; i++)
        if (e->res[i].src && !strcmp(e->res[i].src, url))
            return e->res[i].mtype ? &e->res[i] : NULL;
    char *data = NULL, *path = sz_arena_strdup(e->a, url);
    size_t len = 0;
    int w, h;
    const char *mt = NULL;
    char *q = strpbrk(path, "?#");
    if (q)
        *q = '\0';
    pct_decode(path);
    struct res *r = add_res(e);
    r->src = sz_arena_strdup(e->a, url);
    if (!*url || is_url(url)) {
        warn(e, "image '%s' is not a local file; its description is used instead", url);
        return NULL;
    }
    int outside;
    if (find_file(e, path, &data, &len, &outside) < 0) {
        if (outside)
            warn(e, "image '%s' is outside the document's folder or archive (see "
                 "--resource-path); its description is used instead", url);
        else
            warn(e, "image '%s' not found; its description is used instead", url);
        return NULL;
    }
    mt = sniff(data, len, &w, &h);
    if (!mt) {
        free(data);
        warn(e, "image '%s' is not PNG, JPEG, GIF or SVG; its description is used instead", url);
        return NULL;
    }
    int k = ++e->nimages;
    r->mtype = mt;
    r->data = data;
    r->len = len;
    r->w = w;
    r->h = h;
    r->store = strcmp(mt, "image/svg+xml") != 0;
    r->id = sz_arena_printf(e->a, "img%03d", k);
    r->href = sz_arena_printf(e->a, "media/img%03d.%s", k, ext_of(mt));
    return r;
}

static const char *
hook_image(void *ud, const struct sz_node *img)
{
    return sz_map_get(&((struct epub *)ud)->img, img);
}

static const char *
hook_file(void *ud, const struct sz_node *t)
{
    struct epub *e = ud;
    while (t->parent && t->parent != e->doc->root)
        t = t->parent;
    struct chap *c = sz_map_get(&e->top, t);
    return c ? c->file : "";
}

static void
collect_images(struct epub *e)
{
    struct sz_iter it;
    enum sz_ev ev;
    sz_iter_init(&it, e->doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        if (ev != SZ_EV_ENTER || it.cur->kind != SZ_IMAGE)
            continue;
        struct res *r = image_res(e, it.cur->target->url ? it.cur->target->url : "");
        if (r)
            sz_map_put(&e->img, it.cur, (void *)r->href);
    }
}

static const char *
font_type(const char *name, int *store)
{
    const char *dot = strrchr(name, '.');
    *store = 0;
    if (!dot)
        return NULL;
    if (!strcasecmp(dot, ".ttf")) return "font/ttf";
    if (!strcasecmp(dot, ".otf")) return "font/otf";
    *store = 1;
    if (!strcasecmp(dot, ".woff")) return "font/woff";
    if (!strcasecmp(dot, ".woff2")) return "font/woff2";
    return NULL;
}

static void
collect_files(struct epub *e, struct sz_buf *fontcss)
{
    for (size_t i = 0; e->o->fonts && e->o->fonts[i]; i++) {
        const char *f = e->o->fonts[i], *base = strrchr(f, '/');
        base = base ? base + 1 : f;
        int store;
        const char *mt = font_type(base, &store);
        char *data;
        size_t len;
        if (!mt) {
            warn(e, "font '%s' is not TTF, OTF, WOFF or WOFF2; not embedded", f);
            continue;
        }
        if (read_file(f, &data, &len) < 0) {
            warn(e, "cannot read font '%s'; not embedded", f);
            continue;
        }
        struct res *r = add_res(e);
        r->data = data;
        r->len = len;
        r->mtype = mt;
        r->store = store;
        r->id = sz_arena_printf(e->a, "font%03d", ++e->nfonts);
        r->href = sz_arena_printf(e->a, "fonts/font%03d%s", e->nfonts, strrchr(base, '.'));
        /* The family is the file's name; weight and style guessed from it. */
        struct sz_buf fam = SZ_BUF_INIT;
        for (const char *p = base; *p && p != strrchr(base, '.'); p++)
            if (isalnum((unsigned char)*p) || *p == ' ' || *p == '-' || *p == '_')
                sz_buf_putc(&fam, *p);
        sz_buf_printf(fontcss,
                      "@font-face { font-family: \"%s\"; src: url(\"../%s\"); "
                      "font-weight: %s; font-style: %s; }\n",
                      fam.data ? fam.data : "font", r->href,
                      strcasestr(base, "bold") ? "bold" : "normal",
                      strcasestr(base, "italic") || strcasestr(base, "oblique") ? "italic"
                                                                                 : "normal");
        sz_buf_free(&fam);
    }
    for (size_t i = 0; e->o->css_files && e->o->css_files[i]; i++) {
        char *data;
        size_t len;
        if (read_file(e->o->css_files[i], &data, &len) < 0) {
            warn(e, "cannot read stylesheet '%s'; not included", e->o->css_files[i]);
            continue;
        }
        struct res *r = add_res(e);
        r->data = data;
        r->len = len;
        r->mtype = "text/css";
        r->id = sz_arena_printf(e->a, "css%03d", ++e->ncss);
        r->href = sz_arena_printf(e->a, "css/user%03d.css", e->ncss);
    }
}

/* {=================================================================
** XHTML documents
** ================================================================== */

static void
xhtml_begin(struct epub *e, struct sz_xw *w, const char *title, const char *body_type,
            const char *body_class)
{
    if (sz_xw_open(w) < 0)
        return;
    sz_xw_declaration(w);
    sz_xw_doctype(w, "html");
    sz_xw_puts(w, "\n");
    sz_xw_start(w, "html");
    sz_xw_attr(w, "xmlns", XHTML_NS);
    sz_xw_attr(w, "xmlns:epub", OPS_NS);
    sz_xw_attr(w, "lang", e->lang);
    sz_xw_attr(w, "xml:lang", e->lang);
    if (e->dir)
        sz_xw_attr(w, "dir", e->dir);
    sz_xw_puts(w, "\n");
    sz_xw_start(w, "head");
    sz_xw_start(w, "meta");
    sz_xw_attr(w, "charset", "utf-8");
    sz_xw_end_void(w);
    sz_xw_elem(w, "title", title && *title ? title : e->title);
    for (size_t i = 0; i < e->nres; i++) {
        const struct res *r = &e->res[i];
        if (!r->mtype || strcmp(r->mtype, "text/css"))
            continue;
        sz_xw_start(w, "link");
        sz_xw_attr(w, "rel", "stylesheet");
        sz_xw_attr(w, "type", "text/css");
        sz_xw_attr(w, "href", r->href);
        sz_xw_end_void(w);
    }
    sz_xw_end(w);
    sz_xw_puts(w, "\n");
    sz_xw_start(w, "body");
    if (body_type)
        sz_xw_attr(w, "epub:type", body_type);
    if (body_class)
        sz_xw_attr(w, "class", body_class);
    sz_xw_puts(w, "\n");
}

static int
xhtml_end(struct epub *e, struct sz_xw *w, char **data, size_t *len)
{
    sz_xw_end(w); /* body */
    sz_xw_puts(w, "\n");
    sz_xw_end(w); /* html */
    sz_xw_puts(w, "\n");
    *data = sz_xw_finish(w, len);
    if (!*data) {
        sz_diag_add(e->diags, SZ_ERROR, SZ_EXIT_WRITER, NULL, 0, 0, -1,
                    "epub: the XML writer failed");
        return -1;
    }
    /* Every page is held until the book is zipped: without the room its
    ** buffer grew by (up to a third of a chapter each). */
    *data = sz_xrealloc(*data, *len + 1);
    return 0;
}

static void
split_chapters(struct epub *e)
{
    size_t cap = 16;
    e->ch = sz_xmalloc(cap * sizeof *e->ch);
    for (const struct sz_node *b = e->doc->root->first; b; b = b->next) {
        int starts = b->kind == SZ_HEADER && b->level <= e->o->split_level;
        if (e->nch == 0 || (starts && b != e->ch[e->nch - 1].first)) {
            if (e->nch == cap) {
                cap *= 2;
                e->ch = sz_xrealloc(e->ch, cap * sizeof *e->ch);
            }
            struct chap *c = &e->ch[e->nch++];
            memset(c, 0, sizeof *c);
            c->first = b;
            c->head = starts ? b : NULL;
            snprintf(c->file, sizeof c->file, "ch%03zu.xhtml", e->nch);
        }
        e->ch[e->nch - 1].end = b->next;
    }
    for (size_t i = 0; i < e->nch; i++)
        for (const struct sz_node *b = e->ch[i].first; b != e->ch[i].end; b = b->next)
            sz_map_put(&e->top, b, &e->ch[i]);
}

static int
render_chapter(struct epub *e, struct chap *c)
{
    struct sz_xw w;
    const char *title = c->head ? sz_xhtml_text(e->x, c->head) : NULL;
    xhtml_begin(e, &w, title, "bodymatter", NULL);
    sz_xhtml_new_page(e->x);
    sz_xw_start(&w, "section");
    if (c->head) {
        sz_xw_attr(&w, "epub:type", "chapter");
        sz_xw_attr(&w, "role", "doc-chapter");
        if (*title)
            sz_xw_attr(&w, "aria-labelledby", sz_xhtml_id(e->x, c->head));
    }
    sz_xw_attr(&w, "class", "chapter");
    sz_xw_puts(&w, "\n");
    for (const struct sz_node *b = c->first; b != c->end; b = b->next)
        sz_xhtml_node(e->x, &w, b);
    sz_xhtml_notes(e->x, &w);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    return xhtml_end(e, &w, &c->data, &c->len);
}

static void
meta_para(struct epub *e, struct sz_xw *w, const char *key, const char *cls)
{
    const struct sz_node *v = sz_meta_get(e->doc, key);
    if (!v)
        return;
    sz_xw_start(w, "p");
    sz_xw_attr(w, "class", cls);
    sz_xhtml_meta_inline(e->x, w, v);
    sz_xw_end(w);
    sz_xw_puts(w, "\n");
}

static int
titlepage(struct epub *e, char **data, size_t *len)
{
    struct sz_xw w;
    xhtml_begin(e, &w, e->title, "frontmatter", NULL);
    sz_xw_start(&w, "section");
    sz_xw_attr(&w, "epub:type", "titlepage");
    sz_xw_attr(&w, "class", "titlepage");
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "h1");
    sz_xw_attr(&w, "class", "title");
    if (sz_meta_get(e->doc, "title") && *sz_xhtml_text(e->x, sz_meta_get(e->doc, "title")))
        sz_xhtml_meta_inline(e->x, &w, sz_meta_get(e->doc, "title"));
    else
        sz_xw_puts(&w, e->title);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    meta_para(e, &w, "subtitle", "subtitle");
    meta_para(e, &w, "author", "author");
    meta_para(e, &w, "date", "date");
    meta_para(e, &w, "publisher", "publisher");
    meta_para(e, &w, "rights", "rights");
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    return xhtml_end(e, &w, data, len);
}

/* {=================================================================
** Cover
** ================================================================== */

/* Greedy line filling at UAX #14 break opportunities, max code points a
** line. */
static size_t
wrap_lines(const char *s, size_t maxcp, const char **starts, size_t *lens, size_t maxlines)
{
    size_t n = strlen(s), nl = 0;
    char *brks = sz_xmalloc(n + 1);
    sz_linebreaks(s, n, NULL, brks);
    size_t ls = 0, cps = 0, lastbrk = 0;
    for (size_t i = 0; i < n && nl < maxlines; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            cps++;
        if (brks[i] == LINEBREAK_ALLOWBREAK || brks[i] == LINEBREAK_MUSTBREAK)
            lastbrk = i + 1;
        if (cps > maxcp && lastbrk > ls) {
            starts[nl] = s + ls;
            lens[nl++] = lastbrk - ls;
            ls = lastbrk;
            cps = 0;
            for (size_t j = ls; j <= i; j++)
                if (((unsigned char)s[j] & 0xC0) != 0x80)
                    cps++;
        }
    }
    if (ls < n && nl < maxlines) {
        starts[nl] = s + ls;
        lens[nl++] = n - ls;
    }
    free(brks);
    /* Trim the spaces at the breaks. */
    for (size_t i = 0; i < nl; i++) {
        while (lens[i] && (starts[i][lens[i] - 1] == ' ' || starts[i][lens[i] - 1] == '\n'))
            lens[i]--;
        while (lens[i] && *starts[i] == ' ') {
            starts[i]++;
            lens[i]--;
        }
    }
    return nl;
}

static void
svg_text(struct sz_xw *w, int y, int size, const char *style, const char *s, size_t n)
{
    char num[16];
    sz_xw_start(w, "text");
    sz_xw_attr(w, "x", "300");
    snprintf(num, sizeof num, "%d", y);
    sz_xw_attr(w, "y", num);
    snprintf(num, sizeof num, "%d", size);
    sz_xw_attr(w, "font-size", num);
    sz_xw_attr(w, "text-anchor", "middle");
    sz_xw_attr(w, "font-family", "serif");
    if (style)
        sz_xw_attr(w, "font-style", style);
    sz_xw_attr(w, "fill", "#f3ead8");
    sz_xw_text(w, s, n);
    sz_xw_end(w);
    sz_xw_puts(w, "\n");
}

static const char *
authors_line(struct epub *e)
{
    const struct sz_node *v = sz_meta_get(e->doc, "author");
    struct sz_buf b = SZ_BUF_INIT;
    if (!v)
        return "";
    if (v->kind == SZ_META_LIST) {
        for (const struct sz_node *c = v->first; c; c = c->next) {
            if (b.len)
                sz_buf_puts(&b, c->next ? ", " : " & ");
            sz_buf_puts(&b, sz_xhtml_text(e->x, c));
        }
    } else {
        sz_buf_puts(&b, sz_xhtml_text(e->x, v));
    }
    const char *r = sz_arena_strndup(e->a, b.data ? b.data : "", b.len);
    sz_buf_free(&b);
    return r;
}

/* A 600x900 cover: the title and the author typeset on a dark ground. */
static int
cover_svg(struct epub *e, char **data, size_t *len)
{
    struct sz_xw w;
    const char *st[8], *sst[4], *ast[3];
    size_t sl[8], ssl[4], asl[3];
    const char *sub = meta_text(e, "subtitle");
    const char *au = authors_line(e);
    if (sz_xw_open(&w) < 0)
        return -1;
    init_linebreak();
    size_t tl = strlen(e->title);
    int tsize = tl <= 40 ? 56 : tl <= 90 ? 44 : 34;
    size_t nt = wrap_lines(e->title, tsize == 56 ? 16 : tsize == 44 ? 21 : 28, st, sl, 8);
    size_t ns = sub ? wrap_lines(sub, 30, sst, ssl, 4) : 0;
    size_t na = *au ? wrap_lines(au, 28, ast, asl, 3) : 0;
    sz_xw_declaration(&w);
    sz_xw_start(&w, "svg");
    sz_xw_attr(&w, "xmlns", "http://www.w3.org/2000/svg");
    sz_xw_attr(&w, "version", "1.1");
    sz_xw_attr(&w, "width", "600");
    sz_xw_attr(&w, "height", "900");
    sz_xw_attr(&w, "viewBox", "0 0 600 900");
    sz_xw_attr(&w, "xml:lang", e->lang);
    sz_xw_puts(&w, "\n");
    sz_xw_elem(&w, "title", e->title);
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "rect");
    sz_xw_attr(&w, "width", "600");
    sz_xw_attr(&w, "height", "900");
    sz_xw_attr(&w, "fill", "#6b1d1d");
    sz_xw_end_void(&w);
    sz_xw_start(&w, "rect");
    sz_xw_attr(&w, "x", "30");
    sz_xw_attr(&w, "y", "30");
    sz_xw_attr(&w, "width", "540");
    sz_xw_attr(&w, "height", "840");
    sz_xw_attr(&w, "fill", "none");
    sz_xw_attr(&w, "stroke", "#f3ead8");
    sz_xw_attr(&w, "stroke-width", "3");
    sz_xw_end_void(&w);
    sz_xw_puts(&w, "\n");
    int y = 300 - (int)nt * tsize / 2;
    if (y < 120)
        y = 120;
    for (size_t i = 0; i < nt; i++, y += tsize * 6 / 5)
        svg_text(&w, y, tsize, NULL, st[i], sl[i]);
    y += 10;
    sz_xw_start(&w, "rect");
    sz_xw_attr(&w, "x", "250");
    char num[16];
    snprintf(num, sizeof num, "%d", y);
    sz_xw_attr(&w, "y", num);
    sz_xw_attr(&w, "width", "100");
    sz_xw_attr(&w, "height", "3");
    sz_xw_attr(&w, "fill", "#f3ead8");
    sz_xw_end_void(&w);
    sz_xw_puts(&w, "\n");
    y += 60;
    for (size_t i = 0; i < ns; i++, y += 36)
        svg_text(&w, y, 28, "italic", sst[i], ssl[i]);
    y = 780 - (int)na * 40;
    for (size_t i = 0; i < na; i++, y += 40)
        svg_text(&w, y, 32, NULL, ast[i], asl[i]);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    *data = sz_xw_finish(&w, len);
    return *data ? 0 : -1;
}

static int
cover_page(struct epub *e, const struct res *img, char **data, size_t *len)
{
    struct sz_xw w;
    char num[16];
    const char *au = authors_line(e);
    xhtml_begin(e, &w, "Cover", NULL, "cover");
    sz_xw_start(&w, "section");
    sz_xw_attr(&w, "class", "cover");
    sz_xw_start(&w, "img");
    sz_xw_attr(&w, "src", img->href);
    sz_xw_attr(&w, "alt", *au ? sz_arena_printf(e->a, "Cover: %s, by %s", e->title, au)
                              : sz_arena_printf(e->a, "Cover: %s", e->title));
    sz_xw_attr(&w, "role", "doc-cover");
    if (img->w > 0 && img->h > 0) {
        snprintf(num, sizeof num, "%d", img->w);
        sz_xw_attr(&w, "width", num);
        snprintf(num, sizeof num, "%d", img->h);
        sz_xw_attr(&w, "height", num);
    }
    sz_xw_end_void(&w);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    return xhtml_end(e, &w, data, len);
}

static struct res *
make_cover(struct epub *e)
{
    struct res *r = NULL;
    /* --epub-cover-image, else the metadata's cover-image (pandoc's key),
    ** which is looked up like an image of the text. */
    const char *cov = e->o->cover_image ? e->o->cover_image : meta_text(e, "cover-image");
    if (cov) {
        char *data;
        size_t len;
        int w, h;
        int outside = 0;
        /* --epub-cover-image is the user's; the metadata's may come from
        ** the document itself, and is read like its images. */
        if ((e->o->cover_image ? read_file(cov, &data, &len)
                               : find_file(e, cov, &data, &len, &outside)) < 0) {
            warn(e, outside ? "cover image '%s' is outside the document's folder or archive "
                              "(see --resource-path); a cover is generated instead"
                            : "cannot read cover image '%s'; a cover is generated instead",
                 cov);
        } else {
            const char *mt = sniff(data, len, &w, &h);
            if (!mt || (strcmp(mt, "image/jpeg") && strcmp(mt, "image/png"))) {
                free(data);
                warn(e, "cover image '%s' is not JPEG or PNG; a cover is generated instead",
                     cov);
            } else {
                r = add_res(e);
                r->data = data;
                r->len = len;
                r->mtype = mt;
                r->w = w;
                r->h = h;
                r->store = 1;
                r->href = sz_arena_printf(e->a, "media/cover.%s", ext_of(mt));
                e->have_cover_image = 1;
            }
        }
    }
    if (!r) {
        r = add_res(e);
        if (cover_svg(e, &r->data, &r->len) < 0) {
            e->nres--;
            return NULL;
        }
        r->mtype = "image/svg+xml";
        r->href = "media/cover.svg";
        r->w = 600;
        r->h = 900;
    }
    r->id = "cover-image";
    r->props = "cover-image";
    return r;
}

/* {=================================================================
** Navigation: nav.xhtml and toc.ncx
** ================================================================== */

static void
collect_toc(struct epub *e)
{
    size_t cap = 16;
    int stack[8], ns = 0;
    e->toc = sz_xmalloc(cap * sizeof *e->toc);
    for (size_t ci = 0; ci < e->nch; ci++) {
        for (const struct sz_node *b = e->ch[ci].first; b != e->ch[ci].end; b = b->next) {
            struct sz_iter it;
            enum sz_ev ev;
            sz_iter_init(&it, (struct sz_node *)b);
            while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
                const struct sz_node *n = it.cur;
                if (ev != SZ_EV_ENTER)
                    continue;
                if (n->kind == SZ_DIV)
                    continue;
                if (sz_kind_is_container(n->kind))
                    sz_iter_skip_children(&it);
                if (n->kind != SZ_HEADER || n->level > e->o->toc_depth)
                    continue;
                const char *t = sz_xhtml_text(e->x, n);
                if (!*t)
                    continue;
                int lv = n->level;
                while (ns > 0 && stack[ns - 1] >= lv)
                    ns--;
                if (e->ntoc == cap) {
                    cap *= 2;
                    e->toc = sz_xrealloc(e->toc, cap * sizeof *e->toc);
                }
                e->toc[e->ntoc].depth = ns;
                e->toc[e->ntoc].text = t;
                e->toc[e->ntoc].href =
                    sz_arena_printf(e->a, "%s#%s", e->ch[ci].file, sz_xhtml_id(e->x, n));
                e->ntoc++;
                if (ns < 8)
                    stack[ns++] = lv;
            }
        }
    }
    if (e->ntoc == 0) {
        /* Every book gets at least one entry: its text. */
        e->toc[0].depth = 0;
        e->toc[0].text = e->title;
        e->toc[0].href = e->nch ? e->ch[0].file : "titlepage.xhtml";
        e->ntoc = 1;
    }
}

static void
nav_link(struct sz_xw *w, const char *type, const char *href, const char *text)
{
    sz_xw_start(w, "li");
    sz_xw_start(w, "a");
    if (type)
        sz_xw_attr(w, "epub:type", type);
    sz_xw_attr(w, "href", href);
    sz_xw_puts(w, text);
    sz_xw_end(w);
    sz_xw_end(w);
    sz_xw_puts(w, "\n");
}

static int
nav_doc(struct epub *e, const struct res *cover, char **data, size_t *len)
{
    struct sz_xw w;
    /* The heading of the contents: metadata toc-title (pandoc's key), else
    ** the word in the book's language where we know it. */
    static const char *const words[] = { "de", "Inhalt", "es", "Índice", "fr", "Table des matières",
                                         "it", "Indice", "nl", "Inhoud", "pt", "Sumário",
                                         "ru", "Содержание", "uk", "Зміст", "zh", "目录",
                                         "ja", "目次", NULL };
    const char *contents = meta_text(e, "toc-title");
    for (int i = 0; !contents && words[i]; i += 2)
        if (!strncmp(e->lang, words[i], 2) && (!e->lang[2] || e->lang[2] == '-'))
            contents = words[i + 1];
    if (!contents)
        contents = "Contents";
    xhtml_begin(e, &w, contents, NULL, NULL);
    sz_xw_start(&w, "nav");
    sz_xw_attr(&w, "epub:type", "toc");
    sz_xw_attr(&w, "role", "doc-toc");
    sz_xw_attr(&w, "id", "toc");
    sz_xw_puts(&w, "\n");
    sz_xw_elem(&w, "h1", contents);
    sz_xw_puts(&w, "\n");
    int prev = 0;
    for (size_t i = 0; i < e->ntoc; i++) {
        int d = e->toc[i].depth;
        if (i == 0) {
            sz_xw_start(&w, "ol");
        } else if (d > prev) {
            sz_xw_start(&w, "ol");
        } else {
            sz_xw_end(&w); /* li */
            for (int k = prev; k > d; k--) {
                sz_xw_end(&w); /* ol */
                sz_xw_end(&w); /* li */
            }
        }
        sz_xw_puts(&w, "\n");
        sz_xw_start(&w, "li");
        sz_xw_start(&w, "a");
        sz_xw_attr(&w, "href", e->toc[i].href);
        sz_xw_puts(&w, e->toc[i].text);
        sz_xw_end(&w);
        prev = d;
    }
    sz_xw_end(&w); /* li */
    for (int k = prev; k > 0; k--) {
        sz_xw_end(&w);
        sz_xw_end(&w);
    }
    sz_xw_end(&w); /* ol */
    sz_xw_puts(&w, "\n");
    sz_xw_end(&w); /* nav */
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "nav");
    sz_xw_attr(&w, "epub:type", "landmarks");
    sz_xw_attr(&w, "id", "landmarks");
    sz_xw_attr(&w, "hidden", "hidden");
    sz_xw_elem(&w, "h2", "Landmarks");
    sz_xw_start(&w, "ol");
    sz_xw_puts(&w, "\n");
    if (cover)
        nav_link(&w, "cover", "cover.xhtml", "Cover");
    nav_link(&w, "titlepage", "titlepage.xhtml", "Title page");
    nav_link(&w, "toc", "nav.xhtml#toc", contents);
    if (e->nch)
        nav_link(&w, "bodymatter", e->ch[0].file, "Start of content");
    sz_xw_end(&w);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    return xhtml_end(e, &w, data, len);
}

static int
ncx_doc(struct epub *e, char **data, size_t *len)
{
    struct sz_xw w;
    char num[48];
    int maxd = 0;
    if (sz_xw_open(&w) < 0)
        return -1;
    sz_xw_declaration(&w);
    sz_xw_start(&w, "ncx");
    sz_xw_attr(&w, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
    sz_xw_attr(&w, "version", "2005-1");
    sz_xw_attr(&w, "xml:lang", e->lang);
    sz_xw_puts(&w, "\n");
    for (size_t i = 0; i < e->ntoc; i++)
        if (e->toc[i].depth + 1 > maxd)
            maxd = e->toc[i].depth + 1;
    sz_xw_start(&w, "head");
    static const char *const names[] = { "dtb:uid", "dtb:depth", "dtb:totalPageCount",
                                         "dtb:maxPageNumber" };
    for (int i = 0; i < 4; i++) {
        sz_xw_start(&w, "meta");
        sz_xw_attr(&w, "name", names[i]);
        snprintf(num, sizeof num, "%d", i == 1 ? maxd : 0);
        sz_xw_attr(&w, "content", i == 0 ? e->identifier : num);
        sz_xw_end_void(&w);
    }
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "docTitle");
    sz_xw_elem(&w, "text", e->title);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "navMap");
    int prev = 0;
    for (size_t i = 0; i < e->ntoc; i++) {
        int d = e->toc[i].depth;
        if (i > 0 && d <= prev)
            for (int k = prev; k >= d; k--)
                sz_xw_end(&w);
        sz_xw_puts(&w, "\n");
        sz_xw_start(&w, "navPoint");
        snprintf(num, sizeof num, "navPoint-%zu", i + 1);
        sz_xw_attr(&w, "id", num);
        snprintf(num, sizeof num, "%zu", i + 1);
        sz_xw_attr(&w, "playOrder", num);
        sz_xw_start(&w, "navLabel");
        sz_xw_elem(&w, "text", e->toc[i].text);
        sz_xw_end(&w);
        sz_xw_start(&w, "content");
        sz_xw_attr(&w, "src", e->toc[i].href);
        sz_xw_end_void(&w);
        prev = d;
    }
    for (int k = prev; k >= 0; k--)
        sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    sz_xw_end(&w); /* navMap */
    sz_xw_puts(&w, "\n");
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    *data = sz_xw_finish(&w, len);
    return *data ? 0 : -1;
}

/* {=================================================================
** Package document
** ================================================================== */

/* W3CDTF as the OPF wants it: YYYY, YYYY-MM, YYYY-MM-DD, or a full
** date-time. */
static int
w3cdtf(const char *s)
{
    size_t n = strlen(s);
    int ok = n >= 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
             isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]);
    if (!ok)
        return 0;
    if (n == 4)
        return 1;
    if (n >= 7 && s[4] == '-' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]) &&
        (n == 7 || (n >= 10 && s[7] == '-' && isdigit((unsigned char)s[8]) &&
                    isdigit((unsigned char)s[9]) && (n == 10 || s[10] == 'T'))))
        return 1;
    return 0;
}

/* The metadata date as W3CDTF, or NULL: "2008-06-25" stays, and dates
** as Gutenberg writes them ("June 25, 2008", "January, 1994 [eBook #11]")
** become "2008-06-25" and "1994-01"; a lone year is kept. */
static const char *
w3c_date(struct epub *e, const char *s)
{
    static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec" };
    int year = 0, month = 0, day = 0, before = 0;
    if (w3cdtf(s))
        return s;
    for (const char *p = s; *p;) {
        if (isdigit((unsigned char)*p)) {
            int v = 0, nd = 0;
            while (isdigit((unsigned char)*p)) {
                if (nd < 6)
                    v = v * 10 + (*p - '0');
                nd++;
                p++;
            }
            if (nd == 4 && !year && v >= 1000)
                year = v;
            else if (nd <= 2 && !day && v >= 1 && v <= 31 && month)
                day = v;
            else if (nd <= 2 && !before && v >= 1 && v <= 31)
                before = v; /* "12 May 1901" */
            if (*p == '[' || *p == '(')
                break;
        } else if (isalpha((unsigned char)*p)) {
            const char *w = p;
            while (isalpha((unsigned char)*p))
                p++;
            for (int m = 0; m < 12 && !month && p - w >= 3; m++)
                if (!strncasecmp(w, months[m], 3))
                    month = m + 1;
        } else {
            if (*p == '[' || *p == '(')
                break;
            p++;
        }
    }
    if (!year)
        return NULL;
    if (!month)
        return sz_arena_printf(e->a, "%04d", year);
    if (!day)
        day = before;
    if (!day)
        return sz_arena_printf(e->a, "%04d-%02d", year, month);
    return sz_arena_printf(e->a, "%04d-%02d-%02d", year, month, day);
}

static long long
date_epoch(const char *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = atoi(s) - 1900;
    tm.tm_mon = strlen(s) >= 7 ? atoi(s + 5) - 1 : 0;
    tm.tm_mday = strlen(s) >= 10 ? atoi(s + 8) : 1;
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31)
        return FIXED_EPOCH;
    return (long long)timegm(&tm);
}

static void
meta_prop(struct sz_xw *w, const char *prop, const char *refines, const char *value)
{
    sz_xw_start(w, "meta");
    if (refines)
        sz_xw_attr(w, "refines", refines);
    sz_xw_attr(w, "property", prop);
    sz_xw_puts(w, value);
    sz_xw_end(w);
    sz_xw_puts(w, "\n");
}

static void
dc_each(struct epub *e, struct sz_xw *w, const char *key, const char *elem, int creators)
{
    const struct sz_node *v = sz_meta_get(e->doc, key);
    const struct sz_node *one = v;
    int k = 0;
    if (!v)
        return;
    for (const struct sz_node *c = v->kind == SZ_META_LIST ? v->first : one; c;
         c = v->kind == SZ_META_LIST ? c->next : NULL) {
        const char *t = sz_xhtml_text(e->x, c);
        if (!*t)
            continue;
        char id[32];
        snprintf(id, sizeof id, "%s%d", key, ++k);
        sz_xw_start(w, elem);
        if (creators)
            sz_xw_attr(w, "id", id);
        sz_xw_puts(w, t);
        sz_xw_end(w);
        sz_xw_puts(w, "\n");
        if (creators) {
            char ref[40];
            snprintf(ref, sizeof ref, "#%s", id);
            sz_xw_start(w, "meta");
            sz_xw_attr(w, "refines", ref);
            sz_xw_attr(w, "property", "role");
            sz_xw_attr(w, "scheme", "marc:relators");
            sz_xw_puts(w, "aut");
            sz_xw_end(w);
            sz_xw_puts(w, "\n");
        }
    }
}

static void
item(struct sz_xw *w, const char *id, const char *href, const char *mt, const char *props)
{
    sz_xw_start(w, "item");
    sz_xw_attr(w, "id", id);
    sz_xw_attr(w, "href", href);
    sz_xw_attr(w, "media-type", mt);
    if (props)
        sz_xw_attr(w, "properties", props);
    sz_xw_end_void(w);
    sz_xw_puts(w, "\n");
}

static void
itemref(struct sz_xw *w, const char *id)
{
    sz_xw_start(w, "itemref");
    sz_xw_attr(w, "idref", id);
    sz_xw_end_void(w);
    sz_xw_puts(w, "\n");
}

static int
opf_doc(struct epub *e, const struct res *cover, char **data, size_t *len)
{
    struct sz_xw w;
    if (sz_xw_open(&w) < 0)
        return -1;
    sz_xw_declaration(&w);
    sz_xw_start(&w, "package");
    sz_xw_attr(&w, "xmlns", "http://www.idpf.org/2007/opf");
    sz_xw_attr(&w, "version", "3.0");
    sz_xw_attr(&w, "unique-identifier", "pub-id");
    sz_xw_attr(&w, "xml:lang", e->lang);
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "metadata");
    sz_xw_attr(&w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "dc:identifier");
    sz_xw_attr(&w, "id", "pub-id");
    sz_xw_puts(&w, e->identifier);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    sz_xw_start(&w, "dc:title");
    sz_xw_attr(&w, "id", "title");
    sz_xw_puts(&w, e->title);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    meta_prop(&w, "title-type", "#title", "main");
    const char *sub = meta_text(e, "subtitle");
    if (sub) {
        sz_xw_start(&w, "dc:title");
        sz_xw_attr(&w, "id", "subtitle");
        sz_xw_puts(&w, sub);
        sz_xw_end(&w);
        sz_xw_puts(&w, "\n");
        meta_prop(&w, "title-type", "#subtitle", "subtitle");
    }
    sz_xw_elem(&w, "dc:language", e->lang);
    sz_xw_puts(&w, "\n");
    dc_each(e, &w, "author", "dc:creator", 1);
    if (e->date) {
        sz_xw_elem(&w, "dc:date", e->date);
        sz_xw_puts(&w, "\n");
    }
    static const char *const simple[] = { "publisher", "dc:publisher", "rights", "dc:rights",
                                          "description", "dc:description", NULL };
    for (int i = 0; simple[i]; i += 2) {
        const char *t = meta_text(e, simple[i]);
        if (t) {
            sz_xw_elem(&w, simple[i + 1], t);
            sz_xw_puts(&w, "\n");
        }
    }
    dc_each(e, &w, "subject", "dc:subject", 0);
    meta_prop(&w, "dcterms:modified", NULL, e->modified);
    if (cover) {
        sz_xw_start(&w, "meta");
        sz_xw_attr(&w, "name", "cover");
        sz_xw_attr(&w, "content", "cover-image");
        sz_xw_end_void(&w);
        sz_xw_puts(&w, "\n");
    }

    /* Accessibility metadata, true for this book. */
    int visual = e->images > 0 || e->have_cover_image;
    int all_alt = e->no_alt == 0;
    meta_prop(&w, "schema:accessMode", NULL, "textual");
    if (visual)
        meta_prop(&w, "schema:accessMode", NULL, "visual");
    if (all_alt)
        meta_prop(&w, "schema:accessModeSufficient", NULL, "textual");
    if (visual)
        meta_prop(&w, "schema:accessModeSufficient", NULL, "textual,visual");
    meta_prop(&w, "schema:accessibilityFeature", NULL, "structuralNavigation");
    meta_prop(&w, "schema:accessibilityFeature", NULL, "tableOfContents");
    meta_prop(&w, "schema:accessibilityFeature", NULL, "readingOrder");
    meta_prop(&w, "schema:accessibilityFeature", NULL, "displayTransformability");
    if (e->images > 0 && all_alt)
        meta_prop(&w, "schema:accessibilityFeature", NULL, "alternativeText");
    meta_prop(&w, "schema:accessibilityHazard", NULL, "none");
    const char *summary =
        e->images == 0
            ? "Reflowable text with a navigable table of contents, structured headings, "
              "a declared language and linked notes. No images, sound or animation."
        : all_alt
            ? "Reflowable text with a navigable table of contents, structured headings, "
              "a declared language and linked notes. Every image has a text alternative."
            : "Reflowable text with a navigable table of contents, structured headings, "
              "a declared language and linked notes. Some images have no text alternative.";
    meta_prop(&w, "schema:accessibilitySummary", NULL, summary);
    if (all_alt && e->lang_declared)
        meta_prop(&w, "dcterms:conformsTo", NULL, "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
    sz_xw_end(&w); /* metadata */
    sz_xw_puts(&w, "\n");

    sz_xw_start(&w, "manifest");
    sz_xw_puts(&w, "\n");
    item(&w, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
    item(&w, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
    if (cover)
        item(&w, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
    item(&w, "titlepage", "titlepage.xhtml", "application/xhtml+xml", NULL);
    for (size_t i = 0; i < e->nch; i++) {
        char id[32];
        snprintf(id, sizeof id, "ch%03zu", i + 1);
        item(&w, id, e->ch[i].file, "application/xhtml+xml", NULL);
    }
    for (size_t i = 0; i < e->nres; i++)
        if (e->res[i].mtype)
            item(&w, e->res[i].id, e->res[i].href, e->res[i].mtype, e->res[i].props);
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");

    sz_xw_start(&w, "spine");
    sz_xw_attr(&w, "toc", "ncx");
    if (e->dir)
        sz_xw_attr(&w, "page-progression-direction", e->dir);
    sz_xw_puts(&w, "\n");
    if (cover)
        itemref(&w, "cover");
    itemref(&w, "titlepage");
    itemref(&w, "nav");
    for (size_t i = 0; i < e->nch; i++) {
        char id[32];
        snprintf(id, sizeof id, "ch%03zu", i + 1);
        itemref(&w, id);
    }
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    sz_xw_end(&w);
    sz_xw_puts(&w, "\n");
    *data = sz_xw_finish(&w, len);
    return *data ? 0 : -1;
}

/* {=================================================================
** Identifier and packaging
** ================================================================== */

static void
fnv(uint64_t *h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ (unsigned char)s[i]) * 1099511628211ull;
    *h = (*h ^ 0xFF) * 1099511628211ull; /* separator */
}

/* A UUID (RFC 9562 version 8, "custom") from a hash of the chapters and
** the metadata: the same book gets the same identifier on every build. */
static const char *
derived_uuid(struct epub *e)
{
    uint64_t h1 = 1469598103934665603ull, h2 = 0x84222325cbf29ce4ull;
    static const char *const keys[] = { "title", "subtitle", "author", "lang", "date",
                                        "publisher", NULL };
    for (int i = 0; keys[i]; i++) {
        const char *t = meta_text(e, keys[i]);
        t = t ? t : "";
        fnv(&h1, t, strlen(t));
        fnv(&h2, t, strlen(t));
    }
    for (size_t i = 0; i < e->nch; i++) {
        fnv(&h1, e->ch[i].data, e->ch[i].len);
        fnv(&h2, e->ch[i].data, e->ch[i].len);
        fnv(&h2, "x", 1);
    }
    h1 = (h1 & ~0xF000ull) | 0x8000ull;                               /* version 8 */
    h2 = (h2 & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;        /* variant */
    return sz_arena_printf(e->a, "urn:uuid:%08llx-%04llx-%04llx-%04llx-%012llx",
                           (unsigned long long)(h1 >> 32),
                           (unsigned long long)((h1 >> 16) & 0xFFFF),
                           (unsigned long long)(h1 & 0xFFFF),
                           (unsigned long long)(h2 >> 48),
                           (unsigned long long)(h2 & 0xFFFFFFFFFFFFull));
}

/* Deflate level 3: half the CPU of the default level 6 for about 5% larger
** books (zlib was most of the time of a conversion). */
#define DEFLATE_LEVEL 3

static int
package(struct epub *e, const struct sz_zip_member *m, size_t n, struct sz_sink *out)
{
    if (sz_zip_pack(m, n, e->mtime, DEFLATE_LEVEL, out) == 0)
        return 0;
    sz_diag_add(e->diags, SZ_ERROR, SZ_EXIT_IO, NULL, 0, 0, -1, "epub: cannot write output");
    return -1;
}

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"EPUB/content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

static int
write_epub(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
           struct sz_diags *diags)
{
    struct epub e;
    int rc = -1;
    struct sz_buf fontcss = SZ_BUF_INIT;
    struct sz_zip_member *b = NULL;
    size_t nb = 0;
    char *opf = NULL, *nav = NULL, *ncx = NULL, *tp = NULL, *cp = NULL;
    size_t opfl = 0, navl = 0, ncxl = 0, tpl = 0, cpl = 0;

    memset(&e, 0, sizeof e);
    e.doc = doc;
    e.o = o;
    e.diags = diags;
    e.a = sz_arena_new();
    e.x = sz_xhtml_new(doc, o, 1, diags);
    struct sz_xhtml_hooks hooks = { hook_image, hook_file, &e };
    sz_xhtml_set_hooks(e.x, &hooks);

    e.lang = sz_xhtml_lang(e.x);
    const char *l = meta_text(&e, "lang");
    e.lang_declared = l && sz_xhtml_lang_ok(l);
    if (!e.lang_declared)
        sz_diag_add(diags, SZ_WARNING, 0, doc->source, 0, 0, -1,
                    l ? "lang '%s' is not a language tag; the book is marked \"en\""
                      : "%sno lang in the metadata; the book is marked \"en\" (set -M lang=...)",
                    l ? l : "");
    e.dir = meta_text(&e, "dir");
    if (e.dir && strcmp(e.dir, "rtl") && strcmp(e.dir, "ltr"))
        e.dir = NULL;
    e.title = meta_text(&e, "title");
    if (!e.title) {
        const char *s = doc->source && strcmp(doc->source, "-") ? doc->source : NULL;
        if (s) {
            const char *base = strrchr(s, '/') ? strrchr(s, '/') + 1 : s;
            const char *dot = strrchr(base, '.');
            e.title = sz_arena_strndup(e.a, base, dot && dot > base ? (size_t)(dot - base)
                                                                    : strlen(base));
        } else {
            e.title = "Untitled";
        }
        warn(&e, "no title in the metadata; the book is called \"%s\" (set -M title=...)",
             e.title);
    }
    const char *date = meta_text(&e, "date");
    if (date && !(e.date = w3c_date(&e, date)))
        warn(&e, "date '%s' has no year; left out of the package metadata", date);
    e.mtime = o->source_date_epoch >= 0 ? o->source_date_epoch
              : e.date                  ? date_epoch(e.date)
                                        : FIXED_EPOCH;
    {
        time_t t = (time_t)e.mtime;
        struct tm g;
        char s[32];
        gmtime_r(&t, &g);
        strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &g);
        e.modified = sz_arena_strdup(e.a, s);
    }

    /* Stylesheets first (every page links them), then the cover, images. */
    if (!o->css_replace) {
        struct res *r = add_res(&e);
        r->data = sz_xstrdup(sz_default_css);
        r->len = strlen(sz_default_css);
        r->mtype = "text/css";
        r->id = "css";
        r->href = "css/book.css";
    }
    collect_files(&e, &fontcss);
    if (fontcss.len) {
        struct res *r = add_res(&e);
        r->data = sz_buf_detach(&fontcss, &r->len);
        r->mtype = "text/css";
        r->id = "css-fonts";
        r->href = "css/fonts.css";
    }
    struct res *cover = make_cover(&e);
    size_t cover_idx = cover ? (size_t)(cover - e.res) : 0;
    collect_images(&e);
    split_chapters(&e);
    for (size_t i = 0; i < e.nch; i++)
        if (render_chapter(&e, &e.ch[i]) < 0)
            goto out;
    sz_xhtml_image_stats(e.x, &e.images, &e.no_alt);
    const char *ident = meta_text(&e, "identifier");
    e.identifier = ident ? ident : derived_uuid(&e);
    collect_toc(&e);
    cover = cover ? &e.res[cover_idx] : NULL;
    if (titlepage(&e, &tp, &tpl) < 0 || nav_doc(&e, cover, &nav, &navl) < 0 ||
        ncx_doc(&e, &ncx, &ncxl) < 0 || opf_doc(&e, cover, &opf, &opfl) < 0 ||
        (cover && cover_page(&e, cover, &cp, &cpl) < 0)) {
        sz_diag_add(diags, SZ_ERROR, SZ_EXIT_WRITER, NULL, 0, 0, -1,
                    "epub: the XML writer failed");
        goto out;
    }

    b = sz_xmalloc((8 + e.nch + e.nres) * sizeof *b);
#define BLOB(n, d, l, s) (b[nb].name = (n), b[nb].data = (d), b[nb].len = (l), b[nb++].store = (s))
    BLOB("mimetype", (char *)"application/epub+zip", 20, 1);
    BLOB("META-INF/container.xml", (char *)container_xml, sizeof container_xml - 1, 0);
    BLOB("EPUB/content.opf", opf, opfl, 0);
    BLOB("EPUB/toc.ncx", ncx, ncxl, 0);
    BLOB("EPUB/nav.xhtml", nav, navl, 0);
    if (cover)
        BLOB("EPUB/cover.xhtml", cp, cpl, 0);
    BLOB("EPUB/titlepage.xhtml", tp, tpl, 0);
    for (size_t i = 0; i < e.nch; i++)
        BLOB(sz_arena_printf(e.a, "EPUB/%s", e.ch[i].file), e.ch[i].data, e.ch[i].len, 0);
    for (size_t i = 0; i < e.nres; i++)
        if (e.res[i].mtype)
            BLOB(sz_arena_printf(e.a, "EPUB/%s", e.res[i].href), e.res[i].data, e.res[i].len,
                 e.res[i].store);
#undef BLOB
    rc = package(&e, b, nb, out);

out:
    free(b);
    free(opf);
    free(nav);
    free(ncx);
    free(tp);
    free(cp);
    for (size_t i = 0; i < e.nch; i++)
        free(e.ch[i].data);
    for (size_t i = 0; i < e.nres; i++)
        free(e.res[i].data);
    free(e.ch);
    free(e.res);
    free(e.toc);
    sz_buf_free(&fontcss);
    sz_map_free(&e.img);
    sz_map_free(&e.top);
    sz_xhtml_free(e.x);
    sz_arena_free(e.a);
    return rc;
}

const struct sz_writer sz_writer_epub = { "epub", "epub", SZ_WRITER_BINARY, write_epub };
