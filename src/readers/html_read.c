/*
** html_read.c
** The HTML reader's entry: the bytes to UTF-8 (the charset the page
** declares, checked against what it holds), then the builder and its passes.
** See LICENSE.
*/
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers/html.h"
#include "readers/essay.h"
#include "core/registry.h"

#define CHARSET_SCAN SZ_HTML_CHARSET_SCAN
/* A Project Gutenberg edition names PG in its head. */
#define PG_SCAN 8192

/* The charset an <?xml encoding> or <meta charset> declares, into out. */
static int
declared(const char *d, size_t n, char *out, size_t cap)
{
    if (n > CHARSET_SCAN)
        n = CHARSET_SCAN;
    /* encoding= counts only in the <?xml ?> declaration: a formula's
    ** <annotation encoding="application/x-tex"> is no charset */
    size_t xml_end = 0;
    {
        size_t i = 0;
        while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t' ||
                         (unsigned char)d[i] >= 0x80))
            i++;
        if (n - i > 5 && !memcmp(d + i, "<?xml", 5))
            for (xml_end = i; xml_end + 1 < n && memcmp(d + xml_end, "?>", 2); xml_end++)
                ;
    }
    static const char *const keys[] = { "encoding=", "charset=", "charset =", NULL };
    for (int k = 0; keys[k]; k++) {
        size_t m = strlen(keys[k]);
        for (size_t i = 0; i + m < n && (k > 0 || i < xml_end); i++) {
            if (strncasecmp(d + i, keys[k], m))
                continue;
            size_t j = i + m;
            while (j < n && (d[j] == '"' || d[j] == '\'' || d[j] == ' '))
                j++;
            size_t o = 0;
            while (j < n && o + 1 < cap &&
                   (isalnum((unsigned char)d[j]) || d[j] == '-' || d[j] == '_' || d[j] == '.' ||
                    d[j] == ':'))
                out[o++] = (char)tolower((unsigned char)d[j++]);
            out[o] = '\0';
            if (o)
                return 1;
        }
    }
    return 0;
}

static int
is_latin(const char *cs)
{
    return !strcmp(cs, "iso-8859-1") || !strcmp(cs, "iso8859-1") || !strcmp(cs, "latin1") ||
           !strcmp(cs, "latin-1") || !strcmp(cs, "windows-1252") || !strcmp(cs, "cp1252") ||
           !strcmp(cs, "iso-8859-15") || !strcmp(cs, "us-ascii") || !strcmp(cs, "ascii");
}

static int
iconv_utf8(const char *from, const char *s, size_t n, struct sz_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -1;
    char *in = (char *)s;
    size_t left = n;
    sz_buf_reserve(out, n * 2 + 16);
    while (left) {
        sz_buf_reserve(out, left * 2 + 16);
        char *o = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        out->len = (size_t)(o - out->data);
        if (r == (size_t)-1 && errno != E2BIG) {
            iconv_close(cd);
            return -1;
        }
    }
    out->data[out->len] = '\0';
    iconv_close(cd);
    return 0;
}

