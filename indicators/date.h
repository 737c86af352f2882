/* SPDX-License-Identifier: MIT */
/*
 * Dates as reports print them: "ngày 13 tháng 3 năm 2024" (the header's
 * long form), "14/12/2023", "05-01-2024", "17.5.2018".  Only real
 * calendar dates are accepted ("31/02/2024" is not one), and a date
 * with a second year glued on ("28/02/2024/2023") is refused.
 */
#ifndef INDICATORS_DATE_H
#define INDICATORS_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/tokens.h"

struct date {
	int y, m, d;
};

/* True for a day that exists, years 1900-2199. */
bool date_valid(int y, int m, int d);

/*
 * Reads a date starting at token `i` of `ts`: the long form "ngày D
 * tháng M năm Y" (the word "ngày" optional) or D/M/Y with '/', '-' or
 * '.' between.  On success sets *out and *next (the token after the
 * date).  False when no valid date starts there.
 */
bool date_at(const struct tokens *ts, size_t i, struct date *out, size_t *next);

/*
 * The first valid date in tokens [from, to); sets *at to its first
 * token and *next past it.
 */
bool date_find(const struct tokens *ts, size_t from, size_t to,
    struct date *out, size_t *at, size_t *next);

/* Reads the whole string `s` as one date (surrounding space allowed). */
bool date_parse(const char *s, size_t len, struct date *out);

/* ISO 8601 "2024-03-13" into `buf` (11 bytes). */
void date_iso(const struct date *, char buf[11]);

/* <0, 0, >0 as a is before, equal to or after b. */
int date_cmp(const struct date *a, const struct date *b);

#endif
