/*
** html_pg.c
** Project Gutenberg's HTML editions: the licence header and footer out of
** the text (their metadata read by the plain-text reader's own code), the
** head's metadata, and the title page.
** See LICENSE.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers/html.h"
#include "readers/essay.h"

/* The header's marker sits in the first blocks and the licence in the last
** ones; a marker elsewhere is the book quoting it. */
#define HEAD_BLOCKS 400
#define FOOT_BLOCKS 600
/* The title page ends at the first paragraph of prose: this many words. */
#define PROSE_WORDS 12
/* ... or after this many blocks, whatever they are. */
#define TITLE_BLOCKS 80

struct leaves {
    struct sz_node **v;
    size_t n, cap;
};

static int
is_boiler_div(const struct sz_node *d)
{
    return sz_attr_has_class(d->attr, "pg-boilerplate") || !strcmp(d->attr->id, "pg-header") ||
           !strcmp(d->attr->id, "pg-footer") || !strcmp(d->attr->id, "pg-machine-header");
}

/* Blocks in reading order, looking into Divs (the marker may sit deep). */
static void
collect(struct sz_node *p, struct leaves *L, int depth)
{
    for (struct sz_node *c = p->first; c; c = c->next) {
        if (c->kind == SZ_DIV && depth < SZ_MAX_DEPTH && !is_boiler_div(c) && c->first) {
            collect(c, L, depth + 1);
            continue;
        }
        if (L->n == L->cap) {
            L->cap = L->cap ? 2 * L->cap : 256;
            L->v = sz_xrealloc(L->v, L->cap * sizeof *L->v);
        }
        L->v[L->n++] = c;
    }
}

/* Plain text of a block: line breaks and block ends as newlines. */
static void
text(const struct sz_node *n, struct sz_buf *b, int depth)
{
    if (depth > 64)
        return;
    if (n->kind == SZ_CODEBLOCK) {
        sz_buf_put(b, n->text, n->len);
        sz_buf_putc(b, '\n');
        return;
    }
    if (SZ_LINE_PACKED(n)) {
        struct sz_node s = sz_line_packed_str(n);
        sz_buf_put_str(b, &s);
        return;
    }
    for (const struct sz_node *c = n->first; c; c = c->next) {
        switch (c->kind) {
        case SZ_STR: sz_buf_put_str(b, c); break;
        case SZ_SPACE: case SZ_SOFTBREAK: sz_buf_putc(b, ' '); break;
        case SZ_LINEBREAK: sz_buf_putc(b, '\n'); break;
        case SZ_NOTE: break;
        default:
            text(c, b, depth + 1);
            if (sz_kind_is_block(c->kind) || c->kind == SZ_LINE || c->kind == SZ_ITEM)
                sz_buf_putc(b, '\n');
        }
    }
}

/* The plain-text reader's rule for a marker line: starts with '*'. */
static int
marker(const char *s, size_t n, const char *what)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    return sz_essay_pg_marker(s, n, what);
}

static int
end_line(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    return n > 20 && (!strncasecmp(s, "End of the Project Gutenberg", 28) ||
                      !strncasecmp(s, "End of Project Gutenberg", 24));
}

/* Reads the metadata of text with the plain-text reader's code. */
static void
essay_meta(struct sz_html *h, struct sz_buf *t)
{
    struct sz_elines lines = { NULL, 0, 0 };
    sz_essay_split(t->data ? t->data : "", t->len, &lines);
    struct sz_ectx c;
    memset(&c, 0, sizeof c);
    c.doc = h->doc;
    c.o = h->o;
    c.file = h->o->filename;
    c.smart = 0;
    c.word = (struct sz_buf)SZ_BUF_INIT;
    c.parent = h->doc->root;
    size_t a = 0, b = lines.n;
    sz_essay_gutenberg(&c, &lines, &a, &b);
    if (c.cat_title)
        sz_essay_set_title(&c, c.cat_title, c.cat_len);
    free(lines.v);
    sz_buf_free(&c.word);
}

static void
prune(struct sz_html *h, struct sz_node *p)
{
    while (p && p != h->doc->root && p->kind == SZ_DIV && !p->first) {
        struct sz_node *up = p->parent;
        sz_node_unlink(p);
        p = up;
    }
}

