/*
** essay_decode.c
** Bytes to UTF-8 text with LF endings: BOM, encoding guess, control bytes.
** See LICENSE.
*/
#include <string.h>
#include <strings.h>

#include "core/bytes8.h"
#include "readers/essay.h"

enum enc { ENC_GUESS, ENC_UTF8, ENC_CP1252, ENC_LATIN1 };

static int
encoding_from_name(const char *name, enum enc *e)
{
    static const struct {
        const char *name;
        enum enc e;
    } names[] = {
        { "utf-8", ENC_UTF8 },           { "utf8", ENC_UTF8 },
        { "windows-1252", ENC_CP1252 },  { "cp1252", ENC_CP1252 },
        { "iso-8859-1", ENC_LATIN1 },    { "iso8859-1", ENC_LATIN1 },
        { "latin1", ENC_LATIN1 },        { "latin-1", ENC_LATIN1 },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(name, names[i].name)) {
            *e = names[i].e;
            return 0;
        }
    return -1;
}

/* Invalid UTF-8 sequences become U+FFFD, each one once. */
static void
utf8_repair(const char *s, size_t n, struct sz_buf *out)
{
    size_t i = 0, run = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = sz_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && l == 1) {
            sz_buf_put(out, s + run, i - run);
            sz_buf_put_utf8(out, 0xFFFD);
            run = i + 1;
        }
        i += l;
    }
    sz_buf_put(out, s + run, n - run);
}

/* Control bytes are ASCII in every encoding we read, so they are found in
** the raw input where the offsets mean something to the user.  Tab, line
** feed, carriage return and form feed are layout, not noise. */
static void
warn_controls(struct sz_doc *doc, const char *file, const unsigned char *s, size_t n,
              size_t base)
{
    size_t count = 0, nuls = 0;
    size_t i = 0;
    while (i < n) {
        /* Eight bytes at once when none is below 0x20 or 0x7F (the bit
        ** tricks tell whether any byte is, not which); else those eight
        ** one by one: a line feed costs its word a closer look. */
        size_t lim = n;
        if (i + 8 <= n) {
            uint64_t w = sz_b8_load((const char *)s + i);
            if (!sz_b8_lt(w, 0x20) && !sz_b8_eq(w, 0x7F)) {
                i += 8;
                continue;
            }
            /* Line ends are the only controls of most such eight (CR LF
            ** in most books): each byte below 0x20, exactly, against the
            ** LFs and CRs. */
            uint64_t low7 = SZ_B8_ONES * 0x7F;
            uint64_t ctl = ~(((w & low7) + SZ_B8_ONES * (0x80 - 0x20)) | w) & SZ_B8_HIGH;
            if (ctl == (sz_b8_eq_each(w, '\n') | sz_b8_eq_each(w, '\r')) && !sz_b8_eq(w, 0x7F)) {
                i += 8;
                continue;
            }
            lim = i + 8;
        }
        for (; i < lim; i++) {
            unsigned c = s[i];
            if (c >= 0x20 && c != 0x7F)
                continue;
            if (c == '\t' || c == '\n' || c == '\r' || c == '\f')
                continue;
            if (c == 0)
                nuls++;
            if (++count <= SZ_ESSAY_MAX_CTRL_WARN)
                sz_diag_add(&doc->diags, SZ_WARNING, 0, file, 0, 0, (long long)(base + i),
                            c == 0 ? "NUL byte replaced by U+FFFD"
                                   : "control character U+%04X kept in the text", c);
        }
    }
    if (count > SZ_ESSAY_MAX_CTRL_WARN)
        sz_diag_add(&doc->diags, SZ_WARNING, 0, file, 0, 0, -1,
                    "%zu control bytes in all (%zu NUL replaced by U+FFFD); is this a text file?",
                    count, nuls);
}

/* Is every CR of s[0..n) the first half of a CRLF? */
static int
no_lone_cr(const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    while ((p = memchr(p, '\r', (size_t)(e - p)))) {
        if (p + 1 >= e || p[1] != '\n')
            return 0;
        p += 2;
    }
    return 1;
}

