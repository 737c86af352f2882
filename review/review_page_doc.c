/* SPDX-License-Identifier: MIT */
/*
 * One document: its flags with evidence and the page regions they came
 * from, review buttons, indicators, sections, metadata and pages.  The
 * content comes from the stored result record (JSON), parsed here with
 * json-glib; every string in it is escaped on output.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "review/html.h"
#include "review/review_migrate.h"
#include "review/review_int.h"

/* Below this confidence a value is marked for checking by eye. */
#define LOW_CONFIDENCE 0.8

static const char *
jstr(JsonObject *o, const char *key)
{
	JsonNode *n;

	if (o == NULL || !json_object_has_member(o, key))
		return NULL;
	n = json_object_get_member(o, key);
	if (n == NULL || JSON_NODE_TYPE(n) != JSON_NODE_VALUE ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

static bool
jnum(JsonObject *o, const char *key, double *out)
{
	JsonNode *n;
	GType t;

	if (o == NULL || !json_object_has_member(o, key))
		return false;
	n = json_object_get_member(o, key);
	if (n == NULL || JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
		return false;
	t = json_node_get_value_type(n);
	if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
		return false;
	*out = json_node_get_double(n);
	return isfinite(*out);
}

static JsonObject *
jobj(JsonObject *o, const char *key)
{
	JsonNode *n;

	if (o == NULL || !json_object_has_member(o, key))
		return NULL;
	n = json_object_get_member(o, key);
	return n != NULL && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n)
						      : NULL;
}

static JsonArray *
jarr(JsonObject *o, const char *key)
{
	JsonNode *n;

	if (o == NULL || !json_object_has_member(o, key))
		return NULL;
	n = json_object_get_member(o, key);
	return n != NULL && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n)
						     : NULL;
}

static JsonObject *
jarr_obj(JsonArray *a, guint i)
{
	JsonNode *n = json_array_get_element(a, i);

	return n != NULL && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n)
						      : NULL;
}

static void
th(struct page *pg, enum msg m, const char *cls)
{
	html_raw(&pg->body, cls != NULL ? "<th class=\"" : "<th");
	if (cls != NULL) {
		html_text(&pg->body, cls);
		html_raw(&pg->body, "\"");
	}
	html_raw(&pg->body, ">");
	html_text(&pg->body, T(pg, m));
	html_raw(&pg->body, "</th>");
}

static void
td_text(struct page *pg, const char *s, const char *cls)
{
	html_raw(&pg->body, cls != NULL ? "<td class=\"" : "<td");
	if (cls != NULL) {
		html_text(&pg->body, cls);
		html_raw(&pg->body, "\"");
	}
	html_raw(&pg->body, ">");
	html_text(&pg->body, s);
	html_raw(&pg->body, "</td>");
}

/* "tr. 3 · bảng 2 · dòng 14" from a source object; numbers shown from
 * 1 as a reader counts. */
static void
source_text(struct page *pg, JsonObject *src)
{
	double page, table, row;
	const char *origin = jstr(src, "origin");
	bool any = false;

	if (jnum(src, "page", &page)) {
		html_text(&pg->body, T(pg, M_PAGE));
		html_textf(&pg->body, " %.0f", page);
		any = true;
	}
	if (jnum(src, "table", &table)) {
		html_raw(&pg->body, any ? " · " : "");
		html_text(&pg->body, T(pg, M_TABLE));
		html_textf(&pg->body, " %.0f", table + 1);
		any = true;
	}
	if (jnum(src, "row", &row)) {
		html_raw(&pg->body, any ? " · " : "");
		html_text(&pg->body, T(pg, M_ROW));
		html_textf(&pg->body, " %.0f", row + 1);
		any = true;
	}
	if (!any && origin != NULL)
		html_text(&pg->body, origin);
}

/* The record's indicator with canonical id `id`, for its printed code
 * and label. */
