/*
** pandoc.c
** Running an installed pandoc for the formats samizdat lacks: which formats
** pandoc has, and one run of it (through sz_spawn_piped).
** See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "core/pandoc.h"
#include "core/registry.h"

/* pandoc 3's input and output formats. */
static const char *const pandoc_in[] = {
    "asciidoc", "bibtex", "biblatex", "bits", "commonmark", "commonmark_x", "creole",
    "csljson", "csv", "djot", "docbook", "docx", "dokuwiki", "endnotexml", "epub", "fb2",
    "gfm", "haddock", "html", "ipynb", "jats", "jira", "json", "latex", "man", "markdown",
    "markdown_github", "markdown_mmd", "markdown_phpextra", "markdown_strict", "mdoc",
    "mediawiki", "muse", "native", "odt", "opml", "org", "pod", "pptx", "ris", "rst", "rtf",
    "t2t", "textile", "tikiwiki", "tsv", "twiki", "typst", "vimwiki", "xlsx", "xml", NULL
};
static const char *const pandoc_out[] = {
    "ansi", "asciidoc", "asciidoc_legacy", "asciidoctor", "beamer", "bibtex", "biblatex",
    "chunkedhtml", "commonmark", "commonmark_x", "context", "csljson", "djot", "docbook",
    "docbook4", "docbook5", "docx", "dokuwiki", "dzslides", "epub", "epub2", "epub3", "fb2",
    "gfm", "haddock", "html", "html4", "html5", "icml", "ipynb", "jats", "jats_archiving",
    "jats_articleauthoring", "jats_publishing", "jira", "json", "latex", "man", "markdown",
    "markdown_github", "markdown_mmd", "markdown_phpextra", "markdown_strict", "markua",
    "mediawiki", "ms", "muse", "native", "odt", "opendocument", "opml", "org", "pdf", "plain",
    "pptx", "revealjs", "rst", "rtf", "s5", "slideous", "slidy", "tei", "texinfo", "textile",
    "typst", "vimwiki", "xml", "xwiki", "zimwiki", NULL
};

int
sz_pandoc_knows(const char *fmt, int writer)
{
    size_t n = strcspn(fmt, "+-");
    for (const char *const *p = writer ? pandoc_out : pandoc_in; *p; p++)
        if (strlen(*p) == n && !strncmp(*p, fmt, n))
            return 1;
    return 0;
}

const char *
sz_pandoc_program(void)
{
    const char *p = getenv("SZ_PANDOC");
    return p && *p ? p : "pandoc";
}

int
sz_pandoc_found(void)
{
    const char *prog = sz_pandoc_program();
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    struct sz_buf b = SZ_BUF_INIT;
    int found = 0;
    for (const char *s = path; !found && *s;) {
        size_t n = strcspn(s, ":");
        sz_buf_clear(&b);
        sz_buf_put(&b, s, n);
        sz_buf_printf(&b, "/%s", prog);
        found = access(b.data, X_OK) == 0;
        s += n;
        if (*s == ':')
            s++;
    }
    sz_buf_free(&b);
    return found;
}

int
sz_pandoc_run(const char *const *args, const char *in, size_t inlen, struct sz_buf *out)
{
    size_t nargs = 0;
    while (args[nargs])
        nargs++;
    const char **argv = sz_xmalloc((nargs + 2) * sizeof *argv);
    argv[0] = sz_pandoc_program();
    for (size_t i = 0; i <= nargs; i++)
        argv[i + 1] = args[i];
    int rc = sz_spawn_piped(argv, NULL, in, inlen, out);
    free(argv);
    return rc;
}

int
sz_pandoc_api_minor(void)
{
    static int cached;
    if (cached)
        return cached;
    static const char *const args[] = { "--version", NULL };
    struct sz_buf b = SZ_BUF_INIT;
    int api = 23;
    if (sz_pandoc_run(args, "", 0, &b) == 0 && b.data && !strncmp(b.data, "pandoc 2.", 9))
        api = 22;
    sz_buf_free(&b);
    cached = api;
    return api;
}

