/*
** essay_notes.c
** Footnotes: [1], {1}, (*1), (*) or * in the text, "[1] text", "{1} text", "[Footnote 1: text]",
** "[Note 1: text]", "(*1) text", "(*) text" or "*text" below, a "1" alone on its line over
** the text, or "1.  text" under a notes label, linked to their markers.
** See LICENSE.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers/essay_units.h"

struct ndef {
    const char *lab;
    size_t n, k;
};

static int
ndef_cmp(const void *pa, const void *pb)
{
    const struct ndef *a = pa, *b = pb;
    size_t m = a->n < b->n ? a->n : b->n;
    int r = memcmp(a->lab, b->lab, m);
    if (r)
        return r;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

/* The label of a note text starting at l, or 0; *skip gets the bytes of
** the "[1]" or "[Footnote 1:" prefix. */
size_t
sz_essay_note_label(const struct sz_eline *l, const char **label, size_t *skip)
{
    const char *s = l->s;
    size_t n = l->len, i = 1;
    /* "¹ The effect is modest": a note to a superscript marker ("paper.¹"),
    ** as text copied from a word processor writes them */
    size_t sl = n && ((unsigned char)s[0] == 0xC2 || (unsigned char)s[0] == 0xE2)
                    ? sz_essay_superscript_len(s, n, 0) : 0;
    if (sl && sl + 1 < n && s[sl] == ' ' && s[sl + 1] != ' ') {
        *label = s;
        *skip = sl + 1;
        return sl;
    }
    /* "*See subsequent chapters": a note to a bare * marker; not a list
    ** item ("* item") nor emphasis ("*word* opens a paragraph") */
    if (n >= 4 && s[0] == '*' && s[1] != '*' && !memchr(s + 1, '*', n - 1)) {
        /* "* “Busy already?”" too: taken only when a * marker is close */
        size_t sp = s[1] == ' ';
        if (s[1 + sp] != ' ') {
            *label = s;
            *skip = 1 + sp;
            return 1;
        }
    }
    /* "** Edward Bliss Emerson, his next younger brother": the note to a
    ** ** marker, the second of its paragraph ("a brother** in the
    ** island"); not "**bold**" */
    if (n >= 5 && s[0] == '*' && s[1] == '*' && s[2] != '*' && !memchr(s + 2, '*', n - 2)) {
        size_t sp = s[2] == ' ';
        if (s[2 + sp] != ' ') {
            *label = s;
            *skip = 2 + sp;
            return 2;
        }
    }
    /* "(*It is no improbable opinion ... )": the note to a bare * marker
    ** set in parentheses after its paragraph, as some editions print
    ** them; "(**Civil law ...)" answers a ** marker */
    if (n >= 5 && s[0] == '(' && s[1] == '*') {
        size_t st = 1;
        while (st < 3 && s[1 + st] == '*')
            st++;
        unsigned char f = (unsigned char)s[1 + st];
        if (st <= 2 && ((f >= 'A' && f <= 'Z') || f >= 0xC0)) {
            *label = s + 1;
            *skip = 1 + st;
            return st;
        }
    }
    /* "(*1) text": the note to a "(*1)" marker; labelled "*1", so it
    ** never answers a "[1]" */
    if (n >= 5 && s[0] == '(' && s[1] == '*') {
        size_t d = 2;
        while (d < n && d < 5 && s[d] >= '0' && s[d] <= '9')
            d++;
        /* and "(*) text", the note to a "(*)" marker, labelled "*" as a
        ** bare * marker's note is */
        if (d + 1 < n && s[d] == ')' && s[d + 1] == ' ') {
            *label = s + 1;
            *skip = d + 2;
            return d - 1;
        }
    }
    /* "{287}  text": the note to a "{287}" marker, as editions that label
    ** their notes by page number write them */
    if (n >= 5 && s[0] == '{') {
        size_t d = 1;
        while (d < n && d < 6 && s[d] >= '0' && s[d] <= '9')
            d++;
        if (d > 1 && d + 1 < n && s[d] == '}' && s[d + 1] == ' ') {
            *label = s + 1;
            *skip = d + 2;
            return d - 1;
        }
        return 0;
    }
    if (n < 4 || s[0] != '[')
        return 0;
    if (n > 10 && !memcmp(s, "[Footnote ", 10))
        i = 10;
    else if (n > 6 && !memcmp(s, "[Note ", 6))
        i = 6;         /* [Note 12: text], as some editions write it */
    size_t a = i;
    while (i < n && i - a <= 4 && s[i] != ']' && s[i] != ':' && s[i] != ' ')
        i++;
    if (i == a || i >= n || (a == 1 && s[i] != ']') || (a > 1 && s[i] != ':'))
        return 0;
    *label = s + a;
    *skip = i + 1;
    return i - a;
}

