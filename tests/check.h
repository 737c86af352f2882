/* SPDX-License-Identifier: MIT */
/*
 * A tiny test harness: CHECK() records a failure with file and line and
 * carries on; RUN() calls a test function; check_done() prints
 * "N passed, N failed" last and returns the exit status.
 */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_in_test;
static int check_npassed, check_nfailed;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			    __LINE__, #cond);                                  \
			check_failed_in_test = 1;                              \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		if (g_ == NULL || w_ == NULL || strcmp(g_, w_) != 0) {         \
			fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n",  \
			    __FILE__, __LINE__, #got, g_ ? g_ : "(null)",      \
			    w_ ? w_ : "(null)");                               \
			check_failed_in_test = 1;                              \
		}                                                              \
	} while (0)

#define RUN(fn)                                                                \
	do {                                                                   \
		check_failed_in_test = 0;                                      \
		fn();                                                          \
		if (check_failed_in_test) {                                    \
			check_nfailed++;                                       \
			fprintf(stderr, "FAIL %s\n", #fn);                     \
		} else                                                         \
			check_npassed++;                                       \
	} while (0)

static inline int
check_done(void)
{
	printf("%d passed, %d failed\n", check_npassed, check_nfailed);
	return check_nfailed == 0 ? 0 : 1;
}

#endif
