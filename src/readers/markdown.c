/*
** markdown.c
** CommonMark, GFM and pandoc-flavoured Markdown, read with md4c's callbacks.
** See LICENSE.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include "core/lazy_xml.h"
#include <md4c.h>
#include "core/lazy_md4c.h"
#include <utf8proc.h>
#include <yaml.h>
#include "core/lazy_yaml.h"

#include "internal.h"
#include "core/metayaml.h"
#include "core/registry.h"
#include "readers/essay.h"
#include "readers/markdown_table.h"
#include "readers/markdown_tex.h"

/* Marker comments (see mark_divs, mark_tex) open with this. */
#define MARK "\xff"
#define MARK_LEN 5             /* "<!--" MARK */

#define SZ_STR_(x) #x
#define SZ_STR(x) SZ_STR_(x)

/* The three flavours share one mapping; each adds to the one before. */
enum flavour { F_COMMONMARK = 0, F_GFM, F_MARKDOWN };

/* Open nodes: blocks and spans.  md4c reports nesting as it finds it, so the
** stack is the only place depth grows; SZ_MAX_DEPTH caps it, plus room for
** the fixed levels a table cell adds (table, head, row, cell, plain). */
#define STACK_MAX (SZ_MAX_DEPTH + 8)

/* {=================================================================
** Reader state
** ================================================================== */

struct frame {
    struct sz_node *n;
    unsigned char tight;       /* lists: tight; items: in a tight list */
    unsigned char implicit;    /* a Plain md4c did not announce (tight item, cell) */
    unsigned char task;        /* item: 1 unchecked, 2 checked, 0 none */
};

struct fancy {
    unsigned char style, delim;
    int start;
};

struct mdr {
    struct sz_doc *doc;
    const struct sz_ropts *o;
    enum flavour fl;
    const char *src;           /* the text md4c parses */
    size_t len;
    size_t base;               /* offset of src in the caller's input (BOM, YAML) */
    struct frame st[STACK_MAX];
    int depth;
    struct sz_buf text;        /* inline text not yet split into Str/Space */
    const char *tslice;        /* or, instead, this piece of src as md4c gave it */
    size_t tslice_len;
    struct sz_buf verb;        /* code, math, raw HTML being collected */
    struct sz_buf run;         /* a text run being packed */
    struct sz_buf smart;       /* text with smart punctuation (put_words) */
    struct sz_node *spare;     /* nodes free for reuse (see mk_node) */
    const struct sz_node *esc_dot; /* a Str ending in an escaped '.': no abbreviation */
    struct sz_node **pool;     /* &spare, or the outer reader's */
    int verb_mode;             /* 0, or the MD_SPAN/MD_BLOCK collecting into verb */
    struct sz_node *table;     /* innermost open table */
    struct sz_node *cell_spec; /* column spec of the next header cell */
    unsigned table_rows;       /* body rows of the innermost table */
    int table_measured;        /* its column widths are known */
    struct sz_map notes;       /* footnote label -> SZ_NOTE (detached) */
    int cites;                 /* citations so far (pandoc's citationNoteNum) */
    struct fancy *fancy;       /* list markers md4c does not know (see mark_fancy) */
    size_t nfancy;
    struct sz_map examples;    /* example label -> its number (uintptr_t) */
    const struct sz_node *fancy_ol; /* the last list given a marker's style */
    size_t *ra_off;            /* link definitions with {attributes}: where their URL */
    const char **ra_text;      /* starts in src, and the attributes */
    size_t nra;
    struct sz_node **dls;      /* definition lists made before the parse */
    size_t ndls;
    int nested;                /* parsing a footnote or a metadata value */
    const char *last;          /* end of the last text md4c gave us, in src */
    int html_open;             /* the last RawInline is a tag md4c has not finished */
    int math_gap;              /* the white space after a math span's opening $, 0 */
    const char *tex_end;       /* raw TeX read from src runs to here: md4c's events */
    const char *tex_at;        /* before it are dropped; read up to here */
    int tex_spans;             /* spans md4c opened inside it, to drop their ends */
    size_t tex_budget;         /* bytes raw TeX that was not may still be scanned for */
    struct sz_map macros;      /* TeX macro name -> its body (tex_expand) */
    struct scratch *scratch;   /* words' text until their block is done (seal) */
    struct sz_buf *own;        /* the caller's input, freed at the first rewrite */
    const struct sz_node *inl; /* the last parent seen to hold inlines (add_inline) */
    enum sz_kind inl_kind;
    int parsing;               /* md4c is running: new words go to scratch */
    int failed;
};

static struct sz_node *
top(struct mdr *r)
{
    return r->st[r->depth - 1].n;
}

/* Byte offset of p in the caller's input, or -1 when p is not in it. */
static long long
offset_of(const struct mdr *r, const char *p)
{
    if (!p || p < r->src || p > r->src + r->len)
        return -1;
    return (long long)(r->base + (size_t)(p - r->src));
}

/* md4c gives no positions for blocks and spans, only for text: an error is
** placed where the last text ended (md4c reports in source order). */
static void
error_at(struct mdr *r, const char *p, const char *msg)
{
    if (!p)
        p = r->src;
    long long off = offset_of(r, p);
    uint32_t line = 0;
    if (off >= 0) {
        line = 1;
        for (const char *q = r->src; q < p; q++)
            line += *q == '\n';
    }
    sz_diag_add(&r->doc->diags, SZ_ERROR, SZ_EXIT_PARSE, r->o->filename, line, 0, off, "%s", msg);
    r->failed = 1;
}

/* }================================================================== */

/* {=================================================================
** Text: entities, Str/Space splitting, pandoc's merging of neighbours
** ================================================================== */

