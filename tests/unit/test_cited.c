/* SPDX-License-Identifier: MIT */
/*
 * Tests of dates in text: cited documents, malformed dates, periods and
 * the date flags over a hand-built document model.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/limits.h"
#include "daemon/readfile.h"
#include "parsers/docx.h"
#include "core/doc.h"
#include "core/result.h"
#include "indicators/check_dates.h"
#include "indicators/check_engine.h"
#include "indicators/check_text.h"
#include "indicators/cited_docs.h"
#include "tests/check.h"

static struct arena *A;

static struct ptrvec
scan(const char *text)
{
	struct ptrvec v = { NULL, 0, 0 };
	struct result_ref where = { "narrative", 3, -1, -1, NULL };

	CHECK(cited_docs_scan(text, strlen(text), &where, -1, A, &v) == 0);
	return v;
}

static const struct cited_doc *
at(const struct ptrvec *v, size_t i)
{
	return i < v->n ? v->v[i] : NULL;
}

static void
test_cited_references(void)
{
	struct ptrvec v;
	const struct cited_doc *c;

	v = scan("Căn cứ quyết định ban hành kế hoạch kiểm soát thủ tục hành "
		 "chính số:50/QĐ-UBND ngày 19/02/2024 về việc ban hành kế "
		 "hoạch, UBND phường đã đăng ký theo công văn số:2549/UBND "
		 "ngày 22/12/2024 về việc đăng ký danh mục.");
	CHECK(v.n == 2);
	c = at(&v, 1);
	CHECK(c != NULL && c->state == CITED_DATE_OK && c->year == 2024 &&
	    c->month == 12 && c->day == 22);
	CHECK(c != NULL &&
	    strcmp(c->text, "công văn số:2549/UBND ngày 22/12/2024") == 0);
	CHECK(c != NULL && strcmp(c->number, "2549/UBND") == 0);
	CHECK(c != NULL && strcmp(c->date_raw, "22/12/2024") == 0);
	CHECK(c != NULL && c->where.page == 3 &&
	    strstr(c->where.text, "2549") != NULL);
	/* The sentence around the reference, not the paragraph. */
	v = scan("Câu trước. Theo Kế hoạch số 09/KH-UBND ngày 02/01/2024 về "
		 "việc duy trì ISO. Câu sau.");
	c = at(&v, 0);
	CHECK(c != NULL &&
	    strcmp(c->where.text,
		"Theo Kế hoạch số 09/KH-UBND ngày 02/01/2024 về việc duy trì "
		"ISO.") == 0);

	v = scan("Đã ban hành quyết định số 55/QĐ-UBND ngày 28/02/2024/2023 "
		 "về việc kiện toàn bộ phận Tiếp nhận.");
	c = at(&v, 0);
	CHECK(v.n == 1 && c != NULL && c->state == CITED_DATE_EXTRA_PART);
	CHECK(c != NULL && strcmp(c->date_raw, "28/02/2024/2023") == 0);
	CHECK(c != NULL &&
	    strcmp(c->text, "quyết định số 55/QĐ-UBND ngày 28/02/2024/2023") ==
		0);

	/* "của <issuer>" between number and date; no "số". */
	v = scan("Thực hiện đúng nghị quyết 24/2023/NQ-HĐND của HĐND tỉnh "
		 "Khánh Hòa ngày 07/12/2023, số người là 15.");
	c = at(&v, 0);
	CHECK(v.n == 1 && c != NULL && c->number != NULL &&
	    strcmp(c->number, "24/2023/NQ-HĐND") == 0);
	CHECK(c != NULL && strncmp(c->text, "nghị quyết", 11) == 0);

	/* Numbers written with spaces; capitals; Kết luận's hyphen. */
	v = scan("Văn bản số 260/ UBND ngày 21/02/2024; KẾ HOẠCH SỐ 1652 "
		 "/KH-UBND NGÀY 12/2/2022; Kết luận số 91-KL/TU ngày "
		 "18/10/2022.");
	CHECK(v.n == 3);
	CHECK(at(&v, 0) != NULL && at(&v, 0)->number != NULL &&
	    strcmp(at(&v, 0)->number, "260/ UBND") == 0);
	CHECK(at(&v, 1) != NULL && at(&v, 1)->number != NULL &&
	    at(&v, 1)->month == 2);
	CHECK(at(&v, 2) != NULL && at(&v, 2)->number != NULL &&
	    strcmp(at(&v, 2)->number, "91-KL/TU") == 0);
}

