/*
** test_xmlout.c
** The XML writer against libxml2's xmlTextWriter: the same bytes for random
** sequences of the calls the TEI, HTML and EPUB writers make.
** See LICENSE.
*/
#include <stdlib.h>

#include <libxml/xmlwriter.h>
#include "core/lazy_xml.h"

#include "harness.h"
#include "writers/xmlout.h"

/* xorshift: the same sequences on every run, so a failure reproduces */
static unsigned long long seed = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (unsigned)(seed % n);
}

/* Pieces of text: what XML escapes, multibyte characters, controls.  Bad
** UTF-8 only in text (attribute values always reach the writer clean;
** libxml2 replaces bad bytes there with its own rules). */
static const char *const good[] = {
    "a", "Z", " ", "<", ">", "&", "\"", "'", "\r", "\n", "\t", "\xC3\xA9", "\xC3\x9F",
    "\xE2\x80\x94", "\xE2\x82\xAC", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "x1",
    "&amp;", "]]>", "\x01", "\x1F", "\x7F", "\xC2\xA0", "longer plain words of text here",
};
static const char *const bad[] = { "\x80", "\xC0\x80", "\xFF", "\xED\xA0\x80", "\xEF\xBF\xBE",
                                   "\xC3", "\xE2\x82", "\xF4\x90\x80\x80" };
static const char *const names[] = { "p", "div", "hi", "TEI", "a", "br", "h1", "lg", "l" };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A random string into b (NUL-ended; it may hold NULs inside): its length. */
static size_t
rstr(char *b, size_t cap, int with_bad, int with_nul)
{
    size_t n = 0;
    for (unsigned i = 0, k = rnd(12); i < k; i++) {
        const char *p = with_bad && !rnd(5) ? bad[rnd(COUNT(bad))] : good[rnd(COUNT(good))];
        size_t l = strlen(p);
        if (n + l + 2 >= cap)
            break;
        memcpy(b + n, p, l);
        n += l;
        if (with_nul && !rnd(20))
            b[n++] = '\0';
    }
    b[n] = '\0';
    return n;
}

int
main(void)
{
    h_suite = "xmlout";
    int fails = 0, runs = 20000;
    char s[160], first[512] = "";
    for (int it = 0; it < runs; it++) {
        int mode = (int)rnd(3);    /* 0: declaration; 1: none; 2: doctype */
        xmlBufferPtr xb = xmlBufferCreate();
        xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
        struct sz_buf out = SZ_BUF_INIT;
        struct sz_xo x;
        sz_xo_init(&x, &out);
        int nul = !rnd(4), depth = 0;
        if (mode == 0) {
            xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
            sz_xo_declaration(&x);
        }
        if (mode == 2 || !rnd(4)) {
            xmlTextWriterWriteDTD(w, (const xmlChar *)"html", NULL, NULL, NULL);
            sz_xo_doctype(&x, "html");
        }
        for (unsigned op = 0, nops = rnd(40); op < nops; op++) {
            unsigned o = rnd(8);
            const char *nm = names[rnd(COUNT(names))];
            if (o <= 1) {
                xmlTextWriterStartElement(w, (const xmlChar *)nm);
                sz_xo_start(&x, nm);
                depth++;
            } else if (o == 2) {
                size_t n = rstr(s, sizeof s, 0, nul);
                int a = xmlTextWriterWriteAttribute(w, (const xmlChar *)nm, (const xmlChar *)s) >= 0;
                int b = sz_xo_attr(&x, nm, s, n) >= 0;
                if (a != b)
                    fails++;
                if (!a)
                    break;
            } else if (o <= 4) {
                size_t n = rstr(s, sizeof s, mode != 0, nul);
                xmlTextWriterWriteString(w, (const xmlChar *)s);
                sz_xo_text(&x, s, n);
            } else if (o == 5) {
                rstr(s, sizeof s, mode != 0, 0);
                xmlTextWriterWriteRawLen(w, (const xmlChar *)s, (int)strlen(s));
                sz_xo_raw(&x, s, strlen(s));
            } else if (depth) {
                if (o == 6)
                    xmlTextWriterEndElement(w);
                else
                    xmlTextWriterFullEndElement(w);
                sz_xo_end(&x, o == 7);
                depth--;
            }
        }
        xmlTextWriterEndDocument(w);
        xmlTextWriterFlush(w);
        sz_xo_finish(&x);
        const char *ref = (const char *)xmlBufferContent(xb);
        size_t rl = (size_t)xmlBufferLength(xb);
        if (rl != out.len || memcmp(ref, out.data, rl)) {
            if (!fails)
                snprintf(first, sizeof first, "run %d: libxml2 [%.*s] xmlout [%.*s]", it,
                         (int)(rl < 200 ? rl : 200), ref, (int)(out.len < 200 ? out.len : 200),
                         out.data);
            fails++;
        }
        xmlFreeTextWriter(w);
        xmlBufferFree(xb);
        sz_xo_free(&x);
        sz_buf_free(&out);
    }
    if (fails)
        printf("# %s\n", first);
    INT_EQ(fails, 0, "20000 random call sequences: the same bytes as xmlTextWriter");

    /* the cases the writers rely on, spelled out */
    struct sz_buf out = SZ_BUF_INIT;
    struct sz_xo x;
    sz_xo_init(&x, &out);
    sz_xo_start(&x, "a");
    sz_xo_attr(&x, "title", "T\xC3\xAFtle \"q\"\n", 11);
    sz_xo_start(&x, "br");
    sz_xo_end(&x, 0);
    sz_xo_text(&x, "x < y & \"z\"\r", 12);
    sz_xo_end(&x, 1);
    sz_xo_finish(&x);
    STR_EQ(out.data, "<a title=\"T&#xEF;tle &quot;q&quot;&#10;\"><br/>x &lt; y &amp; &quot;z&quot;&#13;</a>\n",
           "undeclared: non-ASCII attribute characters as references, an empty element as <br/>");
    sz_xo_free(&x);
    sz_buf_free(&out);
    sz_xo_init(&x, &out);
    sz_xo_declaration(&x);
    sz_xo_start(&x, "TEI");
    sz_xo_attr(&x, "n", "\xC3\xAF", 2);
    INT_EQ(sz_xo_end(&x, 0), 0, "an element ends");
    INT_EQ(sz_xo_end(&x, 0), -1, "nothing left to end");
    INT_EQ(sz_xo_attr(&x, "n", "v", 1), -1, "no attribute without a start tag");
    sz_xo_finish(&x);
    STR_EQ(out.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI n=\"\xC3\xAF\"/>\n",
           "declared UTF-8: attribute characters as they are");
    sz_xo_free(&x);
    sz_buf_free(&out);
    return h_failed != 0;
}
