/* SPDX-License-Identifier: MIT */
/*
 * The numeric side of the checks: how precise a printed number is, when
 * a printed percentage agrees with a computed one, when two counts or
 * two sums of money are the same, and what kind of quantity an id is.
 */
#ifndef INDICATORS_CHECK_NUM_H
#define INDICATORS_CHECK_NUM_H

#include <stdbool.h>

#include "indicators/rules.h"

enum check_qty {
	CHECK_QTY_COUNT, /* whole things: files, tasks, people */
	CHECK_QTY_PCT,   /* a percentage */
	CHECK_QTY_MONEY, /* triệu đồng or đồng */
	CHECK_QTY_CODE,  /* a coded answer (Có = 1) */
};

/*
 * What an id measures: its kind in the catalogue, or for an id the
 * catalogue does not know, its naming convention ("_pct" or ".pct"
 * rates, "_mil" and "_vnd" money, ".held", ".method" and ".applied"
 * codes, everything else counts).
 */
enum check_qty check_qty_of(const char *id);

/*
 * Decimals printed in `raw` ("27.2%" 1, "65.49 %" 2, "99,75%" 2, "100"
 * 0): digits after the first decimal separator of the first number.
 * A separator followed by exactly three digits in a number without '%'
 * groups thousands and does not count.  With no raw text, the decimals
 * of `value` (at most 2).
 */
int check_decimals(const char *raw, double value);

/*
 * True when a printed percentage `reported`, shown with `decimals`
 * decimals, agrees with the exact `computed` one: it is the rounding or
 * (with pct_truncation) the truncation of it to those decimals, or lies
 * within pct_slack points.  *tol gets the slack allowed.
 */
bool check_pct_agrees(double reported, int decimals, double computed,
    const struct rules_settings *, double *tol);

/* Equality of two values of quantity `q`: exact for counts and codes,
 * within money_rel_slack for money, rounding for rates (`decimals` of
 * the coarser of the two). */
bool check_same_value(enum check_qty q, double a, double b, int decimals,
    const struct rules_settings *);

#endif