static void
test_cited_loose_dates(void)
{
	struct ptrvec v;

	/* A window and a date written in words date no document. */
	v = scan("Kết quả (Tính từ ngày 14/12/2023 đến hết ngày 12/3/2024): "
		 "Vĩnh Hòa, ngày 13 tháng 3 năm 2024");
	CHECK(v.n == 3);
	CHECK(at(&v, 0) != NULL && at(&v, 0)->number == NULL);
	CHECK(at(&v, 1) != NULL && at(&v, 1)->number == NULL &&
	    at(&v, 1)->day == 12);
	CHECK(at(&v, 2) != NULL && at(&v, 2)->number == NULL &&
	    at(&v, 2)->year == 2024 && at(&v, 2)->month == 3 &&
	    at(&v, 2)->day == 13);
	/* In force from a date: the law's number is not dated by it. */
	v = scan("Luật số 22/2023/QH15 có hiệu lực từ ngày 01/7/2024.");
	CHECK(v.n == 1 && at(&v, 0) != NULL && at(&v, 0)->number == NULL);
	/* Day and month only; "ngày càng"; a year alone. */
	v = scan("hạn chót ngày 12/3, ngày càng tốt hơn, ngày 2024");
	CHECK(v.n == 0);
}

static void
test_cited_malformed(void)
{
	struct ptrvec v;

	v = scan("Quyết định số 454/QĐ-UBND ngày 41/9/2020; Quyết định "
		 "số:551/QĐ-UBND ngày 29/02/2021; Kế hoạch số 3/KH ngày "
		 "29/02/2024; Công văn số 9/UBND ngày 12/13/2024; Thông báo "
		 "số 1/TB ngày 12/3/202");
	CHECK(v.n == 5);
	CHECK(at(&v, 0) != NULL && at(&v, 0)->state == CITED_DATE_BAD_DAY);
	CHECK(at(&v, 1) != NULL && at(&v, 1)->state == CITED_DATE_BAD_DAY);
	CHECK(at(&v, 2) != NULL && at(&v, 2)->state == CITED_DATE_OK);
	CHECK(at(&v, 3) != NULL && at(&v, 3)->state == CITED_DATE_BAD_MONTH);
	CHECK(at(&v, 4) != NULL && at(&v, 4)->state == CITED_DATE_BAD_YEAR);
	CHECK(cited_date_valid(2024, 2, 29));
	CHECK(!cited_date_valid(2023, 2, 29));
	CHECK(!cited_date_valid(2100, 2, 29));
	CHECK(cited_date_valid(2000, 2, 29));
	CHECK(!cited_date_valid(2024, 4, 31));
}

static void
test_cited_garbage_is_safe(void)
{
	static const char bad[] = "ngày \xff\xfe 12/\x00/2024 ngày 1/1/\xc3";
	struct ptrvec v = { NULL, 0, 0 };

	CHECK(cited_docs_scan(bad, sizeof bad - 1, NULL, -1, A, &v) == 0);
	CHECK(cited_docs_scan("ngày", 4, NULL, -1, A, &v) == 0);
	CHECK(cited_docs_scan("", 0, NULL, -1, A, &v) == 0);
}

