/*
** tei_header.c
** The teiHeader and the title page of the TEI writer, from the metadata.
** See LICENSE.
*/
#include <string.h>
#include <strings.h>

#include "writers/tei.h"

/* Metadata keys a Project Gutenberg text may carry (the essay reader sets
** them from the boilerplate it removes). */
static const char *const ebook_keys[] = { "gutenberg-ebook", "ebook-number", "ebook",
                                          "etext-number", NULL };
static const char *const release_keys[] = { "release-date", "released", NULL };

/* Plain, squeezed text of a metadata value (NULL-safe) into b; returns
** b->len. */
static size_t
plain(struct sz_buf *b, const struct sz_node *v)
{
    sz_buf_clear(b);
    tei_plain(b, v);
    tei_squeeze(b);
    return b->len;
}

static const struct sz_node *
meta_first(const struct tei *t, const char *const *keys)
{
    for (; *keys; keys++) {
        const struct sz_node *v = sz_meta_get(t->doc, *keys);
        if (v)
            return v;
    }
    return NULL;
}

/* The values of a key that may hold one value or a list of them. */
static const struct sz_node *
values(const struct tei *t, const char *key)
{
    const struct sz_node *v = sz_meta_get(t->doc, key);
    if (v && v->kind == SZ_META_LIST)
        return v->first;
    return v;
}

static const struct sz_node *
next_value(const struct sz_node *v)
{
    return v && v->parent && v->parent->kind == SZ_META_LIST ? v->next : NULL;
}

/* A person may be a map {name: ..., ...}: its name is what we want. */
static const struct sz_node *
person(const struct sz_node *v)
{
    if (v && v->kind == SZ_META_MAP)
        for (const struct sz_node *e = v->first; e; e = e->next)
            if (e->text && !strcmp(e->text, "name"))
                return e->first;
    return v;
}

/* Elements with one text each, one per value of key. */
static void
leaf_values(struct tei *t, const char *key, const char *elem)
{
    struct sz_buf b = SZ_BUF_INIT;
    for (const struct sz_node *v = values(t, key); v; v = next_value(v)) {
        if (plain(&b, person(v))) {
            tei_nl(t);
            tei_leaf(t, elem, b.data);
        }
    }
    sz_buf_free(&b);
}

static int
digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Is s an ISO date TEI's @when takes (YYYY, YYYY-MM or YYYY-MM-DD)? */
static int
iso_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    if (!digits(s, 4) || (n > 4 && (s[4] != '-' || !digits(s + 5, 2))))
        return 0;
    if (n == 4)
        return 1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12)
        return 0;
    if (n == 7)
        return 1;
    if (s[7] != '-' || !digits(s + 8, 2))
        return 0;
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d >= 1 && d <= mdays[m - 1] && !(m == 2 && d == 29 && !leap);
}

static void
date_elem(struct tei *t, const char *text)
{
    tei_nl(t);
    tei_start(t, "date");
    if (iso_date(text))
        tei_attr(t, "when", text);
    tei_texts(t, text);
    tei_end(t);
}

static const char *
lang_name(const char *tag)
{
    static const struct { const char *code, *name; } names[] = {
        { "ar", "Arabic" }, { "ca", "Catalan" }, { "cs", "Czech" }, { "da", "Danish" },
        { "de", "German" }, { "el", "Greek" }, { "en", "English" }, { "eo", "Esperanto" },
        { "es", "Spanish" }, { "fi", "Finnish" }, { "fr", "French" }, { "grc", "Ancient Greek" },
        { "he", "Hebrew" }, { "hu", "Hungarian" }, { "it", "Italian" }, { "ja", "Japanese" },
        { "la", "Latin" }, { "nl", "Dutch" }, { "no", "Norwegian" }, { "pl", "Polish" },
        { "pt", "Portuguese" }, { "ru", "Russian" }, { "sv", "Swedish" }, { "tl", "Tagalog" },
        { "uk", "Ukrainian" }, { "zh", "Chinese" }, { NULL, NULL }
    };
    size_t k = strcspn(tag, "-");
    for (size_t i = 0; names[i].code; i++)
        if (strlen(names[i].code) == k && !strncasecmp(names[i].code, tag, k))
            return names[i].name;
    return NULL;
}

