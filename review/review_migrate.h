/* SPDX-License-Identifier: MIT */
/*
 * The review page's own tables in the store, added by one migration
 * that runs when the store opens (and when the review server opens it,
 * so either may start first).  Flag reviews live in the daemon's own
 * flag_reviews table; these two hold what the result record does not:
 *
 *   page_images   PNG pictures of the pages flags point at, drawn by the
 *                 worker at extraction time (daemon/review_snap.h);
 *   row_boxes     where on its page each table row that evidence or an
 *                 indicator came from is, in points.
 *
 * Writing pictures and boxes goes through review_pictures_save().
 */
#ifndef REVIEW_REVIEW_MIGRATE_H
#define REVIEW_REVIEW_MIGRATE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Creates the tables above when missing; idempotent. */
enum err review_migrate(sqlite3 *db, struct diag *);

struct review_picture {
	unsigned page;
	double width_pt, height_pt;
	const void *png;
	size_t len;
};

struct review_rowbox {
	unsigned page;
	int table, row;
	double x0, y0, x1, y1;
};

/*
 * Stores the pictures and row boxes of document `doc_id`, replacing any
 * it had, in one transaction of its own (call it outside another).
 */
enum err review_pictures_save(sqlite3 *db, const char *doc_id,
    const struct review_picture *pics, size_t npics,
    const struct review_rowbox *boxes, size_t nboxes, struct diag *);

#endif
