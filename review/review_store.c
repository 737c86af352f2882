/* SPDX-License-Identifier: MIT */
/*
 * Read queries over the store: documents, periods, units, indicator
 * values and the quarantine.  The tables are the daemon's (documents,
 * indicators, flags, flag_reviews, quarantine; see daemon/store.c) plus
 * the review page's page_images and row_boxes (review/review_migrate.h).
 * The submitting unit is the issuer as printed, or else the inbox
 * subfolder the file came from.  Flags and their reviews are in
 * review_store_flags.c, page pictures in review_store_pages.c.
 */
#include "review/review_store_int.h"

#include "review/review_migrate.h"

#include <stdint.h>
#include <stdlib.h>

enum err
review_store_open(
    const char *path, struct review_store **out, struct diag *diag)
{
	struct review_store *s;
	enum err e;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	/* No SQLITE_OPEN_CREATE: the daemon creates the store, and a
	 * mistyped path should say so rather than serve an empty one. */
	if (sqlite3_open_v2(path, &s->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
		NULL) != SQLITE_OK) {
		e = diag_set(diag, ERR_IO, "store %s: %s", path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : "out of memory");
		review_store_free(s);
		return e;
	}
	/* The daemon writes while we read: wait for its short
	 * transactions instead of failing. */
	sqlite3_busy_timeout(s->db, 5000);
	e = review_migrate(s->db, diag);
	if (e != ERR_OK) {
		review_store_free(s);
		return e;
	}
	*out = s;
	return ERR_OK;
}

void
review_store_free(struct review_store *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s);
}

/* Runs fixed SQL that returns no rows. */
static enum err
store_exec(struct review_store *s, const char *sql, const char *what,
    struct diag *diag)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return diag_set(
		    diag, ERR_IO, "store: %s: %s", what, sqlite3_errmsg(s->db));
	return ERR_OK;
}

enum err
review_store_savepoint(struct review_store *s, struct diag *diag)
{
	return store_exec(s, "SAVEPOINT review_undo", "savepoint", diag);
}

enum err
review_store_rollback(struct review_store *s, struct diag *diag)
{
	return store_exec(s, "ROLLBACK TO review_undo; RELEASE review_undo",
	    "rolling back to the savepoint", diag);
}

uint64_t
review_store_changes(struct review_store *s)
{
	return (uint64_t)sqlite3_total_changes64(s->db);
}

/* The page's status of a document aliased d. */
#define STATUS_SQL                                                             \
	"(CASE d.outcome WHEN 'quarantine' THEN 'quarantined' ELSE 'done' END)"

/* The columns row_doc() reads, in its order. */
#define DOC_COLUMNS                                                                     \
	"d.id, d.name, " UNIT_SQL ", " STATUS_SQL ", d.duplicate_of,"                   \
	" d.format, d.sha256, d.bytes, d.issuer,"                                       \
	" d.doc_number, d.doc_date, d.period_label, d.period_from,"                     \
	" d.period_to, d.received,"                                                     \
	" coalesce((SELECT q.reason FROM quarantine q"                                  \
	"  WHERE q.document_id = d.id), d.error_message),"                              \
	" (SELECT count(*) FROM flags f WHERE f.document_id = d.id),"                   \
	" (SELECT count(*) FROM flags f WHERE f.document_id = d.id AND " FLAG_STATE_SQL \
	" = 'open'), d.unit"
#define DOC_NCOLUMNS 19

static void *
row_doc(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_doc *d = review_row_new(a, sizeof(*d), oom);

	if (d == NULL)
		return NULL;
	d->id = review_col_text(st, 0, a, oom);
	d->name = review_col_text(st, 1, a, oom);
	d->unit = review_col_text(st, 2, a, oom);
	d->status = review_col_text(st, 3, a, oom);
	d->duplicate_of = review_col_text(st, 4, a, oom);
	d->format = review_col_text(st, 5, a, oom);
	d->sha256 = review_col_text(st, 6, a, oom);
	d->bytes = sqlite3_column_int64(st, 7);
	d->issuer = review_col_text(st, 8, a, oom);
	d->doc_number = review_col_text(st, 9, a, oom);
	d->date = review_col_text(st, 10, a, oom);
	d->period = review_col_text(st, 11, a, oom);
	d->period_from = review_col_text(st, 12, a, oom);
	d->period_to = review_col_text(st, 13, a, oom);
	d->received_at = review_col_text(st, 14, a, oom);
	d->error = review_col_text(st, 15, a, oom);
	d->nflags = (unsigned)sqlite3_column_int(st, 16);
	d->nopen = (unsigned)sqlite3_column_int(st, 17);
	d->folder = review_col_text(st, 18, a, oom);
	return d;
}

