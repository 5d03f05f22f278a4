/*
** test_wrap.c
** Wrapping engine and plain writer: widths, UAX #14 breaks, layout.
** See LICENSE.
*/
#include <stdlib.h>

#include "harness.h"
#include "samizdat.h"
#include "writers/wrap.h"

/* Wraps text at cols with no prefix; returns a malloc'd string. */
static char *
wrap(const char *text, int cols, unsigned flags)
{
    struct sz_wrapper w;
    struct sz_buf b = SZ_BUF_INIT;
    sz_wrapper_init(&w, NULL);
    sz_wrap_text(&w, &b, text, strlen(text), "", "", cols, flags);
    sz_wrapper_free(&w);
    sz_buf_put(&b, "", 0);
    return sz_buf_detach(&b, NULL);
}

/* Widest line of s (display width), and whether every line fits in cols. */
static int
widest(const char *s)
{
    int best = 0;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        int w = sz_text_width(s, n);
        if (w > best)
            best = w;
        s += n + (e ? 1 : 0);
    }
    return best;
}

/* The text with every space and newline removed: what wrapping must keep. */
static char *
ink(const char *s)
{
    char *r = malloc(strlen(s) + 1);
    size_t k = 0;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            r[k++] = *s;
    r[k] = '\0';
    return r;
}

static void
check_keeps(const char *in, const char *out, const char *name)
{
    char *a = ink(in), *b = ink(out);
    STR_EQ(b, a, name);
    free(a);
    free(b);
}

static void
test_widths(void)
{
    INT_EQ(sz_text_width("abc", 3), 3, "ASCII width");
    INT_EQ(sz_text_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4, "two ideographs are 4 columns");
    INT_EQ(sz_text_width("\xd0\x9c\xd0\xb8\xd1\x80", 6), 3, "Cyrillic is 1 column each");
    INT_EQ(sz_text_width("e\xcc\x81", 3), 1, "combining acute adds no width");
    INT_EQ(sz_text_width("\xf0\x9f\x98\x80", 4), 2, "emoji is 2 columns");
    INT_EQ(sz_text_width("\xef\xbc\xa1", 3), 2, "fullwidth A is 2 columns");
    INT_EQ(sz_char_width('\t'), 0, "control has no width");
}

static void
test_latin(void)
{
    char *s = wrap("The quick brown fox jumps over the lazy dog.", 15, SZ_WRAPF_BREAK);
    STR_EQ(s, "The quick brown\nfox jumps over\nthe lazy dog.\n", "English wraps at spaces");
    free(s);
    s = wrap("aaa bbb", 7, SZ_WRAPF_BREAK);
    STR_EQ(s, "aaa bbb\n", "exact width fits on one line");
    free(s);
    s = wrap("aaa bbbb", 7, SZ_WRAPF_BREAK);
    STR_EQ(s, "aaa\nbbbb\n", "one over the width breaks");
    free(s);
    s = wrap("a supercalifragilisticexpialidocious word", 10, SZ_WRAPF_BREAK);
    STR_EQ(s, "a\nsupercalifragilisticexpialidocious\nword\n",
           "a long word stays whole on its own line");
    free(s);
    s = wrap("well-known self-evident", 12, SZ_WRAPF_BREAK);
    OK(widest(s) <= 12, "hyphenated words may break after the hyphen");
    check_keeps("well-known self-evident", s, "hyphen break keeps every character");
    free(s);
    s = wrap("one  two   three", 80, SZ_WRAPF_BREAK);
    STR_EQ(s, "one  two   three\n", "inner spaces kept on a line");
    free(s);
    s = wrap("trailing   ", 80, SZ_WRAPF_BREAK);
    STR_EQ(s, "trailing\n", "no trailing spaces");
    free(s);
    s = wrap("a b\nc d", 80, SZ_WRAPF_BREAK);
    STR_EQ(s, "a b\nc d\n", "newline is a hard break");
    free(s);
    s = wrap("x y z w", 80, 0);
    STR_EQ(s, "x y z w\n", "no wrap keeps one line");
    free(s);
    s = wrap("    code\n  more  ", 4, SZ_WRAPF_VERBATIM);
    STR_EQ(s, "    code\n  more\n", "verbatim keeps leading spaces, never breaks");
    free(s);
    s = wrap("", 10, SZ_WRAPF_BREAK);
    STR_EQ(s, "", "empty text writes nothing");
    free(s);
}

