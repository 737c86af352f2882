/* SPDX-License-Identifier: MIT */
/* Appendix tables to indicators, on hand-built document models. */
#include <math.h>
#include <string.h>

#include "tests/check.h"
#include "tests/lookup.h"
#include "tests/mapping.h"

static const struct catalogue *cat;
static struct arena *A;

static struct result *
run(const char *text)
{
	return mapping_run(A, cat, text);
}

/* The appendix indicator whose label contains `s`. */
static const struct result_indicator *
by_label(const struct result *r, const char *s)
{
	size_t i;

	for (i = 0; r != NULL && i < r->indicators.n; i++) {
		const struct result_indicator *ri = r->indicators.v[i];

		if (strcmp(ri->source.origin, "appendix") == 0 &&
		    strstr(ri->label, s) != NULL)
			return ri;
	}
	return NULL;
}

static const struct result_indicator *
by_id(const struct result *r, const char *id)
{
	return lookup_indicator(r, "appendix", id);
}

static size_t
appendix_rows(const struct result *r)
{
	size_t i, n = 0;

	for (i = 0; r != NULL && i < r->indicators.n; i++) {
		const struct result_indicator *ri = r->indicators.v[i];

		n += strcmp(ri->source.origin, "appendix") == 0;
	}
	return n;
}

static int
is(const struct result_indicator *ri, const char *id, double v)
{
	return ri != NULL && ri->id != NULL && strcmp(ri->id, id) == 0 &&
	    ri->has_value && fabs(ri->value - v) < 1e-9;
}

/* Template A: two header rows, "- " sub-rows, a PAPI block whose
 * sub-rows have no id, group rows that are not output. */
static void
test_appendix_template_a(void)
{
	struct result *r = run(
	    "Phụ lục 1\n"
	    "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ\n"
	    "STT|Chỉ tiêu Thống kê|Kết quả thống kê|<|Ghi chú\n"
	    "^|^|Đơn vị tính|Số liệu|^\n"
	    "1.|Công tác chỉ đạo điều hành CCHC| | | \n"
	    "1.2.|Tỷ lệ hoàn thành kế hoạch CCHC năm (lũy kế đến thời điểm báo cáo)|%|27.2%|\n"
	    " |- Số nhiệm vụ đề ra trong kế hoạch|Nhiệm vụ|22|\n"
	    " |- Số nhiệm vụ đã hoàn thành|Nhiệm vụ|06|\n"
	    "1.3|Tỷ lệ hoàn thành kế hoạch nhiệm vụ cải thiện & nâng cao chỉ số PAPI||26%|\n"
	    " |- Số nhiệm vụ đề ra trong kế hoạch|Nhiệm vụ|23|\n"
	    " |- Số nhiệm vụ đã hoàn thành|Nhiệm vụ|6|\n"
	    "6.1.|Tỷ lệ thực hiện kế hoạch giải ngân vốn đầu tư công|%|65.49 %|\n"
	    " |- Kế hoạch được giao|Triệu đồng|12.175|\n"
	    " |- Đã thực hiện|Triệu đồng|7.972|\n");
	const struct result_indicator *ri;

	CHECK(r != NULL);
	CHECK(appendix_rows(r) == 9); /* the group row "1." is not output */
	CHECK(is(by_id(r, "plan.done_pct"), "plan.done_pct", 27.2));
	CHECK(is(by_id(r, "plan.tasks_total"), "plan.tasks_total", 22));
	CHECK(is(by_id(r, "plan.tasks_done"), "plan.tasks_done", 6));
	CHECK(is(by_id(r, "invest.plan_mil"), "invest.plan_mil", 12175));
	CHECK(
	    is(by_id(r, "invest.disbursed_mil"), "invest.disbursed_mil", 7972));
	CHECK(is(
	    by_id(r, "invest.disbursed_pct"), "invest.disbursed_pct", 65.49));
	/* The PAPI rows: printed, no id, value kept. */
	ri = by_label(r, "PAPI");
	CHECK(ri != NULL && ri->id == NULL && ri->has_value && ri->value == 26);
	ri = by_id(r, "plan.tasks_total");
	CHECK(ri != NULL && ri->value == 22 && ri->confidence > 0.9);
	CHECK(ri != NULL && ri->code == NULL);
	CHECK_STR(ri != NULL ? ri->raw : NULL, "22");
	ri = by_id(r, "plan.done_pct");
	CHECK_STR(ri != NULL ? ri->code : NULL, "1.2.");
	CHECK(ri != NULL && ri->source.table == 0 && ri->source.row == 3);
}

