/* SPDX-License-Identifier: MIT */
/*
 * Read queries over the store, and flag reviews.  The tables are the
 * daemon's (documents, indicators, flags, flag_reviews, quarantine; see
 * daemon/store.c) plus the review page's page_images and row_boxes
 * (review/review_migrate.h).  The submitting unit is the issuer as
 * printed, or else the inbox subfolder the file came from.
 */
#include "review/review_store.h"

#include "review/review_migrate.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Longest comment kept with a review, in bytes: the form allows 2000
 * characters, and a Vietnamese character takes up to 3 bytes (4 for
 * anything outside the BMP a browser might send). */
#define REVIEW_COMMENT_MAX 8000

struct review_store {
	sqlite3 *db;
};

static enum err
db_fail(struct review_store *s, struct diag *diag, const char *what)
{
	return diag_set(
	    diag, ERR_IO, "store: %s: %s", what, sqlite3_errmsg(s->db));
}

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

const char *
review_state_name(enum review_state st)
{
	switch (st) {
	case REVIEW_CONFIRMED:
		return "confirmed";
	case REVIEW_DISMISSED:
		return "dismissed";
	case REVIEW_OPEN:
		break;
	}
	return "open";
}

bool
review_state_parse(const char *s, enum review_state *out)
{
	if (s == NULL)
		return false;
	if (strcmp(s, "open") == 0)
		*out = REVIEW_OPEN;
	else if (strcmp(s, "confirmed") == 0)
		*out = REVIEW_CONFIRMED;
	else if (strcmp(s, "dismissed") == 0)
		*out = REVIEW_DISMISSED;
	else
		return false;
	return true;
}

/* Column text copied into the arena; NULL for SQL NULL.  Sets *oom. */
static const char *
col_text(sqlite3_stmt *st, int i, struct arena *a, bool *oom)
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

static int
col_int_or(sqlite3_stmt *st, int i, int dflt)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int(st, i);
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL && *v != '\0')
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* The latest review state of a flag, in SQL, for flags aliased f. */
#define FLAG_STATE_SQL                                                         \
	"coalesce((SELECT r.decision FROM flag_reviews r"                      \
	" WHERE r.document_id = f.document_id AND r.flag_seq = f.seq"          \
	" ORDER BY r.id DESC LIMIT 1), 'open')"

/* The unit and the page's status of a document aliased d. */
/* As `reportd export` names it: the issuer printed in the header, else
 * the inbox subfolder. */
#define UNIT_SQL "coalesce(nullif(d.issuer, ''), d.unit)"
#define STATUS_SQL                                                             \
	"(CASE d.outcome WHEN 'quarantine' THEN 'quarantined' ELSE 'done' END)"

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

static struct review_doc *
row_doc(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_doc *d = arena_alloc(a, sizeof(*d));

	if (d == NULL) {
		*oom = true;
		return NULL;
	}
	d->id = col_text(st, 0, a, oom);
	d->name = col_text(st, 1, a, oom);
	d->unit = col_text(st, 2, a, oom);
	d->status = col_text(st, 3, a, oom);
	d->duplicate_of = col_text(st, 4, a, oom);
	d->format = col_text(st, 5, a, oom);
	d->sha256 = col_text(st, 6, a, oom);
	d->bytes = sqlite3_column_int64(st, 7);
	d->issuer = col_text(st, 8, a, oom);
	d->doc_number = col_text(st, 9, a, oom);
	d->date = col_text(st, 10, a, oom);
	d->period = col_text(st, 11, a, oom);
	d->period_from = col_text(st, 12, a, oom);
	d->period_to = col_text(st, 13, a, oom);
	d->received_at = col_text(st, 14, a, oom);
	d->error = col_text(st, 15, a, oom);
	d->nflags = (unsigned)sqlite3_column_int(st, 16);
	d->nopen = (unsigned)sqlite3_column_int(st, 17);
	d->folder = col_text(st, 18, a, oom);
	return d;
}

static enum err
oom_fail(struct diag *diag)
{
	return diag_set(diag, ERR_NOMEM, "page too large for memory cap");
}

