/*
** batch.c
** samizdat batch: options, the list of documents, resuming, the summary.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "cli/batch.h"

static const char usage[] =
    "Usage: samizdat batch [OPTIONS] INPUT... -o OUTDIR\n"
    "Convert many documents at once.  INPUT is a folder (walked recursively for\n"
    ".txt .text .md .markdown .json .html .htm .xhtml .epub files), a .zip archive\n"
    "(read in place), a tarball (.tar .tar.gz .tgz .tar.bz2 .tar.xz .tar.zst) or\n"
    ".7z (read as a stream; zips and tarballs inside are opened too, 3 deep), a\n"
    "single file, or - for a list of such paths on standard input, one a line.\n"
    "Outputs mirror the input tree below OUTDIR (members of an archive go below a\n"
    "folder named after it); OUTDIR/manifest.jsonl gets one JSON line per document.\n"
    "A document NAME.txt may have its own metadata in NAME.yaml beside it.\n"
    "\n"
    "  -o, --output OUTDIR      where the outputs go (created if missing)\n"
    "  -t, --to FORMAT[,FORMAT] output formats, each document read once\n"
    "                           (default epub); filters see the first as FORMAT\n"
    "  -j, --jobs N             documents converted at once (default: cores)\n"
    "      --timeout SECONDS    give up on a document after this long (default none)\n"
    "      --shard K/N          convert only the K-th of N shares of the inputs\n"
    "      --force              convert everything, even what is up to date\n"
    "      --status             sum up OUTDIR's manifests (every shard's): done,\n"
    "                           failed by reason, and pending of the INPUTs given\n"
    "      --max-size BYTES     largest archive member (default 256M)\n"
    "      --max-total-size BYTES  most text one archive may inflate to (default 4G)\n"
    "      --max-ratio N        highest compression ratio of a member over 1 MB\n"
    "                           (default 100)\n"
    "      --max-members N      most members of one archive (default 1000000)\n"
    "      --max-memory BYTES   address space of one worker (default no limit):\n"
    "                           a document that needs more fails alone\n"
    "  -q, --quiet              no progress, no summary;  -v: list skipped files\n"
    "  and every conversion option of samizdat (-f, -M, --metadata-file, -L,\n"
    "  --columns, --toc-depth, --css, ...; see samizdat --help).\n"
    "\n"
    "Exit codes: 0 every document converted (perhaps with warnings), 1 input or\n"
    "output error (OUTDIR, manifest, a missing INPUT), 2 usage, 3 some documents\n"
    "failed (see the manifest), 22 unknown output format, 130 interrupted.\n";

static int
parse_size(const char *opt, const char *v, uint64_t *out)
{
    char *end;
    errno = 0;
    /* strtoull takes "-1" as 2^64-1, which would switch a guard off. */
    if (*v < '0' || *v > '9') {
        fprintf(stderr, "samizdat: batch: %s takes a positive number (with K, M or G), not "
                "'%s'\n", opt, v);
        return -1;
    }
    unsigned long long x = strtoull(v, &end, 10);
    uint64_t mul = 1;
    if (*end == 'k' || *end == 'K') mul = 1ULL << 10, end++;
    else if (*end == 'm' || *end == 'M') mul = 1ULL << 20, end++;
    else if (*end == 'g' || *end == 'G') mul = 1ULL << 30, end++;
    if (!*v || *end || errno || x == 0 || x > UINT64_MAX / mul) {
        fprintf(stderr, "samizdat: batch: %s takes a positive number (with K, M or G), not "
                "'%s'\n", opt, v);
        return -1;
    }
    *out = x * mul;
    return 0;
}

