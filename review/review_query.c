/* SPDX-License-Identifier: MIT */
/* Prepare, step and finalize of the review store's statements. */
#include "review/review_query.h"

/* The reason is read before the statement is finalized, while SQLite
 * still holds the failing step's message. */
static enum err
query_fail(struct review_query *q, struct diag *diag)
{
	return diag_set(
	    diag, ERR_IO, "store: %s: %s", q->what, sqlite3_errmsg(q->db));
}

static enum err
query_oom(struct diag *diag)
{
	return diag_set(diag, ERR_NOMEM, "page too large for memory cap");
}

/* Finalizes, and turns the last step's outcome into an error. */
static enum err
query_finish(struct review_query *q, int rc, bool oom, struct diag *diag)
{
	enum err e = ERR_OK;

	if (oom)
		e = query_oom(diag);
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		e = query_fail(q, diag);
	sqlite3_finalize(q->st);
	q->st = NULL;
	return e;
}

enum err
review_query_prepare(struct review_query *q, sqlite3 *db, const char *sql,
    const char *what, struct diag *diag)
{
	q->db = db;
	q->st = NULL;
	q->what = what;
	if (sqlite3_prepare_v2(db, sql, -1, &q->st, NULL) != SQLITE_OK) {
		enum err e = query_fail(q, diag);

		sqlite3_finalize(q->st);
		q->st = NULL;
		return e;
	}
	return ERR_OK;
}

enum err
review_query_rows(struct review_query *q, review_row_fn row, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	bool oom = false;
	int rc;

	while ((rc = sqlite3_step(q->st)) == SQLITE_ROW) {
		void *r = row(q->st, a, &oom);

		if (!oom && r != NULL && ptrvec_push(out, a, r) != 0)
			oom = true;
		if (oom)
			break;
	}
	return query_finish(q, rc, oom, diag);
}

enum err
review_query_list(sqlite3 *db, const char *sql, const char *what,
    const char *const *args, int nargs, review_row_fn row, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	struct review_query q;
	enum err e;
	int i;

	if ((e = review_query_prepare(&q, db, sql, what, diag)) != ERR_OK)
		return e;
	for (i = 0; i < nargs; i++)
		review_bind_opt(q.st, i + 1, args[i]);
	return review_query_rows(&q, row, a, out, diag);
}

enum err
review_query_one(struct review_query *q, review_row_fn row, struct arena *a,
    void **out, struct diag *diag)
{
	bool oom = false;
	int rc = sqlite3_step(q->st);

	*out = NULL;
	if (rc == SQLITE_ROW) {
		*out = row(q->st, a, &oom);
		if (oom)
			*out = NULL;
	}
	return query_finish(q, rc, oom, diag);
}

enum err
review_query_exec(struct review_query *q, struct diag *diag)
{
	int rc = sqlite3_step(q->st);

	/* A row here would be a statement that is not a write: a bug. */
	return query_finish(
	    q, rc == SQLITE_ROW ? SQLITE_MISUSE : rc, false, diag);
}

void *
review_row_new(struct arena *a, size_t len, bool *oom)
{
	void *p = arena_alloc(a, len);

	if (p == NULL)
		*oom = true;
	return p;
}

const char *
review_col_text(sqlite3_stmt *st, int i, struct arena *a, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	char *c;

	if (t == NULL)
		return NULL;
	c = arena_strndup(
	    a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
	if (c == NULL)
		*oom = true;
	return c;
}

int
review_col_int_or(sqlite3_stmt *st, int i, int dflt)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int(st, i);
}

void
review_bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL && *v != '\0')
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}