static void
put_entity(struct sz_buf *b, const char *s, size_t n)
{
    uint32_t cp = 0;
    if (n >= 3 && s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        for (size_t i = hex ? 3 : 2; i + 1 < n; i++) {
            int c = (unsigned char)s[i], d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
                d = (c | 32) - 'a' + 10;
            else
                break;
            cp = cp * (hex ? 16 : 10) + (uint32_t)d;
            if (cp > 0x10FFFF)
                cp = 0x110000;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        sz_buf_put_utf8(b, cp);
        return;
    }
    /* Named entities: libxml2's HTML 4 table.  The HTML 5 additions stay
    ** as written (see README). */
    char name[40];
    if (n > 2 && n - 2 < sizeof name) {
        memcpy(name, s + 1, n - 2);
        name[n - 2] = '\0';
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
        if (e) {
            sz_buf_put_utf8(b, e->value);
            return;
        }
    }
    sz_buf_put(b, s, n);
}

/* An md4c attribute (link target, title, code info) with entities decoded. */
static const char *
attr_text(struct mdr *r, const MD_ATTRIBUTE *a)
{
    struct sz_buf b = SZ_BUF_INIT;
    for (unsigned i = 0; a->text && a->substr_offsets[i] < a->size; i++) {
        const char *s = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        if (a->substr_types[i] == MD_TEXT_ENTITY)
            put_entity(&b, s, n);
        else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
            sz_buf_put_utf8(&b, 0xFFFD);
        else
            sz_buf_put(&b, s, n);
    }
    const char *t = sz_arena_strndup(r->doc->arena, b.data ? b.data : "", b.len);
    sz_buf_free(&b);
    return t;
}

/* pandoc's markdown percent-encodes white space and a few other
** characters in link targets (escapeURI). */
static const char *
escape_uri(struct mdr *r, const char *u)
{
    if (!strpbrk(u, " \t\n\r<>|\"{}[]^`"))
        return u;
    struct sz_buf b = SZ_BUF_INIT;
    for (const char *p = u; *p; p++)
        if (strchr(" \t\n\r<>|\"{}[]^`", *p))
            sz_buf_printf(&b, "%%%02X", (unsigned char)*p);
        else
            sz_buf_putc(&b, *p);
    const char *t = sz_arena_strndup(r->doc->arena, b.data, b.len);
    sz_buf_free(&b);
    return t;
}

/* {=================================================================
** Inline nodes and text runs
** ================================================================== */

/* The reader makes a Str or Space node per word as it goes, as the passes
** over a finished container (smart quotes, spans, attributes) want them;
** then packs the words of the container into text runs (SZ_STR_RUN) and
** keeps the nodes it no longer needs for the next words, so memory holds a
** node per stretch of text and a paragraph's worth of spare nodes, not two
** nodes per word of the book. */
static struct sz_node *
mk_node(struct mdr *r, enum sz_kind k)
{
    struct sz_node *n = *r->pool;
    if (!n)
        return sz_node_new(r->doc, k);
    *r->pool = n->next;
    sz_node_reset(r->doc, n, k);
    return n;
}

/* The text of a block's words and runs while the block is read: each
** word, each stretch of words and each join of two Strs gets a copy, and
** packing the finished block into runs makes the copy that stays.  Those
** earlier copies go here, not to the document's arena (which never frees),
** and when the block is done its text still here is moved to the arena and
** this memory reused: a book's text is held once, not three times. */
struct scratch {
    struct scratch *next;
    size_t size, used;
    char data[];
};

#if defined(__SANITIZE_ADDRESS__)
#define SCRATCH_CHUNK 1024     /* freed at every block's end (scratch_reset) */
#else
#define SCRATCH_CHUNK 65536
#endif

static char *
scratch_alloc(struct mdr *r, size_t n)
{
    if (!r->parsing)
        return sz_arena_alloc_align(r->doc->arena, n, 1);
    struct scratch *c = r->scratch;
    if (!c || c->size - c->used < n) {
        size_t sz = n > SCRATCH_CHUNK ? n : SCRATCH_CHUNK;
        c = sz_xmalloc(sizeof *c + sz);
        c->size = sz;
        c->used = 0;
        c->next = r->scratch;
        r->scratch = c;
    }
    char *p = c->data + c->used;
    c->used += n;
    return p;
}

static char *
scratch_dup(struct mdr *r, const char *s, size_t n)
{
    char *p = scratch_alloc(r, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static int
in_scratch(const struct mdr *r, const char *p)
{
    for (const struct scratch *c = r->scratch; c; c = c->next)
        if (p >= c->data && p < c->data + c->size)
            return 1;
    return 0;
}

/* Frees the scratch text; under ASan every chunk, so that a text still
** used is caught, else all but the newest, kept for the next block. */
static void
scratch_reset(struct mdr *r, int all)
{
    struct scratch *c = r->scratch;
#if defined(__SANITIZE_ADDRESS__)
    all = 1;
#endif
    if (!c)
        return;
    struct scratch *rest = all ? c : c->next;
    if (!all) {
        c->next = NULL;
        c->used = 0;
    } else {
        r->scratch = NULL;
    }
    while (rest) {
        struct scratch *nx = rest->next;
        free(rest);
        rest = nx;
    }
}

/* Block n is done: the text of its nodes still in scratch goes to the
** arena, then scratch is free again (nothing outside n holds its text:
** md4c gives inline text only inside one leaf block at a time). */
static void
seal(struct mdr *r, struct sz_node *n)
{
    if (!r->scratch || !r->scratch->used)
        return;
    struct sz_node *c = n;
    while (c) {
        if (c->len && in_scratch(r, c->text))
            sz_node_set_text(r->doc, c, c->text, c->len);
        if (c->first) {
            c = c->first;
            continue;
        }
        while (c != n && !c->next)
            c = c->parent;
        if (c == n)
            break;
        c = c->next;
    }
    scratch_reset(r, 0);
}

static struct sz_node *
mk_str(struct mdr *r, const char *s, size_t n)
{
    struct sz_node *x = mk_node(r, SZ_STR);
    x->text = scratch_dup(r, s, n);
    x->len = n;
    return x;
}

/* n, unlinked, is free for reuse. */
static void
drop_node(struct mdr *r, struct sz_node *n)
{
    n->next = *r->pool;
    *r->pool = n;
}

/* A Str still marked (ival: a citation's number, an unmatched quote) is
** no word of a text run. */
static int
unmarked(const struct sz_node *n)
{
    return n->ival == 0;
}

static void
pack_runs(struct mdr *r, struct sz_node *parent)
{
    sz_pack_runs(r->doc, parent, r->pool, unmarked);
}

static int
mergeable(enum sz_kind k)
{
    return k == SZ_SPACE || k == SZ_SOFTBREAK || k == SZ_LINEBREAK;
}

/* Appends inline n to parent as pandoc's Inlines monoid does: neighbouring
** Strs join, and of two neighbouring breaks the stronger stays. */
static void
add_inline(struct mdr *r, struct sz_node *parent, struct sz_node *n)
{
    struct sz_node *l = sz_node_last(parent);
    if (l && l->kind == SZ_STR && n->kind == SZ_STR) {
        char *t = scratch_alloc(r, l->len + n->len + 1);
        memcpy(t, l->text, l->len);
        memcpy(t + l->len, n->text, n->len);
        t[l->len + n->len] = '\0';
        l->text = t;
        l->len += n->len;
        if (SZ_IS_RUN(n))
            l->sub = SZ_STR_RUN;    /* its text now has separators */
        drop_node(r, n);
        return;
    }
    if (l && mergeable(l->kind) && mergeable(n->kind)) {
        if (n->kind > l->kind)          /* SPACE < SOFTBREAK < LINEBREAK */
            l->kind = n->kind;
        drop_node(r, n);
        return;
    }
    /* A word or a break, new, into a parent already seen to hold inlines:
    ** linked without sz_node_append's checks, once a word of the book. */
    if ((n->kind == SZ_STR || mergeable(n->kind)) && !n->parent && !n->back && !n->next &&
        !n->first) {
        if (parent != r->inl || parent->kind != r->inl_kind) {
            if (!sz_can_contain(parent->kind, SZ_STR) || !sz_can_contain(parent->kind, SZ_SPACE) ||
                !sz_can_contain(parent->kind, SZ_SOFTBREAK) ||
                !sz_can_contain(parent->kind, SZ_LINEBREAK)) {
                sz_node_append(parent, n);
                return;
            }
            r->inl = parent;
            r->inl_kind = parent->kind;
        }
        sz_node_link_last(parent, n);
        return;
    }
    sz_node_append(parent, n);
}

/* pandoc's smart punctuation inside a run of text: dashes and ellipses
** (quotes need the tree: see smart_quotes). */
static void
put_smart(struct sz_buf *out, const char *s, size_t n)
{
    sz_buf_reserve(out, n);
    for (size_t i = 0; i < n; i++) {
        /* The bytes up to the next '-' or '.' as they are, in one copy. */
        size_t j = i;
        while (j < n && s[j] != '-' && s[j] != '.')
            j++;
        if (j > i) {
            sz_buf_put(out, s + i, j - i);
            if (j == n)
                break;
            i = j;
        }
        if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
            if (i + 2 < n && s[i + 2] == '-') {
                sz_buf_puts(out, "\xe2\x80\x94");
                i += 2;
            } else {
                sz_buf_puts(out, "\xe2\x80\x93");
                i += 1;
            }
        } else if (s[i] == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
            sz_buf_puts(out, "\xe2\x80\xa6");
            i += 2;
        } else {
            sz_buf_putc(out, s[i]);
        }
    }
}

/* Has s[0..n) a "--" or a "..." for put_smart to change? */
static int
has_smart(const char *s, size_t n)
{
    const char *e = s + n;
    for (const char *p = s; (p = memchr(p, '-', (size_t)(e - p))) != NULL && p + 1 < e; p++)
        if (p[1] == '-')
            return 1;
    for (const char *p = s; (p = memchr(p, '.', (size_t)(e - p))) != NULL && p + 2 < e; p++)
        if (p[1] == '.' && p[2] == '.')
            return 1;
    return 0;
}

/* pandoc's smart abbreviations: a space after one is a no-break space. */
#define AB(x) { x, sizeof x - 1 }
static const struct {
    const char *s;
    size_t k;
} abbrevs[] = {
    AB("Mr."), AB("Mrs."), AB("Ms."), AB("Capt."), AB("Dr."), AB("Prof."), AB("Gen."),
    AB("Gov."), AB("e.g."), AB("i.e."), AB("Sgt."), AB("St."), AB("vol."), AB("vs."),
    AB("Sen."), AB("Rep."), AB("Pres."), AB("Hon."), AB("Rev."), AB("Ph.D."), AB("M.D."),
    AB("M.A."), AB("p."), AB("pp."), AB("ch."), AB("sec."), AB("cf."), AB("cp."),
    { NULL, 0 }
};
#undef AB

/* Does the word s[0..n) end in an abbreviation that starts the word or
** follows punctuation? */
static int
abbrev_at_end(const char *s, size_t n)
{
    /* Each abbreviation ends in a letter and a stop: most words ending in
    ** a stop are told apart by that letter, without a memcmp. */
    char last = s[n - 2];
    for (size_t i = 0; abbrevs[i].s; i++) {
        const char *a = abbrevs[i].s;
        size_t k = abbrevs[i].k;
        if (a[k - 2] != last)
            continue;
        if (k <= n && memcmp(s + n - k, a, k) == 0) {
            if (k == n)
                return 1;
            unsigned char c = (unsigned char)s[n - k - 1];
            if (c < 0x80 && !(c >= '0' && c <= '9') && !((c | 32) >= 'a' && (c | 32) <= 'z') &&
                c != '.')
                return 1;
        }
    }
    return 0;
}

/* every one ends in a stop: the test most words take, kept inline */
static inline int
ends_in_abbrev(const char *s, size_t n)
{
    return n >= 2 && s[n - 1] == '.' && abbrev_at_end(s, n);
}

static void put_words(struct mdr *r, struct sz_node *parent, const char *s, size_t n);
static int is_ws(int c);

/* The first "[^" in s[0..n), or NULL. */
static const char *
find_ref(const char *s, size_t n)
{
    const char *p = s;
    while (n > 1 && (p = memchr(s, '[', n - 1)) != NULL) {
        if (p[1] == '^')
            return p;
        n -= (size_t)(p + 1 - s);
        s = p + 1;
    }
    return NULL;
}

/* Turns the pending text into Str and Space nodes at the end of parent, and
** footnote references [^label] into Notes. */
static int parse_attr_braces(struct mdr *r, const char *s, struct sz_attr *a);
static int node_attr_braces(struct mdr *r, const char *s, struct sz_node *n);
static const char *raw_format(struct mdr *r, const char *s, size_t n);
static struct sz_node *bracket_cite(struct mdr *r, const char *s, size_t n);
static size_t cite_key(const char *s, size_t n);
static struct sz_node *new_citation(struct mdr *r, const char *key, size_t n, int mode);
static void raw_words(struct mdr *r, struct sz_node *parent, const char *s, size_t n);
static const char *ref_attrs_at(const struct mdr *r, const char *h);
static size_t fancy_mark(struct mdr *r, const char *s, size_t n);
static int div_fence(const char *s, size_t n);
static void bracket_spans(struct mdr *r, struct sz_node *parent);
static const char *tex_expand(struct mdr *r, const char *s, size_t *len, int learn);
static long block_marker(const char *s, size_t n);
static int parse_piece(struct mdr *outer, const char *s, size_t n, size_t base,
                       struct sz_node *container);

/* The first '@' of s[0..n) at or after a, or n; *at caches the last answer. */
static size_t
next_at(const char *s, size_t n, size_t a, size_t *at, int *known)
{
    if (!*known || (*at < a && *at < n)) {
        const char *q = memchr(s + a, '@', n - a);
        *at = q ? (size_t)(q - s) : n;
        *known = 1;
    }
    return *at;
}

/* For each '[' of s[0..n), the offset just after its partner ']' (brackets
** counted, nothing escaped), 0 when it has none: one pass with a stack, where
** scanning from every '[' for its partner would be quadratic on "^[^[^[...". */
static size_t *
match_brackets(const char *s, size_t n)
{
    size_t *close = sz_xmalloc((n + 1) * sizeof *close), *open = sz_xmalloc((n + 1) * sizeof *open);
    size_t nopen = 0;
    for (size_t k = 0; k < n; k++) {
        close[k] = 0;
        if (s[k] == '[')
            open[nopen++] = k;
        else if (s[k] == ']' && nopen)
            close[open[--nopen]] = k + 1;
    }
    free(open);
    return close;
}

/* "@key [p. 33; @other]" at s[i..n), the '[' at a: an author-in-text
** citation with a locator (and more citations) in brackets after it.
** Writes the words before it and the Cite; *end: the offset after ']'. */
static int
intext_suffix(struct mdr *r, struct sz_node *parent, const char *s, size_t n, size_t i, size_t a,
              size_t *end)
{
    size_t w = a - 1;
    while (w > i && !is_ws((unsigned char)s[w - 1]))
        w--;
    if (s[w] != '@' || w + 1 >= a - 1 || cite_key(s + w + 1, a - 2 - w) != a - 2 - w)
        return 0;
    size_t e = a + 1, semi = 0;
    while (e < n && s[e] != ']' && s[e] != '[') {
        if (s[e] == ';' && !semi)
            semi = e;
        e++;
    }
    if (e >= n || s[e] != ']')
        return 0;
    size_t se = semi ? semi : e;
    for (size_t q = a + 1; q < se; q++)
        if (s[q] == '@')
            return 0;      /* a citation in the first part: not a locator */
    struct sz_node *more = NULL;
    int before = r->cites;
    if (semi) {
        struct sz_buf b = SZ_BUF_INIT;
        sz_buf_putc(&b, '[');
        sz_buf_put(&b, s + semi + 1, e - semi - 1);
        sz_buf_putc(&b, ']');
        more = bracket_cite(r, b.data, b.len);
        sz_buf_free(&b);
        r->cites = before;
        if (!more)
            return 0;
    }
    put_words(r, parent, s + i, w - i);
    struct sz_node *cite = sz_node_new(r->doc, SZ_CITE);
    struct sz_node *ct = new_citation(r, s + w + 1, a - 2 - w, SZ_CITE_AUTHOR_IN_TEXT);
    ct->ival = ++r->cites;
    sz_node_append(cite, ct);
    size_t ss = a + 1;
    while (ss < se && is_ws((unsigned char)s[ss]))
        ss++;
    while (se > ss && is_ws((unsigned char)s[se - 1]))
        se--;
    put_words(r, sz_node_last(ct), s + ss, se - ss);
    while (more && more->first && more->first->kind == SZ_CITATION) {
        struct sz_node *c = more->first;
        sz_node_unlink(c);
        c->ival = ct->ival;
        sz_node_append(cite, c);
    }
    raw_words(r, cite, s + w, e + 1 - w);
    sz_node_append(parent, cite);
    *end = e + 1;
    return 1;
}

/* The pending text is a piece of src that nothing was added to, not yet
** copied (a line may be a whole book): copies it into r->text, to add to. */
static void
text_own(struct mdr *r)
{
    if (r->tslice) {
        sz_buf_put(&r->text, r->tslice, r->tslice_len);
        r->tslice = NULL;
    }
}

static void
flush_into(struct mdr *r, struct sz_node *parent)
{
    const char *s = r->tslice ? r->tslice : r->text.data;
    size_t n = r->tslice ? r->tslice_len : r->text.len, i = 0;
    if (!n) {
        r->tslice = NULL;
        return;
    }
    struct sz_node *l = sz_node_last(parent);
    if (r->fl == F_MARKDOWN && s[0] == '{' && l &&
        (l->kind == SZ_LINK || l->kind == SZ_IMAGE || l->kind == SZ_CODE)) {
        /* pandoc's link_attributes and inline_code_attributes. */
        const char *e = memchr(s, '}', n);
        const char *fmt;
        if (e && l->kind == SZ_CODE && (fmt = raw_format(r, s, (size_t)(e - s) + 1))) {
            l->kind = SZ_RAWINLINE;    /* `x`{=ms} */
            l->format = fmt;
            i = (size_t)(e - s) + 1;
        } else if (e) {
            char *t = sz_arena_strndup(r->doc->arena, s, (size_t)(e - s) + 1);
            struct sz_attr old = *l->attr;
            if (node_attr_braces(r, t, l)) {
                i = (size_t)(e - s) + 1;
                /* Over those of the link's definition, as pandoc combines
                ** them: the link's id, both classes, the definition's
                ** other keys before the link's. */
                if (old.nclasses || old.nkvs || (old.id && *old.id)) {
                    struct sz_attr m = { "", NULL, 0, NULL, 0 }, own = *l->attr;
                    m.id = *own.id ? own.id : old.id ? old.id : "";
                    for (size_t q = 0; q < own.nclasses + old.nclasses; q++) {
                        const char *c = q < own.nclasses ? own.classes[q]
                                                         : old.classes[q - own.nclasses];
                        size_t z = 0;
                        while (z < m.nclasses && strcmp(m.classes[z], c))
                            z++;
                        if (z == m.nclasses)
                            sz_attr_add_class(r->doc, &m, c);
                    }
                    for (size_t q = 0; q < old.nkvs; q++) {
                        size_t z = 0;
                        while (z < own.nkvs && strcmp(own.kvs[z].key, old.kvs[q].key))
                            z++;
                        if (z == own.nkvs)
                            sz_attr_add_kv(r->doc, &m, old.kvs[q].key, old.kvs[q].value);
                    }
                    for (size_t q = 0; q < own.nkvs; q++)
                        sz_attr_add_kv(r->doc, &m, own.kvs[q].key, own.kvs[q].value);
                    sz_node_set_attr(r->doc, l, &m);
                }
            }
        }
    }
    /* i: start of the text not yet made into words; p: where to look for
    ** the next '[' (a '[' that starts no note stays in the text).  at: the
    ** first '@' at or after p (n when none), found once and moved only when
    ** passed, so a text of many brackets is not scanned again per bracket. */
    size_t at = 0;
    int at_known = 0;
    size_t *close = NULL;       /* see match_brackets, made when first needed */
    for (size_t p = i;;) {
        const char *b = memchr(s + p, '[', n - p);
        if (!b)
            break;
        size_t a = (size_t)(b - s), e = a + 1;
        if (r->notes.n && a + 1 < n && s[a + 1] == '^') {
            /* A reference [^label] to a footnote defined in the text. */
            e = a + 2;
            while (e < n && s[e] != ']' && s[e] != '[' && !is_ws((unsigned char)s[e]))
                e++;
            struct sz_node *note = NULL;
            if (e < n && s[e] == ']' && e > a + 2) {
                char *label = sz_arena_strndup(r->doc->arena, s + a + 2, e - a - 2);
                note = sz_map_get(&r->notes, label);
            }
            if (note) {
                put_words(r, parent, s + i, a - i);
                sz_node_append(parent, note->parent ? sz_node_copy(r->doc, note) : note);
                i = p = e + 1;
                continue;
            }
        } else if (r->fl == F_MARKDOWN && a >= i + 3 && s[a - 1] == ' ' &&
                   intext_suffix(r, parent, s, n, i, a, &e)) {
            i = p = e;
            continue;
        } else if (r->fl == F_MARKDOWN && (a == i || s[a - 1] != '^') &&
                   next_at(s, n, a, &at, &at_known) < n) {
            /* A bracketed citation, when md4c gave its text in one piece. */
            while (e < n && s[e] != ']' && s[e] != '[')
                e++;
            if (e < n && s[e] == ']' && !(e + 1 < n && s[e + 1] == '{')) {
                /* ([@a]{.c} is a bracketed span, tried first by pandoc) */
                /* The words before first: citations are numbered in order. */
                put_words(r, parent, s + i, a - i);
                i = a;
                /* pandoc first tries "![...]" as an image, whose text
                ** counts the citation once more. */
                int before = r->cites;
                if (a > 0 && s[a - 1] == '!')
                    r->cites++;
                struct sz_node *cite = bracket_cite(r, s + a, e - a + 1);
                if (!cite)
                    r->cites = before;
                if (cite) {
                    sz_node_append(parent, cite);
                    i = p = e + 1;
                    continue;
                }
            }
        } else if (r->fl == F_MARKDOWN && !r->nested && a > i && s[a - 1] == '^') {
            /* An inline note ^[text] (pandoc's inline_notes), when md4c
            ** gave its text in one piece (no markup inside). */
            if (!close)
                close = match_brackets(s, n);
            e = close[a];
            /* pandoc: not before "(", "[" or attributes (^[a]{.c}^ is a
            ** superscript) */
            if (e && !(e < n && (s[e] == '(' || s[e] == '[' || s[e] == '{'))) {
                struct sz_node *note = sz_node_new(r->doc, SZ_NOTE);
                if (parse_piece(r, s + a + 1, e - a - 2, 0, note) == 0) {
                    if (!note->first)   /* ^[] : pandoc keeps an empty paragraph */
                        sz_node_append(note, sz_node_new(r->doc, SZ_PARA));
                    put_words(r, parent, s + i, a - 1 - i);
                    sz_node_append(parent, note);
                    i = p = e;
                    continue;
                }
            }
        }
        p = a + 1;
    }
    put_words(r, parent, s + i, n - i);
    sz_buf_clear(&r->text);
    r->tslice = NULL;
    free(close);
}

/* {=================================================================
** Citations: @key and [see @key, p. 3; @other]
** ================================================================== */

static int
key_char(int c)
{
    return c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

/* Length of a citation key at s[0..n) (after the '@'), 0 if none: a letter,
** digit or '_' first, then those and inner :.#$%&-+?<>~/ punctuation, and
** ':' or '/' before a '/'. */
static size_t
cite_key(const char *s, size_t n)
{
    size_t i = 0;
    if (!n || !key_char((unsigned char)s[0]))
        return 0;
    while (i < n) {
        if (key_char((unsigned char)s[i]))
            i++;
        else if (strchr(":.#$%&-+?<>~/", s[i]) && s[i] && i + 1 < n &&
                 key_char((unsigned char)s[i + 1]))
            i++;
        else if ((s[i] == ':' || s[i] == '/') && i + 1 < n && s[i + 1] == '/')
            i++;               /* a URL as key: "https://" */
        else
            break;
    }
    return i;
}

static struct sz_node *
new_citation(struct mdr *r, const char *key, size_t n, int mode)
{
    struct sz_node *c = sz_node_new_text(r->doc, SZ_CITATION, key, n);
    c->sub = mode;
    sz_node_append(c, sz_node_new(r->doc, SZ_CITE_PREFIX));
    sz_node_append(c, sz_node_new(r->doc, SZ_CITE_SUFFIX));
    return c;
}

/* Words of s[0..n) as Str and Space, no typography (a Cite's own text). */
static void
raw_words(struct mdr *r, struct sz_node *parent, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        if (is_ws((unsigned char)s[i])) {
            int nl = 0;
            while (j < n && is_ws((unsigned char)s[j]))
                nl |= s[j++] == '\n';
            add_inline(r, parent, mk_node(r, nl ? SZ_SOFTBREAK : SZ_SPACE));
        } else {
            while (j < n && !is_ws((unsigned char)s[j]))
                j++;
            add_inline(r, parent, mk_str(r, s + i, j - i));
        }
        i = j;
    }
}

/* A bracketed citation "[...]" at s[0..n) (brackets included), or NULL. */
static struct sz_node *
bracket_cite(struct mdr *r, const char *s, size_t n)
{
    struct sz_node *cite = sz_node_new(r->doc, SZ_CITE);
    size_t i = 1, end = n - 1;
    while (i <= end) {
        size_t j = i;
        while (j < end && s[j] != ';')
            j++;
        /* prefix @key suffix, or prefix -@key suffix */
        size_t at = i;
        while (at < j && !(s[at] == '@' && (at == i || is_ws((unsigned char)s[at - 1]) ||
                                            s[at - 1] == '-')))
            at++;
        if (at >= j)
            return NULL;
        size_t k = cite_key(s + at + 1, j - at - 1);
        if (!k)
            return NULL;
        int suppress = at > i && s[at - 1] == '-' && (at - 1 == i || is_ws((unsigned char)s[at - 2]));
        size_t pe = suppress ? at - 1 : at, ps = i;
        while (ps < pe && is_ws((unsigned char)s[ps]))
            ps++;
        while (pe > ps && is_ws((unsigned char)s[pe - 1]))
            pe--;
        struct sz_node *c = new_citation(r, s + at + 1, k, suppress ? SZ_CITE_SUPPRESS_AUTHOR
                                                                       : SZ_CITE_NORMAL);
        put_words(r, c->first, s + ps, pe - ps);
        size_t ss = at + 1 + k, se = j;
        while (se > ss && is_ws((unsigned char)s[se - 1]))
            se--;
        put_words(r, sz_node_last(c), s + ss, se - ss);
        sz_node_append(cite, c);
        i = j + 1;
    }
    if (!cite->first)
        return NULL;
    r->cites++;
    for (struct sz_node *c = cite->first; c; c = c->next)
        c->ival = r->cites;
    raw_words(r, cite, s, n);
    return cite;
}

/* }================================================================== */

/* One word: pandoc's markdown superscripts 2^10^ are inside words. */
static void
put_word(struct mdr *r, struct sz_node *parent, const char *s, size_t n)
{
    const char *c;
    /* @key: an author-in-text citation. */
    for (size_t i = 0; r->fl == F_MARKDOWN && i + 1 < n && i < 2; i++) {
        if (s[i] != '@' || (i && !strchr("([{", s[0])))
            continue;
        const char *cb;
        if (s[i + 1] == '{' && (cb = memchr(s + i + 2, '}', n - i - 2)) != NULL &&
            cb > s + i + 2) {
            /* @{key}: any key, braces not part of it (nor of the text). */
            size_t k = (size_t)(cb - (s + i + 2));
            if (i)
                add_inline(r, parent, mk_str(r, s, i));
            struct sz_node *cite = sz_node_new(r->doc, SZ_CITE);
            struct sz_node *ct = new_citation(r, s + i + 2, k, SZ_CITE_AUTHOR_IN_TEXT);
            ct->ival = ++r->cites;
            sz_node_append(cite, ct);
            char *t = sz_arena_printf(r->doc->arena, "@%.*s", (int)k, s + i + 2);
            sz_node_append(cite, sz_node_new_text(r->doc, SZ_STR, t, k + 1));
            sz_node_append(parent, cite);
            n -= (size_t)(cb + 1 - s);
            s = cb + 1;
            break;
        }
        size_t k = cite_key(s + i + 1, n - i - 1);
        if (!k)
            break;
        uintptr_t ex = 0;
        if (r->examples.n) {
            char *l = sz_arena_strndup(r->doc->arena, s + i + 1, k);
            ex = (uintptr_t)sz_map_get(&r->examples, l);
        }
        if (ex) {
            /* @label of an example item: its number. */
            char num[24];
            int w = snprintf(num, sizeof num, "%lu", (unsigned long)ex);
            if (i)
                add_inline(r, parent, mk_str(r, s, i));
            add_inline(r, parent, mk_str(r, num, (size_t)w));
            s += i + 1 + k;
            n -= i + 1 + k;
            break;
        }
        if (i)
            add_inline(r, parent, mk_str(r, s, i));
        struct sz_node *cite = sz_node_new(r->doc, SZ_CITE);
        struct sz_node *ct = new_citation(r, s + i + 1, k, SZ_CITE_AUTHOR_IN_TEXT);
        ct->ival = ++r->cites;
        sz_node_append(cite, ct);
        sz_node_append(cite, sz_node_new_text(r->doc, SZ_STR, s + i, k + 1));
        sz_node_append(parent, cite);
        s += i + 1 + k;
        n -= i + 1 + k;
        break;
    }
    while (r->fl == F_MARKDOWN && n > 2 && (c = memchr(s, '^', n)) != NULL) {
        size_t a = (size_t)(c - s);
        const char *d = memchr(c + 1, '^', n - a - 1);
        if (!d || d == c + 1)
            break;
        if (a)
            add_inline(r, parent, mk_str(r, s, a));
        struct sz_node *sup = sz_node_new(r->doc, SZ_SUPERSCRIPT);
        sz_node_append(sup, sz_node_new_text(r->doc, SZ_STR, c + 1, (size_t)(d - c) - 1));
        if (memchr(c + 1, '{', (size_t)(d - c) - 1))
            bracket_spans(r, sup);      /* ^[a]{.c}^ */
        sz_node_append(parent, sup);
        n -= (size_t)(d + 1 - s);
        s = d + 1;
    }
    if (n)
        add_inline(r, parent, mk_str(r, s, n));
}

static int
ws_char(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Byte classes of the word scanner, one lookup a byte: white space, and
** the bytes a word of a text run may not hold.  A word goes into a run as
** soon as it is read only if it is plain prose: letters, digits, other
** characters' bytes and . , ; : ! ? - | ( ) / % & # + = -- nothing a pass
** over the finished container looks for (quotes, brackets, braces, '@',
** '^', '~', '$', '<', '*', '_', '\\', '`'), and no abbreviation that
** takes a no-break space after it.  A '|' outside a table is text:
** "a|b" words in running prose (shell pipes, alternatives) would each
** cost two nodes until the paragraph ends. */
enum { W_WS = 1, W_BAD = 2 };
static const unsigned char wcls[256] = {
    [' '] = W_WS, ['\t'] = W_WS, ['\n'] = W_WS, ['\r'] = W_WS,
    [0] = W_BAD, [1] = W_BAD, [2] = W_BAD, [3] = W_BAD, [4] = W_BAD, [5] = W_BAD,
    [6] = W_BAD, [7] = W_BAD, [8] = W_BAD, [11] = W_BAD, [12] = W_BAD, [14] = W_BAD,
    [15] = W_BAD, [16] = W_BAD, [17] = W_BAD, [18] = W_BAD, [19] = W_BAD, [20] = W_BAD,
    [21] = W_BAD, [22] = W_BAD, [23] = W_BAD, [24] = W_BAD, [25] = W_BAD, [26] = W_BAD,
    [27] = W_BAD, [28] = W_BAD, [29] = W_BAD, [30] = W_BAD, [31] = W_BAD,
    ['"'] = W_BAD, ['\''] = W_BAD, ['$'] = W_BAD, ['*'] = W_BAD, ['<'] = W_BAD,
    ['>'] = W_BAD, ['@'] = W_BAD, ['['] = W_BAD, ['\\'] = W_BAD, [']'] = W_BAD,
    ['^'] = W_BAD, ['_'] = W_BAD, ['`'] = W_BAD, ['{'] = W_BAD, ['}'] = W_BAD,
    ['~'] = W_BAD, [0x7f] = W_BAD, [0xff] = W_BAD,
};

/* Longest text run made at once (bytes): a longer stretch of words becomes
** several runs with a Space between, and the buffer stays this small. */
#define RUN_MAX 65536

/* The stretch of plain words at s[i..n) that can be one run: each word
** followed by white space in s (the last one is not joined to whatever
** comes next).  Returns the end of its last word, *nw the words; *exact
** is set when every gap is one ' ' or one '\n', so that s[i..end) is the
** run's text as it stands (most prose), else see run_text.  A paragraph
** of plain prose then costs a node per RUN_MAX bytes, not two nodes and a
** copy of each word (a 50 MB line would take gigabytes). */
static size_t
scan_run(const char *s, size_t n, size_t i, int smart, size_t *nw, int *exact)
{
    size_t k = i, e = i;
    *nw = 0;
    *exact = 1;
    while (k < n) {
        size_t j = k;
        unsigned c = 0;
        /* to the first byte with a class: white space ends the word, any
        ** other ends the run (the rest of that word is not looked at) */
        while (j < n && !(c = wcls[(unsigned char)s[j]]))
            j++;
        if (j == n || (c & W_BAD) || (*nw && j - i + 1 > RUN_MAX) ||
            (smart && ends_in_abbrev(s + k, j - k)))
            break;
        ++*nw;
        e = j;
        if (j + 1 < n && (wcls[(unsigned char)s[j + 1]] & W_WS))
            *exact = 0;
        else if (s[j] != ' ' && s[j] != '\n')
            *exact = 0;
        while (j < n && (wcls[(unsigned char)s[j]] & W_WS))
            j++;
        k = j;
    }
    return e;
}

/* The text of the run s[i..e) (a scan_run) into b: white space with a line
** feed in it a '\n' (SoftBreak), other white space a ' '. */
static void
run_text(struct sz_buf *b, const char *s, size_t i, size_t e)
{
    sz_buf_clear(b);
    sz_buf_reserve(b, e - i);
    while (i < e) {
        size_t j = i;
        if (wcls[(unsigned char)s[i]] & W_WS) {
            int nl = 0;
            while (j < e && (wcls[(unsigned char)s[j]] & W_WS))
                nl |= s[j++] == '\n';
            sz_buf_putc(b, nl ? '\n' : ' ');
        } else {
            while (j < e && !(wcls[(unsigned char)s[j]] & W_WS))
                j++;
            sz_buf_put(b, s + i, j - i);
        }
        i = j;
    }
}

/* Longest piece of text given smart punctuation at once (see put_words). */
#define SMART_PIECE 65536

static void put_words_(struct mdr *r, struct sz_node *parent, const char *s, size_t n);

/* Turns text into Str, Space and SoftBreak nodes (runs where it can) at
** the end of parent.  With smart punctuation, a long text goes in pieces
** cut after white space (no dash or ellipsis spans a cut), so the copy
** with typographic dashes stays small. */
static void
put_words(struct mdr *r, struct sz_node *parent, const char *s, size_t n)
{
    if (!(r->fl == F_MARKDOWN && r->o->smart)) {
        put_words_(r, parent, s, n);
        return;
    }
    while (n) {
        size_t k = n;
        if (n > SMART_PIECE) {
            /* the end of the last white space that has a word after it */
            k = SMART_PIECE;
            while (k < n && !(ws_char((unsigned char)s[k - 1]) && !ws_char((unsigned char)s[k])))
                k++;
        }
        if (has_smart(s, k)) {
            sz_buf_clear(&r->smart);
            put_smart(&r->smart, s, k);
            put_words_(r, parent, r->smart.data, r->smart.len);
        } else {
            put_words_(r, parent, s, k);   /* most text: no dash, no ellipsis */
        }
        s += k;
        n -= k;
    }
}

static void
put_words_(struct mdr *r, struct sz_node *parent, const char *s, size_t n)
{
    size_t i = 0;
    int smart = r->fl == F_MARKDOWN && r->o->smart;
    while (i < n) {
        size_t j = i;
        if (ws_char((unsigned char)s[i])) {
            int nl = 0;
            while (j < n && ws_char((unsigned char)s[j]))
                nl |= s[j++] == '\n';
            struct sz_node *l = sz_node_last(parent);
            if (smart && !nl && l && l->kind == SZ_STR && l != r->esc_dot &&
                ends_in_abbrev(l->text, l->len)) {
                add_inline(r, parent, mk_str(r, "\xc2\xa0", 2));
                i = j;
                continue;
            }
            add_inline(r, parent, mk_node(r, nl ? SZ_SOFTBREAK : SZ_SPACE));
        } else {
            struct sz_node *l = sz_node_last(parent);
            size_t nw = 0, e = 0;
            int exact = 1;
            if (!l || l->kind != SZ_STR)       /* a run joins no Str before it */
                e = scan_run(s, n, i, smart, &nw, &exact);
            if (nw >= 2) {
                struct sz_node *x;
                if (exact) {
                    x = mk_str(r, s + i, e - i);
                } else {
                    run_text(&r->run, s, i, e);
                    x = mk_str(r, r->run.data, r->run.len);
                }
                x->sub = SZ_STR_RUN;
                add_inline(r, parent, x);
                i = e;
                continue;
            }
            while (j < n && !ws_char((unsigned char)s[j]))
                j++;
            put_word(r, parent, s + i, j - i);
        }
        i = j;
    }
}

/* }================================================================== */

/* {=================================================================
** pandoc's attributes: {#id .class key=value}
** ================================================================== */

static int
is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Parses s, which starts with '{' and ends with '}', into a; returns 0 (and
** leaves a alone) when it is not a valid attribute block.  With r NULL it
** only checks (a code fence's info string, before the parse). */
static int
parse_attr_braces(struct mdr *r, const char *s, struct sz_attr *a)
{
    size_t n = strlen(s);
    if (n < 2 || s[0] != '{' || s[n - 1] != '}')
        return 0;
    struct sz_attr t = { "", NULL, 0, NULL, 0 };
    struct sz_buf k = SZ_BUF_INIT, v = SZ_BUF_INIT;
    size_t i = 1, end = n - 1;
    int ok = 1;
    while (ok) {
        while (i < end && is_ws((unsigned char)s[i]))
            i++;
        if (i >= end)
            break;
        size_t j = i;
        if (s[i] == '-' && (i + 1 == end || is_ws((unsigned char)s[i + 1]))) {
            if (r)
                sz_attr_add_class(r->doc, &t, "unnumbered");    /* {-} */
            i++;
            continue;
        }
        if (s[i] == '#' || s[i] == '.') {
            j = i + 1;
            while (j < end && !is_ws((unsigned char)s[j]) && s[j] != '=' && s[j] != '"' &&
                   s[j] != '{' && s[j] != '}')
                j++;
            if (j == i + 1 || (j < end && !is_ws((unsigned char)s[j]))) {
                ok = 0;
                break;
            }
            char *w = r ? sz_arena_strndup(r->doc->arena, s + i + 1, j - i - 1) : NULL;
            if (w && s[i] == '#')
                t.id = w;
            else if (w)
                sz_attr_add_class(r->doc, &t, w);
            i = j;
            continue;
        }
        while (j < end && s[j] != '=' && !is_ws((unsigned char)s[j]) && s[j] != '"')
            j++;
        if (j == i || j >= end || s[j] != '=') {
            ok = 0;
            break;
        }
        sz_buf_clear(&k);
        sz_buf_clear(&v);
        sz_buf_put(&k, s + i, j - i);
        j++;
        if (j < end && (s[j] == '"' || s[j] == '\'')) {
            char q = s[j++];
            while (j < end && s[j] != q) {
                if (s[j] == '\\' && j + 1 < end)
                    j++;
                sz_buf_putc(&v, s[j++]);
            }
            if (j >= end) {
                ok = 0;
                break;
            }
            j++;
        } else {
            while (j < end && !is_ws((unsigned char)s[j]))
                sz_buf_putc(&v, s[j++]);
        }
        if (r)
            sz_attr_add_kv(r->doc, &t, k.data, v.data ? v.data : "");
        i = j;
    }
    sz_buf_free(&k);
    sz_buf_free(&v);
    if (ok && a)
        *a = t;
    return ok;
}

/* parse_attr_braces into node n's Attr (replacing it). */
static int
node_attr_braces(struct mdr *r, const char *s, struct sz_node *n)
{
    struct sz_attr a = sz_attr_empty;
    if (!parse_attr_braces(r, s, &a))
        return 0;
    sz_node_set_attr(r->doc, n, &a);
    return 1;
}

/* pandoc's raw_attribute: s[0..n) is {=FORMAT}; the format, or NULL (with
** r NULL, "" for one). */
static const char *
raw_format(struct mdr *r, const char *s, size_t n)
{
    if (n < 4 || s[0] != '{' || s[1] != '=' || s[n - 1] != '}')
        return NULL;
    for (size_t i = 2; i + 1 < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' || s[i] == '+'))
            return NULL;
    return r ? sz_arena_strndup(r->doc->arena, s + 2, n - 3) : "";
}

/* A heading's trailing {#id .class} (pandoc's header_attributes): it is
** plain text, so it sits at the end of the pending text. */
static void
header_attr(struct mdr *r, struct sz_node *h)
{
    const char *t = r->tslice ? r->tslice : r->text.data;
    size_t n = r->tslice ? r->tslice_len : r->text.len;
    while (n && is_ws((unsigned char)t[n - 1]))
        n--;
    if (!n || t[n - 1] != '}')
        return;
    size_t b = n - 1;
    while (b > 0 && t[b] != '{')
        b--;
    if (t[b] != '{')
        return;
    char *s = sz_arena_strndup(r->doc->arena, t + b, n - b);
    if (!node_attr_braces(r, s, h))
        return;
    while (b && is_ws((unsigned char)t[b - 1]))
        b--;
    if (r->tslice) {
        r->tslice_len = b;
    } else {
        r->text.len = b;
        r->text.data[b] = '\0';
    }
}

/* }================================================================== */

/* {=================================================================
** The node stack
** ================================================================== */

static int
push(struct mdr *r, struct sz_node *n)
{
    if (r->depth >= STACK_MAX || (r->depth >= SZ_MAX_DEPTH && !r->table)) {
        error_at(r, r->last, "Markdown nested deeper than " SZ_STR(SZ_MAX_DEPTH)
                    " levels (SZ_MAX_DEPTH), at or after this point");
        return -1;
    }
    struct sz_node *p = top(r);
    if (sz_kind_is_inline(n->kind))
        add_inline(r, p, n);
    else
        sz_node_append(p, n);
    memset(&r->st[r->depth], 0, sizeof r->st[0]);
    r->st[r->depth++].n = n;
    return 0;
}

/* Closes an implicit Plain, dropping it when empty. */
static void finish_inlines(struct mdr *r, struct sz_node *n);

static void mark_item_para(struct mdr *r, struct sz_node *para);

static void
close_implicit(struct mdr *r)
{
    if (r->depth > 1 && r->st[r->depth - 1].implicit) {
        struct sz_node *p = top(r);
        flush_into(r, p);
        finish_inlines(r, p);
        if (r->fl == F_MARKDOWN && p->kind == SZ_PLAIN)
            mark_item_para(r, p);
        seal(r, p);
        r->depth--;
        if (!p->first)
            sz_node_unlink(p);
    }
}

/* The text a task item starts with: pandoc's ballot boxes, or (an ordered
** item in gfm) the mark as written. */
static void
task_text(struct mdr *r, int task)
{
    static const char *const marks[] = { "", "\xe2\x98\x90 ", "\xe2\x98\x92 ", "[ ] ", "[x] ",
                                         "[X] " };
    text_own(r);
    sz_buf_puts(&r->text, marks[task]);
}

/* Where inlines go: the top node, or a Plain opened for them inside a tight
** list item or a table cell (md4c gives their text with no paragraph). */
static struct sz_node *
inline_parent(struct mdr *r)
{
    struct frame *f = &r->st[r->depth - 1];
    if (f->n->kind == SZ_ITEM || f->n->kind == SZ_CELL || f->n->kind == SZ_DOC ||
        f->n->kind == SZ_BLOCKQUOTE) {
        int task = f->n->kind == SZ_ITEM ? f->task : 0;
        f->task = 0;
        if (push(r, sz_node_new(r->doc, SZ_PLAIN)) < 0)
            return NULL;
        r->st[r->depth - 1].implicit = 1;
        if (task)
            task_text(r, task);
    }
    return top(r);
}

/* }================================================================== */

/* {=================================================================
** md4c callbacks
** ================================================================== */

/* Columns pandoc's markdown assumes when it sizes pipe tables. */
#define MD_COLUMNS 72

/* pandoc's markdown gives a pipe table with a line longer than 72
** characters relative column widths: the dashes of each column (colons
** included) over all dashes.  s is text in the table's header row. */
static void
table_widths(struct mdr *r, const char *s)
{
    const char *end = r->src + r->len, *a = s;
    r->table_measured = 1;
    while (a > r->src && a[-1] != '\n')
        a--;
    const char *sep = memchr(s, '\n', (size_t)(end - s));
    if (!sep)
        return;
    sep++;
    const char *sepe = memchr(sep, '\n', (size_t)(end - sep));
    if (!sepe)
        sepe = end;
    size_t maxlen = 0, total = 0;
    const char *l = a;
    for (unsigned row = 0; row <= r->table_rows + 1 && l < end; row++) {
        const char *e = memchr(l, '\n', (size_t)(end - l));
        if (!e)
            e = end;
        size_t cps = 0;
        for (const char *q = l; q < e; q++)
            cps += ((unsigned char)*q & 0xC0) != 0x80 && *q != '\r';
        if (l != sep && cps > maxlen)
            maxlen = cps;
        l = e + 1;
    }
    if (maxlen <= MD_COLUMNS)
        return;
    /* The separator: the header row cannot hold '\n', so it is the next line. */
    size_t lens[512], n = 0;
    for (const char *q = sep; q < sepe && n < 512;) {
        while (q < sepe && (*q == ' ' || *q == '\t' || *q == '|' || *q == '\r'))
            q++;
        if (q >= sepe)
            break;
        size_t k = 0;
        while (q < sepe && (*q == '-' || *q == ':'))
            q++, k++;
        if (!k)
            return;
        lens[n++] = k;
        total += k;
    }
    struct sz_node *c = r->table->first ? r->table->first->next : NULL;
    for (size_t i = 0; i < n && c && c->kind == SZ_COLSPEC; i++, c = c->next)
        c->width = (double)lens[i] / (double)total;
}

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct mdr *r = ud;
    struct sz_doc *doc = r->doc;
    struct sz_node *n = NULL;
    close_implicit(r);
    switch (type) {
    case MD_BLOCK_DOC:
        return 0;
    case MD_BLOCK_QUOTE:
        n = sz_node_new(doc, SZ_BLOCKQUOTE);
        break;
    case MD_BLOCK_UL:
        n = sz_node_new(doc, SZ_BULLETLIST);
        if (push(r, n) < 0)
            return -1;
        r->st[r->depth - 1].tight = ((MD_BLOCK_UL_DETAIL *)detail)->is_tight != 0;
        return 0;
    case MD_BLOCK_OL: {
        MD_BLOCK_OL_DETAIL *d = detail;
        n = sz_node_new(doc, SZ_ORDEREDLIST);
        n->ival = (int)d->start;
        n->sub = SZ_STYLE_DECIMAL;
        n->sub2 = d->mark_delimiter == ')' ? SZ_DELIM_ONE_PAREN : SZ_DELIM_PERIOD;
        if (push(r, n) < 0)
            return -1;
        r->st[r->depth - 1].tight = d->is_tight != 0;
        return 0;
    }
    case MD_BLOCK_LI: {
        MD_BLOCK_LI_DETAIL *d = detail;
        struct frame *lf = &r->st[r->depth - 1];
        int tight = lf->tight;
        if (r->fl == F_GFM && lf->n->kind == SZ_BULLETLIST) {
            /* pandoc's gfm: task items and other items make separate lists. */
            int kind = d->is_task ? 2 : 1;
            if (lf->task && lf->task != kind) {
                r->depth--;
                if (push(r, sz_node_new(doc, SZ_BULLETLIST)) < 0)
                    return -1;
                lf->tight = (unsigned char)tight;
            }
            lf->task = (unsigned char)kind;
        } else if (r->fl == F_GFM && d->is_task) {
            /* ... and ordered items are no tasks. */
            if (push(r, sz_node_new(doc, SZ_ITEM)) < 0)
                return -1;
            r->st[r->depth - 1].tight = (unsigned char)tight;
            r->st[r->depth - 1].task = (unsigned char)(d->task_mark == ' ' ? 3 : d->task_mark == 'x' ? 4 : 5);
            return 0;
        }
        if (push(r, sz_node_new(doc, SZ_ITEM)) < 0)
            return -1;
        r->st[r->depth - 1].tight = (unsigned char)tight;
        if (d->is_task)
            r->st[r->depth - 1].task = d->task_mark == ' ' ? 1 : 2;
        return 0;
    }
    case MD_BLOCK_HR:
        n = sz_node_new(doc, SZ_HRULE);
        break;
    case MD_BLOCK_H:
        n = sz_node_new(doc, SZ_HEADER);
        n->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
        break;
    case MD_BLOCK_CODE: {
        MD_BLOCK_CODE_DETAIL *d = detail;
        n = sz_node_new(doc, SZ_CODEBLOCK);
        if (d->lang.size) {
            const char *lang = attr_text(r, &d->lang), *info = attr_text(r, &d->info);
            const char *fmt = r->fl == F_MARKDOWN ? raw_format(r, info, strlen(info)) : NULL;
            if (fmt) {
                n->kind = SZ_RAWBLOCK;   /* ```{=ms} */
                n->format = fmt;
            } else if (!(r->fl == F_MARKDOWN && info[0] == '{' &&
                         node_attr_braces(r, info, n))) {
                /* ```yaml {#id .class}: the language first, then the rest */
                struct sz_attr t = { "", NULL, 0, NULL, 0 };
                const char *rest = info + strlen(lang);
                while (*rest == ' ' || *rest == '\t')
                    rest++;
                int more = r->fl == F_MARKDOWN && *rest == '{' && parse_attr_braces(r, rest, &t);
                sz_attr_add_class(doc, sz_node_attr(doc, n), lang);
                if (more) {
                    sz_node_attr(doc, n)->id = t.id;
                    for (size_t c = 0; c < t.nclasses; c++)
                        sz_attr_add_class(doc, sz_node_attr(doc, n), t.classes[c]);
                    for (size_t c = 0; c < t.nkvs; c++)
                        sz_attr_add_kv(doc, sz_node_attr(doc, n), t.kvs[c].key, t.kvs[c].value);
                }
            }
        }
        r->verb_mode = -1;
        sz_buf_clear(&r->verb);
        break;
    }
    case MD_BLOCK_HTML:
        n = sz_node_new(doc, SZ_RAWBLOCK);
        n->format = "html";
        r->verb_mode = -1;
        sz_buf_clear(&r->verb);
        break;
    case MD_BLOCK_P: {
        struct frame *f = &r->st[r->depth - 1];
        n = sz_node_new(doc, f->n->kind == SZ_ITEM && f->tight ? SZ_PLAIN : SZ_PARA);
        if (push(r, n) < 0)
            return -1;
        if (f->n->kind == SZ_ITEM && f->task) {
            task_text(r, f->task);
            f->task = 0;
        }
        return 0;
    }
    case MD_BLOCK_TABLE: {
        MD_BLOCK_TABLE_DETAIL *d = detail;
        n = sz_node_new(doc, SZ_TABLE);
        sz_node_append(n, sz_node_new(doc, SZ_CAPTION));
        for (unsigned i = 0; i < d->col_count; i++)
            sz_node_append(n, sz_node_new(doc, SZ_COLSPEC));
        if (push(r, n) < 0)
            return -1;
        r->table = n;
        r->table_rows = d->body_row_count;
        r->table_measured = r->fl != F_MARKDOWN;
        return 0;
    }
    case MD_BLOCK_THEAD:
        n = sz_node_new(doc, SZ_THEAD);
        break;
    case MD_BLOCK_TBODY:
        n = sz_node_new(doc, SZ_TBODY);
        sz_node_append(n, sz_node_new(doc, SZ_TBODY_HEAD));
        break;
    case MD_BLOCK_TR:
        n = sz_node_new(doc, SZ_ROW);
        r->cell_spec = r->table ? r->table->first->next : NULL;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
        MD_BLOCK_TD_DETAIL *d = detail;
        n = sz_node_new(doc, SZ_CELL);
        if (r->cell_spec && r->cell_spec->kind == SZ_COLSPEC) {
            if (type == MD_BLOCK_TH)
                r->cell_spec->sub = d->align == MD_ALIGN_LEFT ? SZ_ALIGN_LEFT
                                    : d->align == MD_ALIGN_CENTER ? SZ_ALIGN_CENTER
                                    : d->align == MD_ALIGN_RIGHT ? SZ_ALIGN_RIGHT
                                                                 : SZ_ALIGN_DEFAULT;
            r->cell_spec = r->cell_spec->next;
        }
        break;
    }
    }
    if (!n)
        return 0;
    return push(r, n);
}

/* pandoc's markdown decides tight and loose lists paragraph by paragraph,
** not as CommonMark does by the blank lines between items: a paragraph of
** an item followed by a blank line, a ``` fence or the end of a div is a
** Para, others are Plain.  Marks the paragraph that just ended (ival). */
#define PARA_BLANK_AFTER 1

static int div_kind(const struct sz_node *n, const char **attrs, size_t *alen);

static int block_tag_name(const char *s, size_t n);
static size_t html_tag_at(const char *t, size_t n, size_t p, const char **name, size_t *nlen,
                          int *close);

/* A paragraph outside a list item right before a line opening with a
** block-level HTML tag is Plain in pandoc's markdown (its text ends at the
** tag), except before </div>, the end of a native div. */
static void
para_before_tag(struct mdr *r, struct sz_node *para)
{
    const char *p = r->last, *end = r->src + r->len, *nl, *name;
    size_t nlen;
    int close;
    if ((r->depth >= 2 && r->st[r->depth - 2].n->kind == SZ_ITEM) || !p || p < r->src ||
        p > end || !(nl = memchr(p, '\n', (size_t)(end - p))))
        return;
    for (p = nl + 1; p < end && (*p == ' ' || *p == '\t'); p++)
        ;
    size_t at = (size_t)(p - r->src);
    if (p < end && *p == '<' && html_tag_at(r->src, r->len, at, &name, &nlen, &close) &&
        block_tag_name(name, nlen) && !(close && nlen == 3 && strncasecmp(name, "div", 3) == 0))
        para->kind = SZ_PLAIN;
}

static void
mark_item_para(struct mdr *r, struct sz_node *para)
{
    const char *p = r->last, *end = r->src + r->len, *nl;
    if (r->depth < 2 || r->st[r->depth - 2].n->kind != SZ_ITEM || !p || p < r->src || p > end ||
        !(nl = memchr(p, '\n', (size_t)(end - p))))
        return;
    for (p = nl + 1; p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '>'); p++)
        ;
    size_t left = (size_t)(end - p);
    if ((p < end && *p == '\n') || (left >= 3 && memcmp(p, "```", 3) == 0) ||
        (left > MARK_LEN && memcmp(p, "<!--" MARK "c", MARK_LEN + 1) == 0) ||
        (left >= 6 && strncasecmp(p, "</div>", 6) == 0))
        para->ival = PARA_BLANK_AFTER;
}

/* pandoc's compactify on a list md4c has finished: a Para that ends the
** last item alone becomes Plain, and a list holding any other Para has
** Paras only.  Paragraphs inside a div of an item (still its markers here,
** see fix_divs) are the div's, not the list's. */
static void
compactify(struct sz_node *list)
{
    size_t paras = 0, final = 0;
    for (int pass = 0; pass < 2; pass++) {
        int loose = paras > final;
        for (struct sz_node *it = list->first; it; it = it->next) {
            int depth = 0;
            for (struct sz_node *c = it->first; c; c = c->next) {
                const char *at;
                size_t alen;
                int k = div_kind(c, &at, &alen);
                if (k == 'o' || k == 'O')
                    depth++;
                else if ((k == 'c' || k == 'C') && depth)
                    depth--;
                if (c->kind != SZ_PARA && c->kind != SZ_PLAIN)
                    continue;
                int blank = c->ival == PARA_BLANK_AFTER;
                if (pass == 0) {
                    paras += blank && !depth;
                    if (blank && !depth && !it->next && !c->next)
                        final = 1;
                    continue;
                }
                c->kind = depth ? (blank ? SZ_PARA : SZ_PLAIN) : loose ? SZ_PARA : SZ_PLAIN;
                c->ival = 0;
            }
        }
    }
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct mdr *r = ud;
    r->tex_end = NULL;              /* raw TeX ends with its block */
    r->tex_spans = 0;
    close_implicit(r);
    if (type == MD_BLOCK_DOC)
        return 0;
    struct sz_node *n = top(r);
    switch (type) {
    case MD_BLOCK_CODE: {
        size_t l = r->verb.len;
        if (l && r->verb.data[l - 1] == '\n')
            l--;
        sz_node_set_text(r->doc, n, l ? r->verb.data : "", l);
        r->verb_mode = 0;
        break;
    }
    case MD_BLOCK_HTML:
        /* pandoc's markdown drops the last line end; commonmark keeps it. */
        if (r->fl == F_MARKDOWN && r->verb.len && r->verb.data[r->verb.len - 1] == '\n')
            r->verb.len--;
        sz_node_set_text(r->doc, n, r->verb.len ? r->verb.data : "", r->verb.len);
        r->verb_mode = 0;
        if (r->fl == F_MARKDOWN && n->len > MARK_LEN && n->text[0] == ' ') {
            /* a marker keeps a fence's indent before it (mark_divs) */
            size_t sp = 0;
            while (sp < n->len && n->text[sp] == ' ')
                sp++;
            if (n->len - sp > MARK_LEN && memcmp(n->text + sp, "<!--" MARK, MARK_LEN) == 0)
                n->text += sp, n->len -= sp;
        }
        if (r->fl == F_MARKDOWN && n->len >= MARK_LEN + 4 &&
            memcmp(n->text, "<!--" MARK "T", MARK_LEN + 1) == 0 &&
            memcmp(n->text + n->len - 3, "-->", 3) == 0) {
            n->format = "tex";   /* a raw TeX block (mark_tex) */
            n->text += MARK_LEN + 1;
            n->len -= MARK_LEN + 4;
            size_t l = n->len;
            const char *t = tex_expand(r, n->text, &l, 1);
            if (t != n->text)
                n->text = t, n->len = l;
        }
        break;
    case MD_BLOCK_H:
        if (r->fl == F_MARKDOWN)
            header_attr(r, n);
        flush_into(r, n);
        finish_inlines(r, n);
        seal(r, n);
        break;
    case MD_BLOCK_P:
        flush_into(r, n);
        finish_inlines(r, n);
        if (r->fl == F_MARKDOWN) {
            mark_item_para(r, n);
            para_before_tag(r, n);
        }
        seal(r, n);
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        if (r->fl == F_MARKDOWN)
            compactify(n);
        break;
    case MD_BLOCK_TABLE:
        sz_node_append(n, sz_node_new(r->doc, SZ_TFOOT));
        r->table = NULL;
        for (int i = r->depth - 2; i > 0; i--)
            if (r->st[i].n->kind == SZ_TABLE) {
                r->table = r->st[i].n;
                break;
            }
        break;
    default:
        break;
    }
    r->depth--;
    SZ_UNUSED(detail);
    return 0;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct mdr *r = ud;
    struct sz_doc *doc = r->doc;
    if (r->tex_end && r->tex_at < r->tex_end) {
        r->tex_spans++;             /* its mark is inside raw TeX */
        return 0;
    }
    struct sz_node *p = inline_parent(r), *n = NULL;
    if (!p)
        return -1;
    flush_into(r, p);
    switch (type) {
    case MD_SPAN_EM:
        n = sz_node_new(doc, SZ_EMPH);
        break;
    case MD_SPAN_STRONG:
        n = sz_node_new(doc, SZ_STRONG);
        break;
    case MD_SPAN_DEL:
        n = sz_node_new(doc, SZ_STRIKEOUT);
        break;
    case MD_SPAN_U:
        n = sz_node_new(doc, SZ_UNDERLINE);
        break;
    case MD_SPAN_A: {
        MD_SPAN_A_DETAIL *d = detail;
        n = sz_node_new(doc, SZ_LINK);
        n->target->url = attr_text(r, &d->href);
        n->target->title = attr_text(r, &d->title);
        if (r->fl == F_MARKDOWN) {
            /* pandoc's markdown marks autolinks.  md4c points the target of
            ** <uri> into the text after '<' (of [a](<uri>) too, after
            ** "](<"), and makes the "mailto:" of <e@mail> itself. */
            const char *h = d->href.text;
            int in_src = h >= r->src && h < r->src + r->len;
            const char *ra = ref_attrs_at(r, h);
            if (ra)
                node_attr_braces(r, ra, n);
            if (!in_src && strncmp(n->target->url, "mailto:", 7) == 0)
                sz_attr_add_class(doc, sz_node_attr(doc, n), "email");
            else if (in_src && h > r->src && h[-1] == '<' &&
                     !(h - r->src >= 3 && h[-2] == '(' && h[-3] == ']'))
                sz_attr_add_class(doc, sz_node_attr(doc, n), "uri");
            n->target->url = escape_uri(r, n->target->url);
        }
        break;
    }
    case MD_SPAN_IMG: {
        MD_SPAN_IMG_DETAIL *d = detail;
        n = sz_node_new(doc, SZ_IMAGE);
        n->target->url = attr_text(r, &d->src);
        n->target->title = attr_text(r, &d->title);
        if (r->fl == F_MARKDOWN)
            n->target->url = escape_uri(r, n->target->url);
        break;
    }
    case MD_SPAN_CODE:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
        r->verb_mode = (int)type + 1;
        r->math_gap = 0;
        sz_buf_clear(&r->verb);
        return 0;
    case MD_SPAN_WIKILINK:
        return 0;
    }
    return push(r, n);
}

/* pandoc's tex_math_dollars: the opening $ has a non-space after it, the
** closing one a non-space before it and no digit after it ($22,000 and
** $34,000 is text); md4c is less strict. */
static int
not_math(const struct mdr *r)
{
    const char *v = r->verb.data;
    size_t n = r->verb.len;
    if (!n || r->math_gap || is_ws((unsigned char)v[0]) || v[0] == '\n' || is_ws((unsigned char)v[n - 1]) ||
        v[n - 1] == '\n')
        return 1;
    const char *e = r->last, *end = r->src + r->len;
    return e && e >= r->src && e + 1 < end && e[0] == '$' && e[1] >= '0' && e[1] <= '9';
}

/* The $...$ md4c took for math, as text; its line ends are soft breaks. */
static int
math_as_text(struct mdr *r, struct sz_node *p)
{
    const char *v = r->verb.data ? r->verb.data : "";
    size_t n = r->verb.len, i = 0;
    r->verb_mode = 0;
    text_own(r);
    sz_buf_putc(&r->text, '$');
    if (r->math_gap == '\n' || r->math_gap == '\r') {
        flush_into(r, p);
        add_inline(r, p, mk_node(r, SZ_SOFTBREAK));
    }
    while (i <= n) {
        const char *nl = memchr(v + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - v) : n;
        sz_buf_put(&r->text, v + i, e - i);
        if (!nl)
            break;
        while (r->text.len && is_ws((unsigned char)r->text.data[r->text.len - 1]))
            r->text.len--;
        flush_into(r, p);
        add_inline(r, p, mk_node(r, SZ_SOFTBREAK));
        i = e + 1;
        while (i < n && is_ws((unsigned char)v[i]))
            i++;
    }
    sz_buf_putc(&r->text, '$');
    return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct mdr *r = ud;
    struct sz_doc *doc = r->doc;
    SZ_UNUSED(detail);
    if (r->tex_spans) {
        r->tex_spans--;
        return 0;
    }
    if (type == MD_SPAN_WIKILINK)
        return 0;
    if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) {
        struct sz_node *p = inline_parent(r);
        if (!p)
            return -1;
        if (type == MD_SPAN_LATEXMATH && r->fl == F_MARKDOWN && not_math(r))
            return math_as_text(r, p);
        struct sz_node *n = sz_node_new(doc, type == MD_SPAN_CODE ? SZ_CODE : SZ_MATH);
        if (r->table && r->fl != F_COMMONMARK && memchr(r->verb.data ? r->verb.data : "", '|', r->verb.len)) {
            /* In a table, \| is a pipe even in code (GFM spec). */
            size_t o = 0;
            for (size_t i = 0; i < r->verb.len; i++)
                if (!(r->verb.data[i] == '\\' && i + 1 < r->verb.len && r->verb.data[i + 1] == '|'))
                    r->verb.data[o++] = r->verb.data[i];
            r->verb.len = o;
        }
        if (type == MD_SPAN_LATEXMATH_DISPLAY)
            n->sub = SZ_MATH_DISPLAY;
        size_t a = 0, b = r->verb.len;
        if (type == MD_SPAN_CODE && r->fl == F_MARKDOWN) {
            /* pandoc's markdown trims code (``  a  ``), CommonMark one space */
            while (a < b && is_ws((unsigned char)r->verb.data[a]))
                a++;
            while (b > a && is_ws((unsigned char)r->verb.data[b - 1]))
                b--;
        }
        sz_node_set_text(doc, n, b > a ? r->verb.data + a : "", b - a);
        if (type != MD_SPAN_CODE && r->macros.n) {
            size_t l = n->len;
            const char *t = tex_expand(r, n->text, &l, 0);
            if (t != n->text)
                n->text = t, n->len = l;
        }
        r->verb_mode = 0;
        add_inline(r, p, n);
        return 0;
    }
    struct sz_node *n = top(r);
    flush_into(r, n);
    r->depth--;
    if (type == MD_SPAN_DEL) {
        /* md4c takes ~x~ as strikeout too; pandoc's gfm keeps it as text and
        ** its markdown makes it a subscript.  The closing tildes follow the
        ** last text the span gave us. */
        const char *e = r->last;
        while (e && e < r->src + r->len && (*e == '*' || *e == '_' || *e == '`'))
            e++;
        int single = e && e < r->src + r->len && *e == '~' &&
                     !(e + 1 < r->src + r->len && e[1] == '~');
        if (single && r->fl == F_MARKDOWN) {
            n->kind = SZ_SUBSCRIPT;
        } else if (single || r->fl == F_COMMONMARK) {
            struct sz_node *p = n->parent;
            sz_node_unlink(n);
            add_inline(r, p, sz_node_new_text(doc, SZ_STR, "~", 1));
            while (n->first) {
                struct sz_node *c = n->first;
                sz_node_unlink(c);
                add_inline(r, p, c);
            }
            add_inline(r, p, sz_node_new_text(doc, SZ_STR, "~", 1));
            return 0;
        }
    }
    if (type == MD_SPAN_EM && r->fl == F_MARKDOWN && n->first && !n->first->next &&
        n->first->kind == SZ_STRONG) {
        /* ***x*** is Strong [Emph] in pandoc's markdown. */
        const char *e = r->last;
        if (e && e + 3 <= r->src + r->len && e[0] == e[1] && e[1] == e[2] &&
            (e[0] == '*' || e[0] == '_')) {
            n->kind = SZ_STRONG;
            n->first->kind = SZ_EMPH;
        }
    }
    finish_inlines(r, n);
    return 0;
}

/* Whether md4c's text s[0..size) lies inside raw TeX already taken from
** src (see raw_tex_at); trims a piece that runs past its end. md4c's own
** strings (a soft break's "\n") are inside while a line end of src is. */
static int
in_raw_tex(struct mdr *r, const MD_CHAR **s, MD_SIZE *size)
{
    const char *e = r->tex_end;
    if (!e)
        return 0;
    if (*s >= r->src && *s <= r->src + r->len) {
        if (*s + *size <= e) {
            r->tex_at = *s + *size;
            return 1;
        }
        if (*s < e) {
            *size -= (MD_SIZE)(e - *s);
            *s = e;
        }
    } else if (r->tex_at < e) {
        const char *nl = memchr(r->tex_at, '\n', (size_t)(e - r->tex_at));
        if (nl) {
            r->tex_at = nl + 1;
            return 1;
        }
    }
    r->tex_end = NULL;
    return 0;
}

/* pandoc's latex_macros: a definition without parameters in raw TeX is
** remembered (when learn), and later uses of the macro in raw TeX and math
** become its body; \ifstrequal takes its branch.  Returns s itself when
** nothing changed, else the new text (in the arena, its length in *len). */
static const char *
tex_expand(struct mdr *r, const char *s, size_t *len, int learn)
{
    size_t n = *len, i = 0, done = 0;
    struct sz_buf out = SZ_BUF_INIT;
    const char *bs;
    while (i < n && (bs = memchr(s + i, '\\', n - i)) != NULL) {
        size_t k = (size_t)(bs - s), d, nl, bl;
        const char *nm, *body;
        if (k + 1 < n && s[k + 1] == '\\') {
            i = k + 2;
            continue;
        }
        if (k + 1 >= n || !isalpha((unsigned char)s[k + 1])) {
            i = k + 1;
            continue;
        }
        if (learn && (d = sz_md_tex_macro(s + k, n - k, &nm, &nl, &body, &bl)) != 0) {
            if (nl < 64) {      /* kept as written; its body with the macros so far */
                size_t el = bl;
                const char *eb = tex_expand(r, body, &el, 0);
                sz_map_put(&r->macros, sz_arena_strndup(r->doc->arena, nm, nl),
                           sz_arena_strndup(r->doc->arena, eb, el));
            }
            i = k + d;
            continue;
        }
        if ((d = sz_md_tex_ifstrequal(s + k, n - k, &body, &bl)) != 0) {
            sz_buf_put(&out, s + done, k - done);
            sz_buf_put(&out, body, bl);
            done = i = k + d;
            continue;
        }
        size_t e = k + 1;
        while (e < n && isalpha((unsigned char)s[e]))
            e++;
        if (r->macros.n && e - k - 1 < 64) {
            char key[64];
            memcpy(key, s + k + 1, e - k - 1);
            key[e - k - 1] = '\0';
            const char *v = sz_map_get(&r->macros, key);
            if (v) {
                sz_buf_put(&out, s + done, k - done);
                sz_buf_puts(&out, v);
                done = e;
            }
        }
        i = e;
    }
    if (!done) {
        sz_buf_free(&out);
        return s;
    }
    sz_buf_put(&out, s + done, n - done);
    char *t = sz_arena_strndup(r->doc->arena, out.data ? out.data : "", out.len);
    *len = out.len;
    sz_buf_free(&out);
    return t;
}

/* pandoc's raw_tex inside running text: the command at s[i] (a backslash
** and a letter, not escaped), read from src with its arguments as one
** RawInline tex; returns its length in s (up to size; what lies beyond is
** skipped as md4c hands it over), 0 when there is none. */
static MD_SIZE
raw_tex_at(struct mdr *r, struct sz_node *p, const MD_CHAR *s, MD_SIZE size, MD_SIZE i)
{
    const char *at = s + i, *end = r->src + r->len;
    if (at < r->src || at >= end || i + 1 >= size || !isalpha((unsigned char)at[1]) ||
        (at > r->src && at[-1] == '\\'))
        return 0;
    /* A text of unclosed braces would be scanned from each of them to the
    ** limit: past a budget in proportion to the text, a short look only. */
    size_t look = (size_t)(end - at), cap = r->tex_budget ? SZ_MD_TEX_INLINE_MAX : 64;
    size_t n = sz_md_tex_inline(at, look < cap ? look : cap);
    if (!n) {
        r->tex_budget -= r->tex_budget < cap ? r->tex_budget : cap;
        return 0;
    }
    if (memchr(at, '\n', n))
        for (int d = 1; d < r->depth; d++)
            if (r->st[d].n->kind == SZ_BLOCKQUOTE || r->st[d].n->kind == SZ_ITEM ||
                r->st[d].n->kind == SZ_DEFITEM)
                return 0;       /* its next line has the container's marks */
    flush_into(r, p);
    size_t rl = n;
    const char *rt = tex_expand(r, at, &rl, 1);
    struct sz_node *raw = sz_node_new_text(r->doc, SZ_RAWINLINE, rt, rl);
    raw->format = "tex";
    add_inline(r, p, raw);
    if (n > size - i) {
        r->tex_end = at + n;
        r->tex_at = s + size;
        r->tex_spans = 0;
        return size - i;
    }
    return (MD_SIZE)n;
}

static int
text_cb(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *ud)
{
    struct mdr *r = ud;
    const MD_CHAR *mk;
    if (r->fl == F_MARKDOWN && (type == MD_TEXT_NORMAL || type == MD_TEXT_CODE) &&
        (mk = memchr(s, MARK[0], size)) != NULL) {
        /* MARK before a fence line that is text, or before an escaped
        ** bracket in math md4c did not take as math (guard_paragraphs) */
        if (mk > s && text_cb(type, s, (MD_SIZE)(mk - s), ud) < 0)
            return -1;
        return mk + 1 < s + size ? text_cb(type, mk + 1, (MD_SIZE)(s + size - mk - 1), ud) : 0;
    }
    if (r->tex_end && in_raw_tex(r, &s, &size))
        return 0;
    if (s >= r->src && s <= r->src + r->len)
        r->last = s + size;
    if (r->verb_mode) {
        if (!r->verb.len && s > r->src && s <= r->src + r->len)
            r->math_gap = s[-1] != '$' ? (unsigned char)s[-1] : 0;
        if (type == MD_TEXT_NULLCHAR)
            sz_buf_put_utf8(&r->verb, 0xFFFD);
        else if (type == MD_TEXT_ENTITY && r->verb_mode < 0)
            sz_buf_put(&r->verb, s, size);
        else if (type == MD_TEXT_ENTITY)
            put_entity(&r->verb, s, size);
        else if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
            sz_buf_putc(&r->verb, r->verb_mode < 0 ? '\n' : ' ');
        else if (type == MD_TEXT_LATEXMATH && r->fl == F_MARKDOWN && size == 1 &&
                 (s[0] == '\n' || (s[0] == ' ' && !(s >= r->src && s < r->src + r->len))))
            sz_buf_putc(&r->verb, '\n');  /* math keeps its line ends, as in pandoc */
        else if (type == MD_TEXT_LATEXMATH && r->fl == F_MARKDOWN && memchr(s, MARK[0], size))
            for (MD_SIZE q = 0; q < size; q++) {
                if (s[q] == MARK[0] && q + 1 < size && s[q + 1] == '\\')
                    q++;            /* MARK and a backslash before a bracket */
                else
                    sz_buf_putc(&r->verb, s[q]);
            }
        else
            sz_buf_put(&r->verb, s, size);
        return 0;
    }
    struct sz_node *p = inline_parent(r);
    if (!p)
        return -1;
    if (r->table && !r->table_measured && s >= r->src && s < r->src + r->len)
        table_widths(r, s);
    if (type == MD_TEXT_NORMAL && !r->text.len && !r->tslice && s >= r->src &&
        s + size <= r->src + r->len && (r->fl != F_MARKDOWN || !memchr(s, '\\', size)) &&
        !(r->nfancy && memchr(s, 0xfe, size)) &&
        !(r->fl == F_MARKDOWN && size == 1 && s[0] == '.' && s > r->src && s[-1] == '\\')) {
        r->tslice = s;          /* taken as it is, not copied */
        r->tslice_len = size;
        return 0;
    }
    text_own(r);
    switch (type) {
    case MD_TEXT_NORMAL:
        if (r->nfancy && memchr(s, 0xfe, size)) {
            for (MD_SIZE q = 0; q < size;) {
                const char *m = memchr(s + q, 0xfe, size - q);
                MD_SIZE k = m ? (MD_SIZE)(m - s) : size, l;
                if (k > q)
                    text_cb(type, s + q, k - q, ud);
                if (k >= size)
                    break;
                l = (MD_SIZE)fancy_mark(r, s + k, size - k);
                if (!l) {
                    sz_buf_putc(&r->text, s[k]);
                    l = 1;
                }
                q = k + l;
            }
            break;
        }
        if (r->fl == F_MARKDOWN && size == 1 && s[0] == '.' && s > r->src && s[-1] == '\\' &&
            r->o->smart) {
            /* "Mr\. Bob": an escaped stop ends no abbreviation. */
            sz_buf_putc(&r->text, '.');
            size_t w = r->text.len;
            while (w > 0 && !is_ws((unsigned char)r->text.data[w - 1]))
                w--;
            if (ends_in_abbrev(r->text.data + w, r->text.len - w)) {
                r->text.len--;
                flush_into(r, p);
                add_inline(r, p, mk_str(r, ".", 1));
                r->esc_dot = sz_node_last(p);
            }
            break;
        }
        if (r->fl == F_MARKDOWN) {
            /* pandoc: a backslash before a space is a no-break space. */
            for (MD_SIZE i = 0; i < size; i++) {
                const char *bs = memchr(s + i, '\\', size - i);
                MD_SIZE k = bs ? (MD_SIZE)(bs - s) : size;
                sz_buf_put(&r->text, s + i, k - i);      /* up to the next backslash */
                if ((i = k) >= size)
                    break;
                MD_SIZE t;
                if (s[i] == '\\' && i + 1 < size && s[i + 1] == ' ' &&
                    !(i == 0 && s > r->src && s[-1] == '\\')) {
                    sz_buf_puts(&r->text, "\xc2\xa0");
                    i++;
                } else if ((t = raw_tex_at(r, p, s, size, i))) {
                    i += t - 1;
                } else {
                    sz_buf_putc(&r->text, s[i]);
                }
            }
        } else {
            sz_buf_put(&r->text, s, size);
        }
        break;
    case MD_TEXT_NULLCHAR:
        sz_buf_put_utf8(&r->text, 0xFFFD);
        break;
    case MD_TEXT_ENTITY:
        put_entity(&r->text, s, size);
        break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        flush_into(r, p);
        add_inline(r, p, mk_node(r, type == MD_TEXT_BR ? SZ_LINEBREAK : SZ_SOFTBREAK));
        break;
    case MD_TEXT_HTML:
        /* One RawInline per tag: md4c gives a tag that spans lines in
        ** pieces (the line ends as pieces of their own). */
        flush_into(r, p);
        struct sz_node *raw = sz_node_last(p);
        if (raw && raw->kind == SZ_RAWINLINE && r->html_open) {
            struct sz_buf b = SZ_BUF_INIT;
            sz_buf_put(&b, raw->text, raw->len);
            sz_buf_put(&b, s, size);
            sz_node_set_text(r->doc, raw, b.data, b.len);
            sz_buf_free(&b);
        } else {
            struct sz_node *n = sz_node_new_text(r->doc, SZ_RAWINLINE, s, size);
            n->format = "html";
            add_inline(r, p, n);
        }
        r->html_open = size && s[size - 1] != '>';
        break;
    default:
        sz_buf_put(&r->text, s, size);
        break;
    }
    return 0;
}

/* }================================================================== */

/* {=================================================================
** pandoc's markdown on top: smart quotes, figures, identifiers
** ================================================================== */

/* Marks a one-character Str that is a quote waiting to be matched. */
#define QMARK 0x51

/* What sits beside a quote: 0 space or the edge, 1 a letter or digit,
** 2 punctuation, 3 an inline that is not text (counts as a word). */
static int
side(const struct sz_node *n, int before)
{
    if (!n || n->kind == SZ_SPACE || n->kind == SZ_SOFTBREAK || n->kind == SZ_LINEBREAK)
        return 0;
    if (n->kind != SZ_STR)
        return 3;
    if (n->ival == QMARK)
        return 2;
    uint32_t cp = 0;
    if (before) {
        size_t i = n->len;
        while (i > 0 && ((unsigned char)n->text[i - 1] & 0xC0) == 0x80)
            i--;
        if (i > 0)
            i--;
        sz_utf8_decode(n->text + i, n->len - i, &cp);
    } else {
        sz_utf8_decode(n->text, n->len, &cp);
    }
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
        (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
        return 1;
    if (c == UTF8PROC_CATEGORY_ZS)
        return 0;
    return 2;
}

/* Joins neighbouring Strs among parent's children. */
static void
merge_strs(struct mdr *r, struct sz_node *parent)
{
    struct sz_node *c = parent->first;
    while (c && c->next) {
        struct sz_node *d = c->next;
        if (c->kind == SZ_STR && d->kind == SZ_STR) {
            sz_node_unlink(d);
            drop_node(r, d);
            char *t = scratch_alloc(r, c->len + d->len + 1);
            memcpy(t, c->text, c->len);
            memcpy(t + c->len, d->text, d->len);
            t[c->len + d->len] = '\0';
            c->text = t;
            c->len += d->len;
            if (SZ_IS_RUN(d))
                c->sub = SZ_STR_RUN;
        } else {
            c = d;
        }
    }
}

/* Open quotes looked at while matching: deeper ones are left as text. */
#define QUOTE_STACK 64

/* pandoc's smart quotes among the children of one inline container: "..."
** and '...' become Quoted, other single quotes apostrophes. */
static void
smart_quotes(struct mdr *r, struct sz_node *parent)
{
    struct sz_doc *doc = r->doc;
    int any = 0;
    /* Each quote character becomes a Str of its own. */
    for (struct sz_node *c = parent->first; c; c = c->next) {
        if (c->kind != SZ_STR || !strpbrk(c->text, "\"'"))
            continue;
        any = 1;
        const char *s = c->text;
        size_t n = c->len, i = 0;
        struct sz_node *at = c;
        while (i < n) {
            size_t j = i;
            if (s[i] == '"' || s[i] == '\'')
                j++;
            else
                while (j < n && s[j] != '"' && s[j] != '\'')
                    j++;
            struct sz_node *p = mk_str(r, s + i, j - i);
            if (s[i] == '"' || s[i] == '\'')
                p->ival = QMARK;
            sz_node_insert_after(at, p);
            at = p;
            i = j;
        }
        sz_node_unlink(c);
        drop_node(r, c);
        c = at;
    }
    if (!any)
        return;
    struct sz_node *stack[QUOTE_STACK];
    int nst = 0;
    for (struct sz_node *c = parent->first; c; c = c->next) {
        if (c->ival != QMARK || c->kind != SZ_STR)
            continue;
        int dbl = c->text[0] == '"';
        int pv = side(sz_node_prev(c), 1), nx = side(c->next, 0);
        int open = -1;
        for (int k = nst - 1; k >= 0; k--)
            if ((stack[k]->text[0] == '"') == dbl) {
                open = k;
                break;
            }
        if (!dbl && pv == 1 && nx == 1) {
            c->ival = 0;
            sz_node_set_text(doc, c, "\xe2\x80\x99", 3);
        } else if (open >= 0 && (dbl || (pv != 0 && nx != 1))) {
            /* An open double quote is closed by the next '"', whatever is
            ** around it (pandoc). */
            struct sz_node *o = stack[open], *q = sz_node_new(doc, SZ_QUOTED);
            q->sub = dbl ? SZ_QUOTE_DOUBLE : SZ_QUOTE_SINGLE;
            nst = open;
            sz_node_insert_before(o, q);
            while (o->next != c) {
                struct sz_node *m = o->next;
                sz_node_unlink(m);
                if (m->kind == SZ_STR && m->ival == QMARK) {
                    m->ival = 0;
                    sz_node_set_text(doc, m, m->text[0] == '\'' ? "\xe2\x80\x99"
                                                              : "\xe2\x80\x9c", 3);
                }
                sz_node_append(q, m);
            }
            struct sz_node *ql = sz_node_last(q);
            if (ql && ql->kind == SZ_SPACE)
                sz_node_unlink(ql);      /* pandoc drops it */
            sz_node_unlink(o);
            sz_node_unlink(c);
            drop_node(r, o);
            drop_node(r, c);
            merge_strs(r, q);
            pack_runs(r, q);
            c = q;
        } else if (pv != 1 && nx != 0 && nst < QUOTE_STACK) {
            stack[nst++] = c;
        } else {
            /* A quote that neither opens nor closes: ’ or ” */
            c->ival = 0;
            sz_node_set_text(doc, c, dbl ? "\xe2\x80\x9d" : "\xe2\x80\x99", 3);
        }
    }
    /* Opening quotes never closed: “ and ’ */
    for (struct sz_node *c = parent->first; c; c = c->next)
        if (c->kind == SZ_STR && c->ival == QMARK) {
            c->ival = 0;
            sz_node_set_text(doc, c, c->text[0] == '\'' ? "\xe2\x80\x99" : "\xe2\x80\x9c", 3);
        }
    merge_strs(r, parent);
}

static void spans_in(struct mdr *r, struct sz_node *parent);
static void sup_across(struct mdr *r, struct sz_node *parent);
static void bracket_spans(struct mdr *r, struct sz_node *parent);

/* After an inline container is complete. */
static void
finish_inlines(struct mdr *r, struct sz_node *n)
{
    if (r->fl != F_MARKDOWN) {
        pack_runs(r, n);
        return;
    }
    spans_in(r, n);
    bracket_spans(r, n);
    sup_across(r, n);
    if (r->o->smart)
        smart_quotes(r, n);
    /* implicit_figures: an image alone in a paragraph. */
    if (n->kind == SZ_PARA && n->first && !n->first->next && n->first->kind == SZ_IMAGE &&
        n->first->first) {
        struct sz_node *img = n->first, *cap = sz_node_new(r->doc, SZ_CAPTION);
        struct sz_node *plain = sz_node_new(r->doc, SZ_PLAIN);
        for (const struct sz_node *c = img->first; c; c = c->next)
            sz_node_append(plain, sz_node_copy(r->doc, c));
        sz_node_append(cap, plain);
        n->kind = SZ_FIGURE;
        sz_node_unlink(img);
        sz_node_append(n, cap);
        plain = sz_node_new(r->doc, SZ_PLAIN);
        sz_node_append(plain, img);
        sz_node_append(n, plain);
    }
    pack_runs(r, n);
}

/* GitHub's heading identifiers (pandoc's gfm_auto_identifiers): lower
** case, letters, digits, '_' and '-' kept, each space a '-', the rest
** dropped; a repeated one gets "-1", "-2" ... */
static void
gfm_ids(struct mdr *r)
{
    struct sz_doc *doc = r->doc;
    struct sz_map used = { 0 };
    struct sz_buf b = SZ_BUF_INIT;
    struct sz_iter it;
    enum sz_ev ev;
    used.strkeys = 1;
    sz_iter_init(&it, doc->root);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        struct sz_node *h = it.cur;
        if (ev != SZ_EV_ENTER || h->kind != SZ_HEADER) {
            if (ev == SZ_EV_ENTER && (h->kind == SZ_PARA || h->kind == SZ_PLAIN))
                sz_iter_skip_children(&it);
            continue;
        }
        sz_iter_skip_children(&it);
        const char *s = sz_stringify(doc, h);
        size_t n = strlen(s), i = 0;
        sz_buf_clear(&b);
        while (i < n) {
            uint32_t cp;
            i += sz_utf8_decode(s + i, n - i, &cp);
            utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
            if (cp == ' ')
                sz_buf_putc(&b, '-');
            else if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                     (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
                     (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) || cp == '_' ||
                     cp == '-')
                sz_buf_put_utf8(&b, (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp));
        }
        if (!b.len)
            sz_buf_puts(&b, "section");
        const char *base = sz_arena_strndup(doc->arena, b.data, b.len), *id = base;
        /* The map holds each id taken; under a base it also remembers the
        ** next suffix to try, so equal headings cost linear time. */
        intptr_t k = (intptr_t)sz_map_get(&used, base);
        if (k) {
            do {
                id = sz_arena_printf(doc->arena, "%s-%ld", base, (long)k++);
            } while (sz_map_get(&used, id));
            sz_map_put(&used, base, (void *)k);
        } else {
            sz_map_put(&used, base, (void *)(intptr_t)1);
        }
        if (id != base)
            sz_map_put(&used, id, (void *)(intptr_t)1);
        sz_attr_set_id(doc, sz_node_attr(doc, h), id);
    }
    sz_map_free(&used);
    sz_buf_free(&b);
}

/* What the YAML between two "---" lines is, as pandoc decides whether it
** is metadata: 'm' a mapping (or YAML in error: the loader reports it), 'n'
** null (no metadata, the block dropped), 't' any other valid YAML, a scalar
** or a list, which is no metadata but text ("---\nFoo\n---" is a rule and a
** heading).  Reads events only, never builds the document. */
static int
yaml_kind(const char *s, size_t n)
{
    yaml_parser_t p;
    yaml_event_t ev;
    int kind = 0, done = 0;
    if (!yaml_parser_initialize(&p))
        return 'm';
    yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
    while (!done) {
        if (!yaml_parser_parse(&p, &ev)) {
            if (p.error == YAML_MEMORY_ERROR)
                sz_oom();
            kind = 'm';
            break;
        }
        switch (ev.type) {
        case YAML_MAPPING_START_EVENT:
            if (!kind)
                kind = 'm';
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_ALIAS_EVENT:
            if (!kind)
                kind = 't';
            break;
        case YAML_SCALAR_EVENT:
            if (!kind) {
                const char *v = (const char *)ev.data.scalar.value;
                size_t k = ev.data.scalar.length;
                int plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
                kind = plain && (k == 0 || (k == 1 && v[0] == '~') ||
                                 (k == 4 && (!memcmp(v, "null", 4) || !memcmp(v, "Null", 4) ||
                                             !memcmp(v, "NULL", 4))))
                       ? 'n' : 't';
            }
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
        if (kind == 'm')
            break;              /* the loader reads it (and reports its errors) */
    }
    yaml_parser_delete(&p);
    return kind ? kind : 'n';
}

/* A YAML metadata block opening the text (pandoc's yaml_metadata_block):
** returns the length to skip, 0 when there is none, -1 on a YAML error. */
static long
yaml_block(struct mdr *r, const char *s, size_t n)
{
    size_t i = 3;
    if (n < 4 || memcmp(s, "---", 3) != 0)
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || (s[i] != '\n' && s[i] != '\r'))
        return 0;
    i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
    size_t body = i;
    if (i < n && (s[i] == '\n' || s[i] == '\r'))
        return 0;                     /* a rule, not metadata */
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, t = e;
        while (t > i && (s[t - 1] == ' ' || s[t - 1] == '\t' || s[t - 1] == '\r'))
            t--;
        if (t - i == 3 && (memcmp(s + i, "---", 3) == 0 || memcmp(s + i, "...", 3) == 0)) {
            int kind = yaml_kind(s + body, i - body);
            if (kind == 't')
                return 0;             /* not a mapping: a rule and what follows */
            if (kind == 'n')
                return (long)(nl ? e + 1 : e);
            if (sz_meta_load_yaml(r->doc, s + body, i - body, r->o->filename,
                                  &r->doc->diags) < 0) {
                r->failed = 1;
                return -1;
            }
            return (long)(nl ? e + 1 : e);
        }
        i = nl ? e + 1 : n;
    }
    return 0;
}

