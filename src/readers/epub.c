/*
** epub.c
** The EPUB reader: container.xml, the OPF's metadata, manifest and spine;
** each content document through the HTML reader, ids made unique and links
** between documents rewritten; images into the media bag.
** See LICENSE.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include "core/lazy_xml.h"

#include "readers/html.h"
#include "readers/essay.h"
#include "bridge/bridge.h"
#include "core/path.h"
#include "core/registry.h"
#include "core/unzcheck.h"

/* Limits on what an EPUB may hold: a book of 256 MiB of one chapter or
** image is no book; text deflates 3-5x, a bomb 1000x. */
#ifndef SZ_EPUB_MAX_MEMBER
#define SZ_EPUB_MAX_MEMBER (256ULL << 20)
#endif
#ifndef SZ_EPUB_MAX_TOTAL
#define SZ_EPUB_MAX_TOTAL (1ULL << 30)
#endif
#ifndef SZ_EPUB_MAX_RATIO
#define SZ_EPUB_MAX_RATIO 100
#endif
/* A chapter larger than this is read as it inflates (see streamable), at
** the cost of inflating it twice; a smaller one is held while it is read. */
#ifndef SZ_EPUB_STREAM_MIN
#define SZ_EPUB_STREAM_MIN (256u << 10)
#endif
/* More members than any book has (a page per image of a comic: thousands). */
#ifndef SZ_EPUB_MAX_MEMBERS
#define SZ_EPUB_MAX_MEMBERS 65536
#endif

struct item {
    char *id, *path, *mtype, *props;
};

struct epub {
    struct sz_doc *doc;
    const struct sz_ropts *o;
    const char *file;
    struct sz_unz za;
    struct sz_html h;
    struct item *items;
    size_t nitems, capitems;
    size_t *spine;             /* item indexes */
    size_t nspine;
    struct sz_node **first;    /* first block each spine document gave */
    char **labels;             /* the NCX's label of each spine document, or NULL */
    struct sz_map ids;         /* "path#id" -> new id */
    struct sz_map used;        /* new ids taken */
    struct sz_map media;       /* archive paths already in the media bag */
    char *guide_cover;
};

/* A member's name as it can be shown: bytes that are not UTF-8, and control
** characters, as \xNN (a hostile name must not reach the terminal raw). */
static void
shown_name(struct sz_buf *b, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sz_utf8_decode(s + i, n - i, &cp);
        if ((cp == 0xFFFD && !(k == 3 && !memcmp(s + i, "\xef\xbf\xbd", 3))) || cp < 0x20 ||
            cp == 0x7f) {
            for (size_t j = 0; j < k; j++)
                sz_buf_printf(b, "\\x%02x", (unsigned char)s[i + j]);
        } else {
            sz_buf_put(b, s + i, k);
        }
        i += k;
    }
}

/* Where a member's error points: its entry in the zip's central directory
** (a member may have no local header worth the name); the file's start for
** a member the archive lacks and for the archive as a whole. */
static long long
member_offset(const struct epub *e, const char *member)
{
    for (size_t i = 0; member && i < e->za.n; i++)
        if (e->za.m[i].name == member || strcmp(e->za.m[i].name, member) == 0)
            return (long long)e->za.m[i].pos.pos_in_zip_directory;
    return 0;
}

static int
err(struct epub *e, const char *member, const char *fmt, const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    long long at = member_offset(e, member);
    if (member) {
        struct sz_buf b = SZ_BUF_INIT;
        shown_name(&b, member);
        sz_diag_add(&e->doc->diags, SZ_ERROR, SZ_EXIT_PARSE, e->file, 0, 0, at,
                    "member '%s': %s", b.data ? b.data : "", msg);
        sz_buf_free(&b);
    }
    else
        sz_diag_add(&e->doc->diags, SZ_ERROR, SZ_EXIT_PARSE, e->file, 0, 0, at, "%s", msg);
    return -1;
}

/* {=================================================================
** Members
** ================================================================== */