static void
take(struct sz_html *h, struct sz_node *b, struct sz_node *keep)
{
    struct sz_node *p = b->parent;
    sz_node_unlink(b);
    if (keep)
        sz_node_append(keep, b);
    prune(h, p);
}

static struct sz_node *
boiler_div(struct sz_html *h)
{
    if (!h->o->keep_boilerplate)
        return NULL;
    struct sz_node *d = sz_node_new(h->doc, SZ_DIV);
    sz_attr_add_class(h->doc, sz_node_attr(h->doc, d), "boilerplate");
    return d;
}

void
sz_html_gutenberg(struct sz_html *h)
{
    struct leaves L = { NULL, 0, 0 };
    collect(h->doc->root, &L, 0);
    struct sz_buf t = SZ_BUF_INIT;
    size_t start = 0, end = L.n;
    int found_start = 0;
    for (size_t i = 0; i < L.n && i < HEAD_BLOCKS; i++) {
        sz_buf_clear(&t);
        text(L.v[i], &t, 0);
        if (t.len && (marker(t.data, t.len, "START OF") ||
                      (L.v[i]->kind == SZ_DIV && is_boiler_div(L.v[i]) &&
                       sz_essay_has(t.data, t.len, "START OF")))) {
            start = i + 1;
            found_start = h->gutenberg = 1;
            break;
        }
    }
    size_t lo = L.n > FOOT_BLOCKS ? L.n - FOOT_BLOCKS : 0;
    if (lo < start)
        lo = start;
    for (size_t i = L.n; i-- > lo;) {
        sz_buf_clear(&t);
        text(L.v[i], &t, 0);
        if (!t.len)
            continue;
        if (marker(t.data, t.len, "END OF") || end_line(t.data, t.len) ||
            (L.v[i]->kind == SZ_DIV && is_boiler_div(L.v[i]))) {
            end = i;
            h->gutenberg = 1;
            continue;
        }
        if (end != L.n && end - i >= 15)
            break;
    }
    /* The header's text and the footer's, read as the plain-text reader
    ** reads them. */
    if (found_start) {
        sz_buf_clear(&t);
        for (size_t i = 0; i < start; i++)
            text(L.v[i], &t, 0), sz_buf_putc(&t, '\n');
        essay_meta(h, &t);
    }
    if (end < L.n) {
        sz_buf_clear(&t);
        for (size_t i = end; i < L.n; i++)
            text(L.v[i], &t, 0), sz_buf_putc(&t, '\n');
        essay_meta(h, &t);
    }
    sz_buf_free(&t);
    struct sz_node *first = start < L.n ? L.v[start] : NULL;
    if (found_start) {
        struct sz_node *keep = boiler_div(h);
        for (size_t i = 0; i < start; i++)
            take(h, L.v[i], keep);
        if (keep) {
            if (first && first->parent)
                sz_node_insert_before(first, keep);
            else
                sz_node_prepend(h->doc->root, keep);
        }
    }
    if (end < L.n) {
        struct sz_node *keep = boiler_div(h);
        for (size_t i = end; i < L.n; i++)
            take(h, L.v[i], keep);
        if (keep)
            sz_node_append(h->doc->root, keep);
    }
    free(L.v);
}

/* {=================================================================
** The head's metadata
** ================================================================== */

static char *
squash(const char *s)
{
    size_t n = strlen(s), k = 0;
    char *o = sz_xmalloc(n + 1);
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) {
            sp = k > 0;
            continue;
        }
        if (sp)
            o[k++] = ' ';
        sp = 0;
        o[k++] = s[i];
    }
    o[k] = '\0';
    return o;
}

static void
set_text(struct sz_html *h, const char *key, const char *v)
{
    if (!v || !*v || sz_meta_get(h->doc, key))
        return;
    char *s = squash(v);
    if (*s)
        sz_meta_set_text(h->doc, key, sz_arena_strdup(h->doc->arena, s));
    free(s);
}

static void
set_string(struct sz_html *h, const char *key, const char *v)
{
    if (!v || !*v || sz_meta_get(h->doc, key))
        return;
    char *s = squash(v);
    if (*s)
        sz_meta_set_string(h->doc, key, sz_arena_strdup(h->doc->arena, s));
    free(s);
}

