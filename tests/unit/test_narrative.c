/* SPDX-License-Identifier: MIT */
/* Values stated in the running text. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "indicators/catalogue.h"
#include "indicators/map.h"
#include "indicators/narrative.h"
#include "tests/check.h"
#include "tests/docbuild.h"

static const struct catalogue *cat;
static struct arena *A;

static struct result *
para(const char *text)
{
	struct result *r = arena_alloc(A, sizeof *r);

	if (r == NULL ||
	    narrative_paragraph(cat, text, strlen(text), 1, r, A) != ERR_OK)
		return NULL;
	return r;
}

static const struct result_indicator *
find(const struct result *r, const char *id)
{
	size_t i;

	for (i = 0; r != NULL && i < r->indicators.n; i++) {
		const struct result_indicator *ri = r->indicators.v[i];

		if (strcmp(ri->id, id) == 0)
			return ri;
	}
	return NULL;
}

static int
has(const struct result *r, const char *id, double v)
{
	const struct result_indicator *ri = find(r, id);

	return ri != NULL && ri->has_value && fabs(ri->value - v) < 1e-9;
}

static void
test_narrative_simple(void)
{
	const char *s = "Tổng số hồ sơ nhận: 186 hồ sơ";
	struct result *r = para(s);
	const struct result_indicator *ri = find(r, "files.received");

	CHECK(has(r, "files.received", 186));
	CHECK(ri != NULL && strcmp(ri->source.origin, "narrative") == 0);
	CHECK(ri != NULL && strcmp(ri->source.text, s) == 0);
	CHECK(ri != NULL && ri->source.table == -1 && ri->source.row == -1);
	CHECK_STR(ri != NULL ? ri->raw : NULL, "186");
}

/* "7.972/12.175" are thousands in triệu đồng; the stated rate is read
 * as printed, even when it disagrees (that is for the checks). */
static void
test_narrative_fraction_and_rate(void)
{
	struct result *r = para("- Tỷ lệ giải ngân vốn đầu tư công tính đến "
				"ngày 31/3/2024 đã giải ngân được 7.972/12.175 "
				"triệu đồng, đạt 4.8% kế hoạch vốn.");
	const struct result_indicator *ri;

	CHECK(has(r, "invest.disbursed_mil", 7972));
	CHECK(has(r, "invest.plan_mil", 12175));
	CHECK(has(r, "invest.disbursed_pct", 4.8));
	ri = find(r, "invest.disbursed_pct");
	CHECK_STR(ri != NULL ? ri->raw : NULL, "4.8%");
	r = para("Tính đến thời điểm báo cáo, UBND xã đã hoàn thành 11/27 "
		 "nhiệm vụ đề ra trong Kế hoạch, đạt 40,7 %; các nhiệm vụ còn "
		 "lại đang được triển khai.");
	CHECK(has(r, "plan.tasks_done", 11));
	CHECK(has(r, "plan.tasks_total", 27));
	CHECK(has(r, "plan.done_pct", 40.7));
	ri = find(r, "plan.done_pct");
	CHECK_STR(ri != NULL ? ri->raw : NULL, "40,7 %");
}

/* A value in words: "không ban hành" is 0. */
static void
test_narrative_in_words(void)
{
	struct result *r = para("Trong quý II/2024, UBND phường không ban hành "
				"văn bản quy phạm pháp luật.");
	const struct result_indicator *ri = find(r, "legal.issued");

	CHECK(has(r, "legal.issued", 0));
	CHECK_STR(ri != NULL ? ri->raw : NULL, "không");
	r = para(
	    "Trong năm 2023, không có cán bộ, công chức vi phạm phải xử lý "
	    "kỷ luật.");
	CHECK(has(r, "discipline.officials", 0));
}

/* Several values in one sentence, with dates and document numbers among
 * them. */
static void
test_narrative_many(void)
{
	struct result *r = para(
	    "- Số lượng và tỷ lệ hồ sơ được tiếp nhận trực tuyến quý I năm "
	    "2021 (từ ngày 01/01/2020 đến ngày 31/03/2020): 51/239 hồ sơ, đạt "
	    "21%.");

	CHECK(has(r, "online.files_online", 51));
	CHECK(has(r, "online.files_total", 239));
	CHECK(has(r, "online.pct", 21));
	r = para(
	    "Căn cứ Kế hoạch số:349/KH-UBND ngày 15/2/2023 về kiểm tra "
	    "công tác cải cách hành chính năm 2023, UBND phường đã tổ chức "
	    "kiểm tra 6 bộ phận, cán bộ, công chức; qua kiểm tra đã phát "
	    "hiện 3 vấn đề còn tồn tại, đến nay đã chỉ đạo khắc phục xong "
	    "1 vấn đề.");
	CHECK(has(r, "inspect.units", 6));
	CHECK(has(r, "inspect.issues_found", 3));
	CHECK(has(r, "inspect.issues_resolved", 1));
	CHECK(r != NULL && r->indicators.n == 3);
}

