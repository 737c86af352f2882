/* SPDX-License-Identifier: MIT */
/*
 * Rate rows the catalogue has no id for.  Templates add plans of their
 * own ("Tỷ lệ hoàn thành kế hoạch nhiệm vụ thực hiện theo kết luận số
 * 91-KL/TU" with "- Số nhiệm vụ đề ra trong kế hoạch" and "- Số nhiệm vụ
 * đã hoàn thành" under it); the rate must still agree with the two rows
 * under it.  The denominator and numerator are told apart by their
 * wording, and a group whose wording leaves any doubt is not checked.
 */
#ifndef INDICATORS_CHECK_ROWS_H
#define INDICATORS_CHECK_ROWS_H

#include "core/arena.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/rules.h"

/* Appends a pct_mismatch flag for each such rate row that disagrees with
 * its rows.  Rows whose id is the percentage of a ratio rule are left
 * to that rule.  ERR_NOMEM when the arena is full. */
enum err check_rate_rows(const struct result *in, const struct rules *,
    struct arena *, struct ptrvec *out);

#endif
