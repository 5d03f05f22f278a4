/*
** essay_dialogue.c
** Two short lines that are a novel's dialogue, not a couplet: a speech
** opening the block whose quotation closes inside a line, the narrator's
** words following it in lower case ("You were always a good friend to
** me," said / Scrooge.).  A text wrapped narrow and ragged ends such lines
** short, as verse ends its lines; a quoted couplet closes its quotation at
** its end.
** See LICENSE.
*/
#include <string.h>

#include "readers/essay_units.h"

/* The line opens with a double quotation mark ('"' or U+201C). */
static int
opens_quote(const struct sz_eline *f)
{
    const unsigned char *s = (const unsigned char *)f->s;
    return (f->len >= 1 && s[0] == '"') ||
           (f->len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x9C);
}

/* Where the first closing double quotation mark in s[from..len) ends
** (index past it), 0 when there is none; *tag set when it follows , ? or
** ! and a space and a lower-case letter follow it: the narrator taking
** over. */
static size_t
first_close(const struct sz_eline *f, size_t from, int *tag)
{
    const unsigned char *s = (const unsigned char *)f->s;
    *tag = 0;
    for (size_t i = from + 1; i < f->len; i++) {
        size_t q = 0;
        if (s[i] == '"')
            q = 1;
        else if (i + 2 < f->len && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x9D)
            q = 3;
        if (!q)
            continue;
        *tag = (s[i - 1] == ',' || s[i - 1] == '?' || s[i - 1] == '!') && i + q + 1 < f->len &&
               s[i + q] == ' ' && s[i + q + 1] >= 'a' && s[i + q + 1] <= 'z';
        return i + q;
    }
    return 0;
}

/* A double quotation mark in s[from..len). */
static int
has_quote(const struct sz_eline *f, size_t from)
{
    const unsigned char *s = (const unsigned char *)f->s;
    for (size_t i = from; i < f->len; i++)
        if (s[i] == '"' || (i + 2 < f->len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
                            (s[i + 2] == 0x9C || s[i + 2] == 0x9D)))
            return 1;
    return 0;
}

/* The first quotation closes inside a line and the narrator's words
** after it either run on past the line's end (it ends in a letter: "me,"
** said / Scrooge.) or end the block ("Jacob?" he demanded, in a
** faltering voice.); a poem's speech tag ends its line at a stop and a new
** speech opens the next ("Come up into my parlor," said the spider to the
** fly; / "Tis ..."). */
const char *
sz_essay_dialogue_pair(const struct sz_eline *l, size_t a, size_t b)
{
    if (b - a != 2 || !opens_quote(&l[a]))
        return NULL;
    int tag;
    size_t end = first_close(&l[a], 0, &tag);
    if (end) {
        const unsigned char last = (unsigned char)l[a].s[l[a].len - 1];
        if (!tag || has_quote(&l[a], end) || !((last >= 'a' && last <= 'z') || last >= 0x80))
            return NULL;
    } else {
        end = first_close(&l[a + 1], 0, &tag);
        if (!end || !tag || has_quote(&l[a + 1], end))
            return NULL;
    }
    return "two lines opening a speech whose quotation closes inside a line, the "
           "narrator's words following in lower case and running past the line's end "
           "or to the block's (\"...to me,\" said / Scrooge.): dialogue in prose wrapped "
           "short, not verse";
}
