/* SPDX-License-Identifier: MIT */
/* Header, title, period and section headings on hand-built models. */
#include <string.h>

#include "indicators/catalogue.h"
#include "indicators/map.h"
#include "indicators/metadata.h"
#include "indicators/sections.h"
#include "tests/check.h"
#include "tests/docbuild.h"

static const struct catalogue *cat;
static struct arena *A;

static struct result *
map_doc(struct doc *d)
{
	struct result *r = arena_alloc(A, sizeof *r);

	if (d == NULL || r == NULL || map_document(d, cat, r, A) != ERR_OK)
		return NULL;
	return r;
}

static struct result *
run(const char *text)
{
	return map_doc(docbuild(A, text, strlen(text)));
}

static const char *
s_or(const char *s)
{
	return s != NULL ? s : "(null)";
}

/* DOCX: the header is a borderless two-column table. */
static void
test_metadata_docx_header(void)
{
	struct result *r = run(
	    "ỦY BAN NHÂN DÂN\\nXÃ CẨM BÌNH\\n-------\\nSố: 63/BC-UBND|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nĐộc lập - Tự do - Hạnh phúc\\nXã Cẩm Bình, ngày 02 tháng 4 năm 2021\n"
	    "--end--\n"
	    "BÁO CÁO\n"
	    "Kết quả công tác cải cách hành chính quý I năm 2021\n"
	    "(Kỳ báo cáo: Từ ngày 01/01/2020 đến 31/3/2020)\n"
	    "Kính gửi: Phòng Nội vụ huyện Cẩm Xuyên.\n"
	    "Thực hiện Công văn số 52/PNV ngày 13/02/2021 của Phòng Nội vụ huyện, UBND xã báo cáo như sau:\n");

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(r->metadata.issuer, "ỦY BAN NHÂN DÂN XÃ CẨM BÌNH");
	CHECK_STR(r->metadata.doc_number, "63/BC-UBND");
	CHECK_STR(r->metadata.date, "2021-04-02");
	CHECK_STR(r->metadata.period.label, "quý I năm 2021");
	CHECK_STR(r->metadata.period.from, "2020-01-01");
	CHECK_STR(r->metadata.period.to, "2020-03-31");
	CHECK_STR(r->metadata.recipient, "Phòng Nội vụ huyện Cẩm Xuyên");
}

/* A parent authority line is not part of the issuer. */
static void
test_metadata_parent_authority(void)
{
	struct result *r = run(
	    "UBND HUYỆN ĐỨC TRỌNG\\nUBND XÃ HIỆP THẠNH\\nSố:  738 / BC-UBND|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nĐộc lập – Tự do – Hạnh phúc\\nXã Hiệp Thạnh, ngày 22 tháng 6 năm 2024\n"
	    "--end--\n"
	    "BÁO CÁO\n"
	    "Tình hình, kết quả công tác cải cách hành chính 6 tháng đầu năm 2024\n"
	    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH\n"
	    "Phụ lục\n"
	    "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ\n"
	    "(Kỳ báo cáo: Từ ngày 15/12/2023 đến 14/6/2024)\n");

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(r->metadata.issuer, "UBND XÃ HIỆP THẠNH");
	CHECK_STR(r->metadata.doc_number, "738/BC-UBND");
	CHECK_STR(r->metadata.period.label, "6 tháng đầu năm 2024");
	/* The window is printed only in the appendix heading. */
	CHECK_STR(r->metadata.period.from, "2023-12-15");
	CHECK_STR(r->metadata.period.to, "2024-06-14");
	CHECK(metadata_level(r->metadata.issuer) == CAT_LEVEL_XA);
}

/* OCR of a scan: the two columns interleaved line by line, the motto
 * glued to the issuer, "Số" misread. */
static void
test_metadata_ocr_interleaved(void)
{
	struct result *r =
	    run("UBND THÀNH PHỐ THANH HÓA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		"UBND PHƯỜNG BA ĐÌNH Độc lập - Tự do - Hạnh phúc\n"
		"Sé: 257 /BC-UBND Phường Ba Đình, ngày 18 tháng 6 năm 2021\n"
		"BÁO CÁO\n"
		"Công tác cải cách hành chính 06 tháng đầu năm 2021\n");

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(s_or(r->metadata.issuer), "UBND PHƯỜNG BA ĐÌNH");
	CHECK_STR(s_or(r->metadata.doc_number), "257/BC-UBND");
	CHECK_STR(s_or(r->metadata.date), "2021-06-18");
	CHECK_STR(s_or(r->metadata.period.label), "06 tháng đầu năm 2021");
	CHECK(r->metadata.period.from == NULL);
}

