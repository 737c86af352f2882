/* SPDX-License-Identifier: MIT */
/*
 * Magic-number sniffing.  Format notes: zip local header "PK\3\4" (APPNOTE
 * 4.3.7), an empty zip "PK\5\6"; PDF "%PDF-" within the first 1024 bytes
 * (ISO 32000-1 7.5.2 allows leading garbage, and readers accept it);
 * PNG 89 50 4E 47 0D 0A 1A 0A; JPEG FF D8 FF; TIFF "II*\0" / "MM\0*";
 * OLE2 compound file D0 CF 11 E0 A1 B1 1A E1.
 */
#include "parsers/sniff.h"

#include <stdbool.h>
#include <string.h>

#define SNIFF_WINDOW (64u * 1024u)

static bool
has_prefix(const uint8_t *d, size_t len, const char *magic, size_t mlen)
{
	return len >= mlen && memcmp(d, magic, mlen) == 0;
}

/* Bounded search for `needle` in `hay`. */
static bool
contains(const uint8_t *hay, size_t hlen, const char *needle)
{
	size_t nlen = strlen(needle), i;

	if (nlen == 0 || hlen < nlen)
		return false;
	for (i = 0; i + nlen <= hlen; i++)
		if (hay[i] == (uint8_t)needle[0] &&
		    memcmp(hay + i, needle, nlen) == 0)
			return true;
	return false;
}

/* Searches the head and the tail windows (central directory). */
static bool
zip_mentions(const uint8_t *d, size_t len, const char *name)
{
	size_t head = len < SNIFF_WINDOW ? len : SNIFF_WINDOW;

	if (contains(d, head, name))
		return true;
	if (len > SNIFF_WINDOW)
		return contains(d + len - SNIFF_WINDOW, SNIFF_WINDOW, name);
	return false;
}

static enum sniff_type
sniff_zip(const uint8_t *d, size_t len)
{
	/* A DOCX names word/document.xml in its central directory; a
	 * truncated one at least names a word/ part near the start. */
	if (zip_mentions(d, len, "word/document.xml") ||
	    zip_mentions(d, len, "word/"))
		return SNIFF_DOCX;
	if (zip_mentions(d, len, "mimetypeapplication/vnd.oasis"))
		return SNIFF_ODF;
	return SNIFF_ZIP_OTHER;
}

static bool
looks_like_text(const uint8_t *d, size_t len)
{
	size_t n = len < 4096 ? len : 4096, i;

	for (i = 0; i < n; i++)
		if (d[i] < 0x09 || (d[i] > 0x0D && d[i] < 0x20 && d[i] != 0x1B))
			return false;
	return true;
}

