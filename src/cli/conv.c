/*
** conv.c
** One conversion: read, metadata, filters, render, atomic write.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "bridge/bridge.h"
#include "cli/conv.h"
#include "core/metayaml.h"
#include "core/pandoc.h"

#ifndef SZ_DATADIR
#define SZ_DATADIR "/usr/local/share/samizdat"
#endif

static void
strv_push(struct sz_strv *s, const char *v)
{
    s->v = sz_xrealloc(s->v, (s->n + 2) * sizeof *s->v);
    s->v[s->n++] = v;
    s->v[s->n] = NULL;
}

/* --trace-structure: the reader's account of each block, on stderr. */
static void
trace_line(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "%s\n", line);
}

void
sz_conv_init(struct sz_conv *c, const char *exe)
{
    memset(c, 0, sizeof *c);
    sz_ropts_init(&c->ropts);
    sz_wopts_init(&c->wopts);
    c->verbosity = 1;
    c->exe = exe;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            c->wopts.source_date_epoch = v;
    }
}

void
sz_conv_free(struct sz_conv *c)
{
    free(c->meta_files.v);
    free(c->meta_kv.v);
    free(c->filters.v);
    free(c->css.v);
    free(c->fonts.v);
    free(c->vars.v);
    memset(c, 0, sizeof *c);
}

/* Matches argv[*i] against a long option "--name" (with "=value" or a
** separate argument) or a short one "-x" (with the value attached or
** separate).  Sets *val for options that take one. */
static int
match(int argc, char **argv, int *i, const char *shrt, const char *lng, int takes,
      const char **val, struct sz_diags *d)
{
    const char *a = argv[*i];
    size_t ll = lng ? strlen(lng) : 0;
    if (lng && strncmp(a, lng, ll) == 0 && (a[ll] == '\0' || (takes && a[ll] == '='))) {
        if (!takes) {
            (*i)++;
            return 1;
        }
        if (a[ll] == '=') {
            *val = a + ll + 1;
            (*i)++;
            return 1;
        }
    } else if (shrt && strncmp(a, shrt, 2) == 0 && (a[2] == '\0' || takes)) {
        if (!takes) {
            (*i)++;
            return 1;
        }
        if (a[2]) {
            *val = a + 2;
            (*i)++;
            return 1;
        }
    } else {
        return 0;
    }
    if (*i + 1 >= argc) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1, "option %s needs a value", a);
        return -1;
    }
    *val = argv[*i + 1];
    *i += 2;
    return 1;
}

static int
parse_int(const char *opt, const char *v, int lo, int hi, int *out, struct sz_diags *d)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || x < lo || x > hi) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1,
                    "%s takes a whole number from %d to %d, not '%s'", opt, lo, hi, v);
        return -1;
    }
    *out = (int)x;
    return 0;
}

/* A size in bytes with an optional K, M or G; not 0, not negative (strtoull
** would take "-1" for 2^64-1). */
static int
parse_size(const char *opt, const char *v, uint64_t *out, struct sz_diags *d)
{
    char *end;
    errno = 0;
    unsigned long long x = *v >= '0' && *v <= '9' ? strtoull(v, &end, 10) : 0;
    uint64_t mul = 1;
    if (x) {
        if (*end == 'k' || *end == 'K') mul = 1ULL << 10, end++;
        else if (*end == 'm' || *end == 'M') mul = 1ULL << 20, end++;
        else if (*end == 'g' || *end == 'G') mul = 1ULL << 30, end++;
    }
    if (!x || *end || errno || x > UINT64_MAX / mul) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1,
                    "%s takes a positive number of bytes (with K, M or G), not '%s'", opt, v);
        return -1;
    }
    *out = x * mul;
    return 0;
}

