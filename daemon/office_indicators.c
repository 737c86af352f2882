/* SPDX-License-Identifier: MIT */
/* Loads an office's catalogue and rules for the pipeline. */
#include "daemon/office_indicators.h"

#include <stddef.h>

#include "daemon/pipeline.h"
#include "indicators/catalogue.h"
#include "indicators/rules.h"

/* Parsed rules files are small; this bounds one gone wrong. */
#define RULES_ARENA_MAX (64u << 20)

static bool
is_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

enum err
office_indicators_load(struct office_indicators *oi, const char *catalogue_dir,
    const char *rules_path, struct diag *dg)
{
	struct rules *rs = NULL;
	enum err e = ERR_OK;

	oi->rules_arena = NULL;
	oi->cat = NULL;
	if (!is_set(catalogue_dir) && !is_set(rules_path))
		return ERR_OK;
	if (is_set(rules_path)) {
		oi->rules_arena = arena_new(RULES_ARENA_MAX);
		e = oi->rules_arena == NULL
		    ? diag_set(dg, ERR_NOMEM, "%s: out of memory", rules_path)
		    : rules_load_file(rules_path, oi->rules_arena, &rs, dg);
	}
	if (e == ERR_OK)
		e = is_set(catalogue_dir)
		    ? catalogue_load_dir(catalogue_dir, rs, &oi->cat, dg)
		    : catalogue_load_embedded(rs, &oi->cat, dg);
	if (e != ERR_OK) {
		office_indicators_fini(oi);
		return e;
	}
	pipeline_set_indicators(oi->cat, rs);
	return ERR_OK;
}

void
office_indicators_fini(struct office_indicators *oi)
{
	if (oi->rules_arena == NULL && oi->cat == NULL)
		return;
	pipeline_set_indicators(NULL, NULL);
	catalogue_free(oi->cat);
	arena_free(oi->rules_arena);
	oi->cat = NULL;
	oi->rules_arena = NULL;
}