/* Every member passes batch's rules before any is read. */
static int
check_members(struct epub *e)
{
    const struct sz_zip_limits lim = { SZ_EPUB_MAX_MEMBER, SZ_EPUB_MAX_RATIO, "", "" };
    uint64_t total = 0;
    for (size_t i = 0; i < e->za.n; i++) {
        const struct sz_unz_member *m = &e->za.m[i];
        const char *raw = m->name;
        const char *why = NULL;
        size_t nl = strlen(raw);
        char *clean = m->bad_name ? NULL : sz_zip_clean_name(raw, &why);
        if (!clean)
            return err(e, raw, "%s", why ? why : "unrepresentable name (NUL or too long)");
        free(clean);
        if (e->za.dup == i + 1)
            return err(e, raw, "%s", "duplicate member name");
        if (nl && raw[nl - 1] == '/')
            continue;               /* a folder entry */
        char msg[200];
        if (sz_zip_judge(&m->f, &lim, msg, sizeof msg) != 0)
            return err(e, raw, "%s", msg);
        uint64_t size = m->f.size;
        total += size;
        if (total > SZ_EPUB_MAX_TOTAL)
            return err(e, raw, "%s", "the book inflates past 1 GiB: a zip bomb?");
    }
    return 0;
}

/* The index of the member at path, or -1. */
static long
member_index(struct epub *e, const char *path)
{
    return sz_unz_locate(&e->za, path);
}

static int
read_member(struct epub *e, const char *path, struct sz_buf *out)
{
    long i = member_index(e, path);
    if (i < 0)
        return -2;
    const char *why = NULL;
    if (sz_unz_read(&e->za, (size_t)i, SZ_EPUB_MAX_MEMBER, out, &why) != 0)
        return err(e, path, "%s", why);
    return 0;
}

/* base's folder joined with href, "." and ".." resolved; NULL when it
** leaves the archive.  A fragment and a query are cut. */
static char *
resolve(const char *base, const char *href, const char **frag)
{
    *frag = NULL;
    size_t hl = strcspn(href, "#?");
    if (href[hl] == '#')
        *frag = href + hl + 1;
    else if (href[hl] == '?' && strchr(href + hl, '#'))
        *frag = strchr(href + hl, '#') + 1;
    const char *slash = base ? strrchr(base, '/') : NULL;
    size_t bl = slash ? (size_t)(slash - base) + 1 : 0;
    if (hl == 0) {
        char *s = sz_xstrdup(base ? base : "");
        return s;
    }
    char *t = sz_xmalloc(bl + hl + 1);
    memcpy(t, base, bl);
    /* percent-decoded */
    size_t k = bl;
    for (size_t i = 0; i < hl; i++) {
        if (href[i] == '%' && i + 2 < hl && isxdigit((unsigned char)href[i + 1]) &&
            isxdigit((unsigned char)href[i + 2])) {
            char h[3] = { href[i + 1], href[i + 2], 0 };
            t[k++] = (char)strtol(h, NULL, 16);
            i += 2;
        } else {
            t[k++] = href[i];
        }
    }
    t[k] = '\0';
    if (t[bl] == '/')
        memmove(t, t + bl + 1, strlen(t + bl + 1) + 1);   /* absolute: from the root */
    char *out = sz_xmalloc(strlen(t) + 2);
    size_t o = 0;
    if (sz_path_append(out, &o, t, SZ_PATH_UP_POP, 0) != SZ_PATH_OK) {
        free(t);
        free(out);
        return NULL;
    }
    free(t);
    return out;
}

/* }================================================================== */

/* {=================================================================
** XML files of the package
** ================================================================== */

static xmlDocPtr
parse_xml(struct epub *e, const char *path, struct sz_buf *b)
{
    if (read_member(e, path, b) != 0) {
        if (!e->doc->diags.nerrors)
            err(e, path, "%s", "missing");
        return NULL;
    }
    xmlDocPtr x = xmlReadMemory(b->data, (int)b->len, path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!x)
        err(e, path, "%s", "not well-formed XML");
    return x;
}

static int
is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *
prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) {
        /* opf:role and friends, whatever the prefix */
        for (xmlAttrPtr a = n->properties; a; a = a->next)
            if (!strcmp((const char *)a->name, name))
                return (char *)xmlNodeGetContent((xmlNodePtr)a);
    }
    return (char *)v;
}

static xmlNodePtr
find(xmlNodePtr n, const char *name, int depth)
{
    for (; n && depth < 64; n = n->next) {
        if (is(n, name))
            return n;
        xmlNodePtr c = find(n->children, name, depth + 1);
        if (c)
            return c;
    }
    return NULL;
}

static void
meta_text(struct epub *e, const char *key, const char *v)
{
    if (!v || !*v || sz_meta_get(e->doc, key))
        return;
    struct sz_node *mi = sz_node_new(e->doc, SZ_META_INLINES);
    sz_inlines_from_text(e->doc, mi, v, strlen(v));
    sz_meta_set(e->doc, key, mi);
}