/* Options of batch itself (not of the conversion); returns 1 when argv[*i]
** was one, 0 when not, -1 on a bad value. */
static int
batch_option(struct sz_batch *b, int argc, char **argv, int *i)
{
    static const char *const names[] = { "-o", "--output", "-j", "--jobs", "--timeout",
                                         "--shard", "--max-size", "--max-total-size",
                                         "--max-ratio", "--max-memory", "--max-members",
                                         NULL };
    const char *a = argv[*i], *v = NULL, *name = NULL;
    if (!strcmp(a, "--force")) {
        b->force = 1;
        (*i)++;
        return 1;
    }
    if (!strcmp(a, "--status")) {
        b->status = 1;
        (*i)++;
        return 1;
    }
    for (size_t k = 0; names[k] && !name; k++) {
        size_t l = strlen(names[k]);
        if (strncmp(a, names[k], l) != 0)
            continue;
        if (a[l] == '\0') {
            if (*i + 1 >= argc) {
                fprintf(stderr, "samizdat: batch: option %s needs a value\n", a);
                return -1;
            }
            name = names[k];
            v = argv[*i + 1];
            *i += 2;
        } else if (a[l] == '=' && a[1] == '-') {
            name = names[k];
            v = a + l + 1;
            (*i)++;
        } else if (a[1] != '-' && l == 2) {
            name = names[k];
            v = a + 2;
            (*i)++;
        }
    }
    if (!name)
        return 0;
    char *end;
    if (!strcmp(name, "-o") || !strcmp(name, "--output")) {
        b->outdir = v;
    } else if (!strcmp(name, "-j") || !strcmp(name, "--jobs")) {
        long x = strtol(v, &end, 10);
        if (!*v || *end || x < 1 || x > 1024) {
            fprintf(stderr, "samizdat: batch: -j takes a number from 1 to 1024, not '%s'\n", v);
            return -1;
        }
        b->jobs = (int)x;
    } else if (!strcmp(name, "--timeout")) {
        double x = strtod(v, &end);
        if (!*v || *end || !(x > 0) || x > 1e7) {
            fprintf(stderr, "samizdat: batch: --timeout takes seconds (> 0), not '%s'\n", v);
            return -1;
        }
        b->timeout = x;
    } else if (!strcmp(name, "--shard")) {
        unsigned k, n;
        char c;
        if (sscanf(v, "%u/%u%c", &k, &n, &c) != 2 || n < 1 || k < 1 || k > n) {
            fprintf(stderr, "samizdat: batch: --shard takes K/N with 1 <= K <= N, not '%s'\n",
                    v);
            return -1;
        }
        b->shard_k = k;
        b->shard_n = n;
    } else if (!strcmp(name, "--max-size")) {
        return parse_size(name, v, &b->max_member) ? -1 : 1;
    } else if (!strcmp(name, "--max-total-size")) {
        return parse_size(name, v, &b->max_total) ? -1 : 1;
    } else if (!strcmp(name, "--max-memory")) {
        return parse_size(name, v, &b->max_memory) ? -1 : 1;
    } else if (!strcmp(name, "--max-ratio")) {
        return parse_size(name, v, &b->max_ratio) ? -1 : 1;
    } else if (!strcmp(name, "--max-members")) {
        return parse_size(name, v, &b->max_members) ? -1 : 1;
    }
    return 1;
}

static void
hash_file(struct sz_sha256 *s, const char *what, const char *path)
{
    char sha[65] = "missing";
    if (path)
        sz_sha256_file(path, sha, NULL);
    sz_sha256_update(s, what, strlen(what));
    sz_sha256_update(s, sha, strlen(sha));
}

/* Everything that shapes the outputs: the version, the conversion options
** as given, and the contents of the files they name. */
static void
options_hash(struct sz_batch *b, const struct sz_buf *opts)
{
    struct sz_sha256 s;
    sz_sha256_init(&s);
    const char *ver = "samizdat " SZ_VERSION "\n";
    sz_sha256_update(&s, ver, strlen(ver));
    sz_sha256_update(&s, opts->data ? opts->data : "", opts->len);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    sz_sha256_update(&s, "SDE=", 4);
    if (sde)
        sz_sha256_update(&s, sde, strlen(sde));
    const struct sz_conv *c = &b->conv;
    for (size_t i = 0; i < c->meta_files.n; i++)
        hash_file(&s, "meta", c->meta_files.v[i]);
    for (size_t i = 0; i < c->filters.n; i++) {
        char *p = sz_find_filter(c->exe, c->filters.v[i]);
        hash_file(&s, "filter", p);
        free(p);
    }
    for (size_t i = 0; i < c->css.n; i++)
        hash_file(&s, "css", c->css.v[i]);
    for (size_t i = 0; i < c->fonts.n; i++)
        hash_file(&s, "font", c->fonts.v[i]);
    if (c->wopts.cover_image)
        hash_file(&s, "cover", c->wopts.cover_image);
    for (size_t f = 0; f < b->nformats; f++)
        if (strstr(b->formats[f], ".lua"))
            hash_file(&s, "writer", b->formats[f]);
    sz_sha256_hex(&s, b->opt_sha);
}