/* Template C: "Số liệu" before "Đơn vị tính", "Trong đó" merged down the
 * STT column, a legend glued together. */
static void
test_appendix_template_c_column_order(void)
{
	struct result *r = run(
	    "Phụ lục II\n"
	    "STT|Chỉ tiêu thống kê|Kết quả thống kê|<|Ghi chú\n"
	    "^|^|Số liệu|Đơn vị tính|^\n"
	    "3.1.3.|Tổng số TTHC đang có hiệu lực|263|Thủ tục|\n"
	    "Trong đó|Số TTHC cấp tỉnh:| |Thủ tục|\n"
	    "^|Số TTHC cấp huyện:| |Thủ tục|\n"
	    "^|Số TTHC cấp xã:|263|Thủ tục|\n"
	    "1.4.2.|Hình thức khảo sát|2|Trực tuyến = 0\\nPhát phiếu = 1\\nKết hợp = 2|\n"
	    "1.5.|Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp|Có|Không = 0Có = 1|\n");
	const struct result_indicator *ri;

	CHECK(r != NULL);
	CHECK(is(by_id(r, "tthc.in_force"), "tthc.in_force", 263));
	CHECK(is(by_id(r, "tthc.commune_level"), "tthc.commune_level", 263));
	ri = by_label(r, "cấp tỉnh");
	CHECK(ri != NULL && ri->id == NULL && !ri->has_value);
	/* Blank value, no id for a commune's district row. */
	ri = by_label(r, "cấp huyện");
	CHECK(ri != NULL && !ri->has_value && ri->code == NULL);
	CHECK(is(by_id(r, "survey.method"), "survey.method", 2));
	ri = by_id(r, "survey.method");
	CHECK_STR(ri != NULL ? ri->unit : NULL,
	    "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2");
	/* A coded answer in words. */
	CHECK(is(by_id(r, "dialogue.held"), "dialogue.held", 1));
}

/* Template C as OCR reads it: header words run together ("Sốliệu",
 * "Đơn vịtính") and a row numbering the columns in printed order, the
 * value's (3) before the unit's (4).  Neither may swap the columns or
 * pass for a data row. */
static void
test_appendix_template_c_ocr_header(void)
{
	struct result *r =
	    run("Phụ lục II\n"
		"STT|Chỉ tiêu thống kê|Kết quả thống kê|<|Ghi chú\n"
		"^|^|Sốliệu|Đơn vịtính|^\n"
		"(1)|(2)|(3)|(4)|(5)\n"
		"1.|Công tác chỉ đạo điều hành CCHC|||\n"
		"1.1.|Kế hoạch CCHC|||\n"
		"1.1.1.|Số nhiệm vụ đề ra trong kế hoạch|36|Nhiệm vụ|\n"
		"1.1.2.|Số nhiệm vụ đã hoàn thành|22|Nhiệm vụ|\n");
	size_t i;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(is(by_id(r, "plan.tasks_total"), "plan.tasks_total", 36));
	CHECK(is(by_id(r, "plan.tasks_done"), "plan.tasks_done", 22));
	for (i = 0; i < r->indicators.n; i++) {
		const struct result_indicator *ri = r->indicators.v[i];

		CHECK(ri->id != NULL);
	}
	CHECK(r->indicators.n == 2);
}

/* A table continued on the next page with its header repeated, and a
 * row whose text was wrapped onto the new page. */