static void
meta_add(struct epub *e, const char *key, const char *v, int text)
{
    if (!v || !*v)
        return;
    struct sz_node *val = sz_node_new(e->doc, text ? SZ_META_INLINES : SZ_META_STRING);
    if (text)
        sz_inlines_from_text(e->doc, val, v, strlen(v));
    else
        sz_node_set_text(e->doc, val, v, strlen(v));
    struct sz_node *old = sz_meta_get(e->doc, key);
    if (!old) {
        sz_meta_set(e->doc, key, val);
        return;
    }
    if (old->kind != SZ_META_LIST) {
        struct sz_node *list = sz_node_new(e->doc, SZ_META_LIST);
        sz_node_append(list, sz_node_copy(e->doc, old));
        sz_node_append(list, val);
        sz_meta_set(e->doc, key, list);
        return;
    }
    sz_node_append(old, val);
}

/* The EPUB 3 refinement of element id: <meta refines="#id" property=p>. */
static char *
refined(xmlNodePtr meta, const char *id, const char *property)
{
    if (!id)
        return NULL;
    for (xmlNodePtr m = meta->children; m; m = m->next) {
        if (!is(m, "meta"))
            continue;
        char *r = prop(m, "refines"), *p = prop(m, "property");
        int hit = r && p && r[0] == '#' && !strcmp(r + 1, id) && !strcmp(p, property);
        xmlFree(r);
        xmlFree(p);
        if (hit)
            return (char *)xmlNodeGetContent(m);
    }
    return NULL;
}

static void
opf_metadata(struct epub *e, xmlNodePtr md, const char *uid)
{
    int titles = 0;
    for (xmlNodePtr n = md ? md->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        char *v = (char *)xmlNodeGetContent(n);
        char *id = prop(n, "id");
        if (!strcmp(name, "title")) {
            char *tt = refined(md, id, "title-type");
            if (tt && !strcmp(tt, "subtitle"))
                meta_text(e, "subtitle", v);
            else if (!titles++)
                meta_text(e, "title", v);
            xmlFree(tt);
        } else if (!strcmp(name, "creator") || !strcmp(name, "contributor")) {
            char *role = prop(n, "role");
            if (!role)
                role = refined(md, id, "role");
            const char *key = !role || !strcmp(role, "aut") ? (!strcmp(name, "creator") ? "author" : "contributor")
                              : !strcmp(role, "trl") ? "translator" : !strcmp(role, "edt") ? "editor"
                              : !strcmp(role, "ill") ? "illustrator" : "contributor";
            meta_add(e, key, v, 1);
            xmlFree(role);
        } else if (!strcmp(name, "language")) {
            if (!sz_meta_get(e->doc, "lang") && v && *v)
                sz_meta_set_string(e->doc, "lang", sz_arena_strdup(e->doc->arena, v));
        } else if (!strcmp(name, "date")) {
            if (!sz_meta_get(e->doc, "date") && v && *v)
                sz_meta_set_string(e->doc, "date", sz_arena_strdup(e->doc->arena, v));
        } else if (!strcmp(name, "identifier")) {
            if (v && *v && (!sz_meta_get(e->doc, "identifier") || (uid && id && !strcmp(uid, id))))
                sz_meta_set_string(e->doc, "identifier", sz_arena_strdup(e->doc->arena, v));
        } else if (!strcmp(name, "publisher") || !strcmp(name, "rights") ||
                   !strcmp(name, "description")) {
            meta_text(e, name, v);
        } else if (!strcmp(name, "subject")) {
            meta_add(e, "subject", v, 1);
        }
        xmlFree(v);
        xmlFree(id);
    }
}

static struct item *
item_by_id(struct epub *e, const char *id)
{
    for (size_t i = 0; id && i < e->nitems; i++)
        if (e->items[i].id && !strcmp(e->items[i].id, id))
            return &e->items[i];
    return NULL;
}

static struct item *
item_by_path(struct epub *e, const char *path)
{
    for (size_t i = 0; path && i < e->nitems; i++)
        if (!strcmp(e->items[i].path, path))
            return &e->items[i];
    return NULL;
}

static const char *
mime_of(const char *path)
{
    const char *d = strrchr(path, '.');
    if (!d)
        return "";
    if (!strcasecmp(d, ".jpg") || !strcasecmp(d, ".jpeg")) return "image/jpeg";
    if (!strcasecmp(d, ".png")) return "image/png";
    if (!strcasecmp(d, ".gif")) return "image/gif";
    if (!strcasecmp(d, ".svg")) return "image/svg+xml";
    if (!strcasecmp(d, ".webp")) return "image/webp";
    return "";
}

