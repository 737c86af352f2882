/* SPDX-License-Identifier: MIT */
/*
 * Seed 002 end to end: tests/data/seed002/seed002.docx (the Vĩnh Hòa
 * ward report of quý I năm 2024, rebuilt from ../shared/seeds) through
 * the whole pipeline.  Every inconsistency docs/CHECKS.md lists for it
 * is flagged, with its evidence, and nothing else is.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/limits.h"
#include "core/result.h"
#include "daemon/pipeline.h"
#include "daemon/readfile.h"
#include "tests/check.h"

static struct result *R;

/* The flag of `rule` whose English message holds `needle`. */
static const struct result_flag *
find(const char *rule, const char *needle)
{
	size_t i;

	for (i = 0; R != NULL && i < R->flags.n; i++) {
		const struct result_flag *f = R->flags.v[i];

		if (strcmp(f->rule, rule) == 0 &&
		    (needle == NULL || strstr(f->message_en, needle) != NULL))
			return f;
	}
	fprintf(stderr, "  no %s flag with \"%s\"\n", rule,
	    needle != NULL ? needle : "");
	return NULL;
}

static bool
has_id(const struct result_flag *f, const char *id)
{
	size_t i;

	for (i = 0; f != NULL && i < f->ids.n; i++)
		if (strcmp(f->ids.v[i], id) == 0)
			return true;
	return false;
}

/* The evidence item whose raw text is `raw`. */
static const struct result_evidence *
ev(const struct result_flag *f, const char *raw)
{
	size_t i;

	for (i = 0; f != NULL && i < f->evidence.n; i++) {
		const struct result_evidence *e = f->evidence.v[i];

		if (e->raw != NULL && strcmp(e->raw, raw) == 0)
			return e;
	}
	fprintf(stderr, "  no evidence \"%s\"\n", raw);
	return NULL;
}

static bool
from_text(const struct result_evidence *e, const char *needle)
{
	return e != NULL && e->source.origin != NULL &&
	    strcmp(e->source.origin, "narrative") == 0 && e->source.page > 0 &&
	    e->source.text != NULL && strstr(e->source.text, needle) != NULL;
}

static bool
from_row(const struct result_evidence *e)
{
	return e != NULL && e->source.origin != NULL &&
	    strcmp(e->source.origin, "appendix") == 0 && e->source.table >= 0 &&
	    e->source.row >= 0 && e->source.page > 0;
}

/* 1. 32 online payments for 384.000 đồng in the text, 216.000 in the
 * appendix. */
static void
test_seed002_online_payments(void)
{
	const struct result_flag *f = find("body_vs_appendix", "384,000");

	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	CHECK(has_id(f, "payment.online_amount_vnd"));
	CHECK(from_text(ev(f, "384.000"), "32 hồ sơ với tổng số tiền"));
	CHECK(from_row(ev(f, "216.000")));
	CHECK(f != NULL && f->has_expected && f->expected == 216000);
	CHECK(f != NULL && strstr(f->message, "384.000 đồng") != NULL &&
	    strstr(f->message, "216.000 đồng") != NULL);
}

/* 2. "7.972/12.175 đạt 4.8%" while 7.972/12.175 = 65,48% and the
 * appendix says 65.49 %. */
static void
test_seed002_disbursement(void)
{
	const struct result_flag *f = find("pct_mismatch", "says 4.8%");
	const struct result_evidence *e = ev(f, "4.8%");

	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	CHECK(from_text(e, "7.972/12.175 đạt 4.8%"));
	CHECK(e != NULL && e->has_value && e->value == 4.8);
	CHECK(f != NULL && f->has_expected && f->expected == 65.48);
	CHECK(
	    f != NULL && strstr(f->message, "7.972 / 12.175 = 65,5%") != NULL);
	CHECK(has_id(f, "invest.disbursed_pct") &&
	    has_id(f, "invest.disbursed_mil") && has_id(f, "invest.plan_mil"));
	CHECK(from_row(ev(f, "65.49 %")) && from_row(ev(f, "7.972")) &&
	    from_row(ev(f, "12.175")));
}

