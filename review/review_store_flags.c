/* SPDX-License-Identifier: MIT */
/*
 * Flags with their latest review, the history of reviews, and the one
 * write the review page makes: a clerk's review of a flag.
 */
#include "review/review_store_int.h"

#include <string.h>
#include <time.h>

/* Longest comment kept with a review, in bytes: the form allows 2000
 * characters, and a Vietnamese character takes up to 3 bytes (4 for
 * anything outside the BMP a browser might send). */
#define REVIEW_COMMENT_MAX 8000

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

/* A decision column; anything unknown reads as open, as a flag nobody
 * has decided on. */
static enum review_state
col_state(sqlite3_stmt *st, int i)
{
	enum review_state s;

	if (!review_state_parse((const char *)sqlite3_column_text(st, i), &s))
		s = REVIEW_OPEN;
	return s;
}

static void *
row_flag(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_flag *f = review_row_new(a, sizeof(*f), oom);

	if (f == NULL)
		return NULL;
	f->doc_id = review_col_text(st, 0, a, oom);
	f->idx = (unsigned)sqlite3_column_int(st, 1);
	f->unit_name = review_col_text(st, 2, a, oom);
	f->issuer = review_col_text(st, 3, a, oom);
	f->period = review_col_text(st, 4, a, oom);
	f->rule = review_col_text(st, 5, a, oom);
	f->severity = review_col_text(st, 6, a, oom);
	f->message = review_col_text(st, 7, a, oom);
	f->message_en = review_col_text(st, 8, a, oom);
	f->indicators_json = review_col_text(st, 9, a, oom);
	f->evidence_json = review_col_text(st, 10, a, oom);
	f->has_expected = sqlite3_column_type(st, 11) != SQLITE_NULL;
	f->expected = sqlite3_column_double(st, 11);
	f->state = col_state(st, 12);
	f->comment = review_col_text(st, 13, a, oom);
	f->reviewed_at = review_col_text(st, 14, a, oom);
	return f;
}

/* A column of the latest review of flag f. */
#define LAST_REVIEW_SQL(col)                                                   \
	"(SELECT r." col " FROM flag_reviews r"                                \
	"  WHERE r.document_id = f.document_id AND r.flag_seq = f.seq"         \
	"  ORDER BY r.id DESC LIMIT 1)"

#define LAST_NOTE_SQL    LAST_REVIEW_SQL("note")
#define LAST_DECIDED_SQL LAST_REVIEW_SQL("decided")

enum err
review_store_flags(struct review_store *s, const char *doc_id,
    const char *period, const char *state, struct arena *a, struct ptrvec *out,
    struct diag *diag)
{
	const char *const args[] = { doc_id, period, state };

	return review_query_list(s->db,
	    "SELECT * FROM (SELECT f.document_id AS doc, f.seq AS seq,"
	    " " UNIT_SQL " AS unit, d.issuer, d.period_label,"
	    " f.rule, f.severity, f.message, f.message_en, f.indicators,"
	    " f.evidence, f.expected, " FLAG_STATE_SQL " AS state,"
	    " " LAST_NOTE_SQL ", " LAST_DECIDED_SQL ", d.period_to AS pto"
	    " FROM flags f JOIN documents d ON d.id = f.document_id"
	    " WHERE (?1 IS NULL OR f.document_id = ?1)"
	    " AND (?2 IS NULL OR d.period_label = ?2))"
	    " WHERE (?3 IS NULL OR state = ?3)"
	    " ORDER BY pto DESC, unit, doc, seq",
	    "reading flags", args, 3, row_flag, a, out, diag);
}

static void *
row_mark(sqlite3_stmt *st, struct arena *a, bool *oom)
{
	struct review_mark *m = review_row_new(a, sizeof(*m), oom);

	if (m == NULL)
		return NULL;
	m->idx = (unsigned)sqlite3_column_int(st, 0);
	m->state = col_state(st, 1);
	m->comment = review_col_text(st, 2, a, oom);
	m->at = review_col_text(st, 3, a, oom);
	return m;
}

enum err
review_store_marks(struct review_store *s, const char *doc_id, struct arena *a,
    struct ptrvec *out, struct diag *diag)
{
	const char *const args[] = { doc_id };

	return review_query_list(s->db,
	    "SELECT flag_seq, decision, note, decided FROM flag_reviews"
	    " WHERE document_id = ?1 ORDER BY id",
	    "reading reviews", args, 1, row_mark, a, out, diag);
}

enum err
review_store_mark(struct review_store *s, const char *doc_id, unsigned idx,
    enum review_state state, const char *comment, struct diag *diag)
{
	struct review_query q;
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t clen = comment != NULL ? strlen(comment) : 0;
	enum err e;

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
	if ((e = review_query_prepare(&q, s->db,
		 "INSERT INTO flag_reviews"
		 " (document_id, flag_seq, decision, reviewer, note, decided)"
		 " SELECT ?1, ?2, ?3, NULL, ?4, ?5 WHERE EXISTS (SELECT 1"
		 "  FROM flags WHERE document_id = ?1 AND seq = ?2)",
		 "recording a review", diag)) != ERR_OK)
		return e;
	sqlite3_bind_text(q.st, 1, doc_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q.st, 2, idx);
	sqlite3_bind_text(q.st, 3, review_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_text(
	    q.st, 4, comment != NULL ? comment : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q.st, 5, at, -1, SQLITE_TRANSIENT);
	if ((e = review_query_exec(&q, diag)) != ERR_OK)
		return e;
	if (sqlite3_changes(s->db) == 0)
		return diag_set(diag, ERR_MALFORMED,
		    "document %s has no flag %u", doc_id, idx);
	return ERR_OK;
}