/* Puts the member at path into the media bag once; 0, or -1 when absent. */
static int
to_mediabag(struct epub *e, const char *path)
{
    if (sz_map_get(&e->media, path))
        return 0;
    struct sz_buf b = SZ_BUF_INIT;
    int rc = read_member(e, path, &b);
    if (rc == 0) {
        struct item *it = item_by_path(e, path);
        sz_mediabag_insert(path, it && it->mtype ? it->mtype : mime_of(path), b.data, b.len);
        sz_map_put(&e->media, sz_arena_strdup(e->doc->arena, path), (void *)1);
    }
    sz_buf_free(&b);
    return rc;
}

static int
read_opf(struct epub *e, const char *opf)
{
    struct sz_buf b = SZ_BUF_INIT;
    xmlDocPtr x = parse_xml(e, opf, &b);
    sz_buf_free(&b);
    if (!x)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(x);
    char *uid = root ? prop(root, "unique-identifier") : NULL;
    xmlNodePtr md = root ? find(root->children, "metadata", 0) : NULL;
    xmlNodePtr man = root ? find(root->children, "manifest", 0) : NULL;
    xmlNodePtr sp = root ? find(root->children, "spine", 0) : NULL;
    xmlNodePtr guide = root ? find(root->children, "guide", 0) : NULL;
    opf_metadata(e, md, uid);
    xmlFree(uid);
    for (xmlNodePtr n = man ? man->children : NULL; n; n = n->next) {
        if (!is(n, "item"))
            continue;
        char *href = prop(n, "href");
        const char *frag;
        char *path = href ? resolve(opf, href, &frag) : NULL;
        xmlFree(href);
        if (!path)
            continue;
        if (e->nitems == e->capitems) {
            e->capitems = e->capitems ? 2 * e->capitems : 32;
            e->items = sz_xrealloc(e->items, e->capitems * sizeof *e->items);
        }
        struct item *it = &e->items[e->nitems++];
        char *id = prop(n, "id"), *mt = prop(n, "media-type"), *pr = prop(n, "properties");
        it->id = sz_xstrdup(id ? id : "");
        it->mtype = sz_xstrdup(mt ? mt : "");
        it->props = sz_xstrdup(pr ? pr : "");
        it->path = path;
        xmlFree(id);
        xmlFree(mt);
        xmlFree(pr);
    }
    for (xmlNodePtr n = sp ? sp->children : NULL; n; n = n->next) {
        if (!is(n, "itemref"))
            continue;
        char *idref = prop(n, "idref");
        struct item *it = item_by_id(e, idref);
        xmlFree(idref);
        if (!it)
            continue;
        e->spine = sz_xrealloc(e->spine, (e->nspine + 1) * sizeof *e->spine);
        e->spine[e->nspine++] = (size_t)(it - e->items);
    }
    for (xmlNodePtr n = guide ? guide->children : NULL; n; n = n->next) {
        char *t = is(n, "reference") ? prop(n, "type") : NULL;
        if (t && !strcmp(t, "cover") && !e->guide_cover) {
            char *href = prop(n, "href");
            const char *frag;
            e->guide_cover = href ? resolve(opf, href, &frag) : NULL;
            xmlFree(href);
        }
        xmlFree(t);
    }
    /* The cover image: EPUB 3's cover-image item, or EPUB 2's <meta
    ** name="cover">.  JPEG and PNG only: a cover we would draw ourselves
    ** (samizdat's own SVG) is drawn again. */
    struct item *cov = NULL;
    for (size_t i = 0; i < e->nitems && !cov; i++)
        if (strstr(e->items[i].props, "cover-image"))
            cov = &e->items[i];
    for (xmlNodePtr n = md ? md->children : NULL; n && !cov; n = n->next) {
        char *nm = is(n, "meta") ? prop(n, "name") : NULL;
        if (nm && !strcmp(nm, "cover")) {
            char *c = prop(n, "content");
            cov = item_by_id(e, c);
            xmlFree(c);
        }
        xmlFree(nm);
    }
    if (cov && (!strcmp(cov->mtype, "image/jpeg") || !strcmp(cov->mtype, "image/png")) &&
        to_mediabag(e, cov->path) == 0 && !sz_meta_get(e->doc, "cover-image"))
        sz_meta_set_string(e->doc, "cover-image", sz_arena_strdup(e->doc->arena, cov->path));
    xmlFreeDoc(x);
    return e->doc->diags.nerrors ? -1 : 0;
}

/* }================================================================== */