/* }================================================================== */

/* {=================================================================
** The readers
** ================================================================== */

/* md4c counts in unsigned ints. */
#define MD_MAX_INPUT ((size_t)0x7fffffff)

static struct mdr *
mdr_new(struct sz_doc *doc, const struct sz_ropts *o, enum flavour fl)
{
    struct mdr *r = sz_xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->doc = doc;
    r->o = o;
    r->fl = fl;
    r->notes.strkeys = 1;
    r->examples.strkeys = 1;
    r->macros.strkeys = 1;
    r->pool = &r->spare;
    return r;
}

static void
mdr_free(struct mdr *r)
{
    free(r->dls);
    free(r->ra_off);
    free(r->ra_text);
    free(r->fancy);
    sz_map_free(&r->examples);
    sz_map_free(&r->macros);
    sz_buf_free(&r->text);
    sz_buf_free(&r->verb);
    sz_buf_free(&r->run);
    sz_buf_free(&r->smart);
    sz_map_free(&r->notes);
    scratch_reset(r, 1);
    free(r);
}

/* Runs md4c over r->src, appending blocks to container. */
static int
parse_into(struct mdr *r, struct sz_node *container)
{
    unsigned flags = 0;
    if (r->fl == F_GFM)
        flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                MD_FLAG_PERMISSIVEAUTOLINKS;
    else if (r->fl == F_MARKDOWN)
        flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                MD_FLAG_LATEXMATHSPANS;
    MD_PARSER p = { 0, flags, enter_block, leave_block, enter_span, leave_span, text_cb,
                    NULL, NULL };
    r->st[0].n = container;
    r->depth = 1;
    r->tex_budget = 4 * r->len + ((size_t)1 << 20);
    r->parsing = 1;
    int mrc = md_parse(r->src, (MD_SIZE)r->len, &p, r);
    /* what no block's end sealed (a parse cut short) */
    seal(r, container);
    scratch_reset(r, 1);
    r->parsing = 0;
    if (mrc != 0 && !r->failed)
        sz_oom();               /* md4c fails only when its malloc does */
    if (mrc != 0 || r->failed) {
        if (!r->failed)
            error_at(r, r->last, "Markdown parser failed (out of memory?)");
        return -1;
    }
    return 0;
}

