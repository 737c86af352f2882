/* SPDX-License-Identifier: MIT */
/*
 * One page: pre-processing, the choice of segmentation mode, recognition,
 * then words and rules in points handed to the layout module.
 */
#include "ocr/ocr_int.h"

#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"

void
ocr_page_result_fini(struct ocr_page_result *r)
{
	ocr_words_free(&r->words);
	free(r->rules);
	r->rules = NULL;
	r->nrules = 0;
}

/* Column edges of a ruled table, and its box, in prepared-image pixels. */
struct table_geom {
	struct ocr_rect box;
	int xs[OCR_TABLE_COLS_MAX + 1];
	size_t nxs;
};

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The ruled table of a page: at least three horizontal rules a quarter
 * of the page wide, and at least two vertical rules spanning half of
 * their height.  One table per page (an appendix page has one); the box
 * grows to the vertical rules, so a table cut by the page's edge keeps
 * its last rows.
 */
static bool
find_table(const struct ocr_page_result *r, unsigned dpi, struct table_geom *t)
{
	int x0 = INT32_MAX, y0 = INT32_MAX, x1 = -1, y1 = -1, h;
	size_t i, nh = 0, n = 0;
	int xs[OCR_TABLE_COLS_MAX * 4];

	for (i = 0; i < r->nrules; i++) {
		const struct ocr_rule *u = &r->rules[i];

		if (u->y0 != u->y1 || (unsigned)(u->x1 - u->x0) < r->width / 4)
			continue;
		nh++;
		x0 = u->x0 < x0 ? u->x0 : x0;
		x1 = u->x1 > x1 ? u->x1 : x1;
		y0 = u->y0 < y0 ? u->y0 : y0;
		y1 = u->y0 > y1 ? u->y0 : y1;
	}
	if (nh < 3 || y1 <= y0)
		return false;
	h = y1 - y0;
	for (i = 0; i < r->nrules; i++) {
		const struct ocr_rule *u = &r->rules[i];
		int top, bot;

		if (u->x0 != u->x1 || u->x0 < x0 - 5 || u->x0 > x1 + 5)
			continue;
		top = u->y0 > y0 ? u->y0 : y0;
		bot = u->y1 < y1 ? u->y1 : y1;
		if (bot - top < h / 2)
			continue;
		/* A rule that starts below the top rule splits a merged
		 * header ("Kết quả" over "Đơn vị" and "Số liệu"); cutting
		 * there would cut the header's words in two, so the two
		 * columns are read together. */
		if (u->y0 > y0 + (int)dpi / 10)
			continue;
		if (n < sizeof xs / sizeof xs[0])
			xs[n++] = u->x0;
		if (u->y1 > y1)
			y1 = u->y1;
		if (u->y0 < y0)
			y0 = u->y0;
	}
	if (n < 2)
		return false;
	qsort(xs, n, sizeof xs[0], cmp_int);
	t->nxs = 0;
	for (i = 0; i < n; i++) {
		/* One edge per rule, even when it was found in pieces. */
		if (t->nxs > 0 && xs[i] - t->xs[t->nxs - 1] < (int)dpi / 20)
			continue;
		if (t->nxs == OCR_TABLE_COLS_MAX + 1)
			return false;
		t->xs[t->nxs++] = xs[i];
	}
	if (t->nxs < 2)
		return false;
	/*
	 * Rules broken into pieces (a faint scan, a table cut by the page
	 * edge) were too short to count above; pieces on a column edge that
	 * continue the table up or down still belong to it.
	 */
	for (;;) {
		bool grown = false;

		for (i = 0; i < r->nrules; i++) {
			const struct ocr_rule *u = &r->rules[i];
			size_t k;

			if (u->x0 != u->x1)
				continue;
			for (k = 0; k < t->nxs; k++)
				if (abs(u->x0 - t->xs[k]) < (int)dpi / 20)
					break;
			if (k == t->nxs)
				continue;
			if (u->y1 > y1 && u->y0 <= y1 + (int)dpi / 10) {
				y1 = u->y1;
				grown = true;
			}
			if (u->y0 < y0 && u->y1 >= y0 - (int)dpi / 10) {
				y0 = u->y0;
				grown = true;
			}
		}
		if (!grown)
			break;
	}
	t->box.x = x0;
	t->box.y = y0;
	t->box.w = x1 - x0 + 1;
	t->box.h = y1 - y0 + 1;
	return true;
}

static enum err
read_rect(struct ocr_engine *eng, int x, int y, int w, int h, int psm,
    unsigned dpi, struct ocr_words *out, struct diag *diag)
{
	struct ocr_rect r = { x, y, w, h };

	/* Nothing legible fits in less than a tenth of an inch. */
	if (w < (int)dpi / 10 || h < (int)dpi / 10)
		return ERR_OK;
	return ocr_engine_read(eng, &r, psm, out, diag);
}