static int
parse_formats(struct sz_batch *b, const char *list)
{
    char *copy = b->fmt_copy = sz_xstrdup(list);
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    b->formats = sz_xmalloc((cap + 1) * sizeof *b->formats);
    b->exts = sz_xmalloc((cap + 1) * sizeof *b->exts);
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        size_t tl = strlen(t);
        const char *ext;
        if (tl > 4 && !strcmp(t + tl - 4, ".lua")) {
            /* A custom writer: its outputs are named after the script. */
            const char *base = strrchr(t, '/');
            base = base ? base + 1 : t;
            char *e = sz_xstrdup(base);
            e[strlen(e) - 4] = '\0';
            ext = e;
        } else {
            const struct sz_writer *w = sz_writer_find(t);
            if (!w) {
                fprintf(stderr, "samizdat: batch: unknown output format '%s' "
                        "(see samizdat --list-output-formats)\n", t);
                return SZ_EXIT_UNKNOWN_WRITER;
            }
            t = (char *)w->name;
            ext = w->ext;
        }
        for (size_t f = 0; f < b->nformats; f++)
            if (!strcmp(b->exts[f], ext)) {
                fprintf(stderr, "samizdat: batch: two formats would both write .%s files\n",
                        ext);
                return SZ_EXIT_USAGE;
            }
        b->formats[b->nformats] = t;
        b->exts[b->nformats++] = ext;
    }
    b->formats[b->nformats] = NULL;
    b->exts[b->nformats] = NULL;
    if (!b->nformats) {
        fprintf(stderr, "samizdat: batch: -t names no format\n");
        return SZ_EXIT_USAGE;
    }
    return 0;
}

static int
mkdir_p(const char *path)
{
    char *p = sz_xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; rc == 0; s++) {
        s = strchr(s, '/');
        if (s)
            *s = '\0';
        struct stat st;
        if (stat(p, &st) != 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        if (!s)
            break;
        *s = '/';
    }
    free(p);
    return rc;
}

/* FNV-1a: stable across machines and runs, which is all --shard needs. */
static uint64_t
fnv1a(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Shards split by the output path without its extension: a.txt and a.md,
** which both write a.epub, land in the same shard, where the second is
** refused as a duplicate. */
static uint64_t
stem_hash(const char *rel)
{
    char *s = sz_xstrdup(rel);
    char *slash = strrchr(s, '/'), *dot = strrchr(slash ? slash + 1 : s, '.');
    if (dot && dot != (slash ? slash + 1 : s))
        *dot = '\0';
    uint64_t h = fnv1a(s);
    free(s);
    return h;
}

int
sz_batch_in_shard(const struct sz_batch *b, const char *rel)
{
    return b->shard_n <= 1 || stem_hash(rel) % b->shard_n == b->shard_k - 1;
}

/* Two runs into one OUTDIR would mix their outputs and manifests: a run
** holds OUTDIR/.samizdat.lock, exclusively, for as long as it runs.  Shards
** of one job share OUTDIR: each holds the lock shared and its own
** .samizdat-K-of-N.lock exclusively.  The locks go with the process (an
** fd held open), so a killed run leaves none behind. */
static int lock_fds[2] = { -1, -1 };

static int
lock_one(const struct sz_batch *b, const char *name, int how, int slot)
{
    size_t pl = strlen(b->outdir) + strlen(name) + 2;
    char *p = sz_xmalloc(pl);
    snprintf(p, pl, "%s/%s", b->outdir, name);
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        fprintf(stderr, "samizdat: batch: cannot open %s: %s\n", p, strerror(errno));
        free(p);
        return SZ_EXIT_IO;
    }
    if (flock(fd, how | LOCK_NB) != 0) {
        int e = errno;
        if (e == EWOULDBLOCK)
            fprintf(stderr, "samizdat: batch: %s is in use by another batch run (%s is locked)"
                    "%s\n", b->outdir, p,
                    b->shard_n > 1 ? "; shards share an OUTDIR only with each other, each "
                                     "K once" : "");
        else
            fprintf(stderr, "samizdat: batch: cannot lock %s: %s\n", p, strerror(e));
        close(fd);
        free(p);
        return SZ_EXIT_IO;
    }
    lock_fds[slot] = fd;
    free(p);
    return 0;
}

