/* SPDX-License-Identifier: MIT */
/*
 * Tests of the consistency checks over result records built by hand:
 * every rule fires on a minimal bad case and stays silent on its
 * consistent twin; rounding tolerances; messages and evidence.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/result.h"
#include "indicators/check_engine.h"
#include "indicators/check_flag.h"
#include "indicators/check_num.h"
#include "indicators/rules.h"
#include "tests/check.h"
#include "tests/lookup.h"

static struct arena *A;
static struct result *R;

static void
fresh(void)
{
	if (A != NULL)
		arena_free(A);
	A = arena_new((size_t)16 << 20);
	R = arena_alloc(A, sizeof *R);
	R->status = RESULT_OK;
}

/* An indicator: origin "a" (appendix, `row` its row in table 0) or "n"
 * (narrative, `text` its sentence). */
static struct result_indicator *
add(const char *origin, int row, const char *text, const char *id,
    const char *code, const char *raw, double value)
{
	struct result_indicator *ind = arena_alloc(A, sizeof *ind);

	ind->id = id;
	ind->code = code;
	ind->label = id;
	ind->raw = raw;
	ind->has_value = raw != NULL && *raw != '\0';
	ind->value = value;
	ind->confidence = 1;
	ind->source.origin = origin[0] == 'a' ? "appendix" : "narrative";
	ind->source.page = origin[0] == 'a' ? 7 : 2;
	ind->source.table = origin[0] == 'a' ? 0 : -1;
	ind->source.row = row;
	ind->source.text = text;
	(void)ptrvec_push(&R->indicators, A, ind);
	return ind;
}

#define APP(row, id, code, raw, v) add("a", row, NULL, id, code, raw, v)
#define NAR(text, id, raw, v)      add("n", -1, text, id, NULL, raw, v)

/* The core rows the test did not give, so missing_required stays quiet
 * in the tests of other rules. */
static void
core_rows(void)
{
	static const char *const core[] = { "plan.tasks_total",
		"plan.tasks_done", "tthc.in_force", "files.received",
		"files.resolved", "staff.quota", "staff.present" };
	size_t i, j;

	for (i = 0; i < sizeof core / sizeof core[0]; i++) {
		bool found = false;

		for (j = 0; j < R->indicators.n; j++) {
			const struct result_indicator *ind = R->indicators.v[j];

			if (ind->id != NULL && strcmp(ind->id, core[i]) == 0 &&
			    strcmp(ind->source.origin, "appendix") == 0)
				found = true;
		}
		if (!found)
			add("a", 100 + (int)i, NULL, core[i],
			    arena_printf(A, "9.%zu", i), "", 0);
	}
}

static struct ptrvec flags;
static bool with_core = true;

static size_t
run(void)
{
	struct diag dg;
	enum err e;

	if (with_core)
		core_rows();
	memset(&flags, 0, sizeof flags);
	diag_init(&dg);
	e = check_document(R, NULL, A, &flags, &dg);
	if (e != ERR_OK)
		fprintf(stderr, "check_document: %s\n", dg.msg);
	CHECK(e == ERR_OK);
	return flags.n;
}

static size_t
count(const char *rule)
{
	return lookup_flags_count(&flags, rule);
}

static const struct result_flag *
first(const char *rule)
{
	return lookup_flags_first(&flags, rule);
}

static void
dump(void)
{
	size_t i;

	for (i = 0; i < flags.n; i++) {
		const struct result_flag *f = flags.v[i];

		fprintf(stderr, "  flag %s %s: %s\n", f->rule, f->severity,
		    f->message_en);
	}
}

/* ---- ratios ------------------------------------------------------ */

static void
plan_rows(const char *pct_raw, double pct, double done, double total)
{
	char *d = arena_printf(A, "%g", done),
	     *t = arena_printf(A, "%g", total);

	APP(1, "plan.done_pct", "1.2.", pct_raw, pct);
	APP(2, "plan.tasks_total", "", t, total);
	APP(3, "plan.tasks_done", "", d, done);
}