/* The bytes of the superscript digits (¹ ² ³ ⁴ ... ⁹ ⁰) at s[i], or 0; no
** digit is taken once nine bytes of them are read. */
size_t
sz_essay_superscript_len(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k - i < 9) {
        const unsigned char *p = (const unsigned char *)s + k;
        if (k + 1 < n && p[0] == 0xC2 && (p[1] == 0xB9 || p[1] == 0xB2 || p[1] == 0xB3))
            k += 2;
        else if (k + 2 < n && p[0] == 0xE2 && p[1] == 0x81 &&
                 (p[2] == 0xB0 || (p[2] >= 0xB4 && p[2] <= 0xB9)))
            k += 3;
        else
            break;
    }
    return k - i;
}

/* The number of up to three digits that opens line f; *end gets the byte
** after it (0 when f opens with no digit). */
static unsigned
lead_number(const struct sz_eline *f, size_t *end)
{
    unsigned v = 0;
    size_t i = 0;
    while (i < f->len && i < 3 && f->s[i] >= '0' && f->s[i] <= '9')
        v = v * 10 + (unsigned)(f->s[i++] - '0');
    *end = i;
    return v;
}

/* The label of note text k: its "[1]" prefix, or the number alone on the
** line over it (numnote); *skip as sz_essay_note_label's. */
static size_t
def_label(const struct sz_enotes *nt, size_t k, const char **lab, size_t *skip)
{
    const struct unit *x = &nt->u->v[k];
    if (x->numnote == 2 && k > 0) {
        const struct sz_eline *f = &nt->l[nt->u->v[k - 1].a];
        size_t len = f->len;
        while (len && f->s[len - 1] == ' ')
            len--;
        *lab = f->s;
        *skip = 0;
        return len;
    }
    if (x->numnote == 3) {
        /* "1.  SHI CHI, ch. 65.": the number before its stop (dotted_number
        ** took it) */
        const struct sz_eline *f = &nt->l[x->a];
        size_t d;
        lead_number(f, &d);
        size_t i = d + 1;
        while (i < f->len && f->s[i] == ' ')
            i++;
        *lab = f->s;
        *skip = i;
        return d;
    }
    return sz_essay_note_label(&nt->l[x->a], lab, skip);
}

/* "1.  text": a block opening with a number of up to three digits, a stop
** and a space; the number, or 0. */
static unsigned
dotted_number(const struct sz_eline *f)
{
    size_t i;
    unsigned v = lead_number(f, &i);
    return i && i + 2 < f->len && f->s[i] == '.' && f->s[i + 1] == ' ' ? v : 0;
}

/* The length of label line p without the colon, stops and spaces after its
** word ("NOTES:", "Notes. "). */
static size_t
label_len(const struct sz_eline *p)
{
    size_t n = p->len;
    while (n && (p->s[n - 1] == ':' || p->s[n - 1] == '.' || p->s[n - 1] == ' '))
        n--;
    return n;
}

/* The label over a text's notes in the languages the reader meets:
** English and French, German, Spanish and Portuguese, Italian, Dutch,
** Polish, Russian, Greek. */
static const char *const label_words[] = {
    "notes", "footnotes", "endnotes", "anmerkungen", "fußnoten", "notas", "noten",
    "przypisy", "Примечания", "ПРИМЕЧАНИЯ", "Примечание", "Сноски", "Σημειώσεις",
    "ΣΗΜΕΙΩΣΕΙΣ", NULL
};

/* Is unit k a notes label alone: "Footnotes", "NOTES:", or one underlined
** ("Footnotes / ---------")? */
static int
label_alone(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    size_t nl = x->b - x->a;
    const struct sz_eline *p = &l[x->a];
    if (nl > 2 || p->len > 24)
        return 0;      /* longer than any label word (Примечания: 20 bytes) */
    if (nl == 2 && !sz_essay_underline_of(&l[x->a + 1]))
        return 0;
    return sz_essay_word_ci(p->s, label_len(p), label_words);
}

