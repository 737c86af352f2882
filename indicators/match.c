/* SPDX-License-Identifier: MIT */
/* Row label matching against the catalogue's variants. */
#include "indicators/match.h"

#include <string.h>

#include "indicators/fold.h"
#include "indicators/fuzzy.h"

/* Similarities under this are not candidates at all. */
#define SIM_FLOOR 0.70
/* Labels this alike are the same label. */
#define SIM_SAME 0.97
/* Margin over the best variant with another id for an uncertain match. */
#define MARGIN 0.06

void
match_key(const char *fold, char *out, size_t cap)
{
	static const char *const tails[] = { " trong do", " trong đo" };
	size_t n, i;

	(void)strncpy(out, fold, cap - 1);
	out[cap - 1] = '\0';
	n = strlen(out);
	for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		size_t tl = strlen(tails[i]);

		if (n > tl && strcmp(out + n - tl, tails[i]) == 0) {
			n -= tl;
			out[n] = '\0';
		}
	}
}

static enum cat_kind
kind_of_unit(enum unit_kind u, bool *known)
{
	*known = true;
	switch (u) {
	case UNIT_COUNT:
		return CAT_COUNT;
	case UNIT_PERCENT:
		return CAT_PCT;
	case UNIT_MIL:
	case UNIT_BIL:
		return CAT_MIL;
	case UNIT_VND:
		return CAT_VND;
	case UNIT_CODE:
		return CAT_CODE;
	case UNIT_UNKNOWN:
		break;
	}
	*known = false;
	return CAT_COUNT;
}

/* True when the variant's context holds for the row; *nctx counts the
 * conditions it has. */
static bool
context_holds(const struct cat_label *v, const struct match_row *r, int *nctx)
{
	size_t i;

	*nctx = 0;
	if (v->parent != NULL) {
		(*nctx)++;
		if (r->parent != v->parent)
			return false;
	}
	if (v->under != NULL) {
		bool found = false;

		(*nctx)++;
		for (i = 0; i < r->nabove && !found; i++)
			found = r->above[i] != NULL &&
			    fold_contains(r->above[i], v->under);
		if (!found)
			return false;
	}
	if (v->level != CAT_LEVEL_ANY) {
		(*nctx)++;
		if (r->level != v->level)
			return false;
	}
	return true;
}

static bool
code_hint(const struct cat_label *v, const char *code)
{
	size_t i;

	if (code == NULL || code[0] == '\0')
		return false;
	for (i = 0; i < v->ncodes; i++)
		if (strcmp(v->codes[i], code) == 0)
			return true;
	return false;
}

/*
 * The kind a label's first words promise: "Tỷ lệ ..." is a percentage,
 * "Số ...", "Tổng số ..." a number of things or money.  Unknown labels
 * may only take ids of a kind their words and unit allow.
 */
static bool
kind_allowed(
    const char *key, bool unit_known, enum cat_kind unit_kind, enum cat_kind k)
{
	if (unit_known && unit_kind != k &&
	    !(unit_kind == CAT_COUNT && k == CAT_CODE))
		return false;
	if (fold_starts_with(key, "ty le") && k != CAT_PCT)
		return false;
	if ((fold_starts_with(key, "so") || fold_starts_with(key, "tong so")) &&
	    k == CAT_PCT)
		return false;
	return true;
}

void
match_row(const struct catalogue *cat, const struct match_row *r,
    struct match_result *out)
{
	char key[FUZZY_MAX], vkey[FUZZY_MAX];
	const struct cat_label *best = NULL;
	double best_score = 0, best_sim = 0;
	/* Best score among variants whose id differs from the best's. */
	double other = 0;
	bool exact_seen = false, known;
	enum cat_kind rk = kind_of_unit(r->unit, &known);
	size_t i, n = catalogue_nlabels(cat);
	int pass;

	memset(out, 0, sizeof *out);
	match_key(r->fold, key, sizeof key);
	if (key[0] == '\0')
		return;
	/* Pass 0 looks for exact matches only; pass 1, run when there is
	 * none, compares by edit distance. */
	for (pass = 0; pass < 2 && !exact_seen; pass++) {
		for (i = 0; i < n; i++) {
			const struct cat_label *v = catalogue_label(cat, i);
			double sim, score;
			int nctx;

			if (!context_holds(v, r, &nctx))
				continue;
			match_key(v->fold, vkey, sizeof vkey);
			if (pass == 0) {
				if (strcmp(key, vkey) != 0)
					continue;
				sim = 1.0;
				exact_seen = true;
			} else {
				if (v->ind != NULL &&
				    !kind_allowed(key, known, rk, v->ind->kind))
					continue;
				sim = fuzzy_similarity(key, vkey, SIM_FLOOR);
				if (sim < SIM_FLOOR)
					continue;
			}
			score = sim;
			/* A unit that contradicts the id's kind costs; a
			 * matching code and a context that holds help. */
			if (known && v->ind != NULL && v->ind->kind != rk &&
			    !(rk == CAT_COUNT && v->ind->kind == CAT_CODE))
				score -= 0.15;
			if (code_hint(v, r->code))
				score += 0.02;
			score += 0.03 * nctx;
			if (best == NULL || score > best_score) {
				if (best != NULL && best->ind != v->ind &&
				    best_score > other)
					other = best_score;
				best = v;
				best_score = score;
				best_sim = sim;
			} else if (v->ind != best->ind && score > other) {
				other = score;
			}
		}
	}
	if (best == NULL)
		return;
	out->variant = best;
	out->similarity = best_sim;
	if (best_sim >= SIM_SAME && best_score - other >= 0.01) {
		out->ind = best->ind;
		out->confidence = best_score >= 1.0 ? 0.99 : 0.95;
	} else if (best_sim >= SIM_SAME) {
		/* Two ids print the same words here: no way to choose. */
		out->ind = NULL;
		out->confidence = 0.3;
	} else if (best_score - other >= MARGIN && best_sim >= 0.85) {
		out->ind = best->ind;
		out->confidence = 0.5 + 0.4 * (best_sim - 0.85) / 0.15;
	} else if (best_score - other >= 2 * MARGIN && best_sim >= 0.78) {
		out->ind = best->ind;
		out->confidence = 0.4;
	} else {
		out->ind = NULL;
		out->confidence = 1.0 - best_sim;
	}
	if (out->ind == NULL && best->ind == NULL && best_sim >= 0.85)
		out->confidence = best_sim; /* a known row without an id */
}
