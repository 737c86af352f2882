/* SPDX-License-Identifier: MIT */
/* Number, unit and value-cell reading. */
#include <math.h>
#include <string.h>

#include "indicators/unit.h"
#include "indicators/value.h"
#include "tests/check.h"

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

/* Parses `s` in a cell whose unit cell reads `unit`. */
static struct value
cell(const char *s, const char *unit)
{
	struct unit_info u;
	struct value v;

	unit_classify(unit, strlen(unit), &u);
	value_parse(s, strlen(s), &u, &v);
	return v;
}

static void
test_unit_kinds(void)
{
	struct unit_info u;

	unit_classify("%", 1, &u);
	CHECK(u.kind == UNIT_PERCENT);
	unit_classify("Triệu đồng", strlen("Triệu đồng"), &u);
	CHECK(u.kind == UNIT_MIL);
	unit_classify("Đồng", strlen("Đồng"), &u);
	CHECK(u.kind == UNIT_VND);
	unit_classify("Số lượng hồ sơ", strlen("Số lượng hồ sơ"), &u);
	CHECK(u.kind == UNIT_COUNT);
	unit_classify("Thủ tục", strlen("Thủ tục"), &u);
	CHECK(u.kind == UNIT_COUNT);
	unit_classify("", 0, &u);
	CHECK(u.kind == UNIT_UNKNOWN);
}

static void
test_unit_legend_glued(void)
{
	const char *s = "Trực tuyến = 0Phát phiếu = 1Kết hợp = 2";
	struct unit_info u;
	int code = -1;

	unit_classify(s, strlen(s), &u);
	CHECK(u.kind == UNIT_CODE);
	CHECK(u.ncodes == 3);
	CHECK_STR(u.codes[1].fold, "phat phieu");
	CHECK(u.codes[2].code == 2);
	CHECK(unit_code_lookup(&u, "Kết hợp", strlen("Kết hợp"), &code));
	CHECK(code == 2);
}

static void
test_unit_legend_nfd(void)
{
	/* "Có = 1 Không = 0" written decomposed. */
	const char *s = "Co\xcc\x81 = 1 Kho\xcc\x82ng = 0";
	struct unit_info u;
	int code = -1;

	unit_classify(s, strlen(s), &u);
	CHECK(u.kind == UNIT_CODE);
	CHECK(unit_code_lookup(&u, "Có", strlen("Có"), &code));
	CHECK(code == 1);
}

static void
test_value_thousands(void)
{
	struct value v = cell("7.972", "Triệu đồng");

	CHECK(v.has_value && near(v.value, 7972) && !v.ambiguous);
	v = cell("12.175", "Triệu đồng");
	CHECK(v.has_value && near(v.value, 12175));
	v = cell("540.000", "Đồng");
	CHECK(near(v.value, 540000));
	v = cell("1.234.567", "Hồ sơ");
	CHECK(near(v.value, 1234567));
	v = cell("1.250,5", "Triệu đồng");
	CHECK(near(v.value, 1250.5));
}

static void
test_value_percent(void)
{
	struct value v = cell("99,75%", "%");

	CHECK(v.has_value && near(v.value, 99.75) && v.percent);
	v = cell("27.2%", "%");
	CHECK(near(v.value, 27.2));
	v = cell("65.49 %", "%");
	CHECK(near(v.value, 65.49));
	v = cell("100%", "%");
	CHECK(near(v.value, 100));
	v = cell("100,0 %", "%");
	CHECK(near(v.value, 100));
	/* The % sign alone makes it a percentage in an empty unit cell. */
	v = cell("26%", "");
	CHECK(near(v.value, 26) && v.percent);
	/* OCR put a space after the decimal comma. */
	v = cell("99, 75%", "%");
	CHECK(v.has_value && near(v.value, 99.75));
	/* Three decimals in a percentage are decimals, not thousands. */
	v = cell("12.345", "%");
	CHECK(near(v.value, 12.345));
}

static void
test_value_leading_zero_and_words(void)
{
	struct value v = cell("01", "Nhiệm vụ");

	CHECK(v.has_value && near(v.value, 1) && v.confidence == 1.0);
	v = cell("05 hồ sơ", "Hồ sơ");
	CHECK(v.has_value && near(v.value, 5) && !v.text);
	v = cell("560 phiếu", "Số lượng");
	CHECK(near(v.value, 560) && !v.text);
	v = cell("2.177 hồ sơ", "Số lượng hồ sơ");
	CHECK(near(v.value, 2177));
}

static void
test_value_blank_and_dash(void)
{
	struct value v = cell("", "Hồ sơ");

	CHECK(!v.has_value && v.blank);
	v = cell("  -  ", "Hồ sơ");
	CHECK(!v.has_value && v.blank);
	v = cell("–", "%");
	CHECK(!v.has_value && v.blank);
	v = cell("\xc2\xa0", "%");
	CHECK(!v.has_value && v.blank);
	v = cell("0", "Hồ sơ");
	CHECK(v.has_value && near(v.value, 0) && !v.blank);
}