static int
take_lock(const struct sz_batch *b)
{
    if (b->shard_n <= 1)
        return lock_one(b, ".samizdat.lock", LOCK_EX, 0);
    char name[64];
    snprintf(name, sizeof name, ".samizdat-%u-of-%u.lock", b->shard_k, b->shard_n);
    int rc = lock_one(b, ".samizdat.lock", LOCK_SH, 0);
    return rc ? rc : lock_one(b, name, LOCK_EX, 1);
}

void
sz_batch_child_locks(void)
{
    /* The parent's descriptions stay locked; the worker's copies go, so a
    ** worker outliving a killed parent cannot hold OUTDIR. */
    for (int i = 0; i < 2; i++)
        if (lock_fds[i] >= 0)
            close(lock_fds[i]);
}

static void
drop_lock(void)
{
    for (int i = 0; i < 2; i++)
        if (lock_fds[i] >= 0) {
            close(lock_fds[i]);
            lock_fds[i] = -1;
        }
}

static const struct sz_batch *sort_b;

static int
by_size_desc(const void *a, const void *c)
{
    const struct sz_bjob *x = &sort_b->v[*(const size_t *)a], *y = &sort_b->v[*(const size_t *)c];
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return strcmp(x->rel, y->rel);
}

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
free_batch(struct sz_batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        sz_batch_job_clear(&b->v[i]);
    free(b->v);
    for (size_t i = 0; i < b->nroots; i++)
        free(b->roots[i]);
    free(b->roots);
    for (size_t i = 0; i < b->nstreams; i++) {
        free(b->streams[i].path);
        free(b->streams[i].zmember);
        free(b->streams[i].rel);
    }
    free(b->streams);
    for (size_t f = 0; f < b->nformats; f++)
        if (strstr(b->formats[f], ".lua"))
            free((char *)b->exts[f]);
    free(b->formats);
    free(b->exts);
    free(b->fmt_copy);
    sz_conv_free(&b->conv);
}

