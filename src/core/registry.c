/*
** registry.c
** The tables of readers and writers; adding one is one line here.
** See LICENSE.
*/
#include <string.h>

#include "internal.h"
#include "registry.h"

static const struct sz_reader *const readers[] = {
    &sz_reader_essay,
    &sz_reader_json,
    &sz_reader_markdown,
    &sz_reader_commonmark,
    &sz_reader_gfm,
    &sz_reader_html,
    &sz_reader_epub,
    NULL
};

static const struct sz_writer *const writers[] = {
    &sz_writer_plain,
    &sz_writer_json,
    &sz_writer_native,
    &sz_writer_html,
    &sz_writer_epub,
    &sz_writer_tei,
    NULL
};

/* Other names users type for the same formats (pandoc's habits). */
static const struct { const char *alias, *name; } aliases[] = {
    { "txt", "essay" },
    { "text", "essay" },
    { "md", "markdown" },
    { "epub3", "epub" },
    { "html5", "html" },
    { "xhtml", "html" },
    { "plaintext", "plain" },
    { NULL, NULL }
};

static const char *
unalias(const char *name)
{
    for (size_t i = 0; aliases[i].alias; i++)
        if (strcmp(aliases[i].alias, name) == 0)
            return aliases[i].name;
    return name;
}

const struct sz_reader *
sz_reader_find(const char *name)
{
    name = unalias(name);
    for (size_t i = 0; readers[i]; i++)
        if (strcmp(readers[i]->name, name) == 0)
            return readers[i];
    return NULL;
}

const struct sz_writer *
sz_writer_find(const char *name)
{
    name = unalias(name);
    for (size_t i = 0; writers[i]; i++)
        if (strcmp(writers[i]->name, name) == 0)
            return writers[i];
    return NULL;
}

const struct sz_reader *const *
sz_readers(void)
{
    return readers;
}

const struct sz_writer *const *
sz_writers(void)
{
    return writers;
}