static void
test_prefix(void)
{
    struct sz_wrapper w;
    struct sz_buf b = SZ_BUF_INIT;
    sz_wrapper_init(&w, NULL);
    const char *t = "alpha beta gamma delta epsilon";
    int wd = sz_wrap_text(&w, &b, t, strlen(t), "-   ", "    ", 16, SZ_WRAPF_BREAK);
    STR_EQ(b.data, "-   alpha beta\n    gamma delta\n    epsilon\n", "hanging indent");
    INT_EQ(wd, 11, "widest line without prefix");
    sz_buf_clear(&b);
    sz_wrap_text(&w, &b, "a\n\nb", 4, "> ", "> ", 10, SZ_WRAPF_BREAK);
    STR_EQ(b.data, "> a\n>\n> b\n", "blank line keeps the prefix without trailing space");
    sz_buf_free(&b);
    sz_wrapper_free(&w);
}

static void
test_cjk(void)
{
    /* 20 ideographs: 40 columns. */
    const char *zh = "\xe4\xb8\xad\xe5\x9b\xbd\xe4\xb8\x8e\xe8\x8b\x8f\xe8\x81\x94\xe7\x9a\x84"
                     "\xe5\x8f\x8b\xe8\xb0\x8a\xe6\x9b\xbe\xe7\xbb\x8f\xe6\x98\xaf\xe4\xb8\x80"
                     "\xe4\xb8\xaa\xe6\x97\xb6\xe4\xbb\xa3\xe7\x9a\x84\xe8\xb1\xa1\xe5\xbe\x81";
    char *s = wrap(zh, 10, SZ_WRAPF_BREAK);
    int lines = 0;
    for (const char *q = s; *q; q++)
        lines += *q == '\n';
    INT_EQ(lines, 4, "Chinese breaks between ideographs (5 per 10 columns)");
    INT_EQ(widest(s), 10, "Chinese lines are exactly 10 columns");
    check_keeps(zh, s, "Chinese wrapping keeps every character");
    free(s);
    s = wrap(zh, 9, SZ_WRAPF_BREAK);
    INT_EQ(widest(s), 8, "odd width: an ideograph never straddles the limit");
    free(s);
    /* Chinese comma must not start a line (UAX #14 CL class). */
    const char *zp = "\xe4\xb8\xad\xe5\x9b\xbd\xe4\xb8\xad\xe5\x9b\xbd\xef\xbc\x8c"
                     "\xe4\xb8\xad\xe5\x9b\xbd";
    s = wrap(zp, 8, SZ_WRAPF_BREAK);
    OK(strncmp(strchr(s, '\n') + 1, "\xef\xbc\x8c", 3) != 0, "no line starts with a fullwidth comma");
    OK(widest(s) <= 8 || strstr(s, "\xef\xbc\x8c\n"), "comma line within width");
    free(s);
    const char *ja = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87\xe7\xab\xa0"
                     "\xe3\x82\x82\xe6\x8a\x98\xe3\x82\x8a\xe8\xbf\x94\xe3\x81\x99";
    s = wrap(ja, 6, SZ_WRAPF_BREAK);
    OK(widest(s) <= 6, "Japanese within 6 columns");
    check_keeps(ja, s, "Japanese keeps every character");
    free(s);
    /* Mixed: an English word inside Chinese stays whole. */
    const char *mix = "\xe4\xb8\xad\xe6\x96\x87 Stalin \xe4\xb8\xad\xe6\x96\x87";
    s = wrap(mix, 8, SZ_WRAPF_BREAK);
    OK(strstr(s, "Stalin") != NULL, "Latin word inside Chinese not split");
    free(s);
}

static void
test_cyrillic(void)
{
    const char *ru = "\xd0\x92 \xd0\xbd\xd0\xb0\xd1\x87\xd0\xb0\xd0\xbb\xd0\xb5 "
                     "\xd0\xb1\xd1\x8b\xd0\xbb\xd0\xbe \xd0\xa1\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe";
    char *s = wrap(ru, 10, SZ_WRAPF_BREAK);
    STR_EQ(s, "\xd0\x92 \xd0\xbd\xd0\xb0\xd1\x87\xd0\xb0\xd0\xbb\xd0\xb5\n"
              "\xd0\xb1\xd1\x8b\xd0\xbb\xd0\xbe \xd0\xa1\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe\n",
           "Russian breaks at spaces by display width, not bytes");
    free(s);
}

