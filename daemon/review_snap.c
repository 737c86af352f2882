/* SPDX-License-Identifier: MIT */
/* Page pictures and row boxes for the review page (worker side). */
#include "daemon/review_snap.h"

#include <cairo.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "core/buf.h"
#include "daemon/ipc.h"
#include "daemon/review_frame.h"
#include "daemon/worker.h"

/* The distinct pages (ascending, at most REVIEW_SNAP_PAGES_MAX) that
 * the flags' evidence points at. */
static size_t
wanted_pages(const struct result *r, unsigned *pages)
{
	size_t n = 0, i, j, k;

	for (i = 0; i < r->flags.n; i++) {
		const struct result_flag *f = r->flags.v[i];

		for (j = 0; j < f->evidence.n; j++) {
			const struct result_evidence *e = f->evidence.v[j];
			unsigned p = e->source.page;
			bool seen = false;

			if (p == 0)
				continue;
			for (k = 0; k < n && !seen; k++)
				seen = pages[k] == p;
			if (seen || n == REVIEW_SNAP_PAGES_MAX)
				continue;
			/* Insertion keeps them ascending. */
			for (k = n; k > 0 && pages[k - 1] > p; k--)
				pages[k] = pages[k - 1];
			pages[k] = p;
			n++;
		}
	}
	return n;
}

static cairo_status_t
png_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;

	return buf_append(b, (const char *)data, len)
	    ? CAIRO_STATUS_SUCCESS
	    : CAIRO_STATUS_WRITE_ERROR;
}

static enum err
keep(struct arena *a, struct ptrvec *out, unsigned page, double w, double h,
    const void *png, size_t len, struct diag *diag)
{
	struct review_snap *s = arena_alloc(a, sizeof(*s));
	uint8_t *copy = arena_alloc(a, len);

	if (s == NULL || copy == NULL || ptrvec_push(out, a, s) != 0)
		return diag_set(diag, ERR_NOMEM, "page pictures: arena full");
	memcpy(copy, png, len);
	s->page = page;
	s->width_pt = w;
	s->height_pt = h;
	s->png = copy;
	s->len = len;
	return ERR_OK;
}

static enum err
snap_pdf(const uint8_t *data, size_t len, const unsigned *pages, size_t n,
    const struct limits *lim, struct arena *a, struct ptrvec *out,
    struct diag *diag)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *doc =
	    poppler_document_new_from_bytes(bytes, NULL, NULL);
	enum err e = ERR_OK;
	size_t i;

	if (doc == NULL) {
		g_bytes_unref(bytes);
		return ERR_OK;
	}
	for (i = 0; i < n && e == ERR_OK; i++) {
		PopplerPage *pg;
		cairo_surface_t *surf;
		cairo_t *cr;
		double w, h, scale = REVIEW_SNAP_DPI / 72.0;
		int pw, ph;
		struct buf png;

		if ((int)pages[i] > poppler_document_get_n_pages(doc))
			continue;
		pg = poppler_document_get_page(doc, (int)pages[i] - 1);
		if (pg == NULL)
			continue;
		poppler_page_get_size(pg, &w, &h);
		if (!(w > 0 && h > 0 && w <= lim->page_side_max_pt &&
			h <= lim->page_side_max_pt)) {
			g_object_unref(pg);
			continue;
		}
		/* A huge page is drawn smaller rather than not at all. */
		if (w * scale > 2000 || h * scale > 2800)
			scale = fmin(2000 / w, 2800 / h);
		pw = (int)ceil(w * scale);
		ph = (int)ceil(h * scale);
		surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
		cr = cairo_create(surf);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, scale, scale);
		poppler_page_render(pg, cr);
		cairo_destroy(cr);
		cairo_surface_flush(surf);
		buf_init(&png, REVIEW_SNAP_PNG_MAX);
		if (cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS &&
		    cairo_surface_write_to_png_stream(surf, png_write, &png) ==
			CAIRO_STATUS_SUCCESS &&
		    !png.overflow)
			e = keep(
			    a, out, pages[i], w, h, png.data, png.len, diag);
		buf_fini(&png);
		cairo_surface_destroy(surf);
		g_object_unref(pg);
	}
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return e;
}

