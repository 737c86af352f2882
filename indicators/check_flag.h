/* SPDX-License-Identifier: MIT */
/*
 * Building flags: the rule, its severity, the ids and the evidence (each
 * value with where it was read), and the two messages, Vietnamese for
 * the clerk and English.  Numbers in messages follow each language's
 * habit: "7.972" and "65,5%" in Vietnamese, "7,972" and "65.5%" in
 * English.  Also the duplicate_submission flag the store raises.
 */
#ifndef INDICATORS_CHECK_FLAG_H
#define INDICATORS_CHECK_FLAG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/result.h"
#include "indicators/rules.h"

enum check_lang {
	CHECK_VI,
	CHECK_EN,
};

/* A new flag in `arena`; NULL when the arena is full. */
struct result_flag *check_flag_new(
    struct arena *, const char *rule, enum rules_severity);

/* Adds `id` to the flag's ids unless present.  -1 when the arena is full. */
int check_flag_add_id(struct result_flag *, struct arena *, const char *id);

/* Adds one evidence item (and its id): the value, as printed, and where
 * it came from.  `label` may be NULL.  -1 when the arena is full. */
int check_flag_add_evidence(struct result_flag *, struct arena *,
    const char *id, const char *label, const char *raw, bool has_value,
    double value, const struct result_ref *where);

/* The same for a value of the result record. */
int check_flag_add_indicator(
    struct result_flag *, struct arena *, const struct result_indicator *);

/* Sets both messages (printf-style each); -1 when the arena is full. */
int check_flag_message(
    struct result_flag *, struct arena *, const char *vi, const char *en);

/*
 * Writes `v` with `decimals` decimals and the thousands and decimal
 * separators of `lang` into `buf`; a whole number has no decimals.
 */
void check_fmt_num(
    char *buf, size_t cap, double v, int decimals, enum check_lang lang);

/*
 * The label to show for an indicator: its printed label without the
 * "- " or "+ " of a sub-row and without a trailing "Trong đó:", else
 * its id.  The result lives in `arena` (or is the id itself).
 */
const char *check_label(struct arena *, const struct result_indicator *);

/*
 * The flag the store raises when a file arrives again: `same_content`
 * when the bytes are identical (same sha256), otherwise the same issuer,
 * document number and period as `earlier_name`, received at
 * `earlier_when` (any text the store keeps, such as an ISO time; may be
 * NULL).  NULL when the arena is full.
 */
struct result_flag *check_flag_duplicate(struct arena *, enum rules_severity,
    bool same_content, const char *earlier_name, const char *earlier_when);

#endif
