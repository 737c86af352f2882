/* SPDX-License-Identifier: MIT */
/* The review page's tables, and saving page pictures and row boxes. */
#include "review/review_migrate.h"

enum err
review_migrate(sqlite3 *db, struct diag *diag)
{
	static const char sql[] = "CREATE TABLE IF NOT EXISTS page_images ("
				  " document_id TEXT NOT NULL,"
				  " page INTEGER NOT NULL,"
				  " width_pt REAL NOT NULL,"
				  " height_pt REAL NOT NULL,"
				  " png BLOB NOT NULL,"
				  " PRIMARY KEY (document_id, page));"
				  "CREATE TABLE IF NOT EXISTS row_boxes ("
				  " document_id TEXT NOT NULL,"
				  " page INTEGER NOT NULL,"
				  " tbl INTEGER NOT NULL,"
				  " row INTEGER NOT NULL,"
				  " x0 REAL NOT NULL, y0 REAL NOT NULL,"
				  " x1 REAL NOT NULL, y1 REAL NOT NULL,"
				  " PRIMARY KEY (document_id, tbl, row));";

	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return diag_set(diag, ERR_IO,
		    "store: creating review tables: "
		    "%s",
		    sqlite3_errmsg(db));
	return ERR_OK;
}

static enum err
fail(sqlite3 *db, sqlite3_stmt *st, struct diag *diag)
{
	enum err e = diag_set(diag, ERR_IO, "store: saving page pictures: %s",
	    sqlite3_errmsg(db));

	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return e;
}

/* Binds ?2 onwards from row `i` of an array. */
typedef void (*bind_fn)(sqlite3_stmt *, const void *rows, size_t i);

static void
bind_picture(sqlite3_stmt *st, const void *rows, size_t i)
{
	const struct review_picture *p =
	    (const struct review_picture *)rows + i;

	sqlite3_bind_int64(st, 2, p->page);
	sqlite3_bind_double(st, 3, p->width_pt);
	sqlite3_bind_double(st, 4, p->height_pt);
	/* STATIC: the caller's buffer outlives the step. */
	sqlite3_bind_blob64(st, 5, p->png, p->len, SQLITE_STATIC);
}

static void
bind_rowbox(sqlite3_stmt *st, const void *rows, size_t i)
{
	const struct review_rowbox *b = (const struct review_rowbox *)rows + i;

	sqlite3_bind_int64(st, 2, b->page);
	sqlite3_bind_int(st, 3, b->table);
	sqlite3_bind_int(st, 4, b->row);
	sqlite3_bind_double(st, 5, b->x0);
	sqlite3_bind_double(st, 6, b->y0);
	sqlite3_bind_double(st, 7, b->x1);
	sqlite3_bind_double(st, 8, b->y1);
}

/* Runs `sql` `n` times with ?1 the document id and the rest bound by
 * `bind` (NULL: ?1 only); on failure rolls back. */
static enum err
run_for_doc(sqlite3 *db, const char *sql, const char *doc_id, size_t n,
    bind_fn bind, const void *rows, struct diag *diag)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(db, st, diag);
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
		if (bind != NULL)
			bind(st, rows, i);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(db, st, diag);
	}
	sqlite3_finalize(st);
	return ERR_OK;
}

enum err
review_pictures_save(sqlite3 *db, const char *doc_id,
    const struct review_picture *pics, size_t npics,
    const struct review_rowbox *boxes, size_t nboxes, struct diag *diag)
{
	enum err e;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, NULL, diag);
	if ((e = run_for_doc(db,
		 "DELETE FROM page_images WHERE document_id = ?1;", doc_id, 1,
		 NULL, NULL, diag)) != ERR_OK ||
	    (e = run_for_doc(db,
		 "DELETE FROM row_boxes WHERE document_id = ?1;", doc_id, 1,
		 NULL, NULL, diag)) != ERR_OK ||
	    (e = run_for_doc(db,
		 "INSERT OR REPLACE INTO page_images VALUES"
		 " (?1, ?2, ?3, ?4, ?5)",
		 doc_id, npics, bind_picture, pics, diag)) != ERR_OK ||
	    (e = run_for_doc(db,
		 "INSERT OR REPLACE INTO row_boxes VALUES"
		 " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		 doc_id, nboxes, bind_rowbox, boxes, diag)) != ERR_OK)
		return e;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, NULL, diag);
	return ERR_OK;
}
