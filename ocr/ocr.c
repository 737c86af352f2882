/* SPDX-License-Identifier: MIT */
/*
 * Pages recognised in parallel (one Tesseract per worker thread, one
 * page image per worker at a time), merged in page order; image files
 * to a document.
 */
#include "ocr/ocr.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "ocr/ocr_int.h"

/*
 * Defaults: the Vietnamese model from Tesseract's own folder, PDF pages
 * rendered at 300 dpi (Tesseract's sweet spot; finer costs time and
 * gains nothing), two workers (the production machine has two cores),
 * automatic segmentation mode, 60 s per page (hardening R2.10).
 */
void
ocr_opts_default(struct ocr_opts *o)
{
	memset(o, 0, sizeof *o);
	o->langs = "vie";
	o->tessdata = NULL;
	o->dpi = 300;
	o->workers = 2;
	o->psm = OCR_PSM_AUTO;
	o->page_timeout_ms = 60000;
	o->on_page = NULL;
	o->on_page_ctx = NULL;
}

/* Where workers get decoded pages: a caller's renderer or an image. */
struct page_feed {
	void *ctx;
	enum err (*get)(void *ctx, unsigned n, const struct limits *, PIX **pix,
	    unsigned *dpi, struct diag *);
};

struct run {
	const struct ocr_opts *opts;
	const struct page_feed *feed;
	const struct limits *lim;
	const unsigned *pages;
	size_t npages;
	struct ocr_page_result *res;
	enum err *errs;
	struct diag *diags;
	enum err init_err; /* a worker could not load the model */
	struct diag init_diag;
	pthread_mutex_t mu;
	size_t next;
	unsigned done;
	bool stop;
};

static void
run_fail(struct run *r, size_t i, enum err e, const struct diag *dg)
{
	(void)pthread_mutex_lock(&r->mu);
	r->errs[i] = e;
	r->diags[i] = *dg;
	r->stop = true;
	(void)pthread_mutex_unlock(&r->mu);
}

static void *
worker_main(void *arg)
{
	struct run *r = arg;
	struct ocr_engine *eng = NULL;
	struct diag dg;
	enum err e;

	diag_init(&dg);
	e = ocr_engine_new(r->opts, &eng, &dg);
	if (e != ERR_OK) {
		(void)pthread_mutex_lock(&r->mu);
		if (r->init_err == ERR_OK) {
			r->init_err = e;
			r->init_diag = dg;
		}
		r->stop = true;
		(void)pthread_mutex_unlock(&r->mu);
		return NULL;
	}
	for (;;) {
		PIX *pix = NULL;
		unsigned dpi = 0;
		size_t i;

		(void)pthread_mutex_lock(&r->mu);
		if (r->stop || r->next == r->npages) {
			(void)pthread_mutex_unlock(&r->mu);
			break;
		}
		i = r->next++;
		(void)pthread_mutex_unlock(&r->mu);

		diag_init(&dg);
		e = r->feed->get(
		    r->feed->ctx, r->pages[i], r->lim, &pix, &dpi, &dg);
		if (e == ERR_OK) {
			e = ocr_page_run(
			    eng, r->opts, pix, dpi, &r->res[i], &dg);
			pixDestroy(&pix);
		}
		if (e != ERR_OK) {
			run_fail(r, i, e, &dg);
			break;
		}
		(void)pthread_mutex_lock(&r->mu);
		r->done++;
		if (r->opts->on_page != NULL)
			r->opts->on_page(
			    r->opts->on_page_ctx, r->done, (unsigned)r->npages);
		(void)pthread_mutex_unlock(&r->mu);
	}
	ocr_engine_free(eng);
	return NULL;
}

/* Stable sort of the top-level blocks by page (counting sort). */
static enum err
sort_blocks_by_page(struct doc *d, struct diag *diag)
{
	size_t np = d->pages.n + 2, i, *start;
	void **tmp;

	if (d->blocks.n < 2)
		return ERR_OK;
	start = calloc(np + 1, sizeof *start);
	tmp = calloc(d->blocks.n, sizeof *tmp);
	if (start == NULL || tmp == NULL) {
		free(start);
		free(tmp);
		return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
	}
	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];
		size_t pg = b->page < np - 1 ? b->page : np - 1;

		start[pg + 1]++;
	}
	for (i = 1; i <= np; i++)
		start[i] += start[i - 1];
	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];
		size_t pg = b->page < np - 1 ? b->page : np - 1;

		tmp[start[pg]++] = d->blocks.v[i];
	}
	memcpy(d->blocks.v, tmp, d->blocks.n * sizeof *tmp);
	free(start);
	free(tmp);
	return ERR_OK;
}

