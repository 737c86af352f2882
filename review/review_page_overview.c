/* SPDX-License-Identifier: MIT */
/*
 * The overview: filters, counts, the queue and the documents grouped by
 * period, then the quarantine.
 */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "review/html.h"
#include "review/review_int.h"

static const char *const statuses[] = { "queued", "processing", "done",
	"quarantined" };

static void
select_open(struct page *pg, enum msg label, const char *name)
{
	html_raw(&pg->body, "<label><span>");
	html_text(&pg->body, T(pg, label));
	html_raw(&pg->body, "</span><select name=\"");
	html_text(&pg->body, name);
	html_raw(&pg->body, "\"><option value=\"\">");
	html_text(&pg->body, T(pg, M_FILTER_ALL));
	html_raw(&pg->body, "</option>");
}

static void
select_option(
    struct page *pg, const char *value, const char *text, const char *current)
{
	html_raw(&pg->body, "<option value=\"");
	html_text(&pg->body, value);
	html_raw(&pg->body,
	    current != NULL && strcmp(current, value) == 0 ? "\" selected>"
							   : "\">");
	html_text(&pg->body, text);
	html_raw(&pg->body, "</option>");
}

static void
render_filters(struct page *pg, const struct review_filter *f,
    const struct ptrvec *periods, const struct ptrvec *units)
{
	size_t i;

	html_raw(&pg->body,
	    "<form class=\"filters card\" method=\"get\" "
	    "action=\"/\">");
	select_open(pg, M_PERIOD, "period");
	for (i = 0; i < periods->n; i++) {
		const struct review_period *p = periods->v[i];

		select_option(pg, p->label, p->label, f->period);
	}
	html_raw(&pg->body, "</select></label>");
	select_open(pg, M_UNIT, "unit");
	for (i = 0; i < units->n; i++)
		select_option(pg, units->v[i], units->v[i], f->unit);
	html_raw(&pg->body, "</select></label>");
	select_open(pg, M_STATUS, "status");
	for (i = 0; i < G_N_ELEMENTS(statuses); i++)
		select_option(pg, statuses[i],
		    page_status_text(pg, statuses[i]), f->status);
	html_raw(&pg->body, "</select></label><label class=\"grow\"><span>");
	html_text(&pg->body, T(pg, M_SEARCH));
	html_raw(
	    &pg->body, "</span><input type=\"search\" name=\"q\" value=\"");
	html_text(&pg->body, f->q);
	html_raw(&pg->body, "\" placeholder=\"");
	html_text(&pg->body, T(pg, M_SEARCH_HINT));
	html_raw(&pg->body,
	    "\"></label><label class=\"check\"><input "
	    "type=\"checkbox\" name=\"open\" value=\"1\"");
	if (f->open_only)
		html_raw(&pg->body, " checked");
	html_raw(&pg->body, "> ");
	html_text(&pg->body, T(pg, M_OPEN_FLAGS_ONLY));
	html_raw(&pg->body,
	    "</label><div class=\"actions\"><button "
	    "type=\"submit\">");
	html_text(&pg->body, T(pg, M_APPLY));
	html_raw(&pg->body, "</button> <a class=\"button quiet\" href=\"/\">");
	html_text(&pg->body, T(pg, M_CLEAR));
	html_raw(&pg->body, "</a></div></form>");
}

static void
stat_tile(struct page *pg, enum msg label, size_t n, const char *cls)
{
	html_raw(&pg->body, "<div class=\"tile ");
	html_text(&pg->body, cls);
	html_raw(&pg->body, "\"><b>");
	html_textf(&pg->body, "%zu", n);
	html_raw(&pg->body, "</b><span>");
	html_text(&pg->body, T(pg, label));
	html_raw(&pg->body, "</span></div>");
}