/* Parses s[0..n) on its own (a footnote, a metadata value) into container. */
static int
parse_piece(struct mdr *outer, const char *s, size_t n, size_t base, struct sz_node *container)
{
    struct mdr *r = mdr_new(outer->doc, outer->o, outer->fl);
    r->nested = 1;
    r->pool = outer->pool;
    r->src = s;
    r->len = n;
    r->base = base;
    int rc = parse_into(r, container);
    if (rc < 0)
        outer->failed = 1;
    mdr_free(r);
    return rc;
}

/* Leading spaces of a line (a tab counts 4). */
static size_t
indent_of(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
        k += s[i] == '\t' ? 4 : 1;
    return k;
}

static int
blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_ws((unsigned char)s[i]))
            return 0;
    return 1;
}

/* A note definition "[^label]:" opening line s[0..n); its label length, 0 if none. */
static size_t
note_marker(const char *s, size_t n, size_t *label_at, size_t *content_at)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    if (i + 4 > n || s[i] != '[' || s[i + 1] != '^')
        return 0;
    size_t a = i + 2, e = a;
    while (e < n && s[e] != ']' && s[e] != '[' && !is_ws((unsigned char)s[e]))
        e++;
    if (e == a || e + 1 >= n || s[e] != ']' || s[e + 1] != ':')
        return 0;
    *label_at = a;
    *content_at = e + 2;
    return e - a;
}

