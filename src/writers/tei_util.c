/*
** tei_util.c
** TEI writer helpers: checked xmlTextWriter calls, text cleaning, ids, URIs.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include "core/lazy_xml.h"
#include <utf8proc.h>

#include "core/bytes8.h"
#include "writers/tei.h"

/* {=================================================================
** Output primitives
** ================================================================== */

/* How much output is gathered before it goes to the sink. */
#define TEI_DRAIN (64 * 1024)

void
tei_drain(struct tei *t)
{
    if (t->out.len && !t->err && sz_sink_write(t->sink, t->out.data, t->out.len) < 0)
        t->err = 1;
    sz_buf_clear(&t->out);
}

void
tei_flush(struct tei *t)
{
    if (t->pend.len == 0 || t->err)
        return;
    sz_xo_text(&t->xo, t->pend.data, t->pend.len);
    sz_buf_clear(&t->pend);
}

void
tei_start(struct tei *t, const char *name)
{
    tei_flush(t);
    if (!t->err)
        sz_xo_start(&t->xo, name);
}

void
tei_end(struct tei *t)
{
    tei_flush(t);
    if (!t->err && sz_xo_end(&t->xo, 0) < 0)
        t->err = 1;
    if (t->out.len >= TEI_DRAIN)
        tei_drain(t);
}

/* Attribute values go through the same cleaning as text, so an attribute
** can never carry a character XML 1.0 forbids. */
void
tei_attr(struct tei *t, const char *name, const char *value)
{
    if (t->err)
        return;
    struct sz_buf keep = t->pend;
    struct sz_buf v = SZ_BUF_INIT;
    t->pend = v;
    tei_texts(t, value);
    v = t->pend;
    t->pend = keep;
    if (sz_xo_attr(&t->xo, name, v.data ? v.data : "", v.len) < 0)
        t->err = 1;
    sz_buf_free(&v);
}

void
tei_attr_int(struct tei *t, const char *name, long v)
{
    char num[32];
    snprintf(num, sizeof num, "%ld", v);
    tei_attr(t, name, num);
}

void
tei_text(struct tei *t, const char *s, size_t n)
{
    static const char fffd[] = "\xEF\xBF\xBD";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, start = 0;
    while (i < n) {
        /* eight printable ASCII bytes at a time */
        if (i + 8 <= n) {
            uint64_t w = sz_b8_load(s + i);
            if (!(w & SZ_B8_HIGH) && !sz_b8_lt(w, 0x20)) {
                i += 8;
                continue;
            }
        }
        unsigned c = u[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        size_t len = 1;
        int bad = 1;
        if (c >= 0x80) {
            uint32_t cp;
            len = sz_utf8_decode(s + i, n - i, &cp);
            bad = (cp == 0xFFFD && len == 1) || cp == 0xFFFE || cp == 0xFFFF;
        }
        if (!bad) {
            i += len;
            continue;
        }
        sz_buf_put(&t->pend, s + start, i - start);
        sz_buf_put(&t->pend, fffd, 3);
        i += len;
        start = i;
    }
    sz_buf_add(&t->pend, s + start, n - start);
}

void
tei_texts(struct tei *t, const char *s)
{
    if (s)
        tei_text(t, s, strlen(s));
}

void
tei_leaf(struct tei *t, const char *name, const char *text)
{
    tei_start(t, name);
    tei_texts(t, text);
    tei_end(t);
}

void
tei_nl(struct tei *t)
{
    sz_buf_putc(&t->pend, '\n');
}

/* }================================================================== */

/* {=================================================================
** Tokens, languages, URIs, plain text
** ================================================================== */

size_t
tei_token(struct sz_buf *out, const char *s)
{
    size_t before = out->len, n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = sz_utf8_decode(s + i, n - i, &cp);
        int keep;
        if (cp < 0x80)
            keep = cp > 0x20 && cp < 0x7F;
        else {
            utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
            keep = !(cp == 0xFFFD && len == 1) && cp != 0xFFFE && cp != 0xFFFF &&
                   c != UTF8PROC_CATEGORY_CC && c != UTF8PROC_CATEGORY_CF &&
                   c != UTF8PROC_CATEGORY_CS && c != UTF8PROC_CATEGORY_CO &&
                   c != UTF8PROC_CATEGORY_CN && c != UTF8PROC_CATEGORY_ZS &&
                   c != UTF8PROC_CATEGORY_ZL && c != UTF8PROC_CATEGORY_ZP;
        }
        if (keep)
            sz_buf_put(out, s + i, len);
        i += len;
    }
    return out->len - before;
}

