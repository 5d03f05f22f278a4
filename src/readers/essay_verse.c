/*
** essay_verse.c
** Verse or prose, told by where a block's lines break.  Hard-wrapped prose
** breaks a line only where the next word would not fit, so its lines fill
** the measure and most carry on in lower case; verse breaks where its line
** ends: with room left, often at a stop, before a capital.  Line length
** alone misses verse whose lines nearly fill the measure (long-lined songs,
** a book of sonnets, a play in blank verse, where verse sets the measure).
** See LICENSE.
*/
#define _GNU_SOURCE   /* memmem */
#include <string.h>
#include <utf8proc.h>

#include "readers/essay_units.h"

static int
is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';   /* ASCII's only Ll, without a call */
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* The first letter of a line past opening quotes, brackets, dashes and
** emphasis marks; 0 when a digit or a space comes first. */
static uint32_t
start_letter(const struct sz_eline *l)
{
    size_t i = 0;
    while (i < l->len) {
        uint32_t cp = sz_essay_cp_at(l->s, l->len, &i);
        if (sz_essay_is_letter(cp))
            return cp;
        if ((cp >= '0' && cp <= '9') || cp == ' ' || cp == '\t')
            return 0;
    }
    return 0;
}

static uint32_t
first_word_width(const struct sz_eline *l)
{
    size_t i = 0;
    uint32_t w = 0;
    while (i < l->len && l->s[i] != ' ' && l->s[i] != '\t') {
        sz_essay_cp_at(l->s, l->len, &i);
        w++;
    }
    return w;
}

/* Every rule that asks for a block's shape wants no line in it opening in
** lower case and four in five or more opening with a capital, so the
** counts stop where the block can no longer be verse: at the first line
** in lower case (lows is then 1), or at the line that leaves too few
** capitals (caps, against breaks, then falls short of four in five).  A
** block of prose, or of a script without capitals, is told from its
** first lines, not measured to its end. */
void
sz_essay_block_shape(const struct sz_eline *l, size_t a, size_t b, uint32_t wide,
                     struct shape *sh)
{
    memset(sh, 0, sizeof *sh);
    size_t uncapped = 0, all = b > a ? b - a - 1 : 0;
    for (size_t i = a; i < b; i++) {
        uint32_t end = sz_essay_last_cp(l[i].s, l[i].len);
        /* "Chapter IV ....... 37", "For a hoe ..... $ 0.54" */
        sh->numbered += end >= '0' && end <= '9' && memchr(l[i].s, ' ', l[i].len) != NULL;
        if (i + 1 == b)
            break;
        uint32_t next = start_letter(&l[i + 1]);
        if (is_lower(next)) {
            sh->lows = 1;
            return;
        }
        sh->breaks++;
        if (sz_essay_is_upper(next))
            sh->caps++;
        else if (++uncapped * 5 > all)
            return;
        uint32_t w = l[i].width + l[i].indent;
        sh->room += w + 1 + first_word_width(&l[i + 1]) <= wide;
        sh->shorts += w * 4 < wide * 3;
        sh->stops += sz_essay_closes(end) || end == ')' || end == ']';
    }
}

/* Is line t the end of the line above it turned over: set in past the
** block's margin by two columns or more, deeper than the line above, which
** leaves no room within the wrap width for its first word (give or take
** TURN_SLACK columns: the width is a percentile of the text's lines)?  Print turns a
** verse line too long for the measure over onto a line of its own, set
** deeper ("Finding my occupation, poverty, notoriety, foibles, crimes,
** less / important than I thought,"); the turnover may open with a name
** ("the vast valley of the / Mississippi,"). */
#define TURN_SLACK 6

static int
turned(const struct sz_eline *above, const struct sz_eline *t, uint32_t base, uint32_t wrap)
{
    return t->indent >= base + 2 && t->indent > above->indent &&
           above->indent + above->width + 1 + first_word_width(t) + TURN_SLACK > wrap;
}

/* The shape of lines [a, b) read as verse lines, each with the ends
** turned over under it (see turned: past the wrap width) joined on: where
** the line ends is where its last turnover ends, measured against wide.
** Returns how many such lines there are; 0 when no turnover carries on in
** lower case (a line set deeper with a capital may be a line of its own),
** when the turnovers are set at more than one indentation, or when a line
** not turned over is set in (a note's hanging indent sets all its lines
** after the first in; a section's number over the lines is passed over). */
static int stanza_number(const struct sz_eline *f);

size_t
sz_essay_turned_shape(const struct sz_eline *l, size_t a, size_t b, uint32_t wrap,
                      uint32_t wide, struct shape *sh)
{
    memset(sh, 0, sizeof *sh);
    uint32_t base = l[a].indent, deep = 0;
    for (size_t i = a; i < b; i++)
        if (l[i].indent < base)
            base = l[i].indent;
    /* a section's number set in over its first lines ("       1" over
    ** "  Starting from fish-shape Paumanok ...") is no line of them */
    if (b - a >= 3 && l[a].indent > base && stanza_number(&l[a]))
        a++;
    size_t lines = 0, lower = 0;
    for (size_t i = a; i < b;) {
        if (l[i].indent != base)
            return 0;
        size_t j = i + 1;
        for (; j < b && turned(&l[j - 1], &l[j], base, wrap); j++) {
            if (deep && l[j].indent != deep)
                return 0;
            deep = l[j].indent;
            lower += is_lower(start_letter(&l[j]));
        }
        lines++;
        const struct sz_eline *last = &l[j - 1];
        uint32_t end = sz_essay_last_cp(last->s, last->len);
        sh->numbered += end >= '0' && end <= '9';
        if (j < b) {
            uint32_t next = start_letter(&l[j]);
            if (is_lower(next)) {
                sh->lows = 1;
                return 0;
            }
            sh->breaks++;
            sh->caps += sz_essay_is_upper(next);
            uint32_t w = last->width + last->indent;
            sh->room += w + 1 + first_word_width(&l[j]) <= wide;
            sh->shorts += w * 4 < wide * 3;
            sh->stops += sz_essay_closes(end) || end == ')' || end == ']';
        }
        i = j;
    }
    sh->turn = deep ? deep - base : 0;
    return lower ? lines : 0;
}

