/* SPDX-License-Identifier: MIT */
/*
 * One document: the page's head (crumbs, title, status, error), its
 * page pictures, and the review form's POST.  The content comes from
 * the stored result record (JSON), parsed here with json-glib and read
 * through core/jsonget.h; every string in it is escaped on output.  The
 * cards are drawn by review_page_doc_flags.c and review_page_doc_data.c.
 */
#include <string.h>

#include "review/html.h"
#include "core/jsonget.h"
#include "review/review_page_doc_int.h"

void
page_doc_source(struct page *pg, JsonObject *src)
{
	/* Tables and rows count from 0 in the record, from 1 for a
	 * reader; pages already count from 1. */
	static const struct {
		const char *key;
		enum msg m;
		double base;
	} parts[] = {
		{ "page", M_PAGE, 0 },
		{ "table", M_TABLE, 1 },
		{ "row", M_ROW, 1 },
	};
	const char *origin = jsonget_str(src, "origin");
	bool any = false;
	double v;
	size_t i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!jsonget_num(src, parts[i].key, &v))
			continue;
		html_raw(&pg->body, any ? " · " : "");
		html_text(&pg->body, T(pg, parts[i].m));
		html_textf(&pg->body, " %.0f", v + parts[i].base);
		any = true;
	}
	if (!any && origin != NULL)
		html_text(&pg->body, origin);
}

void
page_doc_value(struct page *pg, JsonObject *o, const char *title)
{
	const char *raw = jsonget_str(o, "raw");
	double v;

	html_raw(&pg->body, "<b>");
	if (jsonget_num(o, "value", &v))
		page_number(pg, &pg->body, v);
	else
		html_text(&pg->body, "—");
	html_raw(&pg->body, "</b>");
	if (raw == NULL)
		return;
	html_raw(&pg->body, "<div class=\"raw\"");
	if (title != NULL) {
		html_raw(&pg->body, " title=\"");
		html_text(&pg->body, title);
		html_raw(&pg->body, "\"");
	}
	html_raw(&pg->body, ">“");
	html_text(&pg->body, raw);
	html_raw(&pg->body, "”</div>");
}

enum review_state
page_doc_flag_state(
    const struct ptrvec *marks, guint idx, const struct review_mark **last)
{
	enum review_state st = REVIEW_OPEN;
	size_t i;

	*last = NULL;
	for (i = 0; i < marks->n; i++) {
		const struct review_mark *m = marks->v[i];

		if (m->idx == idx) {
			st = m->state;
			*last = m;
		}
	}
	return st;
}

/* Crumbs, title with status, the line under it, and the error. */
static void
doc_head(struct page *pg, const struct review_doc *d, JsonObject *rec)
{
	const char *parts[3] = { d->doc_number, page_date(pg, d->date),
		d->period };
	JsonObject *err = jsonget_obj(rec, "error");
	size_t k;

	html_raw(&pg->body, "<p class=\"crumbs\"><a href=\"/\">");
	html_text(&pg->body, T(pg, M_NAV_OVERVIEW));
	html_raw(&pg->body, "</a> ›");
	if (d->period != NULL) {
		html_raw(&pg->body, " <a href=\"/period?p=");
		html_query_value(&pg->body, d->period);
		html_raw(&pg->body, "\">");
		html_text(&pg->body, d->period);
		html_raw(&pg->body, "</a> ›");
	}
	html_raw(&pg->body, "</p><h1>");
	html_text(&pg->body, d->issuer != NULL ? d->issuer : d->name);
	html_raw(&pg->body, " ");
	page_status_badge(pg, d->status);
	html_raw(&pg->body, "</h1><p class=\"sub\">");
	for (k = 0; k < 3; k++) {
		if (parts[k] == NULL)
			continue;
		html_text(&pg->body, parts[k]);
		html_raw(&pg->body, " · ");
	}
	html_elem(&pg->body, "span", "file", d->name);
	html_raw(&pg->body, "</p>");
	if (d->error != NULL || err != NULL) {
		html_raw(&pg->body, "<p class=\"alert\"><b>");
		html_text(&pg->body, T(pg, M_ERROR_DETAIL));
		html_raw(&pg->body, ":</b> ");
		html_text(&pg->body,
		    d->error != NULL ? d->error : jsonget_str(err, "message"));
		html_raw(&pg->body, "</p>");
	}
}

