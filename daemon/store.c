/* SPDX-License-Identifier: MIT */
/* SQLite store: schema, one transaction per document. */
#include "daemon/store.h"

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "core/jsonget.h"
#include "review/review_migrate.h"

struct store {
	sqlite3 *db;
	bool readonly;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS documents ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " unit TEXT,"
    " inbox_path TEXT,"
    " sha256 TEXT,"
    " bytes INTEGER,"
    " format TEXT,"
    " status TEXT NOT NULL CHECK (status IN ('ok','rejected','failed')),"
    " outcome TEXT NOT NULL CHECK (outcome IN ('done','quarantine')),"
    " error_code TEXT,"
    " error_message TEXT,"
    " issuer TEXT,"
    " doc_number TEXT,"
    " doc_date TEXT,"
    " period_label TEXT,"
    " period_from TEXT,"
    " period_to TEXT,"
    " duplicate_of TEXT REFERENCES documents(id),"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " received TEXT,"
    " stored TEXT NOT NULL,"
    " record TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);"
    "CREATE TABLE IF NOT EXISTS indicators ("
    " document_id TEXT NOT NULL REFERENCES documents(id),"
    " seq INTEGER NOT NULL,"
    " indicator_id TEXT,"
    " code TEXT,"
    " label TEXT,"
    " unit TEXT,"
    " raw TEXT,"
    " value REAL,"
    " origin TEXT,"
    " page INTEGER,"
    " tbl INTEGER,"
    " row INTEGER,"
    " confidence REAL,"
    " PRIMARY KEY (document_id, seq));"
    "CREATE INDEX IF NOT EXISTS indicators_id ON indicators(indicator_id);"
    "CREATE TABLE IF NOT EXISTS flags ("
    " document_id TEXT NOT NULL REFERENCES documents(id),"
    " seq INTEGER NOT NULL,"
    " rule TEXT NOT NULL,"
    " severity TEXT,"
    " indicators TEXT," /* JSON array of indicator ids */
    " message TEXT,"
    " message_en TEXT,"
    " expected REAL,"
    " evidence TEXT," /* JSON array, as in the record */
    " PRIMARY KEY (document_id, seq));"
    "CREATE TABLE IF NOT EXISTS flag_reviews ("
    " id INTEGER PRIMARY KEY,"
    " document_id TEXT NOT NULL,"
    " flag_seq INTEGER NOT NULL,"
    " decision TEXT NOT NULL CHECK (decision IN ('confirmed','dismissed')),"
    " reviewer TEXT,"
    " note TEXT,"
    " decided TEXT NOT NULL,"
    " FOREIGN KEY (document_id, flag_seq) REFERENCES flags(document_id, seq));"
    "CREATE INDEX IF NOT EXISTS flag_reviews_flag ON "
    " flag_reviews(document_id, flag_seq);"
    "CREATE TABLE IF NOT EXISTS quarantine ("
    " document_id TEXT PRIMARY KEY REFERENCES documents(id),"
    " code TEXT NOT NULL,"
    " reason TEXT NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " quarantined TEXT NOT NULL);";

static enum err
db_err(struct store *st, struct diag *dg, const char *what)
{
	return diag_set(
	    dg, ERR_IO, "database: %s: %s", what, sqlite3_errmsg(st->db));
}

static enum err
exec(struct store *st, const char *sql, struct diag *dg)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum err e = diag_set(dg, ERR_IO, "database: %s",
		    msg != NULL ? msg : sqlite3_errmsg(st->db));

		sqlite3_free(msg);
		return e;
	}
	return ERR_OK;
}

