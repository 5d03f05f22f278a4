/*
** lazy_minizip.h
** minizip (zlib's zip writer and reader), loaded the first time one of its functions
** is called.
** See LICENSE.
**
** The EPUB writer packs its books with minizip rather than libzip: libzip
** pulls in libcrypto, whose loading alone cost more CPU than converting a
** short essay, and minizip needs only zlib.  The EPUB reader unpacks books
** with minizip too, for the same reason (libcrypto's 2 MB of memory were
** most of an EPUB's fixed cost); libzip still reads batch's zip archives.
** As with lazy_zip.h, every name below calls through a pointer filled by
** dlopen/dlsym on first use.  minizip's header is also called zip.h, so it
** is included by its directory, never with pkg-config's -I.
*/
#ifndef SZ_LAZY_MINIZIP_H
#define SZ_LAZY_MINIZIP_H

#include <minizip/zip.h>
#include <minizip/unzip.h>

#define SZ_MINIZIP_SYMS(X) \
    X(zipOpen2_64) \
    X(zipOpenNewFileInZip4_64) \
    X(zipWriteInFileInZip) \
    X(zipCloseFileInZip) \
    X(zipClose) \
    X(unzOpen2_64) \
    X(unzClose) \
    X(unzGetGlobalInfo64) \
    X(unzGoToFirstFile) \
    X(unzGoToNextFile) \
    X(unzGetCurrentFileInfo64) \
    X(unzGetFilePos64) \
    X(unzGoToFilePos64) \
    X(unzOpenCurrentFile) \
    X(unzReadCurrentFile) \
    X(unzCloseCurrentFile)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_minizip_api {
    SZ_MINIZIP_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_minizip_api sz_minizip_api;
extern int sz_minizip_ready;
void sz_minizip_load(void);

#define SZ_MINIZIP(f) \
    (__atomic_load_n(&sz_minizip_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_minizip_load(), \
     sz_minizip_api.p_##f)

#define zipOpen2_64 (*SZ_MINIZIP(zipOpen2_64))
#define zipOpenNewFileInZip4_64 (*SZ_MINIZIP(zipOpenNewFileInZip4_64))
#define zipWriteInFileInZip (*SZ_MINIZIP(zipWriteInFileInZip))
#define zipCloseFileInZip (*SZ_MINIZIP(zipCloseFileInZip))
#define zipClose (*SZ_MINIZIP(zipClose))
#define unzOpen2_64 (*SZ_MINIZIP(unzOpen2_64))
#define unzClose (*SZ_MINIZIP(unzClose))
#define unzGetGlobalInfo64 (*SZ_MINIZIP(unzGetGlobalInfo64))
#define unzGoToFirstFile (*SZ_MINIZIP(unzGoToFirstFile))
#define unzGoToNextFile (*SZ_MINIZIP(unzGoToNextFile))
#define unzGetCurrentFileInfo64 (*SZ_MINIZIP(unzGetCurrentFileInfo64))
#define unzGetFilePos64 (*SZ_MINIZIP(unzGetFilePos64))
#define unzGoToFilePos64 (*SZ_MINIZIP(unzGoToFilePos64))
#define unzOpenCurrentFile (*SZ_MINIZIP(unzOpenCurrentFile))
#define unzReadCurrentFile (*SZ_MINIZIP(unzReadCurrentFile))
#define unzCloseCurrentFile (*SZ_MINIZIP(unzCloseCurrentFile))

#endif