/* Several authors: a list. */
static void
add_author(struct sz_html *h, const char *v, int fresh)
{
    struct sz_node *old = sz_meta_get(h->doc, "author");
    if (old && !fresh)
        return;
    char *s = squash(v);
    if (!*s) {
        free(s);
        return;
    }
    struct sz_node *mi = sz_node_new(h->doc, SZ_META_INLINES);
    sz_inlines_from_text(h->doc, mi, s, strlen(s));
    free(s);
    if (!old) {
        sz_meta_set(h->doc, "author", mi);
        return;
    }
    if (old->kind != SZ_META_LIST) {
        struct sz_node *list = sz_node_new(h->doc, SZ_META_LIST);
        struct sz_node *first = sz_node_copy(h->doc, old);
        sz_node_append(list, first);
        sz_node_append(list, mi);
        sz_meta_set(h->doc, "author", list);
        return;
    }
    sz_node_append(old, mi);
}

/* "The Project Gutenberg eBook of Moby Dick, by Herman Melville" and "Moby
** Dick | Project Gutenberg": the title PG's pages carry. */
static void
pg_title(struct sz_html *h, const char *t)
{
    char *s = squash(t);
    size_t n = strlen(s);
    static const char *const pre[] = { "The Project Gutenberg eBook of ",
                                       "The Project Gutenberg EBook of ",
                                       "Project Gutenberg's ", "The Project Gutenberg E-text of ",
                                       "The Distributed Proofreaders Canada ebook of ",
                                       "The Distributed Proofreaders Canada eBook of ",
                                       NULL };
    const char *suf = " | Project Gutenberg";
    char *title = s;
    for (int i = 0; pre[i]; i++)
        if (!strncasecmp(s, pre[i], strlen(pre[i]))) {
            title = s + strlen(pre[i]);
            char *by = strstr(title, ", by ");
            if (by) {
                *by = '\0';
                if (!sz_meta_get(h->doc, "author"))
                    add_author(h, by + 5, 0);
            }
            break;
        }
    if (n > strlen(suf) && !strcasecmp(s + n - strlen(suf), suf))
        s[n - strlen(suf)] = '\0';
    set_text(h, "title", title);
    free(s);
}

void
sz_html_head_meta(struct sz_html *h)
{
    static const struct { const char *name, *key; int text; } map[] = {
        { "dc.title", "title", 1 },          { "dcterms.title", "title", 1 },
        { "dc.description", "description", 1 }, { "description", "description", 1 },
        { "dcterms.description", "description", 1 },
        { "dc.language", "lang", 0 },        { "dcterms.language", "lang", 0 },
        { "dc.date", "date", 0 },            { "dcterms.date", "date", 0 },
        { "dcterms.created", "date", 0 },    { "dcterms.issued", "date", 0 },
        { "dc.publisher", "publisher", 1 },  { "dcterms.publisher", "publisher", 1 },
        { "dc.rights", "rights", 1 },        { "dcterms.rights", "rights", 1 },
        { "dc.subject", "subject", 1 },      { "dcterms.subject", "subject", 1 },
        { "keywords", "keywords", 1 },
    };
    struct sz_hhead *hd = &h->head;
    int had_author = sz_meta_get(h->doc, "author") != NULL;
    for (size_t i = 0; i < hd->nmeta; i++) {
        const char *k = hd->keys[i], *v = hd->vals[i];
        if (!strcmp(k, "author") || !strcmp(k, "dc.creator") || !strcmp(k, "dcterms.creator")) {
            if (!had_author)
                add_author(h, v, 1);
            continue;
        }
        for (size_t j = 0; j < sizeof map / sizeof map[0]; j++)
            if (!strcmp(k, map[j].name)) {
                if (map[j].text)
                    set_text(h, map[j].key, v);
                else
                    set_string(h, map[j].key, v);
            }
    }
    if (hd->title)
        pg_title(h, hd->title);
    if (hd->lang)
        set_string(h, "lang", hd->lang);
}

/* }================================================================== */

/* {=================================================================
** The title page
** ================================================================== */