int
sz_conv_option(struct sz_conv *c, int argc, char **argv, int *i, struct sz_diags *d)
{
    const char *v = NULL;
    int r;
#define OPT(s, l, t) ((r = match(argc, argv, i, s, l, t, &v, d)) != 0)
    if (OPT("-f", "--from", 1) || OPT("-r", "--read", 1)) {
        if (r > 0) c->from = v;
    } else if (OPT("-t", "--to", 1) || OPT("-w", "--write", 1)) {
        if (r > 0) c->to = v;
    } else if (OPT("-o", "--output", 1)) {
        if (r > 0) c->output = v;
    } else if (OPT("-s", "--standalone", 0)) {
        if (r > 0) c->wopts.standalone = 1;
    } else if (OPT("-M", "--metadata", 1)) {
        if (r > 0) strv_push(&c->meta_kv, v);
    } else if (OPT(NULL, "--metadata-file", 1)) {
        if (r > 0) strv_push(&c->meta_files, v);
    } else if (OPT(NULL, "--template", 1)) {
        if (r > 0) {
            c->template_path = v;
            c->wopts.standalone = 1;     /* as in pandoc, a template means -s */
        }
    } else if (OPT("-V", "--variable", 1)) {
        if (r > 0) strv_push(&c->vars, v);
    } else if (OPT("-L", "--lua-filter", 1)) {
        if (r > 0) strv_push(&c->filters, v);
    } else if (OPT(NULL, "--columns", 1)) {
        if (r > 0 && parse_int("--columns", v, 1, 100000, &c->wopts.columns, d) < 0) r = -1;
    } else if (OPT(NULL, "--toc-depth", 1)) {
        if (r > 0 && parse_int("--toc-depth", v, 1, 6, &c->wopts.toc_depth, d) < 0) r = -1;
    } else if (OPT(NULL, "--split-level", 1) || OPT(NULL, "--epub-chapter-level", 1)) {
        if (r > 0 && parse_int("--split-level", v, 1, 6, &c->wopts.split_level, d) < 0) r = -1;
    } else if (OPT(NULL, "--wrap", 1)) {
        if (r > 0) {
            if (!strcmp(v, "auto")) c->wopts.wrap = SZ_WRAP_AUTO;
            else if (!strcmp(v, "none")) c->wopts.wrap = SZ_WRAP_NONE;
            else if (!strcmp(v, "preserve")) c->wopts.wrap = SZ_WRAP_PRESERVE;
            else {
                sz_diag_add(d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1,
                            "--wrap takes auto, none or preserve, not '%s'", v);
                r = -1;
            }
        }
    } else if (OPT(NULL, "--pandoc-api", 1)) {
        if (r > 0) {
            if (!strcmp(v, "1.23")) c->wopts.api_minor = 23;
            else if (!strcmp(v, "1.22")) c->wopts.api_minor = 22;
            else {
                sz_diag_add(d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1,
                            "--pandoc-api takes 1.23 or 1.22, not '%s'", v);
                r = -1;
            }
        }
    } else if (OPT(NULL, "--css", 1)) {
        if (r > 0) strv_push(&c->css, v);
    } else if (OPT(NULL, "--css-replace", 0)) {
        if (r > 0) c->wopts.css_replace = 1;
    } else if (OPT(NULL, "--epub-cover-image", 1)) {
        if (r > 0) c->wopts.cover_image = v;
    } else if (OPT(NULL, "--epub-embed-font", 1)) {
        if (r > 0) strv_push(&c->fonts, v);
    } else if (OPT(NULL, "--resource-path", 1)) {
        if (r > 0) c->wopts.resource_dir = v;
    } else if (OPT(NULL, "--max-input-size", 1)) {
        if (r > 0 && parse_size("--max-input-size", v, &sz_max_input_size, d) < 0) r = -1;
    } else if (OPT(NULL, "--encoding", 1)) {
        if (r > 0) c->ropts.encoding = v;
    } else if (OPT(NULL, "--no-smart", 0)) {
        if (r > 0) c->ropts.smart = 0;
    } else if (OPT(NULL, "--smart", 0)) {
        if (r > 0) c->ropts.smart = 1;
    } else if (OPT(NULL, "--keep-boilerplate", 0)) {
        if (r > 0) c->ropts.keep_boilerplate = 1;
    } else if (OPT(NULL, "--trace-structure", 0)) {
        if (r > 0) c->ropts.trace = trace_line;
    } else if (OPT("-v", "--verbose", 0)) {
        if (r > 0) c->verbosity = 2;
    } else if (OPT("-q", "--quiet", 0)) {
        if (r > 0) c->verbosity = 0;
    } else {
        return 0;
    }
#undef OPT
    c->wopts.css_files = c->css.v;
    c->wopts.fonts = c->fonts.v;
    return r;
}