static void
test_combining_emoji(void)
{
    /* "e\u0301" x 6 with spaces: combining marks never start a line. */
    const char *t = "e\xcc\x81\xcc\x81 e\xcc\x81 e\xcc\x81 e\xcc\x81 e\xcc\x81";
    char *s = wrap(t, 3, SZ_WRAPF_BREAK);
    STR_EQ(s, "e\xcc\x81\xcc\x81 e\xcc\x81\ne\xcc\x81 e\xcc\x81\ne\xcc\x81\n",
           "combining marks count 0 and stay with their base");
    free(s);
    const char *em = "\xf0\x9f\x98\x80 \xf0\x9f\x98\x80 \xf0\x9f\x98\x80";
    s = wrap(em, 5, SZ_WRAPF_BREAK);
    OK(widest(s) <= 5, "emoji counted 2 columns wide");
    free(s);
}

static void
test_exact(void)
{
    /* Every width from 1 to 60 over a long mixed text: no line too wide
    ** unless it is a single unbreakable piece, and nothing lost. */
    const char *t = "It was the best of times, it was the worst of times \xe2\x80\x94 "
                    "\xd0\xbc\xd1\x8b \xd0\xb1\xd1\x8b\xd0\xbb\xd0\xb8 \xe4\xb8\xad\xe5\x9b\xbd"
                    "\xe4\xb8\x8e\xe8\x8b\x8f\xe8\x81\x94 and so on, antidisestablishment.";
    int bad = 0, lost = 0;
    for (int cols = 1; cols <= 60; cols++) {
        char *s = wrap(t, cols, SZ_WRAPF_BREAK);
        char *a = ink(t), *b = ink(s);
        lost += strcmp(a, b) != 0;
        for (const char *q = s; *q;) {
            const char *e = strchr(q, '\n');
            int w = sz_text_width(q, (size_t)(e - q));
            if (w > cols && memchr(q, ' ', (size_t)(e - q)))
                bad++;
            q = e + 1;
        }
        free(a);
        free(b);
        free(s);
    }
    INT_EQ(bad, 0, "no over-wide line holds a space, widths 1..60");
    INT_EQ(lost, 0, "no character lost, widths 1..60");
}

/* The per-line window analysis must find the breaks the whole-paragraph
** analysis finds, including around spaces after opening brackets and
** quotes, closing punctuation, numbers, CJK, dashes and combining marks. */
static void
test_window(void)
{
    const char *t =
        "He said ( quietly ) \"  so  \" and [ 1 , 2 ] \xe2\x80\x94 $ 100.00 , 3 / 4 % ok. "
        "\xe4\xb8\xad\xe5\x9b\xbd \xe3\x80\x8c \xe8\x8b\x8f\xe8\x81\x94 \xe3\x80\x8d"
        "\xef\xbc\x8c  \xe3\x80\x82 well-known -- e\xcc\x81 \xcc\x81 x\xc2\xa0y "
        "\xf0\x9f\x98\x80 \xe2\x80\x9cquoted\xe2\x80\x9d ! ? ; : ) } ] 'tis  "
        "a\xe2\x80\x8b b http://example.org/a-very-long-path/with-many-parts/and-more "
        "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 (\xe4\xb8\xad) end.";
    struct sz_wrapper w;
    struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT;
    int differ = 0;
    sz_wrapper_init(&w, NULL);
    for (int cols = 1; cols <= 90; cols++) {
        sz_buf_clear(&a);
        sz_buf_clear(&b);
        int wa = sz_wrap_text(&w, &a, t, strlen(t), "", "", cols, SZ_WRAPF_BREAK);
        int wb = sz_wrap_text(&w, &b, t, strlen(t), "", "", cols, SZ_WRAPF_BREAK | SZ_WRAPF_WHOLE);
        if (wa != wb || a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
            differ++;
    }
    INT_EQ(differ, 0, "window analysis breaks as the whole-text analysis, widths 1..90");
    sz_buf_free(&a);
    sz_buf_free(&b);
    sz_wrapper_free(&w);
}

/* A cut that needs no analysis (a line ending inside ASCII letters and
** digits after spaces) must fall where the analysis puts it: every ASCII
** character before the spaces, after each of several characters (an
** opening bracket, a quote, a combining mark, a control, CJK), one or two
** spaces, then a word and a tail, at every width, in several languages. */
static void
test_simple_cut(void)
{
    static const char *const before[] = { "a", "(", "\"", "\xe2\x80\x9c", "\xcc\x81", "\x01",
                                          "\xe4\xb8\xad", " " };
    static const char *const after[] = { "", "-x", ")", "\xe3\x80\x82y", "'s", "9" };
    static const char *const langs[] = { NULL, "en", "de", "fr", "zh", "ja", "ko" };
    struct sz_wrapper w;
    struct sz_buf a = SZ_BUF_INIT, b = SZ_BUF_INIT;
    char t[64];
    long cases = 0, differ = 0;
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        sz_wrapper_init(&w, langs[l]);
        for (int x = 1; x < 0x7f; x++) {
            /* '\n' ends a line; VT, FF and CR are mandatory breaks the
            ** window analysis already places apart from the whole one. */
            if (x == '\n' || x == '\v' || x == '\f' || x == '\r')
                continue;
            for (size_t p = 0; p < sizeof before / sizeof *before; p++)
                for (int k = 1; k <= 2; k++)
                    for (size_t q = 0; q < sizeof after / sizeof *after; q++) {
                        int n = snprintf(t, sizeof t, "aa %s%c%.*sbcd1ef%sgh", before[p], x, k,
                                         "  ", after[q]);
                        for (int cols = 3; cols < n; cols++) {
                            sz_buf_clear(&a);
                            sz_buf_clear(&b);
                            int wa = sz_wrap_text(&w, &a, t, (size_t)n, "", "", cols,
                                                  SZ_WRAPF_BREAK);
                            int wb = sz_wrap_text(&w, &b, t, (size_t)n, "", "", cols,
                                                  SZ_WRAPF_BREAK | SZ_WRAPF_WHOLE);
                            cases++;
                            if (wa != wb || a.len != b.len || memcmp(a.data, b.data, a.len))
                                differ++;
                        }
                    }
        }
        sz_wrapper_free(&w);
    }
    OK(cases > 1000000, "over a million cuts compared");
    INT_EQ(differ, 0, "a cut inside ASCII letters after spaces falls where UAX #14 puts it");
    sz_buf_free(&a);
    sz_buf_free(&b);
}