enum err
review_store_docs(struct review_store *s, const struct review_filter *f,
    struct arena *a, struct ptrvec *out, size_t *total, struct diag *diag)
{
	static const char where[] =
	    " FROM documents d WHERE"
	    " (?1 IS NULL OR d.period_label = ?1)"
	    " AND (?2 IS NULL OR " UNIT_SQL " = ?2)"
	    " AND (?3 IS NULL OR " STATUS_SQL " = ?3)"
	    " AND (?4 IS NULL OR instr(lower(d.name), lower(?4)) > 0"
	    "  OR instr(lower(coalesce(d.issuer, '')), lower(?4)) > 0"
	    "  OR instr(lower(coalesce(d.unit, '')), lower(?4)) > 0"
	    "  OR instr(lower(coalesce(d.doc_number, '')), lower(?4)) > 0)"
	    " AND (?5 = 0 OR EXISTS (SELECT 1 FROM flags f"
	    "  WHERE f.document_id = d.id AND " FLAG_STATE_SQL " = 'open'))";
	sqlite3_stmt *st = NULL;
	char *sql = NULL;
	enum err e = ERR_OK;
	bool oom = false;
	int rc;

	*total = 0;
	for (int pass = 0; pass < 2 && e == ERR_OK; pass++) {
		sql = sqlite3_mprintf(pass == 0
			? "SELECT count(*) %s"
			: "SELECT " DOC_COLUMNS "%s ORDER BY"
			  /* Documents of one period together, whatever dates
			   * each printed: newest period first, then by unit. */
			  " d.period_label IS NULL, (SELECT max(d2.period_to)"
			  "  FROM documents d2 WHERE d2.period_label ="
			  "  d.period_label) DESC, d.period_label,"
			  " " UNIT_SQL ", d.id DESC LIMIT ?6 OFFSET ?7",
		    where);
		if (sql == NULL)
			return oom_fail(diag);
		rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return db_fail(s, diag, "listing documents");
		bind_opt(st, 1, f->period);
		bind_opt(st, 2, f->unit);
		bind_opt(st, 3, f->status);
		bind_opt(st, 4, f->q);
		sqlite3_bind_int(st, 5, f->open_only ? 1 : 0);
		if (pass == 1) {
			sqlite3_bind_int64(st, 6, f->limit);
			sqlite3_bind_int64(st, 7, f->offset);
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
			if (pass == 0) {
				*total = (size_t)sqlite3_column_int64(st, 0);
				continue;
			}
			struct review_doc *d = row_doc(st, a, &oom);

			if (d != NULL && ptrvec_push(out, a, d) != 0)
				oom = true;
		}
		if (oom)
			e = oom_fail(diag);
		else if (rc != SQLITE_DONE)
			e = db_fail(s, diag, "listing documents");
		sqlite3_finalize(st);
		st = NULL;
	}
	return e;
}

enum err
review_store_doc(struct review_store *s, const char *id, struct arena *a,
    struct review_doc **doc, const char **record, struct diag *diag)
{
	sqlite3_stmt *st;
	enum err e = ERR_OK;
	bool oom = false;
	int rc;

	*doc = NULL;
	*record = NULL;
	if (sqlite3_prepare_v2(s->db,
		"SELECT " DOC_COLUMNS ", d.record"
		" FROM documents d WHERE d.id = ?1",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "reading a document");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*doc = row_doc(st, a, &oom);
		*record = col_text(st, 19, a, &oom);
		if (oom)
			e = oom_fail(diag);
	} else if (rc != SQLITE_DONE)
		e = db_fail(s, diag, "reading a document");
	sqlite3_finalize(st);
	return e;
}