/* Files accepted but not stored yet, at the top of the list. */
static void
render_queue(struct page *pg, const struct ptrvec *queue)
{
	size_t i;

	if (queue->n == 0)
		return;
	html_raw(&pg->body, "<tr class=\"group queue\"><th colspan=\"6\">");
	html_text(&pg->body, T(pg, M_QUEUE));
	html_raw(&pg->body, "</th></tr>");
	for (i = 0; i < queue->n; i++) {
		const struct review_queued *q = queue->v[i];
		const char *st = q->processing ? "processing" : "queued";

		html_raw(&pg->body, "<tr><td>");
		if (q->unit != NULL)
			html_elem(&pg->body, "span", "folder", q->unit);
		html_raw(&pg->body, "</td><td></td>");
		html_elem(
		    &pg->body, "td", "nowrap", page_time(pg, q->received));
		html_elem(&pg->body, "td", "file", q->name);
		html_raw(&pg->body, "<td>");
		page_status_badge(pg, st);
		html_raw(&pg->body, "</td><td></td></tr>");
	}
}

static void
render_docs(struct page *pg, const struct ptrvec *docs, size_t total,
    const struct ptrvec *queue)
{
	static const enum msg labels[] = { M_UNIT, M_DOC_NUMBER, M_DATE, M_FILE,
		M_STATUS, M_FLAGS_OPEN };
	static const char *const cls[] = { NULL, NULL, NULL, NULL, NULL,
		"num" };
	const char *group = NULL;
	bool first = true;
	size_t i;

	if (docs->n == 0 && queue->n == 0) {
		html_elem(&pg->body, "p", "empty", T(pg, M_NO_DOCUMENTS));
		return;
	}
	html_raw(&pg->body, "<p class=\"muted\">");
	html_textf(&pg->body, "%zu / %zu ", docs->n, total);
	html_text(&pg->body, T(pg, M_SHOWN_OF));
	html_raw(&pg->body, "</p><table class=\"docs\">");
	page_table_head(pg, labels, cls, G_N_ELEMENTS(labels));
	render_queue(pg, queue);
	for (i = 0; i < docs->n; i++) {
		const struct review_doc *d = docs->v[i];

		if (first || (group == NULL) != (d->period == NULL) ||
		    (group != NULL && strcmp(group, d->period) != 0)) {
			html_raw(&pg->body,
			    "<tr class=\"group\"><th "
			    "colspan=\"6\">");
			if (d->period != NULL)
				page_period_link(pg, d->period);
			else
				html_text(&pg->body, T(pg, M_NO_PERIOD));
			html_raw(&pg->body, "</th></tr>");
			group = d->period;
			first = false;
		}
		html_raw(&pg->body, "<tr class=\"row\"><td>");
		page_doc_link(
		    pg, d->id, d->issuer != NULL ? d->issuer : d->name);
		if (d->folder != NULL) {
			html_raw(&pg->body, " ");
			html_elem(&pg->body, "span", "folder", d->folder);
		}
		if (d->duplicate_of != NULL) {
			html_raw(&pg->body, " ");
			html_elem(
			    &pg->body, "span", "badge", T(pg, M_DUPLICATE));
		}
		html_raw(&pg->body, "</td>");
		html_elem(&pg->body, "td", NULL, d->doc_number);
		html_elem(&pg->body, "td", "nowrap", page_date(pg, d->date));
		html_elem(&pg->body, "td", "file", d->name);
		html_raw(&pg->body, "<td>");
		page_status_badge(pg, d->status);
		html_raw(&pg->body, "</td><td class=\"num\">");
		/* A tick where every flag has been reviewed. */
		page_open_count(pg, d->nopen,
		    d->nflags > 0 ? "<span class=\"count done\">✓</span>"
				  : PAGE_NO_OPEN_FLAGS);
		html_raw(&pg->body, "</td></tr>");
	}
	html_raw(&pg->body, "</tbody></table>");
}

static void
render_quarantine(struct page *pg, const struct ptrvec *q)
{
	size_t i;

	static const enum msg labels[] = { M_FILE, M_REASON, M_RECEIVED };

	html_raw(&pg->body, "<section class=\"card\" id=\"quarantine\">");
	html_elem(&pg->body, "h2", NULL, T(pg, M_QUARANTINE));
	if (q->n == 0) {
		html_elem(&pg->body, "p", "empty", T(pg, M_QUARANTINE_NONE));
		html_raw(&pg->body, "</section>");
		return;
	}
	html_raw(&pg->body, "<table class=\"quarantine\">");
	page_table_head(pg, labels, NULL, G_N_ELEMENTS(labels));
	for (i = 0; i < q->n; i++) {
		const struct review_quarantined *r = q->v[i];

		html_raw(&pg->body, "<tr><td class=\"file\">");
		page_doc_link(pg, r->id, r->name);
		html_raw(&pg->body, "</td><td>");
		html_text(&pg->body, r->reason);
		if (r->code != NULL) {
			html_raw(&pg->body, " ");
			html_elem(&pg->body, "code", NULL, r->code);
		}
		html_raw(&pg->body, "</td>");
		html_elem(&pg->body, "td", "nowrap", page_time(pg, r->at));
		html_raw(&pg->body, "</tr>");
	}
	html_raw(&pg->body, "</tbody></table></section>");
}