/* 3. Row 1.4: 8 of 30 tasks is 26,67%, printed 20%. */
static void
test_seed002_plan_completion(void)
{
	const struct result_flag *f = find("pct_mismatch", "8 / 30 = 26.7%");

	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	CHECK(from_row(ev(f, "20%")) && from_row(ev(f, "30")) &&
	    from_row(ev(f, "8")));
	CHECK(f != NULL && f->has_expected && f->expected == 26.67);
	CHECK(f != NULL && strstr(f->message, "kết luận số 91-KL/TU") != NULL);
	/* 1.2 (27.2% for 6/22) and 1.3 (26% for 6/23) are rounding. */
	CHECK(R != NULL);
	if (R != NULL) {
		size_t i, n = 0;

		for (i = 0; i < R->flags.n; i++) {
			const struct result_flag *g = R->flags.v[i];

			if (strstr(g->message_en, "/ 22 =") != NULL ||
			    strstr(g->message_en, "/ 23 =") != NULL)
				n++;
		}
		CHECK(n == 0);
	}
}

/* 4. "công văn số:2549/UBND ngày 22/12/2024" in a report of 13/3/2024. */
static void
test_seed002_future_letter(void)
{
	const struct result_flag *f =
	    find("date_after_report", "2549/UBND ngày 22/12/2024");
	const struct result_evidence *e = ev(f, "22/12/2024");

	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	CHECK(from_text(e, "đăng ký danh mục thủ tục hành chính"));
	CHECK(e != NULL && e->label != NULL &&
	    strcmp(e->label, "công văn số:2549/UBND ngày 22/12/2024") == 0);
	CHECK(ev(f, "2024-03-13") != NULL);
	CHECK(f != NULL && strstr(f->message, "13/03/2024") != NULL &&
	    strstr(f->message, "2023") != NULL);
}

/* 5. "quyết định số 55/QĐ-UBND ngày 28/02/2024/2023". */
static void
test_seed002_malformed_date(void)
{
	const struct result_flag *f = find("malformed_date", "28/02/2024/2023");

	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	CHECK(from_text(ev(f, "28/02/2024/2023"), "kiện toàn bộ phận"));
	/* The same decision cited correctly elsewhere is not flagged. */
	CHECK(R != NULL && f != NULL && f->evidence.n == 1);
}

/* 6-9: further inconsistencies found while rebuilding the report. */
static void
test_seed002_further(void)
{
	const struct result_flag *f;

	f = find("pct_mismatch", "0 / 24 = 0%");
	CHECK(has_id(f, "staff.cut_pct_2015") && from_row(ev(f, "14")));
	f = find("pct_mismatch", "may be swapped");
	CHECK(has_id(f, "edocs.digital_pct") && from_row(ev(f, "98")) &&
	    from_row(ev(f, "385")) && from_row(ev(f, "377")));
	f = find("part_exceeds_whole", "385");
	CHECK(has_id(f, "edocs.sent_signed") && has_id(f, "edocs.sent_total"));
	f = find("pct_mismatch", "denominator");
	CHECK(f != NULL && strcmp(f->severity, "warning") == 0 &&
	    has_id(f, "inspect.resolved_pct"));
	f = find("code_conflict", NULL);
	CHECK(has_id(f, "survey.held") && has_id(f, "survey.forms"));
}

/* Ten findings, no more: 002 has no other contradiction we know of. */
static void
test_seed002_nothing_else(void)
{
	size_t i;

	CHECK(R != NULL && R->flags.n == 10);
	for (i = 0; R != NULL && i < R->flags.n; i++) {
		const struct result_flag *f = R->flags.v[i];

		CHECK(f->message != NULL && f->message_en != NULL);
		CHECK(f->evidence.n > 0);
		if (R->flags.n != 10)
			fprintf(stderr, "  %s: %s\n", f->rule, f->message_en);
	}
}

int
main(void)
{
	const char *src = getenv("SRC");
	struct limits lim;
	struct arena *a;
	struct diag dg;
	uint8_t *data = NULL;
	size_t len = 0;
	char *path;

	limits_default(&lim);
	path = g_build_filename(src != NULL ? src : ".", "tests", "data",
	    "seed002", "seed002.docx", NULL);
	diag_init(&dg);
	if (readfile(path, lim.input_max, &data, &len, &dg) != ERR_OK) {
		fprintf(stderr, "%s\n", dg.msg);
		g_free(path);
		return 1;
	}
	a = arena_new(lim.arena_max);
	R = pipeline_run(data, len, path, &lim, a);
	CHECK(R != NULL && R->status == RESULT_OK);
	RUN(test_seed002_online_payments);
	RUN(test_seed002_disbursement);
	RUN(test_seed002_plan_completion);
	RUN(test_seed002_future_letter);
	RUN(test_seed002_malformed_date);
	RUN(test_seed002_further);
	RUN(test_seed002_nothing_else);
	arena_free(a);
	free(data);
	g_free(path);
	return check_done();
}
