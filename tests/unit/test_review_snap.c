/* SPDX-License-Identifier: MIT */
/* Page pictures and row boxes for the review page (daemon/review_snap.h),
 * and storing them (review/review_migrate.h). */
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "daemon/ipc.h"
#include "daemon/review_frame.h"
#include "daemon/review_snap.h"
#include "review/review_migrate.h"
#include "review/review_store.h"
#include "tests/check.h"

static cairo_status_t
on_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A two-page A4 PDF made with cairo, so the test needs no sample file. */
static void
make_pdf(struct buf *out)
{
	cairo_surface_t *s =
	    cairo_pdf_surface_create_for_stream(on_write, out, 595, 842);
	cairo_t *cr = cairo_create(s);

	/* Shapes only: text would bring in fontconfig, whose caches
	 * outlive the test and read as leaks under ASan. */
	cairo_rectangle(cr, 72, 90, 200, 12);
	cairo_fill(cr);
	cairo_show_page(cr);
	cairo_rectangle(cr, 56, 408, 484, 16);
	cairo_stroke(cr);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

static struct result *
result_with_flag(struct arena *a, const char *format, unsigned page)
{
	struct result *r = arena_alloc(a, sizeof(*r));
	struct result_flag *f = arena_alloc(a, sizeof(*f));
	struct result_evidence *e = arena_alloc(a, sizeof(*e));

	r->status = RESULT_OK;
	r->source.format = format;
	e->id = "files.resolved";
	e->source.page = page;
	e->source.table = 0;
	e->source.row = 1;
	f->rule = "pct_mismatch";
	ptrvec_push(&f->evidence, a, e);
	ptrvec_push(&r->flags, a, f);
	return r;
}

static void
test_snap_draws_flagged_pdf_page(void)
{
	struct arena *a = arena_new(64u << 20);
	struct limits lim;
	struct ptrvec out = { 0 };
	struct diag d;
	struct buf pdf;
	const struct review_snap *s;

	limits_default(&lim);
	diag_init(&d);
	buf_init(&pdf, 0);
	make_pdf(&pdf);
	CHECK(review_snap_pages((const uint8_t *)pdf.data, pdf.len,
		  result_with_flag(a, "pdf", 2), &lim, a, &out, &d) == ERR_OK);
	CHECK(out.n == 1);
	if (out.n == 1) {
		s = out.v[0];
		CHECK(s->page == 2);
		CHECK(s->width_pt == 595 && s->height_pt == 842);
		CHECK(s->len > 100 && memcmp(s->png, "\x89PNG", 4) == 0);
		/* 595 pt at 110 dpi is 909.03, so 910 pixels wide (PNG IHDR).
		 */
		CHECK(s->len > 24 &&
		    ((unsigned)s->png[16] << 24 | (unsigned)s->png[17] << 16 |
			(unsigned)s->png[18] << 8 | s->png[19]) == 910);
	}
	buf_fini(&pdf);
	arena_free(a);
}

static void
test_snap_skips_what_it_cannot_draw(void)
{
	struct arena *a = arena_new(64u << 20);
	struct limits lim;
	struct ptrvec out = { 0 };
	struct diag d;
	static const uint8_t junk[] = "%PDF-1.7 not really";
	struct buf pdf;

	limits_default(&lim);
	diag_init(&d);
	/* Broken PDF, a page past the end, a DOCX: no picture, no error. */
	CHECK(review_snap_pages(junk, sizeof(junk),
		  result_with_flag(a, "pdf", 1), &lim, a, &out, &d) == ERR_OK);
	buf_init(&pdf, 0);
	make_pdf(&pdf);
	CHECK(review_snap_pages((const uint8_t *)pdf.data, pdf.len,
		  result_with_flag(a, "pdf", 9), &lim, a, &out, &d) == ERR_OK);
	CHECK(review_snap_pages((const uint8_t *)pdf.data, pdf.len,
		  result_with_flag(a, "docx", 1), &lim, a, &out, &d) == ERR_OK);
	CHECK(out.n == 0);
	buf_fini(&pdf);
	arena_free(a);
}

static void
test_snap_row_boxes(void)
{
	struct arena *a = arena_new(16u << 20);
	struct result *r = result_with_flag(a, "pdf", 2);
	struct doc *doc = doc_new(a);
	struct doc_block *tb;
	struct ptrvec out = { 0 };
	struct diag d;
	unsigned row, col;

	diag_init(&d);
	doc_add_page(doc, DOC_METHOD_TEXT, 595, 842);
	doc_add_page(doc, DOC_METHOD_TEXT, 595, 842);
	tb = doc_add_table(doc, &doc->blocks, 0);
	tb->page = 2;
	for (row = 0; row < 2; row++) {
		struct doc_row *dr = doc_table_add_row(doc, tb->table);

		for (col = 0; col < 3; col++) {
			struct doc_cell *c = doc_row_add_cell(
			    doc, tb->table, dr, row, col, 1, 1);

			c->has_box = true;
			c->box.x0 = 56 + 160.0 * col;
			c->box.x1 = c->box.x0 + 160;
			c->box.y0 = 400 + 16.0 * row;
			c->box.y1 = c->box.y0 + 16;
			doc_cell_finish(doc, c);
		}
	}
	r->doc = doc;
	CHECK(review_snap_boxes(r, a, &out, &d) == ERR_OK);
	CHECK(out.n == 1);
	if (out.n == 1) {
		const struct review_box *b = out.v[0];

		CHECK(b->page == 2 && b->table == 0 && b->row == 1);
		CHECK(b->box.x0 == 56 && b->box.x1 == 536);
		CHECK(b->box.y0 == 416 && b->box.y1 == 432);
	}
	arena_free(a);
}

static void
test_pictures_roundtrip(void)
{
	char dir[] = "/tmp/reportd-snap-XXXXXX";
	gchar *path;
	sqlite3 *db;
	struct diag d;
	struct review_picture pic = { 3, 595, 842, "\x89PNG....", 8 };
	struct review_rowbox box = { 3, 0, 12, 56, 416, 540, 432 };
	struct review_store *s = NULL;
	struct arena *a = arena_new(1u << 20);
	struct ptrvec sizes = { 0 }, boxes = { 0 };
	struct review_image img;
	bool found = false;

	diag_init(&d);
	CHECK(mkdtemp(dir) != NULL);
	path = g_strdup_printf("%s/s.db", dir);
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db,
		  "CREATE TABLE documents (id TEXT PRIMARY "
		  "KEY); CREATE TABLE flags (document_id, seq);",
		  NULL, NULL, NULL) == SQLITE_OK);
	CHECK(review_migrate(db, &d) == ERR_OK);
	CHECK(review_migrate(db, &d) == ERR_OK);
	CHECK(review_pictures_save(db, "d7", &pic, 1, &box, 1, &d) == ERR_OK);
	/* Saving again replaces, never duplicates. */
	CHECK(review_pictures_save(db, "d7", &pic, 1, &box, 1, &d) == ERR_OK);
	sqlite3_close(db);

	CHECK(review_store_open(path, &s, &d) == ERR_OK);
	if (s != NULL) {
		CHECK(
		    review_store_page_sizes(s, "d7", a, &sizes, &d) == ERR_OK);
		CHECK(sizes.n == 1);
		CHECK(review_store_boxes(s, "d7", a, &boxes, &d) == ERR_OK);
		CHECK(boxes.n == 1 &&
		    ((struct review_rowbox *)boxes.v[0])->row == 12);
		CHECK(review_store_page_image(
			  s, "d7", 3, a, &img, &found, &d) == ERR_OK);
		CHECK(found && img.len == 8 && img.width_pt == 595);
		CHECK(review_store_page_image(
			  s, "d7", 4, a, &img, &found, &d) == ERR_OK);
		CHECK(!found);
	}
	review_store_free(s);
	arena_free(a);
	unlink(path);
	rmdir(dir);
	g_free(path);
}

