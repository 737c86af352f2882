/* SPDX-License-Identifier: MIT */
/*
 * Harness: the number, value-cell, unit, date, period and document-number
 * readers.  The whole input is read as one token and as running text;
 * its first line is also read as a unit cell and the rest as the value
 * cell under it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "indicators/date.h"
#include "indicators/docnum.h"
#include "indicators/period.h"
#include "indicators/tokens.h"
#include "indicators/unit.h"
#include "indicators/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* A report line is short; a fuzz input far longer only costs time. */
#define INPUT_MAX (64u << 10)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *s = (const char *)data;
	const char *nl;
	struct arena *a;
	struct tokens ts;
	struct unit_info u;
	struct value v;
	struct date d, d2;
	struct period_label pl;
	char num[DOCNUM_MAX], iso[11];
	double x, alt, conf;
	bool amb;
	size_t at, next, i;
	int k;

	if (len > INPUT_MAX)
		return 0;
	for (k = UNIT_UNKNOWN; k <= UNIT_CODE; k++)
		(void)value_number(
		    s, len, (enum unit_kind)k, &x, &alt, &amb, &conf);
	unit_classify(s, len, &u);
	value_parse(s, len, &u, &v);
	value_parse(s, len, NULL, &v);
	nl = memchr(s, '\n', len);
	if (nl != NULL) {
		unit_classify(s, (size_t)(nl - s), &u);
		value_parse(nl + 1, len - (size_t)(nl - s) - 1, &u, &v);
		(void)unit_code_lookup(
		    &u, nl + 1, len - (size_t)(nl - s) - 1, &k);
	}
	(void)docnum_parse(s, len, num);
	if (date_parse(s, len, &d))
		date_iso(&d, iso);

	a = arena_new(16u << 20);
	if (a == NULL)
		return 0;
	if (tokens_split(a, s, len, 8192, &ts) == ERR_OK) {
		(void)docnum_find(&ts, 0, ts.n, num);
		(void)period_find_label(&ts, 0, ts.n, &pl);
		(void)period_find_range(&ts, 0, ts.n, &d, &d2, &at);
		for (i = 0; i < ts.n; i++)
			if (date_at(&ts, i, &d, &next))
				(void)date_cmp(&d, &d2);
		if (date_find(&ts, 0, ts.n, &d, &at, &next))
			date_iso(&d, iso);
	}
	arena_free(a);
	return 0;
}
