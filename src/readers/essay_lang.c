/*
** essay_lang.c
** Guesses the language of a text from its script and its commonest words.
** See LICENSE.
*/
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "core/bytes8.h"
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

#define NLANG (sizeof stop / sizeof stop[0])

/* The words of stop[] in one table: a word of up to eight bytes packed into
** a number, and a bit for each language that has it.  Looked up for every
** short word of a text; searching the seven lists with strstr took a
** short essay's reader a third of its time. */
#define NSLOT 512
static struct {
    uint64_t key;              /* 0: empty */
    unsigned char langs;
} table[NSLOT];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint64_t
pack(const char *w, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k |= (uint64_t)(unsigned char)w[i] << (8 * i);
    return k;
}

static size_t
slot(uint64_t key)
{
    size_t h = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 55) % NSLOT;
    while (table[h].key && table[h].key != key)
        h = (h + 1) % NSLOT;
    return h;
}

static void
build_table(void)
{
    for (size_t L = 0; L < NLANG; L++)
        for (const char *p = stop[L].words; *p;) {
            while (*p == ' ')
                p++;
            size_t n = strcspn(p, " ");
            if (n && n <= 8) {
                uint64_t key = pack(p, n);
                size_t h = slot(key);
                table[h].key = key;
                table[h].langs |= (unsigned char)(1u << L);
            }
            p += n;
        }
}

void
sz_essay_lang(struct sz_ectx *c, const struct sz_elines *lines, size_t a, size_t b)
{
    if (sz_meta_get(c->doc, "lang"))
        return;
    pthread_once(&table_once, build_table);
    size_t count[NLANG] = { 0 };
    size_t cjk = 0, cyr = 0, letters = 0, seen = 0;
    char w[8];
    for (size_t i = a; i < b && seen < LANG_SAMPLE; i++) {
        const char *s = lines->v[i].s;
        size_t n = lines->v[i].len, k = 0;
        seen += n;
        /* Scripts by UTF-8 lead byte: U+4E00-9FFF start with E4-E9,
        ** Cyrillic with D0-D1; ASCII eight bytes at a time. */
        for (size_t j = 0; j < n; j++) {
            if (j + 8 <= n && !(sz_b8_load(s + j) & SZ_B8_HIGH)) {
                j += 7;
                continue;
            }
            unsigned char ch = (unsigned char)s[j];
            cjk += ch >= 0xE4 && ch <= 0xE9;
            cyr += ch == 0xD0 || ch == 0xD1;
        }
        while (k < n) {
            uint32_t cp;
            size_t st = k;
            if ((unsigned char)s[k] < 0x80)
                cp = (unsigned char)s[k++];
            else
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
            if (e - st <= 6) {
                for (size_t j = st; j < e; j++)
                    w[j - st] = (char)((unsigned char)s[j] < 0x80 ? s[j] | 0x20 : s[j]);
                unsigned langs = table[slot(pack(w, e - st))].langs;
                for (size_t L = 0; langs; L++, langs >>= 1)
                    count[L] += langs & 1;
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
        for (size_t L = 0; L < NLANG; L++)
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
