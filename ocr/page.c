/* SPDX-License-Identifier: MIT */
/*
 * One page: pre-processing, the choice of segmentation mode, recognition,
 * then words and rules in points handed to the layout module.
 */
#include "ocr/ocr_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "layout/layout.h"

void
ocr_page_result_fini(struct ocr_page_result *r)
{
	ocr_words_free(&r->words);
	free(r->rules);
	r->rules = NULL;
	r->nrules = 0;
}

/*
 * A page with a ruled table: at least three horizontal rules a quarter
 * of the page wide and two vertical ones.  Such pages read far better
 * as one column of lines (mode 4) than with automatic segmentation,
 * which cuts the table into many small blocks.
 */
static bool
is_table_page(const struct ocr_page_result *r)
{
	size_t i, nh = 0, nv = 0;

	for (i = 0; i < r->nrules; i++) {
		const struct ocr_rule *u = &r->rules[i];

		if (u->y0 == u->y1 && (unsigned)(u->x1 - u->x0) >= r->width / 4)
			nh++;
		else if (u->x0 == u->x1 &&
		    (unsigned)(u->y1 - u->y0) >= r->height / 20)
			nv++;
	}
	return nh >= 3 && nv >= 2;
}

/*
 * Pre-processes and recognises one page; `prep` NULL means the default
 * steps.  On ERR_OK the caller owns `res` (ocr_page_result_fini).
 */
enum err
ocr_page_run_with(struct ocr_engine *eng, const struct ocr_opts *opts,
    const struct ocr_prep_opts *prep, PIX *gray, unsigned dpi,
    struct ocr_page_result *res, struct diag *diag)
{
	struct ocr_prep_opts def;
	struct ocr_prep_info info;
	PIX *pix;
	enum err e;
	size_t i;
	double sum = 0;

	memset(res, 0, sizeof *res);
	res->confidence = -1;
	if (prep == NULL) {
		ocr_prep_default(&def);
		prep = &def;
	}
	pix = ocr_prep(gray, dpi, prep, eng, &info);
	if (pix == NULL)
		return diag_set(diag, ERR_NOMEM,
		    "ocr: out of memory preparing the page image");
	res->dpi = info.dpi;
	res->rotation = info.rotation;
	res->rules = info.rules;
	res->nrules = info.nrules;
	res->width = (unsigned)pixGetWidth(pix);
	res->height = (unsigned)pixGetHeight(pix);
	res->psm = opts->psm;
	if (res->psm == OCR_PSM_AUTO)
		res->psm = is_table_page(res) ? OCR_PSM_COLUMN : OCR_PSM_BLOCKS;
	e = ocr_engine_recognize(eng, pix, res->dpi, res->psm, &res->words,
	    diag);
	pixDestroy(&pix);
	if (e != ERR_OK) {
		ocr_page_result_fini(res);
		return e;
	}
	for (i = 0; i < res->words.n; i++)
		sum += res->words.v[i].confidence;
	if (res->words.n > 0)
		res->confidence = (float)(sum / (double)res->words.n);
	return ERR_OK;
}

enum err
ocr_page_run(struct ocr_engine *eng, const struct ocr_opts *opts, PIX *gray,
    unsigned dpi, struct ocr_page_result *res, struct diag *diag)
{
	return ocr_page_run_with(eng, opts, NULL, gray, dpi, res, diag);
}

#ifdef OCR_NO_LAYOUT
/*
 * Until the layout module is built: one paragraph per paragraph that
 * Tesseract found, lines joined by spaces.
 */
static enum err
words_to_blocks(const struct ocr_page_result *r, unsigned page, double scale,
    struct doc *d, struct diag *diag)
{
	struct buf b;
	size_t i = 0;
	enum err e = ERR_OK;