static int
ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcasecmp(s + a - b, suf) == 0;
}

const char *
sz_conv_guess_writer(const char *path)
{
    static const struct { const char *ext, *w; } t[] = {
        { ".epub", "epub" }, { ".tei.xml", "tei" }, { ".tei", "tei" }, { ".xml", "tei" },
        { ".txt", "plain" }, { ".text", "plain" }, { ".json", "json" }, { ".html", "html" },
        { ".htm", "html" }, { ".xhtml", "html" }, { ".native", "native" },
        /* written by pandoc */
        { ".docx", "docx" }, { ".odt", "odt" }, { ".tex", "latex" }, { ".rst", "rst" },
        { ".org", "org" }, { ".md", "markdown" }, { ".rtf", "rtf" }, { ".typ", "typst" },
        { ".adoc", "asciidoc" }, { ".pptx", "pptx" }, { ".fb2", "fb2" }, { NULL, NULL }
    };
    if (!path || !strcmp(path, "-"))
        return NULL;
    for (size_t i = 0; t[i].ext; i++)
        if (ends_with(path, t[i].ext))
            return t[i].w;
    return NULL;
}

const char *
sz_conv_guess_reader(const char *path)
{
    if (path && ends_with(path, ".json"))
        return "json";
    if (path && (ends_with(path, ".md") || ends_with(path, ".markdown")) &&
        sz_reader_find("markdown"))
        return "markdown";
    if (path && (ends_with(path, ".html") || ends_with(path, ".htm") ||
                 ends_with(path, ".xhtml")))
        return "html";
    if (path && ends_with(path, ".epub"))
        return "epub";
    /* read by pandoc (unless samizdat has a reader of its own) */
    static const struct { const char *ext, *r; } t[] = {
        { ".docx", "docx" }, { ".odt", "odt" }, { ".tex", "latex" }, { ".rst", "rst" },
        { ".org", "org" }, { ".rtf", "rtf" }, { ".typ", "typst" }, { ".ipynb", "ipynb" },
        { ".fb2", "fb2" }, { ".textile", "textile" }, { ".adoc", "asciidoc" },
        { ".pptx", "pptx" }, { ".xlsx", "xlsx" }, { ".opml", "opml" }, { NULL, NULL }
    };
    for (size_t i = 0; path && t[i].ext; i++)
        if (ends_with(path, t[i].ext))
            return t[i].r;
    return "essay";
}

/* The largest input or metadata file read (--max-input-size): a device
** such as /dev/zero or a mistaken 10 GB file is refused after reading that
** much, not when memory runs out. */
uint64_t sz_max_input_size = SZ_MAX_INPUT_DEFAULT;

static int
too_big(const char *path, struct sz_diags *d)
{
    unsigned long long v = sz_max_input_size;
    const char *unit = " bytes";
    if (v % (1ULL << 30) == 0) v >>= 30, unit = " GiB";
    else if (v % (1ULL << 20) == 0) v >>= 20, unit = " MiB";
    else if (v % (1ULL << 10) == 0) v >>= 10, unit = " KiB";
    sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1,
                "larger than the input size limit of %llu%s (see --max-input-size)", v,
                unit);
    return SZ_EXIT_IO;
}

/* 1 when path is a regular file a reader may open itself (read_path): the
** checks sz_read_file makes before reading, passed; 0 when it is to be read
** by sz_read_file (which reports what is wrong), or is not a regular file. */
static int
openable(const char *path)
{
    struct stat st;
    return strcmp(path, "-") && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
           (uint64_t)st.st_size <= sz_max_input_size;
}