static void
test_checks_ratio_fires_and_twin_is_silent(void)
{
	const struct result_flag *f;

	fresh();
	plan_rows("20%", 20, 8, 30);
	run();
	CHECK(count("pct_mismatch") == 1);
	f = first("pct_mismatch");
	CHECK(f != NULL && f->has_expected && fabs(f->expected - 26.67) < 1e-9);
	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	CHECK(f != NULL && lookup_flag_has_id(f, "plan.done_pct") &&
	    lookup_flag_has_id(f, "plan.tasks_done") &&
	    lookup_flag_has_id(f, "plan.tasks_total"));
	CHECK(f != NULL && f->evidence.n == 3);
	CHECK(f != NULL && strstr(f->message, "8 / 30 = 26,7%") != NULL);
	CHECK(f != NULL && strstr(f->message, "ghi 20%") != NULL);
	CHECK(f != NULL && strstr(f->message_en, "8 / 30 = 26.7%") != NULL);
	if (flags.n != 1)
		dump();
	CHECK(flags.n == 1);

	fresh();
	plan_rows("26.7%", 26.7, 8, 30);
	CHECK(run() == 0);
}

/* 002 prints 27.2% for 6/22 = 27.27% (cut), 26% for 6/23 = 26.09%, and
 * 65.49 % for 7.972/12.175 = 65.478% (within 0.05 points). */
static void
test_checks_ratio_rounding(void)
{
	struct rules_settings s;
	double tol;

	rules_settings_default(&s);
	CHECK(check_pct_agrees(27.2, 1, 600.0 / 22, &s, &tol));
	CHECK(check_pct_agrees(26, 0, 600.0 / 23, &s, &tol));
	CHECK(check_pct_agrees(65.49, 2, 797200.0 / 12175, &s, &tol));
	CHECK(check_pct_agrees(65.5, 1, 797200.0 / 12175, &s, &tol));
	CHECK(check_pct_agrees(62.3, 1, 9100.0 / 146, &s, &tol));
	CHECK(check_pct_agrees(100, 0, 164800.0 / 1650, &s, &tol));
	CHECK(!check_pct_agrees(4.8, 1, 797200.0 / 12175, &s, &tol));
	CHECK(!check_pct_agrees(20, 0, 800.0 / 30, &s, &tol));
	CHECK(!check_pct_agrees(65.3, 1, 797200.0 / 12175, &s, &tol));
	CHECK(!check_pct_agrees(27.3, 1, 600.0 / 23 + 1, &s, &tol));
	CHECK(check_pct_agrees(26.6, 1, 800.0 / 30, &s, &tol)); /* cut */
	s.pct_truncation = false;
	CHECK(!check_pct_agrees(26.6, 1, 800.0 / 30, &s, &tol));
	CHECK(!check_pct_agrees(27.2, 1, 600.0 / 22, &s, &tol));
	CHECK(tol == 0.05);
	CHECK(check_pct_agrees(27, 0, 600.0 / 22, &s, &tol) && tol == 0.5);

	CHECK(check_decimals("27.2%", 27.2) == 1);
	CHECK(check_decimals("65.49 %", 65.49) == 2);
	CHECK(check_decimals("99,75%", 99.75) == 2);
	CHECK(check_decimals("100", 100) == 0);
	CHECK(check_decimals("7.972", 7972) == 0);
	CHECK(check_decimals(NULL, 12.5) == 1);
	CHECK(check_decimals("", 12) == 0);

	fresh();
	plan_rows("27.2%", 27.2, 6, 22);
	CHECK(run() == 0);
	fresh();
	plan_rows("26%", 26, 6, 23);
	CHECK(run() == 0);
}

