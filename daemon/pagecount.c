/* SPDX-License-Identifier: MIT */
/* Format and page count, for the supervisor's deadline. */
#include "daemon/pagecount.h"

#include <glib.h>
#include <poppler.h>

#include "parsers/sniff.h"

/* The smallest PDF Poppler opens without complaint. */
static const char tiny_pdf[] =
    "%PDF-1.4\n"
    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    "trailer<</Root 1 0 R>>\n"
    "%%EOF\n";

static unsigned
pdf_pages(const uint8_t *data, size_t len)
{
	GBytes *b = g_bytes_new_static(data, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(b, NULL, NULL);
	int n = 0;

	if (doc != NULL) {
		n = poppler_document_get_n_pages(doc);
		g_object_unref(doc);
	}
	g_bytes_unref(b);
	return n > 0 ? (unsigned)n : 1;
}

void
pagecount_init(void)
{
	(void)pdf_pages((const uint8_t *)tiny_pdf, sizeof tiny_pdf - 1);
}

unsigned
pagecount(const uint8_t *data, size_t len, unsigned max, const char **format)
{
	unsigned n = 1;

	switch (sniff(data, len)) {
	case SNIFF_DOCX:
		*format = "docx";
		break;
	case SNIFF_PDF:
		*format = "pdf";
		n = pdf_pages(data, len);
		break;
	case SNIFF_PNG:
	case SNIFF_JPEG:
	case SNIFF_TIFF:
		*format = "image";
		break;
	default:
		*format = "";
		break;
	}
	return n > max ? max : n;
}