/* Lower-case letters and digits only (bytes above ASCII kept): how two
** spellings of a title are compared. */
static char *
norm(struct sz_html *h, const struct sz_node *n, const char *s)
{
    struct sz_buf b = SZ_BUF_INIT;
    if (n)
        text(n, &b, 0);
    else if (s)
        sz_buf_puts(&b, s);
    char *o = sz_arena_alloc(h->doc->arena, b.len + 1);
    size_t k = 0;
    for (size_t i = 0; i < b.len;) {
        unsigned char c = (unsigned char)b.data[i];
        if (c < 0x80) {
            if (isalnum(c))
                o[k++] = (char)tolower(c);
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = sz_utf8_decode(b.data + i, b.len - i, &cp);
        /* punctuation and spaces (Latin-1's and the general block) are not
        ** part of a name */
        if (!((cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFFFD)) {
            memcpy(o + k, b.data + i, l);
            k += l;
        }
        i += l;
    }
    o[k] = '\0';
    sz_buf_free(&b);
    return o;
}

/* Running prose: a paragraph with PROSE_WORDS words on one line.  A list
** of lines ("Books by" an author, a cast of characters) is not prose, though
** it has many words. */
static int
prose(const struct sz_node *b)
{
    if (b->kind != SZ_PARA)
        return 0;
    struct sz_buf t = SZ_BUF_INIT;
    text(b, &t, 0);
    size_t w = 0, best = 0;
    int in = 0;
    for (size_t i = 0; i < t.len; i++) {
        char c = t.data[i];
        if (c == '\n') {
            w = 0;
            in = 0;
            continue;
        }
        int sp = isspace((unsigned char)c);
        if (!sp && !in && ++w > best)
            best = w;
        in = !sp;
    }
    sz_buf_free(&t);
    return best >= PROSE_WORDS;
}

/* A transcriber's note set in its own box before the title page: its
** prose is not the book's. */
static int
in_transnote(const struct sz_node *b)
{
    for (const struct sz_node *p = b->parent; p; p = p->parent) {
        if (p->kind != SZ_DIV)
            continue;
        for (size_t i = 0; i < p->attr->nclasses; i++) {
            const char *c = p->attr->classes[i];
            if (strstr(c, "transnote") || strstr(c, "tnote") || strstr(c, "transcriber") ||
                !strcmp(c, "tn") || !strcmp(c, "tnbox"))
                return 1;
        }
    }
    return 0;
}

/* A block that ends a page of the title leaves: a rule, or a picture. */
static int
page_break(const struct sz_node *b)
{
    if (b->kind == SZ_HRULE || b->kind == SZ_FIGURE)
        return 1;
    if ((b->kind == SZ_PLAIN || b->kind == SZ_PARA) && b->first && !b->first->next)
        return b->first->kind == SZ_IMAGE;
    return b->kind == SZ_DIV && b->first && !b->first->next && page_break(b->first);
}

/* Whether the node's text, from its first letter on, starts with one of
** pre (case-blind); its text is left in b for the caller to look at further. */
static int
starts_with_any(const struct sz_node *n, const char *const *pre, struct sz_buf *b,
                const char **at)
{
    text(n, b, 0);
    const char *s = b->data ? b->data : "";
    while (*s && !isalpha((unsigned char)*s))
        s++;
    *at = s;
    for (int i = 0; pre[i]; i++)
        if (!strncasecmp(s, pre[i], strlen(pre[i])))
            return 1;
    return 0;
}

/* A line of a title page's foot or back: the printer, the first
** publication, the copyright ("Printed in Great Britain"). */
static int
imprint(const struct sz_node *n)
{
    static const char *const pre[] = { "printed in ", "printed by ", "printed for ",
                                       "first published", "published by ", "copyright",
                                       "all rights reserved", NULL };
    struct sz_buf b = SZ_BUF_INIT;
    const char *s;
    int r = starts_with_any(n, pre, &b, &s);
    sz_buf_free(&b);
    return r;
}

/* A year alone ("1923."): the date at a title page's foot. */
static int
year_alone(const struct sz_node *n)
{
    struct sz_buf b = SZ_BUF_INIT;
    text(n, &b, 0);
    const char *s = b.data ? b.data : "";
    while (*s == ' ')
        s++;
    size_t k = strspn(s, "0123456789");
    int r = k == 4 && (s[0] == '1' || s[0] == '2') && (!s[k] || !strcmp(s + k, "."));
    sz_buf_free(&b);
    return r;
}

static int
byline(const struct sz_node *n)
{
    static const char *const pre[] = { "by ", "translated", "edited", "illustrated",
                                       "with an introduction", "with introduction",
                                       "with illustrations", "author of", "written by",
                                       "compiled", "newly translated", "or, ", "or ", NULL };
    struct sz_buf b = SZ_BUF_INIT;
    const char *s;
    int r = starts_with_any(n, pre, &b, &s);
    /* "by" set alone, the name in the next heading */
    if (!r && !strncasecmp(s, "by", 2)) {
        const char *e = s + 2;
        while (*e && !isalnum((unsigned char)*e))
            e++;
        r = !*e;
    }
    sz_buf_free(&b);
    return r;
}

static int
in_titlepage(const struct sz_node *b)
{
    for (const struct sz_node *p = b->parent; p; p = p->parent)
        if (p->kind == SZ_DIV && sz_attr_has_class(p->attr, "titlepage"))
            return 1;
    return 0;
}

/* Words that open a heading of the book's own structure. */
static int
structural(const struct sz_node *n)
{
    static const char *const w[] = { "part", "book", "chapter", "act", "scene", "preface",
                                     "introduction", "prologue", "epilogue", "volume", "canto",
                                     "section", "letter", "stave", "appendix", "contents",
                                     "dedication", "foreword", "note", "chap", "vol",
                                     /* the same in the other languages of the corpus */
                                     "teil", "buch", "kapitel", "livre", "partie", "chapitre",
                                     "tome", "libro", "capitolo", "deel", "hoofdstuk", NULL };
    struct sz_buf b = SZ_BUF_INIT;
    text(n, &b, 0);
    const char *s = b.data ? b.data : "";
    while (*s && !isalnum((unsigned char)*s))
        s++;
    int r = 0;
    for (int i = 0; w[i] && !r; i++) {
        size_t m = strlen(w[i]);
        r = !strncasecmp(s, w[i], m) && !isalpha((unsigned char)s[m]);
    }
    /* a numeral alone: "IV.", "12" */
    if (!r) {
        size_t k = strspn(s, "IVXLCivxlc0123456789");
        r = k > 0 && (!s[k] || s[k] == '.' || s[k] == ' ');
    }
    sz_buf_free(&b);
    return r;
}

static int contents_title(struct sz_html *h, const struct sz_node *b);

/* Nothing to read: an empty paragraph, or one of spaces only. */
static int
blank(const struct sz_node *b)
{
    if (b->kind != SZ_PARA && b->kind != SZ_PLAIN)
        return 0;
    for (const struct sz_node *c = b->first; c; c = c->next) {
        if (c->kind == SZ_SPACE || c->kind == SZ_SOFTBREAK || c->kind == SZ_LINEBREAK)
            continue;
        if (c->kind != SZ_STR)
            return 0;
        for (size_t i = 0; i < c->len; i++) {
            unsigned char u = (unsigned char)c->text[i];
            /* ASCII space, or U+00A0 (C2 A0) */
            if (!(isspace(u) || (u == 0xC2 && i + 1 < c->len &&
                                 (unsigned char)c->text[i + 1] == 0xA0 && ++i)))
                return 0;
        }
    }
    return 1;
}

static void
mark_titlepage(struct sz_html *h, struct sz_node *b)
{
    struct sz_node *d = sz_node_new(h->doc, SZ_DIV);
    sz_attr_add_class(h->doc, sz_node_attr(h->doc, d), "titlepage");
    sz_node_replace(b, d);
    sz_node_append(d, b);
}

/* a and b (normalised) the same but for one letter left out, added or
** changed, in a title long enough that it is no other: Project Gutenberg's
** catalogue spells "History of the Peninsula War" where the book prints
** PENINSULAR. */
static int
same_title(const char *a, const char *b)
{
    size_t m = strlen(a), n = strlen(b);
    if (m < n) {
        const char *t = a; a = b; b = t;
        size_t k = m; m = n; n = k;
    }
    if (!strcmp(a, b))
        return n > 0;
    if (n < 12 || m - n > 1)
        return 0;
    size_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    /* one changed (same lengths) or one more in a (the longer) */
    return m == n ? !strcmp(a + i + 1, b + i + 1) : !strcmp(a + i + 1, b + i);
}

void
sz_html_titlepage(struct sz_html *h)
{
    /* PG's HTML sets its title page in headings; other pages' first
    ** heading is their title, kept as pandoc keeps it. */
    if (!h->gutenberg)
        return;
    const char *title = sz_meta_text(h->doc, "title");
    const char *author = sz_meta_text(h->doc, "author");
    char *nt = norm(h, NULL, title), *na = norm(h, NULL, author);
    /* "Moby Dick; or, The Whale": the main title alone counts too */
    char *main_t = NULL;
    if (title) {
        const char *semi = strpbrk(title, ";:");
        if (semi)
            main_t = norm(h, NULL, sz_arena_strndup(h->doc->arena, title, (size_t)(semi - title)));
    }
    /* ... and the part before a comma or a bracket, for a half-title:
    ** "History of the Peninsular War, Volume III (of 6)" */
    char *short_t = NULL;
    if (title) {
        const char *cut = strpbrk(title, ";:,([");
        if (cut)
            short_t = norm(h, NULL, sz_arena_strndup(h->doc->arena, title, (size_t)(cut - title)));
    }
    struct leaves L = { NULL, 0, 0 };
    collect(h->doc->root, &L, 0);
    int prev_tp = 0, prev_by = 0;
    for (size_t i = 0; i < L.n && i < TITLE_BLOCKS; i++) {
        struct sz_node *b = L.v[i];
        if (prose(b) && !in_transnote(b))
            break;
        if (b->kind != SZ_HEADER) {
            if (!blank(b))
                prev_tp = prev_by = 0;
            continue;
        }
        if (in_titlepage(b)) {
            prev_tp = 1;
            prev_by = 0;
            continue;
        }
        if (contents_title(h, b)) {
            prev_tp = prev_by = 0;
            continue;
        }
        char *nh = norm(h, b, NULL);
        size_t k = strlen(nh);
        /* A heading straight after another and before one more, that is
        ** no chapter or part: a line of the title page set large. */
        size_t j = i + 1;
        while (j < L.n && blank(L.v[j]))
            j++;
        struct sz_node *nx = j < L.n ? L.v[j] : NULL;
        int stacked = nx && nx->kind == SZ_HEADER && !structural(b);
        /* The last of those lines, where the page ends (a rule, a picture)
        ** or after a "by" set alone: the publisher, the date, the name. */
        int last = prev_tp && (!structural(b) || year_alone(b)) &&
                   (prev_by || !nx || page_break(nx));
        /* part of the title: not a lone "I" nor a "Part One" inside it */
        int part = k >= 4 && strstr(nt, nh) && (!strcmp(nh, nt) || !structural(b));
        int tp = k && ((*nt && (part || (strlen(nt) >= 4 && strstr(nh, nt)))) ||
                       (main_t && *main_t && !strcmp(nh, main_t)) ||
                       (short_t && same_title(nh, short_t)) ||
                       (*na && !strcmp(nh, na)) || byline(b) || stacked || last ||
                       (prev_tp && imprint(b)));
        prev_tp = tp;
        prev_by = tp && !strcmp(nh, "by");
        if (!tp)
            continue;
        mark_titlepage(h, b);
    }
    /* A half-title: the title again where the text begins, heading
    ** nothing (the next heading is not beneath it). */
    for (size_t i = 0; i < L.n; i++) {
        struct sz_node *b = L.v[i];
        if (b->kind != SZ_HEADER || in_titlepage(b))
            continue;
        size_t j = i + 1;
        while (j < L.n && (blank(L.v[j]) || L.v[j]->kind == SZ_HRULE))
            j++;
        if (j >= L.n || L.v[j]->kind != SZ_HEADER || L.v[j]->level > b->level)
            continue;
        char *nh = norm(h, b, NULL);
        if (*nh && (!strcmp(nh, nt) || (main_t && !strcmp(nh, main_t)) ||
                    (short_t && same_title(nh, short_t))))
            mark_titlepage(h, b);
    }
    free(L.v);
}

/* }================================================================== */

/* {=================================================================
** Notes headings
** ================================================================== */

static int
notes_title(struct sz_html *h, const struct sz_node *b)
{
    const char *n = norm(h, b, NULL);
    return !strcmp(n, "footnotes") || !strcmp(n, "footnote") || !strcmp(n, "notes") ||
           !strcmp(n, "endnotes");
}

/* Nothing a reader would read: a rule, an empty Div. */
static int
empty_block(const struct sz_node *b)
{
    if (b->kind == SZ_HRULE)
        return 1;
    if (b->kind == SZ_DIV) {
        for (const struct sz_node *c = b->first; c; c = c->next)
            if (!empty_block(c))
                return 0;
        return 1;
    }
    return (b->kind == SZ_PARA || b->kind == SZ_PLAIN) && !b->first;
}

void
sz_html_empty_notes_heading(struct sz_html *h)
{
    struct leaves L = { NULL, 0, 0 };
    collect(h->doc->root, &L, 0);
    for (size_t i = 0; i < L.n; i++) {
        struct sz_node *b = L.v[i];
        if (b->kind != SZ_HEADER || !notes_title(h, b))
            continue;
        size_t j = i + 1;
        while (j < L.n && empty_block(L.v[j]))
            j++;
        if (j < L.n && L.v[j]->kind != SZ_HEADER)
            continue;
        struct sz_node *p = b->parent;
        sz_node_unlink(b);
        prune(h, p);
    }
    free(L.v);
}

/* }================================================================== */

/* {=================================================================
** Lists of illustrations
** ================================================================== */

/* "List of Illustrations", "Illustrations", "List of Plates": a list of
** the book's pictures, as a table of contents is a list of its chapters. */
static int
pictures_title(struct sz_html *h, const struct sz_node *b)
{
    const char *n = norm(h, b, NULL);
    static const char *const alone[] = { "illustrations", "illustration", "plates",
                                         "fullpageillustrations", "illustrationsincolour",
                                         "illustrationsincolor", "abbildungen", "gravures", NULL };
    for (int i = 0; alone[i]; i++)
        if (!strcmp(n, alone[i]))
            return 1;
    static const char *const what[] = { "illustration", "plates", "maps", "figures",
                                        "portraits", "engravings", NULL };
    if (strncmp(n, "listof", 6) || strlen(n) > 40)
        return 0;
    for (int i = 0; what[i]; i++)
        if (strstr(n + 6, what[i]))
            return 1;
    return 0;
}

static int
contents_title(struct sz_html *h, const struct sz_node *b)
{
    const char *n = norm(h, b, NULL);
    static const char *const w[] = { "contents", "tableofcontents", "inhalt", "inhaltsverzeichnis",
                                     "tabledesmatières", "tabledesmatieres", "sommaire", "inhoud",
                                     "índice", "indice", "оглавление", "содержание", NULL };
    for (int i = 0; w[i]; i++)
        if (!strcmp(n, w[i]))
            return 1;
    /* "Contents of the Sixth Volume" */
    return !strncmp(n, "contentsof", 10) && strlen(n) <= 40;
}

/* A heading inside a table of contents: a group of its entries ("Part
** One" above its chapters), a table or a list straight under it. */
static int
list_heading(const struct sz_node *b, int level)
{
    if (b->kind != SZ_HEADER || b->level <= level)
        return 0;
    const struct sz_node *n = b->next;
    return n && (n->kind == SZ_TABLE || n->kind == SZ_BULLETLIST ||
                 n->kind == SZ_ORDEREDLIST || n->kind == SZ_DEFLIST);
}

static int
has_header(const struct sz_node *b, int depth)
{
    if (b->kind == SZ_HEADER)
        return 1;
    if (b->kind != SZ_DIV || depth > 8)
        return 0;
    for (const struct sz_node *c = b->first; c; c = c->next)
        if (has_header(c, depth + 1))
            return 1;
    return 0;
}

void
sz_html_contents_lists(struct sz_html *h)
{
    if (!h->gutenberg)
        return;
    struct leaves L = { NULL, 0, 0 };
    collect(h->doc->root, &L, 0);
    for (size_t i = 0; i < L.n; i++) {
        struct sz_node *b = L.v[i];
        if (b->kind != SZ_HEADER || in_titlepage(b))
            continue;
        int toc = contents_title(h, b);
        if (!toc && !pictures_title(h, b))
            continue;
        if (b->parent && b->parent->kind == SZ_DIV &&
            sz_attr_has_class(b->parent->attr, "contents"))
            continue;
        /* the heading and the list under it, up to the next heading or
        ** the first paragraph of prose, go into one Div as the contents */
        struct sz_node *d = sz_node_new(h->doc, SZ_DIV);
        sz_attr_add_class(h->doc, sz_node_attr(h->doc, d), "contents");
        struct sz_node *nx = b->next;
        sz_node_replace(b, d);
        sz_node_append(d, b);
        while (nx && (!has_header(nx, 0) || (toc && list_heading(nx, b->level))) && !prose(nx)) {
            struct sz_node *after = nx->next;
            sz_node_unlink(nx);
            sz_node_append(d, nx);
            nx = after;
        }
    }
    free(L.v);
}

/* }================================================================== */
