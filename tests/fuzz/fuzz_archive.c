/*
** fuzz_archive.c
** libFuzzer harness for batch's archive reading: the input is an archive
** (tar under any compression, 7z, zip; libarchive tells them apart by
** content), listed and read as `samizdat batch` does, nested archives
** opened in turn, under small limits.  Every member's checks run, every
** text and sidecar is read, and each document's references are resolved
** in the archive as the EPUB writer would.  tests/batch/suite.sh replays
** the corpus through `samizdat batch`.
** See LICENSE.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "cli/batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sz_blimits lim = { 1u << 20, 8u << 20, 100, 1000 };
    struct sz_barch *z;
    char err[256];
    if (sz_barch_open(&z, NULL, (const char *)data, size, "fz", NULL, &lim, err,
                      sizeof err) != 0) {
        if (!err[0])
            abort();               /* a refusal must say why */
        return 0;
    }
    struct sz_bentry m;
    int n = 0;
    while (sz_barch_next(z, &m) == 1) {
        if (!m.member || !m.rel || (m.fatal && !m.why))
            abort();
        /* An output path never leaves OUTDIR: no empty, "." or ".."
        ** component ("..." or "a.." are names like any other). */
        if (m.rel[0] == '/')
            abort();
        for (const char *p = m.rel; *p;) {
            const char *e = strchr(p, '/');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len == 0 || (len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
                abort();
            p += len + (e != NULL);
        }
        if (!m.why && (m.is_text || m.is_meta)) {
            struct sz_buf b = SZ_BUF_INIT;
            const char *e = NULL;
            if (sz_barch_read(z, &b, &e) == 0) {
                if (b.len > lim.max_member)
                    abort();
            } else if (!e) {
                abort();
            }
            sz_buf_free(&b);
            char *p = sz_batch_member_path(m.member, "../img/x.png");
            free(p);
        }
        sz_bentry_free(&m);
        n++;
    }
    sz_barch_close(z);
    return 0;
}
