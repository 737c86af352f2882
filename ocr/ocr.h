/* SPDX-License-Identifier: MIT */
/*
 * OCR: Tesseract (C API) and Leptonica behind a few calls.  Page images
 * in, positioned words out, turned into blocks and tables by the shared
 * layout module (layout/layout.h), so a scan yields the same model as
 * the text layer of the same page.
 */
#ifndef OCR_OCR_H
#define OCR_OCR_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/limits.h"

/* Pages a multi-page TIFF may have (hardening proposal R2.9). */
#define OCR_IMAGE_PAGES_MAX 50

/* Page segmentation modes (Tesseract's numbers), and our automatic one. */
/* OCR_PSM_AUTO: 3 on the page, but a ruled table is read one column at
 * a time with 6 */
#define OCR_PSM_AUTO   (-1)
#define OCR_PSM_BLOCKS 3 /* fully automatic, what `tesseract` uses */
#define OCR_PSM_COLUMN 4 /* one column of lines of varying sizes */
#define OCR_PSM_BLOCK  6 /* one uniform block of text */

/*
 * Set these through ocr_opts_default() and then change fields, so new
 * fields get their defaults.
 */
struct ocr_opts {
	const char *langs;    /* Tesseract languages, "vie" by default */
	const char *tessdata; /* model folder, NULL for Tesseract's default */
	unsigned dpi;         /* render resolution for PDF pages, 300 */
	unsigned workers;     /* pages recognised in parallel, >= 1; 2 */
	int psm;              /* OCR_PSM_AUTO (default) or a Tesseract mode */
	/* Recognition of one page past this many ms stops with ERR_LIMIT;
	 * 0 for no deadline.  Default 60000. */
	unsigned page_timeout_ms;
	/*
	 * Progress for long documents: called after each page, from the
	 * worker thread that finished it, one call at a time, with the pages
	 * done so far and the total.  NULL (the default) for none.
	 */
	void (*on_page)(void *ctx, unsigned done, unsigned total);
	void *on_page_ctx;
};

void ocr_opts_default(struct ocr_opts *);

/* An 8-bit grey page image; rows are `stride` bytes apart. */
struct ocr_image {
	const uint8_t *gray;
	unsigned width, height;
	size_t stride;
	unsigned dpi;
};

/*
 * Where ocr_pages() gets page images: `render` fills *img for page `n`
 * (1-based) and `release` frees it; `release` is called once after each
 * successful `render`, when the pixels have been copied, so a page image
 * lives only while its worker converts it.  Called from worker threads,
 * so both must be safe to call concurrently (a mutex inside is fine).
 * img->dpi 0 means unknown (the long side is then taken as A4's).
 */
struct ocr_source {
	void *ctx;
	enum err (*render)(
	    void *ctx, unsigned n, struct ocr_image *img, struct diag *diag);
	void (*release)(void *ctx, struct ocr_image *img);
};

/*
 * Recognises the listed pages (1-based numbers of pages already added
 * to `d`) with up to opts->workers threads, appends their blocks to
 * d->blocks, sets each page's method to OCR, its confidence (mean word
 * confidence, 0..1) and its size (that of the upright page the boxes
 * refer to: a page stored sideways swaps width and height), and leaves
 * d->blocks ordered by page (stable: blocks of other pages keep their
 * order).  Memory stays bounded: one page image per worker at a time.
 * Each worker loads its own Tesseract (about 0.15 s of CPU).
 *
 * Tables and sentences running over page breaks are not joined here:
 * call layout_join_tables() and layout_join_paragraphs() once the
 * document has all its pages.  On failure no page's blocks are added
 * and `diag` names the earliest page that failed (ERR_LIMIT for a page
 * past opts->page_timeout_ms or an image over the pixel limits).
 */
enum err ocr_pages(const struct ocr_opts *, const struct ocr_source *,
    const unsigned *pages, size_t npages, struct doc *d, const struct limits *,
    struct diag *);

/*
 * A scanned image file (PNG, JPEG, TIFF with up to OCR_IMAGE_PAGES_MAX
 * pages) to a model, pages recognised as ocr_pages() does and joined.
 * Pixel dimensions of every page are checked against `lim` before
 * anything is decoded.  On ERR_OK *out lives in `arena`.
 */
enum err ocr_image_parse(const uint8_t *data, size_t len,
    const struct ocr_opts *, const struct limits *, struct arena *,
    struct doc **out, struct diag *);

#endif