static JsonObject *
find_indicator(JsonArray *inds, const char *id)
{
	guint i;

	if (inds == NULL || id == NULL)
		return NULL;
	for (i = 0; i < json_array_get_length(inds); i++) {
		JsonObject *o = jarr_obj(inds, i);
		const char *oid = jstr(o, "id");

		if (oid != NULL && strcmp(oid, id) == 0)
			return o;
	}
	return NULL;
}

static const struct review_page_size *
find_page_size(const struct ptrvec *sizes, unsigned page)
{
	size_t i;

	for (i = 0; i < sizes->n; i++) {
		const struct review_page_size *p = sizes->v[i];

		if (p->page == page)
			return p;
	}
	return NULL;
}

/*
 * The page image with the value's box drawn over it by the browser (a
 * positioned element; review.js places it from data attributes, since
 * the CSP forbids inline styles).  The server never decodes the image.
 */
/* The box of the evidence's table row: from the record when it carries
 * one, else as the worker stored it. */
static bool
source_box(JsonObject *src, const struct ptrvec *boxes, double *x0, double *y0,
    double *x1, double *y1)
{
	JsonObject *box = jobj(src, "box");
	double t, r;
	size_t i;

	if (box != NULL && jnum(box, "x0", x0) && jnum(box, "y0", y0) &&
	    jnum(box, "x1", x1) && jnum(box, "y1", y1))
		return true;
	if (!jnum(src, "table", &t) || !jnum(src, "row", &r))
		return false;
	for (i = 0; i < boxes->n; i++) {
		const struct review_rowbox *b = boxes->v[i];

		if (b->table == (int)t && b->row == (int)r) {
			*x0 = b->x0;
			*y0 = b->y0;
			*x1 = b->x1;
			*y1 = b->y1;
			return true;
		}
	}
	return false;
}

static void
region_figure(struct page *pg, const char *doc, JsonArray *ev, double page,
    const struct ptrvec *sizes, const struct ptrvec *boxes)
{
	const struct review_page_size *ps;
	double x0, y0, x1, y1, p;
	bool any = false;
	guint j;

	if (page < 1 || page > 100000)
		return;
	ps = find_page_size(sizes, (unsigned)page);
	if (ps == NULL || ps->width_pt <= 0 || ps->height_pt <= 0)
		return;
	html_raw(&pg->body, "<figure class=\"region\" data-boxes=\"");
	/* The boxes as fractions of the page, so they scale with the
	 * image whatever its resolution. */
	for (j = 0; j < json_array_get_length(ev); j++) {
		JsonObject *src = jobj(jarr_obj(ev, j), "source");

		if (!jnum(src, "page", &p) || p != page ||
		    !source_box(src, boxes, &x0, &y0, &x1, &y1))
			continue;
		html_textf(&pg->body, "%s%.4f %.4f %.4f %.4f", any ? ";" : "",
		    x0 / ps->width_pt, y0 / ps->height_pt, x1 / ps->width_pt,
		    y1 / ps->height_pt);
		any = true;
	}
	html_raw(&pg->body,
	    "\"><div class=\"frame\"><div class=\"sheet\">"
	    "<img loading=\"lazy\" src=\"/doc/");
	html_text(&pg->body, doc);
	html_textf(&pg->body, "/page/%u", ps->page);
	html_raw(&pg->body, "\" alt=\"");
	html_text(&pg->body, T(pg, M_PAGE_IMAGE));
	html_raw(&pg->body, "\"></div></div><figcaption>");
	html_text(&pg->body, T(pg, M_PAGE_IMAGE));
	html_textf(&pg->body, " · %s %u · ", T(pg, M_PAGE), ps->page);
	html_text(&pg->body, T(pg, M_ZOOM_HINT));
	html_raw(&pg->body, "</figcaption></figure>");
}