void
page_doc(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct review_store *store = pg->app->store;
	struct review_doc *d;
	const char *record;
	struct ptrvec marks = { 0 }, sizes = { 0 }, boxes = { 0 };
	JsonParser *parser = NULL;
	JsonObject *rec = NULL;
	struct diag diag;

	(void)req;
	(void)resp;
	diag_init(&diag);
	if (review_store_doc(store, m->id[0], pg->arena, &d, &record, &diag) !=
		ERR_OK ||
	    (d != NULL &&
		(review_store_marks(store, d->id, pg->arena, &marks, &diag) !=
			ERR_OK ||
		    review_store_page_sizes(
			store, d->id, pg->arena, &sizes, &diag) != ERR_OK ||
		    review_store_boxes(
			store, d->id, pg->arena, &boxes, &diag) != ERR_OK))) {
		page_error(pg, 500, M_SERVER_ERROR, diag.msg);
		return;
	}
	if (d == NULL) {
		page_error(pg, 404, M_NOT_FOUND, T(pg, M_NOT_FOUND_TEXT));
		return;
	}
	if (record != NULL) {
		parser = json_parser_new();
		if (json_parser_load_from_data(parser, record, -1, NULL) &&
		    json_parser_get_root(parser) != NULL &&
		    JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)))
			rec =
			    json_node_get_object(json_parser_get_root(parser));
	}
	doc_head(pg, d, rec);
	html_raw(&pg->body, "<div class=\"doc-grid\"><div class=\"main\">");
	page_doc_flags(pg, d->id, jsonget_arr(rec, "flags"),
	    jsonget_arr(rec, "indicators"), &marks, &sizes, &boxes);
	page_doc_indicators(pg, jsonget_arr(rec, "indicators"),
	    jsonget_arr(rec, "flags"), &marks);
	html_raw(&pg->body, "</div><aside>");
	page_doc_side(pg, d, rec);
	html_raw(&pg->body, "</aside></div>");
	if (parser != NULL)
		g_object_unref(parser);
	page_send(pg, 200, d->issuer != NULL ? d->issuer : d->name);
}

void
page_doc_image(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct review_image img;
	struct diag diag;
	bool found;

	(void)req;
	diag_init(&diag);
	/* A page number past any document's is the reader's mistake, not
	 * the server's: no such page. */
	found = false;
	if (m->num[0] <= PAGE_DOC_NUM_MAX &&
	    review_store_page_image(pg->app->store, m->id[0],
		(unsigned)m->num[0], pg->arena, &img, &found,
		&diag) != ERR_OK) {
		page_error(pg, 500, M_SERVER_ERROR, diag.msg);
		return;
	}
	if (!found) {
		page_error(pg, 404, M_NOT_FOUND, T(pg, M_NOT_FOUND_TEXT));
		return;
	}
	/* Stored by our own worker as PNG; the browser decodes it, never
	 * this process. */
	http_resp_type(resp, "image/png");
	http_resp_copy(resp, img.png, img.len);
}

void
page_flag_post(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	const char *action = http_req_form(req, "action");
	const char *comment = http_req_form(req, "comment");
	enum review_state st;
	struct diag diag;
	enum err e;
	char *back;

	(void)resp;
	diag_init(&diag);
	if (action != NULL && strcmp(action, "confirm") == 0)
		st = REVIEW_CONFIRMED;
	else if (action != NULL && strcmp(action, "dismiss") == 0)
		st = REVIEW_DISMISSED;
	else {
		page_error(pg, 400, M_BAD_REQUEST, NULL);
		return;
	}
	if (m->num[0] > PAGE_DOC_NUM_MAX) {
		page_error(pg, 404, M_NOT_FOUND, NULL);
		return;
	}
	e = review_store_mark(
	    pg->app->store, m->id[0], (unsigned)m->num[0], st, comment, &diag);
	if (e == ERR_MALFORMED) {
		page_error(pg, 404, M_NOT_FOUND, diag.msg);
		return;
	}
	if (e == ERR_LIMIT) {
		page_error(pg, 413, M_BAD_REQUEST, diag.msg);
		return;
	}
	if (e != ERR_OK) {
		page_error(pg, 500, M_SERVER_ERROR, diag.msg);
		return;
	}
	back = arena_printf(
	    pg->arena, "/doc/%s#flag-%lld", m->id[0], (long long)m->num[0]);
	page_redirect(pg, back != NULL ? back : "/");
}