/* Does pandoc's markdown open a code block with the info string s[0..n)
** that follows a fence: nothing, {=format}, a language (a word without
** braces or backticks), {attributes}, or the language and then
** {attributes}?  With anything more ("ruby startline=3", "foo}{.bar}") the
** line is text, where CommonMark opens a fence. */
static int
pandoc_fence_info(const char *s, size_t n)
{
    size_t i = 0, w;
    while (n && is_ws((unsigned char)s[n - 1]))
        n--;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    for (w = i; w < n && !is_ws((unsigned char)s[w]) && !strchr("`{}", s[w]); w++)
        ;
    while (w < n && (s[w] == ' ' || s[w] == '\t'))
        w++;
    if (w == n)
        return 1;
    if (s[w] != '{' || s[n - 1] != '}')
        return 0;
    if (w == i && w + 1 < n && s[w + 1] == '=')
        return raw_format(NULL, s + w, n - w) != NULL;
    struct sz_buf t = SZ_BUF_INIT;
    sz_buf_put(&t, s + w, n - w);
    int ok = t.data && parse_attr_braces(NULL, t.data, NULL);
    sz_buf_free(&t);
    return ok;
}

/* Code fences, for the passes that rewrite the source line by line before
** md4c reads it.  fence_line takes a line s[..e) whose first non-blank byte
** is s[k] and whose indent is ind; returns 1 when it opens or closes a fence
** (f->c is the fence character while inside one).  f->pandoc: the text is
** pandoc's markdown, whose fences take fewer info strings. */
struct fence {
    char c;
    size_t len;
    int pandoc;
};

static int
fence_line(struct fence *f, const char *s, size_t k, size_t e, size_t ind)
{
    if (ind >= 4 || k + 3 > e || (s[k] != '`' && s[k] != '~') || s[k + 1] != s[k] ||
        s[k + 2] != s[k])
        return 0;
    size_t q = k;
    while (q < e && s[q] == s[k])
        q++;
    if (!f->c && f->pandoc && !pandoc_fence_info(s + q, e - q))
        return 0;
    if (!f->c) {
        f->c = s[k];
        f->len = q - k;
    } else if (s[k] == f->c && q - k >= f->len && blank_line(s + q, e - q)) {
        f->c = 0;
    }
    return 1;
}

/* The text's link reference definition lines, for the notes: by label,
** normalised as CommonMark matches labels (case folded, white space
** collapsed); v[i].same chains the lines of one label. */
struct ref {
    const char *line;
    size_t len;
    size_t same;               /* index + 1 of the next line of the label, 0 */
    size_t stamp;              /* the note it was last added to */
};

struct refs {
    struct sz_map by_label;    /* label -> index + 1 of its first line */
    struct ref *v;
    size_t n, cap;
    struct sz_buf key;
};

/* Ends a note's own text before the definitions appended to it: an HTML
** comment (a block of its own) holding a byte valid UTF-8 cannot have. */
#define NOTE_END "<!--\xfe-->"

/* The label s[0..n) as a lookup key in rs->key (NUL-terminated). */
static const char *
ref_key(struct refs *rs, const char *s, size_t n)
{
    sz_buf_clear(&rs->key);
    size_t i = 0;
    while (i < n && is_ws((unsigned char)s[i]))
        i++;
    int space = 0, wide = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_ws(c)) {
            space = 1;
            continue;
        }
        if (space && rs->key.len)
            sz_buf_putc(&rs->key, ' ');
        space = 0;
        wide |= c >= 0x80;
        sz_buf_putc(&rs->key, c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    sz_buf_putc(&rs->key, 0);
    rs->key.len--;
    if (wide) {
        utf8proc_uint8_t *f = NULL;
        utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)rs->key.data,
                                          (utf8proc_ssize_t)rs->key.len, &f,
                                          UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE);
        if (k >= 0) {
            sz_buf_clear(&rs->key);
            sz_buf_put(&rs->key, (const char *)f, (size_t)k);
            sz_buf_putc(&rs->key, 0);
            rs->key.len--;
        }
        free(f);
    }
    return rs->key.data;
}

static void
add_ref(struct mdr *r, struct refs *rs, const char *label, size_t n, const char *line,
        size_t len)
{
    const char *key = ref_key(rs, label, n);
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 16;
        rs->v = sz_xrealloc(rs->v, rs->cap * sizeof *rs->v);
    }
    struct ref *f = &rs->v[rs->n++];
    f->line = line;
    f->len = len;
    f->same = 0;
    f->stamp = 0;
    size_t first = (size_t)(uintptr_t)sz_map_get(&rs->by_label, key);
    if (!first) {
        sz_map_put(&rs->by_label, sz_arena_strndup(r->doc->arena, key, rs->key.len),
                   (void *)(uintptr_t)rs->n);
    } else {
        while (rs->v[first - 1].same)
            first = rs->v[first - 1].same;
        rs->v[first - 1].same = rs->n;
    }
}

/* Appends to out the definition lines of every label that text[0..n)
** names in brackets, each once (stamp: the note's number). */
static void
refs_named(struct mdr *r, struct refs *rs, const char *t, size_t n, size_t stamp,
           struct sz_buf *out)
{
    SZ_UNUSED(r);
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '[')
            continue;
        size_t j = i + 1;
        while (j < n && t[j] != ']' && t[j] != '[')
            j++;
        if (j >= n || t[j] != ']')
            continue;
        size_t k = (size_t)(uintptr_t)sz_map_get(&rs->by_label, ref_key(rs, t + i + 1, j - i - 1));
        for (; k; k = rs->v[k - 1].same) {
            struct ref *f = &rs->v[k - 1];
            if (f->stamp == stamp)
                break;
            f->stamp = stamp;
            sz_buf_put(out, f->line, f->len);
            if (!f->len || f->line[f->len - 1] != '\n')
                sz_buf_putc(out, '\n');
        }
        i = j - 1;
    }
}

/* The passes that rewrite the text line by line before md4c reads it copy
** it only from their first change on: the text up to a change goes to out
** in one piece when the change comes, and none of it when nothing changes
** (most books have no note, div, table or fancy list for most passes). */
/* Is line s[i..e) empty or does it start with a letter (most of a book's
** lines)?  Such a line opens or closes no fence, div, note, link
** definition or raw TeX: the passes that look for those alone skip it. */
static int
plain_start(const char *s, size_t i, size_t e)
{
    unsigned char c = (unsigned char)s[i];
    return i == e || (unsigned)((c | 32) - 'a') < 26 || c >= 0x80;
}

static void
text_to(struct sz_buf *out, const char *s, size_t n, size_t *done, size_t at)
{
    if (!out->cap)
        sz_buf_reserve(out, n + 64);
    if (at > *done)
        sz_buf_put(out, s + *done, at - *done);
    *done = at;
}

/* Footnote definitions (pandoc's footnotes, GFM's too): md4c has none, so
** they are cut out of the text (their lines left empty, so line numbers
** stay right), each parsed on its own into a Note, and the references
** [^label] turned into Notes as text is split into words. */
static int
extract_notes(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0;
    struct fence fc = { 0, 0, r->fl == F_MARKDOWN };
    size_t nnotes = 0, capnotes = 0;
    struct sz_buf body = SZ_BUF_INIT;
    struct refs rs = { { 0 }, NULL, 0, 0, SZ_BUF_INIT };
    rs.by_label.strkeys = 1;
    struct sz_node **notes = NULL;
    size_t done = 0, cuts = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, next = nl ? e + 1 : n;
        size_t la, ca, ll = 0;
        if (plain_start(s, i, e)) {
            i = next;
            continue;
        }
        /* Fenced code is left alone. */
        size_t ind = indent_of(s + i, e - i), k = i;
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (!fence_line(&fc, s, k, e, ind) && !fc.c)
            ll = note_marker(s + i, e - i, &la, &ca);
        if (!ll) {
            /* A link reference definition "[label]: url" of the text. */
            if (!fc.c && ind < 4 && k < e && s[k] == '[' && k + 1 < e && s[k + 1] != '^') {
                const char *cb = memchr(s + k, ']', e - k);
                if (cb && (size_t)(cb - s) + 1 < e && cb[1] == ':')
                    add_ref(r, &rs, s + k + 1, (size_t)(cb - s) - k - 1, s + i, next - i);
            }
            i = next;
            continue;
        }
        /* The definition: its first line, lazy lines up to a blank one, then
        ** blocks indented by four spaces. */
        size_t start = i;
        sz_buf_clear(&body);
        sz_buf_put(&body, s + i + ca, e - i - ca);
        sz_buf_putc(&body, '\n');
        size_t j = next, end = next;
        int seen_blank = 0;
        while (j < n) {
            const char *nl2 = memchr(s + j, '\n', n - j);
            size_t e2 = nl2 ? (size_t)(nl2 - s) : n, nx = nl2 ? e2 + 1 : n;
            if (blank_line(s + j, e2 - j)) {
                seen_blank++;
                j = nx;
                continue;
            }
            size_t d = indent_of(s + j, e2 - j), dl, dc;
            if (d < 4 && (seen_blank || note_marker(s + j, e2 - j, &dl, &dc) ||
                          div_fence(s + j, e2 - j)))
                break;          /* a div's fence ends a note defined inside it */
            for (; seen_blank > 0; seen_blank--)
                sz_buf_putc(&body, '\n');
            size_t cut = j, c = 0;
            while (cut < e2 && c < 4 && (s[cut] == ' ' || s[cut] == '\t')) {
                c += s[cut] == '\t' ? 4 : 1;
                cut++;
            }
            sz_buf_put(&body, s + cut, nx - cut);
            if (!nl2)
                sz_buf_putc(&body, '\n');
            j = end = nx;
        }
        text_to(out, s, n, &done, start);
        for (size_t q = start; q < end; q++)
            if (s[q] == '\n')
                sz_buf_putc(out, '\n');
        done = end;
        cuts++;
        char *label = sz_arena_strndup(r->doc->arena, s + start + la, ll);
        if (!sz_map_get(&r->notes, label)) {
            /* Parsed at the end, when the link definitions are known. */
            struct sz_node *note = sz_node_new(r->doc, SZ_NOTE);
            note->text = sz_arena_strndup(r->doc->arena, body.data, body.len);
            note->len = body.len;
            note->ival = (int)(start < 0x7fffffff ? start : 0);
            sz_map_put(&r->notes, label, note);
            if (nnotes == capnotes) {
                capnotes = capnotes ? capnotes * 2 : 16;
                notes = sz_xrealloc(notes, capnotes * sizeof *notes);
            }
            notes[nnotes++] = note;
        }
        i = end;
    }
    if (cuts)
        text_to(out, s, n, &done, n);
    /* A note may use the text's link reference definitions: each is parsed
    ** with those its brackets name after it, behind an end mark.  Only the
    ** named ones, so that many notes and many definitions cost linear time;
    ** the mark, so that a line md4c does not take for a definition is not
    ** made the note's text (and every note's) — the blocks from the mark on
    ** are dropped. */
    int rc = 0;
    for (size_t q = 0; q < nnotes && rc == 0; q++) {
        struct sz_node *note = notes[q];
        sz_buf_clear(&body);
        sz_buf_put(&body, note->text, note->len);
        size_t at = (size_t)note->ival;
        if (rs.n) {
            sz_buf_puts(&body, "\n\n" NOTE_END "\n\n");
            refs_named(r, &rs, note->text, note->len, q + 1, &body);
        }
        note->text = "";
        note->len = 0;
        note->ival = 0;
        rc = parse_piece(r, body.data, body.len, r->base + at, note);
        for (struct sz_node *c = note->first; c; c = c->next)
            if (c->kind == SZ_RAWBLOCK && c->len >= sizeof NOTE_END - 2 &&
                memcmp(c->text, NOTE_END, sizeof NOTE_END - 2) == 0) {
                while (c->next)
                    sz_node_unlink(c->next);
                sz_node_unlink(c);
                break;
            }
    }
    free(notes);
    free(rs.v);
    sz_map_free(&rs.by_label);
    sz_buf_free(&rs.key);
    sz_buf_free(&body);
    return rc < 0 ? -1 : (int)(cuts > 0);
}

/* {=================================================================
** Divs and spans: fenced divs, <div> and <span>
** ================================================================== */

/* A fence line of pandoc's fenced_divs becomes an HTML comment md4c keeps
** as a block of its own: "<!--" MARK 'o' or 'c', the line, "-->".  MARK is
** a byte that cannot occur in the (valid UTF-8) text, so no comment of the
** author's looks like one. */

/* Is s[0..n) a fence: 'o' opening (with attributes), 'c' closing, or 0. */
static int
div_fence(const char *s, size_t n)
{
    size_t i = 0, c = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    while (i < n && s[i] == ':')
        i++, c++;
    if (c < 3)
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || s[i] == '\r')
        return 'c';
    for (size_t k = i; k + 2 < n; k++)
        if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>')
            return 0;
    return 'o';
}

/* Rewrites the fence lines of r->src into out; returns how many. */
static size_t
mark_divs(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0, count = 0, open = 0, done = 0;
    struct fence fc = { 0, 0, r->fl == F_MARKDOWN };
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, next = nl ? e + 1 : n;
        if (plain_start(s, i, e)) {
            i = next;
            continue;
        }
        size_t k = i, ind = indent_of(s + i, e - i);
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        int f = 0;
        size_t at = k;           /* where the fence starts */
        if (!fence_line(&fc, s, k, e, ind) && !fc.c) {
            f = div_fence(s + i, e - i);
            long m = f ? -1 : block_marker(s + i, e - i);
            if (m >= 0 && s[i + m] != '>' && s[i + m] != '#') {
                /* "- ::: {.b}": a div opening a list item */
                size_t c = i + (size_t)m + 1, sp = 0;
                while (c + sp < e && s[c + sp] == ' ' && sp < 4)
                    sp++;
                if (sp && div_fence(s + c + sp, e - c - sp) == 'o')
                    f = 'o', at = c + sp;
            }
        }
        /* A closing fence with no div open is text, as in pandoc. */
        if (f == 'c' && !open)
            f = 0;
        open += f == 'o' ? 1 : f == 'c' ? (size_t)-1 : 0;
        if (f) {
            size_t t = e;
            while (t > i && (s[t - 1] == '\r' || s[t - 1] == ' '))
                t--;
            /* the indent stays outside, so a fence in a list item is its */
            text_to(out, s, n, &done, i);
            sz_buf_put(out, s + i, at - i);
            sz_buf_puts(out, "<!--" MARK);
            sz_buf_putc(out, f);
            sz_buf_put(out, s + at, t - at);
            sz_buf_puts(out, "-->\n");
            done = next;
            count++;
        }
        i = next;
    }
    if (count)
        text_to(out, s, n, &done, n);
    return count;
}

/* {=================================================================
** pandoc's fancy_lists and example_lists: markers md4c does not know,
** "(2)", "b.", "iv)", "#.", "(@label)", are rewritten as decimal ones of the
** same width ("(2)" becomes "02)", so items nest as before), and the first line
** of the item is given 0xFE, its index, 0xFE, read back (and removed) by
** text_cb to set the list's style, delimiter and start.
** ================================================================== */

static int
roman_value(const char *s, size_t n, int upper)
{
    static const char lo[] = "ivxlcdm", up[] = "IVXLCDM";
    static const int val[] = { 1, 5, 10, 50, 100, 500, 1000 };
    int total = 0, prev = 0;
    for (size_t i = n; i-- > 0;) {
        const char *p = strchr(upper ? up : lo, s[i]);
        if (!p || !s[i])
            return 0;
        int v = val[p - (upper ? up : lo)];
        total += v < prev ? -v : v;
        if (v > prev)
            prev = v;
    }
    return total > 0 && total < 4000 ? total : 0;
}