enum err
review_store_periods(struct review_store *s, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT d.period_label, min(d.period_from), max(d.period_to),"
		" count(*), count(DISTINCT " UNIT_SQL "),"
		" (SELECT count(*) FROM flags f JOIN documents d2"
		"  ON d2.id = f.document_id WHERE d2.period_label = d.period_label"
		"  AND " FLAG_STATE_SQL " = 'open')"
		" FROM documents d WHERE d.period_label IS NOT NULL"
		" GROUP BY d.period_label"
		" ORDER BY max(d.period_to) DESC, d.period_label",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "listing periods");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		struct review_period *p = arena_alloc(a, sizeof(*p));

		if (p == NULL) {
			oom = true;
			break;
		}
		p->label = col_text(st, 0, a, &oom);
		p->from = col_text(st, 1, a, &oom);
		p->to = col_text(st, 2, a, &oom);
		p->ndocs = (unsigned)sqlite3_column_int(st, 3);
		p->nunits = (unsigned)sqlite3_column_int(st, 4);
		p->nopen = (unsigned)sqlite3_column_int(st, 5);
		if (ptrvec_push(out, a, p) != 0)
			oom = true;
	}
	sqlite3_finalize(st);
	if (oom)
		return oom_fail(diag);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "listing periods");
	return ERR_OK;
}

enum err
review_store_units(struct review_store *s, struct arena *a, struct ptrvec *out,
    struct diag *diag)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT DISTINCT " UNIT_SQL " AS u"
		" FROM documents d WHERE u IS NOT NULL AND d.duplicate_of IS NULL"
		" ORDER BY u",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "listing units");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		const char *u = col_text(st, 0, a, &oom);

		if (u != NULL && ptrvec_push(out, a, (void *)(uintptr_t)u) != 0)
			oom = true;
	}
	sqlite3_finalize(st);
	if (oom)
		return oom_fail(diag);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "listing units");
	return ERR_OK;
}

enum err
review_store_values(struct review_store *s, const char *period, const char *id,
    struct arena *a, struct ptrvec *out, struct diag *diag)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT i.document_id, " UNIT_SQL ", d.issuer, d.period_label,"
		" i.indicator_id, i.code, i.label, i.unit, i.raw, i.value,"
		" i.origin, i.page, i.tbl, i.row, i.confidence"
		" FROM indicators i JOIN documents d ON d.id = i.document_id"
		" WHERE d.status = 'ok' AND d.duplicate_of IS NULL"
		" AND (?1 IS NULL OR d.period_label = ?1)"
		" AND (?2 IS NULL OR i.indicator_id = ?2)"
		" ORDER BY d.period_to DESC, " UNIT_SQL
		", i.document_id, i.seq",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "reading indicators");
	bind_opt(st, 1, period);
	bind_opt(st, 2, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		struct review_value *v = arena_alloc(a, sizeof(*v));

		if (v == NULL) {
			oom = true;
			break;
		}
		v->doc_id = col_text(st, 0, a, &oom);
		v->unit_name = col_text(st, 1, a, &oom);
		v->issuer = col_text(st, 2, a, &oom);
		v->period = col_text(st, 3, a, &oom);
		v->id = col_text(st, 4, a, &oom);
		v->code = col_text(st, 5, a, &oom);
		v->label = col_text(st, 6, a, &oom);
		v->unit = col_text(st, 7, a, &oom);
		v->raw = col_text(st, 8, a, &oom);
		v->has_value = sqlite3_column_type(st, 9) != SQLITE_NULL;
		v->value = sqlite3_column_double(st, 9);
		v->origin = col_text(st, 10, a, &oom);
		v->page = col_int_or(st, 11, -1);
		v->table = col_int_or(st, 12, -1);
		v->row = col_int_or(st, 13, -1);
		v->confidence = sqlite3_column_double(st, 14);
		if (ptrvec_push(out, a, v) != 0)
			oom = true;
	}
	sqlite3_finalize(st);
	if (oom)
		return oom_fail(diag);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "reading indicators");
	return ERR_OK;
}

