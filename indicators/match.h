/* SPDX-License-Identifier: MIT */
/*
 * Matching one appendix row to the catalogue's label variants.  The
 * label is compared on its fold key (diacritic-, case- and
 * punctuation-insensitive), exactly first and then by edit distance for
 * OCR damage; the printed code is a small hint only; variants that need
 * a context (the parent row's id, words in a row above, the issuing
 * level) count only where it holds, and then beat variants without.
 *
 * The result carries a confidence.  A row is given an id only when the
 * best variant is clearly better than any variant with another id (or
 * with no id): an unfamiliar row gets `ind == NULL` rather than a
 * look-alike id.
 */
#ifndef INDICATORS_MATCH_H
#define INDICATORS_MATCH_H

#include <stddef.h>

#include "indicators/catalogue.h"
#include "indicators/unit.h"

struct match_row {
	const char *fold;    /* the row label's fold key */
	const char *code;    /* printed code without the final dot, or NULL */
	enum unit_kind unit; /* of the unit cell */
	const struct cat_indicator *parent; /* id of the parent row, or NULL */
	const char *const *above; /* fold keys of the parent and the rows
				   * above it, nearest first */
	size_t nabove;
	enum cat_level level; /* of the issuing body, CAT_LEVEL_ANY unknown */
};

struct match_result {
	const struct cat_indicator *ind; /* NULL: no canonical id */
	const struct cat_label *variant; /* best variant, or NULL */
	double similarity;               /* of the best variant's label */
	double confidence;               /* in the id (or in having none) */
};

void match_row(
    const struct catalogue *, const struct match_row *, struct match_result *);

/* The fold key with what does not tell rows apart taken off: a trailing
 * "trong do" ("Trong đó:") and a trailing "bao gom" remark. */
void match_key(const char *fold, char *out, size_t cap);

#endif
