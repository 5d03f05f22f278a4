/*
** json.c
** The pandoc JSON writer: compact output byte-compatible with pandoc's.
** See LICENSE.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "core/bytes8.h"
#include "core/registry.h"

/* How the children of a container map onto JSON.  A container's contents are
** a sequence of groups; each group holds the children of some kinds, either
** a JSON array of them (LIST) or exactly one (ONE, with a default written
** when the child is missing).  The writer walks the tree with sz_iter and
** keeps one frame per open container, so no input depth reaches the C stack. */
enum gkind { G_LIST, G_ONE };

struct group {
    enum gkind kind;
    const char *open, *close;  /* written around the group */
    const char *dflt;          /* G_ONE: written when the child is absent */
};

struct frame {
    const struct sz_node *node;
    int g;                     /* current group */
    size_t count;              /* children written in the current group */
};

struct wr {
    struct sz_buf *b;
    struct sz_diags *diags;
    int api22;                 /* write pandoc-types 1.22 (pandoc 2.x) */
    struct frame *st;
    size_t nst, cap;
    int nested;                /* depth of 1.22 figure conversions in progress */
    int failed;
    struct sz_sink *out;       /* where output goes on every JSON_FLUSH bytes */
    int rc;                    /* the first failed sz_sink_write, or 0 */
};

/* How much output the writer gathers before handing it to the sink: the
** buffer is held beside the whole tree, so it is kept small (64 KB made
** it 109 KB, a sixth of what reading Ulysses' 0.69 MB EPUB adds). */
#define JSON_FLUSH (16 * 1024)

static const char *const aligns[] = { "AlignDefault", "AlignLeft", "AlignRight", "AlignCenter" };
static const char *const styles[] = { "DefaultStyle", "Example", "Decimal", "LowerRoman",
                                      "UpperRoman", "LowerAlpha", "UpperAlpha" };
static const char *const delims[] = { "DefaultDelim", "Period", "OneParen", "TwoParens" };
static const char *const modes[] = { "AuthorInText", "SuppressAuthor", "NormalCitation" };
#define ENUM(tab, v) ((v) >= 0 && (size_t)(v) < sizeof(tab) / sizeof(tab[0]) ? tab[v] : tab[0])

#define EMPTY_ATTR "[\"\",[],[]]"

/* {=================================================================
** Scalars
** ================================================================== */

/* A JSON string escaped as aeson does: \" \\ \n \r \t, other controls as
** \u00XX, everything else as UTF-8 (invalid bytes become U+FFFD). */
static void
put_str(struct sz_buf *b, const char *s, size_t n)
{
    size_t bad;
    sz_buf_addc(b, '"');
    int valid = sz_utf8_valid(s, n, &bad);
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char hex[8];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20) {
            snprintf(hex, sizeof hex, "\\u%04x", c);
            esc = hex;
        }
        if (esc) {
            sz_buf_put(b, s + run, i - run);
            sz_buf_puts(b, esc);
            run = ++i;
        } else if (c >= 0x80 && !valid) {
            uint32_t cp;
            size_t k = sz_utf8_decode(s + i, n - i, &cp);
            sz_buf_put(b, s + run, i - run);
            sz_buf_put_utf8(b, cp);
            i += k;
            run = i;
        } else {
            i++;
        }
    }
    sz_buf_put(b, s + run, n - run);
    sz_buf_addc(b, '"');
}

static void
put_cstr(struct sz_buf *b, const char *s)
{
    put_str(b, s ? s : "", s ? strlen(s) : 0);
}

/* A Double as Haskell's show prints it (aeson via pandoc does the same):
** the shortest digits that read back exactly; fixed notation for
** 0.1 <= |x| < 10^7, else d.ddde<n>; always a digit after the point. */
void sz_json_put_double(struct sz_buf *b, double x);