static enum err
snap_image(const uint8_t *data, size_t len, const struct result *r,
    const unsigned *pages, size_t n, const struct limits *lim, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	enum err e = ERR_OK;
	size_t i;

	for (i = 0; i < n && e == ERR_OK; i++) {
		const struct doc_page *dp =
		    r->doc != NULL ? doc_page_get(r->doc, pages[i]) : NULL;
		l_int32 w = 0, h = 0, bps = 0, spp = 0, fmt = 0;
		PIX *pix = NULL, *small = NULL;
		l_uint8 *png = NULL;
		size_t plen = 0;
		float scale;

		if (dp == NULL || dp->width <= 0 || dp->height <= 0)
			continue;
		/* Dimensions first: never decode past the pixel cap. */
		if (pixReadHeaderMem(
			data, len, &fmt, &w, &h, &bps, &spp, NULL) != 0 ||
		    w <= 0 || h <= 0 || (unsigned)w > lim->image_side_max_px ||
		    (unsigned)h > lim->image_side_max_px ||
		    (uint64_t)w * (uint64_t)h > lim->image_pixels_max)
			continue;
		pix = fmt == IFF_TIFF || fmt == IFF_TIFF_G4 ||
			fmt == IFF_TIFF_G3 || fmt == IFF_TIFF_PACKBITS ||
			fmt == IFF_TIFF_LZW || fmt == IFF_TIFF_ZIP ||
			fmt == IFF_TIFF_JPEG
		    ? pixReadMemTiff(data, len, (l_int32)pages[i] - 1)
		    : pages[i] == 1 ? pixReadMem(data, len)
				    : NULL;
		if (pix == NULL)
			continue;
		scale = (float)(dp->width * REVIEW_SNAP_DPI / 72.0) /
		    (float)pixGetWidth(pix);
		small =
		    scale < 1.0f ? pixScale(pix, scale, scale) : pixClone(pix);
		if (small != NULL &&
		    pixWriteMemPng(&png, &plen, small, 0.0f) == 0 &&
		    plen <= REVIEW_SNAP_PNG_MAX)
			e = keep(a, out, pages[i], dp->width, dp->height, png,
			    plen, diag);
		lept_free(png);
		pixDestroy(&small);
		pixDestroy(&pix);
	}
	return e;
}

enum err
review_snap_pages(const uint8_t *data, size_t len, const struct result *r,
    const struct limits *lim, struct arena *a, struct ptrvec *out,
    struct diag *diag)
{
	unsigned pages[REVIEW_SNAP_PAGES_MAX];
	size_t n;
	const char *fmt = r->source.format;

	if (fmt == NULL || r->status != RESULT_OK)
		return ERR_OK;
	n = wanted_pages(r, pages);
	if (n == 0)
		return ERR_OK;
	if (strncmp(fmt, "pdf", 3) == 0)
		return snap_pdf(data, len, pages, n, lim, a, out, diag);
	if (strcmp(fmt, "image") == 0)
		return snap_image(data, len, r, pages, n, lim, a, out, diag);
	return ERR_OK;
}

/* The index-th top-level table of the document, or NULL. */
static const struct doc_table *
top_table(const struct doc *d, int index)
{
	size_t i;
	int k = 0;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind != DOC_TABLE || b->table == NULL ||
		    b->table->depth != 0)
			continue;
		if (k++ == index)
			return b->table;
	}
	return NULL;
}