int
sz_read_file(const char *path, struct sz_buf *out, struct sz_diags *d)
{
    FILE *f;
    int is_stdin = !strcmp(path, "-");
    if (is_stdin) {
        f = stdin;
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "cannot read: %s",
                        strerror(errno));
            return SZ_EXIT_IO;
        }
        if (S_ISDIR(st.st_mode)) {
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1,
                        "is a directory, not a document (use 'samizdat batch' for folders)");
            return SZ_EXIT_IO;
        }
        if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > sz_max_input_size)
            return too_big(path, d);
        f = fopen(path, "rb");
        if (!f) {
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "cannot read: %s",
                        strerror(errno));
            return SZ_EXIT_IO;
        }
        /* One allocation of the file's size: a book's bytes are the
        ** largest block a conversion holds. */
        if (S_ISREG(st.st_mode) && st.st_size > 0)
            sz_buf_reserve(out, (size_t)st.st_size);
    }
    char tmp[65536];
    size_t n, start = out->len;
    int big = 0;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if ((uint64_t)(out->len - start) + n > sz_max_input_size) {
            big = 1;
            break;
        }
        sz_buf_put(out, tmp, n);
    }
    int err = ferror(f);
    if (!is_stdin)
        fclose(f);
    if (big)
        return too_big(is_stdin ? "standard input" : path, d);
    if (err) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "read error");
        return SZ_EXIT_IO;
    }
    if (!out->data)
        sz_buf_put(out, "", 0);
    return 0;
}

/* Where writing "path" really lands: a symbolic link is followed to its
** target (as pandoc and shells do), so the link stays and the file it
** names gets the output.  Returns a malloc'd path. */
static char *
resolve_links(const char *path)
{
    char *p = sz_xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            break;
        char target[PATH_MAX];
        ssize_t n = readlink(p, target, sizeof target - 1);
        if (n <= 0)
            break;
        target[n] = '\0';
        char *slash = strrchr(p, '/');
        char *q;
        if (target[0] == '/' || !slash) {
            q = sz_xstrdup(target);
        } else {
            size_t dl = (size_t)(slash - p) + 1;
            q = sz_xmalloc(dl + (size_t)n + 1);
            memcpy(q, p, dl);
            memcpy(q + dl, target, (size_t)n + 1);
        }
        free(p);
        p = q;
    }
    return p;
}

int
sz_temp_is_stale(const char *name, const char *base)
{
    size_t bl = base ? strlen(base) : 0;
    if (base && (strncmp(name, base, bl) != 0 || strncmp(name + bl, ".tmp-", 5) != 0))
        return 0;
    const char *t = base ? name + bl : strstr(name, ".tmp-");
    for (; t; t = base ? NULL : strstr(t + 1, ".tmp-")) {
        const char *p = t + 5;
        size_t digits = strspn(p, "0123456789");
        if (digits && digits < 10 && p[digits] == '-' && strlen(p + digits + 1) == 6) {
            long pid = strtol(p, NULL, 10);
            if (pid <= 0)
                return 0;
            if (kill((pid_t)pid, 0) != 0)
                return errno == ESRCH;
            /* A worker killed with its parent may linger as a zombie that
            ** nobody has reaped yet: it writes nothing more either. */
            char path[64], buf[256];
            snprintf(path, sizeof path, "/proc/%ld/stat", pid);
            FILE *f = fopen(path, "r");
            size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
            if (f)
                fclose(f);
            buf[n] = '\0';
            const char *close_paren = strrchr(buf, ')');
            return close_paren && close_paren[1] == ' ' && close_paren[2] == 'Z';
        }
    }
    return 0;
}

/* Temporary files of this output that a killed run left behind
** ("BASE.tmp-PID-XXXXXX" of a process that is gone). */
static void
clean_stale(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? sz_xmalloc((size_t)(slash - path) + 2) : sz_xstrdup(".");
    if (slash) {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
        if (!dir[0])
            strcpy(dir, "/");
    }
    const char *base = slash ? slash + 1 : path;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (!sz_temp_is_stale(e->d_name, base))
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *q = sz_xmalloc(n);
        snprintf(q, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(q, &st) == 0 && S_ISREG(st.st_mode))
            unlink(q);
        free(q);
    }
    if (d)
        closedir(d);
    free(dir);
}