static enum err
run_pages(const struct ocr_opts *opts, const struct page_feed *feed,
    const unsigned *pages, size_t npages, struct doc *d,
    const struct limits *lim, struct diag *diag)
{
	struct run r;
	pthread_t th[64];
	unsigned nworkers, nstarted = 0, k;
	enum err e = ERR_OK;
	size_t i;

	if (npages == 0)
		return ERR_OK;
	for (i = 0; i < npages; i++)
		if (doc_page_get(d, pages[i]) == NULL)
			return diag_set(diag, ERR_INTERNAL,
			    "ocr: page %u is not in the document", pages[i]);
	ocr_global_init();
	memset(&r, 0, sizeof r);
	r.opts = opts;
	r.feed = feed;
	r.lim = lim;
	r.pages = pages;
	r.npages = npages;
	r.res = calloc(npages, sizeof *r.res);
	r.errs = calloc(npages, sizeof *r.errs);
	r.diags = calloc(npages, sizeof *r.diags);
	if (r.res == NULL || r.errs == NULL || r.diags == NULL) {
		e = diag_set(diag, ERR_NOMEM, "ocr: out of memory");
		goto out;
	}
	if (pthread_mutex_init(&r.mu, NULL) != 0) {
		e = diag_set(diag, ERR_NOMEM, "ocr: cannot create a lock");
		goto out;
	}
	nworkers = opts->workers > 0 ? opts->workers : 1;
	if (nworkers > npages)
		nworkers = (unsigned)npages;
	if (nworkers > sizeof th / sizeof th[0])
		nworkers = sizeof th / sizeof th[0];
	/* The calling thread is worker 0. */
	for (k = 1; k < nworkers; k++) {
		if (pthread_create(&th[k], NULL, worker_main, &r) != 0)
			break;
		nstarted++;
	}
	(void)worker_main(&r);
	for (k = 1; k <= nstarted; k++)
		(void)pthread_join(th[k], NULL);
	(void)pthread_mutex_destroy(&r.mu);
	if (r.init_err != ERR_OK) {
		e = diag_set(diag, r.init_err, "%s", r.init_diag.msg);
		goto out;
	}
	/* The failure of the earliest page is the one reported, naming the
	 * page when the document has more than one. */
	for (i = 0; i < npages; i++)
		if (r.errs[i] != ERR_OK) {
			const char *why = r.diags[i].msg[0] != '\0'
			    ? r.diags[i].msg
			    : err_name(r.errs[i]);

			if (d->pages.n > 1)
				e = diag_set(diag, r.errs[i], "page %u: %s",
				    pages[i], why);
			else
				e = diag_set(diag, r.errs[i], "%s", why);
			goto out;
		}
	for (i = 0; i < npages; i++) {
		e = ocr_page_to_doc(&r.res[i], pages[i], d, lim, diag);
		if (e != ERR_OK)
			goto out;
	}
	e = sort_blocks_by_page(d, diag);
out:
	if (r.res != NULL)
		for (i = 0; i < npages; i++)
			ocr_page_result_fini(&r.res[i]);
	free(r.res);
	free(r.errs);
	free(r.diags);
	return e;
}

/* ---- pages from a caller's renderer ---- */