	buf_init(&b, 0);
	while (i < r->words.n) {
		unsigned para = r->words.v[i].para;
		struct doc_box box = { 1e9, 1e9, 0, 0 };
		struct doc_block *blk;
		double sum = 0;
		size_t j;

		buf_reset(&b);
		for (j = i; j < r->words.n && r->words.v[j].para == para; j++) {
			const struct ocr_word *w = &r->words.v[j];

			if (b.len > 0)
				(void)buf_putc(&b, ' ');
			(void)buf_append(&b, w->text, w->len);
			sum += w->confidence;
			if (w->x0 * scale < box.x0)
				box.x0 = w->x0 * scale;
			if (w->y0 * scale < box.y0)
				box.y0 = w->y0 * scale;
			if (w->x1 * scale > box.x1)
				box.x1 = w->x1 * scale;
			if (w->y1 * scale > box.y1)
				box.y1 = w->y1 * scale;
		}
		if (b.overflow) {
			e = diag_set(diag, ERR_NOMEM, "ocr: out of memory");
			break;
		}
		blk = doc_add_block(d, &d->blocks, DOC_PARAGRAPH, buf_str(&b),
		    b.len);
		if (blk == NULL) {
			e = diag_set(diag, ERR_NOMEM,
			    "ocr: the document is too large for memory");
			break;
		}
		blk->page = page;
		blk->has_box = true;
		blk->box = box;
		blk->confidence = (float)(sum / (double)(j - i));
		i = j;
	}
	buf_fini(&b);
	return e;
}
#else
static enum err
words_to_blocks(const struct ocr_page_result *r, unsigned page, double scale,
    struct doc *d, const struct limits *lim, struct diag *diag)
{
	struct layout_page_in in;
	struct layout_word *lw = NULL;
	struct layout_rule *lr = NULL;
	enum err e;
	size_t i;

	memset(&in, 0, sizeof in);
	if (r->words.n > 0) {
		lw = calloc(r->words.n, sizeof *lw);
		if (lw == NULL)
			return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
	}
	if (r->nrules > 0) {
		lr = calloc(r->nrules, sizeof *lr);
		if (lr == NULL) {
			free(lw);
			return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
		}
	}
	for (i = 0; i < r->words.n; i++) {
		const struct ocr_word *w = &r->words.v[i];

		lw[i].text = w->text;
		lw[i].len = w->len;
		lw[i].box.x0 = w->x0 * scale;
		lw[i].box.y0 = w->y0 * scale;
		lw[i].box.x1 = (w->x1 + 1) * scale;
		lw[i].box.y1 = (w->y1 + 1) * scale;
		lw[i].confidence = w->confidence;
		lw[i].font_size = w->font_pt;
		lw[i].bold = w->bold;
	}
	for (i = 0; i < r->nrules; i++) {
		lr[i].x0 = r->rules[i].x0 * scale;
		lr[i].y0 = r->rules[i].y0 * scale;
		lr[i].x1 = r->rules[i].x1 * scale;
		lr[i].y1 = r->rules[i].y1 * scale;
	}
	in.page = page;
	in.width = r->width * scale;
	in.height = r->height * scale;
	in.words = lw;
	in.nwords = r->words.n;
	in.rules = lr;
	in.nrules = r->nrules;
	e = layout_page(d, &in, lim, diag);
	free(lw);
	free(lr);
	return e;
}
#endif

/*
 * Adds page `page`'s blocks to d->blocks and sets the page's method,
 * confidence and size.  The size becomes that of the upright image the
 * boxes refer to (a page stored sideways swaps its width and height).
 */
enum err
ocr_page_to_doc(const struct ocr_page_result *r, unsigned page,
    struct doc *d, const struct limits *lim, struct diag *diag)
{
	struct doc_page *p = doc_page_get(d, page);
	double scale;

	if (p == NULL)
		return diag_set(diag, ERR_INTERNAL, "ocr: no page %u", page);
	if (r->dpi == 0)
		return diag_set(diag, ERR_INTERNAL, "ocr: page %u has no dpi",
		    page);
	scale = 72.0 / r->dpi;
	p->method = DOC_METHOD_OCR;
	p->confidence = r->confidence;
	p->width = r->width * scale;
	p->height = r->height * scale;
#ifdef OCR_NO_LAYOUT
	(void)lim;
	return words_to_blocks(r, page, scale, d, diag);
#else
	return words_to_blocks(r, page, scale, d, lim, diag);
#endif
}
