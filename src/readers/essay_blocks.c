/*
** essay_blocks.c
** Lines to blocks: the driver.  Splits lines into units, classifies them,
** runs the outline passes, then builds the blocks (and the trace).
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers/essay_units.h"

static void
push_unit(struct units *u, size_t a, size_t b)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 128;
        u->v = sz_xrealloc(u->v, u->cap * sizeof *u->v);
    }
    u->v[u->n++] = (struct unit){ a, b, U_PARA, R_NONE, 0, 0, NULL, 0, 0, 0, 0, 0 };
}

/* A block [a, b) set apart from the rest of its lines: it takes the blank
** lines before them (*gap), the rest none. */
static void
push_apart(struct units *u, size_t a, size_t b, size_t *gap)
{
    push_unit(u, a, b);
    u->v[u->n - 1].gap = (int)*gap;
    *gap = 0;
}

/* Does line f open a note's text labelled with a number, [1], {12} or ¹
** ("[f++] = F double-sharp" is a key's entry)? */
static int
note_start(const struct sz_eline *f)
{
    const char *lab;
    size_t skip, n;
    unsigned char b = (unsigned char)f->s[0];
    if ((b != '[' && b != '{' && b != 0xC2 && b != 0xE2) ||
        !(n = sz_essay_note_label(f, &lab, &skip)))
        return 0;
    if (b == 0xC2 || b == 0xE2)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (lab[i] < '0' || lab[i] > '9')
            return 0;
    return 1;
}

/* Does line f open the text of a note to a * or ** marker ("* This letter
** was printed", "** Edward Bliss Emerson")? */
static int
star_note(const struct sz_eline *f)
{
    const char *lab;
    size_t skip;
    return f->len && f->s[0] == '*' && sz_essay_note_label(f, &lab, &skip) && lab[0] == '*';
}

/* A heading's level: its rank's, more for a story's parts or a half-title's
** work (at most 6). */
static int
head_level(const struct unit *x, const int level_of[R_COUNT])
{
    int lv = level_of[x->rank] + x->deeper;
    return lv < 6 ? lv : 6;
}

/* Does line f open a transcriber's mark for a picture or for music the
** text cannot carry ("[Illustration: ...", "[Music: Traumerei.", "[Music]")? */
static int
figure_tag(const struct sz_eline *f)
{
    return (f->len >= 13 && !memcmp(f->s, "[Illustration", 13)) ||
           (f->len >= 7 && !memcmp(f->s, "[Music", 6) && (f->s[6] == ']' || f->s[6] == ':'));
}

/* --trace-structure's reason for the blocks a caption runs on over */
static const char caption_run_on[] = "inside the caption of the [Illustration above";

/* The unit, k or one a few blocks down, whose last line closes the
** bracket an "[Illustration" opening unit k leaves open: a caption printed
** over blank lines ("[Illustration: GOOSE GIRL" / / "'O WIND, BLOW ...' ]"),
** which is the picture's lettering, not verse or paragraphs of the text.
** Returns u->n when no unit closes it soon enough (a diagram, a stray "["). */
static size_t
figure_end(const struct units *u, const struct sz_eline *l, size_t k)
{
    int depth = 0;
    size_t lines = 0;
    for (size_t j = k; j < u->n && j <= k + 4; j++) {
        const struct unit *y = &u->v[j];
        if (j > k && (l[y->a].s[0] == '[' || y->kind != U_PARA))
            break;
        for (size_t i = y->a; i < y->b; i++)
            for (uint32_t m = 0; m < l[i].len; m++)
                depth += l[i].s[m] == '[' ? 1 : l[i].s[m] == ']' ? -1 : 0;
        lines += y->b - y->a;
        if (depth <= 0)
            return l[y->b - 1].s[l[y->b - 1].len - 1] == ']' && lines <= 30 ? j : u->n;
    }
    return u->n;
}

/* --trace-structure: one line per block, what it became and why. */
static void
trace_unit(struct sz_ectx *c, const struct unit *x, const struct sz_eline *l, int level,
           const char *why)
{
    static const char *const kinds[] = { "text", "heading", "rule", "skipped", "title page",
                                         "contents", "heading line", "figure", "sidenote",
                                         "epigraph" };
    char buf[400];
    const struct sz_eline *f = &l[x->a];
    const char *what = x->kind == U_MERGED && x->why == caption_run_on ? "figure" : kinds[x->kind];
    const struct sz_node *last = sz_node_last(c->parent);
    if (x->kind == U_PARA && last && sz_essay_line(c, last) == f->lineno)
        what = last->kind == SZ_LINEBLOCK ? "verse" : last->kind == SZ_BLOCKQUOTE ? "quotation"
             : last->kind == SZ_BULLETLIST || last->kind == SZ_ORDEREDLIST ? "list"
             : last->kind == SZ_DIV ? "notes label" : last->kind == SZ_CODEBLOCK ? "table"
             : "paragraph";
    else if (x->kind == U_PARA && last && last->kind == SZ_LINEBLOCK && sz_node_last(last) &&
             sz_essay_line(c, sz_node_last(last)) == f->lineno)
        what = "verse";
    /* the line's start, cut at a character boundary */
    size_t n = f->len < 60 ? f->len : 60;
    while (n < f->len && n > 0 && ((unsigned char)f->s[n] & 0xC0) == 0x80)
        n--;
    int m;
    if (level)
        m = snprintf(buf, sizeof buf, "%s:%u: heading %d (%s): %.*s%s",
                     c->file ? c->file : "-", f->lineno, level, why ? why : "", (int)n, f->s,
                     n < f->len ? "..." : "");
    else
        m = snprintf(buf, sizeof buf, "%s:%u: %s (%s): %.*s%s", c->file ? c->file : "-",
                     f->lineno, what, why ? why : "", (int)n, f->s, n < f->len ? "..." : "");
    if (m > 0)
        c->o->trace(c->o->trace_ud, buf);
}