/* Union of the boxes of the cells that start in row `row`. */
static bool
row_box(const struct doc_table *t, int row, struct doc_box *out)
{
	const struct doc_row *r;
	bool any = false;
	size_t i;

	if (row < 0 || (size_t)row >= t->rows.n)
		return false;
	r = t->rows.v[row];
	for (i = 0; i < r->cells.n; i++) {
		const struct doc_cell *c = r->cells.v[i];

		if (!c->has_box)
			continue;
		if (!any)
			*out = c->box;
		else {
			out->x0 = fmin(out->x0, c->box.x0);
			out->y0 = fmin(out->y0, c->box.y0);
			out->x1 = fmax(out->x1, c->box.x1);
			out->y1 = fmax(out->y1, c->box.y1);
		}
		any = true;
	}
	return any;
}

static enum err
add_box(const struct result *r, const struct result_ref *ref, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	const struct doc_table *t;
	struct review_box *b;
	struct doc_box box;
	size_t i;

	if (ref->page == 0 || ref->table < 0 || ref->row < 0)
		return ERR_OK;
	for (i = 0; i < out->n; i++) {
		const struct review_box *o = out->v[i];

		if (o->table == ref->table && o->row == ref->row)
			return ERR_OK;
	}
	t = top_table(r->doc, ref->table);
	if (t == NULL || !row_box(t, ref->row, &box))
		return ERR_OK;
	b = arena_alloc(a, sizeof(*b));
	if (b == NULL || ptrvec_push(out, a, b) != 0)
		return diag_set(diag, ERR_NOMEM, "row boxes: arena full");
	b->page = ref->page;
	b->table = ref->table;
	b->row = ref->row;
	b->box = box;
	return ERR_OK;
}

enum err
review_snap_boxes(const struct result *r, struct arena *a, struct ptrvec *out,
    struct diag *diag)
{
	enum err e = ERR_OK;
	size_t i, j;

	if (r->doc == NULL)
		return ERR_OK;
	for (i = 0; i < r->flags.n && e == ERR_OK; i++) {
		const struct result_flag *f = r->flags.v[i];

		for (j = 0; j < f->evidence.n && e == ERR_OK; j++) {
			const struct result_evidence *ev = f->evidence.v[j];

			e = add_box(r, &ev->source, a, out, diag);
		}
	}
	for (i = 0; i < r->indicators.n && e == ERR_OK; i++) {
		const struct result_indicator *ind = r->indicators.v[i];

		e = add_box(r, &ind->source, a, out, diag);
	}
	return e;
}

void
review_snap_send(int fd, const uint8_t *data, size_t len,
    const struct result *r, const struct limits *lim, struct arena *a)
{
	struct ptrvec snaps = { 0 }, boxes = { 0 };
	struct review_rowbox *rb;
	struct diag diag;
	size_t i, j, n;

	diag_init(&diag);
	if (r->flags.n == 0 ||
	    review_snap_pages(data, len, r, lim, a, &snaps, &diag) != ERR_OK ||
	    snaps.n == 0 || review_snap_boxes(r, a, &boxes, &diag) != ERR_OK)
		return;
	rb = arena_calloc(a, boxes.n > 0 ? boxes.n : 1, sizeof(*rb));
	if (rb == NULL)
		return;
	for (i = 0; i < snaps.n && i < IPC_PICTURE_FRAMES_MAX; i++) {
		const struct review_snap *s = snaps.v[i];
		struct buf out;

		for (j = n = 0; j < boxes.n; j++) {
			const struct review_box *b = boxes.v[j];

			if (b->page != s->page)
				continue;
			rb[n].page = b->page;
			rb[n].table = b->table;
			rb[n].row = b->row;
			rb[n].x0 = b->box.x0;
			rb[n].y0 = b->box.y0;
			rb[n].x1 = b->box.x1;
			rb[n].y1 = b->box.y1;
			n++;
		}
		buf_init(&out,
		    REVIEW_SNAP_PNG_MAX + REVIEW_FRAME_HEADER +
			(size_t)REVIEW_FRAME_BOXES_MAX * REVIEW_FRAME_BOX);
		if (review_frame_encode(&out, s->page, s->width_pt,
			s->height_pt, rb, n, s->png, s->len))
			(void)worker_send(fd, IPC_PICTURE, out.data, out.len);
		buf_fini(&out);
	}
}
