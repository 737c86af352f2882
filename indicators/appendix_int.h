/* SPDX-License-Identifier: MIT */
/*
 * Inside the appendix mapper: the rows of appendix tables as
 * appendix_rows.c reads them and appendix.c maps them to indicators.
 */
#ifndef INDICATORS_APPENDIX_INT_H
#define INDICATORS_APPENDIX_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "indicators/match.h"
#include "indicators/unit.h"
#include "indicators/value.h"

struct arow {
	int table;    /* index among top-level tables */
	unsigned row; /* in that table */
	unsigned page;
	char *stt, *label, *unit, *raw, *note; /* cleaned cell text */
	char *code;                            /* normalised, or NULL */
	char *fold;                            /* label fold key */
	bool sub, plus, trong_do, heading;
	int parent; /* index in rows, -1 */
	struct unit_info ui;
	struct value val;
	struct match_result m;
	bool out_id;   /* keeps its id after the duplicate check */
	bool inferred; /* its table's columns were guessed from content */
};

struct rows {
	struct arow *v;
	size_t n, cap;
};

/*
 * The data rows of every appendix table of `d`, in order, each with its
 * cleaned cells, code, fold key, unit and parent; rows of a table split
 * over a page break are joined.  The rows live in `arena`; ERR_NOMEM
 * when it is full.
 */
enum err appendix_rows(const struct doc *d, struct rows *rs, struct arena *a);

#endif