int
sz_html_decode(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o,
               struct sz_buf *out, const char **view, size_t *vlen)
{
    char cs[48];
    const unsigned char *u = (const unsigned char *)data;
    int bom = (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
              (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)));
    int dcl = declared(data, len, cs, sizeof cs);
    if ((o->encoding && *o->encoding) || bom || !dcl || !strcmp(cs, "utf-8") ||
        !strcmp(cs, "utf8")) {
        /* Valid UTF-8 with no NUL is read in place: libxml2 takes CRLF as
        ** it comes, and a book is not copied for nothing. */
        size_t bad;
        if (!(o->encoding && *o->encoding) && !bom && !memchr(data, '\0', len) &&
            sz_utf8_valid(data, len, &bad)) {
            *view = data;
            *vlen = len;
            return 0;
        }
        return sz_essay_decode(doc, data, len, o, out, view, vlen);
    }
    struct sz_ropts ro = *o;
    if (is_latin(cs)) {
        size_t bad;
        int ascii = 1;
        for (size_t i = 0; i < len && ascii; i++)
            ascii = u[i] < 0x80;
        if (!ascii && sz_utf8_valid(data, len, &bad)) {
            sz_diag_add(&doc->diags, SZ_WARNING, 0, o->filename, 0, 0, -1,
                        "declares charset %s but is UTF-8: read as UTF-8", cs);
            return sz_essay_decode(doc, data, len, o, out, view, vlen);
        }
        ro.encoding = strstr(cs, "1252") || strstr(cs, "ascii") ? "windows-1252" : "iso-8859-1";
        return sz_essay_decode(doc, data, len, &ro, out, view, vlen);
    }
    struct sz_buf conv = SZ_BUF_INIT;
    if (iconv_utf8(cs, data, len, &conv) == 0) {
        int rc = sz_essay_decode(doc, conv.data ? conv.data : "", conv.len, o, out, view, vlen);
        if (rc == 0 && *view == conv.data) {
            /* the converted text is the result: hand it over */
            sz_buf_free(out);
            *out = conv;
            *view = out->data;
            return 0;
        }
        sz_buf_free(&conv);
        return rc;
    }
    sz_buf_free(&conv);
    sz_diag_add(&doc->diags, SZ_WARNING, 0, o->filename, 0, 0, -1,
                "charset %s cannot be converted (unknown, or bytes that are not %s): read as "
                "UTF-8 or Windows-1252",
                cs, cs);
    return sz_essay_decode(doc, data, len, o, out, view, vlen);
}

int
sz_html_utf8_as_is(const char *head, size_t n, const struct sz_ropts *o)
{
    char cs[48];
    const unsigned char *u = (const unsigned char *)head;
    int bom = (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
              (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)));
    if ((o->encoding && *o->encoding) || bom)
        return 0;
    return !declared(head, n, cs, sizeof cs) || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8");
}

/* What a page's first bytes say: XML or not; Project Gutenberg's or not. */
static void
page_kind(const char *view, size_t vlen, int *xml, int *gutenberg)
{
    /* A page that says it is XML is read as XML: XHTML's <a id="x"/> is an
    ** empty element there, an open one to an HTML parser. */
    size_t i = 0;
    while (i < vlen && isspace((unsigned char)view[i]))
        i++;
    *xml = vlen - i > 5 && !memcmp(view + i, "<?xml", 5);
    size_t head = vlen < PG_SCAN ? vlen : PG_SCAN;
    /* Project Gutenberg's editions, and those its tools (pg2html) or
    ** Distributed Proofreaders made: books with a title page */
    *gutenberg = 0;
    for (size_t k = 0; k + 9 <= head && !*gutenberg; k++)
        *gutenberg = !strncasecmp(view + k, "gutenberg", 9) ||
                     !strncasecmp(view + k, "pg2html", 7) ||
                     (k + 23 <= head && !strncasecmp(view + k, "distributed proofreaders", 23));
}

void
sz_html_scan_init(struct sz_html_scan *s, int xml, const struct sz_ropts *o)
{
    s->o = o;
    s->xml = xml;
    s->checked = s->gutenberg = 0;
    s->ok = 1;
    s->have = 0;
    s->total = 0;
}

char *
sz_html_scan_room(struct sz_html_scan *s, size_t *cap)
{
    *cap = sizeof s->buf - s->have;
    return s->buf + s->have;
}

