/* SPDX-License-Identifier: MIT */
/*
 * The JSON API for aggregation systems (docs/API.md): documents, one
 * document's record with its reviews, indicator values by period and
 * id, flags with their review state, periods and the quarantine.  All
 * JSON is written by json-glib.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "review/review_int.h"

#define API_LIMIT_DEFAULT 100
#define API_LIMIT_MAX     1000

static void
send_json(struct http_resp *resp, unsigned status, JsonBuilder *b)
{
	JsonGenerator *gen = json_generator_new();
	JsonNode *root = json_builder_get_root(b);
	gsize len;
	gchar *text;

	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, TRUE);
	text = json_generator_to_data(gen, &len);
	http_resp_status(resp, status);
	http_resp_type(resp, "application/json; charset=utf-8");
	buf_reset(http_resp_body(resp));
	buf_append(http_resp_body(resp), text, len);
	buf_putc(http_resp_body(resp), '\n');
	g_free(text);
	json_node_unref(root);
	g_object_unref(gen);
}

void
api_error(struct http_resp *resp, unsigned status, const char *code,
    const char *message)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "error");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "code");
	json_builder_add_string_value(b, code);
	json_builder_set_member_name(b, "message");
	json_builder_add_string_value(b, message);
	json_builder_end_object(b);
	json_builder_end_object(b);
	send_json(resp, status, b);
	g_object_unref(b);
}

static void
add_str(JsonBuilder *b, const char *key, const char *val)
{
	json_builder_set_member_name(b, key);
	if (val != NULL)
		json_builder_add_string_value(b, val);
	else
		json_builder_add_null_value(b);
}

static void
add_int(JsonBuilder *b, const char *key, int64_t v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, v);
}

/* Whole numbers without a fraction, as in the result record. */
static void
add_num(JsonBuilder *b, const char *key, bool has, double v)
{
	json_builder_set_member_name(b, key);
	if (!has || !isfinite(v))
		json_builder_add_null_value(b);
	else if (v == floor(v) && fabs(v) < 9.0e15)
		json_builder_add_int_value(b, (gint64)v);
	else
		json_builder_add_double_value(b, v);
}

/* Adds stored JSON text as a value (null when absent or unreadable). */
static void
add_json(JsonBuilder *b, const char *key, const char *text)
{
	JsonNode *n = text != NULL ? json_from_string(text, NULL) : NULL;

	json_builder_set_member_name(b, key);
	if (n != NULL)
		json_builder_add_value(b, n);
	else
		json_builder_add_null_value(b);
}

static const char *
query(struct page *pg, const char *name)
{
	return page_query(pg, name);
}

/* A non-negative integer parameter; false when present but invalid. */
static bool
query_uint(struct page *pg, const char *name, unsigned dflt, unsigned max,
    unsigned *out)
{
	const char *s = query(pg, name);
	guint64 v;

	*out = dflt;
	if (s == NULL)
		return true;
	if (!g_ascii_string_to_unsigned(s, 10, 0, max, &v, NULL))
		return false;
	*out = (unsigned)v;
	return true;
}

static void
add_doc(JsonBuilder *b, const struct review_doc *d)
{
	gchar *href = g_strdup_printf("/api/documents/%s", d->id);

	add_str(b, "id", d->id);
	add_str(b, "name", d->name);
	add_str(b, "unit", d->unit);
	add_str(b, "folder", d->folder);
	add_str(b, "status", d->status);
	add_str(b, "duplicate_of", d->duplicate_of);
	add_str(b, "format", d->format);
	add_str(b, "sha256", d->sha256);
	add_int(b, "bytes", d->bytes);
	add_str(b, "issuer", d->issuer);
	add_str(b, "doc_number", d->doc_number);
	add_str(b, "date", d->date);
	json_builder_set_member_name(b, "period");
	json_builder_begin_object(b);
	add_str(b, "label", d->period);
	add_str(b, "from", d->period_from);
	add_str(b, "to", d->period_to);
	json_builder_end_object(b);
	add_str(b, "received_at", d->received_at);
	add_str(b, "error", d->error);
	json_builder_set_member_name(b, "flags");
	json_builder_begin_object(b);
	add_int(b, "total", d->nflags);
	add_int(b, "open", d->nopen);
	json_builder_end_object(b);
	add_str(b, "href", href);
	g_free(href);
}

