/* SPDX-License-Identifier: MIT */
/*
 * For mapping tests: the built-in catalogue, and a document built from
 * plain text (tests/docbuild.h) mapped into a result record.
 */
#ifndef TESTS_MAPPING_H
#define TESTS_MAPPING_H

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/result.h"
#include "indicators/catalogue.h"
#include "indicators/map.h"
#include "tests/docbuild.h"

/* The built-in catalogue; NULL after printing why it did not load. */
static inline const struct catalogue *
mapping_catalogue(void)
{
	const struct catalogue *cat;
	struct diag dg;

	diag_init(&dg);
	cat = catalogue_default(&dg);
	if (cat == NULL)
		fprintf(stderr, "catalogue: %s\n", dg.msg);
	return cat;
}

/* The record `cat` maps document `d` (NULL: none) to, in `a`; NULL when
 * mapping fails or the arena is full. */
static inline struct result *
mapping_map(struct arena *a, const struct catalogue *cat, struct doc *d)
{
	struct result *r = arena_alloc(a, sizeof *r);

	if (d == NULL || r == NULL || map_document(d, cat, r, a) != ERR_OK)
		return NULL;
	return r;
}

/* The same for the document docbuild() makes of `text`. */
static inline struct result *
mapping_run(struct arena *a, const struct catalogue *cat, const char *text)
{
	return mapping_map(a, cat, docbuild(a, text, strlen(text)));
}

#endif
