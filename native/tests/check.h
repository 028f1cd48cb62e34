/* A minimal test harness: CHECK records a failure with its line and goes on; main returns check_summary(). */
#ifndef OFXHOST_TESTS_CHECK_H
#define OFXHOST_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Multi-file test programs define CHECK_SHARED everywhere and the counters once. */
#ifdef CHECK_SHARED
extern int g_checks, g_failures;
#else
static int g_checks, g_failures;
#endif

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        g_checks++;                                                                        \
        if (!(cond)) {                                                                     \
            g_failures++;                                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);       \
        }                                                                                  \
    } while (0)

#define CHECK_INT(a, b)                                                                                    \
    do {                                                                                                   \
        long long a_ = (long long)(a), b_ = (long long)(b);                                                \
        g_checks++;                                                                                        \
        if (a_ != b_) {                                                                                    \
            g_failures++;                                                                                  \
            fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_);         \
        }                                                                                                  \
    } while (0)

#define CHECK_STR(a, b)                                                                                    \
    do {                                                                                                   \
        const char *a_ = (a), *b_ = (b);                                                                   \
        g_checks++;                                                                                        \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                           \
            g_failures++;                                                                                  \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,              \
                    a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                                \
        }                                                                                                  \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                              \
    do {                                                                                                   \
        double a_ = (a), b_ = (b);                                                                         \
        g_checks++;                                                                                        \
        if (!(fabs(a_ - b_) <= (tol))) {                                                                   \
            g_failures++;                                                                                  \
            fprintf(stderr, "%s:%d: %s is %.9g, expected %.9g within %g\n", __FILE__, __LINE__, #a, a_, b_, \
                    (double)(tol));                                                                        \
        }                                                                                                  \
    } while (0)

static inline int check_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, g_checks, g_failures);
    return g_failures ? 1 : 0;
}

#endif