static enum err
source_get(void *ctx, unsigned n, const struct limits *lim, PIX **out,
    unsigned *dpi, struct diag *diag)
{
	const struct ocr_source *src = ctx;
	struct ocr_image img;
	PIX *pix;
	l_uint32 *data;
	l_int32 wpl;
	unsigned x, y;
	enum err e;

	memset(&img, 0, sizeof img);
	e = src->render(src->ctx, n, &img, diag);
	if (e != ERR_OK)
		return e;
	if (img.gray == NULL || img.width == 0 || img.height == 0 ||
	    img.stride < img.width) {
		e = diag_set(diag, ERR_INTERNAL,
		    "ocr: the page image is empty or malformed");
		goto out;
	}
	if (img.width > lim->image_side_max_px ||
	    img.height > lim->image_side_max_px ||
	    (uint64_t)img.width * img.height > lim->image_pixels_max) {
		e = diag_set(diag, ERR_LIMIT,
		    "the page image is %u x %u pixels, over the limit",
		    img.width, img.height);
		goto out;
	}
	pix = pixCreate((l_int32)img.width, (l_int32)img.height, 8);
	if (pix == NULL) {
		e = diag_set(diag, ERR_NOMEM, "ocr: out of memory");
		goto out;
	}
	data = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (y = 0; y < img.height; y++) {
		const uint8_t *s = img.gray + (size_t)y * img.stride;
		l_uint32 *line = data + (size_t)y * (size_t)wpl;

		for (x = 0; x < img.width; x++)
			SET_DATA_BYTE(line, x, s[x]);
	}
	pixSetResolution(pix, (l_int32)img.dpi, (l_int32)img.dpi);
	*out = pix;
	*dpi = img.dpi > 0 ? img.dpi : ocr_image_dpi(0, img.width, img.height);
out:
	if (src->release != NULL)
		src->release(src->ctx, &img);
	return e;
}

/*
 * Recognises the listed pages; see ocr.h.  On failure the blocks of no
 * page are added and `diag` names the earliest page that failed.
 */
enum err
ocr_pages(const struct ocr_opts *opts, const struct ocr_source *src,
    const unsigned *pages, size_t npages, struct doc *d,
    const struct limits *lim, struct diag *diag)
{
	struct page_feed feed = { (void *)(uintptr_t)src, source_get };

	return run_pages(opts, &feed, pages, npages, d, lim, diag);
}

/* ---- pages of an image file ---- */

struct image_ctx {
	const uint8_t *data;
	size_t len;
	struct ocr_image_info info;
};

static enum err
image_get(void *ctx, unsigned n, const struct limits *lim, PIX **out,
    unsigned *dpi, struct diag *diag)
{
	struct image_ctx *ic = ctx;
	unsigned stated = 0;
	enum err e;

	(void)lim; /* checked by the probe, before any page was decoded */
	e = ocr_image_decode(
	    ic->data, ic->len, &ic->info, n - 1, out, &stated, diag);
	if (e != ERR_OK)
		return e;
	*dpi = ocr_image_dpi(
	    stated, (unsigned)pixGetWidth(*out), (unsigned)pixGetHeight(*out));
	return ERR_OK;
}

/*
 * A scanned image file to a model; see ocr.h.  Pages are added first
 * (their size is set from the prepared image), then recognised in
 * parallel.
 */
enum err
ocr_image_parse(const uint8_t *data, size_t len, const struct ocr_opts *opts,
    const struct limits *lim, struct arena *arena, struct doc **out,
    struct diag *diag)
{
	struct image_ctx ic;
	struct page_feed feed = { &ic, image_get };
	unsigned pages[OCR_IMAGE_PAGES_MAX];
	struct doc *d;
	enum err e;
	unsigned i;

	*out = NULL;
	ocr_global_init();
	ic.data = data;
	ic.len = len;
	e = ocr_image_probe(data, len, lim, &ic.info, diag);
	if (e != ERR_OK)
		return e;
	if (ic.info.npages > OCR_IMAGE_PAGES_MAX)
		return diag_set(diag, ERR_INTERNAL, "ocr: page count");
	d = doc_new(arena);
	if (d == NULL)
		return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
	for (i = 0; i < ic.info.npages; i++) {
		if (doc_add_page(d, DOC_METHOD_OCR, 0, 0) == NULL)
			return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
		pages[i] = i + 1;
	}
	e = run_pages(opts, &feed, pages, ic.info.npages, d, lim, diag);
	/* A table or sentence running over the pages of a TIFF is one. */
	if (e == ERR_OK)
		e = layout_join_tables(d, diag);
	if (e == ERR_OK)
		e = layout_join_paragraphs(d, diag);
	if (e != ERR_OK)
		return e;
	*out = d;
	return ERR_OK;
}
