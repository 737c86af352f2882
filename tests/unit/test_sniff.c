/* SPDX-License-Identifier: MIT */
/* sniff: type by content; messages for what we do not read. */
#include <string.h>

#include "parsers/sniff.h"
#include "tests/check.h"

#define S(lit) sniff((const uint8_t *)(lit), sizeof(lit) - 1)

static void
test_sniff_magic_numbers(void)
{
	CHECK(S("%PDF-1.7\n") == SNIFF_PDF);
	CHECK(S("\r\n\r\n%PDF-1.4\n") == SNIFF_PDF);
	CHECK(S("\x89PNG\r\n\x1a\n\0\0\0\rIHDR") == SNIFF_PNG);
	CHECK(S("\xff\xd8\xff\xe0\0\x10JFIF") == SNIFF_JPEG);
	CHECK(S("II*\0\x08\0\0\0") == SNIFF_TIFF);
	CHECK(S("MM\0*\0\0\0\x08") == SNIFF_TIFF);
	CHECK(S("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0") == SNIFF_OLE2);
	CHECK(S("{\\rtf1\\ansi") == SNIFF_RTF);
	CHECK(S("<!DOCTYPE html><html>") == SNIFF_HTML);
	CHECK(S("hello world\n") == SNIFF_TEXT);
	CHECK(sniff((const uint8_t *)"", 0) == SNIFF_EMPTY);
	CHECK(S("\x01\x02\x03\x04\x00\xfe") == SNIFF_UNKNOWN);
}

static void
test_sniff_zip_kinds(void)
{
	CHECK(S("PK\3\4\x14\0\0\0\0\0word/document.xml") == SNIFF_DOCX);
	CHECK(S("PK\3\4\x14\0\0\0\0\0xl/workbook.xml") == SNIFF_ZIP_OTHER);
	CHECK(
	    S("PK\3\4\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.text") ==
	    SNIFF_ODF);
}

static void
test_sniff_messages(void)
{
	CHECK(sniff_message(SNIFF_DOCX, "docx") == NULL);
	CHECK(strstr(sniff_message(SNIFF_OLE2, "doc"), "save it as .docx") !=
	    NULL);
	CHECK(strstr(sniff_message(SNIFF_OLE2, "XLS"), "Excel") != NULL);
	CHECK(strstr(sniff_message(SNIFF_UNKNOWN, NULL), "DOCX, PDF") != NULL);
}

int
main(void)
{
	RUN(test_sniff_magic_numbers);
	RUN(test_sniff_zip_kinds);
	RUN(test_sniff_messages);
	return check_done();
}
