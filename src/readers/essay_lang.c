/*
** essay_lang.c
** Guesses the language of a text from its script and its commonest words.
** See LICENSE.
*/
#include <string.h>
#include <strings.h>

#include "readers/essay.h"

/* Enough text to tell languages apart; reading more only costs time. */
#define LANG_SAMPLE (256 * 1024)

static const struct {
    const char *code;
    const char *words;         /* space-separated, with spaces around */
} stop[] = {
    { "en", " the and of to in that is was he it with his i you not for but had " },
    { "de", " der die und das nicht ist ich zu den sie mit ein es sich auf dem des er " },
    { "fr", " le la les et des un une est que il dans pas du au qui je ne se elle " },
    { "nl", " het een en van ik dat niet zijn op met te hij maar ze zij wat er " },
    { "es", " el los que y en se del las por con una su para es lo como más " },
    { "it", " il che di per non del sono una della gli nel ha si lo le ma mi " },
    { "pt", " os não uma com para por mais mas como foi ao ele das tem à seu " },
};

void
sz_essay_lang(struct sz_ectx *c, const struct sz_elines *lines, size_t a, size_t b)
{
    if (sz_meta_get(c->doc, "lang"))
        return;
    size_t count[sizeof stop / sizeof stop[0]] = { 0 };
    size_t cjk = 0, cyr = 0, letters = 0, seen = 0;
    char w[32];
    for (size_t i = a; i < b && seen < LANG_SAMPLE; i++) {
        const char *s = lines->v[i].s;
        size_t n = lines->v[i].len, k = 0;
        seen += n;
        /* Scripts by UTF-8 lead byte: U+4E00-9FFF start with E4-E9,
        ** Cyrillic with D0-D1. */
        for (size_t j = 0; j < n; j++) {
            unsigned char ch = (unsigned char)s[j];
            cjk += ch >= 0xE4 && ch <= 0xE9;
            cyr += ch == 0xD0 || ch == 0xD1;
        }
        while (k < n) {
            uint32_t cp;
            size_t st = k;
            k += sz_utf8_decode(s + k, n - k, &cp);
            if (!((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') && cp < 0xC0)
                continue;
            /* a word: letters (Latin-1 and beyond count as letters) */
            size_t e = k;
            while (e < n) {
                unsigned char ch = (unsigned char)s[e];
                if (ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
                    e++;
                else
                    break;
            }
            letters++;
            if (e - st + 2 < sizeof w && e - st <= 6) {
                w[0] = ' ';
                for (size_t j = st; j < e; j++)
                    w[1 + j - st] = (char)((unsigned char)s[j] < 0x80 ? s[j] | 0x20 : s[j]);
                w[1 + e - st] = ' ';
                w[2 + e - st] = '\0';
                for (size_t L = 0; L < sizeof stop / sizeof stop[0]; L++)
                    if (strstr(stop[L].words, w))
                        count[L]++;
            }
            k = e;
        }
    }
    const char *code = NULL;
    if (cjk > 100 && cjk > letters)
        code = "zh";
    else if (cyr > 200 && cyr > letters * 2)
        code = "ru";
    else {
        size_t best = 0;
        for (size_t L = 0; L < sizeof stop / sizeof stop[0]; L++)
            if (count[L] > best) {
                best = count[L];
                code = stop[L].code;
            }
        if (best < 20)
            code = NULL;
    }
    if (code)
        sz_meta_set_string(c->doc, "lang", code);
}