/* A fancy marker at s[0..n): its length (delimiters included), with f
** filled and *label, *llen the example label; 0 if none. */
static size_t
fancy_marker(const char *s, size_t n, struct fancy *f, const char **label, size_t *llen)
{
    size_t i = 0, b;
    int paren = n && s[0] == '(';
    i = paren;
    b = i;
    *label = NULL;
    *llen = 0;
    if (i < n && s[i] == '@') {
        i++;
        size_t l = i;
        while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-'))
            i++;
        f->style = SZ_STYLE_EXAMPLE;
        f->start = 1;
        if (i > l)
            *label = s + l, *llen = i - l;
    } else if (i < n && s[i] == '#') {
        i++;
        f->style = SZ_STYLE_DEFAULT;
        f->start = 1;
    } else if (i < n && s[i] >= '0' && s[i] <= '9') {
        if (!paren)
            return 0;             /* md4c's own */
        int v = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - b < 9)
            v = v * 10 + (s[i++] - '0');
        f->style = SZ_STYLE_DECIMAL;
        f->start = v;
    } else {
        while (i < n && isalpha((unsigned char)s[i]) && i - b < 8)
            i++;
        if (i == b)
            return 0;
        int upper = isupper((unsigned char)s[b]);
        if (i - b == 1 && s[b] != 'i' && s[b] != 'I') {
            f->style = upper ? SZ_STYLE_UPPER_ALPHA : SZ_STYLE_LOWER_ALPHA;
            f->start = (s[b] | 32) - 'a' + 1;
        } else {
            int v = roman_value(s + b, i - b, upper);
            if (!v)
                return 0;
            f->style = upper ? SZ_STYLE_UPPER_ROMAN : SZ_STYLE_LOWER_ROMAN;
            f->start = v;
        }
    }
    if (i >= n)
        return 0;
    if (paren) {
        if (s[i] != ')')
            return 0;
        f->delim = SZ_DELIM_TWO_PARENS;
    } else if (s[i] == '.' || s[i] == ')') {
        f->delim = s[i] == '.' ? SZ_DELIM_PERIOD : SZ_DELIM_ONE_PAREN;
        if (f->style == SZ_STYLE_DEFAULT && s[i] == '.')
            f->delim = SZ_DELIM_DEFAULT;
    } else {
        return 0;
    }
    i++;
    if (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
        return 0;
    /* "B. Russell": a capital and a stop need two spaces after them. */
    if (f->style == SZ_STYLE_UPPER_ALPHA && f->delim == SZ_DELIM_PERIOD && i < n &&
        !(s[i] == '\t' || (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t'))))
        return 0;
    return i;
}

/* Does a marker of style b (text s[0..m)) go on a list of style a?  In a
** roman list "v." is roman, in an alphabetic one "i." is a letter. */
static int
same_style(int a, int b, const char *s, size_t m)
{
    if (a == b)
        return 1;
    size_t l = m && s[0] == '(' ? m - 3 : m - 1;
    if (a == SZ_STYLE_LOWER_ROMAN && b == SZ_STYLE_LOWER_ALPHA)
        return l == 1 && strchr("vxlcdm", s[m && s[0] == '(']);
    if (a == SZ_STYLE_UPPER_ROMAN && b == SZ_STYLE_UPPER_ALPHA)
        return l == 1 && strchr("VXLCDM", s[m && s[0] == '(']);
    if ((a == SZ_STYLE_LOWER_ALPHA && b == SZ_STYLE_LOWER_ROMAN) ||
        (a == SZ_STYLE_UPPER_ALPHA && b == SZ_STYLE_UPPER_ROMAN))
        return l == 1;
    return 0;
}

/* Could mark_fancy find anything?  A quick look first, so a text without
** fancy markers is not copied. */
static int
may_have_fancy(const char *s, size_t n)
{
    size_t i = 0;
    int prev_blank = 1, prev_item = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, k = i;
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        int blank = k == e || (k + 1 == e && s[k] == '\r');
        if (!blank && (prev_blank || prev_item)) {
            struct fancy f;
            const char *label;
            size_t llen;
            if (fancy_marker(s + k, e - k, &f, &label, &llen))
                return 1;
            prev_item = block_marker(s + i, e - i) >= 0;
        } else if (!blank) {
            prev_item = 0;
        }
        prev_blank = blank;
        i = nl ? e + 1 : n;
    }
    return 0;
}

/* Returns how many markers were rewritten into out. */
static size_t
mark_fancy(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0, count = 0, item_col = 0, done = 0;
    struct fence fc = { 0, 0, r->fl == F_MARKDOWN };
    int prev_blank = 1, prev_item = 0, examples = 0;
    struct { char ch; unsigned char style, delim; } last[32];
    memset(last, 0, sizeof last);
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, next = nl ? e + 1 : n;
        if (i == e) {
            prev_blank = 1;
            i = next;
            continue;
        }
        if (plain_start(s, i, e) && !prev_blank && !prev_item) {
            /* running text: no marker is looked for, the list is over */
            item_col = 0;
            i = next;
            continue;
        }
        size_t k = i, ind = indent_of(s + i, e - i);
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        int code = fence_line(&fc, s, k, e, ind) || fc.c;
        int blank = blank_line(s + i, e - i);
        struct fancy f = { 0, 0, 0 };
        const char *label;
        size_t llen, m = 0;
        if (!code && !blank && (prev_blank || prev_item) && ind < item_col + 4)
            m = fancy_marker(s + k, e - k, &f, &label, &llen);
        long bm = !code && !blank ? block_marker(s + i, e - i) : -1;
        size_t col = k - i < 32 ? k - i : 31;
        int ordered = bm >= 0 && (s[i + bm] == '.' || s[i + bm] == ')');
        char ch = 0;
        if (m) {
            ch = f.delim == SZ_DELIM_PERIOD || f.delim == SZ_DELIM_DEFAULT ? '.' : ')';
        } else if (ordered) {
            /* md4c's own marker: kept, unless it must end the list before it. */
            f.style = SZ_STYLE_DECIMAL;
            f.delim = s[i + bm] == '.' ? SZ_DELIM_PERIOD : SZ_DELIM_ONE_PAREN;
            f.start = atoi(s + k);
            ch = s[i + bm];
        }
        /* pandoc starts a new list where the style or delimiter changes; md4c
        ** only where the delimiter character does. */
        int flip = 0;
        if (ch && last[col].ch) {
            int same = last[col].delim == f.delim && same_style(last[col].style, f.style, s + k, m);
            char want = same ? last[col].ch : ch == last[col].ch ? (ch == '.' ? ')' : '.') : ch;
            flip = want != ch;
            ch = want;
            if (same)
                f.style = last[col].style;
        }
        if (ch) {
            last[col].ch = ch;
            last[col].style = f.style;
            last[col].delim = f.delim;
        }
        if (m || (ordered && flip)) {
            if (!m)
                m = (size_t)(i + bm - k) + 1;
            if (f.style == SZ_STYLE_EXAMPLE) {
                f.start = ++examples;
                if (label) {
                    char *l = sz_arena_strndup(r->doc->arena, label, llen);
                    if (!sz_map_get(&r->examples, l))
                        sz_map_put(&r->examples, l, (void *)(uintptr_t)f.start);
                }
            }
            r->fancy = sz_xrealloc(r->fancy, (r->nfancy + 1) * sizeof *r->fancy);
            r->fancy[r->nfancy] = f;
            text_to(out, s, n, &done, i);
            sz_buf_put(out, s + i, k - i);
            for (size_t q = 0; q + 2 < m; q++)
                sz_buf_putc(out, '0');
            sz_buf_putc(out, '1');
            sz_buf_putc(out, ch);
            size_t t = e;
            while (t > k + m && (s[t - 1] == '\r'))
                t--;
            size_t c = k + m;
            while (c < t && (s[c] == ' ' || s[c] == '\t'))
                c++;
            sz_buf_put(out, s + k + m, t - k - m);
            if (c < t && (s[c] == '`' || s[c] == '~')) {
                r->nfancy++;   /* a fence: no room for the mark, the style is lost */
            } else {
                sz_buf_printf(out, "%s\xfe%zu\xfe", t == k + m ? " " : "", r->nfancy++);
            }
            sz_buf_put(out, s + t, next - t);
            done = next;
            item_col = (size_t)(k - i) + m + 1;
            prev_item = 1;
            count++;
        } else {
            if (!blank) {
                prev_item = bm >= 0;
                if (bm >= 0)
                    item_col = ind + 2;
                else if (ind == 0)
                    item_col = 0;
                if (bm < 0 && prev_blank)   /* a paragraph after the list ends it */
                    for (size_t q = col; q < 32; q++)
                        last[q].ch = 0;
            }
        }
        prev_blank = blank;
        i = next;
    }
    if (count)
        text_to(out, s, n, &done, n);
    return count;
}

/* A mark of mark_fancy (0xFE, index, 0xFE) at s[0..n): sets the style of
** the list whose first item holds it; returns its length, 0 if none. */
static size_t
fancy_mark(struct mdr *r, const char *s, size_t n)
{
    size_t i = 1, idx = 0;
    if (n < 3 || (unsigned char)s[0] != 0xfe)
        return 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        idx = idx * 10 + (size_t)(s[i++] - '0');
    if (i == 1 || i >= n || (unsigned char)s[i] != 0xfe || idx >= r->nfancy)
        return 0;
    for (int d = r->depth - 1; d > 0; d--) {
        struct sz_node *li = r->st[d].n, *ol = r->st[d - 1].n;
        if (li->kind != SZ_ITEM)
            continue;
        if (ol->kind == SZ_ORDEREDLIST && ol->first == li && ol != r->fancy_ol) {
            const struct fancy *f = &r->fancy[idx];
            ol->sub = f->style;
            ol->sub2 = f->delim;
            ol->ival = f->start;
            r->fancy_ol = ol;
        }
        break;
    }
    return i + 1;
}

/* pandoc's link definitions may end in attributes, "[a]: url {#id .c}",
** which md4c does not take: they are cut from the line and remembered by
** where the URL starts, for the links that use the definition.  Returns
** how many. */
static size_t
mark_ref_attrs(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0, count = 0, done = 0;
    struct fence fc = { 0, 0, r->fl == F_MARKDOWN };
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, next = nl ? e + 1 : n;
        if (plain_start(s, i, e)) {
            i = next;
            continue;
        }
        size_t k = i, ind = indent_of(s + i, e - i), t = e;
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        int code = fence_line(&fc, s, k, e, ind) || fc.c;
        while (t > k && (s[t - 1] == ' ' || s[t - 1] == '\r'))
            t--;
        const char *cb, *ob = NULL;
        size_t u = 0;
        if (!code && ind < 4 && k < t && s[k] == '[' && s[t - 1] == '}' &&
            (cb = memchr(s + k, ']', t - k)) != NULL && cb + 1 < s + t && cb[1] == ':') {
            for (const char *q = s + t - 1; q > cb + 2; q--)
                if (*q == '{' && (q[-1] == ' ' || q[-1] == '\t')) {
                    ob = q;
                    break;
                }
            u = (size_t)(cb + 2 - s);
            while (u < t && (s[u] == ' ' || s[u] == '\t'))
                u++;
        }
        if (ob && s + u < ob) {
            size_t ue = (size_t)(ob - s);
            while (ue > u && (s[ue - 1] == ' ' || s[ue - 1] == '\t'))
                ue--;
            r->ra_off = sz_xrealloc(r->ra_off, (r->nra + 1) * sizeof *r->ra_off);
            r->ra_text = sz_xrealloc(r->ra_text, (r->nra + 1) * sizeof *r->ra_text);
            text_to(out, s, n, &done, i);
            r->ra_off[r->nra] = out->len + (u - i);
            r->ra_text[r->nra++] = sz_arena_strndup(r->doc->arena, ob, (size_t)(s + t - ob));
            sz_buf_put(out, s + i, ue - i);
            sz_buf_put(out, s + e, next - e);
            done = next;
            count++;
        }
        i = next;
    }
    if (count)
        text_to(out, s, n, &done, n);
    return count;
}

/* The attributes of the link definition whose URL starts at h, or NULL. */
static const char *
ref_attrs_at(const struct mdr *r, const char *h)
{
    if (!r->nra || h < r->src || h >= r->src + r->len)
        return NULL;
    size_t off = (size_t)(h - r->src);
    for (size_t q = 0; q < r->nra; q++)
        if (r->ra_off[q] == off)
            return r->ra_text[q];
    return NULL;
}

/* Rewrites the raw TeX blocks of r->src (see markdown_tex.c) into out as
** marker comments, read back as RawBlock tex when md4c hands them over;
** returns how many. */
static int
has_comment_end(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
            return 1;
    return 0;
}

static size_t
mark_tex(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0, count = 0, done = 0;
    struct fence fc = { 0, 0, r->fl == F_MARKDOWN };
    int after_blank = 1;
    if (!memchr(s, '\\', n))
        return 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, next = nl ? e + 1 : n;
        if (plain_start(s, i, e)) {
            after_blank = i == e;
            i = next;
            continue;
        }
        size_t k = i, ind = indent_of(s + i, e - i);
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        int code = fence_line(&fc, s, k, e, ind) || fc.c;
        size_t t;
        if (!code && after_blank && s[i] == '\\' && (t = sz_md_tex_block(s + i, n - i)) &&
            !has_comment_end(s + i, t)) {
            text_to(out, s, n, &done, i);
            sz_buf_puts(out, "<!--" MARK "T");
            sz_buf_put(out, s + i, t);
            sz_buf_puts(out, "-->\n");
            count++;
            const char *tl = memchr(s + i + t, '\n', n - i - t);
            i = done = tl ? (size_t)(tl - s) + 1 : n;
            after_blank = 0;
            continue;
        }
        after_blank = blank_line(s + i, e - i);
        i = next;
    }
    if (count)
        text_to(out, s, n, &done, n);
    return count;
}

/* HTML attributes of a tag's text s[0..n) (after its name) into a: id,
** class, and the others as pairs ("data-" dropped, as pandoc does). */
static void
html_attrs(struct mdr *r, const char *s, size_t n, struct sz_attr *a)
{
    struct sz_buf k = SZ_BUF_INIT, v = SZ_BUF_INIT;
    size_t i = 0;
    while (i < n) {
        while (i < n && (is_ws((unsigned char)s[i]) || s[i] == '/'))
            i++;
        size_t j = i;
        while (j < n && !is_ws((unsigned char)s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/')
            j++;
        if (j == i)
            break;
        sz_buf_clear(&k);
        sz_buf_clear(&v);
        sz_buf_put(&k, s + i, j - i);
        i = j;
        if (i < n && s[i] == '=') {
            i++;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                j = i;
                while (j < n && s[j] != q)
                    j++;
                sz_buf_put(&v, s + i, j - i);
                i = j < n ? j + 1 : j;
            } else {
                j = i;
                while (j < n && !is_ws((unsigned char)s[j]) && s[j] != '>')
                    j++;
                sz_buf_put(&v, s + i, j - i);
                i = j;
            }
        }
        const char *key = k.data, *val = v.data ? v.data : "";
        if (!strcmp(key, "id")) {
            sz_attr_set_id(r->doc, a, val);
        } else if (!strcmp(key, "class")) {
            const char *p = val;
            while (*p) {
                while (*p && is_ws((unsigned char)*p))
                    p++;
                const char *q = p;
                while (*q && !is_ws((unsigned char)*q))
                    q++;
                if (q > p)
                    sz_attr_add_class(r->doc, a, sz_arena_strndup(r->doc->arena, p, (size_t)(q - p)));
                p = q;
            }
        } else {
            sz_attr_add_kv(r->doc, a, strncmp(key, "data-", 5) ? key : key + 5, val);
        }
    }
    sz_buf_free(&k);
    sz_buf_free(&v);
}

/* Is n (a RawBlock/RawInline) exactly an opening <NAME ...> tag (1), its
** closing tag (2), or neither (0)?  *attrs, *alen: the attribute text. */
static int
html_tag(const struct sz_node *n, const char *name, const char **attrs, size_t *alen)
{
    const char *t = n->text;
    size_t len = n->len, k = strlen(name);
    while (len && is_ws((unsigned char)t[len - 1]))
        len--;
    if (len < k + 2 || t[0] != '<' || t[len - 1] != '>')
        return 0;
    if (t[1] == '/')
        return len == k + 3 && strncasecmp(t + 2, name, k) == 0 ? 2 : 0;
    if (strncasecmp(t + 1, name, k) != 0 || !(t[k + 1] == '>' || is_ws((unsigned char)t[k + 1])))
        return 0;
    char q = 0;                 /* a quoted value may hold "<br>" */
    for (size_t i = k + 1; i + 1 < len; i++)
        if (q)
            q = t[i] == q ? 0 : q;
        else if (t[i] == '"' || t[i] == '\'')
            q = t[i];
        else if (t[i] == '<' || t[i] == '>')
            return 0;
    *attrs = t + k + 1;
    *alen = len - k - 2;
    return 1;
}

/* What a block is for div matching: 'o'/'c' fenced, 'O'/'C' <div>, 0. */
static int
div_kind(const struct sz_node *n, const char **attrs, size_t *alen)
{
    if (n->kind != SZ_RAWBLOCK)
        return 0;
    if (n->len > MARK_LEN && memcmp(n->text, "<!--" MARK, MARK_LEN) == 0)
        return n->text[MARK_LEN];
    switch (html_tag(n, "div", attrs, alen)) {
    case 1:
        return 'O';
    case 2:
        return 'C';
    }
    return 0;
}

/* Turns a fence marker that found no partner back into its text. */
static void
unmark(struct mdr *r, struct sz_node *m)
{
    const char *t = m->text + MARK_LEN + 1;
    size_t len = m->len - MARK_LEN - 1;
    while (len && m->text[MARK_LEN + len] != '-')
        len--;
    len = len >= 2 ? len - 2 : 0;
    m->kind = SZ_PARA;
    const char *line = sz_arena_strndup(r->doc->arena, t, len);
    m->text = "";
    m->len = 0;
    m->format = NULL;
    sz_inlines_from_text(r->doc, m, line, strlen(line));
}

/* Open fences or <div>s looked at in one block list. */
#define DIV_STACK 512

/* Wraps the blocks between partner fences (or <div> and </div>) among the
** children of parent into Divs. */
static void
divs_in(struct mdr *r, struct sz_node *parent)
{
    struct sz_node *stack[DIV_STACK];
    int nst = 0;
    for (struct sz_node *c = parent->first, *next; c; c = next) {
        next = c->next;
        const char *at = NULL;
        size_t alen = 0;
        int k = div_kind(c, &at, &alen);
        if (k == 'd') {
            size_t idx = (size_t)strtoul(c->text + MARK_LEN + 1, NULL, 10);
            if (idx < r->ndls && !r->dls[idx]->parent)
                sz_node_replace(c, r->dls[idx]);
            else
                sz_node_unlink(c);
            continue;
        }
        if (k == 'o' || k == 'O') {
            if (nst < DIV_STACK)
                stack[nst++] = c;
            else if (k == 'o')
                unmark(r, c);
            continue;
        }
        if (k != 'c' && k != 'C')
            continue;
        int want = k == 'c' ? 'o' : 'O', o = -1;
        for (int q = nst - 1; q >= 0; q--) {
            const char *a2;
            size_t l2;
            if (div_kind(stack[q], &a2, &l2) == want) {
                o = q;
                break;
            }
        }
        if (o < 0) {
            if (k == 'c')
                unmark(r, c);
            continue;
        }
        struct sz_node *op = stack[o], *div = sz_node_new(r->doc, SZ_DIV);
        for (int q = o + 1; q < nst; q++)
            if (div_kind(stack[q], &at, &alen) == 'o')
                unmark(r, stack[q]);
        nst = o;
        if (want == 'o') {
            /* "::: name" or "::: {attributes}" */
            const char *t = op->text + MARK_LEN + 1, *e = strstr(t, "-->");
            while (*t == ' ' || *t == ':')
                t++;
            size_t len = e ? (size_t)(e - t) : strlen(t);
            while (len && (t[len - 1] == ':' || t[len - 1] == ' '))
                len--;
            char *spec = sz_arena_strndup(r->doc->arena, t, len);
            if (!(spec[0] == '{' && node_attr_braces(r, spec, div)) && *spec) {
                char *sp = strpbrk(spec, " \t");
                if (sp)
                    *sp = '\0';
                sz_attr_add_class(r->doc, sz_node_attr(r->doc, div), spec);
            }
        } else {
            div_kind(op, &at, &alen);
            html_attrs(r, at, alen, sz_node_attr(r->doc, div));
        }
        sz_node_insert_before(op, div);
        while (op->next != c) {
            struct sz_node *m = op->next;
            sz_node_unlink(m);
            sz_node_append(div, m);
        }
        sz_node_unlink(op);
        sz_node_unlink(c);
    }
    for (int q = 0; q < nst; q++) {
        const char *at;
        size_t alen;
        if (div_kind(stack[q], &at, &alen) == 'o')
            unmark(r, stack[q]);
    }
}

/* A <div> md4c kept as one HTML block with Markdown inside: pandoc's
** markdown reads what is between the tags. */
static int
split_div_block(struct mdr *r, struct sz_node *n)
{
    const char *t = n->text, *nl = memchr(t, '\n', n->len);
    size_t len = n->len;
    while (len && is_ws((unsigned char)t[len - 1]))
        len--;
    if (!nl || len < 6 || strncasecmp(t + len - 6, "</div>", 6) != 0 || t[0] != '<' ||
        strncasecmp(t, "<div", 4) != 0 || !(t[4] == '>' || is_ws((unsigned char)t[4])))
        return 0;
    size_t tag = (size_t)(nl - t);
    while (tag && is_ws((unsigned char)t[tag - 1]))
        tag--;
    if (t[tag - 1] != '>' || memchr(t + 1, '<', tag - 1))
        return 0;
    size_t inner = (size_t)(nl - t) + 1, end = len - 6;
    while (end > inner && t[end - 1] != '\n')
        end--;
    if (end < inner || !blank_line(t + end, len - 6 - end))
        return 0;
    struct sz_node *div = sz_node_new(r->doc, SZ_DIV);
    html_attrs(r, t + 4, tag - 5, sz_node_attr(r->doc, div));
    if (parse_piece(r, t + inner, end - inner, 0, div) < 0)
        return -1;
    sz_node_replace(n, div);
    return 1;
}

/* md4c runs fence markers on adjacent lines (and HTML after them) into one
** HTML block: gives each marker line a RawBlock of its own. */
static void
split_markers(struct mdr *r, struct sz_node *n)
{
    const char *t = n->text;
    size_t len = n->len, i = 0, run = 0;
    struct sz_node *at = n;
    while (i <= len) {
        const char *nl = i < len ? memchr(t + i, '\n', len - i) : NULL;
        size_t e = nl ? (size_t)(nl - t) : len;
        size_t sp = i;        /* a marker may keep its fence's indent (mark_divs) */
        while (sp < e && t[sp] == ' ')
            sp++;
        int marker = e - sp > MARK_LEN && memcmp(t + sp, "<!--" MARK, MARK_LEN) == 0;
        if (marker || e == len) {
            size_t stop = marker ? i : e;
            while (stop > run && t[stop - 1] == '\n')
                stop--;
            if (stop > run) {
                struct sz_node *b = sz_node_new_text(r->doc, SZ_RAWBLOCK, t + run, stop - run);
                b->format = "html";
                sz_node_insert_after(at, b);
                at = b;
            }
            if (marker) {
                struct sz_node *b = sz_node_new_text(r->doc, SZ_RAWBLOCK, t + sp, e - sp);
                b->format = "html";
                sz_node_insert_after(at, b);
                at = b;
            }
            run = e + 1;
        }
        if (!nl)
            break;
        i = e + 1;
    }
    sz_node_unlink(n);
}

/* Does RawBlock n hold a fence marker and more? */
static int
needs_split(const struct sz_node *n)
{
    return n->kind == SZ_RAWBLOCK && memchr(n->text, MARK[0], n->len) &&
           (n->len < MARK_LEN || memcmp(n->text, "<!--" MARK, MARK_LEN) != 0 ||
            memchr(n->text, '\n', n->len));
}

/* {=================================================================
** HTML blocks split into their tags (pandoc's markdown_in_html_blocks)
** ================================================================== */

/* pandoc's block-level HTML tags: in an HTML block each is a RawBlock of
** its own, and the text between them is read as Markdown. */
static int
block_tag_name(const char *s, size_t n)
{
    static const char *const tags[] = {
        "address", "article", "aside", "blockquote", "body", "canvas", "caption", "center",
        "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "hgroup", "hr", "html", "isindex", "main", "menu", "meta", "noframes", "nav",
        "ol", "output", "p", "pre", "section", "summary", "table", "tbody", "textarea",
        "thead", "tfoot", "ul", "li", "td", "th", "tr", "frameset", "script", "style", "svg",
        NULL
    };
    for (const char *const *t = tags; *t; t++)
        if (strlen(*t) == n && strncasecmp(*t, s, n) == 0)
            return 1;
    return 0;
}

/* Content kept whole, as pandoc's rawVerbatimBlock does. */
static int
verbatim_tag_name(const char *s, size_t n)
{
    return (n == 3 && strncasecmp(s, "pre", 3) == 0) ||
           (n == 6 && strncasecmp(s, "script", 6) == 0) ||
           (n == 5 && strncasecmp(s, "style", 5) == 0) ||
           (n == 8 && strncasecmp(s, "textarea", 8) == 0);
}

/* The end of a tag <name ...> or </name> starting at t[p], 0 if none; its
** name in *name, *nlen, *close whether it is a closing one. */
static size_t
html_tag_at(const char *t, size_t n, size_t p, const char **name, size_t *nlen, int *close)
{
    size_t q = p + 1;
    *close = q < n && t[q] == '/';
    q += (size_t)*close;
    size_t a = q;
    while (q < n && (isalnum((unsigned char)t[q]) || (q > a && t[q] == '-')))
        q++;
    if (q == a || !isalpha((unsigned char)t[a]))
        return 0;
    *name = t + a;
    *nlen = q - a;
    char quote = 0;
    for (; q < n; q++) {
        if (quote)
            quote = t[q] == quote ? 0 : quote;
        else if (t[q] == '"' || t[q] == '\'')
            quote = t[q];
        else if (t[q] == '>')
            return q + 1;
        else if (t[q] == '<')
            return 0;
    }
    return 0;
}

/* The text of a block between tags, read as Markdown before `at`: up to
** the indent of its first line is taken off each line (pandoc's
** indentlevel); its last paragraph is Plain when a tag follows at once,
** except a closing </div> (a Para in pandoc's native div). */
static int
html_segment(struct mdr *r, const char *t, size_t a, size_t e, int tag_after, int div_after,
             struct sz_node *at)
{
    if (blank_line(t + a, e - a))
        return 0;
    size_t indent = 0, q = a;
    while (q < e && (t[q] == ' ' || t[q] == '\t'))
        q++;
    if (q < e && t[q] == '\n')
        for (q++; q < e && t[q] == ' '; q++)
            indent++;
    struct sz_buf b = SZ_BUF_INIT;
    for (size_t i = a; i < e;) {
        size_t k = 0;
        while (k < indent && i + k < e && t[i + k] == ' ')
            k++;
        const char *nl = memchr(t + i + k, '\n', e - i - k);
        size_t end = nl ? (size_t)(nl - t) + 1 : e;
        sz_buf_put(&b, t + i + k, end - i - k);
        i = end;
    }
    struct sz_node *box = sz_node_new(r->doc, SZ_DIV);
    int rc = parse_piece(r, b.data ? b.data : "", b.len, 0, box);
    size_t tail = b.len, nls = 0;   /* does it end in a blank line? */
    while (tail && is_ws((unsigned char)b.data[tail - 1]))
        nls += b.data[--tail] == '\n';
    int blank_end = nls >= 2;
    sz_buf_free(&b);
    if (rc < 0)
        return -1;
    struct sz_node *bl = sz_node_last(box);
    if (tag_after && !div_after && !blank_end && bl && bl->kind == SZ_PARA)
        bl->kind = SZ_PLAIN;
    while (box->first) {
        struct sz_node *c = box->first;
        sz_node_unlink(c);
        sz_node_insert_before(at, c);
    }
    return 0;
}

/* An HTML block md4c kept whole that opens with a block-level tag: each
** block-level tag becomes a RawBlock, the text between them Markdown, as
** pandoc's markdown reads it (<td>hi</td> is RawBlock, Plain, RawBlock).
** Returns 1 when n was split. */
static int
split_html_block(struct mdr *r, struct sz_node *n)
{
    const char *t = n->text, *name;
    size_t len = n->len, p = 0, nlen, seg = 0;
    int close;
    while (p < len && is_ws((unsigned char)t[p]))
        p++;
    size_t e0 = p < len && t[p] == '<' ? html_tag_at(t, len, p, &name, &nlen, &close) : 0;
    if (!e0 || !block_tag_name(name, nlen) || (!close && verbatim_tag_name(name, nlen)))
        return 0;
    while (p < len) {
        size_t e = t[p] == '<' ? html_tag_at(t, len, p, &name, &nlen, &close) : 0;
        if (!e || !block_tag_name(name, nlen)) {
            p++;
            continue;
        }
        if (!close && verbatim_tag_name(name, nlen)) {
            /* <pre> ... </pre> stays one RawBlock */
            size_t q = e;
            for (; q + nlen + 2 < len; q++)
                if (t[q] == '<' && t[q + 1] == '/' && strncasecmp(t + q + 2, name, nlen) == 0)
                    break;
            const char *gt = q + nlen + 2 < len ? memchr(t + q, '>', len - q) : NULL;
            e = gt ? (size_t)(gt - t) + 1 : len;
        }
        int div_after = close && nlen == 3 && strncasecmp(name, "div", 3) == 0;
        if (html_segment(r, t, seg, p, 1, div_after, n) < 0)
            return -1;
        struct sz_node *b = sz_node_new_text(r->doc, SZ_RAWBLOCK, t + p, e - p);
        b->format = "html";
        sz_node_insert_before(n, b);
        p = seg = e;
    }
    if (html_segment(r, t, seg, len, 0, 0, n) < 0)
        return -1;
    sz_node_unlink(n);
    return 1;
}

static void split_markers(struct mdr *r, struct sz_node *n);
static int needs_split(const struct sz_node *n);

/* The nodes a walk picks out, to be changed after it: changing them during
** the walk would upset the iterator. */
struct nodes {
    struct sz_node **v;
    size_t n, cap;
};

static void
nodes_push(struct nodes *l, struct sz_node *c)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = sz_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = c;
}

