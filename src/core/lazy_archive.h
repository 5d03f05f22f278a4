/*
** lazy_archive.h
** libarchive, loaded the first time one of its functions is called.
** See LICENSE.
**
** Include this after (instead of) libarchive's own headers: every name below then
** calls through a pointer filled by dlopen/dlsym on first use, so a conversion
** that needs no libarchive does not pay for loading it (and what it pulls in) at
** start-up.  A libarchive function not listed here fails to link: add it.
*/
#ifndef SZ_LAZY_ARCHIVE_H
#define SZ_LAZY_ARCHIVE_H

#include <archive.h>
#include <archive_entry.h>

#define SZ_ARCHIVE_SYMS(X) \
    X(archive_entry_filetype) \
    X(archive_entry_hardlink) \
    X(archive_entry_is_encrypted) \
    X(archive_entry_pathname) \
    X(archive_entry_pathname_utf8) \
    X(archive_entry_size) \
    X(archive_entry_size_is_set) \
    X(archive_error_string) \
    X(archive_filter_bytes) \
    X(archive_read_data) \
    X(archive_read_free) \
    X(archive_read_new) \
    X(archive_read_next_header) \
    X(archive_read_open_filename) \
    X(archive_read_open_memory) \
    X(archive_read_support_filter_bzip2) \
    X(archive_read_support_filter_gzip) \
    X(archive_read_support_filter_lzma) \
    X(archive_read_support_filter_xz) \
    X(archive_read_support_filter_zstd) \
    X(archive_read_support_format_7zip) \
    X(archive_read_support_format_gnutar) \
    X(archive_read_support_format_tar) \
    X(archive_read_support_format_zip) \
    X(archive_set_error)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_archive_api {
    SZ_ARCHIVE_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_archive_api sz_archive_api;
extern int sz_archive_ready;
void sz_archive_load(void);

#define SZ_ARCHIVE(f) \
    (__atomic_load_n(&sz_archive_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_archive_load(), sz_archive_api.p_##f)

#define archive_entry_filetype (*SZ_ARCHIVE(archive_entry_filetype))
#define archive_entry_hardlink (*SZ_ARCHIVE(archive_entry_hardlink))
#define archive_entry_is_encrypted (*SZ_ARCHIVE(archive_entry_is_encrypted))
#define archive_entry_pathname (*SZ_ARCHIVE(archive_entry_pathname))
#define archive_entry_pathname_utf8 (*SZ_ARCHIVE(archive_entry_pathname_utf8))
#define archive_entry_size (*SZ_ARCHIVE(archive_entry_size))
#define archive_entry_size_is_set (*SZ_ARCHIVE(archive_entry_size_is_set))
#define archive_error_string (*SZ_ARCHIVE(archive_error_string))
#define archive_filter_bytes (*SZ_ARCHIVE(archive_filter_bytes))
#define archive_read_data (*SZ_ARCHIVE(archive_read_data))
#define archive_read_free (*SZ_ARCHIVE(archive_read_free))
#define archive_read_new (*SZ_ARCHIVE(archive_read_new))
#define archive_read_next_header (*SZ_ARCHIVE(archive_read_next_header))
#define archive_read_open_filename (*SZ_ARCHIVE(archive_read_open_filename))
#define archive_read_open_memory (*SZ_ARCHIVE(archive_read_open_memory))
#define archive_read_support_filter_bzip2 (*SZ_ARCHIVE(archive_read_support_filter_bzip2))
#define archive_read_support_filter_gzip (*SZ_ARCHIVE(archive_read_support_filter_gzip))
#define archive_read_support_filter_lzma (*SZ_ARCHIVE(archive_read_support_filter_lzma))
#define archive_read_support_filter_xz (*SZ_ARCHIVE(archive_read_support_filter_xz))
#define archive_read_support_filter_zstd (*SZ_ARCHIVE(archive_read_support_filter_zstd))
#define archive_read_support_format_7zip (*SZ_ARCHIVE(archive_read_support_format_7zip))
#define archive_read_support_format_gnutar (*SZ_ARCHIVE(archive_read_support_format_gnutar))
#define archive_read_support_format_tar (*SZ_ARCHIVE(archive_read_support_format_tar))
#define archive_read_support_format_zip (*SZ_ARCHIVE(archive_read_support_format_zip))
#define archive_set_error (*SZ_ARCHIVE(archive_set_error))

#endif