int
sz_afile_open(struct sz_afile *f, const char *path, struct sz_diags *d)
{
    f->path = resolve_links(path);
    size_t pl = strlen(f->path);
    f->err = 0;
    f->len = 0;
    /* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written into,
    ** as pandoc does: renaming a file over it would replace the device. */
    struct stat dst;
    if (stat(f->path, &dst) == 0 && !S_ISREG(dst.st_mode) && !S_ISDIR(dst.st_mode)) {
        f->tmp = NULL;
        f->fd = open(f->path, O_WRONLY | O_CLOEXEC);
        if (f->fd < 0) {
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "cannot write: %s",
                        strerror(errno));
            free(f->path);
            f->path = NULL;
            return SZ_EXIT_IO;
        }
        return 0;
    }
    f->tmp = sz_xmalloc(pl + 32);
    clean_stale(f->path);
    snprintf(f->tmp, pl + 32, "%s.tmp-%ld-XXXXXX", f->path, (long)getpid());
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, path, 0, 0, -1, "cannot write: %s",
                    strerror(errno));
        free(f->tmp);
        free(f->path);
        f->tmp = f->path = NULL;
        return SZ_EXIT_IO;
    }
    /* mkstemp makes 0600; outputs are ordinary files, and a file written
    ** over keeps its mode. */
    struct stat st;
    if (stat(f->path, &st) == 0 && S_ISREG(st.st_mode)) {
        fchmod(f->fd, st.st_mode & 07777);
    } else {
        mode_t um = umask(0);
        umask(um);
        fchmod(f->fd, 0666 & ~um);
    }
    return 0;
}

static int
afile_flush(struct sz_afile *f)
{
    size_t off = 0;
    while (off < f->len && !f->err) {
        ssize_t w = write(f->fd, f->buf + off, f->len - off);
        if (w < 0) {
            if (errno != EINTR)
                f->err = errno;
            continue;
        }
        off += (size_t)w;
    }
    f->len = 0;
    return f->err ? -1 : 0;
}

static int
afile_write(void *ud, const char *p, size_t n)
{
    struct sz_afile *f = ud;
    if (f->err)
        return -1;
    /* A writer's own buffer handed on (the JSON writer's 16 KB) goes
    ** straight to the file, not through this one's pages as well. */
    int direct = n >= sizeof f->buf / 4;
    if ((direct || f->len + n > sizeof f->buf) && afile_flush(f) < 0)
        return -1;
    if (direct) {
        size_t off = 0;
        while (off < n) {
            ssize_t w = write(f->fd, p + off, n - off);
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                f->err = errno;
                return -1;
            }
            off += (size_t)w;
        }
        return 0;
    }
    memcpy(f->buf + f->len, p, n);
    f->len += n;
    return 0;
}

struct sz_sink
sz_afile_sink(struct sz_afile *f)
{
    struct sz_sink s = { afile_write, f };
    return s;
}

void
sz_afile_abort(struct sz_afile *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp)
        unlink(f->tmp);
    free(f->tmp);
    free(f->path);
    f->fd = -1;
    f->tmp = f->path = NULL;
}

int
sz_afile_commit(struct sz_afile *f, struct sz_diags *d)
{
    afile_flush(f);
    if (!f->err && f->tmp && fsync(f->fd) != 0 && errno != EINVAL)
        f->err = errno;
    if (close(f->fd) != 0 && !f->err)
        f->err = errno;
    f->fd = -1;
    if (!f->err && f->tmp && rename(f->tmp, f->path) != 0)
        f->err = errno;
    if (f->err) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_IO, f->path, 0, 0, -1, "cannot write: %s",
                    strerror(f->err));
        sz_afile_abort(f);
        return SZ_EXIT_IO;
    }
    free(f->tmp);
    free(f->path);
    f->tmp = f->path = NULL;
    return 0;
}

int
sz_write_atomic(const char *path, const char *data, size_t len, struct sz_diags *d)
{
    struct sz_afile *f = sz_xmalloc(sizeof *f);
    int rc = sz_afile_open(f, path, d);
    if (rc == 0) {
        struct sz_sink s = sz_afile_sink(f);
        sz_sink_write(&s, data, len);
        rc = sz_afile_commit(f, d);
    }
    free(f);
    return rc;
}