static const char png_sig[] = "\x89PNG\r\n\x1a\n....";

static void
test_frame_roundtrip(void)
{
	struct review_rowbox in[2] = { { 3, 0, 12, 56, 416, 540, 432 },
		{ 3, 0, 13, 56.25, 432, 540, 448.5 } };
	struct review_rowbox out[REVIEW_FRAME_BOXES_MAX];
	struct review_picture pic;
	struct buf b;
	struct diag d;
	size_t n = 0;

	buf_init(&b, 0);
	diag_init(&d);
	CHECK(review_frame_encode(&b, 3, 595.28, 841.89, in, 2, png_sig, 12));
	CHECK(b.len == REVIEW_FRAME_HEADER + 2 * REVIEW_FRAME_BOX + 12);
	CHECK(review_frame_decode(
		  (const uint8_t *)b.data, b.len, &pic, out, &n, &d) == ERR_OK);
	CHECK(pic.page == 3 && pic.len == 12);
	CHECK(fabs(pic.width_pt - 595.28) < 0.01);
	CHECK(n == 2 && out[1].row == 13 && out[1].x0 == 56.25 &&
	    out[1].y1 == 448.5 && out[1].page == 3);
	buf_fini(&b);
}

static void
test_frame_refuses_garbage(void)
{
	struct review_rowbox outside = { 1, 0, 1, 56, 900, 540, 916 };
	struct review_rowbox out[REVIEW_FRAME_BOXES_MAX];
	struct review_picture pic;
	struct buf b;
	struct diag d;
	size_t n;

	/* Too short, page 0, a box below the page, not a PNG, a box count
	 * larger than the frame: all refused. */
	diag_init(&d);
	CHECK(review_frame_decode(
		  (const uint8_t *)"abc", 3, &pic, out, &n, &d) != ERR_OK);
	buf_init(&b, 0);
	review_frame_encode(&b, 0, 595, 842, NULL, 0, png_sig, 12);
	diag_init(&d);
	CHECK(review_frame_decode((const uint8_t *)b.data, b.len, &pic, out, &n,
		  &d) == ERR_MALFORMED);
	buf_reset(&b);
	review_frame_encode(&b, 1, 595, 842, &outside, 1, png_sig, 12);
	diag_init(&d);
	CHECK(review_frame_decode((const uint8_t *)b.data, b.len, &pic, out, &n,
		  &d) == ERR_MALFORMED);
	buf_reset(&b);
	review_frame_encode(&b, 1, 595, 842, NULL, 0, "GIF89a......", 12);
	diag_init(&d);
	CHECK(review_frame_decode((const uint8_t *)b.data, b.len, &pic, out, &n,
		  &d) == ERR_MALFORMED);
	buf_reset(&b);
	review_frame_encode(&b, 1, 595, 842, NULL, 0, png_sig, 12);
	b.data[12] = (char)0xff; /* nboxes = 255 in 12 bytes of frame */
	diag_init(&d);
	CHECK(review_frame_decode((const uint8_t *)b.data, b.len, &pic, out, &n,
		  &d) == ERR_MALFORMED);
	buf_fini(&b);
}

