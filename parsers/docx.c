/* SPDX-License-Identifier: MIT */
/*
 * DOCX to the document model: package, styles and numbering, then the
 * body and footnotes.
 *
 * Format notes: ECMA-376 (Office Open XML) transitional and strict
 * WordprocessingML.  Read: the main document, styles, numbering,
 * footnotes, theme fonts.  Not read: headers and footers (page furniture:
 * page numbers, running titles), comments, endnotes, embedded objects.
 * DOCX has no pages; pages are estimated from page breaks (method TEXT).
 */
#include "parsers/docx.h"

#include "parsers/docx_body.h"
#include "parsers/docx_numbering.h"
#include "parsers/docx_package.h"
#include "parsers/docx_styles.h"

static enum err
docx_finish_pages(struct doc *d, unsigned npages, struct diag *diag)
{
	unsigned i;

	for (i = 0; i < npages; i++)
		if (doc_add_page(d, DOC_METHOD_TEXT, 0, 0) == NULL)
			return diag_set(diag, ERR_NOMEM,
			    "the document model is larger than the memory limit");
	return ERR_OK;
}

/* Contract in docx.h. */
enum err
docx_parse(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct doc **out, struct diag *diag)
{
	struct docx_package pkg;
	struct docx_styles *styles = NULL;
	struct docx_numbering *numbering = NULL;
	struct docx_body *body = NULL;
	struct doc *d;
	enum err e;

	*out = NULL;
	e = docx_package_open(data, len, lim, arena, &pkg, diag);
	if (e != ERR_OK)
		return e;
	e = docx_styles_parse(pkg.styles.name, pkg.styles.data, pkg.styles.len,
	    pkg.theme.name, pkg.theme.data, pkg.theme.len, lim, arena, &styles,
	    diag);
	if (e != ERR_OK)
		return e;
	if (pkg.numbering.data != NULL) {
		e = docx_numbering_parse(pkg.numbering.name, pkg.numbering.data,
		    pkg.numbering.len, lim, arena, &numbering, diag);
		if (e != ERR_OK)
			return e;
	}
	d = doc_new(arena);
	body = d != NULL ? docx_body_new(d, lim, styles, numbering,
			       docx_body_has_rendered_breaks(
				   pkg.document.data, pkg.document.len))
			 : NULL;
	if (body == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	e = docx_body_read(body, pkg.document.name, pkg.document.data,
	    pkg.document.len, DOC_PART_BODY, diag);
	if (e == ERR_OK && pkg.footnotes.data != NULL)
		e = docx_body_read(body, pkg.footnotes.name, pkg.footnotes.data,
		    pkg.footnotes.len, DOC_PART_FOOTNOTE, diag);
	if (e == ERR_OK)
		e = docx_finish_pages(d, docx_body_pages(body), diag);
	docx_body_free(body);
	if (e == ERR_OK)
		*out = d;
	return e;
}

/* Contract in docx.h. */
enum err
docx_parse_wordml(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct doc **out, struct diag *diag)
{
	struct docx_body *body;
	struct doc *d;
	enum err e;

	*out = NULL;
	d = doc_new(arena);
	body = d != NULL ? docx_body_new(d, lim, NULL, NULL,
			       docx_body_has_rendered_breaks(data, len))
			 : NULL;
	if (body == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	e = docx_body_read(
	    body, "word/document.xml", data, len, DOC_PART_BODY, diag);
	if (e == ERR_OK)
		e = docx_finish_pages(d, docx_body_pages(body), diag);
	docx_body_free(body);
	if (e == ERR_OK)
		*out = d;
	return e;
}
