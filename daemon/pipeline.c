/* SPDX-License-Identifier: MIT */
/* Dispatch by sniffed type; fill the result record. */
#include "daemon/pipeline.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "indicators/catalogue.h"
#include "indicators/check_engine.h"
#include "indicators/map.h"
#include "layout/layout.h"
#include "ocr/ocr.h"
#include "parsers/docx.h"
#include "parsers/pdf.h"
#include "parsers/sniff.h"

/* An office's own catalogue and rules (pipeline_set_indicators). */
static const struct catalogue *office_catalogue;
static const struct rules *office_rules;

void
pipeline_set_indicators(const struct catalogue *cat, const struct rules *rs)
{
	office_catalogue = cat;
	office_rules = rs;
}

static const char *
base_name(const char *name)
{
	const char *s = strrchr(name, '/');

	return s != NULL ? s + 1 : name;
}

static const char *
extension(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL ? dot + 1 : NULL;
}

/* Error codes in the record: the err name, with a finer code for inputs
 * refused by type so scripts can tell "wrong format" from "broken". */
static void
result_fail(struct result *r, struct arena *a, enum err e, const char *code,
    const char *msg)
{
	r->status = (e == ERR_NOMEM || e == ERR_IO || e == ERR_INTERNAL)
	    ? RESULT_FAILED
	    : RESULT_REJECTED;
	r->error_code = code != NULL ? code : err_name(e);
	r->error_message = arena_strdup(a, msg);
}

static void
fill_pages(struct result *r, const struct doc *d, struct arena *a)
{
	size_t i;

	for (i = 0; i < d->pages.n; i++) {
		const struct doc_page *p = d->pages.v[i];
		struct result_page *rp = arena_alloc(a, sizeof *rp);

		if (rp == NULL)
			return;
		rp->n = p->n;
		rp->method = doc_method_name(p->method);
		rp->confidence = p->confidence;
		(void)ptrvec_push(&r->pages, a, rp);
	}
}

/* OCR pages of a PDF: rendered in grey by the PDF reader (which
 * serialises rendering of one document), at the OCR resolution lowered
 * for a page too large to render at it within the pixel limits. */
struct pdf_pages {
	struct pdf *pdf;
	const struct doc *doc;
	const struct limits *lim;
	unsigned dpi;
};

static enum err
pdf_on_render(void *ctx, unsigned n, struct ocr_image *img, struct diag *dg)
{
	const struct pdf_pages *pp = ctx;
	const struct doc_page *pg = doc_page_get(pp->doc, n);
	double dpi = pp->dpi;
	uint8_t *gray = NULL;
	enum err e;

	if (pg != NULL && pg->width > 0 && pg->height > 0) {
		double px = pg->width * pg->height * (dpi / 72) * (dpi / 72);
		double side =
		    (pg->width > pg->height ? pg->width : pg->height) * dpi /
		    72;

		if (px > (double)pp->lim->image_pixels_max)
			dpi *= sqrt((double)pp->lim->image_pixels_max / px);
		if (side * (dpi / pp->dpi) > pp->lim->image_side_max_px)
			dpi = pp->lim->image_side_max_px * 72 /
			    (pg->width > pg->height ? pg->width : pg->height);
	}
	img->dpi = dpi < 72 ? 72 : (unsigned)dpi;
	e = pdf_render_page_gray(pp->pdf, n, img->dpi, &gray, &img->width,
	    &img->height, &img->stride, dg);
	img->gray = gray;
	return e;
}

static void
pdf_on_release(void *ctx, struct ocr_image *img)
{
	(void)ctx;
	free((void *)(uintptr_t)img->gray);
	img->gray = NULL;
}

/*
 * PDF: pages with a text layer are read from it, the others through OCR;
 * the source format says which kinds the file has.
 */
