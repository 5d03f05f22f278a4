/*
** main.c
** The command line: options, inputs, one conversion, diagnostics, exit code.
** See LICENSE.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "cli/batch.h"
#include "cli/conv.h"
#include "core/pandoc.h"

static const char usage[] =
    "Usage: samizdat [OPTIONS] [INPUT...]\n"
    "       samizdat batch [OPTIONS] INPUT... -o OUTDIR\n"
    "Convert texts between formats: plain-text essays and books, pandoc JSON,\n"
    "EPUB 3, TEI P5, HTML, plain text.  With no INPUT, or when INPUT is -, read\n"
    "standard input.\n"
    "\n"
    "  -f, --from FORMAT        input format (essay, json); guessed from the name\n"
    "  -t, --to FORMAT          output format (plain, json, native, html, epub, tei)\n"
    "                           or a Lua writer script (writer.lua); other formats\n"
    "                           (docx, latex, ...) and -f ones go through pandoc\n"
    "  -o, --output FILE        write to FILE (format guessed from its extension)\n"
    "  -s, --standalone         whole document (HTML page, metadata in native)\n"
    "      --template FILE      put the output into a pandoc template (implies -s)\n"
    "  -V, --variable KEY=VAL   set a template variable\n"
    "  -M, --metadata KEY=VAL   set a metadata field\n"
    "      --metadata-file FILE read metadata from a YAML file\n"
    "  -L, --lua-filter FILE    run a Lua filter (or a bundled one by name)\n"
    "      --columns N          line width for plain text (default 72)\n"
    "      --wrap auto|none|preserve\n"
    "      --toc-depth N        levels in the table of contents (default 3)\n"
    "      --split-level N      EPUB: start a new chapter file at this level\n"
    "      --css FILE           EPUB/HTML: add a stylesheet (--css-replace to replace)\n"
    "      --epub-cover-image FILE, --epub-embed-font FILE\n"
    "      --encoding NAME      input encoding (utf-8, windows-1252, iso-8859-1)\n"
    "      --max-input-size SIZE  refuse an input or metadata file larger than SIZE\n"
    "                           bytes (K, M, G; default 256M)\n"
    "      --no-smart           keep straight quotes, -- and ...\n"
    "      --keep-boilerplate   keep Project Gutenberg header and footer\n"
    "      --trace-structure    plain text: print what each block became and why\n"
    "      --pandoc-api 1.23|1.22  JSON AST version to write\n"
    "      --list-input-formats, --list-output-formats\n"
    "  -v, --verbose            more messages;  -q, --quiet: errors only\n"
    "      --version, --help\n"
    "\n"
    "Exit codes: 0 ok, 1 input/output error, 2 usage, 21 unknown input format,\n"
    "22 unknown output format, 64 parse error, 83 Lua filter error, 84 Lua error,\n"
    "85 writer error, 86 out of memory.\n";

static void
print_diags(const struct sz_diags *d, int verbosity)
{
    struct sz_buf b = SZ_BUF_INIT;
    for (const struct sz_diag *x = d->first; x; x = x->next) {
        if (x->level == SZ_INFO && verbosity < 2)
            continue;
        if (x->level == SZ_WARNING && verbosity < 1)
            continue;
        sz_buf_clear(&b);
        sz_diag_format(x, &b);
        fprintf(stderr, "%s\n", b.data);
    }
    sz_buf_free(&b);
}

static int
same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int stdout_errno;

static int
stdout_write(void *ud, const char *p, size_t n)
{
    SZ_UNUSED(ud);
    if (fwrite(p, 1, n, stdout) == n)
        return 0;
    if (!stdout_errno)
        stdout_errno = errno ? errno : EIO;
    return -1;
}

/* A writer that stops because its output could not be written reports only
** that it failed; what the user needs is the file and the system's reason,
** with the same exit code whatever the format.  Warnings are kept. */
static int
write_failed(struct sz_diags *d, struct sz_diags *wd, const char *file, int err)
{
    for (const struct sz_diag *x = wd->first; x; x = x->next)
        if (x->level != SZ_ERROR)
            sz_diag_add(d, x->level, x->code, x->file, x->line, x->col, x->offset, "%s",
                        x->msg);
    sz_diags_free(wd);
    sz_diags_init(wd);
    sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, file, 0, 0, -1, "cannot write: %s", strerror(err));
    return SZ_EXIT_IO;
}