/* The documents a filter selects; ?1 to ?5 are bound by bind_filter(). */
#define DOCS_WHERE                                                             \
	" FROM documents d WHERE"                                              \
	" (?1 IS NULL OR d.period_label = ?1)"                                 \
	" AND (?2 IS NULL OR " UNIT_SQL " = ?2)"                               \
	" AND (?3 IS NULL OR " STATUS_SQL " = ?3)"                             \
	" AND (?4 IS NULL OR instr(lower(d.name), lower(?4)) > 0"              \
	"  OR instr(lower(coalesce(d.issuer, '')), lower(?4)) > 0"             \
	"  OR instr(lower(coalesce(d.unit, '')), lower(?4)) > 0"               \
	"  OR instr(lower(coalesce(d.doc_number, '')), lower(?4)) > 0)"        \
	" AND (?5 = 0 OR EXISTS (SELECT 1 FROM flags f"                        \
	"  WHERE f.document_id = d.id AND " FLAG_STATE_SQL " = 'open'))"

static void
bind_filter(sqlite3_stmt *st, const struct review_filter *f)
{
	review_bind_opt(st, 1, f->period);
	review_bind_opt(st, 2, f->unit);
	review_bind_opt(st, 3, f->status);
	review_bind_opt(st, 4, f->q);
	sqlite3_bind_int(st, 5, f->open_only ? 1 : 0);
}

static void *
row_count(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	size_t *n = review_row_new(a, sizeof(*n), oom);

	if (n != NULL)
		*n = (size_t)sqlite3_column_int64(st, 0);
	return n;
}

enum err
review_store_docs(struct review_store *s, const struct review_filter *f,
    struct arena *a, struct ptrvec *out, size_t *total, struct diag *diag)
{
	struct review_query q;
	void *n;
	enum err e;

	*total = 0;
	if ((e = review_query_prepare(&q, s->db, "SELECT count(*)" DOCS_WHERE,
		 "listing documents", diag)) != ERR_OK)
		return e;
	bind_filter(q.st, f);
	if ((e = review_query_one(&q, row_count, a, &n, diag)) != ERR_OK)
		return e;
	if (n != NULL)
		*total = *(size_t *)n;
	if ((e = review_query_prepare(&q, s->db,
		 "SELECT " DOC_COLUMNS DOCS_WHERE " ORDER BY"
		 /* Documents of one period together, whatever dates each
		  * printed: newest period first, then by unit. */
		 " d.period_label IS NULL, (SELECT max(d2.period_to)"
		 "  FROM documents d2 WHERE d2.period_label ="
		 "  d.period_label) DESC, d.period_label,"
		 " " UNIT_SQL ", d.id DESC LIMIT ?6 OFFSET ?7",
		 "listing documents", diag)) != ERR_OK)
		return e;
	bind_filter(q.st, f);
	sqlite3_bind_int64(q.st, 6, f->limit);
	sqlite3_bind_int64(q.st, 7, f->offset);
	return review_query_rows(&q, row_doc, a, out, diag);
}

/* A document with its result record (column DOC_NCOLUMNS). */
struct doc_record {
	struct review_doc *doc;
	const char *record;
};

static void *
row_doc_record(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct doc_record *r = review_row_new(a, sizeof(*r), oom);

	if (r == NULL)
		return NULL;
	r->doc = row_doc(st, a, oom);
	r->record = review_col_text(st, DOC_NCOLUMNS, a, oom);
	return r;
}

enum err
review_store_doc(struct review_store *s, const char *id, struct arena *a,
    struct review_doc **doc, const char **record, struct diag *diag)
{
	struct review_query q;
	struct doc_record *r;
	void *row;
	enum err e;

	*doc = NULL;
	*record = NULL;
	if ((e = review_query_prepare(&q, s->db,
		 "SELECT " DOC_COLUMNS ", d.record"
		 " FROM documents d WHERE d.id = ?1",
		 "reading a document", diag)) != ERR_OK)
		return e;
	sqlite3_bind_text(q.st, 1, id, -1, SQLITE_TRANSIENT);
	if ((e = review_query_one(&q, row_doc_record, a, &row, diag)) != ERR_OK)
		return e;
	if ((r = row) != NULL) {
		*doc = r->doc;
		*record = r->record;
	}
	return ERR_OK;
}