static int
is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(int c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* xsd:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
int
tei_lang_ok(const char *s, struct sz_buf *out)
{
    size_t part = 0, nparts = 0;
    sz_buf_clear(out);
    if (!s || !*s)
        return 0;
    for (const char *p = s; ; p++) {
        int c = (unsigned char)*p;
        if (c == '\0' || c == '-' || c == '_') {
            if (part == 0 || part > 8)
                return 0;
            nparts++;
            part = 0;
            if (c == '\0')
                break;
            sz_buf_putc(out, '-');
            continue;
        }
        if (nparts == 0 ? !is_alpha(c) : !is_alnum(c))
            return 0;
        sz_buf_putc(out, c);
        part++;
    }
    return 1;
}

static int
is_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Characters RFC 3986 allows in a URI reference, besides alphanumerics and
** '%' escapes.  Everything else (space, quotes, brackets outside a host,
** a second '#', controls, non-ASCII) is percent-encoded, so the value is
** an anyURI for any validator. */
void
tei_uri(struct sz_buf *out, const char *s)
{
    static const char ok[] = "-._~:/?@!$&'()*+,;=";
    int seen_hash = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int c = *p;
        if (is_alnum(c) || (c && strchr(ok, c))) {
            sz_buf_putc(out, c);
        } else if (c == '#' && !seen_hash) {
            seen_hash = 1;
            sz_buf_putc(out, c);
        } else if (c == '%' && is_hex(p[1]) && is_hex(p[2])) {
            sz_buf_putc(out, c);
        } else {
            sz_buf_printf(out, "%%%02X", (unsigned)c);
        }
    }
}

void
tei_plain(struct sz_buf *out, const struct sz_node *n)
{
    struct sz_iter it;
    enum sz_ev ev;
    if (!n)
        return;
    sz_iter_init(&it, (struct sz_node *)n);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        const struct sz_node *c = it.cur;
        if (ev != SZ_EV_ENTER) {
            if (sz_kind_is_block(c->kind) && out->len && out->data[out->len - 1] != ' ')
                sz_buf_putc(out, ' ');
            continue;
        }
        switch (c->kind) {
        case SZ_STR:
        case SZ_CODE:
        case SZ_MATH:
        case SZ_META_STRING:
        case SZ_CODEBLOCK:
            if (c->text)
                sz_buf_put_str(out, c);
            break;
        case SZ_SPACE:
        case SZ_SOFTBREAK:
        case SZ_LINEBREAK:
            sz_buf_putc(out, ' ');
            break;
        case SZ_NOTE:
        case SZ_CITATION:
        case SZ_SHORTCAPTION:
            sz_iter_skip_children(&it);
            break;
        default:
            if (c != n && c->kind >= SZ_META_MAP && c->kind <= SZ_META_BLOCKS &&
                sz_node_prev(c) && out->len)
                sz_buf_puts(out, ", ");
            break;
        }
    }
}

void
tei_squeeze(struct sz_buf *b)
{
    size_t j = 0;
    int space = 1;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!space)
                b->data[j++] = ' ';
            space = 1;
        } else {
            b->data[j++] = c;
            space = 0;
        }
    }
    while (j > 0 && b->data[j - 1] == ' ')
        j--;
    b->len = j;
    if (b->data)
        b->data[j] = '\0';
}

/* }================================================================== */

/* {=================================================================
** Maps
** ================================================================== */

void
tei_map_free(struct tei_map *t)
{
    struct sz_map *m = &t->m;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            if (m->strkeys)
                free((void *)m->keys[i]);
            free(m->vals[i]);
        }
    }
    sz_map_free(m);
}

const char *
tei_map_get(const struct tei_map *t, const void *key)
{
    return sz_map_get(&t->m, key);
}

/* The value of key if it has one, else a copy of val, stored. */
const char *
tei_map_put(struct tei_map *t, const void *key, const char *val)
{
    const char *have = sz_map_get(&t->m, key);
    if (have)
        return have;
    char *v = sz_xstrdup(val);
    sz_map_put(&t->m, t->m.strkeys ? sz_xstrdup(key) : key, v);
    return v;
}

/* }================================================================== */

/* {=================================================================
** Identifiers and languages
** ================================================================== */