/* OCR slips in the words do not hide the values; the numbers must be
 * read right. */
static void
test_narrative_ocr_slips(void)
{
	struct result *r =
	    para("Can cu Ke hoach so 12/KH-UBND ngay 1/2/2023, "
		 "UBND xa da to chuc kiem trn 6 bo phan, can bo, "
		 "cong chuc; qua kiem tra da phat hicn 3 van de "
		 "con ton tai, den nay da chi dao khac phuc xoug "
		 "1 van de.");

	CHECK(has(r, "inspect.units", 6));
	CHECK(has(r, "inspect.issues_found", 3));
	CHECK(has(r, "inspect.issues_resolved", 1));
	/* A different sentence is not bent into a pattern. */
	r = para("Đã giải quyết xong 12 hồ sơ đất đai tồn đọng.");
	CHECK(find(r, "files.pending") == NULL);
}

/* Decomposed text matches the same patterns. */
static void
test_narrative_nfd(void)
{
	struct result *r =
	    para("To\xcc\x82\xcc\x89ng so\xcc\x82\xcc\x81 "
		 "ho\xcc\x82\xcc\x80 so\xcc\x9b "
		 "nha\xcc\xa3\xcc\x82n: 1.578 ho\xcc\x82\xcc\x80 "
		 "so\xcc\x9b");

	CHECK(has(r, "files.received", 1578));
}

/* Targets and unrelated sentences give nothing. */
static void
test_narrative_targets_are_not_results(void)
{
	struct result *r = para("Phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt "
				"trên 99%, tỷ lệ số hóa đạt 100%.");

	CHECK(r != NULL && r->indicators.n == 0);
	r = para("UBND phường đã ban hành Kế hoạch số 195/KH-UBND ngày "
		 "1/12/2023 về cải cách hành chính phường năm 2024.");
	CHECK(r != NULL && r->indicators.n == 0);
	r = para("");
	CHECK(r != NULL && r->indicators.n == 0);
}

/* In a document: paragraphs under the plan heading are not read, nor
 * the appendix. */
static void
test_narrative_in_document(void)
{
	const char *text = "BÁO CÁO\n"
			   "Kết quả công tác cải cách hành chính quý II/2024\n"
			   "2.2. Cải cách thủ tục hành chính\n"
			   "Tổng số hồ sơ nhận: 1.578 hồ sơ\n"
			   "4. Phương hướng, nhiệm vụ quý III năm 2024\n"
			   "Đang giải quyết: 9 hồ sơ\n"
			   "Phụ lục 1\n"
			   "Tổng số hồ sơ nhận: 99 hồ sơ\n";
	struct doc *d = docbuild(A, text, strlen(text));
	struct result *r = arena_alloc(A, sizeof *r);
	size_t i, n = 0;

	CHECK(d != NULL && r != NULL && map_document(d, cat, r, A) == ERR_OK);
	for (i = 0; r != NULL && i < r->indicators.n; i++) {
		const struct result_indicator *ri = r->indicators.v[i];

		n += strcmp(ri->source.origin, "narrative") == 0;
	}
	CHECK(n == 1);
	CHECK(has(r, "files.received", 1578));
	CHECK(find(r, "files.pending") == NULL);
}

/* Hostile text: long runs of pattern words do not make matching blow
 * up (the step cap holds). */
static void
test_narrative_bounded(void)
{
	GString *s = g_string_new(NULL);
	struct result *r;
	int i;

	for (i = 0; i < 1500; i++)
		g_string_append(s, "ho so da tiep nhan truc tuyen 1 / ");
	r = para(s->str);
	CHECK(r != NULL);
	g_string_free(s, TRUE);
}

int
main(void)
{
	struct diag dg;

	diag_init(&dg);
	cat = catalogue_default(&dg);
	if (cat == NULL) {
		fprintf(stderr, "catalogue: %s\n", dg.msg);
		return 1;
	}
	A = arena_new(64u << 20);
	RUN(test_narrative_simple);
	RUN(test_narrative_fraction_and_rate);
	RUN(test_narrative_in_words);
	RUN(test_narrative_many);
	RUN(test_narrative_ocr_slips);
	RUN(test_narrative_nfd);
	RUN(test_narrative_targets_are_not_results);
	RUN(test_narrative_in_document);
	RUN(test_narrative_bounded);
	arena_free(A);
	return check_done();
}
