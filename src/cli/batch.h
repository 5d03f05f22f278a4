/*
** batch.h
** samizdat batch: whole folders and archives of texts, shared by batch_*.c.
** See LICENSE.
*/
#ifndef SZ_BATCH_H
#define SZ_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cli/conv.h"

/** Entry point of `samizdat batch ARGS...` (argv[0] is "batch"). Returns the
** process exit code. */
int sz_batch_main(int argc, char **argv);

/* Exit codes of batch, besides SZ_EXIT_IO (1) and SZ_EXIT_USAGE (2). */
#define SZ_BATCH_EXIT_FAILED 3     /* some documents failed; the rest are done */
#define SZ_BATCH_EXIT_INTERRUPTED 130

/* Limits against zip bombs, overridable on the command line. */
#ifndef SZ_BATCH_MAX_MEMBER
#define SZ_BATCH_MAX_MEMBER (256ULL << 20)   /* no real book is 256 MiB of text */
#endif
#ifndef SZ_BATCH_MAX_TOTAL
#define SZ_BATCH_MAX_TOTAL (4ULL << 30)      /* per archive, uncompressed */
#endif
#ifndef SZ_BATCH_MAX_RATIO
#define SZ_BATCH_MAX_RATIO 100               /* text deflates 3-5x; bombs 1000x */
#endif
#ifndef SZ_BATCH_MAX_MEMBERS
#define SZ_BATCH_MAX_MEMBERS 1000000ULL      /* members of one archive */
#endif
/* Archives opened inside an archive, counting the outer one: a tarball of
** per-book zips is 2; nobody needs a zip in a zip in a tarball in a ... */
#define SZ_BATCH_MAX_DEPTH 3
/* Warnings kept per document in the manifest (the count is always kept). */
#define SZ_BATCH_MAX_WARNINGS 20

/* SHA-256. */
struct sz_sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t fill;
};
void sz_sha256_init(struct sz_sha256 *s);
void sz_sha256_update(struct sz_sha256 *s, const void *data, size_t n);
/** Finishes and writes 64 hex digits and a NUL. */
void sz_sha256_hex(struct sz_sha256 *s, char out[65]);
void sz_sha256_buf(const void *data, size_t n, char out[65]);
/** SHA-256 of a file; returns 0, or -1 when it cannot be read. */
int sz_sha256_file(const char *path, char out[65], uint64_t *size);

enum sz_bstatus { SZ_B_PENDING = 0, SZ_B_OK, SZ_B_WARNINGS, SZ_B_FAILED, SZ_B_SKIPPED };

/* The limits one archive is read under. */
struct sz_blimits {
    uint64_t max_member, max_total, max_ratio, max_members;
};

struct sz_pool;

/* An archive read as a stream: an INPUT file, or a tarball or zip inside a
** zip INPUT (zindex >= 0: that member of the zip at path). */
struct sz_bstream {
    char *path;
    int64_t zindex;
    char *zmember;             /* the member's name in the zip, or NULL */
    char *rel;                 /* output folder of its members */
};

/* One written output of a document. */
struct sz_bout {
    char *format;
    char *path;                /* relative to OUTDIR */
    uint64_t size;
    char sha[65];
};

/* One input document (a file, or a member of an archive). */
struct sz_bjob {
    char *input;               /* file path, or the archive's path */
    char *member;              /* archive member name, or NULL */
    int64_t index;             /* member index in the archive */
    char *rel;                 /* output path below OUTDIR, input extension kept */
    const char *root;          /* the INPUT folder it was found in (its images may
                                  come from anywhere below), or NULL */
    char *sidecar;             /* NAME.yaml: file path or member name, or NULL */
    int64_t sidecar_index;
    uint64_t size;             /* uncompressed input bytes */
    char *error;               /* set before conversion: not converted */
    enum sz_bstatus status;
    /* results */
    char in_sha[65], side_sha[65];
    struct sz_bout *outs;
    size_t nouts;
    char **warnings;
    size_t nwarnings, nwarnings_total;
    long ms;
    long maxrss_kb;
    int transient;             /* a member of a streamed archive: freed once recorded */
};

