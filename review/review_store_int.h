/* SPDX-License-Identifier: MIT */
/*
 * The store's own shared parts: the handle, and the SQL fragments that
 * more than one of its queries use (review_store.c, review_store_flags.c,
 * review_store_pages.c).
 */
#ifndef REVIEW_REVIEW_STORE_INT_H
#define REVIEW_REVIEW_STORE_INT_H

#include <sqlite3.h>

#include "review/review_query.h"
#include "review/review_store.h"

struct review_store {
	sqlite3 *db;
};

/* The latest review state of a flag, in SQL, for flags aliased f. */
#define FLAG_STATE_SQL                                                         \
	"coalesce((SELECT r.decision FROM flag_reviews r"                      \
	" WHERE r.document_id = f.document_id AND r.flag_seq = f.seq"          \
	" ORDER BY r.id DESC LIMIT 1), 'open')"

/* The unit of a document aliased d, as `reportd export` names it: the
 * issuer printed in the header, else the inbox subfolder. */
#define UNIT_SQL "coalesce(nullif(d.issuer, ''), d.unit)"

#endif