/*
 * Reads a page with a ruled table in parts: the text above and below it
 * with automatic segmentation, and the table one column at a time as a
 * block of text (mode 6; mode 4 drops lone short figures in a narrow
 * column, measured on the corpus scans).  Read whole, a table row is one text
 * line for the recogniser, and where cells wrap to different numbers of lines
 * it joins pieces of different lines into one and reads garbage; a column is a
 * plain column of text.  The layout module puts the cells back together from
 * the words' boxes and the rules.
 */
static enum err
read_table_page(struct ocr_engine *eng, const struct table_geom *t,
    struct ocr_page_result *res, struct diag *diag)
{
	int W = (int)res->width, H = (int)res->height, dpi = (int)res->dpi;
	int top = t->box.y, bot = t->box.y + t->box.h;
	size_t i;
	enum err e;

	e = read_rect(
	    eng, 0, 0, W, top, OCR_PSM_BLOCKS, res->dpi, &res->words, diag);
	/* Text left of the first column rule or right of the last. */
	if (e == ERR_OK && t->xs[0] - t->box.x > dpi / 4)
		e = read_rect(eng, t->box.x, top, t->xs[0] - t->box.x, t->box.h,
		    OCR_PSM_BLOCK, res->dpi, &res->words, diag);
	for (i = 0; e == ERR_OK && i + 1 < t->nxs; i++)
		e = read_rect(eng, t->xs[i], top, t->xs[i + 1] - t->xs[i],
		    t->box.h, OCR_PSM_BLOCK, res->dpi, &res->words, diag);
	if (e == ERR_OK && t->box.x + t->box.w - t->xs[t->nxs - 1] > dpi / 4)
		e = read_rect(eng, t->xs[t->nxs - 1], top,
		    t->box.x + t->box.w - t->xs[t->nxs - 1], t->box.h,
		    OCR_PSM_BLOCK, res->dpi, &res->words, diag);
	if (e == ERR_OK)
		e = read_rect(eng, 0, bot, W, H - bot, OCR_PSM_BLOCKS, res->dpi,
		    &res->words, diag);
	return e;
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
	struct table_geom t;
	PIX *pix;
	enum err e;
	size_t i;
	double sum = 0;

	memset(res, 0, sizeof *res);
	memset(&t, 0, sizeof t);
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
	ocr_engine_set_page(eng, pix, res->dpi);
	if (opts->psm != OCR_PSM_AUTO) {
		res->psm = opts->psm;
		e = ocr_engine_read(eng, NULL, opts->psm, &res->words, diag);
	} else if (find_table(res, res->dpi, &t)) {
		l_int32 thresh = 0, bg = 0;

		/*
		 * A region is thresholded on its own, and one with no text
		 * (the margin under a table) then makes faint background,
		 * show-through or texture into "words".  What is lighter than
		 * halfway from the page's ink/paper split to its paper is made
		 * paper first.  Not the split itself: the grey edges of thin
		 * strokes lie below it, and whitening them thinned letters
		 * until marks were lost (dev-06 appendix: 22 rows read, 13).
		 */
		if (pixGetDepth(pix) == 8 &&
		    pixSplitDistributionFgBg(
			pix, 0.1f, 2, &thresh, NULL, &bg, NULL) == 0 &&
		    thresh > 0 && bg > thresh)
			(void)pixThresholdToValue(
			    pix, pix, thresh + (bg - thresh) / 2, 255);
		res->psm = OCR_PSM_BLOCK;
		res->ncolumns = (unsigned)t.nxs - 1;
		e = read_table_page(eng, &t, res, diag);
	} else {
		res->psm = OCR_PSM_BLOCKS;
		e = ocr_engine_read(
		    eng, NULL, OCR_PSM_BLOCKS, &res->words, diag);
	}
	if (e == ERR_OK && prep->reread)
		ocr_engine_reread(eng, &res->words, 0);
	ocr_engine_clear(eng);
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

/*
 * Adds page `page`'s blocks to d->blocks and sets the page's method,
 * confidence and size.  The size becomes that of the upright image the
 * boxes refer to (a page stored sideways swaps its width and height).
 */
enum err
ocr_page_to_doc(const struct ocr_page_result *r, unsigned page, struct doc *d,
    const struct limits *lim, struct diag *diag)
{
	struct doc_page *p = doc_page_get(d, page);
	double scale;

	if (p == NULL)
		return diag_set(diag, ERR_INTERNAL, "ocr: no page %u", page);
	if (r->dpi == 0)
		return diag_set(
		    diag, ERR_INTERNAL, "ocr: page %u has no dpi", page);
	scale = 72.0 / r->dpi;
	p->method = DOC_METHOD_OCR;
	p->confidence = r->confidence;
	p->width = r->width * scale;
	p->height = r->height * scale;
	return words_to_blocks(r, page, scale, d, lim, diag);
}