static void
evidence_table(struct page *pg, JsonArray *ev, JsonArray *inds)
{
	guint i;

	html_raw(&pg->body, "<table class=\"evidence\"><thead><tr>");
	th(pg, M_ID, NULL);
	th(pg, M_LABEL, NULL);
	th(pg, M_VALUE, "num");
	th(pg, M_SOURCE, NULL);
	html_raw(&pg->body, "</tr></thead><tbody>");
	for (i = 0; i < json_array_get_length(ev); i++) {
		JsonObject *e = jarr_obj(ev, i);
		JsonObject *src = jobj(e, "source");
		JsonObject *ind = find_indicator(inds, jstr(e, "id"));
		const char *text = jstr(src, "text");
		double v;

		if (e == NULL)
			continue;
		html_raw(&pg->body, "<tr><td><code>");
		html_text(&pg->body, jstr(e, "id"));
		html_raw(&pg->body, "</code></td><td>");
		if (ind != NULL && jstr(ind, "code") != NULL) {
			html_raw(&pg->body, "<span class=\"code\">");
			html_text(&pg->body, jstr(ind, "code"));
			html_raw(&pg->body, "</span> ");
		}
		html_text(&pg->body, ind != NULL ? jstr(ind, "label") : NULL);
		if (text != NULL) {
			html_raw(&pg->body, "<blockquote>");
			html_text(&pg->body, text);
			html_raw(&pg->body, "</blockquote>");
		}
		html_raw(&pg->body, "</td><td class=\"num\"><b>");
		if (jnum(e, "value", &v))
			page_number(pg, &pg->body, v);
		else
			html_text(&pg->body, "—");
		html_raw(&pg->body, "</b>");
		if (jstr(e, "raw") != NULL) {
			html_raw(&pg->body, "<div class=\"raw\" title=\"");
			html_text(&pg->body, T(pg, M_PRINTED));
			html_raw(&pg->body, "\">“");
			html_text(&pg->body, jstr(e, "raw"));
			html_raw(&pg->body, "”</div>");
		}
		html_raw(&pg->body, "</td><td class=\"nowrap\">");
		source_text(pg, src);
		html_raw(&pg->body, "</td></tr>");
	}
	html_raw(&pg->body, "</tbody></table>");
}

static void
review_form(struct page *pg, const char *doc, guint idx, enum review_state st)
{
	html_raw(&pg->body,
	    "<form class=\"review\" method=\"post\" "
	    "action=\"/doc/");
	html_textf(&pg->body, "%s/flag/%u", doc, idx);
	html_raw(&pg->body, "\">");
	page_csrf_field(pg);
	html_raw(&pg->body,
	    "<textarea name=\"comment\" maxlength=\"2000\" "
	    "rows=\"2\" placeholder=\"");
	html_text(&pg->body, T(pg, M_COMMENT_HINT));
	html_raw(&pg->body, "\" aria-label=\"");
	html_text(&pg->body, T(pg, M_COMMENT));
	html_raw(&pg->body, "\"></textarea><div class=\"actions\">");
	if (st != REVIEW_CONFIRMED) {
		html_raw(&pg->body,
		    "<button name=\"action\" value=\"confirm\" "
		    "class=\"confirm\">");
		html_text(&pg->body, T(pg, M_CONFIRM));
		html_raw(&pg->body, "</button>");
	}
	if (st != REVIEW_DISMISSED) {
		html_raw(&pg->body,
		    "<button name=\"action\" value=\"dismiss\" "
		    "class=\"dismiss\">");
		html_text(&pg->body, T(pg, M_DISMISS));
		html_raw(&pg->body, "</button>");
	}
	html_raw(&pg->body, "</div></form>");
}

