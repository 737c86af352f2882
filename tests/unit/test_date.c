/* SPDX-License-Identifier: MIT */
/* Dates, periods and document numbers. */
#include <string.h>

#include "core/arena.h"
#include "indicators/date.h"
#include "indicators/docnum.h"
#include "indicators/period.h"
#include "tests/check.h"

static struct arena *A;

static struct tokens
toks(const char *s)
{
	struct tokens ts;

	if (tokens_split(A, s, strlen(s), 1000, &ts) != ERR_OK)
		ts.n = 0;
	return ts;
}

static const char *
find_iso(const char *s)
{
	static char buf[11];
	struct tokens ts = toks(s);
	struct date d;
	size_t at, next;

	if (!date_find(&ts, 0, ts.n, &d, &at, &next))
		return "none";
	date_iso(&d, buf);
	return buf;
}

static void
test_date_long_form(void)
{
	CHECK_STR(find_iso("Vĩnh Hòa, ngày 13 tháng 3 năm 2024"), "2024-03-13");
	CHECK_STR(find_iso("Phường Điện Biên, ngày 02 tháng 01 năm 2024"),
	    "2024-01-02");
	/* Upper case and decomposed text fold the same. */
	CHECK_STR(find_iso("NGÀY 5 THÁNG 7 NĂM 2022"), "2022-07-05");
	CHECK_STR(find_iso("nga\xcc\x80y 5 tha\xcc\x81ng 7 na\xcc\x86m 2022"),
	    "2022-07-05");
	/* A blank template field is not a date. */
	CHECK_STR(find_iso("ngày tháng 6 năm 2021"), "none");
}

static void
test_date_numeric(void)
{
	struct date d;

	CHECK_STR(find_iso("Từ ngày 14/12/2023 đến 12/3/2024"), "2023-12-14");
	CHECK_STR(find_iso("ngày 05-01-2024"), "2024-01-05");
	CHECK_STR(find_iso("17.5.2018"), "2018-05-17");
	CHECK(date_parse(" 1/11/2017 ", 11, &d) && d.m == 11 && d.d == 1);
	CHECK(!date_parse("31/02/2024", 10, &d));
	CHECK(!date_parse("14/13/2023", 10, &d));
	CHECK(date_parse("29/02/2024", 10, &d));
	CHECK(!date_parse("29/02/2023", 10, &d));
	/* Mixed separators and a glued second year are refused. */
	CHECK_STR(find_iso("ngày 28/02/2024/2023"), "none");
	CHECK_STR(find_iso("12/3-2024"), "none");
	/* A fraction is not a date. */
	CHECK_STR(find_iso("đạt 91/146 hồ sơ"), "none");
}

static void
test_date_compare(void)
{
	struct date a = { 2023, 12, 14 }, b = { 2024, 3, 12 };

	CHECK(date_cmp(&a, &b) < 0);
	CHECK(date_cmp(&b, &a) > 0);
	CHECK(date_cmp(&a, &a) == 0);
}

static const char *
label_of(const char *s)
{
	static char buf[128];
	struct tokens ts = toks(s);
	struct period_label pl;
	const char *p;
	size_t n;

	if (!period_find_label(&ts, 0, ts.n, &pl))
		return "none";
	n = tok_span(&ts, pl.first, pl.last, &p);
	(void)snprintf(buf, sizeof buf, "%.*s|%s|%d", (int)n, p,
	    period_kind_name(pl.kind), pl.year);
	return buf;
}

static void
test_period_labels(void)
{
	CHECK_STR(
	    label_of("Cải cách hành chính phường Vĩnh Hoà quý I năm 2024"),
	    "quý I năm 2024|q1|2024");
	CHECK_STR(label_of("Tình hình, kết quả công tác CCHC quý II/2024"),
	    "quý II/2024|q2|2024");
	CHECK_STR(label_of("BÁO CÁO QUÝ II/ 2024"), "QUÝ II/ 2024|q2|2024");
	CHECK_STR(label_of("công tác CCHC 06 tháng đầu năm 2022"),
	    "06 tháng đầu năm 2022|h1|2022");
	CHECK_STR(
	    label_of("kết quả 9 tháng năm 2022"), "9 tháng năm 2022|m9|2022");
	CHECK_STR(
	    label_of("6 tháng cuối năm 2021"), "6 tháng cuối năm 2021|h2|2021");
	CHECK_STR(label_of("Báo cáo công tác cải cách hành chính năm 2023"),
	    "năm 2023|year|2023");
	CHECK_STR(label_of("giai đoạn 2021-2030"), "none");
	CHECK_STR(label_of("BÁO CÁO CÔNG TÁC TUẦN 02 THÁNG 6 NĂM 2026"),
	    "THÁNG 6 NĂM 2026|month|2026");
	CHECK_STR(label_of("kết quả tháng 6/2026"), "tháng 6/2026|month|2026");
	CHECK_STR(label_of("tháng 13 năm 2026"), "năm 2026|year|2026");
}