static int
file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *
sz_find_filter(const char *exe, const char *name)
{
    if (file_exists(name))
        return sz_xstrdup(name);
    if (strchr(name, '/'))
        return NULL;
    char exedir[PATH_MAX] = "";
    ssize_t n = readlink("/proc/self/exe", exedir, sizeof exedir - 1);
    if (n > 0) {
        exedir[n] = '\0';
        char *s = strrchr(exedir, '/');
        if (s)
            *s = '\0';
    } else if (exe && strchr(exe, '/')) {
        snprintf(exedir, sizeof exedir, "%s", exe);
        *strrchr(exedir, '/') = '\0';
    }
    const char *dirs[] = { "%s/../filters", "%s/../../filters", "%s/../share/samizdat/filters" };
    const char *sfx = ends_with(name, ".lua") ? "" : ".lua";
    char path[PATH_MAX + 64];
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && exedir[0]; i++) {
        char dir[PATH_MAX + 32];
        snprintf(dir, sizeof dir, dirs[i], exedir);
        snprintf(path, sizeof path, "%s/%s%s", dir, name, sfx);
        if (file_exists(path))
            return sz_xstrdup(path);
    }
    snprintf(path, sizeof path, "%s/filters/%s%s", SZ_DATADIR, name, sfx);
    if (file_exists(path))
        return sz_xstrdup(path);
    return NULL;
}

static void
env_for(const struct sz_conv *c, const char *to, const char *const *inputs, size_t n,
        struct sz_lua_env *env)
{
    memset(env, 0, sizeof *env);
    env->format = to;
    env->inputs = inputs;
    env->ninputs = n;
    env->output = c->output;
    env->ropts = &c->ropts;
    env->wopts = &c->wopts;
    env->verbosity = c->verbosity;
    env->variables = c->vars.v;
    env->nvariables = c->vars.n;
}

/* FORMAT as pandoc names it: writer name, or the script's base name. */
static const char *
format_name(const char *to)
{
    if (!to)
        return "plain";
    if (!strcmp(to, "epub"))
        return "epub3";
    return to;
}

/* The steps after reading: metadata files, then the document's own metadata
** (a sidecar, in batch mode), -M values, Lua filters. */
static int
load_finish(const struct sz_conv *c, struct sz_doc *doc, int rc, const struct sz_conv_src *src,
            const char *const *inputs, size_t n, const char *to, struct sz_doc **out,
            struct sz_diags *d)
{
    for (size_t i = 0; i < c->meta_files.n && rc == 0; i++) {
        struct sz_buf b = SZ_BUF_INIT;
        rc = sz_read_file(c->meta_files.v[i], &b, d);
        if (rc == 0 && sz_meta_load_yaml(doc, b.data, b.len, c->meta_files.v[i], d) != 0)
            rc = SZ_EXIT_PARSE;
        sz_buf_free(&b);
    }
    if (rc == 0 && src && src->meta &&
        sz_meta_load_yaml(doc, src->meta, src->meta_len, src->meta_name, d) != 0)
        rc = SZ_EXIT_PARSE;
    for (size_t i = 0; i < c->meta_kv.n && rc == 0; i++) {
        const char *kv = c->meta_kv.v[i];
        const char *eq = strchr(kv, '=');
        if (!eq)
            eq = strchr(kv, ':');
        char *key = sz_arena_strndup(doc->arena, kv, eq ? (size_t)(eq - kv) : strlen(kv));
        if (!*key) {
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_USAGE, NULL, 0, 0, -1,
                        "-M takes KEY=VALUE, not '%s'", kv);
            rc = SZ_EXIT_USAGE;
            break;
        }
        if (!eq || !strcmp(eq + 1, "true")) {
            struct sz_node *b = sz_node_new(doc, SZ_META_BOOL);
            b->ival = 1;
            sz_meta_set(doc, key, b);
        } else if (!strcmp(eq + 1, "false")) {
            sz_meta_set(doc, key, sz_node_new(doc, SZ_META_BOOL));
        } else {
            sz_meta_set_string(doc, key, eq + 1);
        }
    }
    sz_diags_move(d, &doc->diags);
    struct sz_lua_env env;
    env_for(c, format_name(to), inputs, n, &env);
    for (size_t i = 0; i < c->filters.n && rc == 0; i++) {
        char *path = sz_find_filter(c->exe, c->filters.v[i]);
        if (!path) {
            sz_diag_add(d, SZ_ERROR, SZ_EXIT_FILTER, c->filters.v[i], 0, 0, -1,
                        "Lua filter not found (neither a file nor a bundled filter)");
            rc = SZ_EXIT_FILTER;
            break;
        }
        rc = sz_lua_filter(&doc, path, &env, d);
        free(path);
    }
    if (rc != 0) {
        sz_doc_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}

