/* SPDX-License-Identifier: MIT */
/*
 * Harness: a rules file (data/rules/checks.tsv format) through the
 * loader, then, when it loads, through the rule engine over a small
 * fixed result record, so odd but valid rules (repeated ids across
 * rules, empty ranges, optional-only sides) are evaluated too.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/result.h"
#include "indicators/check_engine.h"
#include "indicators/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void
add(struct result *r, struct arena *a, const char *id, const char *origin,
    int row, double v, const char *text)
{
	struct result_indicator *ind = arena_alloc(a, sizeof *ind);

	if (ind == NULL)
		return;
	ind->id = id;
	ind->code = row % 3 == 0 ? "1.1" : "";
	ind->label = id;
	ind->raw = "12,5%";
	ind->has_value = true;
	ind->value = v;
	ind->confidence = 0.5;
	ind->source.origin = origin;
	ind->source.page = 1;
	ind->source.table = text == NULL ? 0 : -1;
	ind->source.row = row;
	ind->source.text = text;
	(void)ptrvec_push(&r->indicators, a, ind);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const ids[] = { "a.b", "a.c", "a.d", "plan.done_pct",
		"plan.tasks_done", "plan.tasks_total", "files.received" };
	struct arena *a = arena_new((size_t)8 << 20);
	struct rules *rs = NULL;
	struct result *r;
	struct ptrvec out = { NULL, 0, 0 };
	struct diag dg;
	size_t i;

	if (a == NULL)
		return 0;
	diag_init(&dg);
	if (rules_parse((const char *)data, len, "fuzz.tsv", a, &rs, &dg) ==
		ERR_OK &&
	    (r = arena_alloc(a, sizeof *r)) != NULL) {
		for (i = 0; i < 14; i++)
			add(r, a, ids[i % 7], i < 10 ? "appendix" : "narrative",
			    (int)i, (double)(i * 7 % 11) - 1,
			    i < 10 ? NULL : "một câu");
		(void)check_document(r, rs, a, &out, &dg);
	}
	arena_free(a);
	return 0;
}