/* Lines short of the text's wrap width may still be wrapped prose: a
** note or a passage wrapped at a narrower measure of its own.  Two
** lines or more, none but the last leaving room within the block's own
** widest line for the next line's first word (and a few columns more: a
** ragged wrap), and half the lines after
** the first or more carrying on in lower case, half the lines or fewer
** ending at a stop or a comma ("And he might have coupled with this line
** that / which he has coupled with another, I think, / less properly,"):
** a wrap, not a line end chosen.  Verse in lower case ends its lines at
** its pauses ("Mata un desdén, atierra la paciencia, / o verdadera o
** falsa, una sospecha;").  Returns 1 for such prose, -1 when a word is
** broken at a line's end (see below), 0 otherwise.  The measure
** is one prose is wrapped at; verse of short lines that open in lower
** case (octosyllables: "Ven, muerte, tan escondida / que no te sienta
** venir,") fills a narrower one, and the lines of prose hold words. */
#define PROSE_MEASURE 40
#define OWN_SLACK 8

/* Two lines opening with the same word are a pair set one over the other
** (a correction: the line as printed over the line amended): neither the
** prose nor the verse reading below takes them. */
static int
same_first_word(const struct sz_eline *l, size_t a)
{
    const char *s1 = memchr(l[a].s, ' ', l[a].len), *s2 = memchr(l[a + 1].s, ' ', l[a + 1].len);
    size_t n1 = s1 ? (size_t)(s1 - l[a].s) : l[a].len;
    size_t n2 = s2 ? (size_t)(s2 - l[a + 1].s) : l[a + 1].len;
    return n1 == n2 && memcmp(l[a].s, l[a + 1].s, n1) == 0;
}

int
sz_essay_own_measure_prose(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a < 2)
        return 0;
    uint32_t m = 0;
    for (size_t i = a; i < b; i++)
        if (l[i].indent + l[i].width > m)
            m = l[i].indent + l[i].width;
    if (m < PROSE_MEASURE)
        return 0;
    if (b - a == 2 && same_first_word(l, a))
        return 0;
    size_t lows = 0, stops = 0;
    int broken = 0;
    for (size_t i = a; i + 1 < b; i++) {
        uint32_t end = sz_essay_last_cp(l[i].s, l[i].len);
        stops += sz_essay_closes(end) && end != '-';
        /* (a line of one or two words is a name, an address, a cipher) */
        if (l[i].indent + l[i].width + 1 + first_word_width(&l[i + 1]) + OWN_SLACK <= m ||
            sz_essay_count_words(l[i].s, l[i].len) < 3)
            return 0;
        uint32_t next = start_letter(&l[i + 1]);
        /* a word broken at the line's end ("re- / gret") is a page copied
        ** line for line, its breaks the printer's: kept as they stand */
        if (end == '-' && is_lower(next) && l[i].len >= 2 && l[i].s[l[i].len - 2] != '-' &&
            l[i].s[l[i].len - 2] != ' ')
            broken = 1;
        lows += is_lower(next);
    }
    if (lows * 2 < b - a - 1 || stops * 2 > b - a - 1)
        return 0;
    return broken ? -1 : 1;
}

/* Does a line of [a, b) break where wrapped prose does: ending on a word,
** without room for the next line's first word within the text's wrap
** width, the next line carrying the sentence on in lower case no deeper
** than it ("     8.  It is the rule in war, if our forces are ten to the /
** enemy's one, to surround him;"), at the block's margin?  Verse breaks
** where its line ends, and a line of verse too long for the measure turns
** over set deeper.  Returns how many such breaks: one in three or more,
** and the short lines around them are the ends of paragraphs, not verse
** (a stanza may run one line into the next as prose would).  *opens
** counts those whose line is set in as far as the text sets in the first
** lines of its paragraphs (lay->para_in): a paragraph opening, whatever
** the lines around it. */
size_t
sz_essay_wrapped_breaks(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay,
                        size_t *opens)
{
    uint32_t base = l[a].indent;
    for (size_t i = a + 1; i < b; i++)
        if (l[i].indent < base)
            base = l[i].indent;
    size_t n = 0;
    *opens = 0;
    for (size_t i = a; i + 1 < b; i++) {
        uint32_t end = sz_essay_last_cp(l[i].s, l[i].len);
        int w = sz_essay_is_letter(end) && l[i + 1].indent == base &&
                l[i].indent + l[i].width + 1 + first_word_width(&l[i + 1]) > lay->wrap &&
                is_lower(start_letter(&l[i + 1]));
        n += w;
        *opens += w && lay->para_in && l[i].indent == lay->para_in && l[i].indent > base;
    }
    return n;
}

/* Four lines or more, every one after the first opening with a capital,
** none in lower case, not a list of numbered entries; and either most
** ending with room for the next word (and some at a stop), or nearly all
** at a stop (a book of poems, whose verse is the measure itself).  Prose
** rarely starts three lines running with capitals, and never leaves room
** at the end of most. */
int
sz_essay_verse_by_starts(const struct shape *sh)
{
    if (sh->breaks < 3 || sh->lows || sh->caps * 5 < sh->breaks * 4 ||
        sh->numbered * 2 > sh->breaks)
        return 0;
    return (sh->room * 2 >= sh->breaks && sh->stops * 3 >= sh->breaks &&
            (sh->room + sh->stops) * 3 >= sh->breaks * 2) ||
           (sh->breaks >= 4 && sh->stops * 4 >= sh->breaks * 3);
}

/* The lines of a speech (under its speaker's name) are verse when every one
** after the first opens with a capital and most end with room or at a
** stop; two lines need the first well short of the measure, since one
** line ending a sentence before a capital is common in prose. */
int
sz_essay_verse_speech(const struct shape *sh)
{
    if (sh->breaks < 1 || sh->lows || sh->caps < sh->breaks || sh->numbered * 2 > sh->breaks)
        return 0;
    if (sh->breaks == 1)
        return sh->shorts == 1;
    return (sh->room + sh->stops) * 2 >= sh->breaks + 1;
}

