/*
** harness.h
** Tiny unit-test harness: one PASS/FAIL line per check, read by tests/run.sh.
** See LICENSE.
*/
#ifndef SZ_HARNESS_H
#define SZ_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_failed;
static const char *h_suite = "unit";

#define OK(cond, name)                                                          \
    do {                                                                        \
        if (cond)                                                               \
            printf("PASS %s: %s\n", h_suite, name);                             \
        else {                                                                  \
            printf("FAIL %s: %s (%s:%d)\n", h_suite, name, __FILE__, __LINE__); \
            h_failed++;                                                         \
        }                                                                       \
    } while (0)

#define INT_EQ(a, b, name)                                                        \
    do {                                                                          \
        long long h_a = (long long)(a), h_b = (long long)(b);                     \
        if (h_a == h_b)                                                           \
            printf("PASS %s: %s\n", h_suite, name);                               \
        else {                                                                    \
            printf("FAIL %s: %s: %lld != %lld (%s:%d)\n", h_suite, name, h_a, h_b, \
                   __FILE__, __LINE__);                                           \
            h_failed++;                                                           \
        }                                                                         \
    } while (0)

#define STR_EQ(a, b, name)                                                          \
    do {                                                                            \
        const char *h_a = (a), *h_b = (b);                                          \
        if (h_a && h_b && strcmp(h_a, h_b) == 0)                                    \
            printf("PASS %s: %s\n", h_suite, name);                                 \
        else {                                                                      \
            printf("FAIL %s: %s: \"%s\" != \"%s\" (%s:%d)\n", h_suite, name,        \
                   h_a ? h_a : "(null)", h_b ? h_b : "(null)", __FILE__, __LINE__); \
            h_failed++;                                                             \
        }                                                                           \
    } while (0)

#endif