/* The reader takes PICTURE frames before the RESULT, at most
 * IPC_PICTURE_FRAMES_MAX of them. */
static void
test_ipc_picture_frames(void)
{
	struct ipc_reader r;
	uint8_t hdr[IPC_HEADER_LEN];
	unsigned i;

	ipc_reader_init(&r, 1 << 20);
	for (i = 0; i < IPC_PICTURE_FRAMES_MAX; i++) {
		ipc_header(hdr, IPC_PICTURE, 4);
		CHECK(ipc_reader_feed(&r, hdr, sizeof(hdr), NULL));
		CHECK(ipc_reader_feed(&r, (const uint8_t *)"abcd", 4, NULL));
	}
	CHECK(r.npictures == IPC_PICTURE_FRAMES_MAX);
	ipc_header(hdr, IPC_RESULT, 2);
	CHECK(ipc_reader_feed(&r, hdr, sizeof(hdr), NULL));
	CHECK(ipc_reader_feed(&r, (const uint8_t *)"{}", 2, NULL));
	CHECK(ipc_reader_finish(&r));
	ipc_reader_fini(&r);

	ipc_reader_init(&r, 1 << 20);
	for (i = 0; i <= IPC_PICTURE_FRAMES_MAX; i++) {
		ipc_header(hdr, IPC_PICTURE, 0);
		(void)ipc_reader_feed(&r, hdr, sizeof(hdr), NULL);
	}
	CHECK(r.broken);
	ipc_reader_fini(&r);
}

int
main(void)
{
	RUN(test_frame_roundtrip);
	RUN(test_frame_refuses_garbage);
	RUN(test_ipc_picture_frames);
	RUN(test_snap_draws_flagged_pdf_page);
	RUN(test_snap_skips_what_it_cannot_draw);
	RUN(test_snap_row_boxes);
	RUN(test_pictures_roundtrip);
	return check_done();
}