/* An NCName made from an identifier: letters, digits and '-', '_', '.'
** kept (any script), everything else '-', and "id-" in front when it
** would not start with a letter or '_'.  libxml2 has the last word. */
static void
ncname(struct sz_buf *out, const char *s, int ascii_only)
{
    size_t n = strlen(s), i = 0;
    sz_buf_clear(out);
    while (i < n) {
        uint32_t cp;
        size_t len = sz_utf8_decode(s + i, n - i, &cp);
        int keep = 0;
        if (cp < 0x80) {
            keep = is_alnum((int)cp) || cp == '-' || cp == '_' || cp == '.';
        } else if (!ascii_only && !(cp == 0xFFFD && len == 1)) {
            utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
            keep = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND);
        }
        if (keep)
            sz_buf_put(out, s + i, len);
        else if (!out->len || out->data[out->len - 1] != '-')
            sz_buf_putc(out, '-');
        i += len;
    }
    if (!out->len || !(is_alpha((unsigned char)out->data[0]) || out->data[0] == '_' ||
                       (unsigned char)out->data[0] >= 0x80)) {
        struct sz_buf b = SZ_BUF_INIT;
        sz_buf_puts(&b, "id");
        if (out->len && out->data[0] != '-')
            sz_buf_putc(&b, '-');
        if (out->len)
            sz_buf_put(&b, out->data, out->len);
        sz_buf_clear(out);
        sz_buf_put(out, b.data, b.len);
        sz_buf_free(&b);
    }
}

static const char *
unique_id(struct tei *t, const char *orig)
{
    struct sz_buf b = SZ_BUF_INIT;
    ncname(&b, orig, 0);
    /* An ASCII result of ncname is an NCName ([A-Za-z_][A-Za-z0-9._-]*):
    ** libxml2 (and its loading) is asked only about other letters. */
    int ascii = 1;
    for (size_t i = 0; i < b.len; i++)
        ascii &= (unsigned char)b.data[i] < 0x80;
    if (!ascii && xmlValidateNCName((const xmlChar *)b.data, 0) != 0)
        ncname(&b, orig, 1);
    size_t base = b.len;
    if (tei_map_get(&t->id_used, b.data)) {
        /* The next suffix to try for this stem is kept under "\1stem" (never
        ** an NCName), so 20000 equal identifiers do not try -2, -3, ...
        ** each time: ids with smaller suffixes are all taken. */
        struct sz_buf key = SZ_BUF_INIT;
        sz_buf_putc(&key, 1);
        sz_buf_put(&key, b.data, b.len);
        char *next = (char *)tei_map_put(&t->id_used, key.data, "          2");
        int k = atoi(next);
        do {
            b.len = base;
            sz_buf_printf(&b, "-%d", k++);
        } while (tei_map_get(&t->id_used, b.data));
        snprintf(next, 12, "%11d", k);
        sz_buf_free(&key);
    }
    const char *id = tei_map_put(&t->id_used, b.data, b.data);
    sz_buf_free(&b);
    return id;
}

void
tei_add_lang(struct tei *t, const char *tag)
{
    for (size_t i = 0; i < t->nlangs; i++)
        if (strcasecmp(t->langs[i].tag, tag) == 0)
            return;
    if (t->nlangs == t->caplangs) {
        t->caplangs = t->caplangs ? t->caplangs * 2 : 8;
        t->langs = sz_xrealloc(t->langs, t->caplangs * sizeof *t->langs);
    }
    t->langs[t->nlangs++].tag = sz_xstrdup(tag);
}

void
tei_collect(struct tei *t)
{
    struct sz_iter it;
    enum sz_ev ev;
    struct sz_buf lang = SZ_BUF_INIT, m = SZ_BUF_INIT;
    /* the document's own language first: it goes on the TEI element */
    tei_plain(&m, sz_meta_get(t->doc, "lang"));
    tei_squeeze(&m);
    if (tei_lang_ok(m.data, &lang))
        tei_add_lang(t, lang.data);
    sz_buf_free(&m);
    sz_iter_init(&it, t->doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        const struct sz_node *n = it.cur;
        if (ev != SZ_EV_ENTER || !sz_kind_has_attr(n->kind))
            continue;
        if (n->attr->id && n->attr->id[0]) {
            const char *id = unique_id(t, n->attr->id);
            tei_map_put(&t->id_of_node, n, id);
            tei_map_put(&t->id_of_orig, n->attr->id, id);
        }
        if ((n->kind == SZ_SPAN || n->kind == SZ_DIV) &&
            tei_lang_ok(sz_attr_get(n->attr, "lang"), &lang))
            tei_add_lang(t, lang.data);
    }
    sz_buf_free(&lang);
}

/* }================================================================== */