/* {=================================================================
** Ids, links, images, chapter names
** ================================================================== */

static const char *
stem_of(const char *path, char *buf, size_t cap)
{
    const char *s = strrchr(path, '/');
    s = s ? s + 1 : path;
    size_t n = strcspn(s, ".");
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static const char *
unique(struct epub *e, const char *want, const char *path)
{
    struct sz_arena *a = e->doc->arena;
    const char *id = want = sz_arena_strdup(a, want);
    char stem[64];
    stem_of(path, stem, sizeof stem);
    if (sz_map_get(&e->used, id))
        id = sz_arena_printf(a, "%s-%s", stem, want);
    for (int k = 1; sz_map_get(&e->used, id); k++)
        id = sz_arena_printf(a, "%s-%s-%d", stem, want, k);
    sz_map_put(&e->used, id, (void *)1);
    return id;
}

static void
rewrite_ids(struct epub *e)
{
    struct sz_html *h = &e->h;
    for (size_t i = 0; i < h->anchors.n; i++) {
        struct sz_hnode *a = &h->anchors.v[i];
        if (!a->n->parent || a->file < 0 || (size_t)a->file >= e->nspine)
            continue;
        const char *path = e->items[e->spine[a->file]].path;
        char *key = sz_arena_printf(e->doc->arena, "%s#%s", path, a->id);
        const char *nid = sz_map_get(&e->ids, key);
        if (!nid) {
            nid = unique(e, a->id, path);
            sz_map_put(&e->ids, key, (void *)nid);
        }
        if (sz_kind_has_attr(a->n->kind) && *a->n->attr->id)
            sz_node_attr(e->doc, a->n)->id = nid;
        a->id = nid;
    }
    /* the notes pass finds bodies by the new ids */
    sz_map_free(&h->ids);
    h->ids.strkeys = 1;
    for (size_t i = 0; i < h->anchors.n; i++)
        if (h->anchors.v[i].n->parent && !sz_map_get(&h->ids, h->anchors.v[i].id))
            sz_map_put(&h->ids, h->anchors.v[i].id, h->anchors.v[i].n);
}

static int
spine_index(struct epub *e, const char *path)
{
    for (size_t k = 0; k < e->nspine; k++)
        if (!strcmp(e->items[e->spine[k]].path, path))
            return (int)k;
    return -1;
}

/* The id a link to a whole document goes to: its first heading's, or an
** anchor put at its start. */
static const char *
chapter_id(struct epub *e, int k)
{
    struct sz_node *f = e->first[k];
    if (!f)
        return NULL;
    if (f->kind == SZ_HEADER && *f->attr->id)
        return f->attr->id;
    if ((f->kind == SZ_DIV) && *f->attr->id)
        return f->attr->id;
    char stem[64];
    struct sz_node *d = sz_node_new(e->doc, SZ_DIV);
    sz_node_attr(e->doc, d)->id = unique(e, stem_of(e->items[e->spine[k]].path, stem, sizeof stem),
                        e->items[e->spine[k]].path);
    sz_node_insert_before(f, d);
    e->first[k] = d;
    return d->attr->id;
}

static void
rewrite_links(struct epub *e)
{
    struct sz_html *h = &e->h;
    for (size_t i = 0; i < h->links.n; i++) {
        struct sz_node *l = h->links.v[i].n;
        int file = h->links.v[i].file;
        if (!l->parent || file < 0 || (size_t)file >= e->nspine || !l->target->url || !*l->target->url ||
            sz_path_has_scheme(l->target->url))
            continue;
        const char *base = e->items[e->spine[file]].path;
        const char *frag;
        char *path = resolve(base, l->target->url, &frag);
        if (!path)
            continue;
        if (l->kind == SZ_IMAGE) {
            if (to_mediabag(e, path) == 0)
                l->target->url = sz_arena_strdup(e->doc->arena, path);
        } else {
            int k = spine_index(e, path);
            if (k >= 0) {
                const char *nid = NULL;
                if (frag && *frag) {
                    char *key = sz_arena_printf(e->doc->arena, "%s#%s", path, frag);
                    nid = sz_map_get(&e->ids, key);
                    if (!nid)
                        nid = frag;
                } else {
                    nid = chapter_id(e, k);
                }
                if (nid)
                    l->target->url = sz_arena_printf(e->doc->arena, "#%s", nid);
            }
        }
        free(path);
    }
}

/* Is link a of an EPUB 3 nav document in its table of contents (not in
** the landmarks or the page list)? */
static int
in_toc_nav(xmlNodePtr a)
{
    for (xmlNodePtr p = a->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (is(p, "nav")) {
            char *t = prop(p, "type");
            int toc = !t || strstr(t, "toc") != NULL;
            xmlFree(t);
            return toc;
        }
    return 0;
}

/* NCX labels, by document (e->labels): the names of documents with no
** heading (name_chapters).  An EPUB 3 book without an NCX: its nav
** document's table of contents. */
static void
toc_labels(struct epub *e)
{
    struct item *toc = NULL;
    for (size_t i = 0; i < e->nitems && !toc; i++)
        if (!strcmp(e->items[i].mtype, "application/x-dtbncx+xml"))
            toc = &e->items[i];
    int nav = 0;
    for (size_t i = 0; i < e->nitems && !toc; i++)
        if (strstr(e->items[i].props, "nav") && !strcmp(e->items[i].mtype, "application/xhtml+xml"))
            toc = &e->items[i], nav = 1;
    if (!toc)
        return;
    struct sz_buf b = SZ_BUF_INIT;
    xmlDocPtr x = NULL;
    if (read_member(e, toc->path, &b) == 0)
        x = xmlReadMemory(b.data, (int)b.len, toc->path, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                              XML_PARSE_RECOVER);
    sz_buf_free(&b);
    if (!x)
        return;
    e->labels = calloc(e->nspine + 1, sizeof *e->labels);
    char *done = calloc(e->nspine + 1, 1);
    if (!e->labels || !done)
        sz_oom();
    /* every navPoint, in document order, iteratively: the first with a
    ** label names its document */
    xmlNodePtr n = xmlDocGetRootElement(x);
    int depth = 0;
    while (n) {
        if ((!nav && is(n, "navPoint")) || (nav && is(n, "a") && in_toc_nav(n))) {
            xmlNodePtr label = nav ? n : find(n->children, "text", 0);
            xmlNodePtr content = nav ? n : NULL;
            for (xmlNodePtr c = n->children; c && !content; c = c->next)
                if (is(c, "content"))
                    content = c;
            char *src = content ? prop(content, nav ? "href" : "src") : NULL;
            const char *frag;
            char *path = src ? resolve(toc->path, src, &frag) : NULL;
            int k = path ? spine_index(e, path) : -1;
            if (k >= 0 && !done[k] && label) {
                done[k] = 1;
                e->labels[k] = (char *)xmlNodeGetContent(label);
            }
            free(path);
            xmlFree(src);
        }
        if (n->children && depth < 64) {
            n = n->children;
            depth++;
            continue;
        }
        while (n && !n->next && depth > 0) {
            n = n->parent;
            depth--;
        }
        n = n ? n->next : NULL;
    }
    free(done);
    xmlFreeDoc(x);
}

/* Are a and b the same words, spaces aside? */
static int
same_words(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
            a++;
        while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (*a++ != *b++)
            return 0;
    }
}

/* Gives each document without a heading of its own the NCX's label as one.
** A label that is the book's own title names nothing: it is in the
** metadata already, and it is how a book of one untitled document (a
** text with no headings, as samizdat and calibre write it) is listed. */
static void
name_chapters(struct epub *e)
{
    const char *title = sz_meta_text(e->doc, "title");
    for (size_t k = 0; e->labels && k < e->nspine; k++) {
        const char *t = e->labels[k];
        if (!t || !*t || !e->first[k] || (title && same_words(t, title)))
            continue;
        int has_heading = 0;
        for (struct sz_node *c = e->first[k];
             c && !has_heading && (k + 1 >= e->nspine || c != e->first[k + 1]); c = c->next)
            has_heading = c->kind == SZ_HEADER;
        if (has_heading)
            continue;
        struct sz_node *hd = sz_node_new(e->doc, SZ_HEADER);
        hd->level = 1;
        sz_inlines_from_text(e->doc, hd, t, strlen(t));
        sz_node_insert_before(e->first[k], hd);
        e->first[k] = hd;
    }
}

/* }================================================================== */

static int
has_ci(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++)
        if (!strncasecmp(s, w, n))
            return 1;
    return 0;
}

