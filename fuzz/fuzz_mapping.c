/* SPDX-License-Identifier: MIT */
/*
 * Harness: metadata, sections, appendix and narrative mapping on a
 * document model built from the input text (tests/docbuild.h: lines are
 * paragraphs, '|'-separated lines are table rows, "^" and "<" merge
 * cells, "--page--" starts a page).  Mapping runs with the embedded
 * catalogue, as the worker does, in a capped arena.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/result.h"
#include "indicators/catalogue.h"
#include "indicators/fuzzy.h"
#include "indicators/map.h"
#include "tests/docbuild.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#define INPUT_MAX (256u << 10)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct catalogue *cat = catalogue_default(NULL);
	struct arena *a;
	struct doc *d;
	struct result *r;

	if (cat == NULL || len > INPUT_MAX)
		return 0;
	/* The edit distance on the input's two halves. */
	(void)fuzzy_distance((const char *)data, len / 2,
	    (const char *)data + len / 2, len - len / 2, 40);
	a = arena_new(32u << 20);
	if (a == NULL)
		return 0;
	d = docbuild(a, (const char *)data, len);
	r = arena_alloc(a, sizeof *r);
	if (d != NULL && r != NULL)
		(void)map_document(d, cat, r, a);
	arena_free(a);
	return 0;
}