static const char *
base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void
publication(struct tei *t)
{
    struct sz_buf b = SZ_BUF_INIT;
    const struct sz_node *pub = sz_meta_get(t->doc, "publisher");
    const struct sz_node *date = sz_meta_get(t->doc, "date");
    const struct sz_node *rights = sz_meta_get(t->doc, "rights");
    /* A Project Gutenberg text's date is its release there: it goes with
    ** the source, not with this file's publication. */
    if (meta_first(t, ebook_keys) && !meta_first(t, release_keys))
        date = NULL;
    const struct sz_node *ident = sz_meta_get(t->doc, "identifier");
    if (!rights)
        rights = sz_meta_get(t->doc, "license");
    if (!rights)
        rights = sz_meta_get(t->doc, "copyright");
    tei_nl(t);
    tei_start(t, "publicationStmt");
    if (plain(&b, pub)) {
        tei_nl(t);
        tei_leaf(t, "publisher", b.data);
    } else if (plain(&b, date) || plain(&b, rights) || plain(&b, ident)) {
        /* TEI wants an agency before the date and the licence: without a
        ** publisher, the authors are the ones who make the text available. */
        struct sz_buf who = SZ_BUF_INIT;
        for (const struct sz_node *v = values(t, "author"); v; v = next_value(v)) {
            if (plain(&b, person(v))) {
                if (who.len)
                    sz_buf_puts(&who, ", ");
                sz_buf_put(&who, b.data, b.len);
            }
        }
        tei_nl(t);
        tei_leaf(t, "authority", who.len ? who.data : "the authors");
        sz_buf_free(&who);
    } else {
        tei_nl(t);
        tei_leaf(t, "p", "Unpublished. No publication details were given with this text.");
        goto done;
    }
    for (const struct sz_node *v = ident && ident->kind == SZ_META_LIST ? ident->first : ident;
         v; v = next_value(v)) {
        if (plain(&b, v->kind == SZ_META_MAP ? person(v) : v)) {
            tei_nl(t);
            tei_leaf(t, "idno", b.data);
        }
    }
    if (plain(&b, date))
        date_elem(t, b.data);
    if (plain(&b, rights)) {
        tei_nl(t);
        tei_start(t, "availability");
        tei_start(t, "licence");
        tei_texts(t, b.data);
        tei_end(t);
        tei_end(t);
    }
done:
    tei_nl(t);
    tei_end(t);
    sz_buf_free(&b);
}

static void
source(struct tei *t)
{
    struct sz_buf b = SZ_BUF_INIT;
    tei_nl(t);
    tei_start(t, "sourceDesc");
    tei_nl(t);
    tei_start(t, "bibl");
    if (plain(&b, sz_meta_get(t->doc, "source"))) {
        tei_texts(t, b.data);
    } else {
        if (plain(&b, sz_meta_get(t->doc, "title"))) {
            tei_nl(t);
            tei_leaf(t, "title", b.data);
        }
        leaf_values(t, "author", "author");
        const struct sz_node *eb = meta_first(t, ebook_keys);
        const struct sz_node *rel = meta_first(t, release_keys);
        if (eb && !rel)
            rel = sz_meta_get(t->doc, "date");
        if (eb || rel) {
            tei_nl(t);
            tei_leaf(t, "publisher", "Project Gutenberg");
            if (plain(&b, eb)) {
                tei_nl(t);
                tei_start(t, "idno");
                tei_attr(t, "type", "gutenberg");
                tei_texts(t, b.data);
                tei_end(t);
            }
            if (plain(&b, rel))
                date_elem(t, b.data);
        }
        const char *in = t->o ? t->o->input_name : NULL;
        if (!in && t->doc->source)
            in = t->doc->source;
        tei_nl(t);
        tei_start(t, "idno");
        tei_attr(t, "type", "file");
        tei_texts(t, !in || !strcmp(in, "-") ? "standard input" : base_name(in));
        tei_end(t);
        tei_nl(t);
    }
    tei_end(t);
    tei_nl(t);
    tei_end(t);
    sz_buf_free(&b);
}