struct store *
store_open(const char *path, bool readonly, struct diag *dg)
{
	struct store *st = g_new0(struct store, 1);
	int flags = readonly ? SQLITE_OPEN_READONLY
			     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	sqlite3_stmt *q = NULL;
	int version = 0;

	st->readonly = readonly;
	if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		(void)diag_set(dg, ERR_IO, "%s: %s", path,
		    st->db != NULL ? sqlite3_errmsg(st->db)
				   : "cannot open the database");
		goto fail;
	}
	(void)sqlite3_busy_timeout(st->db, 5000);
	(void)sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) !=
		SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW) {
		(void)diag_set(
		    dg, ERR_IO, "%s: %s", path, sqlite3_errmsg(st->db));
		goto fail;
	}
	version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	q = NULL;
	if (version > STORE_SCHEMA_VERSION) {
		(void)diag_set(dg, ERR_UNSUPPORTED,
		    "%s: made by a newer reportd (schema %d, this one reads %d)",
		    path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (readonly) {
		if (version == 0) {
			(void)diag_set(dg, ERR_IO,
			    "%s: not a reportd database (yet)", path);
			goto fail;
		}
		return st;
	}
	/* WAL: readers (status, export, the review page) never block the
	 * daemon; synchronous=FULL: a commit that returned survives a
	 * power loss, which the commit order relies on. */
	if (exec(st, "PRAGMA journal_mode=WAL", dg) != ERR_OK ||
	    exec(st, "PRAGMA synchronous=FULL", dg) != ERR_OK ||
	    exec(st, "PRAGMA foreign_keys=ON", dg) != ERR_OK)
		goto fail;
	if (version == 0) {
		if (exec(st, "BEGIN IMMEDIATE", dg) != ERR_OK)
			goto fail;
		if (exec(st, schema, dg) != ERR_OK ||
		    exec(st, "PRAGMA user_version = 1", dg) != ERR_OK ||
		    exec(st, "COMMIT", dg) != ERR_OK) {
			(void)exec(st, "ROLLBACK", NULL);
			goto fail;
		}
	}
	/* The review page's own tables (page pictures, row boxes). */
	if (review_migrate(st->db, dg) != ERR_OK)
		goto fail;
	return st;
fail:
	sqlite3_finalize(q);
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	(void)sqlite3_close(st->db);
	g_free(st);
}

struct sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

/* A member as JSON text (g_free), or NULL. */
static char *
jtext(JsonObject *o, const char *key)
{
	JsonNode *n = jsonget_member(o, key);

	return n != NULL ? json_to_string(n, FALSE) : NULL;
}

static void
bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s != NULL)
		(void)sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
	else
		(void)sqlite3_bind_null(q, i);
}

static void
bind_num(sqlite3_stmt *q, int i, JsonObject *o, const char *key)
{
	double v;

	if (jsonget_num(o, key, &v))
		(void)sqlite3_bind_double(q, i, v);
	else
		(void)sqlite3_bind_null(q, i);
}

static void
bind_int(sqlite3_stmt *q, int i, JsonObject *o, const char *key)
{
	double v;

	if (jsonget_num(o, key, &v) && v >= -9.0e15 && v <= 9.0e15)
		(void)sqlite3_bind_int64(q, i, (sqlite3_int64)v);
	else
		(void)sqlite3_bind_null(q, i);
}

static char *
now_iso(void)
{
	GDateTime *dt = g_date_time_new_now_utc();
	char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");

	g_date_time_unref(dt);
	return s;
}

static enum err
lookup(struct store *st, const char *sql, const char *key, char **a, char **b,
    struct diag *dg)
{
	sqlite3_stmt *q = NULL;
	enum err e = ERR_OK;
	int rc;

	*a = NULL;
	if (b != NULL)
		*b = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
		return db_err(st, dg, "lookup");
	bind_text(q, 1, key);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*a = g_strdup((const char *)sqlite3_column_text(q, 0));
		if (b != NULL)
			*b = g_strdup((const char *)sqlite3_column_text(q, 1));
	} else if (rc != SQLITE_DONE)
		e = db_err(st, dg, "lookup");
	sqlite3_finalize(q);
	return e;
}

