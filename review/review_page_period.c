/* SPDX-License-Identifier: MIT */
/*
 * Reporting periods: the list of periods, one period's view (every unit
 * that ever reported against the core indicators, so a missing report
 * stands out), and the export download.
 */
#include <glib.h>
#include <string.h>

#include "review/html.h"
#include "review/review_int.h"

/* The export of `reportd export`: every period, one sheet each. */
static void
export_buttons(struct page *pg)
{
	static const struct {
		const char *fmt;
		enum msg m;
	} kinds[] = { { "csv", M_EXPORT_CSV }, { "xlsx", M_EXPORT_XLSX } };
	size_t i;

	html_raw(&pg->body, "<div class=\"exports\">");
	html_elem(&pg->body, "span", NULL, T(pg, M_EXPORT));
	for (i = 0; i < G_N_ELEMENTS(kinds); i++) {
		if (pg->app->export_fn == NULL) {
			html_elem(&pg->body, "span", "button disabled",
			    T(pg, kinds[i].m));
			continue;
		}
		html_raw(
		    &pg->body, "<a class=\"button\" href=\"/export?format=");
		html_text(&pg->body, kinds[i].fmt);
		html_raw(&pg->body, "\" download>");
		html_text(&pg->body, T(pg, kinds[i].m));
		html_raw(&pg->body, "</a>");
	}
	if (pg->app->export_fn == NULL)
		html_elem(
		    &pg->body, "span", "muted", T(pg, M_EXPORT_UNAVAILABLE));
	html_raw(&pg->body, "</div>");
}

void
page_periods(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	static const enum msg labels[] = { M_PERIOD, M_PERIOD_RANGE, M_NDOCS,
		M_NUNITS, M_FLAGS_OPEN };
	static const char *const cls[] = { NULL, NULL, "num", "num", "num" };
	struct page *pg = ctx;
	struct ptrvec periods = { 0 };
	struct diag diag;
	size_t i;

	(void)req;
	(void)resp;
	(void)m;
	diag_init(&diag);
	if (review_store_periods(pg->app->store, pg->arena, &periods, &diag) !=
	    ERR_OK) {
		page_error(pg, 500, M_SERVER_ERROR, diag.msg);
		return;
	}
	html_elem(&pg->body, "h1", NULL, T(pg, M_PERIODS));
	export_buttons(pg);
	html_raw(&pg->body, "<section class=\"card\"><table>");
	page_table_head(pg, labels, cls, G_N_ELEMENTS(labels));
	for (i = 0; i < periods.n; i++) {
		const struct review_period *p = periods.v[i];
		const unsigned counts[] = { p->ndocs, p->nunits, p->nopen };
		size_t k;

		html_raw(&pg->body, "<tr><td>");
		page_period_link(pg, p->label);
		html_raw(&pg->body, "</td><td class=\"nowrap\">");
		html_text(&pg->body, page_date(pg, p->from));
		html_raw(&pg->body, " – ");
		html_text(&pg->body, page_date(pg, p->to));
		for (k = 0; k < G_N_ELEMENTS(counts); k++) {
			html_raw(&pg->body, "</td><td class=\"num\">");
			html_textf(&pg->body, "%u", counts[k]);
		}
		html_raw(&pg->body, "</td></tr>");
	}
	if (periods.n == 0) {
		html_raw(&pg->body, "<tr><td colspan=\"5\" class=\"empty\">");
		html_text(&pg->body, T(pg, M_NO_DOCUMENTS));
		html_raw(&pg->body, "</td></tr>");
	}
	html_raw(&pg->body, "</tbody></table></section>");
	page_send(pg, 200, T(pg, M_PERIODS));
}

/* The value of `id` in document `doc`, or NULL. */
static const struct review_value *
find_value(const struct ptrvec *vals, const char *doc, const char *id)
{
	size_t i;

	for (i = 0; i < vals->n; i++) {
		const struct review_value *v = vals->v[i];

		if (strcmp(v->doc_id, doc) == 0 && v->id != NULL &&
		    strcmp(v->id, id) == 0)
			return v;
	}
	return NULL;
}

/* True when an open flag of `doc` names indicator `id`. */
static bool
is_flagged(const struct ptrvec *flags, const char *doc, const char *id)
{
	size_t i;

	for (i = 0; i < flags->n; i++) {
		const struct review_flag *f = flags->v[i];
		char *quoted;
		bool hit;

		if (strcmp(f->doc_id, doc) != 0 || f->indicators_json == NULL)
			continue;
		/* Ids are [a-z_.]: a quoted search in the JSON array is
		 * exact. */
		quoted = g_strdup_printf("\"%s\"", id);
		hit = strstr(f->indicators_json, quoted) != NULL;
		g_free(quoted);
		if (hit)
			return true;
	}
	return false;
}