/* Why a heading shape is no heading in a book that sets its sections
** apart with wider gaps (compared by address). */
static const char narrow_gap[] = "heading shape after one blank line, where the book sets "
                                 "sections apart with more";

/* Why an epigraph is one where no blank line closes it. */
static const char run_on_why[] =
    "under a heading, short lines over their source, a name alone on its line or run on "
    "into the text's first line (ЖуковскийВ конце ...): an epigraph";
static const char run_on_second_why[] =
    "under a heading, short lines over a source run on into another short line over a name "
    "of its own (Стрелялись мы. / БаратынскийЯ поклялся ... / Вечер на бивуаке): two epigraphs";

/* An epigraph: a quotation of its quoted lines, then the attribution. */
static void
epigraph(struct sz_ectx *c, struct sz_eline *l, const struct unit *x, const struct layout *lay,
         struct sz_buf *scratch)
{
    struct sz_node *parent = c->parent;
    c->parent = sz_essay_block(c, SZ_BLOCKQUOTE, l[x->a].lineno);
    if (x->split) {
        /* the source run on into the line after it: the source is the
        ** epigraph's, the rest the text's first paragraph or a second
        ** epigraph's quotation */
        size_t g = x->b - 1 - (x->second != 0);
        const struct sz_eline *f = &l[g];
        if (g - x->a >= 2)
            sz_essay_lines_block(c, l, x->a, g, scratch);
        else
            sz_essay_add_inlines(c, sz_essay_block(c, SZ_PARA, l[x->a].lineno), l, x->a, g,
                                 scratch);
        sz_essay_inlines(c, sz_essay_block(c, SZ_PARA, f->lineno), f->s, x->split);
        c->parent = parent;
        if (x->second)
            c->parent = sz_essay_block(c, SZ_BLOCKQUOTE, f->lineno);
        sz_essay_inlines(c, sz_essay_block(c, SZ_PARA, f->lineno), f->s + x->split,
                         f->len - x->split);
        if (x->second)
            sz_essay_add_inlines(c, sz_essay_block(c, SZ_PARA, l[g + 1].lineno), l, g + 1, g + 2,
                                 scratch);
        c->parent = parent;
        return;
    }
    if (c->per_line && x->b - x->a > 2) {
        /* lines that stand one to a line where paragraphs take one each */
        sz_essay_lines_block(c, l, x->a, x->b - 1, scratch);
    } else {
        /* inside the quotation its indentation is the base: no quotation
        ** within it */
        struct layout in = *lay;
        in.indent = l[x->a].indent;
        sz_essay_text_unit(c, l, x->a, x->b - 1, &in, scratch);
    }
    struct sz_node *p = sz_essay_block(c, SZ_PARA, l[x->b - 1].lineno);
    sz_essay_add_inlines(c, p, l, x->b - 1, x->b, scratch);
    c->parent = parent;
}

/* Is unit x an entry of a list that names pages ("Portrait of Franklin
** ....... vii"): a few lines, the last ending in a page number after a
** wide gap or dot leaders? */
static int
page_entry(const struct unit *x, const struct sz_eline *l)
{
    if (x->kind != U_PARA || x->b - x->a > 4)
        return 0;
    const struct sz_eline *z = &l[x->b - 1];
    size_t e = z->len;
    while (e > 0 && ((z->s[e - 1] >= '0' && z->s[e - 1] <= '9') || strchr("ivxlc", z->s[e - 1])))
        e--;
    return e < z->len && z->len - e <= 5 && e >= 3 &&
           (!memcmp(z->s + e - 2, "  ", 2) || !memcmp(z->s + e - 2, "..", 2)) &&
           sz_essay_page_ref(z->s, z->len);
}

/* Is unit k, indented past the running text, a summary under its
** heading rather than a quotation: prose (not verse, which the shape
** tests decide), with no attribution closing it or after it, and
** running text or the next heading after the indented run? */
static int
summary(const struct units *u, size_t k, const struct sz_eline *l, const struct layout *lay)
{
    const struct unit *x = &u->v[k];
    uint32_t base = l[x->a].indent;
    for (size_t i = x->a; i < x->b; i++)
        if (l[i].indent < base)
            base = l[i].indent;
    const struct sz_eline *z = &l[x->b - 1];
    size_t i0 = 0;
    uint32_t q = sz_essay_cp_at(l[x->a].s, l[x->a].len, &i0);
    if (base < lay->indent + 2 || base >= 40 || sz_essay_attribution(z) ||
        (x->b - x->a >= 2 && z->indent >= l[x->b - 2].indent + 4 &&
         sz_essay_count_words(z->s, z->len) <= 5))
        return 0;      /* an epigraph: its attribution closes it, or set to the right */
    if (q == '"' || q == 0x201C || q == 0x2018 || q == 0xAB || q == 0x201E)
        return 0;      /* a quotation in quotation marks */
    size_t j = k + 1;
    while (j < u->n && u->v[j].kind == U_PARA && l[u->v[j].a].indent >= base)
        if (sz_essay_attribution(&l[u->v[j++].a]))
            return 0;
    /* the text proper goes on unindented, or the indented run is the
    ** whole section */
    return j == u->n || u->v[j].kind == U_HEAD ||
           (u->v[j].kind == U_PARA && l[u->v[j].a].indent < lay->indent + 2);
}