static enum err
read_pdf(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *a, struct result *r, struct doc **out, struct diag *dg)
{
	struct pdf *p = NULL;
	const unsigned *ocr;
	size_t nocr;
	enum err e;

	r->source.format = "pdf";
	e = pdf_open(data, len, lim, &p, dg);
	if (e == ERR_OK)
		e = pdf_extract(p, a, out, dg);
	if (e == ERR_OK) {
		nocr = pdf_ocr_pages(p, &ocr);
		if (nocr == pdf_npages(p))
			r->source.format = "pdf-scanned";
		else if (nocr > 0)
			r->source.format = "pdf-mixed";
		if (nocr > 0) {
			struct ocr_opts oo;
			struct pdf_pages pp;
			struct ocr_source src;

			ocr_opts_default(&oo);
			oo.dpi = lim->ocr_dpi;
			pp.pdf = p;
			pp.doc = *out;
			pp.lim = lim;
			pp.dpi = oo.dpi;
			src.ctx = &pp;
			src.render = pdf_on_render;
			src.release = pdf_on_release;
			e = ocr_pages(&oo, &src, ocr, nocr, *out, lim, dg);
		}
	}
	/* OCR leaves blocks in page order; tables and paragraphs that go
	 * on over a page are joined once every page is in. */
	if (e == ERR_OK)
		e = layout_join_tables(*out, dg);
	if (e == ERR_OK)
		e = layout_join_paragraphs(*out, dg);
	pdf_free(p);
	if (e != ERR_OK)
		*out = NULL;
	return e;
}

struct result *
pipeline_run(const uint8_t *data, size_t len, const char *name,
    const struct limits *lim, struct arena *a)
{
	struct result *r = arena_alloc(a, sizeof *r);
	struct diag dg;
	struct doc *d = NULL;
	enum sniff_type t;
	enum err e;
	gchar *hex;

	if (r == NULL)
		return NULL;
	diag_init(&dg);
	r->source.name = arena_strdup(a, base_name(name));
	r->source.bytes = len;
	hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
	if (hex != NULL) {
		g_strlcpy(r->source.sha256, hex, sizeof r->source.sha256);
		g_free(hex);
	}
	if (len > lim->input_max) {
		char msg[128];

		(void)snprintf(msg, sizeof msg,
		    "the file is %zu bytes, more than the limit of %zu", len,
		    lim->input_max);
		result_fail(r, a, ERR_LIMIT, "too_large", msg);
		return r;
	}
	t = sniff(data, len);
	switch (t) {
	case SNIFF_DOCX:
		r->source.format = "docx";
		e = docx_parse(data, len, lim, a, &d, &dg);
		break;
	case SNIFF_PDF:
		e = read_pdf(data, len, lim, a, r, &d, &dg);
		break;
	case SNIFF_PNG:
	case SNIFF_JPEG:
	case SNIFF_TIFF:
		r->source.format = "image";
		{
			struct ocr_opts oo;

			ocr_opts_default(&oo);
			e = ocr_image_parse(data, len, &oo, lim, a, &d, &dg);
		}
		break;
	default:
		result_fail(r, a, ERR_UNSUPPORTED, "unsupported_format",
		    sniff_message(t, extension(r->source.name)));
		return r;
	}
	if (e != ERR_OK) {
		result_fail(
		    r, a, e, NULL, dg.msg[0] != '\0' ? dg.msg : err_name(e));
		return r;
	}
	r->doc = d;
	fill_pages(r, d, a);
	r->status = RESULT_OK;
	/* Metadata, sections and indicators from the model. */
	{
		const struct catalogue *cat = office_catalogue != NULL
		    ? office_catalogue
		    : catalogue_default(&dg);

		e = cat != NULL ? map_document(d, cat, r, a) : ERR_INTERNAL;
		if (e != ERR_OK)
			result_fail(r, a, e, NULL,
			    cat == NULL
				? dg.msg
				: "not enough memory to map the document");
	}
	/* Checks come after mapping; a full arena loses flags, not the
	 * record. */
	if (r->status == RESULT_OK) {
		diag_init(&dg);
		(void)check_document(r, office_rules, a, &r->flags, &dg);
	}
	return r;
}