/* CRLF and CR to LF, NUL to U+FFFD. */
static void
normalize(const char *s, size_t n, struct sz_buf *out)
{
    size_t run = 0;
    sz_buf_reserve(out, n);
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at once while none is a CR or a NUL */
        while (i + 8 <= n) {
            uint64_t w = sz_b8_load(s + i);
            if (sz_b8_eq(w, '\r') || sz_b8_lt(w, 1))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        char c = s[i];
        if (c != '\r' && c != '\0')
            continue;
        sz_buf_put(out, s + run, i - run);
        if (c == '\0') {
            sz_buf_put(out, "\xEF\xBF\xBD", 3);
        } else {
            sz_buf_putc(out, '\n');
            if (i + 1 < n && s[i + 1] == '\n')
                i++;
        }
        run = i + 1;
    }
    sz_buf_put(out, s + run, n - run);
}

int
sz_essay_decode(struct sz_doc *doc, const char *data, size_t len, const struct sz_ropts *o,
                struct sz_buf *out, const char **view, size_t *vlen)
{
    const char *file = o->filename;
    const unsigned char *u = (const unsigned char *)data;
    enum enc e = ENC_GUESS;
    if (o->encoding && *o->encoding && encoding_from_name(o->encoding, &e) < 0) {
        sz_diag_add(&doc->diags, SZ_ERROR, SZ_EXIT_USAGE, file, 0, 0, -1,
                    "unknown encoding '%s' (known: utf-8, windows-1252, iso-8859-1)",
                    o->encoding);
        return -1;
    }
    struct sz_buf tmp = SZ_BUF_INIT;
    const char *text = data;
    size_t n = len, base = 0, bom = 0;
    int utf16;
    if (e != ENC_CP1252 && e != ENC_LATIN1 && len >= 3 && u[0] == 0xEF && u[1] == 0xBB &&
        u[2] == 0xBF) {
        text += 3;
        n -= 3;
        base = 3;
    } else if (e == ENC_GUESS && (utf16 = sz_utf16_guess(data, len, &bom))) {
        /* A UTF-16 file: Windows Notepad still writes them, some tools
        ** without the BOM. */
        sz_utf16_to_utf8(data + bom, len - bom, utf16 == 'B', &tmp);
        if (bom)
            sz_diag_add(&doc->diags, SZ_INFO, 0, file, 0, 0, -1, "input decoded as UTF-16");
        else
            sz_diag_add(&doc->diags, SZ_WARNING, 0, file, 0, 0, -1,
                        "input has no byte order mark but its bytes say UTF-16%s; "
                        "decoded as such", utf16 == 'B' ? "BE" : "LE");
        normalize(tmp.data ? tmp.data : "", tmp.len, out);
        sz_buf_free(&tmp);
        *view = out->data ? out->data : "";
        *vlen = out->len;
        return 0;
    }
    warn_controls(doc, file, (const unsigned char *)text, n, base);
    size_t bad = 0;
    if (e == ENC_GUESS) {
        if (sz_utf8_valid(text, n, &bad)) {
            e = ENC_UTF8;
        } else {
            sz_diag_add(&doc->diags, SZ_WARNING, 0, file, 0, 0, (long long)(base + bad),
                        "input is not valid UTF-8; decoded as Windows-1252 "
                        "(use --encoding to choose)");
            e = ENC_CP1252;
        }
    } else if (e == ENC_UTF8 && !sz_utf8_valid(text, n, &bad)) {
        sz_diag_add(&doc->diags, SZ_WARNING, 0, file, 0, 0, (long long)(base + bad),
                    "invalid UTF-8 replaced by U+FFFD");
        utf8_repair(text, n, &tmp);
        text = tmp.data ? tmp.data : "";
        n = tmp.len;
    }
    if (e == ENC_CP1252 || e == ENC_LATIN1) {
        sz_cp1252_to_utf8(text, n, e == ENC_LATIN1, &tmp);
        text = tmp.data ? tmp.data : "";
        n = tmp.len;
    }
    if (text != tmp.data && no_lone_cr(text, n) && !memchr(text, '\0', n)) {
        /* Clean UTF-8 with LF or CRLF endings (most files): read it where
        ** it is, rather than holding a second copy of the book.  The line
        ** splitter drops the CR of a CRLF with the other trailing space. */
        *view = text;
        *vlen = n;
        return 0;
    }
    normalize(text, n, out);
    sz_buf_free(&tmp);
    *view = out->data ? out->data : "";
    *vlen = out->len;
    return 0;
}