static int
no_text(struct sz_node *from)
{
    for (struct sz_node *c = from; c; c = c->next) {
        struct sz_iter it;
        sz_iter_init(&it, c);
        while (sz_iter_next(&it) != SZ_EV_DONE)
            if (it.cur->kind == SZ_STR || it.cur->kind == SZ_IMAGE || SZ_LINE_PACKED(it.cur))
                return 0;
    }
    return 1;
}

static int
only_images(struct sz_node *from, struct sz_node *to)
{
    int img = 0;
    for (struct sz_node *c = from; c && c != to; c = c->next) {
        struct sz_iter it;
        sz_iter_init(&it, c);
        while (sz_iter_next(&it) != SZ_EV_DONE) {
            if (it.cur->kind == SZ_IMAGE) {
                img = 1;
                sz_iter_skip_children(&it);
            } else if (it.cur->kind == SZ_STR || SZ_LINE_PACKED(it.cur)) {
                return 0;
            }
        }
    }
    return img;
}

/* {=================================================================
** Chapters read as they inflate
** ================================================================== */

/* A chapter goes to the parser a piece at a time as it inflates, never held
** whole (a book's longest chapter may be most of it), when the HTML reader
** would read its bytes as they are: UTF-8 without NUL, declared so or not
** at all, and in XHTML no HTML entity to rewrite.  A first pass inflates it
** to look; 1 when it may, 0 when it is read whole, -1 on a damaged member. */
static int
streamable(struct epub *e, size_t i, const char *path, int xml)
{
    struct sz_unz_stream zs;
    const char *why = NULL;
    if (sz_unz_stream_open(&zs, &e->za, i, SZ_EPUB_MAX_MEMBER, &why) != 0)
        return err(e, path, "%s", why);
    struct sz_html_scan *s = sz_xmalloc(sizeof *s);
    sz_html_scan_init(s, xml, e->o);
    long long n;
    do {
        size_t cap;
        char *room = sz_html_scan_room(s, &cap);
        n = sz_unz_next(&zs, room, cap, &why);
    } while (n >= 0 && sz_html_scan_took(s, (size_t)n));
    sz_unz_stream_close(&zs);
    int ok = s->ok;
    free(s);
    if (n < 0)
        return err(e, path, "%s", why);
    return ok;
}