/* The whole run. */
struct sz_batch {
    struct sz_conv conv;
    const char **formats;      /* writer names or .lua paths, NULL-terminated */
    const char **exts;         /* matching output extensions */
    size_t nformats;
    char *fmt_copy;            /* the -t list, split in place */
    const char *outdir;
    int jobs;
    double timeout;            /* seconds per document, 0 = none */
    unsigned shard_k, shard_n; /* 1-based K of N; N = 0: no sharding */
    uint64_t max_member, max_total, max_ratio, max_members;
    uint64_t max_memory;       /* RLIMIT_AS of a worker, 0 = none */
    int force;                 /* ignore the manifest: convert everything */
    int status;                /* --status: report, convert nothing */
    int verbosity;
    char opt_sha[65];          /* hash of everything that shapes the outputs */
    int outdir_dev_set;
    dev_t outdir_dev;
    ino_t outdir_ino;
    struct sz_bjob *v;
    size_t n, cap;
    size_t nnontext;           /* files skipped for their extension */
    char **roots;              /* the INPUT folders, for sz_bjob.root */
    size_t nroots;
    /* the counts of the run */
    size_t cnt[5], ndone, ntotal, nuptodate;
    int more;                  /* archives still being read: ntotal will grow */
    uint64_t bytes_ok, bytes_done;
    long maxrss_kb;
    struct sz_blimits lim;
    struct sz_bstream *streams; /* archives read as a stream */
    size_t nstreams;
};

/* batch_archive.c: tarballs and 7z through libarchive, as a stream. */
struct sz_barch;
/* One member as sz_barch_next finds it. */
struct sz_bentry {
    char *member;              /* its name, nested ones as "inner.zip!/name" */
    char *rel;                 /* output path below OUTDIR */
    uint64_t size;             /* as its header declares */
    const char *why;           /* refused: why (then nothing is to be read) */
    int is_text, is_meta;      /* a document; a NAME.yaml */
    int fatal;                 /* the archive (or a nested one) broke off here */
    char why_buf[200];
};
/** Length of the stream-archive extension ending name (".tar.gz" -> 7), or 0. */
size_t sz_batch_stream_ext(const char *name);
/** Opens the archive at path, or (path NULL) in data[0..len).  Its members'
** output paths go below rel.  Returns 0, or -1 with a message in err. */
int sz_barch_open(struct sz_barch **out, const char *path, const char *data, size_t len,
                  const char *rel, const char *member_prefix, const struct sz_blimits *lim,
                  char *err, size_t errn);
/** The next member (a text, a NAME.yaml, or a refused one): 1, or 0 at the
** end.  Free it with sz_bentry_free. */
int sz_barch_next(struct sz_barch *z, struct sz_bentry *m);
/** Reads the member sz_barch_next returned last.  Returns 0 or -1 with *err. */
int sz_barch_read(struct sz_barch *z, struct sz_buf *out, const char **err);
/** Bytes of the outer archive read so far (for progress). */
uint64_t sz_barch_position(const struct sz_barch *z);
/** Members skipped for their extension. */
size_t sz_barch_nontext(const struct sz_barch *z);
void sz_bentry_free(struct sz_bentry *m);
void sz_barch_close(struct sz_barch *z);
/** Finds one member by its full name (any file, for a document's images) and
** reads it.  Returns 0 or -1. */
int sz_barch_find(const char *path, const char *data, size_t len, const char *prefix,
                  const char *member, const struct sz_blimits *lim, struct sz_buf *out);

/* batch_stream.c */
struct sz_bstems;
/** The output stems of the jobs found so far, to refuse duplicates. */
struct sz_bstems *sz_bstems_new(const struct sz_batch *b);
void sz_bstems_free(struct sz_bstems *s);
/** Converts the members of a tarball or 7z archive as it streams by.
** Returns 0 or SZ_BATCH_EXIT_INTERRUPTED. */
int sz_batch_stream(struct sz_batch *b, struct sz_pool *p, const struct sz_bstream *s,
                    struct sz_bstems *seen);

/* batch_inputs.c */
/** The folder below OUTDIR for an archive's members: its name without the
** archive extension (malloc'd). */
char *sz_batch_archive_stem(const char *path);
/** A relative path with no "..", ".", empty or absolute parts, from a name
** that came from outside; NULL with *why when it cannot be made one. */
char *sz_batch_clean_rel(const char *name, const char **why);
/** Is this name a NAME.yaml (or .yml)? */
int sz_batch_is_meta_name(const char *name);
/** Adds the documents of one INPUT (folder, .zip, file, or "-" for a list of
** paths on stdin).  Returns 0, or SZ_EXIT_IO with a message on stderr. */
int sz_batch_add_input(struct sz_batch *b, const char *input);
/** Marks the second of two documents with the same output path as failed. */
void sz_batch_dedupe(struct sz_batch *b);
/** batch_guard.c: 0, or (with a message) SZ_EXIT_USAGE when an output
** would overwrite an input, a filter, a metadata file... the user gave. */
int sz_batch_guard_outputs(const struct sz_batch *b);
/** Is this name a text we convert (by extension)? */
int sz_batch_is_text_name(const char *name);

/* batch_work.c: runs in the forked worker. */
/** Converts job j and reports on fd; never returns.  in (and side) are its
** bytes when the parent read them (archive members), else NULL. */
void sz_batch_work(const struct sz_batch *b, const struct sz_bjob *j, const struct sz_buf *in,
                   const struct sz_buf *side, int fd)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;