/* Verse by either rule of the running text: most lines short, or lines
** opening with capitals and breaking with room or at stops. */
static int
firm_verse(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay)
{
    size_t shorts = 0;
    for (size_t i = a; i + 1 < b; i++)
        shorts += (l[i].width + l[i].indent) * 4 < lay->wrap * 3;
    if (b - a >= 2 && shorts >= 1 && shorts * 2 >= b - a - 1)
        return 1;
    struct shape sh;
    sz_essay_block_shape(l, a, b, lay->wide, &sh);
    return sz_essay_verse_by_starts(&sh);
}

/* Two lines that could be a couplet: the second opens with a capital,
** both end at a stop, and the first leaves room for the second's first
** word within the measure of prose (wrapped prose would have taken it:
** the widest lines', as the stanzas are measured, since in a book mostly
** of verse the usual width is the verse's own) and is not much longer
** than the second. */
static int
couplet(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay)
{
    struct shape sh;
    if (b - a != 2)
        return 0;
    sz_essay_block_shape(l, a, b, lay->wide, &sh);
    uint32_t end = sz_essay_last_cp(l[a + 1].s, l[a + 1].len);
    return sh.caps == 1 && sh.room && sh.stops && !sh.numbered &&
           (sz_essay_closes(end) || end == ')' || end == ']') &&
           l[a + 1].width * 2 >= l[a].width;
}

/* The blank-line separated block before line a (dir < 0) or from line a
** on (dir > 0), within [lay->from, lay->to); 0 when there is none. */
static int
next_block(const struct sz_eline *l, size_t a, int dir, const struct layout *lay, size_t *pa,
           size_t *pb)
{
    size_t i = a;
    if (dir < 0) {
        while (i > lay->from && l[i - 1].blank)
            i--;
        if (i == lay->from)
            return 0;
        *pb = i;
        while (i > lay->from && !l[i - 1].blank)
            i--;
        *pa = i;
    } else {
        while (i < lay->to && l[i].blank)
            i++;
        if (i == lay->to)
            return 0;
        *pa = i;
        while (i < lay->to && !l[i].blank)
            i++;
        *pb = i;
    }
    return 1;
}

/* A couplet among stanzas: two long lines that could be verse or prose are
** verse when, through a run of such couplets, a stanza stands next to
** them ("Will you walk a little faster?" said a whiting to a snail. /
** "There's a porpoise close behind us, and he's treading on my tail.). */
int
sz_essay_couplet_among_verse(const struct sz_eline *l, size_t a, size_t b,
                             const struct layout *lay)
{
    if (!couplet(l, a, b, lay))
        return 0;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t pa = a, pb = b;
        for (int k = 0; k < SZ_ESSAY_COUPLET_RUN; k++) {
            if (!next_block(l, dir < 0 ? pa : pb, dir, lay, &pa, &pb))
                break;
            if (firm_verse(l, pa, pb, lay))
                return 1;
            if (!couplet(l, pa, pb, lay))
                break;
        }
    }
    return 0;
}

static int next_block(const struct sz_eline *l, size_t a, int dir, const struct layout *lay,
                      size_t *pa, size_t *pb);

/* Room a line of prose would not leave: wrapped prose takes the next word
** when it fits, and a quotation's measure is seldom much narrower than
** the text's. */
#define COUPLET_SLACK 4

/* Two lines set in together past the running text, as a quotation would
** be, are a couplet when they could be one (see couplet) and the first
** ends well before the measure: "Therefore to French I speake and give
** direction, / For English Dames will live in no subjection." */
int
sz_essay_indented_couplet(const struct sz_eline *l, size_t a, size_t b,
                          const struct layout *lay)
{
    if (b - a != 2 || !couplet(l, a, b, lay))
        return 0;
    uint32_t ia = l[a].indent, ib = l[a + 1].indent;
    if ((ia > ib ? ia - ib : ib - ia) > 1)
        return 0;
    if (l[a].indent + l[a].width + 1 + first_word_width(&l[a + 1]) + COUPLET_SLACK >
        lay->wrap)
        return 0;
    /* a pair among pairs set in alike that are no couplets is one more of
    ** them: a list of corrections, the original line over the amended */
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t pa, pb;
        if (next_block(l, dir < 0 ? a : b, dir, lay, &pa, &pb) && pb - pa == 2 &&
            l[pa].indent + 1 >= ia && l[pa].indent <= ia + 1 && !couplet(l, pa, pb, lay))
            return 0;
    }
    return 1;
}

/* Does line i stand under a title: a short line over one blank line
** above it, itself after a blank line? */
static int
under_title(const struct sz_eline *l, size_t i, size_t from)
{
    return i >= from + 3 && l[i - 1].blank && !l[i - 2].blank && l[i - 3].blank &&
           l[i - 2].cols <= 60 && !sz_essay_closes(sz_essay_last_cp(l[i - 2].s, l[i - 2].len));
}

