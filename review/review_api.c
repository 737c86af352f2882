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

#include "core/jsonput.h"
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

/* Starts an answer: an object whose members follow. */
static JsonBuilder *
answer_new(void)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	return b;
}

/* Opens member `key` as an object; the caller closes it. */
static void
begin_member_object(JsonBuilder *b, const char *key)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_object(b);
}

/* Writes one item of a list into the object opened for it. */
typedef void (*item_fn)(JsonBuilder *, const void *item);

/*
 * Every list answer ends the same way: member `key` holds one object per
 * item, then the answer is closed and sent with 200.  Takes `b`.
 */
static void
send_list(struct http_resp *resp, JsonBuilder *b, const char *key,
    const struct ptrvec *items, item_fn add)
{
	size_t i;

	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (i = 0; i < items->n; i++) {
		json_builder_begin_object(b);
		add(b, items->v[i]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	send_json(resp, 200, b);
	g_object_unref(b);
}

void
api_error(struct http_resp *resp, unsigned status, const char *code,
    const char *message)
{
	JsonBuilder *b = answer_new();

	begin_member_object(b, "error");
	jsonput_str(b, "code", code);
	jsonput_str(b, "message", message);
	json_builder_end_object(b);
	json_builder_end_object(b);
	send_json(resp, status, b);
	g_object_unref(b);
}

/* The store (or the queue) failed: 500 with its reason. */
static void
api_fail(struct http_resp *resp, const struct diag *diag)
{
	api_error(resp, 500, err_name(diag->code), diag->msg);
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

/* A non-negative integer parameter; false when present but invalid. */
static bool
query_uint(struct page *pg, const char *name, unsigned dflt, unsigned max,
    unsigned *out)
{
	const char *s = page_query(pg, name);
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
add_doc(JsonBuilder *b, const void *item)
{
	const struct review_doc *d = item;
	gchar *href = g_strdup_printf("/api/documents/%s", d->id);

	jsonput_str(b, "id", d->id);
	jsonput_str(b, "name", d->name);
	jsonput_str(b, "unit", d->unit);
	jsonput_str(b, "folder", d->folder);
	jsonput_str(b, "status", d->status);
	jsonput_str(b, "duplicate_of", d->duplicate_of);
	jsonput_str(b, "format", d->format);
	jsonput_str(b, "sha256", d->sha256);
	jsonput_int(b, "bytes", d->bytes);
	jsonput_str(b, "issuer", d->issuer);
	jsonput_str(b, "doc_number", d->doc_number);
	jsonput_str(b, "date", d->date);
	begin_member_object(b, "period");
	jsonput_str(b, "label", d->period);
	jsonput_str(b, "from", d->period_from);
	jsonput_str(b, "to", d->period_to);
	json_builder_end_object(b);
	jsonput_str(b, "received_at", d->received_at);
	jsonput_str(b, "error", d->error);
	begin_member_object(b, "flags");
	jsonput_int(b, "total", d->nflags);
	jsonput_int(b, "open", d->nopen);
	json_builder_end_object(b);
	jsonput_str(b, "href", href);
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
	const char *open;
	JsonBuilder *b;
	size_t total;

	(void)req;
	(void)m;
	diag_init(&diag);
	memset(&f, 0, sizeof(f));
	f.period = page_query(pg, "period");
	f.unit = page_query(pg, "unit");
	f.status = page_query(pg, "status");
	f.q = page_query(pg, "q");
	open = page_query(pg, "open");
	f.open_only = open != NULL && strcmp(open, "0") != 0;
	if (!query_uint(
		pg, "limit", API_LIMIT_DEFAULT, API_LIMIT_MAX, &f.limit) ||
	    !query_uint(pg, "offset", 0, 1000000000u, &f.offset)) {
		api_error(resp, 400, "bad_parameter",
		    "limit must be 0-1000 and offset a non-negative integer");
		return;
	}
	if (review_store_docs(pg->app->store, &f, pg->arena, &docs, &total,
		&diag) != ERR_OK) {
		api_fail(resp, &diag);
		return;
	}
	b = answer_new();
	jsonput_int(b, "total", (int64_t)total);
	jsonput_int(b, "limit", f.limit);
	jsonput_int(b, "offset", f.offset);
	send_list(resp, b, "documents", &docs, add_doc);
}

static void
add_mark(JsonBuilder *b, const void *item)
{
	const struct review_mark *mk = item;

	jsonput_int(b, "flag", mk->idx);
	jsonput_str(b, "state", review_state_name(mk->state));
	jsonput_str(b, "comment", mk->comment);
	jsonput_str(b, "at", mk->at);
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

	(void)req;
	diag_init(&diag);
	if (review_store_doc(pg->app->store, m->id[0], pg->arena, &d, &record,
		&diag) != ERR_OK ||
	    (d != NULL &&
		review_store_marks(pg->app->store, d->id, pg->arena, &marks,
		    &diag) != ERR_OK)) {
		api_fail(resp, &diag);
		return;
	}
	if (d == NULL) {
		api_error(resp, 404, "not_found", "no document with this id");
		return;
	}
	b = answer_new();
	begin_member_object(b, "document");
	add_doc(b, d);
	json_builder_end_object(b);
	add_json(b, "record", record);
	send_list(resp, b, "reviews", &marks, add_mark);
}

static void
add_value(JsonBuilder *b, const void *item)
{
	const struct review_value *v = item;

	jsonput_str(b, "document", v->doc_id);
	jsonput_str(b, "unit_name", v->unit_name);
	jsonput_str(b, "issuer", v->issuer);
	jsonput_str(b, "period", v->period);
	jsonput_str(b, "id", v->id);
	jsonput_str(b, "code", v->code);
	jsonput_str(b, "label", v->label);
	jsonput_str(b, "unit", v->unit);
	jsonput_str(b, "raw", v->raw);
	jsonput_num(b, "value", v->has_value, v->value);
	begin_member_object(b, "source");
	jsonput_str(b, "origin", v->origin);
	jsonput_num(b, "page", v->page >= 0, v->page);
	jsonput_num(b, "table", v->table >= 0, v->table);
	jsonput_num(b, "row", v->row >= 0, v->row);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "confidence");
	json_builder_add_double_value(b, v->confidence);
}

void
api_indicators(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	const char *period = page_query(pg, "period");
	const char *id = page_query(pg, "id");
	struct ptrvec vals = { 0 };
	struct diag diag;
	JsonBuilder *b;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (review_store_values(pg->app->store, period, id, pg->arena, &vals,
		&diag) != ERR_OK) {
		api_fail(resp, &diag);
		return;
	}
	b = answer_new();
	jsonput_str(b, "period", period);
	jsonput_str(b, "id", id);
	send_list(resp, b, "values", &vals, add_value);
}

static void
add_flag(JsonBuilder *b, const void *item)
{
	const struct review_flag *f = item;

	jsonput_str(b, "document", f->doc_id);
	jsonput_int(b, "index", f->idx);
	jsonput_str(b, "unit", f->unit_name);
	jsonput_str(b, "issuer", f->issuer);
	jsonput_str(b, "period", f->period);
	jsonput_str(b, "rule", f->rule);
	jsonput_str(b, "severity", f->severity);
	add_json(b, "indicators", f->indicators_json);
	jsonput_str(b, "message", f->message);
	jsonput_str(b, "message_en", f->message_en);
	jsonput_num(b, "expected", f->has_expected, f->expected);
	add_json(b, "evidence", f->evidence_json);
	begin_member_object(b, "review");
	jsonput_str(b, "state", review_state_name(f->state));
	jsonput_str(b, "comment", f->comment);
	jsonput_str(b, "at", f->reviewed_at);
	json_builder_end_object(b);
}

void
api_flags(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	const char *period = page_query(pg, "period");
	const char *state = page_query(pg, "state");
	const char *docq = page_query(pg, "document");
	enum review_state st;
	struct ptrvec flags = { 0 };
	struct diag diag;

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
		api_fail(resp, &diag);
		return;
	}
	send_list(resp, answer_new(), "flags", &flags, add_flag);
}

/* A list the store gives whole, with no parameter. */
typedef enum err (*store_list_fn)(
    struct review_store *, struct arena *, struct ptrvec *, struct diag *);

static void
send_store_list(struct page *pg, struct http_resp *resp, store_list_fn list,
    const char *key, item_fn add)
{
	struct ptrvec items = { 0 };
	struct diag diag;

	diag_init(&diag);
	if (list(pg->app->store, pg->arena, &items, &diag) != ERR_OK) {
		api_fail(resp, &diag);
		return;
	}
	send_list(resp, answer_new(), key, &items, add);
}

static void
add_period(JsonBuilder *b, const void *item)
{
	const struct review_period *p = item;

	jsonput_str(b, "label", p->label);
	jsonput_str(b, "from", p->from);
	jsonput_str(b, "to", p->to);
	jsonput_int(b, "documents", p->ndocs);
	jsonput_int(b, "units", p->nunits);
	jsonput_int(b, "open_flags", p->nopen);
}

void
api_periods(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	(void)req;
	(void)m;
	send_store_list(ctx, resp, review_store_periods, "periods", add_period);
}

static void
add_quarantined(JsonBuilder *b, const void *item)
{
	const struct review_quarantined *r = item;

	jsonput_str(b, "id", r->id);
	jsonput_str(b, "name", r->name);
	jsonput_str(b, "unit", r->unit);
	jsonput_str(b, "reason", r->reason);
	jsonput_str(b, "code", r->code);
	jsonput_str(b, "received_at", r->at);
	jsonput_str(b, "sha256", r->sha256);
}

void
api_quarantine(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	(void)req;
	(void)m;
	send_store_list(
	    ctx, resp, review_store_quarantine, "files", add_quarantined);
}

static void
add_queued(JsonBuilder *b, const void *item)
{
	const struct review_queued *f = item;

	jsonput_str(b, "id", f->id);
	jsonput_str(b, "name", f->name);
	jsonput_str(b, "folder", f->unit);
	jsonput_str(b, "status", f->processing ? "processing" : "queued");
	jsonput_str(b, "received_at", f->received);
}

void
api_queue(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct ptrvec q = { 0 };
	struct diag diag;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (!page_queue(pg, &q, &diag)) {
		api_fail(resp, &diag);
		return;
	}
	send_list(resp, answer_new(), "files", &q, add_queued);
}