int
sz_conv_load(const struct sz_conv *c, const char *const *inputs, size_t n, const char *to,
             struct sz_doc **out, struct sz_diags *d)
{
    static const char *const stdin_only[] = { "-" };
    if (n == 0) {
        inputs = stdin_only;
        n = 1;
    }
    const char *rname = c->from ? c->from : sz_conv_guess_reader(inputs[0]);
    const struct sz_reader *r = sz_reader_find(rname);
    if (!r && sz_pandoc_knows(rname, 0)) {
        /* a format samizdat lacks: pandoc reads it, by the files' names */
        struct sz_doc *doc = sz_doc_new(inputs[0]);
        int rc;
        if (n == 1 && !strcmp(inputs[0], "-")) {
            struct sz_buf b = SZ_BUF_INIT;
            rc = sz_read_file("-", &b, d);
            if (rc == 0)
                rc = sz_pandoc_read(doc, rname, NULL, 0, b.data, b.len, d);
            sz_buf_free(&b);
        } else {
            rc = sz_pandoc_read(doc, rname, inputs, n, NULL, 0, d);
        }
        return load_finish(c, doc, rc, NULL, inputs, n, to, out, d);
    }
    if (!r) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_UNKNOWN_READER, NULL, 0, 0, -1,
                    "unknown input format '%s' (see --list-input-formats)", rname);
        return SZ_EXIT_UNKNOWN_READER;
    }
    struct sz_doc *doc = sz_doc_new(inputs[0]);
    struct sz_ropts ro = c->ropts;
    /* the JSON and native writers show a packed line's Str themselves */
    ro.packed_lines = !c->filters.n && to && (!strcmp(to, "json") || !strcmp(to, "native"));
    int rc = 0;
    int concat = strcmp(r->name, "json") != 0;
    struct sz_buf all = SZ_BUF_INIT;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (r->read_path && !(concat && n > 1) && openable(inputs[i])) {
            ro.filename = inputs[i];
            if (r->read_path(doc, inputs[i], &ro) != 0)
                rc = sz_diags_error_code(&doc->diags) ? sz_diags_error_code(&doc->diags)
                                                     : SZ_EXIT_PARSE;
            continue;
        }
        struct sz_buf b = SZ_BUF_INIT;
        rc = sz_read_file(inputs[i], &b, d);
        if (rc == 0) {
            if (concat && n > 1) {
                /* Several text inputs are one text, as in pandoc, with a
                ** blank line so paragraphs never run together. */
                if (all.len)
                    sz_buf_puts(&all, "\n\n");
                sz_buf_put(&all, b.data, b.len);
            } else {
                ro.filename = inputs[i];
                if ((r->read_buf ? r->read_buf(doc, &b, &ro)
                                 : r->read(doc, b.data, b.len, &ro)) != 0)
                    rc = sz_diags_error_code(&doc->diags) ? sz_diags_error_code(&doc->diags)
                                                         : SZ_EXIT_PARSE;
            }
        }
        sz_buf_free(&b);
    }
    if (rc == 0 && concat && n > 1) {
        ro.filename = inputs[0];
        if ((r->read_buf && all.data ? r->read_buf(doc, &all, &ro)
                                     : r->read(doc, all.data ? all.data : "", all.len, &ro)) != 0)
            rc = sz_diags_error_code(&doc->diags) ? sz_diags_error_code(&doc->diags)
                                                 : SZ_EXIT_PARSE;
    }
    sz_buf_free(&all);
    return load_finish(c, doc, rc, NULL, inputs, n, to, out, d);
}

int
sz_conv_render(const struct sz_conv *c, const struct sz_doc *doc, const char *to,
               const char *const *inputs, size_t n, struct sz_buf *out, struct sz_diags *d)
{
    struct sz_sink sink = sz_sink_buf(out);
    return sz_conv_render_sink(c, doc, to, inputs, n, &sink, d);
}

