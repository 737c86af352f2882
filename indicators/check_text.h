/* SPDX-License-Identifier: MIT */
/*
 * Ratios stated in running text: "7.972/12.175 đạt 4.8% kế hoạch vốn",
 * "91/146 đạt 62.3%".  The percentage must agree with the fraction that
 * precedes it, whatever quantity the sentence is about, so this needs no
 * indicator id (pct_mismatch, severity `text_ratio`).
 */
#ifndef INDICATORS_CHECK_TEXT_H
#define INDICATORS_CHECK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/rules.h"

/*
 * Reads a number as Vietnamese reports write it: "7.972" and "1.034.000"
 * group thousands, "65,5" and "62.3" have decimals.  Sets *decimals to
 * the decimals shown.  False when `s` (len bytes) is not a number.
 */
bool check_text_number(const char *s, size_t len, double *v, int *decimals);

/*
 * Scans the body paragraphs of in->doc and appends a flag for each
 * stated ratio whose percentage disagrees with its fraction, unless a
 * flag already in `out` covers that sentence.  When the fraction's two
 * numbers are the appendix values of a ratio rule's numerator and
 * denominator (7.972 and 12.175 are the disbursed and planted capital),
 * the flag names those ids and shows those rows.  ERR_NOMEM when full.
 */
enum err check_text_ratios(const struct result *in, const struct rules *,
    struct arena *, struct ptrvec *out);

#endif