enum err
store_lookup(struct store *st, const char *id, char **text, char **outcome,
    struct diag *dg)
{
	return lookup(st, "SELECT record, outcome FROM documents WHERE id = ?",
	    id, text, outcome, dg);
}

enum err
store_find_sha256(struct store *st, const char *sha256, char **id, char **text,
    char **outcome, struct diag *dg)
{
	char *rec = NULL;
	enum err e;

	*text = NULL;
	*outcome = NULL;
	e = lookup(st,
	    "SELECT id, outcome FROM documents WHERE sha256 = ? AND "
	    "duplicate_of IS NULL ORDER BY id LIMIT 1",
	    sha256, id, outcome, dg);
	if (e != ERR_OK || *id == NULL)
		return e;
	e = lookup(st, "SELECT record, outcome FROM documents WHERE id = ?",
	    *id, &rec, NULL, dg);
	*text = rec;
	return e;
}

/* Binds an indicator's columns from 3 on (1 and 2: document and seq). */
static void
bind_indicator(sqlite3_stmt *q, JsonObject *o)
{
	JsonObject *src = jsonget_obj(o, "source");

	bind_text(q, 3, jsonget_str(o, "id"));
	bind_text(q, 4, jsonget_str(o, "code"));
	bind_text(q, 5, jsonget_str(o, "label"));
	bind_text(q, 6, jsonget_str(o, "unit"));
	bind_text(q, 7, jsonget_str(o, "raw"));
	bind_num(q, 8, o, "value");
	bind_text(q, 9, jsonget_str(src, "origin"));
	bind_int(q, 10, src, "page");
	bind_int(q, 11, src, "table");
	bind_int(q, 12, src, "row");
	bind_num(q, 13, o, "confidence");
}

/* Binds a flag's columns from 3 on. */
static void
bind_flag(sqlite3_stmt *q, JsonObject *o)
{
	char *ids = jtext(o, "indicators"), *ev = jtext(o, "evidence");

	bind_text(q, 3,
	    jsonget_str(o, "rule") != NULL ? jsonget_str(o, "rule")
					   : "unknown");
	bind_text(q, 4, jsonget_str(o, "severity"));
	bind_text(q, 5, ids);
	bind_text(q, 6, jsonget_str(o, "message"));
	bind_text(q, 7, jsonget_str(o, "message_en"));
	bind_num(q, 8, o, "expected");
	bind_text(q, 9, ev);
	/* bind_text copies (SQLITE_TRANSIENT). */
	g_free(ids);
	g_free(ev);
}

/*
 * One row of table `what` per object of the record's array `a` (other
 * elements are skipped), with `sql` taking the document id and the
 * element's position first and `bind` the rest.
 */
static enum err
insert_rows(struct store *st, const char *id, JsonArray *a, const char *what,
    const char *sql, void (*bind)(sqlite3_stmt *, JsonObject *),
    struct diag *dg)
{
	sqlite3_stmt *q = NULL;
	guint i, n = a != NULL ? json_array_get_length(a) : 0;
	enum err e = ERR_OK;

	if (n == 0)
		return ERR_OK;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
		return db_err(st, dg, what);
	for (i = 0; i < n && e == ERR_OK; i++) {
		JsonNode *node = json_array_get_element(a, i);

		if (!JSON_NODE_HOLDS_OBJECT(node))
			continue;
		(void)sqlite3_reset(q);
		bind_text(q, 1, id);
		(void)sqlite3_bind_int64(q, 2, i);
		bind(q, json_node_get_object(node));
		if (sqlite3_step(q) != SQLITE_DONE)
			e = db_err(st, dg, what);
	}
	sqlite3_finalize(q);
	return e;
}