static void
test_appendix_split_across_pages(void)
{
	struct result *r =
	    run("Phụ lục\n"
		"STT|Chỉ tiêu thống kê|Đơn vị tính|Số liệu|Ghi chú\n"
		"1.4.1.|Số lượng phiếu khảo sát|Số lượng|560 phiếu|\n"
		"1.4.2.|Hình thức khảo sát|Trực tuyến = 0 Phát phiếu = 1|1|\n"
		"--page--\n"
		"STT|Chỉ tiêu thống kê|Đơn vị tính|Số liệu|Ghi chú\n"
		" | |Kết hợp = 2| |\n"
		"5.2.4.|Số viên chức được tuyển dụng theo|Người|0|\n"
		"--page--\n"
		" |trường hợp đặc biệt.| | |\n"
		"3.3.1.|Số lượng hồ sơ đã tiếp nhận|Số lượng hồ sơ|5.131|\n");
	const struct result_indicator *ri;

	CHECK(r != NULL);
	CHECK(appendix_rows(r) == 4);
	ri = by_id(r, "survey.method");
	CHECK(ri != NULL && ri->value == 1 &&
	    strstr(ri->unit, "Kết hợp = 2") != NULL);
	CHECK(is(by_id(r, "survey.forms"), "survey.forms", 560));
	ri = by_label(r, "trường hợp đặc biệt");
	CHECK(ri != NULL && ri->id == NULL && ri->value == 0);
	ri = by_id(r, "files.received");
	CHECK(ri != NULL && ri->value == 5131 && ri->source.table == 2 &&
	    ri->source.page == 3);
}

/* OCR lost the header: columns come from what the cells hold. */
static void
test_appendix_header_lost(void)
{
	struct result *r = run(
	    "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n"
	    "3.3.1.|Số lượng hồ sơ đã tiếp nhận|Số lượng hồ sơ|289|\n"
	    "3.3.2.|Số hồ sơ từ kỳ trước chuyển qua|Số lượng hồ sơ|0|\n"
	    "3.3.3.|Số lượng hồ sơ đã giải quyết|Số lượng hồ sơ|289|\n"
	    "3.3.5.|Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn|%|100%|\n");

	CHECK(r != NULL);
	CHECK(is(by_id(r, "files.received"), "files.received", 289));
	CHECK(is(by_id(r, "files.carried_over"), "files.carried_over", 0));
	CHECK(is(by_id(r, "files.resolved"), "files.resolved", 289));
	CHECK(is(by_id(r, "files.on_time_pct"), "files.on_time_pct", 100));
}

/* Decomposed text (NFD) maps like composed text. */
static void
test_appendix_nfd(void)
{
	struct result *r = run(
	    "STT|Chi\xcc\x89 tie\xcc\x82u|\xc4\x90o\xcc\x9b\xcc\x80n vi\xcc\xa3 ti\xcc\x81nh|So\xcc\x82\xcc\x81 lie\xcc\xa3\xcc\x82u|Ghi chu\xcc\x81\n"
	    "4.2.1.|To\xcc\x82\xcc\x89ng so\xcc\x82\xcc\x81 bie\xcc\x82n che\xcc\x82\xcc\x81 \xc4\x91u\xcc\x9bo\xcc\x9b\xcc\xa3"
	    "c giao trong na\xcc\x86m|Ngu\xcc\x9bo\xcc\x9b\xcc\x80i|23|\n");

	CHECK(r != NULL);
	CHECK(is(by_id(r, "staff.quota"), "staff.quota", 23));
}

/* Unfamiliar wording gets no id; OCR damage to a known label still maps,
 * with less confidence. */
static void
test_appendix_unfamiliar_and_ocr(void)
{
	struct result *r = run(
	    "STT|Chỉ tiêu thống kê|Đơn vị tính|Số liệu|Ghi chú\n"
	    "9.1.|Số cuộc họp giao ban về chuyển đổi số đã tổ chức|Cuộc|4|\n"
	    "9.2.|Số lượng cán bộ tham gia tập huấn kỹ năng số|Người|12|\n"
	    "4.2.2.|Tong so bien che co mat tai thoi diern bao cao|Người|21|\n"
	    "3.3.3.|Số luợng hồ sơ đã giải quyêt|Số lượng hồ sơ|5.119|\n");
	const struct result_indicator *ri;

	CHECK(r != NULL);
	ri = by_label(r, "giao ban");
	CHECK(ri != NULL && ri->id == NULL && ri->value == 4);
	ri = by_label(r, "tập huấn");
	CHECK(ri != NULL && ri->id == NULL);
	ri = by_id(r, "staff.present");
	CHECK(ri != NULL && ri->value == 21 && ri->confidence < 0.95);
	ri = by_id(r, "files.resolved");
	CHECK(ri != NULL && ri->value == 5119);
}