/* Digits alone on a line (up to three, spaces after them allowed): its
** number, or 0. */
static unsigned
bare_number(const struct sz_eline *f)
{
    size_t i;
    unsigned v = lead_number(f, &i);
    if (!i)
        return 0;
    while (i < f->len && f->s[i] == ' ')
        i++;
    return i == f->len ? v : 0;
}

/* Where "[N]" first stands, for N up to SZ_ESSAY_DOTTED_NOTES: the line of
** each, or SIZE_MAX; read in one pass over lines [0, nl), when a run of
** numbered notes first asks, so that a text of many such runs (or of many
** notes labels) is not read again for each. */
struct markers {
    size_t first[SZ_ESSAY_DOTTED_NOTES + 1];
    int built;
};

static void
markers_build(struct markers *m, const struct sz_eline *l, size_t nl)
{
    for (size_t v = 0; v <= SZ_ESSAY_DOTTED_NOTES; v++)
        m->first[v] = SIZE_MAX;
    for (size_t i = 0; i < nl; i++)
        for (const char *s = l[i].s, *end = l[i].s + l[i].len;
             (s = memchr(s, '[', (size_t)(end - s))) != NULL; s++) {
            unsigned v = 0;
            const char *q = s + 1;
            while (q < end && q - s <= 3 && *q >= '0' && *q <= '9')
                v = v * 10 + (unsigned)(*q++ - '0');
            if (q > s + 1 && q < end && *q == ']' && v >= 1 && v <= SZ_ESSAY_DOTTED_NOTES &&
                m->first[v] == SIZE_MAX)
                m->first[v] = i;
        }
    m->built = 1;
}

/* Does "[N]" stand in lines [0, end)? */
static int
marker_before(struct markers *m, const struct units *u, const struct sz_eline *l, size_t end,
              unsigned num)
{
    if (!m->built)
        markers_build(m, l, u->n ? u->v[u->n - 1].b : 0);
    return num <= SZ_ESSAY_DOTTED_NOTES && m->first[num] < end;
}

/* "Примечания / 1 / text / 2 / text ...": notes whose numbers stand alone
** on their lines, each over its text, as editions converted from other
** formats write them at the end.  Taken for notes, and not for chapters
** numbered 1, 2 ..., when the numbers run 1, 2, 3 ... pair by pair, two
** pairs at least (one under a notes label), and each answers a "[N]"
** marker of the text before them. */
void
sz_essay_numbered_notes(struct units *u, const struct sz_eline *l)
{
    struct markers mk;
    mk.built = 0;
    for (size_t k = 0; k + 1 < u->n; k++) {
        if (u->v[k].b - u->v[k].a != 1 || bare_number(&l[u->v[k].a]) != 1)
            continue;
        size_t e = k;
        unsigned want = 1;
        while (e + 1 < u->n && u->v[e].b - u->v[e].a == 1 && bare_number(&l[u->v[e].a]) == want &&
               !bare_number(&l[u->v[e + 1].a])) {
            e += 2;
            want++;
        }
        size_t pairs = (e - k) / 2;
        static const char *const labels[] = { "notes", "footnotes", "Примечания", "ПРИМЕЧАНИЯ",
                                              "Примечание", NULL };
        const struct sz_eline *p = k ? &l[u->v[k - 1].a] : NULL;
        int labelled = p && u->v[k - 1].b - u->v[k - 1].a == 1 &&
                       sz_essay_word_ci(p->s, label_len(p), labels);
        if (pairs < 2 && !(pairs == 1 && labelled))
            continue;
        int ok = 1;
        for (unsigned v = 1; ok && v <= pairs; v++)
            ok = marker_before(&mk, u, l, u->v[k].a, v);
        if (!ok) {
            k = e;
            continue;
        }
        for (size_t j = k; j < e; j += 2) {
            struct unit *x = &u->v[j], *y = &u->v[j + 1];
            x->kind = U_SKIP;
            x->rank = R_NONE;
            x->merge = 0;
            x->numnote = 1;
            x->why = "a note's number alone on its line: the numbers run 1, 2, 3 ..., each over "
                     "a text, and answer the [N] markers of the text";
            y->kind = U_PARA;
            y->rank = R_NONE;
            y->merge = 0;
            y->numnote = 2;
        }
        k = e;
    }
    /* "Footnotes / 1.  SHI CHI, ch. 65. / 2.  He reigned ...": under a notes
    ** label, texts opening with their numbers 1., 2., 3. ..., two at
    ** least, answering "[N]" markers of the text before the label (nine
    ** in ten of them: an edition may drop one, as The Art of War drops
    ** its [9]): notes, not a numbered list (nor numbered headings) */
    for (size_t k = 0; k + 2 < u->n; k++) {
        /* asked of every block: the cheapest test first, "1." after it */
        const struct sz_eline *f1 = &l[u->v[k + 1].a];
        if (f1->len < 4 || f1->s[0] != '1' || f1->s[1] != '.' || !label_alone(u, k, l))
            continue;
        size_t e = k + 1;
        unsigned want = 1;
        while (e < u->n && (u->v[e].kind == U_PARA || u->v[e].kind == U_HEAD) &&
               want <= SZ_ESSAY_DOTTED_NOTES && dotted_number(&l[u->v[e].a]) == want) {
            e++;
            want++;
        }
        size_t n = want - 1;
        if (n < 2)
            continue;
        /* which of [1] ... [n] the text before the label holds */
        size_t found = 0;
        for (unsigned v = 1; v <= n; v++)
            found += marker_before(&mk, u, l, u->v[k].a, v);
        if (!marker_before(&mk, u, l, u->v[k].a, 1) || found * 10 < n * 9) {
            k = e - 1;
            continue;
        }
        for (size_t j = k + 1; j < e; j++) {
            struct unit *y = &u->v[j];
            y->kind = U_PARA;
            y->rank = R_NONE;
            y->merge = 0;
            y->numnote = 3;
        }
        k = e - 1;
    }
}