int
sz_html_scan_took(struct sz_html_scan *s, size_t n)
{
    char *buf = s->buf;
    s->have += n;
    int end = n == 0;
    if (!s->checked) {
        /* nothing is cut before the first bytes are looked at */
        if (!end && s->have < PG_SCAN)
            return 1;
        s->checked = 1;
        int xml;
        page_kind(buf, s->have, &xml, &s->gutenberg);
        if (s->xml < 0)
            s->xml = xml;
        if (!(s->ok = sz_html_utf8_as_is(buf, s->have, s->o)))
            return 0;
    }
    size_t cut = s->have, bad;
    if (!end) {
        /* at a character's start (a longer run of continuation bytes is
        ** no UTF-8 wherever it is cut) */
        cut = s->have > SZ_HTML_SCAN_KEEP ? s->have - SZ_HTML_SCAN_KEEP : 0;
        for (int k = 0; k < 3 && cut > 0 && ((unsigned char)buf[cut] & 0xC0) == 0x80; k++)
            cut--;
    }
    if (memchr(buf, '\0', cut) || !sz_utf8_valid(buf, cut, &bad) ||
        (s->xml && sz_html_has_entities(buf, s->have, cut))) {
        s->ok = 0;
        return 0;
    }
    s->total += cut;
    memmove(buf, buf + cut, s->have - cut);
    s->have -= cut;
    if (end)
        s->ok = s->total > 0;
    return !end;
}

/* The passes over the tree a page's builder made. */
static void
passes(struct sz_html *h)
{
    sz_html_notes(h);
    sz_html_gutenberg(h);
    sz_html_head_meta(h);
    sz_html_titlepage(h);
    sz_html_contents_lists(h);
    sz_html_empty_notes_heading(h);
    sz_pass_heading_ids(h->doc);
}

static int
read_html(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o)
{
    struct sz_buf text = SZ_BUF_INIT;
    const char *view = NULL;
    size_t vlen = 0;
    if (sz_html_decode(doc, data, len, o, &text, &view, &vlen) < 0) {
        sz_buf_free(&text);
        return -1;
    }
    struct sz_html h;
    sz_html_init(&h, doc, o);
    int xml;
    page_kind(view, vlen, &xml, &h.gutenberg);
    int rc = sz_html_read(&h, view, vlen, xml, o->filename, doc->root);
    if (rc == 0)
        passes(&h);
    sz_html_fini(&h);
    sz_buf_free(&text);
    return rc;
}

static int
pull_file(void *ud, char *buf, int len)
{
    FILE *f = ud;
    size_t n = fread(buf, 1, len > 0 ? (size_t)len : 0, f);
    return n == 0 && ferror(f) ? -1 : (int)n;
}

/* A page on disk goes to the parser as it is read, never held whole, when
** its bytes are read as they are (a first pass reads it to look, from the
** page cache); otherwise it is read whole and decoded as above. */
static int
read_html_path(struct sz_doc *doc, const char *path, const struct sz_ropts *o)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "cannot read: %s",
                    strerror(errno));
        return -1;
    }
    struct sz_html_scan *s = sz_xmalloc(sizeof *s);
    sz_html_scan_init(s, -1, o);
    size_t cap, n;
    int err = 0;
    do {
        char *room = sz_html_scan_room(s, &cap);
        n = fread(room, 1, cap, f);
        err = n == 0 && ferror(f);
    } while (!err && sz_html_scan_took(s, n));
    int rc = -1;
    if (err) {
        sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "read error");
    } else if (rewind(f), s->ok) {
        struct sz_html h;
        sz_html_init(&h, doc, o);
        h.gutenberg = s->gutenberg;
        rc = sz_html_read_pull(&h, pull_file, f, s->xml, o->filename, doc->root);
        if (rc == 0 && ferror(f)) {
            sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "read error");
            rc = -1;
        }
        if (rc == 0)
            passes(&h);
        sz_html_fini(&h);
    } else {
        struct sz_buf b = SZ_BUF_INIT;
        char tmp[65536];
        while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
            sz_buf_put(&b, tmp, n);
        if (ferror(f))
            sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "read error");
        else
            rc = read_html(doc, b.data ? b.data : "", b.len, o);
        sz_buf_free(&b);
    }
    free(s);
    fclose(f);
    return rc;
}

const struct sz_reader sz_reader_html = { "html", "HTML and XHTML (Project Gutenberg's editions too)",
                                          read_html, read_html_path, NULL };