enum err
review_store_flags(struct review_store *s, const char *doc_id,
    const char *period, const char *state, struct arena *a, struct ptrvec *out,
    struct diag *diag)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT * FROM (SELECT f.document_id AS doc, f.seq AS seq,"
		" " UNIT_SQL " AS unit, d.issuer, d.period_label,"
		" f.rule, f.severity, f.message, f.message_en, f.indicators,"
		" f.evidence, f.expected, " FLAG_STATE_SQL " AS state,"
		" (SELECT r.note FROM flag_reviews r"
		"  WHERE r.document_id = f.document_id AND r.flag_seq = f.seq"
		"  ORDER BY r.id DESC LIMIT 1),"
		" (SELECT r.decided FROM flag_reviews r"
		"  WHERE r.document_id = f.document_id AND r.flag_seq = f.seq"
		"  ORDER BY r.id DESC LIMIT 1),"
		" d.period_to AS pto"
		" FROM flags f JOIN documents d ON d.id = f.document_id"
		" WHERE (?1 IS NULL OR f.document_id = ?1)"
		" AND (?2 IS NULL OR d.period_label = ?2))"
		" WHERE (?3 IS NULL OR state = ?3)"
		" ORDER BY pto DESC, unit, doc, seq",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "reading flags");
	bind_opt(st, 1, doc_id);
	bind_opt(st, 2, period);
	bind_opt(st, 3, state);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		struct review_flag *f = arena_alloc(a, sizeof(*f));
		const char *stname;

		if (f == NULL) {
			oom = true;
			break;
		}
		f->doc_id = col_text(st, 0, a, &oom);
		f->idx = (unsigned)sqlite3_column_int(st, 1);
		f->unit_name = col_text(st, 2, a, &oom);
		f->issuer = col_text(st, 3, a, &oom);
		f->period = col_text(st, 4, a, &oom);
		f->rule = col_text(st, 5, a, &oom);
		f->severity = col_text(st, 6, a, &oom);
		f->message = col_text(st, 7, a, &oom);
		f->message_en = col_text(st, 8, a, &oom);
		f->indicators_json = col_text(st, 9, a, &oom);
		f->evidence_json = col_text(st, 10, a, &oom);
		f->has_expected = sqlite3_column_type(st, 11) != SQLITE_NULL;
		f->expected = sqlite3_column_double(st, 11);
		stname = (const char *)sqlite3_column_text(st, 12);
		if (!review_state_parse(stname, &f->state))
			f->state = REVIEW_OPEN;
		f->comment = col_text(st, 13, a, &oom);
		f->reviewed_at = col_text(st, 14, a, &oom);
		if (ptrvec_push(out, a, f) != 0)
			oom = true;
	}
	sqlite3_finalize(st);
	if (oom)
		return oom_fail(diag);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "reading flags");
	return ERR_OK;
}

enum err
review_store_marks(struct review_store *s, const char *doc_id, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT flag_seq, decision, note,"
		" decided FROM flag_reviews WHERE document_id = ?1 ORDER BY id",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "reading reviews");
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		struct review_mark *m = arena_alloc(a, sizeof(*m));

		if (m == NULL) {
			oom = true;
			break;
		}
		m->idx = (unsigned)sqlite3_column_int(st, 0);
		if (!review_state_parse(
			(const char *)sqlite3_column_text(st, 1), &m->state))
			m->state = REVIEW_OPEN;
		m->comment = col_text(st, 2, a, &oom);
		m->at = col_text(st, 3, a, &oom);
		if (ptrvec_push(out, a, m) != 0)
			oom = true;
	}
	sqlite3_finalize(st);
	if (oom)
		return oom_fail(diag);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "reading reviews");
	return ERR_OK;
}

enum err
review_store_mark(struct review_store *s, const char *doc_id, unsigned idx,
    enum review_state state, const char *comment, struct diag *diag)
{
	sqlite3_stmt *st;
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t clen = comment != NULL ? strlen(comment) : 0;
	int rc;

	if (state == REVIEW_OPEN)
		return diag_set(diag, ERR_MALFORMED,
		    "a review confirms or dismisses a flag");
	if (clen > REVIEW_COMMENT_MAX)
		return diag_set(diag, ERR_LIMIT,
		    "comment has %zu bytes, limit %d", clen,
		    REVIEW_COMMENT_MAX);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return diag_set(diag, ERR_INTERNAL, "clock unreadable");
	/* Insert only when the flag exists, in one statement, so a review
	 * never points at nothing. */
	if (sqlite3_prepare_v2(s->db,
		"INSERT INTO flag_reviews"
		" (document_id, flag_seq, decision, reviewer, note, decided)"
		" SELECT ?1, ?2, ?3, NULL, ?4, ?5 WHERE EXISTS (SELECT 1 FROM flags"
		"  WHERE document_id = ?1 AND seq = ?2)",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "recording a review");
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, idx);
	sqlite3_bind_text(st, 3, review_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_text(
	    st, 4, comment != NULL ? comment : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "recording a review");
	if (sqlite3_changes(s->db) == 0)
		return diag_set(diag, ERR_MALFORMED,
		    "document %s has no flag %u", doc_id, idx);
	return ERR_OK;
}

enum err
review_store_quarantine(struct review_store *s, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT d.id, d.name, " UNIT_SQL ","
		" q.reason, q.code, q.quarantined, d.sha256"
		" FROM quarantine q JOIN documents d ON d.id = q.document_id"
		" ORDER BY q.quarantined DESC, d.id DESC",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "reading the quarantine");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		struct review_quarantined *q = arena_alloc(a, sizeof(*q));

