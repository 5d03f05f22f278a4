/*
** lazy_zip.h
** libzip, loaded the first time one of its functions is called.
** See LICENSE.
**
** Include this after (instead of) libzip's own headers: every name below then
** calls through a pointer filled by dlopen/dlsym on first use, so a conversion
** that needs no libzip does not pay for loading it (and what it pulls in) at
** start-up.  A libzip function not listed here fails to link: add it.
*/
#ifndef SZ_LAZY_ZIP_H
#define SZ_LAZY_ZIP_H

#include <zip.h>

#define SZ_ZIP_SYMS(X) \
    X(zip_error_code_zip) \
    X(zip_get_error) \
    X(zip_close) \
    X(zip_discard) \
    X(zip_error_fini) \
    X(zip_error_init) \
    X(zip_error_init_with_code) \
    X(zip_error_strerror) \
    X(zip_fclose) \
    X(zip_file_add) \
    X(zip_file_get_error) \
    X(zip_file_get_external_attributes) \
    X(zip_file_set_mtime) \
    X(zip_fopen_index) \
    X(zip_fread) \
    X(zip_get_name) \
    X(zip_get_num_entries) \
    X(zip_name_locate) \
    X(zip_open) \
    X(zip_open_from_source) \
    X(zip_set_file_compression) \
    X(zip_source_buffer) \
    X(zip_source_buffer_create) \
    X(zip_source_close) \
    X(zip_source_free) \
    X(zip_source_keep) \
    X(zip_source_open) \
    X(zip_source_read) \
    X(zip_stat_index) \
    X(zip_strerror)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_zip_api {
    SZ_ZIP_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_zip_api sz_zip_api;
extern int sz_zip_ready;
void sz_zip_load(void);

#define SZ_ZIP(f) \
    (__atomic_load_n(&sz_zip_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_zip_load(), sz_zip_api.p_##f)

#define zip_close (*SZ_ZIP(zip_close))
#define zip_discard (*SZ_ZIP(zip_discard))
#define zip_error_fini (*SZ_ZIP(zip_error_fini))
#define zip_error_init (*SZ_ZIP(zip_error_init))
#define zip_error_init_with_code (*SZ_ZIP(zip_error_init_with_code))
#define zip_error_strerror (*SZ_ZIP(zip_error_strerror))
#define zip_fclose (*SZ_ZIP(zip_fclose))
#define zip_file_add (*SZ_ZIP(zip_file_add))
#define zip_file_get_error (*SZ_ZIP(zip_file_get_error))
#define zip_file_get_external_attributes (*SZ_ZIP(zip_file_get_external_attributes))
#define zip_file_set_mtime (*SZ_ZIP(zip_file_set_mtime))
#define zip_fopen_index (*SZ_ZIP(zip_fopen_index))
#define zip_fread (*SZ_ZIP(zip_fread))
#define zip_get_name (*SZ_ZIP(zip_get_name))
#define zip_get_num_entries (*SZ_ZIP(zip_get_num_entries))
#define zip_name_locate (*SZ_ZIP(zip_name_locate))
#define zip_open (*SZ_ZIP(zip_open))
#define zip_open_from_source (*SZ_ZIP(zip_open_from_source))
#define zip_set_file_compression (*SZ_ZIP(zip_set_file_compression))
#define zip_source_buffer (*SZ_ZIP(zip_source_buffer))
#define zip_source_buffer_create (*SZ_ZIP(zip_source_buffer_create))
#define zip_source_close (*SZ_ZIP(zip_source_close))
#define zip_source_free (*SZ_ZIP(zip_source_free))
#define zip_source_keep (*SZ_ZIP(zip_source_keep))
#define zip_source_open (*SZ_ZIP(zip_source_open))
#define zip_source_read (*SZ_ZIP(zip_source_read))
#define zip_stat_index (*SZ_ZIP(zip_stat_index))
#define zip_strerror (*SZ_ZIP(zip_strerror))
#define zip_error_code_zip (*SZ_ZIP(zip_error_code_zip))
#define zip_get_error (*SZ_ZIP(zip_get_error))

#endif