void
page_overview(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct review_filter f;
	struct ptrvec docs = { 0 }, periods = { 0 }, units = { 0 }, q = { 0 };
	struct ptrvec queue = { 0 }, shown = { 0 };
	bool want_queue, want_docs;
	size_t total = 0, i, nopen = 0, ndone = 0, nquar = 0;
	struct diag diag;
	const char *st;

	(void)req;
	(void)resp;
	(void)m;
	diag_init(&diag);
	memset(&f, 0, sizeof(f));
	f.period = page_query(pg, "period");
	f.unit = page_query(pg, "unit");
	st = page_query(pg, "status");
	for (i = 0; st != NULL && i < G_N_ELEMENTS(statuses); i++)
		if (strcmp(st, statuses[i]) == 0)
			f.status = statuses[i];
	f.q = page_query(pg, "q");
	f.open_only = page_query(pg, "open") != NULL;
	f.limit = PAGE_DOCS_MAX;
	/* Queued and processing files live in the daemon's queue, the
	 * others in the store. */
	want_queue = f.status == NULL || strcmp(f.status, "queued") == 0 ||
	    strcmp(f.status, "processing") == 0;
	want_docs = f.status == NULL || !want_queue;
	if (!page_queue(pg, &queue, &diag) ||
	    (want_docs &&
		review_store_docs(pg->app->store, &f, pg->arena, &docs, &total,
		    &diag) != ERR_OK) ||
	    review_store_periods(pg->app->store, pg->arena, &periods, &diag) !=
		ERR_OK ||
	    review_store_units(pg->app->store, pg->arena, &units, &diag) !=
		ERR_OK ||
	    review_store_quarantine(pg->app->store, pg->arena, &q, &diag) !=
		ERR_OK) {
		page_error(pg, 500, M_SERVER_ERROR, diag.msg);
		return;
	}
	/* The queue has no period, unit or flags: a filter on those
	 * leaves it out. */
	for (i = 0; want_queue && f.period == NULL && f.unit == NULL &&
	     !f.open_only && i < queue.n;
	     i++) {
		const struct review_queued *e = queue.v[i];

		if ((f.status == NULL ||
			strcmp(f.status,
			    e->processing ? "processing" : "queued") == 0) &&
		    (f.q == NULL ||
			(e->name != NULL && strstr(e->name, f.q) != NULL)))
			(void)ptrvec_push(
			    &shown, pg->arena, (void *)(uintptr_t)e);
	}
	for (i = 0; i < docs.n; i++) {
		const struct review_doc *d = docs.v[i];

		nopen += d->nopen;
		if (d->status != NULL && strcmp(d->status, "done") == 0)
			ndone++;
		if (d->status != NULL && strcmp(d->status, "quarantined") == 0)
			nquar++;
	}
	html_raw(&pg->body, "<h1>");
	html_text(&pg->body, T(pg, M_DOCUMENTS));
	html_raw(&pg->body, "</h1>");
	render_filters(pg, &f, &periods, &units);
	html_raw(&pg->body, "<div class=\"tiles\">");
	stat_tile(pg, M_NDOCS, total, "");
	stat_tile(pg, M_QUEUE, queue.n, "");
	stat_tile(pg, M_ST_DONE, ndone, "ok");
	stat_tile(pg, M_FLAGS_OPEN, nopen, nopen > 0 ? "warn" : "ok");
	stat_tile(pg, M_ST_QUARANTINED, q.n, q.n > 0 ? "bad" : "");
	html_raw(&pg->body, "</div><section class=\"card\">");
	render_docs(pg, &docs, total, &shown);
	html_raw(&pg->body, "</section>");
	render_quarantine(pg, &q);
	(void)nquar;
	page_send(pg, 200, T(pg, M_NAV_OVERVIEW));
}