/* {=================================================================
** The plain writer on small trees
** ================================================================== */

static char *
render(struct sz_doc *doc, int cols, enum sz_wrap mode)
{
    struct sz_wopts o;
    struct sz_buf b = SZ_BUF_INIT;
    struct sz_diags d;
    sz_wopts_init(&o);
    o.columns = cols;
    o.wrap = mode;
    sz_diags_init(&d);
    struct sz_sink s = sz_sink_buf(&b);
    const struct sz_writer *w = sz_writer_find("plain");
    int rc = w ? w->write(doc, &o, &s, &d) : -1;
    sz_diags_free(&d);
    sz_buf_put(&b, "", 0);
    if (rc != 0)
        sz_buf_puts(&b, "<error>");
    return sz_buf_detach(&b, NULL);
}

static struct sz_node *
add(struct sz_doc *doc, struct sz_node *parent, enum sz_kind k, const char *text)
{
    struct sz_node *n = sz_node_new(doc, k);
    sz_node_append(parent, n);
    if (text)
        sz_inlines_from_text(doc, n, text, strlen(text));
    return n;
}

static void
test_writer(void)
{
    struct sz_doc *doc = sz_doc_new("t");
    struct sz_node *h = add(doc, doc->root, SZ_HEADER, "A Heading");
    h->level = 1;
    add(doc, doc->root, SZ_PARA, "one two three four five six seven");
    struct sz_node *bq = add(doc, doc->root, SZ_BLOCKQUOTE, NULL);
    add(doc, bq, SZ_PARA, "quoted words that wrap");
    struct sz_node *ul = add(doc, doc->root, SZ_BULLETLIST, NULL);
    add(doc, add(doc, ul, SZ_ITEM, NULL), SZ_PLAIN, "first item");
    struct sz_node *it2 = add(doc, ul, SZ_ITEM, NULL);
    add(doc, it2, SZ_PLAIN, "second");
    struct sz_node *ol = add(doc, it2, SZ_ORDEREDLIST, NULL);
    ol->ival = 1;
    add(doc, add(doc, ol, SZ_ITEM, NULL), SZ_PLAIN, "nested item text");
    struct sz_node *p = add(doc, doc->root, SZ_PARA, "A note");
    struct sz_node *note = add(doc, p, SZ_NOTE, NULL);
    add(doc, note, SZ_PARA, "The note text.");
    add(doc, doc->root, SZ_HRULE, NULL);
    char *s = render(doc, 20, SZ_WRAP_AUTO);
    STR_EQ(s,
           "A Heading\n=========\n\none two three four\nfive six seven\n\n"
           "    quoted words\n    that wrap\n\n"
           "-   first item\n-   second\n    1.  nested item\n        text\n\n"
           "A note[1]\n\n       * * *\n\n[1] The note text.\n",
           "plain layout at 20 columns");
    free(s);
    s = render(doc, 20, SZ_WRAP_NONE);
    OK(strstr(s, "one two three four five six seven\n") != NULL, "--wrap=none: one line");
    free(s);
    sz_doc_free(doc);

    doc = sz_doc_new("t");
    p = add(doc, doc->root, SZ_PARA, "line one\nline two");
    s = render(doc, 72, SZ_WRAP_PRESERVE);
    STR_EQ(s, "line one\nline two\n", "--wrap=preserve keeps soft breaks");
    free(s);
    s = render(doc, 72, SZ_WRAP_AUTO);
    STR_EQ(s, "line one line two\n", "--wrap=auto joins soft breaks");
    free(s);
    struct sz_node *sc = sz_node_new(doc, SZ_SMALLCAPS);
    sz_node_append(p, sz_node_new(doc, SZ_SPACE));
    sz_node_append(p, sc);
    sz_inlines_from_text(doc, sc, "caps", 4);
    struct sz_node *sup = sz_node_new(doc, SZ_SUPERSCRIPT);
    sz_node_append(p, sup);
    sz_inlines_from_text(doc, sup, "2", 1);
    s = render(doc, 72, SZ_WRAP_AUTO);
    STR_EQ(s, "line one line two CAPS\xc2\xb2\n", "small caps upper-cased, superscript digit");
    free(s);
    sz_doc_free(doc);

    doc = sz_doc_new("t");
    add(doc, doc->root, SZ_PARA, "\xe4\xb8\xad\xe5\x9b\xbd\n\xe8\x8b\x8f\xe8\x81\x94\nand\nmore");
    s = render(doc, 72, SZ_WRAP_AUTO);
    STR_EQ(s, "\xe4\xb8\xad\xe5\x9b\xbd\xe8\x8b\x8f\xe8\x81\x94 and more\n",
           "a soft break between ideographs is no space");
    free(s);
    sz_doc_free(doc);

    /* Deep nesting is walked without recursion. */
    doc = sz_doc_new("t");
    struct sz_node *cur = doc->root;
    for (int i = 0; i < 400; i++)
        cur = add(doc, cur, SZ_BLOCKQUOTE, NULL);
    add(doc, cur, SZ_PARA, "deep");
    s = render(doc, 72, SZ_WRAP_AUTO);
    OK(strstr(s, "deep\n") != NULL, "400 nested quotes render");
    free(s);
    sz_doc_free(doc);
}