/* Files the conversion reads besides its inputs: -o must not name one. */
static const char *
used_file(const struct sz_conv *c, const char *out)
{
    for (size_t i = 0; i < c->meta_files.n; i++)
        if (same_file(c->meta_files.v[i], out))
            return "a metadata file";
    for (size_t i = 0; i < c->filters.n; i++) {
        char *p = sz_find_filter(c->exe, c->filters.v[i]);
        int same = p && same_file(p, out);
        free(p);
        if (same)
            return "a filter";
    }
    for (size_t i = 0; i < c->css.n; i++)
        if (same_file(c->css.v[i], out))
            return "a stylesheet";
    for (size_t i = 0; i < c->fonts.n; i++)
        if (same_file(c->fonts.v[i], out))
            return "a font";
    if (c->wopts.cover_image && same_file(c->wopts.cover_image, out))
        return "the cover image";
    if (c->to && same_file(c->to, out))
        return "the custom writer";
    return NULL;
}


/* What the out-of-memory handler reports and removes. */
static const char *oom_input;
static struct sz_afile *oom_afile;

static void
on_oom(void)
{
    if (oom_afile && oom_afile->tmp)
        unlink(oom_afile->tmp);
    fprintf(stderr, "samizdat: %s%serror: out of memory\n", oom_input ? oom_input : "",
            oom_input ? ": " : "");
    exit(SZ_EXIT_NOMEM);
}