static void
test_cited_periods(void)
{
	int y;

	CHECK(check_period_parse("quý I năm 2024", &y) == CHECK_PERIOD_Q1 &&
	    y == 2024);
	CHECK(check_period_parse("quý II/2024", &y) == CHECK_PERIOD_Q2 &&
	    y == 2024);
	CHECK(check_period_parse("Quý III/2024", &y) == CHECK_PERIOD_Q3);
	CHECK(check_period_parse("quý IV năm 2023", &y) == CHECK_PERIOD_Q4);
	CHECK(check_period_parse("06 tháng đầu năm 2022", &y) ==
		CHECK_PERIOD_H1 &&
	    y == 2022);
	CHECK(
	    check_period_parse("6 tháng cuối năm 2022", &y) == CHECK_PERIOD_H2);
	CHECK(check_period_parse("9 tháng năm 2022", &y) == CHECK_PERIOD_M9);
	CHECK(check_period_parse("năm 2023", &y) == CHECK_PERIOD_YEAR &&
	    y == 2023);
	CHECK(check_period_parse("6 tháng đầu năm", &y) == CHECK_PERIOD_H1 &&
	    y == 0);
	CHECK(check_period_parse("tháng 5", &y) == CHECK_PERIOD_UNKNOWN);
	CHECK(check_period_parse("tuần 02 tháng 6 năm 2026", &y) ==
	    CHECK_PERIOD_UNKNOWN);
	CHECK(
	    check_period_parse("tháng 6 năm 2026", &y) == CHECK_PERIOD_UNKNOWN);
	CHECK(check_period_parse(NULL, &y) == CHECK_PERIOD_UNKNOWN);

	CHECK(check_days(1970, 1, 1) == 0);
	CHECK(check_days(2024, 3, 13) - check_days(2023, 12, 14) == 90);

#define D(y, m, d) check_days(y, m, d)
	/* Shifted, calendar, and 002's 14/12/2023-12/3/2024 (2 days off). */
	CHECK(check_period_window_ok(
	    CHECK_PERIOD_Q1, 2024, D(2023, 12, 15), D(2024, 3, 14), 3));
	CHECK(check_period_window_ok(
	    CHECK_PERIOD_Q1, 2024, D(2024, 1, 1), D(2024, 3, 31), 3));
	CHECK(check_period_window_ok(
	    CHECK_PERIOD_Q1, 2024, D(2023, 12, 14), D(2024, 3, 12), 3));
	CHECK(!check_period_window_ok(
	    CHECK_PERIOD_Q1, 2024, D(2023, 12, 14), D(2024, 3, 12), 1));
	/* dev-02 and dev-08: the wrong year. */
	CHECK(!check_period_window_ok(
	    CHECK_PERIOD_Q1, 2021, D(2020, 1, 1), D(2020, 3, 31), 3));
	CHECK(!check_period_window_ok(
	    CHECK_PERIOD_Q2, 2024, D(2023, 3, 14), D(2023, 6, 14), 3));
	/* A quarter reported from the start of the year. */
	CHECK(check_period_window_ok(
	    CHECK_PERIOD_Q3, 2024, D(2023, 12, 15), D(2024, 9, 14), 3));
	CHECK(check_period_window_ok(
	    CHECK_PERIOD_YEAR, 2023, -1, D(2023, 12, 31), 0));
	CHECK(!check_period_window_ok(
	    CHECK_PERIOD_H1, 2022, D(2022, 1, 1), D(2022, 9, 30), 3));
#undef D
}

static void
test_cited_text_numbers(void)
{
	double v;
	int d;

	CHECK(check_text_number("7.972", 5, &v, &d) && v == 7972 && d == 0);
	CHECK(check_text_number("1.034.000", 9, &v, &d) && v == 1034000);
	CHECK(check_text_number("65,5", 4, &v, &d) && v == 65.5 && d == 1);
	CHECK(check_text_number("62.3", 4, &v, &d) && v == 62.3 && d == 1);
	CHECK(check_text_number("65.49", 5, &v, &d) && v == 65.49 && d == 2);
	CHECK(check_text_number("1.250,5", 7, &v, &d) && v == 1250.5 && d == 1);
	CHECK(check_text_number("146", 3, &v, &d) && v == 146 && d == 0);
	CHECK(!check_text_number("1.2.3", 5, &v, &d));
	CHECK(!check_text_number("12,3,4", 6, &v, &d));
	CHECK(!check_text_number("12a", 3, &v, &d));
	CHECK(!check_text_number("", 0, &v, &d));
	CHECK(!check_text_number(".5", 2, &v, &d));
}

/* ---- the date flags over a document model -------------------------- */

static struct result *
doc_result(const char *date, const char *label, const char *from,
    const char *to, const char *const *paras, size_t n)
{
	struct result *r = arena_alloc(A, sizeof *r);
	struct doc *d = doc_new(A);
	size_t i;

	(void)doc_add_page(d, DOC_METHOD_TEXT, 0, 0);
	for (i = 0; i < n; i++) {
		struct doc_block *b = doc_add_block(
		    d, &d->blocks, DOC_PARAGRAPH, paras[i], strlen(paras[i]));

		b->page = 1;
	}
	r->doc = d;
	r->metadata.date = date;
	r->metadata.period.label = label;
	r->metadata.period.from = from;
	r->metadata.period.to = to;
	return r;
}

