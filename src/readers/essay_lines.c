/*
** essay_lines.c
** Decoded text to an array of lines with indentation and width measured.
** See LICENSE.
*/
#include <string.h>

#include "core/bytes8.h"
#include "readers/essay.h"

/* Leading white space: blanks, tabs, no-break spaces and the ideographic
** space Chinese and Japanese texts indent paragraphs with.  Returns the
** byte length; *cols gets the columns it covers. */
static size_t
lead_space(const char *s, size_t n, uint32_t *cols)
{
    size_t i = 0;
    uint32_t c = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b == ' ' || b == '\f') {
            c++;
            i++;
        } else if (b == '\t') {
            c = (c / 8 + 1) * 8;
            i++;
        } else if (b == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            c++;
            i += 2;
        } else if (b == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0x80) {
            c += 2;
            i += 3;
        } else {
            break;
        }
    }
    *cols = c;
    return i;
}

static size_t
trail_space(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char b = (unsigned char)s[n - 1];
        if (b == ' ' || b == '\t' || b == '\f' || b == '\r')
            n--;
        else if (n >= 2 && b == 0xA0 && (unsigned char)s[n - 2] == 0xC2)
            n -= 2;
        else if (n >= 3 && b == 0x80 && (unsigned char)s[n - 2] == 0x80 &&
                 (unsigned char)s[n - 3] == 0xE3)
            n -= 3;
        else
            break;
    }
    return n;
}

/* The columns a character starting with lead byte b at s[k] takes beyond
** one: Chinese, Japanese and Korean characters and full-width forms. */
static uint32_t
wide_at(const char *s, size_t n, size_t k)
{
    unsigned char b = (unsigned char)s[k];
    if (b >= 0xE1 && b <= 0xEF && k + 2 < n) {
        uint32_t cp = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[k + 1] & 0x3F) << 6) |
                      (uint32_t)(s[k + 2] & 0x3F);
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
               (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
               (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
               (cp >= 0xFFE0 && cp <= 0xFFE6);
    }
    if (b >= 0xF0 && k + 1 < n) {
        /* planes 2 and 3: CJK ideographs */
        uint32_t plane = ((uint32_t)(b & 0x07) << 2) | (((unsigned char)s[k + 1] >> 4) & 0x03);
        return plane == 2 || plane == 3;
    }
    return 0;
}

/* Code points of s[0..n) (*width) and the columns they take on a terminal
** (*cols): Chinese, Japanese and Korean characters and full-width forms
** take two, so that a line of 36 hanzi is as wide as a line of 72 letters
** (a paragraph, not a title).  Eight bytes at a time: the code points are
** the bytes that do not continue one (10xxxxxx), and only a lead byte of
** three or four (111xxxxx) may start a wide one. */
void
sz_essay_line_width(const char *s, size_t n, uint32_t *width, uint32_t *cols)
{
    uint32_t w = 0, wide = 0;
    size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        uint64_t x = sz_b8_load(s + k);
        if (!(x & SZ_B8_HIGH)) {
            w += 8;
            continue;
        }
        /* bit 7 of each byte, and the byte's bits 6 and 5 shifted under it */
        uint64_t cont = x & ~(x << 1) & SZ_B8_HIGH;
        w += 8 - (uint32_t)(((cont >> 7) * SZ_B8_ONES) >> 56);
        if (x & (x << 1) & (x << 2) & SZ_B8_HIGH)
            for (size_t j = k; j < k + 8; j++)
                if ((unsigned char)s[j] >= 0xE1)
                    wide += wide_at(s, n, j);
    }
    for (; k < n; k++) {
        unsigned char b = (unsigned char)s[k];
        w += (b & 0xC0) != 0x80;
        if (b >= 0xE1)
            wide += wide_at(s, n, k);
    }
    *width = w;
    *cols = w + wide;
}

/* Is line l an e-mail quotation's: "> " and text, or ">" alone? */
static int
mail_quoted(const struct sz_eline *l)
{
    return l->indent == 0 && l->len >= 1 && l->s[0] == '>' &&
           (l->len == 1 || (l->len > 2 && l->s[1] == ' '));
}

/* A run of lines, blank lines round it, each opening with "> " (the
** quotation of an e-mail, or of a text typed as one): the quotation stands
** apart by its indentation, the marks dropped; ">" alone parts its
** paragraphs.  One pass over the lines. */
static void
mail_quotes(struct sz_elines *lines, size_t from)
{
    for (size_t k = from; k < lines->n;) {
        if (!mail_quoted(&lines->v[k]) || (k > from && !lines->v[k - 1].blank)) {
            k++;
            continue;
        }
        size_t e = k, text = 0;
        while (e < lines->n && mail_quoted(&lines->v[e]))
            text += lines->v[e++].len > 1;
        if (text && (e == lines->n || lines->v[e].blank))
            for (size_t j = k; j < e; j++) {
                struct sz_eline *l = &lines->v[j];
                if (l->len == 1) {
                    l->len = 0;
                    l->blank = 1;
                } else {
                    l->s += 2;
                    l->len -= 2;
                    l->indent = 4;
                }
                sz_essay_line_width(l->s, l->len, &l->width, &l->cols);
            }
        k = e;
    }
}

void
sz_essay_split(const char *text, size_t len, struct sz_elines *lines)
{
    size_t i = 0, from = lines->n;
    int quoted = 0;            /* a line opens with ">": look for e-mail quotations */
    uint32_t lineno = 0;
    /* Count the lines first: one exact allocation instead of doublings
    ** that leave up to half of a large array unused. */
    size_t count = 1;
    for (const char *p = text, *e = text + len; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        count++;
    if (lines->cap < lines->n + count) {
        lines->cap = lines->n + count;
        lines->v = sz_xrealloc(lines->v, lines->cap * sizeof *lines->v);
    }
    while (i < len || (i == len && lineno == 0 && len > 0)) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (lines->n == lines->cap) {
            lines->cap = lines->cap ? lines->cap * 2 : 256;
            lines->v = sz_xrealloc(lines->v, lines->cap * sizeof *lines->v);
        }
        struct sz_eline *l = &lines->v[lines->n++];
        memset(l, 0, sizeof *l);
        l->lineno = ++lineno;
        uint32_t cols;
        size_t lead = lead_space(text + i, end - i, &cols);
        l->s = text + i + lead;
        l->len = (uint32_t)trail_space(l->s, end - i - lead);
        l->indent = cols;
        l->blank = l->len == 0;
        /* /# and #/ alone on a line: the marks Project Gutenberg's
        ** transcribers set around a block quotation, left in some texts;
        ** the quotation between them stands apart by its indentation */
        if (l->len == 2 && ((l->s[0] == '/' && l->s[1] == '#') ||
                            (l->s[0] == '#' && l->s[1] == '/'))) {
            l->blank = SZ_ELINE_QUOTE_MARK;
            l->len = 0;
        }
        quoted |= l->len && l->s[0] == '>';
        sz_essay_line_width(l->s, l->len, &l->width, &l->cols);
        i = end + 1;
        if (!nl)
            break;
    }
    if (quoted)
        mail_quotes(lines, from);
}

uint32_t
sz_essay_prev_cp(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    if ((unsigned char)s[i - 1] < 0x80)
        return (unsigned char)s[i - 1];
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    uint32_t cp;
    sz_utf8_decode(s + j, i - j, &cp);
    return cp;
}
