/* SPDX-License-Identifier: MIT */
/*
 * Date and period checks: a cited document dated after the report
 * (date_after_report), a date that is not a date (malformed_date), the
 * title's period against the "Kỳ báo cáo" dates (period_mismatch) and a
 * report dated before its own window ends (report_before_period_end).
 *
 * Reporting periods follow two conventions, both consistent: the shifted
 * one of the CCHC reports (quý I = 15/12 of the previous year to 14/3, 6
 * tháng = 15/12 to 14/6, năm = 15/12 to 14/12) and calendar periods; a
 * quarter may also be reported cumulatively from the start of the year.
 */
#ifndef INDICATORS_CHECK_DATES_H
#define INDICATORS_CHECK_DATES_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/rules.h"

enum check_period {
	CHECK_PERIOD_UNKNOWN,
	CHECK_PERIOD_Q1,
	CHECK_PERIOD_Q2,
	CHECK_PERIOD_Q3,
	CHECK_PERIOD_Q4,
	CHECK_PERIOD_H1,
	CHECK_PERIOD_H2,
	CHECK_PERIOD_M9,
	CHECK_PERIOD_YEAR,
};

/* Days since 1970-01-01 of a valid date (proleptic Gregorian). */
long check_days(int year, int month, int day);

/* "2024-03-13" to its parts; false unless a valid ISO date. */
bool check_parse_iso(const char *iso, int *year, int *month, int *day);

/*
 * The period a title names: "quý I năm 2024", "quý II/2024", "6 tháng
 * đầu năm 2022", "9 tháng", "năm 2023".  *year is the year it names, or
 * 0 when the label has none.
 */
enum check_period check_period_parse(const char *label, int *year);

/*
 * True when from..to (days, either may be < 0 for unknown) is a window
 * of `period` of `year` under one of the conventions, within `slack`
 * days at each end.
 */
bool check_period_window_ok(
    enum check_period, int year, long from, long to, unsigned slack);

/* Appends the date and period flags of `in` to `out`.  ERR_NOMEM when
 * the arena is full. */
enum err check_dates(const struct result *in, const struct rules_settings *,
    struct arena *, struct ptrvec *out);

#endif