static enum err
insert_indicators(
    struct store *st, const char *id, JsonArray *a, struct diag *dg)
{
	return insert_rows(st, id, a, "indicators",
	    "INSERT INTO indicators (document_id, seq, indicator_id, code, "
	    "label, unit, raw, value, origin, page, tbl, row, confidence) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    bind_indicator, dg);
}

static enum err
insert_flags(struct store *st, const char *id, JsonArray *a, struct diag *dg)
{
	return insert_rows(st, id, a, "flags",
	    "INSERT INTO flags (document_id, seq, rule, severity, "
	    "indicators, message, message_en, expected, evidence) "
	    "VALUES (?,?,?,?,?,?,?,?,?)",
	    bind_flag, dg);
}

static enum err
insert_document(struct store *st, const struct store_doc *d, JsonObject *r,
    const char *text, const char *stored, struct diag *dg)
{
	JsonObject *src = jsonget_obj(r, "source"),
		   *err = jsonget_obj(r, "error");
	JsonObject *md = jsonget_obj(r, "metadata"),
		   *per = jsonget_obj(md, "period");
	sqlite3_stmt *q = NULL;
	enum err e = ERR_OK;
	const char *status = jsonget_str(r, "status");

	if (sqlite3_prepare_v2(st->db,
		"INSERT INTO documents (id, name, unit, inbox_path, sha256, "
		"bytes, format, status, outcome, error_code, error_message, "
		"issuer, doc_number, doc_date, period_label, period_from, "
		"period_to, duplicate_of, attempts, received, stored, record) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		-1, &q, NULL) != SQLITE_OK)
		return db_err(st, dg, "documents");
	bind_text(q, 1, d->id);
	bind_text(q, 2, d->name);
	bind_text(q, 3, d->unit);
	bind_text(q, 4, d->inbox_path);
	bind_text(q, 5, jsonget_str(src, "sha256"));
	bind_int(q, 6, src, "bytes");
	bind_text(q, 7, jsonget_str(src, "format"));
	bind_text(q, 8, status != NULL ? status : "failed");
	bind_text(q, 9, d->outcome);
	bind_text(q, 10, jsonget_str(err, "code"));
	bind_text(q, 11, jsonget_str(err, "message"));
	bind_text(q, 12, jsonget_str(md, "issuer"));
	bind_text(q, 13, jsonget_str(md, "doc_number"));
	bind_text(q, 14, jsonget_str(md, "date"));
	bind_text(q, 15, jsonget_str(per, "label"));
	bind_text(q, 16, jsonget_str(per, "from"));
	bind_text(q, 17, jsonget_str(per, "to"));
	bind_text(q, 18, d->duplicate_of);
	(void)sqlite3_bind_int64(q, 19, d->attempts);
	bind_text(q, 20, d->received);
	bind_text(q, 21, stored);
	bind_text(q, 22, text);
	if (sqlite3_step(q) != SQLITE_DONE)
		e = db_err(st, dg, "documents");
	sqlite3_finalize(q);
	return e;
}

static enum err
insert_quarantine(struct store *st, const struct store_doc *d, const char *when,
    struct diag *dg)
{
	sqlite3_stmt *q = NULL;
	enum err e = ERR_OK;

	if (sqlite3_prepare_v2(st->db,
		"INSERT INTO quarantine (document_id, code, reason, attempts, "
		"quarantined) VALUES (?,?,?,?,?)",
		-1, &q, NULL) != SQLITE_OK)
		return db_err(st, dg, "quarantine");
	bind_text(q, 1, d->id);
	bind_text(q, 2, d->reason_code != NULL ? d->reason_code : "rejected");
	bind_text(q, 3, d->reason != NULL ? d->reason : "");
	(void)sqlite3_bind_int64(q, 4, d->attempts);
	bind_text(q, 5, when);
	if (sqlite3_step(q) != SQLITE_DONE)
		e = db_err(st, dg, "quarantine");
	sqlite3_finalize(q);
	return e;
}

enum err
store_commit(struct store *st, const struct store_doc *d, JsonObject *r,
    const char *text, char **stored, char **stored_outcome, struct diag *dg)
{
	char *when = NULL;
	enum err e;

	*stored = NULL;
	*stored_outcome = NULL;
	if (st->readonly)
		return diag_set(dg, ERR_INTERNAL, "database opened read-only");
	e = exec(st, "BEGIN IMMEDIATE", dg);
	if (e != ERR_OK)
		return e;
	/* Keyed by id: a second commit of the same document (after a crash
	 * between this commit and the source's move to done/) keeps the
	 * first record, so the outbox is rewritten from it. */
	e = store_lookup(st, d->id, stored, stored_outcome, dg);
	if (e != ERR_OK || *stored != NULL) {
		(void)exec(st, e == ERR_OK ? "COMMIT" : "ROLLBACK", NULL);
		return e;
	}
	when = now_iso();
	e = insert_document(st, d, r, text, when, dg);
	if (e == ERR_OK)
		e = insert_indicators(
		    st, d->id, jsonget_arr(r, "indicators"), dg);
	if (e == ERR_OK)
		e = insert_flags(st, d->id, jsonget_arr(r, "flags"), dg);
	if (e == ERR_OK && strcmp(d->outcome, "quarantine") == 0)
		e = insert_quarantine(st, d, when, dg);
	if (e == ERR_OK)
		e = exec(st, "COMMIT", dg);
	if (e != ERR_OK) {
		(void)exec(st, "ROLLBACK", NULL);
	} else {
		*stored = g_strdup(text);
		*stored_outcome = g_strdup(d->outcome);
	}
	g_free(when);
	return e;
}

static uint64_t
count(struct store *st, const char *sql, enum err *e, struct diag *dg)
{
	sqlite3_stmt *q = NULL;
	uint64_t n = 0;

	if (*e != ERR_OK)
		return 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW)
		*e = db_err(st, dg, "count");
	else
		n = (uint64_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

enum err
store_counts(struct store *st, struct store_counts *c, struct diag *dg)
{
	enum err e = ERR_OK;

	memset(c, 0, sizeof *c);
	c->documents = count(st, "SELECT count(*) FROM documents", &e, dg);
	c->done = count(st,
	    "SELECT count(*) FROM documents WHERE outcome = 'done'", &e, dg);
	c->quarantined = count(st,
	    "SELECT count(*) FROM documents WHERE outcome = 'quarantine'", &e,
	    dg);
	c->duplicates = count(st,
	    "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL", &e,
	    dg);
	c->indicators = count(st, "SELECT count(*) FROM indicators", &e, dg);
	c->flags = count(st, "SELECT count(*) FROM flags", &e, dg);
	c->reviews = count(st, "SELECT count(*) FROM flag_reviews", &e, dg);
	return e;
}

enum err
store_recent_quarantine(struct store *st, unsigned n, store_quarantine_fn fn,
    void *ctx, struct diag *dg)
{
	sqlite3_stmt *q = NULL;
	enum err e = ERR_OK;
	int rc;

	if (sqlite3_prepare_v2(st->db,
		"SELECT d.id, d.name, d.unit, q.code, q.reason, q.quarantined "
		"FROM quarantine q JOIN documents d ON d.id = q.document_id "
		"ORDER BY q.quarantined DESC, d.id DESC LIMIT ?",
		-1, &q, NULL) != SQLITE_OK)
		return db_err(st, dg, "quarantine");
	(void)sqlite3_bind_int(q, 1, (int)n);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(q, 0),
		    (const char *)sqlite3_column_text(q, 1),
		    (const char *)sqlite3_column_text(q, 2),
		    (const char *)sqlite3_column_text(q, 3),
		    (const char *)sqlite3_column_text(q, 4),
		    (const char *)sqlite3_column_text(q, 5));
	if (rc != SQLITE_DONE)
		e = db_err(st, dg, "quarantine");
	sqlite3_finalize(q);
	return e;
}
