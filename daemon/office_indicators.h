/* SPDX-License-Identifier: MIT */
/*
 * An office's own indicator catalogue and consistency rules, read from
 * files and handed to the pipeline: `reportd extract --catalogue
 * --rules` and the worker (config keys indicators.catalogue and
 * indicators.rules) load them the same way.
 */
#ifndef DAEMON_OFFICE_INDICATORS_H
#define DAEMON_OFFICE_INDICATORS_H

#include "core/arena.h"
#include "core/err.h"

struct catalogue;

struct office_indicators {
	struct arena *rules_arena; /* holds the parsed rules */
	struct catalogue *cat;
};

/*
 * Loads the rules file `rules_path` and the catalogue folder
 * `catalogue_dir` (either NULL or "" for the built-in one; the catalogue
 * takes its relations from those rules) and sets them as the pipeline's
 * (pipeline_set_indicators).  Nothing is loaded or set when both are
 * unset.  A mistake in either is an error naming file:line in `diag`,
 * and the pipeline keeps the built-in ones.  `oi` must outlive every
 * pipeline_run() after a success; office_indicators_fini() releases it.
 */
enum err office_indicators_load(struct office_indicators *oi,
    const char *catalogue_dir, const char *rules_path, struct diag *);

/* Sets the pipeline back to the built-in data and frees `oi`'s. */
void office_indicators_fini(struct office_indicators *oi);

#endif