/* In a text written one paragraph per line, a stanza is a run of short
** lines set apart by blank lines: each opens with a capital, half or more
** end at a stop, none is a chapter line, a rule or an underline, and the
** first has no heading shape.  Returns the end of the run starting at
** line i, or i when it is not one. */
size_t
sz_essay_stanza_end(const struct sz_eline *l, size_t i, size_t from, size_t n)
{
    if (i > from && !l[i - 1].blank)
        return i;
    size_t j = i;
    while (j < n && !l[j].blank && l[j].cols <= LONG_LINE)
        j++;
    /* the run may stop at a paragraph straight under it, set apart below
    ** by a blank line as the text's paragraphs are, or under a title: an
    ** epigraph over a story's first paragraph, its attribution run into
    ** it ("Не зрим ли каждый день гробов, / Седин дряхлеющей вселенной? /
    ** ДержавинПоследние пожитки ...") */
    if (j < n && !l[j].blank &&
        !(j - i >= 2 && ((j + 1 == n || l[j + 1].blank) || under_title(l, i, from))))
        return i;
    if (j - i < 2 || j - i > SZ_ESSAY_STANZA_LINES)
        return i;
    size_t stops = 0;
    for (size_t k = i; k < j; k++) {
        uint32_t end = sz_essay_last_cp(l[k].s, l[k].len);
        if (l[k].width > 80 || sz_essay_keyword_rank(l[k].s, l[k].len) != R_NONE ||
            sz_essay_is_rule(l[k].s, l[k].len) || sz_essay_underline_of(&l[k]))
            return i;
        stops += sz_essay_closes(end) || end == ')' || end == ']';
    }
    struct shape sh;
    sz_essay_block_shape(l, i, j, 80, &sh);
    uint32_t end = sz_essay_last_cp(l[i].s, l[i].len);
    if (sh.lows || sh.caps < sh.breaks || stops * 2 < j - i || sh.numbered * 2 > j - i ||
        !sz_essay_is_upper(start_letter(&l[i])) ||
        (sz_essay_line_rank(&l[i]) != R_NONE && !sz_essay_closes(end)))
        return i;
    return j;
}

/* Words a poem's attribution has at most ("Henry Kirke White.", "F. O. H."). */
#define POEM_BY_WORDS 5

/* Is unit k, after the stanza of unit k - 1, the name of the poem's author
** or source set under it ("Eliza Cook.", "Old Ballad.", "-- Longfellow"):
** one short line in title case or after a dash, one blank line under the
** stanza, not ending as a sentence runs on, where the poem ends (more
** blank lines, a heading, a rule or the end after it)? */
int
sz_essay_poem_attribution(const struct units *u, size_t k, const struct sz_eline *l)
{
    const struct unit *x = &u->v[k];
    if (k == 0 || x->kind != U_PARA || x->b - x->a != 1 || x->gap != 1)
        return 0;
    const struct sz_eline *f = &l[x->a];
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    /* (not a chapter line, a heading in capitals, a publisher's place) */
    if (f->width > 40 || sz_essay_count_words(f->s, f->len) > POEM_BY_WORDS || end == ',' ||
        end == ';' || end == '?' || end == '!' || memchr(f->s, ':', f->len) ||
        sz_essay_keyword_rank(f->s, f->len) != R_NONE || sz_essay_all_caps(f->s, f->len) ||
        l[u->v[k - 1].a].indent > f->indent + 8 ||
        !(sz_essay_attribution(f) || sz_essay_title_case(f->s, f->len)))
        return 0;
    if (k + 1 == u->n)
        return 1;
    const struct unit *y = &u->v[k + 1];
    return y->gap >= 2 || y->kind == U_HEAD || y->kind == U_RULE;
}

/* Blocks of text a book needs for its own share of verse to count. */
#define VERSE_BOOK_BLOCKS 8

/* Is the text a book of poems: of its blocks of two lines or more, most
** are verse by the rules of the running text?  Where verse is the rule,
** a block whose lines all open with capitals is verse even when its lines
** are as long as the longest (hexameters, which set the measure). */
int
sz_essay_verse_book(const struct units *u, const struct sz_eline *l, const struct layout *lay)
{
    /* Count the blocks first (cheap), so that a book of prose stops being
    ** asked at its first block of prose too many, not after its last. */
    size_t blocks = 0, prose = 0;
    for (size_t k = 0; k < u->n; k++)
        blocks += u->v[k].kind == U_PARA && u->v[k].b - u->v[k].a >= 2;
    if (blocks < VERSE_BOOK_BLOCKS)
        return 0;
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_PARA || x->b - x->a < 2)
            continue;
        if (!firm_verse(l, x->a, x->b, lay) && ++prose * 3 > blocks)
            return 0;
    }
    return 1;
}

/* Blocks of verse with turnovers a text needs set one depth deeper for
** that depth to be how it turns its long verse lines over. */
#define VERSE_TURN_BLOCKS 20
/* Depths past which turnovers are not counted. */
#define VERSE_TURN_MAX 24

/* How much deeper the text sets the end of a verse line too long for the
** measure: of its blocks that are verse with turnovers by the rules of
** the running text (sz_essay_turned_shape, sz_essay_verse_by_starts), the
** first depth VERSE_TURN_BLOCKS of them take (Leaves of Grass sets its
** lines at two columns and their turnovers at six).  0 when the text has
** no such convention. */
uint32_t
sz_essay_verse_turn(const struct units *u, const struct sz_eline *l, const struct layout *lay)
{
    size_t at[VERSE_TURN_MAX] = { 0 };
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_PARA || x->b - x->a < 3)
            continue;
        /* (most blocks set no line deeper than the one above it, or only
        ** their first: no turnover) */
        size_t i = x->a + 2;
        while (i < x->b && l[i].indent <= l[i - 1].indent + 1)
            i++;
        if (i == x->b)
            continue;
        struct shape tsh;
        if (sz_essay_turned_shape(l, x->a, x->b, lay->wrap, lay->wide, &tsh) >= 2 &&
            sz_essay_verse_by_starts(&tsh) && tsh.turn < VERSE_TURN_MAX &&
            ++at[tsh.turn] == VERSE_TURN_BLOCKS)
            return tsh.turn;   /* (the convention is plain: the rest need not be asked) */
    }
    return 0;
}

/* Quoted blocks of verse a text needs at one indentation for that
** indentation to be where it quotes verse. */
#define VERSE_IN_BLOCKS 3
/* Lines a quoted block needs to count: fewer are as often an address,
** a date line or a signature set in as a couplet. */
#define VERSE_IN_LINES 3
/* Indentations past which quotations are not counted (centred lines). */
#define VERSE_IN_MAX 40

