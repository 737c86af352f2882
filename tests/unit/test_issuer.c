/* SPDX-License-Identifier: MIT */
/* The issuer's name cleaned of OCR's additions (indicators/issuer.h). */
#include <string.h>

#include "indicators/issuer.h"
#include "tests/check.h"
#include "tests/docbuild.h"

static struct arena *A;

static const char *
clean(const char *issuer, const char *body, bool ocr)
{
	struct doc *d = docbuild(A, body, strlen(body));

	return d != NULL ? issuer_clean(issuer, d, ocr, A) : "(no doc)";
}

/* A text layer's issuer is kept as printed, whatever the body says. */
static void
test_issuer_text_layer_kept(void)
{
	const char *in = "UBND THÀNH PHỐ HUẾ UBND PHƯỜNG PHÚ HỘI";

	CHECK(clean(in, "UBND phường Phú Hải\n", false) == in);
	CHECK(issuer_clean(NULL, NULL, true, A) == NULL);
}

/* OCR joins the parent authority's line to the issuer's. */
static void
test_issuer_parent_on_same_line(void)
{
	CHECK_STR(clean("UBND THÀNH PHỐ HUẾ UBND PHƯỜNG PHÚ HỘI", "", true),
	    "UBND PHƯỜNG PHÚ HỘI");
	/* A rule read as "l" between the two. */
	CHECK_STR(clean("UBND THÀNH PHỐ QUẢNG NGÃI l UBND PHƯỜNG NGHĨA "
			"CHÁNH",
		      "", true),
	    "UBND PHƯỜNG NGHĨA CHÁNH");
	CHECK_STR(clean("ỦY BAN NHÂN DÂN HUYỆN CẨM XUYÊN ỦY BAN NHÂN DÂN XÃ "
			"CẨM BÌNH",
		      "", true),
	    "ỦY BAN NHÂN DÂN XÃ CẨM BÌNH");
}

/* Punctuation before the name and a misread kind of body. */
static void
test_issuer_punctuation_and_kind(void)
{
	CHECK_STR(
	    clean(": UBND PHƯƠNG BA ĐÌNH", "", true), "UBND PHƯỜNG BA ĐÌNH");
	CHECK_STR(
	    clean("UBND THI TRAN KY ANH", "", true), "UBND THỊ TRẤN KY ANH");
	/* Not a body of the closed vocabulary: left alone. */
	CHECK_STR(clean("SỞ NỘI VỤ", "", true), "SỞ NỘI VỤ");
}

/* The place name as the body spells it most often. */
static void
test_issuer_place_name_vote(void)
{
	const char *body = "Cải cách hành chính phường Ba Đình 6 tháng\n"
			   "UBND phường Ba Đình báo cáo như sau:\n"
			   "Đảng ủy phường Ba Đĩnh chỉ đạo\n"
			   "phường Ba Đình, ngày 18 tháng 6\n";

	CHECK_STR(
	    clean("UBND PHƯƠNG BA ĐĨNH", body, true), "UBND PHƯỜNG BA ĐÌNH");
	/* One edit away in the fold key: "CẤÂM" for "CẨM". */
	CHECK_STR(clean("ỦY BAN NHÂN DÂN PHƯỜNG GIA CẤÂM",
		      "phường Gia Cẩm\nGia Cẩm, ngày 2\n", true),
	    "ỦY BAN NHÂN DÂN PHƯỜNG GIA CẨM");
	/* A tie keeps the header's spelling (the header is in the text). */
	CHECK_STR(clean("UBND XÃ AN HÒA", "UBND XÃ AN HÒA\nxã An Hoà\n", true),
	    "UBND XÃ AN HÒA");
	/* Another place in the body is not the issuer's name. */
	CHECK_STR(clean("UBND XÃ AN HÒA",
		      "huyện Ân Thi\nhuyện Ân Thi\nhuyện Ân Thi\n", true),
	    "UBND XÃ AN HÒA");
}

int
main(void)
{
	A = arena_new((size_t)8 << 20);
	RUN(test_issuer_text_layer_kept);
	RUN(test_issuer_parent_on_same_line);
	RUN(test_issuer_punctuation_and_kind);
	RUN(test_issuer_place_name_vote);
	arena_free(A);
	return check_done();
}
