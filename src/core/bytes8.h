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

/* Offset of the byte a nonzero mask from the tests above first marks. */
static inline unsigned
sz_b8_first(uint64_t m)
{
    return (unsigned)__builtin_ctzll(m) / 8;
}

#endif