/* The indentation a text quotes its verse at: of its blocks of two lines
** or more set in past the running text, the indentation most of them
** take that are verse by the rules of the running text, provided it
** holds at least VERSE_IN_BLOCKS of them and more verse than prose there
** (a text that sets its letters in as far as its verse has no such
** convention).  0 when there is none. */
uint32_t
sz_essay_verse_indent(const struct units *u, const struct sz_eline *l, const struct layout *lay)
{
    size_t verse[VERSE_IN_MAX] = { 0 }, prose[VERSE_IN_MAX] = { 0 };
    for (size_t k = 0; k < u->n; k++) {
        const struct unit *x = &u->v[k];
        if (x->kind != U_PARA || x->b - x->a < VERSE_IN_LINES)
            continue;
        uint32_t base = l[x->a].indent;
        for (size_t i = x->a + 1; i < x->b; i++)
            if (l[i].indent < base)
                base = l[i].indent;
        if (base < lay->indent + 2 || base >= VERSE_IN_MAX)
            continue;
        /* (a passage wrapped narrower, or a page copied line for line,
        ** is no verse however short its lines) */
        if (firm_verse(l, x->a, x->b, lay) && !sz_essay_own_measure_prose(l, x->a, x->b))
            verse[base]++;
        else
            prose[base]++;
    }
    uint32_t best = 0;
    for (uint32_t d = 1; d < VERSE_IN_MAX; d++)
        if (verse[d] > verse[best])
            best = d;
    return verse[best] >= VERSE_IN_BLOCKS && verse[best] > prose[best] ? best : 0;
}

/* Words a lone quoted line needs to be a line of verse, not a name, a
** date or a heading. */
#define LONE_WORDS 3

/* Is unit k one line set in as far as the text quotes its verse or
** further, alone between two blocks of running text (not entries opening
** with a number, under which it would be a note) ("Not long since I was
** present at the auction of a deacon's effects ...:-- / "The evil that
** men do lives after them." / As usual, ..."): a line of verse quoted,
** as the stanzas the text sets in so far are?  It opens with a capital,
** holds three words or more, no figure and no gap between columns, is
** not in capitals nor in title case (a caption, a heading; "List! List!
** O List!" is a cry), and does not end at a colon (a line leading into
** what follows: a salutation, a heading). */
int
sz_essay_lone_verse_line(const struct units *u, size_t k, const struct sz_eline *l,
                         const struct layout *lay)
{
    const struct unit *x = &u->v[k];
    if (!lay->verse_in || x->kind != U_PARA || x->b - x->a != 1 || k == 0 || k + 1 >= u->n)
        return 0;
    const struct sz_eline *f = &l[x->a];
    if (f->indent + 1 < lay->verse_in || f->indent >= VERSE_IN_MAX)
        return 0;
    for (int d = -1; d <= 1; d += 2) {
        const struct unit *y = &u->v[k + (size_t)d];
        if (y->kind != U_PARA || l[y->a].indent > lay->indent + 1 ||
            l[y->b - 1].indent > lay->indent + 1 || l[y->a].indent + 2 > f->indent ||
            l[y->b - 1].indent + 2 > f->indent || (l[y->a].len && l[y->a].s[0] >= '0' &&
                                                     l[y->a].s[0] <= '9'))
            return 0;
    }
    uint32_t end = sz_essay_last_cp(f->s, f->len);
    if (end == ':' || f->s[0] == '[' || !sz_essay_is_upper(start_letter(f)) ||
        sz_essay_all_caps(f->s, f->len) || sz_essay_count_words(f->s, f->len) < LONE_WORDS ||
        (end != '!' && end != '?' && sz_essay_title_case(f->s, f->len)))
        return 0;
    for (size_t i = 0; i < f->len; i++)
        if ((f->s[i] >= '0' && f->s[i] <= '9') || f->s[i] == '{' ||
            (f->s[i] == ' ' && i + 1 < f->len && f->s[i + 1] == ' '))
            return 0;
    return 1;
}

/* Is s[i] the start of a mark of U+2000-U+203F (quotes, dashes)? */
static int
general_punct(const char *s, size_t i, size_t n)
{
    return i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80;
}

/* The last word of a line, its letters folded to lower case (ASCII) and
** copied to w (at most cap bytes), past closing stops, quotes and dashes:
** its length. */
static size_t
last_word(const struct sz_eline *f, char *w, size_t cap)
{
    size_t e = f->len;
    for (;;) {
        if (e >= 3 && general_punct(f->s, e - 3, f->len))
            e -= 3;
        else if (e > 0 && (unsigned char)f->s[e - 1] < 0x80 &&
                 !(((unsigned char)f->s[e - 1] | 0x20) >= 'a' &&
                   ((unsigned char)f->s[e - 1] | 0x20) <= 'z'))
            e--;
        else
            break;
    }
    size_t a = e;
    while (a > 0 && !(a >= 3 && general_punct(f->s, a - 3, f->len)) &&
           ((unsigned char)f->s[a - 1] >= 0x80 ||
            (((unsigned char)f->s[a - 1] | 0x20) >= 'a' &&
             ((unsigned char)f->s[a - 1] | 0x20) <= 'z')))
        a--;
    if (e - a > cap)
        return 0;
    for (size_t i = a; i < e; i++)
        w[i - a] = (char)((unsigned char)f->s[i] < 0x80 ? f->s[i] | 0x20 : f->s[i]);
    return e - a;
}

/* Bytes two lines may open with alike and still rhyme. */
#define RHYME_SAME 12

/* Do two lines rhyme: their last words, not the same word, end alike from
** a vowel on over three letters or more (charming / arming, singer /
** finger)? */
static int
rhyme(const struct sz_eline *p, const struct sz_eline *q)
{
    char a[32], b[32];
    size_t m = last_word(p, a, sizeof a), n = last_word(q, b, sizeof b), s = 0;
    if (m < 3 || n < 3 || (m == n && !memcmp(a, b, m)))
        return 0;
    /* a line printed again as corrected (an erratum) is no rhyme */
    if (p->len >= RHYME_SAME && q->len >= RHYME_SAME && !memcmp(p->s, q->s, RHYME_SAME))
        return 0;
    while (s < m && s < n && a[m - 1 - s] == b[n - 1 - s])
        s++;
    if (s < 3)
        return 0;
    for (size_t i = m - s; i + 1 < m; i++)
        if (strchr("aeiouy", a[i]))
            return 1;
    return 0;
}