static enum review_state
flag_state(
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

static void
history(struct page *pg, const struct ptrvec *marks, guint idx)
{
	bool any = false;
	size_t i;

	for (i = 0; i < marks->n; i++) {
		const struct review_mark *m = marks->v[i];

		if (m->idx != idx)
			continue;
		if (!any)
			html_raw(
			    &pg->body, "<details class=\"history\"><summary>");
		if (!any) {
			html_text(&pg->body, T(pg, M_HISTORY));
			html_raw(&pg->body, "</summary><ol>");
		}
		any = true;
		html_raw(&pg->body, "<li><time>");
		html_text(&pg->body, page_time(pg, m->at));
		html_raw(&pg->body, "</time> <b>");
		html_text(&pg->body, page_state_text(pg, m->state));
		html_raw(&pg->body, "</b>");
		if (m->comment != NULL && *m->comment != '\0') {
			html_raw(&pg->body, ": ");
			html_text(&pg->body, m->comment);
		}
		html_raw(&pg->body, "</li>");
	}
	if (any)
		html_raw(&pg->body, "</ol></details>");
}

static void
render_flags(struct page *pg, const char *doc, JsonArray *flags,
    JsonArray *inds, const struct ptrvec *marks, const struct ptrvec *sizes,
    const struct ptrvec *boxes)
{
	guint i, n = flags != NULL ? json_array_get_length(flags) : 0;

	html_raw(&pg->body, "<section class=\"card\" id=\"flags\"><h2>");
	html_text(&pg->body, T(pg, M_FLAGS));
	html_textf(&pg->body, " (%u)", n);
	html_raw(&pg->body, "</h2>");
	if (n == 0) {
		html_raw(&pg->body, "<p class=\"empty ok\">");
		html_text(&pg->body, T(pg, M_NO_FLAGS));
		html_raw(&pg->body, "</p>");
	}
	for (i = 0; i < n; i++) {
		JsonObject *f = jarr_obj(flags, i);
		JsonArray *ev = jarr(f, "evidence");
		const struct review_mark *last;
		enum review_state st = flag_state(marks, i, &last);
		const char *sev = jstr(f, "severity");
		const char *msg =
		    pg->lang == LANG_EN && jstr(f, "message_en") != NULL
		    ? jstr(f, "message_en")
		    : jstr(f, "message");
		double expected;
		guint j;

		if (f == NULL)
			continue;
		html_raw(&pg->body, "<article class=\"flag sev-");
		html_text(&pg->body, sev != NULL ? sev : "info");
		html_raw(&pg->body, " state-");
		html_text(&pg->body, review_state_name(st));
		html_raw(&pg->body, "\" id=\"");
		html_textf(&pg->body, "flag-%u", i);
		html_raw(&pg->body, "\"><header>");
		html_raw(&pg->body, "<span class=\"badge sev\">");
		html_text(&pg->body, page_severity_text(pg, sev));
		html_raw(&pg->body, "</span> <code class=\"rule\">");
		html_text(&pg->body, jstr(f, "rule"));
		html_raw(&pg->body, "</code><span class=\"state\">");
		html_text(&pg->body, page_state_text(pg, st));
		if (last != NULL) {
			html_raw(&pg->body, " · <time>");
			html_text(&pg->body, page_time(pg, last->at));
			html_raw(&pg->body, "</time>");
		}
		html_raw(&pg->body, "</span></header><p class=\"msg\">");
		html_text(&pg->body, msg);
		html_raw(&pg->body, "</p>");
		if (last != NULL && last->comment != NULL &&
		    *last->comment != '\0') {
			html_raw(&pg->body, "<p class=\"comment\">");
			html_text(&pg->body, last->comment);
			html_raw(&pg->body, "</p>");
		}
		html_raw(&pg->body, "<div class=\"flag-body\">");
		if (ev != NULL && json_array_get_length(ev) > 0) {
			html_raw(&pg->body, "<h3>");
			html_text(&pg->body, T(pg, M_EVIDENCE));
			html_raw(&pg->body, "</h3>");
			evidence_table(pg, ev, inds);
		}
		if (jnum(f, "expected", &expected)) {
			html_raw(&pg->body, "<p class=\"expected\">");
			html_text(&pg->body, T(pg, M_EXPECTED));
			html_raw(&pg->body, ": <b>");
			page_number(pg, &pg->body, expected);
			html_raw(&pg->body, "</b></p>");
		}
		/* One picture per page the evidence came from, with every
		 * cited row on that page highlighted. */
		for (j = 0; ev != NULL && j < json_array_get_length(ev); j++) {
			JsonObject *src = jobj(jarr_obj(ev, j), "source");
			double pj, pk;
			bool seen = false;

			if (!jnum(src, "page", &pj))
				continue;
			for (guint k = 0; k < j && !seen; k++)
				seen = jnum(jobj(jarr_obj(ev, k), "source"),
					   "page", &pk) &&
				    pk == pj;
			if (!seen)
				region_figure(pg, doc, ev, pj, sizes, boxes);
		}
		review_form(pg, doc, i, st);
		history(pg, marks, i);
		html_raw(&pg->body, "</div></article>");
	}
	html_raw(&pg->body, "</section>");
}

static bool
id_in_open_flag(JsonArray *flags, const struct ptrvec *marks, const char *id)
{
	guint i, j;

	if (flags == NULL || id == NULL)
		return false;
	for (i = 0; i < json_array_get_length(flags); i++) {
		JsonArray *ids = jarr(jarr_obj(flags, i), "indicators");
		const struct review_mark *last;

		if (ids == NULL || flag_state(marks, i, &last) != REVIEW_OPEN)
			continue;
		for (j = 0; j < json_array_get_length(ids); j++) {
			const char *s = json_array_get_string_element(ids, j);

			if (s != NULL && strcmp(s, id) == 0)
				return true;
		}
	}
	return false;
}

static void
render_indicators(struct page *pg, JsonArray *inds, JsonArray *flags,
    const struct ptrvec *marks)
{
	guint i, n = inds != NULL ? json_array_get_length(inds) : 0;

	html_raw(&pg->body, "<section class=\"card\" id=\"indicators\"><h2>");
	html_text(&pg->body, T(pg, M_INDICATORS));
	html_textf(&pg->body, " (%u)", n);
	html_raw(&pg->body,
	    "</h2><div class=\"scroll\"><table "
	    "class=\"indicators\"><thead><tr>");
	th(pg, M_CODE, NULL);
	th(pg, M_LABEL, NULL);
	th(pg, M_VALUE, "num");
	th(pg, M_UNIT_OF_MEASURE, NULL);
	th(pg, M_ID, NULL);
	th(pg, M_SOURCE, NULL);
	th(pg, M_CONFIDENCE, "num");
	html_raw(&pg->body, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		JsonObject *o = jarr_obj(inds, i);
		const char *id = jstr(o, "id");
		double v, conf = 1;
		bool low, flagged;

		if (o == NULL)
			continue;
		(void)jnum(o, "confidence", &conf);
		low = conf < LOW_CONFIDENCE;
		flagged = id_in_open_flag(flags, marks, id);
		html_raw(&pg->body, "<tr class=\"");
		html_raw(&pg->body, low ? "low " : "");
		html_raw(&pg->body, flagged ? "flagged" : "");
		html_raw(&pg->body, "\">");
		td_text(pg, jstr(o, "code"), "code nowrap");
		td_text(pg, jstr(o, "label"), NULL);
		html_raw(&pg->body, "<td class=\"num\"><b>");
		if (jnum(o, "value", &v))
			page_number(pg, &pg->body, v);
		else
			html_text(&pg->body, "—");
		html_raw(&pg->body, "</b>");
		if (jstr(o, "raw") != NULL) {
			html_raw(&pg->body, "<div class=\"raw\">“");
			html_text(&pg->body, jstr(o, "raw"));
			html_raw(&pg->body, "”</div>");
		}
		html_raw(&pg->body, "</td>");
		td_text(pg, jstr(o, "unit"), NULL);
		html_raw(&pg->body, "<td>");
		if (id != NULL) {
			html_raw(&pg->body, "<code>");
			html_text(&pg->body, id);
			html_raw(&pg->body, "</code>");
		} else {
			html_raw(&pg->body, "<span class=\"muted\">");
			html_text(&pg->body, T(pg, M_NOT_CANONICAL));
			html_raw(&pg->body, "</span>");
		}
		html_raw(&pg->body, "</td><td class=\"nowrap\">");
		source_text(pg, jobj(o, "source"));
		html_raw(&pg->body, "</td><td class=\"num\">");
		if (low) {
			html_raw(&pg->body, "<span class=\"lowmark\" title=\"");
			html_text(&pg->body, T(pg, M_LOW_CONFIDENCE));
			html_raw(&pg->body, "\">⚠ ");
		}
		html_textf(&pg->body, "%.0f%%", conf * 100);
		if (low)
			html_raw(&pg->body, "</span>");
		html_raw(&pg->body, "</td></tr>");
	}
	html_raw(&pg->body, "</tbody></table></div></section>");
}

static void
dl_item(struct page *pg, enum msg m, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	html_raw(&pg->body, "<dt>");
	html_text(&pg->body, T(pg, m));
	html_raw(&pg->body, "</dt><dd>");
	html_text(&pg->body, value);
	html_raw(&pg->body, "</dd>");
}

static void
render_side(struct page *pg, const struct review_doc *d, JsonObject *rec)
{
	JsonObject *meta = jobj(rec, "metadata");
	JsonObject *period = jobj(meta, "period");
	JsonArray *secs = jarr(rec, "sections");
	JsonArray *pages = jarr(rec, "pages");
	gchar *range = NULL, *size;
	guint i;

	html_raw(&pg->body, "<section class=\"card\"><h2>");
	html_text(&pg->body, T(pg, M_METADATA));
	html_raw(&pg->body, "</h2><dl>");
	dl_item(pg, M_ISSUER, d->issuer);
	dl_item(pg, M_DOC_NUMBER, d->doc_number);
	dl_item(pg, M_DATE, page_date(pg, d->date));
	dl_item(pg, M_PERIOD, d->period);
	if (jstr(period, "from") != NULL || jstr(period, "to") != NULL)
		range = g_strdup_printf("%s – %s",
		    jstr(period, "from") ? page_date(pg, jstr(period, "from"))
					 : "?",
		    jstr(period, "to") ? page_date(pg, jstr(period, "to"))
				       : "?");
	dl_item(pg, M_PERIOD_RANGE, range);
	g_free(range);
	dl_item(pg, M_RECIPIENT, jstr(meta, "recipient"));
	dl_item(pg, M_FILE, d->name);
	dl_item(pg, M_FORMAT, d->format);
	size = g_format_size((guint64)(d->bytes > 0 ? d->bytes : 0));
	dl_item(pg, M_SIZE, size);
	g_free(size);
	dl_item(pg, M_RECEIVED, page_time(pg, d->received_at));
	dl_item(pg, M_SHA256, d->sha256);
	html_raw(&pg->body, "</dl><p><a href=\"/api/documents/");
	html_text(&pg->body, d->id);
	html_raw(&pg->body, "\">");
	html_text(&pg->body, T(pg, M_RAW_JSON));
	html_raw(&pg->body, "</a></p></section>");

	html_raw(&pg->body, "<section class=\"card\"><h2>");
	html_text(&pg->body, T(pg, M_SECTIONS));
	html_raw(&pg->body, "</h2>");
	if (secs == NULL || json_array_get_length(secs) == 0) {
		html_raw(&pg->body, "<p class=\"empty\">");
		html_text(&pg->body, T(pg, M_NO_SECTIONS));
		html_raw(&pg->body, "</p>");
	}
	html_raw(&pg->body, "<ul class=\"sections\">");
	for (i = 0; secs != NULL && i < json_array_get_length(secs); i++) {
		JsonObject *s = jarr_obj(secs, i);
		const char *area = i18n_area(pg->lang, jstr(s, "area"));
		double page;

		html_raw(&pg->body, "<li><span class=\"area\">");
		html_text(&pg->body, area != NULL ? area : jstr(s, "area"));
		html_raw(&pg->body, "</span> ");
		html_text(&pg->body, jstr(s, "heading"));
		if (jnum(s, "page", &page)) {
			html_raw(&pg->body, " <span class=\"muted\">");
			html_textf(&pg->body, "(%s %.0f)", T(pg, M_PAGE), page);
			html_raw(&pg->body, "</span>");
		}
		html_raw(&pg->body, "</li>");
	}
	html_raw(&pg->body, "</ul></section>");

	html_raw(&pg->body, "<section class=\"card\"><h2>");
	html_text(&pg->body, T(pg, M_PAGES));
	html_raw(&pg->body, "</h2><table class=\"pages\"><thead><tr>");
	th(pg, M_PAGE, NULL);
	th(pg, M_METHOD, NULL);
	th(pg, M_CONFIDENCE, "num");
	html_raw(&pg->body, "</tr></thead><tbody>");
	for (i = 0; pages != NULL && i < json_array_get_length(pages); i++) {
		JsonObject *p = jarr_obj(pages, i);
		double n, conf;

		html_raw(&pg->body, "<tr><td>");
		if (jnum(p, "n", &n))
			html_textf(&pg->body, "%.0f", n);
		html_raw(&pg->body, "</td>");
		td_text(pg, jstr(p, "method"), NULL);
		html_raw(&pg->body, "<td class=\"num\">");
		if (jnum(p, "confidence", &conf))
			html_textf(&pg->body, "%.0f%%", conf * 100);
		else
			html_raw(&pg->body, "—");
		html_raw(&pg->body, "</td></tr>");
	}
	html_raw(&pg->body, "</tbody></table></section>");
}

void
page_doc(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	struct review_doc *d;
	const char *record;
	struct ptrvec marks = { 0 }, sizes = { 0 }, boxes = { 0 };
	JsonParser *parser = NULL;
	JsonObject *rec = NULL;
	JsonObject *err;
	struct diag diag;

	(void)req;
	(void)resp;
	diag_init(&diag);
	if (review_store_doc(pg->app->store, m->id[0], pg->arena, &d, &record,
		&diag) != ERR_OK ||
	    (d != NULL &&
		(review_store_marks(pg->app->store, d->id, pg->arena, &marks,
		     &diag) != ERR_OK ||
		    review_store_page_sizes(pg->app->store, d->id, pg->arena,
			&sizes, &diag) != ERR_OK ||
		    review_store_boxes(pg->app->store, d->id, pg->arena, &boxes,
			&diag) != ERR_OK))) {
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
	html_raw(&pg->body, " <span class=\"badge st-");
	html_text(&pg->body, d->status);
	html_raw(&pg->body, "\">");
	html_text(&pg->body, page_status_text(pg, d->status));
	html_raw(&pg->body, "</span></h1><p class=\"sub\">");
	{
		const char *parts[3] = { d->doc_number, page_date(pg, d->date),
			d->period };

		for (size_t k = 0; k < 3; k++) {
			if (parts[k] == NULL)
				continue;
			html_text(&pg->body, parts[k]);
			html_raw(&pg->body, " · ");
		}
	}
	html_raw(&pg->body, "<span class=\"file\">");
	html_text(&pg->body, d->name);
	html_raw(&pg->body, "</span></p>");
	err = jobj(rec, "error");
	if (d->error != NULL || err != NULL) {
		html_raw(&pg->body, "<p class=\"alert\"><b>");
		html_text(&pg->body, T(pg, M_ERROR_DETAIL));
		html_raw(&pg->body, ":</b> ");
		html_text(&pg->body,
		    d->error != NULL ? d->error : jstr(err, "message"));
		html_raw(&pg->body, "</p>");
	}
	html_raw(&pg->body, "<div class=\"doc-grid\"><div class=\"main\">");
	render_flags(pg, d->id, jarr(rec, "flags"), jarr(rec, "indicators"),
	    &marks, &sizes, &boxes);
	render_indicators(
	    pg, jarr(rec, "indicators"), jarr(rec, "flags"), &marks);
	html_raw(&pg->body, "</div><aside>");
	render_side(pg, d, rec);
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
	if (m->num[0] > 100000 ||
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
	if (m->num[0] > 100000) {
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