/* Sub-rows take their meaning from the row above. */
static void
test_appendix_context(void)
{
	struct result *r = run(
	    "STT|Chỉ tiêu thống kê|Đơn vị tính|Số liệu|Ghi chú\n"
	    "3.1.4.|Tổng số TTHC ngành/lĩnh vực đang có hiệu lực. Trong đó:|Thủ tục|290|\n"
	    " |- Cấp xã|Thủ tục|290|\n"
	    "7.5.1|Số lượng chứng thư số, chữ ký số đã cấp. Trong đó:|Chứng thư số, chữ ký số|chứng thư số : 1 chữ ký số: 3|\n"
	    " |- Cấp xã|Chưa = 0 Có = 1|1|\n"
	    "3.3.4.|Số lượng hồ sơ đang giải quyết|Số lượng hồ sơ|12|\n"
	    "Trong đó|Trong hạn|Số lượng hồ sơ|12|\n"
	    "^|Quá hạn|Số lượng hồ sơ|0 hồ sơ|\n");
	const struct result_indicator *ri;
	size_t i, ncommune = 0;

	CHECK(r != NULL);
	CHECK(is(by_id(r, "tthc.commune_level"), "tthc.commune_level", 290));
	for (i = 0; r != NULL && i < r->indicators.n; i++) {
		ri = r->indicators.v[i];
		if (strstr(ri->label, "Cấp xã") != NULL)
			ncommune += ri->id != NULL;
	}
	CHECK(ncommune == 1);
	/* Two numbers in one cell: raw kept, no single value. */
	ri = by_label(r, "chứng thư số");
	CHECK(ri != NULL && !ri->has_value &&
	    strcmp(ri->raw, "chứng thư số : 1 chữ ký số: 3") == 0);
	CHECK(is(by_id(r, "files.pending"), "files.pending", 12));
	CHECK(
	    is(by_id(r, "files.pending_overdue"), "files.pending_overdue", 0));
	ri = by_label(r, "Trong hạn");
	CHECK(ri != NULL && ri->id == NULL);
}

/* A template that splits rows by level: the commune's own figures sit
 * in the "- Cấp xã" rows under a parent without a value. */
static void
test_appendix_split_by_level(void)
{
	struct result *r = run(
	    "UBND PHƯỜNG ĐIỆN BIÊN|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	    "--end--\n"
	    "BÁO CÁO\n"
	    "STT|Chỉ tiêu thống kê|Đơn vị tính|Số liệu|Ghi chú\n"
	    "3.2.5.|Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ|%| |\n"
	    "Trong đó|Tại cấp huyện (UBND xã, phường không phải báo cáo mục này)|%| |\n"
	    "^|Tại cấp xã|%|100|\n"
	    "3.3.1.|Số lượng hồ sơ đã tiếp nhận|Số lượng hồ sơ|6059|\n"
	    " |Tiếp nhận trực tiếp| | |\n"
	    " |- Cấp huyện (UBND xã, phường không phải báo cáo mục này)| | |\n"
	    " |- Cấp xã|Số lượng hồ sơ|5293|\n"
	    " |Tiếp nhận trực tuyến mức độ 3|Số lượng hồ sơ| |\n"
	    " |- Cấp xã|Số lượng hồ sơ|399|\n");
	const struct result_indicator *ri;

	CHECK(r != NULL);
	CHECK(is(by_id(r, "tthc.internal_process_pct"),
	    "tthc.internal_process_pct", 100));
	CHECK(is(by_id(r, "files.received"), "files.received", 6059));
	CHECK(is(
	    by_id(r, "files.received_direct"), "files.received_direct", 5293));
	/* The level-3 online row has no id, so neither has its split. */
	ri = by_label(r, "mức độ 3");
	CHECK(ri != NULL && ri->id == NULL);
}

/* Blank cells, dashes and text in a number cell. */
static void
test_appendix_blank_cells(void)
{
	struct result *r = run(
	    "STT|Chỉ tiêu thống kê|Đơn vị tính|Số liệu|Ghi chú\n"
	    "2.3.|Số VBQPPL đã rà soát|Văn bản| |\n"
	    "2.4.|Số VBQPPL đã kiến nghị xử lý sau kiểm tra, rà soát|Văn bản|-|\n"
	    "2.5.|Số VBQPPL có kiến nghị xử lý đã được xử lý xong|Văn bản|Đang tổng hợp|\n");
	const struct result_indicator *ri;

	CHECK(r != NULL);
	ri = by_id(r, "legal.reviewed");
	CHECK(ri != NULL && !ri->has_value && strcmp(ri->raw, "") == 0);
	ri = by_id(r, "legal.to_handle");
	CHECK(ri != NULL && !ri->has_value && strcmp(ri->raw, "-") == 0);
	ri = by_id(r, "legal.handled");
	CHECK(ri != NULL && !ri->has_value &&
	    strcmp(ri->raw, "Đang tổng hợp") == 0);
}