/* Lines of a rhymed block at most, for the pairs to be looked for. */
#define RHYMED_LINES 12

/* Is [a, b) rhymed verse: two to twelve lines, each opening with a
** capital and none going on past a comma with one, every line rhyming with the next or the one after (couplets,
** alternate rhymes: "... enduring pain and care, / Approving that our
** bodies of a stony nature are.")? */
int
sz_essay_rhymed_block(const struct sz_eline *l, size_t a, size_t b)
{
    size_t nl = b - a, paired = 0;
    if (nl < 2 || nl > RHYMED_LINES)
        return 0;
    unsigned char in_pair[RHYMED_LINES] = { 0 };
    for (size_t i = a; i < b; i++) {
        if (!sz_essay_is_upper(start_letter(&l[i])))
            return 0;
        /* verse run on two lines to a line, as prose sets it ("... along
        ** the shingle, And the boats lay up the strand;"): a capital after
        ** a comma inside the line */
        for (size_t k = 0; k + 2 < l[i].len; k++)
            if ((l[i].s[k] == ',' || l[i].s[k] == ';') && l[i].s[k + 1] == ' ' &&
                l[i].s[k + 2] >= 'A' && l[i].s[k + 2] <= 'Z' &&
                !(l[i].s[k + 2] == 'I' && (k + 3 == l[i].len || l[i].s[k + 3] == ' ' ||
                                           l[i].s[k + 3] == '\'')))
                return 0;
        for (size_t d = 1; d <= 2 && i + d < b; d++)
            if (rhyme(&l[i], &l[i + d])) {
                in_pair[i - a] = in_pair[i + d - a] = 1;
                break;
            }
    }
    for (size_t i = 0; i < nl; i++)
        paired += in_pair[i];
    return paired == nl;
}

/* Blocks down from a lone line its song may go on in. */
#define RHYME_REACH 3

/* Is unit k a line of a song quoted alone, the song going on in verse a
** few blocks further down, past talk: one line, short of the measure, opening with
** a capital, that rhymes with the first line of the next block of short
** lines ("Look not thou on beauty's charming." ... "Sit thou still when
** kings are arming, / Taste not when the wine-cup glistens--")? */
int
sz_essay_rhymed_line(const struct units *u, size_t k, const struct sz_eline *l,
                     const struct layout *lay)
{
    const struct unit *x = &u->v[k];
    if (x->kind != U_PARA || x->b - x->a != 1)
        return 0;
    const struct sz_eline *f = &l[x->a];
    if ((f->indent + f->width) * 4 >= lay->wrap * 3)
        return 0;
    /* the song's block first: most lines alone are talk with none near */
    for (size_t j = k + 1; j < u->n && j <= k + RHYME_REACH; j++) {
        const struct unit *y = &u->v[j];
        if (y->kind != U_PARA)
            return 0;
        if (y->b - y->a < 2 || (l[y->a].indent + l[y->a].width) * 4 >= lay->wrap * 3)
            continue;      /* the talk between: prose or a line alone */
        size_t i = y->a;
        while (i < y->b && (l[i].indent + l[i].width) * 4 < lay->wrap * 3 &&
               sz_essay_is_upper(start_letter(&l[i])))
            i++;
        if (i < y->b)
            continue;
        return rhyme(f, &l[y->a]) && sz_essay_is_upper(start_letter(f)) &&
               sz_essay_count_words(f->s, f->len) >= LONE_WORDS;
    }
    return 0;
}

/* Four lines or more, each after the first opening with a capital, none
** in lower case, not a list of numbered entries. */
int
sz_essay_capital_lines(const struct shape *sh, size_t nl)
{
    return nl >= 4 && !sh->lows && sh->caps == sh->breaks && sh->numbered * 2 <= sh->breaks;
}

/* Does line l end a sentence: a full stop, a question or an exclamation
** (a colon or a dash too, after which prose may go on with a capital),
** past closing quotes and brackets? */
static int
ends_sentence(const struct sz_eline *l)
{
    size_t n = l->len;
    while (n > 0) {
        uint32_t cp = sz_essay_prev_cp(l->s, n);
        switch (cp) {
        case '"': case '\'': case ')': case ']': case '_': case '*': case 0x201D: case 0x2019:
        case 0xBB: case 0xAB:
            n--;   /* back over the mark, to its first byte */
            while (n > 0 && ((unsigned char)l->s[n] & 0xC0) == 0x80)
                n--;
            continue;
        case '.': case '!': case '?': case ':': case '-': case 0x2026: case 0x2014: case 0x2013:
        case 0x3002: case 0xFF01: case 0xFF1F:
            return 1;
        default:
            return 0;
        }
    }
    return 1;
}

/* Does line l open with the word "I" (I, I'm, I’ll), which prose writes
** with a capital anywhere? */
static int
opens_with_i(const struct sz_eline *l)
{
    size_t i = 0;
    while (i < l->len && !sz_essay_is_letter((unsigned char)l->s[i]) &&
           (unsigned char)l->s[i] < 0x80)
        i++;
    if (i >= l->len || l->s[i] != 'I')
        return 0;
    return i + 1 == l->len || l->s[i + 1] == ' ' || l->s[i + 1] == '\'' ||
           (unsigned char)l->s[i + 1] == 0xE2 || l->s[i + 1] == ',';
}

/* How many lines either side of a block are searched for a word it holds. */
#define NEAR_LINES 600