void
sz_json_put_double(struct sz_buf *b, double x)
{
    char tmp[40], digits[24];
    int prec, exp10;
    if (!isfinite(x)) {
        SZ_BUF_LIT(b, "0.0");
        return;
    }
    if (x == 0) {
        sz_buf_puts(b, signbit(x) ? "-0.0" : "0.0");
        return;
    }
    for (prec = 0; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    /* tmp is [-]d[.ddd]e[+-]NN */
    const char *p = tmp;
    size_t nd = 0;
    if (*p == '-') {
        sz_buf_addc(b, '-');
        p++;
    }
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    exp10 = atoi(p + 1);       /* x = d.ddd * 10^exp10 */
    if (exp10 >= -1 && exp10 < 7) {
        if (exp10 < 0) {
            SZ_BUF_LIT(b, "0.");
            sz_buf_put(b, digits, nd);
        } else {
            size_t ip = (size_t)exp10 + 1;
            for (size_t i = 0; i < ip; i++)
                sz_buf_addc(b, i < nd ? digits[i] : '0');
            sz_buf_addc(b, '.');
            if (nd > ip)
                sz_buf_put(b, digits + ip, nd - ip);
            else
                sz_buf_addc(b, '0');
        }
    } else {
        sz_buf_addc(b, digits[0]);
        sz_buf_addc(b, '.');
        if (nd > 1)
            sz_buf_put(b, digits + 1, nd - 1);
        else
            sz_buf_addc(b, '0');
        sz_buf_printf(b, "e%d", exp10);
    }
}

static void
put_attr(struct sz_buf *b, const struct sz_attr *a)
{
    sz_buf_addc(b, '[');
    put_cstr(b, a->id);
    SZ_BUF_LIT(b, ",[");
    for (size_t i = 0; i < a->nclasses; i++) {
        if (i)
            sz_buf_addc(b, ',');
        put_cstr(b, a->classes[i]);
    }
    SZ_BUF_LIT(b, "],[");
    for (size_t i = 0; i < a->nkvs; i++) {
        if (i)
            sz_buf_addc(b, ',');
        sz_buf_addc(b, '[');
        put_cstr(b, a->kvs[i].key);
        sz_buf_addc(b, ',');
        put_cstr(b, a->kvs[i].value);
        sz_buf_addc(b, ']');
    }
    SZ_BUF_LIT(b, "]]");
}

static void
put_tag(struct sz_buf *b, const char *t)
{
    SZ_BUF_LIT(b, "{\"t\":\"");
    sz_buf_puts(b, t);
    SZ_BUF_LIT(b, "\"}");
}

/* {=================================================================
** Container shapes
** ================================================================== */

static const struct group g_list[] = { { G_LIST, "[", "]", NULL } };
static const struct group g_table[] = {
    { G_ONE, "", "", "[null,[]]" },                  /* Caption */
    { G_LIST, ",[", "]", NULL },                     /* ColSpecs */
    { G_ONE, ",", "", "[" EMPTY_ATTR ",[]]" },       /* TableHead */
    { G_LIST, ",[", "]", NULL },                     /* TableBodies */
    { G_ONE, ",", "", "[" EMPTY_ATTR ",[]]" },       /* TableFoot */
};
static const struct group g_figure[] = {
    { G_ONE, "", "", "[null,[]]" },                  /* Caption */
    { G_LIST, ",[", "]", NULL },                     /* blocks */
};
static const struct group g_caption[] = {
    { G_ONE, "", "", "null" },                       /* short caption */
    { G_LIST, ",[", "]", NULL },                     /* blocks */
};
static const struct group g_defitem[] = {
    { G_ONE, "", "", "[]" },                         /* term */
    { G_LIST, ",[", "]", NULL },                     /* definitions */
};
static const struct group g_tbody[] = {
    { G_ONE, "", "", "[]" },                         /* intermediate head rows */
    { G_LIST, ",[", "]", NULL },                     /* body rows */
};
static const struct group g_cite[] = {
    { G_LIST, "[", "]", NULL },                      /* citations */
    { G_LIST, ",[", "]", NULL },                     /* inlines */
};
static const struct group g_citation[] = {
    { G_ONE, ",\"citationPrefix\":", "", "[]" },
    { G_ONE, ",\"citationSuffix\":", "", "[]" },
};
static const struct group g_entry[] = { { G_ONE, "", "", "{\"t\":\"MetaString\",\"c\":\"\"}" } };
static const struct group g_map[] = { { G_LIST, "{", "}", NULL } };

static const struct group *
groups(enum sz_kind k, int *n)
{
    *n = 1;
    switch (k) {
    case SZ_TABLE: *n = 5; return g_table;
    case SZ_FIGURE: *n = 2; return g_figure;
    case SZ_CAPTION: *n = 2; return g_caption;
    case SZ_DEFITEM: *n = 2; return g_defitem;
    case SZ_TBODY: *n = 2; return g_tbody;
    case SZ_CITE: *n = 2; return g_cite;
    case SZ_CITATION: *n = 2; return g_citation;
    case SZ_META_ENTRY: return g_entry;
    case SZ_META_MAP: return g_map;
    default: return g_list;
    }
}

/* Which group of parent p a child of kind c goes to. */
static int
group_of(enum sz_kind p, enum sz_kind c)
{
    switch (p) {
    case SZ_TABLE:
        return c == SZ_CAPTION ? 0 : c == SZ_COLSPEC ? 1 : c == SZ_THEAD ? 2 : c == SZ_TBODY ? 3 : 4;
    case SZ_FIGURE:
    case SZ_CAPTION: return c == SZ_CAPTION || c == SZ_SHORTCAPTION ? 0 : 1;
    case SZ_DEFITEM: return c == SZ_TERM ? 0 : 1;
    case SZ_TBODY: return c == SZ_TBODY_HEAD ? 0 : 1;
    case SZ_CITE: return c == SZ_CITATION ? 0 : 1;
    case SZ_CITATION: return c == SZ_CITE_PREFIX ? 0 : 1;
    default: return 0;
    }
}

/* What comes before a container's first group. */
static void
put_prefix(struct wr *w, const struct sz_node *n)
{
    struct sz_buf *b = w->b;
    const char *name = sz_kind_name(n->kind);
    switch (n->kind) {
    case SZ_PLAIN: case SZ_PARA: case SZ_LINEBLOCK: case SZ_BLOCKQUOTE: case SZ_BULLETLIST:
    case SZ_DEFLIST: case SZ_EMPH: case SZ_UNDERLINE: case SZ_STRONG: case SZ_STRIKEOUT:
    case SZ_SUPERSCRIPT: case SZ_SUBSCRIPT: case SZ_SMALLCAPS: case SZ_NOTE:
    case SZ_META_LIST: case SZ_META_INLINES: case SZ_META_BLOCKS:
        /* not sz_buf_printf: a paragraph's printf cost as much as its text */
        SZ_BUF_LIT(b, "{\"t\":\"");
        sz_buf_puts(b, name);
        SZ_BUF_LIT(b, "\",\"c\":");
        break;
    case SZ_META_MAP:
        if (n->parent)         /* the document's own meta is a bare object */
            SZ_BUF_LIT(b, "{\"t\":\"MetaMap\",\"c\":");
        break;
    case SZ_META_ENTRY:
        put_str(b, n->text, n->len);
        sz_buf_addc(b, ':');
        break;
    case SZ_ORDEREDLIST:
        sz_buf_printf(b, "{\"t\":\"OrderedList\",\"c\":[[%d,", n->ival);
        put_tag(b, ENUM(styles, n->sub));
        sz_buf_addc(b, ',');
        put_tag(b, ENUM(delims, n->sub2));
        SZ_BUF_LIT(b, "],");
        break;
    case SZ_HEADER:
        sz_buf_printf(b, "{\"t\":\"Header\",\"c\":[%d,", n->level);
        put_attr(b, n->attr);
        sz_buf_addc(b, ',');
        break;
    case SZ_TABLE: case SZ_FIGURE: case SZ_DIV: case SZ_LINK: case SZ_IMAGE: case SZ_SPAN:
        SZ_BUF_LIT(b, "{\"t\":\"");
        sz_buf_puts(b, name);
        SZ_BUF_LIT(b, "\",\"c\":[");
        put_attr(b, n->attr);
        sz_buf_addc(b, ',');
        break;
    case SZ_QUOTED:
        SZ_BUF_LIT(b, "{\"t\":\"Quoted\",\"c\":[");
        put_tag(b, n->sub == SZ_QUOTE_SINGLE ? "SingleQuote" : "DoubleQuote");
        sz_buf_addc(b, ',');
        break;
    case SZ_CITE:
        SZ_BUF_LIT(b, "{\"t\":\"Cite\",\"c\":[");
        break;
    case SZ_CAPTION: case SZ_DEFITEM:
        sz_buf_addc(b, '[');
        break;
    case SZ_THEAD: case SZ_TFOOT: case SZ_ROW:
        sz_buf_addc(b, '[');
        put_attr(b, n->attr);
        sz_buf_addc(b, ',');
        break;
    case SZ_TBODY:
        sz_buf_addc(b, '[');
        put_attr(b, n->attr);
        sz_buf_printf(b, ",%d,", n->ival);
        break;
    case SZ_CELL:
        sz_buf_addc(b, '[');
        put_attr(b, n->attr);
        sz_buf_addc(b, ',');
        put_tag(b, ENUM(aligns, n->sub));
        sz_buf_printf(b, ",%d,%d,", n->ival, n->ival2);
        break;
    case SZ_CITATION:
        SZ_BUF_LIT(b, "{\"citationId\":");
        put_str(b, n->text, n->len);
        break;
    default:                   /* Item, Line, Term, Definition, ShortCaption, ... */
        break;
    }
}

/* What comes after a container's last group. */
static void
put_suffix(struct wr *w, const struct sz_node *n)
{
    struct sz_buf *b = w->b;
    switch (n->kind) {
    case SZ_PLAIN: case SZ_PARA: case SZ_LINEBLOCK: case SZ_BLOCKQUOTE: case SZ_BULLETLIST:
    case SZ_DEFLIST: case SZ_EMPH: case SZ_UNDERLINE: case SZ_STRONG: case SZ_STRIKEOUT:
    case SZ_SUPERSCRIPT: case SZ_SUBSCRIPT: case SZ_SMALLCAPS: case SZ_NOTE:
    case SZ_META_LIST: case SZ_META_INLINES: case SZ_META_BLOCKS:
        sz_buf_addc(b, '}');
        break;
    case SZ_META_MAP:
        if (n->parent)
            sz_buf_addc(b, '}');
        break;
    case SZ_ORDEREDLIST: case SZ_HEADER: case SZ_TABLE: case SZ_FIGURE: case SZ_DIV:
    case SZ_SPAN: case SZ_QUOTED: case SZ_CITE:
        SZ_BUF_LIT(b, "]}");
        break;
    case SZ_LINK: case SZ_IMAGE:
        SZ_BUF_LIT(b, ",[");
        put_cstr(b, n->target->url);
        sz_buf_addc(b, ',');
        put_cstr(b, n->target->title);
        SZ_BUF_LIT(b, "]]}");
        break;
    case SZ_CAPTION: case SZ_DEFITEM: case SZ_THEAD: case SZ_TFOOT: case SZ_ROW: case SZ_TBODY:
    case SZ_CELL:
        sz_buf_addc(b, ']');
        break;
    case SZ_CITATION:
        SZ_BUF_LIT(b, ",\"citationMode\":");
        put_tag(b, ENUM(modes, n->sub));
        sz_buf_printf(b, ",\"citationNoteNum\":%d,\"citationHash\":%d}", n->ival, n->ival2);
        break;
    default:
        break;
    }
}

/* Bytes put_str escapes, as put_str does. */
static const unsigned char escaped[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
    [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* A text run of valid UTF-8 as the Str, Space and SoftBreak nodes it packs,
** straight into room reserved once (a run is most of a book's JSON, and a
** call per word and per piece of punctuation cost a third of the time);
** the same bytes as put_str and put_tag.  The UTF-8 is checked as it is
** copied, not in a pass of its own: 0 (nothing written) when the run is
** not valid, and then the caller goes word by word.  A run longer than
** HAND bytes (a chapter may be one paragraph) is checked first instead, so that
** its output can be handed on piece by piece: held whole, its JSON (six
** times the text) was the largest thing in memory after the tree. */
static int
put_run(struct wr *w, const char *s, size_t n)
{
    struct sz_buf *b = w->b;
    static const char str[] = "{\"t\":\"Str\",\"c\":\"", space[] = "\"},{\"t\":\"Space\"},",
                      soft[] = "\"},{\"t\":\"SoftBreak\"},";
    size_t start = b->len;
    /* Room for a piece of at most CHUNK bytes: each byte takes at most 6
    ** ("\u00XX") or, a separator, the close, the tag and the next open;
    ** small pieces keep the buffer small (a piece's room is 39 times it). */
    enum { CHUNK = 256, HAND = 1024 };
    int handed = 0;             /* may output go to the sink mid-run? */
    if (n > HAND && w->out) {
        size_t bad;
        if (!sz_utf8_valid(s, n, &bad))
            return 0;
        handed = 1;
    }
    if (b->len + sizeof space + sizeof str + 1 > b->cap)
        sz_buf_reserve(b, sizeof space + sizeof str + b->cap / 2);
    char *o = b->data + b->len;
    size_t i = 0;
    if (n && s[0] == ' ') {
        /* a run's leading Space (see SZ_STR_RUN) */
        memcpy(o, space + 3, sizeof space - 4);
        o += sizeof space - 4;
        i = 1;
    }
    memcpy(o, str, sizeof str - 1);
    o += sizeof str - 1;
    while (i < n) {
        b->len = (size_t)(o - b->data);
        if (handed && b->len >= JSON_FLUSH && w->rc == 0) {
            w->rc = sz_sink_write(w->out, b->data, b->len);
            sz_buf_clear(b);
        }
        /* room for this piece, not for a whole CHUNK: most runs are a
        ** paragraph, and a small book's JSON stays small; a code point
        ** may run up to 3 bytes past the piece */
        size_t piece = n - i < CHUNK ? n - i : CHUNK, end = i + piece;
        size_t want = piece * (sizeof soft + sizeof str) + 8;
        if (b->len + want + 1 > b->cap)     /* grow by half at least, as sz_buf_put */
            sz_buf_reserve(b, want > b->cap / 2 ? want : b->cap / 2);
        o = b->data + b->len;
        while (i < end) {
            /* Eight bytes are copied at once up to the first that is a
            ** separator, escaped or not ASCII (a word of a book is one
            ** step): below 0x23 finds the controls, ' ' and '"' (and '!',
            ** copied below as it is). */
            if (i + 8 <= end) {
                uint64_t x = sz_b8_load(s + i);
                uint64_t m = sz_b8_lt(x, 0x23) | sz_b8_eq(x, '\\') | (x & SZ_B8_HIGH);
                memcpy(o, s + i, 8);
                if (!m) {
                    o += 8;
                    i += 8;
                    continue;
                }
                unsigned k = sz_b8_first(m);
                o += k;
                i += k;
            }
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80) {
                uint32_t cp;
                size_t k = sz_utf8_decode(s + i, n - i, &cp);
                if (cp == 0xFFFD && k == 1) {
                    b->len = start;
                    b->data[start] = '\0';
                    return 0;
                }
                memcpy(o, s + i, k);
                o += k;
                i += k;
                continue;
            }
            i++;
            if (c == ' ') {
                memcpy(o, space, sizeof space - 1);
                o += sizeof space - 1;
                memcpy(o, str, sizeof str - 1);
                o += sizeof str - 1;
            } else if (c == '\n') {
                memcpy(o, soft, sizeof soft - 1);
                o += sizeof soft - 1;
                memcpy(o, str, sizeof str - 1);
                o += sizeof str - 1;
            } else if (!escaped[c]) {
                *o++ = (char)c;
            } else {
                *o++ = '\\';
                switch (c) {
                case '"': *o++ = '"'; break;
                case '\\': *o++ = '\\'; break;
                case '\r': *o++ = 'r'; break;
                case '\t': *o++ = 't'; break;
                default:
                    o += sprintf(o, "u%04x", c);
                    break;
                }
            }
        }
    }
    if (n && s[n - 1] == ' ') {
        /* a run's trailing Space (see SZ_STR_RUN) opened no Str after it */
        o -= sizeof str;    /* the ',' and the Str's opening */
    } else {
        *o++ = '"';
        *o++ = '}';
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 1;
}

/* A node without children. */
static void
put_leaf(struct wr *w, const struct sz_node *n)
{
    struct sz_buf *b = w->b;
    switch (n->kind) {
    case SZ_STR:
        if (SZ_IS_RUN(n) && put_run(w, n->text, n->len))
            break;
        if (SZ_IS_RUN(n)) {
            /* a run is written as the Str/Space/SoftBreak nodes it packs */
            size_t pos = 0;
            enum sz_kind sep;
            int any = 0;
            while (pos < n->len) {
                size_t at = pos;
                size_t wl = sz_run_next(n->text, n->len, &pos, &sep);
                if (wl) {       /* none before a leading Space */
                    if (any)
                        sz_buf_addc(b, ',');
                    SZ_BUF_LIT(b, "{\"t\":\"Str\",\"c\":");
                    put_str(b, n->text + at, wl);
                    sz_buf_addc(b, '}');
                    any = 1;
                }
                if (sep != SZ_NONE) {
                    if (any)
                        sz_buf_addc(b, ',');
                    put_tag(b, sz_kind_name(sep));
                    any = 1;
                }
            }
            break;
        }
        SZ_BUF_LIT(b, "{\"t\":\"Str\",\"c\":");
        put_str(b, n->text, n->len);
        sz_buf_addc(b, '}');
        break;
    case SZ_SPACE: case SZ_SOFTBREAK: case SZ_LINEBREAK: case SZ_HRULE:
        put_tag(b, sz_kind_name(n->kind));
        break;
    case SZ_CODE: case SZ_CODEBLOCK:
        sz_buf_printf(b, "{\"t\":\"%s\",\"c\":[", sz_kind_name(n->kind));
        put_attr(b, n->attr);
        sz_buf_addc(b, ',');
        put_str(b, n->text, n->len);
        SZ_BUF_LIT(b, "]}");
        break;
    case SZ_RAWBLOCK: case SZ_RAWINLINE:
        sz_buf_printf(b, "{\"t\":\"%s\",\"c\":[", sz_kind_name(n->kind));
        put_cstr(b, n->format);
        sz_buf_addc(b, ',');
        put_str(b, n->text, n->len);
        SZ_BUF_LIT(b, "]}");
        break;
    case SZ_MATH:
        SZ_BUF_LIT(b, "{\"t\":\"Math\",\"c\":[");
        put_tag(b, n->sub == SZ_MATH_DISPLAY ? "DisplayMath" : "InlineMath");
        sz_buf_addc(b, ',');
        put_str(b, n->text, n->len);
        SZ_BUF_LIT(b, "]}");
        break;
    case SZ_COLSPEC:
        sz_buf_addc(b, '[');
        put_tag(b, ENUM(aligns, n->sub));
        if (n->width > 0) {
            SZ_BUF_LIT(b, ",{\"t\":\"ColWidth\",\"c\":");
            sz_json_put_double(b, n->width);
            SZ_BUF_LIT(b, "}]");
        } else {
            SZ_BUF_LIT(b, ",{\"t\":\"ColWidthDefault\"}]");
        }
        break;
    case SZ_META_BOOL:
        sz_buf_puts(b, n->ival ? "{\"t\":\"MetaBool\",\"c\":true}" : "{\"t\":\"MetaBool\",\"c\":false}");
        break;
    case SZ_META_STRING:
        SZ_BUF_LIT(b, "{\"t\":\"MetaString\",\"c\":");
        put_str(b, n->text, n->len);
        sz_buf_addc(b, '}');
        break;
    default:
        /* Never reached for a valid tree: every container kind is handled
        ** by put_prefix/put_suffix. */
        SZ_BUF_LIT(b, "null");
        break;
    }
}

/* {=================================================================
** The walk
** ================================================================== */

static void emit(struct wr *w, const struct sz_node *root);

static struct frame *
top(struct wr *w)
{
    return &w->st[w->nst - 1];
}

static void
open_frame(struct wr *w, const struct sz_node *n)
{
    int ng;
    const struct group *g = groups(n->kind, &ng);
    if (w->nst == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->st = sz_xrealloc(w->st, w->cap * sizeof *w->st);
    }
    put_prefix(w, n);
    w->st[w->nst].node = n;
    w->st[w->nst].g = 0;
    w->st[w->nst].count = 0;
    w->nst++;
    sz_buf_puts(w->b, g[0].open);
}

/* Closes groups of the top frame until group target is current. */
static void
advance(struct wr *w, int target)
{
    struct frame *f = top(w);
    int ng;
    const struct group *g = groups(f->node->kind, &ng);
    while (f->g < target && f->g < ng) {
        if (g[f->g].kind == G_ONE && f->count == 0)
            sz_buf_puts(w->b, g[f->g].dflt);
        sz_buf_puts(w->b, g[f->g].close);
        f->g++;
        f->count = 0;
        if (f->g < ng)
            sz_buf_puts(w->b, g[f->g].open);
    }
}

static void
close_frame(struct wr *w)
{
    int ng;
    const struct sz_node *n = top(w)->node;
    groups(n->kind, &ng);
    advance(w, ng);
    w->nst--;
    put_suffix(w, n);
}

/* Places child c in the top frame; 0, or -1 when the tree is malformed. */
static int
before_child(struct wr *w, const struct sz_node *c)
{
    struct frame *f = top(w);
    int ng;
    const struct group *g = groups(f->node->kind, &ng);
    int target = group_of(f->node->kind, c->kind);
    if (target < f->g || (g[target].kind == G_ONE && target == f->g && f->count > 0)) {
        if (!w->failed)
            sz_diag_add(w->diags, SZ_ERROR, SZ_EXIT_WRITER, NULL, 0, 0, -1,
                        "pandoc JSON: a %s holds a %s out of place", sz_kind_name(f->node->kind),
                        sz_kind_name(c->kind));
        w->failed = 1;
        return -1;
    }
    advance(w, target);
    if (f->count++ > 0)
        sz_buf_addc(w->b, ',');
    return 0;
}

/* {=================================================================
** pandoc-types 1.22: no Figure block
** ================================================================== */

/* The lone Image of a figure whose content is one Plain/Para holding only
** that Image, or NULL. */
static const struct sz_node *
simple_figure_image(const struct sz_node *fig)
{
    const struct sz_node *body = NULL;
    for (const struct sz_node *c = fig->first; c; c = c->next) {
        if (c->kind == SZ_CAPTION)
            continue;
        if (body)
            return NULL;
        body = c;
    }
    if (!body || (body->kind != SZ_PLAIN && body->kind != SZ_PARA))
        return NULL;
    const struct sz_node *img = body->first;
    if (!img || img->kind != SZ_IMAGE || img->next)
        return NULL;
    return img;
}

static const struct sz_node *
figure_caption(const struct sz_node *fig)
{
    for (const struct sz_node *c = fig->first; c; c = c->next)
        if (c->kind == SZ_CAPTION)
            return c;
    return NULL;
}

/* Writes first and its next siblings of the wanted kinds as a comma list;
** returns how many. */
static int
emit_children(struct wr *w, const struct sz_node *first, int (*want)(enum sz_kind))
{
    int any = 0;
    for (const struct sz_node *c = first; c && !w->failed; c = c->next) {
        if (!want(c->kind))
            continue;
        if (any++)
            sz_buf_addc(w->b, ',');
        emit(w, c);
    }
    return any;
}

/* The caption's inlines: those of its Plain/Para blocks, joined by a Space. */
static void
emit_caption_inlines(struct wr *w, const struct sz_node *cap)
{
    int any = 0;
    for (const struct sz_node *blk = cap ? cap->first : NULL; blk; blk = blk->next) {
        if (blk->kind != SZ_PLAIN && blk->kind != SZ_PARA)
            continue;
        if (any && blk->first)
            SZ_BUF_LIT(w->b, ",{\"t\":\"Space\"},");
        else if (any)
            continue;
        for (const struct sz_node *c = blk->first; c && !w->failed; c = c->next) {
            if (c != blk->first)
                sz_buf_addc(w->b, ',');
            emit(w, c);
        }
        any = any || blk->first;
    }
}

static int
has_inlines(const struct sz_node *cap)
{
    for (const struct sz_node *blk = cap ? cap->first : NULL; blk; blk = blk->next)
        if ((blk->kind == SZ_PLAIN || blk->kind == SZ_PARA) && blk->first)
            return 1;
    return 0;
}

static int
is_block(enum sz_kind k)
{
    return sz_kind_is_block(k);
}

static int
is_inline(enum sz_kind k)
{
    return sz_kind_is_inline(k);
}

/* A Figure in pandoc 2.x form.  A figure of one image becomes pandoc 2's
** implicit figure, Para [Image attr caption (src, "fig:" ++ title)], with the
** figure's id (or else the image's), the image's classes and attributes then
** the figure's, and the caption's inlines (or else the image's alt text).
** Any other figure becomes Div (id, "figure":classes, kvs) [blocks...,
** Div ("",["caption"],[]) [caption blocks]].  A short caption is dropped. */
static void
emit_figure22(struct wr *w, const struct sz_node *fig)
{
    struct sz_buf *b = w->b;
    const struct sz_node *img = simple_figure_image(fig);
    const struct sz_node *cap = figure_caption(fig);
    if (++w->nested > SZ_MAX_DEPTH) {
        if (!w->failed)
            sz_diag_add(w->diags, SZ_ERROR, SZ_EXIT_WRITER, NULL, 0, 0, -1,
                        "pandoc JSON: figures nested deeper than %d", SZ_MAX_DEPTH);
        w->failed = 1;
        return;
    }
    if (img) {
        struct sz_attr a = *img->attr;
        const char *classes[64], *title = img->target->title ? img->target->title : "";
        struct sz_kv kvs[64];
        a.id = *fig->attr->id ? fig->attr->id : img->attr->id;
        if (img->attr->nclasses + fig->attr->nclasses <= 64 && img->attr->nkvs + fig->attr->nkvs <= 64) {
            a.classes = classes;
            a.kvs = kvs;
            if (img->attr->nclasses)
                memcpy(classes, img->attr->classes, img->attr->nclasses * sizeof *classes);
            if (fig->attr->nclasses)
                memcpy(classes + img->attr->nclasses, fig->attr->classes,
                       fig->attr->nclasses * sizeof *classes);
            a.nclasses = img->attr->nclasses + fig->attr->nclasses;
            if (img->attr->nkvs)
                memcpy(kvs, img->attr->kvs, img->attr->nkvs * sizeof *kvs);
            if (fig->attr->nkvs)
                memcpy(kvs + img->attr->nkvs, fig->attr->kvs, fig->attr->nkvs * sizeof *kvs);
            a.nkvs = img->attr->nkvs + fig->attr->nkvs;
        }
        SZ_BUF_LIT(b, "{\"t\":\"Para\",\"c\":[{\"t\":\"Image\",\"c\":[");
        put_attr(b, &a);
        SZ_BUF_LIT(b, ",[");
        if (has_inlines(cap))
            emit_caption_inlines(w, cap);
        else
            emit_children(w, img->first, is_inline);
        SZ_BUF_LIT(b, "],[");
        put_cstr(b, img->target->url);
        sz_buf_addc(b, ',');
        size_t tl = strlen(title);
        char *t = sz_xmalloc(tl + 5);
        memcpy(t, "fig:", 4);
        memcpy(t + 4, title, tl + 1);
        put_str(b, t, tl + 4);
        free(t);
        SZ_BUF_LIT(b, "]]}]}");
    } else {
        struct sz_attr a = *fig->attr;
        const char **classes = sz_xmalloc((a.nclasses + 1) * sizeof *classes);
        classes[0] = "figure";
        if (a.nclasses)
            memcpy(classes + 1, fig->attr->classes, a.nclasses * sizeof *classes);
        a.classes = classes;
        a.nclasses++;
        SZ_BUF_LIT(b, "{\"t\":\"Div\",\"c\":[");
        put_attr(b, &a);
        free(classes);
        SZ_BUF_LIT(b, ",[");
        int nb = emit_children(w, fig->first, is_block);
        if (cap) {
            if (nb)
                sz_buf_addc(b, ',');
            SZ_BUF_LIT(b, "{\"t\":\"Div\",\"c\":[[\"\",[\"caption\"],[]],[");
            emit_children(w, cap->first, is_block);
            SZ_BUF_LIT(b, "]]}");
        }
        SZ_BUF_LIT(b, "]]}");
    }
    w->nested--;
}

/* Writes root and everything under it. */
static void
emit(struct wr *w, const struct sz_node *root)
{
    struct sz_iter it;
    enum sz_ev ev;
    size_t base = w->nst;
    sz_iter_init(&it, (struct sz_node *)root);
    while (!w->failed && w->rc == 0 && (ev = sz_iter_next(&it)) != SZ_EV_DONE) {
        const struct sz_node *n = it.cur;
        if (ev == SZ_EV_EXIT) {
            if (!(w->api22 && n->kind == SZ_FIGURE))
                close_frame(w);
            continue;
        }
        if (n != root && before_child(w, n) < 0)
            break;
        if (w->api22 && n->kind == SZ_FIGURE) {
            emit_figure22(w, n);
            sz_iter_skip_children(&it);
        } else if (sz_kind_is_container(n->kind)) {
            open_frame(w, n);
            if (SZ_LINE_PACKED(n)) {
                struct sz_node s = sz_line_packed_str(n);
                if (before_child(w, &s) < 0)
                    break;
                put_leaf(w, &s);
            }
        } else {
            put_leaf(w, n);
        }
        /* Handed on as it grows, inside a block too: one paragraph may be
        ** a whole book on one line. */
        if (w->out && w->b->len >= JSON_FLUSH && w->rc == 0) {
            w->rc = sz_sink_write(w->out, w->b->data, w->b->len);
            sz_buf_clear(w->b);
        }
    }
    w->nst = base;
}

static int
write_json(const struct sz_doc *doc, const struct sz_wopts *o, struct sz_sink *out,
           struct sz_diags *diags)
{
    struct sz_buf b = SZ_BUF_INIT;
    struct wr w;
    memset(&w, 0, sizeof w);
    w.b = &b;
    w.diags = diags;
    w.api22 = o->api_minor == 22;
    w.out = out;
    sz_buf_puts(&b, w.api22 ? "{\"pandoc-api-version\":[1,22,2,1],\"meta\":"
                            : "{\"pandoc-api-version\":[1,23,1],\"meta\":");
    emit(&w, doc->meta);
    SZ_BUF_LIT(&b, ",\"blocks\":[");
    /* emit_children for the body, handing the output on every megabyte
    ** so a book's JSON is never held whole in memory. */
    int any = 0, rc = 0;
    for (const struct sz_node *c = doc->root->first; c && !w.failed && w.rc == 0; c = c->next) {
        if (!is_block(c->kind))
            continue;
        if (any++)
            sz_buf_addc(&b, ',');
        emit(&w, c);
    }
    rc = w.rc;
    SZ_BUF_LIT(&b, "]}\n");
    free(w.st);
    if (w.failed)
        rc = -1;
    if (rc == 0)
        rc = sz_sink_write(out, b.data, b.len);
    sz_buf_free(&b);
    return rc;
}

const struct sz_writer sz_writer_json = { "json", "json", 0, write_json };