/* The next node of a walk looking for blocks, or NULL at its end: inlines,
** paragraphs and headings hold no blocks, so the walk passes over their
** content (and over them). */
static struct sz_node *
next_block(struct sz_iter *it)
{
    enum sz_ev ev;
    while ((ev = sz_iter_next(it)) != SZ_EV_DONE) {
        struct sz_node *c = it->cur;
        if (ev != SZ_EV_ENTER)
            continue;
        if (sz_kind_is_inline(c->kind) || c->kind == SZ_PARA || c->kind == SZ_PLAIN ||
            c->kind == SZ_HEADER) {
            sz_iter_skip_children(it);
            continue;
        }
        return c;
    }
    return NULL;
}

/* Splits every HTML block of the tree (not the reader's own markers, which
** are first taken out of the HTML md4c ran them into). */
static int
split_html_blocks(struct mdr *r)
{
    struct nodes l = { 0 };
    struct sz_iter it;
    struct sz_node *c;
    for (int pass = 0; pass < 2; pass++) {
        sz_iter_init(&it, r->doc->root);
        while ((c = next_block(&it)) != NULL) {
            if (c->kind != SZ_RAWBLOCK || !c->format || strcmp(c->format, "html") != 0 ||
                (pass == 0 ? !needs_split(c) : memchr(c->text, MARK[0], c->len) != NULL))
                continue;
            nodes_push(&l, c);
        }
        if (pass == 0) {
            for (size_t i = 0; i < l.n; i++)
                split_markers(r, l.v[i]);
            l.n = 0;
        }
    }
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++)
        rc = split_html_block(r, l.v[i]) < 0 ? -1 : 0;
    free(l.v);
    return rc;
}

/* Passes over the tree until no div is left to make; each pass can reveal
** more (a <div> block read again may hold another). */
#define DIV_PASSES 64

static int
fix_divs(struct mdr *r)
{
    struct nodes l = { 0 };
    int rc = 0, nsplit = 0;
    for (int pass = 0; pass < DIV_PASSES && rc == 0; pass++) {
        l.n = 0;
        int any_split = 0;
        struct sz_iter it;
        struct sz_node *c;
        sz_iter_init(&it, r->doc->root);
        while ((c = next_block(&it)) != NULL) {
            const char *at;
            size_t alen;
            if (pass == 0 && nsplit == 0 && needs_split(c)) {
                any_split = 1;
                nodes_push(&l, c);
                continue;
            }
            int k = div_kind(c, &at, &alen);
            if (!k && !(c->kind == SZ_RAWBLOCK && strncasecmp(c->text, "<div", 4) == 0))
                continue;
            nodes_push(&l, k ? c->parent : c);
        }
        if (!l.n)
            break;
        if (any_split) {
            /* First the blocks holding several markers; then look again. */
            for (size_t i = 0; i < l.n; i++)
                if (needs_split(l.v[i]))
                    split_markers(r, l.v[i]);
            pass--;
            nsplit++;
            continue;
        }
        int changed = 0;
        for (size_t i = 0; i < l.n && rc == 0; i++) {
            if (l.v[i]->kind == SZ_RAWBLOCK) {
                const char *at;
                size_t alen;
                if (!div_kind(l.v[i], &at, &alen)) {
                    int s = split_div_block(r, l.v[i]);
                    rc = s < 0 ? -1 : 0;
                    changed |= s > 0;
                }
            } else if (i == 0 || l.v[i] != l.v[i - 1]) {
                size_t before = sz_node_count(l.v[i]);
                divs_in(r, l.v[i]);
                changed |= sz_node_count(l.v[i]) != before;
            }
        }
        if (!changed)
            break;
    }
    free(l.v);
    return rc;
}

/* A Span of class smallcaps or underline alone, or of the style
** "font-variant: small-caps" alone, is pandoc's SmallCaps or Underline. */
static void
span_kind(struct sz_node *sp)
{
    if (!sp->attr->nclasses && !*sp->attr->id && sp->attr->nkvs == 1 &&
        !strcmp(sp->attr->kvs[0].key, "style")) {
        const char *want = "font-variant:small-caps", *v = sp->attr->kvs[0].value;
        for (; *v && *want; v++)
            if (!strchr(" \t;", *v) && *v != *want++)
                break;
        while (*v && strchr(" \t;", *v))
            v++;
        if (!*v && !*want) {
            sp->kind = SZ_SMALLCAPS;
            sp->attr = &sz_attr_empty;
            return;
        }
    }
    if (sp->attr->nclasses == 1 && !*sp->attr->id && !sp->attr->nkvs) {
        if (!strcmp(sp->attr->classes[0], "smallcaps"))
            sp->kind = SZ_SMALLCAPS;
        else if (!strcmp(sp->attr->classes[0], "underline") || !strcmp(sp->attr->classes[0], "ul"))
            sp->kind = SZ_UNDERLINE;
        if (sp->kind != SZ_SPAN)
            sp->attr = &sz_attr_empty;
    }
}

/* Moves the siblings after container, up to and with last, into it; the
** Strs the splits left empty are dropped. */
static void
gather(struct sz_node *container, struct sz_node *last)
{
    for (;;) {
        struct sz_node *x = container->next;
        int end = x == last;
        sz_node_unlink(x);
        if (x->kind != SZ_STR || x->len)
            sz_node_append(container, x);
        if (end)
            break;
    }
}

/* Splits Str n at byte k: n keeps s[0..k), the new next sibling the rest. */
static struct sz_node *
split_str(struct mdr *r, struct sz_node *n, size_t k)
{
    struct sz_node *t = sz_node_new_text(r->doc, SZ_STR, n->text + k, n->len - k);
    sz_node_set_text(r->doc, n, n->text, k);
    sz_node_insert_after(n, t);
    return t;
}

/* pandoc's bracketed_spans: [inlines]{attributes}, when md4c left the
** brackets as text (no link of that name). */
static void
bracket_spans(struct mdr *r, struct sz_node *parent)
{
    for (struct sz_node *c = parent->first; c; c = c->next) {
        const char *b;
        if (c->kind != SZ_STR || !memchr(c->text, '{', c->len) || !(b = strstr(c->text, "]{")))
            continue;
        /* The attributes may hold spaces: gather text up to the '}'. */
        struct sz_buf sb = SZ_BUF_INIT;
        struct sz_node *end = c;
        const char *e = strchr(b + 2, '}');
        sz_buf_put(&sb, b + 1, e ? (size_t)(e - b) : strlen(b + 1));
        while (!e && end->next && sb.len < 1024) {
            end = end->next;
            if (end->kind == SZ_STR) {
                e = strchr(end->text, '}');
                sz_buf_put(&sb, end->text, e ? (size_t)(e - end->text) + 1 : end->len);
            } else if (end->kind == SZ_SPACE || end->kind == SZ_SOFTBREAK) {
                sz_buf_putc(&sb, ' ');
            } else {
                break;
            }
        }
        struct sz_attr a = { "", NULL, 0, NULL, 0 };
        int ok = e && parse_attr_braces(r, sb.data, &a);
        sz_buf_free(&sb);
        if (!ok)
            continue;
        /* The nearest '[' before, in this Str or an earlier one. */
        struct sz_node *o = c;
        size_t ob = (size_t)-1;
        for (size_t q = (size_t)(b - c->text); q > 0; q--)
            if (c->text[q - 1] == '[') {
                ob = q - 1;
                break;
            }
        while (ob == (size_t)-1 && (o = sz_node_prev(o)) != NULL) {
            const char *x = o->kind == SZ_STR ? strrchr(o->text, '[') : NULL;
            if (x)
                ob = (size_t)(x - o->text);
        }
        if (ob == (size_t)-1)
            continue;
        /* What follows the '}' stays; the attribute text goes. */
        size_t close_at = (size_t)(b - c->text);
        if (end != c) {
            size_t tail = (size_t)(e - end->text) + 1;
            if (tail < end->len)
                split_str(r, end, tail);
            while (c->next != end)
                sz_node_unlink(c->next);
            sz_node_unlink(end);
        } else if ((size_t)(e - c->text) + 1 < c->len) {
            split_str(r, c, (size_t)(e - c->text) + 1);
        }
        sz_node_set_text(r->doc, c, c->text, close_at);
        struct sz_node *first = split_str(r, o, ob + 1);
        sz_node_set_text(r->doc, o, o->text, ob);
        if (o == c)
            c = first;
        struct sz_node *sp = sz_node_new(r->doc, SZ_SPAN);
        sz_node_set_attr(r->doc, sp, &a);
        sz_node_insert_after(o, sp);
        gather(sp, c);
        if (!o->len)
            sz_node_unlink(o);
        span_kind(sp);
        c = sp;
    }
}

/* pandoc's superscript around markup or a bracketed span (^*x*^,
** ^[a]{k=v w}^): a '^' in one Str and the next in a later one, no space
** between (put_word took those within one word).  A scan that fails stops
** at a space, so none is repeated. */
static void
sup_across(struct mdr *r, struct sz_node *parent)
{
    for (struct sz_node *c = parent->first; c; c = c->next) {
        const char *a, *b = NULL;
        if (c->kind != SZ_STR || !(a = memchr(c->text, '^', c->len)))
            continue;
        struct sz_node *m = c->next;
        for (; m; m = m->next) {
            if (m->kind == SZ_SPACE || m->kind == SZ_SOFTBREAK || m->kind == SZ_LINEBREAK ||
                m->kind == SZ_NOTE) {
                m = NULL;
                break;
            }
            if (m->kind == SZ_STR && (b = memchr(m->text, '^', m->len)) != NULL)
                break;
        }
        if (!m)
            continue;
        size_t ai = (size_t)(a - c->text), bi = (size_t)(b - m->text);
        struct sz_node *first = split_str(r, c, ai + 1);   /* c: up to the '^' */
        sz_node_set_text(r->doc, c, c->text, ai);
        if (bi + 1 < m->len)
            split_str(r, m, bi + 1);
        sz_node_set_text(r->doc, m, m->text, bi);
        struct sz_node *sup = sz_node_new(r->doc, SZ_SUPERSCRIPT);
        sz_node_insert_after(c, sup);
        gather(sup, m);
        if (!c->len) {
            sz_node_unlink(c);
        }
        c = sup;
        SZ_UNUSED(first);
    }
}

/* pandoc's native_spans: <span ...> and </span> among the inlines of one
** container become a Span. */
static void
spans_in(struct mdr *r, struct sz_node *parent)
{
    struct sz_node *stack[64];
    int nst = 0;
    for (struct sz_node *c = parent->first, *next; c; c = next) {
        next = c->next;
        const char *at;
        size_t alen;
        if (c->kind != SZ_RAWINLINE)
            continue;
        int k = html_tag(c, "span", &at, &alen);
        if (k == 1 && nst < 64) {
            stack[nst++] = c;
        } else if (k == 2 && nst) {
            struct sz_node *op = stack[--nst], *sp = sz_node_new(r->doc, SZ_SPAN);
            html_tag(op, "span", &at, &alen);
            html_attrs(r, at, alen, sz_node_attr(r->doc, sp));
            span_kind(sp);
            sz_node_insert_before(op, sp);
            while (op->next != c) {
                struct sz_node *m = op->next;
                sz_node_unlink(m);
                sz_node_append(sp, m);
            }
            sz_node_unlink(op);
            sz_node_unlink(c);
        }
    }
}

/* }================================================================== */

/* {=================================================================
** Definition lists: cut out of the text like notes, left as a marker
** ================================================================== */

/* A definition line ":   text" or "~ text"; returns where text starts, 0 if not. */
static size_t
def_marker(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 2 && s[i] == ' ')
        i++;
    if (i + 1 >= n || (s[i] != ':' && s[i] != '~') || (s[i + 1] != ' ' && s[i + 1] != '\t'))
        return 0;
    i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Could s[0..n) (a line without its indentation) be a term: not a heading,
** quote, list item, table row, HTML or fence? */
static int
plain_line(const char *s, size_t n)
{
    size_t d = 0;
    if (!n || strchr("#>|<`~", s[0]))
        return 0;
    if (n >= 2 && strchr("-*+", s[0]) && (s[1] == ' ' || s[1] == '\t'))
        return 0;
    while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d && d + 1 < n && (s[d] == '.' || s[d] == ')') && (s[d + 1] == ' ' || s[d + 1] == '\t'))
        return 0;
    return 1;
}

/* The line of t starting at offset at: its end *e and the next line's start. */
static int
line_at(const char *t, size_t n, size_t at, size_t *e, size_t *next)
{
    if (at >= n)
        return 0;
    const char *nl = memchr(t + at, '\n', n - at);
    *e = nl ? (size_t)(nl - t) : n;
    *next = nl ? *e + 1 : n;
    return 1;
}

/* One definition from line start i (a marker line): its text into body;
** returns the offset after it. */
static size_t
one_def(const char *s, size_t n, size_t i, struct sz_buf *body)
{
    size_t e = 0, nx = 0, m;
    line_at(s, n, i, &e, &nx);
    m = def_marker(s + i, e - i);
    sz_buf_clear(body);
    /* As after a list marker (pandoc 3): five spaces or more after it make
    ** the text an indented code block, its column one after the marker. */
    size_t colon = 0, gap = 0, dedent = 4;
    while (s[i + colon] == ' ')
        colon++;
    for (size_t q = colon + 1; q < m; q++)
        gap += s[i + q] == '\t' ? 4 : 1;
    if (gap >= 5 && m < e - i && s[i + colon + 1] == ' ') {
        for (size_t q = 1; q < gap; q++)
            sz_buf_putc(body, ' ');
        dedent = colon + 2;
    }
    sz_buf_put(body, s + i + m, e - i - m);
    sz_buf_putc(body, '\n');
    size_t j = nx, end = nx, blanks = 0;
    while (line_at(s, n, j, &e, &nx)) {
        if (blank_line(s + j, e - j)) {
            blanks++;
            j = nx;
            continue;
        }
        size_t d = indent_of(s + j, e - j);
        if (d < 4 && (blanks || def_marker(s + j, e - j)))
            break;
        for (; blanks; blanks--)
            sz_buf_putc(body, '\n');
        size_t cut = j, c = 0;
        while (cut < e && c < dedent && (s[cut] == ' ' || s[cut] == '\t')) {
            c += s[cut] == '\t' ? 4 : 1;
            cut++;
        }
        sz_buf_put(body, s + cut, e - cut);
        sz_buf_putc(body, '\n');
        j = end = nx;
    }
    return end;
}

/* Finds pandoc's definition lists in r->src (a term line, then, perhaps
** after one blank line, ":" or "~" definitions), parses their parts, and
** writes the text with each list replaced by a marker line into out.
** Returns the number of lists, -1 on error. */
static long
cut_deflists(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0, e = 0, nx = 0, e2 = 0, nx2 = 0, e3 = 0, nx3 = 0;
    int prev_blank = 1;
    struct fence fc = { 0, 0, r->fl == F_MARKDOWN };
    struct sz_buf body = SZ_BUF_INIT;
    long count = 0;
    size_t done = 0;
    while (line_at(s, n, i, &e, &nx)) {
        if (plain_start(s, i, e) && (i == e || !prev_blank)) {
            prev_blank = i == e;   /* no term here, no fence changes */
            i = nx;
            continue;
        }
        size_t k = i, ind = indent_of(s + i, e - i);
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        fence_line(&fc, s, k, e, ind);
        int is_blank = blank_line(s + i, e - i);
        /* A term: a plain line after a blank one, its definition next or
        ** after one blank line. */
        int loose = 0;
        size_t dstart = 0;
        if (!fc.c && prev_blank && !is_blank && ind < 4 && !def_marker(s + i, e - i) &&
            plain_line(s + k, e - k) && line_at(s, n, nx, &e2, &nx2)) {
            if (def_marker(s + nx, e2 - nx)) {
                dstart = nx;
            } else if (blank_line(s + nx, e2 - nx) && line_at(s, n, nx2, &e3, &nx3) &&
                       def_marker(s + nx2, e3 - nx2)) {
                dstart = nx2;
                loose = 1;
            }
        }
        if (!dstart) {
            prev_blank = is_blank;
            i = nx;
            continue;
        }
        /* The list: items while a term and definitions follow. */
        struct sz_node *dl = sz_node_new(r->doc, SZ_DEFLIST);
        size_t start = i, end = i;
        while (dstart) {
            struct sz_node *item = sz_node_new(r->doc, SZ_DEFITEM);
            struct sz_node *term = sz_node_new(r->doc, SZ_TERM), *tmp = sz_node_new(r->doc, SZ_DIV);
            sz_node_append(dl, item);
            sz_node_append(item, term);
            if (parse_piece(r, s + i, e - i, r->base + i, tmp) < 0)
                goto fail;
            if (tmp->first)
                sz_node_append_children(term, tmp->first);
            size_t j = dstart;
            for (;;) {
                end = one_def(s, n, j, &body);
                struct sz_node *defn = sz_node_new(r->doc, SZ_DEFN);
                if (parse_piece(r, body.data, body.len, r->base + j, defn) < 0)
                    goto fail;
                if (!loose && defn->first && defn->first->kind == SZ_PARA)
                    defn->first->kind = SZ_PLAIN;
                sz_node_append(item, defn);
                /* Another definition of the same term? */
                size_t q = end;
                int blank = 0;
                while (line_at(s, n, q, &e2, &nx2) && blank_line(s + q, e2 - q))
                    q = nx2, blank = 1;
                if (line_at(s, n, q, &e2, &nx2) && def_marker(s + q, e2 - q) && blank <= 1) {
                    j = q;
                    continue;
                }
                break;
            }
            /* Another item? */
            dstart = 0;
            size_t q = end;
            while (line_at(s, n, q, &e2, &nx2) && blank_line(s + q, e2 - q))
                q = nx2;
            if (q > end && line_at(s, n, q, &e, &nx) && indent_of(s + q, e - q) < 4 &&
                !def_marker(s + q, e - q) && line_at(s, n, nx, &e2, &nx2)) {
                if (def_marker(s + nx, e2 - nx)) {
                    dstart = nx;
                    loose = 0;
                } else if (blank_line(s + nx, e2 - nx) && line_at(s, n, nx2, &e3, &nx3) &&
                           def_marker(s + nx2, e3 - nx2)) {
                    dstart = nx2;
                    loose = 1;
                }
                if (dstart)
                    i = q;
            }
        }
        r->dls = sz_xrealloc(r->dls, (r->ndls + 1) * sizeof *r->dls);
        r->dls[r->ndls] = dl;
        text_to(out, s, n, &done, start);
        sz_buf_printf(out, "<!--" MARK "d%zu-->\n", r->ndls++);
        for (size_t q = start; q < end; q++)
            if (s[q] == '\n')
                sz_buf_putc(out, '\n');
        count++;
        prev_blank = 1;
        i = done = end;
    }
    if (count)
        text_to(out, s, n, &done, n);
    sz_buf_free(&body);
    return count;
fail:
    sz_buf_free(&body);
    return -1;
}

/* {=================================================================
** Simple, multiline and grid tables (markdown_table.c), cut out like
** definition lists
** ================================================================== */

static int
table_cell(void *ud, const char *s, size_t n, size_t at, struct sz_node *into)
{
    struct mdr *r = ud;
    return parse_piece(r, s, n, r->base + at, into);
}

/* Could a table (or its caption) start at line s[i..e), the next line
** ending at e2?  A cheap look before the real one. */
static int
table_start(const char *s, size_t i, size_t e, size_t nx, size_t e2)
{
    size_t k = i;
    while (k < e && k < i + 3 && s[k] == ' ')
        k++;
    if (k >= e)
        return 0;
    if (strchr("-+:", s[k]) || (e - k >= 6 && (s[k] | 32) == 't' && memcmp(s + k + 1, "able:", 5) == 0))
        return 1;
    size_t q = nx;
    while (q < e2 && q < nx + 3 && s[q] == ' ')
        q++;
    return q + 1 < e2 && s[q] == '-' && memchr(s + q, ' ', e2 - q);
}

