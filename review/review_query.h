/* SPDX-License-Identifier: MIT */
/*
 * One SQLite statement of the review store, from prepare to finalize,
 * with the error handling every query shares: a failure names the query
 * ("store: reading flags: database is locked"), rows are copied into
 * the request's arena, and the statement is always finalized.
 */
#ifndef REVIEW_REVIEW_QUERY_H
#define REVIEW_REVIEW_QUERY_H

#include <sqlite3.h>
#include <stdbool.h>

#include "core/arena.h"
#include "core/err.h"

struct review_query {
	sqlite3 *db;
	sqlite3_stmt *st;
	const char *what; /* "reading flags": names the query in errors */
};

/*
 * Reads the current row into `a`.  Returns what to keep (NULL keeps
 * nothing); on an allocation failure sets *oom, and what it returned is
 * dropped.
 */
typedef void *(*review_row_fn)(sqlite3_stmt *, struct arena *a, bool *oom);

/* Prepares `sql` on `db`.  On failure nothing needs finishing and `diag`
 * says "store: <what>: <sqlite's reason>". */
enum err review_query_prepare(struct review_query *, sqlite3 *db,
    const char *sql, const char *what, struct diag *);

/* Steps through every row, pushing what `row` keeps onto `out`, then
 * finalizes.  ERR_NOMEM when the arena is full, ERR_IO when SQLite
 * fails. */
enum err review_query_rows(struct review_query *, review_row_fn row,
    struct arena *, struct ptrvec *out, struct diag *);

/* The common case in one call: prepares `sql`, binds args[0..nargs)
 * to ?1 onwards as review_bind_opt() does, and reads every row. */
enum err review_query_list(sqlite3 *db, const char *sql, const char *what,
    const char *const *args, int nargs, review_row_fn row, struct arena *,
    struct ptrvec *out, struct diag *);

/* Reads the first row only (*out NULL when there is none), then
 * finalizes. */
enum err review_query_one(struct review_query *, review_row_fn row,
    struct arena *, void **out, struct diag *);

/* Runs a statement that returns no rows, then finalizes. */
enum err review_query_exec(struct review_query *, struct diag *);

/* A row's struct of `len` bytes (zeroed) in `a`; NULL and *oom set
 * when the arena is full. */
void *review_row_new(struct arena *a, size_t len, bool *oom);
/* Column `i` as text copied into `a`; NULL for SQL NULL.  Sets *oom. */
const char *review_col_text(sqlite3_stmt *, int i, struct arena *a, bool *oom);
/* Column `i` as an int, `dflt` for SQL NULL. */
int review_col_int_or(sqlite3_stmt *, int i, int dflt);
/* Binds `v` as text, or SQL NULL when `v` is NULL or empty: the "any"
 * of an optional filter. */
void review_bind_opt(sqlite3_stmt *, int i, const char *v);

#endif