static void
test_checks_ratio_zero_denominator(void)
{
	const struct result_flag *f;

	fresh();
	APP(1, "inspect.resolved_pct", "1.5.2.", "100", 100);
	APP(2, "inspect.issues_found", "", "0", 0);
	APP(3, "inspect.issues_resolved", "", "0", 0);
	run();
	f = first("pct_mismatch");
	CHECK(flags.n == 1 && f != NULL && strcmp(f->severity, "warning") == 0);
	CHECK(f != NULL && strstr(f->message_en, "denominator") != NULL);
	fresh();
	APP(1, "inspect.resolved_pct", "1.5.2.", "0", 0);
	APP(2, "inspect.issues_found", "", "0", 0);
	APP(3, "inspect.issues_resolved", "", "0", 0);
	CHECK(run() == 0);
}

/* 002 7.5.2: 385 sent electronically of 377 sent, "98": rows swapped. */
static void
test_checks_ratio_swapped_rows(void)
{
	const struct result_flag *f;

	fresh();
	APP(1, "edocs.digital_pct", "7.5.2", "98", 98);
	APP(2, "edocs.sent_signed", "", "385", 385);
	APP(3, "edocs.sent_total", "", "377", 377);
	run();
	CHECK(count("pct_mismatch") == 1);
	CHECK(count("part_exceeds_whole") == 1);
	f = first("pct_mismatch");
	CHECK(f != NULL && strstr(f->message_en, "swapped") != NULL);
	CHECK(f != NULL && strstr(f->message, "nhầm chỗ") != NULL);
}

/* A rate on a scanned page whose decimal mark OCR did not read ("17,4"
 * read as "174"): the flag says which reading the counts support. */
static void
test_checks_ratio_lost_decimal_mark(void)
{
	struct result_page *p;
	const struct result_flag *f;

	fresh();
	APP(1, "edocs.digital_pct", "7.5.2", "174", 174);
	APP(2, "edocs.sent_signed", "", "4", 4);
	APP(3, "edocs.sent_total", "", "23", 23);
	run();
	f = first("pct_mismatch");
	/* A text page prints what it means: no guess. */
	CHECK(f != NULL && strstr(f->message_en, "decimal mark") == NULL);
	p = arena_alloc(A, sizeof *p);
	p->n = 7;
	p->method = "ocr";
	(void)ptrvec_push(&R->pages, A, p);
	run();
	f = first("pct_mismatch");
	CHECK(
	    f != NULL && strstr(f->message_en, "decimal mark (17.4%)") != NULL);
	CHECK(f != NULL && strstr(f->message, "dấu thập phân (17,4%)") != NULL);
}

/* The same ids under three plans (002 1.2, 1.3, 1.4): each rate is
 * bound to the rows under it, and only 1.4 is wrong. */
static void
test_checks_ratio_binds_within_group(void)
{
	const struct result_flag *f;
	size_t i;

	fresh();
	APP(1, "plan.done_pct", "1.2.", "27.2%", 27.2);
	APP(2, "plan.tasks_total", "", "22", 22);
	APP(3, "plan.tasks_done", "", "6", 6);
	APP(4, "plan.done_pct", "1.3", "26%", 26);
	APP(5, "plan.tasks_total", "", "23", 23);
	APP(6, "plan.tasks_done", "", "6", 6);
	APP(7, "plan.done_pct", "1.4", "20%", 20);
	APP(8, "plan.tasks_total", "", "30", 30);
	APP(9, "plan.tasks_done", "", "8", 8);
	run();
	CHECK(count("pct_mismatch") == 1);
	f = first("pct_mismatch");
	for (i = 0; f != NULL && i < f->evidence.n; i++) {
		const struct result_evidence *ev = f->evidence.v[i];

		CHECK(ev->source.row >= 7 && ev->source.row <= 9);
	}
	if (count("pct_mismatch") != 1)
		dump();
}

/* Rate rows without an id (002 1.3 and 1.4): told apart by wording. */
static struct result_indicator *
row(int r, const char *code, const char *label, const char *unit,
    const char *raw, double v)
{
	struct result_indicator *ind = APP(r, NULL, code, raw, v);

	ind->label = label;
	ind->unit = unit;
	return ind;
}