int
sz_batch_main(int argc, char **argv)
{
    struct sz_batch b;
    struct sz_diags d;
    struct sz_buf opts = SZ_BUF_INIT;
    const char **inputs = sz_xmalloc((size_t)argc * sizeof *inputs);
    size_t ninputs = 0;
    int rc = 0;

    memset(&b, 0, sizeof b);
    sz_conv_init(&b.conv, argv[0]);
    sz_diags_init(&d);
    b.max_member = SZ_BATCH_MAX_MEMBER;
    b.max_total = SZ_BATCH_MAX_TOTAL;
    b.max_ratio = SZ_BATCH_MAX_RATIO;
    b.max_members = SZ_BATCH_MAX_MEMBERS;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    b.jobs = cores > 0 ? (int)cores : 1;

    for (int i = 1; i < argc;) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            goto out;
        }
        if (!strcmp(a, "--")) {
            for (i++; i < argc; i++)
                inputs[ninputs++] = argv[i];
            break;
        }
        int r = batch_option(&b, argc, argv, &i);
        if (r < 0) {
            rc = SZ_EXIT_USAGE;
            goto out;
        }
        if (r > 0)
            continue;
        int start = i;
        r = sz_conv_option(&b.conv, argc, argv, &i, &d);
        if (r < 0) {
            rc = SZ_EXIT_USAGE;
            goto out;
        }
        if (r > 0) {
            if (strcmp(a, "-q") && strcmp(a, "--quiet") && strcmp(a, "-v") &&
                strcmp(a, "--verbose"))
                for (int k = start; k < i; k++) {
                    sz_buf_puts(&opts, argv[k]);
                    sz_buf_putc(&opts, '\0');
                }
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "samizdat: batch: unknown option %s (see samizdat batch --help)\n",
                    a);
            rc = SZ_EXIT_USAGE;
            goto out;
        }
        inputs[ninputs++] = a;
        i++;
    }
    b.verbosity = b.conv.verbosity;
    if (b.status) {
        /* --status OUTDIR, or --status INPUT... -o OUTDIR */
        if (!b.outdir && ninputs) {
            b.outdir = inputs[--ninputs];
        }
        if (!b.outdir) {
            fputs("samizdat: batch: --status needs the OUTDIR\n", stderr);
            rc = SZ_EXIT_USAGE;
            goto out;
        }
        b.lim.max_member = b.max_member;
        b.lim.max_total = b.max_total;
        b.lim.max_ratio = b.max_ratio;
        b.lim.max_members = b.max_members;
        b.verbosity = 0;
        rc = sz_batch_status(&b, inputs, ninputs);
        goto out;
    }
    if (!b.outdir || !ninputs) {
        fputs(!b.outdir ? "samizdat: batch: name the output folder with -o OUTDIR\n"
                        : "samizdat: batch: name at least one INPUT (folder, .zip, file or -)\n",
              stderr);
        fputs("Usage: samizdat batch [OPTIONS] INPUT... -o OUTDIR (see --help)\n", stderr);
        rc = SZ_EXIT_USAGE;
        goto out;
    }
    if ((rc = parse_formats(&b, b.conv.to ? b.conv.to : "epub")) != 0)
        goto out;
    options_hash(&b, &opts);
    b.lim.max_member = b.max_member;
    b.lim.max_total = b.max_total;
    b.lim.max_ratio = b.max_ratio;
    b.lim.max_members = b.max_members;

    if (mkdir_p(b.outdir) != 0) {
        fprintf(stderr, "samizdat: batch: cannot create %s: %s\n", b.outdir, strerror(errno));
        rc = SZ_EXIT_IO;
        goto out;
    }
    struct stat ost;
    if (stat(b.outdir, &ost) != 0 || !S_ISDIR(ost.st_mode)) {
        fprintf(stderr, "samizdat: batch: %s is not a folder\n", b.outdir);
        rc = SZ_EXIT_IO;
        goto out;
    }
    b.outdir_dev = ost.st_dev;
    b.outdir_ino = ost.st_ino;
    b.outdir_dev_set = 1;
    if ((rc = take_lock(&b)) != 0)
        goto out;
    for (size_t i = 0; i < ninputs; i++) {
        struct stat st;
        if (stat(inputs[i], &st) == 0 && st.st_dev == ost.st_dev && st.st_ino == ost.st_ino) {
            fprintf(stderr, "samizdat: batch: the output folder cannot be an input folder\n");
            rc = SZ_EXIT_USAGE;
            goto out;
        }
    }

    double t0 = now_s();
    for (size_t i = 0; i < ninputs; i++)
        if (sz_batch_add_input(&b, inputs[i]) != 0)
            rc = SZ_EXIT_IO;
    if (rc)
        goto out;
    if (b.shard_n > 1) {
        size_t k = 0;
        for (size_t i = 0; i < b.n; i++) {
            if (stem_hash(b.v[i].rel) % b.shard_n == b.shard_k - 1)
                b.v[k++] = b.v[i];
            else {
                free(b.v[i].input);
                free(b.v[i].member);
                free(b.v[i].rel);
                free(b.v[i].sidecar);
                free(b.v[i].error);
            }
        }
        b.n = k;
    }
    sz_batch_dedupe(&b);
    if ((rc = sz_batch_guard_outputs(&b)) != 0)
        goto out;

    if ((rc = sz_manifest_open(&b)) != 0)
        goto out;
    sz_batch_clean_temps(&b);

    size_t *order = sz_xmalloc((b.n + 1) * sizeof *order), norder = 0;
    struct sz_pool *pool = sz_pool_new(&b);
    for (size_t i = 0; i < b.n; i++) {
        struct sz_bjob *j = &b.v[i];
        b.ntotal++;
        if (j->error) {
            sz_batch_record(&b, j, pool);
        } else if (!b.force && sz_manifest_up_to_date(&b, j, NULL, NULL)) {
            b.nuptodate++;
        } else {
            order[norder++] = i;
        }
    }
    /* Longest first: the last documents to finish are short ones, so the
    ** workers run out of work together. */
    sort_b = &b;
    qsort(order, norder, sizeof *order, by_size_desc);
    b.more = b.nstreams > 0;
    int rr = 0;
    for (size_t k = 0; k < norder && !rr; k++) {
        struct sz_bjob *j = &b.v[order[k]];
        if (!j->member) {
            rr = sz_pool_submit(pool, j, NULL, NULL);
            continue;
        }
        /* A zip member: read here, through the one open archive. */
        struct sz_buf in = SZ_BUF_INIT, side = SZ_BUF_INIT;
        const char *err = NULL;
        if (sz_batch_parent_read(&b, j->input, j->index, &in, &err) != 0 ||
            (j->sidecar && sz_batch_parent_read(&b, j->input, j->sidecar_index, &side, &err) != 0)) {
            j->error = sz_xstrdup(err ? err : "cannot read the member");
            j->status = SZ_B_FAILED;
            sz_batch_record(&b, j, pool);
        } else {
            rr = sz_pool_submit(pool, j, &in, j->sidecar ? &side : NULL);
        }
        sz_buf_free(&in);
        sz_buf_free(&side);
    }
    free(order);
    if (b.nstreams) {
        struct sz_bstems *seen = sz_bstems_new(&b);
        for (size_t k = 0; k < b.nstreams && !rr; k++)
            rr = sz_batch_stream(&b, pool, &b.streams[k], seen);
        sz_bstems_free(seen);
    }
    b.more = 0;
    int pr = sz_pool_finish(pool);
    if (!rr)
        rr = pr;
    sz_manifest_close();
    size_t *cnt = b.cnt;
    long maxrss = b.maxrss_kb;
    uint64_t bytes = b.bytes_ok;
    size_t nuptodate = b.nuptodate;
    double el = now_s() - t0;
    if (b.verbosity >= 1) {
        char *mname = sz_manifest_name(&b);
        fprintf(stderr,
                "samizdat: batch: %zu documents: %zu converted (%zu with warnings), %zu failed, "
                "%zu skipped, %zu up to date; %zu other files ignored\n",
                b.ntotal, cnt[SZ_B_OK] + cnt[SZ_B_WARNINGS], cnt[SZ_B_WARNINGS], cnt[SZ_B_FAILED],
                cnt[SZ_B_SKIPPED], nuptodate, b.nnontext);
        fprintf(stderr,
                "samizdat: batch: %.2f s, %.1f documents/s, %.2f MB/s with %d workers, "
                "peak worker memory %.1f MB; manifest: %s/%s\n",
                el, el > 0 ? (double)(cnt[SZ_B_OK] + cnt[SZ_B_WARNINGS]) / el : 0.0,
                el > 0 ? (double)bytes / 1e6 / el : 0.0, b.jobs, (double)maxrss / 1024.0,
                b.outdir, mname);
        free(mname);
    }
    if (rr)
        rc = rr;
    else if (!rc && cnt[SZ_B_FAILED])
        rc = SZ_BATCH_EXIT_FAILED;
out:
    drop_lock();
    sz_buf_free(&opts);
    for (const struct sz_diag *x = d.first; x; x = x->next) {
        struct sz_buf m = SZ_BUF_INIT;
        sz_diag_format(x, &m);
        fprintf(stderr, "samizdat: batch: %s\n", m.data ? m.data : "");
        sz_buf_free(&m);
    }
    sz_diags_free(&d);
    free_batch(&b);
    free(inputs);
    return rc;
}