static struct ptrvec flags;

static size_t
count(const struct result *r, const char *rule)
{
	struct diag dg;
	size_t i, n = 0;

	memset(&flags, 0, sizeof flags);
	diag_init(&dg);
	CHECK(check_document(r, NULL, A, &flags, &dg) == ERR_OK);
	for (i = 0; i < flags.n; i++)
		if (strcmp(((struct result_flag *)flags.v[i])->rule, rule) == 0)
			n++;
	return n;
}

static const struct result_flag *
first(const char *rule)
{
	size_t i;

	for (i = 0; i < flags.n; i++)
		if (strcmp(((struct result_flag *)flags.v[i])->rule, rule) == 0)
			return flags.v[i];
	return NULL;
}

static void
test_cited_date_after_report(void)
{
	static const char *const p[] = {
		"UBND phường đã đăng ký theo công văn số:2549/UBND ngày "
		"22/12/2024 về việc đăng ký danh mục.",
		"Thực hiện Công văn số 130/NV ngày 09/3/2022 của phòng Nội vụ.",
		"Lặp lại: công văn số:2549/UBND ngày 22/12/2024.",
	};
	struct result *r = doc_result("2024-03-13", NULL, NULL, NULL, p, 3);
	const struct result_flag *f;

	CHECK(count(r, "date_after_report") == 1);
	f = first("date_after_report");
	CHECK(f != NULL && strcmp(f->severity, "error") == 0);
	/* Both places, and the report's own date. */
	CHECK(f != NULL && f->evidence.n == 3);
	CHECK(f != NULL && strstr(f->message, "22/12/2024") != NULL &&
	    strstr(f->message, "13/03/2024") != NULL);
	CHECK(f != NULL && strstr(f->message, "năm đúng là 2023") != NULL);
	/* The twin: dated the day of the report. */
	r->metadata.date = "2024-12-22";
	CHECK(count(r, "date_after_report") == 0);
	/* The report's own number in its appendix heading is no citation. */
	{
		static const char *const own[] = {
			"(Kèm theo Báo cáo số 422/BC-UBND ngày 14/3/2024 của "
			"UBND phường)",
		};
		struct result *o =
		    doc_result("2024-03-13", NULL, NULL, NULL, own, 1);

		CHECK(count(o, "date_after_report") == 1);
		o->metadata.doc_number = "422/BC-UBND";
		CHECK(count(o, "date_after_report") == 0);
	}
	/* No report date, nothing to compare with. */
	r->metadata.date = NULL;
	CHECK(count(r, "date_after_report") == 0);
}

static void
test_cited_malformed_flag(void)
{
	static const char *const bad[] = {
		"Đã ban hành quyết định số 55/QĐ-UBND ngày 28/02/2024/2023 về "
		"việc kiện toàn bộ phận một cửa.",
		"Quyết định số 454/QĐ-UBND ngày 41/9/2020 về việc ban hành.",
	};
	static const char *const good[] = {
		"Đã ban hành quyết định số 55/QĐ-UBND ngày 28/02/2024 về việc "
		"kiện toàn bộ phận một cửa.",
	};
	struct result *r = doc_result("2024-03-13", NULL, NULL, NULL, bad, 2);
	const struct result_flag *f;

	CHECK(count(r, "malformed_date") == 2);
	f = first("malformed_date");
	CHECK(f != NULL && strstr(f->message, "28/02/2024/2023") != NULL);
	CHECK(f != NULL && f->evidence.n == 1 &&
	    ((const struct result_evidence *)f->evidence.v[0])->source.page ==
		1);
	r = doc_result("2024-03-13", NULL, NULL, NULL, good, 1);
	CHECK(count(r, "malformed_date") == 0);
}