struct pull {
    struct sz_unz_stream zs;
    const char *why;
};

static int
pull_member(void *ud, char *buf, int len)
{
    struct pull *p = ud;
    long long n = sz_unz_next(&p->zs, buf, len > 0 ? (size_t)len : 0, &p->why);
    return n < 0 ? -1 : (int)n;
}

/* Reads the chapter at member i as it inflates (see streamable). */
static int
read_pulled(struct epub *e, size_t i, const char *path, int xml, const char *name)
{
    struct pull p;
    p.why = NULL;
    if (sz_unz_stream_open(&p.zs, &e->za, i, SZ_EPUB_MAX_MEMBER, &p.why) != 0)
        return err(e, path, "%s", p.why);
    int rc = sz_html_read_pull(&e->h, pull_member, &p, xml, name, e->doc->root);
    sz_unz_stream_close(&p.zs);
    if (p.why)
        return err(e, path, "%s", p.why);
    return rc;
}

/* }================================================================== */

static int
read_spine(struct epub *e)
{
    struct sz_node *root = e->doc->root;
    e->first = calloc(e->nspine + 1, sizeof *e->first);
    if (!e->first)
        sz_oom();
    for (size_t k = 0; k < e->nspine; k++) {
        struct item *it = &e->items[e->spine[k]];
        int xml = strstr(it->mtype, "xhtml") != NULL || strstr(it->mtype, "xml") != NULL;
        if (!xml && strcmp(it->mtype, "text/html"))
            continue;               /* an image or a PDF in the spine: not text */
        if (strstr(it->props, "nav") || (e->guide_cover && !strcmp(e->guide_cover, it->path)))
            continue;               /* the package's table of contents, its cover */
        long zi = member_index(e, it->path);
        if (zi < 0) {
            sz_diag_add(&e->doc->diags, SZ_WARNING, 0, e->file, 0, 0, -1,
                        "member '%s' of the spine is missing", it->path);
            continue;
        }
        int pulled = 0;
        if (e->za.m[zi].f.size > SZ_EPUB_STREAM_MIN &&
            (pulled = streamable(e, (size_t)zi, it->path, xml)) < 0)
            return -1;
        char *name = sz_arena_printf(e->doc->arena, "%s:%s", e->file ? e->file : "-", it->path);
        struct sz_node *last = sz_node_last(root);
        e->h.file = (int)k;
        int rc;
        if (pulled) {
            rc = read_pulled(e, (size_t)zi, it->path, xml, name);
        } else {
            struct sz_buf raw = SZ_BUF_INIT, text = SZ_BUF_INIT;
            rc = read_member(e, it->path, &raw);
            const char *view;
            size_t vlen;
            struct sz_ropts ro = *e->o;
            ro.filename = name;
            if (rc == 0)
                rc = sz_html_decode(e->doc, raw.data, raw.len, &ro, &text, &view, &vlen);
            if (rc == 0)
                rc = sz_html_read(&e->h, view, vlen, xml, name, root);
            sz_buf_free(&raw);
            sz_buf_free(&text);
        }
        if (rc != 0)
            return -1;
        struct sz_node *first = last ? last->next : root->first;
        /* A page of nothing but a picture named cover or title page is
        ** the package's cover (calibre's titlepage.xhtml). */
        if (first && (only_images(first, NULL) || no_text(first)) &&
            (has_ci(it->path, "cover") || has_ci(it->path, "title") || has_ci(it->id, "cover") ||
             has_ci(it->id, "title"))) {
            while (last ? last->next : root->first)
                sz_node_unlink(last ? last->next : root->first);
            first = NULL;
        }
        e->first[k] = first;
    }
    return 0;
}