static long
cut_tables(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0, e = 0, nx = 0, e2 = 0, nx2 = 0, memo[2] = { 0, 0 }, done = 0;
    int prev_blank = 1;
    struct fence fc = { 0, 0, r->fl == F_MARKDOWN };
    long count = 0;
    while (line_at(s, n, i, &e, &nx)) {
        if (plain_start(s, i, e) && (i == e || !prev_blank)) {
            prev_blank = i == e;   /* no table starts here, no fence changes */
            i = nx;
            continue;
        }
        size_t k = i, ind = indent_of(s + i, e - i);
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        fence_line(&fc, s, k, e, ind);
        int is_blank = blank_line(s + i, e - i);
        struct sz_node *tb = NULL;
        long end = 0;
        if (!fc.c && prev_blank && !is_blank && ind < 4 && s[i] != '>') {
            if (!line_at(s, n, nx, &e2, &nx2))
                e2 = nx2 = nx;
            if (table_start(s, i, e, nx, e2))
                end = sz_md_table(r->doc, s, n, i, table_cell, r, memo, &tb);
        }
        if (end < 0)
            return -1;
        if (!end) {
            prev_blank = is_blank;
            i = nx;
            continue;
        }
        r->dls = sz_xrealloc(r->dls, (r->ndls + 1) * sizeof *r->dls);
        r->dls[r->ndls] = tb;
        text_to(out, s, n, &done, i);
        sz_buf_printf(out, "<!--" MARK "d%zu-->\n", r->ndls++);
        for (size_t q = i; q < (size_t)end; q++)
            if (s[q] == '\n')
                sz_buf_putc(out, '\n');
        count++;
        prev_blank = 1;
        i = done = (size_t)end;
    }
    if (count)
        text_to(out, s, n, &done, n);
    return count;
}

/* }================================================================== */

/* Where a block marker starts in line s[0..n) (after up to 3 spaces): a
** block quote, a bullet or ordered list item or an ATX heading; -1 if none. */
static long
block_marker(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    if (i >= n)
        return -1;
    if (s[i] == '>' || s[i] == '#')
        return (long)i;
    if (strchr("-*+", s[i]) && i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t'))
        return (long)i;
    while (i + d < n && d < 9 && s[i + d] >= '0' && s[i + d] <= '9')
        d++;
    if (d && i + d + 1 < n && (s[i + d] == '.' || s[i + d] == ')') &&
        (s[i + d + 1] == ' ' || s[i + d + 1] == '\t'))
        return (long)(i + d);
    return -1;
}

/* Code spans are longer than this many backticks nowhere but in attacks:
** guard_paragraphs takes longer runs as text. */
#define SPAN_RUN_MAX 256

/* Offset of the next run of exactly len backticks at or after p, before
** the paragraph's end (a blank line or the text's end), or n. */
static size_t
closing_run(const char *s, size_t n, size_t p, size_t len)
{
    while (p < n) {
        if (s[p] == '`') {
            size_t q = p;
            while (q < n && s[q] == '`')
                q++;
            if (q - p == len)
                return p;
            p = q;
        } else if (s[p] == '\n') {
            size_t q = p + 1;
            while (q < n && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r'))
                q++;
            if (q >= n || s[q] == '\n')
                return n;
            p = q;
        } else {
            p++;
        }
    }
    return n;
}

/* Follows the code spans of a paragraph line s[i..e) as pandoc reads them:
** *span is the length of the opening run of a span the line starts inside,
** 0 when none, and becomes that of the span the next line starts inside.
** none[len] records that no run of len backticks closes one further on. */
static void
span_line(const char *s, size_t n, size_t i, size_t e, size_t *span, unsigned char *none)
{
    /* the next backslash and backtick at or after p, SIZE_MAX until looked for */
    size_t p = i, bs = SIZE_MAX, bt = SIZE_MAX;
    const char *hit;
    while (p < e) {
        if (*span) {
            size_t c = closing_run(s, e, p, *span);
            if (c >= e)
                return;
            p = c + *span;
            *span = 0;
        } else if (s[p] == '\\') {
            p += 2;
        } else if (s[p] == '`') {
            size_t q = p;
            while (q < e && s[q] == '`')
                q++;
            size_t len = q - p;
            if (len <= SPAN_RUN_MAX && !none[len]) {
                size_t c = closing_run(s, n, q, len);
                if (c >= n)
                    none[len] = 1;
                else if (c < e)
                    q = c + len;
                else
                    *span = len;
            }
            p = q;
        } else {
            /* nothing to follow before the next backslash or backtick:
            ** most lines have neither, and memchr skips them fast.  Each
            ** is looked for again only once p is past it, so a line of
            ** many backslashes and no backtick stays linear. */
            if (bs == SIZE_MAX || bs < p)
                bs = (hit = memchr(s + p, '\\', e - p)) ? (size_t)(hit - s) : e;
            if (bt == SIZE_MAX || bt < p)
                bt = (hit = memchr(s + p, '`', e - p)) ? (size_t)(hit - s) : e;
            p = bs < bt ? bs : bt;
        }
    }
}

/* Copies the line s[i..e) into out, a `[` or `]` inside $math$ (pandoc's
** rule: no space inside the dollars, no digit after) given MARK and a
** backslash before it: to pandoc math is one piece, so a bracket inside it
** does not end link text ([a $(0,1]$](url)), where md4c reads links first.
** text_cb drops the two again. */
static void
put_math_brackets(struct sz_buf *out, const char *s, size_t i, size_t e)
{
    size_t p = i;
    while (p < e) {
        if (s[p] == '\\') {
            p += 2;
        } else if (s[p] == '`') {       /* a code span on the line */
            size_t q = p;
            while (q < e && s[q] == '`')
                q++;
            size_t c = closing_run(s, e, q, q - p);
            p = c < e ? c + (q - p) : q;
        } else if (s[p] == '$') {
            size_t d = p + 1 < e && s[p + 1] == '$' ? 2 : 1, q = p + d;
            if (q >= e || (d == 1 && is_ws((unsigned char)s[q]))) {
                p = q;
                continue;
            }
            int brackets = 0;
            for (; q < e; q++) {
                if (s[q] == '\\' && q + 1 < e)
                    q++;
                else if (s[q] == '[' || s[q] == ']')
                    brackets = 1;
                else if (s[q] == '$')
                    break;
            }
            if (q >= e || (d == 2 && (q + 1 >= e || s[q + 1] != '$'))) {
                p = q;
                continue;
            }
            int ok = d == 2 || (!is_ws((unsigned char)s[q - 1]) &&
                                !(q + 1 < e && s[q + 1] >= '0' && s[q + 1] <= '9'));
            if (ok && brackets) {
                sz_buf_put(out, s + i, p + d - i);
                for (size_t k = p + d; k < q; k++) {
                    if (s[k] == '\\' && k + 1 < q) {
                        sz_buf_put(out, s + k, 2);
                        k++;
                        continue;
                    }
                    if (s[k] == '[' || s[k] == ']')
                        sz_buf_puts(out, MARK "\\");
                    sz_buf_putc(out, s[k]);
                }
                i = q;
            }
            p = ok ? q + d : q;
        } else {
            p++;
        }
    }
    sz_buf_put(out, s + i, e - i);
}

/* pandoc's markdown wants a blank line before a block quote, a list or a
** heading: one that follows a line of a paragraph is text of it, as is a
** ~~~ fence and any line inside a code span (`a, a newline, ```, b`).
** CommonMark lets them interrupt, so such a line is indented by four spaces
** here (md4c reads it as a lazy line of the paragraph and drops the
** indent), in paragraphs at the top level (inside lists and quotes the two
** agree closely enough).  md4c opens a fence even on such a line, so a
** fence line is given MARK before it instead (text_cb drops it), as is one
** pandoc does not open (``` foo}{.bar}) anywhere.  Returns how many lines
** were changed. */
static size_t
guard_paragraphs(struct mdr *r, struct sz_buf *out)
{
    const char *s = r->src;
    size_t n = r->len, i = 0, e = 0, nx = 0, count = 0, span = 0;
    int ctx = 0, prev_ctx = 0;        /* 0 between blocks, 1 paragraph, 2 other, 3 code */
    char fence = 0;
    size_t fence_len = 0;
    unsigned char none[SPAN_RUN_MAX + 1];
    size_t done = 0;
    memset(none, 0, sizeof none);
    while (line_at(s, n, i, &e, &nx)) {
        size_t k = i, ind = indent_of(s + i, e - i), q;
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        for (q = k; q < e && (s[q] == '`' || s[q] == '~') && s[q] == s[k]; q++)
            ;
        /* a fence to md4c (CommonMark), and one pandoc opens */
        int cm_fence = !fence && ind < 4 && q - k >= 3 && (s[k] == '~' || !memchr(s + q, '`', e - q));
        int opens = cm_fence && pandoc_fence_info(s + q, e - q);
        enum { KEEP, INDENT, MARKED } how = KEEP;
        if (fence) {
            if (ind < 4 && q - k >= fence_len && s[k] == fence && blank_line(s + q, e - q))
                fence = 0, ctx = 0;
        } else if (blank_line(s + i, e - i)) {
            if (ctx)
                prev_ctx = ctx;
            ctx = 0;
        } else if (span) {
            if (ind < 4)
                how = cm_fence ? MARKED : INDENT;
        } else if (ctx == 1 && cm_fence && (s[k] == '~' || !opens)) {
            how = MARKED;
        } else if (opens) {
            fence = s[k];
            fence_len = q - k;
            ctx = 2;
        } else if (cm_fence) {
            how = MARKED;
            ctx = ctx == 2 || (ctx == 0 && prev_ctx == 2 && ind > 0) ? 2 : 1;
        } else if (ind < 4 && div_fence(s + i, e - i) && ctx != 2) {
            ctx = 0, prev_ctx = 0;    /* a fenced div's fence ends a paragraph */
        } else if (ctx == 1) {
            if (ind < 4 && block_marker(s + i, e - i) >= 0)
                how = INDENT;
        } else if (ctx == 0 && prev_ctx == 2 && ind > 0) {
            ctx = 2;                  /* more of a list item */
        } else if (ctx == 0 || ctx == 3) {
            if (ind >= 4)
                ctx = 3;
            else if (s[k] == '#')
                ctx = 0, prev_ctx = 0;
            else if (block_marker(s + i, e - i) >= 0 || !plain_line(s + k, e - k))
                ctx = 2;
            else
                ctx = 1;
        }
        /* $math$ with a bracket, in running text outside code spans */
        int math = !fence && !span && (ctx == 1 || (ctx == 2 && s[k] != '<')) &&
                   memchr(s + i, '$', e - i) && (memchr(s + i, ']', e - i) || memchr(s + i, '[', e - i));
        if ((ctx == 1 || span || how == MARKED) && !fence) {
            span_line(s, n, i, e, &span, none);
        } else if (span || ctx == 0) {
            span = 0;
            memset(none, 0, sizeof none);
        }
        if (how == KEEP && !math) {
            i = nx;
            continue;
        }
        count++;
        text_to(out, s, n, &done, i);
        if (how == INDENT)
            sz_buf_puts(out, "    ");
        if (how == MARKED) {
            sz_buf_put(out, s + i, k - i);
            sz_buf_puts(out, MARK);
        }
        if (math) {
            put_math_brackets(out, s, how == MARKED ? k : i, e);
            sz_buf_put(out, s + e, nx - e);
        } else {
            sz_buf_put(out, s + (how == MARKED ? k : i), nx - (how == MARKED ? k : i));
        }
        i = done = nx;
    }
    if (count)
        text_to(out, s, n, &done, n);
    return count;
}

/* pandoc parses each metadata string as Markdown: one paragraph gives
** MetaInlines, anything else MetaBlocks. */
static int
meta_markdown(struct mdr *r)
{
    struct sz_doc *doc = r->doc;
    struct nodes l = { 0 };
    struct sz_iter it;
    enum sz_ev ev;
    int rc = 0;
    sz_iter_init(&it, doc->meta);
    while ((ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        if (ev != SZ_EV_ENTER || it.cur->kind != SZ_META_INLINES)
            continue;
        sz_iter_skip_children(&it);
        nodes_push(&l, it.cur);
    }
    struct sz_buf b = SZ_BUF_INIT;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        struct sz_node *m = l.v[i];
        sz_buf_clear(&b);
        for (struct sz_node *c = m->first; c; c = c->next)
            if (c->kind == SZ_STR)
                sz_buf_put(&b, c->text, c->len);
            else
                sz_buf_putc(&b, c->kind == SZ_SOFTBREAK ? '\n' : ' ');
        if (!b.len)
            continue;
        struct sz_node *tmp = sz_node_new(doc, SZ_DIV);
        if ((rc = parse_piece(r, b.data, b.len, r->base, tmp)) < 0)
            break;
        while (m->first)
            sz_node_unlink(m->first);
        struct sz_node *from = tmp;
        if (tmp->first && !tmp->first->next &&
            (tmp->first->kind == SZ_PARA || tmp->first->kind == SZ_PLAIN))
            from = tmp->first;
        else
            m->kind = SZ_META_BLOCKS;
        sz_node_append_children(m, from);
    }
    sz_buf_free(&b);
    free(l.v);
    return rc;
}

/* After a pass that rewrote r->src into b: when it changed something
** (used), md4c reads b and the text before it is freed (unless it is the
** caller's); else b is.  A book then costs one copy of its text, not one
** per pass. */
static void
take(struct mdr *r, struct sz_buf *b, struct sz_buf **held, int used)
{
    if (!used) {
        sz_buf_free(b);
        return;
    }
    r->src = b->data ? b->data : "";
    r->len = b->len;
    if (*held)
        sz_buf_free(*held);
    else if (r->own)
        sz_buf_free(r->own);    /* nothing points into it any more */
    r->own = NULL;
    *held = b;
}

static size_t
line_len(const char *s, size_t n)
{
    const char *nl = memchr(s, '\n', n);
    return nl ? (size_t)(nl - s) : n;
}

/* pandoc's title block: up to three lines "% title", "% author; author",
** "% date" at the very start (a line starting with a space continues the
** one before).  Loaded as the YAML it means; returns the bytes it takes
** (with the blank line after it), 0 if none, -1 on error. */
static long
title_block(struct mdr *r, const char *s, size_t n)
{
    struct sz_buf y = SZ_BUF_INIT, field = SZ_BUF_INIT;
    static const char *const keys[] = { "title", "author", "date" };
    size_t i = 0;
    int f = 0;
    while (i < n && f < 3 && s[i] == '%') {
        sz_buf_clear(&field);
        do {
            const char *nl = memchr(s + i, '\n', n - i);
            size_t e = nl ? (size_t)(nl - s) : n, k = i + (s[i] == '%');
            while (k < e && (s[k] == ' ' || s[k] == '\t'))
                k++;
            size_t t = e;
            while (t > k && (s[t - 1] == ' ' || s[t - 1] == '\r'))
                t--;
            if (field.len && t > k)
                sz_buf_putc(&field, f == 1 ? ';' : '\n');
            sz_buf_put(&field, s + k, t - k);
            i = nl ? e + 1 : n;
        } while (i < n && (s[i] == ' ' || s[i] == '\t') && !blank_line(s + i, line_len(s + i, n - i)));
        if (field.len) {
            sz_buf_printf(&y, "%s:%s", keys[f], f == 1 ? "\n" : " ");
            size_t a = 0;
            while (a < field.len) {
                const char *sc = f == 1 ? memchr(field.data + a, ';', field.len - a) : NULL;
                size_t b = sc ? (size_t)(sc - field.data) : field.len, c = a;
                while (c < b && field.data[c] == ' ')
                    c++;
                if (c < b) {
                    sz_buf_puts(&y, f == 1 ? "- \"" : "\"");
                    for (size_t q = c; q < b; q++) {
                        char ch = field.data[q];
                        if (ch == '\n')
                            sz_buf_puts(&y, "\\n");
                        else if (ch == '"' || ch == '\\')
                            sz_buf_putc(&y, '\\'), sz_buf_putc(&y, ch);
                        else if ((unsigned char)ch >= 0x20)
                            sz_buf_putc(&y, ch);
                    }
                    sz_buf_puts(&y, "\"\n");
                }
                a = b + 1;
            }
        } else if (f == 1) {
            sz_buf_puts(&y, "author:\n- \"\"\n");   /* as pandoc: one empty author */
        }
        f++;
    }
    long rc = 0;
    if (f && y.len) {
        if (sz_meta_load_yaml(r->doc, y.data, y.len, r->o->filename, &r->doc->diags) < 0) {
            r->failed = 1;
            rc = -1;
        } else {
            rc = (long)i;
        }
    } else if (f) {
        rc = (long)i;
    }
    sz_buf_free(&y);
    sz_buf_free(&field);
    return rc;
}

static int
read_md(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o,
        enum flavour fl, struct sz_buf *own)
{
    struct sz_buf clean = SZ_BUF_INIT, cut = SZ_BUF_INIT, divs = SZ_BUF_INIT, dls = SZ_BUF_INIT;
    struct sz_buf guard = SZ_BUF_INIT, tex = SZ_BUF_INIT, rattr = SZ_BUF_INIT, *held = NULL;
    struct sz_buf fancy = SZ_BUF_INIT, tables = SZ_BUF_INIT, u16 = SZ_BUF_INIT;
    struct sz_ropts defaults;
    int rc = -1;
    if (!o) {
        sz_ropts_init(&defaults);
        o = &defaults;
    }
    struct mdr *r = mdr_new(doc, o, fl);
    r->src = data;
    r->len = len;
    r->own = own;
    if (len > MD_MAX_INPUT) {
        sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_PARSE, o->filename, 0, 0, -1,
                    "Markdown input larger than 2 GiB");
        goto out;
    }
    size_t bom;
    int utf16 = o->encoding && *o->encoding ? 0 : sz_utf16_guess(data, len, &bom);
    if (utf16) {
        /* Notepad's UTF-16, with or without its BOM: read as the text it is
        ** rather than as UTF-8 made of U+FFFD.  Offsets from here on count
        ** in the UTF-8 text. */
        sz_utf16_to_utf8(data + bom, len - bom, utf16 == 'B', &u16);
        if (bom)
            sz_diag_add(&doc->diags, SZ_INFO, 0, o->filename, 0, 0, -1, "input decoded as UTF-16");
        else
            sz_diag_add(&doc->diags, SZ_WARNING, 0, o->filename, 0, 0, -1,
                        "input has no byte order mark but its bytes say UTF-16%s; "
                        "decoded as such", utf16 == 'B' ? "BE" : "LE");
        data = u16.data ? u16.data : "";
        len = u16.len;
    } else if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
        data += 3;
        len -= 3;
        r->base = 3;
    }
    /* Bad UTF-8 and NUL bytes become U+FFFD, with a warning at the first. */
    size_t bad;
    if (!sz_utf8_valid(data, len, &bad) || memchr(data, '\0', len)) {
        const char *z = memchr(data, '\0', len);
        size_t first = sz_utf8_valid(data, len, &bad) ? (size_t)(z - data)
                       : z && (size_t)(z - data) < bad ? (size_t)(z - data) : bad;
        uint32_t line = 1;
        for (size_t i = 0; i < first; i++)
            line += data[i] == '\n';
        sz_diag_add(&doc->diags, SZ_WARNING, 0, o->filename, line, 0,
                    (long long)(first + r->base),
                    "invalid UTF-8 or NUL byte in Markdown input: replaced by U+FFFD");
        sz_buf_reserve(&clean, len + len / 2 + 1);
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            size_t k = sz_utf8_decode(data + i, len - i, &cp);
            if (cp == 0 || cp == 0xFFFD)
                sz_buf_puts(&clean, "\xef\xbf\xbd");
            else
                sz_buf_put(&clean, data + i, k);
            i += k;
        }
        data = clean.data;
        len = clean.len;
    }
    r->src = data;
    r->len = len;
    if (fl != F_COMMONMARK) {
        long title = fl == F_MARKDOWN && len && data[0] == '%' ? title_block(r, data, len) : 0;
        if (title < 0)
            goto out;
        data += title;
        len -= (size_t)title;
        r->base += (size_t)title;
        long skip = yaml_block(r, data, len);
        if (skip < 0)
            goto out;
        r->src = data + skip;
        r->len = len - (size_t)skip;
        r->base += (size_t)skip;
        if ((skip || title) && meta_markdown(r) < 0)
            goto out;
        if (find_ref(r->src, r->len)) {
            int nc = extract_notes(r, &cut);
            if (nc < 0)
                goto out;
            take(r, &cut, &held, nc > 0);
        }
    }
    if (fl == F_MARKDOWN) {
        long nt = cut_tables(r, &tables);
        if (nt < 0)
            goto out;
        take(r, &tables, &held, nt > 0);
    }
    if (fl == F_MARKDOWN) {
        long ndl = cut_deflists(r, &dls);
        if (ndl < 0)
            goto out;
        take(r, &dls, &held, ndl > 0);
    }
    if (fl == F_MARKDOWN)
        take(r, &fancy, &held, may_have_fancy(r->src, r->len) && mark_fancy(r, &fancy) > 0);
    if (fl == F_MARKDOWN)
        take(r, &guard, &held, guard_paragraphs(r, &guard) > 0);
    if (fl == F_MARKDOWN)
        take(r, &divs, &held, mark_divs(r, &divs) > 0);
    if (fl == F_MARKDOWN)
        take(r, &tex, &held, mark_tex(r, &tex) > 0);
    if (fl == F_MARKDOWN && !r->nested && memchr(r->src, '{', r->len))
        take(r, &rattr, &held, mark_ref_attrs(r, &rattr) > 0);
    if (parse_into(r, doc->root) < 0)
        goto out;
    if (fl == F_MARKDOWN && split_html_blocks(r) < 0)
        goto out;
    if (fl == F_MARKDOWN && fix_divs(r) < 0)
        goto out;
    if (fl == F_MARKDOWN)
        sz_pass_heading_ids(doc);
    else if (fl == F_GFM)
        gfm_ids(r);
    rc = 0;
out:
    mdr_free(r);
    sz_buf_free(&clean);
    sz_buf_free(&cut);
    sz_buf_free(&divs);
    sz_buf_free(&dls);
    sz_buf_free(&guard);
    sz_buf_free(&tex);
    sz_buf_free(&rattr);
    sz_buf_free(&fancy);
    sz_buf_free(&tables);
    sz_buf_free(&u16);
    return rc;
}

static int
read_commonmark(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    return read_md(doc, data, len, o, F_COMMONMARK, NULL);
}

static int
read_gfm(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    return read_md(doc, data, len, o, F_GFM, NULL);
}

static int
read_markdown(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    return read_md(doc, data, len, o, F_MARKDOWN, NULL);
}

/* The same, given the input to free once a pass has rewritten it. */
static int
own_commonmark(struct sz_doc *doc, struct sz_buf *in, const struct sz_ropts *o)
{
    return read_md(doc, in->data ? in->data : "", in->len, o, F_COMMONMARK, in);
}

static int
own_gfm(struct sz_doc *doc, struct sz_buf *in, const struct sz_ropts *o)
{
    return read_md(doc, in->data ? in->data : "", in->len, o, F_GFM, in);
}

static int
own_markdown(struct sz_doc *doc, struct sz_buf *in, const struct sz_ropts *o)
{
    return read_md(doc, in->data ? in->data : "", in->len, o, F_MARKDOWN, in);
}

const struct sz_reader sz_reader_commonmark = { "commonmark", "CommonMark (md4c)",
                                                read_commonmark, NULL, own_commonmark };
const struct sz_reader sz_reader_gfm = { "gfm", "GitHub-Flavored Markdown (md4c)", read_gfm,
                                         NULL, own_gfm };
const struct sz_reader sz_reader_markdown = {
    "markdown", "pandoc's Markdown: CommonMark plus smart punctuation, identifiers, "
                "heading attributes, figures, math, YAML metadata",
    read_markdown, NULL, own_markdown
};

/* }================================================================== */
