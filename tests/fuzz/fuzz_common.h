/*
** fuzz_common.h
** The body shared by the libFuzzer harnesses: options from the first bytes, one reader, every writer.
** See LICENSE.
*/
#ifndef SZ_FUZZ_COMMON_H
#define SZ_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samizdat.h"
#include "bridge/bridge.h"
#include "core/metayaml.h"

/* The first FUZZ_OPT_BYTES of an input are options, the rest the document.
** tests/fuzz/suite.sh turns the same bytes into command-line options, so a
** crash found here replays through the samizdat binary:
**   byte 0: bit 0 --no-smart, bit 1 --keep-boilerplate, bits 2-3 --wrap
**           (auto, none, preserve, auto), bit 4 --standalone, bit 5
**           --pandoc-api 1.22, bit 6 a Lua filter returning every element,
**           bit 7 --encoding windows-1252
**   byte 1: --columns 1 + byte
**   byte 2: --toc-depth 1 + (low nibble % 6), --split-level 1 + (high nibble % 6) */
#define FUZZ_OPT_BYTES 3

/* A filter that hands every element to Lua and back: the marshalling both
** ways, on whatever tree the reader made. */
static const char identity_filter[] =
    "return {{ Inline = function(e) return e end, Block = function(e) return e end,\n"
    "          Meta = function(m) return m end }}\n";
static char filter_path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static void
remove_filter(void)
{
    if (filter_path[0])
        unlink(filter_path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    atexit(remove_filter);
    snprintf(filter_path, sizeof filter_path, "/tmp/sz-fuzz-filter-%ld.lua", (long)getpid());
    FILE *f = fopen(filter_path, "w");
    if (!f || fputs(identity_filter, f) < 0 || fclose(f) != 0)
        filter_path[0] = '\0';
    return 0;
}

/* An error must say what went wrong. */
static void
check_errors_located(const struct sz_diags *d, const char *what)
{
    for (const struct sz_diag *x = d->first; x; x = x->next) {
        if (x->level != SZ_ERROR)
            continue;
        if (!x->msg || !*x->msg) {
            fprintf(stderr, "%s: error without a message\n", what);
            abort();
        }
    }
}

/* Whatever we write as pandoc JSON, we read back. */
static void
json_reads_back(const struct sz_buf *out)
{
    struct sz_ropts ro;
    sz_ropts_init(&ro);
    ro.filename = "fuzz.json";
    struct sz_doc *doc = sz_doc_new("fuzz.json");
    if (sz_reader_find("json")->read(doc, out->data ? out->data : "", out->len, &ro) != 0) {
        struct sz_buf m = SZ_BUF_INIT;
        if (doc->diags.first)
            sz_diag_format(doc->diags.first, &m);
        fprintf(stderr, "our JSON output does not read back: %s\n", m.data ? m.data : "");
        abort();
    }
    sz_doc_free(doc);
}

static void
fuzz_one(const char *reader, const uint8_t *data, size_t size)
{
    if (size < FUZZ_OPT_BYTES)
        return;
    uint8_t b0 = data[0], b1 = data[1], b2 = data[2];
    const char *text = (const char *)data + FUZZ_OPT_BYTES;
    size_t len = size - FUZZ_OPT_BYTES;

    struct sz_ropts ro;
    sz_ropts_init(&ro);
    ro.filename = "fuzz.in";
    if (b0 & 1)
        ro.smart = 0;
    if (b0 & 2)
        ro.keep_boilerplate = 1;
    if (b0 & 0x80)
        ro.encoding = "windows-1252";

    struct sz_wopts wo;
    sz_wopts_init(&wo);
    static const enum sz_wrap wraps[] = { SZ_WRAP_AUTO, SZ_WRAP_NONE, SZ_WRAP_PRESERVE,
                                          SZ_WRAP_AUTO };
    wo.wrap = wraps[(b0 >> 2) & 3];
    wo.standalone = (b0 >> 4) & 1;
    wo.api_minor = (b0 & 0x20) ? 22 : 23;
    wo.columns = 1 + b1;
    wo.toc_depth = 1 + (b2 & 15) % 6;
    wo.split_level = 1 + (b2 >> 4) % 6;
    wo.source_date_epoch = 0;
    wo.input_name = "fuzz.in";

    /* The reader gets a private copy of exactly len bytes, so ASan sees
    ** any read past the end. */
    char *copy = malloc(len ? len : 1);
    memcpy(copy, text, len);

    struct sz_doc *doc = sz_doc_new("fuzz.in");
    int rc;
    if (!strcmp(reader, "yaml")) {
        /* The input is a metadata file for a one-line essay. */
        static const char text[] = "A short text.\n";
        sz_reader_find("essay")->read(doc, text, sizeof text - 1, &ro);
        rc = sz_meta_load_yaml(doc, copy, len, "fuzz.in", &doc->diags);
    } else {
        rc = sz_reader_find(reader)->read(doc, copy, len, &ro);
    }
    /* A reader's error names the file and a line, a byte offset or (pandoc
    ** JSON, whose values jansson does not place) the JSON path. */
    if (rc != 0) {
        if (doc->diags.nerrors == 0) {
            fprintf(stderr, "%s reader failed without an error message\n", reader);
            abort();
        }
        for (const struct sz_diag *x = doc->diags.first; x; x = x->next)
            if (x->level == SZ_ERROR &&
                (!x->file || (x->line == 0 && x->offset < 0 && !strstr(x->msg, " at $")))) {
                fprintf(stderr, "%s reader error without file and place: %s\n", reader,
                        x->msg);
                abort();
            }
        check_errors_located(&doc->diags, reader);
        sz_doc_free(doc);
        free(copy);
        return;
    }
    free(copy);

    if ((b0 & 0x40) && filter_path[0]) {
        struct sz_diags fd;
        struct sz_lua_env env;
        sz_diags_init(&fd);
        memset(&env, 0, sizeof env);
        env.format = "plain";
        env.ropts = &ro;
        env.wopts = &wo;
        if (sz_lua_filter(&doc, filter_path, &env, &fd) != 0) {
            /* Only deep documents may fail (Lua's C stack), and with a message. */
            check_errors_located(&fd, "filter");
            if (fd.nerrors == 0)
                abort();
        }
        sz_diags_free(&fd);
    }

    for (const struct sz_writer *const *w = sz_writers(); *w; w++) {
        struct sz_buf out = SZ_BUF_INIT;
        struct sz_sink sink = sz_sink_buf(&out);
        struct sz_diags wd;
        sz_diags_init(&wd);
        int wrc = (*w)->write(doc, &wo, &sink, &wd);
        if (wrc != 0 && wd.nerrors == 0) {
            fprintf(stderr, "%s writer failed without an error message\n", (*w)->name);
            abort();
        }
        if (wrc == 0 && !strcmp((*w)->name, "json"))
            json_reads_back(&out);
        check_errors_located(&wd, (*w)->name);
        sz_diags_free(&wd);
        sz_buf_free(&out);
    }
    sz_doc_free(doc);
}

#endif
