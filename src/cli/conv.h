/*
** conv.h
** One conversion's options and steps, shared by the single-document
** command line and batch mode.
** See LICENSE.
*/
#ifndef SZ_CONV_H
#define SZ_CONV_H

#include "samizdat.h"

struct sz_strv {
    const char **v;
    size_t n;
};

struct sz_conv {
    const char *from;              /* reader name, or NULL to guess */
    const char *to;                /* writer name or .lua path, or NULL to guess */
    const char *output;            /* -o, or NULL for stdout */
    struct sz_ropts ropts;
    struct sz_wopts wopts;
    struct sz_strv meta_files;     /* --metadata-file, in order */
    struct sz_strv meta_kv;        /* -M key=value, in order */
    struct sz_strv filters;        /* -L, in order, as given */
    struct sz_strv css;            /* --css */
    struct sz_strv fonts;          /* --epub-embed-font */
    int verbosity;                 /* 0 -q, 1 default, 2 -v */
    const char *exe;               /* argv[0], to find bundled filters */
    const char *template_path;     /* --template: the output goes through it */
    struct sz_strv vars;           /* -V key=value, in order */
};

void sz_conv_init(struct sz_conv *c, const char *exe);
void sz_conv_free(struct sz_conv *c);

/** Consumes the option at argv[*i] (and its argument) if it is a conversion
** option.  Returns 1 when consumed (*i advanced past it), 0 when not ours,
** -1 on a bad value (message in d). */
int sz_conv_option(struct sz_conv *c, int argc, char **argv, int *i, struct sz_diags *d);

/** Writer name guessed from an output path ("epub" for x.epub ...), or NULL. */
const char *sz_conv_guess_writer(const char *path);
/** Reader name guessed from an input path. */
const char *sz_conv_guess_reader(const char *path);

/** Reads the inputs ("-" is stdin) with the reader, applies metadata files,
** -M values and the Lua filters (FORMAT = to).  On success *out is the new
** document; returns 0 or an sz_exit code with messages in d. */
int sz_conv_load(const struct sz_conv *c, const char *const *inputs, size_t n, const char *to,
                 struct sz_doc **out, struct sz_diags *d);

/* One document already in memory (a member of an archive, in batch mode). */
struct sz_conv_src {
    const char *name;              /* for messages, the reader guess and FORMAT inputs */
    const char *data;
    size_t len;
    const char *meta;              /* the document's own YAML metadata, or NULL */
    size_t meta_len;
    const char *meta_name;
};

/** As sz_conv_load, for one document in memory.  Its own metadata is applied
** after --metadata-file and before -M. */
int sz_conv_load_mem(const struct sz_conv *c, const struct sz_conv_src *src, const char *to,
                     struct sz_doc **out, struct sz_diags *d);

/** Renders doc with writer `to` (a name or a .lua path) into out.  Returns 0
** or an sz_exit code. */
int sz_conv_render(const struct sz_conv *c, const struct sz_doc *doc, const char *to,
                   const char *const *inputs, size_t n, struct sz_buf *out, struct sz_diags *d);

/** Reads a whole file ("-" = stdin).  Returns 0 or SZ_EXIT_IO. */
int sz_read_file(const char *path, struct sz_buf *out, struct sz_diags *d);
/** The largest file sz_read_file reads (--max-input-size). */
#define SZ_MAX_INPUT_DEFAULT (256ULL << 20)
extern uint64_t sz_max_input_size;
/** Writes data to path through a temporary file and rename(2), so readers
** of path never see a partial file.  Returns 0 or SZ_EXIT_IO. */
int sz_write_atomic(const char *path, const char *data, size_t len, struct sz_diags *d);

/* An output file written through a sink as the writer goes (so a large
** output is never held whole in memory) and put in place atomically:
** a temporary file beside it, renamed by sz_afile_commit, removed by
** sz_afile_abort. */
struct sz_afile {
    char *path, *tmp;          /* tmp is NULL when writing straight into path */
    int fd, err;               /* err: errno of the first failed write */
    char buf[1 << 16];
    size_t len;
};
/** Creates the temporary file.  Returns 0 or SZ_EXIT_IO. */
int sz_afile_open(struct sz_afile *f, const char *path, struct sz_diags *d);
/** A sink writing into f. */
struct sz_sink sz_afile_sink(struct sz_afile *f);
/** Flushes, syncs and renames into place.  Returns 0 or SZ_EXIT_IO (and
** then nothing is left behind). */
int sz_afile_commit(struct sz_afile *f, struct sz_diags *d);
/** Is name ("BASE.tmp-PID-XXXXXX", any BASE when base is NULL) a temporary
** file of a process that is gone? */
int sz_temp_is_stale(const char *name, const char *base);
/** Removes the temporary file.  Accepts a file already committed. */
void sz_afile_abort(struct sz_afile *f);

/** Like sz_conv_render, into a sink. */
int sz_conv_render_sink(const struct sz_conv *c, const struct sz_doc *doc, const char *to,
                        const char *const *inputs, size_t n, struct sz_sink *out,
                        struct sz_diags *d);
/** Finds a filter: an existing path as given, else NAME(.lua) in the
** bundled filter folders.  Returns a malloc'd path or NULL. */
char *sz_find_filter(const char *exe, const char *name);

#endif