/* PDF: two columns of blocks, told apart by their boxes. */
static void
test_metadata_pdf_columns(void)
{
	static const struct {
		const char *text;
		double x0;
	} blocks[] = {
		{ "UBND PHƯỜNG TRẦN PHÚ", 60 },
		{ "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300 },
		{ "Độc lập - Tự do - Hạnh phúc", 330 },
		{ "Số : 605/BC-UBND", 70 },
		{ "Trần Phú, ngày 20 tháng 12 năm 2021", 320 },
		{ "BÁO CÁO", 260 },
		{ "Kết quả thực hiện công tác cải cách hành chính năm 2021",
		    120 },
		{ "(Kỳ báo cáo: Từ ngày 15/12/2020 đến 14/12/2021)", 150 },
	};
	struct doc *d = doc_new(A);
	struct result *r;
	size_t i;

	CHECK(d != NULL && doc_add_page(d, DOC_METHOD_TEXT, 595, 842));
	for (i = 0; d != NULL && i < sizeof blocks / sizeof blocks[0]; i++) {
		struct doc_block *b = doc_add_block(d, &d->blocks,
		    DOC_PARAGRAPH, blocks[i].text, strlen(blocks[i].text));

		if (b == NULL)
			break;
		b->has_box = true;
		b->box.x0 = blocks[i].x0;
		b->box.x1 = blocks[i].x0 + 200;
		b->box.y0 = 40 + 12 * (double)i;
		b->box.y1 = b->box.y0 + 10;
	}
	r = map_doc(d);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(s_or(r->metadata.issuer), "UBND PHƯỜNG TRẦN PHÚ");
	CHECK_STR(s_or(r->metadata.doc_number), "605/BC-UBND");
	CHECK_STR(s_or(r->metadata.date), "2021-12-20");
	CHECK_STR(s_or(r->metadata.period.label), "năm 2021");
	CHECK_STR(s_or(r->metadata.period.from), "2020-12-15");
	CHECK_STR(s_or(r->metadata.period.to), "2021-12-14");
}

/* NFD text everywhere. */
static void
test_metadata_nfd(void)
{
	struct result *r = run(
	    "UBND HUYE\xcc\xa3\xcc\x82N KHA\xcc\x81NH SO\xcc\x9bN\\nSo\xcc\x82\xcc\x81: 2062 /BC-UBND|Kha\xcc\x81nh So\xcc\x9bn, nga\xcc\x80y 05 tha\xcc\x81ng 7 na\xcc\x86m 2022\n"
	    "--end--\n"
	    "BA\xcc\x81O CA\xcc\x81O\n"
	    "Co\xcc\x82ng ta\xcc\x81"
	    "c ca\xcc\x89i ca\xcc\x81"
	    "ch ha\xcc\x80nh chi\xcc\x81nh quy\xcc\x81 II/2022\n");

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(s_or(r->metadata.issuer), "UBND HUYỆN KHÁNH SƠN");
	CHECK_STR(s_or(r->metadata.doc_number), "2062/BC-UBND");
	CHECK_STR(s_or(r->metadata.date), "2022-07-05");
	CHECK_STR(s_or(r->metadata.period.label), "quý II/2022");
	CHECK(metadata_level(r->metadata.issuer) == CAT_LEVEL_HUYEN);
}

/* A letter: blank number and day, the cited document's number and date
 * in the "V/v" box and the text are not the letter's; a title broken
 * over two paragraphs. */
static void
test_metadata_cited_is_not_own(void)
{
	struct result *r = run(
	    "|ỦY BAN NHÂN DÂN\\nTỈNH LÂM ĐỒNG|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nĐộc lập - Tự do - Hạnh phúc|<\n"
	    "|Số:             /UBND-NC|Lâm Đồng, ngày         tháng 9 năm 2025|<\n"
	    "V/v tham mưu triển khai Công văn số 3980/C04-P6 ngày 28/8/2025|<|<|<\n"
	    "--end--\n"
	    "Kính gửi: Công an tỉnh\n"
	    "Chủ tịch Ủy ban nhân dân tỉnh nhận được Công văn số 3980/C04-P6 ngày 28/8/2025 của Cục Cảnh sát điều tra tội phạm về ma túy.\n");

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(s_or(r->metadata.issuer), "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG");
	CHECK(r->metadata.doc_number == NULL);
	CHECK(r->metadata.date == NULL);
	CHECK_STR(s_or(r->metadata.recipient), "Công an tỉnh");
	r = run(
	    "UBND XÃ PHÙ MỸ BẮC\\nPHÒNG VĂN HÓA-XÃ HỘI|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	    "--end--\n"
	    "BÁO CÁO\n"
	    "Kết quả thực hiện nhiệm vụ tháng 6\n"
	    " năm 2026 và phương hướng, nhiệm vụ tháng 7 năm 2026\n");
	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_STR(s_or(r->metadata.issuer), "PHÒNG VĂN HÓA-XÃ HỘI");
	CHECK_STR(s_or(r->metadata.period.label), "tháng 6 năm 2026");
}

/* A blank template header reads as nothing, not as wrong values. */
static void
test_metadata_blank_template(void)
{
	struct result *r = run(
	    "UBND HUYỆN CẨM XUYÊN\\nSố:      /BC-.....|Cẩm Xuyên, ngày     tháng 6 năm 2021\n"
	    "--end--\n"
	    "BÁO CÁO\n");

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(r->metadata.doc_number == NULL);
	CHECK(r->metadata.date == NULL);
	CHECK_STR(s_or(r->metadata.issuer), "UBND HUYỆN CẨM XUYÊN");
}

static void
test_metadata_levels(void)
{
	CHECK(metadata_level("UBND PHƯỜNG VĨNH HÒA") == CAT_LEVEL_XA);
	CHECK(metadata_level("ỦY BAN NHÂN DÂN THỊ TRẤN ĐÔ LƯƠNG") ==
	    CAT_LEVEL_XA);
	CHECK(metadata_level("UBND THỊ XÃ NINH HÒA") == CAT_LEVEL_HUYEN);
	CHECK(metadata_level("UBND THÀNH PHỐ NHA TRANG") == CAT_LEVEL_HUYEN);
	CHECK(metadata_level("UBND HUYỆN X UBND XÃ Y") == CAT_LEVEL_XA);
	CHECK(metadata_level(NULL) == CAT_LEVEL_ANY);
}

static const char *
area_at(const struct result *r, size_t i)
{
	const struct result_section *s;

	if (r == NULL || i >= r->sections.n)
		return "(none)";
	s = r->sections.v[i];
	return s->area;
}

static void
test_sections_headings(void)
{
	struct result *r = run(
	    "BÁO CÁO\n"
	    "Kết quả công tác cải cách hành chính năm 2023\n"
	    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH\n"
	    "1. Về kế hoạch CCHC:\n"
	    "2. Về kiểm tra CCHC:\n"
	    "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH:\n"
	    "1. Cải cách thể chế:\n"
	    "2. Về cải cách thủ tục hành chính:\n"
	    "a) Kiểm soát thủ tục hành chính\n"
	    "Thủ tục hành chính được kiểm soát chặt chẽ, cập nhật, công khai kịp thời trên Cổng dịch vụ công của tỉnh và tại Bộ phận Một cửa.\n"
	    "3. Cải cách tổ chức bộ máy hành chính nhà nước:\n"
	    "4. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức\n"
	    "5. Cải cách tài chính công:\n"
	    "6. Hiện đại hóa hành chính\n"
	    "III. ĐÁNH GIÁ CHUNG:\n"
	    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRONG NĂM 2024\n"
	    "V. KIẾN NGHỊ, ĐỀ XUẤT:\n"
	    "Nơi nhận:\n");
	const struct result_section *s;

	CHECK(r != NULL && r->sections.n == 7);
	CHECK_STR(area_at(r, 0), "chi_dao_dieu_hanh");
	CHECK_STR(area_at(r, 1), "the_che");
	CHECK_STR(area_at(r, 2), "tthc");
	CHECK_STR(area_at(r, 3), "bo_may");
	CHECK_STR(area_at(r, 4), "cong_vu");
	CHECK_STR(area_at(r, 5), "tai_chinh_cong");
	CHECK_STR(area_at(r, 6), "chinh_quyen_so");
	if (r != NULL && r->sections.n > 2) {
		s = r->sections.v[2];
		CHECK_STR(s->heading, "2. Về cải cách thủ tục hành chính:");
		CHECK(s->page == 1);
	}
}

static void
test_sections_area_of(void)
{
	int numbered;

	CHECK_STR(
	    s_or(sections_area_of(cat,
		"2.6. Xây dựng và phát triển chính quyền điện tử, chính quyền số",
		strlen(
		    "2.6. Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
		&numbered)),
	    "chinh_quyen_so");
	CHECK(numbered);
	CHECK_STR(s_or(sections_area_of(cat, "4. Cải cách công vụ:",
		      strlen("4. Cải cách công vụ:"), &numbered)),
	    "cong_vu");
	/* OCR without diacritics still folds the same. */
	CHECK_STR(s_or(sections_area_of(cat, "5. CAI CACH TAI CHINH CONG",
		      strlen("5. CAI CACH TAI CHINH CONG"), &numbered)),
	    "tai_chinh_cong");
	/* OCR damage in a numbered heading. */
	CHECK_STR(s_or(sections_area_of(cat, "2. Cai cach thu tuc hanh chinb",
		      strlen("2. Cai cach thu tuc hanh chinb"), &numbered)),
	    "tthc");
	CHECK_STR(s_or(sections_area_of(cat, "3. Cái cách tô chức bộ máy",
		      strlen("3. Cái cách tô chức bộ máy"), &numbered)),
	    "bo_may");
	CHECK(sections_area_of(cat, "2. Kết quả thực hiện các nhiệm vụ",
		  strlen("2. Kết quả thực hiện các nhiệm vụ"),
		  &numbered) == NULL);
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
	RUN(test_metadata_docx_header);
	RUN(test_metadata_parent_authority);
	RUN(test_metadata_ocr_interleaved);
	RUN(test_metadata_pdf_columns);
	RUN(test_metadata_nfd);
	RUN(test_metadata_cited_is_not_own);
	RUN(test_metadata_blank_template);
	RUN(test_metadata_levels);
	RUN(test_sections_headings);
	RUN(test_sections_area_of);
	arena_free(A);
	return check_done();
}
