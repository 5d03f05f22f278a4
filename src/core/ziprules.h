/*
** ziprules.h
** The rules a zip archive's members must pass before anything is read from
** them, whichever library reads the archive (libzip for batch's archives,
** minizip for EPUBs): names, links, encryption, sizes, bombs.
** See LICENSE.
*/
#ifndef SZ_ZIPRULES_H
#define SZ_ZIPRULES_H

#include <stddef.h>
#include <stdint.h>

/* Limits, and how the user can change each (" (--max-size)"), or "". */
struct sz_zip_limits {
    uint64_t max_member;       /* uncompressed bytes of one member */
    uint64_t max_ratio;        /* uncompressed : compressed, above 1 MiB */
    const char *size_hint, *ratio_hint;
};

/** A relative path with no "..", ".", empty or absolute parts (malloc'd), or
** NULL with *why set when the name cannot be made one. */
char *sz_zip_clean_name(const char *name, const char **why);

/* What a member's central-directory header says of it. */
struct sz_zip_facts {
    int unix_attrs;            /* made on Unix, with a mode */
    unsigned mode;             /* st_mode from the external attributes */
    int encrypted;
    uint64_t size, comp_size;  /* uncompressed, compressed */
};

/** 0 when a member of these facts may be read; otherwise -1 with the reason
** in msg (a symbolic link, not a regular file, encrypted, too large, a
** bomb's ratio). */
int sz_zip_judge(const struct sz_zip_facts *f, const struct sz_zip_limits *lim, char *msg,
                 size_t cap);

/** Counts n more inflated bytes of a member against what its header declared
** and the size limit: 0 when they fit (*got grows by n); -1 (damaged or
** forged) or -2 (a bomb) with the reason in *err.  Both libraries' streams
** call it as they inflate, since neither is trusted to stop at the header's
** size. */
int sz_zip_count(uint64_t *got, uint64_t n, uint64_t declared, uint64_t max, const char **err);

#endif