/* Two rows claiming one id: one keeps it. */
static void
test_appendix_one_row_per_id(void)
{
	struct result *r = run(
	    "STT|Chỉ tiêu thống kê|Đơn vị tính|Số liệu|Ghi chú\n"
	    "2.1.|Số văn bản quy phạm pháp luật (VBQPPL) đã ban hành|Văn bản| |\n"
	    "2.1.1.|Số VBQPPL do cấp xã ban hành, trong đó:|Văn bản|3|\n");
	size_t i, n = 0;

	CHECK(r != NULL);
	for (i = 0; r != NULL && i < r->indicators.n; i++) {
		const struct result_indicator *ri = r->indicators.v[i];

		n += ri->id != NULL && strcmp(ri->id, "legal.issued") == 0;
	}
	CHECK(n == 1);
	CHECK(is(by_id(r, "legal.issued"), "legal.issued", 3));
}

/* A district's own rows: the level decides. */
static void
test_appendix_issuer_level(void)
{
	struct result *r =
	    run("UBND HUYỆN KHÁNH SƠN|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		"Số: 2062 /BC-UBND|Khánh Sơn, ngày 05 tháng 7 năm 2022\n"
		"--end--\n"
		"BÁO CÁO\n"
		"STT|Chỉ tiêu thống kê|Số liệu|Đơn vị tính|Ghi chú\n"
		"3.1.3.|Tổng số TTHC đang có hiệu lực|382|Thủ tục|\n"
		"Trong đó|Số TTHC cấp tỉnh:| |Thủ tục|\n"
		"^|Số TTHC cấp huyện:|275|Thủ tục|\n"
		"^|Số TTHC cấp xã:|107|Thủ tục|\n");

	CHECK(r != NULL);
	CHECK(is(by_id(r, "tthc.district_level"), "tthc.district_level", 275));
	CHECK(is(by_id(r, "tthc.commune_level"), "tthc.commune_level", 107));
}

/* No appendix, or tables that are not one: nothing is output. */
static void
test_appendix_none(void)
{
	struct result *r =
	    run("BÁO CÁO\n"
		"Nơi nhận:\\n- Như trên;|TM. ỦY BAN NHÂN DÂN\\nCHỦ TỊCH\n");

	CHECK(r != NULL && appendix_rows(r) == 0);
	r = run("");
	CHECK(r != NULL && r->indicators.n == 0);
	/* A numbered table after an annex title that is not a statistics
	 * appendix: its columns are guessed, its labels are not appendix
	 * labels, nothing is output. */
	r = run(
	    "Phụ lục\n"
	    "1.|Tiêu đề \"Đảng Cộng sản Việt Nam\"|In hoa|15|Đứng, đậm\n"
	    "2.|Tên cơ quan ban hành văn bản, cơ quan sao văn bản|In hoa|14|Đứng\n"
	    "3.|Số và ký hiệu văn bản, bản sao|In thường|14|Đứng\n"
	    "4.|Địa danh và ngày, tháng, năm ban hành văn bản|In thường|14|Nghiêng\n");
	CHECK(r != NULL && appendix_rows(r) == 0);
}

int
main(void)
{
	cat = mapping_catalogue();
	if (cat == NULL)
		return 1;
	A = arena_new(64u << 20);
	RUN(test_appendix_template_a);
	RUN(test_appendix_template_c_column_order);
	RUN(test_appendix_template_c_ocr_header);
	RUN(test_appendix_split_across_pages);
	RUN(test_appendix_header_lost);
	RUN(test_appendix_nfd);
	RUN(test_appendix_unfamiliar_and_ocr);
	RUN(test_appendix_context);
	RUN(test_appendix_split_by_level);
	RUN(test_appendix_blank_cells);
	RUN(test_appendix_one_row_per_id);
	RUN(test_appendix_issuer_level);
	RUN(test_appendix_none);
	arena_free(A);
	return check_done();
}