static void *
row_period(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_period *p = review_row_new(a, sizeof(*p), oom);

	if (p == NULL)
		return NULL;
	p->label = review_col_text(st, 0, a, oom);
	p->from = review_col_text(st, 1, a, oom);
	p->to = review_col_text(st, 2, a, oom);
	p->ndocs = (unsigned)sqlite3_column_int(st, 3);
	p->nunits = (unsigned)sqlite3_column_int(st, 4);
	p->nopen = (unsigned)sqlite3_column_int(st, 5);
	return p;
}

enum err
review_store_periods(struct review_store *s, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	return review_query_list(s->db,
	    "SELECT d.period_label, min(d.period_from), max(d.period_to),"
	    " count(*), count(DISTINCT " UNIT_SQL "),"
	    " (SELECT count(*) FROM flags f JOIN documents d2"
	    "  ON d2.id = f.document_id"
	    "  WHERE d2.period_label = d.period_label"
	    "  AND " FLAG_STATE_SQL " = 'open')"
	    " FROM documents d WHERE d.period_label IS NOT NULL"
	    " GROUP BY d.period_label"
	    " ORDER BY max(d.period_to) DESC, d.period_label",
	    "listing periods", NULL, 0, row_period, a, out, diag);
}

/* The row is the unit's name itself. */
static void *
row_unit(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	return (void *)(uintptr_t)review_col_text(st, 0, a, oom);
}

enum err
review_store_units(struct review_store *s, struct arena *a, struct ptrvec *out,
    struct diag *diag)
{
	return review_query_list(s->db,
	    "SELECT DISTINCT " UNIT_SQL " AS u FROM documents d"
	    " WHERE u IS NOT NULL AND d.duplicate_of IS NULL ORDER BY u",
	    "listing units", NULL, 0, row_unit, a, out, diag);
}

static void *
row_value(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_value *v = review_row_new(a, sizeof(*v), oom);

	if (v == NULL)
		return NULL;
	v->doc_id = review_col_text(st, 0, a, oom);
	v->unit_name = review_col_text(st, 1, a, oom);
	v->issuer = review_col_text(st, 2, a, oom);
	v->period = review_col_text(st, 3, a, oom);
	v->id = review_col_text(st, 4, a, oom);
	v->code = review_col_text(st, 5, a, oom);
	v->label = review_col_text(st, 6, a, oom);
	v->unit = review_col_text(st, 7, a, oom);
	v->raw = review_col_text(st, 8, a, oom);
	v->has_value = sqlite3_column_type(st, 9) != SQLITE_NULL;
	v->value = sqlite3_column_double(st, 9);
	v->origin = review_col_text(st, 10, a, oom);
	v->page = review_col_int_or(st, 11, -1);
	v->table = review_col_int_or(st, 12, -1);
	v->row = review_col_int_or(st, 13, -1);
	v->confidence = sqlite3_column_double(st, 14);
	return v;
}

enum err
review_store_values(struct review_store *s, const char *period, const char *id,
    struct arena *a, struct ptrvec *out, struct diag *diag)
{
	const char *const args[] = { period, id };

	return review_query_list(s->db,
	    "SELECT i.document_id, " UNIT_SQL ", d.issuer, d.period_label,"
	    " i.indicator_id, i.code, i.label, i.unit, i.raw, i.value,"
	    " i.origin, i.page, i.tbl, i.row, i.confidence"
	    " FROM indicators i JOIN documents d ON d.id = i.document_id"
	    " WHERE d.status = 'ok' AND d.duplicate_of IS NULL"
	    " AND (?1 IS NULL OR d.period_label = ?1)"
	    " AND (?2 IS NULL OR i.indicator_id = ?2)"
	    " ORDER BY d.period_to DESC, " UNIT_SQL ", i.document_id, i.seq",
	    "reading indicators", args, 2, row_value, a, out, diag);
}

static void *
row_quarantined(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_quarantined *r = review_row_new(a, sizeof(*r), oom);

	if (r == NULL)
		return NULL;
	r->id = review_col_text(st, 0, a, oom);
	r->name = review_col_text(st, 1, a, oom);
	r->unit = review_col_text(st, 2, a, oom);
	r->reason = review_col_text(st, 3, a, oom);
	r->code = review_col_text(st, 4, a, oom);
	r->at = review_col_text(st, 5, a, oom);
	r->sha256 = review_col_text(st, 6, a, oom);
	return r;
}

enum err
review_store_quarantine(struct review_store *s, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	return review_query_list(s->db,
	    "SELECT d.id, d.name, " UNIT_SQL ","
	    " q.reason, q.code, q.quarantined, d.sha256"
	    " FROM quarantine q JOIN documents d ON d.id = q.document_id"
	    " ORDER BY q.quarantined DESC, d.id DESC",
	    "reading the quarantine", NULL, 0, row_quarantined, a, out, diag);
}