/* Is the word at byte k of line i (letters and hyphens, past opening
** marks) written in lower case in the lines near it: a word the text gives
** a capital only where a sentence or a verse line opens, not a name, not a
** German noun? */
static int
lower_near(const struct sz_eline *l, size_t i, size_t k, const struct layout *lay)
{
    char w[64];
    size_t n = 0;
    uint32_t cp = 0;
    while (k < l[i].len && !sz_essay_is_letter(cp = sz_essay_cp_at(l[i].s, l[i].len, &k)))
        ;
    while (sz_essay_is_letter(cp) || cp == '-') {
        if (n + 4 >= sizeof w)
            return 0;
        n += (size_t)utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cp),
                                          (utf8proc_uint8_t *)w + n);
        if (k >= l[i].len)
            break;
        cp = sz_essay_cp_at(l[i].s, l[i].len, &k);
    }
    while (n > 0 && w[n - 1] == '-')
        n--;
    if (n == 0)
        return 0;
    size_t from = i > lay->from + NEAR_LINES ? i - NEAR_LINES : lay->from;
    size_t to = i + NEAR_LINES < lay->to ? i + NEAR_LINES : lay->to;
    for (size_t j = from; j < to; j++) {
        const char *s = l[j].s, *e = s + l[j].len, *h = s;
        while ((h = memmem(h, (size_t)(e - h), w, n)) != NULL) {
            size_t at = (size_t)(h - s), past = at + n;
            uint32_t before = at ? sz_essay_prev_cp(s, at) : ' ';
            size_t q = past;
            uint32_t after = past < l[j].len ? sz_essay_cp_at(s, l[j].len, &q) : ' ';
            if (!sz_essay_is_letter(before) && !sz_essay_is_letter(after) && after != '-')
                return 1;
            h++;
        }
    }
    return 0;
}

/* Lines set in together past the running text, as a quotation is, whose
** every line opens with a capital, though at least one of them carries on
** a sentence the line above left open at a comma or a semicolon.  Prose
** gives a word carrying its sentence on no capital; verse gives every line
** one ("Ay sooth, we feel too strong in weal, to need Thee on that road; /
** But woe being come, the soul is dumb, that crieth not on 'God.'").  The
** capital must be the line's, not the word's: the text writes the word in
** lower case near by (not so "Baron / Cuvier", "par / _Rubens_", German
** nouns).  The last line ends at a stop, no line holds a figure (a list
** of books, of prices), and two lines opening with one word are a
** correction set over the line it amends.  However long the lines: a
** quotation in verse.  Lines [a, b), not counting who wrote it. */
int
sz_essay_quoted_verse(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay)
{
    if (b - a < 2)
        return 0;
    uint32_t lo = l[a].indent, hi = l[a].indent;
    for (size_t i = a; i < b; i++) {
        if (!sz_essay_is_upper(start_letter(&l[i])))
            return 0;
        for (size_t k = 0; k < l[i].len; k++)
            if (l[i].s[k] >= '0' && l[i].s[k] <= '9')
                return 0;
        if (l[i].indent < lo)
            lo = l[i].indent;
        if (l[i].indent > hi)
            hi = l[i].indent;
    }
    uint32_t end = sz_essay_last_cp(l[b - 1].s, l[b - 1].len);
    if (hi > lo + 2 || !(sz_essay_closes(end) || end == ')'))
        return 0;
    if (b - a == 2 && same_first_word(l, a))
        return 0;
    size_t open = 0;
    for (size_t i = a + 1; i < b; i++) {
        if (ends_sentence(&l[i - 1]) || opens_with_i(&l[i]))
            continue;
        uint32_t prev = sz_essay_last_cp(l[i - 1].s, l[i - 1].len);
        if (sz_essay_is_letter(prev)) {
            /* a word the line had no room for has a capital of its own (a
            ** name); with room, the line may have been ended on purpose
            ** in prose too ("and / Then ends"): neither tells */
            if (l[i - 1].indent + l[i - 1].width + 1 + first_word_width(&l[i]) > lay->wrap)
                return 0;
            continue;
        }
        if (!lower_near(l, i, 0, lay))
            return 0;
        open++;
    }
    if (open == 0)
        return 0;
    /* a capital after a comma inside a line ("to my relief, As on a
    ** radiant dolphin borne;") is where a verse line opens: the lines
    ** were wrapped again as prose, their breaks are not the verse's */
    for (size_t i = a; i < b; i++)
        for (size_t k = 0; k + 2 < l[i].len; k++) {
            if ((l[i].s[k] != ',' && l[i].s[k] != ';') || l[i].s[k + 1] != ' ')
                continue;
            size_t q = k + 2;
            uint32_t cp = sz_essay_cp_at(l[i].s, l[i].len, &q);
            uint32_t next = q < l[i].len ? (unsigned char)l[i].s[q] : ' ';
            if (sz_essay_is_upper(cp) && !(cp == 'I' && !sz_essay_is_letter(next)) &&
                lower_near(l, i, k + 2, lay))
                return 0;
        }
    return 1;
}

/* (short: at most wide columns; 0 for any width) */
static int
ends_unstopped(const struct sz_eline *l, size_t a, size_t b, uint32_t wide)
{
    for (size_t i = a; i < b; i++) {
        size_t n = l[i].len;
        uint32_t end = sz_essay_last_cp(l[i].s, n);
        /* a bracket or an elision closing on a word ("(M. de Beauseant's
        ** butler)", "Marquis Miguel d'") ends it on the word too */
        if ((end == ')' && n > 1) || (end == 0x2019 && n > 3)) {
            n -= end == ')' ? 1 : 3;
            end = sz_essay_last_cp(l[i].s, n);
        }
        if ((!sz_essay_is_letter(end) && !(end >= '0' && end <= '9')) ||
            (wide && l[i].indent + l[i].width > wide))
            return 0;
    }
    return 1;
}