void
api_documents(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct review_filter f;
	struct ptrvec docs = { 0 };
	struct diag diag;
	JsonBuilder *b;
	size_t total, i;

	(void)req;
	(void)m;
	diag_init(&diag);
	memset(&f, 0, sizeof(f));
	f.period = query(pg, "period");
	f.unit = query(pg, "unit");
	f.status = query(pg, "status");
	f.q = query(pg, "q");
	f.open_only =
	    query(pg, "open") != NULL && strcmp(query(pg, "open"), "0") != 0;
	if (!query_uint(
		pg, "limit", API_LIMIT_DEFAULT, API_LIMIT_MAX, &f.limit) ||
	    !query_uint(pg, "offset", 0, 1000000000u, &f.offset)) {
		api_error(resp, 400, "bad_parameter",
		    "limit must be 0-1000 and offset a non-negative integer");
		return;
	}
	if (review_store_docs(pg->app->store, &f, pg->arena, &docs, &total,
		&diag) != ERR_OK) {
		api_error(resp, 500, err_name(diag.code), diag.msg);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	add_int(b, "total", (int64_t)total);
	add_int(b, "limit", f.limit);
	add_int(b, "offset", f.offset);
	json_builder_set_member_name(b, "documents");
	json_builder_begin_array(b);
	for (i = 0; i < docs.n; i++) {
		json_builder_begin_object(b);
		add_doc(b, docs.v[i]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}

void
api_document(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct review_doc *d;
	const char *record;
	struct ptrvec marks = { 0 };
	struct diag diag;
	JsonBuilder *b;
	size_t i;

	(void)req;
	diag_init(&diag);
	if (review_store_doc(pg->app->store, m->id[0], pg->arena, &d, &record,
		&diag) != ERR_OK ||
	    (d != NULL &&
		review_store_marks(pg->app->store, d->id, pg->arena, &marks,
		    &diag) != ERR_OK)) {
		api_error(resp, 500, err_name(diag.code), diag.msg);
		return;
	}
	if (d == NULL) {
		api_error(resp, 404, "not_found", "no document with this id");
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "document");
	json_builder_begin_object(b);
	add_doc(b, d);
	json_builder_end_object(b);
	add_json(b, "record", record);
	json_builder_set_member_name(b, "reviews");
	json_builder_begin_array(b);
	for (i = 0; i < marks.n; i++) {
		const struct review_mark *mk = marks.v[i];

		json_builder_begin_object(b);
		add_int(b, "flag", mk->idx);
		add_str(b, "state", review_state_name(mk->state));
		add_str(b, "comment", mk->comment);
		add_str(b, "at", mk->at);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}

void
api_indicators(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	const char *period = query(pg, "period");
	const char *id = query(pg, "id");
	struct ptrvec vals = { 0 };
	struct diag diag;
	JsonBuilder *b;
	size_t i;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (review_store_values(pg->app->store, period, id, pg->arena, &vals,
		&diag) != ERR_OK) {
		api_error(resp, 500, err_name(diag.code), diag.msg);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	add_str(b, "period", period);
	add_str(b, "id", id);
	json_builder_set_member_name(b, "values");
	json_builder_begin_array(b);
	for (i = 0; i < vals.n; i++) {
		const struct review_value *v = vals.v[i];

		json_builder_begin_object(b);
		add_str(b, "document", v->doc_id);
		add_str(b, "unit_name", v->unit_name);
		add_str(b, "issuer", v->issuer);
		add_str(b, "period", v->period);
		add_str(b, "id", v->id);
		add_str(b, "code", v->code);
		add_str(b, "label", v->label);
		add_str(b, "unit", v->unit);
		add_str(b, "raw", v->raw);
		add_num(b, "value", v->has_value, v->value);
		json_builder_set_member_name(b, "source");
		json_builder_begin_object(b);
		add_str(b, "origin", v->origin);
		add_num(b, "page", v->page >= 0, v->page);
		add_num(b, "table", v->table >= 0, v->table);
		add_num(b, "row", v->row >= 0, v->row);
		json_builder_end_object(b);
		json_builder_set_member_name(b, "confidence");
		json_builder_add_double_value(b, v->confidence);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}

void
api_flags(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	const char *period = query(pg, "period");
	const char *state = query(pg, "state");
	const char *docq = query(pg, "document");
	enum review_state st;
	struct ptrvec flags = { 0 };
	struct diag diag;
	JsonBuilder *b;
	size_t i;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (state != NULL && !review_state_parse(state, &st)) {
		api_error(resp, 400, "bad_parameter",
		    "state must be open, confirmed or dismissed");
		return;
	}
	if (review_store_flags(pg->app->store, docq, period, state, pg->arena,
		&flags, &diag) != ERR_OK) {
		api_error(resp, 500, err_name(diag.code), diag.msg);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "flags");
	json_builder_begin_array(b);
	for (i = 0; i < flags.n; i++) {
		const struct review_flag *f = flags.v[i];

		json_builder_begin_object(b);
		add_str(b, "document", f->doc_id);
		add_int(b, "index", f->idx);
		add_str(b, "unit", f->unit_name);
		add_str(b, "issuer", f->issuer);
		add_str(b, "period", f->period);
		add_str(b, "rule", f->rule);
		add_str(b, "severity", f->severity);
		add_json(b, "indicators", f->indicators_json);
		add_str(b, "message", f->message);
		add_str(b, "message_en", f->message_en);
		add_num(b, "expected", f->has_expected, f->expected);
		add_json(b, "evidence", f->evidence_json);
		json_builder_set_member_name(b, "review");
		json_builder_begin_object(b);
		add_str(b, "state", review_state_name(f->state));
		add_str(b, "comment", f->comment);
		add_str(b, "at", f->reviewed_at);
		json_builder_end_object(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}

void
api_periods(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct ptrvec periods = { 0 };
	struct diag diag;
	JsonBuilder *b;
	size_t i;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (review_store_periods(pg->app->store, pg->arena, &periods, &diag) !=
	    ERR_OK) {
		api_error(resp, 500, err_name(diag.code), diag.msg);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "periods");
	json_builder_begin_array(b);
	for (i = 0; i < periods.n; i++) {
		const struct review_period *p = periods.v[i];

		json_builder_begin_object(b);
		add_str(b, "label", p->label);
		add_str(b, "from", p->from);
		add_str(b, "to", p->to);
		add_int(b, "documents", p->ndocs);
		add_int(b, "units", p->nunits);
		add_int(b, "open_flags", p->nopen);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}

void
api_quarantine(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct ptrvec q = { 0 };
	struct diag diag;
	JsonBuilder *b;
	size_t i;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (review_store_quarantine(pg->app->store, pg->arena, &q, &diag) !=
	    ERR_OK) {
		api_error(resp, 500, err_name(diag.code), diag.msg);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "files");
	json_builder_begin_array(b);
	for (i = 0; i < q.n; i++) {
		const struct review_quarantined *r = q.v[i];

		json_builder_begin_object(b);
		add_str(b, "id", r->id);
		add_str(b, "name", r->name);
		add_str(b, "unit", r->unit);
		add_str(b, "reason", r->reason);
		add_str(b, "code", r->code);
		add_str(b, "received_at", r->at);
		add_str(b, "sha256", r->sha256);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}

void
api_queue(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct ptrvec q = { 0 };
	struct diag diag;
	JsonBuilder *b;
	size_t i;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (!page_queue(pg, &q, &diag)) {
		api_error(resp, 500, err_name(diag.code), diag.msg);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "files");
	json_builder_begin_array(b);
	for (i = 0; i < q.n; i++) {
		const struct review_queued *f = q.v[i];

		json_builder_begin_object(b);
		add_str(b, "id", f->id);
		add_str(b, "name", f->name);
		add_str(b, "folder", f->unit);
		add_str(b, "status", f->processing ? "processing" : "queued");
		add_str(b, "received_at", f->received);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}