		if (q == NULL) {
			oom = true;
			break;
		}
		q->id = col_text(st, 0, a, &oom);
		q->name = col_text(st, 1, a, &oom);
		q->unit = col_text(st, 2, a, &oom);
		q->reason = col_text(st, 3, a, &oom);
		q->code = col_text(st, 4, a, &oom);
		q->at = col_text(st, 5, a, &oom);
		q->sha256 = col_text(st, 6, a, &oom);
		if (ptrvec_push(out, a, q) != 0)
			oom = true;
	}
	sqlite3_finalize(st);
	if (oom)
		return oom_fail(diag);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "reading the quarantine");
	return ERR_OK;
}

enum err
review_store_page_image(struct review_store *s, const char *doc_id,
    unsigned page, struct arena *a, struct review_image *img, bool *found,
    struct diag *diag)
{
	sqlite3_stmt *st;
	enum err e = ERR_OK;
	int rc;

	*found = false;
	memset(img, 0, sizeof(*img));
	if (sqlite3_prepare_v2(s->db,
		"SELECT png, width_pt, height_pt"
		" FROM page_images WHERE document_id = ?1 AND page = ?2",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "reading a page image");
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, page);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		void *p = arena_alloc(a, len > 0 ? len : 1);

		if (p == NULL)
			e = oom_fail(diag);
		else {
			if (len > 0)
				memcpy(p, sqlite3_column_blob(st, 0), len);
			img->png = p;
			img->len = len;
			img->width_pt = sqlite3_column_double(st, 1);
			img->height_pt = sqlite3_column_double(st, 2);
			*found = true;
		}
	} else if (rc != SQLITE_DONE)
		e = db_fail(s, diag, "reading a page image");
	sqlite3_finalize(st);
	return e;
}

enum err
review_store_page_sizes(struct review_store *s, const char *doc_id,
    struct arena *a, struct ptrvec *out, struct diag *diag)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT page, width_pt, height_pt"
		" FROM page_images WHERE document_id = ?1 ORDER BY page",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "listing page images");
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !oom) {
		struct review_page_size *p = arena_alloc(a, sizeof(*p));

		if (p == NULL) {
			oom = true;
			break;
		}
		p->page = (unsigned)sqlite3_column_int(st, 0);
		p->width_pt = sqlite3_column_double(st, 1);
		p->height_pt = sqlite3_column_double(st, 2);
		if (ptrvec_push(out, a, p) != 0)
			oom = true;
	}
	sqlite3_finalize(st);
	if (oom)
		return oom_fail(diag);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "listing page images");
	return ERR_OK;
}

enum err
review_store_boxes(struct review_store *s, const char *doc_id, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db,
		"SELECT page, tbl, row, x0, y0, x1, y1"
		" FROM row_boxes WHERE document_id = ?1",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(s, diag, "reading row boxes");
	sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct review_rowbox *b = arena_alloc(a, sizeof(*b));

		if (b == NULL || ptrvec_push(out, a, b) != 0) {
			sqlite3_finalize(st);
			return oom_fail(diag);
		}
		b->page = (unsigned)sqlite3_column_int(st, 0);
		b->table = sqlite3_column_int(st, 1);
		b->row = sqlite3_column_int(st, 2);
		b->x0 = sqlite3_column_double(st, 3);
		b->y0 = sqlite3_column_double(st, 4);
		b->x1 = sqlite3_column_double(st, 5);
		b->y1 = sqlite3_column_double(st, 6);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(s, diag, "reading row boxes");
	return ERR_OK;
}