enum sniff_type
sniff(const uint8_t *d, size_t len)
{
	size_t i, lim;

	if (len == 0)
		return SNIFF_EMPTY;
	if (has_prefix(d, len, "PK\3\4", 4) || has_prefix(d, len, "PK\5\6", 4))
		return sniff_zip(d, len);
	if (has_prefix(d, len, "\x89PNG\r\n\x1a\n", 8))
		return SNIFF_PNG;
	if (has_prefix(d, len, "\xff\xd8\xff", 3))
		return SNIFF_JPEG;
	if (has_prefix(d, len, "II*\0", 4) || has_prefix(d, len, "MM\0*", 4))
		return SNIFF_TIFF;
	if (has_prefix(d, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return SNIFF_OLE2;
	if (has_prefix(d, len, "{\\rtf", 5))
		return SNIFF_RTF;
	if (has_prefix(d, len, "GIF87a", 6) || has_prefix(d, len, "GIF89a", 6))
		return SNIFF_GIF;
	if (has_prefix(d, len, "BM", 2) && len > 14)
		return SNIFF_BMP;
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return SNIFF_WEBP;
	if (has_prefix(d, len, "Rar!", 4) ||
	    has_prefix(d, len, "7z\xbc\xaf\x27\x1c", 6) ||
	    has_prefix(d, len, "\x1f\x8b", 2) || has_prefix(d, len, "BZh", 3) ||
	    has_prefix(d, len,
		"\xfd"
		"7zXZ",
		5))
		return SNIFF_ARCHIVE;
	/* "%PDF-" may follow a little junk (mail gateways add some). */
	lim = len < 1024 ? len : 1024;
	for (i = 0; i + 5 <= lim; i++)
		if (d[i] == '%' && memcmp(d + i, "%PDF-", 5) == 0)
			return SNIFF_PDF;
	if (looks_like_text(d, len)) {
		lim = len < 512 ? len : 512;
		for (i = 0; i + 5 <= lim; i++)
			if (d[i] == '<' && (i + 5 <= lim) &&
			    (memcmp(d + i, "<html", 5) == 0 ||
				memcmp(d + i, "<HTML", 5) == 0 ||
				memcmp(d + i, "<!DOC", 5) == 0 ||
				memcmp(d + i, "<!doc", 5) == 0))
				return SNIFF_HTML;
		return SNIFF_TEXT;
	}
	return SNIFF_UNKNOWN;
}

const char *
sniff_name(enum sniff_type t)
{
	switch (t) {
	case SNIFF_DOCX:
		return "docx";
	case SNIFF_PDF:
		return "pdf";
	case SNIFF_PNG:
		return "png";
	case SNIFF_JPEG:
		return "jpeg";
	case SNIFF_TIFF:
		return "tiff";
	case SNIFF_ZIP_OTHER:
		return "zip";
	case SNIFF_OLE2:
		return "ole2";
	case SNIFF_RTF:
		return "rtf";
	case SNIFF_ODF:
		return "odf";
	case SNIFF_HTML:
		return "html";
	case SNIFF_GIF:
		return "gif";
	case SNIFF_BMP:
		return "bmp";
	case SNIFF_WEBP:
		return "webp";
	case SNIFF_TEXT:
		return "text";
	case SNIFF_EMPTY:
		return "empty";
	case SNIFF_ARCHIVE:
		return "archive";
	case SNIFF_UNKNOWN:
		break;
	}
	return "unknown";
}

static bool
ext_is(const char *ext, const char *want)
{
	size_t i;

	if (ext == NULL)
		return false;
	for (i = 0; want[i] != '\0'; i++) {
		char c = ext[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != want[i])
			return false;
	}
	return ext[i] == '\0';
}

const char *
sniff_message(enum sniff_type t, const char *ext)
{
	switch (t) {
	case SNIFF_DOCX:
	case SNIFF_PDF:
	case SNIFF_PNG:
	case SNIFF_JPEG:
	case SNIFF_TIFF:
		return NULL;
	case SNIFF_OLE2:
		if (ext_is(ext, "xls"))
			return "legacy Excel .xls is not supported; send the report as .docx or PDF";
		if (ext_is(ext, "ppt"))
			return "legacy PowerPoint .ppt is not supported; send the report as .docx or PDF";
		return "legacy Word .doc (Word 97-2003) is not supported; open it in Word or LibreOffice and save it as .docx, or export it to PDF";
	case SNIFF_ZIP_OTHER:
		if (ext_is(ext, "xlsx"))
			return "Excel workbooks are not supported; send the report as .docx or PDF";
		return "a zip archive that is not a Word document (no word/document.xml); send each report as its own .docx or PDF";
	case SNIFF_ODF:
		return "OpenDocument files are not supported; save the report as .docx or export it to PDF";
	case SNIFF_RTF:
		return "RTF is not supported; save the report as .docx";
	case SNIFF_HTML:
		return "an HTML page is not a report file; save the report as .docx or PDF";
	case SNIFF_GIF:
	case SNIFF_BMP:
	case SNIFF_WEBP:
		return "this image format is not supported; scan to PDF, PNG, JPEG or TIFF";
	case SNIFF_TEXT:
		return "a plain text file is not a report file; send the report as .docx or PDF";
	case SNIFF_EMPTY:
		return "the file is empty";
	case SNIFF_ARCHIVE:
		return "compressed archives are not opened; extract the reports and drop each file on its own";
	case SNIFF_UNKNOWN:
		break;
	}
	return "not a DOCX, PDF, PNG, JPEG or TIFF file; send the report as .docx or PDF";
}