static void
test_table(void)
{
    struct sz_doc *doc = sz_doc_new("t");
    struct sz_node *t = add(doc, doc->root, SZ_TABLE, NULL);
    add(doc, t, SZ_CAPTION, NULL);
    struct sz_node *c1 = add(doc, t, SZ_COLSPEC, NULL);
    struct sz_node *c2 = add(doc, t, SZ_COLSPEC, NULL);
    c1->sub = SZ_ALIGN_RIGHT;
    c2->sub = SZ_ALIGN_LEFT;
    struct sz_node *head = add(doc, t, SZ_THEAD, NULL);
    struct sz_node *r = add(doc, head, SZ_ROW, NULL);
    add(doc, add(doc, r, SZ_CELL, NULL), SZ_PLAIN, "N");
    add(doc, add(doc, r, SZ_CELL, NULL), SZ_PLAIN, "Name");
    struct sz_node *body = add(doc, t, SZ_TBODY, NULL);
    add(doc, body, SZ_TBODY_HEAD, NULL);
    r = add(doc, body, SZ_ROW, NULL);
    add(doc, add(doc, r, SZ_CELL, NULL), SZ_PLAIN, "10");
    add(doc, add(doc, r, SZ_CELL, NULL), SZ_PLAIN, "Moscow");
    add(doc, t, SZ_TFOOT, NULL);
    char *s = render(doc, 72, SZ_WRAP_AUTO);
    STR_EQ(s, " N  Name\n--  ------\n10  Moscow\n", "simple aligned table");
    free(s);
    sz_doc_free(doc);
}

int
main(void)
{
    h_suite = "wrap";
    test_widths();
    test_latin();
    test_prefix();
    test_cjk();
    test_cyrillic();
    test_combining_emoji();
    test_exact();
    test_window();
    test_simple_cut();
    test_writer();
    test_table();
    return h_failed ? 1 : 0;
}