void
sz_essay_find_notes(struct sz_enotes *nt)
{
    for (size_t k = 0; k < nt->u->n; k++) {
        const char *lab;
        size_t skip;
        if (nt->u->v[k].kind == U_PARA && def_label(nt, k, &lab, &skip)) {
            if ((nt->ndefs & (nt->ndefs - 1)) == 0) {
                size_t cap = nt->ndefs ? nt->ndefs * 2 : 1;
                nt->defs = sz_xrealloc(nt->defs, cap * sizeof *nt->defs);
            }
            nt->defs[nt->ndefs++] = k;
        }
    }
    /* Endnotes collected at the end of a book may be thousands of note
    ** texts after their marker: found by label in log time. */
    if (!nt->ndefs)
        return;
    nt->bylab = sz_xmalloc(nt->ndefs * sizeof *nt->bylab);
    for (size_t d = 0; d < nt->ndefs; d++) {
        size_t skip;
        nt->bylab[d].k = nt->defs[d];
        nt->bylab[d].n = def_label(nt, nt->defs[d], &nt->bylab[d].lab, &skip);
    }
    qsort(nt->bylab, nt->ndefs, sizeof *nt->bylab, ndef_cmp);
}

/* The first unused note text labelled label after unit cur, by label. */
static size_t
def_by_label(const struct sz_enotes *nt, const char *label, size_t n)
{
    struct ndef key = { label, n, nt->cur + 1 };
    size_t lo = 0, hi = nt->ndefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ndef_cmp(&nt->bylab[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t d = lo; d < nt->ndefs && d < lo + SZ_ESSAY_NOTE_SCAN; d++) {
        const struct ndef *e = &nt->bylab[d];
        if (e->n != n || memcmp(e->lab, label, n))
            break;
        if (nt->u->v[e->k].kind == U_PARA)
            return e->k;
    }
    return (size_t)-1;
}

/* A note written "[Footnote 3: Kama is love ..." whose closing bracket is
** not on its last line goes on in the next blocks of text, up to the one
** that ends with "]": the unit where the note ends (k when it ends in its
** own block, or when no close comes within a few blocks before another
** note, a heading or anything else). */
static size_t
note_end(const struct sz_enotes *nt, size_t k)
{
    const struct unit *x = &nt->u->v[k];
    const struct sz_eline *e = &nt->l[x->b - 1];
    if (e->len && e->s[e->len - 1] == ']')
        return k;
    for (size_t j = k + 1; j < nt->u->n && j <= k + SZ_ESSAY_NOTE_PARAS; j++) {
        const struct unit *y = &nt->u->v[j];
        const char *lab;
        size_t sk;
        if (y->kind != U_PARA || sz_essay_note_label(&nt->l[y->a], &lab, &sk) ||
            nt->l[y->a].s[0] == '[')
            return k;
        e = &nt->l[y->b - 1];
        if (e->len && e->s[e->len - 1] == ']')
            return j;
    }
    return k;
}

/* One paragraph of a note: unit x's lines, past the "[Footnote 1:" prefix
** (skip bytes) of its first, without the closing bracket (closes: ] or ),
** or 0) of its last. */
static struct sz_node *
note_para(struct sz_ectx *c, struct sz_enotes *nt, const struct unit *x, size_t skip,
          char closes)
{
    struct sz_node *p = sz_node_new(c->doc, SZ_PARA);
    sz_essay_set_line(c, p, nt->l[x->a].lineno);
    struct sz_buf b = SZ_BUF_INIT;
    for (size_t i = x->a; i < x->b; i++) {
        if (i > x->a)
            sz_buf_putc(&b, '\n');
        if (i == x->a)
            sz_buf_put(&b, nt->l[i].s + skip, nt->l[i].len - skip);
        else
            sz_buf_put(&b, nt->l[i].s, nt->l[i].len);
    }
    if (closes && b.len && b.data[b.len - 1] == closes)
        b.len--;           /* [Footnote 1: ...], (*Text ...) */
    /* The marker's paragraph is half built: its word buffer and its
    ** emphasis scan state wait while the note is made. */
    struct sz_buf word = c->word;
    size_t seps = c->word_seps;
    size_t nc0 = c->no_close[0], nc1 = c->no_close[1];
    c->word = (struct sz_buf)SZ_BUF_INIT;
    c->word_seps = 0;
    c->notes = NULL;       /* no notes inside notes */
    sz_essay_inlines(c, p, b.data ? b.data : "", b.len);
    c->notes = nt;
    sz_buf_free(&c->word);
    c->word = word;
    c->word_seps = seps;
    c->no_close[0] = nc0;
    c->no_close[1] = nc1;
    sz_buf_free(&b);
    return p;
}

/* Is unit k, a note text, the last block of a short text (its foot),
** where a bare * marker's note stands however far from it: the text
** has no other note to a bare * (where it has, each stands close to its
** marker), and no chapter after it to take a stray * for. */
static int
foot_note(const struct sz_enotes *nt, size_t k)
{
    size_t e = nt->u->n;
    if (e > SZ_ESSAY_STAR_FOOT_UNITS)
        return 0;      /* (first: the walk back below stays short) */
    while (e > 0 && nt->u->v[e - 1].kind == U_SKIP)
        e--;
    if (k + 1 != e)
        return 0;
    size_t stars = 0;
    for (size_t d = 0; d < nt->ndefs; d++) {
        const char *lab;
        size_t skip;
        const struct unit *x = &nt->u->v[nt->defs[d]];
        /* (not "* item" lines one under another: a list) */
        stars += def_label(nt, nt->defs[d], &lab, &skip) == 1 && lab[0] == '*' &&
                 sz_essay_list_run(nt->l, x->a, x->b) == x->a;
    }
    return stars == 1;
}

struct sz_node *
sz_essay_note(struct sz_ectx *c, const char *label, size_t n, int flags)
{
    struct sz_enotes *nt = c->notes;
    /* a {287} marker, which as many editions set for a page number, is
    ** searched as a labelled one, never warned about */
    int bare = flags & SZ_ENOTE_BARE, quiet = flags & SZ_ENOTE_QUIET;
    /* The first unused note text with this label after the marker, among
    ** the next SZ_ESSAY_NOTE_SCAN ones: notes follow their chapter, and
    ** the bound keeps a book of a million markers linear. */
    size_t lo = 0, hi = nt->ndefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nt->defs[mid] <= nt->cur)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t far = bare || !nt->bylab ? (size_t)-1 : def_by_label(nt, label, n);
    for (size_t d = lo; d < nt->ndefs && d < lo + SZ_ESSAY_NOTE_SCAN + (far != (size_t)-1);
         d++) {
        size_t k = nt->defs[d];
        const char *lab;
        size_t skip, ln;
        if (d == lo + SZ_ESSAY_NOTE_SCAN)
            k = far;           /* past the window: the one found by label */
        if (k <= nt->cur || nt->u->v[k].kind != U_PARA)
            continue;
        /* a bare * has no label to check: its note must follow closely,
        ** or a stray * would take the next chapter's note */
        int foot = bare && k > nt->cur + SZ_ESSAY_STAR_NOTE_UNITS;
        if (foot && !foot_note(nt, k))
            break;
        ln = def_label(nt, k, &lab, &skip);
        if (ln != n || memcmp(lab, label, n))
            continue;
        struct sz_node *note = sz_node_new(c->doc, SZ_NOTE);
        /* "[Footnote 1: text]" wraps the note in brackets; "[1] text" does not */
        int wrapped = skip && nt->l[nt->u->v[k].a].s[skip - 1] == ':';
        /* "(*Text ...)" wraps it in parentheses, in its own block */
        int paren = skip && nt->l[nt->u->v[k].a].s[0] == '(' && nt->l[nt->u->v[k].a].s[skip - 1] == '*';
        size_t last = wrapped ? note_end(nt, k) : k;
        for (size_t j = k; j <= last; j++) {
            struct unit *x = &nt->u->v[j];
            x->kind = U_SKIP;
            x->why = j == k && foot ? "note text at the foot of a short text, of the bare * "
                                      "marker above"
                     : j == k ? "note text of a marker above"
                            : "a further paragraph of the note above: its closing bracket "
                              "comes later";
            sz_node_append(note, note_para(c, nt, x, j == k ? skip : 0,
                                           j != last ? 0 : paren ? ')' : skip > 3 ? ']' : 0));
        }
        return note;
    }
    int numeric = 1;
    for (size_t i = 0; i < n; i++)
        numeric &= label[i] >= '0' && label[i] <= '9';
    if (!quiet && nt->ndefs && (numeric || (n == 1 && label[0] >= 'A' && label[0] <= 'Z')) &&
        nt->unmatched++ < 10)
        sz_diag_add(&c->doc->diags, SZ_WARNING, 0, c->file, c->lineno, 0, -1,
                    "footnote marker [%.*s] has no note text after it; kept as text", (int)n,
                    label);
    return NULL;
}

