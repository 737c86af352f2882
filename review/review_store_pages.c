/* SPDX-License-Identifier: MIT */
/*
 * The page pictures and row boxes the worker stored at extraction
 * (review/review_migrate.h), for the regions a flag's evidence came
 * from.
 */
#include "review/review_store_int.h"

#include <string.h>

#include "review/review_migrate.h"

static void *
row_image(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_image *img = review_row_new(a, sizeof(*img), oom);
	/* The blob before its size, as SQLite asks. */
	const void *blob = sqlite3_column_blob(st, 0);
	size_t len = (size_t)sqlite3_column_bytes(st, 0);
	void *png = review_row_new(a, len > 0 ? len : 1, oom);

	if (img == NULL || png == NULL)
		return NULL;
	if (len > 0)
		memcpy(png, blob, len);
	img->png = png;
	img->len = len;
	img->width_pt = sqlite3_column_double(st, 1);
	img->height_pt = sqlite3_column_double(st, 2);
	return img;
}

enum err
review_store_page_image(struct review_store *s, const char *doc_id,
    unsigned page, struct arena *a, struct review_image *img, bool *found,
    struct diag *diag)
{
	struct review_query q;
	void *row;
	enum err e;

	*found = false;
	memset(img, 0, sizeof(*img));
	if ((e = review_query_prepare(&q, s->db,
		 "SELECT png, width_pt, height_pt"
		 " FROM page_images WHERE document_id = ?1 AND page = ?2",
		 "reading a page image", diag)) != ERR_OK)
		return e;
	sqlite3_bind_text(q.st, 1, doc_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q.st, 2, page);
	if ((e = review_query_one(&q, row_image, a, &row, diag)) != ERR_OK)
		return e;
	if (row != NULL) {
		*img = *(struct review_image *)row;
		*found = true;
	}
	return ERR_OK;
}

static void *
row_page_size(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_page_size *p = review_row_new(a, sizeof(*p), oom);

	if (p == NULL)
		return NULL;
	p->page = (unsigned)sqlite3_column_int(st, 0);
	p->width_pt = sqlite3_column_double(st, 1);
	p->height_pt = sqlite3_column_double(st, 2);
	return p;
}

enum err
review_store_page_sizes(struct review_store *s, const char *doc_id,
    struct arena *a, struct ptrvec *out, struct diag *diag)
{
	const char *const args[] = { doc_id };

	return review_query_list(s->db,
	    "SELECT page, width_pt, height_pt"
	    " FROM page_images WHERE document_id = ?1 ORDER BY page",
	    "listing page images", args, 1, row_page_size, a, out, diag);
}

static void *
row_box(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_rowbox *b = review_row_new(a, sizeof(*b), oom);

	if (b == NULL)
		return NULL;
	b->page = (unsigned)sqlite3_column_int(st, 0);
	b->table = sqlite3_column_int(st, 1);
	b->row = sqlite3_column_int(st, 2);
	b->x0 = sqlite3_column_double(st, 3);
	b->y0 = sqlite3_column_double(st, 4);
	b->x1 = sqlite3_column_double(st, 5);
	b->y1 = sqlite3_column_double(st, 6);
	return b;
}

enum err
review_store_boxes(struct review_store *s, const char *doc_id, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	const char *const args[] = { doc_id };

	return review_query_list(s->db,
	    "SELECT page, tbl, row, x0, y0, x1, y1"
	    " FROM row_boxes WHERE document_id = ?1",
	    "reading row boxes", args, 1, row_box, a, out, diag);
}