static void
test_period_range(void)
{
	struct tokens ts =
	    toks("(Kỳ báo cáo: Từ ngày 14/12/2021 đến 12/6/2022)");
	struct date s, e;
	size_t at;
	char a[11], b[11];

	CHECK(period_find_range(&ts, 0, ts.n, &s, &e, &at));
	date_iso(&s, a);
	date_iso(&e, b);
	CHECK_STR(a, "2021-12-14");
	CHECK_STR(b, "2022-06-12");
	ts = toks("(Tính từ ngày 14/12/2023 đến hết ngày 12/3/2024)");
	CHECK(period_find_range(&ts, 0, ts.n, &s, &e, &at));
	date_iso(&e, b);
	CHECK_STR(b, "2024-03-12");
}

static void
test_period_window(void)
{
	struct date s, e;
	char a[11], b[11];

	CHECK(period_window(PERIOD_Q1, 2024, true, &s, &e));
	date_iso(&s, a);
	date_iso(&e, b);
	CHECK_STR(a, "2023-12-15");
	CHECK_STR(b, "2024-03-14");
	CHECK(period_window(PERIOD_Q3, 2024, false, &s, &e));
	date_iso(&s, a);
	date_iso(&e, b);
	CHECK_STR(a, "2024-07-01");
	CHECK_STR(b, "2024-09-30");
}

static const char *
docnum_of(const char *s)
{
	static char out[DOCNUM_MAX];
	struct tokens ts = toks(s);

	if (!docnum_find(&ts, 0, ts.n, out))
		return "none";
	return out;
}

static void
test_docnum(void)
{
	char out[DOCNUM_MAX];

	CHECK_STR(docnum_of("Số: 422/BC-UBND"), "422/BC-UBND");
	CHECK_STR(docnum_of("Số : 517 /BC-UBND"), "517/BC-UBND");
	CHECK_STR(docnum_of("số:333/KH-UBND ngày 5/1/2024"), "333/KH-UBND");
	CHECK_STR(docnum_of("Sé: 7413/QĐ- UBND"), "7413/QĐ-UBND");
	CHECK_STR(docnum_of("Số 1649/UBND – NV"), "1649/UBND-NV");
	CHECK_STR(
	    docnum_of("Nghị định số 61/2018/NĐ-CP ngày"), "61/2018/NĐ-CP");
	CHECK_STR(docnum_of("Kết luận số 91-KL/TU ngày"), "91-KL/TU");
	CHECK_STR(docnum_of("Nghị quyết số 30c/NQ-CP"), "30c/NQ-CP");
	CHECK_STR(docnum_of("Số: 3367/TTr-SNV"), "3367/TTr-SNV");
	/* A blank template number and look-alikes are not numbers. */
	CHECK_STR(docnum_of("Số: /BC-....."), "none");
	CHECK_STR(docnum_of("số 9001:2015"), "none");
	CHECK(docnum_parse("422/BC-UBND.", 12, out));
	CHECK_STR(out, "422/BC-UBND");
	CHECK(!docnum_parse("422", 3, out));
	CHECK(!docnum_parse("422/bc-ubnd", 11, out));
}

int
main(void)
{
	A = arena_new(8u << 20);
	RUN(test_date_long_form);
	RUN(test_date_numeric);
	RUN(test_date_compare);
	RUN(test_period_labels);
	RUN(test_period_range);
	RUN(test_period_window);
	RUN(test_docnum);
	arena_free(A);
	return check_done();
}
