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

enum err
review_pictures_save(sqlite3 *db, const char *doc_id,
    const struct review_picture *pics, size_t npics,
    const struct review_rowbox *boxes, size_t nboxes, struct diag *diag)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, NULL, diag);
	if (sqlite3_prepare_v2(db,
		"DELETE FROM page_images WHERE document_id = ?1;", -1, &st,
		NULL) != SQLITE_OK)
		return fail(db, st, diag);
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(db, st, diag);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db,
		"DELETE FROM row_boxes WHERE document_id = ?1;", -1, &st,
		NULL) != SQLITE_OK)
		return fail(db, st, diag);
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(db, st, diag);
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db,
		"INSERT OR REPLACE INTO page_images VALUES"
		" (?1, ?2, ?3, ?4, ?5)",
		-1, &st, NULL) != SQLITE_OK)
		return fail(db, st, diag);
	for (i = 0; i < npics; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, pics[i].page);
		sqlite3_bind_double(st, 3, pics[i].width_pt);
		sqlite3_bind_double(st, 4, pics[i].height_pt);
		sqlite3_bind_blob64(
		    st, 5, pics[i].png, pics[i].len, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(db, st, diag);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db,
		"INSERT OR REPLACE INTO row_boxes VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		-1, &st, NULL) != SQLITE_OK)
		return fail(db, st, diag);
	for (i = 0; i < nboxes; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, boxes[i].page);
		sqlite3_bind_int(st, 3, boxes[i].table);
		sqlite3_bind_int(st, 4, boxes[i].row);
		sqlite3_bind_double(st, 5, boxes[i].x0);
		sqlite3_bind_double(st, 6, boxes[i].y0);
		sqlite3_bind_double(st, 7, boxes[i].x1);
		sqlite3_bind_double(st, 8, boxes[i].y1);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(db, st, diag);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, NULL, diag);
	return ERR_OK;
}
