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
#include "indicators/period.h"
#include "indicators/rules.h"

/*
 * True when from..to (days, either may be < 0 for unknown) is a window
 * of `period` of `year` under one of the conventions (period_window),
 * or for a quarter the cumulative window from the start of the year,
 * within `slack` days at each end.  True when the kind has no window.
 */
bool check_period_window_ok(
    enum period_kind, int year, long from, long to, unsigned slack);

/* Appends the date and period flags of `in` to `out`.  ERR_NOMEM when
 * the arena is full. */
enum err check_dates(const struct result *in, const struct rules_settings *,
    struct arena *, struct ptrvec *out);

#endif