/* The writer's output for doc (a Lua writer's, or a built-in one's). */
static int
render_with(const struct sz_conv *c, const struct sz_doc *doc, const char *to,
            const char *const *inputs, size_t n, const struct sz_wopts *wo,
            struct sz_sink *out, struct sz_diags *d)
{
    if (ends_with(to, ".lua")) {
        struct sz_lua_env env;
        env_for(c, to, inputs, n, &env);
        env.wopts = wo;
        return sz_lua_write(doc, to, &env, out, d);
    }
    const struct sz_writer *w = sz_writer_find(to);
    if (!w) {
        if (sz_pandoc_knows(to, 1))
            return sz_pandoc_write(doc, to, wo, out, d);
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_UNKNOWN_WRITER, NULL, 0, 0, -1,
                    "unknown output format '%s' (see --list-output-formats)", to);
        return SZ_EXIT_UNKNOWN_WRITER;
    }
    struct sz_diags wd;
    sz_diags_init(&wd);
    int rc = w->write(doc, wo, out, &wd);
    if (rc != 0) {
        rc = sz_diags_error_code(&wd);
        if (!rc) {
            sz_diag_add(&wd, SZ_ERROR, SZ_EXIT_WRITER, NULL, 0, 0, -1, "the %s writer failed",
                        w->name);
            rc = SZ_EXIT_WRITER;
        }
    }
    sz_diags_move(d, &wd);
    return rc;
}

int
sz_conv_render_sink(const struct sz_conv *c, const struct sz_doc *doc, const char *to,
                    const char *const *inputs, size_t n, struct sz_sink *out,
                    struct sz_diags *d)
{
    struct sz_wopts wo = c->wopts;
    if (!wo.input_name && n > 0)
        wo.input_name = inputs[0];
    if (!wo.output_file)
        wo.output_file = c->output;
    if (!c->template_path)
        return render_with(c, doc, to, inputs, n, &wo, out, d);
    /* --template: the writer's body goes into the template, with the
    ** document's metadata and the -V variables. */
    const struct sz_writer *w = sz_writer_find(to);
    if ((w && (w->flags & SZ_WRITER_BINARY)) || (!w && !ends_with(to, ".lua"))) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_USAGE, c->template_path, 0, 0, -1,
                    "--template works with the text writers (plain, html, json, native, tei) "
                    "and Lua writers, not with %s", to);
        return SZ_EXIT_USAGE;
    }
    wo.standalone = 0;
    wo.body_only = 1;
    struct sz_buf body = SZ_BUF_INIT;
    struct sz_sink bs = sz_sink_buf(&body);
    int rc = render_with(c, doc, to, inputs, n, &wo, &bs, d);
    if (rc == 0) {
        struct sz_lua_env env;
        env_for(c, format_name(to), inputs, n, &env);
        env.wopts = &wo;
        rc = sz_lua_template(doc, body.data ? body.data : "", body.len, c->template_path,
                             &env, out, d);
    }
    sz_buf_free(&body);
    return rc;
}

int
sz_conv_load_mem(const struct sz_conv *c, const struct sz_conv_src *src, const char *to,
                 struct sz_doc **out, struct sz_diags *d)
{
    const char *rname = c->from ? c->from : sz_conv_guess_reader(src->name);
    const struct sz_reader *r = sz_reader_find(rname);
    /* Batch mode runs no pandoc: a member named for a format only pandoc
    ** reads is taken as text, as it always was. */
    if (!r && !c->from && sz_pandoc_knows(rname, 0))
        r = sz_reader_find("essay");
    if (!r) {
        sz_diag_add(d, SZ_ERROR, SZ_EXIT_UNKNOWN_READER, NULL, 0, 0, -1,
                    "unknown input format '%s' (see --list-input-formats)", rname);
        return SZ_EXIT_UNKNOWN_READER;
    }
    struct sz_doc *doc = sz_doc_new(src->name);
    struct sz_ropts ro = c->ropts;
    int rc = 0;
    ro.filename = src->name;
    if (r->read(doc, src->data ? src->data : "", src->len, &ro) != 0)
        rc = sz_diags_error_code(&doc->diags) ? sz_diags_error_code(&doc->diags) : SZ_EXIT_PARSE;
    const char *const inputs[] = { src->name };
    return load_finish(c, doc, rc, src, inputs, 1, to, out, d);
}