static void
period_row(struct page *pg, const char *unit, const struct review_doc *d,
    const struct ptrvec *vals, const struct ptrvec *flags, size_t ncore)
{
	size_t c;

	html_raw(
	    &pg->body, d == NULL ? "<tr class=\"missing\"><th>" : "<tr><th>");
	if (d != NULL) {
		page_doc_link(pg, d->id, unit);
		/* The inbox folder it came from, when there is one. */
		if (d->folder != NULL && strcmp(d->folder, unit) != 0)
			html_elem(&pg->body, "div", "issuer", d->folder);
	} else
		html_text(&pg->body, unit);
	html_raw(&pg->body, "</th>");
	if (d == NULL) {
		html_raw(&pg->body, "<td colspan=\"");
		html_textf(&pg->body, "%zu", ncore + 1);
		html_raw(&pg->body, "\" class=\"missing-report\">");
		html_text(&pg->body, T(pg, M_MISSING_REPORT));
		html_raw(&pg->body, "</td></tr>");
		return;
	}
	for (c = 0; c < ncore; c++) {
		const char *id = i18n_core_id(c);
		const struct review_value *v = find_value(vals, d->id, id);
		bool flagged = is_flagged(flags, d->id, id);

		if (v == NULL || !v->has_value) {
			html_raw(&pg->body,
			    "<td class=\"num missing-value\" "
			    "title=\"");
			html_text(&pg->body, T(pg, M_MISSING_VALUE));
			html_raw(&pg->body, "\">—</td>");
			continue;
		}
		html_raw(&pg->body,
		    flagged                   ? "<td class=\"num flagged\">"
			: v->confidence < 0.8 ? "<td class=\"num low\">"
					      : "<td class=\"num\">");
		page_number(pg, &pg->body, v->value);
		html_raw(&pg->body, "</td>");
	}
	html_raw(&pg->body, "<td class=\"num\">");
	if (strcmp(d->status, "done") != 0)
		page_status_badge(pg, d->status);
	else
		page_open_count(pg, d->nopen, PAGE_NO_OPEN_FLAGS);
	html_raw(&pg->body, "</td></tr>");
}

void
page_period(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	const char *period = page_query(pg, "p");
	struct review_filter f;
	struct ptrvec docs = { 0 }, units = { 0 }, vals = { 0 };
	struct ptrvec flags = { 0 };
	size_t total, ncore = 0, u, i;
	struct diag diag;

	(void)req;
	(void)resp;
	(void)m;
	diag_init(&diag);
	if (period == NULL) {
		page_redirect(pg, "/periods");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.period = period;
	f.limit = PAGE_DOCS_MAX;
	if (review_store_docs(pg->app->store, &f, pg->arena, &docs, &total,
		&diag) != ERR_OK ||
	    review_store_units(pg->app->store, pg->arena, &units, &diag) !=
		ERR_OK ||
	    review_store_values(pg->app->store, period, NULL, pg->arena, &vals,
		&diag) != ERR_OK ||
	    review_store_flags(pg->app->store, 0, period, "open", pg->arena,
		&flags, &diag) != ERR_OK) {
		page_error(pg, 500, M_SERVER_ERROR, diag.msg);
		return;
	}
	while (i18n_core_id(ncore) != NULL)
		ncore++;
	html_raw(&pg->body, "<p class=\"crumbs\"><a href=\"/periods\">");
	html_text(&pg->body, T(pg, M_PERIODS));
	html_raw(&pg->body, "</a> ›</p><h1>");
	html_text(&pg->body, period);
	html_raw(&pg->body, " <small>");
	html_text(&pg->body, T(pg, M_PERIOD_VIEW));
	html_raw(&pg->body, "</small></h1>");
	export_buttons(pg);
	html_raw(&pg->body,
	    "<section class=\"card scroll\"><table "
	    "class=\"matrix\"><thead><tr><th>");
	html_text(&pg->body, T(pg, M_UNIT));
	html_raw(&pg->body, "</th>");
	for (i = 0; i < ncore; i++) {
		html_raw(&pg->body, "<th class=\"num\" title=\"");
		html_text(&pg->body, i18n_core_id(i));
		html_raw(&pg->body, "\">");
		html_text(&pg->body, i18n_indicator(pg->lang, i18n_core_id(i)));
		html_raw(&pg->body, "</th>");
	}
	html_raw(&pg->body, "<th class=\"num\">");
	html_text(&pg->body, T(pg, M_FLAGS_OPEN));
	html_raw(&pg->body, "</th></tr></thead><tbody>");
	/* Every unit that ever reported gets a row, so one that has not
	 * sent this period's report stands out. */
	for (u = 0; u < units.n; u++) {
		const char *unit = units.v[u];
		bool any = false;

		for (i = 0; i < docs.n; i++) {
			const struct review_doc *d = docs.v[i];

			if (d->unit == NULL || strcmp(d->unit, unit) != 0)
				continue;
			period_row(pg, unit, d, &vals, &flags, ncore);
			any = true;
		}
		if (!any)
			period_row(pg, unit, NULL, &vals, &flags, ncore);
	}
	html_raw(&pg->body, "</tbody></table></section>");
	page_send(pg, 200, period);
}

void
page_export(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	const char *format = page_query(pg, "format");
	const char *type = NULL;
	struct buf *out;
	struct diag diag;

	(void)req;
	(void)m;
	diag_init(&diag);
	if (format == NULL ||
	    (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0)) {
		page_error(pg, 400, M_BAD_REQUEST, NULL);
		return;
	}
	if (pg->app->export_fn == NULL) {
		page_error(pg, 501, M_EXPORT, T(pg, M_EXPORT_UNAVAILABLE));
		return;
	}
	out = http_resp_body(resp);
	if (pg->app->export_fn(pg->app->export_ctx, NULL, format, out, &type,
		&diag) != ERR_OK) {
		buf_reset(out);
		page_error(pg, 500, M_SERVER_ERROR, diag.msg);
		return;
	}
	http_resp_type(resp, type != NULL ? type : "application/octet-stream");
	/* A fixed name: nothing from the request reaches the header. */
	http_resp_header(resp, "Content-Disposition",
	    strcmp(format, "csv") == 0
		? "attachment; filename=\"reportd-export.csv\""
		: "attachment; filename=\"reportd-export.xlsx\"");
}