static void
test_cited_period_flags(void)
{
	struct result *r;

	/* dev-02: quý I năm 2021 with 2020's dates. */
	r = doc_result("2021-04-02", "quý I năm 2021", "2020-01-01",
	    "2020-03-31", NULL, 0);
	CHECK(count(r, "period_mismatch") == 1);
	CHECK(first("period_mismatch") != NULL &&
	    strstr(first("period_mismatch")->message, "01/01/2020") != NULL);
	r->metadata.period.from = "2021-01-01";
	r->metadata.period.to = "2021-03-31";
	CHECK(count(r, "period_mismatch") == 0);
	/* 002: 14/12/2023-12/3/2024 for quý I 2024 is within 3 days. */
	r = doc_result("2024-03-13", "quý I năm 2024", "2023-12-14",
	    "2024-03-12", NULL, 0);
	CHECK(count(r, "period_mismatch") == 0);
	CHECK(count(r, "report_before_period_end") == 0);
	/* Reversed window. */
	r->metadata.period.from = "2024-03-12";
	r->metadata.period.to = "2023-12-14";
	CHECK(count(r, "period_mismatch") == 1);
	/* A weekly report read as "năm 2026": its 4-day window is not a
	 * year's. */
	r = doc_result(
	    "2026-06-25", "NĂM 2026", "2026-06-22", "2026-06-25", NULL, 0);
	CHECK(count(r, "period_mismatch") == 0);
	/* A report dated before its window closes. */
	r = doc_result("2024-03-10", "quý I năm 2024", "2023-12-15",
	    "2024-03-14", NULL, 0);
	CHECK(count(r, "report_before_period_end") == 1);
	CHECK(count(r, "period_mismatch") == 0);
}

static void
test_cited_text_ratio(void)
{
	static const char *const p[] = {
		"- Tỷ lệ giải ngân vốn đầu tư tính đến ngày 12/3/2024 đã giải "
		"ngân được 7.972/12.175 đạt 4.8% kế hoạch vốn, phần đầu đến "
		"cuối năm đạt 65.49%.",
		"- Tổng số hồ sơ tiếp nhận : 91/146 đạt 62.3%",
		"- Hiện tại UBND Phường đang sử dụng 20/23 biên chế CBCC được "
		"giao; 01/01 nhiệm vụ được giao, đạt 100%.",
		"Nghị định 92/2017/NĐ-CP ngày 07/8/2017 đạt 100%.",
	};
	struct result *r = doc_result("2024-03-13", NULL, NULL, NULL, p, 4);
	const struct result_flag *f;

	CHECK(count(r, "pct_mismatch") == 1);
	f = first("pct_mismatch");
	CHECK(f != NULL && f->has_expected && f->expected == 65.48);
	CHECK(f != NULL &&
	    strstr(f->message, "7.972 / 12.175 = 65,5%") != NULL &&
	    strstr(f->message, "ghi 4,8%") != NULL);
	CHECK(f != NULL &&
	    strstr(f->message_en, "7,972 / 12,175 = 65.5%") != NULL);
}

/*
 * Every cited document of the corpus truth files is found in the DOCX
 * with its printed reference and date, and nothing else is malformed.
 */