void
tei_write_header(struct tei *t)
{
    struct sz_buf b = SZ_BUF_INIT;
    tei_nl(t);
    tei_start(t, "teiHeader");
    tei_nl(t);
    tei_start(t, "fileDesc");
    tei_nl(t);
    tei_start(t, "titleStmt");
    tei_nl(t);
    tei_start(t, "title");
    tei_attr(t, "type", "main");
    tei_texts(t, plain(&b, sz_meta_get(t->doc, "title")) ? b.data : "Untitled");
    tei_end(t);
    if (plain(&b, sz_meta_get(t->doc, "subtitle"))) {
        tei_nl(t);
        tei_start(t, "title");
        tei_attr(t, "type", "sub");
        tei_texts(t, b.data);
        tei_end(t);
    }
    leaf_values(t, "author", "author");
    leaf_values(t, "editor", "editor");
    tei_nl(t);
    tei_end(t);
    publication(t);
    source(t);
    tei_nl(t);
    tei_end(t); /* fileDesc */

    tei_nl(t);
    tei_start(t, "encodingDesc");
    tei_nl(t);
    tei_start(t, "appInfo");
    tei_nl(t);
    tei_start(t, "application");
    tei_attr(t, "ident", "samizdat");
    /* TEI's version pattern is digits, dots and letters: "1.2.0-dev" is
    ** written as its release part, "1.2.0". */
    sz_buf_clear(&b);
    sz_buf_put(&b, SZ_VERSION, strspn(SZ_VERSION, "0123456789.abcdefghijklmnopqrstuvwxyz"));
    while (b.len && b.data[b.len - 1] == '.')
        b.data[--b.len] = '\0';
    tei_attr(t, "version", b.len ? b.data : "0");
    tei_leaf(t, "label", "samizdat");
    tei_end(t);
    tei_nl(t);
    tei_end(t);
    tei_nl(t);
    tei_end(t);

    const struct sz_node *kw = values(t, "keywords");
    if (!kw)
        kw = values(t, "subject");
    if (t->nlangs || kw) {
        tei_nl(t);
        tei_start(t, "profileDesc");
        if (t->nlangs) {
            tei_nl(t);
            tei_start(t, "langUsage");
            for (size_t i = 0; i < t->nlangs; i++) {
                tei_nl(t);
                tei_start(t, "language");
                tei_attr(t, "ident", t->langs[i].tag);
                tei_texts(t, lang_name(t->langs[i].tag));
                tei_end(t);
            }
            tei_nl(t);
            tei_end(t);
        }
        if (kw) {
            tei_nl(t);
            tei_start(t, "textClass");
            tei_start(t, "keywords");
            int any = 0;
            for (const struct sz_node *v = kw; v; v = next_value(v)) {
                if (plain(&b, v)) {
                    tei_leaf(t, "term", b.data);
                    any = 1;
                }
            }
            if (!any)
                tei_leaf(t, "term", "");
            tei_end(t);
            tei_end(t);
        }
        tei_nl(t);
        tei_end(t);
    }
    tei_nl(t);
    tei_end(t); /* teiHeader */
    sz_buf_free(&b);
}

/* Inline metadata as rich text (emphasis kept), other values as plain text. */
static void
rich(struct tei *t, const struct sz_node *v)
{
    if (v && v->kind == SZ_META_INLINES) {
        tei_walk(t, v, TEI_X_INLINE);
    } else {
        struct sz_buf b = SZ_BUF_INIT;
        plain(&b, v);
        tei_texts(t, b.data);
        sz_buf_free(&b);
    }
}

int
tei_has_title_page(const struct tei *t)
{
    struct sz_buf b = SZ_BUF_INIT;
    int has = plain(&b, sz_meta_get(t->doc, "title")) > 0;
    for (const struct sz_node *v = values(t, "author"); v && !has; v = next_value(v))
        has = plain(&b, person(v)) > 0;
    sz_buf_free(&b);
    return has;
}

void
tei_write_title_page(struct tei *t)
{
    const struct sz_node *title = sz_meta_get(t->doc, "title");
    const struct sz_node *sub = sz_meta_get(t->doc, "subtitle");
    const struct sz_node *date = sz_meta_get(t->doc, "date");
    struct sz_buf b = SZ_BUF_INIT;
    int has_title = plain(&b, title) > 0;
    if (meta_first(t, ebook_keys) && !meta_first(t, release_keys))
        date = NULL; /* a Project Gutenberg release date is not the book's */
    tei_nl(t);
    tei_start(t, "titlePage");
    if (has_title) {
        tei_nl(t);
        tei_start(t, "docTitle");
        tei_nl(t);
        tei_start(t, "titlePart");
        tei_attr(t, "type", "main");
        rich(t, title);
        tei_end(t);
        if (plain(&b, sub)) {
            tei_nl(t);
            tei_start(t, "titlePart");
            tei_attr(t, "type", "sub");
            rich(t, sub);
            tei_end(t);
        }
        tei_nl(t);
        tei_end(t);
    }
    for (const struct sz_node *v = values(t, "author"); v; v = next_value(v)) {
        if (plain(&b, person(v))) {
            tei_nl(t);
            tei_start(t, "docAuthor");
            rich(t, person(v));
            tei_end(t);
        }
    }
    if (plain(&b, date)) {
        tei_nl(t);
        tei_start(t, "docDate");
        if (iso_date(b.data))
            tei_attr(t, "when", b.data);
        tei_texts(t, b.data);
        tei_end(t);
    }
    tei_nl(t);
    tei_end(t);
    sz_buf_free(&b);
}