void
sz_essay_convention(struct sz_ectx *c, const struct sz_elines *lines)
{
    const struct sz_eline *l = lines->v;
    size_t nonblank = 0, wide = 0;
    for (size_t i = 0; i < lines->n; i++) {
        nonblank += !l[i].blank;
        wide += l[i].cols > LONG_LINE;
    }
    /* One paragraph per line when a good share of the lines are too wide
    ** to be hard-wrapped; otherwise blank lines separate paragraphs. */
    c->per_line = nonblank > 0 && wide * 4 >= nonblank;
}

void
sz_essay_blocks(struct sz_ectx *c, struct sz_elines *lines, size_t from, size_t n, int body)
{
    struct sz_eline *l = lines->v;
    int per_line = c->per_line;
    struct units u = { NULL, 0, 0 };
    size_t gap = 2;
    int text_seen = 0;         /* a line of running text has been met */
    for (size_t i = from; i < n;) {
        if (l[i].blank) {
            i++;
            gap++;
            continue;
        }
        size_t j = i + 1;
        uint32_t split = 0;
        int second = 0, run_on = 0;
        if (per_line) {
            /* (an epigraph's source, named, before the stanza it would
            ** otherwise end) */
            size_t e = body ? sz_essay_run_on_epigraph(l, i, from, n, &split, &second) : i;
            text_seen |= l[i].cols > LONG_LINE;
            if (e > i) {
                j = e + 1 + second;     /* under a heading: short lines over their source */
                run_on = 1;
            } else if (body && (e = sz_essay_stanza_end(l, i, from, n)) > i)
                j = e;     /* a stanza: short lines set apart by blank lines */
            else if (j < n && sz_essay_underline_of(&l[j]) && !sz_essay_is_rule(l[i].s, l[i].len))
                j++;
            else if (body && !text_seen && (e = sz_essay_epigraph_end(l, i, n)) > i)
                j = e;     /* before the text: indented lines over an attribution */
            else if (body && (e = sz_essay_list_run(l, i, n)) > i)
                j = e;     /* items one a line, no blank between: one list */
        } else if (body && j < n && sz_essay_underline_of(&l[j]) &&
                   sz_essay_keyword_rank(l[i].s, l[i].len) != R_NONE) {
            j++;       /* 第五回 underlined, the text straight after */
        } else {
            while (j < n && !l[j].blank)
                j++;
            /* Note texts one under another with no blank line between
            ** ("[1] ...", "[2] ...", "¹ ...", "² ..."): a block each, as
            ** their markers take them. */
            if (body && j - i >= 2 && note_start(&l[i]))
                for (size_t k = i + 1; k < j; k++)
                    if (note_start(&l[k])) {
                        push_apart(&u, i, k, &gap);
                        i = k;
                    }
            /* An underlined chapter line inside a block (第七回 and its
            ** dashes between two paragraphs): a block of its own. */
            for (size_t k = i + 1; body && k + 1 < j; k++)
                if (sz_essay_underline_of(&l[k + 1]) && l[k].width <= 40 &&
                    sz_essay_keyword_rank(l[k].s, l[k].len) != R_NONE) {
                    push_apart(&u, i, k, &gap);
                    push_unit(&u, k, k + 2);
                    i = k + 2;
                    k++;
                }
            /* A chapter line run on to the paragraph before it. */
            if (body && j - i >= 2 && l[j - 1].width <= 40 &&
                sz_essay_keyword_rank(l[j - 1].s, l[j - 1].len) != R_NONE &&
                !(j - i == 2 && sz_essay_keyword_rank(l[i].s, l[i].len) != R_NONE)) {
                /* (not Chapter IV / Fourth Chapter: a chapter line and its title) */
                push_apart(&u, i, j - 1, &gap);
                i = j - 1;
            }
            if (i == j)
                continue;
            /* "----------" / "* This letter was printed ..." / "----------":
            ** rules straight over and under note texts, no blank between,
            ** set the notes apart from the text; each rule is a block of its
            ** own, the notes are judged without them */
            if (body && j - i >= 2 && star_note(&l[i + 1]) && sz_essay_is_rule(l[i].s, l[i].len)) {
                push_apart(&u, i, i + 1, &gap);
                i++;
            }
            if (body && j - i >= 2 && star_note(&l[i]) && sz_essay_is_rule(l[j - 1].s, l[j - 1].len) &&
                !sz_essay_is_rule(l[i].s, l[i].len)) {
                push_apart(&u, i, j - 1, &gap);
                i = j - 1;
            }
            /* a rule across the page straight over a short line, no blank
            ** between ("-----" over INTRODUCTION): the rule closes what
            ** went before, the line stands alone under it */
            if (body && j - i == 2 && l[i + 1].width <= 40 && l[i].width >= 2 * l[i + 1].width &&
                sz_essay_is_rule(l[i].s, l[i].len) && !sz_essay_is_rule(l[i + 1].s, l[i + 1].len)) {
                push_apart(&u, i, i + 1, &gap);
                i++;
            }
            /* a line and a rule well short of it ("says Lowell, in his
            ** Fable for Critics." over "-----------" closing a note):
            ** the rule closes the text, it does not underline a heading */
            if (body && j - i == 2 && sz_essay_underline_of(&l[i + 1]) &&
                l[i + 1].width * 2 < l[i].width) {
                push_apart(&u, i, i + 1, &gap);
                i++;
            }
        }
        push_unit(&u, i, j);
        u.v[u.n - 1].gap = (int)gap;
        if (run_on) {
            u.v[u.n - 1].kind = U_EPIGRAPH;
            u.v[u.n - 1].split = split;
            u.v[u.n - 1].second = second;
            u.v[u.n - 1].why = second ? run_on_second_why : run_on_why;
        }
        gap = 0;
        i = j;
    }

    /* Books that set sections apart with wider gaps. */
    size_t wide_gaps = 0;
    for (size_t k = 1; k < u.n; k++)
        wide_gaps += u.v[k].gap >= 2;
    /* Classify. */
    for (size_t k = 0; k < u.n && body; k++) {
        struct unit *x = &u.v[k];
        struct sz_eline *f = &l[x->a];
        size_t nl = x->b - x->a;
        if (x->kind == U_SIDENOTE || x->kind == U_EPIGRAPH)
            continue;
        size_t sn = sz_essay_sidenote_end(&u, l, k);
        if (sn > k + 1) {
            for (size_t j = k; j < sn; j++) {
                u.v[j].kind = U_SIDENOTE;
                u.v[j].why = "between two of the same mark (♦DEC. 21. / THE SPANIARDS ...♦), "
                             "over blank lines: a margin note";
            }
            continue;
        }
        size_t fe;
        if (figure_tag(f) && l[x->b - 1].s[l[x->b - 1].len - 1] == ']') {
            x->kind = U_FIGURE;
            x->why = "[Illustration] or [Music] block: a transcriber's mark for what the text "
                     "cannot carry";
        } else if (figure_tag(f) && (fe = figure_end(&u, l, k)) < u.n) {
            x->kind = U_FIGURE;
            x->why = "an [Illustration or [Music whose bracket closes blocks further down: the "
                     "caption runs on over its blank lines";
            for (size_t j = k + 1; j <= fe; j++) {
                u.v[j].kind = U_MERGED;
                u.v[j].why = caption_run_on;
            }
            k = fe;
        } else if (sz_essay_sidenote(l, x->a, x->b) && !sz_essay_is_rule(f->s, f->len)) {
            x->kind = U_SIDENOTE;
            x->why = "set between two of the same mark (♦TEXT♦): a margin note";
        } else if (nl == 1 && sz_essay_is_rule(f->s, f->len)) {
            x->kind = U_RULE;
            x->why = "a line of rule marks (* * *, ----)";
        } else if (nl == 2 && sz_essay_underline_of(&l[x->a + 1]) && f->width <= MAX_HEAD_WIDTH) {
            x->kind = U_HEAD;
            x->rank = sz_essay_keyword_rank(f->s, f->len);
            if (x->rank == R_NONE)
                x->rank = sz_essay_underline_of(&l[x->a + 1]) == '=' ? R_SETEXT1 : R_SETEXT2;
            x->why = "a short line underlined with = or -";
        } else if (nl == 2 && f->width <= MAX_HEAD_WIDTH && l[x->a + 1].width <= MAX_HEAD_WIDTH &&
                   (x->rank = sz_essay_keyword_rank(f->s, f->len)) != R_NONE &&
                   !sz_essay_bare_number(f) &&
                   sz_essay_last_cp(l[x->a + 1].s, l[x->a + 1].len) != ',' &&
                   !sz_essay_page_ref(f->s, f->len) &&
                   !sz_essay_page_ref(l[x->a + 1].s, l[x->a + 1].len)) {
            /* CHAPTER 56. Of the Less Erroneous Pictures of Whales, and the
            ** True / Pictures of Whaling Scenes. */
            x->kind = U_HEAD;
            x->why = "a chapter keyword and number with its title wrapped on a second line";
        } else if (nl == 2 && f->width <= MAX_HEAD_WIDTH && sz_essay_bare_number(f) &&
                   ((x->rank = sz_essay_line_rank(f)) == R_CHAPTER || x->rank == R_PART) &&
                   sz_essay_subtitle_line(&l[x->a + 1], sz_essay_line_rank(&l[x->a + 1]))) {
            /* BOOK ONE / THE COMING OF THE MARTIANS, in one block */
            x->kind = U_HEAD;
            x->merge = 2;
            x->why = "a bare chapter line and a title line in one block";
        } else if (nl >= 3 && nl <= 4 && f->width <= MAX_HEAD_WIDTH && sz_essay_bare_number(f) &&
                   ((x->rank = sz_essay_line_rank(f)) == R_CHAPTER || x->rank == R_PART) &&
                   sz_essay_caps_title(l, x->a + 1, x->b)) {
            /* CHAPTER III. / RELATES HOW OLIVER TWIST WAS VERY NEAR ... /
            ** HAVE BEEN A SINECURE: a title in capitals wrapped over lines */
            x->kind = U_HEAD;
            x->merge = 2;
            x->why = "a bare chapter line and a title in capitals wrapped over lines";
        } else if (nl == 1 && sz_essay_atx_level(f)) {
            /* "# Title", "## Section": the marks go, their count ranks */
            int lv = sz_essay_atx_level(f);
            f->s += lv + 1;
            f->len -= (uint32_t)lv + 1;
            f->width -= (uint32_t)lv + 1;
            x->kind = U_HEAD;
            x->rank = lv == 1 ? R_SETEXT1 : lv == 2 ? R_SETEXT2 : R_NUMBERED2;
            x->why = "marked with # (Markdown-style heading)";
        } else if (nl == 1) {
            const char *why;
            x->rank = sz_essay_line_rank_why(f, &why);
            x->why = why ? why : sz_essay_rank_why[x->rank < 0 ? R_COUNT : x->rank];
            /* In a book, a section title stands apart: a title-case line
            ** after a single blank line is a name, a signature, a sign. */
            uint32_t end = sz_essay_last_cp(f->s, f->len);
            if (!per_line && wide_gaps >= 3 && x->gap < 2 &&
                (x->rank == R_TITLE ||
                 (x->rank == R_CAPS && (sz_essay_closes(end) || end == ')')))) {
                x->rank = R_NONE;
                x->why = narrow_gap;
            }
            if (x->rank != R_NONE)
                x->kind = U_HEAD;
        } else {
            x->rank = R_NONE;
        }
    }
    /* Capitals ending in ! or ? after one blank line, among headings in
    ** capitals the text sets after one blank line too (a newspaper's
    ** headlines: HELLO THERE, CENTRAL!): headings like their neighbours.
    ** So is one ending in a full stop (K.M.A.) that the text under it
    ** stands from across a wider gap than its paragraphs take. */
    for (size_t k = 0; k < u.n && body; k++) {
        struct unit *x = &u.v[k];
        const struct sz_eline *f = &l[x->a];
        uint32_t end = sz_essay_last_cp(f->s, f->len);
        /* (K.M.A., initials alone, as a headline among headlines) */
        if ((x->why != narrow_gap && (x->why != sz_essay_initials_why || x->gap >= 2)) ||
            !sz_essay_all_caps(f->s, f->len) ||
            (end != '!' && end != '?' && end != 0x2026 &&
             (f->len < 3 || memcmp(f->s + f->len - 3, "...", 3)) &&
             (end != '.' || f->indent || k + 1 >= u.n || u.v[k + 1].gap < 2)))
            continue;
        size_t p = k, q = k + 1;
        while (p > 0 && k - p < 40 && u.v[p - 1].kind != U_HEAD)
            p--;
        while (q < u.n && q - k < 40 && u.v[q].kind != U_HEAD)
            q++;
        if (p > 0 && q < u.n && u.v[p - 1].kind == U_HEAD && u.v[q].kind == U_HEAD &&
            u.v[p - 1].rank == R_CAPS && u.v[q].rank == R_CAPS && u.v[p - 1].gap < 2 &&
            u.v[q].gap < 2) {
            x->kind = U_HEAD;
            x->rank = R_CAPS;
            x->why = "capitals after one blank line, between headings in capitals set so";
        }
    }
    if (body) {
        sz_essay_numbered_notes(&u, l);
        sz_essay_conventions(&u, l, per_line);
        sz_essay_merge_headings(&u, l);
        if (!c->gutenberg || !sz_meta_get(c->doc, "title"))
            sz_essay_title_block(c, l, &u);
        /* The blank lines after a title block are the title block's, not
        ** a section's: a line between it and running text is judged by its
        ** shape alone. */
        size_t k0 = 0;
        while (k0 < u.n && u.v[k0].kind == U_SKIP)
            k0++;
        if (k0 > 0 && k0 + 1 < u.n && u.v[k0].why == narrow_gap &&
            sz_essay_is_prose(&u, k0 + 1, l)) {
            struct unit *x = &u.v[k0];
            const char *why;
            x->rank = sz_essay_line_rank_why(&l[x->a], &why);
            x->why = why ? why : sz_essay_rank_why[x->rank < 0 ? R_COUNT : x->rank];
            if (x->rank != R_NONE)
                x->kind = U_HEAD;
        }
        sz_essay_bylines(&u, l);
        sz_essay_stanza_numbers(&u, l);
        sz_essay_demote_empty(&u, l, sz_meta_text(c->doc, "title"), sz_meta_text(c->doc, "author"));
        sz_essay_title_page_lines(&u, l);
        sz_essay_join_broken_headings(&u, l);
        for (size_t k = 0; k < u.n / 3 + 8 && k < u.n; k++)
            if (u.v[k].b - u.v[k].a == 1 && u.v[k].kind != U_SKIP &&
                sz_essay_contents_word(&l[u.v[k].a])) {
                sz_essay_contents_headings(&u, k, sz_essay_contents(&u, k, l), l, c->doc->arena);
                break;
            }
        sz_essay_division_lists(&u, l);
        sz_essay_revive_holders(&u);
        sz_essay_front_matter(c, &u, l);
        sz_essay_ditto_contents(&u, l);
        sz_essay_numbered_paragraph_heads(&u, l);
        sz_essay_fix_ranks(&u, l);
        sz_essay_nest_numbers(&u, l);
        sz_essay_nest_keywords(&u, l);
        sz_essay_nest_gaps(&u);
        sz_essay_story_titles(&u, l);
        sz_essay_series_titles(&u, l);
        sz_essay_recurrence(&u, l);
        sz_essay_transcriber_notes(&u, l);
        sz_essay_rank_leaves(&u);
        sz_essay_series_lines(&u, l);
        /* Three entries or more in a row ending in page numbers: a list of
        ** contents or of illustrations the contents pass did not take. */
        for (size_t k = 0; k < u.n;) {
            size_t e = k;
            while (e < u.n && page_entry(&u.v[e], l))
                e++;
            for (size_t j = k; e - k >= 3 && j < e; j++) {
                u.v[j].kind = U_CONTENTS;
                u.v[j].why = "one of three entries or more in a row ending in page numbers: a "
                             "list of contents or illustrations";
            }
            k = e > k ? e : k + 1;
        }
        /* A merged second line goes wherever its heading went. */
        for (size_t k = 0; k + 1 < u.n; k++) {
            struct unit *x = &u.v[k];
            if (x->merge == 1 && x->kind != U_HEAD) {
                x->merge = 0;
                u.v[k + 1].kind = x->kind == U_TITLEPAGE || x->kind == U_CONTENTS ? x->kind
                                                                                 : U_PARA;
            }
        }
    }

    /* Levels: the ranks in use, in rank order (the text's own nesting
    ** may reorder the weak shapes). */
    int level_of[R_COUNT], order[R_COUNT];
    int used[R_COUNT] = { 0 };
    sz_essay_rank_order(&u, order);
    for (size_t k = 0; k < u.n; k++)
        if (u.v[k].kind == U_HEAD)
            used[u.v[k].rank] = 1;
    for (int i = 0, lv = 0; i < R_COUNT; i++)
        level_of[order[i]] = used[order[i]] ? (lv < 6 ? ++lv : 6) : 0;
    if (body) {
        sz_essay_nest_parts(&u, l, level_of);
        sz_essay_nest_half_title(&u, l, level_of, sz_meta_text(c->doc, "title"),
                                 sz_meta_text(c->doc, "author"));
    }

    struct layout lay;
    sz_essay_measure(l, from, n, &lay);
    /* A play: many blocks open with a speaker's name on a line of its own. */
    size_t speeches = 0, blocks = 0;
    for (size_t k = 0; k < u.n && body; k++)
        if (u.v[k].kind == U_PARA && u.v[k].b - u.v[k].a >= 2) {
            blocks++;
            speeches += sz_essay_speaker_line(&l[u.v[k].a]);
        }
    lay.speakers = speeches >= 20 && speeches * 5 >= blocks;
    lay.verse_book = body && !c->per_line && sz_essay_verse_book(&u, l, &lay);
    lay.verse_in = body && !c->per_line ? sz_essay_verse_indent(&u, l, &lay) : 0;
    lay.verse_turn = body && !c->per_line ? sz_essay_verse_turn(&u, l, &lay) : 0;
    lay.para_in = body && !c->per_line ? sz_essay_para_indent(&u, l, &lay) : 0;
    struct sz_enotes nt = { &u, l, 0, NULL, 0, 0, NULL };
    if (body) {
        sz_essay_find_notes(&nt);
        if (nt.ndefs)
            c->notes = &nt;
        c->sup_notes = 0;
        for (size_t d = 0; d < nt.ndefs && !c->sup_notes; d++)
            c->sup_notes = sz_essay_superscript_len(l[u.v[nt.defs[d]].a].s,
                                                    l[u.v[nt.defs[d]].a].len, 0) > 0;
    }
    struct sz_buf scratch = SZ_BUF_INIT;
    struct sz_node *parent = c->parent, *div = NULL;
    int div_kind = -1;
    struct layout sec = lay;
    int after_head = 0;        /* no unindented text since the last heading */
    size_t numbered_to = 0;    /* units before it are numbered paragraphs, */
    const char *numbered_why = NULL;   /* for this reason */
    struct sz_node *made = NULL;   /* the block the unit before made in parent */
    for (size_t k = 0; k < u.n; k++) {
        struct unit *x = &u.v[k];
        struct sz_node *b;
        size_t e;
        const char *why = NULL;
        struct sz_node *prev_made = made, *top = sz_node_last(parent);
        made = NULL;
        nt.cur = k;
        if (c->o->trace)
            for (size_t i = k ? u.v[k - 1].b : 0; i < x->a; i++)
                if (l[i].blank == SZ_ELINE_QUOTE_MARK) {
                    char buf[200];
                    snprintf(buf, sizeof buf, "%s:%u: skipped (a transcriber's mark around a "
                             "block quotation, /# or #/: not text): %s", c->file ? c->file : "-",
                             l[i].lineno, l[i].s[0] == '/' ? "/#" : "#/");
                    c->o->trace(c->o->trace_ud, buf);
                }
        if (k == 0 || x->kind == U_HEAD)
            sz_essay_section_layout(&u, l, k, n, &lay, &sec);
        c->lineno = l[x->a].lineno;
        if (x->kind == U_TITLEPAGE || x->kind == U_CONTENTS) {
            if (div_kind != x->kind) {
                c->parent = parent;
                div = sz_essay_block(c, SZ_DIV, l[x->a].lineno);
                sz_attr_add_class(c->doc, sz_node_attr(c->doc, div),
                                  x->kind == U_TITLEPAGE ? "titlepage" : "contents");
                div_kind = x->kind;
            }
            c->parent = div;
            /* a contents entry's marker repeats its heading's: the note
            ** is the heading's to take */
            struct sz_enotes *notes = c->notes;
            if (x->kind == U_CONTENTS)
                c->notes = NULL;
            sz_essay_lines_block(c, l, x->a, x->b, &scratch);
            c->notes = notes;
            if (c->o->trace)
                trace_unit(c, x, l, 0, x->why);
            continue;
        }
        if ((x->kind == U_PARA || x->kind == U_HEAD) && !x->merge && nt.ndefs &&
            sz_essay_notes_label(&u, k, l)) {
            /* kept, as the label of the notes it stood over: not a
            ** paragraph of the text nor a section */
            c->parent = parent;
            div_kind = -1;
            struct sz_node *d = sz_essay_block(c, SZ_DIV, l[x->a].lineno);
            sz_attr_add_class(c->doc, sz_node_attr(c->doc, d), "notes");
            c->parent = d;
            /* (without its underline, where it has one) */
            size_t lb = x->b - (x->b - x->a == 2 && sz_essay_underline_of(&l[x->a + 1]));
            sz_essay_add_inlines(c, sz_essay_block(c, SZ_PLAIN, l[x->a].lineno), l, x->a, lb,
                                 &scratch);
            c->parent = parent;
            x->kind = U_PARA;
            if (c->o->trace)
                trace_unit(c, x, l, 0, "over note texts that went to their markers: kept as "
                                       "their label");
            continue;
        }
        if (x->kind != U_SKIP && x->kind != U_MERGED) {
            c->parent = parent;
            div_kind = -1;
        }
        if (x->kind == U_HEAD)
            after_head = 1;
        else if (x->kind != U_PARA && x->kind != U_SKIP && x->kind != U_MERGED)
            after_head = 0;
        switch (x->kind) {
        case U_SKIP:
        case U_MERGED:
            break;
        case U_RULE:
            sz_essay_block(c, SZ_HRULE, l[x->a].lineno);
            break;
        case U_FIGURE:
            /* the caption takes the blocks it runs on over, unless the
            ** title page took them */
            e = x->b;
            for (size_t j = k + 1;
                 j < u.n && u.v[j].kind == U_MERGED && u.v[j].why == caption_run_on; j++)
                e = u.v[j].b;
            sz_essay_figure(c, l, x->a, e, &scratch);
            break;
        case U_EPIGRAPH:
            epigraph(c, l, x, &sec, &scratch);
            break;
        case U_SIDENOTE:
            /* not a paragraph of the text: a Div of class sidenote */
            b = sz_essay_block(c, SZ_DIV, l[x->a].lineno);
            sz_attr_add_class(c->doc, sz_node_attr(c->doc, b), "sidenote");
            c->parent = b;
            sz_essay_add_inlines(c, sz_essay_block(c, SZ_PLAIN, l[x->a].lineno), l, x->a, x->b,
                                 &scratch);
            c->parent = parent;
            break;
        case U_HEAD:
            b = sz_essay_block(c, SZ_HEADER, l[x->a].lineno);
            b->level = head_level(x, level_of);
            if (x->merge == 2) {
                sz_essay_inlines(c, b, l[x->a].s, l[x->a].len);
                sz_node_append(b, sz_node_new(c->doc, SZ_LINEBREAK));
                sz_essay_add_inlines(c, b, l, x->a + 1, x->b, &scratch);
            } else if (x->b - x->a >= 2 && !sz_essay_underline_of(&l[x->a + 1])) {
                sz_essay_add_inlines(c, b, l, x->a, x->b, &scratch);
            } else {
                sz_essay_inlines(c, b, l[x->a].s, l[x->a].len);
            }
            /* the title line, and any further lines of a stacked title */
            for (size_t j = k + 1;
                 x->merge == 1 && j < u.n && (j == k + 1 || u.v[j].kind == U_MERGED); j++) {
                sz_node_append(b, sz_node_new(c->doc, SZ_LINEBREAK));
                sz_essay_add_inlines(c, b, l, u.v[j].a, u.v[j].b, &scratch);
            }
            break;
        default:
            if (x->why == sz_essay_cast_why && x->b - x->a >= 2) {
                sz_essay_lines_para(c, l, x->a, x->b, &scratch);
                break;
            }
            if (x->stanza_no) {
                sz_essay_verse_lines(c, l, x->a, x->b, l[x->a].indent);
                break;
            }
            if (prev_made && prev_made->kind == SZ_PARA && prev_made == sz_node_last(parent) &&
                sz_essay_signed_apart(&u, k, l)) {
                /* the closing's paragraph and the name: a line block of two */
                struct sz_node *lb = sz_node_new(c->doc, SZ_LINEBLOCK),
                               *l1 = sz_node_new(c->doc, SZ_LINE),
                               *l2 = sz_node_new(c->doc, SZ_LINE);
                sz_essay_set_line(c, lb, l[u.v[k - 1].a].lineno);
                sz_essay_set_line(c, l1, l[u.v[k - 1].a].lineno);
                sz_node_append_children(l1, prev_made);
                sz_essay_set_line(c, l2, l[x->a].lineno);
                sz_essay_add_inlines(c, l2, l, x->a, x->b, &scratch);
                sz_node_append(lb, l1);
                sz_node_append(lb, l2);
                sz_node_replace(prev_made, lb);
                x->why = "a name alone on the last line, a blank line under a closing left "
                         "open with a comma (With love, / Margaret): the letter's signature, "
                         "kept with its closing as its lines";
                break;
            }
            if (prev_made && prev_made->kind == SZ_LINEBLOCK && prev_made == sz_node_last(parent) &&
                sz_essay_poem_attribution(&u, k, l)) {
                /* the poem's last lines, after a blank one, as print sets
                ** them: a line block keeps both */
                struct sz_node *lb = sz_node_last(c->parent), *ln = sz_node_new(c->doc, SZ_LINE);
                sz_node_append(lb, ln);
                ln = sz_node_new(c->doc, SZ_LINE);
                sz_essay_set_line(c, ln, l[x->a].lineno);
                sz_essay_inlines(c, ln, l[x->a].s, l[x->a].len);
                sz_node_append(lb, ln);
                x->why = "a name alone under a stanza where the poem ends: the poem's "
                         "attribution, its last line";
                break;
            }
            if (!c->per_line && k >= numbered_to &&
                (e = sz_essay_loose_list(c, &u, l, k, &numbered_why, &scratch)) > k) {
                if (!numbered_why) {
                    k = e - 1;
                    x->why = "items of a list with blank lines between";
                    break;
                }
                numbered_to = e;
            }
            if (!c->per_line && (e = sz_essay_unmarked_list(c, &u, l, k, &sec, &scratch)) > k) {
                k = e - 1;
                x->why = "three lines or more in a row, one blank line apart, after a "
                         "paragraph ending in a colon: the items of a list without markers";
                break;
            }
            if (!c->per_line && sz_essay_lone_verse_line(&u, k, l, &sec)) {
                sz_essay_verse_lines(c, l, x->a, x->b, l[x->a].indent);
                x->why = "one line alone between paragraphs, set in where the text quotes its "
                         "verse: a line of verse quoted";
                break;
            }
            if (!c->per_line && sz_essay_rhymed_line(&u, k, l, &sec)) {
                sz_essay_verse_lines(c, l, x->a, x->b, l[x->a].indent);
                x->why = "one line short of the measure that rhymes with the first line of the "
                         "block of short lines a few blocks below, past talk (charming / arming): a line "
                         "of the song quoted alone";
                break;
            }
            if (!c->per_line && after_head && sz_essay_motto(&u, k, l, &sec)) {
                uint32_t base = l[x->a].indent;
                for (size_t i = x->a + 1; i < x->b; i++)
                    base = l[i].indent < base ? l[i].indent : base;
                sz_essay_verse_lines(c, l, x->a, x->b, base);
                x->why = "lines short of the measure straight under a heading, over a line "
                         "naming who wrote them (—Crébillon's Xerxes.): the section's motto, "
                         "verse";
                if (u.v[k + 1].kind == U_HEAD) {
                    u.v[k + 1].kind = U_PARA;
                    u.v[k + 1].why = "a dash and a name under a motto: who wrote it, not a "
                                     "heading";
                }
                break;
            }
            if (after_head && !sec.set_in && summary(&u, k, l, &sec)) {
                /* indented under its heading, before the text proper: a
                ** chapter's summary or argument, set in smaller type in
                ** print; the section's own text, not a quotation */
                struct layout in = sec;
                in.indent = l[x->a].indent;
                for (size_t i = x->a; i < x->b; i++)
                    if (l[i].indent < in.indent)
                        in.indent = l[i].indent;
                why = sz_essay_text_unit(c, l, x->a, x->b, &in, &scratch);
                if (!strcmp(why, "running text"))
                    why = "indented under its heading, before the text: the section's summary";
                break;
            }
            after_head = 0;
            why = sz_essay_text_unit(c, l, x->a, x->b, &sec, &scratch);
            if (why == sz_essay_para_in_why)
                x->why = why;
            if (k < numbered_to && sz_node_last(c->parent) != top &&
                sz_node_last(c->parent)->kind == SZ_PARA)
                x->why = numbered_why;
            break;
        }
        if (c->parent == parent && sz_node_last(parent) != top)
            made = sz_node_last(parent);
        /* a line of a text written one paragraph per line made a quotation
        ** says why it is one */
        if (c->o->trace && c->per_line && made && made->kind == SZ_BLOCKQUOTE && why &&
            x->why == sz_essay_rank_why[R_COUNT])
            x->why = why;
        if (c->o->trace)
            trace_unit(c, x, l, x->kind == U_HEAD ? head_level(x, level_of) : 0,
                       x->why ? x->why : why);
    }
    c->parent = parent;
    c->notes = NULL;
    c->sup_notes = 0;
    if (nt.unmatched > 10)
        sz_diag_add(&c->doc->diags, SZ_WARNING, 0, c->file, 0, 0, -1,
                    "%zu footnote markers in all have no note text", nt.unmatched);
    free(nt.defs);
    free(nt.bylab);
    sz_buf_free(&scratch);
    free(u.v);
}
