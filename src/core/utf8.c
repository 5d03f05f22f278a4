/*
** utf8.c
** UTF-8 validation and decoding; Windows-1252 and Latin-1 to UTF-8.
** See LICENSE.
*/
#include "internal.h"
#include "core/bytes8.h"

size_t
sz_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n < len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

int
sz_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* Most text is ASCII: sixteen or eight bytes without a high bit at
        ** a time. */
        if (i + 16 <= n && !((sz_b8_load(s + i) | sz_b8_load(s + i + 8)) & SZ_B8_HIGH)) {
            i += 16;
            continue;
        }
        if (i + 8 <= n) {
            if (!(sz_b8_load(s + i) & SZ_B8_HIGH)) {
                i += 8;
                continue;
            }
        }
        unsigned c = u[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        /* The sequences of Latin, Greek and Cyrillic letters (two bytes)
        ** and of Chinese and Japanese (three bytes, but for E0 and ED,
        ** whose second byte is limited) are valid with continuation bytes
        ** after them: checked here, each without a call. */
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t l = sz_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && l == 1) {
            if (bad_offset)
                *bad_offset = i;
            return 0;
        }
        i += l;
    }
    return 1;
}

/* Windows-1252 0x80-0x9F; 0 marks the five undefined bytes, which map to
** the C1 control of the same value as WHATWG's decoder does. */
static const uint16_t cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

void
sz_cp1252_to_utf8(const char *str, size_t n, int latin1, struct sz_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c < 0x80) {
            size_t j = i;
            while (j < n && s[j] < 0x80)
                j++;
            sz_buf_put(out, str + i, j - i);
            i = j - 1;
            continue;
        }
        uint32_t cp = c;
        if (!latin1 && c >= 0x80 && c <= 0x9F && cp1252[c - 0x80])
            cp = cp1252[c - 0x80];
        sz_buf_put_utf8(out, cp);
    }
}

int
sz_utf16_guess(const char *s, size_t n, size_t *bom)
{
    const unsigned char *u = (const unsigned char *)s;
    *bom = 0;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        /* FF FE 00 00 is UTF-32; not read, but not UTF-16 either */
        if (u[0] == 0xFF && n >= 4 && u[2] == 0 && u[3] == 0)
            return 0;
        *bom = 2;
        return u[0] == 0xFF ? 'L' : 'B';
    }
    /* No BOM: in the first few KB, text in UTF-16 has its high bytes on
    ** every other byte: NUL for Latin letters, digits and spaces, and below
    ** 0x20 as well for the alphabets of U+0100..U+1FFF (Greek, Cyrillic,
    ** Hebrew, Arabic, Indic), whose high byte is the same few values line
    ** after line.  A text in an 8-bit encoding has NULs and control bytes
    ** hardly anywhere, a binary file anywhere. */
    size_t m = n < 4096 ? n & ~(size_t)1 : 4096, z[2] = { 0, 0 }, lo[2] = { 0, 0 };
    if (m < 4)
        return 0;
    for (size_t i = 0; i < m; i++) {
        z[i & 1] += u[i] == 0;
        lo[i & 1] += u[i] < 0x20;
    }
    size_t pairs = m / 2;
    for (int k = 0; k < 2; k++)
        if (((z[k] * 10 >= pairs * 3 && z[1 - k] * 50 <= pairs) ||
             (lo[k] * 10 >= pairs * 9 && lo[1 - k] * 2 <= pairs && z[1 - k] * 50 <= pairs))) {
            /* the other half must not hold line-feed-less noise: a
            ** newline or a space shows it is text */
            size_t ws = 0;
            for (size_t i = (size_t)(1 - k); i < m; i += 2)
                ws += u[i] == ' ' || u[i] == '\n';
            if (ws * 100 >= pairs)
                return k == 0 ? 'B' : 'L';
        }
    return 0;
}

void
sz_utf16_to_utf8(const char *str, size_t n, int be, struct sz_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    sz_buf_reserve(out, n + n / 2);
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t v = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3])
                            : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                i += 2;
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            u = 0xFFFD;
        }
        sz_buf_put_utf8(out, u);
    }
    if (n & 1)
        sz_buf_put_utf8(out, 0xFFFD);   /* half a code unit: shown, not dropped */
}