/** The archive member a document's reference ref names, relative to the
** document's member name; NULL when it would leave the archive (malloc'd). */
char *sz_batch_member_path(const char *member, const char *ref);
/** Undoes the %XX escapes of a file name in a worker's report, in place. */
void sz_batch_unescape(char *s);
/** Output path of job j in format f, relative to OUTDIR (malloc'd). */
char *sz_batch_out_rel(const struct sz_batch *b, const struct sz_bjob *j, size_t f);
/* "cannot open the archive: " and libzip's reason for error code CODE
** ("out of memory" for ZIP_ER_MEMORY), in a buffer the next call reuses. */
const char *sz_batch_zip_error(int code);
/** Reads a zip member with the size limits; returns 0 or -1 with *err set
** (static string). */
int sz_batch_read_member(const struct sz_batch *b, const char *archive, int64_t index,
                         struct sz_buf *out, const char **err);

/** The same from an archive already open (a zip_t *). */
int sz_batch_read_zip(const struct sz_batch *b, void *zip, int64_t index, struct sz_buf *out,
                      const char **err);

/* batch_manifest.c */
/** Loads OUTDIR/manifest.jsonl (if any), trims a torn last line and opens it
** for appending.  Returns 0 or SZ_EXIT_IO. */
int sz_manifest_open(struct sz_batch *b);
/** Is job j up to date according to the manifest (and the files)?  in and
** side: its bytes if already read, else NULL. */
int sz_manifest_up_to_date(struct sz_batch *b, struct sz_bjob *j, const struct sz_buf *in,
                           const struct sz_buf *side);
/** Reads a zip member in the parent, through one zip kept open across
** members (a worker gets the bytes, so no process opens the archive once
** per document).  Returns 0 or -1 with *err. */
int sz_batch_parent_read(const struct sz_batch *b, const char *archive, int64_t index,
                         struct sz_buf *out, const char **err);
/** Closes what the up-to-date checks kept open (before forking workers). */
void sz_manifest_checks_done(void);
/** Appends job j's line and fsyncs.  Returns 0 or -1. */
int sz_manifest_append(struct sz_batch *b, const struct sz_bjob *j);
void sz_manifest_close(void);
/** Removes temporary files a killed run left below OUTDIR (a shard: of its
** own outputs only). */
void sz_batch_clean_temps(const struct sz_batch *b);
/** The manifest this run appends to: manifest.jsonl, or a shard's own
** manifest-K-of-N.jsonl (malloc'd). */
char *sz_manifest_name(const struct sz_batch *b);
/** Is this file name one of OUTDIR's manifest parts? */
int sz_manifest_is_part(const char *name);

/* batch.c */
/** Is this output path in the shard this run converts? */
int sz_batch_in_shard(const struct sz_batch *b, const char *rel);
/** In a new worker: lets go of the copies of OUTDIR's lock descriptors. */
void sz_batch_child_locks(void);

/** The key of a document in the manifests (malloc'd). */
char *sz_manifest_key(const char *input, const char *member);
#ifdef JANSSON_H
/** A file name a manifest line recorded (FIELD, or FIELD_bytes), malloc'd. */
char *sz_manifest_get_name(json_t *o, const char *field);
#endif

/* batch_status.c */
/** `samizdat batch --status OUTDIR [INPUT...]`: what the manifests of all
** shards say, and (given the INPUTs) what is still pending.  Returns 0 when
** every document is done, 3 when some failed or are pending, 1 on error. */
int sz_batch_status(struct sz_batch *b, const char *const *inputs, size_t ninputs);

/* batch_pool.c */
struct sz_pool;
struct sz_pool *sz_pool_new(struct sz_batch *b);
/** Converts job j in a worker once one is free (in, side: its bytes, or
** NULL).  Returns 0, or SZ_BATCH_EXIT_INTERRUPTED. */
int sz_pool_submit(struct sz_pool *p, struct sz_bjob *j, const struct sz_buf *in,
                   const struct sz_buf *side);
/** Waits for every worker and frees the pool.  Returns 0 or
** SZ_BATCH_EXIT_INTERRUPTED. */
int sz_pool_finish(struct sz_pool *p);
int sz_pool_interrupted(void);
/** Appends j's manifest line, counts it, shows it (p may be NULL); frees a
** transient job. */
void sz_batch_record(struct sz_batch *b, struct sz_bjob *j, struct sz_pool *p);
void sz_batch_count(struct sz_batch *b, const struct sz_bjob *j);
/** Frees what job j holds (its names, outputs, warnings), not j itself. */
void sz_batch_job_clear(struct sz_bjob *j);

/** Creates the folders of OUTDIR/rel (not following symbolic links).
** Returns 0 or -1. */
int sz_batch_mkdirs(const char *outdir, const char *rel);

#endif