void
sz_pandoc_missing(struct sz_diags *d, int code, const char *what, const char *fmt)
{
    sz_diag_add(d, SZ_ERROR, code, NULL, 0, 0, -1,
                "%s format '%s' needs pandoc, which is not installed: "
                "install it (apt install pandoc) or name it with SZ_PANDOC=/path/to/pandoc",
                what, fmt);
}

int
sz_pandoc_read(struct sz_doc *doc, const char *fmt, const char *const *inputs, size_t n,
               const char *data, size_t len, struct sz_diags *d)
{
    if (!sz_pandoc_found()) {
        sz_pandoc_missing(d, SZ_EXIT_UNKNOWN_READER, "input", fmt);
        return SZ_EXIT_UNKNOWN_READER;
    }
    /* --sandbox: pandoc reads the inputs and nothing else, as samizdat's
    ** own readers never leave a document's folder. */
    const char **args = sz_xmalloc((n + 8) * sizeof *args);
    size_t k = 0;
    args[k++] = "-f";
    args[k++] = fmt;
    args[k++] = "-t";
    args[k++] = "json";
    args[k++] = "--sandbox";
    if (inputs) {
        args[k++] = "--";
        for (size_t i = 0; i < n; i++)
            args[k++] = inputs[i];
    }
    args[k] = NULL;
    struct sz_buf out = SZ_BUF_INIT;
    int st = sz_pandoc_run(args, data ? data : "", data ? len : 0, &out);
    free(args);
    int rc = 0;
    if (st != 0) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_PARSE, inputs && n ? inputs[0] : NULL, 0, 0, -1,
                    "pandoc could not read it as %s (exit %d)", fmt, st);
        rc = SZ_EXIT_PARSE;
    } else {
        struct sz_ropts ro;
        sz_ropts_init(&ro);
        ro.filename = inputs && n ? inputs[0] : NULL;
        if (sz_reader_json.read(doc, out.data ? out.data : "", out.len, &ro) != 0)
            rc = SZ_EXIT_PARSE;
    }
    sz_buf_free(&out);
    return rc;
}

int
sz_pandoc_write(const struct sz_doc *doc, const char *fmt, const struct sz_wopts *wo,
                struct sz_sink *out, struct sz_diags *d)
{
    if (!sz_pandoc_found()) {
        sz_pandoc_missing(d, SZ_EXIT_UNKNOWN_WRITER, "output", fmt);
        return SZ_EXIT_UNKNOWN_WRITER;
    }
    struct sz_wopts jo = *wo;
    jo.standalone = 0;
    jo.api_minor = sz_pandoc_api_minor();
    struct sz_buf json = SZ_BUF_INIT;
    struct sz_sink js = sz_sink_buf(&json);
    struct sz_diags wd;
    sz_diags_init(&wd);
    int rc = sz_writer_json.write(doc, &jo, &js, &wd);
    sz_diags_move(d, &wd);
    if (rc != 0) {
        sz_buf_free(&json);
        return SZ_EXIT_WRITER;
    }
    char cols[32];
    snprintf(cols, sizeof cols, "--columns=%d", wo->columns);
    const char *args[10];
    size_t k = 0;
    args[k++] = "-f";
    args[k++] = "json";
    args[k++] = "-t";
    args[k++] = fmt;
    args[k++] = cols;
    if (wo->standalone)
        args[k++] = "-s";
    args[k] = NULL;
    struct sz_buf res = SZ_BUF_INIT;
    int st = sz_pandoc_run(args, json.data, json.len, &res);
    sz_buf_free(&json);
    if (st != 0) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_WRITER, NULL, 0, 0, -1,
                    "pandoc could not write %s (exit %d)", fmt, st);
        rc = SZ_EXIT_WRITER;
    } else if (sz_sink_write(out, res.data ? res.data : "", res.len) != 0) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, NULL, 0, 0, -1, "cannot write the output");
        rc = SZ_EXIT_IO;
    }
    sz_buf_free(&res);
    return rc;
}