int
main(int argc, char **argv)
{
    struct sz_conv c;
    struct sz_diags d;
    const char **inputs = NULL;
    size_t ninputs = 0;
    int rc = 0;

    sz_alloc_test_init();
    sz_set_oom_handler(on_oom);
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    /* zlib takes four buffers of 64 and 128 kB for every file of an EPUB
    ** and gives them back after it.  By default glibc maps the 128 kB ones
    ** afresh each time, or returns the top of the heap to the system, so
    ** every file touched 50 new pages: 230 of the 590 page faults of a short
    ** essay to EPUB.  Kept, they are used again. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
#endif
    if (argc > 1 && !strcmp(argv[1], "batch"))
        return sz_batch_main(argc - 1, argv + 1);

    sz_conv_init(&c, argv[0]);
    sz_diags_init(&d);
    inputs = sz_xmalloc((size_t)argc * sizeof *inputs);
    for (int i = 1; i < argc;) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            goto out;
        }
        if (!strcmp(a, "--version")) {
            printf("samizdat %s\nLua filter API and JSON AST of pandoc %s\n", SZ_VERSION,
                   SZ_PANDOC_VERSION);
            goto out;
        }
        if (!strcmp(a, "--list-input-formats")) {
            for (const struct sz_reader *const *r = sz_readers(); *r; r++)
                printf("%s\n", (*r)->name);
            goto out;
        }
        if (!strcmp(a, "--list-output-formats")) {
            for (const struct sz_writer *const *w = sz_writers(); *w; w++)
                printf("%s\n", (*w)->name);
            goto out;
        }
        if (!strcmp(a, "--")) {
            for (i++; i < argc; i++)
                inputs[ninputs++] = argv[i];
            break;
        }
        int r = sz_conv_option(&c, argc, argv, &i, &d);
        if (r < 0) {
            rc = SZ_EXIT_USAGE;
            goto out;
        }
        if (r > 0)
            continue;
        if (a[0] == '-' && a[1] != '\0') {
            sz_diag_add(&d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1,
                        "unknown option %s (see --help)", a);
            rc = SZ_EXIT_USAGE;
            goto out;
        }
        inputs[ninputs++] = a;
        i++;
    }

    const char *to = c.to;
    if (!to)
        to = sz_conv_guess_writer(c.output);
    if (!to)
        to = "plain";
    if (c.output) {
        for (size_t i = 0; i < ninputs; i++)
            if (!strcmp(inputs[i], c.output) || same_file(inputs[i], c.output)) {
                sz_diag_add(&d, SZ_ERROR, SZ_EXIT_IO, c.output, 0, 0, -1,
                            "refusing to overwrite an input file");
                rc = SZ_EXIT_IO;
                goto out;
            }
        const char *what = strcmp(c.output, "-") ? used_file(&c, c.output) : NULL;
        if (what) {
            sz_diag_add(&d, SZ_ERROR, SZ_EXIT_IO, c.output, 0, 0, -1,
                        "refusing to overwrite %s of this conversion", what);
            rc = SZ_EXIT_IO;
            goto out;
        }
    }
    /* pandoc's other names of formats samizdat writes itself */
    if (!strcmp(to, "html5"))
        to = "html";
    else if (!strcmp(to, "epub3"))
        to = "epub";
    /* Fail early on an unknown writer, before reading large inputs; a
    ** format samizdat lacks goes to pandoc, which must be there. */
    if (!sz_writer_find(to) && !(strlen(to) > 4 && !strcmp(to + strlen(to) - 4, ".lua"))) {
        if (!sz_pandoc_knows(to, 1)) {
            sz_diag_add(&d, SZ_ERROR, SZ_EXIT_UNKNOWN_WRITER, NULL, 0, 0, -1,
                        "unknown output format '%s' (see --list-output-formats)", to);
            rc = SZ_EXIT_UNKNOWN_WRITER;
            goto out;
        }
        if (!sz_pandoc_found()) {
            sz_pandoc_missing(&d, SZ_EXIT_UNKNOWN_WRITER, "output", to);
            rc = SZ_EXIT_UNKNOWN_WRITER;
            goto out;
        }
    }
    const struct sz_writer *w = sz_writer_find(to);
    if (w && (w->flags & SZ_WRITER_BINARY) && !c.output && isatty(STDOUT_FILENO)) {
        sz_diag_add(&d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1,
                    "%s output is binary: name a file with -o, or redirect standard output",
                    w->name);
        rc = SZ_EXIT_USAGE;
        goto out;
    }

    struct sz_doc *doc = NULL;
    oom_input = ninputs ? inputs[0] : "standard input";
    rc = sz_conv_load(&c, inputs, ninputs, to, &doc, &d);
    if (rc == 0) {
        if (c.output && strcmp(c.output, "-") != 0) {
            /* Straight into a temporary file beside the output, renamed
            ** when the writer has succeeded: a large output is never held
            ** whole in memory, and a failed one leaves nothing behind. */
            struct sz_afile *f = sz_xmalloc(sizeof *f);
            rc = sz_afile_open(f, c.output, &d);
            oom_afile = f;
            if (rc == 0) {
                struct sz_sink sink = sz_afile_sink(f);
                struct sz_diags wd;
                sz_diags_init(&wd);
                rc = sz_conv_render_sink(&c, doc, to, inputs, ninputs, &sink, &wd);
                if (rc != 0 && f->err)
                    rc = write_failed(&d, &wd, f->path, f->err);
                sz_diags_move(&d, &wd);
                sz_diags_free(&wd);
                if (rc == 0)
                    rc = sz_afile_commit(f, &d);
                else
                    sz_afile_abort(f);
            }
            oom_afile = NULL;
            free(f);
        } else {
            struct sz_sink sink = { stdout_write, NULL };
            struct sz_diags wd;
            sz_diags_init(&wd);
            rc = sz_conv_render_sink(&c, doc, to, inputs, ninputs, &sink, &wd);
            if ((rc != 0 && stdout_errno) || (rc == 0 && fflush(stdout) != 0))
                rc = write_failed(&d, &wd, "standard output", stdout_errno ? stdout_errno : errno);
            sz_diags_move(&d, &wd);
            sz_diags_free(&wd);
        }
        sz_doc_free(doc);
    }
out:
    if (fflush(stdout) != 0 && rc == 0) {
        sz_diag_add(&d, SZ_ERROR, SZ_EXIT_IO, "standard output", 0, 0, -1, "cannot write: %s",
                    strerror(errno));
        rc = SZ_EXIT_IO;
    }
    print_diags(&d, c.verbosity);
    if (rc == 0 && d.nerrors)
        rc = sz_diags_error_code(&d);
    sz_diags_free(&d);
    sz_conv_free(&c);
    free(inputs);
    return rc;
}