static void
test_checks_rate_rows_without_id(void)
{
	const struct result_flag *f;

	fresh();
	row(6, "1.3", "Tỷ lệ hoàn thành kế hoạch PAPI", NULL, "26%", 26);
	row(7, "", "- Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "23", 23);
	row(8, "", "- Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "6", 6);
	row(9, "1.4", "Tỷ lệ hoàn thành kế hoạch theo kết luận 91", NULL, "20%",
	    20);
	row(10, "", "- Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "30", 30);
	row(11, "", "- Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "8", 8);
	run();
	CHECK(count("pct_mismatch") == 1);
	f = first("pct_mismatch");
	CHECK(f != NULL && f->has_expected && f->expected == 26.67);
	CHECK(f != NULL && f->evidence.n == 3 && f->ids.n == 0);
	CHECK(f != NULL && strstr(f->message, "8 / 30 = 26,7%") != NULL);

	/* In doubt: two rows worded as done, none as the total. */
	fresh();
	row(1, "", "- Tỷ lệ hồ sơ đúng hạn lĩnh vực đất đai", "%", "90", 90);
	row(2, "", "+ Số hồ sơ đã giải quyết xong", "Hồ sơ", "10", 10);
	row(3, "", "+ Số hồ sơ đã giải quyết đúng hạn", "Hồ sơ", "4", 4);
	CHECK(run() == 0);

	/* "- Tỷ lệ" after its own rows (002 2.3), and 100 of nothing. */
	fresh();
	row(1, "2.3.", "Rà soát VBQPPL", NULL, "", 0);
	row(2, "", "- Tổng số VBQPPL cần phải xử lý sau rà soát", "Văn bản",
	    "0", 0);
	row(3, "", "- Số VBQPPL có kiến nghị xử lý đã được xử lý xong",
	    "Văn bản", "0", 0);
	row(4, "", "- Tỷ lệ xử lý VBQPPL sau rà soát", "%", "100", 100);
	run();
	CHECK(count("pct_mismatch") == 1 && first("pct_mismatch") != NULL &&
	    strcmp(first("pct_mismatch")->severity, "warning") == 0);
	fresh();
	row(2, "", "- Tổng số VBQPPL cần phải xử lý sau rà soát", "Văn bản",
	    "4", 4);
	row(3, "", "- Số VBQPPL có kiến nghị xử lý đã được xử lý xong",
	    "Văn bản", "3", 3);
	row(4, "", "- Tỷ lệ xử lý VBQPPL sau rà soát", "%", "75", 75);
	CHECK(run() == 0);
}

/* ---- parts and sums ----------------------------------------------- */

static void
test_checks_part_exceeds_whole(void)
{
	const struct result_flag *f;

	fresh();
	APP(1, "feedback.received", "3.4", "4", 4);
	APP(2, "feedback.resolved", "", "5", 5);
	run();
	CHECK(flags.n == 1 && count("part_exceeds_whole") == 1);
	f = first("part_exceeds_whole");
	CHECK(f != NULL && f->has_expected && f->expected == 4);
	CHECK(f != NULL && strstr(f->message_en, "larger than") != NULL);
	fresh();
	APP(1, "feedback.received", "3.4", "5", 5);
	APP(2, "feedback.resolved", "", "5", 5);
	CHECK(run() == 0);
	/* Staff over quota is a warning (R16). */
	fresh();
	plan_rows("50%", 50, 5, 10);
	APP(20, "staff.quota", "4.1", "20", 20);
	APP(21, "staff.present", "", "23", 23);
	run();
	f = first("part_exceeds_whole");
	CHECK(f != NULL && strcmp(f->severity, "warning") == 0);
}

static void
test_checks_breakdown_sum(void)
{
	const struct result_flag *f;

	fresh();
	APP(1, "files.resolved", "3.3", "7.688", 7688);
	APP(2, "files.resolved_early", "", "5.493", 5493);
	APP(3, "files.resolved_on_time", "", "2.195", 2195);
	APP(4, "files.resolved_late", "", "1", 1);
	run();
	CHECK(count("breakdown_sum") == 1);
	f = first("breakdown_sum");
	CHECK(f != NULL && f->has_expected && f->expected == 7689);
	CHECK(f != NULL && strstr(f->message, "7.688") != NULL &&
	    strstr(f->message, "7.689") != NULL);
	CHECK(f != NULL && strstr(f->message_en, "7,689") != NULL);
	fresh();
	APP(1, "files.resolved", "3.3", "7.688", 7688);
	APP(2, "files.resolved_early", "", "5.493", 5493);
	APP(3, "files.resolved_on_time", "", "2.195", 2195);
	APP(4, "files.resolved_late", "", "0", 0);
	CHECK(run() == 0);
	/* Optional terms: only the commune level given (a ward). */
	fresh();
	APP(1, "tthc.in_force", "3.1.4", "271", 271);
	APP(2, "tthc.commune_level", "", "263", 263);
	run();
	CHECK(count("breakdown_sum") == 1);
	fresh();
	APP(1, "tthc.in_force", "3.1.4", "", 0);
	APP(2, "tthc.commune_level", "", "212", 212);
	CHECK(run() == 0);
}

/* received + carried over = resolved + pending, with the carried-over
 * row absent the balance says nothing. */
static void
test_checks_balance(void)
{
	fresh();
	plan_rows("50%", 50, 5, 10);
	APP(1, "files.received", "3.2", "412", 412);
	APP(2, "files.carried_over", "", "8", 8);
	APP(3, "files.resolved", "", "403", 403);
	APP(4, "files.pending", "", "4", 4);
	run();
	CHECK(count("breakdown_sum") == 1);
	CHECK(first("breakdown_sum") != NULL &&
	    strcmp(first("breakdown_sum")->severity, "warning") == 0);
	fresh();
	plan_rows("50%", 50, 5, 10);
	APP(1, "files.received", "3.2", "186", 186);
	APP(3, "files.resolved", "", "181", 181);
	APP(4, "files.pending", "", "4", 4);
	CHECK(run() == 0);
}

/* A rule of an office's own file whose first term is optional and
 * absent (found by fuzzing). */
static void
test_checks_optional_first_term(void)
{
	static const char text[] =
	    "le\tfeedback.extra? + feedback.resolved <= feedback.received\n";
	struct rules *rs = NULL;
	struct diag dg;

	fresh();
	diag_init(&dg);
	CHECK(rules_parse(text, sizeof text - 1, "t", A, &rs, &dg) == ERR_OK);
	APP(1, "feedback.received", "3.4", "4", 4);
	APP(2, "feedback.resolved", "", "5", 5);
	memset(&flags, 0, sizeof flags);
	CHECK(rs != NULL && check_document(R, rs, A, &flags, &dg) == ERR_OK);
	CHECK(flags.n == 1 && count("part_exceeds_whole") == 1);
}

/* ---- ranges, counts, codes, required rows ------------------------- */

static void
test_checks_pct_out_of_range(void)
{
	fresh();
	APP(1, "files.digitized_pct", "3.2.2.", "107.79%", 107.79);
	run();
	CHECK(flags.n == 1 && count("pct_out_of_range") == 1);
	fresh();
	APP(1, "files.digitized_pct", "3.2.2.", "100%", 100);
	CHECK(run() == 0);
}

static void
test_checks_count_invalid(void)
{
	fresh();
	APP(1, "legal.issued", "2.1", "2,5", 2.5);
	APP(2, "legal.checked", "2.2", "-1", -1);
	run();
	CHECK(count("count_invalid") == 2);
	fresh();
	APP(1, "legal.issued", "2.1", "2", 2);
	CHECK(run() == 0);
}

static void
test_checks_code_conflict(void)
{
	fresh();
	APP(1, "survey.held", "1.7", "1", 1);
	APP(2, "survey.forms", "", "0", 0);
	run();
	CHECK(flags.n == 1 && count("code_conflict") == 1);
	fresh();
	APP(1, "survey.held", "1.7", "1", 1);
	APP(2, "survey.forms", "", "560", 560);
	CHECK(run() == 0);
}

static void
test_checks_missing_required(void)
{
	const struct result_flag *f;

	fresh();
	with_core = false;
	APP(100, "plan.tasks_total", "9.1", "10", 10);
	APP(101, "plan.tasks_done", "9.2", "5", 5);
	APP(102, "tthc.in_force", "9.3", "200", 200);
	APP(104, "files.resolved", "9.5", "50", 50);
	APP(105, "staff.quota", "9.6", "20", 20);
	APP(106, "staff.present", "9.7", "20", 20);
	/* Without the report's front (header, sections) the rows may be on
	 * pages not sent: an appendix page scanned on its own. */
	CHECK(run() == 0);
	R->metadata.issuer = "UBND XÃ TỊNH HÀ";
	run();
	CHECK(flags.n == 1 && count("missing_required") == 1);
	f = first("missing_required");
	CHECK(f != NULL && f->ids.n == 1 &&
	    lookup_flag_has_id(f, "files.received"));
	/* A blank cell is a row that is there. */
	APP(103, "files.received", "9.4", "", 0);
	CHECK(run() == 0);
	/* No appendix at all: one flag naming every core id, for a report
	 * that names its period; nothing for a letter. */
	fresh();
	CHECK(run() == 0);
	R->metadata.period.label = "quý I năm 2024";
	CHECK(run() == 0); /* no reform sections: not a reform report */
	{
		static struct result_section s1 = { "tthc", "Cải cách TTHC",
			2 },
					     s2 = { "bo_may", "Bộ máy", 3 };

		(void)ptrvec_push(&R->sections, A, &s1);
		(void)ptrvec_push(&R->sections, A, &s2);
	}
	run();
	CHECK(flags.n == 1 && count("missing_required") == 1);
	CHECK(first("missing_required") != NULL &&
	    first("missing_required")->ids.n == 7);
	with_core = true;
}

/* ---- narrative ---------------------------------------------------- */

static void
test_checks_body_vs_appendix(void)
{
	const struct result_flag *f;

	/* 002: 384.000 đồng in the text, 216.000 + 12.000 in two rows. */
	fresh();
	APP(1, "payment.online_amount_vnd", "", "216.000", 216000);
	APP(2, "payment.online_amount_vnd", "", "12.000", 12000);
	NAR("32 hồ sơ với tổng số tiền lệ phí: 384.000 đồng",
	    "payment.online_amount_vnd", "384.000", 384000);
	run();
	CHECK(flags.n == 1 && count("body_vs_appendix") == 1);
	f = first("body_vs_appendix");
	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	CHECK(f != NULL && f->evidence.n == 3);
	CHECK(f != NULL && strstr(f->message, "384.000") != NULL &&
	    strstr(f->message, "216.000") != NULL);
	/* Their total is the same quantity stated once. */
	fresh();
	APP(1, "payment.online_amount_vnd", "", "216.000", 216000);
	APP(2, "payment.online_amount_vnd", "", "12.000", 12000);
	NAR("tổng số tiền: 228.000 đồng", "payment.online_amount_vnd",
	    "228.000", 228000);
	CHECK(run() == 0);
	/* Counts are exact. */
	fresh();
	APP(1, "online.tthc_level3", "7.1", "20", 20);
	NAR("29 TTHC một phần", "online.tthc_level3", "29", 29);
	run();
	CHECK(count("body_vs_appendix") == 1);
	/* Rates: the text rounds ("60 %" for 60.4%, "71,9%" for "72 %"). */
	fresh();
	APP(1, "online.pct", "7.6.3", "60.4%", 60.4);
	NAR("đạt 60 %", "online.pct", "60 %", 60);
	APP(2, "invest.disbursed_pct", "6.1", "72 %", 72);
	NAR("đạt 71,9%", "invest.disbursed_pct", "71,9%", 71.9);
	CHECK(run() == 0);
	fresh();
	APP(1, "invest.disbursed_pct", "6.1", "41%", 41);
	NAR("đạt 31,8%", "invest.disbursed_pct", "31,8%", 31.8);
	run();
	f = first("body_vs_appendix");
	CHECK(f != NULL && strcmp(f->severity, "warning") == 0);
	/* A blank appendix cell is not a different value. */
	fresh();
	APP(1, "legal.reviewed", "2.3", "", 0);
	NAR("rà soát 7 văn bản", "legal.reviewed", "7", 7);
	CHECK(run() == 0);
	/* Money in another scale: 1,2 tỷ đồng is 1.200 triệu đồng. */
	fresh();
	APP(1, "invest.plan_mil", "6.1", "1.200", 1200);
	NAR("kế hoạch vốn 1,2 tỷ đồng", "invest.plan_mil", "1,2", 1.2);
	CHECK(run() == 0);
}

/* dev-04: "đã hoàn thành 26 nhiệm vụ trên tổng số 35 nhiệm vụ, đạt tỷ lệ
 * 15%": the sentence is checked on its own numbers. */
static void
test_checks_sentence_ratio(void)
{
	static const char s[] = "Kết quả đến nay đã hoàn thành 26 nhiệm vụ "
				"trên tổng số 35 nhiệm vụ, đạt tỷ lệ 15% kế "
				"hoạch năm.";
	const struct result_flag *f;

	fresh();
	NAR(s, "plan.tasks_done", "26", 26);
	NAR(s, "plan.tasks_total", "35", 35);
	NAR(s, "plan.done_pct", "15%", 15);
	run();
	f = first("pct_mismatch");
	CHECK(f != NULL && fabs(f->expected - 74.29) < 1e-9);
	CHECK(f != NULL && strstr(f->message, "phần nội dung") != NULL);
	/* The sentence's own counts, not the appendix's 5/10. */
	CHECK(f != NULL && strstr(f->message, "26 / 35") != NULL);
	fresh();
	NAR(s, "plan.tasks_done", "26", 26);
	NAR(s, "plan.tasks_total", "35", 35);
	NAR(s, "plan.done_pct", "74,3%", 74.3);
	run();
	CHECK(count("pct_mismatch") == 0);
}

/* A text value that differs from the appendix is one finding, not a
 * broken sum as well (dev-22: 320 procedures in the text, 312 rows). */
static void
test_checks_no_cascade(void)
{
	fresh();
	APP(1, "tthc.in_force", "3.1.4", "312", 312);
	APP(2, "tthc.commune_level", "", "312", 312);
	NAR("320 thủ tục", "tthc.in_force", "320", 320);
	run();
	CHECK(count("body_vs_appendix") == 1);
	CHECK(count("breakdown_sum") == 0);
	CHECK(count("part_exceeds_whole") == 0);
}

/* ---- OCR confidence ----------------------------------------------- */

static void
test_checks_low_ocr_confidence(void)
{
	struct result_page *p;
	struct result_indicator *ind;

	fresh();
	p = arena_alloc(A, sizeof *p);
	p->n = 7;
	p->method = "ocr";
	p->confidence = 0.7;
	(void)ptrvec_push(&R->pages, A, p);
	ind = APP(103, "files.received", "9.4", "186", 186);
	ind->confidence = 0.4;
	run();
	CHECK(flags.n == 1 && count("low_ocr_confidence") == 1);
	CHECK(
	    lookup_flag_has_id(first("low_ocr_confidence"), "files.received"));
	ind->confidence = 0.9;
	CHECK(run() == 0);
	/* Text pages have no OCR doubt whatever the number says. */
	ind->confidence = 0.4;
	p->method = "text";
	CHECK(run() == 0);
}

/* ---- messages and the duplicate flag ------------------------------ */

static void
test_checks_number_format(void)
{
	char b[64];

	check_fmt_num(b, sizeof b, 7972, 0, CHECK_VI);
	CHECK_STR(b, "7.972");
	check_fmt_num(b, sizeof b, 7972, 0, CHECK_EN);
	CHECK_STR(b, "7,972");
	check_fmt_num(b, sizeof b, 65.478, 1, CHECK_VI);
	CHECK_STR(b, "65,5");
	check_fmt_num(b, sizeof b, 1034000, 2, CHECK_VI);
	CHECK_STR(b, "1.034.000");
	check_fmt_num(b, sizeof b, -1250.5, 1, CHECK_EN);
	CHECK_STR(b, "-1,250.5");
	check_fmt_num(b, sizeof b, 100, 2, CHECK_VI);
	CHECK_STR(b, "100");
	check_fmt_num(b, 4, 123456, 0, CHECK_VI);
	CHECK(strlen(b) == 3);
}

static void
test_checks_duplicate_flag(void)
{
	const struct result_flag *f;

	fresh();
	f = check_flag_duplicate(
	    A, RULES_WARNING, true, "bc-q1.docx", "2024-03-14T08:00:00Z");
	CHECK(f != NULL && strcmp(f->rule, "duplicate_submission") == 0);
	CHECK(f != NULL && strcmp(f->severity, "warning") == 0);
	CHECK(f != NULL && strstr(f->message, "bc-q1.docx") != NULL);
	CHECK(f != NULL && strstr(f->message_en, "identical") != NULL);
	f = check_flag_duplicate(A, RULES_INFO, false, "x.pdf", NULL);
	CHECK(f != NULL && strstr(f->message_en, "document number") != NULL);
}

/* Every arena cap gives a clean result: flags or ERR_NOMEM. */
static void
test_checks_nomem(void)
{
	size_t cap;

	for (cap = 1024; cap < (size_t)4 << 20; cap = cap * 5 / 4) {
		struct arena *a = arena_new(cap);
		struct result *r = arena_alloc(a, sizeof *r);
		struct ptrvec out = { NULL, 0, 0 };
		struct diag dg;
		enum err e;
		size_t i;

		if (r == NULL) {
			arena_free(a);
			continue;
		}
		for (i = 0; i < 40; i++) {
			struct result_indicator *ind =
			    arena_alloc(a, sizeof *ind);

			if (ind == NULL)
				break;
			ind->id = i % 2 ? "plan.tasks_done" : "plan.done_pct";
			ind->raw = "20%";
			ind->has_value = true;
			ind->value = (double)i;
			ind->source.origin = "appendix";
			ind->source.row = (int)i;
			(void)ptrvec_push(&r->indicators, a, ind);
		}
		diag_init(&dg);
		e = check_document(r, NULL, a, &out, &dg);
		CHECK(e == ERR_OK || e == ERR_NOMEM);
		arena_free(a);
	}
}

int
main(void)
{
	RUN(test_checks_ratio_fires_and_twin_is_silent);
	RUN(test_checks_ratio_rounding);
	RUN(test_checks_ratio_zero_denominator);
	RUN(test_checks_ratio_swapped_rows);
	RUN(test_checks_ratio_lost_decimal_mark);
	RUN(test_checks_ratio_binds_within_group);
	RUN(test_checks_rate_rows_without_id);
	RUN(test_checks_part_exceeds_whole);
	RUN(test_checks_breakdown_sum);
	RUN(test_checks_balance);
	RUN(test_checks_optional_first_term);
	RUN(test_checks_pct_out_of_range);
	RUN(test_checks_count_invalid);
	RUN(test_checks_code_conflict);
	RUN(test_checks_missing_required);
	RUN(test_checks_body_vs_appendix);
	RUN(test_checks_sentence_ratio);
	RUN(test_checks_no_cascade);
	RUN(test_checks_low_ocr_confidence);
	RUN(test_checks_number_format);
	RUN(test_checks_duplicate_flag);
	RUN(test_checks_nomem);
	arena_free(A);
	return check_done();
}
