/*
** essay_fields.c
** Key-value fields over a text ("Title: ...", "Author: ...", "Date: ..."),
** as a writer types them where a format has no place for metadata.
** See LICENSE.
*/
#include <string.h>

#include "readers/essay.h"

/* The fields' keys in the languages the reader meets, and the metadata
** each sets. */
static const struct {
    const char *key;
    const char *meta;
} keys[] = {
    { "title", "title" },        { "titre", "title" },       { "titel", "title" },
    { "título", "title" },       { "titolo", "title" },      { "Название", "title" },
    { "Заглавие", "title" },     { "subtitle", "subtitle" }, { "sous-titre", "subtitle" },
    { "untertitel", "subtitle" }, { "subtítulo", "subtitle" }, { "author", "author" },
    { "auteur", "author" },      { "autor", "author" },      { "autore", "author" },
    { "Автор", "author" },       { "by", "author" },         { "date", "date" },
    { "datum", "date" },         { "fecha", "date" },        { "data", "date" },
    { "Дата", "date" },          { NULL, NULL },
};

/* The metadata line x's key sets, its value in *v, *vn; NULL when the
** line is not a field ("Key: value", the key at the margin). */
static const char *
field(const struct sz_eline *x, const char **v, size_t *vn)
{
    if (x->indent || x->blank)
        return NULL;
    const char *colon = memchr(x->s, ':', x->len < 16 ? x->len : 16);
    if (!colon || colon == x->s)
        return NULL;
    size_t kn = (size_t)(colon - x->s), i = kn + 1;
    while (i < x->len && x->s[i] == ' ')
        i++;
    if (i == kn + 1 || i == x->len)
        return NULL;
    for (size_t k = 0; keys[k].key; k++) {
        const char *one[] = { keys[k].key, NULL };
        if (strlen(keys[k].key) == kn && sz_essay_word_ci(x->s, kn, one)) {
            *v = x->s + i;
            *vn = x->len - i;
            return keys[k].meta;
        }
    }
    return NULL;
}

void
sz_essay_front_fields(struct sz_ectx *c, const struct sz_elines *lines, size_t *a, size_t b)
{
    const struct sz_eline *l = lines->v;
    size_t i = *a, title = 0;
    while (i < b && l[i].blank)
        i++;
    size_t i0 = i;
    const char *v;
    size_t vn;
    /* a block of fields alone, the title among them, over more text */
    for (; i < b && !l[i].blank; i++) {
        const char *m = field(&l[i], &v, &vn);
        if (!m || i - i0 >= 8)
            return;
        title |= !strcmp(m, "title");
    }
    if (!title || i - i0 < 2 || i == b)
        return;
    for (size_t j = i0; j < i; j++) {
        const char *m = field(&l[j], &v, &vn);
        if (sz_meta_get(c->doc, m))
            continue;
        sz_essay_meta_text(c, m, v, vn, c->smart);
        sz_essay_trace_meta(c, l[j].lineno, m, "a field over the text, its key at the margin "
                            "and a colon (Title:, Author:, Date:)", v, vn);
    }
    while (i < b && l[i].blank)
        i++;
    *a = i;
}