/* "FOOTNOTES:", "Notes.", "ORIGINAL TRANSCRIBER'S NOTES:": a line over note texts.  The notes go to their
** markers, and the label over them, left with nothing to label, goes
** with them: does unit k label the note texts after it, the first of
** them already taken by its marker? */
int
sz_essay_notes_label(const struct units *u, size_t k, const struct sz_eline *l)
{
    /* (the label words, and the singular a label over one note takes) */
    static const char *const singular[] = { "footnote", "note", NULL };
    const struct unit *x = &u->v[k];
    if (k + 1 >= u->n || u->v[k + 1].kind != U_SKIP)
        return 0;
    /* Примечания / 1 / text: over notes numbered alone on their lines, or
    ** Footnotes / 1.  text, the label underlined or not */
    int numbered = u->v[k + 1].numnote == 1 || u->v[k + 1].numnote == 3;
    if (x->b - x->a != 1 && !(u->v[k + 1].numnote == 3 && label_alone(u, k, l)))
        return 0;
    const struct sz_eline *f = &l[x->a];
    size_t n = f->len;
    if (n && (f->s[n - 1] == ':' || f->s[n - 1] == '.'))
        n--;
    /* TRANSCRIBER'S NOTES:, Editor's Notes: whose notes they are, then
    ** the word; a few words, not a sentence ending in "notes" */
    size_t w = n;
    while (w > 0 && f->s[w - 1] != ' ')
        w--;
    const char *lab;
    size_t skip;
    return (sz_essay_word_ci(f->s + w, n - w, label_words) ||
            sz_essay_word_ci(f->s + w, n - w, singular)) &&
           sz_essay_count_words(f->s, n) <= 4 &&
           (numbered || sz_essay_note_label(&l[u->v[k + 1].a], &lab, &skip) > 0);
}