static int read_zip(struct sz_doc *doc, const char *path, const char *data, size_t len,
                    const struct sz_ropts *o);

static int
read_epub(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    return read_zip(doc, NULL, data, len, o);
}

/* An EPUB on disk is read where it lies: minizip seeks in the file, and the
** book is not held in memory beside its tree. */
static int
read_epub_path(struct sz_doc *doc, const char *path, const struct sz_ropts *o)
{
    return read_zip(doc, path, NULL, 0, o);
}

/* Reads the archive at path, or (path NULL) the len bytes at data. */
static int
read_zip(struct sz_doc *doc, const char *path, const char *data, size_t len,
         const struct sz_ropts *o)
{
    struct epub e;
    memset(&e, 0, sizeof e);
    e.doc = doc;
    e.o = o;
    e.file = o->filename ? o->filename : "-";
    e.ids.strkeys = e.used.strkeys = e.media.strkeys = 1;
    sz_html_init(&e.h, doc, o);
    e.h.epub = 1;
    int rc = -1;
    const char *zip_why = NULL;
    int zrc = sz_unz_open(&e.za, path, data, len, SZ_EPUB_MAX_MEMBERS, &zip_why);
    if (zrc == -2) {
        err(&e, NULL, "%s: more members than any book has", "the archive");
        goto out;
    }
    if (zrc != 0) {
        sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_PARSE, e.file, 0, 0, 0,
                    "not an EPUB (not a zip archive: %s)", zip_why);
        goto out;
    }
    if (check_members(&e) != 0)
        goto out;
    struct sz_buf b = SZ_BUF_INIT;
    xmlDocPtr c = parse_xml(&e, "META-INF/container.xml", &b);
    sz_buf_free(&b);
    if (!c)
        goto out;
    xmlNodePtr rf = find(xmlDocGetRootElement(c), "rootfile", 0);
    char *opf = rf ? prop(rf, "full-path") : NULL;
    xmlFreeDoc(c);
    const char *why;
    char *clean = opf ? sz_zip_clean_name(opf, &why) : NULL;
    xmlFree(opf);
    if (!clean) {
        err(&e, "META-INF/container.xml", "%s", "names no package document (rootfile)");
        goto out;
    }
    rc = read_opf(&e, clean);
    free(clean);
    if (rc != 0)
        goto out;
    /* the NCX is read before the chapters, so its parse tree is gone
    ** before the book's is built */
    toc_labels(&e);
    rc = read_spine(&e);
    if (rc != 0)
        goto out;
    name_chapters(&e);
    rewrite_ids(&e);
    sz_pass_heading_ids(doc);
    rewrite_links(&e);
    sz_html_notes(&e.h);
    sz_html_gutenberg(&e.h);
    sz_pass_heading_ids(doc);
    rc = 0;
out:
    sz_unz_close(&e.za);
    for (size_t i = 0; i < e.nitems; i++) {
        free(e.items[i].id);
        free(e.items[i].path);
        free(e.items[i].mtype);
        free(e.items[i].props);
    }
    free(e.items);
    free(e.spine);
    free(e.first);
    for (size_t k = 0; e.labels && k < e.nspine; k++)
        xmlFree(e.labels[k]);
    free(e.labels);
    free(e.guide_cover);
    sz_map_free(&e.ids);
    sz_map_free(&e.used);
    sz_map_free(&e.media);
    sz_html_fini(&e.h);
    return rc;
}

const struct sz_reader sz_reader_epub = { "epub", "EPUB 2 and 3 (its content documents as HTML)",
                                          read_epub, read_epub_path, NULL };
