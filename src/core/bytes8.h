/*
** bytes8.h
** Eight bytes at a time: the tests that let a scan skip plain text.
** See LICENSE.
*/
#ifndef SZ_BYTES8_H
#define SZ_BYTES8_H

#include <stdint.h>
#include <string.h>

#define SZ_B8_ONES UINT64_C(0x0101010101010101)
#define SZ_B8_HIGH UINT64_C(0x8080808080808080)

/* The eight bytes at s (any alignment; memcpy compiles to one load), the
** first of them the least significant on any machine: the tests below
** need borrows to run from earlier bytes to later ones. */
static inline uint64_t
sz_b8_load(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

/* Nonzero when a byte of x is c.  The high bit of the FIRST such byte is
** exact, the ones after it may be false alarms: sz_b8_first finds where
** to stop, not how many. */
static inline uint64_t
sz_b8_eq(uint64_t x, unsigned char c)
{
    uint64_t d = x ^ (SZ_B8_ONES * c);
    return (d - SZ_B8_ONES) & ~d & SZ_B8_HIGH;
}

/* Nonzero when a byte of x is below c (c at most 0x80); the same
** exactness as sz_b8_eq. */
static inline uint64_t
sz_b8_lt(uint64_t x, unsigned char c)
{
    return (x - SZ_B8_ONES * c) & ~x & SZ_B8_HIGH;
}

/* The high bit of every byte of x that is c, and of no other (slower than
** sz_b8_eq: for when the bytes after the first count too). */
static inline uint64_t
sz_b8_eq_each(uint64_t x, unsigned char c)
{
    uint64_t d = x ^ (SZ_B8_ONES * c), low7 = SZ_B8_ONES * 0x7F;
    return ~(((d & low7) + low7) | d | low7);
}

/* 1 when every byte of x is printable ASCII, 0x20 to 0x7E: one column
** each on a terminal. */
static inline int
sz_b8_printable(uint64_t x)
{
    return !((x | (x + SZ_B8_ONES)) & SZ_B8_HIGH) && !sz_b8_lt(x, 0x20);
}

/* Offset of the byte a nonzero mask from the tests above first marks. */
static inline unsigned
sz_b8_first(uint64_t m)
{
    return (unsigned)__builtin_ctzll(m) / 8;
}

/* Offset of the last byte a nonzero mask from sz_b8_eq_each marks. */
static inline unsigned
sz_b8_last(uint64_t m)
{
    return (63 - (unsigned)__builtin_clzll(m)) / 8;
}

#endif
