/* SPDX-License-Identifier: MIT */
/*
 * Looking things up in result records, for tests: flags by rule, the ids
 * a flag names, indicators by id.
 */
#ifndef TESTS_LOOKUP_H
#define TESTS_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/result.h"

/* How many of the flags in `flags` are of rule `rule`. */
static inline size_t
lookup_flags_count(const struct ptrvec *flags, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < flags->n; i++)
		if (strcmp(((const struct result_flag *)flags->v[i])->rule,
			rule) == 0)
			n++;
	return n;
}

/* The first flag of rule `rule` in `flags`, or NULL. */
static inline const struct result_flag *
lookup_flags_first(const struct ptrvec *flags, const char *rule)
{
	size_t i;

	for (i = 0; i < flags->n; i++)
		if (strcmp(((const struct result_flag *)flags->v[i])->rule,
			rule) == 0)
			return flags->v[i];
	return NULL;
}

/* True when flag `f` (NULL: false) names `id`. */
static inline bool
lookup_flag_has_id(const struct result_flag *f, const char *id)
{
	size_t i;

	for (i = 0; f != NULL && i < f->ids.n; i++)
		if (strcmp(f->ids.v[i], id) == 0)
			return true;
	return false;
}

/* The first indicator of `r` (NULL: none) with id `id` and, unless
 * `origin` is NULL, of that origin ("appendix", "narrative"). */
static inline const struct result_indicator *
lookup_indicator(const struct result *r, const char *origin, const char *id)
{
	size_t i;

	for (i = 0; r != NULL && i < r->indicators.n; i++) {
		const struct result_indicator *ri = r->indicators.v[i];

		if ((origin == NULL ||
			strcmp(ri->source.origin, origin) == 0) &&
		    ri->id != NULL && strcmp(ri->id, id) == 0)
			return ri;
	}
	return NULL;
}

#endif
