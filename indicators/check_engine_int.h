/* SPDX-License-Identifier: MIT */
/*
 * Inside the checks engine: the state of one check_document() run,
 * shared by check_engine.c (the relations of the rules) and
 * check_values.c (the checks of single values).
 */
#ifndef INDICATORS_CHECK_ENGINE_INT_H
#define INDICATORS_CHECK_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/result.h"
#include "indicators/check_flag.h"
#include "indicators/rules.h"

/* No indicator: an index into engine_ctx.ind that is not bound. */
#define ENGINE_NONE ((size_t)-1)

struct engine_ctx {
	const struct result *r;
	const struct rules *rs;
	const struct rules_settings *set;
	struct arena *a;
	struct ptrvec *out;
	const struct result_indicator *const *ind;
	size_t nind;
	int *group;         /* appendix row group per indicator, -1 */
	struct ptrvec seen; /* struct seen *: bindings already judged */
	struct ptrvec used; /* indicators some flag relies on */
	bool nomem;
};

static inline bool
engine_is_origin(const struct result_indicator *ind, const char *origin)
{
	return ind->source.origin != NULL &&
	    strcmp(ind->source.origin, origin) == 0;
}

static inline bool
engine_is_app(const struct result_indicator *ind)
{
	return engine_is_origin(ind, "appendix");
}

static inline bool
engine_is_narr(const struct result_indicator *ind)
{
	return engine_is_origin(ind, "narrative");
}

static inline bool
engine_same_id(const struct result_indicator *ind, const char *id)
{
	return ind->id != NULL && strcmp(ind->id, id) == 0;
}

/* Adds value c->ind[i] to flag `f` as evidence, and notes that a flag
 * relies on it (for low_ocr_confidence). */
void engine_use(struct engine_ctx *, struct result_flag *f, size_t i);

/* Gives `f` its messages and appends it to c->out (check_flag_emit);
 * sets c->nomem when the arena is full. */
void engine_emit(
    struct engine_ctx *, struct result_flag *f, const char *vi, const char *en);

/* Page `page` of the record was read by OCR. */
bool engine_page_is_ocr(const struct result *r, unsigned page);

/* The label to show for value c->ind[i]: for a narrative value, its
 * appendix row's. */
const char *engine_label(struct engine_ctx *, size_t i);

/* `v` with `dec` decimals as `lang` writes numbers, in the arena. */
const char *engine_num(
    struct engine_ctx *, double v, int dec, enum check_lang lang);

/* check_values.c: each narrative value against the appendix rows of its
 * id (body_vs_appendix), the rows every appendix carries
 * (missing_required), and values OCR read with low confidence that a
 * flag relies on or that are required (low_ocr_confidence).  Each sets
 * c->nomem when the arena is full. */
void check_values_narrative(struct engine_ctx *);
void check_values_required(struct engine_ctx *);
void check_values_ocr(struct engine_ctx *);

#endif