static void
test_value_coded(void)
{
	struct value v = cell("1", "Có = 1 Không = 0");

	CHECK(v.has_value && near(v.value, 1));
	v = cell("Có", "Có = 1 Không = 0");
	CHECK(v.has_value && near(v.value, 1));
	v = cell("Không", "Không = 0 Có = 1");
	CHECK(v.has_value && near(v.value, 0));
	v = cell("Phát phiếu", "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2");
	CHECK(v.has_value && near(v.value, 1));
	v = cell("Có", "Có thực hiện = 1 Không thực hiện = 0");
	CHECK(v.has_value && near(v.value, 1));
}

static void
test_value_two_numbers(void)
{
	struct value v =
	    cell("chứng thư số : 1 chữ ký số: 3", "Chứng thư số, chữ ký số");

	CHECK(!v.has_value && v.nnumbers == 2);
	v = cell("20/23", "Người");
	CHECK(!v.has_value && v.nnumbers == 2);
}

static void
test_value_text_in_number_cell(void)
{
	struct value v = cell("Đang cập nhật", "Hồ sơ");

	CHECK(!v.has_value && v.text);
	v = cell("Còn 05 hồ sơ chưa đến hạn", "Hồ sơ");
	CHECK(v.has_value && v.text && v.confidence < 1.0);
}

static void
test_value_ambiguous(void)
{
	struct value v = cell("12.175", "");
	double x, alt, conf;
	bool amb;

	CHECK(v.has_value && v.ambiguous && near(v.value, 12175));
	CHECK(near(v.alt, 12.175) && v.confidence < 1.0);
	v = cell("2,951", "Hồ sơ");
	CHECK(v.ambiguous && near(v.value, 2951) && near(v.alt, 2.951));
	CHECK(value_number("4.8", 3, UNIT_MIL, &x, &alt, &amb, &conf));
	CHECK(near(x, 4.8) && !amb);
	CHECK(value_number("0.500", 5, UNIT_UNKNOWN, &x, &alt, &amb, &conf));
	CHECK(near(x, 0.5));
}

static void
test_value_malformed_numbers(void)
{
	double x, alt, conf;
	bool amb;

	CHECK(!value_number("1.2.3,4", 7, UNIT_COUNT, &x, &alt, &amb, &conf));
	CHECK(!value_number("12..5", 5, UNIT_COUNT, &x, &alt, &amb, &conf));
	CHECK(!value_number("1.23.456", 8, UNIT_COUNT, &x, &alt, &amb, &conf));
	CHECK(!value_number("", 0, UNIT_COUNT, &x, &alt, &amb, &conf));
	CHECK(!value_number(
	    "1234567890123456789", 19, UNIT_COUNT, &x, &alt, &amb, &conf));
}

/* OCR look-alike letters in a number cell. */
static void
test_value_ocr_digits(void)
{
	struct value v = cell("1O0%", "%");

	CHECK(v.has_value && near(v.value, 100) && v.confidence < 1.0);
	v = cell("2l", "Hồ sơ");
	CHECK(v.has_value && near(v.value, 21));
	v = cell("1.5OO", "Hồ sơ");
	CHECK(v.has_value && near(v.value, 1500));
	/* Words are not digits. */
	v = cell("Ok", "Hồ sơ");
	CHECK(!v.has_value);
	v = cell("I", "Hồ sơ");
	CHECK(!v.has_value);
	/* The cell's border read as a letter beside the number. */
	v = cell("5.972 l", "Hồ sơ");
	CHECK(v.has_value && near(v.value, 5972) && v.confidence < 1.0);
	v = cell("| 28", "Hồ sơ");
	CHECK(v.has_value && near(v.value, 28));
	/* Two numbers are still two numbers. */
	v = cell("5 12", "Hồ sơ");
	CHECK(!v.has_value);
	v = cell("l l", "Hồ sơ");
	CHECK(!v.has_value);
}

static void
test_value_words(void)
{
	int n = -1;

	CHECK(value_word("khong", &n) && n == 0);
	CHECK(value_word("muoi", &n) && n == 10);
	CHECK(!value_word("ho", &n));
}

int
main(void)
{
	RUN(test_unit_kinds);
	RUN(test_unit_legend_glued);
	RUN(test_unit_legend_nfd);
	RUN(test_value_thousands);
	RUN(test_value_percent);
	RUN(test_value_leading_zero_and_words);
	RUN(test_value_blank_and_dash);
	RUN(test_value_coded);
	RUN(test_value_two_numbers);
	RUN(test_value_text_in_number_cell);
	RUN(test_value_ambiguous);
	RUN(test_value_malformed_numbers);
	RUN(test_value_ocr_digits);
	RUN(test_value_words);
	return check_done();
}
