/* SPDX-License-Identifier: MIT */
/*
 * Reporting periods: the label a title prints ("quý I năm 2024", "quý
 * II/2024", "6 tháng đầu năm 2021", "9 tháng năm 2022", "năm 2023") and
 * the explicit window ("Kỳ báo cáo: Từ ngày 14/12/2023 đến 12/3/2024").
 */
#ifndef INDICATORS_PERIOD_H
#define INDICATORS_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/date.h"
#include "indicators/tokens.h"

enum period_kind {
	PERIOD_NONE,
	PERIOD_Q1,
	PERIOD_Q2,
	PERIOD_Q3,
	PERIOD_Q4,
	PERIOD_H1,    /* 6 tháng (đầu năm) */
	PERIOD_H2,    /* 6 tháng cuối năm */
	PERIOD_M9,    /* 9 tháng (đầu năm) */
	PERIOD_YEAR,  /* năm */
	PERIOD_MONTH, /* tháng M năm Y, tháng M/Y */
};

struct period_label {
	enum period_kind kind;
	int year;
	int month;          /* PERIOD_MONTH only */
	size_t first, last; /* tokens of the label, inclusive */
};

/*
 * The first period label in tokens [from, to).  A quarter or month span
 * is preferred to a bare "năm YYYY" that is part of it.
 */
bool period_find_label(
    const struct tokens *, size_t from, size_t to, struct period_label *out);

/*
 * The window "Từ ngày D đến [hết] [ngày] D" (also "từ D đến D") in tokens
 * [from, to).  Sets *at to the token where it starts.
 */
bool period_find_range(const struct tokens *, size_t from, size_t to,
    struct date *start, struct date *end, size_t *at);

/* "q1" ... "q4", "h1", "h2", "m9", "year", "month", or NULL for
 * PERIOD_NONE. */
const char *period_kind_name(enum period_kind);

/*
 * The usual window of a period under the shifted convention of Decree
 * 09/2019 (quý I = 15/12 of the year before to 14/3) and under calendar
 * quarters; for the period_mismatch check.  False for PERIOD_NONE.
 */
bool period_window(enum period_kind, int year, bool shifted, struct date *start,
    struct date *end);

#endif