/* Does every line of [a, b) end on a letter or a figure, none at a stop,
** a comma, a quote or a dash?  So run the entries of a list or an index,
** an imprint, an address, a letter's closing ("Beauseant, Vicomte de /
** The Deserted Woman", "Redfield, 34 Beekman Street / New York, 1855",
** "Your fond daughter / Milly"); verse ends its stanza at a mark, and most
** of its lines.  Lines of about one length may be verse of a metre ("We
** twa hae run about the braes / And pu'd the gowans' fine", "Si j'avais
** le chapeau / Que ma mie m'avait donné / Mon chapeau est bel et beau"),
** unless a block of short lines next to them ends its lines so too:
** entries come in runs (wrapped prose ends most of its lines on a word). */
/* Are lines [a, b) set as a stanza is: the first at the block's least
** indent, that indent shared by every line or by two at least with the
** rest a step (four columns at most) deeper, no line opening with a figure
** or holding a gap of three spaces (a table's cells)?  An index hangs its
** entries' titles under the name, an imprint or a by-line is centred, a
** list's lines open with their figures. */
static int
stanza_set(const struct sz_eline *l, size_t a, size_t b)
{
    size_t at_first = 0;
    for (size_t i = a; i < b; i++) {
        if (l[i].indent < l[a].indent || l[i].indent > l[a].indent + 4 ||
            (l[i].len && l[i].s[0] >= '0' && l[i].s[0] <= '9'))
            return 0;
        at_first += l[i].indent == l[a].indent;
        if (l[i].len >= 3 && memmem(l[i].s, l[i].len, "   ", 3))
            return 0;
    }
    return at_first == b - a || at_first >= 2;
}

int
sz_essay_unstopped_lines(const struct sz_eline *l, size_t a, size_t b, const struct layout *lay)
{
    if (!ends_unstopped(l, a, b, 0) || stanza_set(l, a, b))
        return 0;
    uint32_t lo = l[a].width, hi = l[a].width;
    for (size_t i = a + 1; i < b; i++) {
        if (l[i].width < lo)
            lo = l[i].width;
        if (l[i].width > hi)
            hi = l[i].width;
    }
    if (lo * 4 < hi * 3)
        return 1;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t pa, pb;
        if (next_block(l, dir < 0 ? a : b, dir, lay, &pa, &pb) && pb - pa >= 2 &&
            ends_unstopped(l, pa, pb, lay->wrap * 3 / 4))
            return 1;
    }
    return 0;
}

/* Two lines, the first short only because the second's first word would
** not have fitted after it within the wrap width: wrapped prose, the break
** the wrap's ("That I must take as a just penance. But, /
** Margaret\u2014Frederick!"). */
int
sz_essay_wrapped_pair(const struct sz_eline *l, size_t a, const struct layout *lay)
{
    return l[a].indent + l[a].width + 1 + first_word_width(&l[a + 1]) > lay->wrap;
}

/* "1." or "IV." alone on its line (a stop after it or not): its value, or 0. */
static int
stanza_number(const struct sz_eline *f)
{
    size_t n = f->len;
    while (n && f->s[n - 1] == ' ')
        n--;
    if (n && f->s[n - 1] == '.')
        n--;
    if (!n || n > 6)
        return 0;
    int v = 0;
    size_t i = 0;
    while (i < n && f->s[i] >= '0' && f->s[i] <= '9')
        v = v * 10 + (f->s[i++] - '0');
    if (i == n)
        return v;
    return i ? 0 : sz_essay_roman_value(f->s, n);
}

/* Lines in a stanza under its number, at least and at most (a sonnet,
** fourteen, is a poem of its own, its number its title). */
#define NUMBERED_STANZA_MIN 3
#define NUMBERED_STANZA_MAX 12

/* Is unit x a stanza: a few lines of at most verse's width, most opening
** with a capital as verse lines do (wrapped prose opens them in lower case)? */
static int
numbered_stanza(const struct unit *x, const struct sz_eline *l, size_t most)
{
    size_t nl = x->b - x->a, caps = 0;
    if (x->kind != U_PARA || nl < NUMBERED_STANZA_MIN || nl > most)
        return 0;
    for (size_t i = x->a; i < x->b; i++) {
        if (l[i].cols > 64)
            return 0;
        caps += sz_essay_is_upper(start_letter(&l[i]));
    }
    return caps * 3 >= nl * 2;
}

/* Lines in a stanza set in under a number flush with the text, at most:
** set in, it is no sonnet titled by its number but a stanza of the poem,
** however long (Whitman's Ride for Oregon's fifth, 27 lines). */
#define SET_IN_STANZA_MAX 40

/* Is every line of unit x set in two columns or more past a number at
** column at? */
static int
set_in_under(const struct unit *x, const struct sz_eline *l, size_t at)
{
    for (size_t i = x->a; i < x->b; i++)
        if (l[i].indent < at + 2)
            return 0;
    return 1;
}

/* "1." over a stanza, "2." over the next ...: the numbers of a poem's
** stanzas, set in over them as print centres them, counting from one with
** one stanza under each and nothing else between, are lines of the poem,
** not sections of the text (From the Heights' 15 stanzas, a ballad's I. to
** XXX.).  Three at least; numbers flush with the text over sonnets title
** poems of their own, unless the stanzas under them are set in past them
** (WHITMAN'S RIDE FOR OREGON. / I. / "An empire to be lost or won!"). */
void
sz_essay_stanza_numbers(struct units *u, const struct sz_eline *l)
{
    for (size_t k = 0; k + 1 < u->n; k++) {
        if (u->v[k].kind != U_HEAD || u->v[k].b - u->v[k].a != 1 || u->v[k].merge ||
            stanza_number(&l[u->v[k].a]) != 1)
            continue;
        size_t e = k;
        int want = 1;
        while (e + 1 < u->n && u->v[e].kind == U_HEAD && u->v[e].b - u->v[e].a == 1 &&
               !u->v[e].merge && stanza_number(&l[u->v[e].a]) == want &&
               (l[u->v[e].a].indent >= 2 ? numbered_stanza(&u->v[e + 1], l, NUMBERED_STANZA_MAX)
                                         : set_in_under(&u->v[e + 1], l, l[u->v[e].a].indent) &&
                                               numbered_stanza(&u->v[e + 1], l, SET_IN_STANZA_MAX))) {
            e += 2;
            want++;
        }
        if (want - 1 < 3) {
            continue;
        }
        for (size_t j = k; j < e; j += 2) {
            struct unit *x = &u->v[j];
            x->kind = U_PARA;
            x->rank = R_NONE;
            x->stanza_no = 1;
            x->why = "the number of a stanza: numbers counting from one, each over one stanza "
                     "of verse and nothing else, are lines of the poem, not sections";
        }
        k = e - 1;
    }
}