static void
test_cited_corpus_truth(void)
{
	const char *shared = getenv("SHARED");
	gchar *dir;
	GDir *d;
	const gchar *name;
	unsigned want = 0, found = 0, wrong = 0, docs = 0, extra = 0;
	struct limits lim;

	limits_default(&lim);
	if (shared == NULL) {
		printf("skipped: $SHARED unset, no corpus\n");
		return;
	}
	dir = g_build_filename(shared, "corpus", NULL);
	d = g_dir_open(dir, 0, NULL);
	if (d == NULL) {
		printf("skipped: %s absent\n", dir);
		g_free(dir);
		return;
	}
	while ((name = g_dir_read_name(d)) != NULL) {
		gchar *tpath, *dpath, *base;
		JsonParser *jp;
		JsonArray *cited;
		struct arena *a;
		struct doc *doc = NULL;
		struct ptrvec v = { NULL, 0, 0 };
		struct diag dg;
		uint8_t *data = NULL;
		size_t len = 0, i, j;

		if (!g_str_has_suffix(name, ".truth.json"))
			continue;
		base = g_strndup(name, strlen(name) - strlen(".truth.json"));
		tpath = g_build_filename(dir, name, NULL);
		dpath = g_strdup_printf("%s/%s.docx", dir, base);
		diag_init(&dg);
		a = arena_new(lim.arena_max);
		jp = json_parser_new();
		if (!g_file_test(dpath, G_FILE_TEST_EXISTS) ||
		    !json_parser_load_from_file(jp, tpath, NULL) ||
		    readfile(dpath, lim.input_max, &data, &len, &dg) !=
			ERR_OK ||
		    docx_parse(data, len, &lim, a, &doc, &dg) != ERR_OK)
			goto next;
		docs++;
		CHECK(cited_docs_find(doc, a, &v) == ERR_OK);
		cited = json_object_get_array_member(
		    json_node_get_object(json_parser_get_root(jp)),
		    "cited_documents");
		for (i = 0; i < json_array_get_length(cited); i++) {
			JsonObject *o =
			    json_array_get_object_element(cited, (guint)i);
			const char *text =
			    json_object_get_string_member(o, "text");
			bool hit = false;

			want++;
			for (j = 0; j < v.n && !hit; j++) {
				const struct cited_doc *cd = v.v[j];

				/* National documents run on with their
				 * title; the reference is their start. */
				if (cd->number != NULL &&
				    strncmp(text, cd->text, strlen(cd->text)) ==
					0 &&
				    (json_object_get_null_member(o, "date") ==
					(cd->state != CITED_DATE_OK)))
					hit = true;
			}
			if (hit)
				found++;
			else
				fprintf(stderr, "  %s: not found: %s\n", base,
				    text);
		}
		/* No reference the truth does not list; nothing malformed
		 * that the truth does not call so. */
		for (j = 0; j < v.n; j++) {
			const struct cited_doc *cd = v.v[j];
			bool listed = false;

			for (i = 0; cd->number != NULL &&
			     i < json_array_get_length(cited);
			     i++) {
				JsonObject *o = json_array_get_object_element(
				    cited, (guint)i);
				const char *t =
				    json_object_get_string_member(o, "text");

				if (strncmp(t, cd->text, strlen(cd->text)) == 0)
					listed = true;
			}
			/* The appendix names the report itself ("Kèm theo
			 * Báo cáo số 422/BC-UBND ngày ..."). */
			if (cd->number != NULL && !listed &&
			    strstr(cd->number,
				json_object_get_string_member(
				    json_object_get_object_member(
					json_node_get_object(
					    json_parser_get_root(jp)),
					"metadata"),
				    "doc_number")) != NULL)
				listed = true;
			if (cd->number != NULL && !listed) {
				fprintf(stderr, "  %s: extra: %s\n", base,
				    cd->text);
				extra++;
			}
			listed = false;

			if (cd->state == CITED_DATE_OK)
				continue;
			for (i = 0; i < json_array_get_length(cited); i++) {
				JsonObject *o = json_array_get_object_element(
				    cited, (guint)i);

				if (strstr(json_object_get_string_member(
					       o, "text"),
					cd->date_raw) != NULL)
					listed = true;
			}
			if (!listed) {
				fprintf(stderr, "  %s: malformed? %s\n", base,
				    cd->text);
				wrong++;
			}
		}
next:
		free(data);
		g_object_unref(jp);
		arena_free(a);
		g_free(base);
		g_free(tpath);
		g_free(dpath);
	}
	g_dir_close(d);
	g_free(dir);
	printf("corpus: %u documents, %u of %u cited documents found, %u "
	       "found that the truth does not list, %u dates called "
	       "malformed wrongly\n",
	    docs, found, want, extra, wrong);
	CHECK(docs > 0);
	CHECK(found * 100 >= want * 98);
	CHECK(wrong == 0);
	CHECK(extra == 0);
}

int
main(void)
{
	A = arena_new((size_t)64 << 20);
	RUN(test_cited_references);
	RUN(test_cited_loose_dates);
	RUN(test_cited_malformed);
	RUN(test_cited_garbage_is_safe);
	RUN(test_cited_periods);
	RUN(test_cited_text_numbers);
	RUN(test_cited_date_after_report);
	RUN(test_cited_malformed_flag);
	RUN(test_cited_period_flags);
	RUN(test_cited_text_ratio);
	RUN(test_cited_corpus_truth);
	arena_free(A);
	return check_done();
}
